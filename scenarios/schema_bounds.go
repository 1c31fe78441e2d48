package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"sync"

	"caresim/sim/care"
	"caresim/sim/des"
)

// This file finds the range of plain numbers that each parameter's check
// accepts by asking the checks themselves, so that the JSON Schema's
// minimum and maximum and the parameter reference cannot drift from
// them: nothing here copies a bound.
//
// Each number parameter of the built-in baseline, with every service
// switched off (so that rules such as "beds must be > 0 when the service
// is enabled" do not count as ranges) and without interventions, is set
// in turn to values at and either side of the candidate bounds 0 and −1
// (below) and 1 and care.MaxUnits (above), and [care.Params.Validate] and
// [finance.Params.Validate] say whether they refuse it at that
// parameter's own path. A parameter that several paths reach (the share
// of each age band, a distribution's mean) takes a bound only where every
// path agrees.

// bound is the range of plain numbers a parameter's check accepts. A nil
// end is open.
type bound struct {
	min, max  *float64
	exclusive bool // min is excluded: above min
}

// String writes the range for people: ">= 0", "0 to 1", "> -1".
func (b bound) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	switch {
	case b.min != nil && b.max != nil && !b.exclusive:
		return f(*b.min) + " to " + f(*b.max)
	case b.min != nil && b.max != nil:
		return "above " + f(*b.min) + ", at most " + f(*b.max)
	case b.min != nil && b.exclusive:
		return "> " + f(*b.min)
	case b.min != nil:
		return ">= " + f(*b.min)
	case b.max != nil:
		return "<= " + f(*b.max)
	}
	return ""
}

// leaf is one number parameter reached by [leaves].
type leaf struct {
	key  string // the field's doc key, care.Acute.Beds; a list of numbers' elements have the list's key and item set
	item bool
	path string // the concrete path: population.age_bands[0].share
	wild string // with [*] for list elements: population.age_bands[*].share
	unit string // the unit tag, as the decoder reads it
	v    reflect.Value
}

// leaves calls visit for every number below v (of a decoded scenario),
// whose path is path (wild with [*]), unit its unit and key its field's
// doc key. Interventions, whose changes name their own parameters, and
// unset pointers are skipped.
func leaves(v reflect.Value, path, wild, unit, key string, item bool, visit func(leaf)) {
	t := v.Type()
	if reflect.PointerTo(t).Implements(textType) && t != timeType {
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			leaves(v.Elem(), path, wild, unit, key, item, visit)
		}
	case reflect.Float64, reflect.Float32, reflect.Int, reflect.Int32, reflect.Int64:
		visit(leaf{key: key, item: item, path: path, wild: wild, unit: unit, v: v})
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			at := "[" + strconv.Itoa(i) + "]"
			leaves(v.Index(i), path+at, wild+"[*]", unit, key, true, visit)
		}
	case reflect.Struct:
		if t == effectType || t == dateType {
			return
		}
		fields := structFields(t)
		for _, name := range fields.names {
			f := fields.byName[name]
			sf := t.FieldByIndex(f.index)
			if sf.Type == reflect.TypeFor[[]care.Intervention]() {
				continue
			}
			fu := f.unit
			switch {
			case fu == "@":
				fu = unit
			case fu == "@path":
				continue
			case fu == "" && sf.Type == timeType:
				fu = "duration"
			}
			leaves(v.FieldByIndex(f.index), join(path, name), join(wild, name), fu,
				typeKey(owner(t, f.index))+"."+sf.Name, false, visit)
		}
	}
}

// boundKey is the key of a leaf's bound: its field's doc key, with []
// for the elements of a list of numbers.
func (l leaf) boundKey() string {
	if l.item && l.v.Kind() != reflect.Struct {
		return l.key + "[]"
	}
	return l.key
}

// probeBase returns the built-in baseline as the probes start from it:
// every service off, and no interventions.
func probeBase() (*Scenario, error) {
	ld, err := Load("baseline", Options{})
	if err != nil {
		return nil, fmt.Errorf("scenarios: the baseline, which the schema's bounds are probed on: %w", err)
	}
	s := ld.Scenario
	s.Interventions = nil
	var off func(v reflect.Value)
	off = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				if !f.IsExported() {
					continue
				}
				if f.Name == "Enabled" && f.Type.Kind() == reflect.Bool {
					v.Field(i).SetBool(false)
					continue
				}
				off(v.Field(i))
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				off(v.Index(i))
			}
		}
	}
	off(reflect.ValueOf(&s.Params.Services).Elem())
	return &s, nil
}

// checkBounds is the bound of every parameter key that the checks bound,
// found once.
var checkBounds = sync.OnceValues(func() (map[string]bound, error) {
	s, err := probeBase()
	if err != nil {
		return nil, err
	}
	refused := func(l leaf, x float64) bool {
		old := l.v.Interface()
		if l.v.CanInt() {
			l.v.SetInt(int64(x))
		} else {
			l.v.SetFloat(x)
		}
		defer l.v.Set(reflect.ValueOf(old))
		for _, e := range append(s.Params.Validate(), s.Money.Validate()...) {
			var fe *des.FieldError
			if errors.As(e, &fe) && fe.Field == l.path {
				return true
			}
		}
		return false
	}
	found := map[string]bound{}
	conflict := map[string]bool{}
	probed := map[string]int{}
	leaves(reflect.ValueOf(s).Elem(), "", "", "", "", false, func(l leaf) {
		k := l.boundKey()
		if probed[k]++; probed[k] > 3 {
			return // the first three paths of a key stand for the rest (the 168 hours of the week)
		}
		if refused(l, l.v.Convert(reflect.TypeFor[float64]()).Float()) {
			return // refused as it is, by a rule across fields: no range to read
		}
		d := 1e-6
		if l.v.CanInt() {
			d = 1
		}
		var b bound
		for _, lo := range []float64{0, -1} {
			if !refused(l, lo-d) || !refused(l, lo-1) {
				continue
			}
			if !refused(l, lo) {
				b.min = &lo
				break
			}
			if !refused(l, lo+d) {
				b.min, b.exclusive = &lo, true
				break
			}
		}
		for _, hi := range []float64{1, care.MaxUnits} {
			// A bound refuses all above it, not only what is not whole (a
			// notice of 1.5 days).
			if !refused(l, hi) && refused(l, hi+d) && refused(l, 2*hi+1) {
				b.max = &hi
				break
			}
		}
		if old, ok := found[k]; ok && old.String() != b.String() {
			conflict[k] = true
		}
		found[k] = b
	})
	for k := range conflict {
		delete(found, k)
	}
	for k, b := range found {
		if b.min == nil && b.max == nil {
			delete(found, k)
		}
	}
	return found, nil
})
