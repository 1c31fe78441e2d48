package validation

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// referenceTandem is the tandem network the simulator is tested against: 20
// stage-1 beds, 8 stage-2 beds, 4 arrivals a day, mean stays of 4 and 5
// days, and 30% of patients moving on. Stage 1 alone offers 16 erlangs on
// 20 beds; stage 2 is offered λ P s₂ = 6 erlangs on 8 beds, so blocking
// matters.
var referenceTandem = Tandem{Lambda: 4, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 20, C2: 8}

// truncatedTandem solves t by brute force: it lists every state (N, b, n₂)
// with N <= maxN, writes down the transitions exactly as the model states
// them, without arrivals at N = maxN, and finds the stationary distribution
// with solve. It shares no code with Tandem.Solve.
func truncatedTandem(t *testing.T, td Tandem, maxN int, solve chainSolver) TandemResult {
	t.Helper()
	type state struct{ n, b, n2 int }
	index := map[state]int{}
	var states []state
	for n := 0; n <= maxN; n++ {
		for n2 := 0; n2 <= td.C2; n2++ {
			top := 0
			if n2 == td.C2 {
				top = min(n, td.C1)
			}
			for b := 0; b <= top; b++ {
				index[state{n, b, n2}] = len(states)
				states = append(states, state{n, b, n2})
			}
		}
	}
	var from, to []int
	var rates []float64
	add := func(i int, s state, rate float64) {
		j, ok := index[s]
		if !ok {
			t.Fatalf("transition from %v to a missing state %v", states[i], s)
		}
		if rate > 0 {
			from, to, rates = append(from, i), append(to, j), append(rates, rate)
		}
	}
	for i, s := range states {
		if s.n < maxN {
			add(i, state{s.n + 1, s.b, s.n2}, td.Lambda)
		}
		if inService := min(s.n, td.C1) - s.b; inService > 0 {
			r := float64(inService) / td.MeanStay1
			add(i, state{s.n - 1, s.b, s.n2}, r*(1-td.P))
			if s.n2 < td.C2 {
				add(i, state{s.n - 1, s.b, s.n2 + 1}, r*td.P)
			} else {
				add(i, state{s.n, s.b + 1, s.n2}, r*td.P)
			}
		}
		if s.n2 > 0 {
			r := float64(s.n2) / td.MeanStay2
			if s.b > 0 {
				add(i, state{s.n - 1, s.b - 1, s.n2}, r)
			} else {
				add(i, state{s.n, s.b, s.n2 - 1}, r)
			}
		}
	}
	pi := solve(t, len(states), from, to, rates)

	res := TandemResult{
		Stage1Dist:     make([]float64, maxN+1),
		Occupancy1Dist: make([]float64, td.C1+1),
		BlockedDist:    make([]float64, td.C1+1),
		Occupancy2Dist: make([]float64, td.C2+1),
	}
	var completions, blockedCompletions float64
	for i, s := range states {
		p := pi[i]
		k := min(s.n, td.C1)
		res.Stage1Dist[s.n] += p
		res.Occupancy1Dist[k] += p
		res.BlockedDist[s.b] += p
		res.Occupancy2Dist[s.n2] += p
		res.Occupancy1 += float64(k) * p
		res.Queue1 += float64(s.n-k) * p
		res.Blocked += float64(s.b) * p
		res.Occupancy2 += float64(s.n2) * p
		if s.n >= td.C1 {
			res.PWait1 += p
		}
		completions += float64(k-s.b) * p
		if s.n2 == td.C2 {
			blockedCompletions += float64(k-s.b) * p
		}
	}
	res.PBlocked = blockedCompletions / completions
	return res
}

// A chainSolver returns the stationary distribution of the chain on states
// 0, …, n−1 with transitions from[k] → to[k] at rate rates[k].
type chainSolver func(t *testing.T, n int, from, to []int, rates []float64) []float64

// viaStationary solves a chain with Generator and Stationary: dense LU,
// O(n³), for up to a few thousand states.
func viaStationary(t *testing.T, n int, from, to []int, rates []float64) []float64 {
	t.Helper()
	g := Generator{States: n}
	for k := range rates {
		g.Add(from[k], to[k], rates[k])
	}
	pi, err := g.Stationary()
	if err != nil {
		t.Fatal(err)
	}
	return pi
}

// viaGTH solves a chain by the Grassmann–Taksar–Heyman algorithm (W. K.
// Grassmann, M. I. Taksar and D. P. Heyman, Regenerative analysis and
// steady state distributions for Markov chains, Operations Research 33,
// 1985): state reduction without subtractions, so accurate to a few ulps
// whatever the conditioning. States are eliminated from the last, which
// keeps fill-in inside the band |i − j| <= w of the transitions; the cost is
// O(n w²), so tens of thousands of states with a narrow band are cheap.
func viaGTH(t *testing.T, n int, from, to []int, rates []float64) []float64 {
	t.Helper()
	w := 0
	for k := range rates {
		w = max(w, from[k]-to[k], to[k]-from[k])
	}
	width := 2*w + 1
	q := make([]float64, n*width) // q[i*width+j−i+w] = rate i → j
	at := func(i, j int) *float64 { return &q[i*width+j-i+w] }
	for k, r := range rates {
		if from[k] != to[k] {
			*at(from[k], to[k]) += r
		}
	}
	for k := n - 1; k > 0; k-- {
		lo := max(k-w, 0)
		var s float64
		for j := lo; j < k; j++ {
			s += *at(k, j)
		}
		if s <= 0 {
			t.Fatalf("GTH: state %d has no path to a lower state", k)
		}
		for i := lo; i < k; i++ {
			f := *at(i, k) / s
			if f == 0 {
				continue
			}
			for j := lo; j < k; j++ {
				if j != i {
					*at(i, j) += f * *at(k, j)
				}
			}
		}
		*at(k, k) = s // keep s_k for the back substitution
	}
	pi := make([]float64, n)
	pi[0] = 1
	sum := 1.0
	for k := 1; k < n; k++ {
		var x float64
		for i := max(k-w, 0); i < k; i++ {
			x += pi[i] * *at(i, k)
		}
		pi[k] = x / *at(k, k)
		sum += pi[k]
	}
	for k := range pi {
		pi[k] /= sum
	}
	return pi
}

// checkTandem fails unless got and want agree within tol in every mean and
// every distribution entry they both have.
func checkTandem(t *testing.T, got, want TandemResult, tol float64) {
	t.Helper()
	checkClose(t, "Occupancy1", got.Occupancy1, want.Occupancy1, tol)
	checkClose(t, "Queue1", got.Queue1, want.Queue1, tol)
	checkClose(t, "PWait1", got.PWait1, want.PWait1, tol)
	checkClose(t, "Blocked", got.Blocked, want.Blocked, tol)
	checkClose(t, "Occupancy2", got.Occupancy2, want.Occupancy2, tol)
	checkClose(t, "PBlocked", got.PBlocked, want.PBlocked, tol)
	checkDist(t, "Occupancy1Dist", got.Occupancy1Dist, want.Occupancy1Dist, tol)
	checkDist(t, "BlockedDist", got.BlockedDist, want.BlockedDist, tol)
	checkDist(t, "Occupancy2Dist", got.Occupancy2Dist, want.Occupancy2Dist, tol)
	n := min(len(got.Stage1Dist), len(want.Stage1Dist))
	checkDist(t, "Stage1Dist", got.Stage1Dist[:n], want.Stage1Dist[:n], tol)
}

// checkConsistent checks identities that every TandemResult must satisfy.
func checkConsistent(t *testing.T, td Tandem, r TandemResult) {
	t.Helper()
	// Sums of probabilities carry the rounding of a few hundred terms.
	const tol = 1e-10
	for name, d := range map[string][]float64{
		"Occupancy1Dist": r.Occupancy1Dist, "BlockedDist": r.BlockedDist, "Occupancy2Dist": r.Occupancy2Dist,
	} {
		var sum float64
		for _, p := range d {
			if p < 0 {
				t.Errorf("%s has a negative entry %g", name, p)
			}
			sum += p
		}
		checkClose(t, "Σ "+name, sum, 1, tol)
	}
	// Stage1Dist is cut where the tail is below 1e-12.
	var sum, queue float64
	for n, p := range r.Stage1Dist {
		sum += p
		queue += float64(max(n-td.C1, 0)) * p
	}
	checkClose(t, "Σ Stage1Dist", sum, 1, 1e-11)
	checkClose(t, "Queue1 from Stage1Dist", queue, r.Queue1, 1e-9)
	checkClose(t, "PWait1", r.PWait1, r.Occupancy1Dist[td.C1], tol)

	// Flow balance. Beds in service at stage 1 = λ s₁ (Little's law on
	// service), so Occupancy1 = λ s₁ + Blocked; and the flow into stage 2,
	// E[n₂]/s₂, equals λ P.
	checkClose(t, "Occupancy1 − Blocked", r.Occupancy1-r.Blocked, td.Lambda*td.MeanStay1, 1e-9)
	checkClose(t, "E[n₂]/s₂", r.Occupancy2/td.MeanStay2, td.Lambda*td.P, 1e-9)
	checkClose(t, "Stay1", r.Stay1, td.MeanStay1+td.P*r.BlockedTime, 1e-9)
	checkClose(t, "Wait1", r.Wait1*td.Lambda, r.Queue1, 1e-12)
}

func TestTandemTruncated(t *testing.T) {
	t.Parallel()
	// A small case and variations, with up to about 60 000 states once
	// truncated. The truncated tail is below 1e-12 η¹⁰⁰ for the decay rate η
	// of the queue, so the two solutions differ only by rounding: 1e-9 is
	// generous.
	// The small cases use Stationary; the larger ones GTH, which is much
	// faster there (and checked against Stationary in TestTandemReference).
	for _, tc := range []struct {
		name  string
		td    Tandem
		solve chainSolver
		long  bool // skipped with -short
	}{
		{"small", Tandem{Lambda: 0.5, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 3, C2: 2}, viaStationary, false},
		{"one bed each", Tandem{Lambda: 0.2, MeanStay1: 2, MeanStay2: 4, P: 0.5, C1: 1, C2: 1}, viaStationary, false},
		{"all move on", Tandem{Lambda: 0.5, MeanStay1: 4, MeanStay2: 3, P: 1, C1: 3, C2: 2}, viaGTH, false},
		{"heavy blocking", Tandem{Lambda: 0.6, MeanStay1: 2, MeanStay2: 10, P: 0.4, C1: 4, C2: 3}, viaGTH, false},
		// Stage 2 offered 7.5 erlangs on 8 beds: 80% of movers are
		// blocked and the queue's tail needs about 1 400 levels.
		{"stage 2 near saturation", Tandem{Lambda: 5, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 30, C2: 8}, viaGTH, false},
		// A large hospital: P(N = 0) ≈ 1e-35 tests the boundary's stability.
		{"large", Tandem{Lambda: 20, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 100, C2: 40}, viaGTH, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.long && testing.Short() {
				t.Skip("about 2 s of brute force; skipped with -short")
			}
			got, err := tc.td.Solve()
			if err != nil {
				t.Fatal(err)
			}
			// Cut the brute-force chain 100 levels beyond the level where
			// Solve's tail falls below 1e-12, and at least at 200.
			want := truncatedTandem(t, tc.td, max(200, len(got.Stage1Dist)+100), tc.solve)
			checkTandem(t, got, want, 1e-9)
			checkConsistent(t, tc.td, got)
			// The boundary levels are accurate relative to their own size,
			// however rare (P(N = 0) is about 1e-35 in the large case).
			for n, p := range got.Stage1Dist[:tc.td.C1+1] {
				checkClose(t, fmt.Sprintf("Stage1Dist[%d]/want", n), p/want.Stage1Dist[n], 1, 1e-9)
			}
		})
	}
}

func TestTandemNoneMoveOn(t *testing.T) {
	t.Parallel()
	// With P = 0 stage 1 is an M/M/C1 queue and stage 2 stays empty.
	for _, td := range []Tandem{
		{Lambda: 0.5, MeanStay1: 4, MeanStay2: 5, C1: 3, C2: 2},
		{Lambda: 4, MeanStay1: 4, MeanStay2: 5, C1: 20, C2: 8},
		{Lambda: 0.95, MeanStay1: 1, MeanStay2: 5, C1: 1, C2: 1}, // ρ = 0.95
	} {
		t.Run(fmt.Sprintf("C1=%d,rho=%g", td.C1, td.Lambda*td.MeanStay1/float64(td.C1)), func(t *testing.T) {
			t.Parallel()
			r, err := td.Solve()
			if err != nil {
				t.Fatal(err)
			}
			q := MMc{Lambda: td.Lambda, Mu: 1 / td.MeanStay1, C: td.C1}
			const tol = 1e-10 // a few hundred roundings in the tail sums
			checkClose(t, "Queue1", r.Queue1, q.Lq(), tol)
			checkClose(t, "Wait1", r.Wait1, q.Wq(), tol)
			checkClose(t, "Occupancy1 + Queue1", r.Occupancy1+r.Queue1, q.L(), tol)
			checkClose(t, "PWait1", r.PWait1, q.PWait(), tol)
			checkClose(t, "Blocked", r.Blocked, 0, tol)
			checkClose(t, "Occupancy2", r.Occupancy2, 0, tol)
			checkClose(t, "BlockedTime", r.BlockedTime, 0, 0)
			for n, p := range r.Stage1Dist {
				checkClose(t, "Stage1Dist", p, q.PMF(n), tol)
			}
			checkConsistent(t, td, r)
		})
	}
}

func TestTandemNoBlocking(t *testing.T) {
	t.Parallel()
	// With 200 stage-2 beds for a load of at most 6 erlangs, P(n₂ = 200) is
	// below 1e-150: stage 1 is an M/M/C1 queue and, by Burke's theorem, its
	// output is Poisson, so stage 2 is M/M/∞ with load λ P s₂.
	for _, td := range []Tandem{
		{Lambda: 0.5, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 3, C2: 200},
		{Lambda: 4, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 20, C2: 200},
	} {
		t.Run(fmt.Sprintf("C1=%d", td.C1), func(t *testing.T) {
			t.Parallel()
			r, err := td.Solve()
			if err != nil {
				t.Fatal(err)
			}
			const tol = 1e-10
			q := MMc{Lambda: td.Lambda, Mu: 1 / td.MeanStay1, C: td.C1}
			checkClose(t, "Queue1", r.Queue1, q.Lq(), tol)
			checkClose(t, "Wait1", r.Wait1, q.Wq(), tol)
			checkClose(t, "Occupancy1", r.Occupancy1, q.Load(), tol)
			checkClose(t, "Blocked", r.Blocked, 0, tol)
			checkClose(t, "PBlocked", r.PBlocked, 0, tol)
			s := MGInf{Lambda: td.Lambda * td.P, MeanService: td.MeanStay2}
			checkClose(t, "Occupancy2", r.Occupancy2, s.Mean(), tol)
			for n, p := range r.Occupancy2Dist {
				checkClose(t, "Occupancy2Dist", p, s.PMF(n), tol)
			}
			checkConsistent(t, td, r)
		})
	}
}

// TestTandemReference solves the reference case and checks it against
// the brute-force chain. How long Solve takes is not a test's business,
// whose time depends on the machine and its load:
// BenchmarkTandemSolve/reference measures it, in solves/s.
func TestTandemReference(t *testing.T) {
	t.Parallel()
	r, err := referenceTandem.Solve()
	if err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, referenceTandem, r)
	t.Logf("reference case %+v:", referenceTandem)
	t.Logf("  Occupancy1  %.10f beds", r.Occupancy1)
	t.Logf("  Queue1      %.10f patients", r.Queue1)
	t.Logf("  Wait1       %.10f days", r.Wait1)
	t.Logf("  PWait1      %.10f", r.PWait1)
	t.Logf("  Stay1       %.10f days", r.Stay1)
	t.Logf("  Blocked     %.10f patients", r.Blocked)
	t.Logf("  BlockedTime %.10f days per mover", r.BlockedTime)
	t.Logf("  Occupancy2  %.10f beds", r.Occupancy2)
	t.Logf("  PBlocked    %.10f", r.PBlocked)
	t.Logf("  Occupancy1Dist %.6f", r.Occupancy1Dist)
	t.Logf("  BlockedDist    %.6f", r.BlockedDist)
	t.Logf("  Occupancy2Dist %.6f", r.Occupancy2Dist)
	t.Logf("  len(Stage1Dist) = %d", len(r.Stage1Dist))

	// Blocking raises stage-1 occupancy above the M/M/20 figure of 16 beds,
	// and stage 2 is busier than Erlang's loss system would have it, since
	// blocked patients wait instead of being lost.
	if r.Occupancy1 <= 16 || r.Queue1 <= (MMc{Lambda: 4, Mu: 0.25, C: 20}).Lq() {
		t.Errorf("blocking should raise stage-1 occupancy and queue: %+v", r)
	}
	if loss := (MMcc{Lambda: 1.2, Mu: 0.2, C: 8}).MeanOccupancy(); r.Occupancy2 <= loss {
		t.Errorf("Occupancy2 = %g, want more than the loss system's %g", r.Occupancy2, loss)
	}

	// Against the brute-force chain (about 12 000 states, solved by GTH in
	// band form), cut 100 levels beyond where Solve's tail falls below 1e-12.
	want := truncatedTandem(t, referenceTandem, len(r.Stage1Dist)+100, viaGTH)
	checkTandem(t, r, want, 1e-9)

	// The small case once more by GTH, to check the two brute-force solvers
	// against each other.
	small := Tandem{Lambda: 0.5, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 3, C2: 2}
	checkTandem(t, truncatedTandem(t, small, 200, viaGTH), truncatedTandem(t, small, 200, viaStationary), 1e-12)
}

func TestTandemErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		td       Tandem
		unstable bool
		nerrs    int
	}{
		// 20 beds of 4-day stays discharge at most 5 a day.
		{"stage 1 overloaded", Tandem{Lambda: 5.5, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 20, C2: 8}, true, 1},
		// Everyone moves on to one bed with a 100-day stay.
		{"stage 2 bottleneck", Tandem{Lambda: 0.5, MeanStay1: 1, MeanStay2: 100, P: 1, C1: 3, C2: 1}, true, 1},
		{"M/M/1 saturated", Tandem{Lambda: 1, MeanStay1: 1, MeanStay2: 1, C1: 1, C2: 1}, true, 1},
		{"zero value", Tandem{}, false, 5},
		{"bad P", Tandem{Lambda: 1, MeanStay1: 1, MeanStay2: 1, P: 1.5, C1: 2, C2: 1}, false, 1},
		{"NaN", Tandem{Lambda: math.NaN(), MeanStay1: 1, MeanStay2: 1, P: math.NaN(), C1: 2, C2: 1}, false, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := tc.td.Solve()
			if err == nil {
				t.Fatalf("Solve() = %+v, want an error", r)
			}
			if got := errors.Is(err, ErrUnstable); got != tc.unstable {
				t.Errorf("errors.Is(%v, ErrUnstable) = %v, want %v", err, got, tc.unstable)
			}
			if n := countErrors(err); n != tc.nerrs {
				t.Errorf("Solve() reported %d problems, want %d: %v", n, tc.nerrs, err)
			}
		})
	}
}

func BenchmarkTandemSolve(b *testing.B) {
	for _, bc := range []struct {
		name string
		td   Tandem
	}{
		{"reference", referenceTandem},
		{"C1=100,C2=40", Tandem{Lambda: 20, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 100, C2: 40}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.td.Solve(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "solves/s")
		})
	}
}
