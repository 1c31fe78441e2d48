package care

import (
	"math"
	"testing"

	"caresim/sim/des"
)

// winterHospital is a hospital of acute beds fed by fixed walk-in
// arrivals shaped by a month profile with a winter (January twice the
// other months), with winter severity spread sd.
func winterHospital(start des.Date, warm des.Time, beds int, sd float64) *Params {
	month := []float64{2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	return &Params{
		Start: start, Horizon: 3 * 365, WarmUp: WarmUp{Length: warm},
		Demand: Demand{Urgent: UrgentDemand{Routes: []Route{{Name: "walk-in", PerDay: 10, Admit: 1}},
			Month: month, WinterSD: sd}},
		Services: Services{Acute: Acute{Enabled: true, Beds: beds, LengthOfStay: des.Fixed(1), Pathways: Pathways{Home: 1}}},
	}
}

// TestWinterSameWhateverTheScenario checks common random numbers: two
// scenarios with the same seed and replication, different beds, start
// dates and warm-ups, draw the same winter for every financial year they
// share, and the draw is WinterSeverity's.
func TestWinterSameWhateverTheScenario(t *testing.T) {
	t.Parallel()
	a := winterHospital(des.Date{Year: 2014, Month: 4, Day: 1}, 365, 50, 0.3)
	b := winterHospital(des.Date{Year: 2015, Month: 10, Day: 1}, 0, 80, 0.3)
	for rep := range 3 {
		ma, err := newModel(a, Config{Seed: 9, Rep: rep, WarmUp: 365})
		if err != nil {
			t.Fatal(err)
		}
		mb, err := newModel(b, Config{Seed: 9, Rep: rep})
		if err != nil {
			t.Fatal(err)
		}
		shared := 0
		for i, y := range ma.year.years {
			if w := WinterSeverity(9, rep, y, 0.3); ma.year.winter[i] != w {
				t.Errorf("rep %d %s: drew %v, WinterSeverity says %v", rep, y, ma.year.winter[i], w)
			}
			for j, z := range mb.year.years {
				if z == y {
					shared++
					if ma.year.winter[i] != mb.year.winter[j] {
						t.Errorf("rep %d %s: %v in one scenario, %v in the other", rep, y, ma.year.winter[i], mb.year.winter[j])
					}
				}
			}
		}
		// a runs 2013/14 (warm-up) to 2016/17, b 2015/16 to 2018/19.
		if shared != 2 {
			t.Errorf("rep %d: %d years shared (%v and %v), want 2015/16 and 2016/17", rep, shared, ma.year.years, mb.year.years)
		}
	}
}

// TestWinterDistribution checks the draws over 20,000 replications
// against the stated distribution, lognormal with mean 1 and sd of the
// logarithm σ = 0.35: the mean of W has standard error
// √(exp(σ²) − 1)/√n ≈ 0.0026, so 4 of them is 0.011; the sd of ln W
// has relative standard error about 1/√(2n) = 0.5%, so 2.5% is 5 of them.
func TestWinterDistribution(t *testing.T) {
	t.Parallel()
	const n, sd = 20000, 0.35
	sum, sumL, sumL2 := 0.0, 0.0, 0.0
	for rep := range n {
		w := WinterSeverity(20140401, rep, "2017/18", sd)
		sum += w
		sumL += math.Log(w)
		sumL2 += math.Log(w) * math.Log(w)
	}
	mean := sum / n
	meanL := sumL / n
	sdL := math.Sqrt((sumL2 - n*meanL*meanL) / (n - 1))
	if math.Abs(mean-1) > 0.011 {
		t.Errorf("mean W = %.4f, want 1", mean)
	}
	if math.Abs(sdL-sd)/sd > 0.025 {
		t.Errorf("sd of ln W = %.4f, want %v", sdL, sd)
	}
}

// TestWinterDemand runs winterHospital for three years without warm-up
// and counts January's walk-ins in each: the month profile's January is
// twice the other months, so normalised (a 365-day year) it is
// m = 2·365/396 and its winter excess e = m − 1; a year with winter W has
// 10 · (1 + W·e) a day in January, 31 days. The Poisson sd of a January's
// count is about √(31·10·1.8) ≈ 24; 4 of them is 100.
func TestWinterDemand(t *testing.T) {
	t.Parallel()
	p := winterHospital(des.Date{Year: 2014, Month: 4, Day: 1}, 0, 500, 0.8)
	m := runRule(t, p)
	mJan := 2 * 365.0 / 396
	e := mJan - 1
	for i, y := range m.year.years {
		start := m.year.starts[i]
		jan := int(start) + int(des.Date{Year: 2015 + i, Month: 1, Day: 1}.Sub(des.Date{Year: 2014 + i, Month: 4, Day: 1}))
		if jan+31 > int(m.end) {
			continue
		}
		got := 0.0
		for d := jan; d < jan+31; d++ {
			got += m.counts[cArrivals+routeWalkIn].At(d)
		}
		want := 31 * 10 * (1 + m.year.winter[i]*e)
		if math.Abs(got-want) > 100 {
			t.Errorf("%s (W = %.3f): %v walk-ins in January, want %.0f", y, m.year.winter[i], got, want)
		}
	}
	// The annual measure reports each year's W (a mean of its days, so
	// to rounding).
	res := m.result()
	k := AnnualIndex("winter_severity")
	for i := range res.Years {
		if math.Abs(res.Annual[i][k]-m.year.winter[i]) > 1e-12 {
			t.Errorf("%s: winter_severity %v, drew %v", res.Years[i], res.Annual[i][k], m.year.winter[i])
		}
	}
}
