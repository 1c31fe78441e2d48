package plots_test

import (
	"log"

	"caresim/plots"
)

// ExampleTornado draws the effect of four parameters on a hospital's mean
// acute bed occupancy from fixed figures, as a sweep would find them with
// the other parameters at the middle of their ranges: more beds lower the
// occupancy, longer stays and more arrivals raise it, and intermediate-care
// beds matter least.
func ExampleTornado() {
	s := plots.Sensitivity{
		Metric: "Acute occupancy",
		Unit:   "fraction",
		Place:  "Northshire General",
		Base:   0.91,
		Swings: []plots.Swing{
			{Parameter: "services.intermediate_care.beds", LowValue: "6", HighValue: "10", Low: 0.925, High: 0.9},
			{Parameter: "services.acute.beds", LowValue: "380", HighValue: "440", Low: 0.97, High: 0.84},
			{Parameter: "acute LOS mean (days)", LowValue: "4.5", HighValue: "6.5", Low: 0.86, High: 0.95},
			{Parameter: "emergency admissions per day", LowValue: "120", HighValue: "150", Low: 0.87, High: 0.945},
		},
		Note: "Other parameters at their middle values",
	}
	f, err := plots.Tornado(s)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/tornado.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
