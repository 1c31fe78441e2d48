package main

import (
	"caresim/scenarios"
	"caresim/sim"
)

// scenarioOf is l as package sim runs it: its care model's parameters,
// its money section and the warnings of its loading.
func scenarioOf(l *scenarios.Loaded) sim.Scenario {
	return sim.Scenario{Params: &l.Params, Money: &l.Money, Warnings: l.Warnings}
}
