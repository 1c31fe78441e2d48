package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// RepsNeeded estimates the number of replications needed for the
// confidence interval of the mean to have a relative half-width
// (HalfWidth / |Mean|, see [Summary.RelHalfWidth]) of at most relHalfWidth,
// at the given confidence level (0 means [DefaultConfidence]). values holds
// one value per pilot replication, in replication order.
//
// It follows the confidence interval method of S. Robinson, Simulation: The
// Practice of Model Development and Use, 2nd ed., Palgrave Macmillan 2014,
// ch. 9: for n = 2, 3, …, len(values) it computes the interval from the
// first n values, and returns the smallest n from which the relative
// half-width stays within the target for every larger n in values (a value
// that dips below the target and rises again does not count).
//
// If the target is not met within values, it extrapolates: assuming the
// mean x̄ and standard deviation s of all of values hold, it returns the
// smallest n > len(values) with
//
//	t(1 − α/2, n − 1) · s / (√n · |x̄|) ≤ relHalfWidth.
//
// Run that many replications and call RepsNeeded again, since the estimate
// is only as good as the pilot. It returns −1 when there is nothing to go
// on: fewer than two values, a mean of zero, or non-finite values. It
// panics if relHalfWidth is not positive or the confidence level is
// invalid. It is O(len(values)²), which is negligible for the numbers of
// replications used in practice.
func RepsNeeded(values []float64, relHalfWidth, confidence float64) int {
	if !(relHalfWidth > 0) {
		panic("stats: relHalfWidth must be > 0")
	}
	confidence = checkConfidence(confidence)
	n := len(values)
	if n < 2 {
		return -1
	}
	found := -1
	for k := 2; k <= n; k++ {
		if Summarize(values[:k], confidence).RelHalfWidth() <= relHalfWidth {
			if found < 0 {
				found = k
			}
		} else {
			found = -1
		}
	}
	if found > 0 {
		return found
	}

	mean, sd := stat.MeanStdDev(values, nil)
	r := sd / math.Abs(mean) // coefficient of variation
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return -1
	}
	// Since t(1 − α/2, ν) > z(1 − α/2), the normal approximation gives a
	// lower bound on n; the t quantile approaches z as 1/ν, so the search
	// up from the bound takes only a few steps.
	z := distuv.UnitNormal.Quantile(0.5 + confidence/2)
	lower := math.Ceil(math.Pow(z*r/relHalfWidth, 2))
	if lower > 1e12 {
		// t and z agree to about 1e-12 here; no run is this long anyway.
		return int(min(lower, math.MaxInt64/2))
	}
	for k := max(int(lower), n+1); ; k++ {
		if tQuantile(confidence, k-1)*r/math.Sqrt(float64(k)) <= relHalfWidth {
			return k
		}
	}
}
