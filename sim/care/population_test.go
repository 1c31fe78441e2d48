package care_test

import (
	"math"
	"testing"

	"caresim/sim/care"
	"caresim/sim/des"
)

// populationParams has two localities (Ashfield with its own age mix),
// two age bands and two risk strata, with urgent demand given per 1000
// people per year as planners write it.
func populationParams() *care.Params {
	perYear := func(per1000 float64) float64 { return per1000 / 1000 / float64(des.Year) }
	return &care.Params{
		Population: care.Population{
			Localities: []care.Locality{
				{Name: "Mansfield", People: 100000},
				{Name: "Ashfield", People: 120000, AgeShares: []float64{0.75, 0.25}},
			},
			AgeBands: []care.AgeBand{
				{Name: "0-64", Share: 0.8, Growth: 0.003, RiskShares: []float64{0.9, 0.1}, Urgent: perYear(300)},
				{Name: "65+", Share: 0.2, Growth: 0.025, RiskShares: []float64{0.7, 0.3}, Urgent: perYear(600)},
			},
			Risk: []care.RiskStratum{{Name: "low", UrgentRatio: 1}, {Name: "high", UrgentRatio: 3}},
		},
		Demand: care.Demand{Urgent: care.UrgentDemand{
			Routes: []care.Route{
				{Name: "walk-in", Share: 0.75},
				{Name: "ambulance", Share: 0.25, PerDay: 10},
			},
			Trend: 0.01,
		}},
	}
}

// TestCohorts checks head counts and rates against hand arithmetic. In
// band 0-64 the strata's mean ratio is 0.9×1 + 0.1×3 = 1.2, so the low
// stratum's rate is 300/1.2 = 250 and the high one's 750 per 1000 a year
// (0.9×250 + 0.1×750 = 300, the band's rate); in band 65+ the mean is
// 0.7 + 0.9 = 1.6, giving 375 and 1125.
func TestCohorts(t *testing.T) {
	t.Parallel()
	p := populationParams()
	cs := p.Cohorts()
	want := []struct {
		people, per1000 float64
	}{
		{100000 * 0.8 * 0.9, 250}, {100000 * 0.8 * 0.1, 750},
		{100000 * 0.2 * 0.7, 375}, {100000 * 0.2 * 0.3, 1125},
		{120000 * 0.75 * 0.9, 250}, {120000 * 0.75 * 0.1, 750},
		{120000 * 0.25 * 0.7, 375}, {120000 * 0.25 * 0.3, 1125},
	}
	if len(cs) != len(want) {
		t.Fatalf("%d cohorts, want %d", len(cs), len(want))
	}
	for i, w := range want {
		c := cs[i]
		per1000 := c.Urgent * float64(des.Year) * 1000
		if math.Abs(c.People-w.people) > 1e-9 || math.Abs(per1000-w.per1000) > 1e-9 {
			t.Errorf("cohort %d (%d,%d,%d): %v people at %v per 1000, want %v at %v",
				i, c.Locality, c.Band, c.Risk, c.People, per1000, w.people, w.per1000)
		}
	}
	if cs[5].Locality != 1 || cs[5].Band != 0 || cs[5].Risk != 1 || cs[5].Growth != 0.003 {
		t.Errorf("cohort 5 = %+v, want Ashfield, 0-64, high, growing 0.3%%", cs[5])
	}
}

// TestUrgentStreams checks that the streams carry all demand: Mansfield
// 80,000 × 0.3 + 20,000 × 0.6 = 36,000 and Ashfield 90,000 × 0.3 +
// 30,000 × 0.6 = 45,000 attendances a year, 81,000 in all, three quarters
// walking in; plus ambulance's 10 a day from outside. A cohort stream's
// trend compounds its band's growth with the demand trend.
func TestUrgentStreams(t *testing.T) {
	t.Parallel()
	p := populationParams()
	ss := p.UrgentStreams()
	if len(ss) != 8*2+1 {
		t.Fatalf("%d streams, want 17", len(ss))
	}
	byRoute := [2]float64{}
	for _, s := range ss[:16] {
		byRoute[s.Route] += s.Rate.PerDay * float64(des.Year)
	}
	if math.Abs(byRoute[0]-0.75*81000) > 1e-6 || math.Abs(byRoute[1]-0.25*81000) > 1e-6 {
		t.Errorf("population attendances a year by route %v, want %v and %v", byRoute, 0.75*81000, 0.25*81000)
	}
	last := ss[16]
	if last.Cohort != -1 || last.Route != 1 || last.Rate.PerDay != 10 || math.Abs(last.Rate.Trend-0.01) > 1e-15 {
		t.Errorf("fixed stream %+v, want ambulance 10 a day growing 1%%", last)
	}
	if got, want := ss[0].Rate.Trend, 1.003*1.01-1; math.Abs(got-want) > 1e-15 {
		t.Errorf("0-64 trend %v, want %v", got, want)
	}
	for i, s := range ss {
		if err := s.Rate.Validate(); err != nil {
			t.Errorf("stream %d: %v", i, err)
		}
	}
}
