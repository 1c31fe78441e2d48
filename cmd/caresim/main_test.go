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
	code := m.Run()
	removeShared()
	os.Exit(code)
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
		{"validate-quick", validateQuick, 0},
		{"validate-csv", []string{"validate", "--quick", "--reps", "3", "--format", "csv", "--out", ""}, 0},
		{"validate-bad-reps", []string{"validate", "--reps", "1"}, 2},
		{"validate-bad-flag", []string{"validate", "--replications", "4"}, 2},
		{"check-builtins", []string{"check", "baseline", "better-together", "textbook-tandem"}, 0},
		{"check-broken", []string{"check", "../../scenarios/testdata/load/many.yaml", "../../scenarios/testdata/load/unknown-path.yaml", "textbook-mmc"}, 1},
		{"check-set", []string{"check", "--set", "services.ed.cubicles=many", "--set", "services.ed.cubicle=3", "textbook-mmc"}, 1},
		// A value far outside its documented range: a warning, exit 0.
		{"check-range", []string{"check", "--set", "services.urgent_community_response.admit=80%", "baseline"}, 0},
		{"check-no-args", []string{"check"}, 2},
		{"scenarios", []string{"scenarios"}, 0},
		{"show", []string{"show", "textbook-mmc"}, 0},
		{"show-resolved", []string{"show", "--set", "services.ed.cubicles=12", "--set", "demand.urgent.routes.walk-in.per_day=240", "textbook-mmc"}, 0},
		{"show-unknown", []string{"show", "baseline.yaml"}, 2},
		{"unknown-command", []string{"simulate"}, 2},
		{"no-command", nil, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && c.name == "validate-csv" {
				t.Skip("runs the quick validation again (5 s of CPU), in CSV: validate-quick runs it under -short")
			}
			checkGolden(t, c.name, c.args, c.code)
		})
	}
}

// validateQuick is the quick validation that TestGolden pins, the package
// comment's example runs and TestValidateWritesCSV reads: one run, shared
// (sharedRun), for about 5 s of CPU.
var validateQuick = []string{"validate", "--quick", "--reps", "4", "--out", "OUT"}

// checkGolden runs a command line and compares its exit status, stdout and
// stderr with the golden files NAME.stdout and NAME.stderr. The token OUT
// in args and in the goldens stands for a temporary folder. The run is
// shared with any other test that runs the same command line (see
// sharedRun).
func checkGolden(t *testing.T, name string, args []string, code int) {
	t.Helper()
	checkResult(t, name, sharedRun(t, args...), code)
}

// checkGoldenIn is checkGolden with OUT standing for the folder out, and
// a run of its own.
func checkGoldenIn(t *testing.T, out, name string, args []string, code int) {
	t.Helper()
	args = slices.Clone(args)
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, "OUT", out)
	}
	var stdout, stderr bytes.Buffer
	r := &sharedResult{code: run(args, &stdout, &stderr), out: out}
	r.stdout = strings.ReplaceAll(stdout.String(), out, "OUT")
	r.stderr = strings.ReplaceAll(stderr.String(), out, "OUT")
	checkResult(t, name, r, code)
}

// checkResult compares a run's exit status with code, and its stdout and
// stderr with the golden files NAME.stdout and NAME.stderr.
func checkResult(t *testing.T, name string, r *sharedResult, code int) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit status %d, want %d; stderr:\n%s", r.code, code, r.stderr)
	}
	compareGolden(t, name+".stdout", r.stdout)
	compareGolden(t, name+".stderr", r.stderr)
}

// compareGolden compares got with the golden file testdata/NAME (see
// golden.Check: NAME.stdout's mismatch goes to NAME.got-stdout).
func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// TestValidateWritesCSV checks that validate writes validation.csv with a
// row per check, and leaves no temporary file behind. It reads the quick
// validation TestGolden pins.
func TestValidateWritesCSV(t *testing.T) {
	r := sharedRun(t, validateQuick...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(r.out, "validation.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "case,measure,expected,simulated,ci_low,ci_high,reps,test,pass,source" || len(lines) < 30 {
		t.Errorf("validation.csv: %d lines, header %q", len(lines), lines[0])
	}
	w, err := os.ReadFile(filepath.Join(r.out, "window.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// A row per series of the built-in mid-notts data: A&E departures and
	// breaches by month, 4-hour performance and the acute deficit by year.
	if lines := strings.Split(strings.TrimSpace(string(w)), "\n"); lines[0] != "measure,periods,unit,simulated,outside_run,bias,bias_%,mape_%,in_band" || len(lines) != 5 {
		t.Errorf("window.csv: %d lines, header %q; want a header and 4 series", len(lines), lines[0])
	}
	entries, _ := os.ReadDir(r.out)
	if len(entries) != 2 {
		t.Errorf("out holds %d entries, want only validation.csv and window.csv", len(entries))
	}
}

// TestDocExamples runs the "$ caresim ..." examples of the package
// comment, the command's manual, and compares each one's stdout with the
// lines that follow it there (see matchOutput), as benchstat's tests do,
// so that the manual's examples and what they show keep working. They run
// in a temporary folder, and an argument under /tmp/ stands for one too.
// The runs are shared (sharedRun): the quick validation is the one
// TestGolden pins, and the comparison is also an example of compare's
// --help, which TestCommandExamples runs. Under -short an example that
// runs the full validation is skipped.
func TestDocExamples(t *testing.T) {
	clearShardEnv(t)
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	examples := docExamples(string(src))
	if len(examples) == 0 {
		t.Fatal("no examples in the package comment")
	}
	for _, ex := range examples {
		args := strings.Fields(ex.args)
		for i, a := range args {
			if strings.HasPrefix(a, "/tmp/") {
				args[i] = "OUT"
			}
		}
		if testing.Short() && args[0] == "validate" && !slices.Contains(args, "--quick") {
			t.Logf("caresim %s: skipped under -short: it runs the full validation", ex.args)
			continue
		}
		if len(ex.want) == 0 {
			t.Errorf("caresim %s: no output follows the example", ex.args)
		}
		r := sharedRun(t, args...)
		if r.code != 0 {
			t.Errorf("caresim %s: exit %d\n%s", ex.args, r.code, r.stderr)
			continue
		}
		got := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
		if !matchOutput(ex.want, got) {
			t.Errorf("caresim %s: stdout does not match the package comment's (a line ... matches any lines, ... in a line any text):\n%s",
				ex.args, golden.Diff("main.go", "stdout", strings.Join(ex.want, "\n")+"\n", strings.Join(got, "\n")+"\n"))
		}
	}
}

// TestCommandExamples runs the examples in every command's --help text, in
// a temporary folder, and expects each to succeed. The runs are shared
// (sharedRun) with the tests that run the same command lines.
//
// It leaves out "caresim validate" with its defaults: that is
// validation.KernelChecks and validation.ModelChecks with their default
// options, whose every check package validation's TestKernelAgainstTheory
// and TestModelChecks make and require to pass (about 15 s of CPU
// again). Under -short it leaves out the quick validation too, which
// TestGolden runs (validate-quick).
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
			if c.name == "validate" && (testing.Short() || !slices.Contains(args, "--quick")) {
				continue
			}
			if r := sharedRun(t, args...); r.code != 0 {
				t.Errorf("caresim %s: exit %d\n%s", m[1], r.code, r.stderr)
			}
		}
	}
	if n < len(commands()) {
		t.Errorf("only %d examples for %d commands: each command's help needs one", n, len(commands()))
	}
}
