package care

import (
	"math"

	"caresim/sim/des"
	"caresim/sim/stats"
)

// onSource handles an arrival of source si: it draws who arrives (the
// pick and the patient's seed) from the source's stream, schedules the
// next arrival, and keeps the arrival with the pick's probability.
func (m *model) onSource(si int) error {
	s := &m.src[si]
	now := m.cal.Now()
	x := s.rng.Float64()
	seed := s.rng.Uint64()
	if t := s.arr.Next(now, s.rng); t < m.end {
		m.cal.Schedule(t, evSource, int32(si))
	}
	pk := &s.picks[s.pick(x)]
	probe := patient{seed: seed}
	thin := m.u(&probe, slotThin)
	keep := pk.keep
	if s.shaped {
		keep *= m.winterKeep(now)
	}
	switch s.kind {
	case srcUrgent:
		// Enrolled people come at UrgentRatio times the rate of others:
		// of the cohort's candidates, a share e·(1−ratio) stays away.
		// Of those kept, the enrolled are the first e·ratio·keep of the
		// patient's uniform, so that one draw decides both.
		// Those in the first part of their enrolment (early) come at
		// EarlyRatio instead (enrolledShares).
		c := &m.cohorts[pk.cohort]
		enrolled := 0.0
		if c.enrolled > 0 {
			keep, enrolled = m.enrolledShares(c, keep, now, thin)
		}
		if thin >= keep {
			return nil
		}
		id := m.newPatient(seed, kindUrgent, pk.cohort, uint8(m.routeOf[pk.route]))
		if thin < enrolled {
			m.pts.At(id).flags |= fEnrolled
		}
		return m.arrive(id)
	case srcFixed:
		if thin >= keep {
			return nil
		}
		return m.arrive(m.newPatient(seed, kindUrgent, -1, uint8(m.routeOf[pk.route])))
	case srcCalls:
		// Candidates come at the highest call rate × the most beds; a
		// call is kept with probability (rate now × residents now) / that.
		if thin >= keep*float64(m.net.Busy(svcCareHomes.pool()))/m.callBeds {
			return nil
		}
		return m.arrive(m.newPatient(seed, kindUrgent, -1, routeCareHome))
	case srcElective:
		if thin >= keep {
			return nil
		}
		m.referElective(seed, pk.cohort)
		return nil
	case srcOutpatient:
		if thin >= keep {
			return nil
		}
		m.referOutpatient(seed, -1)
		return nil
	case srcHomeCare:
		if thin >= keep {
			return nil
		}
		id := m.newPatient(seed, kindHomeCare, -1, 0)
		m.trace(id, "refer", "home-care")
		return m.askHomeCare(id, hcCommunity)
	case srcMHBeds:
		if thin >= keep {
			return nil
		}
		return m.mhElsewhere(seed)
	case srcBirths:
		if thin >= keep {
			return nil
		}
		return m.onMaternity(seed, pk.route == 1)
	case srcCareHome:
		if thin >= keep {
			return nil
		}
		id := m.newPatient(seed, kindResident, pk.cohort, 0)
		m.trace(id, "refer", svcCareHomes.name)
		return m.do(m.net.Request(id, svcCareHomes.pool(), 0, m.gr[:0]))
	case srcReferral:
		if thin >= keep {
			return nil
		}
		cm := &m.p.Services.Community
		ci := pk.cohort
		wrong := false
		if ws := m.cohorts[ci].wrong; len(ws) > 0 && m.u(&probe, slotFlag) >= cm.PPV {
			x := m.u(&probe, slotFlagCohort)
			k := 0
			for k < len(ws)-1 && ws[k].cum <= x {
				k++
			}
			ci, wrong = ws[k].cohort, true
		}
		id := m.newPatient(seed, kindEnrolled, ci, 0)
		gr, ok, err := m.net.TryRequest(id, svcCommunity.pool(), m.gr[:0])
		if err := m.do(gr, err); err != nil {
			return err
		}
		if !ok {
			m.pts.Free(id)
			return nil
		}
		c := &m.cohorts[ci]
		c.enrolled++
		if wrong {
			m.count(cWrongEnrolled)
		}
		if cm.EarlyPeriod > 0 {
			// The first part ends before the enrolment does, or with it
			// (the enrolment's end then counts it out).
			pt := m.pts.At(id)
			pt.flags |= fEarly
			c.early++
			if max(0, m.sample(pt, svcCommunity.slot, m.stayDist[svcCommunity.id])) > cm.EarlyPeriod {
				m.cal.Schedule(now+cm.EarlyPeriod, evEarlyEnd, id)
			}
		}
		m.startStay(svcCommunity, id)
	}
	return nil
}

// referElective makes an ordinary elective referral now, of a person of
// cohort ci with the given seed (per head, onSource, or by a GP,
// gpReferrals): past the referral gateway, it joins the waiting list and,
// with outpatients, the queue for a first appointment.
func (m *model) referElective(seed uint64, ci int16) {
	m.count(cElectiveReferrals)
	id := m.newPatient(seed, kindElective, ci, 0)
	pt := m.pts.At(id)
	if m.u(pt, slotGateway) < m.p.Services.Elective.Gateway {
		m.count(cAdviceGuidance)
		m.trace(id, "advice-and-guidance", "elective")
		m.pts.Free(id)
		return
	}
	m.trace(id, "refer", "elective")
	m.joinList(id)
	if m.op.on {
		m.referOutpatient(pt.seed, id)
	}
}

// admitProb is the probability that a patient of the route seen in ED
// needs admission.
func (m *model) admitProb(route uint8) float64 {
	if route == routeCareHome {
		return m.p.Services.CareHomes.Admit
	}
	if i := m.routeIx[route]; i >= 0 {
		return m.p.Demand.Urgent.Routes[i].Admit
	}
	return 0
}

// arrive sends an urgent arrival on its way: home, for the route's
// self-care share of those who would not need admission; Call for Care
// when the professional rings it; or straight on to hospital (attend).
func (m *model) arrive(id int32) error {
	pt := m.pts.At(id)
	s := &m.p.Services
	admit := m.childArrival(pt, m.admitProb(pt.route))
	if pt.flags&fEnrolled != 0 {
		admit *= 1 - s.Community.AdmitReduction
	}
	if m.u(pt, slotAdmit) < admit {
		pt.flags |= fWouldAdmit
	} else if i := m.routeIx[pt.route]; i >= 0 {
		if sc := m.p.Demand.Urgent.Routes[i].SelfCare; sc > 0 && m.u(pt, slotSelfCare) < sc {
			m.count(cSelfCare)
			m.trace(id, "self-care", routeNames[pt.route])
			m.pts.Free(id)
			return nil
		}
	}
	m.count(cArrivals + int(pt.route))
	m.trace(id, "arrive", routeNames[pt.route])
	if s.CallForCare.Enabled && m.cfRoute[pt.route] && pt.kind != kindChild && m.u(pt, slotCalls) < s.CallForCare.Calls {
		return m.call(id)
	}
	return m.attend(id)
}

// call rings Call for Care about patient id. A free handler takes the
// call and the patient waits for its end (onCallEnd); with every handler
// busy the call goes unanswered and the patient goes to hospital now.
func (m *model) call(id int32) error {
	gr, ok, err := m.net.TryRequest(id, svcCallHub.pool(), m.gr[:0])
	if err := m.do(gr, err); err != nil {
		return err
	}
	if !ok {
		m.count(cCFCUnanswered)
		m.trace(id, "unanswered", svcCallHub.name)
		return m.attend(id)
	}
	return nil // the grant started the call
}

// onCallEnd ends patient id's call to Call for Care. A patient who would
// be admitted and is suitable for care out of hospital is navigated to
// the service offered first (an urgent community response or a step-up
// intermediate-care bed) or, without room there, the other; everyone
// else, and a suitable patient for whom neither has room, goes on to
// hospital, whose clock starts now.
func (m *model) onCallEnd(id int32) error {
	m.leaveStay(svcCallHub, id)
	if err := m.releaseKeep(id); err != nil {
		return err
	}
	pt := m.pts.At(id)
	cfc := &m.p.Services.CallForCare
	if pt.flags&fWouldAdmit != 0 && m.u(pt, slotSuitable) < cfc.Suitable {
		first, second := svcIC.pool(), svcUCR.pool()
		if m.u(pt, slotStepUp) >= cfc.StepUp {
			first, second = second, first
		}
		for _, pool := range [2]des.PoolID{first, second} {
			if m.net.Capacity(pool) == 0 {
				continue
			}
			gr, ok, err := m.net.TryRequest(id, pool, m.gr[:0])
			if err := m.do(gr, err); err != nil {
				return err
			}
			if ok { // the grant started the stay
				m.count(cCFCNavigated)
				m.pts.At(id).kind = kindStepUp
				return nil
			}
		}
	}
	pt = m.pts.At(id)
	pt.arrived = m.cal.Now()
	return m.attend(id)
}

// onUCREnd ends patient id's urgent community response episode: the
// patient stays at home, or for the service's Admit share needs an
// emergency admission after all, and asks for an acute bed.
func (m *model) onUCREnd(id int32) error {
	m.leaveStay(svcUCR, id)
	if m.u(m.pts.At(id), slotUCROutcome) >= m.p.Services.UrgentResponse.Admit || !m.p.Services.Acute.Enabled {
		return m.release(id)
	}
	if err := m.releaseKeep(id); err != nil {
		return err
	}
	m.count(cUCRAdmitted)
	m.trace(id, "escalate", svcUCR.name)
	m.pts.At(id).kind = kindUrgent
	return m.admitDirect(id)
}

// attend sends urgent arrival id to hospital: the front door, then ED,
// urgent treatment or same-day emergency care, or straight to a bed.
func (m *model) attend(id int32) error {
	pt := m.pts.At(id)
	s := &m.p.Services
	would := pt.flags&fWouldAdmit != 0
	to := atED
	if s.FrontDoor.Enabled && m.fdRoute[pt.route] {
		fd := &s.FrontDoor
		x := m.u(pt, slotStream)
		if would {
			// Patients who need admission are streamed to ED or SDEC only.
			if tot := fd.ToED + fd.ToSDEC; tot > 0 && x*tot >= fd.ToED {
				to = atSDEC
			}
		} else {
			switch {
			case x < fd.ToED:
			case x < fd.ToED+fd.ToUrgentTreatment:
				to = atUTC
			case x < fd.ToED+fd.ToUrgentTreatment+fd.ToSDEC:
				to = atSDEC
			case x < fd.ToED+fd.ToUrgentTreatment+fd.ToSDEC+fd.ToOutOfHours:
				// The out-of-hours GPs at the front door while their
				// service runs, else urgent treatment (service_ooh.go).
				if pt.flags&fFromOOH == 0 && m.oohOpenNow() {
					return m.oohWalkIn(id)
				}
				to = atUTC
			default:
				m.count(cCommunityStreamed)
				m.trace(id, "streamed", "community")
				m.pts.Free(id)
				return nil
			}
		}
		if to == atUTC && !s.UrgentTreatment.Enabled || to == atSDEC && !s.SDEC.Enabled {
			to = atED
		}
	}
	if to == atED && !s.ED.Enabled {
		if would && s.Acute.Enabled {
			return m.admitDirect(id)
		}
		m.trace(id, "leave", "home")
		m.pts.Free(id)
		return nil
	}
	pt.at = uint8(to)
	pool := svcED.pool()
	switch to {
	case atED:
		m.count(svcED.entries)
		if pt.kind == kindChild {
			m.countOwn(svcPAU, pChildED)
		}
		m.busy(svcED).Add(m.cal.Now(), 1)
		m.mentalHealthArrival(pt)
	case atUTC:
		m.count(svcUTC.entries)
		pool = svcUTC.pool()
	case atSDEC:
		m.count(svcSDEC.entries)
		pool = svcSDEC.pool()
	}
	// With a wait for a clinician in the cubicle, everyone who would
	// leave has a patience, a cubicle free or not; without, only those
	// who wait for one.
	toClinician := m.p.Services.ED.LeftWithoutBeingSeen.ToClinician.Kind != 0
	if to == atED && toClinician {
		m.waitUnseen(id)
	}
	if err := m.do(m.net.Request(id, pool, m.edPriority(pt), m.gr[:0])); err != nil {
		return err
	}
	if to == atED && !toClinician && m.net.Waiting(id) == pool {
		m.waitUnseen(id)
	}
	return nil
}

// serviceName names the place a patient is treated.
var serviceName = [...]string{atED: svcED.name, atUTC: svcUTC.name, atSDEC: svcSDEC.name}

// onTreated ends treatment in ED, urgent treatment or SDEC: home, or a
// decision to admit.
func (m *model) onTreated(id int32) error {
	pt := m.pts.At(id)
	admit := pt.flags&fWouldAdmit != 0 && m.p.Services.Acute.Enabled
	switch pt.at {
	case atUTC:
		admit = false
	case atSDEC:
		admit = admit && m.u(pt, slotSDECAdmit) < m.p.Services.SDEC.Admit
	case atED:
		admit = m.mhAvoids(pt, admit)
	}
	if !admit {
		if took, err := m.mentalHealthTreated(id); took {
			return err
		}
		m.trace(id, "leave", serviceName[pt.at])
		m.leaveAE(pt)
		ed := pt.at == atED
		if err := m.release(id); err != nil || !ed {
			return err
		}
		m.edCorridor()
		return nil
	}
	pt.dta = m.cal.Now()
	m.trace(id, "decide-to-admit", serviceName[pt.at])
	return m.requestBed(id)
}

// leaveAE records a departure from ED, urgent treatment or SDEC.
func (m *model) leaveAE(pt *patient) {
	now := m.cal.Now()
	switch pt.at {
	case atED:
		m.busy(svcED).Add(now, -1)
		if m.measured {
			m.tallies[tEDDept].Add(float64(now-pt.arrived) * 24)
		}
		if pt.dta > 0 && now-pt.dta > 0.5 {
			m.count(cED12h)
		}
		if now-pt.arrived > 0.5 {
			m.count(cED12hArrival)
		}
		if pt.dta > 0 && m.measured {
			m.tallies[tEDBoard].Add(float64(now-pt.dta) * 24)
		}
		if pt.mh != mhNone {
			m.mhLeftED(pt, now)
		}
	case atSDEC:
		return
	}
	m.count(cAEDepartures)
	if now-pt.arrived > 4.0/24 {
		m.count(cAEBreaches)
	}
}

// admitDirect asks for an acute bed for a patient not in ED.
func (m *model) admitDirect(id int32) error {
	pt := m.pts.At(id)
	pt.dta = m.cal.Now()
	pt.at = 0
	return m.requestBed(id)
}

// requestBed asks for an acute bed for an emergency patient, who boards
// in the department (board) or keeps any chair while waiting, or is
// diverted when the scenario says so.
func (m *model) requestBed(id int32) error {
	if m.pts.At(id).kind == kindChild {
		return m.toPAU(id)
	}
	if m.p.Services.Acute.Divert {
		gr, ok, err := m.net.TryRequest(id, svcAcute.pool(), m.gr[:0])
		if err := m.do(gr, err); err != nil {
			return err
		}
		if !ok {
			m.count(cDiverted)
			pt := m.pts.At(id)
			m.trace(id, "divert", svcAcute.name)
			if m.net.Holds(id) != des.NoPool {
				m.leaveAE(pt)
				return m.release(id)
			}
			m.pts.Free(id)
		}
		return nil
	}
	if m.pts.At(id).at == atED {
		return m.board(id)
	}
	m.lv[lvWaitBed].Add(m.cal.Now(), 1)
	return m.do(m.net.Request(id, svcAcute.pool(), 0, m.gr[:0]))
}

// onGrant starts patient g.Entity's service in pool g.Pool.
func (m *model) onGrant(g des.Grant) {
	id := g.Entity
	pt := m.pts.At(id)
	now := m.cal.Now()
	if g.Pool == m.ward {
		return // electives take free ring-fenced beds only (admitWard); never queued
	}
	switch g.Pool {
	case svcED.pool(), svcUTC.pool(), svcSDEC.pool():
		m.trace(id, "start", serviceName[pt.at])
		if g.Pool == svcED.pool() {
			if m.measured {
				m.tallies[tEDWait].Add(float64(now-pt.arrived) * 24)
			}
			m.handedOver(pt)
			m.edCorridor()
			t := m.treatmentTime(pt)
			if m.leavesInCubicle(id, t) {
				return
			}
			m.seen(id)
			m.cal.Schedule(now+t, evTreated, id)
			return
		}
		d := &m.p.Services.UrgentTreatment.Treatment
		if g.Pool == svcSDEC.pool() {
			d = &m.p.Services.SDEC.Treatment
		}
		m.cal.Schedule(now+max(0, m.sample(pt, slotTreat, d)), evTreated, id)
	case svcAcute.pool():
		if m.census1(pt, id, svcAcute) {
			return
		}
		if g.From != des.NoPool || pt.at == atED {
			// From ED (a boarder, who holds no cubicle, or a patient
			// given a bed at the decision to admit) or SDEC.
			if g.From == des.NoPool {
				m.unboard()
			}
			m.leaveAE(pt)
		}
		if pt.kind == kindElective {
			// Electives take free beds only (onElectiveDue); never queued.
			return
		}
		if !m.p.Services.Acute.Divert {
			m.lv[lvWaitBed].Add(now, -1)
		}
		m.busy(svcAcute).Add(now, 1)
		m.count(svcAcute.entries)
		if m.measured {
			m.tallies[tBedWait].Add(float64(now - pt.dta))
		}
		pt.admitted = now
		m.trace(id, "admit", svcAcute.name)
		m.cal.Schedule(now+m.shortenStay(pt, max(0, m.sample(pt, svcAcute.slot, m.stayDist[svcAcute.id]))), svcAcute.end, id)
	case svcLiaison.pool(), svcMHBeds.pool():
		m.mhGrant(g)
	case svcOOH.pool():
		m.oohStart(id)
	case svcCommunity.pool():
		// Community places are taken only when free (TryRequest).
	default:
		// Intermediate care, reablement, care homes: a stay of a length
		// drawn from the service's description.
		s := services[g.Pool]
		if s.occupied != nil && m.census1(pt, id, s) {
			return
		}
		if err := m.moveOn(id, s, g.From); err != nil {
			panic("care: moving on from a bed needs no network operation: " + err.Error())
		}
	}
}

// leaveFrom records that patient id gave up a unit of pool from on moving
// on (blocking after service).
func (m *model) leaveFrom(id int32, from des.PoolID) {
	switch from {
	case des.NoPool:
	case svcAcute.pool():
		m.leaveAcute(id)
	default:
		// Intermediate care or reablement, waiting for a care home: the
		// other services' patients never move on holding their unit.
		m.leaveStay(services[from], id)
	}
}

// leaveAcute records a patient leaving an acute bed (the network has
// freed or is freeing it): length of stay, delay, discharge, readmission.
func (m *model) leaveAcute(id int32) {
	pt := m.pts.At(id)
	now := m.cal.Now()
	m.busy(svcAcute).Add(now, -1)
	if m.net.Holds(id) != m.ward {
		m.acuteBedLeft()
	}
	m.count(cDischarges)
	m.trace(id, "leave", svcAcute.name)
	if pt.kind != kindElective {
		if m.measured {
			m.stays(svcAcute).Add(float64(now - pt.admitted))
		}
		if pt.pathway >= 1 && pt.pathway <= 3 {
			m.lv[lvDelayed].Add(now, -1)
			m.delayedOf(pt.pathway).Add(now, -1)
			if m.measured {
				m.tallies[tDelayP1+int(pt.pathway)-1].Add(float64(now - pt.fit))
			}
			m.setReason(pt, reasonNone)
		} else {
			m.endHomeDelay(pt)
		}
	}
	if x := m.cfg.ExcessAfter; x > 0 && now-pt.admitted > x {
		m.counts[cExcessBedDays].Inc(m.day(), float64(now-pt.admitted-x))
	}
	if pt.pathway == pathDied {
		m.count(cDeaths)
		return
	}
	m.count(cLeftAlive)
	hour := min(23, int(24*(float64(now)-math.Floor(float64(now)))))
	m.count(cLeftHour + hour)
	if hour < 12 {
		m.count(cLeftBeforeNoon)
	}
	pt.discharged = now
	if m.measured {
		m.dischargedAlive++
	}
	if pt.kind != kindElective {
		m.count(cPathway + int(pt.pathway))
		if pt.route == routeCareHome && pt.pathway <= 1 {
			// A care-home resident goes back to their own place, with
			// reablement there on pathway 1 (DHSC 2022, annex B).
			m.count(cCareHomeReturns)
		}
	}
	// The 30-day readmission applies to patients who go home (pathway 0
	// and electives): those who go on to reablement or intermediate care
	// come back through those services' own readmit outcome, and care-home
	// residents through their urgent calls, so that no one holds two
	// places at once.
	if pt.pathway == 0 && m.u(pt, slotReadmit) < m.readmitProb(pt) {
		m.readmit(pt, now+des.Time(30*m.u(pt, slotReadmitWhen)), true)
	}
}

// delayedOf returns the level of the patients delayed in acute beds
// waiting for pathway 1, 2 or 3.
func (m *model) delayedOf(pathway int8) *stats.DailyLevel {
	return &m.lv[lvDelayedP1+int(pathway)-1]
}

// readmit schedules the patient's next emergency spell at t, as a new
// patient with the same person's seed line.
func (m *model) readmit(pt *patient, t des.Time, within30 bool) {
	seed, episode, cohort, route := pt.seed, pt.episode, pt.cohort, pt.route
	m.pcg.Seed(seed, slotReadmitSeed)
	next := m.prng.Uint64()
	if t >= m.end {
		return
	}
	id := m.newPatient(next, kindUrgent, cohort, route)
	np := m.pts.At(id)
	np.episode = episode + 1
	np.flags |= fWouldAdmit
	if within30 {
		np.flags |= fWithin30
	}
	m.cal.Schedule(t, evReadmit, id)
}

// onFit ends a clinical stay: the patient goes home, dies, or (pathways
// 1–3) waits in the bed, delayed, for an assessment and a place.
func (m *model) onFit(id int32) error {
	pt := m.pts.At(id)
	now := m.cal.Now()
	pt.fit = now
	s := &m.p.Services
	if pt.kind == kindElective {
		pt.pathway = 0
		return m.mayLeave(svcAcute, id)
	}
	pw := &s.Acute.Pathways
	x := m.u(pt, slotPathway)
	var path int8
	switch {
	case x < pw.Died:
		path = pathDied
	case x < pw.Died+pw.Home:
		path = 0
	case x < pw.Died+pw.Home+pw.Reablement:
		path = 1
	case x < pw.Died+pw.Home+pw.Reablement+pw.Bed:
		path = 2
	default:
		path = 3
	}
	// A care-home resident (the care-home route) kept their place while
	// in hospital: one whose discharge needs a care home goes back to it,
	// on pathway 0 as DHSC's discharge pathways count a return to the
	// original care home (Hospital discharge and community support
	// guidance, 2022, annex B), and is not admitted again.
	resident := pt.route == routeCareHome
	t2a := &s.TransferToAssess
	if path == 3 && t2a.Enabled && !resident {
		y := m.u(pt, slotT2A)
		switch {
		case y < t2a.CareHomeToReablement:
			path = 1
		case y < t2a.CareHomeToReablement+t2a.CareHomeToBed:
			path = 2
		}
	}
	if path == 2 && !s.IntermediateCare.Enabled {
		path = 3
	}
	if path == 3 && resident {
		path = 0
	}
	if path == 3 && !s.CareHomes.Enabled || path == 1 && !s.Reablement.Enabled {
		path = 0
	}
	pt.pathway = path
	m.trace(id, "fit", svcAcute.name)
	if path == 0 {
		if stays, err := m.onFitHome(id); stays || err != nil {
			return err
		}
		return m.mayLeave(svcAcute, id)
	}
	if path == pathDied {
		m.leaveAcute(id)
		return m.release(id)
	}
	m.lv[lvDelayed].Add(now, 1)
	m.delayedOf(path).Add(now, 1)
	if !t2a.Enabled && s.Acute.Assessment.Kind != 0 {
		m.startDelay(id, reasonAssessment, max(0, m.sample(pt, slotAssess, &s.Acute.Assessment)))
		return nil
	}
	return m.requestDownstream(id)
}

// requestDownstream asks for the place of the patient's pathway, keeping
// the acute bed until it is granted, and waiting for it (placeReason).
func (m *model) requestDownstream(id int32) error {
	pt := m.pts.At(id)
	m.setReason(pt, m.placeReason(pt))
	pool := svcReablement.pool()
	switch pt.pathway {
	case 2:
		pool = svcIC.pool()
	case 3:
		pool = svcCareHomes.pool()
	}
	m.trace(id, "ready", svcAcute.name)
	return m.do(m.net.Request(id, pool, 0, m.gr[:0]))
}

// outcome picks where intermediate care or reablement ends.
func outcome(o *Outcomes, x float64) int {
	switch {
	case x < o.Home:
		return 0
	case x < o.Home+o.CareHome:
		return 1
	case x < o.Home+o.CareHome+o.Readmit:
		return 2
	}
	return 3
}

// endStay ends patient id's intermediate-care stay or reablement package
// (service s) with the outcome drawn from o (patient slot slot): a care
// home, keeping the place until one is free; a readmission, giving the
// place up first; or home or death. A care-home resident's home is their
// own care home: for them a care home is home, and leaving an
// intermediate-care bed for it is a return (onFit).
func (m *model) endStay(id int32, s *service, o *Outcomes, slot uint64) error {
	pt := m.pts.At(id)
	out := outcome(o, m.u(pt, slot))
	if pt.route == routeCareHome && out <= 1 {
		out = 0
		if s == svcIC {
			m.count(cCareHomeReturns)
		}
	}
	switch out {
	case 0:
		if hc := &m.p.Services.HomeCare; s == svcReablement && hc.Enabled && pt.route != routeCareHome &&
			m.u(pt, slotAfterReablement) < hc.AfterReablement {
			m.trace(id, "ready", s.name)
			return m.askHomeCare(id, hcHospital)
		}
	case 1:
		if m.p.Services.CareHomes.Enabled {
			m.trace(id, "ready", s.name)
			return m.do(m.net.Request(id, svcCareHomes.pool(), 0, m.gr[:0]))
		}
	case 2:
		m.leaveStay(s, id)
		if err := m.releaseKeep(id); err != nil {
			return err
		}
		m.readmitNow(id)
		return nil
	}
	if out != 3 && s.discharge != nil {
		// Home (or, with care homes off, home instead): at the bed's
		// discharge time. A death leaves at once.
		return m.mayLeave(s, id)
	}
	m.leaveStay(s, id)
	return m.release(id)
}

// readmitNow turns patient id, who has left intermediate care or
// reablement, into an emergency readmission now.
func (m *model) readmitNow(id int32) {
	pt := m.pts.At(id)
	now := m.cal.Now()
	within := pt.discharged >= 0 && now-pt.discharged <= 30
	m.readmit(pt, now, within)
	m.pts.Free(id)
}
