package observed

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"caresim/internal/suggest"
)

// builtinFS holds the built-in observed files, data/NAME.csv, with the
// README that gives their sources and what they leave out.
//
//go:embed data/*.csv
var builtinFS embed.FS

// BuiltinNames returns the names of the built-in observed files, in order:
// mid-notts, Mid-Nottinghamshire's calibration window (2013/14 to
// 2015/16).
func BuiltinNames() []string {
	entries, _ := fs.ReadDir(builtinFS, "data")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	slices.Sort(names)
	return names
}

// IsBuiltin reports whether ref names a built-in observed file rather than
// a file: a name without a path or an extension.
func IsBuiltin(ref string) bool {
	return ref != "" && !strings.ContainsAny(ref, `/\`) && filepath.Ext(ref) == ""
}

// Open reads and checks the observed data ref names: a built-in name
// (mid-notts), read as builtin:NAME, or a file (see [Read]).
func Open(ref string) (*Set, error) {
	if !IsBuiltin(ref) {
		return Read(ref)
	}
	b, err := builtinFS.ReadFile("data/" + ref + ".csv")
	if err != nil {
		msg := fmt.Sprintf("no built-in observed data %s", quote(ref))
		if s, ok := suggest.Closest(ref, BuiltinNames()); ok {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		return nil, fmt.Errorf("%s (the built-ins are %s; a file needs a .csv extension)", msg, strings.Join(BuiltinNames(), ", "))
	}
	return Parse("builtin:"+ref, b)
}
