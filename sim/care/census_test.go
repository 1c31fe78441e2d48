package care

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"

	"caresim/sim/des"
)

// lbDraws is the number of stays lengthBiased draws per case: enough that
// 5 standard errors of a mean are under 1.5% of it for every case below.
// The widest is the baseline's acute stay, lognormal with CV 6.7/5.4 =
// 1.24; a length-biased lognormal keeps the CV, so 5 SE ≈ 5 × 1.24 /
// √200 000 ≈ 1.4% of E[S*].
const lbDraws = 200_000

// lbZ is the tolerance in standard errors. A correct draw fails a
// 5-SE check with probability about 6e-7 under the normal approximation;
// the seed being fixed, it fails either always or never.
const lbZ = 5

// drawLengthBiased returns lbDraws elapsed and remaining parts of stays
// from d found in progress, from the fixed stream PCG(1, 1).
func drawLengthBiased(d *des.Dist) (elapsed, remaining []float64) {
	r := rand.New(rand.NewPCG(1, 1))
	elapsed = make([]float64, lbDraws)
	remaining = make([]float64, lbDraws)
	for i := range elapsed {
		a, b := lengthBiased(d, r)
		elapsed[i], remaining[i] = float64(a), float64(b)
	}
	return elapsed, remaining
}

// checkMean fails t unless the mean of xs is within lbZ standard errors
// (the sample SD over √n) of want, plus slack for a known bias.
func checkMean(t *testing.T, what string, xs []float64, want, slack float64) {
	t.Helper()
	mean, sd := stat.MeanStdDev(xs, nil)
	se := sd / math.Sqrt(float64(len(xs)))
	if math.Abs(mean-want) > lbZ*se+slack {
		t.Errorf("%s: mean %.4f, want %.4f ± %.4f (%d SE + %.4f)", what, mean, want, lbZ*se+slack, lbZ, slack)
	}
}

// TestLengthBiasedExponential checks the memoryless case: for an
// exponential stay with mean m found in progress, the time already spent
// and the time still to go are independent, each exponential with mean m
// (Cox, Renewal Theory, 1962, §5.2: the backward and forward recurrence
// times of a Poisson process). The checks:
//
//   - each part's mean is m (SE = m/√n, as an exponential's SD is its mean);
//   - each part's survival at m and 2m is e⁻¹ and e⁻², the exponential's
//     (binomial SE √(p(1−p)/n) ≈ 0.0011 and 0.0006);
//   - the parts are uncorrelated (SE of a correlation near 0 is 1/√n).
func TestLengthBiasedExponential(t *testing.T) {
	t.Parallel()
	const m = 5.4
	d := des.Exponential(m)
	elapsed, remaining := drawLengthBiased(&d)
	n := float64(lbDraws)
	for _, part := range []struct {
		name string
		xs   []float64
	}{{"elapsed", elapsed}, {"remaining", remaining}} {
		checkMean(t, part.name, part.xs, m, 0)
		for _, k := range []float64{1, 2} {
			above := 0
			for _, x := range part.xs {
				if x > k*m {
					above++
				}
			}
			p := math.Exp(-k)
			got := float64(above) / n
			if se := math.Sqrt(p * (1 - p) / n); math.Abs(got-p) > lbZ*se {
				t.Errorf("%s: P(> %g m) = %.4f, want e^-%g = %.4f ± %.4f", part.name, k, got, k, p, lbZ*se)
			}
		}
	}
	if c := stat.Correlation(elapsed, remaining, nil); math.Abs(c) > lbZ/math.Sqrt(n) {
		t.Errorf("correlation of elapsed and remaining %.4f, want 0 ± %.4f", c, lbZ/math.Sqrt(n))
	}
}

// TestLengthBiasedMean checks that a stay found in progress has the
// length-biased mean
//
//	E[S*] = E[S²] / E[S] = m + v/m      (Cox, Renewal Theory, 1962, §5.2)
//
// for a stay S of mean m and variance v, and that the elapsed and the
// remaining parts each have half of it, as the stay is cut at a uniform
// point. The tolerance is lbZ standard errors of the sample mean; the
// fallback for other families resamples 64 draws in proportion to their
// length, which is biased by O(1/64) of the mean (a ratio estimator's
// bias: ≈ (CV²(S) − cov(S, S²)/(E[S]E[S²]))/64, under 0.3% for the
// triangle below), so it gets 1% of the mean as slack.
func TestLengthBiasedMean(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		d     des.Dist
		slack float64 // relative, for the resampling fallback's bias
	}{
		{"exponential", des.Exponential(5.4), 0},
		{"lognormal baseline acute", des.LogNormal(5.4, 6.7), 0},
		{"lognormal median p90", des.LogNormalMedianP90(120, 365), 0},
		{"gamma", des.Gamma(2, 10), 0},
		{"gamma shape < 1", des.Gamma(0.5, 4), 0},
		{"gamma mean sd", des.GammaMeanSD(30, 22), 0},
		{"fixed", des.Fixed(21), 0},
		{"triangular (resampled)", des.Triangular(7, 21, 42), 0.01},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, v := tt.d.Moments()
			want := m + v/m
			elapsed, remaining := drawLengthBiased(&tt.d)
			total := make([]float64, len(elapsed))
			for i := range total {
				total[i] = elapsed[i] + remaining[i]
				if elapsed[i] < 0 || remaining[i] < 0 {
					t.Fatalf("draw %d: elapsed %v, remaining %v: negative", i, elapsed[i], remaining[i])
				}
			}
			checkMean(t, "total", total, want, tt.slack*want)
			checkMean(t, "elapsed", elapsed, want/2, tt.slack*want/2)
			checkMean(t, "remaining", remaining, want/2, tt.slack*want/2)
		})
	}
}

// TestLengthBiasedFixed: a fixed stay found in progress is the whole stay,
// cut at a uniform point.
func TestLengthBiasedFixed(t *testing.T) {
	t.Parallel()
	d := des.Fixed(21)
	elapsed, remaining := drawLengthBiased(&d)
	below := 0
	for i := range elapsed {
		if math.Abs(elapsed[i]+remaining[i]-21) > 1e-12 {
			t.Fatalf("draw %d: %v + %v, want 21", i, elapsed[i], remaining[i])
		}
		if elapsed[i] < 7 {
			below++
		}
	}
	// Uniform elapsed: P(elapsed < 7) = 1/3, binomial SE √(2/9/n) ≈ 0.001.
	if got, se := float64(below)/lbDraws, math.Sqrt(2.0/9/lbDraws); math.Abs(got-1.0/3) > lbZ*se {
		t.Errorf("P(elapsed < 7) = %.4f, want 1/3 ± %.4f", got, lbZ*se)
	}
}

// censusParams is a care system in which nothing happens: no demand, and
// acute and intermediate-care beds part-filled at the start with stays so
// long (10 000 days) that nobody leaves in a few days (a census patient's
// remaining stay is a uniform part of 10 000 days: under 3 days with
// probability 3e-4 each, and the seed is fixed).
func censusParams(warm des.Time) *Params {
	return &Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 3,
		WarmUp:  WarmUp{Length: warm},
		Services: Services{
			Acute: Acute{Enabled: true, Beds: 10, Occupied: 7, LengthOfStay: des.Fixed(10_000),
				Pathways: Pathways{Home: 1}},
			IntermediateCare: IntermediateCare{Enabled: true, Beds: 5, Occupied: 4, LengthOfStay: des.Fixed(10_000),
				Outcomes: Outcomes{Home: 1}},
		},
	}
}

// TestCensusStart checks that the patients of Acute.Occupied and
// IntermediateCare.Occupied are in their beds from time 0: with nothing
// else happening, every day's midnight census and mean occupancy equal
// the occupied count, the first day's census included, whether or not
// there is a warm-up before it.
func TestCensusStart(t *testing.T) {
	t.Parallel()
	for _, warm := range []des.Time{0, 2} {
		p := censusParams(warm)
		if errs := p.Validate(); len(errs) > 0 {
			t.Fatal(errs)
		}
		r, err := Run(p, Config{Seed: 1, WarmUp: warm})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			k    int
			want float64
		}{
			{DailyAcuteMidnight, 7},
			{DailyAcuteMean, 7},
			{DailyICMidnight, 4},
			{DailyICMean, 4},
		} {
			for d, got := range r.Daily[c.k] {
				if got != c.want {
					t.Errorf("warm-up %v: %s on day %d = %v, want %v", warm, DailyMeasures[c.k].Name, d, got, c.want)
				}
			}
		}
		if got := r.Metrics[MetricAcuteBedsOccupied]; got != 7 {
			t.Errorf("warm-up %v: %s = %v, want 7", warm, Metrics[MetricAcuteBedsOccupied].Name, got)
		}
	}
}
