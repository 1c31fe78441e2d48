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
// targets: each must be met, except those marked Missed, which must not
// be met by their whole confidence interval (so that the mark goes when
// the model meets them again; a target at the edge of its band, whose
// interval straddles it, stays marked, as the random numbers move it
// across: the delayed share's 3–9% and mental health occupancy's 88–100%
// are there). The
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
		met := c.Pass()
		if c.Tol > 0 {
			in := func(x float64) bool { return math.Abs(x-c.Expected) <= c.Tol*math.Abs(c.Expected) }
			met = in(c.Sim.Mean-c.Sim.HalfWidth) && in(c.Sim.Mean+c.Sim.HalfWidth)
		}
		switch {
		case c.Missed != "" && met:
			t.Errorf("%s: %s: marked as missed, but simulated %g ± %g meets %g (tolerance %g) with its whole interval: remove its Missed mark", c.Case, c.Measure, c.Sim.Mean, c.Sim.HalfWidth, c.Expected, c.Tol)
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

// TestWindowTargets checks the targets taken from the observed window by
// hand, in a run whose first year is 2013/14: they read 2014/15, the
// year their observed rows are of. Its 120,000 ED and 20,000 urgent
// treatment attendances are 140,000, 1.8% below the observed 142,638,
// and its 10,000 breaches make 1 − 10,000/140,000 = 0.92857 within 4
// hours, 0.6% above the observed 0.9231; both pass. 2013/14's figures,
// far from either, must not be read; a run without 2014/15 fails both.
func TestWindowTargets(t *testing.T) {
	year := func(ed, utc, breaches float64) []float64 {
		y := make([]float64, care.NumAnnual)
		y[care.AnnualEDAttendances], y[care.AnnualUTCAttendances], y[care.AnnualAE4hBreaches] = ed, utc, breaches
		return y
	}
	run := func(years []string, annual ...[]float64) map[string]validation.Check {
		r := &care.Result{Years: years, Annual: annual, Metrics: make([]float64, care.NumMetrics)}
		out := map[string]validation.Check{}
		for _, c := range validation.EvaluateTargets(&care.Params{}, &sim.Results{Reps: []*care.Result{r, r}}) {
			out[c.Case] = c
		}
		return out
	}
	const ae, fourHour = "A&E attendances, all types, 2014/15", "4-hour performance, all types, 2014/15"
	got := run([]string{"2013/14", "2014/15"}, year(1, 1, 1), year(120000, 20000, 10000))
	if c := got[ae]; c.Sim.Mean != 140000 || !c.Pass() {
		t.Errorf("%s: %g, pass %v; want 140000, true", ae, c.Sim.Mean, c.Pass())
	}
	if c := got[fourHour]; math.Abs(c.Sim.Mean-(1-10000.0/140000)) > 1e-12 || !c.Pass() {
		t.Errorf("%s: %g, pass %v; want 0.92857, true", fourHour, c.Sim.Mean, c.Pass())
	}
	got = run([]string{"2015/16"}, year(120000, 20000, 10000))
	if got[ae].Pass() || got[fourHour].Pass() {
		t.Errorf("a run without 2014/15 passes: %+v, %+v", got[ae].Sim, got[fourHour].Sim)
	}
}
