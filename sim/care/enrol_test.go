package care_test

import (
	"testing"

	"caresim/scenarios"
	"caresim/sim/care"
)

// TestAdmitReduction runs one year of the baseline with and without an
// admission reduction for people on the community caseload (PRISM's
// enrolled, high-risk people), on the same seed. The reduction decides
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
			"horizon=1y", "warm_up.length=60d", "services.community.admit_reduction=" + reduction}})
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
