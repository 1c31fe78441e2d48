package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"caresim/internal/golden"
)

// TestMain runs the test binary as caresim itself when CARESIM_TEST_ARGS
// is set (the arguments, separated by newlines), so that a test can run
// the command in a child process and kill it.
func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv("CARESIM_TEST_ARGS"); ok {
		os.Exit(run(strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// clearShardEnv unsets the variables of job-array schedulers, so that a
// test run inside a Slurm array or a Kubernetes indexed Job does not
// shard the sweeps it runs.
func clearShardEnv(t *testing.T) {
	t.Helper()
	for _, v := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX"} {
		t.Setenv(v, "")
	}
}

// TestGolden runs command lines and compares stdout, stderr and the exit
// status with testdata/NAME.stdout and NAME.stderr. On a mismatch it writes
// NAME.got-stdout and NAME.got-stderr beside them; -update rewrites the
// goldens. The token OUT in arguments and goldens stands for a temporary
// folder.
func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"validate-quick", []string{"validate", "--quick", "--reps", "4", "--out", "OUT"}, 0},
		{"validate-csv", []string{"validate", "--quick", "--reps", "3", "--format", "csv", "--out", ""}, 0},
		{"validate-bad-reps", []string{"validate", "--reps", "1"}, 2},
		{"validate-bad-flag", []string{"validate", "--replications", "4"}, 2},
		{"check-builtins", []string{"check", "baseline", "better-together", "textbook-tandem"}, 0},
		{"check-broken", []string{"check", "../../scenarios/testdata/load/many.yaml", "../../scenarios/testdata/load/unknown-path.yaml", "textbook-mmc"}, 1},
		{"check-set", []string{"check", "--set", "services.ed.cubicles=many", "--set", "services.ed.cubicle=3", "textbook-mmc"}, 1},
		{"check-no-args", []string{"check"}, 2},
		{"scenarios", []string{"scenarios"}, 0},
		{"show", []string{"show", "textbook-mmc"}, 0},
		{"show-resolved", []string{"show", "--set", "services.ed.cubicles=12", "--set", "demand.urgent.routes.walk-in.per_day=240", "textbook-mmc"}, 0},
		{"show-unknown", []string{"show", "baseline.yaml"}, 2},
		{"unknown-command", []string{"simulate"}, 2},
		{"no-command", nil, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkGolden(t, c.name, c.args, c.code) })
	}
}

// checkGolden runs a command line and compares its exit status, stdout and
// stderr with the golden files NAME.stdout and NAME.stderr. The token OUT
// in args and in the goldens stands for a temporary folder.
func checkGolden(t *testing.T, name string, args []string, code int) {
	t.Helper()
	checkGoldenIn(t, t.TempDir(), name, args, code)
}

// checkGoldenIn is checkGolden with OUT standing for the folder out.
func checkGoldenIn(t *testing.T, out, name string, args []string, code int) {
	t.Helper()
	args = slices.Clone(args)
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, "OUT", out)
	}
	var stdout, stderr bytes.Buffer
	if got := run(args, &stdout, &stderr); got != code {
		t.Errorf("exit status %d, want %d; stderr:\n%s", got, code, stderr.String())
	}
	compareGolden(t, name+".stdout", strings.ReplaceAll(stdout.String(), out, "OUT"))
	compareGolden(t, name+".stderr", strings.ReplaceAll(stderr.String(), out, "OUT"))
}

// compareGolden compares got with the golden file testdata/NAME (see
// golden.Check: NAME.stdout's mismatch goes to NAME.got-stdout).
func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// TestValidateWritesCSV checks that validate writes validation.csv with a
// row per check, and leaves no temporary file behind.
func TestValidateWritesCSV(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"validate", "--quick", "--reps", "3", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "validation.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "case,measure,expected,simulated,ci_low,ci_high,reps,test,pass,source" || len(lines) < 30 {
		t.Errorf("validation.csv: %d lines, header %q", len(lines), lines[0])
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("out holds %d entries, want only validation.csv", len(entries))
	}
}

// TestDocExamples runs the "$ caresim ..." lines of the package comment,
// so that the manual's examples keep working.
func TestDocExamples(t *testing.T) {
	clearShardEnv(t)
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^//\s+\$ caresim (.+)$`)
	ms := re.FindAllStringSubmatch(string(src), -1)
	if len(ms) == 0 {
		t.Fatal("no examples in the package comment")
	}
	for _, m := range ms {
		args := strings.Fields(m[1])
		for i, a := range args {
			if strings.HasPrefix(a, "/tmp/") {
				args[i] = filepath.Join(t.TempDir(), filepath.Base(a))
			}
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Errorf("caresim %s: exit %d\n%s", m[1], code, stderr.String())
		}
	}
}

// TestCommandExamples runs the examples in every command's --help text, in
// a temporary folder, and expects each to succeed.
func TestCommandExamples(t *testing.T) {
	t.Chdir(t.TempDir())
	clearShardEnv(t)
	re := regexp.MustCompile(`(?m)^\s+\$ caresim (.+)$`)
	n := 0
	for _, c := range commands() {
		for _, m := range re.FindAllStringSubmatch(c.long, -1) {
			n++
			args := strings.Fields(m[1])
			if args[0] != c.name {
				t.Errorf("%s --help: example %q runs another command", c.name, m[1])
			}
			if testing.Short() && c.name == "validate" && !strings.Contains(m[1], "--quick") {
				continue
			}
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != 0 {
				t.Errorf("caresim %s: exit %d\n%s", m[1], code, stderr.String())
			}
		}
	}
	if n < len(commands()) {
		t.Errorf("only %d examples for %d commands: each command's help needs one", n, len(commands()))
	}
}
