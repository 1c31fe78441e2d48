package care

import (
	"math"
	"math/rand/v2"

	"caresim/sim/des"
)

// The routine side of primary care: the booked, not same-day, GP
// appointments of each locality, and the referrals for a first
// outpatient appointment that GPs make from them.
//
// Each weekday, each locality's routine need (AgeBand.Routine of its
// people, grown as they grow) joins the locality's backlog of people
// waiting for a routine appointment, and its practices and hub give the
// day's routine appointments to those waiting, first come first served:
//
//	need     ~ Poisson(Σ people × Routine × 365.25 / weekdays a year)
//	capacity = GPs × RoutinePerGP + HubRoutine      (appointments)
//	given    = min(capacity, backlog + need)
//	backlog ← backlog + need − given
//	referred ~ Binomial(given, RoutineRefer)
//
// The backlog is counts by the day the need arose, as outpatients'
// follow-ups are, not patients: the wait of each appointment given is
// the days since its need arose (0 when seen the day it arose), and
// nobody leaves the backlog but by an appointment. So a locality whose
// need outgrows its appointments, fewer GPs or GPs held while its people
// grow older and more numerous, waits longer and longer, and gives, and
// refers from, no more than its capacity; hubs' routine appointments or
// more GPs give and refer more. The routine need is not shaped by
// urgent demand's months or winters: routine appointments are booked and
// spread (assumption).
//
// # Who the GPs refer
//
// The GP referrals replace the GPReferred share of the two per-head
// streams of first outpatient referrals (AgeBand.Elective, whose
// referrals end in an ordinary elective admission, and
// Outpatients.Referrals, whose do not): those streams keep 1 −
// GPReferred of their rates (consultant-to-consultant, A&E and other
// sources; perHeadShare). Each GP referral is of a person of the
// locality drawn in proportion to the per-head streams' rates, so that
// the ages of the referred, which matter downstream (an elective
// patient's cohort), stay the per-head streams' within the locality:
//
//	P(cohort c)         ∝ people_c × (Elective_band(c) + Referrals)
//	P(elective | c)     = Elective_band(c) / (Elective_band(c) + Referrals)
//
// and an elective referral is a patient, as the per-head stream's is
// (referElective), and the other a count in outpatients' queue
// (referOutpatient). This draws who is referred, not who had the
// appointment: the backlog's counts keep no ages, and the referral
// rates by age are the per-head streams' (they vary far less with age
// than consultations do). A stream switched off (outpatients, or
// electives) takes no GP referrals, and GP referrals are made only
// while one of them is on. The referrals are made at the start of the
// appointments' day; no event is booked for an appointment.
//
// At full access (every need seen the day it arises) a locality refers
// RoutineRefer × its need; RoutineRefer is derived so that, summed over
// the localities, that is the GPReferred share of the per-head streams
// in the base year, so the base year's referrals are today's by
// construction (baseline.yaml's primary_care comment). Switched off
// (primary care), there is no routine side and every referral comes
// per head.
type routine struct {
	// q[l] is locality l's backlog, oldest first: people whose routine
	// need arose on a day and who have not yet had an appointment.
	q []routineBacklog
	// w is scratch for the cumulative referral weights of a locality's
	// cohorts.
	w []float64
	// pcg and rng draw a day's numbers, seeded for each day, locality
	// and draw (routineRNG) from seed.
	pcg  rand.PCG
	rng  *rand.Rand
	seed uint64
}

// routineBacklog is one locality's people waiting for a routine
// appointment, by the day their need arose, and their number.
type routineBacklog struct {
	waiting []opDue
	n       int
}

// The routine side's draws of a day and locality.
const (
	drawRoutineNeed = iota
	drawRoutineRefer
	numRoutineDraws
)

// initRoutine sets the routine side up, with primary care.
func (m *model) initRoutine() {
	rt := &m.pc.rt
	rt.rng = rand.New(&rt.pcg)
	rt.seed = des.StreamID(m.cfg.Rep, "primary-care/routine") ^ m.cfg.Seed
	rt.q = make([]routineBacklog, len(m.p.Population.Localities))
}

// routineRNG returns the routine side's generator seeded for day d,
// locality l and draw k: its own stream, so that the same-day side's
// draws are those it would make without it.
func (m *model) routineRNG(d, l, k int) *rand.Rand {
	rt := &m.pc.rt
	rt.pcg.Seed(rt.seed, uint64((d*len(rt.q)+l)*numRoutineDraws+k))
	return rt.rng
}

// primaryRoutine is the routine side of locality l on day d: on a
// weekday, the day's need joins the backlog, the day's appointments are
// given and the GP referrals made; every day, the backlog is recorded.
func (m *model) primaryRoutine(d, l int, weekday bool) {
	pcp := &m.p.Services.PrimaryCare
	q := &m.pc.rt.q[l]
	svc := svcPrimaryCare
	if weekday {
		g := &pcp.Localities[m.pc.group[l]]
		mid := des.Time(d) + 0.5
		lambda := 0.0
		for _, i := range m.pc.cohorts[l] {
			c := &m.cohorts[i]
			lambda += c.People * m.growth(c.Growth, mid) * m.p.Population.AgeBands[c.Band].Routine
		}
		// Routine is per day of a year; it falls on weekdays only.
		need := poisson(m.routineRNG(d, l, drawRoutineNeed), lambda*365.25/weekdaysPerYear)
		if need > 0 {
			q.waiting = append(q.waiting, opDue{day: d, n: need})
			q.n += need
		}
		capacity := int(math.Round(g.GPs*m.primaryStaffed()*pcp.RoutinePerGP) + math.Round(g.HubRoutine))
		given, waited := 0, 0
		k := 0
		for ; k < len(q.waiting) && given < capacity; k++ {
			b := &q.waiting[k]
			x := min(capacity-given, b.n)
			b.n -= x
			given += x
			waited += x * (d - b.day)
			if b.n > 0 {
				break
			}
		}
		q.waiting = q.waiting[:copy(q.waiting, q.waiting[k:])]
		q.n -= given
		m.ownInc(svc, pcRoutineNeed, d, need)
		m.ownInc(svc, pcRoutineCapacity, d, capacity)
		m.ownInc(svc, pcRoutineGiven, d, given)
		m.ownInc(svc, pcRoutineWaitDays, d, waited)
		if pcp.GPReferred > 0 {
			m.gpReferrals(m.routineRNG(d, l, drawRoutineRefer), l, d, given)
		}
	}
	m.ownInc(svc, pcRoutineBacklog, d, q.n)
}

// gpReferrals makes the GP referrals of the given routine appointments
// of locality l on day d, now: RoutineRefer of them, each of a person of
// the locality drawn by the per-head streams' rates (see [routine]).
func (m *model) gpReferrals(r *rand.Rand, l, d, given int) {
	p := m.p
	elective, outpatients := m.listOn(), m.op.on
	referrals := 0.0
	if outpatients {
		referrals = p.Services.Outpatients.Referrals
	}
	cs := m.pc.cohorts[l]
	w := m.pc.rt.w[:0]
	mid := des.Time(d) + 0.5
	total := 0.0
	for _, i := range cs {
		c := &m.cohorts[i]
		x := referrals
		if elective {
			x += p.Population.AgeBands[c.Band].Elective
		}
		total += c.People * m.growth(c.Growth, mid) * x
		w = append(w, total)
	}
	m.pc.rt.w = w
	if !(total > 0) {
		return
	}
	n := binomial(r, given, p.Services.PrimaryCare.RoutineRefer)
	electives := 0
	for range n {
		x := r.Float64() * total
		k := 0
		for k < len(w)-1 && w[k] <= x {
			k++
		}
		ci := cs[k]
		seed := r.Uint64()
		el := 0.0
		if elective {
			el = p.Population.AgeBands[m.cohorts[ci].Band].Elective
		}
		if r.Float64()*(el+referrals) < el {
			electives++
			m.referElective(seed, int16(ci))
		} else {
			m.referOutpatient(seed, -1)
		}
	}
	m.ownInc(svcPrimaryCare, pcRoutineReferrals, d, n)
	m.ownInc(svcPrimaryCare, pcRoutineElective, d, electives)
}

// perHeadShare returns the share of the per-head streams of first
// outpatient referrals (AgeBand.Elective, Outpatients.Referrals) that
// comes per head: 1 − GPReferred with primary care on, whose routine
// appointments make the rest (gpReferrals); 1 with it off.
func (m *model) perHeadShare() float64 {
	pc := &m.p.Services.PrimaryCare
	if !pc.Enabled {
		return 1
	}
	return 1 - pc.GPReferred
}

// routineMeasures are the routine side's measures, in primary care's.
var routineMeasures = []measureDef{
	daily(follows, "gp_routine_need", "patients", weekdayCount(own(pcRoutineNeed)),
		"people needing a routine (not same-day) GP appointment (weekdays): on a Saturday or Sunday the Friday's, for charts"),
	daily(follows, "gp_routine_appointments", "appointments", weekdayCount(own(pcRoutineGiven)),
		"routine GP appointments given, practices and hubs: on a Saturday or Sunday the Friday's, for charts"),
	daily(follows, "gp_routine_backlog", "patients", dayCount(own(pcRoutineBacklog)),
		"people waiting for a routine GP appointment at the end of the day"),
	annual(follows, "gp_routine_need", "patients", total(own(pcRoutineNeed)),
		"people needing a routine (not same-day) GP appointment"),
	annual(follows, "gp_routine_appointments", "appointments", total(own(pcRoutineGiven)),
		"routine GP appointments given, practices and hubs"),
	annual(follows, "gp_routine_capacity", "appointments", total(own(pcRoutineCapacity)),
		"routine GP appointments offered, practices and hubs"),
	annual(follows, "gp_routine_backlog", "patients", stock(own(pcRoutineBacklog)),
		"people waiting for a routine GP appointment at the end of a day, mean over the year's days"),
	annual(follows, "gp_outpatient_referrals", "referrals", total(own(pcRoutineReferrals)),
		"GP referrals for a first outpatient appointment, from routine appointments (before advice and guidance and the elective gateway)"),
	annual(follows, "gp_elective_referrals", "referrals", total(own(pcRoutineElective)),
		"of them, ordinary elective referrals (also counted in elective_referrals)"),
	metric(follows, "gp_routine_wait_days_mean", "days", ratioOf(own(pcRoutineWaitDays), own(pcRoutineGiven)),
		"days from a routine GP need to its appointment, over the routine appointments given (0 when seen the day the need arose)"),
	metric(follows, "gp_routine_backlog_mean", "patients", stockMean(own(pcRoutineBacklog)),
		"people waiting for a routine GP appointment at the end of a day, mean over the measured days"),
	metric(follows, "gp_routine_utilisation", "fraction", ratioOf(own(pcRoutineGiven), own(pcRoutineCapacity)),
		"routine GP appointments given over those offered"),
	metric(follows, "gp_outpatient_referrals_per_year", "per year", perYear(own(pcRoutineReferrals)),
		"GP referrals for a first outpatient appointment, from routine appointments"),
}

// checkRoutine checks the routine side's parameters: GP referrals need
// routine appointments to come from and a rate to be drawn at, or the
// GPReferred share of the per-head streams would vanish.
func (pc *PrimaryCare) checkRoutine(c *checker, pop *Population) {
	const at = "services.primary_care."
	c.nonNegative(at+"routine_per_gp", pc.RoutinePerGP)
	c.atMost(at+"routine_per_gp", pc.RoutinePerGP, 1000, "1000", "appointments a GP offers in a day")
	c.fraction(at+"routine_refer", pc.RoutineRefer)
	c.fraction(at+"gp_referred", pc.GPReferred)
	if !pc.Enabled || !(pc.GPReferred > 0) {
		return
	}
	if !(pc.RoutineRefer > 0) {
		c.add(at+"routine_refer", "must be above 0 when gp_referred is (%.4g): the GP-referred share of the referrals "+
			"comes from routine appointments at this rate, and would vanish", pc.GPReferred)
	}
	need := false
	for _, a := range pop.AgeBands {
		need = need || a.Routine > 0
	}
	if !need {
		c.add(at+"gp_referred", "is %.4g but no age band has a routine GP need (population.age_bands[*].routine): "+
			"the GP-referred share of the referrals would vanish", pc.GPReferred)
	}
}
