package care

import (
	"math"
	"math/rand/v2"

	"caresim/sim/des"
)

// OutOfHours is the out-of-hours GP service: general practitioners on
// shift when practices are shut, from Opens on a weekday evening to
// Closes the next morning and all day on Saturdays and Sundays (the
// calendar has no bank holidays). Its contacts are:
//
//   - NHS 111's primary-care dispositions (NHS111.PrimaryCare; before the
//     dates of NHS111.Earlier, those of the services it replaced too)
//     whose calls fall in its hours, each call's hour drawn from urgent
//     demand's hour-of-week profile: those in practices' hours are
//     counted only (the caller's own GP);
//   - Direct contacts per person a year, in its hours only (its own
//     line, health professionals, people who walk in to its base);
//   - walk-ins whom the single front door streams to it while it runs
//     (FrontDoor.ToOutOfHours), seen at its base; when it is shut they
//     go to urgent treatment instead.
//
// A contact through NHS 111 or direct is telephone advice (Advice), a
// face-to-face consultation at a base (Base) or a home visit (the rest).
// Each takes a GP for its length (Telephone, Consultation, HomeVisit),
// first come first served, but the Urgent share of face-to-face contacts,
// who are seen first and measured against UrgentWithin (the national
// quality requirement: urgent face-to-face consultations started within 2
// hours). After it, the ToHospital share are referred to hospital (the
// gp-referral route: the emergency admission route through the hospital)
// and the ToAE share sent to A&E (the walk-in route); the rest are cared
// for at home and leave the model. Walk-ins from the front door, whose
// need of admission was decided on arrival (none: those who need a bed
// are streamed to ED or SDEC only), go home, as urgent treatment's do. Switched off, NHS 111's primary-care
// dispositions are counted only, direct contacts are not made, and the
// front door's share for it goes to urgent treatment.
//
// The GPs on shift are the same through its hours: patients waiting when
// it closes are still seen.
type OutOfHours struct {
	Enabled bool `yaml:"enabled"`
	// Clinicians is the GPs on shift while the service runs: the
	// consultations under way at once.
	Clinicians int `yaml:"clinicians"`
	// Opens and Closes are the hours of the day (0–23) at which the
	// service opens on a weekday evening and closes the next morning.
	Opens  int `yaml:"opens"`
	Closes int `yaml:"closes"`
	// Direct is the contacts per person a year that come other than
	// through NHS 111 or the front door, in the service's hours.
	Direct float64 `yaml:"direct" unit:"per-head"`
	// Advice and Base are the shares of contacts through NHS 111 and
	// direct ended by telephone advice and by a face-to-face consultation
	// at a base; the rest are home visits. Walk-ins from the front door
	// are all seen at the base.
	Advice float64 `yaml:"advice" unit:"fraction"`
	Base   float64 `yaml:"base" unit:"fraction"`
	// Urgent is the share of face-to-face contacts (at a base or at home)
	// that are urgent: seen first, and measured against UrgentWithin.
	Urgent       float64  `yaml:"urgent" unit:"fraction"`
	UrgentWithin des.Time `yaml:"urgent_within" unit:"duration"`
	// Telephone, Consultation and HomeVisit are the GP's time for
	// telephone advice, a consultation at a base and a home visit
	// (travel included).
	Telephone    des.Dist `yaml:"telephone" unit:"duration"`
	Consultation des.Dist `yaml:"consultation" unit:"duration"`
	HomeVisit    des.Dist `yaml:"home_visit" unit:"duration"`
	// ToHospital and ToAE are the shares of contacts referred to
	// hospital and sent to A&E after them.
	ToHospital float64 `yaml:"to_hospital" unit:"fraction"`
	ToAE       float64 `yaml:"to_ae" unit:"fraction"`
	// Staff is the staff per GP on shift (Clinicians), by role
	// (workforce.go): whole-time equivalents that keep one post filled
	// through the service's hours.
	Staff Staffing `yaml:"staff"`
}

// svcOOH is the out-of-hours GP service: GPs on shift.
var svcOOH = &service{
	name:     "out-of-hours",
	key:      "out_of_hours",
	title:    "Out-of-hours GP",
	enabled:  func(p *Services) *bool { return &p.OutOfHours.Enabled },
	units:    func(p *Services) *int { return &p.OutOfHours.Clinicians },
	staff:    func(p *Services) *Staffing { return &p.OutOfHours.Staff },
	employer: employerIndependent,
	dists: []serviceDist{
		{"telephone", func(p *Services) *des.Dist { return &p.OutOfHours.Telephone }},
		{"consultation", func(p *Services) *des.Dist { return &p.OutOfHours.Consultation }},
		{"home_visit", func(p *Services) *des.Dist { return &p.OutOfHours.HomeVisit }},
	},
	busy:     true,
	capacity: true,
	counts:   numOOHCounts,
	chart: &serviceChart{title: "Out-of-hours GP", overlay: "overlay-ooh", measure: "Out-of-hours contacts under way",
		unit: "contacts", mean: "ooh_busy", capacity: "ooh_gps", noun: "contacts under way", axis: "Contacts, GPs on shift"},
	measures: []measureDef{
		daily(follows, "ooh_contacts", "contacts", dayCount(entries),
			"out-of-hours GP contacts"),
		daily(follows, "ooh_busy", "contacts", dayMean(busy),
			"out-of-hours contacts under way, waiting for a GP or with one (time-weighted mean over the whole day, its closed hours included)"),
		daily(follows, "ooh_gps", "GPs", dayMean(capacity),
			"out-of-hours GPs on shift (capacity)"),
		annual(follows, "ooh_contacts", "contacts", total(entries),
			"out-of-hours GP contacts"),
		annual(follows, "ooh_from_111", "contacts", total(own(oohFrom111)),
			"of them, NHS 111's primary-care dispositions in its hours"),
		annual(follows, "ooh_front_door", "contacts", total(own(oohFrontDoor)),
			"of them, walk-ins streamed to it by the single front door"),
		annual(follows, "ooh_advice", "contacts", total(own(oohAdvice)),
			"of them, telephone advice"),
		annual(follows, "ooh_base", "contacts", total(own(oohBase)),
			"of them, face-to-face at a base"),
		annual(follows, "ooh_home_visits", "contacts", total(own(oohHome)),
			"of them, home visits"),
		annual(follows, "ooh_urgent", "contacts", total(own(oohUrgent)),
			"urgent face-to-face contacts (at a base or at home), seen first"),
		annual(follows, "ooh_urgent_late", "contacts", total(own(oohUrgentLate)),
			"urgent face-to-face contacts not started within urgent_within"),
		annual(follows, "ooh_to_hospital", "contacts", total(own(oohHospital)),
			"out-of-hours contacts referred to hospital"),
		annual(follows, "ooh_to_ae", "contacts", total(own(oohAE)),
			"out-of-hours contacts sent to A&E"),
		annual(follows, "ooh_clinicians", "GPs", yearMean(capacity),
			"out-of-hours GPs on shift, mean over the year"),
		annual(follows, "ooh_in_hours_111", "calls", total(own(oohInHours)),
			"NHS 111's primary-care dispositions in practices' hours (the caller's own GP; counted only)"),
		metric(follows, "ooh_contacts_per_year", "per year", perYear(entries),
			"out-of-hours GP contacts"),
		metric(follows, "ooh_urgent_within_share", "fraction", within(own(oohUrgentLate), own(oohUrgent)),
			"urgent face-to-face out-of-hours contacts started within urgent_within (2 hours), over all urgent face-to-face"),
		metric(follows, "ooh_wait_mean_hours", "hours", tallyMean(tally(tOOHWait)),
			"contact to the start of the out-of-hours consultation"),
		metric(follows, "ooh_to_hospital_per_year", "per year", perYear(own(oohHospital), own(oohAE)),
			"out-of-hours contacts referred to hospital or sent to A&E"),
	},
}

// The out-of-hours service's own counts, by day.
const (
	oohFrom111    = iota // contacts from NHS 111
	oohFrontDoor         // walk-ins from the front door
	oohAdvice            // telephone advice
	oohBase              // face-to-face at a base
	oohHome              // home visits
	oohUrgent            // urgent face-to-face, started
	oohUrgentLate        // of them, started after UrgentWithin
	oohHospital          // referred to hospital
	oohAE                // sent to A&E
	oohInHours           // NHS 111's primary-care dispositions in practices' hours
	numOOHCounts
)

// How an out-of-hours contact is dealt with, in patient.at while the
// patient is with the service.
const (
	oohByPhone = iota + 1
	oohAtBase
	oohAtHome
)

// The out-of-hours draws of a day and locality, from its own seed.
const (
	oohDraw111 = iota
	oohDrawDirect
	numOOHDraws
)

// outOfHours is the out-of-hours service's state in one replication.
type outOfHours struct {
	on   bool
	pcg  rand.PCG
	rng  *rand.Rand
	seed uint64
}

// initOOH sets the out-of-hours service up.
func (m *model) initOOH() {
	o := &m.ooh
	o.on = m.p.Services.OutOfHours.Enabled
	if !o.on {
		return
	}
	o.rng = rand.New(&o.pcg)
	o.seed = des.StreamID(m.cfg.Rep, "out-of-hours") ^ m.cfg.Seed
}

// oohRNG returns the out-of-hours generator seeded for day d, locality l
// and draw k.
func (m *model) oohRNG(d, l, k int) *rand.Rand {
	o := &m.ooh
	o.pcg.Seed(o.seed, uint64((d*len(m.pc.group)+l)*numOOHDraws+k))
	return o.rng
}

// open reports whether the out-of-hours service runs in hour h of
// weekday wd (0 Monday).
func (o *OutOfHours) open(wd, h int) bool {
	return wd >= 5 || h >= o.Opens || h < o.Closes
}

// oohOpenNow reports whether the out-of-hours service is on and running
// now.
func (m *model) oohOpenNow() bool {
	if !m.ooh.on {
		return false
	}
	now := m.cal.Now()
	d := math.Floor(float64(now))
	return m.p.Services.OutOfHours.open(m.weekdayOf(int(d)), int(24*(float64(now)-d)))
}

// oohCalls takes NHS 111's n primary-care dispositions of day d (weekday
// wd) from locality l: each call's hour is drawn from urgent demand's
// hour profile of the day; those in the service's hours become its
// contacts, the others are counted.
func (m *model) oohCalls(d, l, wd, n int) {
	if !m.ooh.on || n == 0 {
		return
	}
	o := &m.p.Services.OutOfHours
	r := m.oohRNG(d, l, oohDraw111)
	mid := des.Time(d) + 0.5
	total := m.cohortWeights(l, mid, false)
	for range n {
		ci, seed := m.pickCohort(r, l, total), r.Uint64()
		t := m.drawHour(r, d, wd, 0, 24)
		if !o.open(wd, int(24*(float64(t)-float64(d)))) {
			m.countOwn(svcOOH, oohInHours)
			continue
		}
		m.oohContact(seed, ci, t, true)
	}
}

// oohDirect makes day d's direct contacts from locality l: Poisson, of
// mean
//
//	people × Direct × 7 × (the day's open hours' weights / the week's) × shape(d)
//
// (Direct is per person per day, as every per-head rate; shape is
// primaryShape), each at an hour of the day's open hours drawn by urgent
// demand's hour-of-week weights.
func (m *model) oohDirect(d, l int) {
	o := &m.p.Services.OutOfHours
	if !m.ooh.on || !(o.Direct > 0) {
		return
	}
	wd := m.weekdayOf(d)
	week, day := 0.0, 0.0
	for w := range 7 {
		for h := range 24 {
			if o.open(w, h) {
				week += m.pc.hours[w][h]
				if w == wd {
					day += m.pc.hours[w][h]
				}
			}
		}
	}
	if !(week > 0) {
		return
	}
	mid := des.Time(d) + 0.5
	people := 0.0
	for _, i := range m.pc.cohorts[l] {
		c := &m.cohorts[i]
		people += c.People * m.growth(c.Growth, mid)
	}
	r := m.oohRNG(d, l, oohDrawDirect)
	n := poisson(r, people*o.Direct*7*day/week*m.primaryShape(d))
	if n == 0 {
		return
	}
	total := m.cohortWeights(l, mid, false)
	for range n {
		ci, seed := m.pickCohort(r, l, total), r.Uint64()
		// Rejection: draw an hour of the day until it is an open one
		// (day > 0, so some are).
		t := m.drawHour(r, d, wd, 0, 24)
		for !o.open(wd, int(24*(float64(t)-float64(d)))) {
			t = m.drawHour(r, d, wd, 0, 24)
		}
		m.oohContact(seed, ci, t, false)
	}
}

// oohContact schedules a contact with the out-of-hours service at t from
// a person of cohort ci: from NHS 111 (from111) or direct.
func (m *model) oohContact(seed uint64, ci int, t des.Time, from111 bool) {
	if t < m.cal.Now() || t >= m.end {
		return
	}
	// The gp-referral route marks a contact that is not a walk-in from
	// the front door (onOOHEnd).
	id := m.newPatient(seed, kindUrgent, int16(ci), routeGP)
	if from111 {
		m.pts.At(id).flags |= fFrom111
	}
	m.cal.Schedule(t, evOOHContact, id)
}

// onOOHContact starts contact id with the out-of-hours service: telephone
// advice, a consultation at a base or a home visit, as drawn, queued for a
// GP, urgent face-to-face contacts first.
func (m *model) onOOHContact(id int32) error {
	pt := m.pts.At(id)
	o := &m.p.Services.OutOfHours
	pt.arrived = m.cal.Now()
	if pt.flags&fFrom111 != 0 {
		m.countOwn(svcOOH, oohFrom111)
	}
	switch x := m.u(pt, slotOOHMode); {
	case x < o.Advice:
		pt.at = oohByPhone
	case x < o.Advice+o.Base:
		pt.at = oohAtBase
	default:
		pt.at = oohAtHome
	}
	return m.oohQueue(id)
}

// oohWalkIn gives walk-in id, streamed by the front door while the
// service runs, a consultation at its base.
func (m *model) oohWalkIn(id int32) error {
	pt := m.pts.At(id)
	pt.at = oohAtBase
	m.countOwn(svcOOH, oohFrontDoor)
	m.trace(id, "streamed", svcOOH.name)
	return m.oohQueue(id)
}

// oohQueue asks for a GP for contact id: urgent face-to-face contacts
// (priority 0) before the others (1).
func (m *model) oohQueue(id int32) error {
	pt := m.pts.At(id)
	m.count(svcOOH.entries)
	prio := int32(1)
	if pt.at != oohByPhone && m.u(pt, slotOOHUrgent) < m.p.Services.OutOfHours.Urgent {
		prio = 0
		pt.flags |= fOOHUrgent
	}
	m.busy(svcOOH).Add(m.cal.Now(), 1)
	return m.do(m.net.Request(id, svcOOH.pool(), prio, m.gr[:0]))
}

// oohStart starts contact id's consultation on its grant of a GP.
func (m *model) oohStart(id int32) {
	pt := m.pts.At(id)
	o := &m.p.Services.OutOfHours
	now := m.cal.Now()
	wait := now - pt.arrived
	if m.measured {
		m.tallies[tOOHWait].Add(float64(wait) * 24)
	}
	d := &o.Telephone
	switch pt.at {
	case oohAtBase:
		d = &o.Consultation
		m.countOwn(svcOOH, oohBase)
	case oohAtHome:
		d = &o.HomeVisit
		m.countOwn(svcOOH, oohHome)
	default:
		m.countOwn(svcOOH, oohAdvice)
	}
	if pt.flags&fOOHUrgent != 0 {
		m.countOwn(svcOOH, oohUrgent)
		if wait > o.UrgentWithin {
			m.countOwn(svcOOH, oohUrgentLate)
		}
	}
	m.trace(id, "start", svcOOH.name)
	m.cal.Schedule(now+max(0, m.sample(pt, slotOOHLength, d)), evOOHEnd, id)
}

// onOOHEnd ends contact id's consultation: referred to hospital, sent to
// A&E, or cared for at home; a walk-in from the front door goes home.
func (m *model) onOOHEnd(id int32) error {
	pt := m.pts.At(id)
	o := &m.p.Services.OutOfHours
	now := m.cal.Now()
	m.busy(svcOOH).Add(now, -1)
	route, sent := uint8(routeGP), true
	switch x := m.u(pt, slotOOHOutcome); {
	case pt.route == routeWalkIn:
		// A walk-in from the front door, whose need of admission was
		// decided on arrival (none): home, as urgent treatment's
		// patients go.
		sent = false
	case x < o.ToHospital:
		m.countOwn(svcOOH, oohHospital)
	case x < o.ToHospital+o.ToAE:
		route = routeWalkIn
		m.countOwn(svcOOH, oohAE)
	default:
		sent = false
	}
	seed, ci, flags := pt.seed, pt.cohort, pt.flags&fEnrolled
	m.trace(id, "leave", svcOOH.name)
	if err := m.release(id); err != nil {
		return err
	}
	if !sent {
		return nil
	}
	// A new patient for the journey to hospital, with a seed of its own
	// (its draws are not the contact's), whom the front door does not
	// stream back to the service.
	next := m.newPatient(seed^0xD1B54A32D192ED03, kindUrgent, ci, route)
	m.pts.At(next).flags |= flags | fFromOOH
	return m.onPrimaryArrive(next)
}

// oohSent adds to sent[24·wd + h] the arrivals at hospital that the
// out-of-hours service is expected to send in hour h of weekday wd at
// Start: of NHS 111's prim primary-care dispositions of the day, spread
// over the day by the profile s, those in its hours, and the direct
// contacts, at ToHospital + ToAE (see directHours).
func (p *Params) oohSent(sent, s *[168]float64, wd int, prim float64) {
	o := &p.Services.OutOfHours
	if !o.Enabled {
		return
	}
	week, day := 0.0, 0.0
	for w := range 7 {
		for h := range 24 {
			if o.open(w, h) {
				week += s[24*w+h]
			}
			if w == wd {
				day += s[24*w+h]
			}
		}
	}
	if !(week > 0) || !(day > 0) {
		return
	}
	direct := p.Population.People() * o.Direct * 7 // a week's
	f := o.ToHospital + o.ToAE
	for h := range 24 {
		if o.open(wd, h) {
			x := s[24*wd+h]
			sent[24*wd+h] += f * (prim*x/day + direct*x/week)
		}
	}
}

// check checks the out-of-hours service's parameters.
func (o *OutOfHours) check(c *checker) {
	const at = "services.out_of_hours."
	c.count(at+"clinicians", o.Clinicians)
	if o.Enabled && o.Clinicians == 0 {
		c.add(at+"clinicians", "must be > 0 when the service is enabled: its patients would wait for ever (switch it off with enabled: false)")
	}
	if o.Opens < 0 || o.Opens > 23 {
		c.add(at+"opens", "must be an hour of the day from 0 to 23, not %d", o.Opens)
	}
	if o.Closes < 0 || o.Closes > 23 {
		c.add(at+"closes", "must be an hour of the day from 0 to 23, not %d", o.Closes)
	} else if o.Opens >= 0 && o.Opens <= 23 && o.Closes > o.Opens {
		c.add(at+"closes", "must be at or before opens (%d), not %d: the service opens in the evening and closes the next morning", o.Opens, o.Closes)
	}
	c.nonNegative(at+"direct", o.Direct)
	c.perHead(at+"direct", o.Direct)
	c.fraction(at+"advice", o.Advice)
	c.fraction(at+"base", o.Base)
	if finite(o.Advice) && finite(o.Base) && o.Advice+o.Base > 1+shareTol {
		c.add(at+"base", "advice and base are shares of the same contacts and must sum to at most 1, not %.4g", o.Advice+o.Base)
	}
	c.fraction(at+"urgent", o.Urgent)
	c.nonNegative(at+"urgent_within", float64(o.UrgentWithin))
	c.dist(at+"telephone", &o.Telephone, o.Enabled)
	c.dist(at+"consultation", &o.Consultation, o.Enabled)
	c.dist(at+"home_visit", &o.HomeVisit, o.Enabled)
	c.fraction(at+"to_hospital", o.ToHospital)
	c.fraction(at+"to_ae", o.ToAE)
	if finite(o.ToHospital) && finite(o.ToAE) && o.ToHospital+o.ToAE > 1+shareTol {
		c.add(at+"to_ae", "to_hospital and to_ae are shares of the same contacts and must sum to at most 1, not %.4g", o.ToHospital+o.ToAE)
	}
}
