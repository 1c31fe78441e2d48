package plots_test

import (
	"errors"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestBedsOverTimeParts(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	b := plots.Beds{
		Pool: "Intermediate care", Place: "Northshire", Start: start,
		Mean: []float64{10, 12, 14}, P10: []float64{8, 10, 12}, P90: []float64{12, 14, 16},
		Capacity:      []float64{15, 15, 20},
		Interventions: []plots.Marker{{Label: "Virtual ward", At: start.AddDate(0, 0, 1)}},
	}
	f, err := plots.BedsOverTime(b)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "Intermediate care beds occupied, Northshire"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := p.X.Label.Text; got != "Date" {
		t.Errorf("x label = %q, want Date", got)
	}
	if got := p.Y.Label.Text; got != "Beds occupied (beds)" {
		t.Errorf("y label = %q, want it to name beds as the unit", got)
	}
	e, ok := f.Entry(plots.LegendCapacity)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendCapacity)
	}
	l, ok := e.Thumbs[0].(*plotter.Line)
	if !ok {
		t.Fatalf("capacity is a %T, want *plotter.Line", e.Thumbs[0])
	}
	if l.StepStyle != plotter.PostStep {
		t.Errorf("capacity step style = %v, want PostStep", l.StepStyle)
	}
	if len(l.Dashes) == 0 {
		t.Error("capacity line is solid; it must be dashed to differ from the mean in greyscale")
	}
	for i, want := range b.Capacity {
		if l.XYs[i].Y != want || l.XYs[i].X != float64(start.AddDate(0, 0, i).Unix()) {
			t.Errorf("capacity[%d] = %v, want (%v, %v)", i, l.XYs[i], start.AddDate(0, 0, i), want)
		}
	}
	for _, name := range []string{plots.LegendMean, plots.LegendBand, plots.LegendMarker} {
		if _, ok := f.Entry(name); !ok {
			t.Errorf("no %q legend entry", name)
		}
	}
}

func TestBedsOverTimeErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.BedsOverTime(plots.Beds{Pool: "Acute"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty: err = %v, want ErrNoData", err)
	}
	_, err := plots.BedsOverTime(plots.Beds{Pool: "Acute", Mean: []float64{1, 2}, Capacity: []float64{1}})
	if err == nil {
		t.Error("mismatched lengths: no error")
	}
}
