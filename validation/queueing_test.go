package validation

import (
	"errors"
	"math"
	"math/big"
	"testing"
)

// exactSum returns Σ_{k=0..n} aᵏ/k! as an exact rational.
func exactSum(n int, a *big.Rat) *big.Rat {
	sum := new(big.Rat)
	term := big.NewRat(1, 1)
	for k := 0; k <= n; k++ {
		if k > 0 {
			term.Mul(term, a)
			term.Quo(term, big.NewRat(int64(k), 1))
		}
		sum.Add(sum, term)
	}
	return sum
}

// exactTerm returns aⁿ/n! as an exact rational.
func exactTerm(n int, a *big.Rat) *big.Rat {
	term := big.NewRat(1, 1)
	for k := 1; k <= n; k++ {
		term.Mul(term, a)
		term.Quo(term, big.NewRat(int64(k), 1))
	}
	return term
}

// exactErlangB is Erlang's loss formula evaluated by its definition,
// (aᶜ/c!) / Σ_{k<=c} aᵏ/k!, in exact rational arithmetic: an independent
// check of the recurrence in ErlangB.
func exactErlangB(c int, a *big.Rat) float64 {
	f, _ := new(big.Rat).Quo(exactTerm(c, a), exactSum(c, a)).Float64()
	return f
}

// exactErlangC is Erlang's delay formula evaluated by its definition in
// exact rational arithmetic, independently of Erlang B.
func exactErlangC(c int, a *big.Rat) float64 {
	fc := big.NewRat(int64(c), 1)
	top := new(big.Rat).Mul(exactTerm(c, a), new(big.Rat).Quo(fc, new(big.Rat).Sub(fc, a)))
	den := new(big.Rat).Add(exactSum(c-1, a), top)
	f, _ := new(big.Rat).Quo(top, den).Float64()
	return f
}

// logErlangB evaluates Erlang B in log space, by log-sum-exp over the terms
// k log a − log k!: an independent check for loads too big for exact
// rationals.
func logErlangB(c int, a float64) float64 {
	logTerm := func(k int) float64 {
		lg, _ := math.Lgamma(float64(k) + 1)
		return float64(k)*math.Log(a) - lg
	}
	top := math.Inf(-1)
	for k := 0; k <= c; k++ {
		top = max(top, logTerm(k))
	}
	var sum float64
	for k := 0; k <= c; k++ {
		sum += math.Exp(logTerm(k) - top)
	}
	return math.Exp(logTerm(c) - top - math.Log(sum))
}

// checkClose fails unless got is within tol of want, relatively when
// |want| > 1 and absolutely otherwise. NaN matches only NaN.
func checkClose(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %.15g, want NaN", name, got)
		}
		return
	}
	if !(math.Abs(got-want) <= tol*max(1, math.Abs(want))) {
		t.Errorf("%s = %.15g, want %.15g (tolerance %g)", name, got, want, tol)
	}
}

func TestErlangB(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	// The recurrence has c steps, each adding a rounding error of about
	// 1e-16 relative, so 1e-13 is generous for c <= 100.
	for _, tc := range []struct {
		name string
		c    int
		a    float64
		want float64
	}{
		{"no servers", 0, 5, 1},
		{"no load", 3, 0, 0},
		{"one server", 1, 3, 3.0 / 4},                              // a/(1+a)
		{"two servers", 2, 1, 0.5 / 2.5},                           // (1/2)/(1+1+1/2)
		{"c=50 a=45", 50, 45, exactErlangB(50, big.NewRat(45, 1))}, // ≈ 0.0541045
		{"c=10 a=9", 10, 9, exactErlangB(10, big.NewRat(9, 1))},
		{"c=100 a=80.5", 100, 80.5, exactErlangB(100, big.NewRat(161, 2))},
		{"negative c", -1, 1, nan},
		{"negative a", 1, -1, nan},
		{"NaN a", 1, nan, nan},
		{"infinite a", 1, math.Inf(1), nan},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkClose(t, "ErlangB", ErlangB(tc.c, tc.a), tc.want, 1e-13)
		})
	}

	// ErlangB(50, 45) to 7 significant digits, computed by hand from the
	// exact rational (0.054104472164626...), pinned so that a change to the
	// test helpers cannot hide a change to the function.
	checkClose(t, "ErlangB(50, 45)", ErlangB(50, 45), 0.0541044721646, 1e-12)

	// Large systems: 10 000 servers overflow any direct evaluation of aᶜ/c!;
	// compare with log space. Both lose about c·1e-16 to rounding.
	for _, tc := range []struct {
		c int
		a float64
	}{{1000, 950}, {10000, 9500}, {10000, 10500}} {
		checkClose(t, "ErlangB large", ErlangB(tc.c, tc.a), logErlangB(tc.c, tc.a), 1e-10)
	}
}

func TestErlangC(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		c    int
		a    float64
		want float64
	}{
		{"M/M/1", 1, 0.7, 0.7}, // P(wait) = ρ
		{"no load", 4, 0, 0},
		{"c=10 a=9", 10, 9, exactErlangC(10, big.NewRat(9, 1))}, // ≈ 0.668732
		{"c=2 a=1", 2, 1, 1.0 / 3},                              // (1/2·2)/(1+1+1)
		{"c=50 a=45", 50, 45, exactErlangC(50, big.NewRat(45, 1))},
		{"saturated", 3, 3, nan},
		{"overloaded", 3, 4, nan},
		{"no servers", 0, 0.5, nan},
		{"negative a", 2, -1, nan},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkClose(t, "ErlangC", ErlangC(tc.c, tc.a), tc.want, 1e-13)
		})
	}
}

func TestMMc(t *testing.T) {
	t.Parallel()
	// M/M/1 closed forms (Kleinrock 1975, ch. 3): with ρ = λ/μ,
	// P(wait) = ρ, Lq = ρ²/(1−ρ), Wq = ρ/(μ−λ), L = ρ/(1−ρ), W = 1/(μ−λ).
	// The c = 10, λ = 9, μ = 1 case uses exact Erlang C: Wq = C/(cμ−λ) = C,
	// Lq = λ Wq = 9C, W = C + 1, L = 9C + 9.
	c10 := exactErlangC(10, big.NewRat(9, 1))
	for _, tc := range []struct {
		name                    string
		q                       MMc
		pwait, lq, wq, l, w, ro float64
	}{
		{"M/M/1 rho=0.5", MMc{Lambda: 0.5, Mu: 1, C: 1}, 0.5, 0.5, 1, 1, 2, 0.5},
		{"M/M/1 rho=0.9", MMc{Lambda: 0.9, Mu: 1, C: 1}, 0.9, 8.1, 9, 9, 10, 0.9},
		{"M/M/1 days", MMc{Lambda: 2, Mu: 1.0 / 0.4, C: 1}, 0.8, 3.2, 1.6, 4, 2, 0.8},
		{"M/M/10", MMc{Lambda: 9, Mu: 1, C: 10}, c10, 9 * c10, c10, 9*c10 + 9, c10 + 1, 0.9},
		{"M/M/2", MMc{Lambda: 1, Mu: 1, C: 2}, 1.0 / 3, 1.0 / 3, 1.0 / 3, 4.0 / 3, 4.0 / 3, 0.5},
		{"empty", MMc{Lambda: 0, Mu: 1, C: 3}, 0, 0, 0, 0, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := tc.q
			if err := q.Validate(); err != nil {
				t.Fatal(err)
			}
			const tol = 1e-12 // a few roundings of O(1) quantities
			checkClose(t, "Rho", q.Rho(), tc.ro, tol)
			checkClose(t, "PWait", q.PWait(), tc.pwait, tol)
			checkClose(t, "Lq", q.Lq(), tc.lq, tol)
			checkClose(t, "Wq", q.Wq(), tc.wq, tol)
			checkClose(t, "L", q.L(), tc.l, tol)
			checkClose(t, "W", q.W(), tc.w, tol)

			// Little's law: L = λW and Lq = λWq.
			checkClose(t, "L − λW", q.L()-q.Lambda*q.W(), 0, tol)
			checkClose(t, "Lq − λWq", q.Lq()-q.Lambda*q.Wq(), 0, tol)

			// The distribution of the number present sums to 1 and has
			// mean L. Sum until the geometric tail ρⁿ is below 1e-17.
			var sum, mean float64
			for n := 0; n < q.C+2000; n++ {
				p := q.PMF(n)
				sum += p
				mean += float64(n) * p
			}
			checkClose(t, "Σ PMF", sum, 1, 1e-12)
			checkClose(t, "Σ n PMF", mean, q.L(), 1e-10)
			checkClose(t, "P(N >= c)", 1-sumPMF(q.PMF, q.C-1), q.PWait(), 1e-12)

			// Waiting-time tail and quantiles are inverse to each other.
			checkClose(t, "PWaitLonger(0)", q.PWaitLonger(0), q.PWait(), tol)
			checkClose(t, "PWaitLonger(−1)", q.PWaitLonger(-1), 1, 0)
			for _, p := range []float64{0.5, 0.9, 0.95, 0.99} {
				x := q.WaitQuantile(p)
				if x > 0 {
					checkClose(t, "P(Wq > quantile)", q.PWaitLonger(x), 1-p, tol)
				} else if q.PWait() > 1-p+tol {
					t.Errorf("WaitQuantile(%g) = 0, but P(Wq > 0) = %g", p, q.PWait())
				}
			}
		})
	}

	// M/M/1: P(Wq > t) = ρ e^{−(μ−λ)t}; median of Wq for ρ = 0.9, μ = 1 is
	// ln(0.9/0.5)/0.1.
	q := MMc{Lambda: 0.9, Mu: 1, C: 1}
	checkClose(t, "M/M/1 PWaitLonger(10)", q.PWaitLonger(10), 0.9*math.Exp(-1), 1e-14)
	checkClose(t, "M/M/1 median wait", q.WaitQuantile(0.5), math.Log(1.8)/0.1, 1e-12)
	checkClose(t, "M/M/1 WaitQuantile(0.05)", q.WaitQuantile(0.05), 0, 0)
	if !math.IsInf(q.WaitQuantile(1), 1) {
		t.Errorf("WaitQuantile(1) = %g, want +Inf", q.WaitQuantile(1))
	}
}

// sumPMF returns Σ_{n=0..top} pmf(n).
func sumPMF(pmf func(int) float64, top int) float64 {
	var s float64
	for n := 0; n <= top; n++ {
		s += pmf(n)
	}
	return s
}

func TestMMcValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		q        MMc
		unstable bool
		nerrs    int
	}{
		{"saturated", MMc{Lambda: 10, Mu: 1, C: 10}, true, 1},
		{"overloaded", MMc{Lambda: 2, Mu: 1, C: 1}, true, 1},
		{"zero value", MMc{}, false, 2},
		{"all bad", MMc{Lambda: -1, Mu: math.NaN(), C: 0}, false, 3},
		{"infinite rate", MMc{Lambda: math.Inf(1), Mu: 1, C: 1}, false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.q.Validate()
			if err == nil {
				t.Fatal("Validate() = nil, want an error")
			}
			if got := errors.Is(err, ErrUnstable); got != tc.unstable {
				t.Errorf("errors.Is(%v, ErrUnstable) = %v, want %v", err, got, tc.unstable)
			}
			if n := countErrors(err); n != tc.nerrs {
				t.Errorf("Validate() reported %d problems, want %d: %v", n, tc.nerrs, err)
			}
			for name, v := range map[string]float64{
				"PWait": tc.q.PWait(), "Lq": tc.q.Lq(), "Wq": tc.q.Wq(), "L": tc.q.L(),
				"W": tc.q.W(), "PWaitLonger": tc.q.PWaitLonger(1), "WaitQuantile": tc.q.WaitQuantile(0.5),
				"PMF": tc.q.PMF(0),
			} {
				if !math.IsNaN(v) {
					t.Errorf("%s = %g, want NaN", name, v)
				}
			}
		})
	}
}

// countErrors returns the number of errors joined in err.
func countErrors(err error) int {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return len(j.Unwrap())
	}
	if err == nil {
		return 0
	}
	return 1
}

func TestMMcc(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		s    MMcc
	}{
		{"c=50 a=45", MMcc{Lambda: 45, Mu: 1, C: 50}},
		{"beds", MMcc{Lambda: 4, Mu: 1.0 / 5, C: 8}},
		{"light", MMcc{Lambda: 0.1, Mu: 1, C: 300}},
		{"heavy", MMcc{Lambda: 1000, Mu: 1, C: 10}},
		{"no servers", MMcc{Lambda: 1, Mu: 1, C: 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := tc.s
			if err := s.Validate(); err != nil {
				t.Fatal(err)
			}
			b := s.Blocking()
			checkClose(t, "Blocking", b, ErlangB(s.C, s.Lambda/s.Mu), 0)
			// By PASTA the blocking probability is P(all busy).
			checkClose(t, "PMF(C)", s.PMF(s.C), b, 1e-12)
			checkClose(t, "Σ PMF", sumPMF(s.PMF, s.C), 1, 1e-12)
			var mean float64
			for n := 0; n <= s.C; n++ {
				mean += float64(n) * s.PMF(n)
			}
			checkClose(t, "MeanOccupancy", s.MeanOccupancy(), mean, 1e-12)
			// Little's law on the servers: occupancy = throughput / μ.
			checkClose(t, "Throughput/μ", s.Throughput()/s.Mu, s.MeanOccupancy(), 1e-12)
			if p := s.PMF(s.C + 1); p != 0 {
				t.Errorf("PMF(C+1) = %g, want 0", p)
			}
		})
	}
	if err := (MMcc{Lambda: -1, Mu: 0, C: -1}).Validate(); countErrors(err) != 3 {
		t.Errorf("Validate() = %v, want 3 problems", err)
	}
	if v := (MMcc{Mu: -1}).Blocking(); !math.IsNaN(v) {
		t.Errorf("invalid Blocking() = %g, want NaN", v)
	}
}

func TestMGInf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		s    MGInf
		load float64
	}{
		{"stage 2", MGInf{Lambda: 1.2, MeanService: 5}, 6},
		{"light", MGInf{Lambda: 0.01, MeanService: 3}, 0.03},
		{"large", MGInf{Lambda: 100, MeanService: 25}, 2500},
		{"zero value", MGInf{}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := tc.s
			checkClose(t, "Mean", s.Mean(), tc.load, 1e-15)
			checkClose(t, "Variance", s.Variance(), tc.load, 1e-15)
			// Sum the PMF far beyond the mean: 20 standard deviations plus
			// 50 leaves a Poisson tail below 1e-20.
			top := int(tc.load + 20*math.Sqrt(tc.load) + 50)
			var sum, mean, m2 float64
			for n := 0; n <= top; n++ {
				p := s.PMF(n)
				sum += p
				mean += float64(n) * p
				d := float64(n) - tc.load // centred, to avoid cancellation
				m2 += d * d * p
			}
			checkClose(t, "Σ PMF", sum, 1, 1e-12)
			checkClose(t, "Σ n PMF", mean, tc.load, 1e-11)
			checkClose(t, "variance from PMF", m2, tc.load, 1e-10)
			checkClose(t, "CDF(mean)", s.CDF(int(tc.load)), sumPMF(s.PMF, int(tc.load)), 1e-12)
			for _, p := range []float64{0, 0.025, 0.5, 0.9, 0.975, 0.999} {
				n := s.Quantile(p)
				if s.CDF(n) < p || (n > 0 && s.CDF(n-1) >= p) {
					t.Errorf("Quantile(%g) = %d: CDF(n−1) = %g, CDF(n) = %g", p, n, s.CDF(n-1), s.CDF(n))
				}
			}
		})
	}
	// A Poisson with mean 6: P(0) = e⁻⁶, P(6) = e⁻⁶ 6⁶/6!.
	s := MGInf{Lambda: 1.2, MeanService: 5}
	checkClose(t, "PMF(0)", s.PMF(0), math.Exp(-6), 1e-15)
	checkClose(t, "PMF(6)", s.PMF(6), math.Exp(-6)*46656/720, 1e-14)
	if q := s.Quantile(1); q != -1 {
		t.Errorf("Quantile(1) = %d, want −1", q)
	}
	if err := (MGInf{Lambda: -1, MeanService: math.Inf(1)}).Validate(); countErrors(err) != 2 {
		t.Errorf("Validate() = %v, want 2 problems", err)
	}
}
