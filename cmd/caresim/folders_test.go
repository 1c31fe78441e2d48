package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"caresim/results"
)

// writeScenario writes a scenario file at path that extends textbook-mmc
// under name.
func writeScenario(t *testing.T, path, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("extends: textbook-mmc\nname: "+name+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestScenarioNameIsNoPath runs a scenario file, from someone else, whose
// name is a path: run (which writes to out/NAME) and compare (NAME/ in
// --out) must refuse it at its position and write nothing anywhere.
func TestScenarioNameIsNoPath(t *testing.T) {
	root := t.TempDir()
	work := filepath.Join(root, "a", "b")
	writeScenario(t, filepath.Join(work, "escape.yaml"), "../../escaped")
	writeScenario(t, filepath.Join(work, "dots.yaml"), `".."`)
	t.Chdir(work)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"run", "--quiet", "--reps", "2", "--set", "horizon=10d", "--no-plots", "escape.yaml"}, `escape.yaml:2:7: name: "../../escaped" holds a path separator`},
		{[]string{"run", "--quiet", "--reps", "2", "--set", "horizon=10d", "--no-plots", "dots.yaml"}, `dots.yaml:2:7: name: ".." starts with a dot`},
		{[]string{"compare", "--quiet", "--reps", "2", "--set", "horizon=10d", "--no-plots", "--out", "cmp", "textbook-mmc", "dots.yaml"}, `dots.yaml:2:7: name: ".." starts with a dot`},
		{[]string{"check", "escape.yaml"}, `escape.yaml:2:7: name:`},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), c.msg) {
			t.Errorf("caresim %s: exit %d, stderr %q; want 1 and %q", strings.Join(c.args, " "), code, stderr.String(), c.msg)
		}
	}
	var found []string
	filepath.WalkDir(root, func(path string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && !strings.HasSuffix(path, ".yaml") {
			found = append(found, path)
		}
		return err
	})
	if len(found) > 0 {
		t.Errorf("wrote %s", strings.Join(found, ", "))
	}
}

// TestCompareFoldersApart compares two scenarios of one name, labelled
// by their paths, whose paths would make one subfolder: compare must
// refuse rather than write both scenarios' files into it.
func TestCompareFoldersApart(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	a, b := filepath.Join(root, "a", "x.yaml"), filepath.Join(root, "a-x.yaml")
	writeScenario(t, a, "same")
	writeScenario(t, b, "same")
	out := filepath.Join(root, "cmp")
	var stdout, stderr bytes.Buffer
	code := run([]string{"compare", "--quiet", "--reps", "2", "--set", "horizon=10d", "--no-plots", "--out", out, a, b}, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "would share the folder") {
		t.Errorf("exit %d, stderr %q; want 2 and a shared folder refused", code, stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("compare wrote %s", out)
	}
}

// mmcRun is a short run of the textbook M/M/c queue, which draws one
// chart, ae-performance.
func mmcRun(out string, extra ...string) []string {
	return append([]string{"run", "--quiet", "--reps", "2", "--set", "horizon=10d", "--set", "warm_up.length=1d", "--out", out}, append(extra, "textbook-mmc")...)
}

// runCode runs a command line and returns its exit status and stderr.
func runCode(args ...string) (int, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stderr.String()
}

// TestRunReplacesFolder runs into a folder that holds an earlier run's
// results and charts and a file of the user's: with --no-plots, the
// earlier chart must go (it no longer agrees with the results), and the
// user's file stay; a temporary file that a killed run left must go too.
func TestRunReplacesFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := runFiles(t, dir, mmcRun(dir)...)
	if _, ok := files["ae-performance.png"]; !ok {
		t.Fatal("the first run drew no ae-performance.png")
	}
	for name, text := range map[string]string{"notes.txt": "mine", ".daily.csv.tmp2857310": "half a file", ".los.csv.caresim-tmp12": "half"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files = runFiles(t, dir, mmcRun(dir, "--no-plots", "--seed", "2")...)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	want := append([]string{results.ManifestName}, "annual.csv", "daily.csv", "los.csv", "metrics.csv", "notes.txt", "report.html", "results.xlsx", "summary.json")
	if !slices.Equal(names, want) {
		t.Errorf("folder holds %q, want %q", names, want)
	}
}

// TestCompareReplacesFolder compares into a folder that holds another
// comparison: the scenario no longer compared must go with its folder.
func TestCompareReplacesFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cmp := func(b string) []string {
		return []string{"compare", "--quiet", "--reps", "2", "--set", "horizon=10d", "--set", "warm_up.length=1d", "--no-plots", "--out", dir, "textbook-mmc", b}
	}
	runFiles(t, dir, cmp("testdata/mmc-11.yaml")...)
	files := runFiles(t, dir, cmp("textbook-loss")...)
	for n := range files {
		if strings.HasPrefix(n, "mmc-11") {
			t.Errorf("%s stays from the comparison before", n)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "mmc-11")); err == nil {
		t.Error("the folder mmc-11 stays from the comparison before")
	}
	if _, ok := files[filepath.Join("textbook-loss", "daily.csv")]; !ok {
		t.Error("no textbook-loss/daily.csv")
	}
}

// TestPlotRefusesPartWritten stops a second run while it renames its
// files into place (los.csv cannot be renamed onto a folder of that
// name, as a kill would stop it), so that the folder holds the second
// run's summary beside the first run's lengths of stay: plot must refuse
// it, and a new run must make it whole.
func TestPlotRefusesPartWritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runFiles(t, dir, mmcRun(dir, "--no-plots")...)
	if err := os.Remove(filepath.Join(dir, "los.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "los.csv", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, stderr := runCode(mmcRun(dir, "--no-plots", "--seed", "2")...); code != 1 {
		t.Fatalf("a run whose los.csv is a folder: exit %d, %s", code, stderr)
	}
	if err := os.RemoveAll(filepath.Join(dir, "los.csv")); err != nil {
		t.Fatal(err)
	}
	if code, stderr := runCode("plot", "--quiet", dir); code != 1 || !strings.Contains(stderr, "part-written") {
		t.Errorf("plot of a part-written folder: exit %d, stderr %q; want 1 and part-written", code, stderr)
	}
	runFiles(t, dir, mmcRun(dir, "--no-plots", "--seed", "2")...)
	if code, stderr := runCode("plot", "--quiet", dir); code != 0 {
		t.Errorf("plot after a new run: exit %d, %s", code, stderr)
	}
}

// TestOutputIsNoInput gives an output that is one of the command's
// inputs: merge into one of its shards' folders, and run's event log
// over its scenario file. Both must be refused with the input unchanged.
func TestOutputIsNoInput(t *testing.T) {
	clearShardEnv(t)
	base := t.TempDir()
	var shards []string
	for k := 1; k <= 2; k++ {
		dir := filepath.Join(base, fmt.Sprintf("shard-%d", k))
		runSweep(t, dir, sweepArgs(dir, "--no-plots", "--shard", fmt.Sprintf("%d/2", k))...)
		shards = append(shards, dir)
	}
	before := readFiles(t, shards[0])
	// The same folder spelt another way.
	code, stderr := runCode("merge", "--quiet", "--out", shards[0]+string(filepath.Separator)+".", shards[0], shards[1])
	if code != 2 || !strings.Contains(stderr, "is the shard folder") {
		t.Errorf("merge into a shard: exit %d, stderr %q; want 2 and the shard named", code, stderr)
	}
	if after := readFiles(t, shards[0]); !maps.EqualFunc(after, before, bytes.Equal) {
		t.Error("merge changed the shard's folder")
	}

	scenario := filepath.Join(base, "mine.yaml")
	writeScenario(t, scenario, "mine")
	orig, _ := os.ReadFile(scenario)
	code, stderr = runCode("run", "--quiet", "--reps", "2", "--set", "horizon=10d", "--out", filepath.Join(base, "out"), "--events", scenario, scenario)
	if code != 2 || !strings.Contains(stderr, "is the scenario file") {
		t.Errorf("--events over the scenario: exit %d, stderr %q; want 2", code, stderr)
	}
	if b, _ := os.ReadFile(scenario); !bytes.Equal(b, orig) {
		t.Errorf("the scenario file now holds %.80q", b)
	}
}

// TestRunUnwritableFolder runs into a folder that cannot be written: run
// must say so before it simulates (here, before it sees that it was
// interrupted), not after the replications.
func TestRunUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes any folder")
	}
	t.Parallel()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	r := newRunCmd(fs)
	if err := fs.Parse(mmcRun(dir)[1:]); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err := r.exec(ctx, fs.Args(), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "cannot be written") {
		t.Errorf("error %v, want the folder named as one that cannot be written", err)
	}
}

// TestSweepResumedTwiceAtOnce starts a sweep in a child process and,
// while it runs, resumes the same folder, as a requeued Slurm task or a
// retried pod does while the first still runs: the second must be
// refused, and the first finish with the rows of an uninterrupted sweep,
// each once.
func TestSweepResumedTwiceAtOnce(t *testing.T) {
	clearShardEnv(t)
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	_, want := runSweep(t, whole, longSweep(whole)...)

	dir := filepath.Join(base, "twice")
	csvPath := filepath.Join(dir, "sweep.csv")
	var childErr bytes.Buffer
	cmd := startSweep(t, longSweep(dir, "--workers", "1"), csvPath, 2, &childErr)
	code, stderr := runCode(longSweep(dir, "--resume")...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the first sweep: %v\n%s", err, childErr.String())
	}
	if code != 1 || !strings.Contains(stderr, "another caresim is writing") {
		t.Errorf("the second sweep: exit %d, stderr %q; want 1 and the folder busy", code, stderr)
	}
	got, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want["sweep.csv"]) {
		t.Errorf("sweep.csv has %d lines, want %d, as the uninterrupted sweep's", bytes.Count(got, []byte("\n")), bytes.Count(want["sweep.csv"], []byte("\n")))
	}
}

// TestSweepResumeRepairsTwice gives --resume a sweep.csv whose rows are
// there twice, as two sweeps of one folder at once wrote them before the
// folder was locked (their rows are the same, from the same seed): it
// must drop the second of each, saying so, and finish with the files of
// an uninterrupted sweep.
func TestSweepResumeRepairsTwice(t *testing.T) {
	clearShardEnv(t)
	_, want := sharedSweep(t)
	dir := t.TempDir()
	full := want["sweep.csv"]
	lines := bytes.SplitAfter(full, []byte("\n"))
	// Rows 1 to 8 of 36, then rows 3 to 8 again and row 9, as a second
	// sweep begun after the first had written two rows would write them;
	// the rest is left to --resume.
	twice := slices.Concat(lines[:9], lines[3:10])
	runSweep(t, dir, sweepArgs(dir)...)
	if err := os.WriteFile(filepath.Join(dir, "sweep.csv"), bytes.Join(twice, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stderr := runCode(sweepArgs(dir, "--resume")...)
	if code != 0 || !strings.Contains(stderr, "sweep.csv: dropped 6 rows repeated identically, the first at line 10 (as line 4)") {
		t.Errorf("exit %d, stderr %q; want 0 and the rows dropped", code, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "sweep.csv")); !bytes.Equal(got, full) {
		t.Errorf("sweep.csv after --resume differs from the uninterrupted sweep's:\n%.600s", got)
	}
}
