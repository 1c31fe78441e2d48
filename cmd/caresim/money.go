package main

import (
	"fmt"
	"strings"

	"caresim/cmd/caresim/internal/table"
	"caresim/scenarios"
	"caresim/sim"
)

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

// scenarioOf is l as package sim runs it: its care model's parameters and
// its money section.
func scenarioOf(l *scenarios.Loaded) sim.Scenario {
	return sim.Scenario{Params: &l.Params, Money: &l.Money}
}
