package main

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"caresim/plots"
	"caresim/results"

	"gonum.org/v1/plot/plotter"
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
		if ext := strings.TrimPrefix(filepath.Ext(e.Name()), "."); slices.Contains(chartFormats, ext) {
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

// sweepTestData is a sweep read back from rows "point,replication,
// params...,metric" with the named parameters and one metric, m, in
// fractions.
func sweepTestData(lhs int, params []string, rows ...string) results.SweepData {
	man := &results.Sweep{LHS: lhs, Scenario: "s", Replications: 2, Metrics: []results.Measure{{Name: "m", Unit: "fraction"}}}
	for _, p := range params {
		man.Parameters = append(man.Parameters, results.Measure{Name: p, Unit: "days"})
	}
	d := results.SweepData{Man: man, Header: man.Header()}
	for _, r := range rows {
		d.Rows = append(d.Rows, strings.Split(r, ","))
	}
	return d
}

// tornadoBars returns the tornado chart's base case, and the far ends of
// its low and high bars from the bottom (the smallest swing) up.
func tornadoBars(t *testing.T, f *plots.Figure) (base float64, low, high []float64) {
	t.Helper()
	for _, e := range f.Legend {
		if strings.Contains(e.Name, ": ") && e.Thumbs != nil {
			base = e.Thumbs[0].(*plotter.Line).XYs[0].X
		}
	}
	for _, side := range []struct {
		name string
		ends *[]float64
	}{{plots.LegendTornadoLow, &low}, {plots.LegendTornadoHigh, &high}} {
		e, ok := f.Entry(side.name)
		if !ok {
			t.Fatalf("no %q legend entry", side.name)
		}
		for _, ring := range e.Thumbs[0].(*plotter.Polygon).XYs {
			*side.ends = append(*side.ends, ring[1].X)
		}
	}
	return base, low, high
}

// TestSweepTornadoGrid checks a grid's tornado chart by hand on a 3×2
// grid: the base case is a at its middle value 2 and b at the lower
// middle 10; a's bar runs between (1, 10) and (3, 10), b's between
// (2, 10) and (2, 20); each value is the mean of two replications.
func TestSweepTornadoGrid(t *testing.T) {
	t.Parallel()
	d := sweepTestData(0, []string{"a", "b"},
		"0,0,1,10,0.1", "0,1,1,10,0.3", // a=1 b=10: 0.2
		"1,0,1,20,0.9", "1,1,1,20,0.9",
		"2,0,2,10,0.5", "2,1,2,10,0.5", // base: 0.5
		"3,0,2,20,0.6", "3,1,2,20,0.7", // a=2 b=20: 0.65
		"4,0,3,10,0.7", "4,1,3,10,0.9", // a=3 b=10: 0.8
		"5,0,3,20,0.9", "5,1,3,20,0.9")
	cs, warns, err := sweepCharts(d, []string{"m"})
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	if len(cs) != 2 || cs[0].File != "tornado-m" || cs[1].File != "heatmap-m" {
		t.Fatalf("charts %v, want tornado-m and heatmap-m", cs)
	}
	base, low, high := tornadoBars(t, cs[0].Fig)
	// b swings 0.15, a 0.6: b at the bottom. m is a fraction, charted
	// in per cent.
	const tol = 1e-10 // means of two numbers, times 100
	if math.Abs(base-50) > tol || !near(low, []float64{50, 20}, tol) || !near(high, []float64{65, 80}, tol) {
		t.Errorf("base %v, low ends %v, high ends %v; want 50, [50 20], [65 80] (%%)", base, low, high)
	}
	if _, ok := cs[0].Fig.Entry("Other parameters at"); !ok {
		t.Errorf("the tornado chart does not say the other parameters are at their middle values")
	}
}

// TestSweepTornadoLHS checks a Latin hypercube's tornado chart by hand
// on 10 points, whose tenth is one point: the base is the mean of all,
// and each bar runs between the points with the parameter's lowest and
// highest value.
func TestSweepTornadoLHS(t *testing.T) {
	t.Parallel()
	var rows []string
	// a rises with the point, b falls; m is the point's tenth, both
	// replications alike.
	for i := range 10 {
		for rep := range 2 {
			rows = append(rows, strings.Join([]string{strconv.Itoa(i), strconv.Itoa(rep), strconv.Itoa(i + 1), strconv.Itoa(100 - i), "0." + strconv.Itoa(i)}, ","))
		}
	}
	d := sweepTestData(10, []string{"a", "b"}, rows...)
	cs, _, err := sweepCharts(d, []string{"m"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].File != "tornado-m" {
		t.Fatalf("charts %v, want tornado-m alone", cs)
	}
	base, low, high := tornadoBars(t, cs[0].Fig)
	const tol = 1e-10
	// The swings tie: b, given second, at the bottom. m is a fraction,
	// charted in per cent.
	if math.Abs(base-45) > tol || !near(low, []float64{90, 0}, tol) || !near(high, []float64{0, 90}, tol) {
		t.Errorf("base %v, low ends %v, high ends %v; want 45, [90 0], [0 90] (%%)", base, low, high)
	}
	if _, ok := cs[0].Fig.Entry("Latin hypercube of 10 points:"); !ok {
		t.Errorf("the tornado chart does not say it is of a Latin hypercube: legend %v", cs[0].Fig.Legend)
	}
}

// TestSweepDefaultMetric checks the metric charted without --metric: the
// first preferred one that varies, else the first measured, and a
// warning for a metric measured nowhere.
func TestSweepDefaultMetric(t *testing.T) {
	t.Parallel()
	man := &results.Sweep{Scenario: "s", Replications: 1, Parameters: []results.Measure{{Name: "a"}}, Metrics: []results.Measure{
		{Name: "acute_occupancy_mean", Unit: "fraction"}, {Name: "ed_4h_performance", Unit: "fraction"}, {Name: "ic_occupancy_mean", Unit: "fraction"}}}
	d := results.SweepData{Man: man, Header: man.Header(), Rows: [][]string{{"0", "0", "1", "0.5", "0.9", ""}, {"1", "0", "2", "0.5", "0.8", ""}}}
	if got := defaultSweepMetric(d, d.Points()); !slices.Equal(got, []string{"ed_4h_performance"}) {
		t.Errorf("default %q, want ed_4h_performance, the first that varies", got)
	}
	d.Rows[1][4] = "0.9"
	if got := defaultSweepMetric(d, d.Points()); !slices.Equal(got, []string{"acute_occupancy_mean"}) {
		t.Errorf("default %q, want acute_occupancy_mean, the first measured, when none varies", got)
	}
	cs, warns, err := sweepCharts(d, []string{"ic_occupancy_mean"})
	if err != nil || len(cs) != 0 || len(warns) != 1 || !strings.Contains(warns[0], "ic_occupancy_mean was not measured") {
		t.Errorf("a metric measured nowhere: %d charts, warnings %q, err %v; want a warning alone", len(cs), warns, err)
	}
}

// TestMetricTitle checks how sweep charts name metrics: as the reports
// do (headline labels, deficits by whose), and a metric that has no label
// by its words (metricWords).
func TestMetricTitle(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		f     func(string) string
		cases map[string]string
	}{
		{"metricWords", metricWords, map[string]string{
			"ed_4h_performance":                "ED 4h performance",
			"deficit_final_year_gbp":           "Deficit final year",
			"deficit_cumulative_gbp_acute":     "Deficit cumulative acute",
			"ic_los_mean_days":                 "IC LOS mean days",
			"acute_occupancy_p95":              "Acute occupancy P95",
			"ed_12h_dta_waits_per_year":        "ED 12h DTA waits per year",
			"call_for_care_navigated_per_year": "Call for care navigated per year",
			"delay_days_mean_pathway1":         "Delay days mean pathway1",
			"elective_cancellations_per_year":  "Elective cancellations per year",
			"nel_admissions_per_year":          "NEL admissions per year",
			"acute_delayed_patients_mean":      "Acute delayed patients mean",
			"readmissions_30d_rate":            "Readmissions 30d rate",
			"ed_time_in_department_hours_mean": "ED time in department hours mean",
			"care_home_admissions_per_year":    "Care home admissions per year",
			"reablement_caseload_mean":         "Reablement caseload mean",
		}},
		{"metricTitle", metricTitle, map[string]string{
			"ed_4h_performance":            "A&E: seen within 4 hours",
			"acute_occupancy_mean":         "Acute bed occupancy",
			"deficit_final_year_gbp":       "Deficit, whole system, final year simulated whole",
			"deficit_final_year_gbp_acute": "Deficit, acute trust, final year simulated whole",
			"not_a_metric_gbp":             "Not a metric",
		}},
	} {
		for name, want := range c.cases {
			if got := c.f(name); got != want {
				t.Errorf("%s(%q) = %q, want %q", c.name, name, got, want)
			}
		}
	}
}

// TestParamView checks how the charts and the report name a swept
// parameter and show its values: a name from its path, durations in the
// unit every value was typed in, fractions as percentages, money in
// pounds.
func TestParamView(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path, unit, flag  string
		label, cell, want string // cell, in sweep.csv, is shown as want
	}{
		{"services.acute.beds", "", "--set services.acute.beds=700,740", "Acute beds", "700", "700"},
		{"services.ed.cubicles", "", "--range services.ed.cubicles=9:12", "ED cubicles", "10", "10"},
		{"services.intermediate_care.beds", "", "--set services.intermediate_care.beds=6,10", "Intermediate care beds", "6", "6"},
		{"services.acute.length_of_stay.mean", "days", "--set services.acute.length_of_stay.mean=5d,6.5d", "Acute length of stay, mean (days)", "6.5", "6.5"},
		// 50 minutes is 50/1440 day.
		{"services.ed.treatment.mean", "days", "--set services.ed.treatment.mean=50min,60min", "ED treatment, mean (minutes)", "0.034722222222222224", "50"},
		{"services.ed.treatment.mean", "days", "--set services.ed.treatment.mean=50min:70min:10min", "ED treatment, mean (minutes)", "0.041666666666666664", "60"},
		{"services.ed.treatment.sd", "days", "--range services.ed.treatment.sd=1h:4h", "ED treatment, SD (hours)", "0.125", "3"},
		{"services.reablement.duration.median", "days", "--set services.reablement.duration.median=2w,3w", "Reablement duration, median (weeks)", "14", "2"},
		// Mixed, compound or no units: days, as sweep.csv has them.
		{"services.acute.assessment.mean", "days", "--set services.acute.assessment.mean=1d,36h", "Acute assessment, mean (days)", "1.5", "1.5"},
		{"services.acute.assessment.mean", "days", "--set services.acute.assessment.mean=1d12h,2d", "Acute assessment, mean (days)", "1.5", "1.5"},
		{"services.acute.assessment.mean", "days", "--set services.acute.assessment.mean=1,2", "Acute assessment, mean (days)", "2", "2"},
		{"services.acute.readmit", "fraction", "--set services.acute.readmit=8%,10%", "Acute readmit (%)", "0.08", "8"},
		{"money.acute.bed_day", "pounds", "--set money.acute.bed_day=£250,£300", "Money acute bed day (£)", "250000", "£250k"},
		{"money.growth", "as given", "--set money.growth=1,2", "Money growth", "2", "2"},
		{"services.acute.beds", "", "--set services.acute.beds=a,b", "Acute beds", "wide", "wide"},
	} {
		v := paramView(results.Measure{Name: c.path, Unit: c.unit, Doc: c.flag})
		if got := v.label(); got != c.label {
			t.Errorf("%s: label %q, want %q", c.flag, got, c.label)
		}
		if got := v.cell(c.cell); got != c.want {
			t.Errorf("%s: cell %s shown as %q, want %q", c.flag, c.cell, got, c.want)
		}
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

// TestSweepHeadlineManyPoints checks the headline table of a sweep of
// more points than sweepColumns: a row per point, with its parameters
// and the metric charted only, and a note that sweep.csv holds the rest.
func TestSweepHeadlineManyPoints(t *testing.T) {
	t.Parallel()
	var rows []string
	for p := range sweepColumns + 1 {
		for r := range 2 {
			rows = append(rows, fmt.Sprintf("%d,%d,%d,0.%d", p, r, p, 5+r))
		}
	}
	d := sweepTestData(0, []string{"services.acute.length_of_stay.mean"}, rows...)
	d.Man.Parameters[0].Doc = "--set services.acute.length_of_stay.mean=0d:6d:1d"
	tab, notes := sweepHeadline(d, d.Points(), []string{"m"})
	var header []string
	for _, h := range tab.Header {
		header = append(header, h.Text)
	}
	if want := []string{"Point", "Acute length of stay, mean (days)", "m (%)"}; !slices.Equal(header, want) {
		t.Errorf("header %q, want %q", header, want)
	}
	if len(tab.Rows) != sweepColumns+1 {
		t.Fatalf("%d rows, want one per point, %d", len(tab.Rows), sweepColumns+1)
	}
	// Replications 0.5 and 0.6: the mean 55%, and the interval's
	// half-width t(0.975, 1) × 0.0707 / √2 × 100 = 12.706 × 5 = 63.5,
	// to two figures 64.
	if c := tab.Rows[3].Cells; c[1].Text != "3" || c[2].Text != "55" || c[2].Note != "± 64" {
		t.Errorf("point 3: %+v, want 3 days and 55 ± 64 %%", c)
	}
	if !slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, "The full table is sweep.csv") }) {
		t.Errorf("notes %q do not say where the full table is", notes)
	}
}

// near reports whether got and want have the same length and each
// element within tol.
func near(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol {
			return false
		}
	}
	return true
}
