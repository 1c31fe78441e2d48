package sim_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"caresim/scenarios"
	"caresim/sim"
)

// BenchmarkRunMemory runs 10, 100 and 1,000 replications of the baseline
// (90 days after a 30-day warm-up) on one worker and reports, beside the
// bytes and allocations of a run, what the run holds per replication as
// its last replication ends: the live heap then (after a collection),
// less the live heap before the run, over the replications. It is the
// memory that grows with the replications: their results, and their
// daily values while these are held in memory (see Options.KeepDaily).
//
// It also reports the run's peak memory, sampled every millisecond from
// the runtime's own figures (runtime/metrics), not the process's resident
// set, which the operating system counts and a benchmark's earlier runs
// would set: peak-heap-B, the most the heap's objects took, live or not
// yet collected, and peak-mapped-B, the most memory the Go runtime held
// from the system (heap, stacks and its own), about what it makes
// resident. A run whose memory is bounded peaks at about the same at 100
// and at 1,000 replications.
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
	for _, reps := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("reps=%d", reps), func(b *testing.B) {
			b.ReportAllocs()
			var held uint64
			var peak peakMemory
			for b.Loop() {
				before := live()
				done := func(rep int) {
					if rep == reps-1 {
						after := live()
						held = after - min(after, before)
					}
				}
				stop := peak.sample(time.Millisecond)
				_, err := sim.Run(context.Background(), &l.Scenario.Params, sim.Options{Reps: reps, Workers: 1, Seed: 1, Done: done})
				stop()
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(held)/float64(reps), "held-B/rep")
			b.ReportMetric(float64(peak.heap), "peak-heap-B")
			b.ReportMetric(float64(peak.mapped), "peak-mapped-B")
		})
	}
}

// peakMemory is the most memory seen by sample: the heap's objects' bytes
// and the Go runtime's total from the system (runtime/metrics).
type peakMemory struct {
	heap, mapped uint64
}

// sample reads the runtime's memory figures every interval, keeping
// their maxima in p, until the returned function is called; that reads
// them once more and waits for the sampler to stop.
func (p *peakMemory) sample(interval time.Duration) (stop func()) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	read := func() {
		metrics.Read(s)
		p.heap = max(p.heap, s[0].Value.Uint64())
		p.mapped = max(p.mapped, s[1].Value.Uint64())
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() {
		close(quit)
		wg.Wait()
		read()
	}
}
