package care

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"caresim/sim/des"
	"caresim/sim/stats"
)

// Config says how one replication runs.
type Config struct {
	// Seed is the scenario seed and Rep the replication number; together
	// they name every random stream (des.NewStream), so that two scenarios
	// run with the same seed and replication see the same patients.
	Seed uint64
	Rep  int
	// WarmUp is the time simulated before Params.Start and discarded, in
	// days, rounded up to a whole day. Package sim chooses it from
	// Params.WarmUp.
	WarmUp des.Time
	// ExcessAfter is the trim point of a spell: its days beyond it are
	// excess bed days. Zero counts none.
	ExcessAfter des.Time
	// Pilot keeps the daily mean acute occupancy of every day from the
	// start of the warm-up in Result.Pilot, for choosing a warm-up.
	Pilot bool
	// Trace, when not nil, is called for every patient event, in time
	// order, for a patient-level event log. It slows the run.
	Trace func(TraceEvent)
	// Context, when not nil, stops the run at the start of the next
	// simulated day once it is done: Run returns its error, wrapped with
	// the day. nil runs to the end.
	Context context.Context
	// MaxPatients, when above 0 and below the package's [MaxPatients],
	// lowers the bound on the patients in the model at once (so that a
	// test can reach it cheaply).
	MaxPatients int
}

// TraceEvent is one patient event of the event log.
type TraceEvent struct {
	Time    des.Time // days from Params.Start; negative during warm-up
	Patient int64    // the patient's number in this replication, from 1
	Event   string   // arrive, start, decide, admit, fit, leave, ...
	Service string   // ed, utc, sdec, acute, intermediate-care, ...
}

// Result is what one replication measured after its warm-up.
type Result struct {
	Start  des.Date // first measured day: Params.Start
	Days   int      // measured days: the horizon rounded up to a whole day
	WarmUp des.Time // days simulated before Start
	// Daily holds the daily measures, indexed as DailyMeasures, each with
	// one value per measured day.
	Daily [][]float64
	// Years names the financial years of Annual ("2014/15"); a part year
	// at either end is included, with its days in AnnualDays. Annual[y]
	// holds year y's annual measures, indexed as AnnualMeasures.
	Years  []string
	Annual [][]float64
	// Metrics holds the metrics of the measured period, indexed as
	// Metrics.
	Metrics []float64
	// Drawn is the effect drawn for each intervention change.
	Drawn []Drawn
	// Events is the number of events simulated, warm-up included.
	Events int
	// Pilot is the daily mean acute occupancy from the start of the
	// warm-up, when Config.Pilot was set.
	Pilot []float64
	// LOS holds, for each service of LOSPools (in its order), the lengths
	// of stay, in days, of the stays that ended in the measured period
	// (for acute beds, emergency spells only): those behind the metrics
	// acute_los_mean_days and ic_los_mean_days, with a histogram in bins
	// of LOSBinWidth days.
	LOS []stats.Tally
}

// Routes of arrival, the order of the model's own tables.
const (
	routeWalkIn = iota
	routeAmbulance
	routeGP
	routeCareHome
	numRoutes
)

var routeNames = [numRoutes]string{"walk-in", "ambulance", "gp-referral", "care-home"}

func routeCode(name string) int {
	for i, n := range routeNames {
		if n == name {
			return i
		}
	}
	return -1
}

// Event kinds.
const (
	evSource   des.Kind = iota // ID: index of the source
	evSchedule                 // ID: index into the schedule's times
	evWarmEnd
	evTreated  // end of treatment in ED, urgent treatment or SDEC
	evFit      // medically fit: end of the clinical stay
	evDelayEnd // the end of one step of a delay in the acute bed (delays.go)
	evICEnd
	evReablementEnd
	evStayEnd // the end of a stay that needs nothing more (care homes): leaveStay of the pool held
	evCommunityEnd
	evElectiveReady // an elective patient's decision to admit: ready to be booked (waitlist.go)
	evReadmit
	evCallEnd            // end of a Call for Care call
	evUCREnd             // end of an urgent community response episode
	evEarlyEnd           // end of the first part of an enrolment
	evBedMeeting         // the daily bed meeting of the acute bed-management rule
	evAcuteDepart        // a patient who may leave an acute bed leaves it (discharge.go)
	evICDepart           // a patient who may leave an intermediate-care bed leaves it
	evBedReady           // ID: a pool; one of its beds has had its turnaround
	evElectiveDay        // a weekday's elective programme, at 08:00 (waitlist.go)
	evElectiveMidnight   // a midnight's count of the elective waiting list (waitlist.go)
	evLeftUnseen         // a patient waiting for an ED cubicle leaves unseen (crowding.go)
	evHomeCareEnd        // the end of a package of home care
	evLiaisonEnd         // the end of a liaison psychiatry assessment (service_mentalhealth.go)
	evLiaisonHour        // an hour's change of the liaison team's cover
	evOutOfArea          // a patient waiting for a mental health bed is placed out of area
	evWomensEnd          // the end of an assessment in the paediatric assessment unit or of a neonatal stay (service_womens.go)
	evWorkforce          // a midnight's update of the staff in post (workforce.go)
	evClinic             // a day's outpatient clinics and day cases, at 08:00 (service_outpatients.go)
	evOutpatientMidnight // a midnight's count of the outpatient pathways (service_outpatients.go)
	evPrimaryDay         // a day's same-day need in primary care and NHS 111 calls, at midnight (service_primary.go)
	evPrimaryArrive      // a patient primary care or NHS 111 sends to hospital arrives
	evOOHContact         // a contact with the out-of-hours GP service (service_ooh.go)
	evOOHEnd             // the end of an out-of-hours consultation
)

// Patient kinds.
const (
	kindUrgent   = iota // an urgent arrival or a readmission
	kindElective        // an elective referral
	kindResident        // a care-home resident from the community
	kindEnrolled        // a person on the community caseload
	kindStepUp          // a Call for Care patient navigated to care out of hospital
	kindHomeCare        // a person with a package of home care
)

// Where a patient is treated, for evTreated.
const (
	atED = iota + 1
	atUTC
	atSDEC
)

// Patient flags.
const (
	fWouldAdmit = 1 << iota
	fEnrolled   // an arrival from a person on the community caseload
	fCensus
	fWithin30       // a readmission within 30 days of an acute discharge
	fEarly          // an enrolled person in the first part of the enrolment (Community.EarlyPeriod)
	fCancelled      // an elective patient whose booking has been cancelled
	fCancelledTwice // cancelled twice or more
	fPostponed      // an elective patient whose programme day has been postponed
	fSeen           // an elective patient who has had their first outpatient appointment
	fDecided        // an elective patient whose decision to admit waits for their first appointment
	fFrom111        // an out-of-hours contact from NHS 111 (service_ooh.go)
	fOOHUrgent      // an urgent face-to-face out-of-hours contact
	fFromOOH        // a patient the out-of-hours service sent to hospital, whom the front door does not stream back to it
)

// Per-patient random slots: each draw of a patient comes from its own
// generator, seeded by the patient's seed and the slot, so that a
// patient's fate does not depend on the order in which draws are made.
const (
	slotThin = iota + 1
	slotAdmit
	slotSuitable
	slotStepUp
	slotStream
	slotTreat
	slotSDECAdmit
	slotLOS
	slotPathway
	slotT2A
	slotAssess
	slotReadmit
	slotReadmitWhen
	slotICLOS
	slotICOutcome
	slotReablement
	slotReablementOutcome
	slotCareHomeLOS
	slotCommunity
	slotGateway
	slotDecision // an elective referral's time to the decision to admit
	slotElectiveLOS
	slotReadmitSeed
	slotCalls
	slotHandling
	slotUCR
	slotUCROutcome
	slotFlag       // whether case-finding is right about a person (Community.PPV)
	slotFlagCohort // the cohort of a person it is wrong about
	slotSelfCare
	slotLeaveHour        // the hour of the day a patient leaves an acute bed (Acute.Discharge)
	slotLeaveWeekend     // whether they stay over a weekend day
	slotICLeaveHour      // the same for an intermediate-care bed
	slotICLeaveWeekend   //
	slotUnseen           // whether a patient would leave the ED unseen if kept waiting (ED.LeftWithoutBeingSeen)
	slotPatience         // how long they would wait
	slotHomeCareNeed     // whether a patient going home needs a package of home care
	slotHomeCareHours    // the package's hours a week
	slotHomeCareDuration // the package's length
	slotAfterReablement  // whether a reablement client goes on to home care
	slotMedicines        // whether a patient going home waits for medicines
	slotMedicinesWait
	slotTransport // whether a patient going home waits for transport
	slotTransportWait
	slotChoice // whether a family takes time to choose
	slotChoiceWait
	slotNursing     // whether a care-home placement is in a nursing home
	slotToClinician // the time from a cubicle to a clinician (ED.LeftWithoutBeingSeen.ToClinician)
	slotMH          // whether an ED patient presents in a mental health crisis (service_mentalhealth.go)
	slotMHToBed     // whether the assessment admits them to a mental health bed
	slotMHAssess    // the liaison assessment's length
	slotMHLOS       // a mental health bed's length of stay
	slotMHAvoid     // whether liaison avoids their acute admission
	slotOPGateway   // whether an outpatient referral is answered by advice and guidance
	slotOPOutcome   // whether a patient seen is listed for a day case
	slotOPFollowUps // the number of follow-ups
	slotOPInterval  // the time between them
	slotExtra       // whether an enrolled person sent by primary care or NHS 111 comes once more (service_primary.go)
	slotOOHMode     // whether an out-of-hours contact is advice, at a base or a home visit (service_ooh.go)
	slotOOHUrgent   // whether a face-to-face contact is urgent
	slotOOHLength   // the consultation's length
	slotOOHOutcome  // whether it is referred to hospital or sent to A&E
)

// slotOwner + reason is the slot of the draw of a delay's responsible
// organisation, one per reason, apart from the slots above.
const slotOwner = 1 << 10

type patient struct {
	seed       uint64
	id         int64
	arrived    des.Time // arrival at the first service; an elective referral's RTT clock start
	dta        des.Time // decision to admit, request for a bed, or for a package of home care
	admitted   des.Time // into the bed of the current service; an elective patient waiting after a cancellation on the day: when cancelled
	fit        des.Time // medically fit
	discharged des.Time // left an acute bed alive; −1 if not yet
	cohort     int16    // index into the cohorts, −1 for none
	route      uint8
	kind       uint8
	at         uint8 // atED, atUTC, atSDEC; with the out-of-hours service, oohByPhone, oohAtBase or oohAtHome
	pathway    int8  // 0–3, or pathDied
	flags      uint16
	episode    uint8
	delay      uint8 // the reason for delay in the acute bed and its owner (delays.go), or 0
	hours      uint8 // a package of home care's hours a week
	// pressure is the pressure on the general acute beds at an emergency
	// admission, 0–1, when discharge under pressure shortened the stay
	// (earlydischarge.go); 0 otherwise.
	pressure float32
	mh       uint8 // where the patient is on the mental health line (service_mentalhealth.go), or mhNone
}

const pathDied = 4

// Source kinds.
const (
	srcUrgent     = iota // a band's urgent demand: picks are cohort × route
	srcFixed             // a route's fixed arrivals from outside the population
	srcElective          // a band's elective referrals: picks are localities
	srcCareHome          // a band's care-home admissions from the community
	srcReferral          // a band's case-finding for the community teams
	srcCalls             // care-home residents' urgent calls
	srcHomeCare          // people at home asking for a package of home care
	srcMHBeds            // admissions to mental health beds from elsewhere than ED
	srcBirths            // maternity admissions: picks are deliveries (route 0) and antenatal admissions (1)
	srcOutpatient        // a band's outpatient referrals not ending in an ordinary admission
)

// source is one arrival process. Its candidate rate is the sum of its
// picks' highest rates over the run; an arrival takes a pick by its
// weight and is then kept with probability rate now / highest rate
// (thinning), so interventions change who arrives without changing the
// candidate stream.
type source struct {
	kind   uint8
	shaped bool // by urgent demand's hour-of-week and month profiles (and winter severity)
	band   int
	route  int
	arr    des.Arrivals
	rng    *rand.Rand
	picks  []pick
	// guide is a guide table (Chen and Asau 1974) of picks: a uniform x
	// chooses the first pick after guide[⌊x·len(guide)⌋] whose
	// cumulative weight exceeds x, as a search of all would, in a step or
	// two.
	guide []int32
}

// pick returns the index of the first of s's picks whose cumulative
// weight exceeds x, a uniform in [0, 1): a step or two on from its guide.
func (s *source) pick(x float64) int {
	k := int(s.guide[min(int(x*float64(len(s.guide))), len(s.guide)-1)])
	for s.picks[k].cum <= x {
		k++
	}
	return k
}

// newGuide returns the guide table of picks, whose cumulative weights rise
// to 1: entry j is the first pick whose cumulative weight exceeds
// (j − ½)/n, which is below every x with ⌊x·n⌋ = j, even rounded, so that
// no pick before it can be x's.
func newGuide(picks []pick) []int32 {
	guide := make([]int32, len(picks))
	k := 0
	for j := range guide {
		for picks[k].cum <= (float64(j)-0.5)/float64(len(guide)) {
			k++
		}
		guide[j] = int32(k)
	}
	return guide
}

type pick struct {
	cum    float64 // cumulative weight, to 1
	cohort int16
	route  int8
	base   float64 // rate per person (or per day, for srcFixed) at its highest
	keep   float64 // rate now / base
}

type cohortInfo struct {
	Cohort
	enrolled int  // people of the cohort on the community caseload now
	early    int  // of them, those in the first part of their enrolment
	enrol    bool // in a stratum the community teams case-find
	// wrong are the cohorts of the people case-finding finds for this
	// cohort when it is wrong (Community.PPV): the same locality and band
	// in strata not case-found, with cumulative weights to 1 by urgent
	// demand.
	wrong []wrongPick
}

type wrongPick struct {
	cum    float64
	cohort int16
}

// model is one replication. It is not safe for concurrent use.
type model struct {
	p        *Params
	cfg      Config
	distWas  []des.Dist // each distribution's parameters when last initialised
	distList []struct {
		d    *des.Dist
		path string
	}
	sched *Schedule
	times []des.Time // schedule times, days from Start

	cal  des.Ladder
	net  des.Network
	pts  des.Slab[patient]
	gr   []des.Grant
	pcg  rand.PCG
	prng *rand.Rand
	ids  int64

	warm     des.Time // warm-up, whole days
	end      des.Time // warm + horizon, whole days
	measured bool
	// checkAt is when the next checks between events are due (see
	// dayChecks): the next midnight, or 0 at once when more than
	// maxPatients are in the model.
	checkAt     des.Time
	maxPatients int

	src      []source
	cohorts  []cohortInfo
	routeOf  []int // Demand.Urgent.Routes index → route code
	routeIx  [numRoutes]int
	fdRoute  [numRoutes]bool
	cfRoute  [numRoutes]bool
	callBeds float64 // the most care-home beds over the run, for thinning calls
	// bandGrowth caches each age band's head count multiplier for the
	// day (growthNear).
	bandGrowth []dayGrowth
	// growths holds growth's last results, most at one time: primary
	// care asks for each cohort's, a few growths, at the middle of each
	// day.
	growths     [8]growthAt
	growthsNext int

	// The levels (indexed by time from the start of warm-up), daily
	// counts (by day from the start of warm-up) and tallies of the
	// measured period: the model's own (the lv…, c… and t… constants),
	// then the services' (see initServices). The services' pools are the
	// network's, in the order of the service table.
	stayDist                   []*des.Dist // each service's stay distribution in p, by id
	svcOn                      []*bool     // each service's enabled field in p, by id (bindServices)
	svcUnits                   []*int      // each service's units field in p, by id
	lv                         []stats.DailyLevel
	counts                     []stats.Series
	tallies                    []stats.Tally
	dischargedAlive, readmit30 int
	events                     int

	beds bedRule    // the acute bed-management rule's state
	ward des.PoolID // the ring-fenced elective beds' pool (Elective.RingFenced), after the services'

	held    []bool // by pool: the pool holds the beds its patients leave (discharge.go)
	weekday int    // the weekday of the first day of the warm-up, 0 Monday
	year    yearEffects
	list    waitList // the elective waiting list
	ed      edState  // the emergency department's crowding (crowding.go)
	hc      homeCare // the home-care market's state
	mh      mhState  // the mental health line's state
	wc      womens   // the women's and children's services' state
	wf      workforce
	op      outpatients
	pc      primaryCare // primary care's and NHS 111's state (service_primary.go)
	ooh     outOfHours  // the out-of-hours GP service's state (service_ooh.go)
}

// Counts kept per day by the flows; each service's count of patients
// starting there (service.entries) follows them in model.counts.
const (
	cArrivals = iota // + route
	_
	_
	_
	cCommunityStreamed
	cCFCUnanswered
	cCFCNavigated
	cUCRAdmitted
	cWrongEnrolled
	cSelfCare
	cReadmissions
	cDiverted
	cElectiveReferrals
	cAdviceGuidance
	cElective
	cCancelled
	cDeaths
	cPathway // + discharge pathway 0–3: emergency spells ending alive
	_
	_
	_
	cDischarges
	cAEDepartures
	cAEBreaches
	cED12h
	cExcessBedDays
	cCareHomeReturns        // care-home residents going back to their own care home
	cElectiveCancelledOnce  // elective patients cancelled for the first time
	cElectiveCancelledTwice // elective patients cancelled for the second time
	cListJoined             // elective referrals joining the waiting list
	cPostponed              // elective bookings postponed
	cPostponedPatients      // elective patients postponed for the first time
	cRTTWithin              // elective admissions within 18 weeks of referral
	cRTTOver                // elective admissions more than 18 weeks after referral
	cRingFenced             // elective admissions to a ring-fenced bed
	cLeftUnseen             // patients who left the ED without being seen
	cED12hArrival           // ED departures more than 12 hours after arrival
	cHandovers              // ambulance handovers
	cHandover30             // of them, more than 30 minutes after arrival
	cHandover60             // more than 60 minutes after arrival
	cHandoverHoursLost      // hours of ambulance handovers beyond 15 minutes
	cHomeCareStarts         // + hcHospital or hcCommunity: packages of home care started
	_
	cLeftAlive      // patients leaving an acute bed alive
	cLeftBeforeNoon // of them, before 12:00
	cLeftHour       // + hour of the day 0–23: of them, in that hour
	// cCancelled28d counts elective patients admitted more than 28 days
	// after their last cancellation on the day.
	cCancelled28d = cLeftHour + 24
	// cStaysShortened counts emergency stays shortened by discharge
	// under pressure, and cStayDaysCut the days of clinical stay they
	// lost, both at the admission.
	cStaysShortened = cCancelled28d + 1
	cStayDaysCut    = cStaysShortened + 1
	cMH             = cStayDaysCut + 1 // + mhAttend…: the mental health line's counts (service_mentalhealth.go)
	numCounts       = cMH + numMHCounts
)

// Run simulates one replication of p. p must have passed [Params.Validate];
// Run works on its own copy, so one Params may serve any number of
// replications at once.
func Run(p *Params, cfg Config) (*Result, error) {
	m, err := newModel(p, cfg)
	if err != nil {
		return nil, err
	}
	if err := m.run(); err != nil {
		return nil, err
	}
	return m.result(), nil
}

func newModel(p0 *Params, cfg Config) (*model, error) {
	p := p0.Clone()
	m := &model{p: p, cfg: cfg, maxPatients: MaxPatients}
	if cfg.MaxPatients > 0 {
		m.maxPatients = min(cfg.MaxPatients, MaxPatients)
	}
	m.prng = rand.New(&m.pcg)
	m.bindServices()
	m.warm = des.Time(math.Ceil(float64(max(cfg.WarmUp, 0))))
	m.end = m.warm + des.Time(math.Ceil(float64(p.Horizon)))

	sched, err := NewSchedule(p, des.NewStream(cfg.Seed, cfg.Rep, "interventions"))
	if err != nil {
		return nil, err
	}
	m.sched = sched
	for _, t := range sched.Times(1) {
		if t+m.warm >= 0 && t+m.warm <= m.end {
			m.times = append(m.times, t)
		}
	}
	if err := m.initDists(); err != nil {
		return nil, fmt.Errorf("at the start: %w", err)
	}
	m.routeOf = make([]int, len(p.Demand.Urgent.Routes))
	m.routeIx = [numRoutes]int{-1, -1, -1, -1}
	for i, r := range p.Demand.Urgent.Routes {
		m.routeOf[i] = routeCode(r.Name)
		m.routeIx[m.routeOf[i]] = i
	}
	for _, r := range p.Services.FrontDoor.Routes {
		if c := routeCode(r); c >= 0 {
			m.fdRoute[c] = true
		}
	}
	for _, r := range p.Services.CallForCare.Routes {
		if c := routeCode(r); c >= 0 {
			m.cfRoute[c] = true
		}
	}
	for _, s := range services {
		disc := des.FIFO
		if s == svcED {
			disc = des.Priority // ambulance patients first (ED.Handover.First), else FIFO
		}
		if m.net.AddPool(s.name, m.unitsNow(s), disc) != s.pool() {
			panic("care: the network's pools are not in the order of the service table")
		}
	}
	// The ring-fenced elective beds, after the services' pools: their
	// capacity is set with the acute beds' (syncAcute).
	m.ward = m.net.AddPool(wardName, 0, des.FIFO)

	m.stayDist = make([]*des.Dist, len(services))
	for _, s := range services {
		if s.stay != nil {
			m.stayDist[s.id] = s.stay(&m.p.Services)
		}
	}

	days := int(m.end) + 1
	m.lv = make([]stats.DailyLevel, numLevels)
	for i := range m.lv {
		m.lv[i].Grow(days)
	}
	m.counts = make([]stats.Series, numCountsAll)
	for i := range m.counts {
		m.counts[i].Grow(days)
	}
	m.tallies = make([]stats.Tally, numTallies)
	m.tallies[tEDWait].BinWidth = 0.25     // hours
	m.tallies[tRTTWait].BinWidth = 1.0 / 7 // weeks: a day
	m.tallies[tOPFirstWait].BinWidth = 1.0 / 7
	m.tallies[tOPRTT].BinWidth = 1.0 / 7
	for i := firstLOSTally; i < numTallies; i++ {
		m.tallies[i].BinWidth = LOSBinWidth
	}
	m.cal.Grow(4096)
	m.beds.on = m.bedRuleOn()
	m.initDischarge()
	m.initYearEffects()
	m.initED()
	if err := m.initSources(); err != nil {
		return nil, err
	}
	m.initPrimary()
	m.initOOH()
	return m, nil
}

// dists returns the distributions of the enabled services, with their
// parameter paths: those of the service table's, then elective care's and
// the ED's patience (ED.LeftWithoutBeingSeen).
func (m *model) dists() []struct {
	d    *des.Dist
	path string
} {
	if m.distList != nil {
		return m.distList
	}
	s := &m.p.Services
	type nd = struct {
		d    *des.Dist
		path string
	}
	out := []nd{}
	defer func() { m.distList = out }()
	add := func(on bool, d *des.Dist, path string) {
		if on && d.Kind != 0 {
			out = append(out, nd{d, path})
		}
	}
	for _, sv := range services {
		on := m.isOn(sv)
		for _, d := range sv.dists {
			add(on, d.get(s), sv.path(d.key))
		}
	}
	add(s.Elective.Enabled, &s.Elective.Decision, "services.elective.decision")
	add(s.Elective.Enabled, &s.Elective.LengthOfStay, "services.elective.length_of_stay")
	add(s.ED.Enabled, &s.ED.LeftWithoutBeingSeen.Patience, "services.ed.left_without_being_seen.patience")
	add(s.ED.Enabled, &s.ED.LeftWithoutBeingSeen.ToClinician, "services.ed.left_without_being_seen.to_clinician")
	add(s.HomeCare.Enabled, &s.HomeCare.Package, "services.home_care.package")
	add(s.HomeCare.Enabled, &s.HomeCare.Duration, "services.home_care.duration")
	add(s.Outpatients.Enabled, &s.Outpatients.FollowUpInterval, "services.outpatients.follow_up_interval")
	add(true, &s.Delays.Medicines.Wait, "services.delays.medicines.wait")
	add(true, &s.Delays.Transport.Wait, "services.delays.transport.wait")
	add(true, &s.Delays.Choice.Wait, "services.delays.choice.wait")
	return out
}

// initDists initialises every distribution whose parameters have changed
// since it was last initialised (all of them the first time).
func (m *model) initDists() error {
	ds := m.dists()
	if len(m.distWas) != len(ds) {
		m.distWas = make([]des.Dist, len(ds))
	}
	for i, nd := range ds {
		if m.distWas[i].Kind != 0 && sameDist(&m.distWas[i], nd.d) {
			continue
		}
		if err := nd.d.Init(); err != nil {
			return fmt.Errorf("%s: %w", nd.path, err)
		}
		m.distWas[i] = des.Dist{Kind: nd.d.Kind, Value: nd.d.Value, Mean: nd.d.Mean, SD: nd.d.SD,
			Median: nd.d.Median, P90: nd.d.P90, Shape: nd.d.Shape, Scale: nd.d.Scale,
			Min: nd.d.Min, Mode: nd.d.Mode, Max: nd.d.Max, Values: slices.Clone(nd.d.Values),
			Weights: slices.Clone(nd.d.Weights), Probs: slices.Clone(nd.d.Probs)}
	}
	return nil
}

// sameDist reports whether two distributions have the same parameters.
func sameDist(a, b *des.Dist) bool {
	return a.Kind == b.Kind && a.Value == b.Value && a.Mean == b.Mean && a.SD == b.SD &&
		a.Median == b.Median && a.P90 == b.P90 && a.Shape == b.Shape && a.Scale == b.Scale &&
		a.Min == b.Min && a.Mode == b.Mode && a.Max == b.Max && slices.Equal(a.Values, b.Values) &&
		slices.Equal(a.Weights, b.Weights) && slices.Equal(a.Probs, b.Probs)
}

// scheduleAt applies the interventions at t (days from Start) and
// returns an error if they leave a distribution invalid.
func (m *model) scheduleAt(t des.Time) error {
	m.sched.Apply(t)
	if err := m.initDists(); err != nil {
		return fmt.Errorf("day %.0f (%v): the interventions make %w", float64(t), m.p.Start.AddDays(int(math.Floor(float64(t)))), err)
	}
	return nil
}

// growth returns the head count multiplier of a cohort growing at g a year
// at time τ from the start of warm-up.
func (m *model) growth(g float64, tau des.Time) float64 {
	for i := range m.growths {
		if c := &m.growths[i]; c.set && c.tau == tau && c.g == g {
			return c.v
		}
	}
	v := math.Pow(1+g, float64(tau-m.warm)/float64(des.Year))
	m.growths[m.growthsNext] = growthAt{set: true, g: g, tau: tau, v: v}
	m.growthsNext = (m.growthsNext + 1) % len(m.growths)
	return v
}

// growthAt is a result of growth: v = growth(g, tau).
type growthAt struct {
	set  bool
	g, v float64
	tau  des.Time
}

// enrolledShares returns, for an urgent candidate of cohort c at time now
// that would be kept with probability keep were nobody enrolled, the
// probability that it is kept and the probability that it is kept and
// enrolled (see onSource), as they compare with the candidate's uniform
// thin: the only use made of them.
//
// With e of the cohort's head count n enrolled, of whom early are in the
// first part of their enrolment, the kept and the enrolled are
//
//	keep·(1 − later·(1 − UrgentRatio) − early·(1 − EarlyRatio))
//	keep·(later·UrgentRatio + early·EarlyRatio), later = e − early.
//
// n grows as m.growth, whose math.Pow per candidate cost a tenth of the
// baseline's time. They are computed first with growthNear's head count,
// within a relative 1e-13 of math.Pow's, which moves them by less than
// 1e-9 (ratios are at most MaxRatio); a thin further than
// shareMargin from both compares with them as with the exact ones, and
// for a thin closer (a few candidates in a million) they are computed again
// with math.Pow. So the patients are the same as math.Pow's, event for
// event.
func (m *model) enrolledShares(c *cohortInfo, keep float64, now des.Time, thin float64) (kept, enrolled float64) {
	kept, enrolled = m.shares(c, keep, c.People*m.growthNear(c.Band, c.Growth, now))
	if math.Abs(thin-kept) > shareMargin && math.Abs(thin-enrolled) > shareMargin {
		return kept, enrolled
	}
	return m.shares(c, keep, c.People*m.growth(c.Growth, now))
}

// shareMargin is how close to a share computed from growthNear a
// candidate's uniform must be for the share to be computed again exactly
// (see enrolledShares): a thousand times the most that growthNear's error
// can move a share.
const shareMargin = 1e-6

// shares returns the shares of enrolledShares for a head count n.
func (m *model) shares(c *cohortInfo, keep, n float64) (kept, enrolled float64) {
	cm := &m.p.Services.Community
	e := min(1, float64(c.enrolled)/n)
	early := 0.0
	if c.early > 0 {
		early = min(e, float64(c.early)/n)
	}
	later := e - early
	enrolled = keep*later*cm.UrgentRatio + keep*early*cm.EarlyRatio
	kept = keep * (1 - later*(1-cm.UrgentRatio) - early*(1-cm.EarlyRatio))
	return kept, enrolled
}

// growthNear returns m.growth(g, tau) within a relative 1e-13 (1e-14 for
// growths of −50% to +100% a year), for a cohort of age band band:
// (1 + g)^(d/Year) for the whole days d of τ − warm, cached per band until
// the day changes, times exp(x), x = f·ln(1 + g)/Year, for the part day
// f. For growths up to about ±100% a year |x| < 2⁻⁹, and exp(x) is its
// Taylor series to x⁴, whose error, below x⁵/120 < 3e-16, is less than
// math.Exp's rounding; beyond, math.Exp.
func (m *model) growthNear(band int, g float64, tau des.Time) float64 {
	if band >= len(m.bandGrowth) {
		m.bandGrowth = append(m.bandGrowth, make([]dayGrowth, band+1-len(m.bandGrowth))...)
	}
	x := float64(tau - m.warm)
	d := math.Floor(x)
	bg := &m.bandGrowth[band]
	if !bg.set || bg.day != d || bg.g != g {
		*bg = dayGrowth{set: true, day: d, g: g, at: math.Pow(1+g, d/float64(des.Year)), perDay: math.Log1p(g) / float64(des.Year)}
	}
	if x = (x - d) * bg.perDay; math.Abs(x) < 1.0/512 {
		return bg.at * (1 + x*(1+x*(1.0/2+x*(1.0/6+x*(1.0/24)))))
	}
	return bg.at * math.Exp(x)
}

// dayGrowth is growthNear's cache for one age band: the growth g, and the
// multiplier at the start of day day (counted from the end of warm-up).
type dayGrowth struct {
	set        bool
	day, g, at float64
	perDay     float64 // ln(1 + g)/Year
}

// wrongPicks lists, for each cohort case-found, the cohorts in the same
// locality and age band that are not, weighted by their urgent demand
// (head count × rate per head): a person flagged by a passing rise in
// use is more likely to come from a stratum that uses more.
func (m *model) wrongPicks() {
	for i := range m.cohorts {
		c := &m.cohorts[i]
		if !c.enrol {
			continue
		}
		total := 0.0
		for j := range m.cohorts {
			o := &m.cohorts[j]
			if w := o.People * o.Urgent; !o.enrol && o.Locality == c.Locality && o.Band == c.Band && w > 0 {
				total += w
				c.wrong = append(c.wrong, wrongPick{cum: total, cohort: int16(j)})
			}
		}
		for k := range c.wrong {
			c.wrong[k].cum /= total
		}
		if n := len(c.wrong); n > 0 {
			c.wrong[n-1].cum = 1
		}
	}
}

// initSources builds the arrival processes: per age band, urgent demand,
// elective referrals, care-home admissions and community case-finding;
// per route, the fixed arrivals; and the care-home residents' calls.
func (m *model) initSources() error {
	p := m.p
	for _, c := range p.Cohorts() {
		m.cohorts = append(m.cohorts, cohortInfo{Cohort: c})
	}
	if p.Services.Community.Enabled {
		for i := range m.cohorts {
			for _, name := range p.Services.Community.Enrol {
				if p.Population.Risk[m.cohorts[i].Risk].Name == name {
					m.cohorts[i].enrol = true
				}
			}
		}
		m.wrongPicks()
	}
	// Highest rates over the run, from the schedule's times.
	nb := len(p.Population.AgeBands)
	nr := len(p.Demand.Urgent.Routes)
	urgentMax := make([]float64, len(m.cohorts)*nr)
	fixedMax := make([]float64, nr)
	bandMax := make([][4]float64, nb) // elective, care home, referrals, outpatients: per head
	callMax, callBeds, homeCareMax := 0.0, 0.0, 0.0
	// headroom is the most by which enrolment can raise a cohort's urgent
	// rate: candidates come at that many times the highest rate, so that
	// thinning can keep more of them when enrolled people come more often
	// than they would (Community.UrgentRatio, or EarlyRatio in the first
	// part of an enrolment, above 1).
	headroom := 1.0
	observe := func() {
		if cm := &p.Services.Community; cm.Enabled {
			headroom = max(headroom, cm.UrgentRatio)
			if cm.EarlyPeriod > 0 {
				headroom = max(headroom, cm.EarlyRatio)
			}
		}
		for i := range m.cohorts {
			for r := range nr {
				urgentMax[i*nr+r] = max(urgentMax[i*nr+r], m.urgentRate(i, r))
			}
		}
		for r, route := range p.Demand.Urgent.Routes {
			fixedMax[r] = max(fixedMax[r], route.PerDay)
		}
		for a, b := range p.Population.AgeBands {
			// The referral streams per head keep what GPs do not refer
			// from primary care's routine appointments (primary_routine.go).
			bandMax[a][0] = max(bandMax[a][0], b.Elective*m.perHeadShare())
			bandMax[a][1] = max(bandMax[a][1], b.CareHome)
			bandMax[a][2] = max(bandMax[a][2], p.Services.Community.Referrals)
			bandMax[a][3] = max(bandMax[a][3], p.Services.Outpatients.Referrals*m.perHeadShare())
		}
		callMax = max(callMax, p.Services.CareHomes.UrgentCalls)
		homeCareMax = max(homeCareMax, p.Services.HomeCare.Community)
		callBeds = max(callBeds, float64(max(p.Services.CareHomes.Beds, p.Services.CareHomes.Occupied)))
		m.observeMaternity()
	}
	observe()
	for _, t := range m.times {
		m.sched.Apply(t)
		observe()
	}
	m.sched.Apply(-m.warm - 1)
	m.callBeds = callBeds

	u := &p.Demand.Urgent
	start := p.Start.AddDays(-int(m.warm))
	m.pc.direct = m.directHours()
	add := func(kind uint8, band, route int, perDay, growth float64, shaped bool, picks []pick, name string) error {
		total := 0.0
		for _, pk := range picks {
			total += pk.cum
		}
		if total <= 0 {
			return nil
		}
		acc := 0.0
		for i := range picks {
			acc += picks[i].cum
			picks[i].cum = acc / total
			picks[i].keep = 1
		}
		picks[len(picks)-1].cum = 1
		prof := des.RateProfile{PerDay: perDay * math.Pow(1+growth, -float64(m.warm)/float64(des.Year)), Trend: growth}
		if shaped {
			prof.HourOfWeek, prof.Month = u.HourOfWeek, u.Month
			if kind == srcUrgent && m.pc.direct != nil {
				prof.HourOfWeek = m.pc.direct // the population's own, less what comes through primary care (service_primary.go)
			}
			prof.PerDay *= m.year.boost // the hardest winter's rate; thinned (yeareffects.go)
		}
		rate, err := des.NewRate(prof, start, m.end)
		if err != nil {
			return fmt.Errorf("%s arrivals: %w", name, err)
		}
		m.src = append(m.src, source{kind: kind, shaped: shaped, band: band, route: route, arr: des.Arrivals{Rate: rate},
			rng: des.NewStream(m.cfg.Seed, m.cfg.Rep, name), picks: picks, guide: newGuide(picks)})
		return nil
	}
	for a, band := range p.Population.AgeBands {
		var picks []pick
		per := 0.0
		for i, c := range m.cohorts {
			if c.Band != a {
				continue
			}
			for r := range nr {
				base := urgentMax[i*nr+r]
				if headroom > 1 {
					base *= headroom
				}
				if w := c.People * base; w > 0 {
					picks = append(picks, pick{cum: w, cohort: int16(i), route: int8(r), base: base})
					per += w
				}
			}
		}
		g := (1+band.Growth)*(1+u.Trend) - 1
		if err := add(srcUrgent, a, -1, per, g, true, picks, "urgent/band/"+band.Name); err != nil {
			return err
		}
	}
	for r, route := range u.Routes {
		if fixedMax[r] > 0 {
			picks := []pick{{cum: 1, cohort: -1, route: int8(r), base: fixedMax[r]}}
			if err := add(srcFixed, -1, r, fixedMax[r], u.Trend, true, picks, "urgent/route/"+route.Name); err != nil {
				return err
			}
		}
	}
	type bandSource struct {
		kind uint8
		name string
		on   bool
		k    int
	}
	for _, bs := range []bandSource{
		{srcElective, "elective", p.Services.Elective.Enabled && p.Services.Acute.Enabled, 0},
		{srcCareHome, "care-home", p.Services.CareHomes.Enabled, 1},
		{srcReferral, "case-finding", p.Services.Community.Enabled, 2},
		{srcOutpatient, "outpatients", p.Services.Outpatients.Enabled, 3},
	} {
		if !bs.on {
			continue
		}
		for a, band := range p.Population.AgeBands {
			rate := bandMax[a][bs.k]
			if rate <= 0 {
				continue
			}
			var picks []pick
			per := 0.0
			for i, c := range m.cohorts {
				if c.Band != a || (bs.kind == srcReferral && !c.enrol) {
					continue
				}
				if w := c.People * rate; w > 0 {
					picks = append(picks, pick{cum: w, cohort: int16(i), route: -1, base: rate})
					per += w
				}
			}
			if err := add(bs.kind, a, -1, per, band.Growth, false, picks, bs.name+"/"+band.Name); err != nil {
				return err
			}
		}
	}
	if hc := &p.Services.HomeCare; hc.Enabled && homeCareMax > 0 {
		picks := []pick{{cum: 1, cohort: -1, route: -1, base: homeCareMax}}
		if err := add(srcHomeCare, -1, -1, homeCareMax, hc.Growth, false, picks, "home-care"); err != nil {
			return err
		}
	}
	if p.Services.CareHomes.Enabled && callMax > 0 && callBeds > 0 {
		picks := []pick{{cum: 1, cohort: -1, route: routeCareHome, base: callMax}}
		if err := add(srcCalls, -1, routeCareHome, callMax*callBeds, 0, true, picks, "care-home-calls"); err != nil {
			return err
		}
	}
	if err := m.initMentalHealth(add); err != nil {
		return err
	}
	if err := m.initWomens(add); err != nil {
		return err
	}
	m.refreshKeep()
	return nil
}

// urgentRate is cohort i's urgent demand by route r per person per day
// under the current parameters.
func (m *model) urgentRate(i, r int) float64 {
	p := m.p
	c := &m.cohorts[i]
	band := &p.Population.AgeBands[c.Band]
	mean := 0.0
	for s, rs := range band.RiskShares {
		mean += rs * p.Population.Risk[s].UrgentRatio
	}
	if mean <= 0 {
		return 0
	}
	return band.Urgent * p.Population.Risk[c.Risk].UrgentRatio / mean * p.Demand.Urgent.Routes[r].Share
}

// refreshKeep sets every pick's keep probability from the current
// parameters.
func (m *model) refreshKeep() {
	p := m.p
	for si := range m.src {
		s := &m.src[si]
		for k := range s.picks {
			pk := &s.picks[k]
			now := 0.0
			switch s.kind {
			case srcUrgent:
				now = m.urgentRate(int(pk.cohort), int(pk.route))
			case srcFixed:
				now = p.Demand.Urgent.Routes[pk.route].PerDay
			case srcElective:
				now = p.Population.AgeBands[s.band].Elective * m.perHeadShare()
			case srcCareHome:
				now = p.Population.AgeBands[s.band].CareHome
			case srcReferral:
				now = p.Services.Community.Referrals
			case srcOutpatient:
				now = p.Services.Outpatients.Referrals * m.perHeadShare()
			case srcCalls:
				now = p.Services.CareHomes.UrgentCalls
			case srcHomeCare:
				now = p.Services.HomeCare.Community
			case srcMHBeds:
				now = p.Services.MentalHealth.OtherAdmissions
			case srcBirths:
				now = m.maternityRate(pk.route)
			}
			pk.keep = 0
			if pk.base > 0 {
				pk.keep = min(1, now/pk.base)
			}
		}
	}
}

// syncCapacity sets each pool's capacity from the parameters, in the
// order of the service table, records it, and starts the service of the
// patients it lets in. The acute pool's is the planned beds as the
// bed-management rule leaves them (syncAcute).
func (m *model) syncCapacity() error {
	for _, s := range services {
		c := m.unitsNow(s)
		if s == svcAcute {
			if err := m.syncAcute(c); err != nil {
				return err
			}
			continue
		}
		if s == svcED {
			// The cubicles free of boarders (crowding.go).
			m.lv[s.capLv].Set(m.cal.Now(), c)
			if err := m.setEDRoom(); err != nil {
				return err
			}
			continue
		}
		var err error
		m.gr, err = m.net.SetCapacity(s.pool(), c, m.gr[:0])
		if err != nil {
			return err
		}
		if s.capLv >= 0 {
			m.lv[s.capLv].Set(m.cal.Now(), c)
		}
		if err := m.granted(); err != nil {
			return err
		}
	}
	return m.syncHomeCare()
}

// u returns patient pt's uniform draw of the given slot, in [0, 1): the
// top 53 bits of SplitMix64 (Steele, Lea and Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014) applied to the seed and
// slot, a single well-mixed hash that is cheaper than seeding a
// generator for one number.
func (m *model) u(pt *patient, slot uint64) float64 {
	x := pt.seed + slot*0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	x ^= x >> 31
	return float64(x>>11) / (1 << 53)
}

// sample returns patient pt's draw of the given slot from d.
func (m *model) sample(pt *patient, slot uint64, d *des.Dist) des.Time {
	m.pcg.Seed(pt.seed, slot)
	return des.Time(d.Sample(m.prng))
}

func (m *model) day() int { return int(m.cal.Now()) }

func (m *model) count(c int) { m.counts[c].Inc(m.day(), 1) }

func (m *model) newPatient(seed uint64, kind uint8, cohort int16, route uint8) int32 {
	id := m.pts.Alloc()
	if m.pts.Live() > m.maxPatients {
		m.checkAt = 0 // stop before the next event
	}
	pt := m.pts.At(id)
	m.ids++
	*pt = patient{seed: seed, id: m.ids, arrived: m.cal.Now(), discharged: -1, cohort: cohort, route: route, kind: kind}
	return id
}

// trace records a patient event when the run keeps a trace. It is small
// enough to be inlined, so that a run without a trace pays a comparison.
func (m *model) trace(id int32, event, service string) {
	if m.cfg.Trace != nil {
		m.traceEvent(id, event, service)
	}
}

func (m *model) traceEvent(id int32, event, service string) {
	m.cfg.Trace(TraceEvent{Time: m.cal.Now() - m.warm, Patient: m.pts.At(id).id, Event: event, Service: service})
}

func (m *model) run() error {
	now := des.Time(0)
	for i := range m.lv {
		m.lv[i].Reset(0, 0)
	}
	m.sched.Apply(-m.warm - 1)
	if err := m.initDists(); err != nil {
		return err
	}
	if err := m.syncCapacity(); err != nil {
		return err
	}
	if err := m.census(); err != nil {
		return err
	}
	// The staff in post at the start may not open every planned unit:
	// the census fills the planned units, and those the staff cannot open
	// close as their patients leave (workforce.go).
	if m.startWorkforce() {
		if err := m.syncCapacity(); err != nil {
			return err
		}
	}
	// The census is the level at time 0, not a change at it, so that day
	// 0's midnight census counts it.
	for i := range m.lv {
		m.lv[i].Reset(0, m.lv[i].Value())
	}
	for i := range m.src {
		s := &m.src[i]
		if t := s.arr.Next(now, s.rng); t < m.end {
			m.cal.Schedule(t, evSource, int32(i))
		}
	}
	for i, t := range m.times {
		m.cal.Schedule(max(t+m.warm, 0), evSchedule, int32(i))
	}
	m.cal.Schedule(m.warm, evWarmEnd, 0)
	if m.beds.on {
		m.cal.Schedule(max(0, m.p.Services.Acute.Management.Meeting), evBedMeeting, 0)
	}
	m.startList()
	m.startLiaison()
	m.startOutpatients()
	if m.pc.on || m.pc.on111 || m.ooh.on {
		m.cal.Schedule(0, evPrimaryDay, 0)
	}
	if m.warm == 0 {
		m.measured = true
	}
	for {
		// Pop, not PeekTime, finds the next event: a cancelled one (a
		// patient's leaving the ED unseen, once they have a cubicle) is
		// skipped. The measured days end at m.end: an event then (a
		// capacity change on the last midnight) belongs to the day after.
		e, ok := m.cal.Pop()
		if !ok || e.At >= m.end {
			break
		}
		if e.At >= m.checkAt {
			if err := m.dayChecks(e.At); err != nil {
				return err
			}
		}
		m.events++
		if err := m.handle(e); err != nil {
			return fmt.Errorf("day %.2f: %w", float64(e.At-m.warm), err)
		}
	}
	for i := range m.lv {
		m.lv[i].AdvanceTo(m.end)
	}
	return nil
}

// dayChecks runs the checks due before an event at t, at most once a
// simulated day unless too many patients call it sooner: that the run has
// not been cancelled, and that the patients in the model number at most
// MaxPatients. A float comparison per event is all the run pays for them.
func (m *model) dayChecks(t des.Time) error {
	m.checkAt = des.Time(math.Floor(float64(t))) + 1
	day := math.Floor(float64(t - m.warm))
	date := m.p.Start.AddDays(int(day))
	if ctx := m.cfg.Context; ctx != nil {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("stopped on day %.0f (%v): %w", day, date, err)
		}
	}
	if n := m.pts.Live(); n > m.maxPatients {
		return fmt.Errorf("day %.0f (%v): more than %d patients in the model at once (%s): demand has far outgrown capacity; "+
			"check the yearly growth and trend, the rates per person and the capacities", day, date, m.maxPatients, m.whereAre(n))
	}
	return nil
}

// whereAre says where the n patients in the model are, by service, most
// first: those holding a place there and those waiting for one.
func (m *model) whereAre(n int) string {
	type at struct {
		name          string
		busy, waiting int
	}
	var pools []at
	inPools := 0
	for p := range des.PoolID(m.net.Len()) {
		a := at{m.net.Name(p), m.net.Busy(p), m.net.Queued(p)}
		// A patient blocked here holds this place while waiting for
		// another's: counted in both, once in all.
		inPools += a.busy + a.waiting - m.net.Blocked(p)
		if a.busy+a.waiting > 0 {
			pools = append(pools, a)
		}
	}
	slices.SortStableFunc(pools, func(a, b at) int { return (b.busy + b.waiting) - (a.busy + a.waiting) })
	var parts []string
	for _, a := range pools {
		parts = append(parts, fmt.Sprintf("%s %d in place and %d waiting", a.name, a.busy, a.waiting))
	}
	rest := n - inPools
	if w := m.lv[lvWaitList].Value(); w > 0 && m.list.on {
		parts = append(parts, fmt.Sprintf("%d on the elective waiting list", w))
		rest -= w
	}
	if w := m.hc.wait[hcCommunity].len(); w > 0 {
		parts = append(parts, fmt.Sprintf("home care %d waiting at home", w))
		rest -= w
	}
	if rest > 0 {
		parts = append(parts, fmt.Sprintf("%d elsewhere (at home with a package of home care, or waiting at home)", rest))
	}
	return strings.Join(parts, "; ")
}

func (m *model) handle(e des.Event) error {
	switch e.Kind {
	case evSource:
		return m.onSource(int(e.ID))
	case evSchedule:
		if err := m.scheduleAt(m.times[e.ID]); err != nil {
			return err
		}
		m.refreshKeep()
		return m.syncCapacity()
	case evWarmEnd:
		m.measured = true
		t := m.cal.Now()
		for i := range m.lv {
			m.lv[i].Restart(t)
		}
		for i := range m.tallies {
			m.tallies[i].Reset()
		}
		m.dischargedAlive, m.readmit30 = 0, 0
		return nil
	case evTreated:
		return m.onTreated(e.ID)
	case evFit:
		return m.onFit(e.ID)
	case evDelayEnd:
		return m.onDelayEnd(e.ID)
	case evICEnd:
		return m.endStay(e.ID, svcIC, &m.p.Services.IntermediateCare.Outcomes, slotICOutcome)
	case evReablementEnd:
		return m.endStay(e.ID, svcReablement, &m.p.Services.Reablement.Outcomes, slotReablementOutcome)
	case evStayEnd:
		m.leaveStay(services[m.net.Holds(e.ID)], e.ID)
		return m.release(e.ID)
	case evCommunityEnd:
		pt := m.pts.At(e.ID)
		if pt.kind == kindEnrolled {
			m.cohorts[pt.cohort].enrolled--
			if pt.flags&fEarly != 0 {
				m.cohorts[pt.cohort].early--
			}
		}
		m.leaveStay(svcCommunity, e.ID)
		return m.release(e.ID)
	case evElectiveReady:
		m.onElectiveReady(e.ID)
		return nil
	case evElectiveDay:
		return m.onElectiveDay()
	case evElectiveMidnight:
		m.onElectiveMidnight()
		return nil
	case evCallEnd:
		return m.onCallEnd(e.ID)
	case evUCREnd:
		return m.onUCREnd(e.ID)
	case evEarlyEnd:
		pt := m.pts.At(e.ID)
		pt.flags &^= fEarly
		m.cohorts[pt.cohort].early--
		return nil
	case evBedMeeting:
		return m.onBedMeeting()
	case evAcuteDepart:
		return m.onDepart(svcAcute, e.ID)
	case evICDepart:
		return m.onDepart(svcIC, e.ID)
	case evBedReady:
		return m.onBedReady(des.PoolID(e.ID))

	case evLeftUnseen:
		return m.onLeftUnseen(e.ID)
	case evHomeCareEnd:
		return m.onHomeCareEnd(e.ID)
	case evLiaisonEnd:
		return m.onLiaisonEnd(e.ID)
	case evLiaisonHour:
		return m.onLiaisonHour()
	case evOutOfArea:
		return m.onOutOfArea(e.ID)
	case evWomensEnd:
		return m.onWomensEnd(e.ID)
	case evWorkforce:
		return m.onWorkforce()
	case evClinic:
		return m.onClinic()
	case evOutpatientMidnight:
		m.onOutpatientMidnight()
		return nil
	case evPrimaryDay:
		return m.onPrimaryDay()
	case evPrimaryArrive:
		return m.onPrimaryArrive(e.ID)
	case evOOHContact:
		return m.onOOHContact(e.ID)
	case evOOHEnd:
		return m.onOOHEnd(e.ID)
	case evReadmit:
		m.count(cReadmissions)
		if m.measured && m.pts.At(e.ID).flags&fWithin30 != 0 {
			m.readmit30++
		}
		return m.admitDirect(e.ID)
	}
	panic(fmt.Sprintf("care: unknown event kind %d", e.Kind))
}

// granted acts on the grants in m.gr: every unit handed to a waiting
// patient starts that patient's service there. A boarder granted a bed
// frees room in the emergency department, which is set once the grants
// have run (crowding.go).
func (m *model) granted() error {
	for i := 0; i < len(m.gr); i++ {
		g := m.gr[i]
		m.onGrant(g)
	}
	m.gr = m.gr[:0]
	if m.ed.sync {
		m.ed.sync = false
		return m.setEDRoom()
	}
	return nil
}

// do runs a network operation's grants.
func (m *model) do(gr []des.Grant, err error) error {
	m.gr = gr
	if err != nil {
		return err
	}
	return m.granted()
}

// release frees patient id's unit and the patient.
func (m *model) release(id int32) error {
	err := m.releaseKeep(id)
	m.pts.Free(id)
	return err
}

// releaseKeep frees patient id's unit but keeps the patient. A bed of a
// pool that holds its beds starts its turnaround (discharge.go).
func (m *model) releaseKeep(id int32) error {
	m.vacated(m.net.Holds(id))
	return m.do(m.net.Release(id, m.gr[:0]))
}
