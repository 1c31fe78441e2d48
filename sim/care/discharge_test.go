package care

import (
	"math"
	"testing"

	"caresim/sim/des"
)

// only14 is an hour profile in which everyone leaves between 14:00 and
// 15:00.
func only14() []float64 {
	h := make([]float64, 24)
	h[14] = 1
	return h
}

// TestLeaveAt works the departure rule by hand for one patient in a run
// starting on Tuesday 1 April 2014 without warm-up, so that day 4 is
// Saturday 5 April and day 6 Monday 7 April. Everyone leaves between 14:00
// and 15:00: with one hour of weight the patient's hour draw u_h is the
// fraction of that hour, so they leave at 14:00 + u_h hours of the day
// their rule picks. With weekend_deferred p and weekend draw u_w they stay
// over Saturday when u_w < p, and over Sunday too when u_w/p < p.
func TestLeaveAt(t *testing.T) {
	t.Parallel()
	p := ruleHospital(10, 0, 1, BedManagement{}, 14)
	p.Services.Acute.Discharge = Discharge{Hours: only14(), Turnaround: des.Hour}
	m, err := newModel(p, Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		fit      des.Time
		deferred float64
		seed     uint64
		day      func(uw float64) float64 // the day they leave, by hand
	}{
		{"Saturday 02:00, weekends as weekdays: Saturday", 4 + 2.0/24, 0, 7, func(float64) float64 { return 4 }},
		{"Saturday 02:00, no weekend discharges: Monday", 4 + 2.0/24, 1, 7, func(float64) float64 { return 6 }},
		// Weekend draws 0.054, 0.278 and 0.574: Monday, Sunday, Saturday.
		{"Saturday 02:00, half deferred, u_w 0.054", 4 + 2.0/24, 0.5, 7, halfDeferred},
		{"Saturday 02:00, half deferred, u_w 0.278", 4 + 2.0/24, 0.5, 13, halfDeferred},
		{"Saturday 02:00, half deferred, u_w 0.574", 4 + 2.0/24, 0.5, 23, halfDeferred},
		{"Tuesday 13:00: the same day", 0 + 13.0/24, 1, 7, func(float64) float64 { return 0 }},
		{"Tuesday 16:00: Wednesday", 0 + 16.0/24, 1, 7, func(float64) float64 { return 1 }},
		{"Friday 16:00, no weekend discharges: Monday", 3 + 16.0/24, 1, 7, func(float64) float64 { return 6 }},
	} {
		pt := &patient{seed: c.seed}
		m.p.Services.Acute.Discharge.WeekendDeferred = c.deferred
		uh, uw := m.u(pt, slotLeaveHour), m.u(pt, slotLeaveWeekend)
		want := des.Time(c.day(uw) + (14+uh)/24)
		if got := m.leaveAt(svcAcute, pt, c.fit); math.Abs(float64(got-want)) > 1e-12 {
			t.Errorf("%s: leaves at day %.6f, want %.6f (u_h %.3f, u_w %.3f)", c.name, float64(got), float64(want), uh, uw)
		}
	}
}

// halfDeferred is the day a patient fit early on Saturday 5 April (day 4)
// leaves with half the weekend's patients deferred, by their weekend draw.
func halfDeferred(uw float64) float64 {
	switch {
	case uw >= 0.5:
		return 4 // Saturday
	case uw >= 0.25:
		return 5 // deferred once (u_w < 0.5), then u_w/0.5 ≥ 0.5: Sunday
	}
	return 6 // deferred twice: Monday
}

// TestHourOfDay checks the inversion of the hour profile at hand-worked
// points: weights 1 at 10:00 and 3 at 14:00 give u = 0.125 half way
// through 10:00 and u = 0.625 half way through 14:00.
func TestHourOfDay(t *testing.T) {
	t.Parallel()
	h := make([]float64, 24)
	h[10], h[14] = 1, 3
	for _, c := range []struct{ u, want float64 }{{0, 10}, {0.125, 10.5}, {0.25, 14}, {0.625, 14.5}, {0.999999, 15}} {
		if got := 24 * hourOfDay(h, c.u); math.Abs(got-c.want) > 1e-4 {
			t.Errorf("u = %v: hour %.5f, want %v", c.u, got, c.want)
		}
	}
}

// TestTurnaroundHoldsTheBed runs one acute bed with a queue that never
// empties (40 arrivals a day against one patient a day and a bit), fixed
// stays of one day, leaving at once, and a turnaround of 4 hours. Each
// admission after the first must come exactly 4 hours after the patient
// before left, and the bed is in its turnaround 4 hours in every 28:
// its daily mean over the turnaround level is 4/24 per departure.
func TestTurnaroundHoldsTheBed(t *testing.T) {
	t.Parallel()
	p := ruleHospital(1, 0, 1, BedManagement{}, 30)
	p.Services.Acute.Discharge = Discharge{Turnaround: 4 * des.Hour}
	p.Interventions = []Intervention{arrivals(0, 40)}
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	var left, admitted []des.Time
	m, err := newModel(p, Config{Seed: 3, Trace: func(e TraceEvent) {
		if e.Service != svcAcute.name {
			return
		}
		switch e.Event {
		case "leave":
			left = append(left, e.Time)
		case "admit":
			admitted = append(admitted, e.Time)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.run(); err != nil {
		t.Fatal(err)
	}
	if len(left) < 20 {
		t.Fatalf("only %d departures in 30 days", len(left))
	}
	for i, l := range left {
		if i+1 >= len(admitted) {
			break
		}
		if gap := admitted[i+1] - l; math.Abs(float64(gap-4*des.Hour)) > 1e-9 {
			t.Errorf("departure %d at day %.4f: next admission %.4f h later, want 4 h", i, float64(l), float64(gap)*24)
		}
	}
	// One cycle is a day's stay and 4 hours' turnaround: 30 days hold
	// 30/(28/24) ≈ 25.7 cycles, and turnaround days 4/24 each.
	total := 0.0
	for _, x := range m.lv[lvTurnaround].DayMeans()[:30] {
		total += x
	}
	if want := float64(len(left)) * 4 / 24; math.Abs(total-want) > 4.0/24+1e-9 {
		t.Errorf("turnaround bed days %.4f, want %d departures × 4 h = %.4f (the last may run past the end)", total, len(left), want)
	}
}

// TestWeekdayPattern runs a hospital with beds to spare (no queue), 20
// emergency admissions a day, a fixed clinical stay of 2 days, everyone
// leaving between 14:00 and 15:00 and no one at weekends (weekend_deferred
// 1), for 104 weeks from Tuesday 1 April 2014. By hand:
//
//   - discharges: none on Saturdays and Sundays; on Monday those whose
//     first chance fell on Saturday, Sunday or Monday, 3 × 20 = 60; 20 on
//     the other weekdays. The weekend discharge ratio is 0 and every
//     discharge is in the 14:00 hour.
//   - the midnight census: everyone admitted in the last 2 days (40) plus
//     those fit since the last discharge time, 14:00 + u h, on average
//     9.5 hours before midnight on Tuesday to Saturday (20 × 9.5/24); on
//     Sunday a day more (+20) and on Monday two (+40). So Monday's
//     midnight census is highest, 40 + 40 + 7.9 = 87.9, and Tuesday's to
//     Saturday's lowest, 47.9.
//
// Tolerances: a weekday's mean over 104 weeks of a Poisson count of mean
// μ has sd √(μ/104): 0.44 for 20 and 0.76 for 60 (Monday's is a sum of
// three days' arrivals); a census of mean c about √(c/104) < 1. Four sd,
// rounded up, is 2 discharges and 4 patients (the census days overlap,
// so they are not independent; 4 is generous).
func TestWeekdayPattern(t *testing.T) {
	t.Parallel()
	const days = 7 * 104
	p := ruleHospital(1000, 0, 2, BedManagement{}, days)
	p.Services.Acute.Discharge = Discharge{Hours: only14(), WeekendDeferred: 1}
	p.Interventions = []Intervention{arrivals(0, 20)}
	m := runRule(t, p)
	var disch, census, n [7]float64
	dc, mid := m.counts[cLeftAlive], m.busy(svcAcute).Midnights()
	for d := 7; d < days; d++ { // the first week fills the beds
		wd := m.weekdayOf(d)
		disch[wd] += dc.At(d)
		census[wd] += mid[d]
		n[wd]++
	}
	wantDisch := [7]float64{60, 20, 20, 20, 20, 0, 0}
	late := 20 * 9.5 / 24
	wantCensus := [7]float64{80 + late, 40 + late, 40 + late, 40 + late, 40 + late, 40 + late, 60 + late}
	names := [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	for wd := range 7 {
		if got := disch[wd] / n[wd]; math.Abs(got-wantDisch[wd]) > 2 || wantDisch[wd] == 0 && got != 0 {
			t.Errorf("%s: %.2f discharges a day, want %v", names[wd], got, wantDisch[wd])
		}
		if got := census[wd] / n[wd]; math.Abs(got-wantCensus[wd]) > 4 {
			t.Errorf("%s: midnight census %.2f, want %.2f", names[wd], got, wantCensus[wd])
		}
	}
	res := m.result()
	for _, c := range []struct {
		name string
		want float64
	}{{"acute_weekend_discharge_ratio", 0}, {"acute_discharges_hour_14", 1}, {"acute_discharges_before_noon", 0}} {
		if got := res.Metrics[MetricIndex(c.name)]; got != c.want {
			t.Errorf("%s = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestWeekdayOccupancy checks the occupancy-by-weekday metrics on
// TestWeekdayPattern's hospital by hand in one point: with beds to spare
// and a census highest on Mondays, Monday's occupancy is above Friday's.
// Exactly: occupancy on weekday wd is the sum of its days' mean beds
// occupied over the sum of its days' beds, which the test recomputes.
func TestWeekdayOccupancy(t *testing.T) {
	t.Parallel()
	p := ruleHospital(1000, 0, 2, BedManagement{}, 7*20)
	p.Services.Acute.Discharge = Discharge{Hours: only14(), WeekendDeferred: 1}
	p.Interventions = []Intervention{arrivals(0, 20)}
	m := runRule(t, p)
	res := m.result()
	busy, beds := m.busy(svcAcute).DayMeans(), m.lv[svcAcute.capLv].DayMeans()
	for wd, name := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		num, den := 0.0, 0.0
		for d := range 7 * 20 {
			if m.weekdayOf(d) == wd {
				num += busy[d]
				den += beds[d]
			}
		}
		if got := res.Metrics[MetricIndex("acute_occupancy_"+name)]; math.Abs(got-num/den) > 1e-12 {
			t.Errorf("%s: occupancy %v, want %v", name, got, num/den)
		}
	}
	if mon, fri := res.Metrics[MetricIndex("acute_occupancy_monday")], res.Metrics[MetricIndex("acute_occupancy_friday")]; !(mon > fri) {
		t.Errorf("Monday's occupancy %v is not above Friday's %v", mon, fri)
	}
}
