package sim

import (
	"context"
	"errors"
	"slices"

	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/finance"
)

// Scenario is what package sim runs of a scenario: its care model's
// parameters and the money section that prices its runs. Package
// scenarios loads both from a scenario file; a Go program may build them
// itself.
type Scenario struct {
	Params *care.Params
	Money  *finance.Params // nil, or without organisations: not priced
	// Warnings are what loading the scenario changed of what its files
	// say (scenarios.Loaded.Warnings); every run of it reports them.
	Warnings []error
}

// Priced returns the money section that prices s's runs, or nil when s
// is not priced. A scenario is priced when its money section names at
// least one organisation: without organisations there is no funding, so
// the deficits would only restate the costs (or be zero, for the textbook
// scenarios, whose money section holds only a price year), and the money
// rows and metrics would say nothing.
func (s Scenario) Priced() *finance.Params {
	if s.Money == nil || len(s.Money.Organisations) == 0 {
		return nil
	}
	return s.Money
}

// Options returns o set to price s's runs with its money section when it
// is priced ([Scenario.Priced]), and to count excess bed days from its
// trim point.
func (s Scenario) Options(o Options) Options {
	o.Money = s.Priced()
	if s.Money != nil {
		o.ExcessAfter = des.Time(s.Money.UnitCosts.ExcessAfter)
	}
	return o
}

// ErrUnpriced is the warning of a scenario with costs but no
// organisations, which is not priced (see [Scenario.Priced]).
var ErrUnpriced = errors.New("money: the money section has costs but names no organisations, so the run is not priced: add money.organisations to see the deficits")

// RunScenario runs s's replications with o, priced by s ([Scenario.Options]),
// and reports s's Warnings first among the results' warnings. A scenario
// with costs but no organisations runs unpriced, with the warning
// [ErrUnpriced].
func RunScenario(ctx context.Context, s Scenario, o Options) (*Results, error) {
	o = s.Options(o)
	res, err := Run(ctx, s.Params, o)
	if err != nil {
		return res, err
	}
	return s.warn(res, o), nil
}

// start starts s's run with o, priced by s, as [RunScenario] does; its
// results come from finish.
func (s Scenario) start(ctx context.Context, o Options) (*runner, error) {
	return start(ctx, s.Params, s.Options(o))
}

// finish summarises the replications added to s's run r, as
// [RunScenario] does.
func (s Scenario) finish(r *runner) (*Results, error) {
	res, err := r.finish()
	if err != nil {
		return nil, err
	}
	return s.warn(res, r.o), nil
}

// warn adds s's warnings to res, the results of its run with o.
func (s Scenario) warn(res *Results, o Options) *Results {
	if len(s.Warnings) > 0 {
		res.Warnings = append(slices.Clone(s.Warnings), res.Warnings...)
	}
	if o.Money == nil && s.hasCosts() {
		res.Warnings = append(res.Warnings, ErrUnpriced)
	}
	return res
}

// hasCosts reports whether s's money section or interventions cost
// anything.
func (s Scenario) hasCosts() bool {
	if m := s.Money; m != nil && (m.UnitCosts != (finance.UnitCosts{}) || m.CapacityCosts != (finance.CapacityCosts{})) {
		return true
	}
	return slices.ContainsFunc(s.Params.Interventions, func(iv care.Intervention) bool { return iv.Setup != 0 || iv.Recurrent != 0 })
}
