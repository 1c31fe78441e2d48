package care_test

import (
	"math"
	"testing"

	"caresim/scenarios"
	"caresim/sim/care"
)

// TestPathwayMixAndLOS runs one year of the baseline and checks the
// discharge pathway counts and the length-of-stay histogram against what
// they must be:
//
//   - every emergency spell that ends in the measured period ends on one
//     pathway or in death, so the pathway counts and hospital deaths, over
//     all years, add up to the spells in the length-of-stay tally;
//   - the baseline has every downstream service and no transfer to
//     assess, so each spell's pathway is drawn from the scenario's
//     discharge mix alone: each share must lie within four binomial
//     standard errors of its parameter;
//   - the tally behind the histogram is the one behind the metrics: its
//     mean is acute_los_mean_days and ic_los_mean_days, and its bins
//     hold every stay.
func TestPathwayMixAndLOS(t *testing.T) {
	l, err := scenarios.Load("baseline", scenarios.Options{Sets: []string{"horizon=1y", "warm_up.length=60d"}})
	if err != nil {
		t.Fatal(err)
	}
	p := &l.Scenario.Params
	if p.Services.TransferToAssess.Enabled {
		t.Fatal("the baseline has transfer to assess; this test needs the plain discharge mix")
	}
	r, err := care.Run(p, care.Config{Seed: 7, WarmUp: p.WarmUp.Length})
	if err != nil {
		t.Fatal(err)
	}
	var paths [4]float64
	deaths := 0.0
	for _, a := range r.Annual {
		for k := range paths {
			paths[k] += a[care.AnnualPathway0+k]
		}
		deaths += a[care.AnnualHospitalDeaths]
	}
	n := deaths
	for _, c := range paths {
		n += c
	}
	if got, want := n, float64(r.LOS[losIndex(t, "acute")].Count()); got != want {
		t.Errorf("pathways 0–3 and deaths = %g spells, the length-of-stay tally %g; every spell ends on one", got, want)
	}
	pw := p.Services.Acute.Pathways
	for _, c := range []struct {
		name  string
		got   float64
		share float64
	}{
		{"pathway 0 (home)", paths[0], pw.Home},
		{"pathway 1 (reablement)", paths[1], pw.Reablement},
		{"pathway 2 (intermediate-care bed)", paths[2], pw.Bed},
		{"pathway 3 (care home)", paths[3], pw.CareHome},
		{"died", deaths, pw.Died},
	} {
		se := math.Sqrt(c.share * (1 - c.share) / n)
		if d := c.got/n - c.share; math.Abs(d) > 4*se {
			t.Errorf("%s: %.4f of %g spells, want %.4f ± %.4f (4 standard errors)", c.name, c.got/n, n, c.share, 4*se)
		}
	}
	for _, c := range []struct {
		name   string
		tally  interface{ Mean() float64 }
		metric int
	}{
		{"acute", &r.LOS[losIndex(t, "acute")], care.MetricAcuteLOS},
		{"intermediate care", &r.LOS[losIndex(t, "intermediate-care")], care.MetricICLOS},
	} {
		if got, want := c.tally.Mean(), r.Metrics[c.metric]; got != want {
			t.Errorf("%s: mean length of stay %g, metric %g", c.name, got, want)
		}
	}
	for name, tl := range map[string]interface {
		Count() int
		Histogram() (int, []int64)
	}{"acute": &r.LOS[losIndex(t, "acute")], "intermediate care": &r.LOS[losIndex(t, "intermediate-care")]} {
		_, counts := tl.Histogram()
		var sum int64
		for _, c := range counts {
			sum += c
		}
		if sum != int64(tl.Count()) || sum == 0 {
			t.Errorf("%s: histogram holds %d stays, tally %d", name, sum, tl.Count())
		}
	}
}

// losIndex returns the index in Result.LOS of the service named name.
func losIndex(t *testing.T, name string) int {
	t.Helper()
	for i, p := range care.LOSPools {
		if p.Name == name {
			return i
		}
	}
	t.Fatalf("no length-of-stay tally for %s in care.LOSPools", name)
	return -1
}
