package plots_test

import (
	"log"
	"math"
	"time"

	"gonum.org/v1/plot/vg"

	"caresim/plots"
)

// ExamplePressureResponses draws a financial year of a hospital's
// responses to running full from fixed daily figures: stays shortened
// rising from about 40 a day in summer to 100 in January, each losing a
// fifth of a day on average, and walk-outs from ED rising from 8 a day to
// 20 with them.
func ExamplePressureResponses() {
	p := plots.Pressure{
		Place: "Northshire General",
		Start: time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := range 365 {
		winter := math.Exp(-math.Pow(float64(i-285)/45, 2)) // peaks in early January
		short := 40 + 60*winter
		p.Shortened = append(p.Shortened, short)
		p.DaysCut = append(p.DaysCut, 0.2*short)
		p.LeftUnseen = append(p.LeftUnseen, 8+12*winter)
	}
	f, err := plots.PressureResponses(p)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/pressure.png", plots.A4Width, 6*vg.Inch); err != nil {
		log.Fatal(err)
	}
}
