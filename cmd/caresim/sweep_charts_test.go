package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"caresim/plots"
	"caresim/results"
)

// sweepGridArgs is a grid of two parameters, 2×3 points of two weeks of
// the M/M/c queue, two replications each, writing to out.
func sweepGridArgs(out string, extra ...string) []string {
	return append([]string{"sweep", "--quiet", "--reps", "2", "--set", "horizon=14d", "--set", "warm_up.length=1d",
		"--set", "services.ed.cubicles=10,11", "--set", "services.ed.treatment.mean=50min:70min:10min", "--out", out}, append(extra, "textbook-mmc")...)
}

// chartFiles returns the chart files in dir, by name.
func chartFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if ext := strings.TrimPrefix(filepath.Ext(e.Name()), "."); slices.Contains(plots.Formats, ext) {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = b
		}
	}
	return out
}

// mustRun runs caresim with args and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("caresim %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
}

// TestSweepChartsReproducible sweeps a grid of two parameters and expects
// a tornado chart and a heat map of the default metric, in PNG and SVG,
// the same byte for byte with --workers 1 and 2; none with --no-plots;
// and caresim plot to draw the same again from sweep.csv, into the folder
// drawn without charts (by --metric) and into the folder drawn with them
// (by the charts it holds). PDFs carry their creation time, so they are
// left out.
func TestSweepChartsReproducible(t *testing.T) {
	clearShardEnv(t)
	one, two, bare := t.TempDir(), t.TempDir(), t.TempDir()
	mustRun(t, sweepGridArgs(one, "--workers", "1", "--format", "png,svg")...)
	mustRun(t, sweepGridArgs(two, "--workers", "2", "--format", "svg,png")...)
	mustRun(t, sweepGridArgs(bare, "--no-plots")...)

	want := chartFiles(t, one)
	names := slices.Sorted(maps.Keys(want))
	wantNames := []string{"heatmap-ed_4h_performance.png", "heatmap-ed_4h_performance.svg", "tornado-ed_4h_performance.png", "tornado-ed_4h_performance.svg"}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("sweep drew %q, want %q", names, wantNames)
	}
	for _, name := range names {
		if len(want[name]) < 1000 {
			t.Errorf("%s has only %d bytes", name, len(want[name]))
		}
	}
	sameFiles(t, "--workers 2", chartFiles(t, two), want)
	if got := chartFiles(t, bare); len(got) != 0 {
		t.Errorf("--no-plots drew %q", slices.Sorted(maps.Keys(got)))
	}

	mustRun(t, "plot", "--quiet", "--format", "png,svg", "--metric", "ed_4h_performance", bare)
	got := chartFiles(t, bare)
	if len(got) != len(want) {
		t.Errorf("plot drew %q, want %q", slices.Sorted(maps.Keys(got)), names)
	}
	sameFiles(t, "plot --metric", got, want)

	mustRun(t, "plot", "--quiet", "--format", "svg", two)
	sameFiles(t, "plot of a folder with charts", chartFiles(t, two), want)
}

// TestSweepChartsKinds checks which charts each kind of sweep draws: a
// line per metric named for one parameter, a tornado chart alone for a
// Latin hypercube, and none for a shard, whose charts merge draws, the
// same as one machine's.
func TestSweepChartsKinds(t *testing.T) {
	clearShardEnv(t)
	line, lhs, whole, part1, part2, merged := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	mustRun(t, "sweep", "--quiet", "--reps", "2", "--set", "horizon=14d", "--set", "services.ed.cubicles=10,11,12",
		"--metric", "ed_4h_performance", "--metric", "ed_wait_hours_mean,ed_4h_performance", "--out", line, "textbook-mmc")
	mustRun(t, "sweep", "--quiet", "--reps", "2", "--set", "horizon=30d", "--lhs", "6",
		"--range", "services.acute.beds=18:24", "--range", "services.intermediate_care.beds=6:10", "--out", lhs, "textbook-tandem")
	grid := sweepGridArgs(whole)
	mustRun(t, grid...)
	mustRun(t, sweepGridArgs(part1, "--shard", "1/2")...)
	mustRun(t, sweepGridArgs(part2, "--shard", "2/2")...)
	mustRun(t, "merge", "--quiet", "--out", merged, part1, part2)

	for _, tc := range []struct {
		dir  string
		want []string
	}{
		{line, []string{"line-ed_4h_performance.png", "line-ed_wait_hours_mean.png"}},
		{lhs, []string{"tornado-acute_occupancy_mean.png"}},
		{part1, nil},
		{part2, nil},
		{merged, []string{"heatmap-ed_4h_performance.png", "tornado-ed_4h_performance.png"}},
	} {
		if got := slices.Sorted(maps.Keys(chartFiles(t, tc.dir))); !slices.Equal(got, tc.want) {
			t.Errorf("%s: drew %q, want %q", filepath.Base(tc.dir), got, tc.want)
		}
	}
	sameFiles(t, "merge", chartFiles(t, merged), chartFiles(t, whole))
}

// TestSweepChartsUsage expects a usage error naming --metric for a
// metric the sweep does not have, before anything runs, from sweep,
// merge and plot, and for --metric on a run's folder.
func TestSweepChartsUsage(t *testing.T) {
	clearShardEnv(t)
	dir, runDir := t.TempDir(), t.TempDir()
	mustRun(t, sweepGridArgs(dir, "--no-plots")...)
	mustRun(t, "run", "--quiet", "--reps", "2", "--set", "horizon=14d", "--no-plots", "--out", runDir, "textbook-mmc")
	fresh := filepath.Join(t.TempDir(), "new")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"sweep", sweepGridArgs(fresh, "--metric", "ed_4h_performance,beds"), `--metric "beds" is not a metric of this sweep`},
		{"merge", []string{"merge", "--metric", "beds", "--out", fresh, dir}, `--metric "beds" is not a metric`},
		{"plot", []string{"plot", "--metric", "beds", dir}, `--metric "beds" is not a metric`},
		{"plot run", []string{"plot", "--metric", "ed_4h_performance", runDir}, "--metric goes with a sweep's folder"},
		{"format", sweepGridArgs(fresh, "--format", "gif"), "--format must be png, svg or pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tc.args, &stdout, &stderr); code != 2 {
				t.Errorf("exit %d, want 2 (usage); stderr:\n%s", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr %q does not say %q", stderr.String(), tc.want)
			}
			if _, err := os.Stat(fresh); err == nil {
				t.Errorf("%s was made", fresh)
			}
		})
	}
	if got := chartFiles(t, runDir); len(got) != 0 {
		t.Errorf("plot --metric drew %q in a run's folder", slices.Sorted(maps.Keys(got)))
	}
}

// TestSweepPlace checks that a sweep's charts say where its scenario is
// when sweep.json records a place, and name the scenario when it does not,
// as in a folder written before it was recorded.
func TestSweepPlace(t *testing.T) {
	t.Parallel()
	if got, want := (&results.Sweep{Scenario: "baseline", Place: "Mid-Nottinghamshire"}).Where(), "Mid-Nottinghamshire (baseline)"; got != want {
		t.Errorf("place %q, want %q", got, want)
	}
	if got, want := (&results.Sweep{Scenario: "baseline"}).Where(), "scenario baseline"; got != want {
		t.Errorf("place without one recorded %q, want %q", got, want)
	}
}
