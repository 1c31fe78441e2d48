package validation

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Tandem is a two-stage bed network with blocking after service, the
// smallest model of a delayed transfer of care: patients arrive as a Poisson
// process at rate Lambda and wait in an unbounded FIFO queue for one of C1
// stage-1 beds (say acute beds). A stage-1 stay is exponential with mean
// MeanStay1. At its end the patient leaves with probability 1 − P; with
// probability P they move on to stage 2 (say intermediate care), which has C2
// beds and exponential stays with mean MeanStay2. If every stage-2 bed is
// occupied, the patient stays blocked in their stage-1 bed, holding it
// without being in service, until a stage-2 bed frees; blocked patients move
// on in FIFO order.
//
// The state is (N, b, n₂): N patients at stage 1 including the queue, b of
// them blocked (b > 0 only when n₂ = C2), and n₂ at stage 2. Stage 1 has
// min(N, C1) − b patients in service. Its transitions, with s₁ = MeanStay1
// and s₂ = MeanStay2, are
//
//	arrival                       rate λ                  N → N+1
//	stage-1 end, patient leaves   (min(N,C1)−b)(1−P)/s₁   N → N−1
//	stage-1 end, moves, n₂ < C2   (min(N,C1)−b) P/s₁      (N−1, b, n₂+1)
//	stage-1 end, moves, n₂ = C2   (min(N,C1)−b) P/s₁      (N, b+1, n₂)
//	stage-2 end, b > 0            n₂/s₂                   (N−1, b−1, n₂)
//	stage-2 end, b = 0            n₂/s₂                   (N, b, n₂−1)
//
// [Tandem.Solve] finds its stationary distribution exactly. The zero value is
// not a valid network; [Tandem.Validate] says why. A Tandem is a plain value
// and is safe for concurrent use.
type Tandem struct {
	Lambda    float64 // arrival rate at stage 1, patients per day; > 0
	MeanStay1 float64 // mean stage-1 stay in service, excluding blocked time, days; > 0
	MeanStay2 float64 // mean stage-2 stay, days; > 0
	P         float64 // probability that a patient moves on to stage 2; in [0, 1]
	C1        int     // stage-1 beds; >= 1
	C2        int     // stage-2 beds; >= 1
}

// TandemResult holds the stationary measures of a [Tandem]. Times are in the
// unit of the Tandem's stays (days in caresim), rates per that unit.
type TandemResult struct {
	// Occupancy1 is the mean number of occupied stage-1 beds, including
	// beds held by blocked patients: E[min(N, C1)].
	Occupancy1 float64
	// Queue1 is the mean number waiting for a stage-1 bed: E[(N − C1)⁺].
	Queue1 float64
	// Wait1 is the mean wait for a stage-1 bed, in days: Queue1/λ
	// (Little's law).
	Wait1 float64
	// PWait1 is the probability that an arrival has to wait for a stage-1
	// bed, P(N >= C1), by PASTA.
	PWait1 float64
	// Stay1 is the mean time a patient holds a stage-1 bed, in days: the
	// stay in service plus any blocked time, Occupancy1/λ (Little's law),
	// which equals MeanStay1 + P·BlockedTime.
	Stay1 float64
	// Blocked is the mean number of blocked patients, E[b].
	Blocked float64
	// BlockedTime is the mean time blocked per patient who moves to stage
	// 2, in days, counting those who are not blocked as zero:
	// E[b]/(λP) (Little's law). It is 0 when P = 0. The mean time blocked
	// of a patient who is blocked is BlockedTime/PBlocked.
	BlockedTime float64
	// Occupancy2 is the mean number of occupied stage-2 beds, E[n₂].
	Occupancy2 float64
	// PBlocked is the fraction of patients moving to stage 2 who find it
	// full and are blocked: the probability that n₂ = C2 at a stage-1
	// completion, weighting each state by its completion rate
	// (min(N, C1) − b)/s₁.
	PBlocked float64

	// Stage1Dist[n] is P(N = n), the distribution of the number at stage 1
	// including the queue, cut where the remaining tail is below 1e-12 (and
	// after at most 1<<20 entries).
	Stage1Dist []float64
	// Occupancy1Dist[k] is P(min(N, C1) = k), k = 0, …, C1.
	Occupancy1Dist []float64
	// BlockedDist[k] is P(b = k), k = 0, …, C1.
	BlockedDist []float64
	// Occupancy2Dist[k] is P(n₂ = k), k = 0, …, C2.
	Occupancy2Dist []float64
}

const (
	// tailTol is where TandemResult.Stage1Dist is cut.
	tailTol = 1e-12
	// maxStage1Dist bounds len(TandemResult.Stage1Dist) for queues so close
	// to saturation that the tail decays too slowly.
	maxStage1Dist = 1 << 20
	// residualTol bounds the relative residual of the rate matrix R,
	// ‖A0 + R A1 + R² A2‖∞ / ‖A1‖∞. Logarithmic reduction reaches about
	// 1e-15 on well-posed cases; a larger residual means R is not to be
	// trusted.
	residualTol = 1e-11
)

// Validate reports every parameter problem of t, joined, or nil. It does not
// check stability, which [Tandem.Solve] does.
func (t Tandem) Validate() error {
	var errs []error
	if !positive(t.Lambda) {
		errs = append(errs, paramErr("tandem", "Lambda", t.Lambda, "> 0 and finite"))
	}
	if !positive(t.MeanStay1) {
		errs = append(errs, paramErr("tandem", "MeanStay1", t.MeanStay1, "> 0 and finite"))
	}
	if !positive(t.MeanStay2) {
		errs = append(errs, paramErr("tandem", "MeanStay2", t.MeanStay2, "> 0 and finite"))
	}
	if !(t.P >= 0 && t.P <= 1) {
		errs = append(errs, paramErr("tandem", "P", t.P, "in [0, 1]"))
	}
	if t.C1 < 1 {
		errs = append(errs, paramErr("tandem", "C1", t.C1, ">= 1"))
	}
	if t.C2 < 1 {
		errs = append(errs, paramErr("tandem", "C2", t.C2, ">= 1"))
	}
	return errors.Join(errs...)
}

// Solve returns the exact stationary measures of t, or an error if t is
// invalid or unstable (the error then wraps [ErrUnstable]).
//
// # Method
//
// For N >= C1 the chain is a level-independent quasi-birth-death process
// with levels N and phases (b, n₂), m = C1 + C2 + 1 of them, with blocks A0
// (up a level: arrivals), A1 (within a level) and A2 (down a level). It is
// stable if and only if the mean drift is downwards,
//
//	α A0 𝟙 < α A2 𝟙,   where α (A0 + A1 + A2) = 0, α 𝟙 = 1
//
// (Neuts 1981, ch. 3; Latouche and Ramaswami 1999), and then, for N >= C1,
// its stationary vectors are matrix-geometric,
//
//	π_{N+1} = π_N R,
//
// where R is the minimal non-negative solution of A0 + R A1 + R² A2 = 0.
// Solve finds R by logarithmic reduction (G. Latouche and V. Ramaswami, A
// logarithmic reduction algorithm for quasi-birth-death processes, Journal
// of Applied Probability 30, 1993), which converges quadratically, and
// checks that the relative residual is below 1e-11. The boundary levels
// 0, …, C1, where the phase set grows with N (b <= N), are solved by linear
// level reduction (D. P. Gaver, P. A. Jacobs and G. Latouche, Finite
// birth-and-death models in randomly changing environments, Advances in
// Applied Probability 16, 1984), run from both ends towards the level
// k = min(C1, ⌊λ s₁⌋) near which the probabilities peak. Above k,
// π_{N+1} = π_N R_N with
//
//	R_N = A0 (−(A1_{N+1} + R_{N+1} A2_{N+2}))⁻¹,   R_{C1} = R;
//
// below k, π_{N−1} = π_N A2_N (−U_{N−1})⁻¹ with
//
//	U_0 = A1_0,   U_N = A1_N + A2_N (−U_{N−1})⁻¹ A0;
//
// and at level k, π_k (U_k + R_k A2_{k+1}) = 0 is solved up to a constant.
// Each recursion thus runs towards larger probabilities, where it damps
// rounding errors instead of amplifying them (a single recursion from C1
// down to 0 would amplify them by up to λ s₁/(N+1) per level and lose
// every probability smaller than about 1e-16). The π_N are normalised with
//
//	Σ_{N<C1} π_N 𝟙 + π_{C1} (I − R)⁻¹ 𝟙 = 1.
//
// Here A0, A1_N and A2_N are the up, local and down blocks of level N, cut
// to the phases that level has. Sums over the unbounded levels are closed
// forms: Σ_{N>=C1} π_N = π_{C1} (I − R)⁻¹ and Σ_{N>=C1} (N − C1) π_N =
// π_{C1} R (I − R)⁻². The means and probabilities agree to 1e-9 (absolute)
// with a brute-force solution of the chain truncated far out in the tail,
// and the probabilities P(N = n), n <= C1, to 1e-9 relative, however small
// (see the tests).
//
// Solve takes O(C1 m³) time and O(C1 m²) memory: one or two milliseconds
// for C1 = 20, C2 = 8, and about 0.15 s for C1 = 100, C2 = 40.
func (t Tandem) Solve() (TandemResult, error) {
	if err := t.Validate(); err != nil {
		return TandemResult{}, err
	}
	c1 := t.C1
	m := t.phases(c1)

	// The blocks of levels 0, …, C1+1; those of level C1+1 repeat above
	// (and level C1 shares A0 and A1).
	ups := make([]*mat.Dense, c1+2)
	locs := make([]*mat.Dense, c1+2)
	downs := make([]*mat.Dense, c1+2)
	for n := range ups {
		ups[n], locs[n], downs[n] = t.level(n)
	}
	a0, a1, a2 := ups[c1+1], locs[c1+1], downs[c1+1]
	var a mat.Dense
	a.Add(a0, a1)
	a.Add(&a, a2)
	alpha, err := Stationary(&a)
	if err != nil {
		return TandemResult{}, fmt.Errorf("validation: tandem: phase process: %w", err)
	}
	up, down := dotMulOnes(alpha, a0), dotMulOnes(alpha, a2)
	if up >= down {
		return TandemResult{}, fmt.Errorf("%w: tandem: arrival rate %g >= stage-1 discharge capacity %g per day", ErrUnstable, up, down)
	}

	r, err := rateMatrix(a0, a1, a2)
	if err != nil {
		return TandemResult{}, fmt.Errorf("validation: tandem: %w", err)
	}

	// Linear level reduction of the boundary, from both ends towards the
	// level k where stage-1 probabilities peak, so that each recursion runs
	// in its numerically stable direction (towards larger probabilities):
	// rs[n] = R_n for n = k, …, C1 above, and ss[n] = A2_n (−U_{n−1})⁻¹
	// for n = 1, …, k below.
	k := min(c1, int(t.Lambda*t.MeanStay1))
	rs := make([]*mat.Dense, c1+1)
	rs[c1] = r
	for n := c1 - 1; n >= k; n-- {
		var x, inv mat.Dense
		x.Mul(rs[n+1], downs[n+2]) // A2 when n+2 = C1+1
		x.Add(&x, locs[n+1])
		x.Scale(-1, &x)
		if err := inv.Inverse(&x); err != nil {
			return TandemResult{}, fmt.Errorf("validation: tandem: boundary level %d: %w", n+1, err)
		}
		rs[n] = new(mat.Dense)
		rs[n].Mul(ups[n], &inv)
	}
	ss := make([]*mat.Dense, k+1)
	u := mat.DenseCopyOf(locs[0]) // U_0
	for n := 1; n <= k; n++ {
		var inv mat.Dense
		inv.Scale(-1, u)
		if err := inv.Inverse(&inv); err != nil {
			return TandemResult{}, fmt.Errorf("validation: tandem: boundary level %d: %w", n-1, err)
		}
		ss[n] = new(mat.Dense)
		ss[n].Mul(downs[n], &inv)
		u = new(mat.Dense)
		u.Mul(ss[n], ups[n-1])
		u.Add(u, locs[n])
	}

	// Level k: π_k (U_k + R_k A2_{k+1}) = 0, the balance of the chain
	// censored to level k, solved up to a constant factor by replacing its
	// first equation with Σ π_k = 1.
	var kk mat.Dense
	kk.Mul(rs[k], downs[k+1])
	kk.Add(&kk, u)
	xk, err := solveBalance(&kk)
	if err != nil {
		return TandemResult{}, fmt.Errorf("validation: tandem: level %d: %w", k, err)
	}

	// Outwards from level k, π_{n+1} = π_n R_n and π_{n−1} = π_n S_n, then
	// normalise with the mass of all levels at and above C1,
	// π_{C1} (I − R)⁻¹ 𝟙.
	pis := make([][]float64, c1+1)
	pis[k] = xk
	for n := k + 1; n <= c1; n++ {
		pis[n] = vecMul(pis[n-1], rs[n-1])
	}
	for n := k - 1; n >= 0; n-- {
		pis[n] = vecMul(pis[n+1], ss[n+1])
	}
	var invIR mat.Dense
	invIR.Sub(identity(m), r)
	if err := invIR.Inverse(&invIR); err != nil {
		return TandemResult{}, fmt.Errorf("validation: tandem: I − R: %w", err)
	}
	w := mat.NewVecDense(m, nil)
	w.MulVec(&invIR, ones(m))
	total := floats.Dot(pis[c1], w.RawVector().Data)
	for _, p := range pis[:c1] {
		total += floats.Sum(p)
	}
	for n, p := range pis {
		floats.Scale(1/total, p)
		for j, v := range p {
			if v < -1e-12 {
				return TandemResult{}, fmt.Errorf("validation: tandem: π(%d, phase %d) = %g < 0", n, j, v)
			}
			p[j] = max(v, 0)
		}
	}

	return t.measures(pis, r, &invIR, w), nil
}

// measures computes the TandemResult from the boundary vectors pis[0..C1],
// the rate matrix r, (I − R)⁻¹ and w = (I − R)⁻¹ 𝟙.
func (t Tandem) measures(pis [][]float64, r, invIR *mat.Dense, w *mat.VecDense) TandemResult {
	c1, c2 := t.C1, t.C2
	tail := vecMul(pis[c1], invIR) // Σ_{N>=C1} π_N

	var res TandemResult
	res.Occupancy1Dist = make([]float64, c1+1)
	res.BlockedDist = make([]float64, c1+1)
	res.Occupancy2Dist = make([]float64, c2+1)
	var moveRate, blockedMoveRate float64 // per unit of 1/s₁
	add := func(n int, p []float64) {
		k := min(n, c1)
		for j, v := range p {
			b, n2 := t.phase(j)
			res.BlockedDist[b] += v
			res.Occupancy2Dist[n2] += v
			rate := float64(k-b) * v
			moveRate += rate
			if n2 == c2 {
				blockedMoveRate += rate
			}
		}
	}
	for n, p := range pis[:c1] {
		res.Occupancy1Dist[n] = floats.Sum(p)
		add(n, p)
	}
	res.Occupancy1Dist[c1] = floats.Sum(tail)
	add(c1, tail)

	for k, v := range res.Occupancy1Dist {
		res.Occupancy1 += float64(k) * v
	}
	for k, v := range res.BlockedDist {
		res.Blocked += float64(k) * v
	}
	for k, v := range res.Occupancy2Dist {
		res.Occupancy2 += float64(k) * v
	}
	res.PWait1 = res.Occupancy1Dist[c1]

	// Queue1 = π_{C1} R (I − R)⁻² 𝟙.
	var v mat.VecDense
	v.MulVec(invIR, w)
	v.MulVec(r, &v)
	res.Queue1 = floats.Dot(pis[c1], v.RawVector().Data)

	res.Wait1 = res.Queue1 / t.Lambda
	res.Stay1 = res.Occupancy1 / t.Lambda
	if t.P > 0 {
		res.BlockedTime = res.Blocked / (t.Lambda * t.P)
	}
	if moveRate > 0 {
		res.PBlocked = blockedMoveRate / moveRate
	}

	// Stage1Dist: levels below C1 from pis, then π_{N+1} = π_N R until the
	// tail beyond the last entry, π_{N+1} w, is negligible.
	for _, p := range pis {
		res.Stage1Dist = append(res.Stage1Dist, floats.Sum(p))
	}
	wd := w.RawVector().Data
	cur := pis[c1]
	for len(res.Stage1Dist) < maxStage1Dist {
		next := vecMul(cur, r)
		if floats.Dot(next, wd) < tailTol {
			break
		}
		res.Stage1Dist = append(res.Stage1Dist, floats.Sum(next))
		cur = next
	}
	return res
}

// phases returns the number of phases (b, n₂) possible at level N: n₂ < C2
// with b = 0, and n₂ = C2 with b = 0, …, min(N, C1).
func (t Tandem) phases(n int) int { return t.C2 + 1 + min(n, t.C1) }

// phase decodes phase index j: j = n₂ for n₂ < C2 and j = C2 + b for
// n₂ = C2. The phases at level N are thus the first t.phases(N) indices.
func (t Tandem) phase(j int) (b, n2 int) {
	if j < t.C2 {
		return 0, j
	}
	return j - t.C2, t.C2
}

// index encodes phase (b, n₂); see phase.
func (t Tandem) index(b, n2 int) int {
	if n2 < t.C2 {
		return n2
	}
	return t.C2 + b
}

// level returns the generator blocks of level n: up (to level n+1), loc
// (within level n, with the diagonal) and down (to level n−1; nil for
// n = 0). Their shapes are phases(n) × phases(n±1).
func (t Tandem) level(n int) (up, loc, down *mat.Dense) {
	mn := t.phases(n)
	up = mat.NewDense(mn, t.phases(n+1), nil)
	loc = mat.NewDense(mn, mn, nil)
	if n > 0 {
		down = mat.NewDense(mn, t.phases(n-1), nil)
	}
	k := min(n, t.C1)
	for j := range mn {
		b, n2 := t.phase(j)
		var out float64
		move := func(dst *mat.Dense, to int, rate float64) {
			dst.Set(j, to, dst.At(j, to)+rate)
			out += rate
		}
		move(up, j, t.Lambda)
		if s := k - b; s > 0 {
			r := float64(s) / t.MeanStay1
			if q := (1 - t.P) * r; q > 0 {
				move(down, j, q)
			}
			if q := t.P * r; q > 0 {
				if n2 < t.C2 {
					move(down, t.index(0, n2+1), q)
				} else {
					move(loc, t.index(b+1, n2), q)
				}
			}
		}
		if n2 > 0 {
			r := float64(n2) / t.MeanStay2
			if b > 0 {
				move(down, t.index(b-1, n2), r)
			} else {
				move(loc, t.index(0, n2-1), r)
			}
		}
		loc.Set(j, j, loc.At(j, j)-out)
	}
	return up, loc, down
}

// rateMatrix returns the minimal non-negative solution R of
// A0 + R A1 + R² A2 = 0 for a positive-recurrent QBD with up, local and down
// blocks a0, a1, a2, by logarithmic reduction (Latouche and Ramaswami 1993;
// see Tandem.Solve): it computes G, the minimal solution of A2 + A1 G + A0 G² = 0, as
//
//	H := (−A1)⁻¹ A0,  L := (−A1)⁻¹ A2,  G := L,  T := H
//	repeat
//	    U := H L + L H
//	    H := (I − U)⁻¹ H²,  L := (I − U)⁻¹ L²
//	    G := G + T L,  T := T H
//	until ‖𝟙 − G 𝟙‖∞ < 1e-15 or the update no longer changes G
//
// and then R = A0 (−A1 − A0 G)⁻¹. Iteration k accounts for paths that reach
// 2ᵏ levels up, so 60 iterations are ample.
func rateMatrix(a0, a1, a2 *mat.Dense) (*mat.Dense, error) {
	m, _ := a1.Dims()
	id := identity(m)
	var negA1Inv mat.Dense
	negA1Inv.Scale(-1, a1)
	if err := negA1Inv.Inverse(&negA1Inv); err != nil {
		return nil, fmt.Errorf("rate matrix: −A1: %w", err)
	}
	var h, l mat.Dense
	h.Mul(&negA1Inv, a0)
	l.Mul(&negA1Inv, a2)
	g := mat.DenseCopyOf(&l)
	tt := mat.DenseCopyOf(&h)
	var u, w mat.Dense
	var lu mat.LU
	for range 60 {
		u.Mul(&h, &l)
		w.Mul(&l, &h)
		u.Add(&u, &w)
		u.Sub(id, &u)
		lu.Factorize(&u)
		w.Mul(&h, &h)
		if err := lu.SolveTo(&h, false, &w); err != nil {
			return nil, fmt.Errorf("rate matrix: logarithmic reduction: %w", err)
		}
		w.Mul(&l, &l)
		if err := lu.SolveTo(&l, false, &w); err != nil {
			return nil, fmt.Errorf("rate matrix: logarithmic reduction: %w", err)
		}
		w.Mul(tt, &l)
		g.Add(g, &w)
		incr := mat.Norm(&w, math.Inf(1))
		w.Mul(tt, &h)
		tt.Copy(&w)
		var gap float64
		for i := range m {
			gap = max(gap, math.Abs(1-floats.Sum(g.RawRowView(i))))
		}
		if gap < 1e-15 || incr < 1e-17 {
			break
		}
	}

	// R = A0 (−A1 − A0 G)⁻¹.
	var x, r mat.Dense
	x.Mul(a0, g)
	x.Add(&x, a1)
	x.Scale(-1, &x)
	if err := x.Inverse(&x); err != nil {
		return nil, fmt.Errorf("rate matrix: −A1 − A0 G: %w", err)
	}
	r.Mul(a0, &x)

	// Residual A0 + R A1 + R² A2, relative to ‖A1‖∞.
	var res, r2 mat.Dense
	res.Mul(&r, a1)
	res.Add(&res, a0)
	r2.Mul(&r, &r)
	r2.Mul(&r2, a2)
	res.Add(&res, &r2)
	if rel := mat.Norm(&res, math.Inf(1)) / mat.Norm(a1, math.Inf(1)); !(rel <= residualTol) {
		return nil, fmt.Errorf("rate matrix: relative residual %g > %g", rel, residualTol)
	}
	return &r, nil
}

// identity returns the n×n identity matrix.
func identity(n int) *mat.Dense {
	id := mat.NewDense(n, n, nil)
	for i := range n {
		id.Set(i, i, 1)
	}
	return id
}

// ones returns the vector of n ones.
func ones(n int) *mat.VecDense {
	v := mat.NewVecDense(n, nil)
	for i := range n {
		v.SetVec(i, 1)
	}
	return v
}

// vecMul returns the row vector x a.
func vecMul(x []float64, a *mat.Dense) []float64 {
	_, c := a.Dims()
	var y mat.VecDense
	y.MulVec(a.T(), mat.NewVecDense(len(x), x))
	return append(make([]float64, 0, c), y.RawVector().Data...)
}

// dotMulOnes returns x a 𝟙.
func dotMulOnes(x []float64, a *mat.Dense) float64 {
	return floats.Sum(vecMul(x, a))
}
