package care

import (
	"strings"
	"testing"
)

// TestFixedReason checks which parameter paths an intervention may not
// move: those the model reads only when a run starts (found by changing
// every number of the baseline through an intervention and finding the
// runs unchanged), matched with list indexes and any service, and no
// others.
func TestFixedReason(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path  string
		fixed bool
	}{
		{"start.year", true},
		{"horizon", true},
		{"warm_up.length", true},
		{"warm_up.max", true},
		{"population.localities[3].people", true},
		{"population.localities[0].age_shares[2]", true},
		{"population.age_bands[2].share", true},
		{"population.age_bands[0].growth", true},
		{"population.age_bands[1].risk_shares[0]", true},
		{"demand.urgent.trend", true},
		{"demand.urgent.hour_of_week[167]", true},
		{"demand.urgent.month[11]", true},
		{"services.acute.occupied", true},
		{"services.care_homes.occupied", true},
		{"interventions[2].changes[0].scale.central", true},
		{"interventions[0].ramp", true},
		// What the model reads as it runs.
		{"population.age_bands[0].urgent", false},
		{"population.risk_strata[1].urgent_ratio", false},
		{"demand.urgent.routes[0].share", false},
		{"services.acute.beds", false},
		{"services.acute.length_of_stay.mean", false},
		{"services.occupied", false},
		{"services.acute.occupied.extra", false},
		{"horizon_extra", false},
		{"starts", false},
	} {
		if got := fixedReason(c.path) != ""; got != c.fixed {
			t.Errorf("fixedReason(%q) fixed = %v, want %v", c.path, got, c.fixed)
		}
	}
}

// TestValidateRefusesFixed checks that Validate refuses an intervention
// on a parameter fixed at the start, at the change's path, with the
// concrete parameter and the reason.
func TestValidateRefusesFixed(t *testing.T) {
	t.Parallel()
	p := censusParams(0)
	p.Interventions = append(p.Interventions, Intervention{Name: "later", Start: p.Start.AddDays(30),
		Changes: []Change{{Path: "services.acute.occupied", Add: &Effect{Low: -5, Central: -5, High: -5}}}})
	errs := p.Validate()
	want := "services.acute.occupied cannot be changed from a date: the beds occupied at the start"
	found := false
	for _, e := range errs {
		if strings.Contains(e.Error(), "interventions[0].changes[0].path") && strings.Contains(e.Error(), want) {
			found = true
		}
	}
	if !found {
		t.Errorf("errors %v, want one at interventions[0].changes[0].path saying %q", errs, want)
	}
}
