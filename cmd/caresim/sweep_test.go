package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"

	"github.com/spf13/pflag"
)

// TestSweepGolden pins sweep's report and messages on the textbook
// queues, cut to a month or two: a grid of a list and a range, a Latin
// hypercube of whole numbers, a shard, and the problems a user meets,
// each at its --set or --range position.
func TestSweepGolden(t *testing.T) {
	clearShardEnv(t)
	grid := []string{"sweep", "--reps", "2", "--set", "horizon=30d", "--set", "warm_up.length=2d",
		"--set", "services.ed.cubicles=10,11", "--set", "services.ed.treatment.mean=50min:60min:10min", "--out", "OUT", "textbook-mmc"}
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"sweep-grid", grid, 0},
		{"sweep-shard", append([]string{"sweep", "--shard", "2/3"}, grid[1:]...), 0},
		{"sweep-lhs", []string{"sweep", "--quiet", "--reps", "2", "--seed", "7", "--set", "horizon=60d", "--lhs", "4",
			"--range", "services.acute.beds=18:24", "--range", "services.intermediate_care.length_of_stay.mean=4d:6d", "--out", "OUT", "textbook-tandem"}, 0},
		// Metrics chosen with --columns, printed whether or not they vary;
		// eight points, so a row per point, the parameters to four figures.
		{"sweep-columns", []string{"sweep", "--quiet", "--reps", "2", "--seed", "7", "--set", "horizon=30d", "--lhs", "8",
			"--range", "services.ed.treatment.mean=50min:60min", "--columns", "ed_4h_performance,acute_occupancy_mean",
			"--out", "OUT", "textbook-mmc"}, 0},
		{"sweep-bad-columns", []string{"sweep", "--set", "services.ed.cubicles=10,11", "--columns", "ed_4h_performance,ed_4h_perfomance",
			"--out", "OUT", "textbook-mmc"}, 2},
		// Every bad value, at its place in its list, and a bad override.
		{"sweep-bad-value", []string{"sweep", "--set", "services.ed.cubicles=10, x,-1", "--set", "services.ed.cubicle=3", "--out", "OUT", "textbook-mmc"}, 1},
		// A value a range makes, named with its point.
		{"sweep-bad-range-value", []string{"sweep", "--lhs", "3", "--range", "services.ed.cubicles=-3:12", "--out", "OUT", "textbook-mmc"}, 1},
		{"sweep-no-step", []string{"sweep", "--set", "services.ed.treatment.mean=1h:2h", "--range", "services.ed.cubicles=1:x", "textbook-mmc"}, 2},
		{"sweep-nothing", []string{"sweep", "--set", "services.ed.cubicles=10", "textbook-mmc"}, 2},
		{"sweep-seed", []string{"sweep", "--set", "seed=1,2", "textbook-mmc"}, 2},
		{"sweep-bad-shard", []string{"sweep", "--shard", "3/2", "--set", "services.ed.cubicles=10,11", "textbook-mmc"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkGolden(t, c.name, c.args, c.code) })
	}
}

// sweepArgs is a grid of 12 points on the M/M/c queue, two weeks each,
// writing to out.
func sweepArgs(out string, extra ...string) []string {
	return append([]string{"sweep", "--quiet", "--reps", "3", "--set", "horizon=14d", "--set", "warm_up.length=1d",
		"--set", "services.ed.cubicles=10,11,12", "--set", "demand.urgent.routes.walk-in.per_day=200:230:10", "--out", out}, append(extra, "textbook-mmc")...)
}

// runSweep runs caresim with args and returns stdout and the files in
// the folder out.
func runSweep(t *testing.T, out string, args ...string) (string, map[string][]byte) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("caresim %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	files := map[string][]byte{}
	for _, name := range []string{"sweep.csv", "sweep.json", "report.html", results.WorkbookName} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	return stdout.String(), files
}

// sameFiles reports the files of want that got lacks or holds otherwise.
func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s: %s differs\n--- want\n%.600s\n--- got\n%.600s", what, name, w, got[name])
		}
	}
}

// TestSweepFiles reads sweep.csv back: the header, a row per point and
// replication in order, the parameters in the model's units, and the
// same arrivals at every point of the same demand (common random
// numbers).
func TestSweepFiles(t *testing.T) {
	clearShardEnv(t)
	_, files := sharedSweep(t)
	recs, err := csv.NewReader(bytes.NewReader(files["sweep.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := append([]string{"point", "replication", "services.ed.cubicles", "demand.urgent.routes.walk-in.per_day"}, metricNames()...)
	if !slices.Equal(recs[0], header) {
		t.Errorf("header %q\nwant %q", recs[0], header)
	}
	if len(recs) != 1+12*3 {
		t.Fatalf("%d rows, want 36", len(recs)-1)
	}
	att := 4 + care.MetricEDAttendances
	for i, r := range recs[1:] {
		p, rep := i/3, i%3
		cubicles, perDay := strconv.Itoa(10+p/4), strconv.Itoa(200+10*(p%4))
		if r[0] != strconv.Itoa(p) || r[1] != strconv.Itoa(rep) || r[2] != cubicles || r[3] != perDay {
			t.Errorf("row %d = %q, want point %d replication %d, %s cubicles, %s a day", i+1, r[:4], p, rep, cubicles, perDay)
		}
		// The arrivals do not depend on the cubicles: points 0, 4 and 8
		// differ only in those.
		if p >= 4 && r[att] != recs[1+i-12][att] {
			t.Errorf("point %d replication %d: %s attendances, but %s at point %d", p, rep, r[att], recs[1+i-12][att], p-4)
		}
	}
	if !bytes.Contains(files["sweep.json"], []byte(`"unit": "per day"`)) {
		t.Errorf("sweep.json does not give the demand's unit:\n%s", files["sweep.json"])
	}
}

func metricNames() []string {
	var out []string
	for _, m := range sim.MetricMeasures(false) {
		out = append(out, m.Name)
	}
	return out
}

// TestSweepMoneyHeader sweeps the baseline, whose money section prices
// its runs, for a year at two bed counts: sweep.csv's header, written
// before any point runs, ends with the money metrics, every row has them,
// and the table shows the system's deficits. Structure only: the values
// move with the baseline's calibration.
func TestSweepMoneyHeader(t *testing.T) {
	clearShardEnv(t)
	dir := t.TempDir()
	stdout, files := runSweep(t, dir, "sweep", "--quiet", "--reps", "2", "--set", "horizon=1y", "--set", "services.acute.beds=660,720", "--no-plots", "--out", dir, "baseline")
	recs, err := csv.NewReader(bytes.NewReader(files["sweep.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := slices.Concat([]string{"point", "replication", "services.acute.beds"}, metricNames(), sim.MoneyMetricNames)
	if !slices.Equal(recs[0], header) {
		t.Errorf("header %q\nwant %q", recs[0], header)
	}
	if len(recs) != 1+2*2 {
		t.Fatalf("%d rows, want 4", len(recs)-1)
	}
	for _, r := range recs[1:] {
		for i, c := range r[len(r)-len(sim.MoneyMetricNames):] {
			if _, err := strconv.ParseFloat(c, 64); err != nil {
				t.Errorf("point %s replication %s: %s = %q, want pounds", r[0], r[1], sim.MoneyMetricNames[i], c)
			}
		}
	}
	if !bytes.Contains(files["sweep.json"], []byte(`"name": "deficit_cumulative_gbp_commissioners"`)) {
		t.Errorf("sweep.json does not describe the money metrics")
	}
	if !regexp.MustCompile(`\ndeficit_final_year_gbp +-?£[0-9.]+m +-?£[0-9.]+m\ndeficit_cumulative_gbp +-?£[0-9.]+m +-?£[0-9.]+m\n`).MatchString(stdout) {
		t.Errorf("the table does not show the system's deficits in £m:\n%s", stdout)
	}
}

// TestSweepMoneyParameter sweeps a money parameter of a priced scenario:
// each point is priced with its own money section, so a million pounds
// more of the acute trust's funding, in its first year (no growth yet),
// lowers its deficit and the system's by £1m × 30/365 in thirty days, in
// every replication, and leaves the commissioners' alone.
func TestSweepMoneyParameter(t *testing.T) {
	clearShardEnv(t)
	dir := t.TempDir()
	_, files := runSweep(t, dir, "sweep", "--quiet", "--reps", "2", "--set", "horizon=30d", "--set", "warm_up.length=2d",
		"--set", "money.organisations[0].funding=£1m,£2m", "--out", dir, "testdata/mmc-money.yaml")
	recs, err := csv.NewReader(bytes.NewReader(files["sweep.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(recs[0], name) }
	value := func(row int, name string) float64 {
		x, err := strconv.ParseFloat(recs[row][col(name)], 64)
		if err != nil {
			t.Fatalf("row %d: %s: %v", row, name, err)
		}
		return x
	}
	const less = 1e6 * 30 / 365
	for rep := 1; rep <= 2; rep++ { // rows 1 and 2 are point 0, 3 and 4 point 1
		for name, want := range map[string]float64{"deficit_final_year_gbp": -less, "deficit_final_year_gbp_acute": -less, "deficit_final_year_gbp_commissioners": 0} {
			// The two deficits differ by one funding line, of about
			// £80k: a micropound is rounding.
			if d := value(rep+2, name) - value(rep, name); math.Abs(d-want) > 1e-6 {
				t.Errorf("replication %d: %s moves by %.6f, want %.6f", rep-1, name, d, want)
			}
		}
	}
}

// TestSweepWorkersInvariant expects the same files and report whatever
// --workers is: one replication at a time, two (whose 3 replications a
// point shares with the next), or several points at once (7 workers for 3
// replications).
func TestSweepWorkersInvariant(t *testing.T) {
	clearShardEnv(t)
	var outs []string
	var files []map[string][]byte
	for _, w := range []string{"1", "2", "7"} {
		dir := t.TempDir()
		o, f := runSweep(t, dir, sweepArgs(dir, "--workers", w)...)
		outs, files = append(outs, o), append(files, f)
	}
	for i, w := range []string{"2", "7"} {
		sameFiles(t, "--workers "+w+" against 1", files[i+1], files[0])
		if outs[i+1] != outs[0] {
			t.Errorf("--workers %s: stdout differs:\n%s\n%s", w, outs[i+1], outs[0])
		}
	}
}

// TestShardMerge splits the sweep in three (by --shard, by a Slurm array
// numbered from 1, by a Kubernetes indexed Job), merges the parts in a
// shuffled order, and expects the files and report of one machine, byte
// for byte.
func TestShardMerge(t *testing.T) {
	clearShardEnv(t)
	base := t.TempDir()
	wantOut, want := sharedSweep(t)

	var dirs []string
	for k := 1; k <= 3; k++ {
		dir := filepath.Join(base, fmt.Sprint("shard", k))
		dirs = append(dirs, dir)
		switch k {
		case 1:
			runSweep(t, dir, sweepArgs(dir, "--shard", "1/3")...)
		case 2:
			t.Setenv("SLURM_ARRAY_TASK_ID", "2")
			t.Setenv("SLURM_ARRAY_TASK_MIN", "1")
			t.Setenv("SLURM_ARRAY_TASK_COUNT", "3")
			runSweep(t, dir, sweepArgs(dir)...)
			clearShardEnv(t)
		case 3:
			t.Setenv("JOB_COMPLETION_INDEX", "2")
			runSweep(t, dir, sweepArgs(dir, "--shards", "3")...)
			clearShardEnv(t)
		}
	}
	merged := filepath.Join(base, "merged")
	gotOut, got := runSweep(t, merged, "merge", "--quiet", "--out", merged, dirs[2], dirs[0], dirs[1])
	sameFiles(t, "merged shards", got, want)
	if gotOut != wantOut {
		t.Errorf("merge printed\n%s\nwant, as the one-machine sweep,\n%s", gotOut, wantOut)
	}
}

// TestSweepResumeAfterKill kills a sweep (SIGKILL, in a child process)
// once it has written a few rows, resumes it, and expects the files of an
// uninterrupted sweep. Whether the kill tears a row is chance; the torn
// row is tested by TestSweepResumeTorn.
func TestSweepResumeAfterKill(t *testing.T) {
	clearShardEnv(t)
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	wantOut, want := runSweep(t, whole, longSweep(whole)...)

	dir := filepath.Join(base, "killed")
	csvPath := filepath.Join(dir, "sweep.csv")
	cmd := startSweep(t, longSweep(dir, "--workers", "1"), csvPath, 5, nil)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(b, want["sweep.csv"]) {
		t.Fatal("the sweep finished before it was killed: give it more points")
	}
	t.Logf("killed with %d bytes of %d written", len(b), len(want["sweep.csv"]))

	gotOut, got := runSweep(t, dir, longSweep(dir, "--resume")...)
	sameFiles(t, "resumed after SIGKILL", got, want)
	if gotOut != wantOut {
		t.Errorf("resumed sweep printed\n%s\nwant\n%s", gotOut, wantOut)
	}
}

// startSweep starts the sweep of args in a child process, its stderr
// to stderr (when not nil), and returns it once csvPath holds rows rows.
func startSweep(t *testing.T, args []string, csvPath string, rows int, stderr io.Writer) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CARESIM_TEST_ARGS="+strings.Join(args, "\n"))
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		b, _ := os.ReadFile(csvPath)
		if bytes.Count(b, []byte("\n")) >= 1+rows {
			return cmd
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the sweep wrote no rows in 20 s")
		}
		time.Sleep(time.Millisecond)
	}
}

// longSweep is a sweep of 40 points of two replications, about a second
// on one core, without charts: the tests of resuming read only sweep.csv
// and sweep.json.
func longSweep(out string, extra ...string) []string {
	return append([]string{"sweep", "--quiet", "--reps", "2", "--set", "horizon=30d", "--set", "warm_up.length=1d",
		"--set", "services.ed.cubicles=11:20:1", "--set", "demand.urgent.routes.walk-in.per_day=200,210,220,230", "--no-plots", "--out", out}, append(extra, "textbook-mmc")...)
}

// TestSweepResumeTorn cuts a finished sweep.csv short at several places
// (inside the header, after it, inside a row, between two replications
// of a point, between points) and expects --resume to drop the torn row,
// run what is missing and give the uninterrupted files.
func TestSweepResumeTorn(t *testing.T) {
	clearShardEnv(t)
	base := t.TempDir()
	_, want := sharedSweep(t)
	full := want["sweep.csv"]
	lines := bytes.SplitAfter(full, []byte("\n"))
	at := func(line int) int { return len(bytes.Join(lines[:line], nil)) }
	for _, c := range []struct {
		name string
		size int
	}{
		{"inside the header", 10},
		{"after the header", at(1)},
		{"inside a row", at(5) + 17},
		{"between replications", at(1 + 3*2 + 1)},
		{"between points", at(1 + 3*4)},
		{"inside the last row", len(full) - 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(base, strings.ReplaceAll(c.name, " ", "-"))
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "sweep.json"), want["sweep.json"], 0o644)
			os.WriteFile(filepath.Join(dir, "sweep.csv"), full[:c.size], 0o644)
			_, got := runSweep(t, dir, sweepArgs(dir, "--resume")...)
			sameFiles(t, "resumed", got, want)
		})
	}
}

// TestSweepInterrupted cancels a sweep before its first point, as Ctrl-C
// does: an error that says how to go on, the header and no row, and a
// resume that gives the whole sweep.
func TestSweepInterrupted(t *testing.T) {
	clearShardEnv(t)
	base := t.TempDir()
	_, want := sharedSweep(t)

	dir := filepath.Join(base, "stopped")
	fs := pflag.NewFlagSet("sweep", pflag.ContinueOnError)
	sc := newSweepCmd(fs)
	if err := fs.Parse(sweepArgs(dir)[1:]); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err := sc.exec(ctx, fs.Args(), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "interrupted") || !strings.Contains(err.Error(), "--resume") {
		t.Errorf("error %v, want interrupted, with --resume", err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "sweep.csv"))
	if n := bytes.Count(b, []byte("\n")); n != 1 {
		t.Errorf("sweep.csv has %d lines, want the header", n)
	}
	_, got := runSweep(t, dir, sweepArgs(dir, "--resume")...)
	sameFiles(t, "resumed", got, want)
}

// TestSweepRefuses checks that sweep leaves a folder holding a sweep
// alone without --resume, and that --resume refuses another sweep's or
// another shard's folder, or rows that are not this sweep's.
func TestSweepRefuses(t *testing.T) {
	clearShardEnv(t)
	dir := t.TempDir()
	runSweep(t, dir, sweepArgs(dir)...)
	for _, c := range []struct {
		name string
		args []string
		edit func(csv []byte) []byte
		want string
	}{
		{"no --resume", sweepArgs(dir), nil, "already holds a sweep: continue it with --resume"},
		{"another grid", sweepArgs(dir, "--resume", "--set", "services.ed.treatment.mean=2h"), nil, "holds another sweep: its digest differs"},
		{"another seed", sweepArgs(dir, "--resume", "--seed", "9"), nil, "holds another sweep: its seed differs"},
		{"another shard", sweepArgs(dir, "--resume", "--shard", "1/2"), nil, "holds shard 1/1, not 1/2"},
		{"a changed value", sweepArgs(dir, "--resume"), func(b []byte) []byte { return bytes.Replace(b, []byte("\n3,0,10,230,"), []byte("\n3,0,10,231,"), 1) },
			"sweep.csv:11: point 3 has services.ed.cubicles, demand.urgent.routes.walk-in.per_day = 10, 231 here, but 10, 230 in this sweep"},
		{"a row twice, unlike", sweepArgs(dir, "--resume"), func(b []byte) []byte {
			row := b[bytes.IndexByte(b, '\n')+1:]
			row = row[:bytes.IndexByte(row, '\n')+1]
			return append(b, bytes.Replace(row, []byte("0,0,10,200,"), []byte("0,0,10,200,1"), 1)...)
		}, "sweep.csv:38: point 0 replication 0 is there twice, with other values than at line 2"},
		{"a cell not a number", sweepArgs(dir, "--resume"), func(b []byte) []byte { return bytes.Replace(b, []byte("\n3,0,10,230,"), []byte("\n3,0,10,230,NaN"), 1) },
			`sweep.csv:11: column 5 (ed_attendances_per_year): "NaN`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "sweep.csv")
			orig, _ := os.ReadFile(path)
			if c.edit != nil {
				os.WriteFile(path, c.edit(orig), 0o644)
				defer os.WriteFile(path, orig, 0o644)
			}
			var stdout, stderr bytes.Buffer
			if code := run(c.args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), c.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), c.want)
			}
			if now, _ := os.ReadFile(path); !bytes.Equal(now, orig) && c.edit == nil {
				t.Error("sweep.csv changed")
			}
		})
	}
}

// TestResolveShard reads shards from the flags and from the variables
// of Slurm arrays (numbered from 0 or 1, with a step) and Kubernetes
// indexed Jobs.
func TestResolveShard(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		flag   string
		shards int
		env    map[string]string
		want   string // K/N, or the start of the error
	}{
		{"", 0, nil, "1/1"},
		{"2/5", 0, nil, "2/5"},
		{"2/5", 5, nil, "2/5"},
		{"2/5", 4, nil, "usage: --shard 2/5 and --shards 4 disagree"},
		{"0/5", 0, nil, "usage: --shard: want K/N"},
		{"6/5", 0, nil, "usage: --shard: want K/N"},
		{"2", 0, nil, "usage: --shard: want K/N"},
		{"", 3, nil, "usage: --shards goes with"},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4"}, "1/4"},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"}, "4/4"},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "3"}, "usage: SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT"},
		{"", 4, map[string]string{"SLURM_ARRAY_TASK_ID": "3"}, "4/4"},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "14", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "3"}, "3/3"},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "13", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "3"}, "usage: SLURM_ARRAY_TASK_ID=13 is not one of"},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"}, "usage: SLURM_ARRAY_TASK_ID=4 is not one of"},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "4"}, "usage: SLURM_ARRAY_TASK_ID=\"x\" is not a whole number"},
		{"1/2", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"}, "1/2"}, // the flag wins
		{"", 3, map[string]string{"JOB_COMPLETION_INDEX": "0"}, "1/3"},
		{"", 3, map[string]string{"JOB_COMPLETION_INDEX": "2"}, "3/3"},
		{"", 3, map[string]string{"JOB_COMPLETION_INDEX": "3"}, "usage: JOB_COMPLETION_INDEX=3 is not below --shards 3"},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "1"}, "usage: JOB_COMPLETION_INDEX is set: give --shards N"},
	} {
		s, err := resolveShard(c.flag, c.shards, func(k string) string { return c.env[k] })
		got := s.String()
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("--shard %q --shards %d %v: %q, want %q", c.flag, c.shards, c.env, got, c.want)
		}
		if err != nil && !errors.Is(err, errUsage) {
			t.Errorf("%q is not a usage error", got)
		}
	}
}

// TestSweepUsage checks that what is wrong with the sweep's own flags
// (scenarios.ParseSweep) is a usage error, exit status 2, with the flag
// and its position, before any scenario is loaded.
func TestSweepUsage(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--set", "services.acute.beds=600,,640"}, "caresim: --set:1:25: services.acute.beds: empty value"},
		{[]string{"--set", "services.acute.beds=600:640"}, "has no step"},
		{[]string{"--set", "services.ed.treatment.mean=50:70:10"}, `caresim: --set:1:28: services.ed.treatment.mean: range "50:70:10" has no units: 50min:70min:10min? 50h:70h:10h?`},
		{[]string{"--set", "services.ed.treatment.mean=50min,70"}, `caresim: --set:1:34: services.ed.treatment.mean: 70 has no unit: 70min? 70h?`},
		{[]string{"--lhs", "3", "--range", "services.acute.length_of_stay.mean=4:6"}, `caresim: --range:1:36: services.acute.length_of_stay.mean: range "4:6" has no units: 4d:6d? 4h:6h?`},
		{[]string{"--lhs", "3"}, "--lhs needs a --range"},
		{[]string{"--range", "services.acute.beds=1:2"}, "--range goes with --lhs"},
		{[]string{"--set", "services.acute.beds=1"}, "nothing to sweep"},
		{[]string{"--set", "services.acute.beds=1,2", "--set", "services.acute.beds=3,4"}, "both sweep services.acute.beds"},
	} {
		var stdout, stderr bytes.Buffer
		args := append(append([]string{"sweep", "--quiet", "--out", t.TempDir()}, c.args...), "no-such-scenario")
		if code := run(args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, code, stderr.String(), c.want)
		}
	}
}
