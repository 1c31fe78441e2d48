package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"caresim/cmd/caresim/internal/table"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/finance"
)

// moneyOf returns the money section that prices l's runs, or nil when l
// is not priced. A scenario is priced when its money section names at
// least one organisation: without organisations there is no funding, so
// the deficits would only restate the costs (or be zero, for the textbook
// scenarios, whose money section holds only a price year), and the money
// rows and metrics would say nothing.
func moneyOf(l *scenarios.Loaded) *finance.Params {
	if len(l.Money.Organisations) == 0 {
		return nil
	}
	return &l.Money
}

// errUnpriced is the warning of a scenario with costs but no
// organisations, which is not priced (see moneyOf).
var errUnpriced = errors.New("money: the money section has costs but names no organisations, so the run is not priced: add money.organisations to see the deficits")

// pricedBy returns o set to price the run with l's money section when it
// has organisations (moneyOf), and to count excess bed days from its trim
// point.
func pricedBy(o sim.Options, l *scenarios.Loaded) sim.Options {
	o.Money, o.ExcessAfter = moneyOf(l), des.Time(l.Money.UnitCosts.ExcessAfter)
	return o
}

// simulate runs l's replications with o, priced by l (pricedBy). A
// scenario with costs but no organisations runs unpriced, with a warning.
func simulate(ctx context.Context, l *scenarios.Loaded, o sim.Options) (*sim.Results, error) {
	o = pricedBy(o, l)
	res, err := sim.Run(ctx, &l.Params, o)
	if err == nil && o.Money == nil && hasCosts(l) {
		res.Warnings = append(res.Warnings, errUnpriced)
	}
	return res, err
}

// hasCosts reports whether l's money section or interventions cost
// anything.
func hasCosts(l *scenarios.Loaded) bool {
	m := l.Money
	if m.UnitCosts != (finance.UnitCosts{}) || m.CapacityCosts != (finance.CapacityCosts{}) {
		return true
	}
	return slices.ContainsFunc(l.Interventions, func(iv care.Intervention) bool { return iv.Setup != 0 || iv.Recurrent != 0 })
}

// moneyUnit is the unit column of money metric name in a table: pounds,
// and the financial years the metric covers, with the days simulated of a
// final year not simulated whole (a short run's).
func moneyUnit(name string, m *sim.MoneyResults) string {
	switch {
	case m == nil:
		return "£"
	case strings.HasPrefix(name, "deficit_cumulative_gbp") && len(m.Years) > 1:
		return "£, " + m.Years[0] + "–" + m.Years[len(m.Years)-1]
	}
	y := m.FinalYear
	if strings.HasPrefix(name, "deficit_cumulative_gbp") {
		y = len(m.Years) - 1
	}
	if fy := m.Reps[0][y]; fy.Days < fy.Length {
		return fmt.Sprintf("£, %s (%d days)", m.Years[y], fy.Days)
	}
	return "£, " + m.Years[y]
}

// moneyRows returns run's table rows of the money headline metrics: name,
// mean, the interval's ends in pounds, and unit.
func moneyRows(m *sim.MoneyResults) [][]string {
	var rows [][]string
	for _, name := range moneyHeadline() {
		mt := m.Metric(name)
		if !shown(name, mt.Values) {
			continue
		}
		s := mt.Summary
		rows = append(rows, append(append([]string{name}, table.Pounds(s.Mean, s.Lo(), s.Hi())...), moneyUnit(name, m)))
	}
	return rows
}
