package plots_test

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestTornadoParts(t *testing.T) {
	t.Parallel()
	s := plots.Sensitivity{
		Metric: "Deficit in the final year", Unit: "£", Place: "Northshire",
		Base: 2e6,
		Swings: []plots.Swing{
			{Parameter: "small", LowValue: "1", HighValue: "2", Low: 1.9e6, High: 2.1e6},  // swing £0.2m
			{Parameter: "large", LowValue: "10", HighValue: "20", Low: 3e6, High: 1e6},    // swing £2m, falling
			{Parameter: "middle", LowValue: "a", HighValue: "b", Low: 1.5e6, High: 2.5e6}, // swing £1m
		},
		Note: "Bar ends: means of the\nbottom and top deciles",
	}
	f, err := plots.Tornado(s)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "Deficit in the final year: effect of each parameter, Northshire"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := p.X.Label.Text, "Deficit in the final year (£)"; got != want {
		t.Errorf("x label = %q, want %q", got, want)
	}
	if got := tickLabels(p.X.Tick.Marker.Ticks(0, 3e6)); len(got) == 0 || got[len(got)-1] != "£3m" {
		t.Errorf("x tick labels = %q, want money ending in £3m", got)
	}
	// Largest swing at the top (the highest y).
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	if got := tickLabels(ticks); len(got) != 3 || got[0] != "small" || got[1] != "middle" || got[2] != "large" {
		t.Errorf("y tick labels from the bottom = %q, want small, middle, large", got)
	}
	for _, tc := range []struct {
		entry string
		ends  []float64 // each bar's far end, from the bottom
	}{
		{plots.LegendTornadoLow, []float64{1.9e6, 1.5e6, 3e6}},
		{plots.LegendTornadoHigh, []float64{2.1e6, 2.5e6, 1e6}},
	} {
		e, ok := f.Entry(tc.entry)
		if !ok {
			t.Fatalf("no %q legend entry", tc.entry)
		}
		bars := e.Thumbs[0].(*plotter.Polygon)
		if len(bars.XYs) != 3 {
			t.Fatalf("%s: %d bars, want 3", tc.entry, len(bars.XYs))
		}
		for i, ring := range bars.XYs {
			xlo, xhi := math.Min(ring[0].X, ring[2].X), math.Max(ring[0].X, ring[2].X)
			if want := math.Min(s.Base, tc.ends[i]); xlo != want || xhi != math.Max(s.Base, tc.ends[i]) {
				t.Errorf("%s bar %d spans %v to %v, want the base %v to %v", tc.entry, i, xlo, xhi, s.Base, tc.ends[i])
			}
			if y := (ring[0].Y + ring[2].Y) / 2; y != float64(i) {
				t.Errorf("%s bar %d is at y = %v, want %d", tc.entry, i, y, i)
			}
		}
	}
	low, _ := f.Entry(plots.LegendTornadoLow)
	high, _ := f.Entry(plots.LegendTornadoHigh)
	if a, b := grey(low.Thumbs[0].(*plotter.Polygon).Color), grey(high.Thumbs[0].(*plotter.Polygon).Color); math.Abs(a-b) < 0.25 {
		t.Errorf("low and high fills have greys %.2f and %.2f, want them at least 0.25 apart", a, b)
	}
	if _, ok := f.Entry(plots.LegendTornadoBase + ": £2m"); !ok {
		t.Errorf("no base-case legend entry with its value; legend %v", f.Legend)
	}
	for _, line := range []string{"Bar ends: means of the", "bottom and top deciles"} {
		if e, ok := f.Entry(line); !ok || e.Thumbs != nil {
			t.Errorf("no legend entry of text alone for the note's line %q", line)
		}
	}
}

func TestTornadoErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.Tornado(plots.Sensitivity{Metric: "x"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("no swings: err = %v, want ErrNoData", err)
	}
	s := plots.Sensitivity{Metric: "x", Swings: []plots.Swing{{Parameter: "a", Low: math.NaN(), High: 1}}}
	if _, err := plots.Tornado(s); err == nil {
		t.Error("NaN swing: no error")
	}
}

// TestTornadoSameSide gives one parameter whose low and high values both
// raise the metric above the base (as the mean of a Latin hypercube's
// extreme points can) and one that straddles it: the first's two bars
// take half the row each, so that the longer does not hide the shorter;
// the second's take the whole row.
func TestTornadoSameSide(t *testing.T) {
	t.Parallel()
	f, err := plots.Tornado(plots.Sensitivity{
		Metric: "Occupancy", Unit: "%", Place: "Northshire", Base: 90,
		Swings: []plots.Swing{
			{Parameter: "Beds", LowValue: "600", HighValue: "700", Low: 95, High: 85},
			{Parameter: "Length of stay", LowValue: "5", HighValue: "7", Low: 91, High: 99},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	rows := func(name string) []plotter.XYs {
		e, ok := f.Entry(name)
		if !ok {
			t.Fatalf("no %q legend entry", name)
		}
		return e.Thumbs[0].(*plotter.Polygon).XYs
	}
	span := func(r plotter.XYs) (lo, hi float64) {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, p := range r {
			lo, hi = math.Min(lo, p.Y), math.Max(hi, p.Y)
		}
		return lo, hi
	}
	low, high := rows(plots.LegendTornadoLow), rows(plots.LegendTornadoHigh)
	// Rows are in order of swing; each row's ring ends at its value.
	for i := range low {
		llo, lhi := span(low[i])
		hlo, hhi := span(high[i])
		sameSide := low[i][1].X > 90 && high[i][1].X > 90
		switch {
		case sameSide && lhi > hlo:
			t.Errorf("row %d: low bar [%v, %v] overlaps the high bar [%v, %v]; both ends lie on one side", i, llo, lhi, hlo, hhi)
		case !sameSide && (llo != hlo || lhi != hhi):
			t.Errorf("row %d: bars [%v, %v] and [%v, %v] straddle the base and should share the row", i, llo, lhi, hlo, hhi)
		}
	}
}
