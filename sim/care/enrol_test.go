package care_test

import (
	"math"
	"testing"

	"caresim/scenarios"
	"caresim/sim/care"
)

// TestAdmitReduction runs one year of the baseline with and without an
// admission reduction for people on the community caseload (PRISM's
// enrolled, high-risk people), on the same seed, with a case-finding tool
// that is always right and no early rise. The reduction decides
// nothing about who arrives, so arrivals by every route must be equal to
// the patient; it lowers only the admissions of enrolled arrivals, so
// emergency admissions must fall. The 500 enrolled high-risk people make
// about 500 × 1.4 × 0.95 ≈ 660 urgent arrivals a year (the high stratum's
// rate, at the baseline's urgent_ratio), of which about 30% need
// admission, so a 50% reduction removes roughly 0.5 × 660 × 0.3 ≈ 100
// admissions a year; the test asks for a fall of 50 or more.
func TestAdmitReduction(t *testing.T) {
	run := func(reduction string) *care.Result {
		t.Helper()
		l, err := scenarios.Load("baseline", scenarios.Options{Sets: []string{
			"horizon=1y", "warm_up.length=60d", "services.community.admit_reduction=" + reduction,
			"services.community.ppv=1", "services.community.early_period=0d"}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := care.Run(&l.Scenario.Params, care.Config{Seed: 1, WarmUp: l.Scenario.Params.WarmUp.Length})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	none, half := run("0"), run("50%")
	for _, k := range []int{care.DailyArrivalsWalkIn, care.DailyArrivalsAmbulance, care.DailyArrivalsGP} {
		a, b := sum(none.Daily[k]), sum(half.Daily[k])
		if a != b {
			t.Errorf("%s: %g without the reduction, %g with it; arrivals must not change", care.DailyMeasures[k].Name, a, b)
		}
	}
	a, b := none.Metrics[care.MetricNELAdmissions], half.Metrics[care.MetricNELAdmissions]
	t.Logf("emergency admissions a year: %.0f without, %.0f with a 50%% reduction for the enrolled", a, b)
	if a-b < 50 {
		t.Errorf("admissions fell by %.0f a year, want 50 or more", a-b)
	}
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// runBaseline runs one year of the baseline (after 60 days of warm-up) on
// the given seed with the given settings.
func runBaseline(t *testing.T, seed uint64, sets ...string) *care.Result {
	t.Helper()
	l, err := scenarios.Load("baseline", scenarios.Options{Sets: append([]string{"horizon=1y", "warm_up.length=60d"}, sets...)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := care.Run(&l.Scenario.Params, care.Config{Seed: seed, WarmUp: l.Scenario.Params.WarmUp.Length})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func urgentArrivals(r *care.Result) float64 {
	return sum(r.Daily[care.DailyArrivalsWalkIn]) + sum(r.Daily[care.DailyArrivalsAmbulance]) + sum(r.Daily[care.DailyArrivalsGP])
}

// TestCaseFindingPPV checks case-finding's accuracy. With a PPV of 1
// every person enrolled is in the high stratum; with 0.5, about half are
// not, within four binomial standard errors. Those are people from the
// low and moderate strata, who come at their own strata's rates, so
// keeping the enrolled away altogether (urgent_ratio 0) removes fewer
// arrivals than with a tool that is always right: in the 65–84 band, a
// wrongly flagged person comes from the low stratum (ratio 1) or the
// moderate (2.5) in proportion to their demand, 0.55 × 1 : 0.33 × 2.5, so
// at 1.9 times the low rate on average against the high stratum's 6, and
// half right, half wrong removes (6 + 1.9) / 2 / 6 ≈ 0.66 of what an
// always-right tool does; the other bands are alike (0.55–0.75).
func TestCaseFindingPPV(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 2} {
		base := runBaseline(t, seed, "services.community.urgent_ratio=1", "services.community.early_period=0d")
		right := runBaseline(t, seed, "services.community.urgent_ratio=0", "services.community.early_period=0d", "services.community.ppv=1")
		half := runBaseline(t, seed, "services.community.urgent_ratio=0", "services.community.early_period=0d", "services.community.ppv=0.5")
		wrongIx := care.AnnualIndex("community_enrolments_flagged_wrongly")
		var n, wrong float64
		for y := range right.Annual {
			if w := right.Annual[y][wrongIx]; w != 0 {
				t.Errorf("seed %d: %v people flagged wrongly with a PPV of 1", seed, w)
			}
			n += half.Annual[y][care.AnnualEnrolments]
			wrong += half.Annual[y][wrongIx]
		}
		if se := math.Sqrt(n * 0.25); math.Abs(wrong-n/2) > 4*se {
			t.Errorf("seed %d: %v of %v enrolments flagged wrongly with a PPV of 0.5, want %v ± %.0f", seed, wrong, n, n/2, 4*se)
		}
		fallRight := urgentArrivals(base) - urgentArrivals(right)
		fallHalf := urgentArrivals(base) - urgentArrivals(half)
		t.Logf("seed %d: enrolled kept away removes %.0f arrivals a year with a PPV of 1, %.0f with 0.5 (%.2f)", seed, fallRight, fallHalf, fallHalf/fallRight)
		if r := fallHalf / fallRight; fallRight < 300 || r < 0.5 || r > 0.8 {
			t.Errorf("seed %d: the fall with a PPV of 0.5 is %.2f of the fall with 1 (%.0f), want 0.5–0.8 of over 300", seed, r, fallRight)
		}
	}
}

// TestEarlyRise checks the first part of an enrolment. With EarlyRatio
// equal to UrgentRatio (both 1) it must change nothing, to the patient:
// the bookkeeping of who is early draws nothing and thins nothing. With
// EarlyRatio 2 for 90 days and a case-finding tool that is always right,
// the newly enrolled come twice as often as they would: with the caseload
// of 500 full and enrolments of ≈175 days on average, ≈ 2.9 people a day
// start, and ≈ 2.9 × 79 (the mean of the first 90 days an enrolment
// lasts, median 120 d, p90 365 d) ≈ 230 are early at any time, each
// making 1.2–1.7 urgent arrivals a year in the high stratum (by band) and
// as many again: ≈ 300 more a year (the test asks for 150–500).
func TestEarlyRise(t *testing.T) {
	t.Parallel()
	none := runBaseline(t, 3, "services.community.urgent_ratio=1", "services.community.early_period=0d", "services.community.ppv=1")
	same := runBaseline(t, 3, "services.community.urgent_ratio=1", "services.community.early_period=90d", "services.community.early_ratio=1",
		"services.community.ppv=1")
	for _, k := range []int{care.DailyArrivalsWalkIn, care.DailyArrivalsAmbulance, care.DailyArrivalsGP} {
		if a, b := sum(none.Daily[k]), sum(same.Daily[k]); a != b {
			t.Errorf("%s: %v without an early period, %v with one at the same ratio; want equal", care.DailyMeasures[k].Name, a, b)
		}
	}
	if a, b := none.Metrics[care.MetricNELAdmissions], same.Metrics[care.MetricNELAdmissions]; a != b {
		t.Errorf("emergency admissions %v without an early period, %v with one at the same ratio; want equal", a, b)
	}
	rise := runBaseline(t, 3, "services.community.urgent_ratio=1", "services.community.early_period=90d", "services.community.early_ratio=2",
		"services.community.ppv=1")
	more := urgentArrivals(rise) - urgentArrivals(none)
	t.Logf("%.0f more urgent arrivals a year when the newly enrolled come twice as often for 90 days", more)
	if more < 150 || more > 500 {
		t.Errorf("%.0f more urgent arrivals a year, want 150–500", more)
	}
}

// TestSelfCare checks that self-care keeps away only patients who would
// not need admission, of the routes it is set for: with half of the
// walk-ins who would not need admission caring for themselves, walk-in
// arrivals fall by about half of 91.6%: the baseline's adult walk-ins need
// admission 6.2% of the time and its children (26% of the under-65s' walk-ins
// from the population, 0.26 × 0.755 × 83,700 of 101,700 walk-ins a year =
// 16.2% of them) a paediatric referral 20% of the time, so
// 0.062 + 0.162 × (0.20 − 0.062) = 8.4% need admission; the patients kept away are counted,
// arrivals by ambulance and GP are unchanged to the patient, and
// emergency admissions are unchanged but for the knock-on effects of a
// less crowded ED on the same random numbers (under 0.5%).
func TestSelfCare(t *testing.T) {
	t.Parallel()
	none := runBaseline(t, 4)
	half := runBaseline(t, 4, "demand.urgent.routes[walk-in].self_care=50%")
	a, b := sum(none.Daily[care.DailyArrivalsWalkIn]), sum(half.Daily[care.DailyArrivalsWalkIn])
	kept := 0.0
	for _, y := range half.Annual {
		kept += y[care.AnnualIndex("self_care")]
	}
	t.Logf("walk-ins %.0f without self-care, %.0f with half of those who need no admission caring for themselves (%.0f counted)", a, b, kept)
	if got, want := (a-b)/a, 0.5*(1-(0.062+0.162*(0.20-0.062))); math.Abs(got-want) > 0.01 {
		t.Errorf("walk-ins fell by %.3f, want %.3f ± 0.01", got, want)
	}
	if a-b != kept {
		t.Errorf("walk-ins fell by %.0f but self_care counts %.0f; every patient kept away must be counted", a-b, kept)
	}
	for _, k := range []int{care.DailyArrivalsAmbulance, care.DailyArrivalsGP} {
		if x, y := sum(none.Daily[k]), sum(half.Daily[k]); x != y {
			t.Errorf("%s: %v without self-care, %v with it; want equal", care.DailyMeasures[k].Name, x, y)
		}
	}
	if x, y := none.Metrics[care.MetricNELAdmissions], half.Metrics[care.MetricNELAdmissions]; math.Abs(x-y)/x > 0.005 {
		t.Errorf("emergency admissions %.0f without self-care, %.0f with it; self-care must not keep away patients who need admission", x, y)
	}
}

// TestUrgentRatioAboveOne checks that enrolment can raise demand as well
// as lower it: with urgent_ratio 2 the enrolled come twice as often, so
// there must be more urgent arrivals than at 1 (an urgent_ratio above 1
// was once treated as 1, to the patient), by about as many as
// TestEarlyRise's rise lasting the whole enrolment: 500 enrolled × 1.2–1.7
// arrivals a year in the high stratum, 600–850, and more as the enrolled
// who do come are the ones case-finding has not yet replaced (the test
// asks for 500–1,500).
func TestUrgentRatioAboveOne(t *testing.T) {
	t.Parallel()
	sets := []string{"services.community.early_period=0d", "services.community.ppv=1"}
	one := runBaseline(t, 5, append(sets, "services.community.urgent_ratio=1")...)
	two := runBaseline(t, 5, append(sets, "services.community.urgent_ratio=2")...)
	more := urgentArrivals(two) - urgentArrivals(one)
	t.Logf("%.0f more urgent arrivals a year when the enrolled come twice as often", more)
	if more < 500 || more > 1500 {
		t.Errorf("%.0f more urgent arrivals a year with urgent_ratio 2 than 1, want 500–1,500", more)
	}
}
