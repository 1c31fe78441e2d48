package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/input"
	"caresim/sim/care"
	"caresim/sim/des"

	"gopkg.in/yaml.v3"
)

// Options are how [Load] reads a scenario.
type Options struct {
	// Sets are "path=value" overrides, applied in order after extends is
	// merged, as by --set: services.acute.beds=620,
	// interventions.prism.changes[0].scale=0.85. A value is YAML, so a
	// whole mapping may be given: services.ed.treatment={kind: exponential, mean: 1h}.
	Sets []string
	// ReadFile reads scenario files; nil means [ReadFile].
	ReadFile func(name string) ([]byte, error)
}

// MaxFileSize is the most a scenario file may hold, in bytes: 1 MiB, over
// twenty-five times the largest built-in (baseline, 37 kB). A scenario is
// written by a person; a larger file is a mistake, such as a data file
// named by accident.
const MaxFileSize = 1 << 20

// ReadFile reads a scenario file: a regular file (not a device, a named
// pipe or a directory) of at most [MaxFileSize] bytes.
func ReadFile(name string) ([]byte, error) {
	return input.ReadFile(name, MaxFileSize, "a scenario file")
}

// Loaded is a scenario read, merged, overridden and checked.
type Loaded struct {
	Scenario
	// Chain is the files read, the scenario's own first, then what it
	// extends; built-ins are written "builtin:NAME".
	Chain []string
	// Digest is the SHA-256 of every file of Chain and every override, in
	// order: two runs with equal digests ran the same scenario text.
	Digest string
	// Positions maps parameter paths to where they were set.
	Positions Positions
	// Warnings are what a run should tell of the scenario without
	// refusing it, each an *Error at the setting it is about: what Load
	// changed of what the files say (beds set, by --set or by a file
	// extending another, below the beds occupied at the start that a base
	// file set start full), and values far outside the range documented
	// for them (see [Load]). A run reports them.
	Warnings []error
	// Ranges are the ranges the scenario's files document for its
	// parameters (see [Load]), in the order of their paths, each with the
	// scenario's value.
	Ranges []Range

	merged *yaml.Node // the tree after extends and overrides
}

// Resolved returns the scenario as one YAML file: its extends chain merged
// and its overrides applied, with the units and comments as written.
func (l *Loaded) Resolved() ([]byte, error) {
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	n := l.merged
	if n != nil && n.Kind == yaml.MappingNode {
		// The chain is merged in; a resolved file extends nothing.
		if i := keyIndex(n, "extends"); i >= 0 {
			c := *n
			c.Content = append(append([]*yaml.Node(nil), n.Content[:i]...), n.Content[i+2:]...)
			n = &c
		}
	}
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	out := b.String()
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	return []byte(out), nil
}

// maxExtends bounds the length of an extends chain; longer is a mistake.
const maxExtends = 32

// IsBuiltin reports whether ref names a built-in scenario rather than a
// file: it has no extension and no path separator.
func IsBuiltin(ref string) bool {
	return ref != "" && !strings.ContainsAny(ref, `/\`) && filepath.Ext(ref) == ""
}

// Load reads the scenario ref (a file, or a built-in name such as
// "baseline"), follows its extends chain merging each base under it,
// applies opt.Sets, decodes the result into a [Scenario] and checks it.
// Every problem found is returned at once as an [ErrorList], each with the
// file, line and column it comes from.
//
// Merging: mappings merge key by key; a list whose entries all have a name
// merges by name (an entry of the same name merges into the base's, a new
// one is appended); any other value replaces the base's.
//
// The census: a bed pool's beds occupied at the start (occupied) is set
// for the beds of the file that sets it. When a later setting (a --set,
// or a file extending that one) cuts the beds below it, the run starts
// with every bed occupied, as a planner cutting beds from the start
// expects, and Loaded.Warnings says so; both set in one file, or the
// census set after the beds, must agree, and a census above the beds is
// an error.
//
// Documented ranges: a parameter's line comment may document the range
// of values its source supports, as "range A–B" in the value's units
// (ppv: 0.5  # assumption (range 0.3–0.7)); the nearest file of the chain
// that documents one for a parameter wins. A value far outside its range,
// outside [A − w, B + w] for w = B − A, whether set by a file, an override
// or reached by an intervention at the low, central or high end of its
// effects, is a warning in Loaded.Warnings, not an error.
func Load(ref string, opt Options) (*Loaded, error) {
	if opt.ReadFile == nil {
		opt.ReadFile = ReadFile
	}
	l := loader{opt: opt, files: map[*yaml.Node]string{}, sets: map[*yaml.Node]string{}}
	root := l.chain(ref, "", nil, nil)
	if root == nil {
		return nil, l.errs.Err()
	}
	// The problems found so far are each in one file, with that file's
	// own paths; what follows is found in the merged tree.
	inFiles := len(l.errs)
	for i, set := range opt.Sets {
		l.set(root, set, i+1)
	}
	out := &Loaded{Chain: l.chainNames, merged: root}
	d := decoder{file: l.chainNames[0], errs: &l.errs, files: l.files, sets: l.sets, pathUnit: unitOfPath}
	out.Positions = decodeNode(root, &out.Scenario, &d)
	l.fitCensus(out)
	l.check(out, inFiles)
	nm := newNamer(root)
	for _, e := range l.errs[inFiles:] {
		e.Field = nm.path(e.Field)
	}
	l.errs = l.errs.dedupe()
	if len(l.errs) == 0 {
		l.checkRanges(out, root)
	}
	h := sha256.New()
	for _, b := range l.sources {
		fmt.Fprintf(h, "%d\n", len(b))
		h.Write(b)
	}
	for _, s := range opt.Sets {
		fmt.Fprintf(h, "--set %d\n%s", len(s), s)
	}
	out.Digest = hex.EncodeToString(h.Sum(nil))
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

type loader struct {
	opt        Options
	errs       ErrorList
	files      map[*yaml.Node]string
	sets       map[*yaml.Node]string // each override's value, as placed, to its path
	chainNames []string
	sources    [][]byte
	ranges     map[string]docRange // the ranges documented for parameter paths, the nearest file's
}

// chain reads ref, named in file from at node at (nil for the top), and
// everything it extends, and returns the merged tree. seen holds the
// chain so far, to report cycles.
func (l *loader) chain(ref, from string, at *yaml.Node, seen []string) *yaml.Node {
	name, src, err := l.read(ref, from)
	fromLine, fromCol := 1, 1
	if at != nil {
		fromLine, fromCol = at.Line, at.Column
	}
	if err != nil {
		if at == nil {
			l.errs.Add(ref, 0, 0, "", "%v", err) // no file to point into
		} else {
			l.errs.Add(from, fromLine, fromCol, "extends", "%v", err)
		}
		return nil
	}
	if i := slices.Index(seen, name); i >= 0 {
		l.errs.Add(from, fromLine, fromCol, "extends", "circular extends: %s", strings.Join(append(seen[i:], name), " → "))
		return nil
	}
	if len(seen) >= maxExtends {
		l.errs.Add(from, fromLine, fromCol, "extends", "extends chain longer than %d files", maxExtends)
		return nil
	}
	seen = append(seen, name)
	l.chainNames = append(l.chainNames, name)
	l.sources = append(l.sources, src)
	doc := parse(name, src, &l.errs)
	if doc == nil {
		return nil
	}
	root := doc.Content[0]
	l.own(root, name)
	l.collectRanges(root, name, "", 0)
	checkDuplicates(root, name, "", &l.errs)
	if root.Kind != yaml.MappingNode {
		return root // the decoder reports it
	}
	ext := mapValue(root, "extends")
	if ext == nil || ext.Kind != yaml.ScalarNode || ext.Value == "" || ext.Tag == "!!null" {
		return root
	}
	base := l.chain(ext.Value, name, ext, seen)
	if base == nil {
		return nil
	}
	if base.Kind != yaml.MappingNode {
		l.errs.Add(l.files[base], base.Line, base.Column, "", "want a scenario, a mapping of keys to values, not %s", describe(base))
		return nil
	}
	return l.merge(base, root)
}

// read returns the canonical name and text of ref as named from file
// from ("" for the command line).
func (l *loader) read(ref, from string) (string, []byte, error) {
	if IsBuiltin(ref) {
		src, err := fs.ReadFile(builtinFS, "builtin/"+ref+".yaml")
		if err != nil {
			msg := fmt.Sprintf("no built-in scenario %s", quote(ref))
			if s, ok := closest(ref, BuiltinNames()); ok {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return "", nil, errors.New(msg + " (a file needs a .yaml extension)")
		}
		return "builtin:" + ref, src, nil
	}
	path := ref
	if from != "" && !filepath.IsAbs(ref) {
		if b, ok := strings.CutPrefix(from, "builtin:"); ok {
			// A built-in extends only other built-ins.
			return "", nil, fmt.Errorf("built-in %s cannot extend a file (%s)", b, ref)
		}
		path = filepath.Join(filepath.Dir(from), ref)
	}
	src, err := l.opt.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", nil, fmt.Errorf("cannot read %s: %v", path, err)
	}
	return path, src, nil
}

// own records that every node of the tree under n comes from file.
func (l *loader) own(n *yaml.Node, file string) {
	if n == nil {
		return
	}
	if _, done := l.files[n]; done {
		return // an alias target already visited
	}
	l.files[n] = file
	for _, c := range n.Content {
		l.own(c, file)
	}
	if n.Kind == yaml.AliasNode {
		l.own(n.Alias, file)
	}
}

// mapValue returns the value of key in mapping n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// checkDuplicates reports keys given twice in one mapping of one file, and
// names given twice in one list of named things: merging would otherwise
// hide them, a second key's value or a second entry of a name merging into
// the first (so that, in a file that extends another, the first of two
// interventions of one name lost its changes). path is n's parameter path
// in the file, with the names of entries of named lists where they are
// unique, as Load names the paths of other problems.
func checkDuplicates(n *yaml.Node, file, path string, errs *ErrorList) {
	switch n.Kind {
	case yaml.MappingNode:
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			sub := k.Value
			if path != "" {
				sub = path + "." + k.Value
			}
			if line, dup := seen[k.Value]; dup {
				errs.Add(file, k.Line, k.Column, sub, "duplicate key; first set at line %d", line)
				continue
			}
			seen[k.Value] = k.Line
			checkDuplicates(n.Content[i+1], file, sub, errs)
		}
	case yaml.SequenceNode:
		var names map[string]int // name → how many entries have it; nil for a list of other things
		if named(n) {
			names = map[string]int{}
			for _, c := range n.Content {
				names[mapValue(c, "name").Value]++
			}
		}
		first := map[string]int{} // name → the index of its first entry
		for i, c := range n.Content {
			sub := path + "[" + strconv.Itoa(i) + "]"
			if names != nil {
				v := mapValue(c, "name")
				switch j, dup := first[v.Value]; {
				case v.Value == "" || v.Tag == "!!null":
					// The model's checks say it is missing.
				case dup:
					// As the model's check says it (the same problem from
					// a file without extends is reported once).
					errs.Add(file, v.Line, v.Column, sub+".name", "duplicate name %s; also %s[%d]", quote(v.Value), path, j)
				default:
					first[v.Value] = i
				}
				if names[v.Value] == 1 && plainName(v.Value) {
					sub = path + "." + v.Value
				}
			}
			checkDuplicates(c, file, sub, errs)
		}
	}
}

// merge merges overlay onto base and returns the result, reusing nodes of
// both; see [Load] for the rules.
func (l *loader) merge(base, overlay *yaml.Node) *yaml.Node {
	if base.Kind == yaml.AliasNode {
		base = base.Alias
	}
	if overlay.Kind == yaml.AliasNode {
		return overlay
	}
	switch {
	case base.Kind == yaml.MappingNode && overlay.Kind == yaml.MappingNode:
		out := &yaml.Node{Kind: yaml.MappingNode, Tag: overlay.Tag, Line: overlay.Line, Column: overlay.Column}
		l.files[out] = l.files[overlay]
		out.Content = append(out.Content, base.Content...)
		index := make(map[string]int, len(out.Content)/2) // key → its index in out, the first of each
		for i := len(out.Content) - 2; i >= 0; i -= 2 {
			index[out.Content[i].Value] = i
		}
		for i := 0; i+1 < len(overlay.Content); i += 2 {
			k, v := overlay.Content[i], overlay.Content[i+1]
			j, ok := index[k.Value]
			if !ok {
				index[k.Value] = len(out.Content)
				out.Content = append(out.Content, k, v)
				continue
			}
			out.Content[j] = k // errors about the key point at the overlay
			out.Content[j+1] = l.merge(out.Content[j+1], v)
		}
		return out
	case base.Kind == yaml.SequenceNode && overlay.Kind == yaml.SequenceNode && named(base) && named(overlay):
		out := &yaml.Node{Kind: yaml.SequenceNode, Tag: overlay.Tag, Line: overlay.Line, Column: overlay.Column}
		l.files[out] = l.files[overlay]
		out.Content = append(out.Content, base.Content...)
		index := make(map[string]int, len(out.Content)) // name → its index in out, the first of each
		for i := len(out.Content) - 1; i >= 0; i-- {
			index[mapValue(out.Content[i], "name").Value] = i
		}
		for _, e := range overlay.Content {
			name := mapValue(e, "name").Value
			j, ok := index[name]
			if !ok {
				index[name] = len(out.Content)
				out.Content = append(out.Content, e)
				continue
			}
			out.Content[j] = l.merge(out.Content[j], e)
		}
		return out
	}
	return overlay
}

func keyIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// named reports whether every entry of sequence n is a mapping with a
// scalar name.
func named(n *yaml.Node) bool {
	for _, e := range n.Content {
		v := mapValue(e, "name")
		if v == nil || v.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

// set applies override number k ("path=value") to the merged tree. Its
// errors are positioned at --set:k:col.
func (l *loader) set(root *yaml.Node, set string, k int) {
	const file = "--set"
	path, value, ok := strings.Cut(set, "=")
	if !ok {
		l.errs.Add(file, k, 1, "", "want path=value, such as services.acute.beds=620, not %s", quote(set))
		return
	}
	eq := len(path) // the value starts after the '='
	path = strings.TrimSpace(path)
	steps, err := care.ParsePath(path)
	if err != nil {
		l.errs.Add(file, k, 1, path, "%v", err)
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(value), &doc); err != nil || len(doc.Content) == 0 {
		msg := "empty value"
		if err != nil {
			_, msg = yamlErrorLine(err)
		}
		l.errs.Add(file, k, eq+2, path, "bad value %s: %s", quote(value), msg)
		return
	}
	val := doc.Content[0]
	l.relocate(val, k, eq+1)
	if root.Kind != yaml.MappingNode {
		return // the decoder reports the file's own problem
	}
	used := false
	take := func() *yaml.Node { // each place val goes gets its own copy
		n := val
		if used {
			n = l.copyNode(val)
		}
		used = true
		l.sets[n] = path
		return n
	}
	l.place(root, steps, take, "", path, k)
}

// relocate positions the nodes of an override at --set:k, shifting
// columns past "path=".
func (l *loader) relocate(n *yaml.Node, k, shift int) {
	if _, done := l.files[n]; done {
		return
	}
	l.files[n] = "--set"
	n.Line, n.Column = k, n.Column+shift
	for _, c := range n.Content {
		l.relocate(c, k, shift)
	}
}

// copyNode returns a deep copy of an override's node tree, owned by --set.
func (l *loader) copyNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, ch := range n.Content {
		c.Content[i] = l.copyNode(ch)
	}
	l.files[&c] = "--set"
	return &c
}

// place puts val at steps under n, creating mappings on the way.
func (l *loader) place(n *yaml.Node, steps []care.Step, take func() *yaml.Node, at, path string, k int) {
	fail := func(format string, args ...any) {
		l.errs.Add("--set", k, 1, path, format, args...)
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	s := steps[0]
	last := len(steps) == 1
	switch n.Kind {
	case yaml.MappingNode:
		if s.Key == "" {
			fail("%s is a mapping, not a list: %s does not apply", orTop(at), s)
			return
		}
		sub := join(at, s.Key)
		j := keyIndex(n, s.Key)
		if j < 0 {
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s.Key, Line: k, Column: 1}
			l.files[key] = "--set"
			var child *yaml.Node
			if last {
				child = take()
			} else {
				child = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: k, Column: 1}
				l.files[child] = "--set"
			}
			n.Content = append(n.Content, key, child)
			if !last {
				l.place(child, steps[1:], take, sub, path, k)
			}
			return
		}
		if last {
			n.Content[j+1] = take()
			return
		}
		l.place(n.Content[j+1], steps[1:], take, sub, path, k)
	case yaml.SequenceNode:
		var idx []int
		switch {
		case s.All:
			for i := range n.Content {
				idx = append(idx, i)
			}
		case s.IsIndex:
			if s.Index >= len(n.Content) {
				fail("index %d out of range: %s has %d entries", s.Index, orTop(at), len(n.Content))
				return
			}
			idx = []int{s.Index}
		default:
			name := s.Name
			if name == "" {
				name = s.Key
			}
			var names []string
			for i, e := range n.Content {
				if v := mapValue(e, "name"); v != nil {
					names = append(names, v.Value)
					if v.Value == name {
						idx = append(idx, i)
					}
				}
			}
			if len(idx) == 0 {
				msg := fmt.Sprintf("no entry named %s in %s", quote(name), orTop(at))
				if c, ok := closest(name, names); ok {
					msg += fmt.Sprintf("; did you mean %q?", c)
				}
				fail("%s", msg)
				return
			}
		}
		for _, i := range idx {
			sub := at + "[" + strconv.Itoa(i) + "]"
			if last {
				n.Content[i] = take()
				continue
			}
			l.place(n.Content[i], steps[1:], take, sub, path, k)
		}
	default:
		fail("%s is a single value, not a mapping or a list", orTop(at))
	}
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

func orTop(at string) string {
	if at == "" {
		return "the top level"
	}
	return at
}

// fitCensus cuts each bed pool's census to its beds where the beds were
// set later than the census (see [Load]), in the decoded scenario and in
// its merged tree (so that a resolved file says what runs), with a
// warning at the beds' setting.
func (l *loader) fitCensus(s *Loaded) {
	// layer orders the settings: the overrides, then the chain's files
	// from the scenario's own to the last it extends.
	layer := func(file string) int {
		if file == "--set" {
			return 0
		}
		if i := slices.Index(l.chainNames, file); i >= 0 {
			return i + 1
		}
		return -1
	}
	for _, c := range care.Censuses() {
		pb, okb := s.Positions[c.Beds]
		po, oko := s.Positions[c.Occupied]
		if lb, lo := layer(pb.File), layer(po.File); !okb || !oko || lb < 0 || lb >= lo {
			continue
		}
		beds, err1 := s.Params.Numbers(c.Beds)
		occ, err2 := s.Params.Numbers(c.Occupied)
		if err1 != nil || err2 != nil || len(beds) != 1 || len(occ) != 1 {
			continue
		}
		b, o := beds[0].Get(), occ[0].Get()
		if !(b >= 0 && o > b) {
			continue
		}
		occ[0].Set(b)
		if n := nodeAt(s.merged, c.Occupied); n != nil {
			n.Value, n.Tag, n.Style = strconv.Itoa(int(b)), "!!int", 0
			n.LineComment = fmt.Sprintf("# %g in %s, cut to the beds set at %s:%d:%d", o, po.File, pb.File, pb.Line, pb.Col)
		}
		s.Warnings = append(s.Warnings, &Error{File: pb.File, Line: pb.Line, Col: pb.Col, Field: c.Occupied,
			Msg: fmt.Sprintf("%g beds occupied at the start (%s:%d:%d) are more than the %g beds set here, so the run starts with all %g occupied and the warm-up settles the census from there; set %s as well to start from another",
				o, po.File, po.Line, po.Col, b, b, c.Occupied)})
	}
}

// nodeAt returns the value node at a dotted path of mapping keys under
// root, or nil.
func nodeAt(root *yaml.Node, path string) *yaml.Node {
	n := root
	for _, key := range strings.Split(path, ".") {
		if n == nil {
			return nil
		}
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		n = mapValue(n, key)
	}
	if n == nil || n.Kind != yaml.ScalarNode {
		return nil
	}
	return n
}

// check runs the model's and the money's checks and the scenario's own,
// positioning each problem at the parameter it names.
func (l *loader) check(s *Loaded, inFiles int) {
	var problems []error
	if msg := nameProblem(s.Name); msg != "" {
		problems = append(problems, &des.FieldError{Field: "name", Msg: msg})
	}
	// Without replications a run needs --reps; written, they must be
	// runnable.
	if _, set := s.Positions["replications"]; set || s.Replications != 0 {
		if err := s.Params.CheckReplications(s.Replications); err != nil {
			problems = append(problems, &des.FieldError{Field: "replications", Msg: err.Error()})
		}
	}
	problems = append(problems, s.Params.Validate()...)
	problems = append(problems, s.Money.Validate()...)
	if len(s.Money.Organisations) > 0 {
		var orgs []string
		for _, o := range s.Money.Organisations {
			orgs = append(orgs, o.Name)
		}
		for i, iv := range s.Interventions {
			if iv.Payer != "" && !slices.Contains(orgs, iv.Payer) {
				problems = append(problems, &des.FieldError{
					Field: fmt.Sprintf("interventions[%d].payer", i),
					Msg:   fmt.Sprintf("unknown organisation %q; the money section has %s", iv.Payer, strings.Join(orgs, ", ")),
				})
			}
		}
	}
	// A value that failed to decode is zero; checking it again would
	// only repeat the problem in other words. bad holds the fields of
	// those problems (the decoder's and the overrides', whose paths are
	// the merged tree's, not a file's), and near every path that encloses
	// one, so that a check's field is looked up by its own prefixes only:
	// linear in the problems, however many.
	bad, near := map[string]bool{}, map[string]bool{}
	for _, e := range l.errs[inFiles:] {
		if e.Field != "" {
			bad[e.Field] = true
			for _, p := range enclosing(e.Field) {
				near[p] = true
			}
		}
	}
	for _, p := range problems {
		var fe *des.FieldError
		if !errors.As(p, &fe) {
			fe = &des.FieldError{Msg: p.Error()}
		}
		if fe.Field != "" && (bad[fe.Field] || near[fe.Field] || slices.ContainsFunc(enclosing(fe.Field), func(e string) bool { return bad[e] })) {
			continue
		}
		pos := s.Positions.Find(fe.Field)
		if pos.File == "" {
			pos = Pos{File: s.Chain[0], Line: 1, Col: 1}
		}
		l.errs.Add(pos.File, pos.Line, pos.Col, fe.Field, "%s", fe.Msg)
	}
}

// Find returns the position of path, written with list indexes
// (interventions[3].start, as the decoder records them; not the names that
// Load's error messages use), or of the nearest enclosing parameter
// that has one: a problem with a value that was never written (a missing
// key) is reported where its parent is. The zero Pos means none.
func (ps Positions) Find(path string) Pos {
	for path != "" {
		if p, ok := ps[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return ps[""]
}

// related reports whether one parameter path is the other or inside it.
func related(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return b == a || (strings.HasPrefix(b, a) && (b[len(a)] == '.' || b[len(a)] == '['))
}

// namedPath rewrites path as [namer.path] does, for one path: it visits
// only the mappings and lists on the path, once.
func namedPath(root *yaml.Node, path string) string { return newNamer(root).path(path) }

// enclosing returns the parameter paths that enclose path, outermost
// first: services.acute.beds gives services and services.acute, and
// interventions[2].start gives interventions and interventions[2].
func enclosing(path string) []string {
	var out []string
	for i := 1; i < len(path); i++ {
		if path[i] == '.' || path[i] == '[' {
			out = append(out, path[:i])
		}
	}
	return out
}

// namer rewrites parameter paths as [namer.path] says, remembering each
// mapping's keys and each list's names as it meets them, so that naming
// every problem's path is linear in their number rather than in their
// number times the size of the file.
type namer struct {
	root  *yaml.Node
	keys  map[*yaml.Node]map[string]*yaml.Node // mapping → key → value, the first of each
	names map[*yaml.Node]map[string]int        // list → name → how many entries have it
}

func newNamer(root *yaml.Node) *namer {
	return &namer{root: root, keys: map[*yaml.Node]map[string]*yaml.Node{}, names: map[*yaml.Node]map[string]int{}}
}

// value returns the value of key in mapping n, or nil, as mapValue does.
func (nm *namer) value(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	m, ok := nm.keys[n]
	if !ok {
		m = make(map[string]*yaml.Node, len(n.Content)/2)
		for i := len(n.Content) - 2; i >= 0; i -= 2 {
			m[n.Content[i].Value] = n.Content[i+1]
		}
		nm.keys[n] = m
	}
	return m[key]
}

// unique reports whether exactly one entry of list seq has the name.
func (nm *namer) unique(seq *yaml.Node, name string) bool {
	m, ok := nm.names[seq]
	if !ok {
		m = map[string]int{}
		for _, e := range seq.Content {
			if v := mapValue(e, "name"); v != nil {
				m[v.Value]++
			}
		}
		nm.names[seq] = m
	}
	return m[name] == 1
}

// path rewrites the list indexes of path that pick an entry of a list of
// named things into the entry's name, as the tree root holds them:
// interventions[3].changes[0].path becomes interventions.prism.changes[0].path.
// After extends merges lists, an index counts the base's entries too, so a
// name is what the planner can find in the file.
func (nm *namer) path(path string) string {
	steps, err := care.ParsePath(path)
	if err != nil {
		return path
	}
	var b strings.Builder
	n := nm.root
	for _, s := range steps {
		if n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		switch {
		case s.Key != "":
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.Key)
			if n != nil {
				n = nm.value(n, s.Key)
			}
			continue
		case s.IsIndex && n != nil && n.Kind == yaml.SequenceNode && s.Index < len(n.Content):
			seq := n
			n = n.Content[s.Index]
			if v := mapValue(n, "name"); v != nil && v.Kind == yaml.ScalarNode && plainName(v.Value) && nm.unique(seq, v.Value) {
				b.WriteString("." + v.Value)
				continue
			}
		default:
			n = nil
		}
		b.WriteString(s.String())
	}
	return b.String()
}

// plainName reports whether a name can stand in a path after a dot.
func plainName(s string) bool {
	return s != "" && !strings.ContainsAny(s, ".[]= \t") && !(s[0] >= '0' && s[0] <= '9')
}
