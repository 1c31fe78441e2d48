package plots_test

import (
	"fmt"
	"log"
	"math"
	"time"

	"caresim/plots"
	"caresim/results"
)

// ExampleBackcastSeries draws two years of monthly A&E departures
// observed beside a run that starts in the second: the first year's
// observed months lie before the run, and in the second the simulated
// mean runs a little below the observed with a band of ±6%.
func ExampleBackcastSeries() {
	var pts []results.BackcastPoint
	for i := range 24 {
		month := time.Date(2013, time.April+time.Month(i), 1, 0, 0, 0, 0, time.UTC)
		winter := math.Cos(2 * math.Pi * float64(i-9) / 12)
		observed := 11000 + 600*winter + 40*float64(i) + 150*math.Sin(float64(7*i))
		p := results.BackcastPoint{Period: month.Format("2006-01"), Measure: "ae_departures", Unit: "patients",
			Observed: observed, Status: "before the run", Mean: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
		if i >= 12 {
			mean := 10800 + 500*winter + 40*float64(i)
			p.Status, p.Mean, p.Lo, p.Hi = results.BackcastSimulated, mean, 0.94*mean, 1.06*mean
		}
		pts = append(pts, p)
	}
	f, err := plots.BackcastSeries(plots.Backcast{
		Label: "Departures from ED and urgent treatment", Unit: "patients", Monthly: true, Place: "Northshire (baseline)",
		RunStart: time.Date(2014, time.April, 1, 0, 0, 0, 0, time.UTC), RunEnd: time.Date(2015, time.March, 31, 0, 0, 0, 0, time.UTC),
		Points: pts,
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/backcast.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Panels[0].Title.Text)
	// Output:
	// Departures from ED and urgent treatment, by month: simulated and observed, Northshire (baseline)
}
