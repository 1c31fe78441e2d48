package validation

import (
	"testing"
)

// TestKernelAgainstTheory runs the kernel's textbook cases and requires
// every exact value to lie inside its simulated confidence interval, the
// intervals holding at 99% together (seed fixed, so the outcome is
// reproducible), and Little's law to hold
// within 0.2% on every pool. With -short the runs are a quarter as long.
func TestKernelAgainstTheory(t *testing.T) {
	o := KernelOptions{}
	if testing.Short() {
		o.Scale = 0.25
	}
	checks, err := KernelChecks(o)
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) < 15 {
		t.Fatalf("only %d checks", len(checks))
	}
	for _, c := range checks {
		t.Logf("%-30s %-42s expected %10.5f simulated %10.5f ± %.5f", c.Case, c.Measure, c.Expected, c.Sim.Mean, c.Sim.HalfWidth)
		if !c.Pass() {
			t.Errorf("%s: %s: expected %.6g, simulated %.6g ± %.3g (n=%d)", c.Case, c.Measure, c.Expected, c.Sim.Mean, c.Sim.HalfWidth, c.Sim.N)
		}
	}
}

// TestKernelChecksWorkerInvariant checks that results do not depend on the
// number of workers.
func TestKernelChecksWorkerInvariant(t *testing.T) {
	o := KernelOptions{Reps: 4, Scale: 0.02}
	o.Workers = 1
	a, err := KernelChecks(o)
	if err != nil {
		t.Fatal(err)
	}
	o.Workers = 3
	b, err := KernelChecks(o)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if a[i].Sim != b[i].Sim {
			t.Errorf("%s %s: %v with 1 worker, %v with 3", a[i].Case, a[i].Measure, a[i].Sim, b[i].Sim)
		}
	}
}
