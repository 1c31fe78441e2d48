package plots_test

import (
	"log"
	"math"
	"time"

	"caresim/plots"
)

// ExampleDelaysByReason draws a year of delayed days from fixed data:
// waits for a package of care at home rise to a January peak, a
// discharge-to-assess scheme from January cuts the waits for assessment,
// and the other reasons hold steady.
func ExampleDelaysByReason() {
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	const days = 365
	names := []string{"Assessment", "Package of care at home", "Non-acute NHS bed", "Residential home",
		"Nursing home", "Patient or family choice", "Transport", "Medicines to take out"}
	d := plots.Delays{
		Place: "Northshire",
		Start: start,
		Interventions: []plots.Marker{
			{Label: "Discharge to assess", At: time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC)},
		},
	}
	base := []float64{20, 8, 6, 2, 3, 4, 1.5, 7}
	for k, name := range names {
		r := plots.DelayReason{Name: name}
		for i := range days {
			v := base[k]
			peak := math.Exp(-math.Pow(float64(i-290)/40, 2))
			switch k {
			case 0:
				if i >= 279 {
					v *= 0.6
				}
			case 1:
				v += 10 * peak
			}
			r.Daily = append(r.Daily, v)
		}
		d.Reasons = append(d.Reasons, r)
	}
	f, err := plots.DelaysByReason(d)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/delays.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
