package care

import (
	"fmt"
	"math"
	"strconv"

	"caresim/sim/des"
)

// Outpatients is hospital outpatients and day cases: the referral into
// outpatients, where the referral-to-treatment (RTT) clock starts, the
// first appointment, follow-ups, and the day-case list.
//
// Two streams of referrals come to the first-appointment queue. The
// elective referrals of the age bands (AgeBand.Elective, past the
// elective gateway) are the referrals that end in an ordinary elective
// admission: they join the elective waiting list at referral, as without
// outpatients, and their decision to admit comes at Elective.Decision
// after referral or at their first appointment, whichever is later. The
// others, Referrals a person a year, are referrals that end in discharge
// from outpatients (treated or reassured in clinic) or in a day case;
// AdviceAndGuidance of them are answered by advice and guidance or
// triage (the referral gateway, the integrated MSK pathway) without a
// first appointment. Their RTT clock runs from referral to the first
// appointment when they are discharged from it, or to the day case.
//
// Clinics run at 08:00 each day with the day's slots (FirstSlots,
// FollowUpSlots, DayCaseSlots by weekday, Monday first). First
// appointments and day cases are first come, first served: in the order
// of referral, and of the decision to treat as a day case, no sooner than
// Lead after referral (triage, booking and a patient's notice) and
// DayCaseLead after the decision (pre-assessment and notice). At the first
// appointment DayCase of the second stream are listed for a day case, and
// every patient seen, of either stream, is given follow-up appointments:
// a number drawn from the geometric distribution with mean FollowUpRatio
// (the chance of one more after each is FollowUpRatio / (1 +
// FollowUpRatio)), spaced FollowUpInterval apart (one draw a patient).
// A follow-up falls due on its day and waits, oldest due first, for a
// follow-up slot: the follow-ups waiting past their day are the backlog
// that follow-up capacity leaves. Follow-ups are after the patient's
// first appointment and are not part of an RTT pathway.
//
// The second stream and the follow-ups are counts in queues, not
// patients: nothing else in the model depends on who they are. Switched
// off, referrals do not come and elective referrals decide at
// Elective.Decision, as without outpatients.
type Outpatients struct {
	Enabled bool `yaml:"enabled"`
	// Referrals is referrals for a first outpatient appointment a person a
	// year that do not end in an ordinary elective admission (those come
	// from AgeBand.Elective), before advice and guidance.
	Referrals float64 `yaml:"referrals" unit:"per-head"`
	// AdviceAndGuidance is the share of Referrals answered by advice and
	// guidance or triage without a first appointment.
	AdviceAndGuidance float64 `yaml:"advice_and_guidance" unit:"fraction"`
	// Lead is the least time from referral to a first appointment, in
	// days, a whole number: triage, booking and notice.
	Lead des.Time `yaml:"lead" unit:"duration"`
	// FirstSlots are the first appointments each day of the week can see,
	// Monday first: seven whole numbers.
	FirstSlots []int `yaml:"first_slots"`
	// FollowUpSlots are the follow-up appointments each day of the week,
	// Monday first.
	FollowUpSlots []int `yaml:"follow_up_slots"`
	// FollowUpRatio is the mean number of follow-up attendances a first
	// attendance leads to.
	FollowUpRatio float64 `yaml:"follow_up_ratio"`
	// FollowUpInterval is the time between a patient's attendances, in
	// days.
	FollowUpInterval des.Dist `yaml:"follow_up_interval" unit:"duration"`
	// DayCase is the share of the Referrals seen who are listed for a day
	// case at their first appointment.
	DayCase float64 `yaml:"day_case" unit:"fraction"`
	// DayCaseSlots are the day cases each day of the week can treat,
	// Monday first.
	DayCaseSlots []int `yaml:"day_case_slots"`
	// DayCaseLead is the least time from the decision to treat as a day
	// case to the day case, in days, a whole number: pre-assessment and
	// notice.
	DayCaseLead des.Time `yaml:"day_case_lead" unit:"duration"`
}

// maxFollowUps bounds the follow-ups a patient draws: with the largest
// ratio allowed (maxFollowUpRatio) the chance of more is below 10⁻¹².
const maxFollowUps = 1000

// maxFollowUpRatio bounds Outpatients.FollowUpRatio: 30 follow-ups a
// first attendance, ten times England's (about 2).
const maxFollowUpRatio = 30

// check checks the outpatients section.
func (o *Outpatients) check(c *checker) {
	const at = "services.outpatients."
	c.nonNegative(at+"referrals", o.Referrals)
	c.perHead(at+"referrals", o.Referrals)
	c.fraction(at+"advice_and_guidance", o.AdviceAndGuidance)
	c.fraction(at+"day_case", o.DayCase)
	for _, l := range []struct {
		key string
		t   des.Time
	}{{"lead", o.Lead}, {"day_case_lead", o.DayCaseLead}} {
		if n := float64(l.t); !(n >= 0 && n == math.Trunc(n)) || n > float64(des.Year) {
			c.add(at+l.key, "must be a whole number of days from 0 to a year (such as 3w), not %v days", n)
		}
	}
	c.nonNegative(at+"follow_up_ratio", o.FollowUpRatio)
	c.atMost(at+"follow_up_ratio", o.FollowUpRatio, maxFollowUpRatio, "30", "follow-ups a first attendance (England's is about 2)")
	c.dist(at+"follow_up_interval", &o.FollowUpInterval, o.Enabled && o.FollowUpRatio > 0)
	for _, s := range []struct {
		key   string
		slots []int
	}{{"first_slots", o.FirstSlots}, {"follow_up_slots", o.FollowUpSlots}, {"day_case_slots", o.DayCaseSlots}} {
		if len(s.slots) != 7 && (o.Enabled || len(s.slots) > 0) {
			c.add(at+s.key, "must list 7 numbers, the slots of each day of the week from Monday, not %d", len(s.slots))
		}
		for i, n := range s.slots {
			c.count(at+s.key+"["+strconv.Itoa(i)+"]", n)
		}
	}
}

// leadTol absorbs the rounding of clinic times, whole days plus 8/24,
// when a lead ends at a clinic.
const leadTol = 1e-9

// opEntry is one patient in the first-appointment queue or on the
// day-case list.
type opEntry struct {
	referred des.Time // the referral: the RTT clock's start
	listed   des.Time // the decision to treat as a day case
	seed     uint64   // the patient's seed, for their draws
	id       int32    // the patient in the slab (an elective referral), or −1
}

// opQueue is a first-in first-out queue of entries.
type opQueue struct {
	e    []opEntry
	head int
}

func (q *opQueue) push(e opEntry) { q.e = append(q.e, e) }
func (q *opQueue) len() int       { return len(q.e) - q.head }
func (q *opQueue) peek() *opEntry { return &q.e[q.head] }

// pop removes and returns the head, which must exist; it reuses the
// queue's storage once the dead part is half of it.
func (q *opQueue) pop() opEntry {
	e := q.e[q.head]
	q.head++
	if q.head > 1024 && 2*q.head > len(q.e) {
		q.e = q.e[:copy(q.e, q.e[q.head:])]
		q.head = 0
	}
	return e
}

// opDue is the follow-ups due on one day and not yet seen.
type opDue struct {
	day, n int
}

// outpatients is the outpatients' state in one replication.
type outpatients struct {
	on             bool
	first, dayCase opQueue
	due            []int32 // follow-ups falling due, by day
	backlog        []opDue // follow-ups due and not seen, oldest first
	overdue        int     // their number
	// byDay counts the second stream's open RTT pathways by day of
	// referral; over is those referred on day night − 126 or before, as
	// for the elective list (waitlist.go).
	byDay []int32
	over  int
	night int
	draw  followUpDraw // the follow-ups' numbers
}

// startOutpatients books the first clinic day and midnight of a run with
// outpatients.
func (m *model) startOutpatients() {
	o := &m.op
	o.on = m.p.Services.Outpatients.Enabled
	if !o.on {
		return
	}
	o.due = make([]int32, int(m.end)+1)
	o.byDay = make([]int32, int(m.end)+1)
	m.followUpCensus()
	if t := des.Time(8.0 / 24); t < m.end {
		m.cal.Schedule(t, evClinic, 0)
	}
	if first := des.Time(rttDays); first < m.end {
		m.cal.Schedule(first, evOutpatientMidnight, 0)
	}
}

// censusYears is how far before the warm-up followUpCensus sees
// patients: a follow-up is more than three years after its first
// appointment with a chance below 1% under the baseline's parameters.
const censusYears = 3

// followUpCensus books the follow-ups, falling due from the start of the
// warm-up, of patients first seen before it: as if the clinics had seen,
// for censusYears, the referrals of the warm-up's start (both streams,
// past their gateways) at an even rate, each drawing follow-ups as a
// patient seen in the run does, from a stream of its own. Without them
// the follow-ups of the first year or two are too few: under the
// baseline's parameters about a fifth of follow-ups fall more than a
// year after the first appointment.
func (m *model) followUpCensus() {
	p := m.p
	op := &p.Services.Outpatients
	if op.FollowUpRatio <= 0 {
		return
	}
	perDay := 0.0
	for _, c := range m.cohorts {
		band := &p.Population.AgeBands[c.Band]
		people := c.People * math.Pow(1+band.Growth, -float64(m.warm)/float64(des.Year))
		perDay += people * op.Referrals * (1 - op.AdviceAndGuidance)
		if m.listOn() {
			perDay += people * band.Elective * (1 - p.Services.Elective.Gateway)
		}
	}
	n := int(math.Round(perDay * censusYears * float64(des.Year)))
	if n <= 0 {
		return
	}
	rng := des.NewStream(m.cfg.Seed, m.cfg.Rep, "outpatients/census")
	span := censusYears * float64(des.Year)
	for k := range n {
		seen := -span + (float64(k)+0.5)*span/float64(n)
		probe := patient{seed: rng.Uint64()}
		m.bookFollowUpsFrom(&probe, seen)
	}
}

// referOutpatient puts a referral in the first-appointment queue now: an
// elective referral id, or (id −1) a referral of the second stream with
// the given seed, which may be answered by advice and guidance instead.
func (m *model) referOutpatient(seed uint64, id int32) {
	now := m.cal.Now()
	if id < 0 {
		m.count(cOPReferrals)
		probe := patient{seed: seed}
		if m.u(&probe, slotOPGateway) < m.p.Services.Outpatients.AdviceAndGuidance {
			m.count(cOPAdvice)
			return
		}
		m.op.byDay[int(now)]++
		m.lv[lvOPPathways].Add(now, 1)
	} else {
		m.trace(id, "refer", "outpatients")
	}
	m.op.first.push(opEntry{referred: now, seed: seed, id: id})
	m.lv[lvOPFirstWaiting].Add(now, 1)
}

// onClinic runs the day's clinics at 08:00: the day cases listed, the
// first appointments, then the follow-ups due, each up to the day's
// slots; and books the next day's.
func (m *model) onClinic() error {
	o := &m.op
	op := &m.p.Services.Outpatients
	now := m.cal.Now()
	today := m.day()
	if next := des.Time(today+1) + 8.0/24; next < m.end {
		m.cal.Schedule(next, evClinic, 0)
	}
	wd := (m.weekday + today) % 7

	slots := op.DayCaseSlots[wd]
	m.counts[cDayCaseSlots].Inc(today, float64(slots))
	for ; slots > 0 && o.dayCase.len() > 0 && o.dayCase.peek().listed+op.DayCaseLead <= now+leadTol; slots-- {
		e := o.dayCase.pop()
		m.lv[lvDayCaseList].Add(now, -1)
		m.count(cDayCases)
		m.endPathway(e.referred)
	}

	slots = op.FirstSlots[wd]
	m.counts[cOPFirstSlots].Inc(today, float64(slots))
	for ; slots > 0 && o.first.len() > 0 && o.first.peek().referred+op.Lead <= now+leadTol; slots-- {
		e := o.first.pop()
		m.lv[lvOPFirstWaiting].Add(now, -1)
		m.count(cOPFirst)
		if m.measured {
			m.tallies[tOPFirstWait].Add(float64(now-e.referred) / 7)
		}
		probe := patient{seed: e.seed}
		m.bookFollowUps(&probe, today)
		switch {
		case e.id >= 0:
			m.seenInClinic(e.id)
		case m.u(&probe, slotOPOutcome) < op.DayCase:
			e.listed = now
			o.dayCase.push(e)
			m.lv[lvDayCaseList].Add(now, 1)
		default:
			m.endPathway(e.referred)
		}
	}

	if n := int(o.due[today]); n > 0 {
		o.backlog = append(o.backlog, opDue{day: today, n: n})
		o.overdue += n
	}
	slots = op.FollowUpSlots[wd]
	m.counts[cOPFollowUpSlots].Inc(today, float64(slots))
	seen := 0
	for slots > 0 && len(o.backlog) > 0 {
		b := &o.backlog[0]
		k := min(slots, b.n)
		b.n -= k
		slots -= k
		seen += k
		if b.n == 0 {
			o.backlog = o.backlog[:copy(o.backlog, o.backlog[1:])]
		}
	}
	if seen > 0 {
		o.overdue -= seen
		m.counts[cOPFollowUps].Inc(today, float64(seen))
	}
	// The follow-ups of today not seen today are overdue from now.
	m.lv[lvOPFollowUpOverdue].Set(now, o.overdue)
	if n := o.first.len() + o.dayCase.len(); n > m.maxPatients {
		return fmt.Errorf("more than %d referrals waiting for outpatients (%d for a first appointment, %d for a day case): "+
			"demand has far outgrown the clinics; check services.outpatients' referrals and slots", m.maxPatients, o.first.len(), o.dayCase.len())
	}
	return nil
}

// bookFollowUps draws the follow-ups of a patient first seen today (pt
// holds their seed) and books them on their days.
//
//	n ~ geometric on {0, 1, ...} with mean r: P(n) = (1 − q) qⁿ, q = r / (1 + r)
//	n = ⌊ln(1 − u) / ln q⌋
func (m *model) bookFollowUps(pt *patient, today int) {
	m.bookFollowUpsFrom(pt, float64(today))
}

// bookFollowUpsFrom books the follow-ups of a patient first seen on day
// seen (from the start of the warm-up; before it for followUpCensus) that
// fall due in the run.
func (m *model) bookFollowUpsFrom(pt *patient, seen float64) {
	op := &m.p.Services.Outpatients
	r := op.FollowUpRatio
	if r <= 0 {
		return
	}
	n := m.op.draw.n(r, m.u(pt, slotOPFollowUps))
	if n <= 0 {
		return
	}
	gap := max(1, float64(m.sample(pt, slotOPInterval, &op.FollowUpInterval)))
	for j := 1; j <= n; j++ {
		d := int(math.Floor(seen + math.Round(float64(j)*gap)))
		if d >= len(m.op.due) {
			break
		}
		if d >= 0 {
			m.op.due[d]++
		}
	}
}

// seenInClinic is elective referral id's first appointment: when the
// time to their decision to admit has passed, they are ready now.
func (m *model) seenInClinic(id int32) {
	pt := m.pts.At(id)
	pt.flags |= fSeen
	m.trace(id, "first-appointment", "outpatients")
	if pt.flags&fDecided != 0 {
		m.onElectiveReady(id)
	}
}

// waitsForClinic reports whether elective referral id, at its decision to
// admit, has not yet had its first appointment, and marks it to be ready
// when it does.
func (m *model) waitsForClinic(id int32) bool {
	pt := m.pts.At(id)
	if !m.op.on || pt.flags&fSeen != 0 {
		return false
	}
	pt.flags |= fDecided
	return true
}

// endPathway stops the RTT clock of a second-stream referral made at
// referred: discharged from its first appointment, or treated as a day
// case.
func (m *model) endPathway(referred des.Time) {
	o := &m.op
	now := m.cal.Now()
	r := int(referred)
	o.byDay[r]--
	m.lv[lvOPPathways].Add(now, -1)
	if r <= o.night-rttDays {
		o.over--
		m.lv[lvOPOver18].Set(now, o.over)
	}
	if wait := now - referred; wait <= rttDays {
		m.count(cOPRTTWithin)
	} else {
		m.count(cOPRTTOver)
	}
	if m.measured {
		m.tallies[tOPRTT].Add(float64(now-referred) / 7)
	}
}

// onOutpatientMidnight counts, at the midnight starting today, the
// second stream's pathways that will have waited more than 18 weeks at
// the next, as onElectiveMidnight does for the elective list.
func (m *model) onOutpatientMidnight() {
	o := &m.op
	k := m.day()
	o.night = k
	if r := k - rttDays; r >= 0 {
		o.over += int(o.byDay[r])
		m.lv[lvOPOver18].Set(m.cal.Now(), o.over)
	}
	if next := des.Time(k + 1); next < m.end {
		m.cal.Schedule(next, evOutpatientMidnight, 0)
	}
}

// The outpatients' levels, counts and tallies; initServices puts them
// after the model's own.
const (
	lvOPFirstWaiting    = numOwnLevels + iota // referrals waiting for a first appointment, both streams
	lvOPPathways                              // second-stream RTT pathways open: waiting for a first appointment or a day case
	lvOPOver18                                // of them, waiting more than 18 weeks at the last midnight
	lvDayCaseList                             // patients listed for a day case
	lvOPFollowUpOverdue                       // follow-ups past their day, not yet seen
	numOPLevels         = iota
)

const (
	cOPReferrals     = numCounts + iota // second-stream referrals, before advice and guidance
	cOPAdvice                           // of them, answered by advice and guidance
	cOPFirst                            // first attendances, both streams
	cOPFollowUps                        // follow-up attendances
	cDayCases                           // day cases treated
	cOPRTTWithin                        // second-stream pathways ending within 18 weeks of referral
	cOPRTTOver                          // ending later
	cOPFirstSlots                       // first-appointment slots offered
	cOPFollowUpSlots                    // follow-up slots offered
	cDayCaseSlots                       // day-case slots offered
	numOPCounts      = iota
)

const (
	tOPFirstWait = numOwnTallies + iota // referral to first appointment, in weeks
	tOPRTT                              // a second-stream pathway, referral to its end, in weeks
	numOPTallies = iota
)

// outpatientMeasures are the outpatients' measures.
var outpatientMeasures = []measureDef{
	daily(follows, "outpatient_first_attendances", "patients", dayCount(count(cOPFirst)),
		"first outpatient attendances"),
	daily(follows, "outpatient_follow_ups", "attendances", dayCount(count(cOPFollowUps)),
		"follow-up outpatient attendances"),
	daily(follows, "day_cases", "patients", dayCount(count(cDayCases)),
		"day cases treated"),
	daily(follows, "outpatient_first_waiting", "patients", midnight(level(lvOPFirstWaiting)),
		"referrals waiting for a first outpatient appointment at the start of the day, both streams"),
	daily(follows, "day_case_list", "patients", midnight(level(lvDayCaseList)),
		"patients listed for a day case at the start of the day"),
	daily(follows, "outpatient_pathways", "patients", midnight(level(lvOPPathways)),
		"open RTT pathways of referrals that do not end in an ordinary admission (waiting for a first appointment or a day case) at the start of the day"),
	daily(follows, "outpatient_pathways_over_18w", "patients", midnight(level(lvOPOver18)),
		"of them, those waiting more than 18 weeks since referral"),
	daily(follows, "outpatient_follow_ups_overdue", "attendances", midnight(level(lvOPFollowUpOverdue)),
		"follow-up appointments past their day and not yet seen, at the start of the day"),
	annual(follows, "outpatient_referrals", "referrals", total(count(cOPReferrals)),
		"referrals for a first outpatient appointment that do not end in an ordinary admission (services.outpatients.referrals), before advice and guidance"),
	annual(follows, "outpatient_advice_and_guidance", "referrals", total(count(cOPAdvice)),
		"of them, answered by advice and guidance or triage without a first appointment"),
	annual(follows, "outpatient_first_attendances", "patients", total(count(cOPFirst)),
		"first outpatient attendances, both streams"),
	annual(follows, "outpatient_follow_ups", "attendances", total(count(cOPFollowUps)),
		"follow-up outpatient attendances"),
	annual(follows, "day_cases", "patients", total(count(cDayCases)),
		"day cases treated"),
	annual(follows, "outpatient_first_slots", "slots", total(count(cOPFirstSlots)),
		"first-appointment slots offered"),
	annual(follows, "outpatient_follow_up_slots", "slots", total(count(cOPFollowUpSlots)),
		"follow-up slots offered"),
	annual(follows, "day_case_slots", "slots", total(count(cDayCaseSlots)),
		"day-case slots offered"),
	annual(follows, "outpatient_pathways", "patients", yearMean(level(lvOPPathways)),
		"open RTT pathways of referrals that do not end in an ordinary admission, mean over the year"),
	annual(follows, "outpatient_pathways_over_18w", "patients", yearMean(level(lvOPOver18)),
		"of them, those waiting more than 18 weeks since referral, mean over the year"),
	metric(follows, "outpatient_first_attendances_per_year", "per year", perYear(count(cOPFirst)),
		"first outpatient attendances, both streams"),
	metric(follows, "outpatient_follow_ups_per_year", "per year", perYear(count(cOPFollowUps)),
		"follow-up outpatient attendances"),
	metric(follows, "outpatient_follow_up_ratio", "ratio", ratioOf(count(cOPFollowUps), count(cOPFirst)),
		"follow-up attendances over first attendances"),
	metric(follows, "day_cases_per_year", "per year", perYear(count(cDayCases)),
		"day cases treated"),
	metric(follows, "outpatient_first_wait_weeks_mean", "weeks", tallyMean(tally(tOPFirstWait)),
		"referral to first outpatient appointment, over first attendances after warm-up"),
	metric(follows, "outpatient_rtt_weeks_mean", "weeks", tallyMean(tally(tOPRTT)),
		"referral to the end of a pathway that does not end in an ordinary admission (discharge from the first appointment, or a day case), over those ending after warm-up"),
	metric(follows, "outpatient_first_waiting_mean", "patients", timeMean(level(lvOPFirstWaiting)),
		"referrals waiting for a first outpatient appointment, time-weighted mean"),
	metric(follows, "day_case_list_mean", "patients", timeMean(level(lvDayCaseList)),
		"patients listed for a day case, time-weighted mean"),
	metric(follows, "outpatient_rtt_within_18w_share", "fraction", withinLevel(level(lvOPOver18), level(lvOPPathways)),
		"share of the open pathways that do not end in an ordinary admission (outpatients and day cases; incomplete pathways) waiting 18 weeks or less since referral, time-weighted; the standard is 92%"),
	metric(follows, "outpatient_completed_within_18w_share", "fraction", shareOf(count(cOPRTTWithin), count(cOPRTTOver)),
		"share of those pathways completed (discharged from a first appointment, or a day case) within 18 weeks of referral"),
	metric(follows, "outpatient_follow_ups_overdue_mean", "attendances", timeMean(level(lvOPFollowUpOverdue)),
		"follow-up appointments past their day and not yet seen, time-weighted mean"),
}
