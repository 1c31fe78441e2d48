package plots

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestNumberFormats checks the tick formatters: a Unicode minus, never a
// hyphen or −0, and thousands separators from 1,000.
func TestNumberFormats(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		format func(float64) string
		v      float64
		want   string
	}{
		{trim, 0, "0"},
		{trim, -0.001, "0"}, // rounds to zero: no sign
		{trim, 0.25, "0.25"},
		{trim, 250, "250"},
		{trim, -8000, "−8,000"},
		{trim, 12500, "12,500"},
		{trim, 1234567.5, "1,234,567.5"},
		{trim, -999.999, "−1,000"},
		{money, 0, "£0"},
		{money, -2e6, "−£2m"},
		{money, 250e3, "£250k"},
		{money, -40e3, "−£40k"},
		{money, 1.5e9, "£1.5bn"},
		{money, -0.001, "£0"},
		{sweepNumber, 0.874, "0.874"},
		{sweepNumber, -0.5, "−0.5"},
		{sweepNumber, 1250, "1,250"},
		{sweepNumber, -12500.4, "−12,500"},
	} {
		if got := tc.format(tc.v); got != tc.want {
			t.Errorf("format(%v) = %q, want %q", tc.v, got, tc.want)
		}
		if strings.Contains(tc.format(tc.v), "-") {
			t.Errorf("format(%v) = %q has a hyphen", tc.v, tc.format(tc.v))
		}
	}
}

// TestFitTitle checks where titles break, against the widths of lines in
// the title's own style: a title that fits is unchanged; one that does
// not breaks at the ", " that best balances two lines that fit, or at a
// space when no comma break fits; one too long for two lines at 14 points
// is drawn smaller, down to 10 points.
func TestFitTitle(t *testing.T) {
	t.Parallel()
	style := newPanel("x", "", "").Title.TextStyle
	long := "Financial gap by year, whole system, The whole Better Together programme (better-together)"
	for _, tc := range []struct {
		name, title string
		width       vg.Length // points
		want        string
		size        vg.Length
	}{
		{"fits", "Acute beds occupied, Northshire", 400, "Acute beds occupied, Northshire", 14},
		{"at a comma", long, 380, "Financial gap by year, whole system,\nThe whole Better Together programme (better-together)", 14},
		{"at a space", "Acute beds occupied in the whole of Northshire", 200, "Acute beds occupied in\nthe whole of Northshire", 14},
		// Two lines need 270 points at 14 points (at a space; 313 at the
		// comma), 232 at 12, and 193 at 10.
		{"smaller", long, 250, "Financial gap by year, whole system, The whole\nBetter Together programme (better-together)", 12},
		{"too long for two lines", long, 150, "Financial gap by year, whole system,\nThe whole Better Together\nprogramme (better-together)", 10},
	} {
		got, sty := fitTitle(tc.title, style, tc.width)
		if got != tc.want || sty.Font.Size != tc.size {
			t.Errorf("%s: fitTitle = %q at %v points, want %q at %v", tc.name, got, sty.Font.Size.Points(), tc.want, tc.size.Points())
		}
		if w := sty.Width(got); w > tc.width {
			t.Errorf("%s: %q is %.0f points wide, more than %v", tc.name, got, w.Points(), tc.width.Points())
		}
	}
	if got, _ := fitTitle("", style, 10); got != "" {
		t.Errorf("empty title = %q", got)
	}
}

// TestLOSSteps checks how many bins a bar merges, and the x ticks' steps,
// at the axis lengths that charts of acute (days) and intermediate care
// (months) stays have.
func TestLOSSteps(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		width float64 // of a bin, days
		bins  int
		want  int
	}{
		{0.25, 60, 1},   // few enough as they are
		{0.25, 100, 2},  // half days
		{0.25, 500, 28}, // weeks: 2-day bars would be 62
		{1, 101, 2},
		{0.3, 400, 7}, // no round width is a multiple of 0.3 days: the fewest
	} {
		if got := losMerge(tc.width, tc.bins); got != tc.want {
			t.Errorf("losMerge(%v, %d) = %d, want %d", tc.width, tc.bins, got, tc.want)
		}
	}
	for _, tc := range []struct{ max, step float64 }{
		{1.5, 0.5}, {6, 1}, {12, 2}, {40, 7}, {125, 14}, {200, 28}, {400, 50}, {1000, 200},
	} {
		if got := losDayTicks(tc.max).step; got != tc.step {
			t.Errorf("x axis of %v days: ticks every %v days, want %v", tc.max, got, tc.step)
		}
	}
}

// TestHeatMapStops checks the colour bar's labelled values: the ends,
// the round numbers between them, and zero where the values change sign
// although no round number falls there.
func TestHeatMapStops(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lo, hi float64
		want   []float64
	}{
		{0.105, 0.991, []float64{0.991, 0.9, 0.6, 0.3, 0.105}},
		{-1.37e6, 992.76e3, []float64{992.76e3, 750e3, 0, -250e3, -1.25e6, -1.37e6}},
		{-1, 9, []float64{9, 8, 4, 0, -1}},
	} {
		got := heatMapStops(c.lo, c.hi)
		if !slices.EqualFunc(got, c.want, func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }) {
			t.Errorf("heatMapStops(%g, %g) = %v, want %v", c.lo, c.hi, got, c.want)
		}
		if !slices.IsSortedFunc(got, func(a, b float64) int { return cmp.Compare(b, a) }) {
			t.Errorf("heatMapStops(%g, %g) = %v, not from the highest down", c.lo, c.hi, got)
		}
	}
}
