package sim_test

import (
	"context"
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
	// reflect.DeepEqual treats NaN as unequal to itself; a metric with no
	// patients to measure would make it fail for the wrong reason.
	for k, m := range care.Metrics {
		for i, r := range one.Reps {
			if math.IsNaN(r.Metrics[k]) {
				t.Fatalf("replication %d: %s is NaN: lengthen the run so that DeepEqual can compare it", i, m.Name)
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
	if !reflect.DeepEqual(one.Metrics, two.Metrics) {
		t.Error("metric summaries differ between 1 and 2 workers")
	}
	if !reflect.DeepEqual(one.Annual, two.Annual) || !reflect.DeepEqual(one.Daily, two.Daily) {
		t.Error("annual or daily summaries differ between 1 and 2 workers")
	}
}
