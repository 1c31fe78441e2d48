package sim_test

import (
	"context"
	"errors"
	"testing"

	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/des"
)

// TestRunStopsInsideReplication checks that cancelling the context stops
// a replication under way at its next simulated day, and that Run says
// it was cancelled: before, a replication ran to its end (ten simulated
// years of the baseline take minutes), so SIGTERM and Ctrl-C waited for
// it. The trace cancels on the first event of day 30 of a ten-year
// horizon.
func TestRunStopsInsideReplication(t *testing.T) {
	t.Parallel()
	p := &care.Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 10 * des.Year,
		Demand: care.Demand{Urgent: care.UrgentDemand{Routes: []care.Route{
			{Name: "walk-in", PerDay: 48},
		}}},
		Services: care.Services{ED: care.ED{Enabled: true, Cubicles: 3, Treatment: des.Exponential(1.0 / 24)}},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	last := des.Time(0)
	_, err := sim.Run(ctx, p, sim.Options{Reps: 1, Workers: 1, Seed: 1, Trace: func(e care.TraceEvent) {
		last = e.Time
		if e.Time >= 30 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || last >= 31 {
		t.Fatalf("Run = %v with the last event at day %.1f; want it cancelled on day 31", err, float64(last))
	}
}
