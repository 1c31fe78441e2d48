package plots_test

import (
	"errors"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestDelayedPatientsParts(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	d := plots.Delays{
		Place: "Northshire", Start: start,
		Reablement:       []float64{5, 6, 7},
		IntermediateCare: []float64{3, 2, 1},
		CareHome:         []float64{1, 1, 4},
		Interventions:    []plots.Marker{{Label: "Virtual ward", At: start.AddDate(0, 0, 1)}},
	}
	f, err := plots.DelayedPatients(d)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "Patients delayed in acute beds, Northshire, by discharge pathway"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := p.X.Label.Text; got != "Date" {
		t.Errorf("x label = %q, want Date", got)
	}
	if got := p.Y.Label.Text; got != "Delayed patients" {
		t.Errorf("y label = %q, want Delayed patients", got)
	}
	want := []string{plots.LegendPathway1, plots.LegendPathway2, plots.LegendPathway3, plots.LegendDelayedTotal, plots.LegendMarker}
	if len(f.Legend) != len(want) {
		t.Fatalf("%d legend entries, want %q", len(f.Legend), want)
	}
	for i, name := range want {
		if f.Legend[i].Name != name {
			t.Errorf("legend[%d] = %q, want %q", i, f.Legend[i].Name, name)
		}
	}
	dashes := map[int]bool{}
	for _, name := range want[:3] {
		e, _ := f.Entry(name)
		l := e.Thumbs[0].(*plotter.Line)
		if dashes[len(l.Dashes)] {
			t.Errorf("%s shares its dash pattern with another pathway; they must differ in greyscale", name)
		}
		dashes[len(l.Dashes)] = true
	}
	e, _ := f.Entry(plots.LegendDelayedTotal)
	total := e.Thumbs[0].(*plotter.Line)
	for i, w := range []float64{9, 9, 12} {
		if got := total.XYs[i]; got.Y != w || got.X != float64(start.AddDate(0, 0, i).Unix()) {
			t.Errorf("total[%d] = %v, want (%v, %v)", i, got, start.AddDate(0, 0, i), w)
		}
	}
}

func TestDelayedPatientsOnePathway(t *testing.T) {
	t.Parallel()
	f, err := plots.DelayedPatients(plots.Delays{CareHome: []float64{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Entry(plots.LegendPathway1); ok {
		t.Error("pathway 1 has no data but is in the legend")
	}
	if got, want := f.Panels[0].Title.Text, "Patients delayed in acute beds, by discharge pathway"; got != want {
		t.Errorf("title without a place = %q, want %q", got, want)
	}
}

func TestDelayedPatientsErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.DelayedPatients(plots.Delays{Place: "X"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty: err = %v, want ErrNoData", err)
	}
	_, err := plots.DelayedPatients(plots.Delays{Reablement: []float64{1, 2}, CareHome: []float64{1}})
	if err == nil {
		t.Error("mismatched lengths: no error")
	}
}
