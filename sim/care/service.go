package care

import (
	"fmt"

	"caresim/sim/des"
	"caresim/sim/stats"
)

// A service is one capacity service of the model: a pool of units that
// patients hold (beds, caseload places, cubicles, chairs, clinicians),
// described once, in its own file (service_acute.go, service_ic.go, ...).
// The description is everything the model does with a service that is the
// same for every service: its pool, how to read whether it is switched on
// and its capacity from the parameters, its distributions and their
// parameter paths, the levels and the length-of-stay tally it keeps, the
// beds filled at the start, and its measures. Everything those drive (the
// pools, the capacity changes of syncCapacity, the distributions' set-up,
// the levels and tallies and their restart after warm-up, the census, the
// measures and their outputs) loops over [services].
//
// A service whose stays need nothing more than a length drawn from a
// distribution (intermediate care, reablement, care homes, community
// teams) starts and ends them with startStay and leaveStay, which read its
// description. Who is sent to a service, and what happens after a stay
// (outcomes, the next service), is flow logic, in flows.go.
//
// Descriptions are package-level values read at set-up; the hot path sees
// only the indices that package initialisation gives each one (id, the
// indices of its levels, count and tally), never its functions.
type service struct {
	// name names the pool and the service in traces: "intermediate-care".
	name string
	// key is its section of the scenario's services ("intermediate_care"),
	// so that its parameter paths are services.<key>.<field>.
	key string
	// title names the service for a reader: "Intermediate care".
	title string
	// enabled and units return the fields of its section of p that switch
	// it on and give its capacity (beds, places, cubicles); a service
	// switched off has no units, and so has one whose units is nil
	// (primary care, whose capacity is appointments a day, not places
	// held).
	enabled func(p *Services) *bool
	units   func(p *Services) *int
	// counts is the number of daily counts the service keeps of its own
	// beyond its count of entries (births, transfers out, appointments),
	// which its flows count with countOwn and its measures read as own(k).
	counts int
	// dists are its distributions, with their keys in its section.
	dists []serviceDist
	// stay, if not nil, returns the distribution of the length of a
	// stay, drawn from the patient's random slot slot, which the event end
	// ends (evStayEnd for a stay after which the patient leaves the
	// system: care homes); admit and leave are the events traced at its
	// start and end, "admit" and "leave" when not set.
	// startStay and leaveStay use them for the services whose stays need
	// nothing more.
	stay         func(p *Services) *des.Dist
	slot         uint64
	end          des.Kind
	admit, leave string
	// occupied, if not nil, returns the field giving the units occupied at
	// the start of warm-up, which census fills with stays part-way through
	// stay; residents says that those patients are care-home residents
	// rather than patients admitted urgently.
	occupied  func(p *Services) *int
	residents bool
	// discharge, if not nil, returns the service's discharge timing
	// (discharge.go): patients who may leave leave at their hour, drawn
	// from the patient's slots hourSlot and weekendSlot, by the event
	// depart, and the bed they leave is held for its turnaround.
	discharge             func(p *Services) *Discharge
	hourSlot, weekendSlot uint64
	depart                des.Kind
	// busy says that its flows keep a level of the patients it holds (its
	// occupancy; for ED, patients in the department), and capacity that
	// syncCapacity records its capacity as a level.
	busy, capacity bool
	// los says that its flows tally the lengths of stay, in days, of stays
	// ending in the measured period, in a tally of [LOSPools].
	los bool
	// measures are the measures of the service's values, each with its
	// position (see [DailyMeasures]).
	measures []measureDef
	// staff, if not nil, returns the service's staffing per unit of its
	// capacity (services.<key>.staff), which the workforce counts and,
	// with its rule on, closes units for want of (workforce.go); employer
	// is the organisation that employs them (employerAcute, ...).
	staff    func(p *Services) *Staffing
	employer int
	// chart, if not nil, charts the service's occupied units over time:
	// against its capacity in a run's charts, and every scenario's on one
	// axis in a comparison's (see [ChartedServices]).
	chart *serviceChart

	// Set by package initialisation (initServices), from the table:
	id      int // its index in services, which is its pool's des.PoolID
	busyLv  int // index of its busy level in model.lv, or -1
	capLv   int // index of its capacity level in model.lv, or -1
	entries int // index in model.counts of its count of patients starting there
	countIx int // index in model.counts of its first own count (counts)
	losIx   int // index of its tally in model.tallies and of its LOSPools entry, or -1
	staffIx int // index in staffedUnits (workforce.go), or -1 when it has no staff
}

// serviceDist is one distribution of a service: its key in the service's
// section (length_of_stay) and where it is in the parameters.
type serviceDist struct {
	key string
	get func(p *Services) *des.Dist
}

// services is the table of capacity services, in the order of their
// pools. The order is part of the model: capacities are set, and units
// granted, in this order at a change of parameters, and census beds are
// filled in it. A new service is a file describing it plus an entry here.
var services = []*service{svcED, svcUTC, svcSDEC, svcAcute, svcIC, svcReablement, svcCareHomes, svcCommunity, svcCallHub, svcUCR,
	svcLiaison, svcMHBeds, svcMaternity, svcNeonatal, svcPAU, svcPaedWard, svcPrimaryCare, svcNHS111, svcOOH}

// pool returns the service's pool in the model's network.
func (s *service) pool() des.PoolID { return des.PoolID(s.id) }

// path returns the parameter path of the field key of the service's
// section.
func (s *service) path(key string) string { return "services." + s.key + "." + key }

// serviceChart says how a service is charted over time: the title of its
// beds chart ("Care home", as in "Care home beds occupied"), the file,
// title and unit of its comparison overlay, and the names of the daily
// measures of its mean occupancy and its capacity.
type serviceChart struct {
	title                  string
	overlay, measure, unit string
	mean, capacity         string
	// noun, if set, says what the chart counts in place of "beds
	// occupied" ("given", as in "Same-day GP appointments given"), and
	// axis its y axis's label.
	noun, axis string
}

// ChartedService is a service that a run's and a comparison's charts draw
// over time: its name (the beds chart is beds-NAME), the title of its
// beds chart, its comparison overlay's file, title and unit, and the
// indices in [DailyMeasures] of its mean occupancy and its capacity.
type ChartedService struct {
	Name, Title                 string
	Overlay, OverlayTitle, Unit string
	Mean, Capacity              int
	// Noun and Axis, when set, replace the beds chart's "beds occupied"
	// and its y axis's label: a service whose units are not beds.
	Noun, Axis string
}

// ChartedServices lists the services that charts draw over time, in the
// order of the service table. It is set when the package is initialised
// and must not be changed.
var ChartedServices []ChartedService

// LOSPool is a service whose lengths of stay a [Result] keeps in LOS.
type LOSPool struct {
	Name  string // the service's name, as in traces: "intermediate-care"
	Key   string // its section of the scenario's services: "intermediate_care"
	Title string // its name for a reader: "Intermediate care"
}

// LOSPools lists the services whose lengths of stay a [Result] keeps, in the
// order of Result.LOS and of the service table. It is set when the package
// is initialised and must not be changed.
var LOSPools []LOSPool

// LOSBinWidth is the width, in days, of the histogram bins of the tallies
// of Result.LOS: six hours.
const LOSBinWidth = 0.25

// The model's own levels, kept by the flows rather than by one service;
// the services' levels follow them in model.lv.
const (
	lvDelayed          = iota                           // medically fit patients in acute beds
	lvDelayedP1                                         // of them, waiting for reablement (pathway 1)
	lvDelayedP2                                         // for an intermediate-care bed (pathway 2)
	lvDelayedP3                                         // for a care home (pathway 3)
	lvWaitBed                                           // emergency patients with a decision to admit waiting for a bed
	lvAcutePlanned                                      // acute beds planned: services.acute.beds as scheduled (bedrule.go)
	lvAcuteClosed                                       // of them, closed by the bed-management rule and empty
	lvEscalation                                        // escalation beds open, occupied or not
	lvTurnaround                                        // acute beds in their turnaround (discharge.go)
	lvAwaitLeave                                        // patients who may leave an acute bed, waiting for their hour
	lvWaitList                                          // elective referrals on the waiting list (waitlist.go)
	lvWaitOver18                                        // of them, waiting more than 18 weeks at the last midnight
	lvEDBoarding                                        // admitted patients in the ED waiting for a bed (crowding.go)
	lvEDCorridor                                        // of them, those in corridor spaces
	lvDelayReason                                       // of the medically fit, those delayed for each reason from reasonAssessment (delays.go)
	lvDelayOwner       = lvDelayReason + numReasons - 1 // for each responsible organisation
	lvDToC             = lvDelayOwner + numOwners       // for a reason DToC counted
	lvHomeCareHours    = lvDToC + 1                     // hours a week of home care under way
	lvHomeCareCapacity = lvDToC + 2                     // hours a week the market can deliver
	lvHomeCarePackages = lvDToC + 3                     // packages of home care under way
	lvHomeCareWaiting  = lvDToC + 4                     // + hcHospital or hcCommunity: people waiting for a package
	lvMHWaitLiaison    = lvDToC + 6                     // crisis patients in ED waiting for a liaison assessment (service_mentalhealth.go)
	lvMHBoarding       = lvDToC + 7                     // crisis patients in ED waiting for a mental health bed
	lvMHBedWait        = lvDToC + 8                     // patients waiting for a mental health bed, in ED or elsewhere
	numOwnLevels       = lvDToC + 9
)

// The model's own tallies of the measured period; the services'
// length-of-stay tallies follow them in model.tallies.
const (
	tEDWait       = iota // arrival in ED to a cubicle, in hours
	tEDDept              // arrival in ED to leaving it, in hours
	tBedWait             // decision to admit to an acute bed, in days
	tDelayP1             // medically fit to leaving the acute bed, pathway 1, in days
	tDelayP2             // pathway 2
	tDelayP3             // pathway 3
	tRTTWait             // an elective referral to admission, in weeks
	tEDBoard             // decision to admit in ED to leaving it, in hours
	tHandover            // ambulance arrival to handover, in minutes
	tHomeCareWait        // + hcHospital or hcCommunity: asking to starting a package of home care, in days
	_
	tMHDept        // a crisis patient's arrival in ED to leaving it, in hours (service_mentalhealth.go)
	tMHLiaisonWait // referral to liaison to the start of the assessment, in hours
	tMHBedWait     // decision to admit to a mental health bed to admission, in hours
	tOOHWait       // an out-of-hours contact to the start of its consultation, in hours (service_ooh.go)
	numOwnTallies
)

// firstLOSTally is the index in model.tallies of the services'
// length-of-stay tallies, after the model's own and the outpatients'.
const firstLOSTally = numOwnTallies + numOPTallies

// numLevels, numCountsAll and numTallies are the sizes of the model's
// slices of levels, daily counts and tallies, set by initServices.
var numLevels, numCountsAll, numTallies int

// initServices gives each service of the table its id and the indices of
// its levels, count and tally, lists the services with a length-of-stay
// tally in LOSPools, and lists the staffed ones for the workforce
// (initWorkforce).
func initServices() {
	numLevels, numCountsAll, numTallies = numOwnLevels+numOPLevels, numCounts+numOPCounts, numOwnTallies+numOPTallies
	LOSPools = nil
	for i, s := range services {
		s.id = i
		if s.admit == "" {
			s.admit = "admit"
		}
		if s.leave == "" {
			s.leave = "leave"
		}
		s.busyLv, s.capLv, s.losIx = -1, -1, -1
		if s.busy {
			s.busyLv = numLevels
			numLevels++
		}
		if s.capacity {
			s.capLv = numLevels
			numLevels++
		}
		s.entries = numCountsAll
		numCountsAll++
		s.countIx = numCountsAll
		numCountsAll += s.counts
		if s.los {
			s.losIx = len(LOSPools)
			LOSPools = append(LOSPools, LOSPool{Name: s.name, Key: s.key, Title: s.title})
		}
	}
	numTallies = firstLOSTally + len(LOSPools)
	initWorkforce()
}

// busy returns service s's busy level; s must keep one.
func (m *model) busy(s *service) *stats.DailyLevel { return &m.lv[s.busyLv] }

// stays returns service s's length-of-stay tally; s must keep one.
func (m *model) stays(s *service) *stats.Tally { return &m.tallies[firstLOSTally+s.losIx] }

// countOwn counts one of service s's own counts (k from 0 to s.counts − 1)
// today.
func (m *model) countOwn(s *service, k int) { m.count(s.countIx + k) }

// isOn reports whether service s is switched on under the current
// parameters.
func (m *model) isOn(s *service) bool { return *m.svcOn[s.id] }

// unitsNow returns service s's capacity under the current parameters: 0
// when it is switched off, and no more than its staff can open
// (workforce.go).
func (m *model) unitsNow(s *service) int {
	if !m.isOn(s) || m.svcUnits[s.id] == nil || s == svcLiaison && !m.liaisonOn() {
		return 0
	}
	n := *m.svcUnits[s.id]
	if l := m.staffedLimit(s); l < float64(n) {
		return int(l)
	}
	return n
}

// bindServices keeps, for each service of the table, the fields of m's
// parameters that switch it on and give its units (nil for a service
// without units), which interventions change in place: read at every
// arrival, through the table's functions they cost two indirect calls
// each time.
func (m *model) bindServices() {
	m.svcOn = make([]*bool, len(services))
	m.svcUnits = make([]*int, len(services))
	for _, s := range services {
		m.svcOn[s.id] = s.enabled(&m.p.Services)
		if s.units != nil {
			m.svcUnits[s.id] = s.units(&m.p.Services)
		}
	}
}

func init() {
	initServices()
	initMeasures()
	initCharts()
}

// initCharts lists the charted services, with the indices of the daily
// measures their descriptions name.
func initCharts() {
	ChartedServices = nil
	for _, s := range services {
		c := s.chart
		if c == nil {
			continue
		}
		mean, capacity := DailyIndex(c.mean), DailyIndex(c.capacity)
		if mean < 0 || capacity < 0 {
			panic(fmt.Sprintf("care: service %s charts daily measures %q and %q, which it does not have", s.name, c.mean, c.capacity))
		}
		ChartedServices = append(ChartedServices, ChartedService{Name: s.name, Title: c.title,
			Overlay: c.overlay, OverlayTitle: c.measure, Unit: c.unit, Mean: mean, Capacity: capacity, Noun: c.noun, Axis: c.axis})
	}
}

// startStay starts patient id's stay in service s now: it counts the
// entry, adds the patient to s's busy level and schedules s's end event
// after a stay drawn from s's stay distribution with the patient's slot.
func (m *model) startStay(s *service, id int32) {
	pt := m.pts.At(id)
	now := m.cal.Now()
	m.count(s.entries)
	m.busy(s).Add(now, 1)
	pt.admitted = now
	m.trace(id, s.admit, s.name)
	m.cal.Schedule(now+max(0, m.sample(pt, s.slot, m.stayDist[s.id])), s.end, id)
}

// leaveStay records patient id leaving service s (the network has freed
// or is freeing the unit): s's busy level, and the length of stay when s
// tallies them.
func (m *model) leaveStay(s *service, id int32) {
	now := m.cal.Now()
	m.busy(s).Add(now, -1)
	if s.losIx >= 0 && m.measured {
		m.stays(s).Add(float64(now - m.pts.At(id).admitted))
	}
	m.trace(id, s.leave, s.name)
}

// census1 starts the stay of a census patient granted its unit of s at
// time 0: it counts the unit and schedules s's end event after the
// remaining stay, which census drew into pt.fit. It reports whether pt is
// a census patient.
func (m *model) census1(pt *patient, id int32, s *service) bool {
	if pt.flags&fCensus == 0 {
		return false
	}
	m.busy(s).Add(m.cal.Now(), 1)
	m.cal.Schedule(m.cal.Now()+pt.fit, s.end, id)
	return true
}
