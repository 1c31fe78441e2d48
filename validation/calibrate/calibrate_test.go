package calibrate

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestImplausibility checks the formula on cases worked by hand.
func TestImplausibility(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		z          float64
		sims       []float64
		v          Variances
		want, mean float64
	}{
		// mean 90, variance ((−2)² + 2²)/1 = 8, times 1 + 1/2 = 12;
		// V_obs = (0.05·100)² = 25, V_md = (0.1·100)² = 100:
		// I = 10/√137 = 0.854358.
		{"all three variances", 100, []float64{88, 92}, Variances{Observation: 0.05, Discrepancy: 0.1}, 10 / math.Sqrt(137), 90},
		// The mean agrees: 0 whatever the variances.
		{"agrees", 100, []float64{90, 110}, Variances{}, 0, 100},
		// No randomness: I = 10 / (0.1·50) = 2.
		{"discrepancy only", 50, []float64{60, 60, 60}, Variances{Discrepancy: 0.1}, 2, 60},
		// No variance at all and a difference: ruled out.
		{"no variance", 50, []float64{60, 60, 60}, Variances{}, math.Inf(1), 60},
		// One replication: no sample variance.
		{"one replication", 20, []float64{24}, Variances{Observation: 0.1}, 2, 24},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, mean, _ := Implausibility(c.z, c.sims, c.v)
			if math.Abs(got-c.want) > 1e-12 && !(math.IsInf(got, 1) && math.IsInf(c.want, 1)) {
				t.Errorf("I = %v, want %v", got, c.want)
			}
			if mean != c.mean {
				t.Errorf("mean = %v, want %v", mean, c.mean)
			}
		})
	}
}

// TestEvaluate checks series and point implausibilities worked by hand:
// with no variance but the discrepancy's, 10% of z, each output's
// implausibility is |z − mean| / (0.1·z).
func TestEvaluate(t *testing.T) {
	t.Parallel()
	v := Variances{Discrepancy: 0.1}
	outs := []Output{
		{Series: "a", Observed: 100, Sims: []float64{110}}, // 10/10 = 1
		{Series: "a", Observed: 100, Sims: []float64{125}}, // 25/10 = 2.5
		{Series: "b", Observed: 50, Sims: []float64{70}},   // 20/5 = 4
		{Series: "c", Observed: 10, Sims: []float64{10.5}}, // 0.5/1 = 0.5
		{Series: "c", Observed: 10},                        // outside the run
	}
	got, series := Evaluate(outs, v, 1)
	if got != 4 {
		t.Errorf("max = %v, want 4", got)
	}
	want := []Series{{"a", 2.5, 2}, {"b", 4, 1}, {"c", 0.5, 1}}
	if !slices.Equal(series, want) {
		t.Errorf("series = %v, want %v", series, want)
	}
	if !math.IsNaN(outs[4].Impl) {
		t.Errorf("an output outside the run has implausibility %v, want NaN", outs[4].Impl)
	}
	for rank, want := range map[int]float64{2: 2.5, 3: 0.5, 4: 0.5} {
		if got := Rank(series, rank); got != want {
			t.Errorf("rank %d = %v, want %v", rank, got, want)
		}
	}
	if got, _ := Evaluate([]Output{{Series: "a", Observed: 1}}, v, 1); !math.IsNaN(got) {
		t.Errorf("a point with nothing simulated = %v, want NaN", got)
	}
}

// TestDesign checks that the design is a Latin hypercube in the box (one
// point in each stratum of each parameter), the same from the same seed,
// and the most spread of the candidates: its smallest distance is at
// least that of the first candidate, a hypercube drawn from the same
// stream.
func TestDesign(t *testing.T) {
	t.Parallel()
	box := Box{{Lo: 10, Hi: 20}, {Lo: -1, Hi: 1}, {Lo: 0, Hi: 100}}
	const n = 12
	d := Design(n, box, rand.NewPCG(1, 2))
	if len(d) != n {
		t.Fatalf("%d points, want %d", len(d), n)
	}
	for j, iv := range box {
		seen := make([]bool, n)
		for _, p := range d {
			if !iv.Contains(p[j]) {
				t.Fatalf("parameter %d: %v outside %v", j, p[j], iv)
			}
			s := min(int((p[j]-iv.Lo)/iv.Width()*n), n-1)
			if seen[s] {
				t.Errorf("parameter %d: stratum %d holds two points", j, s)
			}
			seen[s] = true
		}
	}
	if again := Design(n, box, rand.NewPCG(1, 2)); !slices.EqualFunc(d, again, slices.Equal) {
		t.Error("the same seed gave another design")
	}
	unit := func(pts [][]float64) [][]float64 {
		out := make([][]float64, len(pts))
		for i, p := range pts {
			for j, iv := range box {
				out[i] = append(out[i], (p[j]-iv.Lo)/iv.Width())
			}
		}
		return out
	}
	first := hypercube(n, len(box), rand.New(rand.NewPCG(1, 2)))
	if got, cand := minDistance(unit(d)), minDistance(first); got < cand-1e-12 {
		t.Errorf("the design's smallest distance %v is below the first candidate's %v", got, cand)
	}
}

// TestRefocus checks the next wave's region on a case worked by hand: a
// wave of 16 points over [0, 100] × [0, 1], whose neighbouring points lie
// a share 16^(−1/2) = 1/4 of each range apart, keeps the points
// (30, 0.5) and (52, 0.95).
func TestRefocus(t *testing.T) {
	t.Parallel()
	box := Box{{0, 100}, {0, 1}}
	got, ok := Refocus(box, 16, [][]float64{{30, 0.5}, {52, 0.95}})
	want := Box{{5, 77}, {0.25, 1}} // 30 − 25, 52 + 25; 0.5 − 0.25, 0.95 + 0.25 cut to 1
	for j := range want {
		if !ok || math.Abs(got[j].Lo-want[j].Lo) > 1e-12 || math.Abs(got[j].Hi-want[j].Hi) > 1e-12 {
			t.Errorf("Refocus = %v, %v; want %v, true", got, ok, want)
		}
	}
	if got, ok := Refocus(box, 16, nil); ok || !slices.Equal(got, box) {
		t.Errorf("Refocus of none = %v, %v; want the box, false", got, ok)
	}
}
