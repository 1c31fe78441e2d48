package care

import "caresim/sim/des"

// Cohort is one locality × age band × risk stratum of the population, with
// its head count and urgent demand at Start.
type Cohort struct {
	Locality, Band, Risk int // indexes into Population.Localities, AgeBands and Risk

	// People is the head count at Start:
	//	Localities[l].People × share(l, a) × AgeBands[a].RiskShares[r]
	People float64
	// Growth is the yearly growth of People (the band's).
	Growth float64
	// Urgent is urgent demand per person per day at Start: the band's rate
	// shared out over its strata by their ratios, so that the band's mean
	// is the band's rate:
	//	AgeBands[a].Urgent × UrgentRatio[r] / Σ_s RiskShares[a][s] × UrgentRatio[s]
	Urgent float64
}

// Cohorts returns every cohort of p's population, localities outermost,
// then age bands, then risk strata. p must have passed [Params.Validate].
func (p *Params) Cohorts() []Cohort {
	pop := &p.Population
	var out []Cohort
	for l, loc := range pop.Localities {
		for a, band := range pop.AgeBands {
			share := band.Share
			if len(loc.AgeShares) > 0 {
				share = loc.AgeShares[a]
			}
			mean := 0.0
			for r, rs := range band.RiskShares {
				mean += rs * pop.Risk[r].UrgentRatio
			}
			for r, rs := range band.RiskShares {
				c := Cohort{Locality: l, Band: a, Risk: r,
					People: loc.People * share * rs,
					Growth: band.Growth,
				}
				if mean > 0 {
					c.Urgent = band.Urgent * pop.Risk[r].UrgentRatio / mean
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// Stream is one urgent arrival stream: a cohort's demand by one route, or
// a route's fixed arrivals from outside the population (Cohort −1).
type Stream struct {
	Route  int // index into Demand.Urgent.Routes
	Cohort int // index into Params.Cohorts(), or −1 for Route.PerDay
	// Rate is the stream's arrival rate: PerDay at Start, the urgent
	// profiles, and a trend compounding the band's growth with the
	// demand trend, (1 + growth)(1 + trend) − 1 (fixed streams grow by the
	// demand trend only).
	Rate des.RateProfile
}

// UrgentStreams returns the urgent arrival streams of p, one per cohort
// and route with a positive rate, then one per route with a fixed rate.
// Each is a non-homogeneous Poisson process (des.NewRate, des.Arrivals);
// the model gives each its own random stream, so that a cohort's patients
// are the same in two scenarios unless an intervention changes them.
func (p *Params) UrgentStreams() []Stream {
	u := &p.Demand.Urgent
	profile := func(perDay, growth float64) des.RateProfile {
		return des.RateProfile{PerDay: perDay, HourOfWeek: u.HourOfWeek, Month: u.Month,
			Trend: (1+growth)*(1+u.Trend) - 1}
	}
	var out []Stream
	for i, c := range p.Cohorts() {
		for r, route := range u.Routes {
			if rate := c.People * c.Urgent * route.Share; rate > 0 {
				out = append(out, Stream{Route: r, Cohort: i, Rate: profile(rate, c.Growth)})
			}
		}
	}
	for r, route := range u.Routes {
		if route.PerDay > 0 {
			out = append(out, Stream{Route: r, Cohort: -1, Rate: profile(route.PerDay, 0)})
		}
	}
	return out
}
