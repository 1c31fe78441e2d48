package plots_test

import (
	"log"

	"gonum.org/v1/plot/vg"

	"caresim/plots"
)

// ExampleDifferences draws three scenarios' paired differences from the
// baseline in three metrics, from fixed figures: fewer acute bed days and
// delayed days for each scheme, with wider intervals where fewer
// replications agree, and a cost that only the combination clearly raises.
func ExampleDifferences() {
	d := plots.Diffs{
		Base:     "baseline",
		Place:    "Northshire",
		Interval: "95% confidence interval",
	}
	for _, r := range []struct {
		metric, unit    string
		mean, halfWidth []float64 // Discharge to assess, Virtual wards, Both
	}{
		{"Acute bed days", "days", []float64{-5200, -1400, -6300}, []float64{1100, 1600, 1300}},
		{"Delayed days", "days", []float64{-3100, -300, -3500}, []float64{700, 650, 800}},
		{"Net cost", "GBP", []float64{-1.2e6, 0.4e6, 0.9e6}, []float64{0.9e6, 0.6e6, 0.7e6}},
	} {
		for k, scenario := range []string{"Discharge to assess", "Virtual wards", "Both"} {
			m, h := r.mean[k], r.halfWidth[k]
			d.Rows = append(d.Rows, plots.Diff{Metric: r.metric, Unit: r.unit, Scenario: scenario, Mean: m, Lo: m - h, Hi: m + h})
		}
	}
	f, err := plots.Differences(d)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/diffs.png", plots.A4Width, 6*vg.Inch); err != nil {
		log.Fatal(err)
	}
}
