package des

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// distSink keeps benchmarked and allocation-tested draws alive.
var distSink float64

// distCase is a named, initialised distribution used by the statistical,
// allocation and benchmark tests.
type distCase struct {
	name string
	d    Dist
}

// distCases returns at least one distribution of every kind, plus the
// variants that take different code paths (gamma with shape < 1 uses the
// boost; a triangle with its mode at an end has an empty side; a quantile
// table with a flat segment has an atom).
func distCases() []distCase {
	return []distCase{
		{"fixed", Fixed(2.5)},
		{"exponential", Exponential(2)},
		{"lognormal", LogNormal(4, 2)},
		{"lognormal_median_p90", LogNormalMedianP90(10, 20)},
		{"gamma", Gamma(2, 3)},
		{"gamma_mean_sd", GammaMeanSD(6, 3)},
		{"gamma_shape0.5", Gamma(0.5, 2)},
		{"gamma_shape0.1", Gamma(0.1, 1)},
		{"weibull", Weibull(1.5, 1)},
		{"weibull_shape0.8", Weibull(0.8, 3)},
		{"triangular", Triangular(0, 1, 4)},
		{"triangular_mode_min", Triangular(0, 0, 1)},
		{"triangular_mode_max", Triangular(0, 1, 1)},
		{"uniform", Uniform(1, 3)},
		{"empirical", Empirical([]float64{3, 1, 2, 5}, []float64{2, 1, 1, 0})},
		{"quantiles", QuantileTable([]float64{0, 0.5, 1}, []float64{0, 1, 3})},
		{"quantiles_flat", QuantileTable([]float64{0, 0.3, 0.6, 1}, []float64{1, 2, 2, 10})},
	}
}

// draw returns n samples of d from the fixed stream PCG(1, 1).
func draw(t testing.TB, d *Dist, n int) []float64 {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 1))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = d.Sample(r)
	}
	return xs
}

// TestDistSampleMoments compares the sample mean and variance of 200 000
// draws with Moments, and the empirical CDF with Quantile.
//
// Tolerances are 5 standard errors, so a correct sampler fails with
// probability about 6e-7 per check under the normal approximation (and, the
// seed being fixed, either always or never):
//
//   - mean: SE = σ/√n;
//   - variance: the sample variance is asymptotically normal with
//     SE = √((μ₄ − σ⁴)/n), μ₄ the fourth central moment (Serfling,
//     Approximation Theorems of Mathematical Statistics, 1980, §2.2); μ₄
//     is estimated from the same sample, which is sound because every case
//     here has finite moments of all orders;
//   - CDF: at q = Quantile(p) the fraction of draws below q is binomial with
//     SE = √(p(1−p)/n). With atoms (fixed, empirical, a flat table segment)
//     P(X < q) <= p <= P(X <= q), so p must lie between the two fractions,
//     give or take 5 SE.
func TestDistSampleMoments(t *testing.T) {
	t.Parallel()
	const n = 200_000
	for _, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			xs := draw(t, &c.d, n)
			mean, variance := c.d.Moments()

			var sum float64
			for _, x := range xs {
				sum += x
			}
			m := sum / n
			var m2, m4 float64
			for _, x := range xs {
				dx := (x - m) * (x - m)
				m2 += dx
				m4 += dx * dx
			}
			s2 := m2 / (n - 1)
			m4 /= n

			if variance == 0 { // fixed: every draw is the value
				for i, x := range xs {
					if x != mean {
						t.Fatalf("draw %d = %v, want %v", i, x, mean)
					}
				}
				return
			}
			if se := math.Sqrt(variance / n); math.Abs(m-mean) > 5*se {
				t.Errorf("sample mean %.6g, want %.6g ± %.3g (5 SE)", m, mean, 5*se)
			}
			if se := math.Sqrt((m4 - variance*variance) / n); math.Abs(s2-variance) > 5*se {
				t.Errorf("sample variance %.6g, want %.6g ± %.3g (5 SE)", s2, variance, 5*se)
			}
			for _, p := range []float64{0.05, 0.25, 0.5, 0.75, 0.95} {
				q := c.d.Quantile(p)
				var below, atOrBelow int
				for _, x := range xs {
					if x < q {
						below++
					}
					if x <= q {
						atOrBelow++
					}
				}
				tol := 5 * math.Sqrt(p*(1-p)/n)
				lo, hi := float64(below)/n, float64(atOrBelow)/n
				if p < lo-tol || p > hi+tol {
					t.Errorf("fraction of draws below Quantile(%v) = %v is in [%.5f, %.5f], want %v ± %.4f",
						p, q, lo, hi, p, tol)
				}
			}
		})
	}
}

// TestDistEmpiricalFrequencies checks each value's share of the draws
// against its normalised weight, within 5 binomial standard errors
// √(q(1−q)/n); a zero weight must never be drawn.
func TestDistEmpiricalFrequencies(t *testing.T) {
	t.Parallel()
	const n = 200_000
	d := Empirical([]float64{3, 1, 2, 5, 2}, []float64{4, 2, 1, 0, 1})
	want := map[float64]float64{1: 0.25, 2: 0.25, 3: 0.5} // 2 appears twice, weights 1+1
	got := map[float64]int{}
	for _, x := range draw(t, &d, n) {
		got[x]++
	}
	if got[5] != 0 {
		t.Errorf("value with weight 0 drawn %d times", got[5])
	}
	for v, q := range want {
		f := float64(got[v]) / n
		if tol := 5 * math.Sqrt(q*(1-q)/n); math.Abs(f-q) > tol {
			t.Errorf("share of %v = %.5f, want %v ± %.4f", v, f, q, tol)
		}
	}
}

// TestDistMomentsExact checks Moments against values worked by hand.
// Results go through log, exp and math.Gamma, so a relative tolerance of
// 1e-12 leaves room for rounding (~1e-15) and nothing else.
func TestDistMomentsExact(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name           string
		d              Dist
		mean, variance float64
	}{
		{"fixed", Fixed(2.5), 2.5, 0},
		{"exponential", Exponential(2), 2, 4},
		// σ² = ln 1.25, μ = ln 4 − σ²/2, so exp(μ + σ²/2) = 4 and
		// (exp(σ²) − 1)·exp(2μ + σ²) = 0.25 · 16 = 4.
		{"lognormal", LogNormal(4, 2), 4, 4},
		// σ = ln 2 / z₀.₉ = 0.5408656188293053, mean = 10·exp(σ²/2),
		// variance = mean²·(exp(σ²) − 1), evaluated in Python.
		{"lognormal_median_p90", LogNormalMedianP90(10, 20), 11.575061368932344, 45.529839990414686},
		{"gamma", Gamma(2, 3), 6, 18},                                     // αθ, αθ²
		{"gamma_mean_sd", GammaMeanSD(6, 3), 6, 9},                        // α = 4, θ = 1.5
		{"gamma_shape0.5", Gamma(0.5, 2), 1, 2},                           // αθ, αθ²
		{"weibull_shape1", Weibull(1, 2), 2, 4},                           // the exponential
		{"weibull", Weibull(2, 1), math.Sqrt(math.Pi) / 2, 1 - math.Pi/4}, // Γ(3/2), Γ(2) − Γ(3/2)²
		// (a+b+c)/3 and (a²+b²+c²−ab−ac−bc)/18.
		{"triangular", Triangular(0, 1, 4), 5.0 / 3, 13.0 / 18},
		{"triangular_mode_min", Triangular(0, 0, 1), 1.0 / 3, 1.0 / 18},
		{"uniform", Uniform(1, 3), 2, 1.0 / 3},
		// P(1) = P(2) = 1/4, P(3) = 1/2: mean 9/4, E[X²] = 23/4, variance 11/16.
		{"empirical", Empirical([]float64{3, 1, 2, 5}, []float64{2, 1, 1, 0}), 9.0 / 4, 11.0 / 16},
		// Half uniform on [0, 1], half on [1, 3]: mean 1/4 + 1 = 5/4,
		// E[X²] = 1/6 + 13/6 = 7/3, variance 7/3 − 25/16 = 37/48.
		{"quantiles", QuantileTable([]float64{0, 0.5, 1}, []float64{0, 1, 3}), 5.0 / 4, 37.0 / 48},
		// 0.3 uniform on [1, 2], 0.3 at 2, 0.4 uniform on [2, 10]: mean 69/20,
		// E[X²] = 0.7 + 1.2 + 248/15, variance 7837/1200.
		{"quantiles_flat", QuantileTable([]float64{0, 0.3, 0.6, 1}, []float64{1, 2, 2, 10}), 69.0 / 20, 7837.0 / 1200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			mean, variance := c.d.Moments()
			checkRel(t, "mean", mean, c.mean, 1e-12)
			checkRel(t, "variance", variance, c.variance, 1e-12)
		})
	}
}

// TestDistQuantileExact checks Quantile against values worked by hand, with
// the same tolerance as TestDistMomentsExact.
func TestDistQuantileExact(t *testing.T) {
	t.Parallel()
	emp := Empirical([]float64{3, 1, 2, 5}, []float64{2, 1, 1, 0}) // CDF 1/4 at 1, 1/2 at 2, 1 at 3
	tab := QuantileTable([]float64{0, 0.5, 1}, []float64{0, 1, 3})
	flat := QuantileTable([]float64{0, 0.3, 0.6, 1}, []float64{1, 2, 2, 10})
	cases := []struct {
		name string
		d    Dist
		p    float64
		want float64
	}{
		{"fixed", Fixed(2.5), 0.3, 2.5},
		{"exponential", Exponential(2), 0.5, 2 * math.Ln2},
		{"exponential_p1", Exponential(2), 1, math.Inf(1)},
		{"lognormal", LogNormal(4, 2), 0.5, 4 / math.Sqrt(1.25)}, // exp(μ)
		{"lognormal_median", LogNormalMedianP90(10, 20), 0.5, 10},
		{"lognormal_p90", LogNormalMedianP90(10, 20), 0.9, 20},
		{"gamma_shape1", Gamma(1, 2), 0.5, 2 * math.Ln2}, // the exponential
		{"weibull", Weibull(2, 1), 0.5, math.Sqrt(math.Ln2)},
		{"triangular_0", Triangular(0, 1, 4), 0, 0},
		{"triangular_mode", Triangular(0, 1, 4), 0.25, 1}, // F(mode) = 1/4
		{"triangular_right", Triangular(0, 1, 4), 0.5, 4 - math.Sqrt(6)},
		{"triangular_1", Triangular(0, 1, 4), 1, 4},
		{"uniform", Uniform(1, 3), 0.25, 1.5},
		{"empirical_0", emp, 0, 1},
		{"empirical_0.25", emp, 0.25, 1},
		{"empirical_0.26", emp, 0.26, 2},
		{"empirical_0.5", emp, 0.5, 2},
		{"empirical_0.75", emp, 0.75, 3},
		{"empirical_1", emp, 1, 3}, // not 5, whose weight is 0
		{"empirical_zero_weight_first", Empirical([]float64{0, 1}, []float64{0, 1}), 0, 1},
		{"quantiles_0", tab, 0, 0},
		{"quantiles_0.25", tab, 0.25, 0.5},
		{"quantiles_0.5", tab, 0.5, 1},
		{"quantiles_0.75", tab, 0.75, 2},
		{"quantiles_1", tab, 1, 3},
		{"quantiles_flat", flat, 0.45, 2},
		{"quantiles_flat_0.8", flat, 0.8, 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			checkRel(t, "Quantile", c.d.Quantile(c.p), c.want, 1e-12)
		})
	}
}

// TestDistQuantileMonotone checks that Quantile never decreases in p and
// that it panics outside [0, 1].
func TestDistQuantileMonotone(t *testing.T) {
	t.Parallel()
	for _, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			prev := math.Inf(-1)
			for i := 0; i <= 1000; i++ {
				p := float64(i) / 1000
				q := c.d.Quantile(p)
				if q < prev {
					t.Fatalf("Quantile(%v) = %v < Quantile(%v) = %v", p, q, float64(i-1)/1000, prev)
				}
				prev = q
			}
			for _, p := range []float64{-0.1, 1.1, math.NaN()} {
				mustPanic(t, "outside [0, 1]", func() { c.d.Quantile(p) })
			}
		})
	}
}

// TestDistLogNormalMedianP90 checks that the sample median and 90th
// percentile of LogNormalMedianP90(10, 20) are near 10 and 20. A sample
// p-quantile is asymptotically normal with standard error √(p(1−p)/n)/f(x_p),
// f the density (Serfling, 1980, §2.3); the tolerance is 5 of those.
func TestDistLogNormalMedianP90(t *testing.T) {
	t.Parallel()
	const n = 200_000
	d := LogNormalMedianP90(10, 20)
	xs := draw(t, &d, n)
	slices.Sort(xs)
	density := distuv.LogNormal{Mu: math.Log(10), Sigma: math.Ln2 / z90}
	for _, c := range []struct{ p, want float64 }{{0.5, 10}, {0.9, 20}} {
		got := xs[int(c.p*n)]
		tol := 5 * math.Sqrt(c.p*(1-c.p)/n) / density.Prob(c.want)
		if math.Abs(got-c.want) > tol {
			t.Errorf("sample %v-quantile %.4f, want %v ± %.3f", c.p, got, c.want, tol)
		}
	}
}

// TestDistGammaQuantileTail checks that F(Quantile(p)) = p for gamma
// distributions down to p = 1e-9, where distuv's inverse alone fails for
// small shapes. distuv's CDF is accurate to about 1e-14 relative there; the
// tolerance of 1e-10 leaves room for that and for Newton's stopping rule.
func TestDistGammaQuantileTail(t *testing.T) {
	t.Parallel()
	for _, shape := range []float64{0.1, 0.3, 0.5, 1, 2, 10} {
		d := Gamma(shape, 2)
		g := distuv.Gamma{Alpha: shape, Beta: 0.5}
		for _, p := range []float64{1e-9, 1e-6, 1e-3, 0.01, 0.0148, 0.05, 0.3, 0.5, 0.7, 0.99, 1 - 1e-6} {
			q := d.Quantile(p)
			if p <= 0.5 {
				checkRel(t, fmt.Sprintf("shape %v: F(Quantile(%v))", shape, p), g.CDF(q), p, 1e-10)
			} else {
				checkRel(t, fmt.Sprintf("shape %v: 1 − F(Quantile(%v))", shape, p), g.Survival(q), 1-p, 1e-10)
			}
		}
	}
}

// TestDistZ90 checks the constant used for the median/p90 lognormal.
func TestDistZ90(t *testing.T) {
	t.Parallel()
	checkRel(t, "z90", z90, distuv.UnitNormal.Quantile(0.9), 1e-15)
}

func TestDistInitErrors(t *testing.T) {
	t.Parallel()
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name string
		d    Dist
		want []string // one substring per expected error, in any order
	}{
		{"zero", Dist{}, []string{"kind: missing"}},
		{"bad_kind", Dist{Kind: 42}, []string{"kind: invalid value 42"}},
		{"fixed_inf", Dist{Kind: DistFixed, Value: inf}, []string{"value: must be finite"}},
		{"fixed_extra", Dist{Kind: DistFixed, Value: 1, Mean: 2, Values: []float64{}},
			[]string{"mean: not used by fixed", "values: not used by fixed"}},
		{"exponential", Dist{Kind: DistExponential, Mean: -1, Shape: 2},
			[]string{"mean: must be > 0, got -1", "shape: not used by exponential"}},
		{"exponential_missing", Dist{Kind: DistExponential}, []string{"mean: must be > 0, got 0"}},
		{"exponential_nan", Dist{Kind: DistExponential, Mean: nan, SD: nan},
			[]string{"mean: must be finite, got NaN", "sd: not used by exponential"}},
		{"lognormal_sd", Dist{Kind: DistLogNormal, Mean: 4}, []string{"sd: must be > 0, got 0"}},
		{"lognormal_both", Dist{Kind: DistLogNormal, Mean: 4, SD: 2, P90: 3},
			[]string{"p90: conflicts with mean and sd; give either mean and sd, or median and p90"}},
		{"lognormal_neither", Dist{Kind: DistLogNormal}, []string{"mean: missing; give either mean and sd, or median and p90"}},
		{"lognormal_p90", Dist{Kind: DistLogNormal, Median: 10, P90: 5}, []string{"p90: must be > median (10), got 5"}},
		{"lognormal_median", Dist{Kind: DistLogNormal, Median: -1, P90: 5}, []string{"median: must be > 0, got -1"}},
		{"gamma", Dist{Kind: DistGamma, Scale: 2}, []string{"shape: must be > 0, got 0"}},
		{"gamma_both", Dist{Kind: DistGamma, Shape: 2, Mean: 3},
			[]string{"mean: conflicts with shape; give either shape and scale, or mean and sd"}},
		{"gamma_mean_sd", Dist{Kind: DistGamma, Mean: -3, SD: -1, Min: 1},
			[]string{"mean: must be > 0, got -3", "sd: must be > 0, got -1", "min: not used by gamma"}},
		{"weibull", Dist{Kind: DistWeibull, Shape: -1, Probs: []float64{}},
			[]string{"shape: must be > 0, got -1", "scale: must be > 0, got 0", "probs: not used by weibull"}},
		{"triangular_order", Dist{Kind: DistTriangular, Min: 5, Mode: 3, Max: 1},
			[]string{"max: must be > min (5), got 1", "mode: must be >= min (5), got 3", "mode: must be <= max (1), got 3"}},
		{"triangular_point", Dist{Kind: DistTriangular, Min: 1, Mode: 1, Max: 1}, []string{"max: must be > min (1), got 1"}},
		{"triangular_nan", Dist{Kind: DistTriangular, Min: nan, Max: 1}, []string{"min: must be finite, got NaN"}},
		{"uniform", Dist{Kind: DistUniform, Min: 3, Max: 1, Mode: 2},
			[]string{"max: must be > min (3), got 1", "mode: not used by uniform"}},
		{"empirical_missing", Dist{Kind: DistEmpirical}, []string{"values: missing"}},
		{"empirical_lengths", Dist{Kind: DistEmpirical, Values: []float64{1, 2}, Weights: []float64{1}},
			[]string{"weights: must have as many entries as values (2), has 1"}},
		{"empirical_entries", Dist{Kind: DistEmpirical, Values: []float64{nan, 2, 3}, Weights: []float64{-1, inf, 1}},
			[]string{"values[0]: must be finite", "weights[0]: must be >= 0, got -1", "weights[1]: must be finite"}},
		{"empirical_zero_sum", Dist{Kind: DistEmpirical, Values: []float64{1, 2}, Weights: []float64{0, 0}},
			[]string{"weights: must have a positive sum"}},
		{"quantiles_short", Dist{Kind: DistQuantiles, Probs: []float64{0}, Values: []float64{1}},
			[]string{"probs: must have at least 2 entries, has 1"}},
		{"quantiles_ends", Dist{Kind: DistQuantiles, Probs: []float64{0.1, 0.5, 0.9}, Values: []float64{1, 2, 3}},
			[]string{"probs[0]: must be 0, got 0.1", "probs[2]: must be 1, got 0.9"}},
		{"quantiles_order", Dist{Kind: DistQuantiles, Probs: []float64{0, 0.5, 0.5, 1}, Values: []float64{1, 2, 1, 3}},
			[]string{"probs[2]: must be > probs[1] (0.5), got 0.5", "values[2]: must be >= values[1] (2), got 1"}},
		{"quantiles_lengths", Dist{Kind: DistQuantiles, Probs: []float64{0, 1}, Values: []float64{1, 2, 3}, Weights: []float64{1}},
			[]string{"values: must have as many entries as probs (2), has 3", "weights: not used by quantiles"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := c.d.Init()
			if err == nil {
				t.Fatal("Init succeeded, want errors")
			}
			var errs []error
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				errs = j.Unwrap()
			}
			if len(errs) != len(c.want) {
				t.Errorf("got %d errors, want %d:\n%v", len(errs), len(c.want), err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("errors do not mention %q:\n%v", w, err)
				}
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field == "" {
				t.Errorf("error %v is not a *FieldError naming a field", err)
			}
			mustPanic(t, "des: Dist.Sample before Init", func() { c.d.Sample(rand.New(rand.NewPCG(1, 1))) })
		})
	}
}

// TestDistInit checks that Init is needed, idempotent, and that a failed
// Init leaves the Dist unusable.
func TestDistInit(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	d := Dist{Kind: DistGamma, Mean: 6, SD: 3}
	mustPanic(t, "des: Dist.Sample before Init", func() { d.Sample(r) })
	mustPanic(t, "des: Dist.Moments before Init", func() { d.Moments() })
	mustPanic(t, "des: Dist.Quantile before Init", func() { d.Quantile(0.5) })
	if err := d.Init(); err != nil {
		t.Fatal(err)
	}
	if err := d.Init(); err != nil {
		t.Fatal(err)
	}
	want := GammaMeanSD(6, 3)
	if a, b := draw(t, &d, 100), draw(t, &want, 100); !slices.Equal(a, b) {
		t.Errorf("literal after two Inits draws %v..., constructor %v...", a[:3], b[:3])
	}
	d.SD = -1
	if d.Init() == nil {
		t.Fatal("Init accepted sd -1")
	}
	mustPanic(t, "des: Dist.Sample before Init", func() { d.Sample(r) })
}

// TestDistConstructorsPanic checks that constructors reject bad parameters
// with a "des: " panic naming the kind and the field.
func TestDistConstructorsPanic(t *testing.T) {
	t.Parallel()
	mustPanic(t, "des: exponential: mean: must be > 0, got -1", func() { Exponential(-1) })
	mustPanic(t, "des: lognormal: p90: must be > median (2), got 1", func() { LogNormalMedianP90(2, 1) })
	mustPanic(t, "des: triangular: max: must be > min (1), got 0", func() { Triangular(1, 0.5, 0) })
	mustPanic(t, "des: empirical: weights: must have as many entries as values (1), has 0", func() { Empirical([]float64{1}, nil) })
}

func TestDistKindText(t *testing.T) {
	t.Parallel()
	names := []string{"fixed", "exponential", "lognormal", "gamma", "weibull", "triangular", "uniform", "empirical", "quantiles"}
	for i, name := range names {
		k := DistFixed + DistKind(i)
		if k.String() != name {
			t.Errorf("DistKind(%d).String() = %q, want %q", k, k.String(), name)
		}
		text, err := k.MarshalText()
		if err != nil || string(text) != name {
			t.Errorf("DistKind(%d).MarshalText() = %q, %v, want %q", k, text, err, name)
		}
		var back DistKind
		if err := back.UnmarshalText(text); err != nil || back != k {
			t.Errorf("UnmarshalText(%q) = %v, %v, want %v", text, back, err, k)
		}
	}

	k := DistGamma
	err := k.UnmarshalText([]byte("expo"))
	if err == nil {
		t.Fatal(`UnmarshalText("expo") succeeded`)
	}
	if k != DistGamma {
		t.Errorf("failed UnmarshalText changed the kind to %v", k)
	}
	for _, w := range append([]string{`"expo"`}, names...) {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %s", err, w)
		}
	}
	if err := k.UnmarshalText([]byte("LogNormal")); err == nil {
		t.Error(`UnmarshalText("LogNormal") succeeded; names are lower case`)
	}

	for _, bad := range []DistKind{0, DistQuantiles + 1} {
		if _, err := bad.MarshalText(); err == nil {
			t.Errorf("DistKind(%d).MarshalText() succeeded", bad)
		}
	}
	if s := DistKind(0).String(); s != "DistKind(0)" {
		t.Errorf("DistKind(0).String() = %q", s)
	}
}

// TestDistSampleAllocs checks that Sample never allocates. It is not
// parallel: AllocsPerRun counts every allocation in the process.
func TestDistSampleAllocs(t *testing.T) {
	for _, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 1))
			if a := testing.AllocsPerRun(1000, func() { distSink = c.d.Sample(r) }); a != 0 {
				t.Errorf("Sample allocates %v times per call", a)
			}
		})
	}
}

func BenchmarkSample(b *testing.B) {
	cases := distCases()
	probs, values := make([]float64, 101), make([]float64, 101)
	for i := range probs {
		probs[i], values[i] = float64(i)/100, float64(i*i)
	}
	cases = append(cases,
		distCase{"empirical_100", Empirical(values[1:], values[1:])},
		distCase{"quantiles_101", QuantileTable(probs, values)},
	)
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 1))
			b.ReportAllocs()
			var s float64
			for b.Loop() {
				s += c.d.Sample(r)
			}
			distSink = s
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}

// BenchmarkSampleDistuv measures gonum's distuv Rand methods, for
// comparison with BenchmarkSample: the reason Sample draws directly from
// *rand.Rand.
func BenchmarkSampleDistuv(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	cases := []struct {
		name string
		f    func() float64
	}{
		{"exponential", func() float64 { return distuv.Exponential{Rate: 0.5, Src: r}.Rand() }},
		{"lognormal", func() float64 { return distuv.LogNormal{Mu: 1.27, Sigma: 0.47, Src: r}.Rand() }},
		{"gamma", func() float64 { return distuv.Gamma{Alpha: 2, Beta: 1.0 / 3, Src: r}.Rand() }},
		{"gamma_shape0.5", func() float64 { return distuv.Gamma{Alpha: 0.5, Beta: 0.5, Src: r}.Rand() }},
		{"weibull", func() float64 { return distuv.Weibull{K: 1.5, Lambda: 1, Src: r}.Rand() }},
		{"triangular", func() float64 { return distuv.NewTriangle(0, 4, 1, r).Rand() }},
		{"uniform", func() float64 { return distuv.Uniform{Min: 1, Max: 3, Src: r}.Rand() }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var s float64
			for b.Loop() {
				s += c.f()
			}
			distSink = s
		})
	}
}

// checkRel reports got unless it is within relative tolerance tol of want
// (or equal, which covers 0 and infinities).
func checkRel(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if got == want {
		return
	}
	if math.Abs(got-want) > tol*math.Abs(want) {
		t.Errorf("%s = %.17g, want %.17g (relative tolerance %g)", what, got, want, tol)
	}
}

// mustPanic reports unless f panics with a message containing want.
func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Errorf("no panic, want one mentioning %q", want)
			return
		}
		if msg, _ := r.(string); !strings.Contains(msg, want) {
			t.Errorf("panic %v, want one mentioning %q", r, want)
		}
	}()
	f()
}
