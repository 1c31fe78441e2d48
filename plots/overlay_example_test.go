package plots_test

import (
	"log"
	"math"
	"time"

	"caresim/plots"
)

// ExampleScenariosOverTime draws a year of acute bed occupancy under four
// scenarios from fixed data: a baseline with a January peak and a weekly
// cycle, discharge to assess from October (15 beds fewer once it beds in
// over a fortnight), virtual wards from December (10 fewer), and both. Each
// band spans the mean ± 3% (about the 10th–90th percentiles of 20
// replications), and only the baseline and the combination have bands.
func ExampleScenariosOverTime() {
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	d2a := time.Date(2025, time.October, 1, 0, 0, 0, 0, time.UTC)
	wards := time.Date(2025, time.December, 1, 0, 0, 0, 0, time.UTC)
	o := plots.Overlay{
		Measure: "Acute beds occupied",
		Unit:    "beds",
		Place:   "Northshire",
		Start:   start,
		Series: []plots.Series{
			{Name: "Baseline"}, {Name: "Discharge to assess"}, {Name: "Virtual wards"}, {Name: "Both"},
		},
		Interventions: []plots.Marker{{Label: "Discharge to assess", At: d2a}, {Label: "Virtual wards", At: wards}},
	}
	// saving is the beds an intervention from date at frees on day i.
	saving := func(i int, at time.Time, beds float64) float64 {
		d := start.AddDate(0, 0, i).Sub(at).Hours() / 24
		if d < 0 {
			return 0
		}
		return beds * (1 - math.Exp(-d/14))
	}
	for i := range 365 {
		base := 420 + 45*math.Exp(-math.Pow(float64(i-280)/40, 2)) + 4*math.Sin(2*math.Pi*float64(i)/7)
		means := []float64{
			base,
			base - saving(i, d2a, 15),
			base - saving(i, wards, 10),
			base - saving(i, d2a, 15) - saving(i, wards, 10),
		}
		for k, m := range means {
			s := &o.Series[k]
			s.Mean = append(s.Mean, m)
			if k == 0 || k == 3 {
				s.P10 = append(s.P10, 0.97*m)
				s.P90 = append(s.P90, 1.03*m)
			}
		}
	}
	f, err := plots.ScenariosOverTime(o)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/overlay.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
