package care

import (
	"caresim/sim/des"
)

// Delays says why patients who are medically fit stay in their acute bed,
// and who is responsible, as the delayed transfers of care (DToC)
// statistics did (NHS England, Monthly Delayed Transfers of Care Situation
// Report: Principles, Definitions and Guidance, 2015–18). Each delayed
// patient waits for one reason at a time; the reasons follow the DToC
// reason codes:
//
//	A   awaiting completion of assessment   services.acute.assessment
//	C   awaiting further non-acute NHS care  an intermediate-care bed (pathway 2)
//	Di  awaiting a residential home place    a care-home bed (pathway 3), 1 − Nursing of placements
//	Dii awaiting a nursing home place        a care-home bed (pathway 3), Nursing of placements
//	E   awaiting a package of care at home   a reablement place (pathway 1) or home-care hours
//	G   patient or family choice             Choice, before asking for a place
//
// and, for patients going home without new support (pathway 0), who were
// never DToC but count among the patients with no criteria to reside
// (NHS England's acute discharge situation report, from 2020):
//
//	transport                             Transport
//	medicines to take out                 Medicines
//
// A delay's responsible organisation is drawn when the reason starts, from
// Attribution: the NHS, social care, or both. Non-acute NHS care,
// transport and medicines are the NHS's by definition (reason C's
// definition; the acute trust's own processes). The zero value delays
// nobody on pathway 0, asks nobody to choose, places everyone in
// residential homes, and attributes every delay that has a share to social
// care.
type Delays struct {
	// Medicines is the share of pathway 0 patients who wait for their
	// medicines to take out (TTOs) and how long they wait.
	Medicines DelayWait `yaml:"medicines"`
	// Transport is the share of pathway 0 patients who wait for transport
	// home and how long they wait. A patient who waits for both leaves
	// when the longer wait ends, and the delay is the longer one's.
	Transport DelayWait `yaml:"transport"`
	// Choice is the share of patients of pathways 1–3 whose family takes
	// time to choose (a care home, a place) after the assessment and
	// before the place is asked for, and how long.
	Choice DelayWait `yaml:"choice"`
	// Nursing is the share of care-home placements from an acute bed that
	// are in a nursing home (DToC reason Dii); the rest are in a
	// residential home (Di). Both take the one pool of care-home beds.
	Nursing float64 `yaml:"nursing" unit:"fraction"`
	// Attribution gives, for each reason whose responsible organisation
	// varies, the shares of its delays attributed to the NHS and to both
	// the NHS and social care; social care has the rest.
	Attribution Attribution `yaml:"attribution"`
}

// DelayWait is a reason for delay that takes a stated time: the share of
// the patients it applies to who are delayed by it, and the wait.
type DelayWait struct {
	Share float64  `yaml:"share" unit:"fraction"`
	Wait  des.Dist `yaml:"wait" unit:"duration"`
}

// Attribution is the responsible organisation of each reason whose
// organisation varies (DToC guidance: the organisation responsible for the
// assessment, service or funding that the patient waits for).
type Attribution struct {
	Assessment      Owners `yaml:"assessment"`
	HomeCare        Owners `yaml:"home_care"`
	ResidentialHome Owners `yaml:"residential_home"`
	NursingHome     Owners `yaml:"nursing_home"`
	Choice          Owners `yaml:"choice"`
}

// Owners shares a reason's delays out: NHS to the NHS, Both to the NHS and
// social care jointly, and the rest to social care.
type Owners struct {
	NHS  float64 `yaml:"nhs" unit:"fraction"`
	Both float64 `yaml:"both" unit:"fraction"`
}

// Reasons for delay, as stored in a patient's delay byte (its low four
// bits; the owner is in the next two). The order is that of the measures.
const (
	reasonNone        = iota
	reasonAssessment  // A: awaiting completion of assessment
	reasonHomeCare    // E: a package of care at home: reablement or home care
	reasonNonAcute    // C: further non-acute NHS care: an intermediate-care bed
	reasonResidential // Di: a residential home place
	reasonNursing     // Dii: a nursing home place
	reasonChoice      // G: patient or family choice
	reasonTransport   // pathway 0: transport home
	reasonMedicines   // pathway 0: medicines to take out
	numReasons
)

// Responsible organisations.
const (
	ownerNHS = iota
	ownerSocialCare
	ownerBoth
	numOwners
)

// The delay byte of a patient: the reason in the low bits, the owner above.
const (
	reasonMask = 0x0f
	ownerShift = 4
)

// DelayReason is a reason for delay as the measures name it.
type DelayReason struct {
	Key   string // as in measure names: home_care
	Title string // for a reader: "Package of care at home"
	Code  string // the DToC reason code, or "" for one DToC did not count
}

// DelayReasons lists the reasons for delay in the order of their measures
// (acute_delayed_<key>_mean, delayed_days_<key>).
var DelayReasons = []DelayReason{
	{"assessment", "Assessment", "A"},
	{"home_care", "Package of care at home", "E"},
	{"non_acute_nhs", "Non-acute NHS bed", "C"},
	{"residential_home", "Residential home", "Di"},
	{"nursing_home", "Nursing home", "Dii"},
	{"choice", "Patient or family choice", "G"},
	{"transport", "Transport", ""},
	{"medicines", "Medicines to take out", ""},
}

// DelayOwners lists the responsible organisations in the order of their
// measures.
var DelayOwners = []struct{ Key, Title string }{
	{"nhs", "NHS"}, {"social_care", "Social care"}, {"both", "NHS and social care"},
}

// dtoc reports whether reason r was a delayed transfer of care.
func dtoc(r uint8) bool { return r != reasonNone && r < reasonTransport }

// check checks the delays' parameters.
func (d *Delays) check(c *checker) {
	for _, w := range []struct {
		key string
		w   *DelayWait
	}{{"medicines", &d.Medicines}, {"transport", &d.Transport}, {"choice", &d.Choice}} {
		path := "services.delays." + w.key
		c.fraction(path+".share", w.w.Share)
		c.dist(path+".wait", &w.w.Wait, w.w.Share > 0)
	}
	c.fraction("services.delays.nursing", d.Nursing)
	a := &d.Attribution
	for _, o := range []struct {
		key string
		o   *Owners
	}{{"assessment", &a.Assessment}, {"home_care", &a.HomeCare}, {"residential_home", &a.ResidentialHome},
		{"nursing_home", &a.NursingHome}, {"choice", &a.Choice}} {
		path := "services.delays.attribution." + o.key
		c.fraction(path+".nhs", o.o.NHS)
		c.fraction(path+".both", o.o.Both)
		if o.o.NHS+o.o.Both > 1+shareTol {
			c.add(path, "nhs and both together exceed 1 (100%%): %.4g; social care has the rest", o.o.NHS+o.o.Both)
		}
	}
}

// owners returns the attribution of reason r.
func (d *Delays) owners(r uint8) Owners {
	a := &d.Attribution
	switch r {
	case reasonAssessment:
		return a.Assessment
	case reasonHomeCare:
		return a.HomeCare
	case reasonResidential:
		return a.ResidentialHome
	case reasonNursing:
		return a.NursingHome
	case reasonChoice:
		return a.Choice
	}
	return Owners{NHS: 1} // C, transport, medicines: the NHS's by definition
}

// setReason records that patient pt, delayed in an acute bed, now waits
// for reason r (reasonNone when the delay ends): it moves the patient
// between the levels of the delays by reason, by responsible organisation
// and of DToC, drawing the new reason's organisation from the patient's
// slotOwner. Every delay that starts ends here with reasonNone, in
// leaveAcute, so that each level counts exactly the patients delayed for
// its reason.
func (m *model) setReason(pt *patient, r uint8) {
	now := m.cal.Now()
	if old := pt.delay & reasonMask; old != reasonNone {
		m.lv[lvDelayReason+int(old)-1].Add(now, -1)
		m.lv[lvDelayOwner+int(pt.delay>>ownerShift)].Add(now, -1)
		if dtoc(old) {
			m.lv[lvDToC].Add(now, -1)
		}
	}
	pt.delay = 0
	if r == reasonNone {
		return
	}
	o := uint8(ownerSocialCare)
	sh := m.p.Services.Delays.owners(r)
	switch x := m.u(pt, slotOwner+uint64(r)); {
	case x < sh.NHS:
		o = ownerNHS
	case x < sh.NHS+sh.Both:
		o = ownerBoth
	}
	pt.delay = r | o<<ownerShift
	m.lv[lvDelayReason+int(r)-1].Add(now, 1)
	m.lv[lvDelayOwner+int(o)].Add(now, 1)
	if dtoc(r) {
		m.lv[lvDToC].Add(now, 1)
	}
}

// startDelay counts patient id, medically fit in an acute bed, as delayed
// for reason r, and, when wait is not negative, schedules the end of this
// step of the delay after it (onDelayEnd).
func (m *model) startDelay(id int32, r uint8, wait des.Time) {
	pt := m.pts.At(id)
	now := m.cal.Now()
	if pt.delay == 0 && (pt.pathway < 1 || pt.pathway > 3) {
		// Pathways 1–3 are counted delayed from the moment they are fit
		// (onFit); a pathway 0 patient only when a reason holds them.
		m.lv[lvDelayed].Add(now, 1)
	}
	m.setReason(pt, r)
	if m.cfg.Trace != nil { // the event's name is built only for a trace
		m.trace(id, "wait-"+DelayReasons[r-1].Key, svcAcute.name)
	}
	if wait >= 0 {
		m.cal.Schedule(now+wait, evDelayEnd, id)
	}
}

// onFitHome decides whether a pathway 0 patient, medically fit, is
// delayed in the bed: for a new package of care at home
// (HomeCare.FromHome; not a care-home resident going back to their
// home), or for medicines to take out and transport (the longer wait
// holds them). It reports whether the patient stays.
func (m *model) onFitHome(id int32) (bool, error) {
	pt := m.pts.At(id)
	s := &m.p.Services
	if hc := &s.HomeCare; hc.Enabled && pt.route != routeCareHome && m.u(pt, slotHomeCareNeed) < hc.FromHome {
		m.startDelay(id, reasonHomeCare, -1)
		return true, m.askHomeCare(id, hcHospital)
	}
	d := &s.Delays
	wait, r := des.Time(0), uint8(reasonNone)
	if m.u(pt, slotMedicines) < d.Medicines.Share {
		wait, r = max(0, m.sample(pt, slotMedicinesWait, &d.Medicines.Wait)), reasonMedicines
	}
	if m.u(pt, slotTransport) < d.Transport.Share {
		if t := max(0, m.sample(pt, slotTransportWait, &d.Transport.Wait)); t > wait || r == reasonNone {
			wait, r = t, reasonTransport
		}
	}
	if r == reasonNone {
		return false, nil
	}
	m.startDelay(id, r, wait)
	return true, nil
}

// endHomeDelay ends the delay of pathway 0 patient pt, if a reason holds
// them (onFitHome): when they are ready to go, or leave the bed.
func (m *model) endHomeDelay(pt *patient) {
	if pt.delay != 0 {
		m.lv[lvDelayed].Add(m.cal.Now(), -1)
		m.setReason(pt, reasonNone)
	}
}

// onDelayEnd ends one step of patient id's delay in the acute bed: medicines
// or transport (the patient may go home, at their hour), the assessment (the family may
// then choose), or the family's choice (the patient then asks for their
// place).
func (m *model) onDelayEnd(id int32) error {
	pt := m.pts.At(id)
	switch pt.delay & reasonMask {
	case reasonMedicines, reasonTransport:
		// Ready to go: the delay ends, and they leave at their hour of
		// the day from now (discharge timing), as patients going home
		// who waited for nothing do.
		m.endHomeDelay(pt)
		return m.mayLeave(svcAcute, id)
	case reasonAssessment:
		if ch := &m.p.Services.Delays.Choice; ch.Share > 0 && m.u(pt, slotChoice) < ch.Share {
			m.startDelay(id, reasonChoice, max(0, m.sample(pt, slotChoiceWait, &ch.Wait)))
			return nil
		}
	}
	return m.requestDownstream(id)
}

// placeReason returns the reason a patient of pathway 1–3 waits for while
// asking for their place: reablement is a package of care at home (E), an
// intermediate-care bed further non-acute NHS care (C), and a care home a
// nursing (Dii) or residential (Di) place.
func (m *model) placeReason(pt *patient) uint8 {
	switch pt.pathway {
	case 1:
		return reasonHomeCare
	case 2:
		return reasonNonAcute
	}
	if m.u(pt, slotNursing) < m.p.Services.Delays.Nursing {
		return reasonNursing
	}
	return reasonResidential
}

// delayMeasures are the acute beds' measures of delays by reason and by
// responsible organisation, and of the DToC measure; the measures of all
// patients with no criteria to reside are acute_delayed_mean and
// delayed_bed_days.
var delayMeasures = func() []measureDef {
	var out []measureDef
	for i, r := range DelayReasons {
		out = append(out, daily(follows, "acute_delayed_"+r.Key+"_mean", "patients", dayMean(level(lvDelayReason+i)),
			"medically fit patients in acute beds waiting for "+reasonDoc(r)))
	}
	for i, o := range DelayOwners {
		out = append(out, daily(follows, "acute_delayed_"+o.Key+"_mean", "patients", dayMean(level(lvDelayOwner+i)),
			"medically fit patients in acute beds whose delay is attributed to "+ownerDoc(o.Title)))
	}
	out = append(out, daily(follows, "acute_dtoc_mean", "patients", dayMean(level(lvDToC)),
		"delayed transfers of care: medically fit patients in acute beds waiting for a DToC reason (all but transport and medicines)"))
	for i, r := range DelayReasons {
		out = append(out, annual(follows, "delayed_days_"+r.Key, "bed days", levelDays(level(lvDelayReason+i)),
			"acute bed days of medically fit patients waiting for "+reasonDoc(r)))
	}
	for i, o := range DelayOwners {
		out = append(out, annual(follows, "delayed_days_"+o.Key, "bed days", levelDays(level(lvDelayOwner+i)),
			"acute bed days of medically fit patients whose delay is attributed to "+ownerDoc(o.Title)))
	}
	out = append(out,
		annual(follows, "dtoc_delayed_days", "bed days", levelDays(level(lvDToC)),
			"delayed days as the DToC statistics counted them: acute bed days of patients waiting for a DToC reason"),
		metric(follows, "dtoc_patients_mean", "patients", timeMean(level(lvDToC)),
			"delayed transfers of care in acute beds, time-weighted mean"),
		metric(follows, "dtoc_occupied_share", "fraction", occupancy(level(lvDToC), ref{kind: refBusy, svc: svcAcute}),
			"delayed transfers of care over occupied acute beds, time-weighted (the national target was 3.5%)"),
	)
	return out
}()

// reasonDoc describes reason r in a measure's doc.
func reasonDoc(r DelayReason) string {
	s := map[string]string{
		"assessment":       "the completion of an assessment",
		"home_care":        "a package of care at home (reablement or home care)",
		"non_acute_nhs":    "further non-acute NHS care (an intermediate-care bed)",
		"residential_home": "a residential home place",
		"nursing_home":     "a nursing home place",
		"choice":           "their or their family's choice",
		"transport":        "transport home (pathway 0)",
		"medicines":        "medicines to take out (pathway 0)",
	}[r.Key]
	if r.Code != "" {
		s += " (DToC reason " + r.Code + ")"
	}
	return s
}

// ownerDoc names a responsible organisation in a measure's doc.
func ownerDoc(title string) string {
	if title == "NHS" {
		return "the NHS"
	}
	if title == "Social care" {
		return "social care"
	}
	return "the NHS and social care jointly"
}
