package plots_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

// TestWaits12hByMonthParts checks the chart's title, axis and legend, and
// that each month's bar has the crisis patients' waits at the bottom and
// the others' (all less crisis) above: 40 days from 20 March with 1
// crisis patient and 3 in all a day are 12 and 24 in March, 28 and 56 in
// April.
func TestWaits12hByMonthParts(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.March, 20, 0, 0, 0, 0, time.UTC)
	w := plots.Waits12h{Place: "Northshire", Start: start}
	for range 40 {
		w.Crisis = append(w.Crisis, 1)
		w.All = append(w.All, 3)
	}
	f, err := plots.Waits12hByMonth(w)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "ED departures more than 12 hours after arrival, by month, Northshire"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := p.Y.Label.Text; got != "Departures in the month" {
		t.Errorf("y label = %q, want Departures in the month", got)
	}
	want := []string{"Other patients", "In a mental health crisis"}
	if len(f.Legend) != len(want) {
		t.Fatalf("%d legend entries, want %q", len(f.Legend), want)
	}
	for i, name := range want {
		if f.Legend[i].Name != name {
			t.Errorf("legend[%d] = %q, want %q", i, f.Legend[i].Name, name)
		}
	}
	for _, tc := range []struct {
		part string
		want [][2]float64 // March's bar and April's, from and to
	}{
		{"In a mental health crisis", [][2]float64{{0, 12}, {0, 28}}},
		{"Other patients", [][2]float64{{12, 36}, {28, 84}}},
	} {
		e, _ := f.Entry(tc.part)
		bars := e.Thumbs[0].(*plotter.Polygon)
		if len(bars.XYs) != 2 {
			t.Fatalf("%s: %d bars, want one for March and one for April", tc.part, len(bars.XYs))
		}
		for j, w := range tc.want {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, xy := range bars.XYs[j] {
				lo, hi = math.Min(lo, xy.Y), math.Max(hi, xy.Y)
			}
			if lo != w[0] || hi != w[1] {
				t.Errorf("%s: bar %d from %v to %v, want %v to %v", tc.part, j, lo, hi, w[0], w[1])
			}
		}
	}
}

// TestWaits12hByMonthErrors: series of different lengths, and more crisis
// patients than departures on a day, are refused, naming what is wrong.
func TestWaits12hByMonthErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		w    plots.Waits12h
		want string
	}{
		{plots.Waits12h{All: []float64{1, 2}, Crisis: []float64{1}}, "2 days of all patients, 1 of crisis patients"},
		{plots.Waits12h{All: []float64{1, 2}, Crisis: []float64{1, 3}}, "day 1 has 3 crisis patients of 2 departures"},
		{plots.Waits12h{All: []float64{1, math.NaN()}, Crisis: []float64{1, 0}}, "want >= 0"},
	} {
		_, err := plots.Waits12hByMonth(tc.w)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want one saying %q", tc.w, err, tc.want)
		}
	}
}
