package care

import (
	"math"
	"strconv"

	"caresim/sim/des"
)

// Discharge timing (Acute.Discharge, IntermediateCare.Discharge; see
// [Discharge]). A patient may leave a bed when the flows say so: at the end
// of the clinical stay for those going home (pathway 0, electives), when a
// place downstream is granted for those going on (pathways 1–3, or a care
// home from intermediate care). With timing on the patient then leaves at
// the first time at their hour of the day, deferred over weekend days for
// the WeekendDeferred share, by the service's depart event; until then they
// keep their bed and, going on, the place downstream is kept for them. The
// network holds every bed of the service that a patient gives up (a
// release, or a move downstream) until its turnaround has passed
// (evBedReady), so that the next patient gets it only then. Patients who
// die, and those readmitted from intermediate care, leave at once; their
// bed still has its turnaround.
//
// A run whose service never has timing on (empty Hours and no Turnaround,
// at the start and at every change of the parameters) holds no beds and
// has the events it had before the timing existed.

// on reports whether d does anything: an hour profile or a turnaround.
func (d *Discharge) on() bool { return len(d.Hours) > 0 || d.Turnaround > 0 }

// initDischarge sets, for each service with a discharge timing that is on
// at the start or at any time the interventions change the parameters,
// its pool to hold the beds its patients leave, and the weekday of the
// first day of the warm-up.
func (m *model) initDischarge() {
	m.held = make([]bool, len(services)+1) // the services' pools and the ring-fenced beds'
	m.weekday = m.p.Start.AddDays(-int(m.warm)).Weekday()
	on := func() {
		for _, s := range services {
			if s.discharge != nil && m.isOn(s) && s.discharge(&m.p.Services).on() {
				m.held[s.id] = true
			}
		}
	}
	on()
	for _, t := range m.times {
		m.sched.Apply(t)
		on()
	}
	m.sched.Apply(-m.warm - 1)
	m.held[m.ward] = m.held[svcAcute.id] // the ring-fenced beds are acute beds
	for p, h := range m.held {
		if h {
			m.net.SetHold(des.PoolID(p), true)
		}
	}
}

// weekdayOf returns the weekday of day d from the start of the warm-up, 0
// Monday to 6 Sunday.
func (m *model) weekdayOf(d int) int { return ((m.weekday+d)%7 + 7) % 7 }

// leaveAt returns when patient pt, who may leave service s at now, leaves
// it under the service's discharge timing as the parameters now are:
//
//	h = the patient's hour of the day, drawn from Hours (uniform within it)
//	t = the first time at h from now: ⌊now⌋ + h, or a day later if that is before now
//	while t is on a Saturday or a Sunday and the patient's weekend draw x < WeekendDeferred:
//	    x = x / WeekendDeferred (uniform again, given the last deferral), t = t + 1 day
//
// With no Hours it is now.
func (m *model) leaveAt(s *service, pt *patient, now des.Time) des.Time {
	d := s.discharge(&m.p.Services)
	if len(d.Hours) == 0 {
		return now
	}
	h := hourOfDay(d.Hours, m.u(pt, s.hourSlot))
	day := math.Floor(float64(now))
	t := des.Time(day + h)
	if t < now {
		t++
	}
	x, p := m.u(pt, s.weekendSlot), d.WeekendDeferred
	for m.weekdayOf(int(math.Floor(float64(t)))) >= 5 && x < p {
		x /= p
		t++
	}
	return t
}

// hourOfDay returns the time of day, in days, at which the uniform u falls
// in the day as the weights of its 24 hours share it out: the hour whose
// cumulative share passes u, and the point within it in proportion.
func hourOfDay(hours []float64, u float64) float64 {
	total := 0.0
	for _, w := range hours {
		total += w
	}
	x := u * total
	last := 0
	for k, w := range hours {
		if w <= 0 {
			continue
		}
		last = k
		if x < w {
			return (float64(k) + x/w) / 24
		}
		x -= w
	}
	return (float64(last) + 1 - 1e-9) / 24 // rounding at the very end
}

// mayLeave is told that patient id, in a bed of service s (acute or
// intermediate care), may leave it now: going home (the bed is still held
// by the patient) or with a place downstream granted (the patient holds
// that place). It lets the patient leave now or at their time.
func (m *model) mayLeave(s *service, id int32) error {
	now := m.cal.Now()
	t := m.leaveAt(s, m.pts.At(id), now)
	if t <= now {
		return m.depart(s, id)
	}
	if s == svcAcute {
		m.lv[lvAwaitLeave].Add(now, 1)
	}
	m.trace(id, "may-leave", s.name)
	m.cal.Schedule(t, s.depart, id)
	return nil
}

// onDepart is service s's depart event: patient id, whose time has come,
// leaves.
func (m *model) onDepart(s *service, id int32) error {
	if s == svcAcute {
		m.lv[lvAwaitLeave].Add(m.cal.Now(), -1)
	}
	return m.depart(s, id)
}

// depart takes patient id out of service s's bed now: home (releasing the
// bed), or on to the place downstream the patient holds, whose stay starts
// now. The bed starts its turnaround.
func (m *model) depart(s *service, id int32) error {
	at := m.net.Holds(id)
	if at == s.pool() || s == svcAcute && at == m.ward {
		if s == svcAcute {
			m.leaveAcute(id)
		} else {
			m.leaveStay(s, id)
		}
		return m.release(id)
	}
	m.leaveFrom(id, s.pool()) // may add a readmission, moving the slab
	m.vacated(s.pool())
	m.startStay(services[at], id)
	return nil
}

// vacated starts the turnaround of a bed of pool p that its patient has
// left, when p holds its beds: the bed is ready again (evBedReady) after
// the service's turnaround as the parameters now are.
func (m *model) vacated(p des.PoolID) {
	if p == des.NoPool || !m.held[p] {
		return
	}
	now := m.cal.Now()
	s := svcAcute
	if m.inAcute(p) {
		m.lv[lvTurnaround].Add(now, 1)
	} else {
		s = services[p]
	}
	turn := max(0, s.discharge(&m.p.Services).Turnaround)
	m.cal.Schedule(now+turn, evBedReady, int32(p))
}

// onBedReady returns a bed of pool p, its turnaround done, to use.
func (m *model) onBedReady(p des.PoolID) error {
	if m.inAcute(p) {
		m.lv[lvTurnaround].Add(m.cal.Now(), -1)
	}
	return m.do(m.net.Free(p, m.gr[:0]))
}

// moveOn starts patient id's stay in service s, granted its place there
// while holding a bed of pool from (blocking after service): at once, or,
// when from's service has a discharge timing that keeps the patient to
// a later time, then (the place is kept for them until they come).
func (m *model) moveOn(id int32, s *service, from des.PoolID) error {
	if from != des.NoPool {
		if fs := services[from]; m.held[from] && fs.discharge != nil {
			return m.mayLeave(fs, id)
		}
	}
	m.leaveFrom(id, from) // may add a readmission, moving the slab: startStay looks pt up again
	m.vacated(from)
	m.startStay(s, id)
	return nil
}

// check checks a service's discharge timing at path.
func (d *Discharge) check(c *checker, path string) {
	if len(d.Hours) > 0 {
		if len(d.Hours) != 24 {
			c.add(path+".hours", "needs 24 weights, one per hour of the day from 00:00, not %d", len(d.Hours))
		} else {
			sum := 0.0
			for i, w := range d.Hours {
				if !(w >= 0) || !finite(w) {
					c.add(path+".hours["+strconv.Itoa(i)+"]", "must be a weight >= 0, not %v", w)
				}
				sum += w
			}
			if !(sum > 0) {
				c.add(path+".hours", "weights are all zero: no one would ever leave")
			}
		}
	}
	c.fraction(path+".weekend_deferred", d.WeekendDeferred)
	if len(d.Hours) == 0 && d.WeekendDeferred != 0 {
		c.add(path+".weekend_deferred", "is set, but hours is empty, so patients leave at once and nothing is deferred: give hours, or leave weekend_deferred out")
	}
	if !(d.Turnaround >= 0 && d.Turnaround < 1) {
		c.add(path+".turnaround", "must be a time from 0 to below 1 day (such as 4h), not %v days", float64(d.Turnaround))
	}
}
