package plots

import "testing"

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
	for _, tc := range []struct{ metric, unit, want string }{
		{"Acute bed days", "days", "Acute bed days (days)"},
		{"Net cost", "£", "Net cost (£)"},
		{"Readmissions", "", "Readmissions"},
	} {
		if got := diffsHeading(tc.metric, tc.unit); got != tc.want {
			t.Errorf("diffsHeading(%q, %q) = %q, want %q", tc.metric, tc.unit, got, tc.want)
		}
	}
}
