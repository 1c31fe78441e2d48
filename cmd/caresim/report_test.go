package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"caresim/results"
)

// reportArgs runs testdata/report-mmc.yaml (the priced M/M/c ED with an
// intervention) for two months, in a fraction of a second.
var reportArgs = []string{"run", "--quiet", "--reps", "3", "--set", "horizon=60d", "--set", "warm_up.length=5d", "testdata/report-mmc.yaml"}

// reportSections are the ids of report.html's sections, which the browser
// test and readers' links rely on.
var reportSections = []string{"headline", "charts", "changes", "validation", "manifest"}

// TestReportGolden pins the report of a small priced run with an
// intervention and an override, drawn without charts (--no-plots), whose
// SVG coordinates could differ in the last digit between machines; the
// charts are tested by TestReportCharts and in a browser. The versions of
// caresim and Go stand as VERSION and GOVERSION. -update rewrites it.
func TestReportGolden(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := runFiles(t, dir, append(reportArgs, "--no-plots", "--out", dir)...)
	got := strings.NewReplacer(results.Version(), "VERSION", runtime.Version(), "GOVERSION").Replace(string(files["report.html"]))
	compareGolden(t, "report-mmc.html", got)
	for _, want := range []string{
		"report-mmc", "Two more cubicles for the priced M/M/c ED", // title and description
		"more-cubicles", "from 2014-05-01", "services.ed.cubicles: add 2", "services.ed.treatment.mean: multiplied by ×0.9 (range ×0.85 to ×1", // the intervention
		"horizon=60d",                    // the overrides
		"Deficit, whole system",          // money
		"No charts: they were not drawn", // --no-plots
		"has no calibration targets",     // not the baseline
		"No result found: no <code>validation.csv</code>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}

// TestReportCharts checks that a run's report holds each of its charts
// inline, as SVG, one figure per chart file, every section, and nothing
// that a browser would fetch: no URL, no script, no external style or
// image.
func TestReportCharts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := runFiles(t, dir, append(reportArgs, "--format", "png,svg", "--out", dir)...)
	report := string(files["report.html"])
	checkSelfContained(t, report)
	var charts []string
	for name := range files {
		if strings.HasSuffix(name, ".svg") {
			charts = append(charts, strings.TrimSuffix(name, ".svg"))
		}
	}
	if len(charts) == 0 {
		t.Fatal("the run drew no charts")
	}
	for _, c := range charts {
		if !strings.Contains(report, `<figure id="chart-`+c+`">`) {
			t.Errorf("report.html lacks the chart %s", c)
		}
	}
	if n := strings.Count(report, "<svg "); n != len(charts) {
		t.Errorf("report.html holds %d SVG elements, want one per chart, %d", n, len(charts))
	}
}

// forbidden are what would make a report fetch something or run code.
var forbidden = regexp.MustCompile(`(?i)https?://|<script|<img|<link|<iframe|@import|url\((?:[^d]|d[^a])`)

// checkSelfContained checks that report holds every section and nothing
// that a browser would fetch or run.
func checkSelfContained(t *testing.T, report string) {
	t.Helper()
	for _, id := range reportSections {
		if !strings.Contains(report, `<section id="`+id+`">`) {
			t.Errorf("report.html lacks the section %s", id)
		}
	}
	for _, m := range forbidden.FindAllString(report, 5) {
		t.Errorf("report.html holds %q: a report must load nothing", m)
	}
}

// TestReportWorkersInvariant expects the same report, byte for byte,
// charts included, whatever --workers is: the report leaves the wall time
// out.
func TestReportWorkersInvariant(t *testing.T) {
	t.Parallel()
	workersInvariant(t, []string{"report.html"}, func(dir, workers string) []string {
		return append(reportArgs, "--workers", workers, "--format", "svg", "--out", dir)
	})
}

// TestPlotReproducesReport re-draws a run's folder with caresim plot and
// expects the report run wrote, byte for byte; and a folder run with
// --no-plots gets the same report, charts and all, from plot.
func TestPlotReproducesReport(t *testing.T) {
	t.Parallel()
	drawn, bare := t.TempDir(), t.TempDir()
	want := runFiles(t, drawn, append(reportArgs, "--format", "svg", "--out", drawn)...)["report.html"]
	got := runFiles(t, drawn, "plot", "--quiet", "--format", "svg", drawn)["report.html"]
	if !bytes.Equal(got, want) {
		t.Errorf("plot wrote another report than run did")
	}
	before := runFiles(t, bare, append(reportArgs, "--no-plots", "--out", bare)...)["report.html"]
	if bytes.Equal(before, want) {
		t.Errorf("the report of a run with --no-plots is the same as with charts")
	}
	if got := runFiles(t, bare, "plot", "--quiet", bare)["report.html"]; !bytes.Equal(got, want) {
		t.Errorf("plot after --no-plots wrote another report than run did with charts")
	}
}

// TestReportValidationCSV puts a validation.csv where caresim validate
// writes it by default, beside the results folder, and expects the report
// to give its tally and name the check that failed.
func TestReportValidationCSV(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "report-mmc")
	if err := os.MkdirAll(filepath.Join(root, "validation"), 0o755); err != nil {
		t.Fatal(err)
	}
	csv := "case,measure,expected,simulated,ci_low,ci_high,reps,test,pass,source\n" +
		"M/M/c c=10 λ=9 μ=1,mean wait Wq,0.6687,0.67,0.65,0.69,20,in 99.9% CI,yes,\n" +
		"M/M/c/c c=50 a=45,blocking probability,0.05414,0.07,0.065,0.075,20,in 99.9% CI,NO,\n"
	if err := os.WriteFile(filepath.Join(root, "validation", "validation.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	report := string(runFiles(t, dir, append(reportArgs, "--no-plots", "--out", dir)...)["report.html"])
	for _, want := range []string{"1 of the 2 checks recorded in ../validation/validation.csv pass", "M/M/c/c c=50 a=45"} {
		if !strings.Contains(report, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}

// TestCompareAndSweepReports checks the reports of a comparison and of a
// sweep: every section, nothing fetched, each chart inline, and what each
// is about.
func TestCompareAndSweepReports(t *testing.T) {
	t.Parallel()
	cmp := t.TempDir()
	files := runFiles(t, cmp, "compare", "--quiet", "--reps", "3", "--set", "horizon=60d", "--set", "warm_up.length=5d", "--format", "svg",
		"--out", cmp, "testdata/mmc-money.yaml", "testdata/report-mmc.yaml")
	report := string(files["report.html"])
	checkSelfContained(t, report)
	for _, want := range []string{"mmc-money against report-mmc", "Difference to mmc-money", "more-cubicles", "Deficit, whole system"} {
		if !strings.Contains(report, want) {
			t.Errorf("compare's report.html lacks %q", want)
		}
	}
	if n, want := strings.Count(report, "<svg "), countSuffix(files, ".svg"); n != want || n == 0 {
		t.Errorf("compare's report.html holds %d charts, want %d (and some)", n, want)
	}

	sweep := t.TempDir()
	files = runFiles(t, sweep, "sweep", "--quiet", "--reps", "2", "--set", "horizon=20d", "--set", "services.ed.cubicles=9,10,11", "--out", sweep, "textbook-mmc")
	report = string(files["report.html"])
	checkSelfContained(t, report)
	// Three points: a column each, and a row per parameter and metric,
	// named as a board would with the names of sweep.csv beneath.
	for _, want := range []string{"a grid of 3 points", `<th class="num" scope="col">Point 2</th>`, "<td>ED cubicles<br><small>services.ed.cubicles</small></td>",
		"<td>A&amp;E: left within 4 hours of arrival<br><small>ed_4h_performance</small></td><td>%</td>", "--set services.ed.cubicles=9,10,11",
		"ED only as an M/M/10 queue"} { // the scenario's description, from sweep.json
		if !strings.Contains(report, want) {
			t.Errorf("sweep's report.html lacks %q", want)
		}
	}
}

// countSuffix counts the files whose names end in suffix.
func countSuffix(files map[string][]byte, suffix string) int {
	n := 0
	for name := range files {
		if strings.HasSuffix(name, suffix) {
			n++
		}
	}
	return n
}
