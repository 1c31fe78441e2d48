package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"caresim/plots/report"
	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"

	"github.com/spf13/pflag"
)

// TestRunGolden pins run's report and messages on the textbook scenarios,
// whose numbers move only when the kernel or the queueing part of the model
// changes (not with the baseline's calibration). Horizons are cut to weeks
// so that each case takes a fraction of a second.
func TestRunGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"run-mmc", []string{"run", "--reps", "3", "--set", "horizon=60d", "--set", "warm_up.length=5d", "--out", "OUT", "textbook-mmc"}, 0},
		// The tandem has acute and intermediate-care beds and delays on
		// pathway 2, so more of the headline metrics are measured.
		{"run-tandem", []string{"run", "--quiet", "--reps", "4", "--seed", "7", "--set", "horizon=120d", "--out", "OUT", "textbook-tandem"}, 0},
		// One replication has no confidence interval: empty cells and a
		// warning.
		{"run-one-rep", []string{"run", "--quiet", "--reps", "1", "--set", "horizon=30d", "--out", "OUT", "textbook-mmc"}, 0},
		// A priced run (testdata's M/M/c with a money section) prints the
		// deficits; a final year cut short says how many days it holds.
		{"run-money", []string{"run", "--reps", "3", "--set", "horizon=60d", "--set", "warm_up.length=5d", "--out", "OUT", "testdata/mmc-money.yaml"}, 0},
		// Costs without organisations: not priced, with a warning.
		{"run-costs-only", []string{"run", "--quiet", "--reps", "2", "--set", "horizon=10d", "--out", "OUT", "testdata/mmc-costs-only.yaml"}, 0},
		// Too few beds: overload warnings, with the measure and the years.
		{"run-overloaded", overloadedRun, 0},
		{"run-bad-set", []string{"run", "--set", "services.ed.cubicles=many", "--set", "services.ed.cubicle=3", "--out", "OUT", "textbook-mmc"}, 1},
		// Numbers without their units are refused, with the overrides to give.
		{"run-no-unit", []string{"run", "--set", "horizon=10", "--set", "warm_up.length=5", "--set", "services.ed.treatment.mean=50", "--out", "OUT", "textbook-mmc"}, 1},
		{"run-bad-reps", []string{"run", "--reps", "0", "textbook-mmc"}, 2},
		{"run-two-scenarios", []string{"run", "textbook-mmc", "textbook-loss"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkGolden(t, c.name, c.args, c.code) })
	}
}

// overloadedRun runs the textbook tandem for two financial years with 14
// acute beds instead of 20: 4 admissions a day, each holding a bed about
// 4.2 days (blocking included), need about 16.8, so the beds are full
// every day and the queue for them grows by about 0.7 patients a day.
var overloadedRun = []string{"run", "--quiet", "--no-plots", "--reps", "2", "--seed", "7", "--set", "horizon=730d",
	"--set", "services.acute.beds=14", "--out", "OUT", "textbook-tandem"}

// TestRunOverloaded checks that the overload warnings of overloadedRun,
// beds full and a queue growing in 2014/15 and 2015/16, are where a
// planner reads: on stderr (pinned by its golden), in summary.json's
// manifest and in report.html.
func TestRunOverloaded(t *testing.T) {
	r := sharedRun(t, overloadedRun...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := []string{
		"overload: acute beds full: the day's mean occupancy (acute_occupied_mean / acute_beds) was above 95% on more than 50% of the days of 2014/15 (",
		"overload: the queue for acute beds grows without bound: the mean number of emergency patients waiting for a bed (waiting_for_bed_mean) rose every year from 2014/15 to 2015/16",
	}
	b, err := os.ReadFile(filepath.Join(r.out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s results.Summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(r.out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, "caresim: warning: "+w) {
			t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
		}
		if !slices.ContainsFunc(s.Manifest.Warnings, func(m string) bool { return strings.HasPrefix(m, w) }) {
			t.Errorf("summary.json's warnings %q do not say %q", s.Manifest.Warnings, w)
		}
		if !strings.Contains(string(page), html.EscapeString(w)) {
			t.Errorf("report.html does not say %q", w)
		}
	}
}

// runFiles runs caresim with args and returns the contents of the files
// in dir and its subfolders, by path relative to dir.
func runFiles(t *testing.T, dir string, args ...string) map[string][]byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("caresim %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return readFiles(t, dir)
}

// readFiles returns the contents of the files in dir and its
// subfolders, by path relative to dir.
func readFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files[rel], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// wallTime matches summary.json's wall time, the one field that may differ
// between two runs with the same seed.
var wallTime = regexp.MustCompile(`"wall_time_seconds": [0-9.e+-]+`)

// TestRunWorkersInvariant runs the baseline for a month on one worker and
// on three and expects the same bytes in every file, the event log and
// per-replication rows included: results are gathered in replication
// order, whatever finishes first. The charts are compared too, in PNG,
// SVG and PDF: package plots gives PDF charts a fixed /CreationDate and
// /ModDate rather than the time they were drawn.
//
// Under -short it compares the results without the charts, which take
// most of the time: the charts are drawn from those results, and
// TestPlotReproducesRun checks that drawing them again gives the same
// bytes.
func TestRunWorkersInvariant(t *testing.T) {
	names := []string{"summary.json", "metrics.csv", "daily.csv", "annual.csv", "events.csv", results.WorkbookName}
	charts := []string{"--format", "png,svg,pdf"}
	if testing.Short() {
		charts = []string{"--no-plots"}
	} else {
		for _, chart := range []string{"beds-acute", "beds-intermediate-care", "beds-care-homes", "delays", "ae-performance", "deficit-system", "deficit-acute"} {
			names = append(names, chart+".png", chart+".svg", chart+".pdf")
		}
	}
	workersInvariant(t, names, func(dir, workers string) []string {
		return append([]string{"run", "--quiet", "--workers", workers, "--reps", "5"}, append(charts,
			"--set", "horizon=30d", "--set", "warm_up.length=0d",
			"--per-replication", "--events", filepath.Join(dir, "events.csv"), "--out", dir, "baseline")...)
	})
}

// workersInvariant runs caresim with args(dir, workers) on one worker and
// on three, each into a folder of its own, and expects the same bytes in
// each of the files names but for summary.json's wall times.
func workersInvariant(t *testing.T, names []string, args func(dir, workers string) []string) {
	t.Helper()
	var got [2]map[string][]byte
	for i, workers := range []string{"1", "3"} {
		dir := t.TempDir()
		got[i] = runFiles(t, dir, args(dir, workers)...)
	}
	for _, name := range names {
		a, b := got[0][name], got[1][name]
		if name == "summary.json" {
			a = wallTime.ReplaceAll(a, nil)
			b = wallTime.ReplaceAll(b, nil)
		}
		if len(a) == 0 {
			t.Errorf("%s is missing or empty", name)
		} else if !bytes.Equal(a, b) {
			t.Errorf("%s differs between --workers 1 and --workers 3", name)
		}
	}
}

// TestRunFiles reads back every file run writes: the CSV files parse, with
// one row per metric, day or year and measure for the mean and for each
// replication; summary.json decodes; a metric the scenario cannot measure
// is an empty cell and a JSON null; and no temporary file is left.
// textbook-mmc's money section holds only a price year, so the run is not
// priced: no money rows or metrics.
func TestRunFiles(t *testing.T) {
	dir := t.TempDir()
	const reps, days = 2, 10
	files := runFiles(t, dir, "run", "--quiet", "--reps", "2", "--set", "horizon=10d", "--set", "warm_up.length=1d",
		"--no-plots", "--per-replication", "--events", filepath.Join(dir, "events.csv"), "--out", dir, "textbook-mmc")
	if len(files) != 9 {
		names := []string{}
		for n := range files {
			names = append(names, n)
		}
		t.Errorf("folder holds %q, want the five results, the report, the workbook, the event log and the list of them", names)
	}
	// The folder's manifest lists what run wrote, the event log too, in
	// the order written, and says that all of it is in place.
	wantList := `{
  "format_version": 1,
  "command": "run",
  "complete": true,
  "files": [
    "events.csv",
    "summary.json",
    "metrics.csv",
    "daily.csv",
    "annual.csv",
    "los.csv",
    "report.html",
    "results.xlsx"
  ]
}
`
	if got := string(files[results.ManifestName]); got != wantList {
		t.Errorf("%s:\n%s\nwant\n%s", results.ManifestName, got, wantList)
	}

	metrics := readCSV(t, files, "metrics.csv", metricsHeader, care.NumMetrics*(1+reps))
	readCSV(t, files, "daily.csv", "scenario,date,measure,unit,replication,value,p10,p90", days*care.NumDaily*(1+reps))
	// Ten days from 1 April lie in one financial year.
	readCSV(t, files, "annual.csv", annualHeader, care.NumAnnual*(1+reps))
	// textbook-mmc has no beds, so no lengths of stay.
	readCSV(t, files, "los.csv", losHeaderCSV, 0)
	events := readCSV(t, files, "events.csv", "time_days,patient,event,service", -1)
	if len(events) < 1000 {
		t.Errorf("events.csv: %d events, want thousands (216 arrivals a day)", len(events))
	}

	// textbook-mmc has no acute beds: their occupancy is not a number.
	occ := care.Metrics[care.MetricAcuteOccupancy].Name
	for _, r := range metrics {
		if r[1] == occ && r[3] == "" && (r[4] != "" || r[5] != "" || r[6] != "") {
			t.Errorf("metrics.csv: %s = %q, want empty cells", occ, r[4:])
		}
	}

	var s struct {
		FormatVersion int `json:"format_version"`
		Manifest      struct {
			Scenario     string   `json:"scenario"`
			Chain        []string `json:"chain"`
			Digest       string   `json:"digest"`
			Seed         uint64   `json:"seed"`
			Replications int      `json:"replications"`
			Days         int      `json:"days"`
			WarmUpDays   float64  `json:"warm_up_days"`
			Warnings     []string `json:"warnings"`
		} `json:"manifest"`
		Metrics []struct {
			Name string   `json:"name"`
			Mean *float64 `json:"mean"`
			N    int      `json:"n"`
		} `json:"metrics"`
	}
	if err := json.Unmarshal(files["summary.json"], &s); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	m := s.Manifest
	if s.FormatVersion != 1 || m.Scenario != "textbook-mmc" || len(m.Chain) != 1 || len(m.Digest) != 64 ||
		m.Seed != 1 || m.Replications != reps || m.Days != days || m.WarmUpDays != 1 || m.Warnings == nil {
		t.Errorf("summary.json: format %d, manifest %+v", s.FormatVersion, m)
	}
	if len(s.Metrics) != care.NumMetrics {
		t.Fatalf("summary.json: %d metrics, want %d", len(s.Metrics), care.NumMetrics)
	}
	for _, x := range s.Metrics {
		if x.Name == occ && (x.Mean != nil || x.N != 0) {
			t.Errorf("summary.json: %s mean %v over %d replications, want null over 0", occ, *x.Mean, x.N)
		}
		if x.Name == care.Metrics[care.MetricEDAttendances].Name && (x.Mean == nil || x.N != reps) {
			t.Errorf("summary.json: %s has no mean over %d replications", x.Name, reps)
		}
	}
}

// The headers of metrics.csv and annual.csv.
const (
	metricsHeader = "scenario,metric,unit,replication,value,ci_low,ci_high"
	annualHeader  = "scenario,financial_year,organisation,measure,unit,replication,value,ci_low,ci_high"
)

// readCSV parses the CSV file name of files, checks its header and, unless
// rows < 0, its number of rows, and returns the rows.
func readCSV(t *testing.T, files map[string][]byte, name, header string, rows int) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(files[name])).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %d records, %v", name, len(recs), err)
	}
	if got := strings.Join(recs[0], ","); got != header {
		t.Errorf("%s header %q, want %q", name, got, header)
	}
	if rows >= 0 && len(recs)-1 != rows {
		t.Errorf("%s: %d rows, want %d", name, len(recs)-1, rows)
	}
	return recs[1:]
}

// TestRunMoneyFiles reads back a priced run's files with
// --per-replication: 400 days from 1 April 2014 span two financial years,
// each with the care model's rows (no organisation) and then every line
// of the accounts of the system and of each organisation, for the mean
// and each replication; the money metrics in metrics.csv and summary.json
// are the annual rows' deficits.
func TestRunMoneyFiles(t *testing.T) {
	dir := t.TempDir()
	const reps, years = 2, 2
	files := runFiles(t, dir, "run", "--quiet", "--reps", "2", "--set", "horizon=400d", "--set", "warm_up.length=1d",
		"--per-replication", "--no-plots", "--out", dir, "testdata/mmc-money.yaml")
	metrics := readCSV(t, files, "metrics.csv", metricsHeader, (care.NumMetrics+len(sim.MoneyMetricNames))*(1+reps))
	annual := readCSV(t, files, "annual.csv", annualHeader, years*(care.NumAnnual+finance.NumBodies*finance.NumMeasures)*(1+reps))

	// Each year: the care rows, then each body's lines, the system first.
	perYear := len(annual) / years
	for y := range years {
		rows := annual[y*perYear : (y+1)*perYear]
		for i, r := range rows {
			k, rep := i/(1+reps), i%(1+reps)
			wantRep := "" // the mean across replications
			if rep > 0 {
				wantRep = strconv.Itoa(rep - 1)
			}
			var org, measure, unit string
			if k < care.NumAnnual {
				measure, unit = care.AnnualMeasures[k].Name, care.AnnualMeasures[k].Unit
			} else {
				k -= care.NumAnnual
				b := sim.MoneyBodies[k/finance.NumMeasures]
				org, measure, unit = finance.BodyNames[b], finance.Measures[k%finance.NumMeasures].Name, "£"
			}
			if r[2] != org || r[3] != measure || r[4] != unit || r[5] != wantRep {
				t.Fatalf("annual.csv year %d row %d: %q, want organisation %q, measure %q, unit %q, replication %s", y, i, r, org, measure, unit, wantRep)
			}
			if (rep == 0) != (r[7] != "") {
				t.Errorf("annual.csv row %q: want a CI on the mean rows only", r)
			}
		}
	}

	// The metrics are the annual rows': the system's deficit in the final
	// year (the first, 2014/15, as the second is cut short) and its
	// cumulative deficit at the end.
	value := func(recs [][]string, match func(r []string) bool) string {
		t.Helper()
		for _, r := range recs {
			if match(r) {
				return r[len(r)-3]
			}
		}
		t.Fatal("no such row")
		return ""
	}
	for _, c := range []struct{ metric, year, line string }{
		{"deficit_final_year_gbp", "2014/15", "deficit_gbp"},
		{"deficit_cumulative_gbp", "2015/16", "cumulative_deficit_gbp"},
		{"deficit_final_year_gbp_acute", "2014/15", "deficit_gbp"},
	} {
		org := "system"
		if i := strings.Index(c.metric, "gbp_"); i >= 0 {
			org = c.metric[i+4:]
		}
		for _, rep := range []string{"", "1"} { // the mean, and replication 1
			m := value(metrics, func(r []string) bool { return r[1] == c.metric && r[3] == rep })
			a := value(annual, func(r []string) bool { return r[1] == c.year && r[2] == org && r[3] == c.line && r[5] == rep })
			if m != a || m == "" {
				t.Errorf("%s replication %s = %q in metrics.csv, but %s %s %s = %q in annual.csv", c.metric, rep, m, c.year, org, c.line, a)
			}
		}
	}

	var s results.Summary
	if err := json.Unmarshal(files["summary.json"], &s); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	if len(s.Metrics) != care.NumMetrics+len(sim.MoneyMetricNames) || s.Metrics[care.NumMetrics].Name != "deficit_final_year_gbp" {
		t.Errorf("summary.json: %d metrics, want the %d of care and the %d of money", len(s.Metrics), care.NumMetrics, len(sim.MoneyMetricNames))
	}
	if len(s.AnnualMeasures) != care.NumAnnual+finance.NumMeasures || s.AnnualMeasures[care.NumAnnual].Name != finance.Measures[0].Name {
		t.Errorf("summary.json: %d annual measures, want the %d of care and the %d of money", len(s.AnnualMeasures), care.NumAnnual, finance.NumMeasures)
	}
}

// TestRunBaselinePriced runs the baseline for a year and checks the
// structure of its money, not its values (which move with the baseline's
// calibration): every body's accounts in annual.csv, every money metric in
// metrics.csv, and the deficits in £m on stdout.
func TestRunBaselinePriced(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "--quiet", "--reps", "2", "--set", "horizon=1y", "--no-plots", "--out", dir, "baseline"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"deficit_final_year_gbp", "deficit_final_year_gbp_acute", "deficit_final_year_gbp_community",
		"deficit_final_year_gbp_social_care", "deficit_final_year_gbp_commissioners", "deficit_cumulative_gbp"} {
		re := regexp.MustCompile(`(?m)^` + name + `\s+(-?£[0-9.]+[mk]?\s+){3}£, 2013/14`)
		if !re.MatchString(stdout.String()) {
			t.Errorf("stdout has no line %s with a mean, a CI and the year in pounds:\n%s", name, stdout.String())
		}
	}
	if !strings.Contains(stdout.String(), report.DeficitNote) {
		t.Errorf("stdout does not say what a deficit is")
	}
	b, _ := os.ReadFile(filepath.Join(dir, "metrics.csv"))
	for _, name := range sim.MoneyMetricNames {
		if !regexp.MustCompile(`(?m)^baseline,` + name + `,£,,-?[0-9]`).Match(b) {
			t.Errorf("metrics.csv has no mean of %s", name)
		}
	}
	b, _ = os.ReadFile(filepath.Join(dir, "annual.csv"))
	for _, body := range finance.BodyNames {
		for _, m := range finance.Measures {
			if !bytes.Contains(b, []byte("baseline,2014/15,"+body+","+m.Name+",£,,")) {
				t.Errorf("annual.csv has no 2014/15 %s %s", body, m.Name)
			}
		}
	}
}

// TestRunInterrupted cancels a run, as Ctrl-C does, and expects an error
// and nothing written: not the results, not the event log, not a
// temporary file, not the results folder.
func TestRunInterrupted(t *testing.T) {
	dir := t.TempDir()
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	r := newRunCmd(fs)
	events := filepath.Join(dir, "events.csv")
	out := filepath.Join(dir, "out")
	if err := fs.Parse([]string{"--quiet", "--reps", "4", "--set", "horizon=30d", "--events", events, "--out", out, "textbook-mmc"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err := r.exec(ctx, fs.Args(), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("error %v, want interrupted", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("%s left in the folder", entries[0].Name())
	}
	if stdout.Len() > 0 {
		t.Errorf("stdout: %q", stdout.String())
	}
}

// TestProgress checks that there is no bar when stderr is not a terminal,
// and that the bar, when there is one, writes to the given writer.
func TestProgress(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, 3, "textbook-mmc", false)
	if p.bar != nil {
		t.Error("a bar on a buffer, which is not a terminal")
	}
	p.done(0)
	p.finish()
	if b.Len() > 0 {
		t.Errorf("no bar wrote %q", b.String())
	}
	p = progress{bar: newBar(&b, 3, "textbook-mmc")}
	for rep := range 3 {
		p.done(rep)
	}
	p.finish()
	if !strings.Contains(b.String(), "textbook-mmc") {
		t.Errorf("bar wrote %q, want the scenario's name", b.String())
	}
}

// TestRangeWarningReachesResults checks that a value far outside its
// documented range (testdata/mmc-range.yaml's cubicles, 8–12, so far above
// 16) is told where run and compare tell of warnings: on stderr and in
// summary.json's manifests.
func TestRangeWarningReachesResults(t *testing.T) {
	want := "--set:3:22: services.ed.cubicles: 17 is far outside the range 8–12 documented at testdata/mmc-range.yaml:8"
	short := []string{"--quiet", "--no-plots", "--reps", "2", "--set", "horizon=10d", "--set", "warm_up.length=1d",
		"--set", "services.ed.cubicles=17", "--out", "OUT"}
	for _, c := range []struct {
		args []string
		last int // the manifest of the scenario with the range: summary.json's only, or compare's second
	}{
		{append(append([]string{"run"}, short...), "testdata/mmc-range.yaml"), 0},
		{append(append([]string{"compare"}, short...), "textbook-mmc", "testdata/mmc-range.yaml"), 1},
	} {
		r := sharedRun(t, c.args...)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", c.args[0], r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "caresim: warning: ") || !strings.Contains(r.stderr, want) {
			t.Errorf("%s: stderr does not warn %q:\n%s", c.args[0], want, r.stderr)
		}
		b, err := os.ReadFile(filepath.Join(r.out, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Manifest  results.Manifest   `json:"manifest"`
			Manifests []results.Manifest `json:"manifests"`
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		ms := s.Manifests // compare's, one per scenario
		if c.args[0] == "run" {
			ms = []results.Manifest{s.Manifest}
		}
		if len(ms) <= c.last || !slices.ContainsFunc(ms[c.last].Warnings, func(w string) bool { return strings.HasPrefix(w, want) }) {
			t.Errorf("%s: summary.json's manifests %+v do not warn %q", c.args[0], ms, want)
		}
		if c.last == 1 && len(ms[0].Warnings) > 0 {
			t.Errorf("compare: textbook-mmc, without ranges, warns %q", ms[0].Warnings)
		}
	}
}
