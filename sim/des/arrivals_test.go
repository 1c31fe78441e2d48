package des

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// weeklyShape is an A&E-like hour-of-week profile: quiet nights, busy late
// mornings, busier Mondays.
func weeklyShape() []float64 {
	w := make([]float64, 168)
	for h := range w {
		hour := h % 24
		w[h] = 0.3 + math.Max(0, math.Sin(math.Pi*float64(hour-6)/18))
		if h < 24 {
			w[h] *= 1.3
		}
	}
	return w
}

func TestRateNormalisation(t *testing.T) {
	t.Parallel()
	p := RateProfile{PerDay: 100, HourOfWeek: weeklyShape(), Month: []float64{13, 12, 11, 10, 9, 9, 9, 9, 10, 11, 12, 13}}
	start := Date{2015, 1, 1} // a non-leap year, starting on a Thursday
	r, err := NewRate(p, start, 365)
	if err != nil {
		t.Fatal(err)
	}
	// Month weights are normalised to a day-weighted mean of 1 over a
	// 365-day year, so a year holds PerDay·365 arrivals; week weights to
	// mean 1, so 52 whole weeks hold PerDay·364.
	months, _ := NewRate(RateProfile{PerDay: 100, Month: p.Month}, start, 365)
	if got, want := months.Integral(0, 365), 100.0*365; math.Abs(got-want) > 1e-9*want {
		t.Errorf("yearly integral %v, want %v", got, want)
	}
	weeks, _ := NewRate(RateProfile{PerDay: 100, HourOfWeek: p.HourOfWeek}, start, 365)
	if got, want := weeks.Integral(0, 364), 100.0*364; math.Abs(got-want) > 1e-9*want {
		t.Errorf("52-week integral %v, want %v", got, want)
	}
	// January 2015: 31 days, weight 13/mean, with the week profile
	// averaging 1 over whole weeks only; compare with the hour sum.
	mean := 0.0
	for i, w := range p.Month {
		mean += w * float64(DaysIn(2001, i+1)) / 365
	}
	janMul := 13 / mean
	sum := 0.0
	for h := 0; h < 31*24; h++ {
		sum += r.At(Time(h)/24+Minute) / 24
	}
	if got := r.Integral(0, 31); math.Abs(got-sum) > 1e-9*sum {
		t.Errorf("January integral %v, hour-by-hour sum %v", got, sum)
	}
	if got := r.At(Time(7*24+12) / 24); got <= 0 {
		t.Errorf("rate at noon %v", got)
	}
	// The mean rate over four whole weeks of January is PerDay·janMul.
	if got, want := r.Integral(0, 28)/28, 100*janMul; math.Abs(got-want) > 1e-9*want {
		t.Errorf("mean January rate %v, want %v", got, want)
	}
}

func TestRateTrend(t *testing.T) {
	t.Parallel()
	r, err := NewRate(RateProfile{PerDay: 10, Trend: 0.05}, Date{2014, 4, 1}, 10*365)
	if err != nil {
		t.Fatal(err)
	}
	// After exactly one mean year the rate has grown by 5% (up to the
	// hour's step: the rate holds the value at the start of its hour).
	if got, want := r.At(Year), 10.5; math.Abs(got-want) > 1e-4 {
		t.Errorf("rate after a year %v, want %v", got, want)
	}
	// ∫0^T 10·1.05^(t/Y) dt = 10·Y·(1.05^(T/Y) − 1)/ln 1.05, less the
	// hourly step's shortfall of about half an hour's growth.
	T := Time(3650)
	exact := 10 * float64(Year) * (math.Pow(1.05, float64(T/Year)) - 1) / math.Log(1.05)
	if got := r.Integral(0, T); math.Abs(got-exact) > 1e-4*exact {
		t.Errorf("integral %v, continuous %v", got, exact)
	}
}

func TestRateValidate(t *testing.T) {
	t.Parallel()
	p := RateProfile{PerDay: -1, HourOfWeek: make([]float64, 24), Month: make([]float64, 12), Trend: -2}
	err := p.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"per_day:", "hour_of_week: needs 168", "month: weights are all zero", "trend:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestArrivalsCounts checks the exactness of the sampler: over many
// replications, the number of arrivals in each interval is Poisson with
// mean equal to the rate's integral over it.
func TestArrivalsCounts(t *testing.T) {
	t.Parallel()
	months := []float64{12, 11, 10, 9, 8, 8, 8, 8, 9, 10, 11, 13}
	cases := []struct {
		name string
		p    RateProfile
	}{
		{"flat", RateProfile{PerDay: 40}},
		{"hour of week", RateProfile{PerDay: 40, HourOfWeek: weeklyShape()}},
		{"shape, months and trend", RateProfile{PerDay: 40, HourOfWeek: weeklyShape(), Month: months, Trend: 0.3}},
		{"sparse", RateProfile{PerDay: 0.5, HourOfWeek: weeklyShape(), Month: months}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			const horizon, reps = 120, 200
			rate, err := NewRate(c.p, Date{2014, 12, 20}, horizon)
			if err != nil {
				t.Fatal(err)
			}
			// Bins: the 168 hours of the week, pooled over the horizon, and
			// each of the days.
			var how [168]float64
			days := make([]float64, horizon)
			for rep := 0; rep < reps; rep++ {
				a := Arrivals{Rate: rate}
				rng := NewStream(1, rep, "arrivals")
				for at := a.Next(0, rng); !math.IsInf(float64(at), 1); at = a.Next(at, rng) {
					if at < 0 || at >= horizon {
						t.Fatalf("arrival at %v outside [0, %v)", at, horizon)
					}
					how[int(at*24)%168]++
					days[int(at)]++
				}
			}
			var wantHow [168]float64
			for h := 0; h < horizon*24; h++ {
				wantHow[h%168] += reps * rate.Integral(Time(h)/24, Time(h+1)/24)
			}
			check := func(kind string, i int, got, want float64) {
				t.Helper()
				// Poisson: variance = mean. |z| > 4.5 has probability
				// about 7e-6 per bin, so with under 300 bins a false alarm
				// is about 1 in 500 runs (the seed is fixed, so in fact
				// never).
				if z := (got - want) / math.Sqrt(want); math.Abs(z) > 4.5 {
					t.Errorf("%s %d: %v arrivals, expected %.1f (z = %.1f)", kind, i, got, want, z)
				}
			}
			for h := range how {
				check("hour of week", h, how[h], wantHow[h])
			}
			for d := range days {
				check("day", d, days[d], reps*rate.Integral(Time(d), Time(d+1)))
			}
		})
	}
}

func TestArrivalsZeroRate(t *testing.T) {
	t.Parallel()
	r, _ := NewRate(RateProfile{PerDay: 0}, Date{2014, 4, 1}, 10)
	a := Arrivals{Rate: r}
	if got := a.Next(0, rand.New(rand.NewPCG(1, 1))); !math.IsInf(float64(got), 1) {
		t.Errorf("zero rate gave an arrival at %v", got)
	}
	w := make([]float64, 168)
	w[5] = 1 // only Monday 05:00-06:00
	r, _ = NewRate(RateProfile{PerDay: 1, HourOfWeek: w}, Date{2014, 4, 1}, 70)
	a = Arrivals{Rate: r}
	rng := rand.New(rand.NewPCG(1, 1))
	for at := a.Next(0, rng); !math.IsInf(float64(at), 1); at = a.Next(at, rng) {
		if d := (Date{2014, 4, 1}).AddDays(int(at)); d.Weekday() != 0 || int(at*24)%24 != 5 {
			t.Fatalf("arrival at %v (%v, hour %d) outside the only open hour", at, d, int(at*24)%24)
		}
	}
}

func TestStreamsIndependentAndReproducible(t *testing.T) {
	t.Parallel()
	a1 := NewStream(42, 3, "ed:walk-in")
	a2 := NewStream(42, 3, "ed:walk-in")
	for i := 0; i < 100; i++ {
		if a1.Uint64() != a2.Uint64() {
			t.Fatal("the same (seed, rep, name) gave different sequences")
		}
	}
	seen := map[uint64]string{}
	for rep := 0; rep < 1000; rep++ {
		for _, name := range []string{"arrivals", "service", "routing", "ed:walk-in", "ed:ambulance"} {
			id := StreamID(rep, name)
			if prev, dup := seen[id]; dup {
				t.Fatalf("stream id collision: rep %d %q and %s", rep, name, prev)
			}
			seen[id] = name
		}
	}
	// Neighbouring replications' first draws are uncorrelated: the mean
	// of u(rep)·u(rep+1) over 10 000 reps is 1/4 ± 4·sd, sd = sqrt(7/144/n).
	n := 10000
	prev := NewStream(1, 0, "x").Float64()
	sum := 0.0
	for rep := 1; rep <= n; rep++ {
		u := NewStream(1, rep, "x").Float64()
		sum += u * prev
		prev = u
	}
	if m := sum / float64(n); math.Abs(m-0.25) > 4*math.Sqrt(7.0/144/float64(n)) {
		t.Errorf("lag-1 product mean across replications %v, want 0.25", m)
	}
}

func BenchmarkArrivalsNext(b *testing.B) {
	r, _ := NewRate(RateProfile{PerDay: 400, HourOfWeek: weeklyShape(), Month: []float64{12, 11, 10, 9, 8, 8, 8, 8, 9, 10, 11, 13}, Trend: 0.02},
		Date{2014, 4, 1}, 100*Year)
	a := Arrivals{Rate: r}
	rng := rand.New(rand.NewPCG(1, 1))
	var t Time
	b.ReportAllocs()
	for b.Loop() {
		if t = a.Next(t, rng); math.IsInf(float64(t), 1) {
			// Past the century: start again, so that every draw is timed
			// on a live rate.
			a, t = Arrivals{Rate: r}, 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "arrivals/s")
}

// nextByHour is Arrivals.Next as first written, walking the hours from
// the time given and computing each hour's rate afresh: the reference
// that TestArrivalsSameDraws holds Next to, bit for bit.
func nextByHour(a *Arrivals, t Time, r *rand.Rand) Time {
	rt := a.Rate
	e := r.ExpFloat64()
	for t < rt.horizon {
		h := int64(math.Floor(float64(t) * 24))
		end := min(Time(h+1)/24, rt.horizon)
		if end <= t {
			h++
			end = min(Time(h+1)/24, rt.horizon)
		}
		if t >= a.month.end {
			a.month = rt.monthOf(t)
		}
		rate := rt.hourRate(h, a.month.mul)
		mass := rate * float64(end-t)
		if e < mass {
			return t + Time(e/rate)
		}
		e -= mass
		t = end
	}
	return Time(math.Inf(1))
}

// TestArrivalsSameDraws holds Next, which steps from hour to hour and
// keeps the last hour's rate, to the arrival times of nextByHour, which
// computes every hour afresh, bit for bit: shaped rates with a trend up
// or down, months with a zero weight, rates from one a week to thousands
// a day, and draws from times on hour boundaries, so that a model's
// arrivals are the same whichever runs.
func TestArrivalsSameDraws(t *testing.T) {
	t.Parallel()
	months := []float64{12, 11, 10, 9, 0, 8, 8, 8, 9, 10, 11, 13}
	for _, p := range []RateProfile{
		{PerDay: 40, HourOfWeek: weeklyShape(), Month: months, Trend: 0.3},
		{PerDay: 0.15, HourOfWeek: weeklyShape(), Trend: -0.2},
		{PerDay: 3000, HourOfWeek: weeklyShape(), Month: months, Trend: 0.02},
		{PerDay: 7, Month: months},
	} {
		rate, err := NewRate(p, Date{2013, 2, 27}, 800)
		if err != nil {
			t.Fatal(err)
		}
		a, ref := Arrivals{Rate: rate}, Arrivals{Rate: rate}
		rng, refRng := NewStream(3, 0, "a"), NewStream(3, 0, "a")
		from := NewStream(3, 0, "from")
		n := 0
		for at := Time(0); !math.IsInf(float64(at), 1); n++ {
			if from.IntN(10) == 0 { // from an hour boundary
				at = Time(math.Ceil(float64(at)*24)) / 24
			}
			got, want := a.Next(at, rng), nextByHour(&ref, at, refRng)
			if math.Float64bits(float64(got)) != math.Float64bits(float64(want)) {
				t.Fatalf("per day %v, draw %d from %v: %v, hour by hour %v", p.PerDay, n, at, got, want)
			}
			at = got
		}
		if n < 50 {
			t.Errorf("per day %v: only %d draws", p.PerDay, n)
		}
	}
}
