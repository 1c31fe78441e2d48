package validation

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// birthDeath returns the generator of the birth-death chain on 0, …, n−1
// with birth rate up(k) from k to k+1 and death rate down(k) from k to k−1.
func birthDeath(t *testing.T, n int, up, down func(k int) float64) *mat.Dense {
	t.Helper()
	g := Generator{States: n}
	for k := range n {
		if k+1 < n {
			g.Add(k, k+1, up(k))
		}
		if k > 0 {
			g.Add(k, k-1, down(k))
		}
	}
	q, err := g.Dense()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// checkDist fails unless got and want have the same length and agree
// entry by entry within tol.
func checkDist(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len = %d, want %d", name, len(got), len(want))
	}
	for i := range got {
		if !(math.Abs(got[i]-want[i]) <= tol) {
			t.Errorf("%s[%d] = %.15g, want %.15g (tolerance %g)", name, i, got[i], want[i], tol)
		}
	}
}

func TestStationary(t *testing.T) {
	t.Parallel()
	// Every case is a small, well-conditioned chain, so LU leaves errors of
	// a few ulps; 1e-12 leaves room for the closed forms' own rounding.
	const tol = 1e-12
	for _, tc := range []struct {
		name string
		q    func(t *testing.T) *mat.Dense
		want []float64
	}{
		{
			// Two states, 0→1 at λ = 0.3 and 1→0 at μ = 2:
			// π = (μ, λ)/(λ+μ).
			name: "two-state",
			q: func(t *testing.T) *mat.Dense {
				return mat.NewDense(2, 2, []float64{-0.3, 0.3, 2, -2})
			},
			want: []float64{2 / 2.3, 0.3 / 2.3},
		},
		{
			// M/M/1/K with K = 10, λ = 0.8, μ = 1 (Kleinrock 1975, ch. 3):
			// πₙ = (1−ρ) ρⁿ / (1 − ρ^{K+1}).
			name: "M/M/1/10",
			q: func(t *testing.T) *mat.Dense {
				return birthDeath(t, 11, func(int) float64 { return 0.8 }, func(int) float64 { return 1 })
			},
			want: mm1k(10, 0.8),
		},
		{
			// An overloaded M/M/1/K (ρ = 1.5) is still a finite chain.
			name: "M/M/1/6 overloaded",
			q: func(t *testing.T) *mat.Dense {
				return birthDeath(t, 7, func(int) float64 { return 3 }, func(int) float64 { return 2 })
			},
			want: mm1k(6, 1.5),
		},
		{
			// At ρ = 1 the M/M/1/K distribution is uniform.
			name: "M/M/1/4 critical",
			q: func(t *testing.T) *mat.Dense {
				return birthDeath(t, 5, func(int) float64 { return 1 }, func(int) float64 { return 1 })
			},
			want: []float64{0.2, 0.2, 0.2, 0.2, 0.2},
		},
		{
			// M/M/c/c with c = 8, λ = 1.2, μ = 0.2 (a = 6 erlangs): the
			// truncated Poisson distribution of MMcc.PMF, whose last entry
			// is Erlang B.
			name: "M/M/8/8",
			q: func(t *testing.T) *mat.Dense {
				return birthDeath(t, 9, func(int) float64 { return 1.2 }, func(k int) float64 { return 0.2 * float64(k) })
			},
			want: func() []float64 {
				s := MMcc{Lambda: 1.2, Mu: 0.2, C: 8}
				p := make([]float64, 9)
				for n := range p {
					p[n] = s.PMF(n)
				}
				return p
			}(),
		},
		{
			// State 0 is transient (0→1 only); states 1 and 2 swap at rates
			// 1 and 3, so π = (0, 3/4, 1/4).
			name: "transient state",
			q: func(t *testing.T) *mat.Dense {
				return mat.NewDense(3, 3, []float64{-5, 5, 0, 0, -1, 1, 0, 3, -3})
			},
			want: []float64{0, 0.75, 0.25},
		},
		{
			name: "one state",
			q:    func(t *testing.T) *mat.Dense { return mat.NewDense(1, 1, []float64{0}) },
			want: []float64{1},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pi, err := Stationary(tc.q(t))
			if err != nil {
				t.Fatal(err)
			}
			checkDist(t, "π", pi, tc.want, tol)
		})
	}

	// M/M/c/c: the probability that all servers are busy is Erlang B.
	pi, err := Stationary(birthDeath(t, 51, func(int) float64 { return 45 }, func(k int) float64 { return float64(k) }))
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "π(50) of M/M/50/50", pi[50], ErlangB(50, 45), 1e-12)
}

// mm1k returns the M/M/1/K distribution (1−ρ) ρⁿ / (1 − ρ^{K+1}),
// n = 0, …, K.
func mm1k(k int, rho float64) []float64 {
	p := make([]float64, k+1)
	for n := range p {
		p[n] = (1 - rho) * math.Pow(rho, float64(n)) / (1 - math.Pow(rho, float64(k+1)))
	}
	return p
}

func TestStationaryErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		q    *mat.Dense
	}{
		{"not square", mat.NewDense(2, 3, []float64{-1, 1, 0, 1, -1, 0})},
		{"row sum", mat.NewDense(2, 2, []float64{-1, 1, 1, -1.001})},
		{"negative rate", mat.NewDense(2, 2, []float64{1, -1, 1, -1})},
		{"NaN", mat.NewDense(2, 2, []float64{math.NaN(), 1, 1, -1})},
		// Two absorbing states: two closed classes, no unique π.
		{"reducible", mat.NewDense(3, 3, []float64{0, 0, 0, 1, -2, 1, 0, 0, 0})},
		// Two disjoint pairs.
		{"disconnected", mat.NewDense(4, 4, []float64{-1, 1, 0, 0, 1, -1, 0, 0, 0, 0, -2, 2, 0, 0, 2, -2})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if pi, err := Stationary(tc.q); err == nil {
				t.Errorf("Stationary() = %v, want an error", pi)
			}
		})
	}
}

func TestGenerator(t *testing.T) {
	t.Parallel()
	g := Generator{States: 3}
	g.Add(0, 1, 1)
	g.Add(0, 1, 0.5) // rates add up
	g.Add(1, 2, 2)
	g.Add(2, 0, 3)
	g.Add(2, 2, 7) // a self-loop changes nothing
	g.Add(1, 0, 0) // nor does a zero rate
	q, err := g.Dense()
	if err != nil {
		t.Fatal(err)
	}
	want := mat.NewDense(3, 3, []float64{-1.5, 1.5, 0, 0, -2, 2, 3, 0, -3})
	if !mat.Equal(q, want) {
		t.Errorf("Dense() =\n%v\nwant\n%v", mat.Formatted(q), mat.Formatted(want))
	}
	// A cycle: π is proportional to the mean time in each state.
	pi, err := g.Stationary()
	if err != nil {
		t.Fatal(err)
	}
	sum := 1/1.5 + 1.0/2 + 1.0/3
	checkDist(t, "π", pi, []float64{1 / 1.5 / sum, 0.5 / sum, 1.0 / 3 / sum}, 1e-14)

	for _, tc := range []struct {
		name  string
		g     func() *Generator
		nerrs int
	}{
		{"zero value", func() *Generator { return &Generator{} }, 1},
		{"out of range", func() *Generator {
			g := &Generator{States: 2}
			g.Add(0, 2, 1)
			g.Add(-1, 0, 1)
			return g
		}, 2},
		{"bad rates", func() *Generator {
			g := &Generator{States: 2}
			g.Add(0, 1, -1)
			g.Add(1, 0, math.NaN())
			g.Add(1, 0, math.Inf(1))
			return g
		}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q, err := tc.g().Dense()
			if err == nil {
				t.Fatalf("Dense() = %v, want an error", q)
			}
			if n := countErrors(err); n != tc.nerrs {
				t.Errorf("Dense() reported %d problems, want %d: %v", n, tc.nerrs, err)
			}
		})
	}
}
