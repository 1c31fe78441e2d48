package plots_test

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

// TestGapBridgeParts checks the waterfall's bars by hand: a £10m deficit,
// a step of +£5m and one of −£2m, ending at £13m. The first row (at the
// top) is the start, the last the end; each step's bar starts where the
// one before ended.
func TestGapBridgeParts(t *testing.T) {
	t.Parallel()
	b := plots.Bridge{
		Body: "whole system", From: "2014/15", To: "2016/17",
		Start: plots.Estimate{Mean: 10e6, Lo: 9e6, Hi: 11e6},
		Steps: []plots.BridgeStep{
			{Name: "Pay and prices", Value: plots.Estimate{Mean: 5e6}},
			{Name: "Funding growth", Value: plots.Estimate{Mean: -2e6}},
		},
		End:       plots.Estimate{Mean: 13e6, Lo: 12e6, Hi: 14e6},
		Interval:  "95% CI",
		Reference: &plots.Reference{Year: "2016/17", Gap: 20e6, Label: "A projection"},
	}
	f, err := plots.GapBridge(b)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "What moved the gap from 2014/15 to 2016/17, whole system"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got := tickLabels(p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)); len(got) != 4 || got[0] != "Deficit, 2016/17" || got[1] != "Funding growth" ||
		got[2] != "Pay and prices" || got[3] != "Deficit, 2014/15" {
		t.Errorf("rows from the bottom %q, want the end, the steps last to first, the start", got)
	}
	for _, c := range []struct {
		entry string
		bars  [][2]float64 // each bar's x from and to, from the top
	}{
		{plots.LegendBridgeDeficit, [][2]float64{{0, 10e6}, {0, 13e6}}},
		{plots.LegendBridgeWidens, [][2]float64{{10e6, 15e6}}},
		{plots.LegendBridgeNarrows, [][2]float64{{15e6, 13e6}}},
	} {
		e, ok := f.Entry(c.entry)
		if !ok {
			t.Fatalf("no %q legend entry", c.entry)
		}
		rings := e.Thumbs[0].(*plotter.Polygon).XYs
		if len(rings) != len(c.bars) {
			t.Fatalf("%s: %d bars, want %d", c.entry, len(rings), len(c.bars))
		}
		for i, r := range rings {
			if r[0].X != c.bars[i][0] || r[1].X != c.bars[i][1] {
				t.Errorf("%s bar %d: from %g to %g, want %g to %g", c.entry, i, r[0].X, r[1].X, c.bars[i][0], c.bars[i][1])
			}
		}
	}
	if _, ok := f.Entry("A projection: £20m in 2016/17"); !ok {
		t.Error("no legend entry for the reference")
	}
	if p.X.Max < 20e6 {
		t.Errorf("x axis ends at %g, before the reference", p.X.Max)
	}
}

func TestGapBridgeErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.GapBridge(plots.Bridge{Body: "X"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("no steps: err = %v, want ErrNoData", err)
	}
	b := plots.Bridge{Body: "X", Steps: []plots.BridgeStep{{Name: "a", Value: plots.Estimate{Mean: math.NaN()}}}}
	if _, err := plots.GapBridge(b); err == nil {
		t.Error("a step not a number: no error")
	}
}

// TestDeficitReference checks the reference line on the deficit chart: a
// legend entry naming it, only when its year is charted.
func TestDeficitReference(t *testing.T) {
	t.Parallel()
	e := plots.Estimate{Mean: 2e6, Lo: 1.5e6, Hi: 2.5e6}
	d := plots.Deficit{
		Body:      "Northshire system",
		Years:     []string{"2025/26", "2026/27"},
		Baseline:  plots.Gap{Name: "Baseline", Annual: []plots.Estimate{e, e}, Cumulative: []plots.Estimate{e, e}},
		Reference: &plots.Reference{Year: "2026/27", Gap: 5e6, Label: "The plan"},
	}
	f, err := plots.DeficitTrajectory(d)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Entry("The plan: £5m in 2026/27"); !ok {
		t.Error("no legend entry for the reference")
	}
	d.Reference.Year = "2030/31"
	if f, err = plots.DeficitTrajectory(d); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Entry("The plan: £5m in 2030/31"); ok {
		t.Error("a reference of a year not charted is drawn")
	}
}

// TestGapBridgeDifference checks the waterfall of a difference between
// two scenarios' bridges: its title, axis and rows name the difference.
func TestGapBridgeDifference(t *testing.T) {
	t.Parallel()
	b := plots.Bridge{Body: "whole system", From: "2014/15", To: "2023/24", Against: "baseline", Scenario: "programme",
		Start: plots.Estimate{Mean: 1e6}, Steps: []plots.BridgeStep{{Name: "Interventions' costs", Value: plots.Estimate{Mean: 3e6}}},
		End: plots.Estimate{Mean: 4e6}}
	f, err := plots.GapBridge(b)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "programme against baseline: what moved the gap from 2014/15 to 2023/24, whole system"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got := tickLabels(p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)); len(got) != 3 || got[0] != "Difference, 2023/24" || got[2] != "Difference, 2014/15" {
		t.Errorf("rows %q, want the differences at the ends", got)
	}
	if _, ok := f.Entry(plots.LegendBridgeDifference); !ok {
		t.Error("no legend entry for the differences")
	}
}
