package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// lengthsOfStay returns n lognormal draws with a median of e² ≈ 7.4 days
// and a long right tail, like acute lengths of stay.
func lengthsOfStay(n int, seed uint64) []float64 {
	d := distuv.LogNormal{Mu: 2, Sigma: 0.8, Src: rand.NewPCG(seed, 1)}
	x := make([]float64, n)
	for i := range x {
		x[i] = d.Rand()
	}
	return x
}

func TestTallyHandWorked(t *testing.T) {
	t.Parallel()
	var tl Tally
	for _, x := range []float64{2, 4, 4, 4, 5, 5, 7, 9} {
		tl.Add(x)
	}
	// Sum 40, mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, so the
	// sample variance is 32/7.
	if tl.Count() != 8 || tl.Sum() != 40 || tl.Mean() != 5 {
		t.Errorf("Count, Sum, Mean = %d, %v, %v; want 8, 40, 5", tl.Count(), tl.Sum(), tl.Mean())
	}
	if got := tl.Variance(); !near(got, 32.0/7, 1e-14) {
		t.Errorf("Variance = %v, want 32/7", got)
	}
	if got := tl.SD(); !near(got, math.Sqrt(32.0/7), 1e-14) {
		t.Errorf("SD = %v, want √(32/7)", got)
	}
	if tl.Min() != 2 || tl.Max() != 9 {
		t.Errorf("Min, Max = %v, %v; want 2, 9", tl.Min(), tl.Max())
	}
}

func TestTallyEmpty(t *testing.T) {
	t.Parallel()
	var tl Tally
	if tl.Count() != 0 || tl.Sum() != 0 {
		t.Errorf("Count, Sum = %d, %v; want 0, 0", tl.Count(), tl.Sum())
	}
	for name, v := range map[string]float64{
		"Mean": tl.Mean(), "Variance": tl.Variance(), "SD": tl.SD(), "Min": tl.Min(), "Max": tl.Max(),
	} {
		if !math.IsNaN(v) {
			t.Errorf("%s of an empty tally = %v, want NaN", name, v)
		}
	}
	tl.Add(3)
	if tl.Mean() != 3 || !math.IsNaN(tl.Variance()) {
		t.Errorf("one observation: Mean %v, Variance %v; want 3, NaN", tl.Mean(), tl.Variance())
	}
	h := Tally{BinWidth: 1}
	if !math.IsNaN(h.Quantile(0.5)) {
		t.Errorf("Quantile of an empty tally with a histogram = %v, want NaN", h.Quantile(0.5))
	}
}

func TestTallyAgainstGonum(t *testing.T) {
	t.Parallel()
	x := lengthsOfStay(10000, 1)
	// Shift the data far from zero, where the naive sum-of-squares formula
	// would lose digits, to show that Welford's update does not.
	for i := range x {
		x[i] += 1e6
	}
	var tl Tally
	for _, v := range x {
		tl.Add(v)
	}
	mean, variance := stat.MeanVariance(x, nil)
	// gonum uses the corrected two-pass algorithm; both are accurate to a
	// few ulps of the mean, and the variance (about 40) to about 1e-9
	// relative after the shift by 1e6.
	if got := tl.Mean(); !near(got, mean, 1e-15*mean) {
		t.Errorf("Mean = %v, gonum %v", got, mean)
	}
	if got := tl.Variance(); !near(got, variance, 1e-9*variance) {
		t.Errorf("Variance = %v, gonum %v", got, variance)
	}
	if tl.Min() != slices.Min(x) || tl.Max() != slices.Max(x) {
		t.Errorf("Min, Max = %v, %v; want %v, %v", tl.Min(), tl.Max(), slices.Min(x), slices.Max(x))
	}
}

// TestTallyQuantileBound checks the documented error bound: the estimate
// is within one BinWidth of the sample quantile (gonum's Empirical kind).
func TestTallyQuantileBound(t *testing.T) {
	t.Parallel()
	for _, w := range []float64{0.25, 1, 5} {
		x := lengthsOfStay(5000, 2)
		// Include negative values and some exact ties on bin edges.
		x = append(x, -3.5, -0.25, 0, 0.5, 0.5, 0.5)
		tl := Tally{BinWidth: w}
		for _, v := range x {
			tl.Add(v)
		}
		slices.Sort(x)
		for p := 0.0; p <= 1; p += 0.01 {
			want := stat.Quantile(p, stat.Empirical, x, nil)
			// 1e-9 allows for rounding at the bin edges.
			if got := tl.Quantile(p); math.Abs(got-want) > w+1e-9 {
				t.Errorf("BinWidth %v: Quantile(%.2f) = %v, sample quantile %v", w, p, got, want)
			}
		}
		if tl.Quantile(0) != x[0] || tl.Quantile(1) != x[len(x)-1] {
			t.Errorf("BinWidth %v: Quantile(0), Quantile(1) = %v, %v; want Min, Max", w, tl.Quantile(0), tl.Quantile(1))
		}
	}
}

func TestTallyQuantileHandWorked(t *testing.T) {
	t.Parallel()
	// Bins of width 1: [0,1) holds 0.2 and 0.4; [2,3) holds 2.5 twice.
	// With n = 4, p targets p·4 observations:
	//   p = 0.25: 1 of the 2 in bin 0, q = 0 + 1/2 = 0.5
	//   p = 0.5:  2 of 2 in bin 0, q = 0 + 2/2 = 1
	//   p = 0.75: 2 lie before bin 2, 1 of its 2, q = 2 + 1/2 = 2.5
	//   p = 0 and p = 1 give the edges 0 and 3, clamped to Min and Max.
	tl := Tally{BinWidth: 1}
	for _, x := range []float64{0.2, 2.5, 0.4, 2.5} {
		tl.Add(x)
	}
	for _, c := range []struct{ p, want float64 }{
		{0, 0.2}, {0.25, 0.5}, {0.5, 1}, {0.75, 2.5}, {1, 2.5},
	} {
		if got := tl.Quantile(c.p); !near(got, c.want, 1e-15) {
			t.Errorf("Quantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
}

// TestTallyMerge checks that merging tallies of parts of the data gives the
// same statistics as one pass over all of it.
func TestTallyMerge(t *testing.T) {
	t.Parallel()
	x := lengthsOfStay(3000, 3)
	x[1500] = -2 // a new minimum bin in a later part, so Merge extends downwards
	one := Tally{BinWidth: 0.5}
	for _, v := range x {
		one.Add(v)
	}
	var merged Tally // zero value: adopts the first part's BinWidth
	for _, part := range [][]float64{x[:1000], x[1000:1001], nil, x[1001:2500], x[2500:]} {
		p := Tally{BinWidth: 0.5}
		for _, v := range part {
			p.Add(v)
		}
		merged.Merge(p)
	}
	if merged.Count() != one.Count() || merged.Min() != one.Min() || merged.Max() != one.Max() {
		t.Errorf("Count, Min, Max = %d, %v, %v; one pass %d, %v, %v",
			merged.Count(), merged.Min(), merged.Max(), one.Count(), one.Min(), one.Max())
	}
	// Different orders of summation: agreement to 1e-12 relative.
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"Mean", merged.Mean(), one.Mean()},
		{"Variance", merged.Variance(), one.Variance()},
		{"Sum", merged.Sum(), one.Sum()},
	} {
		if !near(c.got, c.want, 1e-12*math.Abs(c.want)) {
			t.Errorf("%s = %v, one pass %v", c.name, c.got, c.want)
		}
	}
	// The histograms hold the same counts, so quantiles agree exactly.
	for p := 0.0; p <= 1; p += 0.05 {
		if g, w := merged.Quantile(p), one.Quantile(p); g != w {
			t.Errorf("Quantile(%.2f) = %v, one pass %v", p, g, w)
		}
	}
	// Merging must not alias the other tally's bins.
	var a Tally
	b := Tally{BinWidth: 1}
	b.Add(1)
	a.Merge(b)
	a.Add(1)
	if b.Quantile(1) != 1 || b.Count() != 1 || b.bins[0] != 1 {
		t.Errorf("Merge aliased the other tally's histogram")
	}
}

func TestTallyReset(t *testing.T) {
	t.Parallel()
	tl := Tally{BinWidth: 1}
	tl.Add(100)
	tl.Reset()
	tl.BinWidth = 2 // allowed after Reset
	tl.Add(3)
	if tl.Count() != 1 || tl.Mean() != 3 || tl.Min() != 3 || tl.Quantile(0.5) != 3 {
		t.Errorf("after Reset: Count %d, Mean %v, Min %v, Quantile %v; want 1, 3, 3, 3",
			tl.Count(), tl.Mean(), tl.Min(), tl.Quantile(0.5))
	}
}

func TestTallyPanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want string
		f    func()
	}{
		{"NaN", "stats: observation is NaN or infinite", func() { var tl Tally; tl.Add(math.NaN()) }},
		{"Inf", "stats: observation is NaN or infinite", func() { var tl Tally; tl.Add(math.Inf(-1)) }},
		{"negative BinWidth", "stats: Tally.BinWidth must be finite and >= 0", func() {
			tl := Tally{BinWidth: -1}
			tl.Add(1)
		}},
		{"BinWidth changed", "stats: Tally.BinWidth changed after the first observation", func() {
			tl := Tally{BinWidth: 1}
			tl.Add(1)
			tl.BinWidth = 2
			tl.Add(1)
		}},
		{"no histogram", "stats: Tally.Quantile needs a histogram: set BinWidth before the first Add", func() {
			var tl Tally
			tl.Quantile(0.5)
		}},
		{"p out of range", "stats: quantile p outside [0, 1]", func() {
			tl := Tally{BinWidth: 1}
			tl.Quantile(-0.1)
		}},
		{"too many bins", "stats: Tally histogram would need more than 2^24 bins; increase BinWidth", func() {
			tl := Tally{BinWidth: 1e-3}
			tl.Add(0)
			tl.Add(1e5)
		}},
		{"far from zero", "stats: observation too far from zero for Tally.BinWidth", func() {
			tl := Tally{BinWidth: 1e-300}
			tl.Add(1e300)
		}},
		{"merge widths", "stats: Merge of tallies with different BinWidth", func() {
			a, b := Tally{BinWidth: 1}, Tally{BinWidth: 2}
			a.Add(1)
			b.Add(1)
			a.Merge(b)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mustPanic(t, tt.want, tt.f)
		})
	}
}

func TestTallyAddDoesNotAllocate(t *testing.T) {
	x := lengthsOfStay(1000, 4)
	for _, w := range []float64{0, 0.25} {
		tl := Tally{BinWidth: w}
		for _, v := range x {
			tl.Add(v)
		}
		i := 0
		// Cycle through the same data, so the histogram's range is covered.
		allocs := testing.AllocsPerRun(1000, func() {
			tl.Add(x[i%len(x)])
			i++
		})
		if allocs != 0 {
			t.Errorf("BinWidth %v: Tally.Add allocates %v times per call in steady state", w, allocs)
		}
	}
}

func BenchmarkTallyAdd(b *testing.B) {
	x := lengthsOfStay(4096, 5)
	for _, bench := range []struct {
		name  string
		width float64
	}{{"moments", 0}, {"histogram", 0.25}} {
		b.Run(bench.name, func(b *testing.B) {
			tl := Tally{BinWidth: bench.width}
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				tl.Add(x[i&4095])
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "obs/s")
		})
	}
}

func TestTallyHistogram(t *testing.T) {
	t.Parallel()
	var none Tally
	if first, counts := none.Histogram(); first != 0 || counts != nil {
		t.Errorf("empty tally: Histogram = %d, %v; want 0, nil", first, counts)
	}
	noBins := Tally{}
	noBins.Add(3)
	if _, counts := noBins.Histogram(); counts != nil {
		t.Errorf("tally without BinWidth: Histogram = %v, want nil", counts)
	}
	// Bins of 0.5: 1.2 and 1.4 in bin 2 [1, 1.5); 2.6 in bin 5 [2.5, 3);
	// -0.3 in bin -1 [-0.5, 0). Added high first, so the histogram grows
	// downwards past the data and Histogram must trim the spare bins.
	tl := Tally{BinWidth: 0.5}
	for _, x := range []float64{2.6, 1.2, 1.4, -0.3} {
		tl.Add(x)
	}
	first, counts := tl.Histogram()
	if want := []int64{1, 0, 0, 2, 0, 0, 1}; first != -1 || !slices.Equal(counts, want) {
		t.Errorf("Histogram = %d, %v; want -1, %v", first, counts, want)
	}
	counts[0] = 99
	if _, again := tl.Histogram(); again[0] != 1 {
		t.Error("Histogram returned the tally's own storage, not a copy")
	}
}
