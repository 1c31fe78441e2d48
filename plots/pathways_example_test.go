package plots_test

import (
	"log"

	"caresim/plots"
)

// ExamplePathwayMix draws five financial years of discharge pathways from
// fixed figures: 40 000 emergency spells a year, growing 2% a year, of which
// a reablement scheme from the second year moves a share from care homes
// (5% falling to 3%) and intermediate-care beds (8% falling to 6%) to
// reablement (12% rising to 16%); 4% of patients die in hospital.
func ExamplePathwayMix() {
	pw := plots.Pathways{
		Place: "Northshire",
		Years: []string{"2025/26", "2026/27", "2027/28", "2028/29", "2029/30"},
		Names: []string{"Home (pathway 0)", "Reablement (pathway 1)", "Intermediate care (pathway 2)",
			"Care home (pathway 3)", "Died in hospital"},
		Counts: make([][]float64, 5),
	}
	spells := 40000.0
	for y := range pw.Years {
		shift := min(float64(y), 2)                                    // percentage points moved so far
		shares := []float64{71, 12 + 2*shift, 8 - shift, 5 - shift, 4} // % of spells
		for i, s := range shares {
			pw.Counts[i] = append(pw.Counts[i], spells*s/100)
		}
		spells *= 1.02
	}
	f, err := plots.PathwayMix(pw)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/pathways.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
