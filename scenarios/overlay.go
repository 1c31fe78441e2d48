package scenarios

import (
	"fmt"
	"strings"

	"caresim/sim/care"

	"gopkg.in/yaml.v3"
)

// Setting is one parameter's value for a scenario file that extends
// another: its path (as --set writes it), its value (as the loader reads
// it) and a comment written after it.
type Setting struct {
	Path, Value, Comment string
}

// Extending returns a scenario file that extends base (a built-in name,
// or a file's path as the new file will name it) and sets each setting,
// in order: each path written as nested mappings, and a list entry (by
// index or by name) as the entry of that name, as l holds it, since a
// file that extends another merges lists of named entries by name. head
// is the file's opening comment, one line a line. It fails for a path
// that crosses a list whose entries have no names, or every entry ([*]),
// which an extending file cannot pick.
func (l *Loaded) Extending(base, head string, settings []Setting) ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	root.Content = append(root.Content, scalar("extends"), scalar(base))
	for _, s := range settings {
		if err := l.set(root, s); err != nil {
			return nil, err
		}
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, HeadComment: head, Content: []*yaml.Node{root}}
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// set writes setting s under root, following l's merged tree to name
// the list entries its path crosses.
func (l *Loaded) set(root *yaml.Node, s Setting) error {
	steps, err := care.ParsePath(s.Path)
	if err != nil {
		return err
	}
	src, dst := l.merged, root
	for i, st := range steps {
		last := i == len(steps)-1
		if src != nil && src.Kind == yaml.AliasNode {
			src = src.Alias
		}
		if src != nil && src.Kind == yaml.SequenceNode && !st.All {
			// A list: its entry by index or by name, written by name.
			var entry *yaml.Node
			switch {
			case st.IsIndex && st.Index < len(src.Content):
				entry = src.Content[st.Index]
			case !st.IsIndex:
				name := st.Name
				if name == "" {
					name = st.Key
				}
				for _, e := range src.Content {
					if v := mapValue(e, "name"); v != nil && v.Value == name {
						entry = e
					}
				}
			}
			var name *yaml.Node
			if entry != nil {
				name = mapValue(entry, "name")
			}
			if name == nil || name.Kind != yaml.ScalarNode {
				return fmt.Errorf("%s: %s is not an entry with a name, which a file that extends another needs to pick it", s.Path, st)
			}
			if dst.Kind != yaml.SequenceNode {
				return fmt.Errorf("%s: %s is not a list here", s.Path, st)
			}
			next := entryNamed(dst, name.Value)
			if next == nil {
				next = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{scalar("name"), scalar(name.Value)}}
				dst.Content = append(dst.Content, next)
			}
			if last {
				return fmt.Errorf("%s: a list entry, not a number", s.Path)
			}
			src, dst = entry, next
			continue
		}
		if st.Key == "" || src == nil || src.Kind != yaml.MappingNode {
			return fmt.Errorf("%s: %s cannot be written in a file that extends another (a [*] or an index of a value the scenario does not hold)", s.Path, st)
		}
		srcNext := mapValue(src, st.Key)
		if last {
			v := scalar(s.Value)
			v.LineComment = s.Comment
			if k := keyIndex(dst, st.Key); k >= 0 {
				dst.Content[k+1] = v
			} else {
				dst.Content = append(dst.Content, scalar(st.Key), v)
			}
			return nil
		}
		next := mapValue(dst, st.Key)
		if next == nil {
			kind := yaml.MappingNode
			if srcNext != nil && srcNext.Kind == yaml.SequenceNode {
				kind = yaml.SequenceNode
			}
			next = &yaml.Node{Kind: kind}
			dst.Content = append(dst.Content, scalar(st.Key), next)
		}
		src, dst = srcNext, next
	}
	return nil
}

// entryNamed returns the entry of list seq whose name is name, or nil.
func entryNamed(seq *yaml.Node, name string) *yaml.Node {
	for _, e := range seq.Content {
		if v := mapValue(e, "name"); v != nil && v.Value == name {
			return e
		}
	}
	return nil
}

// scalar is a plain scalar node of text v.
func scalar(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }

// Value writes x, a value of axis a's parameter in the model's units, as
// the scenario loader reads it back exactly: a duration with its unit in
// days (0.0625d), anything else as a plain number.
func (a *SweepAxis) Value(x float64) string { return formatValue(x, a.Unit) }
