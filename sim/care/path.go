package care

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"caresim/sim/des"
)

// A parameter path names parameters by their keys in a scenario file,
// joined by dots: services.acute.beds. A list element is chosen by index
// (population.age_bands[2]), by name for lists of named things
// (population.localities.Mansfield or population.localities[Mansfield]), or
// all at once with [*] (population.age_bands[*].urgent). Interventions,
// --set overrides and sweeps all use this syntax.

// Step is one step of a parsed parameter path: exactly one of a key, an
// index, a name or "every element".
type Step struct {
	Key   string // a mapping key: beds
	Index int    // a list index when IsIndex: [2]
	Name  string // a list element by name: .Mansfield or [Mansfield]
	All   bool   // every list element: [*]

	IsIndex bool
}

// String returns the step as written in a path, without a leading dot.
func (s Step) String() string {
	switch {
	case s.All:
		return "[*]"
	case s.IsIndex:
		return "[" + strconv.Itoa(s.Index) + "]"
	case s.Name != "":
		return "[" + s.Name + "]"
	}
	return s.Key
}

// ParsePath splits a parameter path into steps. A dotted segment is a Key;
// whether it names a list element instead is decided when the path is
// resolved against a list. It fails on empty segments and malformed
// brackets.
func ParsePath(path string) ([]Step, error) {
	if path == "" {
		return nil, fmt.Errorf("empty parameter path")
	}
	var steps []Step
	rest := path
	for rest != "" {
		// A key up to the next '.' or '['.
		end := strings.IndexAny(rest, ".[")
		if end < 0 {
			end = len(rest)
		}
		key := rest[:end]
		rest = rest[end:]
		// Every segment starts with a key: brackets follow a key directly
		// (age_bands[2]), so "a.[2]" and "[2]" have an empty one.
		if key == "" {
			return nil, fmt.Errorf("parameter path %q: empty name", path)
		}
		if strings.ContainsAny(key, "] \t") {
			return nil, fmt.Errorf("parameter path %q: bad name %q", path, key)
		}
		steps = append(steps, Step{Key: key})
		for strings.HasPrefix(rest, "[") {
			close := strings.IndexByte(rest, ']')
			if close < 0 {
				return nil, fmt.Errorf("parameter path %q: '[' without ']'", path)
			}
			in := rest[1:close]
			rest = rest[close+1:]
			switch {
			case in == "*":
				steps = append(steps, Step{All: true})
			case in == "":
				return nil, fmt.Errorf("parameter path %q: empty []", path)
			default:
				if i, err := strconv.Atoi(in); err == nil {
					if i < 0 {
						return nil, fmt.Errorf("parameter path %q: negative index %d", path, i)
					}
					steps = append(steps, Step{Index: i, IsIndex: true})
				} else {
					steps = append(steps, Step{Name: in})
				}
			}
		}
		if rest == "" {
			break
		}
		if rest[0] != '.' {
			return nil, fmt.Errorf("parameter path %q: want '.' or '[' after %q", path, path[:len(path)-len(rest)])
		}
		rest = rest[1:]
		if rest == "" {
			return nil, fmt.Errorf("parameter path %q: ends with '.'", path)
		}
	}
	return steps, nil
}

// PathError is a parameter path that names nothing. Known lists the keys
// or names that would have been accepted at the failing step, so that a
// caller can suggest the nearest.
type PathError struct {
	Path  string   // the whole path
	At    string   // the path up to and including the failing step
	Msg   string   // what is wrong
	Known []string // the keys or names accepted there, if any
}

func (e *PathError) Error() string { return fmt.Sprintf("parameter path %q: %s", e.Path, e.Msg) }

// Number is one number parameter found by [Params.Numbers]: a float or an
// integer field (such as a bed count) of a Params value.
type Number struct {
	Path string // the concrete path, with indexes: population.age_bands[2].urgent
	Unit string // the field's unit tag: duration, money, fraction, rate, per-head or ""
	v    reflect.Value
}

// Get returns the parameter's value.
func (n Number) Get() float64 {
	if n.v.CanInt() {
		return float64(n.v.Int())
	}
	return n.v.Float()
}

// Set sets the parameter. Integer parameters (capacities) are rounded to
// the nearest whole number.
func (n Number) Set(x float64) {
	if n.v.CanInt() {
		n.v.SetInt(int64(math.Round(x)))
		return
	}
	n.v.SetFloat(x)
}

// Integer reports whether the parameter holds whole numbers.
func (n Number) Integer() bool { return n.v.CanInt() }

// Numbers returns the number parameters of p at path: one, or several for
// a path with [*]. Interventions change them; p must be addressable through
// the pointer, so the Numbers write into p.
func (p *Params) Numbers(path string) ([]Number, error) {
	steps, err := ParsePath(path)
	if err != nil {
		return nil, &PathError{Path: path, At: path, Msg: strings.TrimPrefix(err.Error(), fmt.Sprintf("parameter path %q: ", path))}
	}
	w := walker{path: path}
	out := w.walk(reflect.ValueOf(p).Elem(), steps, "", "")
	if w.err != nil {
		return nil, w.err
	}
	return out, nil
}

// UnitOf returns the unit tag of the number parameter that path names in
// any Params, from the types alone: names and indexes are not checked
// against list contents. It is what a scenario decoder needs to read an
// intervention's "to: 3d" before the rest of the file is known.
func UnitOf(path string) (string, error) {
	steps, err := ParsePath(path)
	if err != nil {
		return "", err
	}
	t := reflect.TypeFor[Params]()
	unit := ""
	for i, s := range steps {
		switch t.Kind() {
		case reflect.Struct:
			if s.Key == "" {
				return "", fmt.Errorf("parameter path %q: %s is not a list", path, s)
			}
			f, ok := fieldByKey(t, s.Key)
			if !ok {
				if why := Retired(joinSteps(steps[:i+1])); why != "" {
					return "", fmt.Errorf("parameter path %q: %s %s", path, joinSteps(steps[:i+1]), why)
				}
				return "", fmt.Errorf("parameter path %q: unknown key %q", path, s.Key)
			}
			t = f.Type
			unit = fieldUnit(f, unit)
			if unit == "@path" {
				unit = "" // known only from the change's own path
			}
		case reflect.Slice:
			if (s.Key != "" || s.Name != "") && !hasNames(t) {
				return "", fmt.Errorf("parameter path %q: %s is a list without names", path, joinSteps(steps[:i]))
			}
			t = t.Elem()
		default:
			return "", fmt.Errorf("parameter path %q: %s is not a mapping", path, joinSteps(steps[:i]))
		}
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
	}
	if !isNumber(t.Kind()) {
		return "", fmt.Errorf("parameter path %q: not a number", path)
	}
	return unit, nil
}

// joinSteps writes steps back as a path: services.acute, age_bands[2].
func joinSteps(steps []Step) string {
	at := ""
	for _, s := range steps {
		at = join(at, s)
	}
	return at
}

func isNumber(k reflect.Kind) bool {
	switch k {
	case reflect.Float64, reflect.Float32, reflect.Int, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

// walker resolves a parsed path against a value, keeping the first error.
type walker struct {
	path string
	err  *PathError
}

func (w *walker) fail(at, msg string, known []string) {
	if w.err == nil {
		w.err = &PathError{Path: w.path, At: at, Msg: msg, Known: known}
	}
}

// walk follows steps from v, whose own path is at and unit is unit.
func (w *walker) walk(v reflect.Value, steps []Step, at, unit string) []Number {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			w.fail(at, "is not set", nil)
			return nil
		}
		v = v.Elem()
	}
	if len(steps) == 0 {
		if !isNumber(v.Kind()) {
			w.fail(at, "names "+describeKind(v.Type())+", not a number", nil)
			return nil
		}
		return []Number{{Path: at, Unit: unit, v: v}}
	}
	s := steps[0]
	switch v.Kind() {
	case reflect.Struct:
		if s.Key == "" {
			w.fail(join(at, s), "is not a list", nil)
			return nil
		}
		f, ok := fieldByKey(v.Type(), s.Key)
		if !ok {
			if why := Retired(join(at, s)); why != "" {
				w.fail(join(at, s), why, nil)
				return nil
			}
			w.fail(join(at, s), fmt.Sprintf("unknown key %q", s.Key), keysOf(v.Type()))
			return nil
		}
		unit = fieldUnit(f, unit)
		if unit == "@path" {
			// An intervention's to or add: the unit of the parameter
			// the change moves.
			unit, _ = UnitOf(v.FieldByName("Path").String())
		}
		return w.walk(v.FieldByIndex(f.Index), steps[1:], join(at, s), unit)
	case reflect.Slice:
		switch {
		case s.All:
			var out []Number
			for i := 0; i < v.Len(); i++ {
				out = append(out, w.walk(v.Index(i), steps[1:], at+"["+strconv.Itoa(i)+"]", unit)...)
			}
			return out
		case s.IsIndex:
			if s.Index >= v.Len() {
				w.fail(join(at, s), fmt.Sprintf("index %d out of range: %s has %d", s.Index, at, v.Len()), nil)
				return nil
			}
			return w.walk(v.Index(s.Index), steps[1:], at+"["+strconv.Itoa(s.Index)+"]", unit)
		}
		name := s.Name
		if name == "" {
			name = s.Key
		}
		names := namesOf(v)
		for i, n := range names {
			if n == name {
				return w.walk(v.Index(i), steps[1:], at+"["+strconv.Itoa(i)+"]", unit)
			}
		}
		if names == nil {
			w.fail(join(at, s), fmt.Sprintf("%s is a list without names: choose an element by [index] or [*]", at), nil)
		} else {
			w.fail(join(at, s), fmt.Sprintf("no element named %q in %s", name, at), names)
		}
		return nil
	}
	w.fail(join(at, s), at+" is not a mapping or a list", nil)
	return nil
}

func join(at string, s Step) string {
	if s.Key != "" && at != "" {
		return at + "." + s.Key
	}
	return at + s.String()
}

// fieldUnit returns the unit of field f inside a value whose unit is
// outer: its unit tag, the outer unit for unit:"@", and "duration" for a
// des.Time.
func fieldUnit(f reflect.StructField, outer string) string {
	switch u := f.Tag.Get("unit"); {
	case u == "@":
		return outer
	case u == "" && f.Type == reflect.TypeFor[des.Time]():
		return "duration"
	default:
		return u
	}
}

func describeKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "a mapping"
	case reflect.Slice:
		return "a list"
	case reflect.Bool:
		return "a true/false switch"
	case reflect.String:
		return "text"
	}
	return "a name" // an enumeration such as a distribution's kind
}

// fieldByKey finds the field of struct type t whose yaml key is key.
func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.IsExported() && yamlKey(f) == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func keysOf(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && yamlKey(f) != "-" {
			keys = append(keys, yamlKey(f))
		}
	}
	return keys
}

func yamlKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "" {
		name = strings.ToLower(f.Name)
	}
	return name
}

// namesOf returns the Name of each element of a list of structs with a
// Name field, or nil when the elements have none.
func namesOf(v reflect.Value) []string {
	if !hasNames(v.Type()) {
		return nil
	}
	f, _ := v.Type().Elem().FieldByName("Name")
	names := make([]string, v.Len())
	for i := range names {
		names[i] = v.Index(i).FieldByIndex(f.Index).String()
	}
	return names
}

// hasNames reports whether the elements of list type t have a Name, so
// that an element can be chosen by name.
func hasNames(t reflect.Type) bool {
	et := t.Elem()
	if et.Kind() != reflect.Struct {
		return false
	}
	f, ok := et.FieldByName("Name")
	return ok && f.Type.Kind() == reflect.String
}
