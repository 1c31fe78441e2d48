package plots_test

import (
	"log"
	"math"
	"time"

	"gonum.org/v1/plot/vg"

	"caresim/plots"
)

// ExampleAEPerformance draws a financial year of an emergency department
// from fixed daily figures: about 300 departures a day with a weekly cycle,
// a share leaving after 4 hours that rises from a fifth in summer to over a
// third in January, and 12-hour decision-to-admit waits that climb with it.
func ExampleAEPerformance() {
	a := plots.AE{
		Place: "Northshire General",
		Start: time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := range 365 {
		winter := math.Exp(-math.Pow(float64(i-285)/45, 2)) // peaks in early January
		dep := 300 + 30*math.Sin(2*math.Pi*float64(i)/7)
		a.Departures = append(a.Departures, dep)
		a.Breaches = append(a.Breaches, dep*(0.2+0.15*winter))
		a.Waits12h = append(a.Waits12h, 1+9*winter)
	}
	f, err := plots.AEPerformance(a)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/ae.png", plots.A4Width, 6*vg.Inch); err != nil {
		log.Fatal(err)
	}
}
