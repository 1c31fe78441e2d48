package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"caresim/sim/des"
)

// equalNaN reports whether a and b are equal within tol, with NaN equal to
// NaN.
func equalNaN(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.IsNaN(a[i]) != math.IsNaN(b[i]) || !math.IsNaN(a[i]) && !near(a[i], b[i], tol) {
			return false
		}
	}
	return true
}

func TestDailyLevelHandWorked(t *testing.T) {
	t.Parallel()
	var d DailyLevel
	d.Set(0.5, 2)  // day 0: 0 on [0, .5), 2 on [.5, 1): mean 1
	d.Set(1.25, 4) // day 1: 2 on [1, 1.25), 4 on [1.25, 2): mean 0.5 + 3 = 3.5
	d.Set(2, 1)    // day 2: changes at exactly midnight: 1, then 3,
	d.Set(2, 3)    // so 3 on [2, 3): mean 3, and the census is still 4
	d.AdvanceTo(3)
	if want := []float64{1, 3.5, 3}; !equalNaN(d.DayMeans(), want, 1e-15) {
		t.Errorf("DayMeans = %v, want %v", d.DayMeans(), want)
	}
	// The census at the start of day d is the level holding across t = d.
	if want := []float64{0, 2, 4}; !equalNaN(d.Midnights(), want, 0) {
		t.Errorf("Midnights = %v, want %v", d.Midnights(), want)
	}
	// The embedded Level summarises the whole period.
	if got := d.Mean(3); !near(got, 2.5, 1e-15) {
		t.Errorf("Mean = %v, want (1 + 3.5 + 3)/3 = 2.5", got)
	}
	if d.Max() != 4 || d.Value() != 3 {
		t.Errorf("Max, Value = %d, %d; want 4, 3", d.Max(), d.Value())
	}
	// A partial day is not closed.
	d.AdvanceTo(3.5)
	if len(d.DayMeans()) != 3 {
		t.Errorf("partial day closed: %d days", len(d.DayMeans()))
	}
}

func TestDailyLevelSkipsQuietDays(t *testing.T) {
	t.Parallel()
	var d DailyLevel
	d.Reset(0, 5)
	d.Set(2.5, 1) // 5 through days 0 and 1, then half a day of each
	d.AdvanceTo(4)
	if want := []float64{5, 5, 3, 1}; !equalNaN(d.DayMeans(), want, 1e-15) {
		t.Errorf("DayMeans = %v, want %v", d.DayMeans(), want)
	}
	if want := []float64{5, 5, 5, 1}; !equalNaN(d.Midnights(), want, 0) {
		t.Errorf("Midnights = %v, want %v", d.Midnights(), want)
	}
}

func TestDailyLevelResetAndRestart(t *testing.T) {
	t.Parallel()
	var d DailyLevel
	d.Set(5, 9) // storage to be reused
	d.Reset(2.5, 2)
	d.Set(3.5, 4) // day 2 measured over [2.5, 3) at 2; day 3: 2 then 4
	d.AdvanceTo(4)
	nan := math.NaN()
	if want := []float64{nan, nan, 2, 3}; !equalNaN(d.DayMeans(), want, 1e-15) {
		t.Errorf("DayMeans = %v, want %v", d.DayMeans(), want)
	}
	if want := []float64{nan, nan, nan, 2}; !equalNaN(d.Midnights(), want, 0) {
		t.Errorf("Midnights = %v, want %v", d.Midnights(), want)
	}

	// Restart at the end of a warm-up: the summary starts afresh, the
	// daily series carry on.
	d.Restart(4)
	d.Set(4.5, 0)
	d.AdvanceTo(5)
	if got := d.Mean(5); !near(got, 2, 1e-15) {
		t.Errorf("Mean after Restart = %v, want 2", got)
	}
	if d.Max() != 4 || d.Min() != 0 || d.Duration(5) != 1 {
		t.Errorf("Max, Min, Duration after Restart = %d, %d, %v; want 4, 0, 1", d.Max(), d.Min(), d.Duration(5))
	}
	if want := []float64{nan, nan, 2, 3, 2}; !equalNaN(d.DayMeans(), want, 1e-15) {
		t.Errorf("DayMeans = %v, want %v", d.DayMeans(), want)
	}
}

// TestDailyLevelAgreesWithLevel checks on a random path that the daily
// means average to the Level's mean and that each census is the level
// holding across midnight.
func TestDailyLevelAgreesWithLevel(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(2, 1))
	var d DailyLevel
	const days = 200
	type change struct {
		at    des.Time
		level int
	}
	var changes []change
	now, cur := des.Time(0), 10
	d.Reset(0, cur)
	for {
		now += des.Time(rng.ExpFloat64() / 8)
		if rng.IntN(20) == 0 {
			now = des.Time(math.Ceil(float64(now))) // land exactly on midnight
		}
		if now >= days {
			break
		}
		cur = max(0, cur+rng.IntN(3)-1)
		d.Set(now, cur)
		changes = append(changes, change{now, cur})
	}
	d.AdvanceTo(days)
	means, census := d.DayMeans(), d.Midnights()
	if len(means) != days || len(census) != days {
		t.Fatalf("%d means and %d censuses, want %d", len(means), len(census), days)
	}
	var sum float64
	for _, m := range means {
		sum += m
	}
	// 200 days of levels near 10: summation order differs, 1e-12 relative.
	if got, want := sum/days, d.Mean(days); !near(got, want, 1e-12*want) {
		t.Errorf("mean of daily means %v, Level mean %v", got, want)
	}
	lvl := 10
	i := 0
	for day := range days {
		for i < len(changes) && changes[i].at < des.Time(day) {
			lvl = changes[i].level
			i++
		}
		if census[day] != float64(lvl) {
			t.Fatalf("Midnights[%d] = %v, want %d", day, census[day], lvl)
		}
	}
}

func TestDailyLevelPanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want string
		f    func(d *DailyLevel)
	}{
		{"backwards", "stats: time went backwards", func(d *DailyLevel) { d.Set(1, 1) }},
		{"advance backwards", "stats: time went backwards", func(d *DailyLevel) { d.AdvanceTo(1) }},
		{"restart backwards", "stats: time went backwards", func(d *DailyLevel) { d.Restart(1) }},
		{"negative", "stats: negative level", func(d *DailyLevel) { d.Add(3, -5) }},
		{"negative start", "stats: DailyLevel reset to a negative or NaN time", func(d *DailyLevel) { d.Reset(-1, 0) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var d DailyLevel
			d.Set(2, 1)
			mustPanic(t, tt.want, func() { tt.f(&d) })
		})
	}
}

func TestDailyLevelSetDoesNotAllocate(t *testing.T) {
	var d DailyLevel
	d.Grow(2000)
	now := des.Time(0)
	for i := range 100 { // reach the maximum level, 20
		now += 0.3
		d.Set(now, i%21)
	}
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		now += 0.3 // crosses midnight every third or fourth call
		i++
		d.Set(now, i%21)
	})
	if allocs != 0 {
		t.Errorf("DailyLevel.Set allocates %v times per call after Grow", allocs)
	}
}

func BenchmarkDailyLevelSet(b *testing.B) {
	var d DailyLevel
	now, cur := des.Time(0), 500
	b.ReportAllocs()
	for b.Loop() {
		now += 0.01 // 100 changes a day
		cur = 500 + int(now*7)%20
		d.Set(now, cur)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sets/s")
}
