package plots

import (
	"io"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// TestMarkerNamesDoNotOverlap draws better-together's interventions, eight
// of them within two and a half years and four on one day, on an overlay at
// every size a chart is saved at, and checks that no two names overlap and
// that each lies within the data area across: before, names on nearby
// days were set at two alternating heights and printed over one another
// ("transfer-to-assess" over "call-for-care").
func TestMarkerNamesDoNotOverlap(t *testing.T) {
	t.Parallel()
	start := time.Date(2013, time.April, 1, 0, 0, 0, 0, time.UTC)
	at := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	ms := []Marker{
		{Label: "prism", At: at(2014, time.October)},
		{Label: "intermediate-care", At: at(2015, time.April)},
		{Label: "care-homes", At: at(2015, time.April)},
		{Label: "elective-gateway", At: at(2015, time.April)},
		{Label: "self-care", At: at(2015, time.April)},
		{Label: "transfer-to-assess", At: at(2015, time.October)},
		{Label: "call-for-care", At: at(2016, time.April)},
		{Label: "single-front-door", At: at(2016, time.October)},
		{Label: "a name far too long to fit to the right of its line", At: at(2024, time.March)},
	}
	end := start.AddDate(11, 0, 0)
	p := newPanel("Acute beds occupied", "Date", "beds")
	p.X.Min, p.X.Max = float64(start.Unix()), float64(end.Unix())
	p.Y.Min, p.Y.Max = 0, 800
	f := &Figure{Panels: []*plot.Plot{p}}
	names, err := markers(f, p, ms, p.X.Min, p.X.Max)
	if err != nil {
		t.Fatal(err)
	}
	if names == nil {
		t.Fatal("no marker names on the chart")
	}
	if len(names.names) != len(ms) {
		t.Fatalf("%d names, want one per marker, %d", len(names.names), len(ms))
	}
	for _, size := range []struct{ w, h vg.Length }{{SlideWidth, SlideHeight}, {A4Width, A4Height}} {
		if err := f.Render(io.Discard, size.w, size.h, "png"); err != nil {
			t.Fatal(err)
		}
		for i, a := range names.placed {
			if a.Max.X-a.Min.X <= 0 {
				t.Errorf("%v: %q has no width", size, names.names[i])
			}
			for j := i + 1; j < len(names.placed); j++ {
				b := names.placed[j]
				if a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y {
					t.Errorf("%v: %q at %v overlaps %q at %v", size, names.names[i], a, names.names[j], b)
				}
			}
		}
		// Every name lies across the data area: the last, which would run
		// off the right, is set to the left of its line.
		for i, r := range names.placed {
			if r.Min.X < names.area.Min.X || r.Max.X > names.area.Max.X {
				t.Errorf("%v: %q at %v is outside the data area %v", size, names.names[i], r, names.area)
			}
		}
	}
}
