package scenarios

import (
	"embed"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// builtinFS holds the built-in scenarios, one file per scenario, named
// NAME.yaml.
//
//go:embed builtin/*.yaml
var builtinFS embed.FS

// Builtin is a built-in scenario's name and one-line description.
type Builtin struct {
	Name        string
	Description string
}

// BuiltinNames returns the names of the built-in scenarios, sorted.
func BuiltinNames() []string {
	entries, _ := fs.ReadDir(builtinFS, "builtin")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	slices.Sort(names)
	return names
}

// Builtins lists the built-in scenarios with their descriptions, read from
// each file's description key.
func Builtins() []Builtin {
	var out []Builtin
	for _, name := range BuiltinNames() {
		b := Builtin{Name: name}
		src, _ := BuiltinSource(name)
		var errs ErrorList
		if root := parse(name, src, &errs); root != nil {
			if v := mapValue(root.Content[0], "description"); v != nil {
				b.Description = v.Value
			}
		}
		out = append(out, b)
	}
	return out
}

// BuiltinSource returns the text of the built-in scenario name, as
// written, with its comments; ok is false when there is none.
func BuiltinSource(name string) (src []byte, ok bool) {
	if !IsBuiltin(name) {
		return nil, false
	}
	src, err := fs.ReadFile(builtinFS, "builtin/"+name+".yaml")
	return src, err == nil
}
