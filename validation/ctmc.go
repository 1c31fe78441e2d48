package validation

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// generatorTol is the relative tolerance of the row-sum check in
// [Stationary]: a row of a generator must sum to zero within generatorTol
// times the largest rate in that row. It allows for the rounding of rates
// that were summed in a different order, and is far tighter than any real
// mistake in building a chain.
const generatorTol = 1e-9

// Stationary returns the stationary distribution π of the finite,
// continuous-time Markov chain with generator matrix q, the unique solution
// of
//
//	π Q = 0,   Σᵢ πᵢ = 1
//
// (Kleinrock 1975, ch. 2). q must be square, with non-negative off-diagonal
// rates qᵢⱼ (from state i to state j, per unit time) and rows summing to zero
// within a relative tolerance of 1e-9; otherwise Stationary returns an error.
// The chain must have exactly one closed class (transient states are allowed
// and get probability zero); if it has more, the system is singular and
// Stationary returns an error.
//
// One balance equation is redundant, so Stationary replaces the first one by
// the normalisation and solves the resulting n×n system by LU decomposition
// with partial pivoting. It takes O(n³) time and O(n²) memory; it is meant
// for chains of up to a few thousand states.
func Stationary(q *mat.Dense) ([]float64, error) {
	n, c := q.Dims()
	if n != c {
		return nil, fmt.Errorf("validation: stationary: generator is %d×%d, not square", n, c)
	}
	for i := range n {
		var sum, scale float64
		for j := range n {
			v := q.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("validation: stationary: q[%d][%d] = %g is not finite", i, j, v)
			}
			if i != j && v < 0 {
				return nil, fmt.Errorf("validation: stationary: rate q[%d][%d] = %g is negative", i, j, v)
			}
			sum += v
			scale = max(scale, math.Abs(v))
		}
		if math.Abs(sum) > generatorTol*scale {
			return nil, fmt.Errorf("validation: stationary: row %d sums to %g, not 0", i, sum)
		}
	}
	if n == 1 {
		return []float64{1}, nil
	}

	pi, err := solveBalance(mat.DenseCopyOf(q))
	if err != nil {
		return nil, fmt.Errorf("validation: stationary: chain has no unique stationary distribution: %w", err)
	}
	return normalise(pi)
}

// solveBalance solves π A = 0 with Σ π = 1 for a square balance matrix A
// (a generator, or a censored level's balance in the tandem): it replaces
// A's first column, the first balance equation, with ones, the
// normalisation, and solves Aᵀ πᵀ = e₁. It overwrites a.
func solveBalance(a *mat.Dense) ([]float64, error) {
	n, _ := a.Dims()
	for i := range n {
		a.Set(i, 0, 1)
	}
	rhs := mat.NewVecDense(n, nil)
	rhs.SetVec(0, 1)
	var pi mat.VecDense
	if err := pi.SolveVec(a.T(), rhs); err != nil {
		return nil, err
	}
	return pi.RawVector().Data[:n:n], nil
}

// normalise clears the rounding noise of a solved probability vector: it
// sets tiny negative entries to zero and rescales the vector to sum to one.
// It returns an error if an entry is clearly negative, which means the
// system was ill-posed.
func normalise(p []float64) ([]float64, error) {
	var sum float64
	for i, v := range p {
		if v < 0 {
			if v < -1e-9 {
				return nil, fmt.Errorf("validation: stationary: solution has π[%d] = %g < 0", i, v)
			}
			p[i] = 0
		}
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p, nil
}

// Generator builds the generator matrix of a finite continuous-time Markov
// chain from its transitions: set States, list the transitions with
// [Generator.Add], then call [Generator.Dense] or [Generator.Stationary].
// The zero value is a chain with no states, for which Dense returns an
// error. Not safe for concurrent use.
type Generator struct {
	States int // number of states, numbered 0, 1, …, States−1

	from, to []int
	rate     []float64
	errs     []error
}

// Add records a transition from state from to state to at rate rate per unit
// time. Rates of repeated transitions add up. A zero rate and a transition
// from a state to itself change nothing. A negative, NaN or infinite rate is
// recorded as an error that [Generator.Dense] returns, as is a state out of
// range when Dense is called. Add is amortised O(1).
func (g *Generator) Add(from, to int, rate float64) {
	switch {
	case !nonNegative(rate):
		g.errs = append(g.errs, fmt.Errorf("validation: generator: transition %d→%d: rate %g must be >= 0 and finite", from, to, rate))
	case rate == 0 || from == to:
	default:
		g.from = append(g.from, from)
		g.to = append(g.to, to)
		g.rate = append(g.rate, rate)
	}
}

// Dense returns the States×States generator matrix Q: qᵢⱼ is the total rate
// from i to j ≠ i, and qᵢᵢ = −Σ_{j≠i} qᵢⱼ. Instead it returns every problem,
// joined, if States < 1, if a transition names a state outside
// [0, States), or if Add recorded an error. It takes O(States² +
// transitions) time.
func (g *Generator) Dense() (*mat.Dense, error) {
	errs := g.errs[:len(g.errs):len(g.errs)]
	if g.States < 1 {
		errs = append(errs, fmt.Errorf("validation: generator: States = %d: must be >= 1", g.States))
	}
	for k := range g.rate {
		i, j := g.from[k], g.to[k]
		if i < 0 || i >= g.States || j < 0 || j >= g.States {
			errs = append(errs, fmt.Errorf("validation: generator: transition %d→%d: state out of range [0, %d)", i, j, g.States))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	q := mat.NewDense(g.States, g.States, nil)
	for k, r := range g.rate {
		i, j := g.from[k], g.to[k]
		q.Set(i, j, q.At(i, j)+r)
		q.Set(i, i, q.At(i, i)-r)
	}
	return q, nil
}

// Stationary returns the stationary distribution of the chain; see the
// function [Stationary].
func (g *Generator) Stationary() ([]float64, error) {
	q, err := g.Dense()
	if err != nil {
		return nil, err
	}
	return Stationary(q)
}
