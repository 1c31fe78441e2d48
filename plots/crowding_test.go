package plots_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

// TestEDCrowdingMonths checks the monthly figures by hand over four days
// that straddle a new year: Dec 30 and 31 make December, Jan 1 and 2
// make January. Boarding and corridor are the means of the month's daily
// means; handovers are the month's counts.
func TestEDCrowdingMonths(t *testing.T) {
	t.Parallel()
	c := plots.Crowding{
		Place:    "Northshire General",
		Start:    time.Date(2024, time.December, 30, 0, 0, 0, 0, time.UTC),
		Boarding: []float64{4, 6, 10, 20}, // December 5, January 15
		Corridor: []float64{0, 1, 3, 9},   // December 0.5, January 6
		Over30:   []float64{2, 3, 7, 8},   // December 5, January 15
		Over60:   []float64{0, 1, 2, 4},   // December 1, January 6
	}
	f, err := plots.EDCrowding(c)
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]plotter.XYs{
		plots.LegendBoarding: {{X: 0, Y: 5}, {X: 1, Y: 15}},
		plots.LegendCorridor: {{X: 0, Y: 0.5}, {X: 1, Y: 6}},
	}
	for name, want := range lines {
		e, ok := f.Entry(name)
		if !ok {
			t.Fatalf("no %q legend entry", name)
		}
		got := e.Thumbs[0].(*plotter.Line).XYs
		if len(got) != len(want) {
			t.Fatalf("%s has %d months, want %d", name, len(got), len(want))
		}
		for i, w := range want {
			if got[i] != w {
				t.Errorf("%s[%d] = %v, want %v", name, i, got[i], w)
			}
		}
	}
	for name, want := range map[string][]float64{plots.LegendOver30: {5, 15}, plots.LegendOver60: {1, 6}} {
		e, ok := f.Entry(name)
		if !ok {
			t.Fatalf("no %q legend entry", name)
		}
		bars := e.Thumbs[0].(*plotter.Polygon)
		for i, w := range want {
			if got := bars.XYs[i][2].Y; got != w {
				t.Errorf("%s in month %d = %v, want %v", name, i, got, w)
			}
		}
	}
	if got, want := f.Panels[0].Title.Text, "ED crowding by month, Northshire General: patients waiting for a bed, and ambulance handover delays"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
}

// TestEDCrowdingNoDelays gives a month without a handover over 30
// minutes: the handovers panel says so in words, with whole-patient ticks.
func TestEDCrowdingNoDelays(t *testing.T) {
	t.Parallel()
	c := plots.Crowding{
		Start:    time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC),
		Boarding: []float64{0.5, 0.2}, Corridor: []float64{0, 0}, Over30: []float64{0, 0}, Over60: []float64{0, 0},
	}
	f, err := plots.EDCrowding(c)
	if err != nil {
		t.Fatal(err)
	}
	hand := f.Panels[1]
	for _, tk := range hand.Y.Tick.Marker.Ticks(hand.Y.Min, hand.Y.Max) {
		if tk.Label != "" && tk.Value != math.Trunc(tk.Value) {
			t.Errorf("handovers tick %q at %v: not a whole number of patients", tk.Label, tk.Value)
		}
	}
	if got := strings.Count(saveSVG(t, f), plots.NoHandoverDelays); got != 1 {
		t.Errorf("%q is drawn %d times, want once", plots.NoHandoverDelays, got)
	}
}

func TestEDCrowdingErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.EDCrowding(plots.Crowding{Place: "X"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty: err = %v, want ErrNoData", err)
	}
	_, err := plots.EDCrowding(plots.Crowding{Boarding: []float64{1, 2}, Corridor: []float64{1, 2}, Over30: []float64{1}, Over60: []float64{1, 2}})
	if err == nil {
		t.Error("mismatched lengths: no error")
	}
}
