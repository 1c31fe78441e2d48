package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// batches returns a series whose batches of 5 have the given means: each
// mean is repeated five times.
func batches(means ...float64) []float64 {
	var s []float64
	for _, m := range means {
		s = append(s, m, m, m, m, m)
	}
	return s
}

func TestMSER5HandWorked(t *testing.T) {
	t.Parallel()
	// Batch means Z = 10, 2, 4, 2, 4, 2, 4, 2 (k = 8, so d ≤ 4):
	//   d = 0: mean 30/8, Σ(Z − Z̄)² = 51.5,  MSER = 51.5/64 = 0.805
	//   d = 1: mean 20/7, Σ = 48/7,          MSER = (48/7)/49 = 0.140
	//   d = 2: mean 3,    Σ = 6,             MSER = 6/36 = 0.167
	//   d = 3: mean 2.8,  Σ = 4.8,           MSER = 4.8/25 = 0.192
	//   d = 4: mean 3,    Σ = 4,             MSER = 4/16 = 0.25
	//   d = 5, 6: 0.296, 0.5 (second half, looked at only for ok)
	// The minimum is at d = 1: discard one batch, 5 observations.
	s := batches(10, 2, 4, 2, 4, 2, 4, 2)
	got, ok := MSER(s, 5)
	if got != 5 || !ok {
		t.Errorf("MSER = %d, %v; want 5, true", got, ok)
	}
	if MSER5(s) != 5 {
		t.Errorf("MSER5 = %d, want 5", MSER5(s))
	}
	// A remainder of fewer than 5 at the end is ignored.
	if got := MSER5(append(s, 1000, 1000)); got != 5 {
		t.Errorf("MSER5 with a remainder = %d, want 5", got)
	}
	// Ties go to the shorter truncation: Z = 9, 1, 1, 1 gives MSER 0 for
	// d = 1 and d = 2.
	if got, ok := MSER(batches(9, 1, 1, 1), 5); got != 5 || !ok {
		t.Errorf("tie: MSER = %d, %v; want 5, true", got, ok)
	}
}

func TestMSER5FindsTransient(t *testing.T) {
	t.Parallel()
	// Daily occupancy filling from empty towards 100 beds with a time
	// constant of 20 days, plus noise of SD 3: the transient, 100·e^{−t/20},
	// falls below one noise SD at t = 20·ln(100/3) ≈ 70 days and below a
	// tenth of one at ≈ 116. 365 days, mean of 5 replications.
	rng := rand.New(rand.NewPCG(1, 1))
	s := make([]float64, 365)
	for i := range s {
		var sum float64
		for range 5 {
			sum += 100*(1-math.Exp(-float64(i)/20)) + 3*rng.NormFloat64()
		}
		s[i] = sum / 5
	}
	got, ok := MSER(s, 5)
	if !ok || got < 40 || got > 130 {
		t.Errorf("MSER = %d, %v; want a truncation in [40, 130] days and ok", got, ok)
	}
	if MSER5(s) != got {
		t.Errorf("MSER5 = %d, MSER(s, 5) = %d", MSER5(s), got)
	}
}

func TestMSER5Stationary(t *testing.T) {
	t.Parallel()
	// Without a transient there is little to discard: the truncation
	// should be a small part of the run. 20 seeds, each must stay below a
	// quarter of the run (MSER may chase noise, but not far).
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 1))
		s := make([]float64, 365)
		for i := range s {
			s[i] = 100 + 3*rng.NormFloat64()
		}
		if got := MSER5(s); got > 365/4 {
			t.Errorf("seed %d: MSER5 of a stationary series = %d", seed, got)
		}
	}
}

func TestMSERTrendNotOK(t *testing.T) {
	t.Parallel()
	// A series that rises throughout has no steady state: the minimum lies
	// at the end and MSER must say so.
	s := make([]float64, 200)
	for i := range s {
		s[i] = float64(i)
	}
	if got, ok := MSER(s, 5); ok || got > 100 {
		t.Errorf("MSER of a trend = %d, %v; want ≤ 100 and not ok", got, ok)
	}
	for _, short := range [][]float64{nil, {1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		if got, ok := MSER(short, 5); got != 0 || ok {
			t.Errorf("MSER of %d values = %d, %v; want 0, false", len(short), got, ok)
		}
	}
	mustPanic(t, "stats: MSER batch size must be >= 1", func() { MSER(s, 0) })
}

func BenchmarkMSER5(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	s := make([]float64, 3650) // ten years of days
	for i := range s {
		s[i] = 100 + rng.NormFloat64()
	}
	b.ReportAllocs()
	for b.Loop() {
		MSER5(s)
	}
}
