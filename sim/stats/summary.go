package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// DefaultConfidence is the confidence level used when 0 is given.
const DefaultConfidence = 0.95

// Summary describes a quantity across independent replications: one value
// per replication (a replication's mean occupancy, its count of 12-hour
// waits, its deficit in year ten), summarised by the mean, the sample
// standard deviation and a Student-t confidence interval for the mean:
//
//	half-width = t(1 − α/2, n − 1) · SD / √n,  α = 1 − Confidence
//
// The interval assumes the replication values are independent (separate
// seeds) and roughly normal; values that are themselves means or totals of
// many events usually are, by the central limit theorem. Skewed values,
// such as counts of rare events, need more replications.
//
// With one replication the SD and HalfWidth are NaN, not infinite: there is
// no estimate of the spread, and NaN shows as such in output instead of
// passing for a very wide interval. With none, Mean is NaN too.
type Summary struct {
	N          int     // number of replications
	Mean       float64 // sample mean
	SD         float64 // sample standard deviation (n − 1 denominator); NaN when N < 2
	HalfWidth  float64 // half-width of the confidence interval for the mean; NaN when N < 2
	Confidence float64 // confidence level of the interval, such as 0.95
}

// Lo returns the lower end of the confidence interval, Mean − HalfWidth.
func (s Summary) Lo() float64 { return s.Mean - s.HalfWidth }

// Hi returns the upper end of the confidence interval, Mean + HalfWidth.
func (s Summary) Hi() float64 { return s.Mean + s.HalfWidth }

// RelHalfWidth returns the half-width relative to the mean,
// HalfWidth / |Mean|: 0.05 means the interval is the mean ± 5%. It is +Inf
// when the mean is 0 and the half-width is not, and NaN when both are 0.
func (s Summary) RelHalfWidth() float64 { return s.HalfWidth / math.Abs(s.Mean) }

// Summarize returns the mean, sample standard deviation and Student-t
// confidence interval of values, one per replication, at the given
// confidence level (0 means [DefaultConfidence]). The mean and variance come
// from gonum's stat.MeanVariance and the t quantile from distuv.StudentsT.
// It panics if confidence is not 0 and not strictly between 0 and 1. It is
// O(len(values)) and does not allocate.
func Summarize(values []float64, confidence float64) Summary {
	confidence = checkConfidence(confidence)
	s := Summary{N: len(values), Confidence: confidence}
	switch s.N {
	case 0:
		s.Mean, s.SD, s.HalfWidth = math.NaN(), math.NaN(), math.NaN()
		return s
	case 1:
		s.Mean, s.SD, s.HalfWidth = values[0], math.NaN(), math.NaN()
		return s
	}
	mean, variance := stat.MeanVariance(values, nil)
	s.Mean = mean
	s.SD = math.Sqrt(variance)
	s.HalfWidth = tQuantile(confidence, s.N-1) * s.SD / math.Sqrt(float64(s.N))
	return s
}

// Paired returns the [Summary] of the differences b[i] − a[i], where a and
// b hold one value per replication from two scenarios run with the same
// seeds (common random numbers): its interval is the confidence interval
// for the mean effect of going from A to B. Pairing removes the variation
// the two scenarios share, so the interval is usually much narrower than
// one from independent runs. A replication in which either value is NaN
// or infinite (a metric it could not measure: nobody on a pathway) leaves
// its pair out, and N counts the pairs kept. It panics if a and b differ
// in length or the confidence level is invalid (see [Summarize]). It is
// O(n) and allocates the differences.
func Paired(a, b []float64, confidence float64) Summary {
	if len(a) != len(b) {
		panic("stats: paired samples of different lengths")
	}
	d := make([]float64, 0, len(a))
	for i := range a {
		if finite(a[i]) && finite(b[i]) {
			d = append(d, b[i]-a[i])
		}
	}
	return Summarize(d, confidence)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checkConfidence returns the confidence level to use, panicking if it is
// invalid.
func checkConfidence(confidence float64) float64 {
	if confidence == 0 {
		return DefaultConfidence
	}
	if !(confidence > 0 && confidence < 1) {
		panic("stats: confidence level outside (0, 1)")
	}
	return confidence
}

// tQuantile returns the two-sided critical value t(1 − α/2, nu) of
// Student's t distribution for the given confidence level 1 − α.
func tQuantile(confidence float64, nu int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(nu)}.Quantile(0.5 + confidence/2)
}
