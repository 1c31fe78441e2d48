package plots

import (
	"math"
	"testing"

	"gonum.org/v1/plot"
)

// TestDiffsPanel checks one metric's panel of [Differences] by hand: the
// heading names the metric and £ for GBP, and each row's bar reaches from
// its Lo to its Hi around the mean, the first row on top.
func TestDiffsPanel(t *testing.T) {
	t.Parallel()
	rows := []Diff{
		{Metric: "Net cost", Unit: "GBP", Scenario: "D2A", Mean: -5e4, Lo: -8e4, Hi: -2e4},
		{Metric: "Net cost", Unit: "GBP", Scenario: "Wards", Mean: 1e4, Lo: 0, Hi: 3e4},
	}
	_, parts, err := diffsPanel(rows)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := parts.heading.Labels[0], "Net cost (£)"; got != want {
		t.Errorf("heading = %q, want %q", got, want)
	}
	for j, w := range []struct{ y, mean, low, high float64 }{{1, -5e4, 3e4, 3e4}, {0, 1e4, 1e4, 2e4}} {
		if got := parts.bars.XYs[j]; got.X != w.mean || got.Y != w.y {
			t.Errorf("row %d at %v, want (%v, %v)", j, got, w.mean, w.y)
		}
		if e := parts.bars.XErrors[j]; e.Low != w.low || e.High != w.high {
			t.Errorf("row %d bar reaches %v below and %v above the mean, want %v and %v", j, e.Low, e.High, w.low, w.high)
		}
	}
	if parts.filled == nil || len(parts.filled.XYs) != 1 || parts.hollow == nil {
		t.Error("want D2A filled (its interval excludes 0) and Wards hollow (its interval touches 0)")
	}
	for _, tc := range []struct{ metric, unit, better, want string }{
		{"Acute bed days", "days", "", "Acute bed days (days)"},
		{"Net cost", "£", "lower", "Net cost (£): lower is better"},
		{"Readmissions", "", "", "Readmissions"},
		{"A&E 4-hour performance", "percentage points", "higher", "A&E 4-hour performance (percentage points): higher is better"},
	} {
		if got := diffsHeading(tc.metric, tc.unit, tc.better); got != tc.want {
			t.Errorf("diffsHeading(%q, %q, %q) = %q, want %q", tc.metric, tc.unit, tc.better, got, tc.want)
		}
	}
}

// TestZeroTicks checks that zero is labelled on a difference's axis that
// spans it, and that a label too close to it is dropped rather than
// printed over it; an axis that does not reach zero keeps its ticks.
func TestZeroTicks(t *testing.T) {
	t.Parallel()
	z := zeroTicks{labelTicks{money}}
	labels := func(ticks []plot.Tick) map[float64]string {
		m := map[float64]string{}
		for _, tk := range ticks {
			if tk.Label != "" {
				m[tk.Value] = tk.Label
			}
		}
		return m
	}
	got := labels(z.Ticks(-1700, 900))
	if got[0] != "£0" {
		t.Errorf("ticks of -1700 to 900 label 0 as %q, want £0: %v", got[0], got)
	}
	for v := range got {
		if v != 0 && math.Abs(v) < 260 {
			t.Errorf("a label at %v is within a tenth of the axis of zero's", v)
		}
	}
	plain := labels(labelTicks{money}.Ticks(100, 900))
	if g := labels(z.Ticks(100, 900)); len(g) != len(plain) || g[0] != "" {
		t.Errorf("an axis from 100 to 900 labelled %v, want its ticks unchanged %v", g, plain)
	}
}
