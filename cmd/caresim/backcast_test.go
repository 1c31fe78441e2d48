package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caresim/results"
)

// backcastMMC is a backcast of the priced textbook M/M/c ED over the
// financial year 2014/15, set beside made-up observations: months and a
// year inside the run, a month before it and one after.
var backcastMMC = []string{"backcast", "--reps", "3", "--set", "horizon=365d", "--set", "warm_up.length=5d",
	"--observed", "testdata/observed-mmc.csv", "--out", "OUT", "testdata/mmc-money.yaml"}

// TestBackcastGolden pins backcast's table and messages on the textbook
// M/M/c ED, whose numbers move only when the kernel or the queueing part
// of the model changes, and its refusals of bad observed files and
// flags.
func TestBackcastGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"backcast-mmc", backcastMMC, 0},
		// Every problem of the file, with its line and column; nothing runs.
		{"backcast-bad-observed", []string{"backcast", "--observed", "testdata/observed-bad.csv", "--out", "OUT", "textbook-mmc"}, 1},
		{"backcast-no-observed", []string{"backcast", "textbook-mmc"}, 2},
		// A band needs two replications.
		{"backcast-one-rep", []string{"backcast", "--reps", "1", "--observed", "testdata/observed-mmc.csv", "textbook-mmc"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkGolden(t, c.name, c.args, c.code) })
	}
}

// TestBackcastFolder checks what a backcast writes: backcast.csv with a
// row per observed value, summary.json's backcast, a chart per observed
// series, and report.html's backcast section with those charts; and that
// caresim plot re-draws the charts and the report byte for byte.
func TestBackcastFolder(t *testing.T) {
	r := sharedRun(t, backcastMMC...)
	if r.code != 0 {
		t.Fatalf("backcast: exit %d\n%s", r.code, r.stderr)
	}
	dir := r.out
	s, err := results.ReadSummary(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := s.Backcast
	if b == nil || b.File != "testdata/observed-mmc.csv" || b.Rows != 8 || len(b.Fits) != 4 {
		t.Fatalf("summary.json's backcast = %+v, want the file, 8 rows and 4 series", b)
	}
	d, err := results.ReadRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, p := range d.Backcast.Points {
		status[p.Period+" "+p.Measure] = p.Status
	}
	for k, want := range map[string]string{
		"2014-03 ae_departures":     "before the run",
		"2014-04 ae_departures":     results.BackcastSimulated,
		"2015-04 ae_departures":     "after the run",
		"2014/15 deficit_gbp_acute": results.BackcastSimulated,
	} {
		if status[k] != want {
			t.Errorf("%s: %q, want %q", k, status[k], want)
		}
	}
	report, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	checkSelfContained(t, string(report))
	for _, want := range []string{`<section id="backcast">`, `id="chart-backcast-ae_departures-by-month"`,
		`id="chart-backcast-ed_4h_performance-by-year"`, "Not compared: 1 observed value is before the run", "is after the run", "testdata/observed-mmc.csv"} {
		if !bytes.Contains(report, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if i, j := bytes.Index(report, []byte(`<section id="charts">`)), bytes.Index(report, []byte(`<section id="backcast">`)); bytes.Contains(report[i:j], []byte("chart-backcast-")) {
		t.Error("the charts section shows a backcast chart: it belongs in the backcast section")
	}
	charts := []string{"backcast-ae_departures-by-month.png", "backcast-ed_4h_performance-by-month.png",
		"backcast-ed_4h_performance-by-year.png", "backcast-deficit_gbp_acute-by-year.png"}
	before := map[string][]byte{"report.html": report}
	for _, c := range charts {
		if before[c], err = os.ReadFile(filepath.Join(dir, c)); err != nil {
			t.Error(err)
		}
	}

	// caresim plot re-draws them from the folder, byte for byte.
	copied := filepath.Join(t.TempDir(), "copy")
	copyDir(t, dir, copied)
	var out bytes.Buffer
	if code := run([]string{"plot", "--quiet", copied}, &out, &out); code != 0 {
		t.Fatalf("plot: exit %d\n%s", code, out.String())
	}
	for name, want := range before {
		got, err := os.ReadFile(filepath.Join(copied, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("plot re-drew %s differently", name)
		}
	}
}

// TestRunObserved checks that run --observed writes the backcast as
// backcast does, and prints run's headline table.
func TestRunObserved(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"run", "--quiet", "--reps", "2", "--set", "horizon=61d", "--set", "warm_up.length=5d", "--observed", "testdata/observed-mmc.csv", "--out", out, "textbook-mmc"}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "ed_4h_performance") || strings.Contains(stdout.String(), "mape") {
		t.Errorf("run --observed printed:\n%s\nwant run's headline table", stdout.String())
	}
	var s struct {
		Backcast *results.BackcastSummary `json:"backcast"`
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil || s.Backcast == nil {
		t.Fatalf("summary.json has no backcast: %v", err)
	}
	// A run of 61 days from 1 April covers April and May 2014 whole; the
	// money of 2014/15 it covers in part.
	fits := map[string]results.BackcastFit{}
	for _, f := range s.Backcast.Fits {
		fits[f.Measure+" "+f.Periods] = f
	}
	if f := fits["ae_departures months"]; f.Points != 2 || f.Outside != 3 {
		t.Errorf("ae_departures by month: %d simulated, %d outside, want 2 and 3", f.Points, f.Outside)
	}
	if f := fits["deficit_gbp_acute financial years"]; f.Points != 0 || f.Outside != 1 {
		t.Errorf("the deficit of a year simulated in part: %d simulated, want none", f.Points)
	}
	if _, err := os.Stat(filepath.Join(out, "backcast-ae_departures-by-month.png")); err != nil {
		t.Error(err)
	}
}

func TestBackcastMeasures(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"backcast", "--measures"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	lines := strings.Split(stdout.String(), "\n")
	if !strings.HasPrefix(lines[0], "measure ") {
		t.Errorf("first line %q, want the header", lines[0])
	}
	for _, want := range [][]string{
		{"nel_admissions", "spells", "patients"},
		{"ae_departures", "patients", "patients"},
		{"ed_4h_performance", "fraction", "fraction"},
		{"deficit_gbp_acute", "£", "–"},
		{"delayed_bed_days", "bed days", "–"},
	} {
		found := false
		for _, l := range lines {
			if f := strings.Fields(l); len(f) > 3 && f[0] == want[0] {
				found = strings.Contains(l, "  "+want[1]+"  ") && strings.Contains(l, "  "+want[2]+"  ")
			}
		}
		if !found {
			t.Errorf("--measures: no line %q", want)
		}
	}
	if code := run([]string{"backcast", "--measures", "baseline"}, &stdout, &stderr); code != 2 {
		t.Errorf("--measures with a scenario: exit %d, want 2", code)
	}
}

// copyDir copies the files of the folder from (not its subfolders) into
// a new folder to.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".caresim.lock") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
