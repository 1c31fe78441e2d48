package care_test

import (
	"strings"
	"testing"

	"caresim/sim/care"
	"caresim/sim/des"
)

// TestValidateLimits checks that every value that sizes a run is refused
// beyond its bound at Validate, before anything is allocated: each of
// these made a run panic (makeslice: len out of range), die out of
// memory, or run without end.
func TestValidateLimits(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		edit func(p *care.Params)
		want []fieldErr
	}{
		{"horizon 1e300 years", func(p *care.Params) { p.Horizon = 1e300 * des.Year },
			[]fieldErr{{"horizon", "must be at most 50 years"}}},
		{"horizon just over", func(p *care.Params) { p.Horizon = care.MaxHorizon + 1 },
			[]fieldErr{{"horizon", "must be at most 50 years (a run holds every measured day of each replication), not 18263.1 days"}}},
		{"horizon at the bound", func(p *care.Params) {
			p.Horizon = care.MaxHorizon
			p.Interventions = nil // its effects are checked at each date; not the point here
		}, nil},
		{"warm-up", func(p *care.Params) { p.WarmUp.Length = 999999999999 },
			[]fieldErr{{"warm_up.length", "must be at most 20 years"}}},
		{"warm-up max", func(p *care.Params) { p.WarmUp = care.WarmUp{Auto: true, Max: 21 * des.Year} },
			[]fieldErr{{"warm_up.max", "must be at most 20 years"}}},
		{"ramp", func(p *care.Params) { p.Interventions[0].Ramp = 999999999999 * des.Year },
			[]fieldErr{{"interventions[0].ramp", "must be at most 50 years (the model re-applies"}}},
		{"ramp down", func(p *care.Params) {
			p.Interventions[0].End = des.Date{Year: 2100, Month: 3, Day: 31}
			p.Interventions[0].RampDown = 60 * des.Year
		}, []fieldErr{{"interventions[0].ramp_down", "must be at most 50 years (the model re-applies"}}},
		{"lag", func(p *care.Params) {
			p.Interventions[0].Changes[0].Lag = &care.Effect{Low: 30, Central: 60, High: 1e16}
		},
			[]fieldErr{{"interventions[0].changes[0].lag", "must be at most 50 years (a lag moves a change's start"}}},
		{"beds", func(p *care.Params) { p.Services.Acute.Beds = 999999999999 },
			[]fieldErr{{"services.acute.beds", "must be at most 500000"}}},
		{"occupied", func(p *care.Params) { p.Services.CareHomes.Beds, p.Services.CareHomes.Occupied = 600_000, 600_000 },
			[]fieldErr{{"services.care_homes.beds", "must be at most 500000"}, {"services.care_homes.occupied", "must be at most 500000"}}},
		{"cubicles", func(p *care.Params) { p.Services.ED.Cubicles = care.MaxUnits + 1 },
			[]fieldErr{{"services.ed.cubicles", "must be at most 500000"}}},
		{"caseload", func(p *care.Params) { p.Services.Community.Caseload = care.MaxUnits + 1 },
			[]fieldErr{{"services.community.caseload", "must be at most 500000"}}},
		{"people", func(p *care.Params) { p.Population.Localities[0].People = 1e12 },
			[]fieldErr{{"population.localities[0].people", "must be at most 100 million (more than England), not 1e+12"}}},
		{"people in all", func(p *care.Params) {
			p.Population.Localities[0].People, p.Population.Localities[1].People = 6e7, 6e7
		}, []fieldErr{{"population.localities", "1.2e+08 people in all, more than 100 million"}}},
		{"cohorts", func(p *care.Params) {
			for i := range 400 { // 402 localities × 3 bands × 3 strata
				p.Population.Localities = append(p.Population.Localities, care.Locality{Name: "l" + strings.Repeat("x", i), People: 10})
			}
		}, []fieldErr{{"population", "402 localities × 3 age bands × 3 risk strata make 3618 cohorts, more than 1000"}}},
		{"per day", func(p *care.Params) { p.Demand.Urgent.Routes[2].PerDay = 1e9 },
			[]fieldErr{{"demand.urgent.routes[2].per_day", "must be at most 100,000 a day"}}},
		{"urgent per head written per year", func(p *care.Params) { p.Population.AgeBands[0].Urgent = 0.3 },
			[]fieldErr{{"population.age_bands[0].urgent", "must be at most 100 a person a year, not 109.6 a person a year (the baseline's highest is 1): a rate per 1000 written per person, or per year written per day?"}}},
		{"elective per head", func(p *care.Params) { p.Population.AgeBands[1].Elective = 1 },
			[]fieldErr{{"population.age_bands[1].elective", "must be at most 100 a person a year"}}},
		{"care-home calls", func(p *care.Params) { p.Services.CareHomes.UrgentCalls = 1.5 },
			[]fieldErr{{"services.care_homes.urgent_calls", "must be at most 100 a person a year, not 547.9"}}},
		{"referrals", func(p *care.Params) { p.Services.Community.Referrals = 0.5 },
			[]fieldErr{{"services.community.referrals", "must be at most 100 a person a year"}}},
		{"growth 150% for 1.5%", func(p *care.Params) { p.Population.AgeBands[0].Growth = 1.5 },
			[]fieldErr{{"population.age_bands[0].growth", "a yearly rate must be between -50% and +50%, not 150%: did you mean 1.5%?"}}},
		{"growth -60%", func(p *care.Params) { p.Population.AgeBands[2].Growth = -0.6 },
			[]fieldErr{{"population.age_bands[2].growth", "not -60%: did you mean -0.6%?"}}},
		{"growth 5000%, no guess", func(p *care.Params) { p.Population.AgeBands[2].Growth = 50 },
			[]fieldErr{{"population.age_bands[2].growth", "a yearly rate must be between -50% and +50%, not 5000%"}}},
		{"trend", func(p *care.Params) { p.Demand.Urgent.Trend = 2 },
			[]fieldErr{{"demand.urgent.trend", "not 200%: did you mean 2%?"}}},
		{"trend below -100% is told once", func(p *care.Params) { p.Demand.Urgent.Trend = -2 },
			[]fieldErr{{"demand.urgent.trend", "must be a finite number > -1"}}},
		{"risk ratio", func(p *care.Params) { p.Population.Risk[2].UrgentRatio = 1e300 },
			[]fieldErr{{"population.risk_strata[2].urgent_ratio", "must be at most 1000"}}},
		{"community ratios", func(p *care.Params) {
			p.Services.Community.UrgentRatio, p.Services.Community.EarlyRatio, p.Services.Community.EarlyPeriod = 1e9, 2e9, 30
		}, []fieldErr{{"services.community.urgent_ratio", "must be at most 1000"}, {"services.community.early_ratio", "must be at most 1000"}}},
		{"an effect beyond a bound", func(p *care.Params) {
			p.Interventions[0].Changes[0] = care.Change{Path: "services.acute.beds", Scale: &care.Effect{Low: 1, Central: 2, High: 1e9}}
		}, []fieldErr{{"interventions[0].changes[0]", "from 2014-12-30, with the effects at the high ends of their ranges: services.acute.beds: must be at most 500000"}}},
		{"too many changes", func(p *care.Params) {
			ch := care.Change{Path: "population.age_bands[*].urgent", Scale: &care.Effect{Low: 1, Central: 1, High: 1}}
			for range 334 { // 3 parameters each, with the 4 there: 1006
				p.Interventions[0].Changes = append(p.Interventions[0].Changes, ch)
			}
		}, []fieldErr{{"interventions", "change 1006 parameters in all"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := validParams()
			c.edit(p)
			checkErrors(t, p.Validate(), c.want)
		})
	}
}

// TestCheckReplications checks the bounds on a run's replications: from
// 1 to MaxReplications, and with the horizon's days at most
// MaxReplicationDays.
func TestCheckReplications(t *testing.T) {
	t.Parallel()
	p := validParams() // 365 days
	for _, c := range []struct {
		n    int
		want string // in the error; "" for none
	}{
		{1, ""},
		{1000, ""},
		{0, "must be from 1 to 1000, not 0"},
		{2147483648, "must be from 1 to 1000, not 2147483648"},
	} {
		err := p.CheckReplications(c.n)
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckReplications(%d) = %v, want %q", c.n, err, c.want)
		}
	}
	p.Horizon = 20 * des.Year // 7305 days
	if err := p.CheckReplications(547); err != nil {
		t.Errorf("547 replications of 7305 days (3.996 million): %v", err)
	}
	if err := p.CheckReplications(548); err == nil || !strings.Contains(err.Error(), "548 replications of 7305 days are 4.003e+06 replication-days, more than 4000000") {
		t.Errorf("548 replications of 7305 days: %v", err)
	}
}
