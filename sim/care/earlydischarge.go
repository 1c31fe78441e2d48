package care

import (
	"strings"

	"caresim/sim/des"
)

// Discharge under pressure (Acute.EarlyDischarge, [EarlyDischarge]): a
// hospital whose beds are full sends its patients home sooner. An
// emergency patient's clinical stay is drawn at admission and multiplied
// by the stay factor of the pressure then,
//
//	r(x)   = min(1, max(0, x − From) / (To − From))
//	stay  ×= 1 − (1 − Stay) · r(x)
//
// with x the occupancy of the general acute beds at the admission, this
// patient included (acuteOccupancy: patients in general beds and
// emergency patients waiting for one, over the general beds open). A
// patient so admitted who goes home is readmitted within 30 days with
// probability Acute.Readmit × (1 + (Readmit − 1) · r(x)).
//
// The studies behind the baseline's values relate discharges and
// readmissions to the occupancy while the patient is in; the rule reads it
// once, at admission, as the ED's crowding factor reads the department
// when treatment starts: a hospital full for weeks is full at both, and a
// run stays reproducible and costs no event.

// on reports whether the rule shortens stays.
func (e *EarlyDischarge) on() bool { return e.Stay != 0 && e.Stay != 1 }

// pressure returns r(x), the pressure at occupancy x: 0 up to From, 1 from
// To, a straight line between; 0 when the rule is off.
func (e *EarlyDischarge) pressure(x float64) float64 {
	if !e.on() {
		return 0
	}
	return min(1, max(0, x-e.From)/(e.To-e.From))
}

// shortenStay returns the clinical stay t of emergency patient pt, drawn
// at their admission now, shortened by the pressure on the general beds,
// which it records on the patient for their readmission (readmitProb),
// and counts the stay and the days cut.
func (m *model) shortenStay(pt *patient, t des.Time) des.Time {
	e := &m.p.Services.Acute.EarlyDischarge
	pt.pressure = 0
	if !e.on() {
		return t
	}
	x, ok := m.acuteOccupancy()
	if !ok {
		return t
	}
	r := e.pressure(x)
	if r <= 0 {
		return t
	}
	pt.pressure = float32(r)
	s := t * des.Time(1-(1-e.Stay)*r)
	m.count(cStaysShortened)
	m.counts[cStayDaysCut].Inc(m.day(), float64(t-s))
	return s
}

// readmitProb returns the probability that patient pt, leaving an acute
// bed for home, is readmitted within 30 days: Acute.Readmit, raised for a
// patient whose stay discharge under pressure shortened.
func (m *model) readmitProb(pt *patient) float64 {
	a := &m.p.Services.Acute
	if pt.pressure > 0 && a.EarlyDischarge.Readmit > 0 {
		return min(1, a.Readmit*(1+(a.EarlyDischarge.Readmit-1)*float64(pt.pressure)))
	}
	return a.Readmit
}

// check checks the rule's parameters, at the path at: switched on (Stay
// set), a factor in (0, 1], thresholds in order, and a readmission factor
// that leaves a probability; readmit is Acute.Readmit.
func (e *EarlyDischarge) check(c *checker, at string, readmit float64) {
	c.nonNegative(at+".from", e.From)
	c.nonNegative(at+".to", e.To)
	c.nonNegative(at+".stay", e.Stay)
	c.nonNegative(at+".readmit", e.Readmit)
	if e.Stay > 1 {
		c.add(at+".stay", "must be at most 1, not %v: the factor shortens stays when the beds are full (0.95 is 5%% shorter); a factor above 1 would lengthen them", e.Stay)
	}
	if !e.on() {
		return
	}
	if finite(e.From) && finite(e.To) && !(e.To > e.From) {
		c.add(at+".to", "must be above from (%v), not %v: stays shorten from 1 at from to stay at to", e.From, e.To)
	}
	if f := e.Readmit; f > 0 && finite(f) && readmit*f > 1 {
		c.add(at+".readmit", "times services.acute.readmit (%v) is %.4g, above 1: the readmission probability of a patient sent home early", readmit, readmit*f)
	}
}

// checkEarlyDischargeSwitch refuses the rule's parameters given while it
// is off throughout the run (stay 0 and no intervention changes it), which
// would do nothing silently.
func (p *Params) checkEarlyDischargeSwitch(c *checker) {
	const at = "services.acute.early_discharge"
	e := &p.Services.Acute.EarlyDischarge
	if e.Stay == 0 && (e.From != 0 || e.To != 0 || e.Readmit != 0) && !p.bedRuleSwitchOn(at+".stay") {
		c.add(at+".stay", "is 0, so discharge under pressure is off and its other parameters do nothing: set it (0.95 shortens stays by 5%% when the beds are full), or switch the rule on from a date with an intervention on %s.stay", at)
	}
}

// earlyDischargeUnread returns why an intervention on the parameter at
// path would change nothing because discharge under pressure is off
// throughout the run (stay 0 and no intervention changes it), or "" when
// it is read.
func (p *Params) earlyDischargeUnread(path string) string {
	const at = "services.acute.early_discharge."
	if rest, ok := strings.CutPrefix(path, at); ok && rest != "stay" && !p.bedRuleSwitchOn(at+"stay") {
		return at + "stay is 0 throughout the run, so discharge under pressure is off and nothing reads its parameters; set it, or change it from a date with an intervention, to switch the rule on"
	}
	return ""
}
