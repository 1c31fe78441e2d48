package plots_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"caresim/plots"
)

func TestHeatMapParts(t *testing.T) {
	t.Parallel()
	g := plots.Grid{
		Metric: "Acute occupancy", Unit: "fraction", Place: "Northshire",
		X:      plots.GridAxis{Parameter: "services.acute.beds", Values: []string{"18", "20", "22"}},
		Y:      plots.GridAxis{Parameter: "services.intermediate_care.length_of_stay.mean", Unit: "days", Values: []string{"4", "6"}},
		Values: [][]float64{{0.95, 0.9, 0.85}, {0.98, math.NaN(), 0.8}},
	}
	f, err := plots.HeatMap(g)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	for _, tc := range []struct{ what, got, want string }{
		{"title", p.Title.Text, "Acute occupancy, Northshire"},
		{"x label", p.X.Label.Text, "services.acute.beds"},
		{"y label", p.Y.Label.Text, "services.intermediate_care.length_of_stay.mean (days)"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.what, tc.got, tc.want)
		}
	}
	if got := tickLabels(p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)); !slices.Equal(got, g.X.Values) {
		t.Errorf("x tick labels = %q, want %q", got, g.X.Values)
	}
	if got := tickLabels(p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)); !slices.Equal(got, g.Y.Values) {
		t.Errorf("y tick labels = %q, want %q", got, g.Y.Values)
	}

	// The colour bar: headed by the metric and unit, then the highest
	// value down to the lowest, each step darker in greyscale than the one
	// above it.
	if len(f.Legend) < 3 || f.Legend[0].Name != "Acute occupancy (fraction)" || f.Legend[0].Thumbs != nil {
		t.Fatalf("legend %v, want a heading naming the metric and unit, then the colour bar", f.Legend)
	}
	bar := f.Legend[1:]
	if first, last := bar[0].Name, bar[len(bar)-1].Name; first != "0.98" || last != "0.8" {
		t.Errorf("colour bar runs from %s down to %s, want 0.98 to 0.8", first, last)
	}
	prev := 2.0
	for _, e := range bar {
		// Draw the swatch alone and read the middle of its left half.
		c := vgimg.New(vg.Points(20), vg.Points(12))
		dc := draw.New(c)
		e.Thumbs[0].Thumbnail(&dc)
		l := grey(c.Image().At(5, 6))
		if l >= prev {
			t.Errorf("colour bar step %s has grey %.3f, not darker than the step above (%.3f)", e.Name, l, prev)
		}
		prev = l
	}
}

func TestHeatMapErrors(t *testing.T) {
	t.Parallel()
	axis := plots.GridAxis{Parameter: "a", Values: []string{"1", "2"}}
	for _, tc := range []struct {
		name   string
		g      plots.Grid
		noData bool
	}{
		{"empty", plots.Grid{}, true},
		{"nothing measured", plots.Grid{X: axis, Y: axis, Values: [][]float64{{math.NaN(), math.NaN()}, {math.NaN(), math.NaN()}}}, true},
		{"missing row", plots.Grid{X: axis, Y: axis, Values: [][]float64{{1, 2}}}, false},
		{"short row", plots.Grid{X: axis, Y: axis, Values: [][]float64{{1, 2}, {3}}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plots.HeatMap(tc.g)
			if err == nil || errors.Is(err, plots.ErrNoData) != tc.noData {
				t.Errorf("err = %v, want an error (ErrNoData: %v)", err, tc.noData)
			}
		})
	}
}
