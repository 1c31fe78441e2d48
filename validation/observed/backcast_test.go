package observed

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/finance"
)

// t2 is Student's t(0.975, 2), for three replications: the 95% prediction
// band is mean ± t2 · s · √(1 + 1/3).
const t2 = 4.302652729749464

// fakeRun is a hand-made run of three replications of days days from
// 1 April 2014, whose replication r has on every day r·10 + 100 A&E
// departures, r + 5 of them over 4 hours, r + 600 acute beds occupied (as
// the day's mean) and 640 acute beds; in 2014/15, when the run covers it,
// 37,000 + 1,000·r emergency admissions and, when priced, an acute deficit
// of £20m + £1m·r.
func fakeRun(days int, priced bool) *sim.Results {
	start := des.Date{Year: 2014, Month: 4, Day: 1}
	res := &sim.Results{Years: []string{"2014/15"}}
	if priced {
		res.Money = &sim.MoneyResults{Years: res.Years}
	}
	for r := range 3 {
		rep := &care.Result{Start: start, Days: days, Years: res.Years, Daily: make([][]float64, care.NumDaily)}
		for k := range rep.Daily {
			rep.Daily[k] = make([]float64, days)
		}
		for d := range days {
			rep.Daily[care.DailyAEDepartures][d] = float64(100 + 10*r)
			rep.Daily[care.DailyAE4hBreaches][d] = float64(5 + r)
			rep.Daily[care.DailyAcuteMean][d] = float64(600 + r)
			rep.Daily[care.DailyAcuteBeds][d] = 640
		}
		year := make([]float64, care.NumAnnual)
		year[care.AnnualDays] = float64(min(days, 365))
		year[care.AnnualNELAdmissions] = float64(37000 + 1000*r)
		rep.Annual = [][]float64{year}
		res.Reps = append(res.Reps, rep)
		if priced {
			var y finance.Year
			y.Money[finance.Acute][finance.Deficit] = 20e6 + 1e6*float64(r)
			res.Money.Reps = append(res.Money.Reps, []finance.Year{y})
		}
	}
	return res
}

// parse parses an observed file's rows, given without the header.
func parse(t *testing.T, rows string) *Set {
	t.Helper()
	set, err := Parse("test.csv", []byte("period,measure,value,unit,source\n"+rows))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestBackcastMonths(t *testing.T) {
	t.Parallel()
	// April and May 2014 are simulated whole (61 days); March 2014 is
	// before the run, June after it, and 2014/15 is simulated in part.
	set := parse(t, `2014-03,ae_departures,2900,patients,s
2014-04,ae_departures,3000,patients,s
2014-05,ae_departures,3720,patients,s
2014-06,ae_departures,3000,patients,s
2014-04,ed_4h_performance,0.98,fraction,s
2014/15,nel_admissions,37000,spells,s
2014-04,acute_occupied_mean,602,beds,s
`)
	b, err := Backcast(set, fakeRun(61, false))
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	// April's departures are 3000, 3300 and 3600 (30 days of 100, 110 and
	// 120): mean 3300, s = 300. May's are 3100, 3410 and 3720: s = 310.
	// April's 4-hour performance is 1 − 150/3000, 1 − 180/3300 and
	// 1 − 210/3600: 0.95, 0.94545… and 0.94166…. The beds occupied are 600,
	// 601 and 602 each day: mean 601, s = 1.
	perf := []float64{0.95, 1 - 180.0/3300, 1 - 210.0/3600}
	pm := (perf[0] + perf[1] + perf[2]) / 3
	ps := math.Sqrt(((perf[0]-pm)*(perf[0]-pm) + (perf[1]-pm)*(perf[1]-pm) + (perf[2]-pm)*(perf[2]-pm)) / 2)
	k := t2 * math.Sqrt(1+1.0/3)
	want := []results.BackcastPoint{
		{Period: "2014-03", Status: BeforeRun, Mean: nan, Lo: nan, Hi: nan},
		{Period: "2014-04", Status: results.BackcastSimulated, Mean: 3300, Lo: 3300 - k*300, Hi: 3300 + k*300},
		{Period: "2014-05", Status: results.BackcastSimulated, Mean: 3410, Lo: 3410 - k*310, Hi: 3410 + k*310},
		{Period: "2014-06", Status: AfterRun, Mean: nan, Lo: nan, Hi: nan},
		{Period: "2014-04", Status: results.BackcastSimulated, Mean: pm, Lo: pm - k*ps, Hi: pm + k*ps},
		{Period: "2014/15", Status: PartRun, Mean: nan, Lo: nan, Hi: nan},
		{Period: "2014-04", Status: results.BackcastSimulated, Mean: 601, Lo: 601 - k, Hi: 601 + k},
	}
	checkPoints(t, b.Points, want)
	// The band of April's departures is 1809.5 to 4790.5 (k·300 = 1490.5),
	// worked by hand with t(0.975, 2) = 4.3027.
	if p := b.Points[1]; math.Abs(p.Lo-1809.517) > 1e-3 || math.Abs(p.Hi-4790.483) > 1e-3 {
		t.Errorf("April's band = [%g, %g], want [1809.517, 4790.483]", p.Lo, p.Hi)
	}

	// The fits, worked by hand:
	//   departures: (3300 − 3000 + 3410 − 3720)/2 = −5; percentages
	//   (+10% − 8.333…%)/2 = +0.8333…% and (10% + 8.333…%)/2 = 9.1666…%;
	//   both inside their band.
	//   4-hour performance: 0.945707 − 0.98 = −0.034293, −3.4993%; 0.98
	//   is above the band's 0.96644.
	//   2014/15's admissions: none simulated.
	//   beds occupied: 601 − 602 = −1, −0.16611%; inside.
	checkFits(t, b.Summary.Fits, []results.BackcastFit{
		{Measure: "ae_departures", Unit: "patients", Periods: results.BackcastMonths, Points: 2, Outside: 2,
			Bias: -5, BiasPercent: results.Number((10 - 100*310.0/3720) / 2), MAPEPercent: results.Number((10 + 100*310.0/3720) / 2), Banded: 2, Inside: 2, Coverage: 1},
		{Measure: "ed_4h_performance", Unit: "fraction", Periods: results.BackcastMonths, Points: 1,
			Bias: results.Number(pm - 0.98), BiasPercent: results.Number(100 * (pm - 0.98) / 0.98), MAPEPercent: results.Number(100 * (0.98 - pm) / 0.98), Banded: 1, Inside: 0, Coverage: 0},
		{Measure: "nel_admissions", Unit: "spells", Periods: results.BackcastYears, Outside: 1,
			Bias: results.Number(nan), BiasPercent: results.Number(nan), MAPEPercent: results.Number(nan), Coverage: results.Number(nan)},
		{Measure: "acute_occupied_mean", Unit: "beds", Periods: results.BackcastMonths, Points: 1,
			Bias: -1, BiasPercent: -100.0 / 602, MAPEPercent: 100.0 / 602, Banded: 1, Inside: 1, Coverage: 1},
	})
	if f := b.Summary.Fits[1]; math.Abs(float64(f.BiasPercent)+3.4993) > 1e-4 {
		t.Errorf("4-hour performance's bias = %g%%, want −3.4993%% (worked by hand)", f.BiasPercent)
	}
	if b.Summary.Rows != 7 || b.Summary.Band != Band || b.Summary.Digest != set.Digest {
		t.Errorf("summary = %+v, want 7 rows, the band and the file's digest", b.Summary)
	}
}

func TestBackcastYearsAndMoney(t *testing.T) {
	t.Parallel()
	rows := `2014/15,nel_admissions,40000,spells,s
2014/15,deficit_gbp_acute,25000000,£,s
2013/14,deficit_gbp_acute,15000000,£,s
`
	// Admissions are 37,000, 38,000 and 39,000 (s = 1,000); the acute
	// deficit £20m, £21m and £22m (s = £1m).
	k := t2 * math.Sqrt(1+1.0/3)
	nan := math.NaN()
	b, err := Backcast(parse(t, rows), fakeRun(365, true))
	if err != nil {
		t.Fatal(err)
	}
	checkPoints(t, b.Points, []results.BackcastPoint{
		{Period: "2014/15", Status: results.BackcastSimulated, Mean: 38000, Lo: 38000 - 1000*k, Hi: 38000 + 1000*k},
		{Period: "2014/15", Status: results.BackcastSimulated, Mean: 21e6, Lo: 21e6 - 1e6*k, Hi: 21e6 + 1e6*k},
		{Period: "2013/14", Status: BeforeRun, Mean: nan, Lo: nan, Hi: nan},
	})
	checkFits(t, b.Summary.Fits, []results.BackcastFit{
		{Measure: "nel_admissions", Unit: "spells", Periods: results.BackcastYears, Points: 1, Bias: -2000, BiasPercent: -5, MAPEPercent: 5, Banded: 1, Inside: 1, Coverage: 1},
		{Measure: "deficit_gbp_acute", Unit: "£", Periods: results.BackcastYears, Points: 1, Outside: 1, Bias: -4e6, BiasPercent: -16, MAPEPercent: 16, Banded: 1, Inside: 1, Coverage: 1},
	})

	// The same run not priced has no deficit to set beside the observed.
	b, err = Backcast(parse(t, rows), fakeRun(365, false))
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Points[1].Status; got != NotPriced {
		t.Errorf("a deficit beside a run not priced is %q, want %q", got, NotPriced)
	}
}

// TestBackcastBandBounds checks that a band is cut at the bounds of its
// measure: a share at 1, a count at 0.
func TestBackcastBandBounds(t *testing.T) {
	t.Parallel()
	res := fakeRun(61, false)
	// April's performance in the three replications is 1 − 0/3000 = 1,
	// 1 − 0/3300 = 1 and 1 − 300/3600 = 11/12, so mean + k·s is above 1;
	// its beds occupied are 0, 0 and 60, so mean − k·s is below 0.
	for d := range 30 {
		res.Reps[0].Daily[care.DailyAE4hBreaches][d], res.Reps[1].Daily[care.DailyAE4hBreaches][d] = 0, 0
		res.Reps[2].Daily[care.DailyAE4hBreaches][d] = 10
		res.Reps[0].Daily[care.DailyAcuteMean][d], res.Reps[1].Daily[care.DailyAcuteMean][d] = 0, 0
		res.Reps[2].Daily[care.DailyAcuteMean][d] = 60
	}
	b, err := Backcast(parse(t, "2014-04,ed_4h_performance,0.9,fraction,s\n2014-04,acute_occupied_mean,20,beds,s\n"), res)
	if err != nil {
		t.Fatal(err)
	}
	k := t2 * math.Sqrt(1+1.0/3)
	perf, beds := b.Points[0], b.Points[1]
	m := (1 + 1 + 11.0/12) / 3
	if s := math.Sqrt(((1-m)*(1-m)*2 + (11.0/12-m)*(11.0/12-m)) / 2); !near(perf.Lo, m-k*s) || perf.Hi != 1 {
		t.Errorf("4-hour performance's band = [%g, %g], want [%g, 1]", perf.Lo, perf.Hi, m-k*s)
	}
	if s := math.Sqrt((400*2 + 1600) / 2.0); beds.Lo != 0 || !near(beds.Hi, 20+k*s) {
		t.Errorf("beds occupied's band = [%g, %g], want [0, %g]", beds.Lo, beds.Hi, 20+k*s)
	}
}

func TestBackcastNeedsDaily(t *testing.T) {
	t.Parallel()
	res := fakeRun(61, false)
	res.Reps[1].Daily[0] = nil // as sim.Run leaves it without KeepDaily
	if _, err := Backcast(parse(t, "2014-04,ae_departures,3000,patients,s\n"), res); !errors.Is(err, ErrNoDaily) {
		t.Errorf("Backcast without daily series = %v, want ErrNoDaily", err)
	}
}

// checkPoints compares points' periods, statuses, means and bands with
// want's, to 1e-9 relative.
func checkPoints(t *testing.T, got, want []results.BackcastPoint) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d points, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Period != w.Period || g.Status != w.Status || !near(g.Mean, w.Mean) || !near(g.Lo, w.Lo) || !near(g.Hi, w.Hi) {
			t.Errorf("point %d = %s %s %g [%g, %g], want %s %s %g [%g, %g]", i, g.Period, g.Status, g.Mean, g.Lo, g.Hi, w.Period, w.Status, w.Mean, w.Lo, w.Hi)
		}
	}
}

// checkFits compares fits with want's, the statistics to 1e-9 relative.
func checkFits(t *testing.T, got, want []results.BackcastFit) {
	t.Helper()
	str := func(f results.BackcastFit) string {
		return fmt.Sprintf("%s %s %s points %d outside %d with a band %d inside %d", f.Measure, f.Unit, f.Periods, f.Points, f.Outside, f.Banded, f.Inside)
	}
	if len(got) != len(want) {
		t.Fatalf("%d fits, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if str(g) != str(w) {
			t.Errorf("fit %d = %s, want %s", i, str(g), str(w))
		}
		for _, s := range []struct {
			name      string
			got, want results.Number
		}{{"bias", g.Bias, w.Bias}, {"bias %", g.BiasPercent, w.BiasPercent}, {"MAPE %", g.MAPEPercent, w.MAPEPercent}, {"coverage", g.Coverage, w.Coverage}} {
			if !near(float64(s.got), float64(s.want)) {
				t.Errorf("fit %d (%s): %s = %g, want %g", i, w.Measure, s.name, s.got, s.want)
			}
		}
	}
}

// near reports whether a and b agree to 1e-9 relative (1e-9 absolute near
// zero), or are both NaN: the sums are of a few exact numbers.
func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
