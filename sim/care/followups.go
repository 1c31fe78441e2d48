package care

import "math"

// followUpDraw draws the number of follow-ups of a first appointment from
// the patient's uniform u, as bookFollowUpsFrom's geometric
//
//	n = min(maxFollowUps, ⌊ln(1 − u) / ln q⌋), q = r / (1 + r)
//
// without a logarithm a patient: n is k when q^(k+1) < 1 − u ≤ q^k, and
// the powers of q are kept while the ratio r holds. 1 − u is exact (u is
// a multiple of 2⁻⁵³), and the powers and the logarithm are within a
// relative 1e-13 of the exact values, so that where 1 − u is further than
// a relative drawMargin from both of its powers, the floor of the
// logarithm's quotient is k, rounding and all; nearer (a few patients in
// a billion), n is computed with math.Log1p as it was. So the follow-ups
// are the same, patient for patient.
type followUpDraw struct {
	r   float64   // the follow-up ratio of lnQ and pow; 0 before the first draw
	lnQ float64   // ln q
	pow []float64 // pow[k] = q^k = exp(k·ln q), k = 0 … maxFollowUps
}

// drawMargin is how near, relatively, 1 − u may come to a power of q
// before followUpDraw computes n with the logarithm.
const drawMargin = 1e-9

// n returns the follow-ups drawn from u for the ratio r > 0.
func (f *followUpDraw) n(r, u float64) int {
	if r != f.r {
		f.r, f.lnQ = r, math.Log(r/(1+r))
		f.pow = f.pow[:0]
		for k := range maxFollowUps + 1 {
			f.pow = append(f.pow, math.Exp(float64(k)*f.lnQ))
		}
	}
	v, pow := 1-u, f.pow
	k := 0
	for k < maxFollowUps && v <= pow[k+1] {
		k++
	}
	if math.Abs(v-pow[k]) <= drawMargin*pow[k] || k < maxFollowUps && math.Abs(v-pow[k+1]) <= drawMargin*pow[k+1] {
		return f.exact(u)
	}
	return k
}

// exact is n by the logarithm.
func (f *followUpDraw) exact(u float64) int {
	return min(maxFollowUps, int(math.Floor(math.Log1p(-u)/f.lnQ)))
}
