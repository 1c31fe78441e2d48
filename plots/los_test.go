package plots_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestLengthOfStayParts(t *testing.T) {
	t.Parallel()
	// 200 stays in 2-day bins: 50% in [0, 2), 30% in [2, 4), 20% in [4, 6),
	// none after. The cumulative share reaches 99% in the third bin, and
	// nothing lies beyond it, so the axis ends at 6 days with no note.
	s := plots.LOS{
		Pool: "Intermediate care", Place: "Northshire (baseline)",
		BinWidth: 2, Counts: []float64{100, 60, 40, 0, 0}, Mean: 2.4, Median: 2,
	}
	f, err := plots.LengthOfStay(s)
	if err != nil {
		t.Fatal(err)
	}
	checkAxes(t, f, "Intermediate care length of stay, Northshire (baseline)", "Length of stay (days)",
		"Share of stays (%, 2-day bins)", "Cumulative share of stays (%)")
	for i, p := range f.Panels {
		if p.X.Min != 0 || p.X.Max != 6 {
			t.Errorf("panel %d x axis = [%v, %v] days, want [0, 6]", i, p.X.Min, p.X.Max)
		}
	}
	if p := f.Panels[1]; p.Y.Min != 0 || p.Y.Max != 100 {
		t.Errorf("cumulative axis = [%v, %v]%%, want [0, 100]", p.Y.Min, p.Y.Max)
	}

	e, ok := f.Entry(plots.LegendLOSShare)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendLOSShare)
	}
	bars := e.Thumbs[0].(*plotter.Polygon)
	for k, want := range []float64{50, 30, 20} {
		if got := bars.XYs[k][2]; got.X != float64(2*(k+1)) || got.Y != want {
			t.Errorf("bar %d top right = %v, want (%v, %v)", k, got, 2*(k+1), want)
		}
	}
	e, ok = f.Entry(plots.LegendLOSCumulative)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendLOSCumulative)
	}
	line := e.Thumbs[0].(*plotter.Line)
	want := plotter.XYs{{X: 0, Y: 0}, {X: 2, Y: 50}, {X: 4, Y: 80}, {X: 6, Y: 100}}
	if len(line.XYs) != len(want) {
		t.Fatalf("cumulative share has %d points, want %d", len(line.XYs), len(want))
	}
	for i, w := range want {
		if got := line.XYs[i]; got != w {
			t.Errorf("cumulative[%d] = %v, want %v", i, got, w)
		}
	}

	dashes := map[int]bool{}
	for _, m := range []struct {
		name string
		days float64
	}{{"Mean, 2.4 days", 2.4}, {"Median, 2 days", 2}} {
		e, ok := f.Entry(m.name)
		if !ok {
			t.Errorf("no %q legend entry", m.name)
			continue
		}
		l := e.Thumbs[0].(*plotter.Line)
		if l.XYs[0].X != m.days || l.XYs[1].X != m.days {
			t.Errorf("%s line at %v, want a vertical line at %v days", m.name, l.XYs, m.days)
		}
		if len(l.Dashes) == 0 || dashes[len(l.Dashes)] {
			t.Errorf("%s line is solid or shares its dashes; mean and median must differ in greyscale", m.name)
		}
		dashes[len(l.Dashes)] = true
	}
}

// TestLengthOfStayTail checks the cut of a long tail by hand: 1-day bins of
// 90, 5, 3.5 and 1 stays, then 0.25 stays in each of the bins for days 20
// and 21, 100 in all. The share first reaches 99% in the fourth bin (99.5%),
// so the axis shows 4 days and the x label names the 0.5% of stays beyond.
func TestLengthOfStayTail(t *testing.T) {
	t.Parallel()
	counts := make([]float64, 22)
	copy(counts, []float64{90, 5, 3.5, 1})
	counts[20], counts[21] = 0.25, 0.25
	f, err := plots.LengthOfStay(plots.LOS{Pool: "Acute", BinWidth: 1, Counts: counts, Mean: 1.2, Median: 0.6})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Panels[0].Title.Text; got != "Acute length of stay" {
		t.Errorf("title without a place = %q", got)
	}
	if got := f.Panels[1].X.Max; got != 4 {
		t.Errorf("x axis ends at %v days, want 4", got)
	}
	label := f.Panels[1].X.Label.Text
	for _, want := range []string{"(days)", "over 4 days", "0.5% of stays", "not shown"} {
		if !strings.Contains(label, want) {
			t.Errorf("x label %q does not say %q", label, want)
		}
	}
}

func TestLengthOfStayCutRounds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		reach      int     // bins up to the one where the share first reaches 99%
		mean       float64 // days, in 1-day bins
		wantBins   float64
		wantBeyond bool
	}{
		{"small counts are kept", 7, 1, 7, true},
		{"rounded up to a multiple of 5", 36, 5, 40, true},
		// 101 1-day bins are more than 60 bars: merged into 51 2-day bars,
		// rounded up to 55.
		{"merged and rounded up to a multiple of 5 bars", 101, 5, 110, true},
		{"stretched to show the mean", 7, 9.5, 10, true},
		// 198 bins make 29 weekly bars, rounded up to 30: more than the 29
		// (to day 203) that hold the last stay, in bin 199.
		{"never past the last stay's bar", 198, 5, 203, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// 99 stays spread over the first reach bins, then one stay in
			// bin 199, the last.
			counts := make([]float64, 200)
			for k := range tc.reach {
				counts[k] = 99 / float64(tc.reach)
			}
			counts[199] = 1
			f, err := plots.LengthOfStay(plots.LOS{Pool: "Acute", BinWidth: 1, Counts: counts, Mean: tc.mean, Median: 1})
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Panels[1].X.Max; got != tc.wantBins {
				t.Errorf("x axis ends at %v days, want %v", got, tc.wantBins)
			}
			if got := strings.Contains(f.Panels[1].X.Label.Text, "not shown"); got != tc.wantBeyond {
				t.Errorf("x label %q: note of stays not shown = %v, want %v", f.Panels[1].X.Label.Text, got, tc.wantBeyond)
			}
		})
	}
}

func TestLengthOfStayErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		s      plots.LOS
		noData bool
	}{
		{"no bins", plots.LOS{Pool: "Acute", BinWidth: 1}, true},
		{"no stays", plots.LOS{Pool: "Acute", BinWidth: 1, Counts: []float64{0, 0}}, true},
		{"zero bin width", plots.LOS{Pool: "Acute", Counts: []float64{1}}, false},
		{"negative count", plots.LOS{Pool: "Acute", BinWidth: 1, Counts: []float64{3, -1}}, false},
	} {
		_, err := plots.LengthOfStay(tc.s)
		checkErr(t, tc.name, err, tc.noData)
	}
}

// TestLengthOfStayMergesBins draws 125 days of 6-hour bins, 500 in all,
// with one stay in each: far more than 60 bars. Merged into weekly bars
// (28 bins each; 2-day bars would be 62), the axis ends at the 18th bar
// (126 days), the first that holds the last stay. Each full bar holds
// 28/500 = 5.6% of stays and the last, of 24 bins, 4.8%; the cumulative
// line keeps all 500 bins' edges.
func TestLengthOfStayMergesBins(t *testing.T) {
	t.Parallel()
	counts := make([]float64, 500)
	for k := range counts {
		counts[k] = 1
	}
	f, err := plots.LengthOfStay(plots.LOS{Pool: "Intermediate care", BinWidth: 0.25, Counts: counts, Mean: 62.5, Median: 62.5})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Panels[0].Y.Label.Text, "Share of stays (%, 7-day bins)"; got != want {
		t.Errorf("y label = %q, want %q", got, want)
	}
	if got := f.Panels[1].X.Max; got != 126 {
		t.Errorf("x axis ends at %v days, want 126", got)
	}
	e, _ := f.Entry(plots.LegendLOSShare)
	bars := e.Thumbs[0].(*plotter.Polygon)
	if len(bars.XYs) != 18 {
		t.Fatalf("%d bars, want 18", len(bars.XYs))
	}
	for k, ring := range bars.XYs {
		want := 5.6
		if k == 17 {
			want = 4.8
		}
		if x0, x1 := ring[0].X, ring[1].X; x0 != float64(7*k) || x1 != float64(7*(k+1)) {
			t.Errorf("bar %d spans [%v, %v] days, want [%d, %d]", k, x0, x1, 7*k, 7*(k+1))
		}
		// Sums of 28 shares of 0.2% each: allow for rounding.
		if got := ring[2].Y; math.Abs(got-want) > 1e-9 {
			t.Errorf("bar %d = %v%%, want %v%%", k, got, want)
		}
	}
	e, _ = f.Entry(plots.LegendLOSCumulative)
	if got := len(e.Thumbs[0].(*plotter.Line).XYs); got != 501 {
		t.Errorf("cumulative share has %d points, want 501 (0 and each 6-hour bin's edge)", got)
	}
	if got, want := tickLabels(f.Panels[1].X.Tick.Marker.Ticks(0, 126)), []string{"0", "14", "28", "42", "56", "70", "84", "98", "112", "126"}; !slices.Equal(got, want) {
		t.Errorf("x tick labels = %q, want fortnights %q", got, want)
	}
}
