package plots_test

import (
	"bytes"
	"errors"
	"regexp"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestBedsOverTimeParts(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	b := plots.Beds{
		Pool: "Intermediate care", Place: "Northshire", Start: start,
		Mean: []float64{10, 12, 14}, P10: []float64{8, 10, 12}, P90: []float64{12, 14, 16},
		Capacity:      []float64{15, 15, 20},
		Interventions: []plots.Marker{{Label: "Virtual ward", At: start.AddDate(0, 0, 1)}},
	}
	f, err := plots.BedsOverTime(b)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0]
	if got, want := p.Title.Text, "Intermediate care beds occupied, Northshire"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := p.X.Label.Text; got != "Date" {
		t.Errorf("x label = %q, want Date", got)
	}
	if got := p.Y.Label.Text; got != "Beds occupied (beds)" {
		t.Errorf("y label = %q, want it to name beds as the unit", got)
	}
	e, ok := f.Entry(plots.LegendCapacity)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendCapacity)
	}
	l, ok := e.Thumbs[0].(*plotter.Line)
	if !ok {
		t.Fatalf("capacity is a %T, want *plotter.Line", e.Thumbs[0])
	}
	if l.StepStyle != plotter.PostStep {
		t.Errorf("capacity step style = %v, want PostStep", l.StepStyle)
	}
	if len(l.Dashes) == 0 {
		t.Error("capacity line is solid; it must be dashed to differ from the mean in greyscale")
	}
	for i, want := range b.Capacity {
		if l.XYs[i].Y != want || l.XYs[i].X != float64(start.AddDate(0, 0, i).Unix()) {
			t.Errorf("capacity[%d] = %v, want (%v, %v)", i, l.XYs[i], start.AddDate(0, 0, i), want)
		}
	}
	for _, name := range []string{plots.LegendMean, plots.LegendBand, plots.LegendMarker} {
		if _, ok := f.Entry(name); !ok {
			t.Errorf("no %q legend entry", name)
		}
	}
}

func TestBedsOverTimeErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.BedsOverTime(plots.Beds{Pool: "Acute"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty: err = %v, want ErrNoData", err)
	}
	_, err := plots.BedsOverTime(plots.Beds{Pool: "Acute", Mean: []float64{1, 2}, Capacity: []float64{1}})
	if err == nil {
		t.Error("mismatched lengths: no error")
	}
}

// TestMarkersSameDay gives three interventions that start on the same
// day and one that starts later, and reads the SVG: the three names are
// written at one x, each on its own line (one label, a name a line), so
// that none prints over another, and the fourth at its own x.
func TestMarkersSameDay(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	f, err := plots.BedsOverTime(plots.Beds{
		Pool: "Acute", Place: "Northshire", Start: start,
		Mean: []float64{10, 12, 14, 13}, Capacity: []float64{15, 15, 15, 15},
		Interventions: []plots.Marker{
			{Label: "care-homes", At: start.AddDate(0, 0, 1)},
			{Label: "self-care", At: start.AddDate(0, 0, 1)},
			{Label: "elective-gateway", At: start.AddDate(0, 0, 1)},
			{Label: "prism", At: start.AddDate(0, 0, 2)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Render(&b, plots.SlideWidth, plots.SlideHeight, "svg"); err != nil {
		t.Fatal(err)
	}
	at := map[string][2]string{} // name: its text's x and y
	re := regexp.MustCompile(`<text x="([^"]+)" y="([^"]+)"[^>]*>([^<]+)</text>`)
	for _, m := range re.FindAllStringSubmatch(b.String(), -1) {
		at[m[3]] = [2]string{m[1], m[2]}
	}
	ch, sc, eg, pr := at["care-homes"], at["self-care"], at["elective-gateway"], at["prism"]
	if ch == ([2]string{}) || sc == ([2]string{}) || eg == ([2]string{}) || pr == ([2]string{}) {
		t.Fatalf("marker names not all drawn: %v", at)
	}
	if ch[0] != sc[0] || sc[0] != eg[0] || ch[1] == sc[1] || sc[1] == eg[1] || ch[1] == eg[1] {
		t.Errorf("same-day names at %v, %v and %v, want one x and three lines", ch, sc, eg)
	}
	if pr[0] == ch[0] {
		t.Errorf("a later intervention's name is at the same x as the first day's")
	}
}
