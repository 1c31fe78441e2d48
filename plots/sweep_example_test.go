package plots_test

import (
	"log"
	"math"

	"caresim/plots"
)

// ExampleSweepLine draws an A&E department's share of patients seen within
// four hours against its number of cubicles, from fixed figures shaped like
// a queue's: performance climbs steeply while the cubicles are nearly all
// busy and levels off towards 1, and the interval is widest where waits are
// longest.
func ExampleSweepLine() {
	r := plots.Response{
		Metric:    "ED 4-hour performance",
		Unit:      "fraction",
		Place:     "Northshire General",
		Parameter: "services.ed.cubicles",
		Interval:  "95% confidence interval",
	}
	for c := 8; c <= 14; c++ {
		m := 1 - 0.6*math.Exp(-float64(c-8)/1.6)
		half := 0.08 * (1 - m) / 0.6 // wider where performance is poor
		r.X = append(r.X, float64(c))
		r.Y = append(r.Y, plots.Estimate{Mean: m, Lo: m - half, Hi: math.Min(1, m+half)})
	}
	f, err := plots.SweepLine(r)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/sweep.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
