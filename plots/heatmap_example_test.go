package plots_test

import (
	"log"
	"strconv"

	"caresim/plots"
)

// ExampleHeatMap draws a system's deficit in its final year over a grid
// of acute and intermediate-care beds, from a fixed formula: each acute
// bed costs £200k a year and each intermediate-care bed £90k, while too
// few beds of either kind cost more in delays and spot-purchased care.
func ExampleHeatMap() {
	g := plots.Grid{
		Metric: "Deficit in the final year",
		Unit:   "£",
		Place:  "Northshire system",
		X:      plots.GridAxis{Parameter: "services.acute.beds"},
		Y:      plots.GridAxis{Parameter: "services.intermediate_care.beds"},
	}
	acute := []float64{380, 400, 420, 440}
	ic := []float64{20, 30, 40}
	for _, a := range acute {
		g.X.Values = append(g.X.Values, strconv.FormatFloat(a, 'f', -1, 64))
	}
	for _, b := range ic {
		g.Y.Values = append(g.Y.Values, strconv.FormatFloat(b, 'f', -1, 64))
		var row []float64
		for _, a := range acute {
			shortfall := max(0, 430-a-0.8*b) // beds short of demand
			row = append(row, 200e3*a+90e3*b+600e3*shortfall-80e6)
		}
		g.Values = append(g.Values, row)
	}
	f, err := plots.HeatMap(g)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/heatmap.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
