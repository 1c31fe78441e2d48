package care_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"caresim/sim/care"
	"caresim/sim/des"
)

// overloaded is an emergency department with one cubicle, a treatment of
// a day and 1,000 walk-ins a day: its queue grows by about 999 a day,
// without end.
func overloaded() *care.Params {
	return &care.Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: des.Year,
		Demand: care.Demand{Urgent: care.UrgentDemand{Routes: []care.Route{
			{Name: "walk-in", PerDay: 1000},
		}}},
		Services: care.Services{ED: care.ED{Enabled: true, Cubicles: 1, Treatment: des.Fixed(1)}},
	}
}

// TestRunTooManyPatients checks that a run whose queues grow without end
// stops with an error naming the day and where the patients are, once
// more than the bound are in the model, instead of taking all memory (a
// growth of 150% for 1.5% took 3.4 GB in a minute). The bound is lowered
// to 5,000 here, reached on day 5 (1,000 arrivals a day, one leaving).
func TestRunTooManyPatients(t *testing.T) {
	t.Parallel()
	p := overloaded()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	_, err := care.Run(p, care.Config{Seed: 1, MaxPatients: 5000})
	want := "day 5 (2014-04-06): more than 5000 patients in the model at once (ed 1 in place and 5"
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "demand has far outgrown capacity") {
		t.Fatalf("Run = %v\nwant an error starting %q", err, want)
	}
	// Below the bound the same run is fine.
	p.Horizon = 4
	if _, err := care.Run(p, care.Config{Seed: 1, MaxPatients: 5000}); err != nil {
		t.Errorf("4 days: %v", err)
	}
}

// TestRunCancelled checks that a cancelled context stops a replication
// at its next simulated day, with an error that wraps the context's:
// before, SIGTERM and Ctrl-C stopped a run only between replications.
func TestRunCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := care.Run(overloaded(), care.Config{Seed: 1, Context: ctx})
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "stopped on day 0 (2014-04-01): ") {
		t.Fatalf("Run = %v, want it stopped on day 0 by the cancelled context", err)
	}
	// A context cancelled while the run is under way: the trace sees the
	// events of day 2, and the run stops before any of day 3.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	last := des.Time(0)
	cfg := care.Config{Seed: 1, Context: ctx, Trace: func(e care.TraceEvent) {
		last = e.Time
		if e.Time >= 2 {
			cancel()
		}
	}}
	_, err = care.Run(overloaded(), cfg)
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "stopped on day 3 (2014-04-04): ") || last >= 3 {
		t.Fatalf("Run = %v, last event at %v; want it stopped at the start of day 3", err, last)
	}
}
