package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestRepsNeededWithinPilot(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, 40)
	for i := range x {
		x[i] = 100 + 10*rng.NormFloat64() // coefficient of variation 0.1
	}
	const target = 0.05
	n := RepsNeeded(x, target, 0.95)
	if n < 2 || n > len(x) {
		t.Fatalf("RepsNeeded = %d, want a count within the 40 pilot values", n)
	}
	// From n on, every prefix meets the target, and n − 1 does not.
	for k := n; k <= len(x); k++ {
		if r := Summarize(x[:k], 0.95).RelHalfWidth(); r > target {
			t.Errorf("prefix of %d: relative half-width %v > %v", k, r, target)
		}
	}
	if n > 2 {
		if r := Summarize(x[:n-1], 0.95).RelHalfWidth(); r <= target {
			t.Errorf("prefix of %d already meets the target (%v)", n-1, r)
		}
	}
}

func TestRepsNeededMustStayBelow(t *testing.T) {
	t.Parallel()
	// The first two values are equal, so the prefix of two has a zero
	// half-width; the third breaks it, and no later prefix meets the
	// target. A dip below the target must not count.
	x := []float64{8, 8, 10, 12, 12}
	if got := RepsNeeded(x, 0.05, 0.95); got <= len(x) {
		t.Errorf("RepsNeeded = %d, want an extrapolation beyond %d", got, len(x))
	}
}

func TestRepsNeededExtrapolates(t *testing.T) {
	t.Parallel()
	// 8, 8, 10, 12, 12 has mean 10 and SD 2 (variance 16/4), so the
	// coefficient of variation is 0.2. For ±5% at 95%, the normal bound is
	// n ≥ (1.96·0.2/0.05)² = 61.5, and with t(0.975, n−1):
	//   n = 63: 1.99897·0.2/√63 = 0.05037 > 0.05
	//   n = 64: 1.99834·0.2/√64 = 0.04996 ≤ 0.05
	x := []float64{8, 8, 10, 12, 12}
	if got := RepsNeeded(x, 0.05, 0.95); got != 64 {
		t.Errorf("RepsNeeded = %d, want 64", got)
	}
	// The same check by formula at a tighter target and a 99% level.
	const target, conf = 0.01, 0.99
	got := RepsNeeded(x, target, conf)
	f := func(n int) float64 { return tQuantile(conf, n-1) * 0.2 / math.Sqrt(float64(n)) }
	if f(got) > target || f(got-1) <= target {
		t.Errorf("RepsNeeded(1%%, 99%%) = %d: f(n) = %v, f(n−1) = %v", got, f(got), f(got-1))
	}
}

func TestRepsNeededNoBasis(t *testing.T) {
	t.Parallel()
	for _, x := range [][]float64{nil, {5}, {-1, 1}, {0, 0, 0}} {
		if got := RepsNeeded(x, 0.05, 0); got != -1 {
			t.Errorf("RepsNeeded(%v) = %d, want -1", x, got)
		}
	}
	if got := RepsNeeded([]float64{7, 7, 7}, 0.05, 0); got != 2 {
		t.Errorf("RepsNeeded of constant values = %d, want 2", got)
	}
	mustPanic(t, "stats: relHalfWidth must be > 0", func() { RepsNeeded([]float64{1, 2}, 0, 0) })
}
