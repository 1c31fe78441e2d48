package sim_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
)

// TestRunWorkers checks STYLE rule 32: replications run in parallel but
// merge in replication order, so the results do not depend on how many
// run at once. Three months of the baseline with the warm-up chosen by
// MSER-5 (its five pilot replications run in parallel too), four
// replications, with one and with two workers, must give identical
// replications (their daily series kept), warm-up and summaries.
func TestRunWorkers(t *testing.T) {
	t.Parallel()
	l, err := scenarios.Load("baseline", scenarios.Options{Sets: []string{
		"horizon=90d", "warm_up.auto=true", "warm_up.max=30d",
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := &l.Scenario.Params
	var res [2]*sim.Results
	for i, workers := range []int{1, 2} {
		res[i], err = sim.Run(context.Background(), p, sim.Options{Reps: 4, Workers: workers, Seed: l.Scenario.Seed, ExcessAfter: 14, KeepDaily: true})
		if err != nil {
			t.Fatal(err)
		}
	}
	one, two := res[0], res[1]
	// reflect.DeepEqual treats NaN as unequal to itself. A metric with
	// nothing to measure (calls to a service not in place) is NaN: it
	// must be NaN with both worker counts, and is then set to −1 in both
	// so that DeepEqual compares the rest.
	for k, m := range care.Metrics {
		for i := range one.Reps {
			a, b := one.Reps[i].Metrics[k], two.Reps[i].Metrics[k]
			if math.IsNaN(a) != math.IsNaN(b) {
				t.Fatalf("replication %d: %s is %v with 1 worker, %v with 2", i, m.Name, a, b)
			}
			if math.IsNaN(a) {
				one.Reps[i].Metrics[k], two.Reps[i].Metrics[k] = -1, -1
			}
		}
	}
	if one.WarmUp != two.WarmUp || one.WarmUpAuto != two.WarmUpAuto {
		t.Errorf("warm-up %v (auto %v) with 1 worker, %v (auto %v) with 2", one.WarmUp, one.WarmUpAuto, two.WarmUp, two.WarmUpAuto)
	}
	if !one.WarmUpAuto {
		t.Error("the warm-up was not chosen by MSER-5")
	}
	for i := range one.Reps {
		if !reflect.DeepEqual(one.Reps[i], two.Reps[i]) {
			t.Errorf("replication %d differs between 1 and 2 workers", i)
		}
	}
	// Summaries of a metric with nothing to measure hold NaNs; printed,
	// NaN equals NaN and every other float64 prints exactly.
	if fmt.Sprint(one.Metrics) != fmt.Sprint(two.Metrics) {
		t.Error("metric summaries differ between 1 and 2 workers")
	}
	if !reflect.DeepEqual(one.Annual, two.Annual) || !reflect.DeepEqual(one.Daily, two.Daily) {
		t.Error("annual or daily summaries differ between 1 and 2 workers")
	}
}
