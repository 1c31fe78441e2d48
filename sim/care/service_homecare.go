package care

import (
	"math"

	"caresim/sim/des"
)

// HomeCare is home care (domiciliary care) as a market with a capacity in
// hours a week: the hours of care its providers can deliver at once. A
// package is a number of hours a week, drawn from Package and rounded to
// a whole hour (at least 1, at most MaxPackageHours), held for a Duration.
// A package starts when the hours it needs are free, or, for a package
// larger than the market, when nothing else is delivered; until then its
// person waits where they are: in an acute bed (a patient going home with
// a new package, FromHome), in a reablement place (a reablement client
// who goes on to home care, AfterReablement), or at home (people from the
// community, Community a day).
//
// Hospital discharges come first: a package for someone in an acute bed or
// a reablement place starts before any for someone at home, in the order
// asked, and while the first of them waits for hours no one at home
// starts (councils were charged for social-care delays to discharge,
// Community Care (Delayed Discharges etc.) Act 2003, and the Care Act
// 2014, schedule 3). People at home are served in the order they asked.
//
// Switched off, nobody needs a package. The market is not a pool of the
// kernel's network (a package holds many hours, a pool's unit is one), so
// home care is not in the service table; its measures are homeCareMeasures.
type HomeCare struct {
	Enabled bool `yaml:"enabled"`
	// Hours is the market's capacity, in hours of care a week.
	Hours float64 `yaml:"hours"`
	// Package is a package's size, in hours of care a week.
	Package des.Dist `yaml:"package"`
	// Duration is how long a package lasts, in days.
	Duration des.Dist `yaml:"duration" unit:"duration"`
	// Occupied is the hours a week in use at the start of the warm-up:
	// packages part-way through, drawn as the census draws beds.
	Occupied float64 `yaml:"occupied"`
	// Community is new packages a day for people at home at Start,
	// growing by Growth a year (before Start too, through the warm-up).
	Community float64 `yaml:"community" unit:"rate"`
	Growth    float64 `yaml:"growth" unit:"fraction"`
	// FromHome is the share of emergency patients going home (pathway 0)
	// who need a new package of care, waiting in their acute bed for it.
	FromHome float64 `yaml:"from_home" unit:"fraction"`
	// AfterReablement is the share of reablement clients going home at
	// the end of reablement who go on to a package of home care, keeping
	// their reablement place until it starts.
	AfterReablement float64 `yaml:"after_reablement" unit:"fraction"`
	// Staff is the market's care workers (and any other staff) per hour
	// a week of its capacity (workforce.go).
	Staff Staffing `yaml:"staff"`
}

// MaxPackageHours is the largest package: care around the clock, 168
// hours a week.
const MaxPackageHours = 168

// maxHomeCareHours bounds HomeCare.Hours and Occupied: 500,000 hours a
// week, more than a tenth of England's 4.1 million in 2008 and 15 times
// the baseline's largest (34,200). The levels of hours keep 8 bytes for
// every hour up to the highest reached, as a bed pool's do for every bed.
const maxHomeCareHours = MaxUnits

// Where a person waits for a package of home care.
const (
	hcHospital  = iota // in an acute bed or a reablement place
	hcCommunity        // at home
)

// homeCare is the market's state in one replication.
type homeCare struct {
	cap, used int            // hours a week: capacity and in use
	wait      [2]patientFIFO // by hcHospital, hcCommunity
	busy      bool           // dispatching: do not re-enter
}

// patientFIFO is a first-in first-out queue of patients.
type patientFIFO struct {
	ids  []int32
	head int
}

func (q *patientFIFO) push(id int32) { q.ids = append(q.ids, id) }
func (q *patientFIFO) len() int      { return len(q.ids) - q.head }
func (q *patientFIFO) front() int32  { return q.ids[q.head] }

func (q *patientFIFO) pop() {
	q.head++
	if q.head == len(q.ids) {
		q.ids, q.head = q.ids[:0], 0
	} else if q.head >= 1024 && 2*q.head >= len(q.ids) {
		n := copy(q.ids, q.ids[q.head:])
		q.ids, q.head = q.ids[:n], 0
	}
}

// check checks the home-care market's parameters.
func (h *HomeCare) check(c *checker) {
	const at = "services.home_care."
	c.nonNegative(at+"hours", h.Hours)
	c.atMost(at+"hours", h.Hours, maxHomeCareHours, "500,000 hours a week", "more than a tenth of England's")
	if h.Enabled && h.Hours < 1 {
		c.add(at+"hours", "must be at least 1 when home care is enabled: its packages would wait for ever (switch it off with enabled: false)")
	}
	c.nonNegative(at+"occupied", h.Occupied)
	c.atMost(at+"occupied", h.Occupied, maxHomeCareHours, "500,000 hours a week", "each hour in use at the start is part of a package, a person from the start")
	if !c.later && h.Occupied > h.Hours && finite(h.Occupied) {
		c.add(at+"occupied", "%.6g hours a week in use at the start, but the market has only %.6g", h.Occupied, h.Hours)
	}
	c.dist(at+"package", &h.Package, h.Enabled)
	c.dist(at+"duration", &h.Duration, h.Enabled)
	c.nonNegative(at+"community", h.Community)
	c.atMost(at+"community", h.Community, MaxPerDay, "100,000 a day", "more packages than people")
	c.growth(at+"growth", h.Growth)
	c.fraction(at+"from_home", h.FromHome)
	c.fraction(at+"after_reablement", h.AfterReablement)
}

// packageHours draws patient pt's package size, in whole hours a week.
func (m *model) packageHours(pt *patient) uint8 {
	h := math.Round(float64(m.sample(pt, slotHomeCareHours, &m.p.Services.HomeCare.Package)))
	return uint8(min(MaxPackageHours, max(1, h)))
}

// askHomeCare puts patient id in the queue for a package of home care
// from where (hcHospital or hcCommunity), and starts what the market can.
func (m *model) askHomeCare(id int32, where int) error {
	pt := m.pts.At(id)
	pt.hours = m.packageHours(pt)
	pt.dta = m.cal.Now()
	m.hc.wait[where].push(id)
	m.lv[lvHomeCareWaiting+where].Add(m.cal.Now(), 1)
	return m.dispatchHomeCare()
}

// fits reports whether a package of h hours can start now.
func (hc *homeCare) fits(h int) bool { return hc.used+h <= hc.cap || hc.used == 0 }

// dispatchHomeCare starts the packages waiting that the market has hours
// for: hospital discharges first, in the order asked, then people at home
// while no discharge waits.
func (m *model) dispatchHomeCare() error {
	hc := &m.hc
	if hc.busy {
		return nil
	}
	hc.busy = true
	defer func() { hc.busy = false }()
	for where := range hc.wait {
		q := &hc.wait[where]
		for q.len() > 0 {
			id := q.front()
			if !hc.fits(int(m.pts.At(id).hours)) {
				return nil
			}
			q.pop()
			m.lv[lvHomeCareWaiting+where].Add(m.cal.Now(), -1)
			if err := m.startPackage(id, where); err != nil {
				return err
			}
		}
	}
	return nil
}

// startPackage starts patient id's package of home care now: the patient
// leaves the acute bed or reablement place they held, if any.
func (m *model) startPackage(id int32, where int) error {
	pt := m.pts.At(id)
	now := m.cal.Now()
	if m.measured {
		m.tallies[tHomeCareWait+where].Add(float64(now - pt.dta))
	}
	switch m.net.Holds(id) {
	case svcAcute.pool():
		m.leaveAcute(id) // may add a readmission, moving the slab
		if err := m.releaseKeep(id); err != nil {
			return err
		}
	case svcReablement.pool():
		m.leaveStay(svcReablement, id)
		if err := m.releaseKeep(id); err != nil {
			return err
		}
	}
	pt = m.pts.At(id)
	pt.kind = kindHomeCare
	h := int(pt.hours)
	m.hc.used += h
	m.lv[lvHomeCareHours].Add(now, h)
	m.lv[lvHomeCarePackages].Add(now, 1)
	m.count(cHomeCareStarts + where)
	m.trace(id, "start", "home-care")
	m.cal.Schedule(now+max(0, m.sample(pt, slotHomeCareDuration, &m.p.Services.HomeCare.Duration)), evHomeCareEnd, id)
	return nil
}

// onHomeCareEnd ends patient id's package: its hours go to those waiting.
func (m *model) onHomeCareEnd(id int32) error {
	pt := m.pts.At(id)
	h := int(pt.hours)
	m.hc.used -= h
	m.lv[lvHomeCareHours].Add(m.cal.Now(), -h)
	m.lv[lvHomeCarePackages].Add(m.cal.Now(), -1)
	m.trace(id, "leave", "home-care")
	m.pts.Free(id)
	return m.dispatchHomeCare()
}

// syncHomeCare sets the market's capacity from the parameters, records
// it, and starts the packages it lets in.
func (m *model) syncHomeCare() error {
	hc := &m.p.Services.HomeCare
	c := 0
	if hc.Enabled {
		c = int(math.Round(hc.Hours))
	}
	if m.wf.on {
		c = int(min(float64(c), m.wf.limit[homeCareStaff.index()]))
	}
	m.hc.cap = c
	m.lv[lvHomeCareCapacity].Set(m.cal.Now(), c)
	return m.dispatchHomeCare()
}

// censusHomeCare fills the market at the start of the warm-up with
// packages part-way through, until their hours reach HomeCare.Occupied,
// each with its remaining length drawn as census draws a bed's.
func (m *model) censusHomeCare() {
	hc := &m.p.Services.HomeCare
	if !hc.Enabled || hc.Occupied <= 0 {
		return
	}
	r := des.NewStream(m.cfg.Seed, m.cfg.Rep, "census/home-care")
	for float64(m.hc.used) < hc.Occupied {
		id := m.newPatient(r.Uint64(), kindHomeCare, -1, 0)
		pt := m.pts.At(id)
		pt.hours = m.packageHours(pt)
		_, remaining := lengthBiased(&hc.Duration, r)
		h := int(pt.hours)
		m.hc.used += h
		m.lv[lvHomeCareHours].Add(0, h)
		m.lv[lvHomeCarePackages].Add(0, 1)
		m.cal.Schedule(remaining, evHomeCareEnd, id)
	}
}

// homeCareMeasures are the home-care market's measures.
var homeCareMeasures = []measureDef{
	daily(follows, "home_care_hours_mean", "hours a week", dayMean(level(lvHomeCareHours)),
		"hours of home care a week in packages under way (time-weighted mean)"),
	daily(follows, "home_care_hours", "hours a week", dayMean(level(lvHomeCareCapacity)),
		"hours of home care a week the market can deliver (capacity)"),
	daily(follows, "home_care_waiting_hospital_mean", "people", dayMean(level(lvHomeCareWaiting+hcHospital)),
		"people waiting for a package of home care in an acute bed or a reablement place"),
	daily(follows, "home_care_waiting_community_mean", "people", dayMean(level(lvHomeCareWaiting+hcCommunity)),
		"people waiting at home for a package of home care"),
	annual(follows, "home_care_starts_hospital", "packages", total(count(cHomeCareStarts+hcHospital)),
		"packages of home care started for people leaving an acute bed or reablement"),
	annual(follows, "home_care_starts_community", "packages", total(count(cHomeCareStarts+hcCommunity)),
		"packages of home care started for people at home"),
	annual(follows, "home_care_package_days", "package days", levelDays(level(lvHomeCarePackages)),
		"days of packages of home care under way"),
	annual(follows, "home_care_hours_mean", "hours a week", yearMean(level(lvHomeCareHours)),
		"hours of home care a week in packages under way, mean over the year"),
	annual(follows, "home_care_hours", "hours a week", yearMean(level(lvHomeCareCapacity)),
		"hours of home care a week the market can deliver, mean over the year"),
	metric(follows, "home_care_utilisation_mean", "fraction", occupancy(level(lvHomeCareHours), level(lvHomeCareCapacity)),
		"hours of home care in packages under way over the market's hours, time-weighted"),
	metric(follows, "home_care_wait_days_mean_hospital", "days", tallyMean(tally(tHomeCareWait+hcHospital)),
		"asking to starting a package of home care, for people in an acute bed or a reablement place"),
	metric(follows, "home_care_wait_days_mean_community", "days", tallyMean(tally(tHomeCareWait+hcCommunity)),
		"asking to starting a package of home care, for people at home"),
}
