package plots_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

// TestDelaysByReasonParts checks the chart's title, axes and legend, and
// that each month's bar stacks that month's delayed days by reason: 40
// days from 20 March are 12 in March, 28 in April.
func TestDelaysByReasonParts(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.March, 20, 0, 0, 0, 0, time.UTC)
	ones := func(v float64) []float64 {
		out := make([]float64, 40)
		for i := range out {
			out[i] = v
		}
		return out
	}
	d := plots.Delays{
		Place: "Northshire", Start: start,
		Reasons: []plots.DelayReason{
			{Name: "Assessment", Daily: ones(2)},
			{Name: "Transport"}, // no data: left out
			{Name: "Nursing home", Daily: ones(0.5)},
		},
		Interventions: []plots.Marker{{Label: "Virtual ward", At: start.AddDate(0, 0, 15)}},
	}
	f, err := plots.DelaysByReason(d)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "Delayed days in acute beds by month and reason, Northshire"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := p.Y.Label.Text; got != "Delayed days in the month" {
		t.Errorf("y label = %q, want Delayed days in the month", got)
	}
	want := []string{"Nursing home", "Assessment", plots.LegendMarker}
	if len(f.Legend) != len(want) {
		t.Fatalf("%d legend entries, want %q", len(f.Legend), want)
	}
	for i, name := range want {
		if f.Legend[i].Name != name {
			t.Errorf("legend[%d] = %q, want %q", i, f.Legend[i].Name, name)
		}
	}
	// The nursing-home bars sit on the assessment bars: March's from 24
	// (12 days × 2) to 30 (+ 12 × 0.5), April's from 56 to 70.
	e, _ := f.Entry("Nursing home")
	bars := e.Thumbs[0].(*plotter.Polygon)
	if len(bars.XYs) != 2 {
		t.Fatalf("%d nursing-home bars, want one for March and one for April", len(bars.XYs))
	}
	for j, w := range [][2]float64{{24, 30}, {56, 70}} {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, xy := range bars.XYs[j] {
			lo, hi = math.Min(lo, xy.Y), math.Max(hi, xy.Y)
		}
		if lo != w[0] || hi != w[1] {
			t.Errorf("bar %d from %v to %v, want %v to %v", j, lo, hi, w[0], w[1])
		}
	}
	april := float64(time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC).Unix())
	if x := bars.XYs[1][0].X; x != april {
		t.Errorf("April's bar starts at %v, want 1 April (%v)", x, april)
	}
}

func TestDelaysByReasonErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.DelaysByReason(plots.Delays{Place: "X", Reasons: []plots.DelayReason{{Name: "A"}}}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty: err = %v, want ErrNoData", err)
	}
	_, err := plots.DelaysByReason(plots.Delays{Reasons: []plots.DelayReason{{Name: "A", Daily: []float64{1, 2}}, {Name: "B", Daily: []float64{1}}}})
	if err == nil {
		t.Error("mismatched lengths: no error")
	}
	_, err = plots.DelaysByReason(plots.Delays{Reasons: []plots.DelayReason{{Name: "A", Daily: []float64{1, -2}}}})
	if err == nil {
		t.Error("a negative day: no error")
	}
}
