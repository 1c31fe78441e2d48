package plots_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
	"caresim/results"
)

func TestBackcastSeriesParts(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	b := plots.Backcast{Label: "4-hour performance", Unit: "fraction", Place: "Northshire",
		RunStart: time.Date(2014, time.April, 1, 0, 0, 0, 0, time.UTC), RunEnd: time.Date(2016, time.March, 31, 0, 0, 0, 0, time.UTC),
		Points: []results.BackcastPoint{ // out of order: the chart sorts them
			{Period: "2015/16", Observed: 0.944, Status: results.BackcastSimulated, Mean: 0.95, Lo: 0.93, Hi: 0.97},
			{Period: "2013/14", Observed: 0.957, Status: "before the run", Mean: nan, Lo: nan, Hi: nan},
			{Period: "2014/15", Observed: 0.933, Status: results.BackcastSimulated, Mean: 0.94, Lo: 0.92, Hi: 0.96},
		}}
	f, err := plots.BackcastSeries(b)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "4-hour performance, by financial year: simulated and observed, Northshire"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := p.Y.Label.Text; got != "Percent" {
		t.Errorf("y label = %q, want Percent", got)
	}
	want := []string{plots.LegendPredictionBand, plots.LegendSimulated, plots.LegendObserved, plots.LegendObservedOutside, plots.LegendRunStartsOrEnds}
	if len(f.Legend) != len(want) {
		t.Fatalf("%d legend entries, want %q", len(f.Legend), want)
	}
	for i, name := range want {
		if f.Legend[i].Name != name {
			t.Errorf("legend[%d] = %q, want %q", i, f.Legend[i].Name, name)
		}
	}
	// Each year is drawn at its middle, in percent: 2014/15, the 365 days
	// from 1 April 2014, at noon on 30 September 2014.
	mid := float64(time.Date(2014, time.September, 30, 12, 0, 0, 0, time.UTC).Unix())
	e, _ := f.Entry(plots.LegendSimulated)
	sim := e.Thumbs[0].(*plotter.Line)
	if got := sim.XYs[0]; got.X != mid || math.Abs(got.Y-94) > 1e-9 {
		t.Errorf("simulated 2014/15 at %v, want (%v, 94)", got, mid)
	}
	e, _ = f.Entry(plots.LegendObservedOutside)
	if got := e.Thumbs[0].(*plotter.Scatter).XYs; len(got) != 1 || math.Abs(got[0].Y-95.7) > 1e-9 {
		t.Errorf("outside the run: %v, want 2013/14's 95.7%%", got)
	}
}

func TestBackcastSeriesErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.BackcastSeries(plots.Backcast{Label: "x"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("no points: %v, want ErrNoData", err)
	}
	_, err := plots.BackcastSeries(plots.Backcast{Label: "x", Points: []results.BackcastPoint{{Period: "2014 Q1"}}})
	if err == nil {
		t.Error("a period neither a year nor a month was drawn")
	}
}

func TestBackcastFile(t *testing.T) {
	t.Parallel()
	if got := plots.BackcastFile("ae_departures", true); got != "backcast-ae_departures-by-month" {
		t.Errorf("monthly file %q", got)
	}
	if got := plots.BackcastFile("deficit_gbp_acute", false); got != "backcast-deficit_gbp_acute-by-year" {
		t.Errorf("yearly file %q", got)
	}
}
