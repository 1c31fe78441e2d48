package care

import (
	"math"
	"slices"
	"strings"

	"caresim/sim/des"
)

// The elective waiting list (Services.Elective, [Elective]). A referral
// that passes the gateway joins the list: the referral-to-treatment (RTT)
// clock starts, and the patient is counted on the list (an incomplete
// pathway) until admitted, however often booked, postponed or cancelled.
// After Decision (outpatients and diagnostics) the patient is ready and
// waits in the list's order for a place in the elective programme:
//
//  1. patients cancelled on the day, who are owed a new date within 28
//     days (a pledge of the NHS Constitution for operations cancelled at
//     the last minute for non-clinical reasons; NHS England's cancelled
//     elective operations statistics count the patients not treated
//     within it);
//  2. patients whose booked day was postponed;
//  3. everyone else;
//
// each class first come, first served: in the order patients joined the
// admitted list at their decision to admit. (Ordering by referral instead,
// "treat in turn" by the RTT clock, makes one list's waits all alike once
// the queue is longer than the decision times, and the share within 18
// weeks falls from all to none at once; a hospital's many lists, one per
// specialty, do not.)
//
// The programme runs at 08:00 on weekdays (evElectiveDay). On programme
// day D it first admits the patients booked for D, in booking order: each
// takes a free ring-fenced bed (RingFenced, the elective ward), whatever
// the occupancy, while there is one; the rest are all postponed when the
// occupancy of the general beds (as the bed-management rule reads it:
// patients in general acute beds and emergency patients waiting for one,
// over the general beds open) is above PostponeAbove; otherwise each takes
// a free general bed, or is cancelled on the day when there is none. So a
// full hospital throttles the programme to what its ring-fenced beds
// turn over, rather than stopping it. Postponed and cancelled patients go
// back on the list at the head of their class. Then it books the
// programme day Notice later (the first weekday on or after it) up to
// Programme patients, from the head of the list.
//
// A patient waiting holds a place in the patient slab and in the list's
// heap, and no event: however long the list grows, the events are one
// decision per referral, one programme day per weekday, one midnight per
// day and one stay per admission, and the patients in the model are
// bounded by MaxPatients as the others are.
//
// The daily census of patients waiting more than 18 weeks reads the
// patients on the list by day of referral: at the midnight starting day
// k, the patients referred on day k − 127 or before have waited more than
// 126 days (18 weeks), and those referred later at most 126 days, exactly.
// A level's census at midnight k is its value just before k, so the
// midnight event at k − 1 (evElectiveMidnight) adds the patients referred
// on day k − 127: the level counts each patient from the start of the day
// on which they pass 18 weeks.

// rttDays is the referral-to-treatment standard's wait, 18 weeks, in
// days: 92% of incomplete pathways within it (the NHS Constitution's
// right to start treatment within 18 weeks of referral; the 92%
// operational standard from 2012, the sole measure of RTT performance
// from June 2015: Nuffield Trust, QualityWatch, "Treatment waiting
// times").
const rttDays = 18 * 7

// cancelledDays is the standard for patients whose operation was
// cancelled on the day for non-clinical reasons: another date within 28
// days (the NHS Constitution's pledge; NHS England's statistics count the
// patients not treated within it).
const cancelledDays = 28

// Classes of the waiting list, head first.
const (
	listCancelled = iota // cancelled on the day for want of a bed
	listPostponed        // their programme day postponed
	listWaiting          // the rest
)

// listEntry is one ready patient on the waiting list.
type listEntry struct {
	listed des.Time // the decision to admit, when the patient joined the admitted list
	pid    int64    // the patient's number, for ties
	id     int32    // the patient, in the slab
	class  uint8
}

// before reports whether a comes before b on the list.
func (a *listEntry) before(b *listEntry) bool {
	if a.class != b.class {
		return a.class < b.class
	}
	if a.listed != b.listed {
		return a.listed < b.listed
	}
	return a.pid < b.pid
}

// waitList is one replication's elective waiting list.
type waitList struct {
	on bool
	// ready is a binary min-heap of the ready patients not booked,
	// head first by [listEntry.before]. Push and pop are O(log n).
	ready []listEntry
	// booked are the programme days booked and not yet reached, by day
	// (from the start of warm-up), earliest first, with their patients.
	booked []bookedDay
	spare  [][]int32 // emptied booking slices, for reuse
	// onList counts the patients on the list by day of referral (from
	// the start of warm-up); over is those referred on day night − 126 or
	// before, who will have waited more than 18 weeks at the midnight
	// after night, the last midnight of evElectiveMidnight.
	onList []int32
	over   int
	night  int
}

// bookedDay is one programme day's bookings.
type bookedDay struct {
	day int
	ids []int32
}

// push adds e to the heap.
func (w *waitList) push(e listEntry) {
	w.ready = append(w.ready, e)
	i := len(w.ready) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !w.ready[i].before(&w.ready[p]) {
			break
		}
		w.ready[i], w.ready[p] = w.ready[p], w.ready[i]
		i = p
	}
}

// pop removes and returns the head of the heap, which must not be empty.
func (w *waitList) pop() listEntry {
	h := w.ready
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		l, least := 2*i+1, i
		if l < n && h[l].before(&h[least]) {
			least = l
		}
		if r := l + 1; r < n && h[r].before(&h[least]) {
			least = r
		}
		if least == i {
			break
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
	w.ready = h
	return top
}

// listOn reports whether the run has a waiting list: elective care and
// acute beds are on.
func (m *model) listOn() bool {
	return m.p.Services.Elective.Enabled && m.p.Services.Acute.Enabled
}

// startList books the first programme day and midnight of a run with a
// waiting list.
func (m *model) startList() {
	w := &m.list
	w.on = m.listOn()
	if !w.on {
		return
	}
	w.onList = make([]int32, int(m.end)+1)
	m.cal.Schedule(weekday(0, m.p.Start, m.warm), evElectiveDay, 0)
	// Nobody passes 18 weeks before the midnight of day rttDays.
	if first := des.Time(rttDays); first < m.end {
		m.cal.Schedule(first, evElectiveMidnight, 0)
	}
}

// joinList puts referral id on the waiting list now, and books its
// decision to admit.
func (m *model) joinList(id int32) {
	pt := m.pts.At(id)
	now := m.cal.Now()
	m.count(cListJoined)
	m.list.onList[int(pt.arrived)]++
	m.lv[lvWaitList].Add(now, 1)
	m.cal.Schedule(now+max(0, m.sample(pt, slotDecision, &m.p.Services.Elective.Decision)), evElectiveReady, id)
}

// onElectiveReady is patient id's decision to admit: ready, it joins the
// queue for the programme.
func (m *model) onElectiveReady(id int32) {
	if m.waitsForClinic(id) {
		return
	}
	pt := m.pts.At(id)
	pt.dta = m.cal.Now()
	m.trace(id, "decide-to-admit", "elective")
	m.list.push(listEntry{listed: pt.dta, pid: pt.id, id: id, class: listWaiting})
}

// requeue puts booked patient id back on the list in class class.
func (m *model) requeue(id int32, class uint8) {
	pt := m.pts.At(id)
	m.list.push(listEntry{listed: pt.dta, pid: pt.id, id: id, class: class})
}

// onElectiveMidnight counts, at the midnight starting today, the patients
// who will have waited more than 18 weeks at the next (those referred on
// day today − 126), and books the next midnight.
func (m *model) onElectiveMidnight() {
	w := &m.list
	k := m.day()
	w.night = k
	if r := k - rttDays; r >= 0 {
		w.over += int(w.onList[r])
		m.lv[lvWaitOver18].Set(m.cal.Now(), w.over)
	}
	if next := des.Time(k + 1); next < m.end {
		m.cal.Schedule(next, evElectiveMidnight, 0)
	}
}

// onElectiveDay runs programme day today (08:00 on a weekday): it admits,
// postpones or cancels the patients booked for today, books the day
// Notice ahead, and books the next programme day.
func (m *model) onElectiveDay() error {
	w := &m.list
	el := &m.p.Services.Elective
	now := m.cal.Now()
	today := m.day()
	if next := weekday(now+1, m.p.Start, m.warm); next < m.end {
		m.cal.Schedule(next, evElectiveDay, 0)
	}
	var ids []int32
	if len(w.booked) > 0 && w.booked[0].day == today {
		ids = w.booked[0].ids
		w.booked = slices.Delete(w.booked, 0, 1)
	}
	if len(ids) > 0 {
		occ, ok := m.acuteOccupancy()
		full := ok && el.PostponeAbove > 0 && occ > el.PostponeAbove
		for _, id := range ids {
			var err error
			switch ward, werr := m.admitWard(id); {
			case werr != nil:
				err = werr
			case ward:
			case full:
				m.postpone(id)
			default:
				err = m.admitElective(id)
			}
			if err != nil {
				return err
			}
		}
		w.spare = append(w.spare, ids[:0])
	}
	m.book(weekday(now+el.Notice, m.p.Start, m.warm))
	return nil
}

// book fills programme day at (08:00 on a weekday) up to Programme
// patients from the head of the list.
func (m *model) book(at des.Time) {
	w := &m.list
	day := int(at)
	if at >= m.end {
		return
	}
	i, found := slices.BinarySearchFunc(w.booked, day, func(b bookedDay, d int) int { return b.day - d })
	n := 0
	if found {
		n = len(w.booked[i].ids)
	}
	free := m.p.Services.Elective.Programme - n
	if free <= 0 || len(w.ready) == 0 {
		return
	}
	if !found {
		var ids []int32
		if k := len(w.spare); k > 0 {
			ids, w.spare = w.spare[k-1], w.spare[:k-1]
		}
		w.booked = slices.Insert(w.booked, i, bookedDay{day: day, ids: ids})
	}
	b := &w.booked[i]
	for ; free > 0 && len(w.ready) > 0; free-- {
		e := w.pop()
		b.ids = append(b.ids, e.id)
		m.trace(e.id, "book", "elective")
	}
}

// acuteOccupancy returns the occupancy now of the general acute beds (the
// ring-fenced beds apart) as the bed-management rule and the programme
// read it: patients in general beds and emergency patients waiting for
// one, over the general beds open; false when none is open.
func (m *model) acuteOccupancy() (float64, bool) {
	open := m.net.Capacity(svcAcute.pool()) + m.beds.pending
	if open <= 0 {
		return 0, false
	}
	return float64(m.busy(svcAcute).Value()-m.net.Busy(m.ward)+m.lv[lvWaitBed].Value()) / float64(open), true
}

// admitWard admits booked patient id to a free ring-fenced bed, and
// reports whether it did.
func (m *model) admitWard(id int32) (bool, error) {
	gr, ok, err := m.net.TryRequest(id, m.ward, m.gr[:0])
	if err := m.do(gr, err); err != nil || !ok {
		return false, err
	}
	m.count(cRingFenced)
	m.startElective(id)
	return true, nil
}

// postpone postpones booked patient id's admission today: the patient
// goes back on the list, ahead of those never booked.
func (m *model) postpone(id int32) {
	pt := m.pts.At(id)
	m.count(cPostponed)
	if pt.flags&fPostponed == 0 {
		pt.flags |= fPostponed
		m.count(cPostponedPatients)
	}
	m.trace(id, "postpone", "elective")
	m.requeue(id, listPostponed)
}

// admitElective admits booked patient id to a free acute bed, or cancels
// the admission on the day when there is none: every cancelled booking
// counts, and the patient counts once at their first cancellation and
// once more at their second; the patient goes back to the head of the
// list. A patient admitted more than 28 days after their last
// cancellation counts as a breach of the 28-day rebooking standard, in
// the year of the admission.
func (m *model) admitElective(id int32) error {
	gr, ok, err := m.net.TryRequest(id, svcAcute.pool(), m.gr[:0])
	if err := m.do(gr, err); err != nil {
		return err
	}
	pt := m.pts.At(id)
	if !ok {
		m.count(cCancelled)
		switch {
		case pt.flags&fCancelled == 0:
			pt.flags |= fCancelled
			m.count(cElectiveCancelledOnce)
		case pt.flags&fCancelledTwice == 0:
			pt.flags |= fCancelledTwice
			m.count(cElectiveCancelledTwice)
		}
		pt.admitted = m.cal.Now() // the time of the cancellation, while the patient waits
		m.trace(id, "cancel", svcAcute.name)
		m.requeue(id, listCancelled)
		return nil
	}
	m.startElective(id)
	return nil
}

// startElective starts the stay of elective patient id, just given an
// acute bed (general or ring-fenced), and takes them off the list; a
// patient cancelled on the day more than 28 days before is counted as a
// breach of the 28-day standard (pt.admitted holds the cancellation's
// time while they wait).
func (m *model) startElective(id int32) {
	pt := m.pts.At(id)
	now := m.cal.Now()
	if pt.flags&fCancelled != 0 && now-pt.admitted > cancelledDays {
		m.count(cCancelled28d)
	}
	m.leaveList(pt)
	m.count(cElective)
	m.busy(svcAcute).Add(now, 1)
	pt.admitted = now
	m.trace(id, "admit", m.net.Name(m.net.Holds(id)))
	m.cal.Schedule(now+max(0, m.sample(pt, slotElectiveLOS, &m.p.Services.Elective.LengthOfStay)), evFit, id)
}

// wardName is the ring-fenced elective beds' pool, as traces name it.
const wardName = "acute-ring-fenced"

// inAcute reports whether pool p is acute beds: the general beds or the
// ring-fenced ones.
func (m *model) inAcute(p des.PoolID) bool { return p == svcAcute.pool() || p == m.ward }

// leaveList takes patient pt off the list on admission: the RTT clock
// stops.
func (m *model) leaveList(pt *patient) {
	w := &m.list
	now := m.cal.Now()
	wait := now - pt.arrived
	r := int(pt.arrived)
	w.onList[r]--
	m.lv[lvWaitList].Add(now, -1)
	if r <= w.night-rttDays {
		w.over--
		m.lv[lvWaitOver18].Set(now, w.over)
	}
	if wait <= rttDays {
		m.count(cRTTWithin)
	} else {
		m.count(cRTTOver)
	}
	if m.measured {
		m.tallies[tRTTWait].Add(float64(wait) / 7)
	}
}

// waitListMeasures are the waiting list's measures, following the base
// model's.
var waitListMeasures = []measureDef{
	daily(follows, "elective_waiting_list", "patients", midnight(level(lvWaitList)),
		"elective referrals on the waiting list at the start of the day: referred, past the gateway and not yet admitted (incomplete RTT pathways), booked or not, each once however often postponed or cancelled"),
	daily(follows, "elective_waiting_over_18w", "patients", midnight(level(lvWaitOver18)),
		"of them, those waiting more than 18 weeks since referral"),
	daily(follows, "elective_postponed", "bookings", dayCount(count(cPostponed)),
		"booked elective admissions postponed on the day by the programme's rule (services.elective.postpone_above), the patients going back on the list"),
	annual(follows, "elective_waiting_list", "patients", yearMean(level(lvWaitList)),
		"elective referrals on the waiting list (incomplete RTT pathways), mean over the year"),
	annual(follows, "elective_waiting_over_18w", "patients", yearMean(level(lvWaitOver18)),
		"of them, those waiting more than 18 weeks since referral, mean over the year (each counted from the start of the day on which they pass 18 weeks)"),
	annual(follows, "elective_list_joined", "referrals", total(count(cListJoined)),
		"referrals that joined the waiting list (elective_referrals less advice_and_guidance)"),
	annual(follows, "elective_treated_within_18w", "patients", total(count(cRTTWithin)),
		"elective admissions within 18 weeks of referral (completed RTT pathways)"),
	annual(follows, "elective_postponed", "bookings", total(count(cPostponed)),
		"booked elective admissions postponed by the programme's rule: every postponement"),
	annual(follows, "elective_postponed_patients", "patients", total(count(cPostponedPatients)),
		"elective patients postponed, each once however often: in the year of their first postponement"),
	annual(follows, "elective_cancelled_not_treated_28d", "patients", total(count(cCancelled28d)),
		"elective patients admitted more than 28 days after their last cancellation on the day (the 28-day standard's breaches), in the year of their admission"),
	annual(follows, "elective_ring_fenced", "admissions", total(count(cRingFenced)),
		"elective admissions to a ring-fenced bed (services.elective.ring_fenced), whatever the occupancy; included in elective_admissions"),
	metric(follows, "elective_waiting_list_mean", "patients", timeMean(level(lvWaitList)),
		"elective referrals on the waiting list (incomplete RTT pathways), time-weighted mean"),
	metric(follows, "elective_rtt_within_18w_share", "fraction", withinLevel(level(lvWaitOver18), level(lvWaitList)),
		"share of the waiting list (incomplete pathways) waiting 18 weeks or less since referral, time-weighted; the standard is 92%"),
	metric(follows, "elective_treated_within_18w_share", "fraction", shareOf(count(cRTTWithin), count(cRTTOver)),
		"share of elective admissions within 18 weeks of referral (completed pathways)"),
	metric(follows, "elective_rtt_weeks_mean", "weeks", tallyMean(tally(tRTTWait)),
		"referral to admission, over elective admissions after warm-up"),
	metric(follows, "elective_rtt_weeks_p92", "weeks", tallyQuantile(tally(tRTTWait), 0.92),
		"92nd percentile of referral to admission, over elective admissions after warm-up"),
	metric(follows, "elective_postponed_per_year", "per year", perYear(count(cPostponed)),
		"booked elective admissions postponed by the programme's rule: every postponement"),
	metric(follows, "elective_postponed_patients_per_year", "per year", perYear(count(cPostponedPatients)),
		"elective patients postponed, each once however often"),
}

// weekday returns the first weekday at 08:00 on or after the day holding
// t (time from the start of warm-up), for booked admissions.
func weekday(t des.Time, start des.Date, warm des.Time) des.Time {
	// A booking for 08:00 itself stays on its day: the tolerance absorbs
	// the rounding of times that are whole days plus 8/24.
	d := math.Floor(float64(t))
	if float64(t)-d > 8.0/24+1e-9 {
		d++
	}
	wd := start.AddDays(int(d) - int(warm)).Weekday() // 0 Monday
	if wd >= 5 {
		d += float64(7 - wd)
	}
	return des.Time(d + 8.0/24)
}

// retiredKeys are the keys of the scenario language that the model no
// longer has, each with what replaced it, so that a scenario written for
// an earlier version is refused with the way forward instead of as an
// unknown key.
var retiredKeys = map[string]string{
	"services.elective.lead": "was removed when elective care gained a waiting list: the time from referral to the decision to admit is " +
		"services.elective.decision, and the wait for admission after it comes from the list (services.elective.programme, " +
		"notice and postpone_above; docs/model.md, elective care)",
	"services.elective.rebook": "was removed when elective care gained a waiting list: a patient cancelled on the day goes back to the " +
		"head of the list and is booked into the next programme day open to booking, services.elective.notice ahead " +
		"(the NHS's 28-day standard); there is no rebooking delay to set",
}

// Retired returns what replaced the key at path (a parameter path whose
// list indexes may be written [*] or as numbers), which the scenario
// language no longer has, or "" when it never had it or has it still.
func Retired(path string) string {
	if strings.IndexByte(path, '[') >= 0 {
		path = indexRE.ReplaceAllString(path, "[*]")
	}
	return retiredKeys[path]
}
