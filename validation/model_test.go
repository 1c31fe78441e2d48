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
		if !c.Pass() {
			t.Errorf("%s: %s: expected %g, simulated %g ± %g (tolerance %g)", c.Case, c.Measure, c.Expected, c.Sim.Mean, c.Sim.HalfWidth, c.Tol)
		}
	}
}
