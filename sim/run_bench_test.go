package sim_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"caresim/scenarios"
	"caresim/sim"
)

// BenchmarkRunMemory runs 10 and 100 replications of the baseline (90
// days after a 30-day warm-up) on one worker and reports, beside the
// bytes and allocations of a run, what the run holds per replication as
// its last replication ends: the live heap then (after a collection),
// less the live heap before the run, over the replications. It is the
// memory that grows with the replications: their results, and their
// daily values while these are held in memory (see Options.KeepDaily).
func BenchmarkRunMemory(b *testing.B) {
	l, err := scenarios.Load("baseline", scenarios.Options{Sets: []string{"horizon=90d", "warm_up.length=30d"}})
	if err != nil {
		b.Fatal(err)
	}
	live := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	for _, reps := range []int{10, 100} {
		b.Run(fmt.Sprintf("reps=%d", reps), func(b *testing.B) {
			b.ReportAllocs()
			var held uint64
			for b.Loop() {
				before := live()
				done := func(rep int) {
					if rep == reps-1 {
						after := live()
						held = after - min(after, before)
					}
				}
				if _, err := sim.Run(context.Background(), &l.Scenario.Params, sim.Options{Reps: reps, Workers: 1, Seed: 1, Done: done}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(held)/float64(reps), "held-B/rep")
		})
	}
}
