package care

import (
	"fmt"
	"math"
	"strconv"

	"caresim/sim/des"
)

// Bounds on the values that size a run. [Params.Validate] refuses a value
// beyond any of them, so that no Params that passed makes a replication
// allocate without bound, overflow an index or run without end. Each is
// far beyond any local care system (Mid-Nottinghamshire's values are
// given for scale) and is set by what the value costs, as its comment
// says; docs/model.md lists them.
const (
	// MaxHorizon bounds Horizon: 50 years. A replication under way holds
	// about 1.2 kB per simulated day (26 levels with a daily mean and a
	// midnight census, 45 daily counts and 47 daily measures, at 8 bytes),
	// and a run keeps 188 bytes per day and replication (47 daily measures
	// at 4 bytes).
	// The baseline runs 10 years.
	MaxHorizon = 50 * des.Year
	// MaxWarmUp bounds WarmUp.Length and WarmUp.Max: 20 years, ten times
	// the longest mean stay modelled (a care-home resident's, about two
	// years). Warm-up days are simulated and held as the horizon's are.
	MaxWarmUp = 20 * des.Year
	// MaxRamp bounds an intervention's Ramp and RampDown, and its
	// changes' Lag: 50 years, as the horizon. The model re-applies the
	// interventions daily during a ramp, and keeps a time (8 bytes) for
	// each day of it; a lag far beyond the horizon is a mistake, and at
	// 10¹⁶ days a day no longer counts.
	MaxRamp = MaxHorizon
	// MaxUnits bounds every capacity (beds, cubicles, clinicians, chairs,
	// handlers, places, caseloads) and every count of beds occupied at the
	// start: 500,000, about 190 times the baseline's largest (2,650
	// care-home beds). Each occupied bed is a patient from the start (three
	// pools of them stay below MaxPatients), and an occupancy's statistics
	// hold 8 bytes for every level up to the highest reached.
	MaxUnits = 500_000
	// MaxPeople bounds each locality's People and their sum: 100 million,
	// more than England's 57.7 million (the baseline has 347,000).
	MaxPeople = 100_000_000
	// MaxCohorts bounds localities × age bands × risk strata: 1,000 (the
	// baseline has 4 × 3 × 3 = 36). Each cohort is a row of every urgent
	// arrival table, re-read at each date an intervention changes a
	// parameter, and is numbered in 16 bits.
	MaxCohorts = 1_000
	// MaxPerDay bounds a route's fixed arrivals, Route.PerDay: 100,000 a
	// day, more than all A&E attendances in England (19.6 million in
	// 2014/15, 54,000 a day). The baseline's largest is 49 a day.
	MaxPerDay = 100_000
	// MaxPerHead bounds the rates per person (AgeBand.Urgent, Elective and
	// CareHome, CareHomes.UrgentCalls, Community.Referrals), in per person
	// per day: 100 a person a year. The baseline's highest is 1 a year
	// (care-home residents' urgent calls); a hand-worked test may want
	// tens a year, for many events from few people. A rate of more is most
	// likely a rate per 1,000 written per person, or per year written per
	// day. Arrivals per day are at most MaxPeople × MaxPerHead.
	MaxPerHead = 100 / float64(des.Year)
	// MaxWinterSD bounds Demand.Urgent.WinterSD, the spread of the
	// logarithm of a winter's severity: 1, about three times the
	// baseline's. Candidate urgent arrivals come at the hardest winter's
	// rate (yeareffects.go), which grows as exp(σ·z) with the largest
	// draw z of a run; at σ = 1 over 50 years that is a few times the
	// usual winter excess, at σ = 5 thousands of times.
	MaxWinterSD = 1.0
	// MaxGrowth bounds yearly growth and trend rates either way
	// (AgeBand.Growth, UrgentDemand.Trend): 50% a year; populations and
	// demand grow a few per cent a year (the baseline's oldest band 3%).
	// Compounded over a 10-year horizon 50% is 58 times the demand; 150%
	// (1.50% mistyped) is 9,500 times.
	MaxGrowth = 0.5
	// MaxRatio bounds the ratios that scale demand: a risk stratum's
	// UrgentRatio and the community teams' UrgentRatio and EarlyRatio: a
	// thousand. An enrolled person's ratio above 1 multiplies the
	// candidate arrivals that the model draws and thins; the baseline's
	// highest stratum has 6.
	MaxRatio = 1_000
	// MaxChanges bounds the parameters that interventions change, counting
	// one per parameter a [*] path reaches: 1,000 (better-together has
	// 25 changes). Every change is re-applied at each date any change starts or
	// ends its ramp, and checked with its effects at both ends of their
	// ranges.
	MaxChanges = 1_000
	// MaxPatients bounds the patients in the model at once, in one
	// replication: 2 million, about 550 MB for each replication under way
	// (the baseline holds at most about 7,000, better-together 13,000).
	// Demand far beyond capacity (a growth of 150% mistyped for 1.5%)
	// fills queues without end; the run stops with an error that names
	// the day and where the patients are, rather than taking all memory.
	MaxPatients = 2_000_000
	// MaxReplications bounds the replications of a run: 1,000. A run keeps
	// each replication's result (its metrics and annual measures, a few
	// kilobytes; its length-of-stay histograms are pooled as it ends)
	// until all are done.
	MaxReplications = 1_000
	// MaxReplicationDays bounds replications × measured days (the horizon
	// in whole days): 4 million, 750 MB of daily values at 188 bytes each
	// (in a temporary file beyond 64 MiB: package sim), and 1,000
	// replications of 10 years.
	MaxReplicationDays = 4_000_000
)

// checkLimits checks the bounds of everything but the interventions.
func (p *Params) checkLimits(c *checker) {
	c.atMostDays("horizon", p.Horizon, MaxHorizon, "a run holds every measured day of each replication")
	c.atMostDays("warm_up.length", p.WarmUp.Length, MaxWarmUp, "warm-up days are simulated and held as the horizon's")
	c.atMostDays("warm_up.max", p.WarmUp.Max, MaxWarmUp, "warm-up days are simulated and held as the horizon's")

	pop := &p.Population
	total, each := 0.0, true
	for i, l := range pop.Localities {
		c.atMost("population.localities["+strconv.Itoa(i)+"].people", l.People, MaxPeople, "100 million", "more than England")
		total += l.People
		each = each && l.People <= MaxPeople
	}
	if each && total > MaxPeople {
		c.add("population.localities", "%.4g people in all, more than 100 million (England has 57.7 million)", total)
	}
	if n := len(pop.Localities) * len(pop.AgeBands) * len(pop.Risk); n > MaxCohorts {
		c.add("population", "%d localities × %d age bands × %d risk strata make %d cohorts, more than %d: each is a row of the arrival tables",
			len(pop.Localities), len(pop.AgeBands), len(pop.Risk), n, MaxCohorts)
	}
	for i, a := range pop.AgeBands {
		at := "population.age_bands[" + strconv.Itoa(i) + "]"
		c.perHead(at+".urgent", a.Urgent)
		c.perHead(at+".elective", a.Elective)
		c.perHead(at+".care_home", a.CareHome)
	}
	for i, r := range pop.Risk {
		c.atMost("population.risk_strata["+strconv.Itoa(i)+"].urgent_ratio", r.UrgentRatio, MaxRatio, "1000", "a stratum's demand relative to the others")
	}
	u := &p.Demand.Urgent
	for i, r := range u.Routes {
		c.atMost("demand.urgent.routes["+strconv.Itoa(i)+"].per_day", r.PerDay, MaxPerDay, "100,000 a day",
			"more than all A&E attendances in England")
	}
	if u.Trend > -1 && finite(u.Trend) { // else des.RateProfile's check says so
		c.yearly("demand.urgent.trend", u.Trend)
	}
	s := &p.Services
	c.perHead("services.care_homes.urgent_calls", s.CareHomes.UrgentCalls)
	c.perHead("services.community.referrals", s.Community.Referrals)
	c.atMost("services.community.urgent_ratio", s.Community.UrgentRatio, MaxRatio, "1000", "an enrolled person's demand relative to what it would be")
	c.atMost("services.community.early_ratio", s.Community.EarlyRatio, MaxRatio, "1000", "an enrolled person's demand relative to what it would be")
}

// checkInterventionLimits checks the bounds of the interventions: their
// ramps up and down, their changes' lags, and how many parameters they
// change.
func (p *Params) checkInterventionLimits(c *checker) {
	n := 0
	for i := range p.Interventions {
		iv := &p.Interventions[i]
		at := "interventions[" + strconv.Itoa(i) + "]"
		c.atMostDays(at+".ramp", iv.Ramp, MaxRamp, "the model re-applies a ramping change every day of its ramp")
		if iv.End.Valid() && iv.Start.Valid() && iv.RampDown <= iv.End.Sub(iv.Start)+1 { // else the end's check says so
			c.atMostDays(at+".ramp_down", iv.RampDown, MaxRamp, "the model re-applies a ramping change every day of its ramp")
		}
		for j, ch := range iv.Changes {
			if ch.Lag != nil {
				c.atMostDays(at+".changes["+strconv.Itoa(j)+"].lag", des.Time(ch.Lag.High), MaxRamp,
					"a lag moves a change's start, which the model counts in days")
			}
			if nums, err := p.Numbers(ch.Path); err == nil {
				n += len(nums)
			}
		}
	}
	if n > MaxChanges {
		c.add("interventions", "change %d parameters in all (a [*] path counts one for each it reaches), more than %d: "+
			"every change is re-applied at each date any change starts or ends", n, MaxChanges)
	}
}

// atMost checks that x, when finite (else another check says so), is at
// most max, which is written bound in the message, for the reason why.
func (c *checker) atMost(path string, x, max float64, bound, why string) {
	if finite(x) && x > max {
		c.add(path, "must be at most %s (%s), not %v", bound, why, x)
	}
}

// atMostDays checks a duration in days against max.
func (c *checker) atMostDays(path string, x, max des.Time, why string) {
	if finite(float64(x)) && x > max {
		c.add(path, "must be at most %g years (%s), not %.6g days (%.4g years)", math.Round(float64(max/des.Year)), why, float64(x), float64(x/des.Year))
	}
}

// perHead checks a rate per person per day against MaxPerHead.
func (c *checker) perHead(path string, x float64) {
	if finite(x) && x > MaxPerHead {
		c.add(path, "must be at most 100 a person a year, not %.4g a person a year (the baseline's highest is 1): "+
			"a rate per 1000 written per person, or per year written per day?", x*float64(des.Year))
	}
}

// yearly checks a yearly growth rate against ±MaxGrowth, suggesting the
// value meant when a percentage was written as a fraction (1.5 for 1.5%)
// or a fraction as a percentage (150% for 1.50%).
func (c *checker) yearly(path string, x float64) {
	if !finite(x) || math.Abs(x) <= MaxGrowth {
		return
	}
	msg := fmt.Sprintf("a yearly rate must be between -50%% and +50%%, not %s", percent(x))
	if math.Abs(x/100) <= MaxGrowth {
		msg += fmt.Sprintf(": did you mean %s?", percent(x/100))
	}
	c.add(path, "%s", msg)
}

// percent writes a fraction as a percentage: 0.015 is 1.5%.
func percent(x float64) string {
	return strconv.FormatFloat(x*100, 'g', 6, 64) + "%"
}

// CheckReplications returns what is wrong with running n replications of
// p, or nil: n must be from 1 to [MaxReplications], and n times the days
// of p's horizon at most [MaxReplicationDays]. The error says so without
// naming where n came from (a scenario's replications, --reps).
func (p *Params) CheckReplications(n int) error {
	if n < 1 || n > MaxReplications {
		return fmt.Errorf("must be from 1 to %d, not %d", MaxReplications, n)
	}
	// A horizon out of its range is the horizon's problem, not this.
	if days := math.Ceil(float64(p.Horizon)); days > 0 && days <= float64(MaxHorizon)+1 && float64(n)*days > MaxReplicationDays {
		return fmt.Errorf("%d replications of %.0f days are %.4g replication-days, more than %d (a run holds 188 bytes for each): "+
			"run fewer, or a shorter horizon", n, days, float64(n)*days, MaxReplicationDays)
	}
	return nil
}
