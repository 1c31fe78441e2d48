package report

import (
	"math"
	"strings"
)

// Bounds returns the least and the greatest value a metric in unit can
// take: 0 and 1 for a fraction, at least 0 for the counts, rates, times
// and ratios of the care model, and no bound for money, whose deficit may
// be a surplus. An unbounded end is an infinity.
func Bounds(unit string) (lo, hi float64) {
	switch {
	case unit == "fraction":
		return 0, 1
	case unit == "" || strings.HasPrefix(unit, "£") || unit == "GBP":
		return math.Inf(-1), math.Inf(1)
	}
	return 0, math.Inf(1)
}

// boundedInterval returns the confidence interval [lo, hi] of a metric in
// unit cut to the values it can take (Bounds), and whether it was cut: the
// t interval of a few replications of a measure near a bound (waits of a
// few patients, a share near 100%) can cross it, and a negative wait is
// not a finding. The mean is never cut; an interval not computed (NaN)
// stays so. Rounding beyond a bound is cut without saying so.
func boundedInterval(unit string, lo, hi float64) (float64, float64, bool) {
	min, max := Bounds(unit)
	// Rounding (a share of 1 summed to 1.0000000000000002) is cut too,
	// but is not a crossing worth a note.
	tol := 1e-9 * math.Max(1, math.Max(math.Abs(lo), math.Abs(hi)))
	cut := lo < min-tol || hi > max+tol
	return math.Min(math.Max(lo, min), max), math.Min(math.Max(hi, min), max), cut
}

// boundNote says, under a table, which intervals were cut at a bound of
// their measure.
const boundNote = "An interval marked † crossed a value its measure cannot pass (below 0, or a share above 100%), as Student's t interval of a few replications can near a bound: it is cut there. More replications narrow it; metrics.csv keeps the interval uncut."
