package scenarios

import (
	"fmt"
	"reflect"

	"caresim/sim/care"
	"caresim/sim/finance"
)

// Range is the range a scenario file documents for a parameter in its
// line comment (see [Load]), read in the model's units.
type Range struct {
	// Path is the parameter's path, an entry of a list of named things
	// by its name: money.organisations[acute].funding.
	Path string
	// Unit is the unit the value is read in (fraction, money, duration,
	// or empty for a bare number).
	Unit string
	// Text is the range as written ("1–2%"), File and Line where.
	Text string
	File string
	Line int
	// Value is the scenario's value (a distribution's mean), Low and High
	// the range's ends.
	Value, Low, High float64
	// Number says that the parameter is one number, which
	// [Loaded.WithNumber] can set, not a distribution.
	Number bool
}

// WithNumber returns copies of the scenario's money section and care
// parameters with the number at path (as [Range.Path] names it) set to x,
// in the model's units, leaving the scenario's own as they were. It is
// for the money's sensitivity analysis: the care parameters are copied
// only when path is in them (an intervention's costs), else returned as
// they are, not to be changed.
func (l *Loaded) WithNumber(path string, x float64) (*finance.Params, *care.Params, error) {
	steps, err := care.ParsePath(path)
	if err != nil {
		return nil, nil, err
	}
	s := l.Scenario
	s.Money = *l.Money.Clone()
	if len(steps) == 0 || steps[0].Key != "money" {
		s.Params = *l.Params.Clone()
	}
	v, _, _, ok := paramAt(reflect.ValueOf(&s).Elem(), steps)
	if !ok || v.Kind() != reflect.Float64 || !v.CanSet() {
		return nil, nil, fmt.Errorf("scenarios: %s is not a number of the scenario", path)
	}
	v.SetFloat(x)
	return &s.Money, &s.Params, nil
}
