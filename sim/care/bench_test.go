package care_test

import (
	"fmt"
	"testing"

	"caresim/internal/cputime"
	"caresim/scenarios"
	"caresim/sim/care"
)

// BenchmarkBaseline runs one replication of the built-in baseline: ten
// years after a one-year warm-up, about 4.5 million events. The issue's
// target is one second or less on one core (-cpu 1).
func BenchmarkBaseline(b *testing.B) {
	benchBaseline(b, nil)
}

// BenchmarkBaseline5y runs the baseline's first five years (2014/15 to
// 2018/19), before its demand outgrows the held capacity and the ED's
// queue grows without bound: the cost per event of a system in working
// order, which a queue growing without end does not mask.
func BenchmarkBaseline5y(b *testing.B) {
	benchBaseline(b, []string{"horizon=5y"})
}

// BenchmarkBaselineHorizon runs the baseline for 10, 20 and 40 years with
// demand held level (no population growth or trend: the baseline's demand
// outgrows its capacity after its ten years, and an overloaded system's
// queues grow without end), to show that allocations do not grow with the
// horizon: their count stays level (set-up, and slices that double as
// they grow), and bytes grow only with the daily series.
func BenchmarkBaselineHorizon(b *testing.B) {
	for _, y := range []int{10, 20, 40} {
		b.Run(fmt.Sprintf("%dy", y), func(b *testing.B) {
			benchBaseline(b, []string{fmt.Sprintf("horizon=%dy", y), "population.age_bands[*].growth=0", "demand.urgent.trend=0"})
		})
	}
}

func benchBaseline(b *testing.B, sets []string) {
	l, err := scenarios.Load("baseline", scenarios.Options{Sets: sets})
	if err != nil {
		b.Fatal(err)
	}
	p := &l.Scenario.Params
	b.ReportAllocs()
	events, rep := 0, 0
	cpu := cputime.Start()
	for b.Loop() {
		r, err := care.Run(p, care.Config{Seed: l.Scenario.Seed, Rep: rep, WarmUp: p.WarmUp.Length, ExcessAfter: 14})
		if err != nil {
			b.Fatal(err)
		}
		events += r.Events
		rep++
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(b.Elapsed().Seconds()/float64(rep), "s/rep")
	// The CPU time (see cputime), which a shared machine's load does not
	// inflate as it does the wall time: with -cpu 1, the replications'
	// and the garbage collector's.
	if t, ok := cpu.Elapsed(); ok {
		b.ReportMetric(float64(t.Nanoseconds())/float64(events), "cpu-ns/event")
		b.ReportMetric(t.Seconds()/float64(rep), "cpu-s/rep")
	}
}
