package care

import "caresim/sim/des"

// Women's and children's services: the obstetric unit (maternity), the
// neonatal unit, and paediatric urgent care (the paediatric assessment
// unit and the children's ward). Their flows:
//
//   - Maternity admissions arrive at Maternity.Births deliveries a day,
//     plus Maternity.Antenatal antenatal (and other non-delivery)
//     admissions per delivery, each growing by Maternity.Growth a year. A
//     woman takes an obstetric bed if one is free, for a stay drawn from
//     Maternity.LengthOfStay; with every bed taken the unit is closed to
//     her and she is diverted to another unit (counted, and gone from the
//     model), as obstetric units close to admissions when full.
//   - At each delivery in the unit the baby needs a neonatal cot with
//     probability Neonatal.Admit; it takes one if one is free, for a stay
//     drawn from Neonatal.LengthOfStay, else it is transferred to another
//     unit of the neonatal network (counted, and gone).
//   - Children are a share (PaediatricAssessment.Children) of the urgent
//     arrivals of the age bands named in PaediatricAssessment.Bands. They
//     come by the same routes, and through the same front door and ED, as
//     everyone else (the trust's A&E counts children's attendances with
//     adults'), but a child needs a paediatric opinion with probability
//     PaediatricAssessment.Referral in place of their route's admission
//     probability, and a child who would be admitted goes from the ED
//     (or same-day emergency care, or straight from home when there is no
//     ED) to the paediatric assessment unit instead of an acute bed,
//     waiting for a space first come, first served. After an assessment
//     drawn from PaediatricAssessment.Assessment, the Admit share is
//     admitted to the children's ward, keeping the assessment space until
//     a ward bed is free; the rest go home.
//
// Switched off, maternity and the neonatal unit have no patients, and
// with the assessment unit off children are not told apart from adults:
// their urgent care is the all-ages flows', as before the service line.

// Maternity is the obstetric unit: its beds (antenatal, delivery and
// postnatal together) and the admissions that fill them.
type Maternity struct {
	Enabled bool `yaml:"enabled"`
	// Beds is the obstetric beds.
	Beds int `yaml:"beds"`
	// Births is deliveries in the unit a day at Start.
	Births float64 `yaml:"births" unit:"rate"`
	// Growth is the yearly growth of Births (and of the antenatal
	// admissions with them), from before Start through the warm-up.
	Growth float64 `yaml:"growth" unit:"fraction"`
	// Antenatal is antenatal and other non-delivery maternity admissions
	// per delivery.
	Antenatal float64 `yaml:"antenatal"`
	// LengthOfStay is a maternity admission's stay, delivery or not, in
	// days.
	LengthOfStay des.Dist `yaml:"length_of_stay" unit:"duration"`
	// Staff is the staff needed per obstetric bed, by role, in
	// whole-time equivalents (workforce.go): the unit's midwives count
	// as nurses.
	Staff Staffing `yaml:"staff"`
}

// Neonatal is the neonatal unit's cots, for babies born in the obstetric
// unit. Its levels of care are shares of its cot days, as the neonatal
// critical-care currencies count and price them: Intensive and
// HighDependency, the rest special care.
type Neonatal struct {
	Enabled bool `yaml:"enabled"`
	// Cots is the neonatal cots, all levels of care together.
	Cots int `yaml:"cots"`
	// Admit is the share of deliveries whose baby is admitted to the unit.
	Admit float64 `yaml:"admit" unit:"fraction"`
	// LengthOfStay is a baby's stay in the unit, in days.
	LengthOfStay des.Dist `yaml:"length_of_stay" unit:"duration"`
	// Intensive and HighDependency are the shares of cot days at
	// intensive and high-dependency care; special care is the rest.
	Intensive      float64 `yaml:"intensive" unit:"fraction"`
	HighDependency float64 `yaml:"high_dependency" unit:"fraction"`
	// Staff is the staff needed per cot, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// PaediatricAssessment is the paediatric assessment unit and the
// children among urgent arrivals. Switched on, it needs the children's
// ward (PaediatricWard) switched on.
type PaediatricAssessment struct {
	Enabled bool `yaml:"enabled"`
	// Spaces is the children assessed at once (trolleys and beds).
	Spaces int `yaml:"spaces"`
	// Bands names the age bands whose urgent arrivals include children.
	Bands []string `yaml:"bands"`
	// Children is the share of those bands' urgent arrivals (from the
	// registered population; not Route.PerDay's) who are children.
	Children float64 `yaml:"children" unit:"fraction"`
	// Referral is the probability that a child arriving needs a
	// paediatric opinion: they are referred to the unit as an adult
	// would be admitted (in place of the route's Admit).
	Referral float64 `yaml:"referral" unit:"fraction"`
	// Assessment is a child's time in the unit before going home or to
	// the ward, in days.
	Assessment des.Dist `yaml:"assessment" unit:"duration"`
	// Admit is the share of the children assessed who are admitted to
	// the children's ward.
	Admit float64 `yaml:"admit" unit:"fraction"`
	// Staff is the staff needed per space, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// PaediatricWard is the children's ward: beds for children admitted from
// the paediatric assessment unit.
type PaediatricWard struct {
	Enabled bool `yaml:"enabled"`
	Beds    int  `yaml:"beds"`
	// LengthOfStay is a child's stay on the ward, in days.
	LengthOfStay des.Dist `yaml:"length_of_stay" unit:"duration"`
	// Staff is the staff needed per bed, by role, in whole-time
	// equivalents (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// The patient kinds of the women's and children's flows, after the
// model's (model.go).
const (
	kindBirth     = kindHomeCare + 1 + iota // a woman admitted to the obstetric unit for a delivery
	kindAntenatal                           // a woman admitted to the obstetric unit otherwise
	kindBaby                                // a baby in the neonatal unit
	kindChild                               // a child's urgent arrival
)

// The patient slots of the women's and children's flows, apart from the
// model's list (model.go) and below slotOwner.
const (
	slotChild       = 900 + iota // whether an urgent arrival of a child band is a child
	slotMaternity                // a maternity admission's stay
	slotNeonatalAdm              // whether a delivery's baby needs a neonatal cot
	slotBabySeed                 // the baby's seed line
	slotNeonatalLOS              // the baby's stay
	slotPAU                      // a child's assessment
	slotPAUAdmit                 // whether the child is admitted to the ward
	slotPaedLOS                  // the child's stay on the ward
)

// The services' own counts (service.counts).
const (
	mBirths   = iota // maternity: deliveries in the unit
	mDiverted        // maternity: admissions diverted for want of a bed
)

const (
	nTransfers      = iota // neonatal: babies transferred out for want of a cot
	nIntensive             // neonatal: cot days at intensive care, counted as each stay ends
	nHighDependency        // at high-dependency care
	nSpecial               // at special care
)

const (
	pChildED = iota // paediatric assessment: children's ED attendances
	pWaited         // children who found no assessment space free and waited
)

// svcMaternity is the obstetric beds.
var svcMaternity = &service{
	name:  "maternity",
	key:   "maternity",
	title: "Maternity",
	chart: &serviceChart{title: "Maternity", overlay: "overlay-beds-maternity", measure: "Obstetric beds occupied", unit: "beds",
		mean: "maternity_occupied_mean", capacity: "maternity_beds"},
	enabled:  func(p *Services) *bool { return &p.Maternity.Enabled },
	units:    func(p *Services) *int { return &p.Maternity.Beds },
	staff:    func(p *Services) *Staffing { return &p.Maternity.Staff },
	employer: employerAcute,
	dists:    []serviceDist{{"length_of_stay", func(p *Services) *des.Dist { return &p.Maternity.LengthOfStay }}},
	stay:     func(p *Services) *des.Dist { return &p.Maternity.LengthOfStay },
	slot:     slotMaternity,
	end:      evStayEnd,
	busy:     true,
	capacity: true,
	los:      true,
	counts:   2,
	measures: append(bedMeasures("maternity", "obstetric beds", true),
		annual(follows, "births", "deliveries", total(own(mBirths)),
			"deliveries in the obstetric unit (maternity admissions that are births)"),
		annual(follows, "maternity_diverted", "women", total(own(mDiverted)),
			"maternity admissions diverted to another unit for want of an obstetric bed"),
		metric(follows, "births_per_year", "per year", perYear(own(mBirths)),
			"deliveries in the obstetric unit"),
		metric(follows, "maternity_diverted_per_year", "per year", perYear(own(mDiverted)),
			"maternity admissions diverted to another unit for want of an obstetric bed"),
	),
}

// svcNeonatal is the neonatal unit's cots.
var svcNeonatal = &service{
	name:  "neonatal",
	key:   "neonatal",
	title: "Neonatal unit",
	chart: &serviceChart{title: "Neonatal", overlay: "overlay-cots-neonatal", measure: "Neonatal cots occupied", unit: "cots",
		mean: "neonatal_occupied_mean", capacity: "neonatal_beds"},
	enabled:  func(p *Services) *bool { return &p.Neonatal.Enabled },
	units:    func(p *Services) *int { return &p.Neonatal.Cots },
	staff:    func(p *Services) *Staffing { return &p.Neonatal.Staff },
	employer: employerAcute,
	dists:    []serviceDist{{"length_of_stay", func(p *Services) *des.Dist { return &p.Neonatal.LengthOfStay }}},
	stay:     func(p *Services) *des.Dist { return &p.Neonatal.LengthOfStay },
	slot:     slotNeonatalLOS,
	end:      evWomensEnd,
	busy:     true,
	capacity: true,
	los:      true,
	counts:   4,
	measures: append(bedMeasures("neonatal", "neonatal cots", true),
		annual(follows, "neonatal_transfers", "babies", total(own(nTransfers)),
			"babies needing a neonatal cot transferred to another unit for want of one"),
		annual(follows, "neonatal_intensive_days", "cot days", total(own(nIntensive)),
			"neonatal cot days at intensive care (services.neonatal.intensive of each stay, counted on the day it ends)"),
		annual(follows, "neonatal_high_dependency_days", "cot days", total(own(nHighDependency)),
			"neonatal cot days at high-dependency care (services.neonatal.high_dependency of each stay, counted on the day it ends)"),
		annual(follows, "neonatal_special_days", "cot days", total(own(nSpecial)),
			"neonatal cot days at special care (the rest of each stay, counted on the day it ends)"),
		metric(follows, "neonatal_transfers_per_year", "per year", perYear(own(nTransfers)),
			"babies needing a neonatal cot transferred to another unit for want of one"),
	),
}

// svcPAU is the paediatric assessment unit.
var svcPAU = &service{
	name:     "paediatric-assessment",
	key:      "paediatric_assessment",
	title:    "Paediatric assessment unit",
	enabled:  func(p *Services) *bool { return &p.PaediatricAssessment.Enabled },
	units:    func(p *Services) *int { return &p.PaediatricAssessment.Spaces },
	staff:    func(p *Services) *Staffing { return &p.PaediatricAssessment.Staff },
	employer: employerAcute,
	dists:    []serviceDist{{"assessment", func(p *Services) *des.Dist { return &p.PaediatricAssessment.Assessment }}},
	stay:     func(p *Services) *des.Dist { return &p.PaediatricAssessment.Assessment },
	slot:     slotPAU,
	end:      evWomensEnd,
	busy:     true,
	capacity: true,
	counts:   2,
	measures: []measureDef{
		daily(follows, "paediatric_assessment_mean", "children", dayMean(busy),
			"children in the paediatric assessment unit (time-weighted mean), those waiting there for a ward bed included"),
		daily(follows, "paediatric_assessment_spaces", "spaces", dayMean(capacity),
			"paediatric assessment unit spaces (capacity)"),
		annual(follows, "paediatric_ed_attendances", "children", total(own(pChildED)),
			"children's attendances at the ED (of ed_attendances)"),
		annual(follows, "paediatric_assessments", "children", total(entries),
			"children assessed in the paediatric assessment unit"),
		annual(follows, "paediatric_assessment_waits", "children", total(own(pWaited)),
			"children referred to the paediatric assessment unit who found no space free and waited for one"),
		annual(follows, "paediatric_assessment_spaces", "spaces", yearMean(capacity),
			"paediatric assessment unit spaces, mean over the year"),
		metric(follows, "paediatric_ed_attendances_per_year", "per year", perYear(own(pChildED)),
			"children's attendances at the ED"),
		metric(follows, "paediatric_assessments_per_year", "per year", perYear(entries),
			"children assessed in the paediatric assessment unit"),
		metric(follows, "paediatric_assessment_occupancy_mean", "fraction", occupancy(busy, capacity),
			"children in the paediatric assessment unit over its spaces, time-weighted"),
	},
}

// svcPaedWard is the children's ward.
var svcPaedWard = &service{
	name:  "paediatric-ward",
	key:   "paediatric_ward",
	title: "Children's ward",
	chart: &serviceChart{title: "Children's ward", overlay: "overlay-beds-paediatric", measure: "Children's ward beds occupied", unit: "beds",
		mean: "paediatric_occupied_mean", capacity: "paediatric_beds"},
	enabled:  func(p *Services) *bool { return &p.PaediatricWard.Enabled },
	units:    func(p *Services) *int { return &p.PaediatricWard.Beds },
	staff:    func(p *Services) *Staffing { return &p.PaediatricWard.Staff },
	employer: employerAcute,
	dists:    []serviceDist{{"length_of_stay", func(p *Services) *des.Dist { return &p.PaediatricWard.LengthOfStay }}},
	stay:     func(p *Services) *des.Dist { return &p.PaediatricWard.LengthOfStay },
	slot:     slotPaedLOS,
	end:      evStayEnd,
	busy:     true,
	capacity: true,
	los:      true,
	measures: append(bedMeasures("paediatric", "children's ward beds", true),
		metric(follows, "paediatric_admissions_per_year", "per year", perYear(entries),
			"emergency admissions of children to the children's ward"),
	),
}

// womens is the women's and children's services' state in one
// replication.
type womens struct {
	// birthsMax and antenatalMax are the highest deliveries and antenatal
	// admissions a day at Start over the run's schedule, for thinning.
	birthsMax, antenatalMax float64
	// child says, by age band, whether its urgent arrivals include
	// children (PaediatricAssessment.Bands).
	child []bool
}

// observeMaternity records the maternity admissions' rates under the
// current parameters, for their highest over the run.
func (m *model) observeMaternity() {
	mt := &m.p.Services.Maternity
	m.wc.birthsMax = max(m.wc.birthsMax, mt.Births)
	m.wc.antenatalMax = max(m.wc.antenatalMax, mt.Births*mt.Antenatal)
}

// maternityRate is the rate a day at Start of maternity admissions of
// pick route 0 (deliveries) or 1 (antenatal) under the current
// parameters.
func (m *model) maternityRate(route int8) float64 {
	mt := &m.p.Services.Maternity
	if route == 0 {
		return mt.Births
	}
	return mt.Births * mt.Antenatal
}

// addSource is initSources' constructor of an arrival process.
type addSource func(kind uint8, band, route int, perDay, growth float64, shaped bool, picks []pick, name string) error

// initWomens builds the maternity admissions' arrival process (its
// highest rates observed with observeMaternity) and marks the age bands
// whose urgent arrivals include children.
func (m *model) initWomens(add addSource) error {
	p := &m.p.Services
	if pa := &p.PaediatricAssessment; pa.Enabled {
		m.wc.child = make([]bool, len(m.p.Population.AgeBands))
		for a, b := range m.p.Population.AgeBands {
			for _, name := range pa.Bands {
				if b.Name == name {
					m.wc.child[a] = true
				}
			}
		}
	}
	if !p.Maternity.Enabled {
		return nil
	}
	w := &m.wc
	picks := []pick{
		{cum: w.birthsMax, cohort: -1, route: 0, base: w.birthsMax},
		{cum: w.antenatalMax, cohort: -1, route: 1, base: w.antenatalMax},
	}
	if w.antenatalMax <= 0 {
		picks = picks[:1]
	}
	return add(srcBirths, -1, -1, w.birthsMax+w.antenatalMax, p.Maternity.Growth, false, picks, "maternity")
}

// onMaternity admits a woman arriving at the obstetric unit, for a
// delivery or (antenatal) not: to a free bed, or elsewhere when there is
// none. A delivery in the unit may bring her baby to the neonatal unit.
func (m *model) onMaternity(seed uint64, antenatal bool) error {
	kind := uint8(kindBirth)
	if antenatal {
		kind = kindAntenatal
	}
	id := m.newPatient(seed, kind, -1, 0)
	gr, ok, err := m.net.TryRequest(id, svcMaternity.pool(), m.gr[:0])
	if err := m.do(gr, err); err != nil {
		return err
	}
	if !ok {
		m.countOwn(svcMaternity, mDiverted)
		m.trace(id, "divert", svcMaternity.name)
		m.pts.Free(id)
		return nil
	}
	if antenatal {
		return nil
	}
	m.countOwn(svcMaternity, mBirths)
	nn := &m.p.Services.Neonatal
	pt := m.pts.At(id)
	if !nn.Enabled || m.u(pt, slotNeonatalAdm) >= nn.Admit {
		return nil
	}
	m.pcg.Seed(seed, slotBabySeed)
	baby := m.newPatient(m.prng.Uint64(), kindBaby, -1, 0)
	gr, ok, err = m.net.TryRequest(baby, svcNeonatal.pool(), m.gr[:0])
	if err := m.do(gr, err); err != nil {
		return err
	}
	if !ok {
		m.countOwn(svcNeonatal, nTransfers)
		m.trace(baby, "transfer", svcNeonatal.name)
		m.pts.Free(baby)
	}
	return nil
}

// childArrival marks urgent arrival pt as a child, for the share
// PaediatricAssessment.Children of the arrivals of the bands it names,
// and returns the probability that the patient needs admission: for a
// child, a paediatric referral's; else admit unchanged.
func (m *model) childArrival(pt *patient, admit float64) float64 {
	if m.wc.child == nil || pt.cohort < 0 || !m.wc.child[m.cohorts[pt.cohort].Band] {
		return admit
	}
	pa := &m.p.Services.PaediatricAssessment
	if m.u(pt, slotChild) >= pa.Children {
		return admit
	}
	pt.kind = kindChild
	return pa.Referral
}

// toPAU sends child id, referred to paediatrics, to the paediatric
// assessment unit: leaving the ED or same-day emergency care if there,
// then waiting for a space, first come, first served.
func (m *model) toPAU(id int32) error {
	pt := m.pts.At(id)
	if m.net.Holds(id) != des.NoPool {
		ed := pt.at == atED
		m.trace(id, "leave", serviceName[pt.at])
		m.leaveAE(pt)
		if err := m.releaseKeep(id); err != nil {
			return err
		}
		if ed {
			m.edCorridor()
		}
		pt = m.pts.At(id)
	}
	pt.at = 0
	pt.dta = m.cal.Now()
	m.trace(id, "refer", svcPAU.name)
	return m.do(m.net.Request(id, svcPAU.pool(), 0, m.gr[:0]))
}

// onWomensEnd ends patient id's stay in the paediatric assessment unit
// or the neonatal unit, whichever the patient holds.
func (m *model) onWomensEnd(id int32) error {
	if m.net.Holds(id) == svcPAU.pool() {
		return m.onPAUEnd(id)
	}
	// A baby leaves the neonatal unit: its cot days by level of care.
	nn := &m.p.Services.Neonatal
	los := float64(m.cal.Now() - m.pts.At(id).admitted)
	d := m.day()
	for k, share := range [3]float64{nn.Intensive, nn.HighDependency, 1 - nn.Intensive - nn.HighDependency} {
		m.counts[svcNeonatal.entries+1+nIntensive+k].Inc(d, los*max(0, share))
	}
	m.leaveStay(svcNeonatal, id)
	return m.release(id)
}

// onPAUEnd ends child id's assessment: the Admit share asks for a bed on
// the children's ward, keeping the assessment space until it is granted;
// the rest go home.
func (m *model) onPAUEnd(id int32) error {
	pt := m.pts.At(id)
	if pt.admitted > pt.dta {
		m.countOwn(svcPAU, pWaited)
	}
	if m.u(pt, slotPAUAdmit) < m.p.Services.PaediatricAssessment.Admit {
		m.trace(id, "ready", svcPAU.name)
		return m.do(m.net.Request(id, svcPaedWard.pool(), 0, m.gr[:0]))
	}
	m.leaveStay(svcPAU, id)
	return m.release(id)
}

// checkWomens checks the women's and children's services' parameters.
func (s *Services) checkWomens(c *checker, p *Params) {
	mt := &s.Maternity
	c.count("services.maternity.beds", mt.Beds)
	if mt.Enabled && mt.Beds == 0 {
		c.add("services.maternity.beds", "must be > 0 when maternity is enabled: every admission would be diverted (switch it off with enabled: false)")
	}
	c.nonNegative("services.maternity.births", mt.Births)
	c.atMost("services.maternity.births", mt.Births, MaxPerDay, "100,000 a day", "more births than people")
	c.growth("services.maternity.growth", mt.Growth)
	c.nonNegative("services.maternity.antenatal", mt.Antenatal)
	c.atMost("services.maternity.antenatal", mt.Antenatal, MaxRatio, "1000", "admissions per delivery")
	c.dist("services.maternity.length_of_stay", &mt.LengthOfStay, mt.Enabled)

	nn := &s.Neonatal
	c.count("services.neonatal.cots", nn.Cots)
	c.fraction("services.neonatal.admit", nn.Admit)
	c.dist("services.neonatal.length_of_stay", &nn.LengthOfStay, nn.Enabled)
	c.fraction("services.neonatal.intensive", nn.Intensive)
	c.fraction("services.neonatal.high_dependency", nn.HighDependency)
	if nn.Intensive+nn.HighDependency > 1+shareTol {
		c.add("services.neonatal", "intensive and high_dependency together exceed 1 (100%%): %.4g", nn.Intensive+nn.HighDependency)
	}
	if nn.Enabled && !mt.Enabled && !c.later {
		c.add("services.neonatal.enabled", "the neonatal unit takes babies born in the obstetric unit: switch maternity on too, or the unit off")
	}

	pa := &s.PaediatricAssessment
	bands := make([]string, len(p.Population.AgeBands))
	for i, b := range p.Population.AgeBands {
		bands[i] = b.Name
	}
	c.count("services.paediatric_assessment.spaces", pa.Spaces)
	if pa.Enabled && pa.Spaces == 0 {
		c.add("services.paediatric_assessment.spaces", "must be > 0 when the unit is enabled: its children would wait for ever (switch it off with enabled: false)")
	}
	c.oneOf("services.paediatric_assessment.bands", pa.Bands, bands, "age band")
	c.fraction("services.paediatric_assessment.children", pa.Children)
	c.fraction("services.paediatric_assessment.referral", pa.Referral)
	c.dist("services.paediatric_assessment.assessment", &pa.Assessment, pa.Enabled)
	c.fraction("services.paediatric_assessment.admit", pa.Admit)
	if pa.Enabled && len(pa.Bands) == 0 && len(bands) > 0 && !c.later {
		c.add("services.paediatric_assessment.bands", "missing: name the age bands whose urgent arrivals include children, such as [\"0-64\"]")
	}

	pw := &s.PaediatricWard
	c.count("services.paediatric_ward.beds", pw.Beds)
	if pw.Enabled && pw.Beds == 0 {
		c.add("services.paediatric_ward.beds", "must be > 0 when the ward is enabled: its children would wait for ever (switch it off with enabled: false)")
	}
	c.dist("services.paediatric_ward.length_of_stay", &pw.LengthOfStay, pw.Enabled)
	if pa.Enabled && !pw.Enabled && !c.later {
		c.add("services.paediatric_assessment.enabled", "the assessment unit admits children to the children's ward: switch paediatric_ward on too, or the unit off")
	}
}
