package care

import (
	"math"
	"strings"

	"caresim/sim/des"
)

// The acute bed-management rule (Acute.Management, [BedManagement]): the
// beds the acute pool has open are the planned beds (services.acute.beds,
// as the interventions schedule it), less the beds the rule has closed,
// plus the escalation beds it has opened. Its decisions are taken at the
// daily bed meeting (evBedMeeting), which runs only in a run whose rule is
// on at some time, so that a run without the rule has the events it had
// before the rule existed.
//
// A cut in the pool's capacity (a closure, an escalation bed closed, the
// planned base cut) never evicts anyone: the network admits nobody while
// the pool holds more patients than its capacity, so each bed closes as
// its patient leaves. Until then the bed is open: the beds recorded as
// open (the acute capacity level, which money prices) are
//
//	open = capacity + pending,  pending = max(0, patients − capacity)
//
// and, of the pending beds, escalation beds close first.
//
// Of the planned beds, Elective.RingFenced (at most the planned beds) are
// the elective ward, a pool of their own that emergency patients never
// use (waitlist.go); the acute pool is the general beds,
//
//	general = planned − ring-fenced − closed + escalation
//
// and the beds recorded as open are the general beds open and the ward's.
// The rule reads the occupancy of the general beds (acuteOccupancy).

// bedRule is one replication's state of the acute bed-management rule.
type bedRule struct {
	on      bool // the rule is on at some time in the run, so the meetings are held
	planned int  // the planned beds, as last synchronised
	closed  int  // beds of the planned base the rule has closed, empty or not
	esc     int  // escalation beds the rule has open, not counting those closing
	pending int  // beds closed or cut whose patients have not yet left
	pendEsc int  // of them, escalation beds
	ward    int  // of the planned beds, those ring-fenced for electives
	last    int  // the day (from the start of warm-up) of the last closure or reopening
}

// on reports whether the rule does anything under these parameters.
func (bm *BedManagement) on() bool { return bm.Close.Step > 0 || bm.Escalation.Limit > 0 }

// bedRuleOn reports whether the acute bed-management rule is on at the
// start or at any time the interventions change the parameters.
func (m *model) bedRuleOn() bool {
	a := &m.p.Services.Acute
	if !a.Enabled {
		return false
	}
	on := a.Management.on()
	for _, t := range m.times {
		m.sched.Apply(t)
		on = on || a.Management.on()
	}
	m.sched.Apply(-m.warm - 1)
	return on
}

// syncAcute is syncCapacity's step for the acute pool, whose planned beds
// are now planned (0 when acute care is off): it applies the rule's
// parameters as they now are (switched off, the rule reopens its closed
// beds and closes its escalation beds; the floor and the limit bound
// them) and sets the pool's capacity.
func (m *model) syncAcute(planned int) error {
	r := &m.beds
	bm := &m.p.Services.Acute.Management
	escBefore := r.esc
	r.planned = planned
	r.ward = 0
	if m.listOn() {
		r.ward = min(max(0, m.p.Services.Elective.RingFenced), planned)
	}
	if bm.Close.Step <= 0 {
		r.closed = 0
	}
	r.closed = min(r.closed, max(0, planned-max(r.ward, bm.Close.Floor)))
	r.esc = min(r.esc, max(0, bm.Escalation.Limit))
	if planned == 0 {
		r.closed, r.esc = 0, 0
	}
	return m.setAcute(escBefore)
}

// setAcute sets the acute pool's capacity to planned − ward − closed +
// esc, and the ward's to ward, after a change of the rule's state from
// escalation beds escBefore, records the beds, and starts the stays of
// the patients it lets in. Beds cut below the patients in them are
// pending; of those the change makes, the escalation beds it closed are
// escalation beds, and the beds it opens keep open first the pending beds
// of their own kind. (A ward cut below its patients closes its beds as
// they leave, as the network does.)
func (m *model) setAcute(escBefore int) error {
	r := &m.beds
	pool := svcAcute.pool()
	gr, err := m.net.SetCapacity(m.ward, r.ward, m.gr[:0])
	m.gr = gr
	if err != nil {
		return err
	}
	c := max(0, r.planned-r.ward-r.closed+r.esc)
	gr, err = m.net.SetCapacity(pool, c, m.gr[:0])
	m.gr = gr
	if err != nil {
		return err
	}
	before := r.pending
	r.pending = max(0, m.net.Busy(pool)-c)
	switch d := r.pending - before; {
	case d > 0:
		r.pendEsc += min(d, max(0, escBefore-r.esc))
	case d < 0 && r.esc > escBefore:
		r.pendEsc -= min(r.pendEsc, -d)
	case d < 0:
		r.pendEsc -= max(0, -d-(before-r.pendEsc))
	}
	r.pendEsc = min(r.pendEsc, r.pending)
	m.recordBeds()
	return m.granted()
}

// acuteBedLeft is told that a patient has left an acute bed (after the
// busy level's change): a pending bed, if any, is empty now and closes,
// an escalation bed first.
func (m *model) acuteBedLeft() {
	r := &m.beds
	if r.pending == 0 {
		return
	}
	r.pending--
	r.pendEsc = max(0, r.pendEsc-1)
	m.recordBeds()
}

// recordBeds records the acute beds now: open (the pool's capacity level,
// the ward's beds included), planned, closed by the rule and empty, and
// escalation beds open.
func (m *model) recordBeds() {
	r := &m.beds
	now := m.cal.Now()
	ward := max(m.net.Capacity(m.ward), m.net.Busy(m.ward)+m.net.Held(m.ward))
	m.lv[svcAcute.capLv].Set(now, m.net.Capacity(svcAcute.pool())+r.pending+ward)
	m.lv[lvAcutePlanned].Set(now, r.planned)
	m.lv[lvAcuteClosed].Set(now, r.closed-min(r.closed, r.pending-r.pendEsc))
	m.lv[lvEscalation].Set(now, r.esc+r.pendEsc)
}

// onBedMeeting holds the day's bed meeting: it books the next, then
// applies the escalation rule and, on a review day, the closing rule.
func (m *model) onBedMeeting() error {
	bm := &m.p.Services.Acute.Management
	day := m.day()
	if next := des.Time(day+1) + bm.Meeting; next <= m.end {
		m.cal.Schedule(next, evBedMeeting, 0)
	}
	if !m.isOn(svcAcute) {
		return nil
	}
	if bm.Escalation.Limit > 0 {
		if err := m.escalate(); err != nil {
			return err
		}
	}
	if c := &bm.Close; c.Step > 0 && c.Every >= 1 {
		every := int(c.Every)
		if d := day - int(m.warm); (d%every+every)%every == 0 {
			return m.reviewBeds(day)
		}
	}
	return nil
}

// escalate applies the escalation rule to the occupancy now of the
// general beds (acuteOccupancy).
func (m *model) escalate() error {
	r := &m.beds
	e := &m.p.Services.Acute.Management.Escalation
	occ, ok := m.acuteOccupancy()
	if !ok {
		return nil
	}
	before := r.esc
	switch {
	case occ > e.Above && r.esc < e.Limit:
		r.esc += min(max(e.Step, 1), e.Limit-r.esc)
	case occ < e.Below && r.esc > 0:
		r.esc -= min(max(e.Step, 1), r.esc)
	default:
		return nil
	}
	return m.setAcute(before)
}

// reviewBeds applies the closing rule on day (from the start of warm-up)
// to the occupancy of the Window days before it, when a whole window has
// passed since the start of the run and since the day of the last
// closure or reopening.
func (m *model) reviewBeds(day int) error {
	r := &m.beds
	c := &m.p.Services.Acute.Management.Close
	from := day - int(c.Window)
	if c.Window < 1 || from < 0 || from < r.last {
		return nil
	}
	occ := m.windowOccupancy(from, day)
	if math.IsNaN(occ) {
		return nil
	}
	switch {
	case occ < c.Below && r.esc+r.pendEsc == 0:
		k := min(c.Step, r.planned-r.closed-max(r.ward, c.Floor))
		if k <= 0 {
			return nil
		}
		r.closed += k
	case occ > c.Above && r.closed > 0:
		r.closed -= min(c.Step, r.closed)
	default:
		return nil
	}
	r.last = day
	return m.setAcute(r.esc)
}

// windowOccupancy returns the acute occupancy over days [from, to) from
// the start of warm-up, as the rule reads it: the patients in acute beds
// and waiting for one over the beds open, time-weighted; NaN when no bed
// was open.
func (m *model) windowOccupancy(from, to int) float64 {
	now := m.cal.Now()
	busy, wait, open := m.busy(svcAcute), &m.lv[lvWaitBed], &m.lv[svcAcute.capLv]
	busy.AdvanceTo(now)
	wait.AdvanceTo(now)
	open.AdvanceTo(now)
	num, den := 0.0, 0.0
	for d := from; d < to; d++ {
		num += busy.DayMeans()[d] + wait.DayMeans()[d]
		den += open.DayMeans()[d]
	}
	if den <= 0 {
		return math.NaN()
	}
	return num / den
}

// bedRuleKeys are the keys under services.acute.management whose part of
// the rule is switched on by a number of its own: close by close.step,
// escalation by escalation.limit.
var bedRuleKeys = []struct{ part, sw string }{
	{"close.", "close.step"},
	{"escalation.", "escalation.limit"},
}

// bedRuleUnread returns why an intervention's change to the parameter at
// the concrete path would change nothing because it belongs to a part of
// the acute bed-management rule that is off throughout p's runs (its
// switch is 0 and no intervention changes it), or "" when it is read.
func (p *Params) bedRuleUnread(path string) string {
	const at = "services.acute.management."
	rest, ok := strings.CutPrefix(path, at)
	if !ok {
		return ""
	}
	off := 0
	for _, k := range bedRuleKeys {
		if p.bedRuleSwitchOn(at + k.sw) {
			continue
		}
		off++
		if rest != k.sw && strings.HasPrefix(rest, k.part) {
			return "services.acute.management." + k.sw + " is 0 throughout the run, so that part of the bed-management rule is off and nothing reads its parameters; set it, or change it from a date with an intervention, to switch the part on"
		}
	}
	if rest == "meeting" && off == len(bedRuleKeys) {
		return "the bed-management rule is off throughout the run (services.acute.management.close.step and escalation.limit are 0), so no bed meeting is held"
	}
	return ""
}

// bedRuleSwitchOn reports whether the rule's switch at path (close.step or
// escalation.limit) is above 0 in p or changed by one of its
// interventions.
func (p *Params) bedRuleSwitchOn(path string) bool {
	if nums, err := p.Numbers(path); err == nil && len(nums) == 1 && nums[0].Get() > 0 {
		return true
	}
	for _, iv := range p.Interventions {
		for _, ch := range iv.Changes {
			nums, err := p.Numbers(ch.Path)
			if err != nil {
				continue
			}
			for _, n := range nums {
				if n.Path == path {
					return true
				}
			}
		}
	}
	return false
}

// check checks the rule's parameters (at the path at) against the planned
// beds: a part switched on needs its thresholds in order, whole days for
// its review and window, a floor within the planned base and a step.
func (bm *BedManagement) check(c *checker, at string, beds int) {
	if !(bm.Meeting >= 0 && bm.Meeting < 1) {
		c.add(at+".meeting", "must be a time of day, from 0h to below 24h, not %v days", float64(bm.Meeting))
	}
	wholeDays := func(path string, x float64) {
		if !(x >= 1 && x == math.Trunc(x)) || !finite(x) {
			c.add(path, "must be a whole number of days, at least 1 (such as 1w or 28d), not %v days", x)
		}
	}
	order := func(at, lowKey, highKey string, low, high float64) {
		if !(low > 0) || !finite(low) {
			c.add(at+"."+lowKey, "must be an occupancy above 0 (such as 85%%), not %v", low)
		}
		if !(high > low) || !finite(high) {
			c.add(at+"."+highKey, "must be above %s.%s (%v), not %v: between the two the rule does nothing", at[strings.LastIndexByte(at, '.')+1:], lowKey, low, high)
		}
	}
	cl := &bm.Close
	c.count(at+".close.step", cl.Step)
	c.count(at+".close.floor", cl.Floor)
	if cl.Step > 0 {
		wholeDays(at+".close.every", float64(cl.Every))
		wholeDays(at+".close.window", float64(cl.Window))
		order(at+".close", "below", "above", cl.Below, cl.Above)
		if cl.Floor > beds {
			c.add(at+".close.floor", "%d beds is more than the planned base (services.acute.beds), %d: the floor must be at most the beds planned", cl.Floor, beds)
		}
	}
	es := &bm.Escalation
	c.count(at+".escalation.limit", es.Limit)
	c.count(at+".escalation.step", es.Step)
	if es.Limit > 0 {
		if es.Step < 1 {
			c.add(at+".escalation.step", "must be at least 1 when escalation.limit is set: the escalation beds opened or closed at one meeting")
		}
		order(at+".escalation", "below", "above", es.Below, es.Above)
	}
	if cl.Step > 0 && es.Limit > 0 && cl.Below >= es.Above {
		c.add(at+".close.below", "must be below escalation.above (%v), not %v: the rule would close beds at an occupancy at which it opens escalation beds", es.Above, cl.Below)
	}
}

// checkSwitches refuses a part of p's bed-management rule that is given
// parameters but is off throughout the run (its switch is 0 and no
// intervention changes it), which would otherwise do nothing silently.
func (p *Params) checkSwitches(c *checker) {
	const at = "services.acute.management"
	bm := &p.Services.Acute.Management
	parts := []struct {
		sw    string
		given bool
	}{
		{"close.step", bm.Close.Every != 0 || bm.Close.Window != 0 || bm.Close.Below != 0 || bm.Close.Above != 0 || bm.Close.Floor != 0},
		{"escalation.limit", bm.Escalation.Step != 0 || bm.Escalation.Above != 0 || bm.Escalation.Below != 0},
	}
	off := 0
	for _, pt := range parts {
		if p.bedRuleSwitchOn(at + "." + pt.sw) {
			continue
		}
		off++
		if pt.given {
			part, _, _ := strings.Cut(pt.sw, ".")
			c.add(at+"."+pt.sw, "is 0, so the rule's %s part is off and its other parameters do nothing: set it, or switch the part on from a date with an intervention on %s.%s", part, at, pt.sw)
		}
	}
	if off == len(parts) && bm.Meeting != 0 {
		c.add(at+".meeting", "is set, but the bed-management rule is off (close.step and escalation.limit are 0): no bed meeting is held")
	}
}
