package plots_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

// TestWaveImplausibilityParts checks a wave's chart by its parts: a panel
// per parameter, the kept and ruled-out points split at the cut, a point
// above three cuts drawn at three cuts, and a point without a value left
// out.
func TestWaveImplausibilityParts(t *testing.T) {
	t.Parallel()
	w := plots.Wave{Wave: 2, Place: "Northshire", Cut: 3,
		Params: []plots.WaveParam{{Name: "a", Lo: 0, Hi: 10, KeptLo: 1, KeptHi: 4}, {Name: "b", Unit: "days", Lo: 0, Hi: 1, KeptLo: 0.2, KeptHi: 0.5}},
		X:      [][]float64{{1, 0.2}, {3, 0.5}, {8, 0.9}, {9, 0.1}},
		Impl:   []float64{0.5, 3, math.Inf(1), math.NaN()},
	}
	f, err := plots.WaveImplausibility(w)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 2 {
		t.Fatalf("%d panels, want one per parameter, 2", len(f.Panels))
	}
	if got, want := f.Panels[1].X.Label.Text, "b (days)"; got != want {
		t.Errorf("second panel's x label %q, want %q", got, want)
	}
	kept, _ := f.Entry(plots.LegendWaveKept)
	if got, want := kept.Thumbs[0].(*plotter.Scatter).XYs, (plotter.XYs{{X: 1, Y: 0.5}, {X: 3, Y: 3}}); !slices.Equal(got, want) {
		t.Errorf("kept points %v, want %v (the cut itself is kept)", got, want)
	}
	ruled, _ := f.Entry(plots.LegendWaveRuled)
	if got, want := ruled.Thumbs[0].(*plotter.Scatter).XYs, (plotter.XYs{{X: 8, Y: 9}}); !slices.Equal(got, want) {
		t.Errorf("ruled-out points %v, want %v (an infinite implausibility drawn at 3 cuts)", got, want)
	}
	if _, err := plots.WaveImplausibility(plots.Wave{Params: w.Params}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("no points: %v, want ErrNoData", err)
	}
	w.X[0] = []float64{1}
	if _, err := plots.WaveImplausibility(w); err == nil {
		t.Error("a point with one value for two parameters: no error")
	}
}
