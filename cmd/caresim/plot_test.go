package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"caresim/results"
)

// prismRun runs PRISM (its one intervention, as the baseline has none;
// priced, its final financial year simulated in part) for 400 days, drawing PNG and SVG charts;
// TestPlotReproducesRun and TestReportInBrowser read one run of it into
// OUT (sharedFiles). PRISM starts on 1 June 2013 instead of October 2014,
// so that a run this short from the base year holds it.
var prismRun = []string{"run", "--quiet", "--reps", "2", "--set", "horizon=400d", "--set", "warm_up.length=0d",
	"--set", "interventions.prism.start=2013-06-01", "--format", "png,svg"}

// TestPlotReproducesRun runs PRISM (prismRun) with --no-plots and with
// charts, then re-draws the first folder with caresim plot and expects
// the very charts run drew, byte for byte, in PNG and SVG, and no other
// file changed.
func TestPlotReproducesRun(t *testing.T) {
	t.Parallel()
	bare := t.TempDir()
	_, want := sharedFiles(t, append(prismRun, "--out", "OUT", "prism")...)
	before := runFiles(t, bare, append(prismRun, "--no-plots", "--out", bare, "prism")...)
	got := runFiles(t, bare, "plot", "--quiet", "--format", "svg,png", bare)

	var s results.Summary
	if err := json.Unmarshal(want["summary.json"], &s); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Manifest.Interventions); n != 1 {
		t.Errorf("summary.json lists %d interventions, want PRISM's alone (the baseline has none)", n)
	}
	charts := drawnCharts(want)
	if !slices.Contains(charts, "deficit-system.png") || !slices.Contains(charts, "delays.svg") {
		t.Fatalf("run drew %q, want the deficit and delays charts among them", charts)
	}
	checkReplotted(t, charts, want, before, got)
}

// listedFiles returns the files that the manifest in files lists, sorted.
func listedFiles(t *testing.T, files map[string][]byte) []string {
	t.Helper()
	var m struct {
		Files []string `json:"files"`
	}
	if err := json.Unmarshal(files[results.ManifestName], &m); err != nil {
		t.Fatalf("%s: %v", results.ManifestName, err)
	}
	slices.Sort(m.Files)
	return m.Files
}

// drawnCharts are the PNG and SVG files of files, sorted.
func drawnCharts(files map[string][]byte) []string {
	var charts []string
	for name := range files {
		if ext := filepath.Ext(name); ext == ".png" || ext == ".svg" {
			charts = append(charts, name)
		}
	}
	slices.Sort(charts)
	return charts
}

// checkReplotted checks the files got, a folder written with --no-plots
// (its files before) and then re-drawn by caresim plot, against want,
// the same command's files with charts: plot must draw each chart of
// charts as the command drew it, byte for byte, and the report, and
// change no other file.
func checkReplotted(t *testing.T, charts []string, want, before, got map[string][]byte) {
	t.Helper()
	for _, name := range charts {
		if b, ok := got[name]; !ok {
			t.Errorf("plot did not draw %s", name)
		} else if !bytes.Equal(b, want[name]) {
			t.Errorf("plot drew %s unlike the command did", name)
		}
	}
	if !bytes.Equal(got["report.html"], want["report.html"]) {
		t.Errorf("plot wrote report.html unlike the command did")
	}
	for name, b := range before {
		if name != "report.html" && name != results.ManifestName && !bytes.Equal(got[name], b) {
			t.Errorf("plot changed %s", name)
		}
	}
	// The folder's list of files gains the charts, as the command's own
	// list has them (in another order: after the results, not among them).
	if g, w := listedFiles(t, got), listedFiles(t, want); !slices.Equal(g, w) {
		t.Errorf("after plot, %s lists %q; want %q, as the command wrote it", results.ManifestName, g, w)
	}
	if len(got) != len(before)+len(charts) {
		t.Errorf("plot left %d files, want %d", len(got), len(before)+len(charts))
	}
}

// TestPlotErrors expects a usage error without one folder or with an
// unknown format, and a plain error naming a folder that is not a run's.
func TestPlotErrors(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"plot"}, 2, "plot needs one results folder"},
		{[]string{"plot", "--format", "gif", empty}, 2, `--format must be png, svg or pdf, not "gif"`},
		{[]string{"plot", empty}, 1, "is not a run's results folder"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != c.code || !strings.Contains(stderr.String(), c.msg) {
			t.Errorf("caresim %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), code, stderr.String(), c.code, c.msg)
		}
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("plot left %d files in a folder it could not plot", len(entries))
	}
}

// TestPlotBadFiles spoils one cell of a comparison's compare.csv and of
// a run's los.csv at a time: plot must fail naming the file, the line and
// the column, and leave the folder as it was.
func TestPlotBadFiles(t *testing.T) {
	t.Parallel()
	cmp, tandem := t.TempDir(), t.TempDir()
	runFiles(t, cmp, "compare", "--quiet", "--reps", "2", "--set", "horizon=30d", "--no-plots", "--out", cmp, "textbook-mmc", "testdata/mmc-11.yaml")
	runFiles(t, tandem, "run", "--quiet", "--reps", "2", "--set", "horizon=30d", "--no-plots", "--out", tandem, "textbook-tandem")
	for _, c := range []struct {
		dir, file, from, to, msg string
	}{
		{cmp, "compare.csv", "ed_4h_performance,fraction,mmc-11,", "ed_4h_performance,fraction,nosuch,", `compare.csv:7: scenario "nosuch" is not one compared`},
		{cmp, "compare.csv", "ed_4h_performance,fraction,textbook-mmc,", "ed_4h_performance,fraction,mmc-11,", "compare.csv:6: column 4 (mean):"},
		{tandem, "los.csv", "textbook-tandem,acute,0,0.25,", "textbook-tandem,acute,0,0.25,NaN", "los.csv:2: stays_per_replication"},
		{tandem, "los.csv", "textbook-tandem,acute,0,0.25,", "textbook-tandem,acute,0,0.5,", "los.csv:2: to_days"},
	} {
		path := filepath.Join(c.dir, c.file)
		orig, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		bad := strings.Replace(string(orig), c.from, c.to, 1)
		if bad == string(orig) {
			t.Fatalf("%s has no %q to spoil", c.file, c.from)
		}
		if c.to == "textbook-tandem,acute,0,0.25,NaN" { // replace the cell, not prefix it
			i := strings.Index(bad, c.to) + len(c.to)
			j := i + strings.Index(bad[i:], ",")
			bad = bad[:i] + bad[j:]
		}
		if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadDir(c.dir)
		var stdout, stderr bytes.Buffer
		if code := run([]string{"plot", c.dir}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), c.msg) {
			t.Errorf("plot with %s spoilt (%q): exit %d, stderr %q; want 1 and %q", c.file, c.to, code, stderr.String(), c.msg)
		}
		if after, _ := os.ReadDir(c.dir); len(after) != len(before) {
			t.Errorf("plot with %s spoilt left %d files, had %d", c.file, len(after), len(before))
		}
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPlotReproducesBridge runs the baseline, priced, over two whole
// financial years (so that its gap bridge and sensitivity have something
// to show), with and without charts, and expects caresim plot to re-draw
// the bridge charts and the report's money section byte for byte from
// bridge.csv and sensitivity.csv; a bridge.csv cut short is refused,
// naming the file.
func TestPlotReproducesBridge(t *testing.T) {
	t.Parallel()
	args := []string{"run", "--quiet", "--reps", "2", "--set", "horizon=731d", "--set", "warm_up.length=30d"}
	withCharts, bare := t.TempDir(), t.TempDir()
	want := runFiles(t, withCharts, append(args, "--out", withCharts, "baseline")...)
	before := runFiles(t, bare, append(args, "--no-plots", "--out", bare, "baseline")...)
	got := runFiles(t, bare, "plot", "--quiet", bare)
	charts := drawnCharts(want)
	if !slices.Contains(charts, "gap-bridge-system.png") || !slices.Contains(charts, "gap-bridge-acute.png") {
		t.Fatalf("run drew %q, want the gap bridges among them", charts)
	}
	if !bytes.Contains(want["report.html"], []byte(`<section id="money">`)) || !bytes.Contains(want["report.html"], []byte("money.inflation.non_demographic")) {
		t.Error("report.html has no money section with the sensitivity to non_demographic")
	}
	checkReplotted(t, charts, want, before, got)

	path := filepath.Join(bare, "bridge.csv")
	b := bytes.Split(bytes.TrimSuffix(before["bridge.csv"], []byte("\n")), []byte("\n"))
	if err := os.WriteFile(path, append(bytes.Join(b[:len(b)-1], []byte("\n")), '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"plot", "--quiet", bare}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), path) || !strings.Contains(stderr.String(), "cut short") {
		t.Errorf("plot of a bridge.csv cut short: exit %d, %q; want 1 and an error naming the file", code, stderr.String())
	}
}
