package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusedBeforeRunning checks that values the model cannot size are
// refused with a positioned message and the right exit status before any
// replication starts: each of these made run panic (makeslice: len out
// of range) or die out of memory, or passed check and failed in run
// without a position. None allocates or simulates anything.
func TestRefusedBeforeRunning(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	cases := []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"run", "--reps", "2147483648", "textbook-mmc"}, 2, "caresim: --reps must be at most 1000, not 2147483648"},
		{[]string{"run", "--reps", "1000", "--set", "horizon=20y", "textbook-mmc"}, 2,
			"caresim: --reps: 1000 replications of 7305 days are 7.305e+06 replication-days, more than 4000000"},
		{[]string{"run", "--set", "horizon=1e300y", "textbook-mmc"}, 1, "caresim: --set:1:9: horizon: must be at most 50 years"},
		{[]string{"run", "--set", "horizon=999999999999y", "textbook-mmc"}, 1, "caresim: --set:1:9: horizon: must be at most 50 years"},
		{[]string{"run", "--set", "warm_up.length=999999999999d", "textbook-mmc"}, 1, "caresim: --set:1:16: warm_up.length: must be at most 20 years"},
		{[]string{"run", "--set", "services.ed.cubicles=999999999999", "textbook-mmc"}, 1, "caresim: --set:1:22: services.ed.cubicles: must be at most 500000"},
		{[]string{"run", "--set", "replications=999999999999", "textbook-mmc"}, 1, "caresim: --set:1:14: replications: must be from 1 to 1000"},
		{[]string{"check", "--set", "replications=0", "textbook-mmc"}, 1, "--set:1:14: replications: must be from 1 to 1000, not 0"},
		{[]string{"check", "--set", "population.age_bands[0].growth=150%", "baseline"}, 1,
			"--set:1:32: population.age_bands[0].growth: a yearly rate must be between -50% and +50%, not 150%: did you mean 1.5%?"},
		{[]string{"compare", "--reps", "2147483648", "textbook-mmc", "textbook-loss"}, 2, "caresim: --reps must be at most 1000"},
		{[]string{"sweep", "--reps", "2", "--lhs", "2147483648", "--range", "services.ed.cubicles=9:11", "textbook-mmc"}, 2,
			"caresim: the sweep has 2147483648 points, more than 1000000"},
		{[]string{"validate", "--reps", "5000"}, 2, "caresim: --reps must be at most 1000, not 5000"},
		// Each point's horizon times --reps: the longest point's is too many.
		{[]string{"sweep", "--reps", "300", "--set", "horizon=1y,40y", "textbook-mmc"}, 2,
			"caresim: --reps: 300 replications of 14610 days are 4.383e+06 replication-days, more than 4000000"},
	}
	for _, c := range cases {
		args := append(c.args[:1:1], append([]string{"--out", out}, c.args[1:]...)...)
		if c.args[0] == "check" {
			args = c.args
		}
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("caresim %s: exit %d, stderr:\n%s\nwant exit %d and %q", strings.Join(c.args, " "), code, stderr.String(), c.code, c.want)
		}
	}
}
