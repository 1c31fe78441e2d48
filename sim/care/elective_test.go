package care

import (
	"testing"

	"caresim/sim/des"
)

// noBedsParams is elective care alone: 10 000 people referred at 0.0005
// a day each (5 referrals a day), a lead time of exactly 10 days and
// rebooking 7 days after a cancellation, with no free acute bed until an
// intervention opens 500 more on day 60 (2014-05-31). The one bed there is
// before is full from the start with an emergency patient of the census,
// whose stay is a uniform part of 10 000 days (longer than 60 days with
// probability 0.994; the seed is fixed, and the test checks it). An
// elective stay is one day, so 500 beds take at once every patient
// cancelled before (about 250, rebooked over the week from day 60) and
// the 5 referrals a day after.
func noBedsParams() *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 150,
		Population: Population{
			Localities: []Locality{{Name: "town", People: 10_000}},
			AgeBands:   []AgeBand{{Name: "all", Share: 1, RiskShares: []float64{1}, Elective: 0.0005}},
			Risk:       []RiskStratum{{Name: "all", UrgentRatio: 1}},
		},
		Services: Services{
			Acute: Acute{Enabled: true, Beds: 1, Occupied: 1, LengthOfStay: des.Fixed(10_000), Pathways: Pathways{Home: 1}},
			Elective: Elective{Enabled: true, Lead: des.Fixed(10), LengthOfStay: des.Fixed(1),
				Rebook: 7},
		},
		Interventions: []Intervention{{
			Name:    "open beds",
			Start:   des.Date{Year: 2014, Month: 5, Day: 31},
			Changes: []Change{{Path: "services.acute.beds", To: &Effect{Low: 501, Central: 501, High: 501}}},
		}},
	}
}

// TestElectiveCancellationsCounted checks the elective cancellations of
// noBedsParams against a hand count. A patient referred at time t is
// booked for 08:00 on the first weekday on or after t + 10 days, and,
// while no bed is free (before day 60), cancelled and rebooked for the
// first weekday on or after 7 days later, until a booking falls on day 60
// or after. So each patient's cancellations are the bookings before day
// 60, and, all in 2014/15:
//
//   - elective_cancellations counts bookings: every cancellation;
//   - elective_cancelled_patients counts patients with one or more;
//   - elective_cancelled_twice counts patients with two or more.
//
// The referral times come from the event log.
func TestElectiveCancellationsCounted(t *testing.T) {
	t.Parallel()
	patients, twice := AnnualIndex("elective_cancelled_patients"), AnnualIndex("elective_cancelled_twice")
	if patients < 0 || twice < 0 {
		t.Fatal("no annual measures elective_cancelled_patients and elective_cancelled_twice")
	}
	p := noBedsParams()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	const open = 60 // the day the beds open
	var wantBookings, wantPatients, wantTwice, cancels int
	r, err := Run(p, Config{Seed: 1, Trace: func(e TraceEvent) {
		switch e.Event {
		case "refer":
			n := 0
			for b := weekday(e.Time+10, p.Start, 0); b < open; b = weekday(b+7, p.Start, 0) {
				n++
			}
			wantBookings += n
			if n >= 1 {
				wantPatients++
			}
			if n >= 2 {
				wantTwice++
			}
		case "cancel":
			cancels++
		case "leave":
			if e.Time < open {
				t.Errorf("day %.2f: patient %d left %s; the census patient must hold the one bed until day %d", float64(e.Time), e.Patient, e.Service, open)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Years) != 1 {
		t.Fatalf("years %v, want 2014/15 alone", r.Years)
	}
	a := r.Annual[0]
	t.Logf("%d bookings of %d patients cancelled, %d of them twice or more", wantBookings, wantPatients, wantTwice)
	if wantPatients < 150 || wantTwice < 100 || wantBookings < 2*wantPatients {
		t.Fatalf("the hand count found %d bookings, %d patients, %d twice: too few to test; want about 5 referrals a day cancelled for 50 days",
			wantBookings, wantPatients, wantTwice)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"cancel events in the log", float64(cancels), float64(wantBookings)},
		{"elective_cancellations (bookings)", a[AnnualElectiveCancellations], float64(wantBookings)},
		{"elective_cancelled_patients", a[patients], float64(wantPatients)},
		{"elective_cancelled_twice", a[twice], float64(wantTwice)},
		{"elective_cancelled_patients_per_year", r.Metrics[MetricIndex("elective_cancelled_patients_per_year")], float64(wantPatients) / (150 / 365.25)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %g, want %g", c.name, c.got, c.want)
		}
	}
}
