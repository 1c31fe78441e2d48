package sim_test

import (
	"context"
	"slices"
	"testing"

	"caresim/scenarios"
	"caresim/sim"
)

// TestChooseWarmUp checks the automatic warm-up on acute beds alone with
// flat arrivals (no season for MSER-5 to mistake for a transient): 20
// admissions a day staying 15 days on average (exponential), 400 beds, so
// about 300 are occupied in steady state. Started empty, occupancy climbs
// as 300(1 − e^(−t/15)), reaching 95% of its level after 45 days; started
// from a census of 300 patients it is there from the start.
//
// MSER-5 on one pilot of five replications is a noisy rule (occupancy is
// autocorrelated over weeks here), so the test runs eight seeds and
// compares medians: the empty start's median warm-up must cover most of
// the fill (30 days or more) and the census start's must be short (10
// days or less).
func TestChooseWarmUp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 80 pilot replications")
	}
	base := []string{"warm_up.auto=true", "warm_up.max=300d", "services.acute.beds=400",
		"demand.urgent.routes[0].per_day=20", "services.acute.length_of_stay.mean=15d"}
	median := func(census bool) float64 {
		t.Helper()
		sets := base
		if census {
			sets = append(slices.Clone(base), "services.acute.occupied=300")
		}
		l, err := scenarios.Load("textbook-loss", scenarios.Options{Sets: sets})
		if err != nil {
			t.Fatal(err)
		}
		var ws []float64
		for seed := uint64(1); seed <= 8; seed++ {
			w, _, err := sim.ChooseWarmUp(context.Background(), &l.Scenario.Params, sim.Options{Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			ws = append(ws, float64(w))
		}
		slices.Sort(ws)
		t.Logf("census %v: warm-ups %v days", census, ws)
		return (ws[3] + ws[4]) / 2
	}
	if m := median(false); m < 30 {
		t.Errorf("empty start: median warm-up %g days, want 30 or more while beds fill", m)
	}
	if m := median(true); m > 10 {
		t.Errorf("census start: median warm-up %g days, want 10 or less", m)
	}
}
