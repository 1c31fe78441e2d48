package care

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFollowUpDrawExact checks followUpDraw against the logarithm it
// replaces, for uniforms drawn as the model draws them (multiples of
// 2⁻⁵³) and for those nearest each power of q, where a floor could go
// either way: the same number every time.
func TestFollowUpDrawExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 1))
	for _, r := range []float64{0.05, 0.5, 1, 2, 2.3, 7, 30} {
		var f followUpDraw
		check := func(u float64) {
			if got, want := f.n(r, u), f.exact(u); got != want {
				t.Fatalf("ratio %v, u = %v (1 − u = %v): %d follow-ups, the logarithm gives %d", r, u, 1-u, got, want)
			}
		}
		for range 200_000 {
			check(float64(rng.Uint64()>>11) / (1 << 53))
		}
		check(0)
		check(1 - 1.0/(1<<53))
		f.n(r, 0) // the powers for r
		for k, p := range f.pow {
			if p < 1.0/(1<<53) {
				break
			}
			// The uniforms whose 1 − u are the multiples of 2⁻⁵³
			// nearest q^k, and a few either side.
			m := math.Round(p * (1 << 53))
			for d := -3.0; d <= 3; d++ {
				if v := (m + d) / (1 << 53); v > 0 && v <= 1 {
					check(1 - v)
				}
			}
			if k > 200 {
				break
			}
		}
	}
}
