package plots_test

import (
	"log"
	"math"
	"time"

	"caresim/plots"
)

// ExampleWaits12hByMonth draws a year of 12-hour waits in ED from fixed
// data: about one crisis patient a day waits more than 12 hours until
// liaison psychiatry goes round the clock in October, when their waits
// fall to a fifth, while the other patients' long waits peak in winter.
func ExampleWaits12hByMonth() {
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	const days = 365
	w := plots.Waits12h{
		Place: "Northshire", Start: start,
		Interventions: []plots.Marker{{Label: "Liaison round the clock", At: time.Date(2025, time.October, 1, 0, 0, 0, 0, time.UTC)}},
	}
	for i := range days {
		crisis := 1.1
		if i >= 183 {
			crisis = 0.22
		}
		other := 0.15 + 0.6*math.Exp(-math.Pow(float64(i-280)/35, 2))
		w.Crisis = append(w.Crisis, crisis)
		w.All = append(w.All, crisis+other)
	}
	f, err := plots.Waits12hByMonth(w)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/waits12h.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
