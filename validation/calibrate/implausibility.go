package calibrate

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Variances are the variances an observed value z is allowed to differ
// from the model by, besides the model's own randomness, each as a
// coefficient of variation of z (its standard deviation over |z|):
//
//	V_obs = (Observation · z)²,   V_md = (Discrepancy · z)²
type Variances struct {
	// Observation is the observation error: how far the published
	// figure may be from what happened (miscounting, apportioned months,
	// a definition that is not quite the model's measure). Fraction.
	Observation float64
	// Discrepancy is the model discrepancy: how far the model at its
	// best parameters may be from the real system, for what it leaves
	// out (Kennedy and O'Hagan 2001). Fraction.
	Discrepancy float64
}

// Cut is the implausibility above which a point is ruled out: three, by
// Pukelsheim's (1994) three-sigma rule, since at least 95% of any
// unimodal distribution lies within three standard deviations of its
// mean (the Vysochanskij–Petunin inequality).
const Cut = 3

// Implausibility returns the implausibility of observed value z at a
// point where the n = len(sims) replications gave sims, with their mean
// and variance (n − 1 in the denominator; 0 for one replication):
//
//	I = |z − mean| / √((Observation·z)² + (Discrepancy·z)² + var·(1 + 1/n))
//
// It is 0 when they agree exactly and the denominator is 0, +Inf when
// they do not. sims must not be empty.
func Implausibility(z float64, sims []float64, v Variances) (impl, mean, variance float64) {
	n := float64(len(sims))
	mean = stat.Mean(sims, nil)
	if len(sims) > 1 {
		variance = stat.Variance(sims, nil)
	}
	den := math.Pow(v.Observation*z, 2) + math.Pow(v.Discrepancy*z, 2) + variance*(1+1/n)
	d := math.Abs(z - mean)
	switch {
	case d == 0:
		return 0, mean, variance
	case den == 0:
		return math.Inf(1), mean, variance
	}
	return d / math.Sqrt(den), mean, variance
}

// Output is one observed value set beside a point's replications.
type Output struct {
	Series   string    // the series it belongs to: a measure by month or by year
	Observed float64   // z
	Sims     []float64 // the replications' values; nil when the run did not simulate its period
	// Impl, Mean and Var are set by [Evaluate].
	Impl, Mean, Var float64
}

// Series is one series' implausibility at a point: the largest of its
// outputs'.
type Series struct {
	Name    string
	Impl    float64
	Outputs int // the outputs the run simulated
}

// Evaluate computes each output's implausibility at a point (leaving
// those without replications at NaN), each series' (the largest of its
// outputs', in the order series first appear), and the point's: the
// rank-th largest of its series' implausibilities (rank 1 the largest,
// 2 the second largest), or, with fewer series than rank, the smallest.
// A point is non-implausible when its implausibility is at most [Cut].
// It returns NaN for a point without a simulated output.
func Evaluate(outs []Output, v Variances, rank int) (point float64, series []Series) {
	at := map[string]int{}
	for i := range outs {
		o := &outs[i]
		if len(o.Sims) == 0 {
			o.Impl, o.Mean, o.Var = math.NaN(), math.NaN(), math.NaN()
			continue
		}
		o.Impl, o.Mean, o.Var = Implausibility(o.Observed, o.Sims, v)
		k, ok := at[o.Series]
		if !ok {
			k = len(series)
			at[o.Series] = k
			series = append(series, Series{Name: o.Series})
		}
		series[k].Impl = math.Max(series[k].Impl, o.Impl)
		series[k].Outputs++
	}
	return Rank(series, rank), series
}

// Rank returns the rank-th largest implausibility of series (rank 1 the
// largest), or the smallest when there are fewer than rank; NaN for
// none.
func Rank(series []Series, rank int) float64 {
	if len(series) == 0 {
		return math.NaN()
	}
	is := make([]float64, len(series))
	for i, s := range series {
		is[i] = s.Impl
	}
	slices.SortFunc(is, func(a, b float64) int { return cmp.Compare(b, a) })
	return is[min(max(rank, 1), len(is))-1]
}
