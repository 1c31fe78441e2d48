package care

import (
	"math"
	"math/rand/v2"
	"strconv"

	"gonum.org/v1/gonum/stat/distuv"

	"caresim/sim/des"
)

// PrimaryCare is general practice's same-day capacity: the appointments
// that the practices of each locality, and its extended-access hub, can
// offer on a weekday to people who need to be seen that day. Each
// weekday, each locality's same-day need (AgeBand.SameDay of its people,
// shaped by urgent demand's month profile, winter severity and trend)
// meets its capacity. The practices' triage sees first the Refer share of
// the need, who are urgent and referred to hospital (the gp-referral
// route); the rest take the appointments left:
//
//	capacity = GPs × PerGP + Hub               (appointments)
//	referred ~ Binomial(need, Refer)
//	seen     = min(need, max(capacity, referred))
//	unmet    = need − seen
//
// So GP referrals come from primary care's appointments, and a shortage
// of appointments falls on the need that is not urgent. Of the unmet,
// the ToED share go to A&E themselves (the walk-in route) and the To111
// share ring NHS 111 (see [NHS111]); the rest wait for a later
// appointment, see a pharmacist or care for themselves, and leave the
// model. Same-day need is weekdays' only: at weekends practices are shut
// and people ring NHS 111, whose calls carry that need. Switched off,
// there is no same-day need and no arrival comes through primary care.
//
// The rule is primary care's as the GP Patient Survey describes it: a
// person who cannot get an appointment goes elsewhere in a stated mix;
// the model does not let practices over-book, but for the urgent.
type PrimaryCare struct {
	Enabled bool `yaml:"enabled"`
	// Localities gives each locality of the population (by name, every
	// one once) its practices' general practitioners and its hub.
	Localities []PracticeGroup `yaml:"localities"`
	// PerGP is the same-day appointments a whole-time-equivalent GP
	// offers on an average weekday (leave and training spread over the
	// year).
	PerGP float64 `yaml:"per_gp"`
	// Refer is the share of same-day need that is urgent: seen first,
	// and referred to hospital (the gp-referral route).
	Refer float64 `yaml:"refer" unit:"fraction"`
	// ToED is the share of unmet same-day need that goes to A&E instead
	// (the walk-in route).
	ToED float64 `yaml:"to_ed" unit:"fraction"`
	// To111 is the share of unmet same-day need that rings NHS 111
	// instead; with ToED at most 1.
	To111 float64 `yaml:"to_111" unit:"fraction"`
	// RoutinePerGP is the routine (booked, not same-day) appointments a
	// whole-time-equivalent GP offers on an average weekday (the routine
	// side, primary_routine.go).
	RoutinePerGP float64 `yaml:"routine_per_gp"`
	// RoutineRefer is the share of routine appointments given that end
	// in a referral for a first outpatient appointment.
	RoutineRefer float64 `yaml:"routine_refer" unit:"fraction"`
	// GPReferred is the share of first outpatient referrals of both
	// streams (AgeBand.Elective and Outpatients.Referrals) that GPs make:
	// they come from the routine appointments given (RoutineRefer of
	// them), and the per-head streams keep the rest, 1 − GPReferred. At
	// 0 every referral comes per head.
	GPReferred float64 `yaml:"gp_referred" unit:"fraction"`
	// Staff is the practices' staff per whole-time-equivalent GP of the
	// localities (PracticeGroup.GPs), by role (workforce.go): the GPs
	// themselves and their practice nurses. With the staffing rule on,
	// the GPs the staff cannot open give no appointments.
	Staff Staffing `yaml:"staff"`
}

// PracticeGroup is one locality's general practices.
type PracticeGroup struct {
	// Name is the locality's, as in population.localities.
	Name string `yaml:"name"`
	// GPs is the practices' general practitioners, whole-time
	// equivalents.
	GPs float64 `yaml:"gps"`
	// Hub is the extended-access hub's same-day appointments on a
	// weekday (evenings), on top of the practices'.
	Hub float64 `yaml:"hub"`
	// HubRoutine is the hub's routine (pre-bookable) appointments on a
	// weekday, on top of the practices' (PerGP's are same-day,
	// RoutinePerGP's routine).
	HubRoutine float64 `yaml:"hub_routine"`
}

// NHS111 is the NHS 111 telephone service: calls from the registered
// population (Calls per person, more at weekends, when practices are
// shut, and shaped by urgent demand's month profile, winter severity and
// trend) and from people whose same-day need primary care could not meet
// (PrimaryCare.To111). Each call ends in one disposition: an ambulance
// (the ambulance route), a recommendation to attend A&E (the walk-in
// route), primary care (a GP, counted only, or the out-of-hours service
// in its hours, see [OutOfHours]),
// another service (counted only), or none (self care, information, calls
// not triaged). The ambulances and A&E attendances arrive through the
// day as urgent demand's hour-of-week profile has it. Switched off,
// calls are not made: people whose need was unmet do not ring, and the
// population's calls do not happen.
type NHS111 struct {
	Enabled bool `yaml:"enabled"`
	// Calls is calls per person.
	Calls float64 `yaml:"calls" unit:"per-head"`
	// Weekend is a Saturday's or a Sunday's calls relative to a
	// weekday's.
	Weekend float64 `yaml:"weekend" unit:"factor"`
	// Ambulance, ED, PrimaryCare and Other are the shares of calls with
	// each disposition; the rest are given none. They sum to at most 1.
	Ambulance   float64 `yaml:"ambulance" unit:"fraction"`
	ED          float64 `yaml:"ed" unit:"fraction"`
	PrimaryCare float64 `yaml:"primary_care" unit:"fraction"`
	Other       float64 `yaml:"other" unit:"fraction"`
	// Earlier are NHS 111's own calls per person while it was taking
	// over from the telephone services it replaced (NHS Direct, the
	// out-of-hours services' own lines): each entry's Calls before its
	// Until, in order of their dates (a day before the first Until takes
	// the first entry's, one on or after the last Until none). The
	// population's calls are Calls throughout; the rest of them, at most
	// Calls, were answered by those services, with the same dispositions,
	// and are counted apart from NHS 111's.
	Earlier []CallRate `yaml:"earlier"`
}

// CallRate is NHS 111's own calls per person until a date.
type CallRate struct {
	// Until is the first day on which the rate no longer applies.
	Until des.Date `yaml:"until"`
	// Calls is calls per person.
	Calls float64 `yaml:"calls" unit:"per-head"`
}

// shareOn returns the share of the population's calls that NHS 111
// answered on date d: the first of Earlier whose Until is after d, over
// Calls; 1 from the last Until on, or when there are no calls.
func (n *NHS111) shareOn(d des.Date) float64 {
	for _, e := range n.Earlier {
		if d.Sub(e.Until) < 0 {
			if n.Calls > 0 {
				return min(1, e.Calls/n.Calls)
			}
			break
		}
	}
	return 1
}

// svcPrimaryCare is general practice's same-day capacity. It holds no
// units of a pool: its capacity is appointments a day, met once a day
// (onPrimaryDay), not places held.
var svcPrimaryCare = &service{
	name:    "primary-care",
	key:     "primary_care",
	title:   "Primary care (same day)",
	enabled: func(p *Services) *bool { return &p.PrimaryCare.Enabled },
	counts:  numPCCounts,
	measures: append([]measureDef{
		daily(follows, "gp_same_day_need", "patients", weekdayCount(own(pcNeed)),
			"people needing a same-day GP appointment (weekdays): on a Saturday or Sunday the Friday's, for charts"),
		daily(follows, "gp_same_day_seen", "appointments", weekdayCount(entries),
			"same-day GP appointments given, practices and hubs: on a Saturday or Sunday the Friday's, for charts"),
		daily(follows, "gp_same_day_capacity", "appointments", weekdayCount(own(pcCapacity)),
			"same-day GP appointments offered, practices and hubs (capacity): on a Saturday or Sunday the Friday's, for charts"),
		daily(follows, "gp_same_day_unmet", "patients", dayCount(own(pcUnmet)),
			"people needing a same-day GP appointment who could not get one (weekdays)"),
		annual(follows, "gp_same_day_need", "patients", total(own(pcNeed)),
			"people needing a same-day GP appointment"),
		annual(follows, "gp_same_day_appointments", "appointments", total(entries),
			"same-day GP appointments given, practices and hubs"),
		annual(follows, "gp_same_day_capacity", "appointments", total(own(pcCapacity)),
			"same-day GP appointments offered, practices and hubs"),
		annual(follows, "gp_hub_capacity", "appointments", total(own(pcHub)),
			"of them, offered by extended-access hubs"),
		annual(follows, "gp_same_day_unmet", "patients", total(own(pcUnmet)),
			"people needing a same-day GP appointment who could not get one"),
		annual(follows, "gp_referrals", "patients", total(own(pcReferred)),
			"urgent GP referrals to hospital from same-day appointments"),
		annual(follows, "gp_unmet_to_ae", "patients", total(own(pcUnmetED)),
			"people who went to A&E for want of a same-day GP appointment"),
		metric(follows, "gp_same_day_unmet_share", "fraction", ratioOf(own(pcUnmet), own(pcNeed)),
			"people needing a same-day GP appointment who could not get one, over all who needed one"),
		metric(follows, "gp_same_day_utilisation", "fraction", ratioOf(entries, own(pcCapacity)),
			"same-day GP appointments given over those offered"),
		metric(follows, "gp_referrals_per_year", "per year", perYear(own(pcReferred)),
			"urgent GP referrals to hospital from same-day appointments"),
		metric(follows, "gp_unmet_to_ae_per_year", "per year", perYear(own(pcUnmetED)),
			"people who went to A&E for want of a same-day GP appointment"),
	}, routineMeasures...),
	chart: &serviceChart{title: "Same-day GP appointments", overlay: "overlay-gp-same-day-need",
		measure: "People needing a same-day GP appointment", unit: "people a weekday",
		mean: "gp_same_day_need", capacity: "gp_same_day_capacity",
		noun: "needed", axis: "People a weekday"},
}

// svcNHS111 is the NHS 111 telephone service. It holds no units: its
// calls are counted and their dispositions sent on, once a day
// (onPrimaryDay).
var svcNHS111 = &service{
	name:    "nhs-111",
	key:     "nhs_111",
	title:   "NHS 111",
	enabled: func(p *Services) *bool { return &p.NHS111.Enabled },
	counts:  num111Counts,
	measures: []measureDef{
		daily(follows, "nhs111_calls", "calls", dayCount(entries),
			"NHS 111 calls"),
		annual(follows, "nhs111_calls", "calls", total(entries),
			"NHS 111 calls (its own: before services.nhs_111.earlier's dates the services it replaced answered the rest, nhs111_replaced_calls)"),
		annual(follows, "nhs111_to_ambulance", "calls", total(own(n111Ambulance)),
			"NHS 111 calls ending in an ambulance to A&E"),
		annual(follows, "nhs111_to_ae", "calls", total(own(n111ED)),
			"NHS 111 calls ending in a recommendation to attend A&E"),
		annual(follows, "nhs111_to_primary_care", "calls", total(own(n111Primary)),
			"NHS 111 calls ending in primary care (a GP or the out-of-hours service)"),
		annual(follows, "nhs111_to_other", "calls", total(own(n111Other)),
			"NHS 111 calls ending in another service"),
		annual(follows, "nhs111_no_service", "calls", total(own(n111None)),
			"NHS 111 calls ending in self care or information, or not triaged"),
		metric(follows, "nhs111_calls_per_year", "per year", perYear(entries),
			"NHS 111 calls"),
		annual(follows, "nhs111_replaced_calls", "calls", total(own(n111Replaced)),
			"calls answered by the telephone services NHS 111 replaced (NHS Direct), before services.nhs_111.earlier's dates; their dispositions are in NHS 111's"),
		metric(follows, "nhs111_to_hospital_share", "fraction", ratioOf(own(n111Hospital), own(n111All)),
			"NHS 111 calls (and the services' it replaced) ending in an ambulance or a recommendation to attend A&E, over all calls"),
	},
}

// The primary-care service's own counts (service.counts), by day.
const (
	pcNeed     = iota // people needing a same-day appointment
	pcCapacity        // appointments offered
	pcHub             // of them, by hubs
	pcUnmet           // people needing one who got none
	pcReferred        // referred to hospital (before Call for Care and self care)
	pcUnmetED         // unmet, gone to A&E
	pcUnmet111        // unmet, rung NHS 111
	// The routine side's (primary_routine.go).
	pcRoutineNeed      // people needing a routine appointment
	pcRoutineCapacity  // routine appointments offered
	pcRoutineGiven     // routine appointments given
	pcRoutineWaitDays  // days waited, summed over the appointments given
	pcRoutineBacklog   // people waiting at the end of the day (a stock, every day)
	pcRoutineReferrals // GP referrals for a first outpatient appointment
	pcRoutineElective  // of them, ordinary elective referrals (AgeBand.Elective)
	numPCCounts
)

// NHS 111's own counts, by day.
const (
	n111Ambulance = iota // calls ending in an ambulance
	n111ED               // in a recommendation to attend A&E
	n111Primary          // in primary care
	n111Other            // in another service
	n111None             // in none
	n111Hospital         // ambulance and A&E together
	n111Replaced         // calls answered by the services NHS 111 replaced (NHS111.Earlier)
	n111All              // calls to NHS 111 and the services it replaced
	num111Counts
)

// weekdaysPerYear is the weekdays in a year of 365.25 days: same-day need
// per person per year falls on them.
const weekdaysPerYear = 365.25 * 5 / 7

// primaryCare is primary care's and NHS 111's state in one replication.
type primaryCare struct {
	on, on111 bool
	// group[l] is population locality l's practice group in
	// PrimaryCare.Localities, or −1.
	group []int
	// cohorts[l] are the cohorts of locality l.
	cohorts [][]int
	// w is scratch for cumulative cohort weights.
	w []float64
	// rng draws a day's numbers; it is seeded for each day, locality and
	// draw (primaryRNG), so that the same day's need is the same in every
	// scenario of a seed and replication (common random numbers).
	pcg  rand.PCG
	rng  *rand.Rand
	seed uint64
	// norm and excess are urgent demand's month weights and their winter
	// excess (winterExcess); hours[wd] are the hour-of-week weights of
	// weekday wd (0 Monday), all 1 when urgent demand gives none.
	norm, excess [12]float64
	hours        [7][24]float64
	// direct is the hour-of-week profile of the population's direct
	// urgent arrivals (directHours), or nil when it is urgent demand's.
	direct []float64
	// rt is the routine side's state (primary_routine.go).
	rt routine
}

// initPrimary sets primary care up: it is on when either service is.
func (m *model) initPrimary() {
	p := m.p
	pc := &m.pc
	pc.on, pc.on111 = p.Services.PrimaryCare.Enabled, p.Services.NHS111.Enabled
	if !pc.on && !pc.on111 && !p.Services.OutOfHours.Enabled {
		return
	}
	pc.rng = rand.New(&pc.pcg)
	pc.seed = des.StreamID(m.cfg.Rep, "primary-care") ^ m.cfg.Seed
	m.initRoutine()
	nl := len(p.Population.Localities)
	pc.group = make([]int, nl)
	pc.cohorts = make([][]int, nl)
	for l, loc := range p.Population.Localities {
		pc.group[l] = -1
		for g, pg := range p.Services.PrimaryCare.Localities {
			if pg.Name == loc.Name {
				pc.group[l] = g
			}
		}
	}
	for i, c := range m.cohorts {
		pc.cohorts[c.Locality] = append(pc.cohorts[c.Locality], i)
	}
	u := &p.Demand.Urgent
	pc.norm, pc.excess = winterExcess(u.Month)
	for wd := range 7 {
		for h := range 24 {
			pc.hours[wd][h] = 1
			if len(u.HourOfWeek) == 7*24 {
				pc.hours[wd][h] = u.HourOfWeek[24*wd+h]
			}
		}
	}
}

// primaryShape is urgent demand's multiplier on day d from the start of
// warm-up, on the same-day need and NHS 111's calls as on the direct
// arrivals: the month's weight with its winter's severity, and the trend
// since Start.
//
//	shape(d) = (m_k + (W_Y − 1)·e_k) × (1 + trend)^((d + ½ − warm)/365.25)
func (m *model) primaryShape(d int) float64 {
	k := m.p.Start.AddDays(d-int(m.warm)).Month - 1
	f := m.pc.norm[k] + (m.winterOn(d)-1)*m.pc.excess[k]
	return f * m.growth(m.p.Demand.Urgent.Trend, des.Time(d)+0.5)
}

// The draws of a day and locality, each from its own seed.
const (
	drawNeed = iota
	drawRefer
	drawUnmet
	drawCalls
	drawDisposition
	drawPatients     // each patient's cohort, seed and time
	drawCallPatients // each NHS 111 caller's sent to hospital
	numDraws
)

// primaryRNG returns primary care's generator seeded for day d, locality
// l and draw k.
func (m *model) primaryRNG(d, l, k int) *rand.Rand {
	pc := &m.pc
	pc.pcg.Seed(pc.seed, uint64((d*len(pc.group)+l)*numDraws+k))
	return pc.rng
}

// onPrimaryDay meets each locality's same-day need of day d (from the
// start of warm-up) with its capacity, makes the day's NHS 111 calls,
// and schedules the arrivals at hospital that come of them; then the
// next day's.
func (m *model) onPrimaryDay() error {
	now := m.cal.Now()
	d := int(math.Floor(float64(now)))
	if t := now + 1; t < m.end {
		m.cal.Schedule(t, evPrimaryDay, 0)
	}
	for l := range m.pc.group {
		m.primaryLocality(d, l)
		m.oohDirect(d, l)
	}
	return nil
}

// primaryLocality is onPrimaryDay for locality l.
func (m *model) primaryLocality(d, l int) {
	p := m.p
	pcp, n1 := &p.Services.PrimaryCare, &p.Services.NHS111
	wd := m.weekdayOf(d)
	weekday := wd < 5
	mid := des.Time(d) + 0.5
	shape := m.primaryShape(d)
	calls111 := 0
	if m.pc.on && weekday && m.pc.group[l] >= 0 {
		g := &pcp.Localities[m.pc.group[l]]
		lambda := 0.0
		for _, i := range m.pc.cohorts[l] {
			c := &m.cohorts[i]
			lambda += c.People * m.growth(c.Growth, mid) * p.Population.AgeBands[c.Band].SameDay
		}
		// SameDay is per day of a year; it falls on weekdays only.
		lambda *= shape * 365.25 / weekdaysPerYear
		need := poisson(m.primaryRNG(d, l, drawNeed), lambda)
		hub := math.Round(g.Hub)
		capacity := int(math.Round(g.GPs*m.primaryStaffed()*pcp.PerGP) + hub)
		refer := binomial(m.primaryRNG(d, l, drawRefer), need, pcp.Refer)
		seen := min(need, max(capacity, refer))
		unmet := need - seen
		r := m.primaryRNG(d, l, drawUnmet)
		toED := binomial(r, unmet, pcp.ToED)
		to111 := 0
		if rest := 1 - pcp.ToED; rest > 0 {
			to111 = binomial(r, unmet-toED, min(1, pcp.To111/rest))
		}
		svc := svcPrimaryCare
		m.counts[svc.entries].Inc(d, float64(seen))
		m.ownInc(svc, pcNeed, d, need)
		m.ownInc(svc, pcCapacity, d, capacity)
		m.ownInc(svc, pcHub, d, int(hub))
		m.ownInc(svc, pcUnmet, d, unmet)
		m.ownInc(svc, pcReferred, d, refer)
		m.ownInc(svc, pcUnmetED, d, toED)
		if m.pc.on111 {
			m.ownInc(svc, pcUnmet111, d, to111)
			calls111 = to111
		}
		pr := m.primaryRNG(d, l, drawPatients)
		// GP referrals during surgery hours, 08:00–19:00; unmet need
		// goes to A&E from 08:00 to 22:00 (assumption).
		m.primaryArrivals(pr, l, d, refer, routeGP, wd, 8, 19, true)
		m.primaryArrivals(pr, l, d, toED, routeWalkIn, wd, 8, 22, true)
	}
	if m.pc.on && m.pc.group[l] >= 0 {
		m.primaryRoutine(d, l, weekday)
	}
	if !m.pc.on111 {
		return
	}
	people := 0.0
	for _, i := range m.pc.cohorts[l] {
		c := &m.cohorts[i]
		people += c.People * m.growth(c.Growth, mid)
	}
	// Calls per day of the week, a weekday's 7/(5 + 2·Weekend) of the
	// mean and a weekend day's Weekend times that.
	f := 7 / (5 + 2*n1.Weekend)
	if !weekday {
		f *= n1.Weekend
	}
	rc := m.primaryRNG(d, l, drawCalls)
	calls111 += poisson(rc, people*n1.Calls*f*shape)
	// Before the dates of Earlier, the services NHS 111 replaced answer
	// the calls it does not.
	answered := binomial(rc, calls111, n1.shareOn(p.Start.AddDays(d-int(m.warm))))
	r := m.primaryRNG(d, l, drawDisposition)
	left, rest := calls111, 1.0
	take := func(share float64) int {
		if left == 0 || rest <= 0 {
			return 0
		}
		k := binomial(r, left, min(1, share/rest))
		left -= k
		rest -= share
		return k
	}
	amb, ed, prim, other := take(n1.Ambulance), take(n1.ED), take(n1.PrimaryCare), take(n1.Other)
	svc := svcNHS111
	m.counts[svc.entries].Inc(d, float64(answered))
	m.ownInc(svc, n111Replaced, d, calls111-answered)
	m.ownInc(svc, n111All, d, calls111)
	m.ownInc(svc, n111Ambulance, d, amb)
	m.ownInc(svc, n111ED, d, ed)
	m.ownInc(svc, n111Primary, d, prim)
	m.ownInc(svc, n111Other, d, other)
	m.ownInc(svc, n111None, d, left)
	m.ownInc(svc, n111Hospital, d, amb+ed)
	pr := m.primaryRNG(d, l, drawCallPatients)
	m.primaryArrivals(pr, l, d, amb, routeAmbulance, wd, 0, 24, false)
	m.primaryArrivals(pr, l, d, ed, routeWalkIn, wd, 0, 24, false)
	m.oohCalls(d, l, wd, prim)
}

// primaryArrivals schedules n arrivals at hospital by route on day d
// (weekday wd) from locality l, in the hours [h0, h1) of the day: at an
// hour drawn by urgent demand's hour-of-week weights of those hours (the
// shape of A&E arrivals, which the direct arrivals keep too) and a
// uniform time within it, each
// from a cohort of the locality drawn in proportion to its urgent demand
// (its people, and its stratum's urgent ratio within its band) and, when
// sameDay, its age band's same-day need. An enrolled person comes at
// the community teams' ratios (enrolledShares), as a direct arrival
// does.
func (m *model) primaryArrivals(r *rand.Rand, l, d, n int, route uint8, wd, h0, h1 int, sameDay bool) {
	if n == 0 {
		return
	}
	total := m.cohortWeights(l, des.Time(d)+0.5, sameDay)
	if total <= 0 {
		return
	}
	for range n {
		ci := m.pickCohort(r, l, total)
		seed := r.Uint64()
		t := m.drawHour(r, d, wd, h0, h1)
		if t < m.cal.Now() || t >= m.end {
			continue
		}
		probe := patient{seed: seed}
		thin := m.u(&probe, slotThin)
		c := &m.cohorts[ci]
		keep, enrolled := 1.0, 0.0
		if c.enrolled > 0 {
			keep, enrolled = m.enrolledShares(c, 1, t, thin)
			if thin >= keep {
				continue
			}
		}
		m.primaryPatient(seed, ci, route, t, thin < enrolled)
		// Enrolled people who come more often than they would (an early
		// ratio above 1) make keep above 1: one more arrival, of an
		// enrolled person, with probability keep − 1. Its draws are the
		// patient's own, so that the day's stream is the same whether it
		// comes or not (common random numbers).
		if keep > 1 && m.u(&probe, slotExtra) < keep-1 {
			m.primaryPatient(seed^0x9E3779B97F4A7C15, ci, route, t, true)
		}
	}
}

// cohortWeights sets m.pc.w to the cumulative weights of locality l's
// cohorts at time mid, in proportion to their urgent demand (their
// people, and their stratum's urgent ratio within its band) and, when
// sameDay, their age band's same-day need, and returns the total.
func (m *model) cohortWeights(l int, mid des.Time, sameDay bool) float64 {
	p := m.p
	w := m.pc.w[:0]
	total := 0.0
	for _, i := range m.pc.cohorts[l] {
		c := &m.cohorts[i]
		band := &p.Population.AgeBands[c.Band]
		mean := 0.0
		for s, rs := range band.RiskShares {
			mean += rs * p.Population.Risk[s].UrgentRatio
		}
		x := 0.0
		if mean > 0 {
			x = c.People * m.growth(c.Growth, mid) * p.Population.Risk[c.Risk].UrgentRatio / mean
			if sameDay {
				x *= band.SameDay
			}
		}
		total += x
		w = append(w, total)
	}
	m.pc.w = w
	return total
}

// pickCohort draws a cohort of locality l by the weights cohortWeights
// set, whose total is total.
func (m *model) pickCohort(r *rand.Rand, l int, total float64) int {
	w := m.pc.w
	x := r.Float64() * total
	k := 0
	for k < len(w)-1 && w[k] <= x {
		k++
	}
	return m.pc.cohorts[l][k]
}

// drawHour draws a time of day d (weekday wd) in the hours [h0, h1): an
// hour by urgent demand's hour-of-week weights of those hours, and a
// uniform time within it.
func (m *model) drawHour(r *rand.Rand, d, wd, h0, h1 int) des.Time {
	hw := &m.pc.hours[wd]
	sum := 0.0
	for h := h0; h < h1; h++ {
		sum += hw[h]
	}
	x, h := r.Float64()*sum, h0
	for h < h1-1 && hw[h] <= x {
		x -= hw[h]
		h++
	}
	return des.Time(d) + des.Time((float64(h)+r.Float64())/24)
}

// primaryPatient schedules the arrival at t of a patient of cohort ci by
// route, enrolled in the community teams' caseload or not.
func (m *model) primaryPatient(seed uint64, ci int, route uint8, t des.Time, enrolled bool) {
	id := m.newPatient(seed, kindUrgent, int16(ci), route)
	if enrolled {
		m.pts.At(id).flags |= fEnrolled
	}
	m.cal.Schedule(t, evPrimaryArrive, id)
}

// onPrimaryArrive sends patient id, whom primary care or NHS 111 sent to
// hospital, on its way as an urgent arrival of its route.
func (m *model) onPrimaryArrive(id int32) error {
	m.pts.At(id).arrived = m.cal.Now()
	return m.arrive(id)
}

// ownInc adds n to service s's own count k on day d.
func (m *model) ownInc(s *service, k, d, n int) {
	if n != 0 {
		m.counts[s.countIx+k].Inc(d, float64(n))
	}
}

// poisson draws a Poisson number of mean lambda from r.
func poisson(r *rand.Rand, lambda float64) int {
	if !(lambda > 0) {
		return 0
	}
	return int(distuv.Poisson{Lambda: lambda, Src: r}.Rand())
}

// binomial draws a binomial number of n trials of probability q from r.
func binomial(r *rand.Rand, n int, q float64) int {
	if n <= 0 || !(q > 0) {
		return 0
	}
	if q >= 1 {
		return n
	}
	return int(distuv.Binomial{N: float64(n), P: q, Src: r}.Rand())
}

// check checks primary care's parameters against the population's
// localities.
func (pc *PrimaryCare) check(c *checker, pop *Population) {
	const at = "services.primary_care."
	names := make([]string, len(pc.Localities))
	for i, g := range pc.Localities {
		names[i] = g.Name
	}
	c.names(at+"localities", names)
	known := make([]string, len(pop.Localities))
	for i, l := range pop.Localities {
		known[i] = l.Name
	}
	c.oneOf(at+"localities", names, known, "locality")
	for i, g := range pc.Localities {
		p := at + "localities[" + strconv.Itoa(i) + "]"
		c.nonNegative(p+".gps", g.GPs)
		c.atMost(p+".gps", g.GPs, MaxUnits, "500,000", "more than England's GPs")
		c.nonNegative(p+".hub", g.Hub)
		c.atMost(p+".hub", g.Hub, MaxUnits, "500,000", "appointments a day")
		c.nonNegative(p+".hub_routine", g.HubRoutine)
		c.atMost(p+".hub_routine", g.HubRoutine, MaxUnits, "500,000", "appointments a day")
	}
	if pc.Enabled {
		for _, l := range known {
			found := false
			for _, n := range names {
				found = found || n == l
			}
			if !found {
				c.add(at+"localities", "missing locality %q: every locality of the population needs its practices", l)
			}
		}
	}
	c.nonNegative(at+"per_gp", pc.PerGP)
	c.atMost(at+"per_gp", pc.PerGP, 1000, "1000", "appointments a GP offers in a day")
	c.fraction(at+"refer", pc.Refer)
	c.fraction(at+"to_ed", pc.ToED)
	c.fraction(at+"to_111", pc.To111)
	pc.checkRoutine(c, pop)
	if finite(pc.ToED) && finite(pc.To111) && pc.ToED+pc.To111 > 1+shareTol {
		c.add(at+"to_111", "to_ed and to_111 are shares of the same people and must sum to at most 1, not %.4g", pc.ToED+pc.To111)
	}
}

// check checks NHS 111's parameters.
func (n *NHS111) check(c *checker) {
	const at = "services.nhs_111."
	c.nonNegative(at+"calls", n.Calls)
	c.perHead(at+"calls", n.Calls)
	c.nonNegative(at+"weekend", n.Weekend)
	c.atMost(at+"weekend", n.Weekend, MaxRatio, "1000", "a weekend day's calls relative to a weekday's")
	sum := 0.0
	for _, f := range []struct {
		key string
		x   float64
	}{{"ambulance", n.Ambulance}, {"ed", n.ED}, {"primary_care", n.PrimaryCare}, {"other", n.Other}} {
		c.fraction(at+f.key, f.x)
		sum += f.x
	}
	if finite(sum) && sum > 1+shareTol {
		c.add(at+"other", "ambulance, ed, primary_care and other are shares of the calls and must sum to at most 1, not %.4g", sum)
	}
	for i, e := range n.Earlier {
		p := at + "earlier[" + strconv.Itoa(i) + "]"
		c.nonNegative(p+".calls", e.Calls)
		c.perHead(p+".calls", e.Calls)
		if finite(e.Calls) && finite(n.Calls) && e.Calls > n.Calls {
			c.add(p+".calls", "NHS 111's own calls (%.4g a person a day) cannot pass the population's, calls (%.4g): the rest are the services it replaced", e.Calls, n.Calls)
		}
		if !e.Until.Valid() {
			c.add(p+".until", "missing or not a real date")
		} else if i > 0 && n.Earlier[i-1].Until.Valid() && e.Until.Sub(n.Earlier[i-1].Until) <= 0 {
			c.add(p+".until", "%v is not after the entry before's %v: the entries are in order of their dates", e.Until, n.Earlier[i-1].Until)
		}
	}
}

// directHours returns the hour-of-week profile of the population's direct
// urgent arrivals when primary care or NHS 111 sends some of its urgent
// arrivals, or nil. Demand.Urgent.HourOfWeek is the shape of all of the
// population's urgent arrivals at hospital (HES A&E arrivals); primary
// care's come on weekdays in its hours and NHS 111's more at weekends, so
// the direct arrivals take the rest of the shape. With s_h the profile
// normalised to mean 1 over the 168 hours, P_h the arrivals through
// primary care and NHS 111 expected in hour h of the week at Start (the
// need's mean against the capacity, by locality), and D the direct
// arrivals of an hour on average,
//
//	direct_h = max(0, (D + P̄)·s_h − P_h) / D,   P̄ the mean of P_h
//
// so that direct and sent arrivals together keep the profile (exactly
// where no hour is cut to 0, and at Start; as capacity, need and calls
// change later, the sent arrivals' share moves, and the direct ones keep
// this shape).
func (m *model) directHours() []float64 {
	p := m.p
	pcp, n1 := &p.Services.PrimaryCare, &p.Services.NHS111
	if !pcp.Enabled && !n1.Enabled && !p.Services.OutOfHours.Enabled {
		return nil
	}
	u := &p.Demand.Urgent
	var s [168]float64
	mean := 0.0
	for h := range s {
		s[h] = 1
		if len(u.HourOfWeek) == 168 {
			s[h] = u.HourOfWeek[h]
		}
		mean += s[h] / 168
	}
	if !(mean > 0) {
		return nil
	}
	// D: the direct arrivals an hour, over the cohorts' urgent rates.
	direct := 0.0
	for i := range m.cohorts {
		for r := range p.Demand.Urgent.Routes {
			direct += m.cohorts[i].People * m.urgentRate(i, r) / 24
		}
	}
	if !(direct > 0) {
		return nil
	}
	// P_h: spread a day's expected arrivals over hours [h0, h1) of
	// weekday wd by the profile's weights there.
	var sent [168]float64
	spread := func(wd, h0, h1 int, n float64) {
		sum := 0.0
		for h := h0; h < h1; h++ {
			sum += s[24*wd+h]
		}
		for h := h0; h < h1 && sum > 0; h++ {
			sent[24*wd+h] += n * s[24*wd+h] / sum
		}
	}
	people := p.Population.People()
	for wd := range 7 {
		calls := 0.0
		if n1.Enabled {
			f := 7 / (5 + 2*n1.Weekend)
			if wd >= 5 {
				f *= n1.Weekend
			}
			calls = people * n1.Calls * f
		}
		if pcp.Enabled && wd < 5 {
			for l, loc := range p.Population.Localities {
				g := -1
				for k, pg := range pcp.Localities {
					if pg.Name == loc.Name {
						g = k
					}
				}
				if g < 0 {
					continue
				}
				need := 0.0
				for _, c := range m.cohorts {
					if c.Locality == l {
						need += c.People * p.Population.AgeBands[c.Band].SameDay * 365.25 / weekdaysPerYear
					}
				}
				capacity := math.Round(pcp.Localities[g].GPs*pcp.PerGP) + math.Round(pcp.Localities[g].Hub)
				refer := need * pcp.Refer
				unmet := max(0, need-max(capacity, refer))
				spread(wd, 8, 19, refer)
				spread(wd, 8, 22, unmet*pcp.ToED)
				if n1.Enabled {
					calls += unmet * pcp.To111
				}
			}
		}
		spread(wd, 0, 24, calls*(n1.Ambulance+n1.ED))
		p.oohSent(&sent, &s, wd, calls*n1.PrimaryCare)
	}
	sentMean := 0.0
	for _, x := range sent {
		sentMean += x / 168
	}
	out := make([]float64, 168)
	for h := range out {
		out[h] = max(0, (direct+sentMean)*s[h]/mean-sent[h]) / direct
	}
	return out
}

// primaryCareStaff is the practices' staffing, per whole-time-equivalent
// GP of the localities: the GPs and their practice nurses. It is not a
// pool of the service table (primary care holds no places), so it is
// staffed as home care is, and its limit caps the GPs whose appointments
// are offered (primaryStaffed). The practices are independent
// contractors: their bank and locum premium is in what they are paid,
// and the accounts do not price it again.
var primaryCareStaff = &staffedUnit{
	name: "primary-care", key: "primary_care", title: "Primary care", employer: employerIndependent,
	staff:   func(p *Services) *Staffing { return &p.PrimaryCare.Staff },
	planned: func(m *model) float64 { return primaryGPs(&m.p.Services.PrimaryCare) },
}

// primaryGPs returns the practices' GPs of all localities, whole-time
// equivalents: 0 when primary care is switched off.
func primaryGPs(pc *PrimaryCare) float64 {
	if !pc.Enabled {
		return 0
	}
	t := 0.0
	for _, g := range pc.Localities {
		t += g.GPs
	}
	return t
}

// primaryStaffed returns the share of the localities' GPs whose staff
// are there to open them: 1 when the workforce is off, its rule opens
// every GP, or none are planned.
func (m *model) primaryStaffed() float64 {
	if !m.wf.on {
		return 1
	}
	planned := primaryGPs(&m.p.Services.PrimaryCare)
	if planned <= 0 {
		return 1
	}
	return min(1, m.wf.limit[primaryCareStaff.index()]/planned)
}
