package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"caresim/sim/des"
)

// mustPanic checks that f panics with the message want.
func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		got := recover()
		if got == nil {
			t.Fatalf("no panic, want %q", want)
		}
		if s, ok := got.(string); !ok || s != want {
			t.Fatalf("panic %v, want %q", got, want)
		}
	}()
	f()
}

// near reports whether got is within tol of want.
func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// handLevel is the worked example: 0 on [0, 2), 3 on [2, 5), 1 on [5, 10).
func handLevel() *Level {
	var l Level
	l.Set(2, 3)
	l.Set(5, 1)
	return &l
}

func TestLevelHandWorked(t *testing.T) {
	t.Parallel()
	l := handLevel()
	const end = 10
	// mean = (0·2 + 3·3 + 1·5) / 10 = 1.4
	if got := l.Mean(end); !near(got, 1.4, 1e-15) {
		t.Errorf("Mean = %v, want 1.4", got)
	}
	// var = (2·1.4² + 3·1.6² + 5·0.4²) / 10 = (3.92 + 7.68 + 0.8) / 10 = 1.24,
	// and also E[L²] − mean² = (9·3 + 1·5)/10 − 1.96 = 3.2 − 1.96.
	if got := l.Variance(end); !near(got, 1.24, 1e-14) {
		t.Errorf("Variance = %v, want 1.24", got)
	}
	if got := l.Duration(end); got != 10 {
		t.Errorf("Duration = %v, want 10", got)
	}
	for _, c := range []struct {
		level int
		want  des.Time
	}{{0, 2}, {1, 5}, {2, 0}, {3, 3}, {4, 0}, {-1, 0}} {
		if got := l.TimeAt(c.level, end); got != c.want {
			t.Errorf("TimeAt(%d) = %v, want %v", c.level, got, c.want)
		}
	}
	if l.Min() != 0 || l.Max() != 3 || l.Value() != 1 {
		t.Errorf("Min, Max, Value = %d, %d, %d, want 0, 3, 1", l.Min(), l.Max(), l.Value())
	}
	// The time-weighted CDF is F(0) = 0.2, F(1) = F(2) = 0.7, F(3) = 1.
	for _, c := range []struct {
		p    float64
		want int
	}{
		{0, 0}, {0.1, 0}, {0.2, 0}, {0.21, 1}, {0.5, 1}, {0.7, 1},
		{0.71, 3}, {0.95, 3}, {1, 3},
	} {
		if got := l.Quantile(c.p, end); got != c.want {
			t.Errorf("Quantile(%v) = %d, want %d", c.p, got, c.want)
		}
	}
}

func TestLevelQuantileSkipsUnheldLevels(t *testing.T) {
	t.Parallel()
	// Level 5 on [0, 4), 7 on [4, 5), with momentary 9 and 2 at t = 4:
	// levels never held for a positive time are not quantiles.
	var l Level
	l.Reset(0, 5)
	l.Set(4, 9)
	l.Set(4, 2)
	l.Set(4, 7)
	if got := l.Quantile(0, 5); got != 5 {
		t.Errorf("Quantile(0) = %d, want 5", got)
	}
	if got := l.Quantile(0.8, 5); got != 5 {
		t.Errorf("Quantile(0.8) = %d, want 5", got)
	}
	if got := l.Quantile(1, 5); got != 7 {
		t.Errorf("Quantile(1) = %d, want 7", got)
	}
	if l.Min() != 2 || l.Max() != 9 {
		t.Errorf("Min, Max = %d, %d; want the momentary 2, 9", l.Min(), l.Max())
	}
}

func TestLevelResetAfterWarmUp(t *testing.T) {
	t.Parallel()
	l := handLevel()
	l.Reset(5, l.Value()) // warm-up ends at t = 5, level 1
	l.Add(7, 2)           // 1 on [5, 7), 3 on [7, 10): mean (2 + 9)/5 = 2.2
	if got := l.Mean(10); !near(got, 2.2, 1e-15) {
		t.Errorf("Mean = %v, want 2.2", got)
	}
	if got := l.TimeAt(0, 10); got != 0 {
		t.Errorf("TimeAt(0) = %v, want 0 after Reset", got)
	}
	if l.Min() != 1 || l.Max() != 3 {
		t.Errorf("Min, Max = %d, %d, want 1, 3", l.Min(), l.Max())
	}
	if got := l.Duration(10); got != 5 {
		t.Errorf("Duration = %v, want 5", got)
	}
}

func TestLevelZeroDuration(t *testing.T) {
	t.Parallel()
	var l Level
	l.Reset(3, 4)
	if l.Mean(3) != 4 || l.Variance(3) != 0 || l.Quantile(0.5, 3) != 4 {
		t.Errorf("zero-length period: Mean %v, Variance %v, Quantile %d; want 4, 0, 4",
			l.Mean(3), l.Variance(3), l.Quantile(0.5, 3))
	}
	var z Level
	if z.Mean(0) != 0 || z.Mean(2) != 0 || z.Duration(2) != 2 {
		t.Errorf("zero value: Mean %v, Duration %v; want 0, 2", z.Mean(2), z.Duration(2))
	}
}

// TestLevelAgainstBruteForce compares a random path with statistics
// computed from its list of stretches.
func TestLevelAgainstBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 1))
	var l Level
	type stretch struct {
		level int
		dt    float64
	}
	var path []stretch
	now, cur := des.Time(0), 0
	for range 10000 {
		dt := rng.ExpFloat64()
		if rng.IntN(10) == 0 {
			dt = 0 // simultaneous events
		}
		path = append(path, stretch{cur, dt})
		now += des.Time(dt)
		cur = max(0, cur+rng.IntN(3)-1)
		l.Set(now, cur)
	}
	end := now + 1.5
	path = append(path, stretch{cur, 1.5})

	var T, sum, sum2 float64
	at := map[int]float64{}
	for _, s := range path {
		T += s.dt
		sum += float64(s.level) * s.dt
		at[s.level] += s.dt
	}
	mean := sum / T
	for _, s := range path {
		sum2 += (float64(s.level) - mean) * (float64(s.level) - mean) * s.dt
	}
	// Sums of 10 000 terms of order 1: a relative error of 1e-12 allows
	// for the different order of summation.
	if got := l.Mean(end); !near(got, mean, 1e-12*mean) {
		t.Errorf("Mean = %v, want %v", got, mean)
	}
	if got, want := l.Variance(end), sum2/T; !near(got, want, 1e-12*want) {
		t.Errorf("Variance = %v, want %v", got, want)
	}
	for v, w := range at {
		if got := float64(l.TimeAt(v, end)); !near(got, w, 1e-9) {
			t.Errorf("TimeAt(%d) = %v, want %v", v, got, w)
		}
	}
	for _, p := range []float64{0.05, 0.5, 0.9, 0.95, 0.99} {
		q := l.Quantile(p, end)
		var below, upto float64
		for v, w := range at {
			if v < q {
				below += w
			}
			if v <= q {
				upto += w
			}
		}
		if upto < p*T-1e-9 || below >= p*T {
			t.Errorf("Quantile(%v) = %d: F(q−1) = %v, F(q) = %v", p, q, below/T, upto/T)
		}
	}
}

func TestLevelPanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want string
		f    func(l *Level)
	}{
		{"backwards", "stats: time went backwards", func(l *Level) { l.Set(1, 1) }},
		{"NaN time", "stats: time went backwards", func(l *Level) { l.Set(des.Time(math.NaN()), 1) }},
		{"read before last change", "stats: time went backwards", func(l *Level) { l.Mean(1) }},
		{"negative", "stats: negative level", func(l *Level) { l.Add(3, -2) }},
		{"negative reset", "stats: negative level", func(l *Level) { l.Reset(3, -1) }},
		{"NaN reset", "stats: time is NaN", func(l *Level) { l.Reset(des.Time(math.NaN()), 0) }},
		{"p > 1", "stats: quantile p outside [0, 1]", func(l *Level) { l.Quantile(1.5, 3) }},
		{"p NaN", "stats: quantile p outside [0, 1]", func(l *Level) { l.Quantile(math.NaN(), 3) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var l Level
			l.Set(2, 1)
			mustPanic(t, tt.want, func() { tt.f(&l) })
		})
	}
}

func TestLevelSetDoesNotAllocate(t *testing.T) {
	var l Level
	now := des.Time(0)
	for i := range 100 { // reach the maximum level, 20
		now++
		l.Set(now, i%21)
	}
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		now += 0.1
		i++
		l.Set(now, i%21)
	})
	if allocs != 0 {
		t.Errorf("Level.Set allocates %v times per call in steady state", allocs)
	}
}

func BenchmarkLevelSet(b *testing.B) {
	var l Level
	rng := rand.New(rand.NewPCG(1, 1))
	steps := make([]int, 1024) // random walk steps in {−1, 0, +1}
	for i := range steps {
		steps[i] = rng.IntN(3) - 1
	}
	now, cur, i := des.Time(0), 500, 0
	b.ReportAllocs()
	for b.Loop() {
		now += 0.01
		cur = max(0, cur+steps[i&1023])
		i++
		l.Set(now, cur)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sets/s")
}
