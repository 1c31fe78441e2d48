package plots_test

import (
	"log"
	"math"
	"time"

	"gonum.org/v1/plot/vg"

	"caresim/plots"
)

// ExampleWaitingListOverTime draws three years of an elective waiting
// list from fixed data: a list of 1,400 patients that grows by a third
// after a hard second winter, with those waiting more than 18 weeks rising
// from 3% of it to 12%, and a recovery plan from the third April.
func ExampleWaitingListOverTime() {
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	w := plots.WaitingList{
		Place: "Northshire",
		Start: start,
		Interventions: []plots.Marker{
			{Label: "Recovery plan", At: time.Date(2027, time.April, 1, 0, 0, 0, 0, time.UTC)},
		},
	}
	for i := range 3 * 365 {
		winter := 1 / (1 + math.Exp(-float64(i-640)/30)) // the second winter's rise
		recovery := 0.0
		if i >= 730 {
			recovery = 1 - math.Exp(-float64(i-730)/120)
		}
		list := 1400 * (1 + 0.33*winter - 0.15*recovery)
		w.List = append(w.List, list+4*math.Sin(2*math.Pi*float64(i)/7))
		w.Over18 = append(w.Over18, list*(0.03+0.09*winter-0.05*recovery))
	}
	f, err := plots.WaitingListOverTime(w)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/waitlist.png", plots.A4Width, 6*vg.Inch); err != nil {
		log.Fatal(err)
	}
}
