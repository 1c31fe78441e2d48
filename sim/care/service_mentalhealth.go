package care

import (
	"math"

	"caresim/sim/des"
)

// The mental health line: people presenting at ED in a mental health
// crisis, the liaison psychiatry team that assesses them, and the mental
// health beds (the mental health trust's, outside the acute trust) that
// some of them need.
//
// # Flow
//
// Of the patients who enter ED (type 1), a share MentalHealth.Share
// presents in a mental health crisis. They are treated in a cubicle as
// everyone else is. At the end of treatment one who needs an acute bed
// (self-harm needing medical care) is admitted as any other patient is;
// the rest are referred to liaison psychiatry and wait in their cubicle
// for a practitioner (blocking after service). Liaison works in the hours
// of its cover, with Practitioners on duty; a patient referred outside
// them waits for the next start of cover. The assessment takes
// Assessment; at its end the patient goes home, or for the ToBed share
// the liaison practitioner decides to admit to a mental health bed. With
// a bed free the patient leaves ED for it; without, the patient waits in
// the department for one, boarding as an admitted patient waiting for an
// acute bed does (crowding.go), so that the decision-to-admit clock and
// the 12-hour waits run on. Every patient leaves: home, to an acute bed,
// or to a mental health bed.
//
// With liaison off (Liaison.Enabled false), the department's own doctors
// decide at the end of treatment, with the same shares, and nobody waits
// for an assessment.
//
// The mental health beds also take admissions from elsewhere (community
// teams, crisis resolution, other hospitals' EDs) at OtherAdmissions a
// day; they queue for a bed with the ED's patients, first come first
// served. A stay lasts LengthOfStay and ends with the patient leaving.
//
// A patient who has waited OutOfAreaAfter for a local bed is placed out
// of area: they leave ED (or the queue, from elsewhere) for a bed outside
// the model, counted.
//
// The model does not follow a patient's mental health after they leave,
// the liaison team's work on the wards (referrals of inpatients), or
// people who leave ED before the assessment.
//
// A liaison team may avoid some acute admissions (Liaison.AcuteAvoided):
// a crisis patient whom the department would admit is referred to the
// team instead, and goes home or to a mental health bed as the others
// do.

// MentalHealth is the mental health line (service_mentalhealth.go).
type MentalHealth struct {
	Enabled bool `yaml:"enabled"`
	// Share is the share of ED (type 1) attendances who present in a
	// mental health crisis.
	Share float64 `yaml:"share" unit:"fraction"`
	// ToBed is the share of the crisis patients who do not need an acute
	// bed and whom the assessment admits to a mental health bed; the rest
	// go home.
	ToBed float64 `yaml:"to_bed" unit:"fraction"`
	// Beds is the mental health beds open to the population's adults.
	Beds int `yaml:"beds"`
	// Occupied is the beds occupied at the start of warm-up.
	Occupied int `yaml:"occupied"`
	// LengthOfStay is a stay in a mental health bed.
	LengthOfStay des.Dist `yaml:"length_of_stay" unit:"duration"`
	// OtherAdmissions is the admissions a day to the beds from elsewhere
	// than the emergency department.
	OtherAdmissions float64 `yaml:"other_admissions" unit:"rate"`
	// OutOfAreaAfter is how long a patient waits for a local bed before
	// the mental health trust finds one out of area, where the patient
	// goes (an out-of-area placement, leaving the model). 0 never does:
	// the patient waits for a local bed.
	OutOfAreaAfter des.Time `yaml:"out_of_area_after" unit:"duration"`
}

// Liaison is the liaison psychiatry team (service_mentalhealth.go):
// practitioners who assess the emergency department's patients in crisis
// during the hours of cover. It works only with the mental health line
// (MentalHealth) on.
type Liaison struct {
	Enabled bool `yaml:"enabled"`
	// Practitioners is the assessments under way at once during cover:
	// the practitioners on duty for the emergency department.
	Practitioners int `yaml:"practitioners"`
	// CoverFrom and CoverTo are the hours of cover each day, from
	// CoverFrom:00 to CoverTo:00, 0 ≤ CoverFrom < CoverTo ≤ 24; CoverTo 0
	// is 24, so that the zero values are round the clock.
	CoverFrom int `yaml:"cover_from"`
	CoverTo   int `yaml:"cover_to"`
	// Assessment is an assessment's length, from the practitioner's
	// arrival to the decision.
	Assessment des.Dist `yaml:"assessment" unit:"duration"`
	// AcuteAvoided is the share of crisis patients who would be
	// admitted to an acute bed whom the team assesses in ED instead and
	// who then go home or to a mental health bed as the others do: the
	// admissions a liaison team avoids (RAID's).
	AcuteAvoided float64 `yaml:"acute_avoided" unit:"fraction"`
}

// svcLiaison is the liaison psychiatry team: practitioners on duty.
var svcLiaison = &service{
	name:     "liaison-psychiatry",
	key:      "liaison_psychiatry",
	title:    "Liaison psychiatry",
	enabled:  func(p *Services) *bool { return &p.Liaison.Enabled },
	units:    func(p *Services) *int { return &p.Liaison.Practitioners },
	dists:    []serviceDist{{"assessment", func(p *Services) *des.Dist { return &p.Liaison.Assessment }}},
	stay:     func(p *Services) *des.Dist { return &p.Liaison.Assessment },
	slot:     slotMHAssess,
	end:      evLiaisonEnd,
	admit:    "assess",
	busy:     true,
	capacity: true,
	measures: []measureDef{
		daily(follows, "mh_attendances", "patients", dayCount(count(cMH+mhAttend)),
			"ED attendances in a mental health crisis"),
		daily(follows, "liaison_assessments", "patients", dayCount(entries),
			"liaison psychiatry assessments started in ED"),
		daily(follows, "liaison_waiting_mean", "patients", dayMean(level(lvMHWaitLiaison)),
			"patients in ED waiting for a liaison psychiatry assessment"),
		daily(follows, "mh_12h_arrival_waits", "patients", dayCount(count(cMH+mh12hArrival)),
			"departures from ED of crisis patients more than 12 hours after arrival"),
		annual(follows, "mh_attendances", "patients", total(count(cMH+mhAttend)),
			"ED attendances in a mental health crisis"),
		annual(follows, "liaison_assessments", "patients", total(entries),
			"liaison psychiatry assessments started in ED"),
		annual(follows, "liaison_practitioners", "practitioners", yearMean(capacity),
			"liaison practitioners on duty, mean over the hours of the year"),
		annual(follows, "mh_12h_arrival_waits", "patients", total(count(cMH+mh12hArrival)),
			"departures from ED of crisis patients more than 12 hours after arrival"),
		annual(follows, "mh_12h_dta_waits", "patients", total(count(cMH+mh12hDTA)),
			"departures from ED of crisis patients more than 12 hours after a decision to admit (to any bed)"),
		metric(follows, "mh_attendances_per_year", "per year", perYear(count(cMH+mhAttend)),
			"ED attendances in a mental health crisis"),
		metric(follows, "mh_share_of_ed", "fraction", ratioOf(count(cMH+mhAttend), entriesOf(svcED)),
			"crisis attendances over ED (type 1) attendances"),
		metric(follows, "mh_time_in_department_hours_mean", "hours", tallyMean(tally(tMHDept)),
			"arrival in ED to leaving it, over crisis patients"),
		metric(follows, "mh_12h_arrival_waits_per_year", "per year", perYear(count(cMH+mh12hArrival)),
			"departures from ED of crisis patients more than 12 hours after arrival"),
		metric(follows, "mh_12h_arrival_share", "fraction", ratioOf(count(cMH+mh12hArrival), count(cED12hArrival)),
			"of the ED's departures more than 12 hours after arrival, those of crisis patients"),
		metric(follows, "mh_12h_dta_waits_per_year", "per year", perYear(count(cMH+mh12hDTA)),
			"departures from ED of crisis patients more than 12 hours after a decision to admit"),
		metric(follows, "liaison_assessments_per_year", "per year", perYear(entries),
			"liaison psychiatry assessments started in ED"),
		metric(follows, "liaison_wait_hours_mean", "hours", tallyMean(tally(tMHLiaisonWait)),
			"referral at the end of ED treatment to the start of the liaison assessment"),
		metric(follows, "liaison_waiting_mean", "patients", timeMean(level(lvMHWaitLiaison)),
			"patients in ED waiting for a liaison assessment, time-weighted mean"),
	},
}

// svcMHBeds is the mental health beds: the mental health trust's adult
// beds for the population.
var svcMHBeds = &service{
	name:     "mental-health-beds",
	key:      "mental_health",
	title:    "Mental health beds",
	enabled:  func(p *Services) *bool { return &p.MentalHealth.Enabled },
	units:    func(p *Services) *int { return &p.MentalHealth.Beds },
	dists:    []serviceDist{{"length_of_stay", func(p *Services) *des.Dist { return &p.MentalHealth.LengthOfStay }}},
	stay:     func(p *Services) *des.Dist { return &p.MentalHealth.LengthOfStay },
	slot:     slotMHLOS,
	end:      evStayEnd,
	occupied: func(p *Services) *int { return &p.MentalHealth.Occupied },
	busy:     true,
	capacity: true,
	chart: &serviceChart{title: "Mental health", overlay: "overlay-beds-mental-health", measure: "Mental health beds occupied",
		unit: "beds", mean: "mh_beds_occupied_mean", capacity: "mh_beds"},
	measures: []measureDef{
		daily(follows, "mh_beds_occupied_mean", "beds", dayMean(busy),
			"mental health beds occupied"),
		daily(follows, "mh_beds", "beds", dayMean(capacity),
			"mental health beds (capacity)"),
		daily(follows, "mh_bed_admissions", "patients", dayCount(entries),
			"admissions to mental health beds, from ED and elsewhere"),
		daily(follows, "mh_ed_boarding_mean", "patients", dayMean(level(lvMHBoarding)),
			"crisis patients in ED waiting for a mental health bed"),
		annual(follows, "mh_bed_admissions", "patients", total(entries),
			"admissions to mental health beds, from ED and elsewhere"),
		annual(follows, "mh_bed_admissions_from_ed", "patients", total(count(cMH+mhBedFromED)),
			"of them, crisis patients from ED"),
		annual(follows, "mh_out_of_area", "patients", total(count(cMH+mhOutOfArea)),
			"placements out of area after waiting for a local mental health bed"),
		annual(follows, "mh_out_of_area_from_ed", "patients", total(count(cMH+mhOutOfAreaED)),
			"of them, crisis patients boarding in ED"),
		annual(follows, "mh_bed_days", "bed days", levelDays(busy),
			"occupied mental health bed days"),
		annual(follows, "mh_beds", "beds", yearMean(capacity),
			"mental health beds, mean over the year"),
		metric(follows, "mh_bed_occupancy", "fraction", occupancy(busy, capacity),
			"mental health beds occupied over beds"),
		metric(follows, "mh_bed_admissions_per_year", "per year", perYear(entries),
			"admissions to mental health beds"),
		metric(follows, "mh_bed_wait_hours_mean", "hours", tallyMean(tally(tMHBedWait)),
			"decision to admit (or request, from elsewhere) to a mental health bed"),
		metric(follows, "mh_bed_waiting_mean", "patients", timeMean(level(lvMHBedWait)),
			"patients waiting for a mental health bed, in ED or elsewhere, time-weighted mean"),
		metric(follows, "mh_ed_boarding_mean", "patients", timeMean(level(lvMHBoarding)),
			"crisis patients in ED waiting for a mental health bed, time-weighted mean"),
		metric(follows, "mh_out_of_area_per_year", "per year", perYear(count(cMH+mhOutOfArea)),
			"patients placed in a mental health bed out of area after waiting for a local one"),
	},
}

// The mental health line's own counts, from cMH in model.counts.
const (
	mhAttend      = iota // ED attendances in crisis
	mh12hArrival         // of them, leaving ED more than 12 hours after arrival
	mh12hDTA             // leaving ED more than 12 hours after a decision to admit
	mhBedFromED          // admissions to a mental health bed from ED
	mhHome               // sent home after the assessment
	mhOther              // admissions from elsewhere asking for a bed
	mhOutOfArea          // placements out of area after OutOfAreaAfter waiting
	mhOutOfAreaED        // of them, crisis patients from ED
	numMHCounts
)

// Where a patient is on the mental health line (patient.mh).
const (
	mhNone      = iota
	mhCrisis    // in ED in crisis
	mhReferred  // waiting in ED for a liaison assessment
	mhBoarding  // waiting in ED for a mental health bed
	mhElsewhere // an admission from elsewhere
)

// mentalHealthArrival marks a patient just entered ED as presenting in
// crisis, for the Share of them.
func (m *model) mentalHealthArrival(pt *patient) {
	mh := &m.p.Services.MentalHealth
	if !mh.Enabled || m.u(pt, slotMH) >= mh.Share {
		return
	}
	pt.mh = mhCrisis
	m.count(cMH + mhAttend)
}

// mhAvoids returns whether patient pt, treated in ED and decided to
// admit (admit), is instead a crisis patient whose acute admission the
// liaison team avoids (Liaison.AcuteAvoided); it returns admit otherwise.
func (m *model) mhAvoids(pt *patient, admit bool) bool {
	l := &m.p.Services.Liaison
	if !admit || pt.mh != mhCrisis || pt.at != atED || !l.Enabled || l.AcuteAvoided <= 0 {
		return admit
	}
	return m.u(pt, slotMHAvoid) >= l.AcuteAvoided
}

// mentalHealthTreated handles the end of ED treatment of a crisis patient
// who does not need an acute bed: a referral to liaison, or, with liaison
// off, the department's decision. It reports whether it took the patient.
func (m *model) mentalHealthTreated(id int32) (bool, error) {
	pt := m.pts.At(id)
	if pt.mh != mhCrisis || pt.at != atED {
		return false, nil
	}
	if !m.p.Services.Liaison.Enabled {
		return true, m.mhDecide(id)
	}
	now := m.cal.Now()
	pt.mh = mhReferred
	pt.admitted = now // the referral, until a bed
	m.lv[lvMHWaitLiaison].Add(now, 1)
	m.trace(id, "refer", svcLiaison.name)
	return true, m.do(m.net.Request(id, svcLiaison.pool(), 0, m.gr[:0]))
}

// mhGrant starts a patient's liaison assessment or mental health bed.
func (m *model) mhGrant(g des.Grant) {
	id := g.Entity
	pt := m.pts.At(id)
	now := m.cal.Now()
	if g.Pool == svcLiaison.pool() {
		m.lv[lvMHWaitLiaison].Add(now, -1)
		if m.measured {
			m.tallies[tMHLiaisonWait].Add(float64(now-pt.admitted) * 24)
		}
		pt.mh = mhCrisis
		if g.From == svcED.pool() {
			m.edCorridor() // a cubicle is free
		}
		m.startStay(svcLiaison, id)
		return
	}
	if m.census1(pt, id, svcMHBeds) {
		return
	}
	m.lv[lvMHBedWait].Add(now, -1)
	if m.measured {
		m.tallies[tMHBedWait].Add(float64(now-pt.dta) * 24)
	}
	if int(id) < len(m.mh.away) && m.mh.away[id] != (des.Token{}) {
		m.cal.Cancel(m.mh.away[id])
		m.mh.away[id] = des.Token{}
	}
	switch pt.mh {
	case mhBoarding:
		m.lv[lvMHBoarding].Add(now, -1)
		m.unboard()
		fallthrough
	case mhCrisis:
		m.count(cMH + mhBedFromED)
		m.leaveAE(pt)
		if g.From == svcED.pool() {
			m.edCorridor() // liaison off: the cubicle is free
		}
	}
	pt.mh = mhNone
	m.startStay(svcMHBeds, id)
}

// onLiaisonEnd ends patient id's assessment: the practitioner is free and
// the department decides.
func (m *model) onLiaisonEnd(id int32) error {
	m.leaveStay(svcLiaison, id)
	if err := m.releaseKeep(id); err != nil {
		return err
	}
	return m.mhDecide(id)
}

// mhDecide sends a crisis patient in ED, assessed, home or to a mental
// health bed.
func (m *model) mhDecide(id int32) error {
	pt := m.pts.At(id)
	mh := &m.p.Services.MentalHealth
	if m.u(pt, slotMHToBed) >= mh.ToBed {
		m.count(cMH + mhHome)
		m.trace(id, "leave", svcED.name)
		m.leaveAE(pt)
		if m.net.Holds(id) == des.NoPool { // assessed: the cubicle was given up for it
			m.pts.Free(id)
			return nil
		}
		if err := m.release(id); err != nil {
			return err
		}
		m.edCorridor()
		return nil
	}
	now := m.cal.Now()
	pt.dta = now
	m.trace(id, "decide-to-admit", svcMHBeds.name)
	m.lv[lvMHBedWait].Add(now, 1)
	// A free bed now takes the patient (mhGrant); if none, the patient
	// boards. The cubicle, if still held (liaison off), is given up to
	// the boarding rule as an acute boarder's is.
	gr, ok, err := m.net.TryRequest(id, svcMHBeds.pool(), m.gr[:0])
	if err := m.do(gr, err); err != nil || ok {
		return err
	}
	pt = m.pts.At(id)
	pt.mh = mhBoarding
	m.lv[lvMHBoarding].Add(now, 1)
	if err := m.startBoarding(id); err != nil {
		return err
	}
	if m.net.Holds(id) != des.NoPool {
		if err := m.releaseKeep(id); err != nil {
			return err
		}
	}
	if err := m.waitForBed(id); err != nil {
		return err
	}
	m.edCorridor()
	return nil
}

// mhLeftED records a crisis patient's departure from ED at now, from
// leaveAE: time in the department and 12-hour waits.
func (m *model) mhLeftED(pt *patient, now des.Time) {
	if m.measured {
		m.tallies[tMHDept].Add(float64(now-pt.arrived) * 24)
	}
	if now-pt.arrived > 0.5 {
		m.count(cMH + mh12hArrival)
	}
	if pt.dta > 0 && now-pt.dta > 0.5 {
		m.count(cMH + mh12hDTA)
	}
}

// mhElsewhere is an admission to a mental health bed from elsewhere than
// the emergency department: it asks for a bed and waits for one.
func (m *model) mhElsewhere(seed uint64) error {
	id := m.newPatient(seed, kindUrgent, -1, 0)
	pt := m.pts.At(id)
	pt.mh = mhElsewhere
	pt.dta = m.cal.Now()
	m.count(cMH + mhOther)
	m.lv[lvMHBedWait].Add(m.cal.Now(), 1)
	m.trace(id, "refer", svcMHBeds.name)
	gr, ok, err := m.net.TryRequest(id, svcMHBeds.pool(), m.gr[:0])
	if err := m.do(gr, err); err != nil || ok {
		return err
	}
	return m.waitForBed(id)
}

// liaisonCovered reports whether liaison works at time t under the
// current parameters.
func (m *model) liaisonCovered(t des.Time) bool {
	from, to := m.p.Services.Liaison.cover()
	// The hour of the day, whole: the hourly changes fall on k/24 days,
	// which 24·frac may put a rounding below k.
	h := math.Floor(24*(float64(t)-math.Floor(float64(t))) + 1e-9)
	return h >= float64(from) && h < float64(to)
}

// cover returns the hours of cover, CoverTo 0 read as 24.
func (l *Liaison) cover() (from, to int) {
	if l.CoverTo == 0 {
		return l.CoverFrom, 24
	}
	return l.CoverFrom, l.CoverTo
}

// onLiaisonHour sets the liaison team's practitioners on duty at the
// hour, and books the next hour's.
func (m *model) onLiaisonHour() error {
	now := m.cal.Now()
	if next := des.Time((math.Round(float64(now)*24) + 1) / 24); next < m.end {
		m.cal.Schedule(next, evLiaisonHour, 0)
	}
	c := m.unitsNow(svcLiaison)
	if m.net.Capacity(svcLiaison.pool()) == c {
		return nil
	}
	gr, err := m.net.SetCapacity(svcLiaison.pool(), c, m.gr[:0])
	m.lv[svcLiaison.capLv].Set(now, c)
	return m.do(gr, err)
}

// liaisonOn reports whether the liaison team is on duty now: the line and
// the team are on and now is in the hours of cover.
func (m *model) liaisonOn() bool {
	return m.p.Services.MentalHealth.Enabled && m.liaisonCovered(m.cal.Now())
}

// mhState is one replication's state of the mental health line.
type mhState struct {
	// partial says that liaison's cover is part of the day at some time
	// of the run, so that its practitioners come and go by the hour.
	partial bool
	// away holds, by patient, the event at which a patient waiting for a
	// mental health bed is placed out of area, cancelled when they get
	// a local one; the zero Token for patients who will not be.
	away []des.Token
}

// waitForBed puts patient id, holding nothing, in the queue for a mental
// health bed, and books their out-of-area placement if the line has one.
func (m *model) waitForBed(id int32) error {
	if after := m.p.Services.MentalHealth.OutOfAreaAfter; after > 0 {
		for int(id) >= len(m.mh.away) {
			m.mh.away = append(m.mh.away, des.Token{})
		}
		m.mh.away[id] = m.cal.ScheduleCancellable(m.pts.At(id).dta+after, evOutOfArea, id)
	}
	return m.do(m.net.Request(id, svcMHBeds.pool(), 0, m.gr[:0]))
}

// onOutOfArea places patient id, still waiting for a mental health bed,
// out of area: they leave the queue, and ED if they were boarding there.
func (m *model) onOutOfArea(id int32) error {
	m.mh.away[id] = des.Token{}
	if !m.net.Withdraw(id) {
		panic("care: a patient placed out of area was not waiting for a mental health bed")
	}
	pt := m.pts.At(id)
	now := m.cal.Now()
	m.lv[lvMHBedWait].Add(now, -1)
	m.count(cMH + mhOutOfArea)
	m.trace(id, "out-of-area", svcMHBeds.name)
	if pt.mh == mhBoarding {
		m.count(cMH + mhOutOfAreaED)
		m.lv[lvMHBoarding].Add(now, -1)
		m.ed.boarders--
		m.lv[lvEDBoarding].Add(now, -1)
		m.leaveAE(pt)
		m.pts.Free(id)
		return m.setEDRoom()
	}
	m.pts.Free(id)
	return nil
}

// startLiaison books the first hourly change of the liaison team's cover
// when the line is on and cover is not round the clock at some time of
// the run.
func (m *model) startLiaison() {
	if m.mh.partial {
		m.cal.Schedule(1.0/24, evLiaisonHour, 0)
	}
}

// initMentalHealth adds the source of the admissions to mental health
// beds from elsewhere, at the highest rate over the run, and notes
// whether liaison's cover is ever part of the day.
func (m *model) initMentalHealth(add func(kind uint8, band, route int, perDay, growth float64, shaped bool, picks []pick, name string) error) error {
	p := m.p
	most := 0.0
	on := false
	observe := func() {
		mh := &p.Services.MentalHealth
		if !mh.Enabled {
			return
		}
		on = true
		most = max(most, mh.OtherAdmissions)
		if from, to := p.Services.Liaison.cover(); p.Services.Liaison.Enabled && (from > 0 || to < 24) {
			m.mh.partial = true
		}
	}
	observe()
	for _, t := range m.times {
		m.sched.Apply(t)
		observe()
	}
	m.sched.Apply(-m.warm - 1)
	if !on || most <= 0 {
		return nil
	}
	picks := []pick{{cum: 1, cohort: -1, route: -1, base: most}}
	return add(srcMHBeds, -1, -1, most, 0, false, picks, "mental-health-beds")
}

// check checks the mental health line and its liaison team l.
func (mh *MentalHealth) check(c *checker, l *Liaison) {
	const at = "services.mental_health."
	c.fraction(at+"share", mh.Share)
	c.fraction(at+"to_bed", mh.ToBed)
	c.beds("services.mental_health", mh.Beds, mh.Occupied)
	c.dist(at+"length_of_stay", &mh.LengthOfStay, mh.Enabled)
	c.nonNegative(at+"other_admissions", mh.OtherAdmissions)
	c.atMost(at+"other_admissions", mh.OtherAdmissions, MaxPerDay, "100,000 a day", "more admissions than people")
	c.nonNegative(at+"out_of_area_after", float64(mh.OutOfAreaAfter))
	const lat = "services.liaison_psychiatry."
	c.count(lat+"practitioners", l.Practitioners)
	if mh.Enabled && l.Enabled && l.Practitioners < 1 {
		c.add(lat+"practitioners", "must be at least 1 when liaison is enabled: its patients would wait for ever (switch it off with enabled: false)")
	}
	if l.CoverFrom < 0 || l.CoverFrom > 23 {
		c.add(lat+"cover_from", "must be an hour of the day from 0 to 23, not %d", l.CoverFrom)
	}
	if l.CoverTo < 0 || l.CoverTo > 24 {
		c.add(lat+"cover_to", "must be an hour of the day from 1 to 24 (0 is 24), not %d", l.CoverTo)
	} else if l.CoverTo > 0 && l.CoverTo <= l.CoverFrom {
		c.add(lat+"cover_to", "must be after cover_from (%d), not %d: cover runs from cover_from:00 to cover_to:00 the same day (0 and 24 for round the clock)", l.CoverFrom, l.CoverTo)
	}
	c.dist(lat+"assessment", &l.Assessment, mh.Enabled && l.Enabled)
	c.fraction(lat+"acute_avoided", l.AcuteAvoided)
	if mh.Enabled && mh.ToBed > 0 && mh.Beds < 1 && !c.later {
		c.add(at+"beds", "must be at least 1 when to_bed is above 0: the patients admitted would wait in ED for ever (set to_bed: 0, or give the beds)")
	}
}
