package des_test

import (
	"math"
	"testing"

	"caresim/sim/des"
	"caresim/validation"
)

// benchNet runs the network event by event, one event per benchmark
// iteration, so that allocs/op is allocations per event in steady state.
// It reports events/s, counting one event per arrival and one per service
// completion, as the kernel issue defines.
func benchNet(b *testing.B, q validation.QNet) {
	q.Horizon = des.Time(math.MaxFloat64)
	run, err := q.Start(1, 0)
	if err != nil {
		b.Fatal(err)
	}
	// Reach steady state (queues and slabs at their working size) before
	// measuring.
	for run.Events() < 1e6 {
		if _, err := run.Step(); err != nil {
			b.Fatal(err)
		}
	}
	start := run.Events()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run.Step(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(run.Events()-start)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkMMc is the M/M/c queue with c = 10, λ = 9, μ = 1, FIFO, with
// its statistics (time-weighted occupancy and queue, wait tallies)
// collected as in validation.
func BenchmarkMMc(b *testing.B) {
	benchNet(b, validation.QNet{
		Lambda:   9,
		Stations: []validation.Station{{Name: "ed", Servers: 10, Service: des.Exponential(1), Next: -1}},
	})
}

// BenchmarkTandem is the blocking tandem of the kernel's validation: 20
// acute beds, Poisson 4 a day, stays of mean 4 days; 30% move on to 8
// intermediate-care beds (mean 5 days), blocking in their acute bed.
func BenchmarkTandem(b *testing.B) {
	benchNet(b, validation.QNet{
		Lambda: 4,
		Stations: []validation.Station{
			{Name: "acute", Servers: 20, Service: des.Exponential(4), Next: 1, P: 0.3},
			{Name: "intermediate care", Servers: 8, Service: des.Exponential(5), Next: -1},
		},
	})
}
