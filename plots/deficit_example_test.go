package plots_test

import (
	"log"

	"gonum.org/v1/plot/vg"

	"caresim/plots"
)

// ExampleDeficitTrajectory draws five years of a system's gap from fixed
// figures: a baseline deficit growing by £1.5m a year, and a scenario that
// costs £1m in its first year and saves £2m a year from the second. The
// intervals widen with the horizon, as replication spread does.
func ExampleDeficitTrajectory() {
	d := plots.Deficit{
		Body:     "Northshire system",
		Years:    []string{"2025/26", "2026/27", "2027/28", "2028/29", "2029/30"},
		Baseline: plots.Gap{Name: "Baseline"},
		Scenario: plots.Gap{Name: "Discharge to assess"},
		Interval: "95% CI",
	}
	var cumBase, cumScen float64
	for i := range d.Years {
		base := 4e6 + 1.5e6*float64(i)
		scen := base + 1e6
		if i > 0 {
			scen = base - 2e6
		}
		half := 4e5 * float64(i+1) // CI half-width, £
		cumBase += base
		cumScen += scen
		d.Baseline.Annual = append(d.Baseline.Annual, plots.Estimate{Mean: base, Lo: base - half, Hi: base + half})
		d.Scenario.Annual = append(d.Scenario.Annual, plots.Estimate{Mean: scen, Lo: scen - half, Hi: scen + half})
		cumHalf := 2 * half
		d.Baseline.Cumulative = append(d.Baseline.Cumulative, plots.Estimate{Mean: cumBase, Lo: cumBase - cumHalf, Hi: cumBase + cumHalf})
		d.Scenario.Cumulative = append(d.Scenario.Cumulative, plots.Estimate{Mean: cumScen, Lo: cumScen - cumHalf, Hi: cumScen + cumHalf})
	}
	f, err := plots.DeficitTrajectory(d)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/deficit.png", plots.A4Width, 6*vg.Inch); err != nil {
		log.Fatal(err)
	}
}
