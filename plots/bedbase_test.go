package plots_test

import (
	"errors"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestBedBaseParts(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	b := plots.BedBase{
		Pool: "Acute", Place: "Northshire", Start: start,
		Planned:       []float64{20, 20, 21},
		Open:          []float64{20, 15, 18},
		Escalation:    []float64{0, 0, 2},
		Occupied:      []float64{12, 11, 17},
		Interventions: []plots.Marker{{Label: "Bed rule", At: start.AddDate(0, 0, 1)}},
	}
	f, err := plots.BedBaseOverTime(b)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "Acute beds planned, open and occupied, Northshire"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := p.Y.Label.Text; got != "Beds" {
		t.Errorf("y label = %q, want Beds", got)
	}
	want := []string{plots.LegendPlanned, plots.LegendOpen, plots.LegendEscalation, plots.LegendOccupied, plots.LegendMarker}
	if len(f.Legend) != len(want) {
		t.Fatalf("%d legend entries, want %q", len(f.Legend), want)
	}
	for i, name := range want {
		if f.Legend[i].Name != name {
			t.Errorf("legend[%d] = %q, want %q", i, f.Legend[i].Name, name)
		}
	}
	// Capacities are steps; each series is its input, day by day.
	for _, c := range []struct {
		name string
		v    []float64
		step bool
	}{{plots.LegendPlanned, b.Planned, true}, {plots.LegendOpen, b.Open, true},
		{plots.LegendEscalation, b.Escalation, true}, {plots.LegendOccupied, b.Occupied, false}} {
		e, _ := f.Entry(c.name)
		l := e.Thumbs[0].(*plotter.Line)
		if got := l.StepStyle == plotter.PostStep; got != c.step {
			t.Errorf("%s drawn as steps: %v, want %v", c.name, got, c.step)
		}
		for i, w := range c.v {
			if got := l.XYs[i]; got.Y != w || got.X != float64(start.AddDate(0, 0, i).Unix()) {
				t.Errorf("%s[%d] = %v, want (%v, %v)", c.name, i, got, start.AddDate(0, 0, i), w)
			}
		}
	}
}

func TestBedBaseErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.BedBaseOverTime(plots.BedBase{Pool: "Acute"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty: err = %v, want ErrNoData", err)
	}
	if _, err := plots.BedBaseOverTime(plots.BedBase{Planned: []float64{1, 2}, Open: []float64{1}}); err == nil {
		t.Error("mismatched lengths: no error")
	}
	f, err := plots.BedBaseOverTime(plots.BedBase{Pool: "Acute", Open: []float64{3, 4}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Entry(plots.LegendEscalation); ok {
		t.Error("escalation beds not given but in the legend")
	}
}
