package plots_test

import (
	"log"
	"math"
	"time"

	"caresim/plots"
)

// ExampleDelayedPatients draws a winter of delayed discharges from fixed
// data: each pathway's delays rise to a January peak, and a
// discharge-to-assess scheme from January cuts the pathway 1 and 2 delays.
func ExampleDelayedPatients() {
	start := time.Date(2025, time.October, 1, 0, 0, 0, 0, time.UTC)
	const days = 182
	d := plots.Delays{
		Place: "Northshire",
		Start: start,
		Interventions: []plots.Marker{
			{Label: "Discharge to assess", At: time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC)},
		},
	}
	for i := range days {
		peak := math.Exp(-math.Pow(float64(i-95)/35, 2))
		cut := 1.0
		if i >= 96 {
			cut = 0.6 + 0.4*math.Exp(-float64(i-96)/14)
		}
		week := math.Sin(2 * math.Pi * float64(i) / 7)
		d.Reablement = append(d.Reablement, (18+14*peak)*cut+2*week)
		d.IntermediateCare = append(d.IntermediateCare, (12+10*peak)*cut+1.5*week)
		d.CareHome = append(d.CareHome, 9+6*peak+float64(i)/60)
	}
	f, err := plots.DelayedPatients(d)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/delays.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
