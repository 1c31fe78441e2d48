package validation_test

import (
	"context"
	"testing"

	"caresim/validation"
)

// TestModelChecks runs the textbook scenarios through the whole model
// against queueing theory, and the baseline against its calibration
// targets. The textbook intervals hold together at 99% (Bonferroni), so a
// correct model fails for about one seed in a hundred; the seeds are the
// scenarios' own, fixed. The baseline runs 4 replications here (10 in
// caresim validate): its targets are ±10% bands, far wider than its
// run-to-run spread (under 1% for every target).
func TestModelChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the baseline: about 3 s")
	}
	checks, err := validation.ModelChecks(context.Background(), validation.ModelOptions{BaselineReps: 4})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(checks), 9+len(validation.BaselineTargets); got != want {
		t.Fatalf("got %d checks, want %d", got, want)
	}
	for _, c := range checks {
		t.Logf("%-60s %-55s expected %10.4g simulated %10.4g ± %.3g", c.Case, c.Measure, c.Expected, c.Sim.Mean, c.Sim.HalfWidth)
		if !c.Pass() {
			t.Errorf("%s: %s: expected %g, simulated %g ± %g (tolerance %g)", c.Case, c.Measure, c.Expected, c.Sim.Mean, c.Sim.HalfWidth, c.Tol)
		}
	}
}
