package plots_test

import (
	"log"
	"math"

	"caresim/plots"
)

// ExampleWaveImplausibility draws the first wave of a history match of an
// ED's arrival rate and treatment time, from fixed figures shaped like
// one: the implausibility is least along the line where the arrival rate
// times the treatment time matches the observed occupancy, and rises
// steeply away from it; one point is ruled out beyond the top of the
// chart.
func ExampleWaveImplausibility() {
	w := plots.Wave{
		Wave: 1, Place: "Northshire General", Cut: 3,
		Params: []plots.WaveParam{
			{Name: "arrivals", Unit: "per day", Lo: 150, Hi: 260},
			{Name: "treatment", Unit: "minutes", Lo: 30, Hi: 65},
		},
	}
	for i := range 12 {
		a := 150 + (float64(i)+0.5)/12*110
		m := 30 + math.Mod(float64(i*5)+0.5, 12)/12*35
		load := a * m / (200 * 50) // 1 at the known point
		w.X = append(w.X, []float64{a, m})
		w.Impl = append(w.Impl, 25*math.Abs(load-1)+math.Abs(a-200)/12)
	}
	// The region kept: the kept points' span, widened by the design's
	// spacing (12^(−1/2) of each range) and cut to the range.
	for j := range w.Params {
		par := &w.Params[j]
		par.KeptLo, par.KeptHi = math.Inf(1), math.Inf(-1)
		for i, x := range w.X {
			if w.Impl[i] <= w.Cut {
				par.KeptLo, par.KeptHi = math.Min(par.KeptLo, x[j]), math.Max(par.KeptHi, x[j])
			}
		}
		pad := (par.Hi - par.Lo) / math.Sqrt(12)
		par.KeptLo, par.KeptHi = math.Max(par.Lo, par.KeptLo-pad), math.Min(par.Hi, par.KeptHi+pad)
	}
	f, err := plots.WaveImplausibility(w)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("testdata/wave.png", plots.A4Width, plots.A4Height); err != nil {
		log.Fatal(err)
	}
}
