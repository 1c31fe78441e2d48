package care

import (
	"slices"
	"strconv"
	"strings"

	"caresim/sim/des"
)

// ED crowding: the emergency department's responses to a full hospital and
// a full department (ED.CorridorSpaces, ED.Crowding,
// ED.LeftWithoutBeingSeen, ED.Handover).
//
// # Boarding and corridor spaces
//
// An admitted patient who finds no acute bed free at the decision to admit
// boards: waits in the department for a bed, in the acute pool's queue.
// With B boarders, O corridor spaces and C cubicles, the boarders fill the
// corridor spaces first, and those beyond them keep their cubicles, so
// that the cubicles left to treat patients in are
//
//	room = max(0, C − max(0, B − O))
//
// A boarder holds no unit of the ED pool in the network: the pool's
// capacity is room, set again whenever B, C or O changes. This is the
// network's blocking after service (a patient keeps their cubicle until a
// bed is free) when O is 0, and a boarder in a cubicle moves to a corridor
// space as soon as one frees, without losing their place in the queue for
// a bed. A boarder's departure for a bed happens inside a grant of the
// acute pool, when the network cannot be changed; the ED pool's capacity
// is set once the grants have run (granted).
//
// The patients in corridor spaces are those the cubicles cannot hold: with
// T patients in treatment,
//
//	corridor = min(O, B, max(0, T + B − C))
//
// so that nobody is in a corridor while a cubicle is free.

// Handover thresholds: the national standard (a patient brought by
// ambulance handed over within 15 minutes of arrival, Department of
// Health 2012 in "Zero tolerance: making ambulance handover delays a thing
// of the past", NHS Confederation and AACE), and the delays over 30 and
// over 60 minutes that NHS England's winter situation reports count.
const (
	handoverStandard = des.Time(15.0 / (24 * 60))
	handover30       = des.Time(30.0 / (24 * 60))
	handover60       = des.Time(60.0 / (24 * 60))
)

// edState is one replication's state of the emergency department's
// crowding.
type edState struct {
	boarders int  // admitted patients in the department waiting for a bed
	sync     bool // a boarder has left for a bed: the pool's room is to be set again after the grants
	// unseen holds, by patient, the event at which a patient waiting for a
	// cubicle will leave unseen (ED.LeftWithoutBeingSeen), cancelled when
	// they get one; the zero Token for patients who will not.
	unseen []des.Token
	// deadline holds, by patient, when a patient who would leave unseen
	// does, unless seen by then.
	deadline []des.Time
	// lwbs and handover say which routes' patients may leave unseen and
	// which arrive by ambulance.
	lwbs, handover [numRoutes]bool
}

// initED reads the routes of the department's crowding rules.
func (m *model) initED() {
	e := &m.p.Services.ED
	for _, r := range e.LeftWithoutBeingSeen.Routes {
		if c := routeCode(r); c >= 0 {
			m.ed.lwbs[c] = true
		}
	}
	for _, r := range e.Handover.Routes {
		if c := routeCode(r); c >= 0 {
			m.ed.handover[c] = true
		}
	}
}

// factor returns the crowding factor at occupancy x (patients in the
// department over cubicles):
//
//	factor(x) = 1 + (Factor − 1) · min(1, max(0, x − From) / (To − From))
//
// and 1 when the rule is off (Factor 0 or 1).
func (c *EDCrowding) factor(x float64) float64 {
	if c.Factor == 0 || c.Factor == 1 {
		return 1
	}
	return 1 + (c.Factor-1)*min(1, max(0, x-c.From)/(c.To-c.From))
}

// edRoom returns the cubicles free of boarders, of cubicles.
func (m *model) edRoom(cubicles int) int {
	return max(0, cubicles-max(0, m.ed.boarders-m.p.Services.ED.CorridorSpaces))
}

// setEDRoom sets the ED pool's capacity to the cubicles free of boarders
// and starts the treatment of the patients it lets in.
func (m *model) setEDRoom() error {
	gr, err := m.net.SetCapacity(svcED.pool(), m.edRoom(m.unitsNow(svcED)), m.gr[:0])
	if err := m.do(gr, err); err != nil {
		return err
	}
	m.edCorridor()
	return nil
}

// edCorridor records the patients in corridor spaces now.
func (m *model) edCorridor() {
	e := &m.p.Services.ED
	b := m.ed.boarders
	n := min(e.CorridorSpaces, b, max(0, m.net.Busy(svcED.pool())+b-m.unitsNow(svcED)))
	m.lv[lvEDCorridor].Set(m.cal.Now(), n)
}

// board asks for an acute bed for patient id, decided to admit in the
// department: a free bed now, or the queue for one, boarding. A boarder
// gives up their cubicle to the next patient when a corridor space is
// free, and otherwise keeps it out of use.
func (m *model) board(id int32) error {
	now := m.cal.Now()
	m.lv[lvWaitBed].Add(now, 1)
	gr, ok, err := m.net.TryRequest(id, svcAcute.pool(), m.gr[:0])
	if err := m.do(gr, err); err != nil || ok {
		return err
	}
	// The room first, then the unit: a free corridor space lets the next
	// patient in, a boarder kept in their cubicle does not.
	if err := m.startBoarding(id); err != nil {
		return err
	}
	if err := m.releaseKeep(id); err != nil {
		return err
	}
	if err := m.do(m.net.Request(id, svcAcute.pool(), 0, m.gr[:0])); err != nil {
		return err
	}
	m.edCorridor()
	return nil
}

// startBoarding records patient id, waiting in the department for a bed
// (acute or mental health), as a boarder, and sets the department's room
// for it: a cut never evicts, as the patient still holds their unit.
func (m *model) startBoarding(id int32) error {
	m.ed.boarders++
	m.lv[lvEDBoarding].Add(m.cal.Now(), 1)
	m.trace(id, "board", svcED.name)
	gr, err := m.net.SetCapacity(svcED.pool(), m.edRoom(m.unitsNow(svcED)), m.gr[:0])
	return m.do(gr, err)
}

// unboard records that boarder pt has been granted a bed: the department's
// room is set again once the grants have run.
func (m *model) unboard() {
	m.ed.boarders--
	m.lv[lvEDBoarding].Add(m.cal.Now(), -1)
	m.ed.sync = true
}

// waitUnseen books the moment patient id, just arrived in the department,
// leaves unseen, if they are one who would: with ToClinician set, before
// they ask for a cubicle; without, once they have to wait for one. The
// moment is their patience from now, less PerWaiting for each patient
// waiting for a cubicle ahead of them (Batt and Terwiesch 2015: a longer
// waiting room makes patients leave sooner), at the soonest now.
func (m *model) waitUnseen(id int32) {
	pt := m.pts.At(id)
	lw := &m.p.Services.ED.LeftWithoutBeingSeen
	if lw.Share <= 0 || !m.ed.lwbs[pt.route] || pt.flags&fWouldAdmit != 0 || m.u(pt, slotUnseen) >= lw.Share {
		return
	}
	for int(id) >= len(m.ed.unseen) {
		m.ed.unseen = append(m.ed.unseen, des.Token{})
		m.ed.deadline = append(m.ed.deadline, 0)
	}
	patience := max(0, m.sample(pt, slotPatience, &lw.Patience))
	if lw.PerWaiting > 0 {
		// The patients waiting for a cubicle ahead of this one: the
		// queue, less this patient if already in it.
		pool := svcED.pool()
		ahead := m.net.Queued(pool)
		if m.net.Waiting(id) == pool {
			ahead--
		}
		patience = max(0, patience-lw.PerWaiting*des.Time(ahead))
	}
	t := m.cal.Now() + patience
	m.ed.unseen[id] = m.cal.ScheduleCancellable(t, evLeftUnseen, id)
	m.ed.deadline[id] = t
}

// leavesInCubicle reports whether patient id, just given a cubicle with
// treatment t ahead, leaves unseen from it: a patient who would leave
// (waitUnseen) and whose patience ends before a clinician sees them,
// min(t, ToClinician) from now. Such a patient keeps the cubicle until
// then, and their leaving stays booked; anyone else is seen.
func (m *model) leavesInCubicle(id int32, t des.Time) bool {
	lw := &m.p.Services.ED.LeftWithoutBeingSeen
	if lw.ToClinician.Kind == 0 || int(id) >= len(m.ed.unseen) || m.ed.unseen[id] == (des.Token{}) {
		return false
	}
	pt := m.pts.At(id)
	return m.ed.deadline[id] <= m.cal.Now()+min(t, max(0, m.sample(pt, slotToClinician, &lw.ToClinician)))
}

// seen cancels patient id's leaving unseen: they have a cubicle.
func (m *model) seen(id int32) {
	if int(id) < len(m.ed.unseen) && m.ed.unseen[id] != (des.Token{}) {
		m.cal.Cancel(m.ed.unseen[id])
		m.ed.unseen[id] = des.Token{}
	}
}

// onLeftUnseen is patient id leaving the department without being seen,
// still waiting for a cubicle or in one waiting for a clinician
// (leavesInCubicle): a departure from A&E now.
func (m *model) onLeftUnseen(id int32) error {
	m.ed.unseen[id] = des.Token{}
	inCubicle := !m.net.Withdraw(id)
	if inCubicle && m.net.Holds(id) != svcED.pool() {
		panic("care: a patient left unseen who was neither waiting for a cubicle nor in one")
	}
	pt := m.pts.At(id)
	m.count(cLeftUnseen)
	m.trace(id, "leave-unseen", svcED.name)
	m.leaveAE(pt)
	if !inCubicle {
		m.pts.Free(id)
		return nil
	}
	if err := m.release(id); err != nil {
		return err
	}
	m.edCorridor()
	return nil
}

// handedOver records the handover of patient pt, given a cubicle now, if
// they came by ambulance: the handover time, the delays over 30 and 60
// minutes, and the time beyond the 15-minute standard.
func (m *model) handedOver(pt *patient) {
	if !m.ed.handover[pt.route] {
		return
	}
	h := m.cal.Now() - pt.arrived
	m.count(cHandovers)
	if h > handover30 {
		m.count(cHandover30)
	}
	if h > handover60 {
		m.count(cHandover60)
	}
	if h > handoverStandard {
		m.counts[cHandoverHoursLost].Inc(m.day(), float64(h-handoverStandard)*24)
	}
	if m.measured {
		m.tallies[tHandover].Add(float64(h) * 24 * 60)
	}
}

// edPriority returns patient pt's priority in the queue for an ED
// cubicle (the lower first): 0 for a patient brought by ambulance when
// they come first (ED.Handover.First), else 1; equal priorities are
// served first come, first served.
func (m *model) edPriority(pt *patient) int32 {
	if m.p.Services.ED.Handover.First && m.ed.handover[pt.route] {
		return 0
	}
	return 1
}

// treatmentTime returns patient pt's treatment time in the department,
// starting now: their draw from ED.Treatment times the crowding factor of
// the occupancy now.
func (m *model) treatmentTime(pt *patient) des.Time {
	e := &m.p.Services.ED
	t := max(0, m.sample(pt, slotTreat, &e.Treatment))
	if e.Crowding.Factor == 0 || e.Crowding.Factor == 1 {
		return t
	}
	occ := float64(m.busy(svcED).Value()) / float64(max(1, m.unitsNow(svcED)))
	return t * des.Time(e.Crowding.factor(occ))
}

// checkCrowding checks the department's crowding rules; known are the
// routes the scenario's patients come by.
func (e *ED) checkCrowding(c *checker, known []string) {
	const at = "services.ed."
	c.count(at+"corridor_spaces", e.CorridorSpaces)

	cr := &e.Crowding
	c.nonNegative(at+"crowding.from", cr.From)
	c.nonNegative(at+"crowding.to", cr.To)
	c.nonNegative(at+"crowding.factor", cr.Factor)
	c.atMost(at+"crowding.factor", cr.Factor, maxCrowding, "10", "treatment ten times as long")
	if cr.Factor != 0 && cr.Factor != 1 && finite(cr.From) && finite(cr.To) && !(cr.To > cr.From) {
		c.add(at+"crowding.to", "must be above from (%v), not %v: the factor rises from 1 at from to factor at to", cr.From, cr.To)
	}

	lw := &e.LeftWithoutBeingSeen
	c.oneOf(at+"left_without_being_seen.routes", lw.Routes, known, "route")
	c.fraction(at+"left_without_being_seen.share", lw.Share)
	leaves := e.Enabled && lw.Share > 0
	c.dist(at+"left_without_being_seen.patience", &lw.Patience, leaves)
	c.dist(at+"left_without_being_seen.to_clinician", &lw.ToClinician, false)
	c.nonNegative(at+"left_without_being_seen.per_waiting", float64(lw.PerWaiting))
	if leaves && len(lw.Routes) == 0 {
		c.add(at+"left_without_being_seen.routes", "names no route, so nobody would leave: name the routes whose patients may (walk-in), or set share: 0")
	}

	h := &e.Handover
	c.oneOf(at+"handover.routes", h.Routes, known, "route")
	for i, r := range h.Routes {
		if slices.Contains(lw.Routes, r) {
			c.add(at+"handover.routes["+strconv.Itoa(i)+"]", "%q is also in left_without_being_seen.routes: a patient brought by ambulance is handed over to the department and does not leave unseen", r)
		}
	}
}

// edRuleUnread returns why an intervention on the parameter at path
// would change nothing because the ED rule it belongs to is off throughout
// the run (its switch, crowding.factor or left_without_being_seen.share,
// is 0 and no intervention changes it), or "" when it is read.
func (p *Params) edRuleUnread(path string) string {
	const at = "services.ed."
	for _, r := range []struct{ part, sw string }{
		{"crowding.", "crowding.factor"},
		{"left_without_being_seen.", "left_without_being_seen.share"},
	} {
		if rest, ok := strings.CutPrefix(path, at); ok && strings.HasPrefix(rest, r.part) && rest != r.sw && !p.bedRuleSwitchOn(at+r.sw) {
			return at + r.sw + " is 0 throughout the run, so that rule is off and nothing reads its parameters; set it, or change it from a date with an intervention, to switch the rule on"
		}
	}
	return ""
}

// maxCrowding bounds EDCrowding.Factor: treatment ten times as long. The
// studies behind the baseline's value find treatment 0–23% longer in a
// crowded department; a factor of more is a percentage written as a
// factor (8 for 8%).
const maxCrowding = 10
