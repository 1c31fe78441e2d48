package sim_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/stats"
)

// overloadResults returns results with the given whole financial years
// from 2014/15, one replication's worth of days (365 or 366 each) and
// every measure zero, for a test to set the measures a check reads.
func overloadResults(years int) *sim.Results {
	start := des.Date{Year: 2014, Month: 4, Day: 1}
	return overloadResultsFrom(start, int(des.FinancialYearStart(2014+years).Sub(start)))
}

// overloadResultsFrom returns results of days days from start, as
// overloadResults, with a part year at either end where they fall.
func overloadResultsFrom(start des.Date, days int) *sim.Results {
	r := &sim.Results{Reps: []*care.Result{{Start: start, Days: days}}}
	for d := range days {
		fy := start.AddDays(d).FinancialYear()
		if label := des.FinancialYearLabel(fy); len(r.Years) == 0 || r.Years[len(r.Years)-1] != label {
			r.Years = append(r.Years, label)
			r.Annual = append(r.Annual, make([]stats.Summary, care.NumAnnual))
		}
		r.Annual[len(r.Annual)-1][care.AnnualDays].Mean++
	}
	r.Daily = make([]sim.Band, care.NumDaily)
	for k := range r.Daily {
		r.Daily[k].Mean = make([]float64, days)
	}
	return r
}

// overloadOf returns the overload warning of errs whose Measure is
// measure, or nil.
func overloadOf(errs []error, measure string) *sim.Overload {
	for _, e := range errs {
		var o *sim.Overload
		if errors.As(e, &o) && o.Measure == measure {
			return o
		}
	}
	return nil
}

// checkYears checks that o warns of the years want, or that there is no
// warning when want is nil.
func checkYears(t *testing.T, o *sim.Overload, want []string) {
	t.Helper()
	switch {
	case want == nil && o != nil:
		t.Errorf("warned: %v", o)
	case want != nil && o == nil:
		t.Errorf("no warning, want one for %v", want)
	case o != nil && !slices.Equal(o.Years, want):
		t.Errorf("years %v, want %v (%v)", o.Years, want, o)
	}
}

const (
	occupancyMeasure = "acute_occupied_mean / acute_beds"
	queueMeasure     = "waiting_for_bed_mean"
	cancelMeasure    = "elective_cancellations"
	listMeasure      = "elective_waiting_list"
)

// TestOverloadsOccupancy sets 100 beds and a day's occupancy in each of
// three years at the edges of the check: 2014/15 is full (96 beds) on
// 182 of its 365 days, not more than half; 2015/16 is full on all 366;
// 2016/17 on 183 of 365, more than half; and a day at exactly 95 beds is
// not above 95%, so 2014/15's other days, at 95, do not count.
func TestOverloadsOccupancy(t *testing.T) {
	t.Parallel()
	r := overloadResults(3)
	busy, beds := r.Daily[care.DailyAcuteMean].Mean, r.Daily[care.DailyAcuteBeds].Mean
	full := []int{182, 366, 183}
	d := 0
	for y, n := range []int{365, 366, 365} {
		for i := range n {
			beds[d] = 100
			busy[d] = 95
			if i < full[y] {
				busy[d] = 96
			}
			d++
		}
	}
	o := overloadOf(sim.Overloads(r), occupancyMeasure)
	if o == nil {
		t.Fatal("no occupancy overload")
	}
	if want := []string{"2015/16", "2016/17"}; !slices.Equal(o.Years, want) {
		t.Errorf("years %v, want %v", o.Years, want)
	}
	for _, s := range []string{"above 95%", "2015/16 (366 of 366 days)", "2016/17 (183 of 365 days)", occupancyMeasure} {
		if !strings.Contains(o.Error(), s) {
			t.Errorf("%q does not say %q", o.Error(), s)
		}
	}
}

// TestOverloadsED sets the daily number of patients in the emergency
// department flat within each year and checks that it warns by the queue
// for beds' rule (the last three years each above the year before, the
// last at least twice the first and at least one patient), and that a
// department busy but steady (a textbook M/M/c, more patients than
// cubicles every day) gives no warning.
func TestOverloadsED(t *testing.T) {
	t.Parallel()
	const measure = "ed_occupancy_mean"
	for _, tc := range []struct {
		name  string
		means []float64
		want  []string // nil: no warning
	}{
		{"grows", []float64{30, 31, 40, 80, 400}, []string{"2015/16", "2016/17", "2017/18", "2018/19"}},
		{"steady above the cubicles", []float64{60, 60, 60, 60, 60}, nil},
		{"grows less than twice", []float64{30, 31, 40, 50, 59}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := overloadResults(len(tc.means))
			in, cubicles := r.Daily[care.DailyEDOccupancy].Mean, r.Daily[care.DailyEDCubicles].Mean
			d := 0
			for y, m := range tc.means {
				for range des.FinancialYearDays(2014 + y) {
					in[d], cubicles[d] = m, 56
					d++
				}
			}
			o := overloadOf(sim.Overloads(r), measure)
			checkYears(t, o, tc.want)
			if o != nil && !strings.Contains(o.Error(), "emergency department's queue grows without bound") {
				t.Errorf("%q does not say what grows", o.Error())
			}
		})
	}
}

// TestOverloadsQueue sets the daily queue for a bed flat within each
// year, so that each year's mean is the value set, and checks the rule:
// the last three years each above the year before, the last at least
// twice the first and at least one patient.
func TestOverloadsQueue(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		means []float64
		want  []string // nil: no warning
	}{
		{"grows", []float64{1, 1.2, 1.5, 2.5, 4}, []string{"2015/16", "2016/17", "2017/18", "2018/19"}},
		{"grows from none", []float64{0, 0, 1, 2, 3}, []string{"2015/16", "2016/17", "2017/18", "2018/19"}},
		{"two years: one rise", []float64{1, 2}, []string{"2014/15", "2015/16"}},
		{"falls once", []float64{1, 1.5, 3, 2.9, 4}, nil},
		{"flat once", []float64{1, 1.5, 3, 3, 4}, nil},
		{"under twice the first", []float64{2, 1, 2, 3, 3.9}, nil},
		{"under one patient", []float64{0.1, 0.2, 0.4, 0.6, 0.9}, nil},
		{"one year", []float64{5}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := overloadResults(len(tc.means))
			wait := r.Daily[care.DailyWaitingForBed].Mean
			d := 0
			for y, m := range tc.means {
				for range des.FinancialYearDays(2014 + y) {
					wait[d] = m
					d++
				}
			}
			checkYears(t, overloadOf(sim.Overloads(r), queueMeasure), tc.want)
		})
	}
}

// TestOverloadsList sets the daily elective waiting list flat within each
// year and checks that it warns by the queue's rule: the last three years
// each above the year before, the last at least twice the first.
func TestOverloadsList(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		means []float64
		want  []string // nil: no warning
	}{
		{"grows", []float64{1000, 1100, 1500, 2500, 4000}, []string{"2015/16", "2016/17", "2017/18", "2018/19"}},
		{"grows, but under twice the first", []float64{1000, 1100, 1300, 1500, 1900}, nil},
		{"falls once", []float64{1000, 1500, 3000, 2900, 4000}, nil},
		{"no list", []float64{0, 0, 0, 0}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := overloadResults(len(tc.means))
			list := r.Daily[care.DailyIndex(listMeasure)].Mean
			d := 0
			for y, m := range tc.means {
				for range des.FinancialYearDays(2014 + y) {
					list[d] = m
					d++
				}
			}
			o := overloadOf(sim.Overloads(r), listMeasure)
			checkYears(t, o, tc.want)
			if o != nil && !strings.Contains(o.Msg, "to 4000 patients in 2018/19 (4.00 times 2014/15's 1000)") {
				t.Errorf("message %q", o.Msg)
			}
		})
	}
}

// TestOverloadsBacklog sets each year's routine GP backlog and checks
// the rule the waiting list's is: risen in each of the last three years,
// to at least twice the first year's, and at least a week (5 weekdays) of
// the first year's 2,000 routine appointments a weekday, 10,000.
func TestOverloadsBacklog(t *testing.T) {
	t.Parallel()
	const backlog = "gp_routine_backlog"
	for _, tc := range []struct {
		name  string
		means []float64
		want  []string // nil: no warning
	}{
		{"grows", []float64{3750, 9000, 30000, 90000, 150000}, []string{"2015/16", "2016/17", "2017/18", "2018/19"}},
		{"grows, but under twice the first", []float64{3750, 4000, 5000, 6000, 7000}, nil},
		{"falls once", []float64{3750, 9000, 30000, 20000, 150000}, nil},
		{"grows, but under a week's appointments", []float64{100, 300, 900, 2700, 8100}, nil},
		{"no backlog", []float64{0, 0, 0, 0}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := overloadResults(len(tc.means))
			v := r.Daily[care.DailyIndex(backlog)].Mean
			for d := range r.Daily[care.DailyIndex("gp_routine_appointments")].Mean {
				r.Daily[care.DailyIndex("gp_routine_appointments")].Mean[d] = 2000
			}
			d := 0
			for y, m := range tc.means {
				for range des.FinancialYearDays(2014 + y) {
					v[d] = m
					d++
				}
			}
			o := overloadOf(sim.Overloads(r), backlog)
			checkYears(t, o, tc.want)
			if o != nil && !strings.Contains(o.Msg, "to 150000 people in 2018/19 (40.0 times 2014/15's 3750)") {
				t.Errorf("message %q", o.Msg)
			}
		})
	}
}

// TestOverloadsCancellations sets each year's cancelled bookings, with
// 1 000 elective admissions a year, and checks the rule: a later year's
// cancellations per day more than 5 times the first year's and more than
// 10% of its elective admissions. Years of 365 and 366 days: per day,
// 2015/16 (a leap year) needs more than 5 × 100 × 366/365 = 501.4 to pass
// 100 in 2014/15.
func TestOverloadsCancellations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		cancelled []float64
		want      []string
	}{
		{"five times is not more", []float64{100, 501, 500, 501}, []string{"2017/18"}},
		{"many times", []float64{100, 600, 400, 2000}, []string{"2015/16", "2017/18"}},
		{"none at first: more than 10% of admissions", []float64{0, 100, 101}, []string{"2016/17"}},
		{"few at first: more than 10% of admissions", []float64{10, 100, 101}, []string{"2016/17"}},
		{"none", []float64{0, 0, 0}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := overloadResults(len(tc.cancelled))
			for y, c := range tc.cancelled {
				r.Annual[y][care.AnnualElectiveCancellations].Mean = c
				r.Annual[y][care.AnnualElectiveAdmissions].Mean = 1000
			}
			checkYears(t, overloadOf(sim.Overloads(r), cancelMeasure), tc.want)
		})
	}
}

// TestOverloadsPartYears checks that a financial year with fewer than
// 183 days simulated is left out of every check, unless it is the whole
// run:
//
//   - 366 days from 2014-04-01 end with one day of 2015/16, full and with
//     100 cancelled bookings: no warning, though that day is above 95%
//     and its cancellations many times 2014/15's rate;
//   - 913 days from 2014-10-01 start with 182 days of 2014/15, full and
//     with no cancellations and no queue: 2015/16 is the first year, so
//     that 2016/17's cancellations (600 against 100) and its queue (3
//     against 1) are overloads and 2014/15's full days are not;
//   - 60 days from 2014-04-01, 31 of them full: the one year is checked.
func TestOverloadsPartYears(t *testing.T) {
	t.Parallel()
	r := overloadResultsFrom(des.Date{Year: 2014, Month: 4, Day: 1}, 60)
	for d := range 60 {
		r.Daily[care.DailyAcuteBeds].Mean[d] = 100
		if d < 31 {
			r.Daily[care.DailyAcuteMean].Mean[d] = 100
		}
	}
	if o := overloadOf(sim.Overloads(r), occupancyMeasure); o == nil || !slices.Equal(o.Years, []string{"2014/15"}) {
		t.Errorf("60 days from 2014-04-01: warned %v, want 2014/15 full", o)
	}

	r = overloadResultsFrom(des.Date{Year: 2014, Month: 4, Day: 1}, 366)
	r.Daily[care.DailyAcuteBeds].Mean[365], r.Daily[care.DailyAcuteMean].Mean[365] = 100, 100
	r.Annual[0][care.AnnualElectiveCancellations].Mean = 100
	r.Annual[1][care.AnnualElectiveCancellations].Mean = 100
	if got := sim.Overloads(r); len(got) > 0 {
		t.Errorf("366 days from 2014-04-01: warned %v, want nothing", got)
	}

	r = overloadResultsFrom(des.Date{Year: 2014, Month: 10, Day: 1}, 913)
	if len(r.Years) != 3 || r.Annual[0][care.AnnualDays].Mean != 182 {
		t.Fatalf("years %v, the first of %g days; want three, the first of 182", r.Years, r.Annual[0][care.AnnualDays].Mean)
	}
	busy, beds, wait := r.Daily[care.DailyAcuteMean].Mean, r.Daily[care.DailyAcuteBeds].Mean, r.Daily[care.DailyWaitingForBed].Mean
	for d := range beds {
		beds[d] = 100
		switch {
		case d < 182:
			busy[d] = 100
		case d < 182+366:
			wait[d] = 1
		default:
			wait[d] = 3
		}
	}
	for y, c := range []float64{0, 100, 600} {
		r.Annual[y][care.AnnualElectiveCancellations].Mean = c
		r.Annual[y][care.AnnualElectiveAdmissions].Mean = 1000
	}
	got := sim.Overloads(r)
	if o := overloadOf(got, occupancyMeasure); o != nil {
		t.Errorf("warned of 2014/15's 182 days: %v", o)
	}
	for _, c := range []struct {
		measure string
		years   []string
	}{
		{queueMeasure, []string{"2015/16", "2016/17"}},
		{cancelMeasure, []string{"2016/17"}},
	} {
		o := overloadOf(got, c.measure)
		if o == nil || !slices.Equal(o.Years, c.years) {
			t.Errorf("%s: warned %v, want the years %v", c.measure, o, c.years)
		}
	}
}

// overloadedParams is a small hospital that becomes overloaded in its
// third year: 15 emergency admissions a day (a fixed route, straight to a
// bed) staying 5 days on average (exponential), and 3 elective
// referrals a day (5 booked each weekday, so that the programme keeps up)
// staying 1 day, in 100 beds (75 + 3 occupied on
// average: 78%) until 2016-04-01, when an intervention cuts them to 70,
// below the 78 needed. From then beds are full every day, the queue for
// them grows by about one patient a day, and nearly every elective
// booking is cancelled on the day, the patient going back to the head of
// the waiting list and being booked a week ahead again. The run is five years,
// 2014/15 to 2018/19.
func overloadedParams() *care.Params {
	return &care.Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 1826,
		Population: care.Population{
			Localities: []care.Locality{{Name: "town", People: 10_000}},
			AgeBands:   []care.AgeBand{{Name: "all", Share: 1, RiskShares: []float64{1}, Elective: 0.0003}},
			Risk:       []care.RiskStratum{{Name: "all", UrgentRatio: 1}},
		},
		Demand: care.Demand{Urgent: care.UrgentDemand{
			Routes: []care.Route{{Name: "ambulance", Share: 1, PerDay: 15, Admit: 1}},
		}},
		Services: care.Services{
			Acute: care.Acute{Enabled: true, Beds: 100, Occupied: 75, LengthOfStay: des.Exponential(5),
				Pathways: care.Pathways{Home: 1}},
			Elective: care.Elective{Enabled: true, Decision: des.Fixed(7), LengthOfStay: des.Fixed(1), Programme: 5, Notice: 7},
		},
		Interventions: []care.Intervention{{
			Name:    "close beds",
			Start:   des.Date{Year: 2016, Month: 4, Day: 1},
			Changes: []care.Change{{Path: "services.acute.beds", To: &care.Effect{Low: 70, Central: 70, High: 70}}},
		}},
	}
}

// TestOverloadedRun runs overloadedParams and checks that each overload
// check warns with the years it is overloaded in: beds full and
// cancellations many times the first year's from 2016/17, and the queue
// rising every year from 2015/16 (the year before it starts to grow).
func TestOverloadedRun(t *testing.T) {
	t.Parallel()
	p := overloadedParams()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	res, err := sim.Run(context.Background(), p, sim.Options{Reps: 2, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		t.Log(w)
	}
	for _, c := range []struct {
		measure string
		years   []string
	}{
		{occupancyMeasure, []string{"2016/17", "2017/18", "2018/19"}},
		{queueMeasure, []string{"2015/16", "2016/17", "2017/18", "2018/19"}},
		{cancelMeasure, []string{"2016/17", "2017/18", "2018/19"}},
	} {
		o := overloadOf(res.Warnings, c.measure)
		if o == nil {
			t.Errorf("%s: no overload warning", c.measure)
			continue
		}
		if !slices.Equal(o.Years, c.years) {
			t.Errorf("%s: years %v, want %v", c.measure, o.Years, c.years)
		}
	}
}
