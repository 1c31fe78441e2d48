package plots_test

import (
	"log"
	"math"
	"time"

	"gonum.org/v1/plot/vg"

	"caresim/plots"
)

// ExampleEDCrowding draws a financial year of an emergency department's
// crowding from fixed daily figures: admitted patients waiting for a bed
// rising from about 2 in summer to 14 in January, those beyond 10 in
// corridor spaces, and ambulance handovers over 30 and 60 minutes that
// climb with them.
func ExampleEDCrowding() {
	c := plots.Crowding{
		Place: "Northshire General",
		Start: time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := range 365 {
		winter := math.Exp(-math.Pow(float64(i-285)/45, 2)) // peaks in early January
		weekly := 1 + 0.2*math.Sin(2*math.Pi*float64(i)/7)
		board := (2 + 12*winter) * weekly
		c.Boarding = append(c.Boarding, board)
		c.Corridor = append(c.Corridor, math.Max(0, board-10))
		c.Over30 = append(c.Over30, 1+8*winter)
		c.Over60 = append(c.Over60, 0.2+4*winter)
	}
	f, err := plots.EDCrowding(c)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/crowding.png", plots.A4Width, 6*vg.Inch); err != nil {
		log.Fatal(err)
	}
}
