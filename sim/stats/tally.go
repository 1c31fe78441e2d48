package stats

import (
	"math"
)

// maxBins bounds the span of a Tally's histogram, so that an outlier or a
// mistaken BinWidth fails loudly instead of taking all memory: 2²⁴ bins of
// 8 bytes are 128 MiB.
const maxBins = 1 << 24

// Tally summarises a stream of observations, such as waits or lengths of
// stay, without storing them: count, sum, minimum, maximum, mean and
// variance, and, when BinWidth is set, a fixed-width histogram from which
// Quantile estimates quantiles.
//
// The mean and variance are updated by Welford's online algorithm, which
// does not suffer the cancellation of the sum-of-squares formula (B. P.
// Welford, "Note on a method for calculating corrected sums of squares and
// products", Technometrics 4(3), 1962; D. E. Knuth, The Art of Computer
// Programming, vol. 2, 3rd ed., §4.2.2):
//
//	n ← n + 1
//	δ ← x − mean
//	mean ← mean + δ/n
//	M2 ← M2 + δ (x − mean)
//	variance = M2 / (n − 1)
//
// The zero value is an empty tally without a histogram, ready to use. Add is
// O(1) amortised and does not allocate once the histogram covers the range
// of the data. The histogram holds one int64 per bin between the smallest
// and the largest observation (up to twice that while it grows), so its
// memory is about 8 (Max − Min) / BinWidth bytes: lengths of stay up to 400
// days in bins of 0.25 days take 13 kB. A Tally is not safe for concurrent
// use.
type Tally struct {
	// BinWidth is the width of the histogram's bins, in the unit of the
	// observations (days for waits and lengths of stay). Bin k holds the
	// observations in [k·BinWidth, (k+1)·BinWidth). Zero means no
	// histogram. Set it before the first Add (or after Reset); changing
	// it afterwards panics. It must not be negative.
	BinWidth float64

	n        int
	mean, m2 float64 // Welford's running mean and sum of squared deviations
	sum      float64
	min, max float64

	width float64 // the BinWidth in use; 0 when there is no histogram
	lo    int     // bin index of bins[0]
	bins  []int64 // bins[i] counts observations in bin lo+i
}

// Reset empties the tally, keeping BinWidth and the histogram's storage.
func (t *Tally) Reset() {
	bins := t.bins[:0]
	*t = Tally{BinWidth: t.BinWidth, bins: bins}
}

// Add records the observation x. It panics if x is NaN or infinite, if
// BinWidth is negative, or if BinWidth has changed since the first
// observation. It also panics if the histogram would need more than 2²⁴
// bins, which means BinWidth is far too small for the data.
func (t *Tally) Add(x float64) {
	if x-x != 0 { // true for NaN and ±Inf only
		panic("stats: observation is NaN or infinite")
	}
	if t.BinWidth != t.width {
		t.adoptWidth()
	}
	t.n++
	d := x - t.mean
	t.mean += d / float64(t.n)
	t.m2 += d * (x - t.mean)
	t.sum += x
	if t.n == 1 {
		t.min, t.max = x, x
	} else if x < t.min {
		t.min = x
	} else if x > t.max {
		t.max = x
	}
	if t.width > 0 {
		t.count(x)
	}
}

// adoptWidth starts using BinWidth for the histogram of an empty tally.
func (t *Tally) adoptWidth() {
	if t.n > 0 {
		panic("stats: Tally.BinWidth changed after the first observation")
	}
	if !(t.BinWidth >= 0) || math.IsInf(t.BinWidth, 1) {
		panic("stats: Tally.BinWidth must be finite and >= 0")
	}
	t.width = t.BinWidth
	t.bins = t.bins[:0]
}

// bin returns the index of the bin holding x.
func (t *Tally) bin(x float64) int {
	f := math.Floor(x / t.width)
	if !(math.Abs(f) <= 1<<52) {
		panic("stats: observation too far from zero for Tally.BinWidth")
	}
	return int(f)
}

// count adds x to the histogram.
func (t *Tally) count(x float64) {
	k := t.bin(x)
	t.cover(k, k)
	t.bins[k-t.lo]++
}

// cover extends the histogram so that it holds bins first to last.
func (t *Tally) cover(first, last int) {
	if len(t.bins) == 0 {
		t.checkSpan(first, last)
		t.lo = first
		t.bins = append(t.bins, make([]int64, last-first+1)...)
		return
	}
	if last >= t.lo+len(t.bins) {
		t.checkSpan(t.lo, last)
		t.bins = append(t.bins, make([]int64, last+1-t.lo-len(t.bins))...)
	}
	if first < t.lo {
		hi := t.lo + len(t.bins) - 1
		t.checkSpan(first, hi)
		// Extend downwards by at least the current length, so that a
		// slowly falling minimum costs amortised O(1) per observation.
		extra := max(t.lo-first, len(t.bins))
		extra = min(extra, maxBins-len(t.bins))
		bins := make([]int64, extra+len(t.bins), extra+cap(t.bins))
		copy(bins[extra:], t.bins)
		t.bins = bins
		t.lo -= extra
	}
}

// checkSpan panics if bins first to last are too many for one histogram.
func (t *Tally) checkSpan(first, last int) {
	if last-first >= maxBins {
		panic("stats: Tally histogram would need more than 2^24 bins; increase BinWidth")
	}
}

// Histogram returns the histogram's counts from the bin of Min to the
// bin of Max, a copy, and the index of the first of them: counts[i] is
// the number of observations in [(first+i)·BinWidth, (first+i+1)·BinWidth).
// It returns 0 and nil for an empty tally or one without a histogram.
func (t *Tally) Histogram() (first int, counts []int64) {
	if t.n == 0 || t.width == 0 {
		return 0, nil
	}
	lo, hi := t.bin(t.min), t.bin(t.max)
	return lo, append([]int64(nil), t.bins[lo-t.lo:hi-t.lo+1]...)
}

// Count returns the number of observations.
func (t *Tally) Count() int { return t.n }

// Sum returns the sum of the observations, or 0 if there are none.
func (t *Tally) Sum() float64 { return t.sum }

// Mean returns the mean of the observations, or NaN if there are none.
func (t *Tally) Mean() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.mean
}

// Variance returns the sample variance of the observations, with the n − 1
// denominator as in gonum's stat.Variance, or NaN if there are fewer than
// two.
func (t *Tally) Variance() float64 {
	if t.n < 2 {
		return math.NaN()
	}
	return t.m2 / float64(t.n-1)
}

// SD returns the sample standard deviation, the square root of
// [Tally.Variance], or NaN if there are fewer than two observations.
func (t *Tally) SD() float64 { return math.Sqrt(t.Variance()) }

// Min returns the smallest observation, or NaN if there are none.
func (t *Tally) Min() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.min
}

// Max returns the largest observation, or NaN if there are none.
func (t *Tally) Max() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.max
}

// Quantile estimates the p-quantile of the observations from the
// histogram. The sample quantile it estimates is the smallest observation x
// such that at least a fraction p of the observations are ≤ x (gonum's
// stat.Quantile with stat.Empirical). Quantile finds the bin holding that
// observation and interpolates linearly within it, as if the observations
// in the bin were spread evenly, then clamps the result to [Min, Max]:
//
//	c = count in bins before the bin, m = count in the bin, n = Count
//	q = lower edge + BinWidth · (p·n − c) / m
//
// The estimate and the sample quantile lie in the same bin, so the error is
// less than one BinWidth; for data with a smooth density it is usually far
// smaller. (Reporting the bin's midpoint would bound the error by half a
// bin but is worse on average.) Quantile(0) is Min and Quantile(1) is Max
// exactly.
//
// It returns NaN if there are no observations, and panics if p is outside
// [0, 1] or the tally has no histogram (BinWidth is 0). It is O(number of
// bins).
func (t *Tally) Quantile(p float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic("stats: quantile p outside [0, 1]")
	}
	if t.BinWidth == 0 && t.width == 0 {
		panic("stats: Tally.Quantile needs a histogram: set BinWidth before the first Add")
	}
	if t.n == 0 {
		return math.NaN()
	}
	target := p * float64(t.n)
	var cum int64
	for i, m := range t.bins {
		if m == 0 {
			continue
		}
		if float64(cum+m) >= target {
			q := (float64(t.lo+i) + (target-float64(cum))/float64(m)) * t.width
			return min(max(q, t.min), t.max)
		}
		cum += m
	}
	return t.max
}

// Merge adds the observations summarised by other to t, as if they had
// been added to t one by one; this pools tallies across replications or
// groups. The mean and variance are combined by the pairwise formula of
// Chan, Golub and LeVeque ("Updating formulae and a pairwise algorithm for
// computing sample variances", Stanford CS report STAN-CS-79-773, 1979):
//
//	n = na + nb, δ = mean_b − mean_a
//	mean = mean_a + δ nb / n
//	M2 = M2_a + M2_b + δ² na nb / n
//
// The histograms are added bin by bin. Merging an empty tally does
// nothing; merging into an empty tally copies other, including its
// BinWidth. Otherwise both must use the same BinWidth, or Merge panics.
// The result may differ from one pass over the same data in the last bits,
// so merge in a fixed order (replication order) for reproducible output.
// It is O(number of bins).
func (t *Tally) Merge(other Tally) {
	if other.n == 0 {
		return
	}
	if t.n == 0 {
		if t.BinWidth != other.width && t.BinWidth != 0 {
			panic("stats: Merge of tallies with different BinWidth")
		}
		bins := append(t.bins[:0], other.bins...)
		*t = other
		t.BinWidth = other.width
		t.bins = bins
		return
	}
	if t.width != other.width {
		panic("stats: Merge of tallies with different BinWidth")
	}
	na, nb := float64(t.n), float64(other.n)
	n := na + nb
	d := other.mean - t.mean
	t.mean += d * nb / n
	t.m2 += other.m2 + d*d*na*nb/n
	t.n += other.n
	t.sum += other.sum
	t.min = min(t.min, other.min)
	t.max = max(t.max, other.max)
	if t.width > 0 && len(other.bins) > 0 {
		t.cover(other.lo, other.lo+len(other.bins)-1)
		off := other.lo - t.lo
		for i, m := range other.bins {
			t.bins[off+i] += m
		}
	}
}
