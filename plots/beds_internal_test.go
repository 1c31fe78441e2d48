package plots

import (
	"math"
	"testing"
)

// TestBlockMeans checks the lines of daily charts by hand: ten days in
// blocks of four are the means of days 0–3, 4–7 and 8–9, each at the
// middle of its days; a day not measured is left out of its block, and a
// block with none measured is not drawn (NaN).
func TestBlockMeans(t *testing.T) {
	t.Parallel()
	x := func(i int) float64 { return float64(10 * i) }
	v := []float64{1, 2, 3, 4, 5, math.NaN(), 7, 9, 10, 20}
	got := blockMeans(len(v), 4, x, v)
	want := [][2]float64{{15, 2.5}, {55, 7}, {85, 15}}
	if len(got) != len(want) {
		t.Fatalf("%d points, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].X != w[0] || got[i].Y != w[1] {
			t.Errorf("point %d = (%v, %v), want (%v, %v)", i, got[i].X, got[i].Y, w[0], w[1])
		}
	}
	if g := blockMeans(2, 4, x, []float64{math.NaN(), math.NaN()}); len(g) != 1 || !math.IsNaN(g[0].Y) {
		t.Errorf("a block with no day measured = %v, want one NaN point", g)
	}
	if g := blockMeans(3, 1, x, []float64{1, 2, 3}); len(g) != 3 || g[2].X != 20 || g[2].Y != 3 {
		t.Errorf("a window of one day = %v, want the days themselves", g)
	}
	for _, c := range []struct{ n, w int }{{27, 1}, {28, 7}, {400, 7}, {401, 28}, {3653, 28}} {
		if got := smoothWindow(c.n); got != c.w {
			t.Errorf("smoothWindow(%d) = %d, want %d", c.n, got, c.w)
		}
	}
}
