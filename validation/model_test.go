package validation_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"caresim/sim"
	"caresim/sim/care"
	"caresim/validation"
)

// TestModelChecks runs the textbook scenarios through the whole model
// against queueing theory, and the baseline against its calibration
// targets: each must be met, except those marked Missed, which must still
// be missed (so that the mark goes when the model meets them again). The
// textbook intervals hold together at 99% (Bonferroni), so a
// correct model fails for about one seed in a hundred; the seeds are the
// scenarios' own, fixed. It runs with caresim validate's options (20
// replications of each textbook scenario, 10 of the baseline), so that
// with TestKernelAgainstTheory it makes every check of caresim validate
// and the CLI's tests need not run the full validation again.
func TestModelChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the baseline for ten years, ten times: about 10 s of CPU")
	}
	checks, err := validation.ModelChecks(context.Background(), validation.ModelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(checks), 9+len(validation.BaselineTargets); got != want {
		t.Fatalf("got %d checks, want %d", got, want)
	}
	for _, c := range checks {
		t.Logf("%-60s %-55s expected %10.4g simulated %10.4g ± %.3g", c.Case, c.Measure, c.Expected, c.Sim.Mean, c.Sim.HalfWidth)
		switch {
		case c.Missed != "" && c.Pass():
			t.Errorf("%s: %s: marked as missed, but simulated %g ± %g meets %g (tolerance %g): remove its Missed mark", c.Case, c.Measure, c.Sim.Mean, c.Sim.HalfWidth, c.Expected, c.Tol)
		case c.Missed != "":
			t.Logf("  known to miss: %s", c.Missed)
		case !c.Pass():
			t.Errorf("%s: %s: expected %g, simulated %g ± %g (tolerance %g)", c.Case, c.Measure, c.Expected, c.Sim.Mean, c.Sim.HalfWidth, c.Tol)
		}
	}
}

// TestType3ShareTarget checks the type 3 share target by hand: two
// replications whose first years have 850 and 860 ED attendances with 150
// and 140 at urgent treatment have shares 0.15 and 0.14, mean 0.145, the
// observed share, which passes; all at urgent treatment (share 1) fails.
func TestType3ShareTarget(t *testing.T) {
	rep := func(ed, utc float64) *care.Result {
		y := make([]float64, care.NumAnnual)
		y[care.AnnualEDAttendances], y[care.AnnualUTCAttendances] = ed, utc
		return &care.Result{Annual: [][]float64{y}, Metrics: make([]float64, care.NumMetrics)}
	}
	find := func(res *sim.Results) validation.Check {
		t.Helper()
		for _, c := range validation.EvaluateTargets(&care.Params{}, res) {
			if strings.HasPrefix(c.Case, "type 3 (Newark) share") {
				return c
			}
		}
		t.Fatal("no type 3 share target")
		return validation.Check{}
	}
	c := find(&sim.Results{Reps: []*care.Result{rep(850, 150), rep(860, 140)}})
	if math.Abs(c.Sim.Mean-0.145) > 1e-12 || !c.Pass() {
		t.Errorf("shares 0.15 and 0.14: got mean %g, pass %v; want 0.145, true", c.Sim.Mean, c.Pass())
	}
	if c := find(&sim.Results{Reps: []*care.Result{rep(0, 150), rep(0, 140)}}); c.Pass() {
		t.Errorf("all at urgent treatment: share %g passes, want a failure", c.Sim.Mean)
	}
}
