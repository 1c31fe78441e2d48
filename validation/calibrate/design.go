package calibrate

import (
	"math"
	"math/rand/v2"
)

// Interval is a parameter's range, Lo < Hi, in the model's units.
type Interval struct{ Lo, Hi float64 }

// Width is Hi − Lo.
func (iv Interval) Width() float64 { return iv.Hi - iv.Lo }

// Contains reports whether x lies in the closed interval.
func (iv Interval) Contains(x float64) bool { return iv.Lo <= x && x <= iv.Hi }

// Centre is the interval's midpoint.
func (iv Interval) Centre() float64 { return iv.Lo + iv.Width()/2 }

// Box is a region of the parameters: one interval per parameter.
type Box []Interval

// Candidates is the number of Latin hypercubes [Design] draws to keep
// the one whose closest two points are farthest apart: enough that the
// kept design's smallest distance is near the best a hypercube of a few
// dozen points reaches, few enough to cost nothing beside one run.
const Candidates = 64

// Design returns n points of a maximin Latin hypercube over box, drawn
// from src: each parameter's range is cut into n equal strata and each
// stratum holds exactly one point (at a uniform place within it), the
// strata matched at random between parameters (McKay, Beckman and
// Conover 1979); of [Candidates] such hypercubes it keeps the one whose
// smallest distance between two points, in the box scaled to the unit
// cube, is largest (the maximin criterion of Johnson, Moore and Ylvisaker
// 1990, as Morris and Mitchell 1995 use it), the first on a tie. The
// same src state gives the same design on every machine. Design draws
// Candidates · n · (len(box) + 1) numbers from src and takes
// O(Candidates · n² · len(box)) time.
func Design(n int, box Box, src rand.Source) [][]float64 {
	if n < 1 || len(box) == 0 {
		return nil
	}
	rng := rand.New(src)
	var best [][]float64
	bestD := -1.0
	for range Candidates {
		u := hypercube(n, len(box), rng)
		if d := minDistance(u); d > bestD {
			best, bestD = u, d
		}
	}
	out := make([][]float64, n)
	for i, p := range best {
		out[i] = make([]float64, len(box))
		for j, iv := range box {
			out[i][j] = iv.Lo + p[j]*iv.Width()
		}
	}
	return out
}

// hypercube returns a Latin hypercube of n points in the unit cube of
// dim dimensions.
func hypercube(n, dim int, rng *rand.Rand) [][]float64 {
	u := make([][]float64, n)
	for i := range u {
		u[i] = make([]float64, dim)
	}
	for j := range dim {
		perm := rng.Perm(n)
		for i := range n {
			u[i][j] = (float64(perm[i]) + rng.Float64()) / float64(n)
		}
	}
	return u
}

// minDistance returns the smallest Euclidean distance between two of
// the points; +Inf for fewer than two.
func minDistance(u [][]float64) float64 {
	d := math.Inf(1)
	for i := range u {
		for k := range i {
			s := 0.0
			for j := range u[i] {
				s += (u[i][j] - u[k][j]) * (u[i][j] - u[k][j])
			}
			d = math.Min(d, math.Sqrt(s))
		}
	}
	return d
}

// Refocus returns the region the next wave samples, after a wave of n
// points sampled box and found the points non-implausible (their
// coordinates in box): on each parameter, the smallest interval that
// holds them, widened on each side by the spacing of the wave's design
// and cut to box, so that the region never grows. It returns false, and
// box, when none is non-implausible.
//
// The spacing is the distance between neighbouring points of n spread
// evenly over a box of d parameters, a share n^(−1/d) of each range: a
// value that close to a kept point may be non-implausible without any
// point having landed on it, so it is kept. A smaller margin (one
// stratum of the hypercube, a share 1/n) would rule out, after a wave
// that kept one point, values no point came near.
func Refocus(box Box, n int, nonImplausible [][]float64) (Box, bool) {
	if len(nonImplausible) == 0 {
		return box, false
	}
	share := math.Pow(float64(n), -1/float64(len(box)))
	out := make(Box, len(box))
	for j, iv := range box {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range nonImplausible {
			lo, hi = math.Min(lo, p[j]), math.Max(hi, p[j])
		}
		pad := iv.Width() * share
		out[j] = Interval{Lo: math.Max(iv.Lo, lo-pad), Hi: math.Min(iv.Hi, hi+pad)}
	}
	return out, true
}
