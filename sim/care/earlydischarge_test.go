package care

import (
	"math"
	"testing"

	"caresim/sim/des"
)

// TestEarlyDischargeShortensStays runs a department in front of 4 acute
// beds with a fixed stay of 2 days and more admissions than the beds can
// take, so that occupancy runs from empty to full with patients waiting.
// Each admitted patient's stay is worked by hand from the log: the
// occupancy at their admission is the patients in beds then (those
// admitted at or before it who have not left, themselves included) and
// those decided to admit and still waiting, over the 4 beds; the stay is
// 2 days × (1 − 0.5 · r), r rising from 0 at 50% to 1 at 150%.
func TestEarlyDischargeShortensStays(t *testing.T) {
	t.Parallel()
	const beds, stay = 4, des.Time(2)
	p := edDept(2, 10, beds, hour, stay, 60, Route{Name: "ambulance", PerDay: 2.4, Admit: 1})
	ed := EarlyDischarge{From: 0.5, To: 1.5, Stay: 0.5}
	p.Services.Acute.EarlyDischarge = ed
	m, log := runED(t, p)
	ids, _, _ := arrivalsOf(log)
	type spell struct{ dta, admit, fit des.Time }
	sp := make([]spell, len(ids))
	inf := des.Time(math.Inf(1))
	for i, id := range ids {
		sp[i] = spell{inf, inf, inf}
		if x, ok := at(log[id], "decide-to-admit", "ed"); ok {
			sp[i].dta = x
		}
		if x, ok := at(log[id], "admit", "acute"); ok {
			sp[i].admit = x
		}
		if x, ok := at(log[id], "fit", "acute"); ok {
			sp[i].fit = x
		}
	}
	shortened, cut, checked, rs := 0, 0.0, 0, map[bool]int{}
	for i, s := range sp {
		if s.admit == inf {
			continue
		}
		n := 1
		for j, o := range sp {
			if j == i {
				continue
			}
			if o.admit <= s.admit && s.admit < o.fit || o.dta <= s.admit && s.admit < o.admit {
				n++
			}
		}
		r := min(1, max(0, float64(n)/beds-ed.From)/(ed.To-ed.From))
		want := stay * des.Time(1-(1-ed.Stay)*r)
		if r > 0 {
			shortened++
			cut += float64(stay - want)
		}
		rs[r > 0 && r < 1]++
		if s.fit == inf {
			continue // fit after the end
		}
		checked++
		if got := s.fit - s.admit; math.Abs(float64(got-want)) > edTol {
			t.Errorf("patient %d admitted at %.6f with %d in or waiting (r %.3f): stay %.6f, want %.6f", ids[i], s.admit, n, r, got, want)
		}
	}
	if rs[true] < 20 || checked < 100 {
		t.Fatalf("%d stays checked, %d admitted at a pressure strictly between 0 and 1: too few to test", checked, rs[true])
	}
	if got := sumDays(m, cStaysShortened); got != float64(shortened) {
		t.Errorf("stays shortened: %v, want %d", got, shortened)
	}
	if got := sumDays(m, cStayDaysCut); math.Abs(got-cut) > 1e-6 {
		t.Errorf("stay days cut: %.9g, want %.9g", got, cut)
	}
	t.Logf("%d stays checked, %d shortened (%d part way), %.2f days cut", checked, shortened, rs[true], cut)
}

// TestEarlyDischargeReadmit works the readmission probability of a
// patient sent home by hand: Acute.Readmit × (1 + (Readmit − 1) · r),
// unchanged for a patient admitted under no pressure, at most 1.
func TestEarlyDischargeReadmit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		base, factor float64
		r            float32
		want         float64
	}{
		{0.08, 1.1, 0, 0.08},
		{0.08, 1.1, 1, 0.088},
		{0.08, 1.1, 0.5, 0.084},
		{0.08, 0, 1, 0.08}, // no readmission factor: Acute.Readmit
		{0.6, 2, 1, 1},     // capped (check refuses it in a scenario)
	} {
		m := &model{p: &Params{Services: Services{Acute: Acute{Readmit: c.base, EarlyDischarge: EarlyDischarge{From: 0.9, To: 1, Stay: 0.95, Readmit: c.factor}}}}}
		if got := m.readmitProb(&patient{pressure: c.r}); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("readmit %v, factor %v, pressure %v: %v, want %v", c.base, c.factor, c.r, got, c.want)
		}
	}
}

// TestEarlyDischargeOffIsBefore checks that the rule switched off (stay 0
// or 1) leaves a run as it was: the same events and stays.
func TestEarlyDischargeOffIsBefore(t *testing.T) {
	t.Parallel()
	run := func(e EarlyDischarge) (int, float64) {
		p := edDept(2, 10, 4, hour, 2, 60, Route{Name: "ambulance", PerDay: 2.4, Admit: 1})
		p.Services.Acute.EarlyDischarge = e
		m, _ := runED(t, p)
		r := m.result()
		return r.Events, r.Metrics[MetricIndex("acute_los_mean_days")]
	}
	ev0, los0 := run(EarlyDischarge{})
	ev1, los1 := run(EarlyDischarge{From: 0.5, To: 1.5, Stay: 1, Readmit: 1.2})
	if ev0 != ev1 || los0 != los1 {
		t.Errorf("stay 1: %d events, stay %.6f days; off: %d, %.6f", ev1, los1, ev0, los0)
	}
	ev2, los2 := run(EarlyDischarge{From: 0.5, To: 1.5, Stay: 0.5})
	if !(los2 < los0) {
		t.Errorf("stay 0.5: mean stay %.6f days, not below %.6f without the rule (%d and %d events)", los2, los0, ev2, ev0)
	}
}
