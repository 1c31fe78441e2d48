package care_test

import (
	"testing"

	"caresim/scenarios"
	"caresim/sim/care"
)

// BenchmarkBaseline runs one replication of the built-in baseline: ten
// years after a one-year warm-up, about 4.5 million events.
func BenchmarkBaseline(b *testing.B) {
	l, err := scenarios.Load("baseline", scenarios.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p := &l.Scenario.Params
	b.ReportAllocs()
	events := 0
	rep := 0
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
}
