package plots_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

// TestWaitingListParts draws 31 March to 2 April: two days of March and
// one of April. March's share within 18 weeks is 1 − (10 + 30)/(100 +
// 300) = 90%, plotted at the middle of its two days; April's 1 − 0/50 =
// 100%.
func TestWaitingListParts(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.March, 30, 0, 0, 0, 0, time.UTC)
	w := plots.WaitingList{
		Place: "Northshire", Start: start,
		List:          []float64{100, 300, 50},
		Over18:        []float64{10, 30, 0},
		Interventions: []plots.Marker{{Label: "Recovery plan", At: start.AddDate(0, 0, 1)}},
	}
	f, err := plots.WaitingListOverTime(w)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Panels[0].Title.Text, "Elective waiting list and the 18-week standard, Northshire"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	want := []string{plots.LegendWaitingList, plots.LegendOver18, plots.LegendMarker, plots.LegendWithin18, plots.LegendRTTStandard}
	if len(f.Legend) != len(want) {
		t.Fatalf("%d legend entries, want %q", len(f.Legend), want)
	}
	for i, name := range want {
		if f.Legend[i].Name != name {
			t.Errorf("legend[%d] = %q, want %q", i, f.Legend[i].Name, name)
		}
	}
	e, _ := f.Entry(plots.LegendWithin18)
	line := e.Thumbs[0].(*plotter.Line)
	day := func(i int) float64 { return float64(start.AddDate(0, 0, i).Unix()) }
	for i, w := range []plotter.XY{{X: (day(0) + day(1)) / 2, Y: 90}, {X: day(2), Y: 100}} {
		if got := line.XYs[i]; math.Abs(got.X-w.X) > 1e-6 || math.Abs(got.Y-w.Y) > 1e-9 {
			t.Errorf("month %d: %v, want %v", i, got, w)
		}
	}
	e, _ = f.Entry(plots.LegendRTTStandard)
	if got := e.Thumbs[0].(*plotter.Line).XYs[0].Y; got != plots.RTTStandard {
		t.Errorf("the standard is drawn at %v%%, want %v%%", got, plots.RTTStandard)
	}
}

func TestWaitingListErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.WaitingListOverTime(plots.WaitingList{}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("no days: %v, want ErrNoData", err)
	}
	if _, err := plots.WaitingListOverTime(plots.WaitingList{List: []float64{1, 2}, Over18: []float64{0}}); err == nil {
		t.Error("a series a day short: no error")
	}
	if _, err := plots.WaitingListOverTime(plots.WaitingList{List: []float64{1, 2}}); err == nil {
		t.Error("no series of those over 18 weeks: no error")
	}
}
