package care

import (
	"math"
	"testing"

	"caresim/sim/des"
)

// The mental health line's tests run an emergency department with room
// for everyone (no queue for a cubicle), every patient in crisis, with
// fixed treatment, assessment and stay, so that each patient's times
// follow from the arrival times by hand, as the ED crowding tests do.

// mhDept returns a department of 50 cubicles and 50 corridor spaces, with
// treatment fixed at an hour, no acute admissions, every patient in
// crisis; walk-ins arrive at perDay for days days.
func mhDept(perDay float64, days int) *Params {
	p := edDept(50, 50, 1, hour, 1, days, Route{Name: "walk-in", PerDay: perDay})
	p.Services.MentalHealth = MentalHealth{Enabled: true, Share: 1, Beds: 1, LengthOfStay: des.Fixed(1)}
	return p
}

// coverStart returns t if it is in the hours of cover [from, to) of its
// day, else the next start of cover.
func coverStart(t des.Time, from, to int) des.Time {
	day := des.Time(math.Floor(float64(t)))
	h := float64(t-day) * 24
	switch {
	case h < float64(from):
		return day + des.Time(from)*hour
	case h >= float64(to):
		return day + 1 + des.Time(from)*hour
	}
	return t
}

// TestLiaisonQueue works the liaison team by hand: one practitioner, an
// assessment of 2 hours, cover from 08:00 to 20:00 (and round the clock),
// nobody admitted. Patient i, arriving at aᵢ, is referred at eᵢ = aᵢ + 1 h
// and assessed first come, first served when the practitioner is free and
// on duty, an assessment begun before 20:00 running on past it:
//
//	sᵢ = cover(max(eᵢ, fᵢ₋₁)),  fᵢ = sᵢ + 2 h
//
// and leaves ED at fᵢ. The mean liaison wait is the mean of sᵢ − eᵢ, the
// crisis patients' mean time in the department that of fᵢ − aᵢ, and their
// 12-hour waits from arrival the fᵢ − aᵢ above 12 hours.
func TestLiaisonQueue(t *testing.T) {
	t.Parallel()
	for _, cv := range []struct{ from, to int }{{8, 20}, {0, 0}} {
		p := mhDept(4, 20)
		p.Services.MentalHealth.ToBed = 0
		p.Services.Liaison = Liaison{Enabled: true, Practitioners: 1, CoverFrom: cv.from, CoverTo: cv.to, Assessment: des.Fixed(float64(2 * hour))}
		to := cv.to
		if to == 0 {
			to = 24
		}
		m, log := runED(t, p)
		m.measured = true
		ids, arrive, _ := arrivalsOf(log)
		if len(ids) < 50 {
			t.Fatalf("%d arrivals in 20 days; want about 80", len(ids))
		}
		var free des.Time
		var waits, depts []float64
		over12 := 0
		for i, id := range ids {
			e := arrive[i] + hour
			s := coverStart(max(e, free), cv.from, to)
			f := s + 2*hour
			free = f
			if start, ok := at(log[id], "start", "ed"); !ok || math.Abs(float64(start-arrive[i])) > edTol {
				t.Fatalf("cover %v: arrival %d started ED treatment at %v (%v), want at arrival %v: the department has room", cv, i, start, ok, arrive[i])
			}
			got, ok := at(log[id], "assess", svcLiaison.name)
			if s < m.end {
				waits = append(waits, float64(s-e)*24) // tallied at the start of the assessment
			}
			if f > m.end {
				if ok && got < m.end && math.Abs(float64(got-s)) > edTol {
					t.Errorf("cover %v: arrival %d assessed at %v, want %v", cv, i, got, s)
				}
				continue
			}
			if !ok || math.Abs(float64(got-s)) > edTol {
				t.Errorf("cover %v: arrival %d assessed at %v (%v), want %v", cv, i, got, ok, s)
			}
			if left, ok := at(log[id], "leave", "ed"); !ok || math.Abs(float64(left-f)) > edTol {
				t.Errorf("cover %v: arrival %d left ED at %v (%v), want %v", cv, i, left, ok, f)
			}
			depts = append(depts, float64(f-arrive[i])*24)
			if f-arrive[i] > 0.5 {
				over12++
			}
		}
		mean := func(xs []float64) float64 {
			s := 0.0
			for _, x := range xs {
				s += x
			}
			return s / float64(len(xs))
		}
		// Tallies are sums of the same differences, in another order.
		if got, want := m.tallies[tMHLiaisonWait].Mean(), mean(waits); math.Abs(got-want) > 1e-6 {
			t.Errorf("cover %v: mean liaison wait %.6f h, want %.6f h", cv, got, want)
		}
		if got, want := m.tallies[tMHDept].Mean(), mean(depts); math.Abs(got-want) > 1e-6 {
			t.Errorf("cover %v: crisis patients' mean time in ED %.6f h, want %.6f h", cv, got, want)
		}
		if got := sumDays(m, cMH+mh12hArrival); got != float64(over12) {
			t.Errorf("cover %v: %v 12-hour waits from arrival, want %d", cv, got, over12)
		}
		if got := sumDays(m, cMH+mhAttend); got != float64(len(ids)) {
			t.Errorf("cover %v: %v crisis attendances, want all %d", cv, got, len(ids))
		}
		if cv.from == 8 && over12 == 0 {
			t.Errorf("cover %v: no 12-hour waits; the night's referrals should wait for the morning", cv)
		}
	}
}

// TestMentalHealthBedBoarding works the beds by hand: liaison off, every
// crisis patient admitted to one of one mental health bed, stays of a
// day. Patient i, decided to admit at dᵢ = aᵢ + 1 h, waits in ED
// (boarding, in a corridor space) until the bed is free from the patient
// admitted before, first come first served:
//
//	admitᵢ = max(dᵢ, freeᵢ₋₁),  freeᵢ = admitᵢ + 1 d
//
// and leaves ED then. With an out-of-area placement after W (12 hours), a
// patient whose admitᵢ would come W or more after dᵢ leaves ED at dᵢ + W
// instead, and the bed stays free for the next (freeᵢ = freeᵢ₋₁): those
// ahead in the queue all leave it, by a bed or out of area, before. Those
// still waiting at the end are in the department, boarding: none vanish.
func TestMentalHealthBedBoarding(t *testing.T) {
	t.Parallel()
	for _, away := range []des.Time{0, 12 * hour} {
		p := mhDept(2, 20)
		p.Services.MentalHealth.ToBed = 1
		p.Services.MentalHealth.OutOfAreaAfter = away
		m, log := runED(t, p)
		ids, arrive, _ := arrivalsOf(log)
		if len(ids) < 25 {
			t.Fatalf("%d arrivals in 20 days; want about 40", len(ids))
		}
		free := des.Time(math.Inf(-1))
		over12, waiting, admitted, outside := 0, 0, 0, 0
		for i, id := range ids {
			d := arrive[i] + hour
			want := max(d, free)
			got, ok := at(log[id], "admit", svcMHBeds.name)
			if away > 0 && want-d >= away {
				if d+away < m.end {
					outside++
					if left, ok := at(log[id], "out-of-area", svcMHBeds.name); !ok || math.Abs(float64(left-d-away)) > edTol {
						t.Errorf("away %v: arrival %d placed out of area at %v (%v), want %v", away, i, left, ok, d+away)
					}
				} else if d < m.end {
					waiting++
				}
				continue
			}
			free = want + 1
			if want >= m.end {
				if ok {
					t.Errorf("away %v: arrival %d admitted at %v, want after the end (%v)", away, i, got, want)
				}
				if d < m.end {
					waiting++
				}
				continue
			}
			admitted++
			if !ok || math.Abs(float64(got-want)) > edTol {
				t.Errorf("away %v: arrival %d admitted to a mental health bed at %v (%v), want %v", away, i, got, ok, want)
			}
			if want-d > 0.5 {
				over12++
			}
		}
		if got := sumDays(m, cMH+mh12hDTA); got != float64(over12) {
			t.Errorf("away %v: %v 12-hour waits from the decision to admit, want %d", away, got, over12)
		}
		if got := sumDays(m, svcMHBeds.entries); got != float64(admitted) {
			t.Errorf("away %v: %v admissions to the bed, want %d", away, got, admitted)
		}
		if got := sumDays(m, cMH+mhOutOfAreaED); got != float64(outside) {
			t.Errorf("away %v: %v placed out of area, want %d", away, got, outside)
		}
		if got := m.lv[lvMHBoarding].Value(); got != waiting {
			t.Errorf("away %v: %d crisis patients boarding at the end, want %d", away, got, waiting)
		}
		if got := m.ed.boarders; got != waiting {
			t.Errorf("away %v: %d ED boarders at the end, want %d", away, got, waiting)
		}
		if waiting+outside == 0 || away == 0 && over12 == 0 {
			t.Errorf("away %v: %d waiting, %d out of area and %d 12-hour waits: the case should queue (2 a day for one bed of a day)", away, waiting, outside, over12)
		}
	}
}

// TestLiaisonAvoidsAdmissions: every patient needs admission, all in
// crisis; with AcuteAvoided 1 the liaison team assesses every one and
// sends them home, none admitted to an acute bed; with 0, every one is
// admitted and none assessed; with ½, the two add up to the attendances.
func TestLiaisonAvoidsAdmissions(t *testing.T) {
	t.Parallel()
	for _, avoid := range []float64{0, 0.5, 1} {
		p := edDept(50, 50, 100, hour, 1, 20, Route{Name: "ambulance", PerDay: 4, Admit: 1})
		p.Services.MentalHealth = MentalHealth{Enabled: true, Share: 1, Beds: 1, LengthOfStay: des.Fixed(1)}
		p.Services.Liaison = Liaison{Enabled: true, Practitioners: 5, Assessment: des.Fixed(float64(hour)), AcuteAvoided: avoid}
		m, log := runED(t, p)
		attend := sumDays(m, cMH+mhAttend)
		assessed, admitted, home := sumDays(m, svcLiaison.entries), sumDays(m, svcAcute.entries), sumDays(m, cMH+mhHome)
		if attend != float64(len(log)) {
			t.Fatalf("avoid %v: %v crisis attendances, want all %d", avoid, attend, len(log))
		}
		switch avoid {
		case 0:
			if assessed != 0 || admitted < attend-2 {
				t.Errorf("avoid 0: %v assessed, %v admitted of %v; want none assessed, all admitted", assessed, admitted, attend)
			}
		case 1:
			if admitted != 0 || home < attend-2 {
				t.Errorf("avoid 1: %v admitted, %v home of %v; want none admitted, all home", admitted, home, attend)
			}
		default:
			// The last hours' patients may still be in treatment or
			// assessment: at most 2 a few hours before the end.
			if assessed+admitted < attend-2 || assessed < attend/4 || admitted < attend/4 {
				t.Errorf("avoid ½: %v assessed and %v admitted of %v", assessed, admitted, attend)
			}
		}
	}
}
