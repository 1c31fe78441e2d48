package plots_test

import (
	"errors"
	"image/color"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestSweepLineParts(t *testing.T) {
	t.Parallel()
	r := plots.Response{
		Metric: "Mean wait", Unit: "hours", Place: "Northshire",
		Parameter: "services.ed.treatment.mean", ParameterUnit: "days",
		X:        []float64{0.03, 0.04, 0.05},
		Y:        []plots.Estimate{{Mean: 1, Lo: 0.5, Hi: 1.5}, {Mean: 2, Lo: 1.5, Hi: 2.5}, {Mean: 4, Lo: 3, Hi: 5}},
		Interval: "95% confidence interval",
	}
	f, err := plots.SweepLine(r)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	for _, tc := range []struct{ what, got, want string }{
		{"title", p.Title.Text, "Mean wait by services.ed.treatment.mean, Northshire"},
		{"x label", p.X.Label.Text, "services.ed.treatment.mean (days)"},
		{"y label", p.Y.Label.Text, "Mean wait (hours)"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.what, tc.got, tc.want)
		}
	}
	if got, want := tickLabels(p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)), []string{"0.03", "0.04", "0.05"}; !slices.Equal(got, want) {
		t.Errorf("x tick labels = %q, want the points' values %q", got, want)
	}
	e, ok := f.Entry(plots.LegendSweepMean)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendSweepMean)
	}
	line := e.Thumbs[0].(*plotter.Line)
	if want := (plotter.XYs{{X: 0.03, Y: 1}, {X: 0.04, Y: 2}, {X: 0.05, Y: 4}}); !slices.Equal(line.XYs, want) {
		t.Errorf("mean line = %v, want %v", line.XYs, want)
	}
	if _, ok := e.Thumbs[1].(*plotter.Scatter); !ok {
		t.Errorf("mean's second thumbnail is a %T, want the markers' *plotter.Scatter", e.Thumbs[1])
	}
	b, ok := f.Entry(r.Interval)
	if !ok {
		t.Fatalf("no %q legend entry", r.Interval)
	}
	band := b.Thumbs[0].(*plotter.Polygon)
	want := plotter.XYs{{X: 0.03, Y: 1.5}, {X: 0.04, Y: 2.5}, {X: 0.05, Y: 5}, {X: 0.05, Y: 3}, {X: 0.04, Y: 1.5}, {X: 0.03, Y: 0.5}}
	if !slices.Equal(band.XYs[0], want) {
		t.Errorf("band = %v, want %v", band.XYs[0], want)
	}
	if p.Y.Min > 0.5 || p.Y.Max < 5 {
		t.Errorf("y axis %v to %v does not hold the band, 0.5 to 5", p.Y.Min, p.Y.Max)
	}

	// Money on the y axis, and labels for a parameter that is not a number.
	r.Unit, r.Labels = "£", []string{"low", "mid", "high"}
	f, err = plots.SweepLine(r)
	if err != nil {
		t.Fatal(err)
	}
	p = f.Panels[0]
	if got := tickLabels(p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)); !slices.Equal(got, r.Labels) {
		t.Errorf("x tick labels = %q, want %q", got, r.Labels)
	}
	if got := tickLabels(p.Y.Tick.Marker.Ticks(0, 3e6)); len(got) == 0 || got[len(got)-1] != "£3m" {
		t.Errorf("y tick labels = %q, want money ending in £3m", got)
	}
}

func TestSweepLineErrors(t *testing.T) {
	t.Parallel()
	e := plots.Estimate{Mean: 1, Lo: 0, Hi: 2}
	for _, tc := range []struct {
		name   string
		r      plots.Response
		noData bool
	}{
		{"empty", plots.Response{}, true},
		{"short Y", plots.Response{X: []float64{1, 2}, Y: []plots.Estimate{e}}, false},
		{"short labels", plots.Response{X: []float64{1, 2}, Y: []plots.Estimate{e, e}, Labels: []string{"a"}}, false},
		{"NaN", plots.Response{X: []float64{1}, Y: []plots.Estimate{{Mean: math.NaN()}}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plots.SweepLine(tc.r)
			if err == nil || errors.Is(err, plots.ErrNoData) != tc.noData {
				t.Errorf("err = %v, want an error (ErrNoData: %v)", err, tc.noData)
			}
		})
	}
}

// tickLabels returns the labels of the labelled ticks, in order.
func tickLabels(ticks []plot.Tick) []string {
	var out []string
	for _, tk := range ticks {
		if tk.Label != "" {
			out = append(out, tk.Label)
		}
	}
	return out
}

// grey is c's relative luminance from 0 (black) to 1 (white), with the
// ITU-R BT.709 weights on the encoded channels: how light c prints in
// greyscale, near enough to compare colours.
func grey(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}
