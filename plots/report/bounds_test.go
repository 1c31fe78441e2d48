package report

import (
	"math"
	"testing"
)

// TestBoundedInterval checks intervals cut at what a measure can take: a
// mean delay of 6.0 days whose interval of two replications runs from
// -6.5 to 18.5 is cut at 0; a share's at 0 and 1; money's never; an
// interval inside its bounds, or not computed, is left as it is.
func TestBoundedInterval(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		unit           string
		lo, hi         float64
		wantLo, wantHi float64
		cut            bool
	}{
		{"days", -6.501, 18.54, 0, 18.54, true},
		{"per year", -226.5, 694.6, 0, 694.6, true},
		{"fraction", 0.8866, 1.056, 0.8866, 1, true},
		{"fraction", -0.02, 1.3, 0, 1, true},
		{"fraction", 0.77, 0.95, 0.77, 0.95, false},
		{"£, 2023/24", -12e6, 30e6, -12e6, 30e6, false},
		{"patients", 18.33, 100.3, 18.33, 100.3, false},
		{"fraction", 1 + 2e-16, 1 + 4e-16, 1, 1, false},
	} {
		lo, hi, cut := boundedInterval(c.unit, c.lo, c.hi)
		if lo != c.wantLo || hi != c.wantHi || cut != c.cut {
			t.Errorf("%s [%v, %v] → [%v, %v] cut %v, want [%v, %v] cut %v", c.unit, c.lo, c.hi, lo, hi, cut, c.wantLo, c.wantHi, c.cut)
		}
	}
	if lo, hi, cut := boundedInterval("days", math.NaN(), math.NaN()); !math.IsNaN(lo) || !math.IsNaN(hi) || cut {
		t.Errorf("an interval not computed → [%v, %v] cut %v, want NaN and not cut", lo, hi, cut)
	}
}
