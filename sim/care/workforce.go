package care

import (
	"fmt"
	"math"
	"strings"
)

// The workforce: the staff each service needs, has and hires.
//
// A service states its staffing in its own description (service.staff)
// as whole-time equivalents (WTE) per unit of its capacity, by role, read
// from the staff field of its section of the scenario
// (services.acute.staff.nurses: WTE per acute bed). Its establishment is
// those ratios times the units it plans (the capacity the parameters and
// interventions give it, before any unit is closed for want of staff):
//
//	E(s, r) = ratio(s, r) × planned(s)
//
// Each service keeps its own staff in post S(s, r), which starts at
// E × (1 − Vacancy) and moves once a day (at each midnight, dt = 1 day) by
// leavers and recruits, with the role's rates of the workforce section:
//
//	V        = max(0, E − S)                  vacancies
//	leavers  = S × Leaving / 365.25
//	recruits = V / TimeToFill                 (all of V when TimeToFill ≤ 1 day)
//	S'       = S − leavers + recruits
//
// so that a role holds its vacancy rate v when TimeToFill = 365.25 v /
// (Leaving (1 − v)) days: the rate at which vacancies fill balances the
// rate at which staff leave. Staff above the establishment (after a cut)
// leave by attrition; nobody is made redundant.
//
// Bank and agency staff cover the share AgencyCover of the vacancies. The
// staff available are A = S + AgencyCover × V. With the staffing rule on
// (Workforce.Close), a unit opens only when its staff are there: a unit
// needs ratio × OpenAt WTE of each role it names, so that
//
//	limit(s) = min over r with ratio(s, r) > 0 of floor(A(s, r) / (ratio(s, r) × OpenAt))
//	open(s)  = min(planned(s), limit(s))
//
// and a service's units beyond its limit are closed (a ward without nurses
// is a closed ward); a patient in a unit that closes keeps it until they
// leave, as for any cut in capacity. With the rule off every planned unit
// opens. The agency staff used are those the open units need beyond the
// staff in post, up to the cover:
//
//	agency(s, r) = min(AgencyCover × V, max(0, ratio(s, r) × open(s) − S))
//
// Home care, which is not a pool of the service table, is staffed the
// same way per hour a week of its market's capacity (homeCareStaff), and
// its limit caps the hours the market delivers; primary care per
// whole-time-equivalent GP of the localities (primaryCareStaff), its
// limit capping the GPs whose appointments are offered.

// Roles of the workforce, in the order of [RoleNames].
const (
	RoleNurses = iota
	RoleDoctors
	RoleTherapists
	RoleSocialWorkers
	RoleCareWorkers
	RoleGPs
	NumRoles
)

// RoleNames are the roles' keys in the scenario (services.*.staff and the
// workforce section) and in the names of the workforce measures.
var RoleNames = [NumRoles]string{"nurses", "doctors", "therapists", "social_workers", "care_workers", "gps"}

// RoleTitles name the roles for a reader.
var RoleTitles = [NumRoles]string{"Nurses", "Doctors", "Therapists", "Social workers", "Care workers", "GPs"}

// The organisations that employ a service's staff, in the order of
// [Employers]: the acute trust, the community provider and the council
// (its in-house services), named as package finance names them, and the
// independent providers (care homes, home care agencies), whose staff's
// costs are in the fees the accounts pay them.
const (
	employerAcute = iota
	employerCommunity
	employerSocialCare
	employerIndependent
	NumEmployers
)

// Employers names the employing organisations: package finance's names
// for those whose accounts it keeps, and "independent" for the
// independent providers, whose agency premium it does not price.
var Employers = [NumEmployers]string{"acute", "community", "social-care", "independent"}

// Staffing is a service's staff per unit of its capacity (per bed, place,
// cubicle, chair, clinician or hour a week of home care), in whole-time
// equivalents, by role. Its zero value needs no staff: the service is not
// counted in the workforce and never closes for want of staff.
type Staffing struct {
	Nurses        float64 `yaml:"nurses"`
	Doctors       float64 `yaml:"doctors"`
	Therapists    float64 `yaml:"therapists"`
	SocialWorkers float64 `yaml:"social_workers"`
	CareWorkers   float64 `yaml:"care_workers"`
	GPs           float64 `yaml:"gps"`
}

// Ratio returns the WTE per unit of role r (a Role constant).
func (s *Staffing) Ratio(r int) float64 {
	return [NumRoles]float64{s.Nurses, s.Doctors, s.Therapists, s.SocialWorkers, s.CareWorkers, s.GPs}[r]
}

// Workforce is the staff of every service by role: how many are in post
// at the start, how fast they leave and are recruited, how much of the
// gap bank and agency staff cover, and whether capacity that cannot be
// staffed closes. The services' staffing ratios are in their own sections
// (services.*.staff). Its zero value (Enabled false) counts no staff and
// closes nothing, as textbook scenarios need.
type Workforce struct {
	Enabled bool `yaml:"enabled"`
	// Close is the staffing rule: true closes the units of a service
	// that its staff available cannot open (see OpenAt); false opens
	// every planned unit and only counts the staff.
	Close bool `yaml:"close"`
	// OpenAt is the share of a unit's establishment of each role that
	// must be available (in post or covered by bank and agency) for the
	// unit to open: 1 opens only fully staffed units, 0.9 lets a ward run
	// at 90% of its establishment. Above 0; read only with Close.
	OpenAt float64 `yaml:"open_at" unit:"fraction"`

	Nurses        Role `yaml:"nurses"`
	Doctors       Role `yaml:"doctors"`
	Therapists    Role `yaml:"therapists"`
	SocialWorkers Role `yaml:"social_workers"`
	CareWorkers   Role `yaml:"care_workers"`
	GPs           Role `yaml:"gps"`
}

// Role returns the parameters of role r (a Role constant).
func (w *Workforce) Role(r int) *Role {
	return [NumRoles]*Role{&w.Nurses, &w.Doctors, &w.Therapists, &w.SocialWorkers, &w.CareWorkers, &w.GPs}[r]
}

// Role is one role's staff across the services: the same rates for every
// service that employs it.
type Role struct {
	// Vacancy is the share of the establishment vacant at the start of
	// the warm-up: staff in post start at E × (1 − Vacancy).
	Vacancy float64 `yaml:"vacancy" unit:"fraction"`
	// Leaving is the share of staff in post who leave in a year
	// (turnover, leavers from the organisation).
	Leaving float64 `yaml:"leaving" unit:"fraction"`
	// TimeToFill is the mean time a vacancy stays open: each day the
	// share 1/TimeToFill of the vacancies is filled, in days. A day or
	// less (0) fills every vacancy at the next midnight.
	TimeToFill float64 `yaml:"time_to_fill" unit:"duration"`
	// AgencyCover is the share of the vacancies that bank and agency
	// staff cover.
	AgencyCover float64 `yaml:"agency_cover" unit:"fraction"`
}

// maxStaffRatio bounds a staffing ratio: 100 WTE per unit, more than ten
// times an intensive-care bed's (about 7 registered nurses per bed, one
// to one round the clock with leave).
const maxStaffRatio = 100

// check checks the workforce section and the services' staffing ratios.
func (w *Workforce) check(c *checker, s *Services) {
	const at = "workforce."
	c.fraction(at+"open_at", w.OpenAt)
	if w.Enabled && w.Close && !(w.OpenAt > 0) {
		c.add(at+"open_at", "must be above 0 when the staffing rule is on (close: true): the share of a unit's staff that must be there for it to open, such as 100%%")
	}
	for r := range NumRoles {
		ro, p := w.Role(r), at+RoleNames[r]+"."
		c.fraction(p+"vacancy", ro.Vacancy)
		c.fraction(p+"leaving", ro.Leaving)
		c.fraction(p+"agency_cover", ro.AgencyCover)
		c.nonNegative(p+"time_to_fill", ro.TimeToFill)
	}
	for _, u := range staffedUnits {
		st := u.staff(s)
		for r := range NumRoles {
			x, p := st.Ratio(r), "services."+u.key+".staff."+RoleNames[r]
			c.nonNegative(p, x)
			if x > maxStaffRatio {
				c.add(p, "must be at most %d WTE per unit, not %v (an intensive-care bed needs about 7 nurses)", maxStaffRatio, x)
			}
		}
	}
}

// workforceUnread returns why a change to the parameter at path would
// change nothing because the workforce is switched off, or "".
func (p *Params) workforceUnread(path string) string {
	if p.Workforce.Enabled {
		return ""
	}
	if strings.HasPrefix(path, "workforce.") || strings.Contains(path, ".staff.") && strings.HasPrefix(path, "services.") {
		return "the workforce is switched off in this scenario (workforce.enabled: false), so nothing reads the staff; switch it on to change them"
	}
	return ""
}

// staffedUnit is a service whose staff the workforce counts: a service of
// the table with a staff field, or home care.
type staffedUnit struct {
	name, key, title string
	employer         int
	staff            func(p *Services) *Staffing
	// planned returns its planned units under the model's current
	// parameters (0 when it is switched off).
	planned func(m *model) float64
	// closed is the index in model.counts of its daily count of units
	// closed for want of staff.
	closed int
}

// homeCareStaff is home care's staffing, per hour a week of the market's
// capacity.
var homeCareStaff = &staffedUnit{
	name: "home-care", key: "home_care", title: "Home care", employer: employerIndependent,
	staff: func(p *Services) *Staffing { return &p.HomeCare.Staff },
	planned: func(m *model) float64 {
		if hc := &m.p.Services.HomeCare; hc.Enabled {
			return math.Round(hc.Hours)
		}
		return 0
	},
}

// index returns u's index in staffedUnits.
func (u *staffedUnit) index() int {
	for i, v := range staffedUnits {
		if v == u {
			return i
		}
	}
	panic("care: " + u.name + " is not a staffed unit")
}

// staffedUnits lists the staffed services, in the order of the service
// table, then home care and primary care. Set when the package is initialised.
var staffedUnits []*staffedUnit

// The daily counts of the workforce, from wfCounts in model.counts: for
// each role, the WTE needed, in post, vacant and from bank and agency;
// then each employer's agency WTE by role; then each staffed unit's
// units closed (staffedUnit.closed).
const (
	wfNeeded = iota
	wfInPost
	wfVacant
	wfAgency
	numWFByRole
)

var wfCounts int

// wfCount returns the index in model.counts of the workforce count k
// (wfNeeded …) of role r.
func wfCount(k, r int) int { return wfCounts + k*NumRoles + r }

// wfAgencyOf returns the index of employer e's agency WTE of role r.
func wfAgencyOf(e, r int) int { return wfCounts + numWFByRole*NumRoles + e*NumRoles + r }

// initWorkforce lists the staffed units and gives the workforce its daily
// counts, after initServices.
func initWorkforce() {
	staffedUnits = nil
	for _, s := range services {
		s.staffIx = -1
		if s.staff == nil {
			continue
		}
		s.staffIx = len(staffedUnits)
		svc := s
		staffedUnits = append(staffedUnits, &staffedUnit{name: s.name, key: s.key, title: s.title, employer: s.employer, staff: s.staff,
			planned: func(m *model) float64 {
				if !m.isOn(svc) {
					return 0
				}
				return float64(*svc.units(&m.p.Services))
			}})
	}
	staffedUnits = append(staffedUnits, homeCareStaff, primaryCareStaff)
	wfCounts = numCountsAll
	numCountsAll += numWFByRole*NumRoles + NumEmployers*NumRoles
	for _, u := range staffedUnits {
		u.closed = numCountsAll
		numCountsAll++
	}
	workforceMeasures = buildWorkforceMeasures()
}

// workforce is the workforce's state in one replication: each staffed
// unit's staff in post by role and its limit, the units its staff can
// open (+Inf without the rule).
type workforce struct {
	on      bool
	inPost  [][NumRoles]float64 // by staffedUnits index
	limit   []float64
	planned []float64 // the planned units at the last update
}

// staffedLimit returns the units of service s that its staff can open:
// +Inf when the workforce is off or s is not staffed.
func (m *model) staffedLimit(s *service) float64 {
	if !m.wf.on || s.staffIx < 0 {
		return math.Inf(1)
	}
	return m.wf.limit[s.staffIx]
}

// startWorkforce puts the establishment's staff in post, less the
// vacancies, at the start of the warm-up, after the census has filled
// the planned units, sets the limits and schedules the first daily
// update. It reports whether the workforce is on, so that the capacities
// are set again to what the staff can open.
func (m *model) startWorkforce() bool {
	w := &m.p.Workforce
	m.wf.on = w.Enabled
	if !w.Enabled {
		return false
	}
	n := len(staffedUnits)
	m.wf.inPost = make([][NumRoles]float64, n)
	m.wf.limit = make([]float64, n)
	m.wf.planned = make([]float64, n)
	for i, u := range staffedUnits {
		planned, st := u.planned(m), u.staff(&m.p.Services)
		for r := range NumRoles {
			m.wf.inPost[i][r] = st.Ratio(r) * planned * (1 - w.Role(r).Vacancy)
		}
	}
	m.staffDay(0)
	if 1 < m.end {
		m.cal.Schedule(1, evWorkforce, 0)
	}
	return true
}

// onWorkforce is a midnight's update: staff leave and are recruited over
// the day gone, the day's staff are recorded, and the capacities are set
// again when a limit moved.
func (m *model) onWorkforce() error {
	w := &m.p.Workforce
	for i, u := range staffedUnits {
		planned, st := u.planned(m), u.staff(&m.p.Services)
		for r := range NumRoles {
			ro := w.Role(r)
			s := m.wf.inPost[i][r]
			v := max(0, st.Ratio(r)*planned-s)
			fill := v
			if ro.TimeToFill > 1 {
				fill = v / ro.TimeToFill
			}
			m.wf.inPost[i][r] = s - s*ro.Leaving/daysPerYear + fill
		}
	}
	day := m.day()
	if next := m.cal.Now() + 1; next < m.end {
		m.cal.Schedule(next, evWorkforce, 0)
	}
	if m.staffDay(day) {
		return m.syncCapacity()
	}
	return nil
}

// daysPerYear turns the yearly leaving rates into daily ones.
const daysPerYear = 365.25

// staffDay computes each staffed unit's limit from its staff now,
// records day's counts and reports whether any limit changed.
func (m *model) staffDay(day int) bool {
	w := &m.p.Workforce
	changed := false
	for k := range numWFByRole * NumRoles {
		m.counts[wfCounts+k].Set(day, 0)
	}
	for e := range NumEmployers {
		for r := range NumRoles {
			m.counts[wfAgencyOf(e, r)].Set(day, 0)
		}
	}
	for i, u := range staffedUnits {
		planned, st := u.planned(m), u.staff(&m.p.Services)
		limit := math.Inf(1)
		var avail, vac [NumRoles]float64
		for r := range NumRoles {
			ratio := st.Ratio(r)
			if ratio <= 0 {
				continue
			}
			s := m.wf.inPost[i][r]
			vac[r] = max(0, ratio*planned-s)
			avail[r] = s + w.Role(r).AgencyCover*vac[r]
			if w.Close {
				// The small tolerance keeps a unit whose staff are
				// exactly there (up to rounding) open.
				limit = min(limit, math.Floor(avail[r]/(ratio*w.OpenAt)+1e-9))
			}
		}
		open := min(planned, limit)
		for r := range NumRoles {
			ratio := st.Ratio(r)
			if ratio <= 0 {
				continue
			}
			s := m.wf.inPost[i][r]
			agency := min(w.Role(r).AgencyCover*vac[r], max(0, ratio*open-s))
			m.counts[wfCount(wfNeeded, r)].Inc(day, ratio*planned)
			m.counts[wfCount(wfInPost, r)].Inc(day, s)
			m.counts[wfCount(wfVacant, r)].Inc(day, vac[r])
			m.counts[wfCount(wfAgency, r)].Inc(day, agency)
			m.counts[wfAgencyOf(u.employer, r)].Inc(day, agency)
		}
		m.counts[u.closed].Set(day, planned-open)
		if limit != m.wf.limit[i] {
			changed = true
			m.wf.limit[i] = limit
		}
		m.wf.planned[i] = planned
	}
	return changed
}

// workforceMeasures are the workforce's measures, built by initWorkforce:
// for each role, the WTE needed, in post, vacant and from bank and agency
// as yearly means and over the measured period, and its vacancy rate;
// each employer's agency WTE by role, which package finance prices; and
// each staffed service's units closed for want of staff.
var workforceMeasures []measureDef

func buildWorkforceMeasures() []measureDef {
	var out []measureDef
	what := [numWFByRole]struct{ name, doc string }{
		{"wte_needed", "staff needed for the planned capacity (the establishment: services.*.staff × planned units)"},
		{"wte_in_post", "staff in post"},
		{"wte_vacant", "vacancies: the establishment less the staff in post, when above it"},
		{"wte_agency", "bank and agency staff working: covering vacancies of the units open, up to workforce.*.agency_cover of the vacancies"},
	}
	for r, role := range RoleNames {
		for k, w := range what {
			out = append(out, annual(follows, w.name+"_"+role, "WTE", stock(count(wfCount(k, r))),
				fmt.Sprintf("%s, %s, whole-time equivalents, mean over the year", RoleTitles[r], w.doc)))
		}
	}
	for r, role := range RoleNames {
		out = append(out,
			metric(follows, "wte_in_post_"+role, "WTE", stockMean(count(wfCount(wfInPost, r))),
				RoleTitles[r]+" in post, whole-time equivalents, mean over the measured period"),
			metric(follows, "vacancy_rate_"+role, "fraction", fraction(count(wfCount(wfVacant, r)), count(wfCount(wfNeeded, r))),
				RoleTitles[r]+": vacancies over the establishment, over the measured period"),
			metric(follows, "wte_agency_"+role, "WTE", stockMean(count(wfCount(wfAgency, r))),
				RoleTitles[r]+" from bank and agency, whole-time equivalents, mean over the measured period"))
	}
	for e, org := range Employers {
		for r, role := range RoleNames {
			out = append(out, annual(follows, "wte_agency_"+role+"_"+snake(org), "WTE", stock(count(wfAgencyOf(e, r))),
				fmt.Sprintf("%s from bank and agency employed by the %s services (priced at money.workforce but for independent providers'), mean over the year", RoleTitles[r], org)))
		}
	}
	for _, u := range staffedUnits {
		out = append(out,
			annual(follows, u.key+"_units_unstaffed", "units", stock(count(u.closed)),
				u.title+": planned units closed because their staff are not there (workforce.close), mean over the year"),
			metric(follows, u.key+"_units_unstaffed_mean", "units", stockMean(count(u.closed)),
				u.title+": planned units closed for want of staff, mean over the measured period"))
	}
	return out
}

// snake writes an organisation's name in snake case: social_care.
func snake(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == '-' {
			b[i] = '_'
		}
	}
	return string(b)
}
