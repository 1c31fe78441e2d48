package plots_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

// TestAEPerformanceMonths checks the monthly sums by hand over four days
// that straddle a new year: Dec 30 and 31 make December, Jan 1 and 2 make
// January.
func TestAEPerformanceMonths(t *testing.T) {
	t.Parallel()
	a := plots.AE{
		Place:      "Northshire General",
		Start:      time.Date(2024, time.December, 30, 0, 0, 0, 0, time.UTC),
		Departures: []float64{100, 100, 200, 200}, // December 200, January 400
		Breaches:   []float64{10, 30, 20, 20},     // December 40 (80% within 4h), January 40 (90%)
		Waits12h:   []float64{1, 2, 3, 0.5},       // December 3, January 3.5
	}
	f, err := plots.AEPerformance(a)
	if err != nil {
		t.Fatal(err)
	}
	e, ok := f.Entry(plots.LegendFourHour)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendFourHour)
	}
	line := e.Thumbs[0].(*plotter.Line)
	want := plotter.XYs{{X: 0, Y: 80}, {X: 1, Y: 90}}
	if len(line.XYs) != len(want) {
		t.Fatalf("performance has %d months, want %d", len(line.XYs), len(want))
	}
	for i, w := range want {
		if got := line.XYs[i]; got != w {
			t.Errorf("performance[%d] = %v, want %v", i, got, w)
		}
	}
	e, ok = f.Entry(plots.LegendWaits12h)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendWaits12h)
	}
	bars := e.Thumbs[0].(*plotter.Polygon)
	for i, w := range []float64{3, 3.5} {
		if got := bars.XYs[i][2].Y; got != w {
			t.Errorf("12-hour waits in month %d = %v, want %v", i, got, w)
		}
	}
	var labels []string
	for _, tk := range f.Panels[1].X.Tick.Marker.Ticks(f.Panels[1].X.Min, f.Panels[1].X.Max) {
		labels = append(labels, tk.Label)
	}
	if len(labels) != 2 || labels[0] != "Dec 2024" || labels[1] != "Jan 2025" {
		t.Errorf("month labels = %q, want Dec 2024 and Jan 2025", labels)
	}
}

func TestAEPerformanceParts(t *testing.T) {
	t.Parallel()
	a := plots.AE{
		Place: "Northshire General", Start: time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC),
		Departures: []float64{100}, Breaches: []float64{25}, Waits12h: []float64{2},
	}
	f, err := plots.AEPerformance(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 2 {
		t.Fatalf("%d panels, want performance and 12-hour waits", len(f.Panels))
	}
	if got, want := f.Panels[0].Title.Text, "A&E 4-hour performance and 12-hour waits by month, Northshire General"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	for i, want := range []string{"Left within 4 hours (% of departures)", "12-hour waits (patients)"} {
		if got := f.Panels[i].Y.Label.Text; got != want {
			t.Errorf("panel %d y label = %q, want %q", i, got, want)
		}
	}
	if got := f.Panels[1].X.Label.Text; got != "Month" {
		t.Errorf("x label = %q, want Month", got)
	}
	e, ok := f.Entry(plots.LegendStandard)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendStandard)
	}
	std := e.Thumbs[0].(*plotter.Line)
	for _, p := range std.XYs {
		if p.Y != plots.FourHourStandard {
			t.Errorf("standard line at %v%%, want %v%%", p.Y, plots.FourHourStandard)
		}
	}
	if len(std.Dashes) == 0 {
		t.Error("standard line is solid; it must be dashed to differ from performance in greyscale")
	}
	if f.Panels[0].Y.Max < plots.FourHourStandard {
		t.Errorf("performance axis ends at %v%%, below the standard", f.Panels[0].Y.Max)
	}
	// The standard is named twice in the drawing: in the legend and on the line.
	if got := strings.Count(saveSVG(t, f), plots.LegendStandard); got != 2 {
		t.Errorf("%q is drawn %d times, want 2 (legend and the label on the line)", plots.LegendStandard, got)
	}
	if _, ok := f.Entry(plots.LegendWaits12h); !ok {
		t.Errorf("no %q legend entry", plots.LegendWaits12h)
	}
}

func TestAEPerformanceErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.AEPerformance(plots.AE{Place: "X"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty: err = %v, want ErrNoData", err)
	}
	_, err := plots.AEPerformance(plots.AE{Departures: []float64{1, 2}, Breaches: []float64{1, 2}, Waits12h: []float64{1}})
	if err == nil {
		t.Error("mismatched lengths: no error")
	}
}

// TestAEPerformanceNoWaits gives two months without a 12-hour wait: the
// waits panel says so in words, and its ticks are whole patients (the
// axis runs 0 to 1, where default ticks would label 0.5).
func TestAEPerformanceNoWaits(t *testing.T) {
	t.Parallel()
	a := plots.AE{
		Place: "Northshire General", Start: time.Date(2025, time.April, 30, 0, 0, 0, 0, time.UTC),
		Departures: []float64{100, 100}, Breaches: []float64{5, 5}, Waits12h: []float64{0, 0},
	}
	f, err := plots.AEPerformance(a)
	if err != nil {
		t.Fatal(err)
	}
	waits := f.Panels[1]
	for _, tk := range waits.Y.Tick.Marker.Ticks(waits.Y.Min, waits.Y.Max) {
		if tk.Label != "" && tk.Value != math.Trunc(tk.Value) {
			t.Errorf("12-hour waits tick %q at %v: not a whole number of patients", tk.Label, tk.Value)
		}
	}
	if got := strings.Count(saveSVG(t, f), plots.NoWaits12h); got != 1 {
		t.Errorf("%q is drawn %d times, want once", plots.NoWaits12h, got)
	}

	// With waits, the ticks are still whole: 3 and 3.5 patients a month
	// make an axis to 3.85.
	a.Waits12h = []float64{3, 3.5}
	if f, err = plots.AEPerformance(a); err != nil {
		t.Fatal(err)
	}
	waits = f.Panels[1]
	if got, want := tickLabels(waits.Y.Tick.Marker.Ticks(waits.Y.Min, waits.Y.Max)), []string{"0", "1", "2", "3"}; !slices.Equal(got, want) {
		t.Errorf("12-hour waits ticks = %q, want %q", got, want)
	}
}
