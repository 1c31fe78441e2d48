package care

import (
	"math"
	"math/rand/v2"
	"testing"

	"caresim/sim/des"
)

// TestGrowthNear checks growthNear against math.Pow's growth over fifty
// years either side of the warm-up's end, for yearly growths from −99%
// to +1,000%: within a relative 1e-13, the bound enrolledShares relies
// on, and 1e-14 from −50% to +100%. Times are random (a fixed seed) and
// every whole day, whose part day is zero.
func TestGrowthNear(t *testing.T) {
	t.Parallel()
	m := &model{warm: 365}
	r := rand.New(rand.NewPCG(1, 1))
	for band, g := range []float64{-0.99, -0.5, -0.01, 0, 0.003, 0.01, 0.05, 1, 10} {
		worst := 0.0
		for i := range 40_000 {
			tau := des.Time(i/2) - 50*des.Year + m.warm
			if i%2 == 1 {
				tau = m.warm + des.Time((r.Float64()*2-1)*50*float64(des.Year))
			}
			want := m.growth(g, tau)
			got := m.growthNear(band, g, tau)
			worst = max(worst, math.Abs(got/want-1))
		}
		bound := 1e-13
		if g >= -0.5 && g <= 1 {
			bound = 1e-14
		}
		if worst > bound {
			t.Errorf("growth %g: growthNear is %.3g from math.Pow, relatively; want at most %g", g, worst, bound)
		}
	}
}

// TestEnrolledShares checks that the shares of enrolledShares compare
// with a candidate's uniform as those from math.Pow's head count do,
// for uniforms at and about each share, including those within
// shareMargin that it computes again, for cohorts of a thousand to a
// million people with some enrolled and early, and ratios from 0 to
// MaxRatio.
func TestEnrolledShares(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(2, 2))
	for i := range 20_000 {
		m := &model{warm: 365, p: &Params{}}
		cm := &m.p.Services.Community
		cm.UrgentRatio = []float64{0, 0.5, 1.3, 10, MaxRatio}[i%5]
		cm.EarlyRatio = []float64{0.2, 1, 1.15, 3}[i%4]
		c := &cohortInfo{Cohort: Cohort{Band: i % 3, People: math.Pow(10, 3+3*r.Float64()), Growth: []float64{0.01, -0.2, 0.5}[i%3]}}
		c.enrolled = 1 + r.IntN(int(c.People))
		c.early = r.IntN(c.enrolled + 1)
		keep := r.Float64()
		now := des.Time(r.Float64() * 4000)
		exactKept, exactEnrolled := m.shares(c, keep, c.People*m.growth(c.Growth, now))
		for _, thin := range []float64{exactKept, exactEnrolled, math.Nextafter(exactKept, 0), math.Nextafter(exactEnrolled, 2),
			exactKept + shareMargin/2, exactEnrolled - shareMargin/3, exactKept + 2*shareMargin, r.Float64()} {
			kept, enrolled := m.enrolledShares(c, keep, now, thin)
			if (thin >= kept) != (thin >= exactKept) || (thin < enrolled) != (thin < exactEnrolled) {
				t.Fatalf("case %d, uniform %v: kept %v and enrolled %v, exactly %v and %v", i, thin, kept, enrolled, exactKept, exactEnrolled)
			}
		}
	}
}

// TestPickGuide checks that a source's guide table chooses the pick a
// search would, the first whose cumulative weight exceeds the uniform,
// for tables of 1 to 200 picks with weights spread over six orders of
// magnitude (some picks narrower than a guide's entry, some wider), at
// random uniforms and at and beside every cumulative weight and every
// entry's edge.
func TestPickGuide(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 3))
	for n := 1; n <= 200; n++ {
		picks := make([]pick, n)
		total := 0.0
		for i := range picks {
			total += math.Pow(10, 6*r.Float64())
			picks[i].cum = total
		}
		for i := range picks {
			picks[i].cum /= total
		}
		picks[n-1].cum = 1
		s := &source{picks: picks, guide: newGuide(picks)}
		search := func(x float64) int {
			k := 0
			for picks[k].cum <= x {
				k++
			}
			return k
		}
		xs := []float64{0, math.Nextafter(1, 0)}
		for _, p := range picks {
			xs = append(xs, p.cum, math.Nextafter(p.cum, 0), math.Nextafter(p.cum, 1))
		}
		for j := range n {
			e := float64(j) / float64(n)
			xs = append(xs, e, math.Nextafter(e, 0), math.Nextafter(e, 1))
		}
		for range 1000 {
			xs = append(xs, r.Float64())
		}
		for _, x := range xs {
			if x < 0 || x >= 1 {
				continue
			}
			if got, want := s.pick(x), search(x); got != want {
				t.Fatalf("%d picks, uniform %v: pick %d, want %d", n, x, got, want)
			}
		}
	}
}
