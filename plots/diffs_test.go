package plots_test

import (
	"math"
	"testing"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestDifferencesParts(t *testing.T) {
	t.Parallel()
	d := plots.Diffs{
		Base: "baseline", Place: "Northshire", Interval: "95% confidence interval",
		Rows: []plots.Diff{
			{Metric: "Acute bed days", Unit: "days", Scenario: "D2A", Mean: -50, Lo: -80, Hi: -20}, // excludes 0
			{Metric: "Net cost", Unit: "GBP", Scenario: "D2A", Mean: 1e5, Lo: -2e5, Hi: 4e5},       // includes 0
			{Metric: "Acute bed days", Unit: "days", Scenario: "Wards", Mean: 10, Lo: 0, Hi: 20},   // touches 0: includes it
		},
	}
	f, err := plots.Differences(d)
	if err != nil {
		t.Fatal(err)
	}
	checkAxes(t, f, "Change from baseline, Northshire", "Difference: scenario minus baseline", "", "")
	// Bed days: D2A on top (y = 1), Wards below (y = 0), named on the y axis.
	p := f.Panels[0]
	if got := tickTexts(p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)); len(got) != 2 || got[0] != "Wards" || got[1] != "D2A" {
		t.Errorf("bed days rows, bottom up = %q, want [Wards D2A]", got)
	}
	if p.X.Min > -80 || p.X.Max < 20 {
		t.Errorf("bed days x axis [%v, %v] does not span the intervals [-80, 20]", p.X.Min, p.X.Max)
	}
	if got := tickTexts(f.Panels[1].X.Tick.Marker.Ticks(-2e5, 4e5)); len(got) == 0 || got[len(got)-1] != "£400k" {
		t.Errorf("net cost tick labels = %q, want money ending with £400k", got)
	}

	e, ok := f.Entry(plots.LegendDiffExcludesZero)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendDiffExcludesZero)
	}
	if filled := e.Thumbs[0].(*plotter.Scatter); len(filled.XYs) != 1 || filled.XYs[0].X != -50 {
		t.Errorf("filled points = %v, want D2A's bed days alone (-50)", filled.XYs)
	}
	e, ok = f.Entry(plots.LegendDiffIncludesZero)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendDiffIncludesZero)
	}
	if len(e.Thumbs) != 2 {
		t.Errorf("hollow marker has %d parts, want a disc and the white hole in it", len(e.Thumbs))
	}
	for _, name := range []string{"Bars: 95% confidence interval", plots.LegendDiffNoChange} {
		if _, ok := f.Entry(name); !ok {
			t.Errorf("no %q legend entry", name)
		}
	}
}

func TestDifferencesErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		rows   []plots.Diff
		noData bool
	}{
		{"no rows", nil, true},
		{"mean outside interval", []plots.Diff{{Metric: "Beds", Mean: 5, Lo: 0, Hi: 4}}, false},
		{"NaN mean", []plots.Diff{{Metric: "Beds", Mean: math.NaN()}}, false},
		{"two units for a metric", []plots.Diff{{Metric: "Cost", Unit: "GBP"}, {Metric: "Cost", Unit: "£k"}}, false},
	} {
		_, err := plots.Differences(plots.Diffs{Base: "baseline", Rows: tc.rows})
		checkErr(t, tc.name, err, tc.noData)
	}
}

// TestDifferencesSubject checks that a subject begins the title, so that
// a comparison's several difference charts are told apart.
func TestDifferencesSubject(t *testing.T) {
	t.Parallel()
	rows := []plots.Diff{{Metric: "Emergency admissions", Unit: "per year", Scenario: "prism", Mean: -10, Lo: -15, Hi: -5}}
	for _, c := range []struct{ subject, want string }{
		{"", "Change from baseline, Northshire"},
		{"Hospital", "Hospital: change from baseline, Northshire"},
	} {
		f, err := plots.Differences(plots.Diffs{Base: "baseline", Subject: c.subject, Place: "Northshire", Interval: "95% confidence interval", Rows: rows})
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Panels[0].Title.Text; got != c.want {
			t.Errorf("subject %q: title %q, want %q", c.subject, got, c.want)
		}
	}
}
