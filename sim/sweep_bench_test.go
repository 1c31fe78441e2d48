package sim_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"caresim/scenarios"
	"caresim/sim"
)

// BenchmarkSweep runs a sweep of the baseline's ED cubicles over four
// points with three replications each (a year after a 30-day warm-up),
// on one worker and then on two in each iteration, so that both see the
// same load on a shared machine, and reports the seconds per replication
// of each and their ratio, the speed-up from one worker to two. With
// three replications a point, a pool that waited for each point's last
// replication would leave a worker idle a third of the time (at most
// 1.5×); one pool for all the points' replications keeps both busy.
func BenchmarkSweep(b *testing.B) {
	const reps = 3
	points := []int{0, 1, 2, 3}
	load := func(point int) (sim.Scenario, error) {
		l, err := scenarios.Load("baseline", scenarios.Options{Sets: []string{
			"horizon=1y", "warm_up.length=30d", fmt.Sprintf("services.ed.cubicles=%d", 52+2*point)}})
		if err != nil {
			return sim.Scenario{}, err
		}
		return sim.Scenario{Params: &l.Scenario.Params, Money: &l.Scenario.Money}, nil
	}
	var elapsed [2]time.Duration
	for b.Loop() {
		for i, workers := range []int{1, 2} {
			start := time.Now()
			err := sim.Sweep(context.Background(), points, sim.Options{Reps: reps, Seed: 1, Workers: workers}, load,
				func(int, *sim.Results) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
			elapsed[i] += time.Since(start)
		}
	}
	n := float64(b.N * len(points) * reps)
	b.ReportMetric(elapsed[0].Seconds()/n, "s/rep-1-worker")
	b.ReportMetric(elapsed[1].Seconds()/n, "s/rep-2-workers")
	b.ReportMetric(elapsed[0].Seconds()/elapsed[1].Seconds(), "speedup")
}
