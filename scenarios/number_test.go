package scenarios_test

import (
	"strings"
	"testing"

	"caresim/scenarios"
)

// TestRangesAndWithNumber checks that a loaded scenario lists the ranges
// its files document, with its values, and that WithNumber sets a copy of
// one, by a named list entry too, leaving the scenario as it was.
func TestRangesAndWithNumber(t *testing.T) {
	t.Parallel()
	l, err := scenarios.Load("better-together", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	find := func(path string) scenarios.Range {
		t.Helper()
		for _, r := range l.Ranges {
			if r.Path == path {
				return r
			}
		}
		t.Fatalf("no range for %s", path)
		return scenarios.Range{}
	}
	// The baseline's documented 1–2%, read through better-together,
	// which extends it.
	if r := find("money.inflation.non_demographic"); r.Low != 0.01 || r.High != 0.02 || r.Value != 0.015 || !r.Number || r.Unit != "fraction" ||
		r.Text != "1–2%" || !strings.Contains(r.File, "baseline") {
		t.Errorf("non_demographic's range %+v, want 1–2%% around 1.5%%, a number of the baseline's file", r)
	}
	pfi := find("money.fixed_costs.pfi.indexed")
	m, p, err := l.WithNumber(pfi.Path, 1)
	if err != nil {
		t.Fatal(err)
	}
	if m.FixedCosts[0].Indexed != 1 || l.Money.FixedCosts[0].Indexed != 0.75 {
		t.Errorf("PFI indexed %g in the copy, %g in the scenario; want 1 and 0.75", m.FixedCosts[0].Indexed, l.Money.FixedCosts[0].Indexed)
	}
	if p != &l.Params && &p.Interventions[0] != &l.Params.Interventions[0] {
		t.Error("a money number copied the care parameters")
	}
	// A share of the alliance's risk, in a list without names.
	if _, _, err := l.WithNumber("money.payment.risk_share.shares[0].share", 0.2); err != nil {
		t.Error(err)
	}
	// An intervention's cost is in the care parameters: they are copied.
	m, p, err = l.WithNumber("interventions.prism.recurrent", 1e6)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i, iv := range p.Interventions {
		if iv.Name == "prism" {
			found = true
			if iv.Recurrent != 1e6 || l.Params.Interventions[i].Recurrent == 1e6 {
				t.Errorf("prism's recurrent cost %g in the copy, %g in the scenario", iv.Recurrent, l.Params.Interventions[i].Recurrent)
			}
		}
	}
	if !found {
		t.Error("no prism in better-together")
	}
	if m.Payment.Tariff != l.Money.Payment.Tariff {
		t.Error("the money changed with an intervention's cost")
	}
	for _, bad := range []string{"money.payment.rule", "money.no_such", "services.acute.length_of_stay"} {
		if _, _, err := l.WithNumber(bad, 1); err == nil {
			t.Errorf("WithNumber(%s) gave no error", bad)
		}
	}
}
