package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// MSER5 suggests a warm-up length for series, a per-day output such as the
// daily mean occupancy ([DailyLevel.DayMeans]), by the MSER-5 rule, and
// returns it in observations (days). It is MSER(series, 5) without the
// reliability flag; see [MSER] for the method and its limits.
//
// Hoad, Robinson and Davies (2010) found MSER-5 the best candidate among
// the automatic warm-up methods they reviewed and tested. Apply it to the
// day-by-day mean over several replications (five or more), not to a
// single replication, and check the flag from [MSER] before trusting the
// result.
func MSER5(series []float64) (truncate int) {
	truncate, _ = MSER(series, 5)
	return truncate
}

// MSER applies the marginal standard error rule (K. P. White, "An effective
// truncation heuristic for bias reduction in simulation output",
// Simulation 69(6), 1997; W. W. Franklin and K. P. White, Proc. Winter
// Simulation Conference 2008) to series and returns the number of leading
// observations to discard.
//
// The series is cut into k = ⌊len/batch⌋ batches of batch observations
// (any remainder at the end is ignored), with means Z₁ … Z_k. Discarding d
// batches leaves m = k − d of them, and the rule picks the d that
// minimises their marginal standard error
//
//	MSER(d) = (1/m²) Σ_{j=d+1..k} (Z_j − Z̄_d)²,  Z̄_d = mean of Z_{d+1..k},
//
// over d ≤ k/2 only, since a truncation that discards more than half the
// data is not credible (Hoad, Robinson and Davies, "Automating warm-up
// length estimation", J. Oper. Res. Soc. 61(9), 2010). Ties go to the
// smaller d. truncate is d·batch observations.
//
// ok reports whether the minimum over all d (up to k − 2, which leaves two
// batches) lies in that first half. When it does not, the series is still
// trending or too short to show its steady state: run longer, and do not
// rely on truncate. With fewer than two batches MSER returns 0, false.
//
// It panics if batch < 1. It is O(len(series)) and does not allocate.
func MSER(series []float64, batch int) (truncate int, ok bool) {
	if batch < 1 {
		panic("stats: MSER batch size must be >= 1")
	}
	k := len(series) / batch
	half := k / 2
	bestAll, bestHalf := math.Inf(1), math.Inf(1)
	dAll, dHalf := -1, 0
	// Add batches from the last to the first, keeping the mean and the sum
	// of squared deviations of the kept batches by Welford's algorithm
	// (see [Tally]), so that each d costs O(1).
	var m, mean, m2 float64
	for d := k - 1; d >= 0; d-- {
		z := stat.Mean(series[d*batch:(d+1)*batch], nil)
		m++
		delta := z - mean
		mean += delta / m
		m2 += delta * (z - mean)
		if m < 2 {
			continue
		}
		mser := m2 / (m * m)
		if mser <= bestAll {
			bestAll, dAll = mser, d
		}
		if d <= half && mser <= bestHalf {
			bestHalf, dHalf = mser, d
		}
	}
	return dHalf * batch, dAll >= 0 && dAll <= half
}
