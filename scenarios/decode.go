package scenarios

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"

	"caresim/sim/care"
	"caresim/sim/des"

	"gopkg.in/yaml.v3"
)

// Positions maps each decoded parameter path (such as
// "services.acute.beds" or "interventions[2].changes[0].scale") to the
// place in the file that set it, so that checks made after decoding can
// point at the right line.
type Positions map[string]Pos

// Pos is a place in a file. Line and Col count from 1.
type Pos struct {
	File      string
	Line, Col int
}

// decoder fills Go values from a yaml.Node tree, strictly: unknown and
// duplicate keys, wrong types and bad units are all reported, each with
// its position and parameter path, and decoding goes on after each so that
// every problem is found in one pass. It decodes straight into the model's
// own parameter types, which carry no YAML code: struct tags say the key
// (`yaml:"name"`) and, for numbers, the planner's unit (`unit:"..."`):
//
//	duration  days, from "4h", "6d", "18mo", "10y"
//	money     pounds, from "£1.2m", "250k", "£395" or a number of pounds
//	fraction  a fraction, from "15%" or a bare fraction such as 0.15
//	factor    a factor, from "85%" or a bare factor such as 0.85
//	rate      per day, from "12 per day", "3.5 per hour", "200 a year" or
//	          a number per day (the field's key, per_day, says so)
//	per-head  per person per day, from "120 per 1000 per year"
//
// A number without a unit where a duration or a rate per head is wanted
// (other than 0) is refused with a [*NoUnitError] suggesting units that
// fit the parameter: never read as days. A des.Time field is a duration
// and a des.Date field a date without a tag. Fields tagged unit:"@path"
// (an intervention's to and add) take the unit of the parameter named by
// the sibling key path, a duration there with a sign (add: -0.5d). Types
// implementing encoding.TextUnmarshaler (such as des.DistKind) decode from
// a scalar's text.
type decoder struct {
	file   string
	errs   *ErrorList
	pos    Positions
	depth  int // current nesting
	budget int // nodes left to visit; aliases can multiply them

	// pathUnit returns the unit tag of the number parameter at a
	// parameter path, for fields tagged unit:"@path"; nil means none.
	pathUnit func(path string) (string, bool)
	// files maps the nodes of a merged tree to the file each came from;
	// nodes not in it are from file.
	files map[*yaml.Node]string
	// sets maps the value of each --set override, as placed in the tree,
	// to the path the override names, so that a message can suggest
	// the override to write.
	sets map[*yaml.Node]string
	// change is the path of the change being decoded, whose to and add
	// take its unit; "" outside a change. step says that the value is
	// its add, a step rather than a value of the parameter.
	change string
	step   bool
}

// Limits on what one file may make the decoder visit: nesting deeper than
// any scenario needs is an alias cycle, and node counts this large come
// only from aliases expanding exponentially ("billion laughs").
const (
	maxDepth = 64
	maxNodes = 1 << 20
)

var (
	timeType   = reflect.TypeFor[des.Time]()
	dateType   = reflect.TypeFor[des.Date]()
	textType   = reflect.TypeFor[encoding.TextUnmarshaler]()
	effectType = reflect.TypeFor[care.Effect]()
)

func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	d.errs.Add(d.fileOf(n), n.Line, n.Column, path, format, args...)
}

// fileOf returns the file node n came from: a tree merged from several
// files (extends, --set) maps its nodes to their files.
func (d *decoder) fileOf(n *yaml.Node) string {
	if f, ok := d.files[n]; ok {
		return f
	}
	return d.file
}

func (d *decoder) record(n *yaml.Node, path string) {
	if d.pos != nil && path != "" {
		d.pos[path] = Pos{File: d.fileOf(n), Line: n.Line, Col: n.Column}
	}
}

// decode fills v (addressable) from n. unit is the field's unit tag.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path, unit string) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.budget--
	if d.depth >= maxDepth || d.budget < 0 {
		if d.budget > -2 || d.depth == maxDepth { // report once, where it happens
			d.errorf(n, path, "nested too deeply or expanded too far by aliases; a scenario needs neither")
		}
		d.budget = -2
		return
	}
	d.depth++
	defer func() { d.depth-- }()
	d.record(n, path)
	if v.Kind() == reflect.Pointer {
		if n.Tag == "!!null" {
			v.SetZero()
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if v.Addr().Type().Implements(textType) && n.Kind == yaml.ScalarNode {
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			d.errorf(n, path, "%v", err)
		}
		return
	}
	switch {
	case v.Type() == timeType:
		unit = "duration"
	case v.Type() == dateType:
		if !d.scalar(n, path, "a date such as 2014-04-01") {
			return
		}
		date, err := ParseDate(n.Value)
		if err != nil {
			d.errorf(n, path, "%v", err)
			return
		}
		v.Set(reflect.ValueOf(date))
		return
	}
	if v.Type() == effectType && n.Kind == yaml.ScalarNode {
		// One number: an effect without uncertainty.
		if !d.scalar(n, path, "a number") {
			return
		}
		x, err := parseUnit(n.Value, unit)
		if err != nil {
			d.unitError(n, path, err)
			return
		}
		v.Set(reflect.ValueOf(care.Effect{Low: x, Central: x, High: x}))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path, unit)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, path, "want a list, not %s", describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i), unit)
		}
		v.Set(s)
	case reflect.Float64, reflect.Float32:
		if !d.scalar(n, path, "a number") {
			return
		}
		x, err := parseUnit(n.Value, unit)
		if err != nil {
			d.unitError(n, path, err)
			return
		}
		v.SetFloat(x)
	case reflect.Int, reflect.Int32, reflect.Int64:
		if !d.scalar(n, path, "a whole number") {
			return
		}
		x, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 10, 64)
		if err != nil || v.OverflowInt(x) {
			d.errorf(n, path, "want a whole number, not %s", quote(n.Value))
			return
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint32, reflect.Uint64:
		if !d.scalar(n, path, "a whole number >= 0") {
			return
		}
		x, err := strconv.ParseUint(strings.ReplaceAll(n.Value, "_", ""), 10, 64)
		if err != nil || v.OverflowUint(x) {
			d.errorf(n, path, "want a whole number >= 0, not %s", quote(n.Value))
			return
		}
		v.SetUint(x)
	case reflect.Bool:
		if !d.scalar(n, path, "true or false") {
			return
		}
		switch n.Value {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			d.errorf(n, path, "want true or false, not %s", quote(n.Value))
		}
	case reflect.String:
		if !d.scalar(n, path, "text") {
			return
		}
		v.SetString(n.Value)
	default:
		// A parameter type the decoder does not know: a programmer's
		// error, reported rather than panicked on.
		d.errorf(n, path, "internal error: cannot decode into %v", v.Type())
	}
}

// unitError reports err, a number's failure to parse at n. A number
// without a unit gets hints fitted to its parameter (the changed one, in a
// change) and, when it is the whole value of a --set, hints written as
// the override to give.
func (d *decoder) unitError(n *yaml.Node, path string, err error) {
	var nu *NoUnitError
	if !errors.As(err, &nu) {
		d.errorf(n, path, "%v", err)
		return
	}
	param := path
	if d.change != "" {
		param = d.change
	}
	size := 1.0
	if d.step {
		size = stepSize
	}
	nu.Hints = unitHints(nu.Kind, nu.Text, nu.Value, param, size)
	if set, ok := d.sets[n]; ok {
		for i, h := range nu.Hints {
			nu.Hints[i] = "--set " + set + "=" + h
		}
	}
	d.errorf(n, path, "%v", nu)
}

// siblingPath returns the value of the "path" key of mapping n (an
// intervention's change), or "" when there is none; the path itself is
// checked after decoding.
func siblingPath(n *yaml.Node) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == "path" && v.Kind == yaml.ScalarNode {
			return v.Value
		}
	}
	return ""
}

// changeUnit returns the unit of an intervention change's to and add
// for a parameter of unit u: u, except that a duration there may be
// negative, as a change to it may be (the result is checked).
func changeUnit(u string) string {
	if u == "duration" {
		return "signed-duration"
	}
	return u
}

// scalar reports whether n is a scalar, and reports an error if not.
func (d *decoder) scalar(n *yaml.Node, path, want string) bool {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return true
	}
	d.errorf(n, path, "want %s, not %s", want, describe(n))
	return false
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path, unit string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "want a mapping of keys to values, not %s", describe(n))
		return
	}
	fields := structFields(v.Type())
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		sub := key
		if path != "" {
			sub = path + "." + key
		}
		if prev, dup := seen[key]; dup {
			d.errorf(k, sub, "duplicate key; first set at line %d", prev.Line)
			continue
		}
		seen[key] = k
		f, ok := fields.byName[key]
		if !ok {
			if why := care.Retired(sub); why != "" {
				d.errorf(k, sub, "%s", why)
				continue
			}
			msg := fmt.Sprintf("unknown key %s", quote(key))
			if s, ok := closest(key, fields.names); ok {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				// Every known key, however many: the services section
				// has more than twenty, and a misspelt service that is
				// near none of them is otherwise left without a hint.
				msg += "; known keys: " + strings.Join(fields.names, ", ")
			}
			d.errorf(k, sub, "%s", msg)
			continue
		}
		fu := f.unit
		switch fu {
		case "@":
			fu = unit
		case "@path":
			fu = ""
			outer, step := d.change, d.step
			d.change, d.step = siblingPath(n), key == "add"
			if d.pathUnit != nil && d.change != "" {
				u, _ := d.pathUnit(d.change)
				fu = changeUnit(u)
			}
			d.decode(val, v.FieldByIndex(f.index), sub, fu)
			d.change, d.step = outer, step
			continue
		}
		d.decode(val, v.FieldByIndex(f.index), sub, fu)
	}
}

type fieldInfo struct {
	index []int
	unit  string
}

type fieldSet struct {
	byName map[string]fieldInfo
	names  []string // in declaration order, for messages
}

// structFields lists the YAML keys of a struct type: exported fields by
// their yaml tag name (or lower-cased name), skipping `yaml:"-"`.
func structFields(t reflect.Type) fieldSet {
	fs := fieldSet{byName: map[string]fieldInfo{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && opts == "inline" && f.Type.Kind() == reflect.Struct {
			inner := structFields(f.Type)
			for _, n := range inner.names {
				fi := inner.byName[n]
				fi.index = append(append([]int(nil), f.Index...), fi.index...)
				fs.byName[n] = fi
				fs.names = append(fs.names, n)
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fs.byName[name] = fieldInfo{index: f.Index, unit: f.Tag.Get("unit")}
		fs.names = append(fs.names, name)
	}
	return fs
}

// parseUnit reads a number in the given unit (see [decoder]).
func parseUnit(s, unit string) (float64, error) {
	switch unit {
	case "duration":
		t, err := ParseDuration(s)
		return float64(t), err
	case "signed-duration":
		t, err := ParseSignedDuration(s)
		return float64(t), err
	case "factor":
		return ParseFactor(s)
	case "money":
		return ParseMoney(s)
	case "fraction":
		return ParsePercent(s)
	case "rate":
		return ParseRate(s)
	case "per-head":
		return ParsePopulationRate(s)
	case "":
		x, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, fmt.Errorf("want a number, not %s", quote(s))
		}
		return x, nil
	}
	return 0, fmt.Errorf("internal error: unknown unit tag %q", unit)
}

// describe names a node's kind for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return quote(n.Value)
	}
	return "an unexpected node"
}

// Decode parses YAML src from file and fills v, a pointer to a parameter
// struct, reporting every problem as an [ErrorList] with positions. It
// returns the positions of every parameter set, for later checks. Empty
// input, input that is not YAML and more than one YAML document are errors
// too; every error has a line and column. Decode does not follow extends
// or check values; [Load] does both.
func Decode(file string, src []byte, v any) (Positions, error) {
	var errs ErrorList
	root := parse(file, src, &errs)
	if root == nil {
		return nil, errs.Err()
	}
	pos := decodeNode(root, v, &decoder{file: file, errs: &errs, pathUnit: unitOfPath})
	return pos, errs.Err()
}

// parse reads one YAML document, reporting an empty file, a syntax error
// or a second document to errs. It returns nil when there is nothing to
// decode.
func parse(file string, src []byte, errs *ErrorList) *yaml.Node {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	err := dec.Decode(&root)
	switch {
	case errors.Is(err, io.EOF) || (err == nil && len(root.Content) == 0):
		errs.Add(file, 1, 1, "", "empty file: want a scenario")
		return nil
	case err != nil:
		line, col, msg := yamlErrorAt(src, err)
		errs.Add(file, line, col, "", "not valid YAML: %s", msg)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil {
			line, _ = yamlErrorLine(err)
		}
		errs.Add(file, max(line, 1), 1, "", "more than one YAML document: a scenario file holds one")
	}
	return &root
}

// decodeNode fills v from root with decoder d (whose errs and file are
// set) and returns the positions of the parameters set.
func decodeNode(root *yaml.Node, v any, d *decoder) Positions {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		d.errs.Add(d.file, 1, 1, "", "internal error: decoding needs a non-nil pointer, not %T", v)
		return nil
	}
	d.pos = Positions{}
	d.budget = maxNodes
	d.decode(root, rv.Elem(), "", "")
	return d.pos
}

// yamlErrorLine splits a yaml.v3 error such as "yaml: line 3: did not find
// expected key" into its line (1 when it names none) and message.
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(num); err == nil && l > 0 {
				return l, after
			}
		}
	}
	return 1, msg
}

// unitOfPath is the unit of a care parameter path, for changes'
// to: and add: values.
func unitOfPath(p string) (string, bool) {
	u, err := care.UnitOf(p)
	return u, err == nil
}
