package care_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"caresim/internal/golden"
	"caresim/scenarios"
	"caresim/sim/care"
)

// regressEvents is how many patient events the golden file keeps: the
// first few days of testdata/regress.yaml, through the warm-up into the
// measured period.
const regressEvents = 300

// TestRegress is the seed-locked regression test (STYLE rule 20): it runs
// replication 0 of testdata/regress.yaml with its seed and compares the
// first patient events, the effects drawn, every metric and the first
// financial year's annual figures with testdata/regress.golden. Numbers
// are rounded (times to 0.0001 d, about 9 s; figures to 6 significant
// digits) so that the file survives floating-point differences between
// CPUs, not changes to the model.
//
// Any change to the model's logic or to the order of its random draws
// changes the golden file. Regenerate it with
//
//	go test ./sim/care -run Regress -update
//
// and say in the commit why every difference is intended.
func TestRegress(t *testing.T) {
	t.Parallel()
	l, err := scenarios.Load("testdata/regress.yaml", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &l.Scenario.Params
	var b strings.Builder
	fmt.Fprintf(&b, "# testdata/regress.yaml, seed %d, replication 0: the first %d patient events\n", l.Scenario.Seed, regressEvents)
	fmt.Fprintf(&b, "# %10s %7s %-20s %s\n", "day", "patient", "event", "service")
	n := 0
	r, err := care.Run(p, care.Config{Seed: l.Scenario.Seed, Rep: 0, WarmUp: p.WarmUp.Length, ExcessAfter: 14,
		Trace: func(e care.TraceEvent) {
			if n < regressEvents {
				fmt.Fprintf(&b, "%12.4f %7d %-20s %s\n", float64(e.Time), e.Patient, e.Event, e.Service)
			}
			n++
		}})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "\n# %d events, %d patient events, %d days after a warm-up of %g days\n", r.Events, n, r.Days, float64(r.WarmUp))
	fmt.Fprintf(&b, "\n# effects drawn\n")
	for _, d := range r.Drawn {
		fmt.Fprintf(&b, "%s %s %s %s\n", d.Intervention, d.Path, d.Op, round(d.Amount))
	}
	fmt.Fprintf(&b, "\n# metrics\n")
	for k, m := range care.Metrics {
		fmt.Fprintf(&b, "%-34s %s\n", m.Name, round(r.Metrics[k]))
	}
	fmt.Fprintf(&b, "\n# annual figures, %s\n", r.Years[0])
	for k, m := range care.AnnualMeasures {
		fmt.Fprintf(&b, "%-34s %s\n", m.Name, round(r.Annual[0][k]))
	}
	golden.Check(t, "testdata/regress.golden", b.String())
}

// round formats x to 6 significant digits, with NaN as such.
func round(x float64) string {
	if math.IsNaN(x) {
		return "NaN"
	}
	return fmt.Sprintf("%.6g", x)
}
