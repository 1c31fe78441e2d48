package care

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"caresim/sim/des"
)

// Route and stratum names the model gives meaning to.
var (
	// RouteNames are the urgent routes of Demand.Urgent.Routes.
	RouteNames = []string{"walk-in", "ambulance", "gp-referral"}
	// CallRouteNames are the routes Call for Care may navigate: the urgent
	// routes of professionals, and care-home calls.
	CallRouteNames = []string{"ambulance", "gp-referral", "care-home"}
)

// shareTol is how far shares may sum from 1: they are typed with a few
// decimals ("33.3%"), so a sum off by rounding is accepted.
const shareTol = 1e-3

// Validate checks p and returns every problem found, each a
// *des.FieldError whose Field is the parameter path ("services.acute.beds",
// "population.age_bands[1].risk_shares"). It checks ranges, that shares
// sum to 1, that distributions are valid, that names are unique and
// referred to correctly, and that every intervention names number
// parameters, starts inside the horizon and has one effect per change.
// The model assumes Params that passed.
func (p *Params) Validate() []error {
	c := checker{}
	p.checkBase(&c)
	p.checkInterventions(&c)
	if len(c.errs) == 0 {
		p.checkEffects(&c)
	}
	return c.errs
}

// checkBase checks everything but the interventions.
func (p *Params) checkBase(c *checker) {
	if !p.Start.Valid() {
		c.add("start", "missing or not a real date: want the first day, such as 2014-04-01")
	}
	c.positive("horizon", float64(p.Horizon))
	c.nonNegative("warm_up.length", float64(p.WarmUp.Length))
	c.nonNegative("warm_up.max", float64(p.WarmUp.Max))
	p.Population.check(c)
	p.Demand.check(c, &p.Population)
	p.Services.check(c, p)
	p.Workforce.check(c, &p.Services)
	p.checkLimits(c)
}

// effectEnds are the values of the effects that Reach tries, in
// order: central first, so that a problem with no range to blame is told
// at the values a planner wrote, then each end of the ranges.
var effectEnds = []struct {
	name string
	pick func(e *Effect) float64
}{
	{"with the effects at their central values", func(e *Effect) float64 { return e.Central }},
	{"with the effects at the low ends of their ranges", func(e *Effect) float64 { return e.Low }},
	{"with the effects at the high ends of their ranges", func(e *Effect) float64 { return e.High }},
}

// checkEffects checks the parameters at every state [Params.Reach] visits
// (each date a change starts or finishes its ramp or its ramp down, with
// every effect and lag at its central, low and high value), as the model
// will meet them: a file that passes must not fail in the middle of a run,
// and an effect that takes a parameter out of its range (to: 15 on a
// fraction, meant as 15%) is refused as the same value in the base file
// would be. Each problem is reported once, at the first change that starts
// or ends on the date it first appears.
func (p *Params) checkEffects(c *checker) {
	seen := map[string]bool{}
	var before map[string]bool // the problems at the date before
	ends := ""
	p.Reach(func(r *Reached) {
		if r.Ends != ends {
			ends, before = r.Ends, map[string]bool{}
		}
		base := checker{later: true}
		r.Params.checkBase(&base)
		now := map[string]bool{}
		for _, e := range base.errs {
			now[e.Error()] = true
		}
		if len(base.errs) == 0 {
			before = now
			return
		}
		at := ""
		if len(r.Changes) > 0 {
			at = r.Changes[0].At()
		}
		for _, e := range base.errs {
			// A problem is the change's that first makes it, not
			// every later one's.
			key := at + "\x00" + e.Error()
			if before[e.Error()] || seen[key] {
				continue
			}
			seen[key] = true
			c.add(at, "from %v, %s: %v", p.Start.AddDays(int(math.Floor(float64(r.Day)))), r.Ends, e)
		}
		before = now
	})
}

// Reached is the parameters as a scenario's interventions leave them on
// one day, with every effect at one end of its range, as [Params.Reach]
// visits them.
type Reached struct {
	// Params are the parameters on Day. Reach changes them after visit
	// returns.
	Params *Params
	// Day is the day a change starts or finishes its ramp or ramp down, in days from
	// Params.Start.
	Day des.Time
	// Ends says where the effects are, for messages: "with the effects at
	// their central values", or at the low or the high ends of their
	// ranges.
	Ends string
	// Changes are the changes that start or finish their ramp on Day, in
	// the order written, one per parameter that a [*] path reaches.
	Changes []ReachedChange
}

// ReachedChange is one change that starts or finishes its ramp on a
// [Reached] day.
type ReachedChange struct {
	Intervention int    // the intervention's index in Params.Interventions
	Change       int    // the change's index in the intervention's Changes
	Path         string // the parameter it moves, with indexes: population.age_bands[2].urgent
}

// At returns the change's own path: interventions[3].changes[0].
func (c ReachedChange) At() string {
	return "interventions[" + strconv.Itoa(c.Intervention) + "].changes[" + strconv.Itoa(c.Change) + "]"
}

// Reach applies p's interventions to a copy of p with every effect at its
// central, its low and then its high value, and calls visit with the
// parameters on each day a change starts or finishes its ramp or its ramp
// down, in order of day. A ramp moves a parameter in a straight line, so these days'
// values and the base values bound every value the interventions give
// it. p is not changed; it must have passed [Params.Validate]'s checks
// of the base values and the interventions' paths (Validate's own check
// of the effects uses Reach). A scenario without interventions is never
// visited.
func (p *Params) Reach(visit func(r *Reached)) {
	for _, end := range effectEnds {
		q := p.Clone()
		pick := func(e *Effect) float64 {
			if e == nil {
				return 0
			}
			return end.pick(e)
		}
		s, err := buildSchedule(q, pick, pick)
		if err != nil {
			continue
		}
		r := Reached{Params: q, Ends: end.name}
		for _, t := range s.Times(des.Time(math.MaxFloat64)) {
			s.Apply(t)
			r.Day, r.Changes = t, r.Changes[:0]
			for _, ch := range s.changes {
				if ch.start == t || ch.start+ch.ramp == t || ch.end-ch.down == t || ch.end == t {
					r.Changes = append(r.Changes, ReachedChange{Intervention: ch.iv, Change: ch.change, Path: s.params[ch.param].Path})
				}
			}
			visit(&r)
		}
	}
}

type checker struct {
	errs []error
	// later says that the parameters are checked as interventions leave
	// them after the start, when what holds only at the start (the
	// census fits the beds) no longer applies.
	later bool
}

func (c *checker) add(path, format string, args ...any) {
	c.errs = append(c.errs, &des.FieldError{Field: path, Msg: fmt.Sprintf(format, args...)})
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func (c *checker) nonNegative(path string, x float64) {
	if !(x >= 0) || !finite(x) {
		c.add(path, "must be >= 0, not %v", x)
	}
}

func (c *checker) positive(path string, x float64) {
	if !(x > 0) || !finite(x) {
		c.add(path, "must be > 0, not %v", x)
	}
}

// count checks a capacity or a count of beds occupied: from 0 to
// MaxUnits.
func (c *checker) count(path string, n int) {
	if n < 0 {
		c.add(path, "must be >= 0, not %d", n)
	}
	if n > MaxUnits {
		c.add(path, "must be at most %d, not %d (the baseline's largest is 2650 care-home beds)", MaxUnits, n)
	}
}

// beds checks a bed pool's count and the beds occupied at the start.
func (c *checker) beds(path string, beds, occupied int) {
	c.count(path+".beds", beds)
	c.count(path+".occupied", occupied)
	if beds >= 0 && occupied > beds && !c.later {
		c.add(path+".occupied", "%d beds occupied at the start, but only %d beds", occupied, beds)
	}
}

func (c *checker) fraction(path string, x float64) {
	if !(x >= 0 && x <= 1) {
		c.add(path, "must be a fraction between 0 and 1 (0%% to 100%%), not %v", x)
	}
}

func (c *checker) growth(path string, x float64) {
	if !(x > -1) || !finite(x) {
		c.add(path, "must be a yearly growth above -100%%, not %v", x)
		return
	}
	c.yearly(path, x)
}

// shares checks a set of fractions that must sum to 1; names label them in
// the message.
func (c *checker) shares(path string, names []string, xs ...float64) {
	sum := 0.0
	for i, x := range xs {
		if !(x >= 0 && x <= 1) {
			c.add(path+"."+names[i], "must be a fraction between 0 and 1, not %v", x)
			return
		}
		sum += x
	}
	if math.Abs(sum-1) > shareTol {
		c.add(path, "shares must sum to 1 (100%%), not %.4g", sum)
	}
}

// shareList checks a list of fractions that must sum to 1 and have n
// entries, one per thing of kind what.
func (c *checker) shareList(path string, xs []float64, n int, what string) {
	if len(xs) != n {
		c.add(path, "needs %d shares, one per %s, not %d", n, what, len(xs))
		return
	}
	sum := 0.0
	for i, x := range xs {
		if !(x >= 0 && x <= 1) {
			c.add(path+"["+strconv.Itoa(i)+"]", "must be a fraction between 0 and 1, not %v", x)
			return
		}
		sum += x
	}
	if math.Abs(sum-1) > shareTol {
		c.add(path, "shares must sum to 1 (100%%), not %.4g", sum)
	}
}

// names checks that each name is given and unique.
func (c *checker) names(path string, names []string) {
	seen := map[string]int{}
	for i, n := range names {
		at := path + "[" + strconv.Itoa(i) + "].name"
		if n == "" {
			c.add(at, "missing: every entry needs a name")
			continue
		}
		if j, dup := seen[n]; dup {
			c.add(at, "duplicate name %q; also %s[%d]", n, path, j)
			continue
		}
		seen[n] = i
	}
}

// oneOf checks that each entry of list is one of known.
func (c *checker) oneOf(path string, list, known []string, what string) {
	for i, x := range list {
		switch {
		case len(known) == 0:
			c.add(path+"["+strconv.Itoa(i)+"]", "unknown %s %q: the scenario defines none", what, x)
		case !slices.Contains(known, x):
			c.add(path+"["+strconv.Itoa(i)+"]", "unknown %s %q; known: %s", what, x, strings.Join(known, ", "))
		}
	}
}

// dist checks a distribution, when required or given.
func (c *checker) dist(path string, d *des.Dist, required bool) {
	if d.Kind == 0 {
		if required {
			c.add(path, "missing: an enabled service needs this distribution, such as {kind: exponential, mean: 2d}")
		}
		return
	}
	if err := d.Init(); err != nil {
		for _, e := range unwrapAll(err) {
			var fe *des.FieldError
			if errors.As(e, &fe) {
				c.add(path+"."+fe.Field, "%s", fe.Msg)
			} else {
				c.add(path, "%v", e)
			}
		}
		return
	}
	// Every distribution of Params draws times, which cannot be
	// negative: a scenario file cannot write a negative one, but an
	// intervention's add can make one (add: -1d on a minimum of 12h).
	for _, p := range []struct {
		key string
		x   float64
	}{{"value", d.Value}, {"mean", d.Mean}, {"sd", d.SD}, {"median", d.Median}, {"p90", d.P90},
		{"scale", d.Scale}, {"min", d.Min}, {"mode", d.Mode}, {"max", d.Max}} {
		if p.x < 0 {
			c.add(path+"."+p.key, "must be >= 0 (a time), not %v", p.x)
		}
	}
	for i, x := range d.Values {
		if x < 0 {
			c.add(path+".values["+strconv.Itoa(i)+"]", "must be >= 0 (a time), not %v", x)
		}
	}
}

func unwrapAll(err error) []error {
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		return u.Unwrap()
	}
	return []error{err}
}

func (pop *Population) check(c *checker) {
	locs := make([]string, len(pop.Localities))
	for i, l := range pop.Localities {
		locs[i] = l.Name
	}
	c.names("population.localities", locs)
	bands := make([]string, len(pop.AgeBands))
	for i, a := range pop.AgeBands {
		bands[i] = a.Name
	}
	c.names("population.age_bands", bands)
	strata := make([]string, len(pop.Risk))
	for i, r := range pop.Risk {
		strata[i] = r.Name
	}
	c.names("population.risk_strata", strata)

	if len(pop.Localities) > 0 && len(pop.AgeBands) == 0 {
		c.add("population.age_bands", "missing: localities need at least one age band")
	}
	if len(pop.AgeBands) > 0 && len(pop.Risk) == 0 {
		c.add("population.risk_strata", "missing: age bands need at least one risk stratum")
	}
	usesBandShares := false
	for i, l := range pop.Localities {
		at := "population.localities[" + strconv.Itoa(i) + "]"
		c.nonNegative(at+".people", l.People)
		if len(l.AgeShares) == 0 {
			usesBandShares = true
		} else {
			c.shareList(at+".age_shares", l.AgeShares, len(pop.AgeBands), "age band")
		}
	}
	var bandShares []float64
	for i, a := range pop.AgeBands {
		at := "population.age_bands[" + strconv.Itoa(i) + "]"
		c.fraction(at+".share", a.Share)
		bandShares = append(bandShares, a.Share)
		c.growth(at+".growth", a.Growth)
		if len(pop.Risk) > 0 { // else reported once, above
			c.shareList(at+".risk_shares", a.RiskShares, len(pop.Risk), "risk stratum")
		}
		c.nonNegative(at+".urgent", a.Urgent)
		c.nonNegative(at+".elective", a.Elective)
		c.nonNegative(at+".care_home", a.CareHome)
		c.nonNegative(at+".same_day", a.SameDay)
		c.perHead(at+".same_day", a.SameDay)
		c.nonNegative(at+".routine", a.Routine)
		c.perHead(at+".routine", a.Routine)
		if a.Urgent > 0 && len(a.RiskShares) == len(pop.Risk) {
			mean := 0.0
			for r, s := range a.RiskShares {
				mean += s * pop.Risk[r].UrgentRatio
			}
			if !(mean > 0) {
				c.add(at+".risk_shares", "with these shares every stratum's urgent_ratio is 0, so the band's urgent demand cannot be shared out")
			}
		}
	}
	if usesBandShares && len(pop.AgeBands) > 0 {
		sum := 0.0
		for _, s := range bandShares {
			sum += s
		}
		if math.Abs(sum-1) > shareTol {
			c.add("population.age_bands", "shares must sum to 1 (100%%), not %.4g (a locality without age_shares uses them)", sum)
		}
	}
	for i, r := range pop.Risk {
		c.nonNegative("population.risk_strata["+strconv.Itoa(i)+"].urgent_ratio", r.UrgentRatio)
	}
}

// People returns the population at Start.
func (pop *Population) People() float64 {
	sum := 0.0
	for _, l := range pop.Localities {
		sum += l.People
	}
	return sum
}

func (d *Demand) check(c *checker, pop *Population) {
	u := &d.Urgent
	names := make([]string, len(u.Routes))
	for i, r := range u.Routes {
		names[i] = r.Name
	}
	c.names("demand.urgent.routes", names)
	sum := 0.0
	for i, r := range u.Routes {
		at := "demand.urgent.routes[" + strconv.Itoa(i) + "]"
		if r.Name != "" && !slices.Contains(RouteNames, r.Name) {
			c.add(at+".name", "unknown route %q; known: %v", r.Name, RouteNames)
		}
		c.fraction(at+".share", r.Share)
		sum += r.Share
		c.nonNegative(at+".per_day", r.PerDay)
		c.fraction(at+".admit", r.Admit)
		c.fraction(at+".self_care", r.SelfCare)
	}
	urgent := false
	for _, a := range pop.AgeBands {
		urgent = urgent || a.Urgent > 0
	}
	if urgent && pop.People() > 0 && math.Abs(sum-1) > shareTol {
		c.add("demand.urgent.routes", "route shares must sum to 1 (100%%), not %.4g", sum)
	}
	u.checkWinter(c)
	rp := des.RateProfile{PerDay: 1, HourOfWeek: u.HourOfWeek, Month: u.Month, Trend: u.Trend}
	if err := rp.Validate(); err != nil {
		for _, e := range unwrapAll(err) {
			// RateProfile names its field first ("month: needs 12
			// weights"); its keys are the scenario's keys.
			field, msg, ok := strings.Cut(e.Error(), ": ")
			if !ok || strings.ContainsAny(field, " ") {
				field, msg = "", e.Error()
			}
			c.add(strings.TrimSuffix("demand.urgent."+field, "."), "%s", msg)
		}
	}
}

func (s *Services) check(c *checker, p *Params) {
	routes := make([]string, len(p.Demand.Urgent.Routes))
	for i, r := range p.Demand.Urgent.Routes {
		routes[i] = r.Name
	}

	s.PrimaryCare.check(c, &p.Population)
	s.NHS111.check(c)
	s.OutOfHours.check(c)

	fd := &s.FrontDoor
	c.oneOf("services.front_door.routes", fd.Routes, routes, "route")
	if fd.Enabled {
		c.shares("services.front_door", []string{"to_ed", "to_urgent_treatment", "to_sdec", "to_community", "to_out_of_hours"},
			fd.ToED, fd.ToUrgentTreatment, fd.ToSDEC, fd.ToCommunity, fd.ToOutOfHours)
	}

	// A service that is on needs room: patients queue for its places and
	// would wait for ever at zero. (Community places are only taken when
	// free, so a caseload of zero is allowed.)
	needsRoom := func(path string, enabled bool, n int) {
		if enabled && n == 0 {
			c.add(path, "must be > 0 when the service is enabled: its patients would wait for ever (switch it off with enabled: false)")
		}
	}
	c.count("services.ed.cubicles", s.ED.Cubicles)
	c.dist("services.ed.treatment", &s.ED.Treatment, s.ED.Enabled)
	s.ED.checkCrowding(c, append(slices.Clone(routes), "care-home"))
	needsRoom("services.ed.cubicles", s.ED.Enabled, s.ED.Cubicles)
	needsRoom("services.urgent_treatment.clinicians", s.UrgentTreatment.Enabled, s.UrgentTreatment.Clinicians)
	needsRoom("services.sdec.chairs", s.SDEC.Enabled, s.SDEC.Chairs)
	needsRoom("services.acute.beds", s.Acute.Enabled, s.Acute.Beds)
	needsRoom("services.intermediate_care.beds", s.IntermediateCare.Enabled, s.IntermediateCare.Beds)
	needsRoom("services.reablement.caseload", s.Reablement.Enabled, s.Reablement.Caseload)
	needsRoom("services.care_homes.beds", s.CareHomes.Enabled, s.CareHomes.Beds)

	c.count("services.urgent_treatment.clinicians", s.UrgentTreatment.Clinicians)
	c.dist("services.urgent_treatment.treatment", &s.UrgentTreatment.Treatment, s.UrgentTreatment.Enabled)

	c.count("services.sdec.chairs", s.SDEC.Chairs)
	c.dist("services.sdec.treatment", &s.SDEC.Treatment, s.SDEC.Enabled)
	c.fraction("services.sdec.admit", s.SDEC.Admit)

	cfc := &s.CallForCare
	c.oneOf("services.call_for_care.routes", cfc.Routes, CallRouteNames, "route")
	c.fraction("services.call_for_care.calls", cfc.Calls)
	c.count("services.call_for_care.handlers", cfc.Handlers)
	c.dist("services.call_for_care.handling", &cfc.Handling, cfc.Enabled && cfc.Calls > 0)
	c.fraction("services.call_for_care.suitable", cfc.Suitable)
	c.fraction("services.call_for_care.step_up", cfc.StepUp)
	if cfc.Enabled && cfc.Calls > 0 && cfc.Handlers == 0 {
		c.add("services.call_for_care.handlers", "must be > 0 when calls is above 0: every call would go unanswered (set calls: 0 for no calls)")
	}

	ucr := &s.UrgentResponse
	c.count("services.urgent_community_response.places", ucr.Places)
	c.dist("services.urgent_community_response.duration", &ucr.Duration, ucr.Enabled)
	c.fraction("services.urgent_community_response.admit", ucr.Admit)

	a := &s.Acute
	c.beds("services.acute", a.Beds, a.Occupied)
	c.dist("services.acute.length_of_stay", &a.LengthOfStay, a.Enabled)
	c.dist("services.acute.assessment", &a.Assessment, false)
	c.fraction("services.acute.readmit", a.Readmit)
	a.Management.check(c, "services.acute.management", a.Beds)
	a.Discharge.check(c, "services.acute.discharge")
	a.EarlyDischarge.check(c, "services.acute.early_discharge", a.Readmit)
	if !c.later {
		p.checkSwitches(c)
		p.checkEarlyDischargeSwitch(c)
	}
	if a.Enabled {
		pw := &a.Pathways
		c.shares("services.acute.pathways", []string{"home", "reablement", "bed", "care_home", "died"},
			pw.Home, pw.Reablement, pw.Bed, pw.CareHome, pw.Died)
	}

	t := &s.TransferToAssess
	c.fraction("services.transfer_to_assess.care_home_to_reablement", t.CareHomeToReablement)
	c.fraction("services.transfer_to_assess.care_home_to_bed", t.CareHomeToBed)
	if t.CareHomeToReablement+t.CareHomeToBed > 1+shareTol {
		c.add("services.transfer_to_assess", "care_home_to_reablement and care_home_to_bed together exceed 1 (100%%): %.4g",
			t.CareHomeToReablement+t.CareHomeToBed)
	}

	ic := &s.IntermediateCare
	c.beds("services.intermediate_care", ic.Beds, ic.Occupied)
	c.dist("services.intermediate_care.length_of_stay", &ic.LengthOfStay, ic.Enabled)
	ic.Discharge.check(c, "services.intermediate_care.discharge")
	if ic.Enabled {
		ic.Outcomes.check(c, "services.intermediate_care.outcomes")
	}

	rb := &s.Reablement
	c.count("services.reablement.caseload", rb.Caseload)
	c.dist("services.reablement.duration", &rb.Duration, rb.Enabled)
	if rb.Enabled {
		rb.Outcomes.check(c, "services.reablement.outcomes")
	}

	ch := &s.CareHomes
	c.beds("services.care_homes", ch.Beds, ch.Occupied)
	c.dist("services.care_homes.length_of_stay", &ch.LengthOfStay, ch.Enabled)
	c.nonNegative("services.care_homes.urgent_calls", ch.UrgentCalls)
	c.fraction("services.care_homes.admit", ch.Admit)

	s.HomeCare.check(c)
	s.MentalHealth.check(c, &s.Liaison)
	s.Outpatients.check(c)
	s.Delays.check(c)
	s.checkWomens(c, p)

	cm := &s.Community
	strata := make([]string, len(p.Population.Risk))
	for i, r := range p.Population.Risk {
		strata[i] = r.Name
	}
	c.count("services.community.caseload", cm.Caseload)
	c.oneOf("services.community.enrol", cm.Enrol, strata, "risk stratum")
	c.nonNegative("services.community.referrals", cm.Referrals)
	c.dist("services.community.duration", &cm.Duration, cm.Enabled)
	c.nonNegative("services.community.urgent_ratio", cm.UrgentRatio)
	c.fraction("services.community.ppv", cm.PPV)
	if cm.Enabled && cm.PPV <= 0 {
		c.add("services.community.ppv", "must be above 0 when the community teams are enabled: the share of the people case-finding finds "+
			"who are in the strata named in enrol (1 if the tool were always right)")
	}
	c.nonNegative("services.community.early_period", float64(cm.EarlyPeriod))
	c.nonNegative("services.community.early_ratio", cm.EarlyRatio)
	if cm.Enabled && cm.EarlyPeriod > 0 && cm.EarlyRatio <= 0 {
		c.add("services.community.early_ratio", "must be above 0 when early_period is: an enrolled person's urgent demand in the "+
			"first early_period, relative to what it would be (1 for no change)")
	}
	c.fraction("services.community.admit_reduction", cm.AdmitReduction)

	el := &s.Elective
	c.fraction("services.elective.gateway", el.Gateway)
	c.dist("services.elective.decision", &el.Decision, el.Enabled)
	c.dist("services.elective.length_of_stay", &el.LengthOfStay, el.Enabled)
	c.count("services.elective.programme", el.Programme)
	if el.Enabled && el.Programme < 1 && !c.later {
		c.add("services.elective.programme", "must be at least 1 when elective care is enabled: the admissions booked for each weekday "+
			"(an intervention may cut it to 0 from a date)")
	}
	switch n := float64(el.Notice); {
	case !(n >= 1 && n == math.Trunc(n)) || !finite(n):
		if el.Enabled || n != 0 {
			c.add("services.elective.notice", "must be a whole number of days, at least 1 (such as 3w), not %v days: how far ahead each programme day is booked", n)
		}
	case n > float64(des.Year):
		c.add("services.elective.notice", "must be at most a year (365.25 days), not %v days: how far ahead each programme day is booked", n)
	}
	c.nonNegative("services.elective.postpone_above", el.PostponeAbove)
	c.count("services.elective.ring_fenced", el.RingFenced)
	if el.Enabled && s.Acute.Enabled && s.Acute.Beds > 0 && el.RingFenced > s.Acute.Beds {
		c.add("services.elective.ring_fenced", "%d beds is more than the acute beds (services.acute.beds), %d: the ring-fenced beds are "+
			"some of the acute beds, kept for elective patients", el.RingFenced, s.Acute.Beds)
	}
}

func (o *Outcomes) check(c *checker, path string) {
	c.shares(path, []string{"home", "care_home", "readmit", "died"}, o.Home, o.CareHome, o.Readmit, o.Died)
}

// End returns the last simulated day's end: Start plus Horizon, as a date
// rounded down.
func (p *Params) End() des.Date { return p.Start.AddDays(int(p.Horizon)) }

func (p *Params) checkInterventions(c *checker) {
	names := make([]string, len(p.Interventions))
	for i, iv := range p.Interventions {
		names[i] = iv.Name
	}
	c.names("interventions", names)
	for i := range p.Interventions {
		iv := &p.Interventions[i]
		at := "interventions[" + strconv.Itoa(i) + "]"
		if !iv.Start.Valid() {
			c.add(at+".start", "missing or not a real date")
		} else if p.Start.Valid() && p.Horizon > 0 {
			if iv.Start.Sub(p.Start) < 0 || iv.Start.Sub(p.Start) >= p.Horizon {
				c.add(at+".start", "%v is outside the horizon %v to %v", iv.Start, p.Start, p.End())
			}
		}
		c.nonNegative(at+".ramp", float64(iv.Ramp))
		p.checkEnd(c, iv, at)
		c.nonNegative(at+".setup", iv.Setup)
		c.nonNegative(at+".recurrent", iv.Recurrent)
		if len(iv.Changes) == 0 && iv.Setup == 0 && iv.Recurrent == 0 {
			c.add(at+".changes", "an intervention needs at least one change or a cost")
		}
		for j := range iv.Changes {
			p.checkChange(c, &iv.Changes[j], at+".changes["+strconv.Itoa(j)+"]")
		}
	}
	p.checkInterventionLimits(c)
}

// checkEnd checks an intervention's end and ramp down: an end on or
// after its start, and ramps that fit between them.
func (p *Params) checkEnd(c *checker, iv *Intervention, at string) {
	c.nonNegative(at+".ramp_down", float64(iv.RampDown))
	if iv.End == (des.Date{}) {
		if iv.RampDown != 0 {
			c.add(at+".ramp_down", "an intervention without an end has nothing to ramp down: give its last day as end")
		}
		return
	}
	if !iv.End.Valid() {
		c.add(at+".end", "not a real date")
		return
	}
	if !iv.Start.Valid() {
		return // reported at start
	}
	days := iv.End.Sub(iv.Start) + 1 // in place from the start of Start to the end of End
	switch {
	case days < 1:
		c.add(at+".end", "%v is before the start %v: end is the last day the intervention is in place", iv.End, iv.Start)
	case iv.RampDown > days:
		c.add(at+".ramp_down", "%.4g days is longer than the %v days the intervention is in place (%v to %v)", float64(iv.RampDown), float64(days), iv.Start, iv.End)
	case iv.RampDown == 0 && iv.Ramp > days:
		c.add(at+".end", "%v leaves the intervention %v days in place from %v, fewer than its ramp of %.4g days, so its changes would never reach their full effect: move the end or shorten the ramp",
			iv.End, float64(days), iv.Start, float64(iv.Ramp))
	case iv.Ramp+iv.RampDown > days:
		c.add(at+".ramp_down", "the ramp (%.4g days) and the ramp down (%.4g days) together are longer than the %v days the intervention is in place (%v to %v), so its changes would never reach their full effect: shorten one of them",
			float64(iv.Ramp), float64(iv.RampDown), float64(days), iv.Start, iv.End)
	}
}

func (p *Params) checkChange(c *checker, ch *Change, at string) {
	n := 0
	for _, e := range []*Effect{ch.To, ch.Scale, ch.Add} {
		if e != nil {
			n++
		}
	}
	if n != 1 {
		c.add(at, "a change needs exactly one of to, scale and add, not %d", n)
	}
	check := func(name string, e *Effect, min float64) {
		if e == nil {
			return
		}
		if !(e.Low <= e.Central && e.Central <= e.High) || !finite(e.Low) || !finite(e.High) {
			c.add(at+"."+name, "want low <= central <= high, not %v, %v, %v", e.Low, e.Central, e.High)
		}
		if e.Low < min {
			c.add(at+"."+name, "must be >= %v, not %v", min, e.Low)
		}
	}
	check("to", ch.To, math.Inf(-1))
	check("scale", ch.Scale, 0)
	check("add", ch.Add, math.Inf(-1))
	check("lag", ch.Lag, 0)
	if ch.Path == "" {
		c.add(at+".path", "missing: which parameter the change moves, such as services.acute.beds")
		return
	}
	nums, err := p.Numbers(ch.Path)
	if err != nil {
		msg := err.Error()
		var pe *PathError
		if errors.As(err, &pe) && len(pe.Known) > 0 && len(pe.Known) <= 16 {
			msg += "; known there: " + strings.Join(pe.Known, ", ")
		}
		c.add(at+".path", "%s", msg)
		return
	}
	for _, n := range nums {
		if why := fixedReason(n.Path); why != "" {
			c.add(at+".path", "%s cannot be changed from a date: %s", n.Path, why)
			return
		}
		if why := p.switchedOff(n.Path); why != "" {
			c.add(at+".path", "%s would change nothing: %s", n.Path, why)
			return
		}
		if why := p.workforceUnread(n.Path); why != "" {
			c.add(at+".path", "%s would change nothing: %s", n.Path, why)
			return
		}
		if why := p.bedRuleUnread(n.Path); why != "" {
			c.add(at+".path", "%s would change nothing: %s", n.Path, why)
			return
		}
		if why := p.earlyDischargeUnread(n.Path); why != "" {
			c.add(at+".path", "%s would change nothing: %s", n.Path, why)
			return
		}
		if why := p.edRuleUnread(n.Path); why != "" {
			c.add(at+".path", "%s would change nothing: %s", n.Path, why)
			return
		}
	}
}
