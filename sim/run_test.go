package sim_test

import (
	"context"
	"testing"

	"caresim/scenarios"
	"caresim/sim"
)

// TestChooseWarmUp checks the automatic warm-up on the textbook tandem
// (flat arrivals, so no season for MSER-5 to mistake for a transient):
// started empty, its acute beds fill to their mean of 16.8 over a few
// mean stays of 4 days; started from a census at that level, there is
// little to discard. MSER-5 must find a longer warm-up for the empty start.
func TestChooseWarmUp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs pilot replications of the baseline")
	}
	choose := func(sets ...string) float64 {
		t.Helper()
		l, err := scenarios.Load("textbook-tandem", scenarios.Options{Sets: append([]string{"warm_up.auto=true", "warm_up.max=200d"}, sets...)})
		if err != nil {
			t.Fatal(err)
		}
		w, ok, err := sim.ChooseWarmUp(context.Background(), &l.Scenario.Params, sim.Options{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v: warm-up %g days (ok %v)", sets, float64(w), ok)
		if !ok {
			t.Errorf("%v: MSER-5 found no steady state", sets)
		}
		return float64(w)
	}
	empty := choose()
	census := choose("services.acute.occupied=17", "services.intermediate_care.occupied=6")
	if empty < 7 {
		t.Errorf("empty start: warm-up %g days, want a week or more while beds fill", empty)
	}
	if census >= empty {
		t.Errorf("census start: warm-up %g days, want less than the empty start's %g", census, empty)
	}
}
