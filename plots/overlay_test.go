package plots_test

import (
	"fmt"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestScenariosOverTimeParts(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	o := plots.Overlay{
		Measure: "Acute beds occupied", Unit: "beds", Place: "Northshire", Start: start,
		Interventions: []plots.Marker{{Label: "Virtual wards", At: start.AddDate(0, 0, 1)}},
	}
	// Nine scenarios, so that the ninth reuses the first style; only the
	// first has a band.
	for k := range 9 {
		m := []float64{100 + float64(k), 110 + float64(k), 120 + float64(k)}
		s := plots.Series{Name: string(rune('A' + k)), Mean: m}
		if k == 0 {
			s.P10, s.P90 = []float64{90, 100, 110}, []float64{110, 120, 130}
		}
		o.Series = append(o.Series, s)
	}
	f, err := plots.ScenariosOverTime(o)
	if err != nil {
		t.Fatal(err)
	}
	checkAxes(t, f, "Acute beds occupied by scenario, Northshire", "Date", "Acute beds occupied (beds)")
	want := []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", plots.LegendBand, plots.LegendMarker}
	if len(f.Legend) != len(want) {
		t.Fatalf("%d legend entries, want %q", len(f.Legend), want)
	}
	for i, name := range want {
		if f.Legend[i].Name != name {
			t.Errorf("legend[%d] = %q, want %q", i, f.Legend[i].Name, name)
		}
	}
	if got := len(f.Legend[0].Thumbs); got != 2 {
		t.Errorf("the banded series has %d thumbnails, want band and line", got)
	}
	lines := make([]*plotter.Line, 9)
	for k := range lines {
		th := f.Legend[k].Thumbs
		lines[k] = th[len(th)-1].(*plotter.Line)
	}
	// The first eight differ from each other in colour and dash pattern;
	// the ninth repeats the first.
	type style struct {
		colour string
		dashes string
	}
	styleOf := func(l *plotter.Line) style {
		return style{fmt.Sprint(l.Color), fmt.Sprint(l.Dashes)}
	}
	seen := map[string]int{}
	dashes := map[string]int{}
	for k, l := range lines[:8] {
		st := styleOf(l)
		if j, ok := seen[st.colour]; ok {
			t.Errorf("series %d shares its colour with series %d", k, j)
		}
		if j, ok := dashes[st.dashes]; ok {
			t.Errorf("series %d shares its dash pattern with series %d; they must differ in greyscale", k, j)
		}
		seen[st.colour], dashes[st.dashes] = k, k
	}
	if styleOf(lines[8]) != styleOf(lines[0]) {
		t.Error("the ninth series does not start the styles again")
	}
	for i, w := range o.Series[2].Mean {
		if got := lines[2].XYs[i]; got.Y != w || got.X != float64(start.AddDate(0, 0, i).Unix()) {
			t.Errorf("series C day %d = %v, want (%v, %v)", i, got, start.AddDate(0, 0, i), w)
		}
	}
	p := f.Panels[0]
	if p.Y.Min > 90 || p.Y.Max < 130 {
		t.Errorf("y axis [%v, %v] does not span the band's [90, 130]", p.Y.Min, p.Y.Max)
	}
}

func TestScenariosOverTimeMoney(t *testing.T) {
	t.Parallel()
	o := plots.Overlay{Measure: "Cost of delayed days", Unit: "GBP", Series: []plots.Series{{Name: "Baseline", Mean: []float64{-2e5, 3e6}}}}
	f, err := plots.ScenariosOverTime(o)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "Cost of delayed days by scenario"; got != want {
		t.Errorf("title without a place = %q, want %q", got, want)
	}
	if got, want := p.Y.Label.Text, "Cost of delayed days (£)"; got != want {
		t.Errorf("y label = %q, want %q", got, want)
	}
	if p.Y.Min > -2e5 {
		t.Errorf("y axis starts at %v, above the lowest value -200000", p.Y.Min)
	}
	if got := tickTexts(p.Y.Tick.Marker.Ticks(0, 3e6)); len(got) == 0 || got[len(got)-1] != "£3m" {
		t.Errorf("money tick labels = %q, want them to end with £3m", got)
	}
}

func TestScenariosOverTimeErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		series []plots.Series
		noData bool
	}{
		{"no series", nil, true},
		{"no days", []plots.Series{{Name: "Baseline"}}, true},
		{"series lengths differ", []plots.Series{{Name: "A", Mean: []float64{1, 2}}, {Name: "B", Mean: []float64{1}}}, false},
		{"band length differs", []plots.Series{{Name: "A", Mean: []float64{1, 2}, P10: []float64{1}, P90: []float64{1}}}, false},
		{"P10 without P90", []plots.Series{{Name: "A", Mean: []float64{1, 2}, P10: []float64{1, 2}}}, false},
	} {
		_, err := plots.ScenariosOverTime(plots.Overlay{Measure: "Beds", Series: tc.series})
		checkErr(t, tc.name, err, tc.noData)
	}
}

// TestScenariosOverTimeReference draws monthly 4-hour performance below
// the 95% standard: the standard is a line across the whole chart, named
// in the legend after the scenarios, and the y axis reaches it although
// no series does.
func TestScenariosOverTimeReference(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	f, err := plots.ScenariosOverTime(plots.Overlay{
		Measure: "Monthly A&E 4-hour performance", Unit: "% of departures", Place: "Northshire", Start: start,
		Series: []plots.Series{
			{Name: "baseline", Mean: []float64{90, 91, 92}},
			{Name: "front door", Mean: []float64{91, 92, 93}},
		},
		Reference: plots.FourHourStandard, ReferenceLabel: plots.LegendStandard,
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.Legend); n != 3 || f.Legend[2].Name != plots.LegendStandard {
		t.Fatalf("legend %v, want the two scenarios then %q", f.Legend, plots.LegendStandard)
	}
	l, ok := f.Legend[2].Thumbs[0].(*plotter.Line)
	if !ok || len(l.XYs) != 2 || l.XYs[0].Y != 95 || l.XYs[1].Y != 95 || len(l.Dashes) == 0 {
		t.Fatalf("the standard is %#v, want a dashed line at 95", f.Legend[2].Thumbs[0])
	}
	if first, last := float64(start.Unix()), float64(start.AddDate(0, 0, 2).Unix()); l.XYs[0].X != first || l.XYs[1].X != last {
		t.Errorf("the standard runs from %v to %v, want the whole chart", l.XYs[0].X, l.XYs[1].X)
	}
	if p := f.Panels[0]; p.Y.Max < 95 {
		t.Errorf("y axis ends at %v, below the standard", p.Y.Max)
	}
}
