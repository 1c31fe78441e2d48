package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"caresim/results"

	"github.com/xuri/excelize/v2"
)

// openBook opens the workbook b.
func openBook(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	if len(b) == 0 {
		t.Fatalf("no %s", results.WorkbookName)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetRows returns a sheet's rows by column name, the header first, and
// each cell's type, keyed by row and column name.
func sheetRows(t *testing.T, f *excelize.File, sheet string) ([]map[string]string, func(row int, col string) excelize.CellType) {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("sheet %s is empty", sheet)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		out = append(out, m)
	}
	typ := func(row int, col string) excelize.CellType {
		c := slices.Index(rows[0], col)
		if c < 0 {
			t.Fatalf("sheet %s has no column %s", sheet, col)
		}
		cell, _ := excelize.CoordinatesToCellName(c+1, row+2)
		ty, err := f.GetCellType(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		return ty
	}
	return out, typ
}

// sameNumber reports whether the workbook's cell text got holds the CSV
// cell want, to the 15 significant digits Excel keeps; an empty cell for
// an empty one.
func sameNumber(got, want string) bool {
	if want == "" || got == "" {
		return got == want
	}
	w, err1 := strconv.ParseFloat(want, 64)
	g, err2 := strconv.ParseFloat(got, 64)
	return err1 == nil && err2 == nil && g == results.Excel15(w)
}

// meanRows reads the rows of the means of a long CSV file (replication
// empty), by column name.
func meanRows(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		if m["replication"] == "" {
			out = append(out, m)
		}
	}
	return out
}

// TestRunWorkbook reads back a priced run's workbook: its sheets, every
// metric and every annual row with metrics.csv's and annual.csv's
// numbers, as number cells, with their units and periods; the headline's
// first and last years; and the folder's list naming it.
func TestRunWorkbook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := runFiles(t, dir, "run", "--quiet", "--reps", "3", "--no-plots", "--set", "horizon=400d", "--set", "warm_up.length=5d", "--out", dir, "testdata/mmc-money.yaml")
	f := openBook(t, files[results.WorkbookName])
	if got, want := strings.Join(f.GetSheetList(), ","), "headline,metrics,annual,about"; got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	if !slices.Contains(listedFiles(t, files), results.WorkbookName) {
		t.Errorf("%s does not list %s", results.ManifestName, results.WorkbookName)
	}

	metrics, typ := sheetRows(t, f, "metrics")
	want := meanRows(t, files["metrics.csv"])
	if len(metrics) != len(want) {
		t.Fatalf("metrics sheet has %d rows, metrics.csv %d metrics", len(metrics), len(want))
	}
	for i, w := range want {
		g := metrics[i]
		if g["metric"] != w["metric"] || g["unit"] != w["unit"] || !sameNumber(g["mean"], w["value"]) || !sameNumber(g["ci_low"], w["ci_low"]) || !sameNumber(g["ci_high"], w["ci_high"]) {
			t.Errorf("metrics row %d: %v, want metrics.csv's %v", i+2, g, w)
		}
		if g["mean"] != "" && typ(i, "mean") != excelize.CellTypeUnset {
			t.Errorf("metrics row %d: mean is a cell of type %v, not a number", i+2, typ(i, "mean"))
		}
		if g["period"] == "" || g["source"] != "metrics.csv" {
			t.Errorf("metrics row %d: period %q, source %q", i+2, g["period"], g["source"])
		}
	}

	annual, _ := sheetRows(t, f, "annual")
	wantA := meanRows(t, files["annual.csv"])
	if len(annual) != len(wantA) {
		t.Fatalf("annual sheet has %d rows, annual.csv %d mean rows", len(annual), len(wantA))
	}
	for i, w := range wantA {
		g := annual[i]
		if g["financial_year"] != w["financial_year"] || g["organisation"] != w["organisation"] || g["measure"] != w["measure"] || g["unit"] != w["unit"] ||
			!sameNumber(g["mean"], w["value"]) || !sameNumber(g["ci_low"], w["ci_low"]) || !sameNumber(g["ci_high"], w["ci_high"]) {
			t.Errorf("annual row %d: %v, want annual.csv's %v", i+2, g, w)
		}
	}
	// 400 days from 1 April 2014: 2014/15 whole, then 35 days of 2015/16.
	for _, r := range annual {
		switch r["financial_year"] {
		case "2014/15":
			if r["period"] != "2014-04-01 to 2015-03-31" || r["days"] != "365" {
				t.Fatalf("2014/15 covers %s, %s days", r["period"], r["days"])
			}
		case "2015/16":
			if r["period"] != "2015-04-01 to 2015-05-05" || r["days"] != "35" {
				t.Fatalf("2015/16 covers %s, %s days", r["period"], r["days"])
			}
		}
	}

	head, _ := sheetRows(t, f, "headline")
	byMetric := map[string]map[string]string{}
	for _, r := range head {
		byMetric[r["metric"]] = r
	}
	h4 := byMetric["ed_4h_performance"]
	if h4 == nil || h4["first_year"] != "2014/15" || h4["last_year"] != "2014/15" || h4["period"] != "mean over 2014-04-01 to 2015-05-05" || h4["unit"] != "fraction" {
		t.Errorf("headline's 4-hour row: %v", h4)
	}
	if d := byMetric["deficit_final_year_gbp"]; d == nil || d["period"] != "financial year 2014/15" {
		t.Errorf("headline's final-year deficit: %v", d)
	}
	shown, err := f.GetCellValue("headline", "E3") // 4-hour performance's mean, as Excel shows it
	if err != nil || !strings.HasSuffix(shown, "%") {
		t.Errorf("the 4-hour mean shows as %q (%v), want a percentage", shown, err)
	}
}

// TestCompareWorkbook reads back a comparison's workbook: every row of
// compare.csv in its comparison sheet, with its numbers, and each
// scenario's annual rows.
func TestCompareWorkbook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := runFiles(t, dir, "compare", "--quiet", "--reps", "3", "--no-plots", "--set", "horizon=30d", "--set", "warm_up.length=2d", "--out", dir, "testdata/mmc-money.yaml", "testdata/mmc-money-11.yaml")
	f := openBook(t, files[results.WorkbookName])
	if got, want := strings.Join(f.GetSheetList(), ","), "headline,comparison,annual,about"; got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	rows, typ := sheetRows(t, f, "comparison")
	want := meanRows(t, files["compare.csv"])
	if len(rows) != len(want) {
		t.Fatalf("comparison sheet has %d rows, compare.csv %d", len(rows), len(want))
	}
	for i, w := range want {
		g := rows[i]
		if g["metric"] != w["metric"] || g["scenario"] != w["scenario"] || !sameNumber(g["mean"], w["mean"]) ||
			!sameNumber(g["difference"], w["diff_mean"]) || !sameNumber(g["difference_ci_low"], w["diff_ci_low"]) || !sameNumber(g["difference_ci_high"], w["diff_ci_high"]) {
			t.Errorf("comparison row %d: %v, want compare.csv's %v", i+2, g, w)
		}
		if g["difference"] != "" && typ(i, "difference") != excelize.CellTypeUnset {
			t.Errorf("comparison row %d: the difference is not a number cell", i+2)
		}
	}
	annual, _ := sheetRows(t, f, "annual")
	var n int
	for _, name := range []string{"mmc-money", "mmc-money-11"} {
		n += len(meanRows(t, files[filepath.Join(name, "annual.csv")]))
	}
	if len(annual) != n || annual[0]["scenario"] != "mmc-money" || annual[len(annual)-1]["scenario"] != "mmc-money-11" {
		t.Errorf("annual sheet: %d rows, from %s to %s; want both scenarios' %d", len(annual), annual[0]["scenario"], annual[len(annual)-1]["scenario"], n)
	}
}

// TestSweepWorkbook reads back a sweep's workbook: a row per point and
// metric, with the parameters as numbers and each point's mean over its
// replications.
func TestSweepWorkbook(t *testing.T) {
	clearShardEnv(t)
	_, files := sharedSweep(t)
	f := openBook(t, files[results.WorkbookName])
	if got, want := strings.Join(f.GetSheetList(), ","), "headline,sweep,about"; got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	var m results.Sweep
	if err := json.Unmarshal(files["sweep.json"], &m); err != nil {
		t.Fatal(err)
	}
	rows, typ := sheetRows(t, f, "sweep")
	if len(rows) != m.Points*len(m.Metrics) {
		t.Fatalf("sweep sheet has %d rows, want %d points × %d metrics", len(rows), m.Points, len(m.Metrics))
	}
	// Point 0's walk-in demand is 200 a day and its cubicles 10; its
	// replications' mean 4-hour performance is sweep.csv's.
	recs, err := csv.NewReader(bytes.NewReader(files["sweep.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "ed_4h_performance")
	var sum float64
	var n int
	for _, r := range recs[1:] {
		if r[0] == "0" {
			x, _ := strconv.ParseFloat(r[col], 64)
			sum += x
			n++
		}
	}
	for i, r := range rows {
		if r["point"] != "0" || r["metric"] != "ed_4h_performance" {
			continue
		}
		got, _ := strconv.ParseFloat(r["mean"], 64)
		if r["services.ed.cubicles"] != "10" || r["demand.urgent.routes.walk-in.per_day"] != "200" || r["replications"] != strconv.Itoa(n) || relDiff(got, sum/float64(n)) > 1e-14 {
			t.Errorf("point 0's 4-hour row: %v; want 10 cubicles, 200 a day, mean %v of %d", r, sum/float64(n), n)
		}
		if typ(i, "services.ed.cubicles") != excelize.CellTypeUnset {
			t.Error("a parameter is not a number cell")
		}
		return
	}
	t.Error("no row of point 0's 4-hour performance")
}

// relDiff is |a − b| / |b|.
func relDiff(a, b float64) float64 {
	d := (a - b) / b
	if d < 0 {
		return -d
	}
	return d
}

// openpyxl returns a Python that can import openpyxl, the reader of
// .xlsx files that pandas uses, or skips the test (fails under CI, where
// .ci/run installs python3-openpyxl).
func openpyxl(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(py); err == nil && exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no python3 with openpyxl, and CI is set: .ci/run installs it (apt-get install python3-openpyxl)")
	}
	t.Skip("no python3 with openpyxl (apt-get install python3-openpyxl): the workbook is not opened with a second reader")
	return ""
}

// openpyxlScript opens the workbook named by its first argument and
// prints each sheet's name and rows, then the type and value of the
// headline's first mean and its number format.
const openpyxlScript = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(",".join(wb.sheetnames))
for ws in wb:
    print(ws.title, ws.max_row, ws.freeze_panes)
h = wb["headline"]
cols = [c.value for c in h[1]]
mean = h.cell(row=2, column=cols.index("mean") + 1)
print(h.cell(row=2, column=1).value, type(mean.value).__name__, repr(mean.value), mean.number_format)
`

// TestWorkbookInOpenpyxl opens a run's workbook with openpyxl, a reader
// other than the library that wrote it: the sheets, their frozen header,
// and a number cell read as a Python float with its number format.
func TestWorkbookInOpenpyxl(t *testing.T) {
	t.Parallel()
	py := openpyxl(t)
	dir := t.TempDir()
	files := runFiles(t, dir, "run", "--quiet", "--reps", "2", "--no-plots", "--set", "horizon=20d", "--set", "warm_up.length=1d", "--out", dir, "testdata/mmc-money.yaml")
	out, err := exec.Command(py, "-c", openpyxlScript, filepath.Join(dir, results.WorkbookName)).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	var attendances string
	for _, r := range meanRows(t, files["metrics.csv"]) {
		if r["metric"] == "ed_attendances_per_year" {
			attendances = r["value"]
		}
	}
	x, _ := strconv.ParseFloat(attendances, 64)
	// The sheets' lengths as excelize reads them; metrics and annual hold
	// a row for each of metrics.csv's and annual.csv's mean rows.
	f := openBook(t, files[results.WorkbookName])
	lines := []string{"headline,metrics,annual,about"}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%s %d A2", sheet, len(rows)))
	}
	if m, a := len(meanRows(t, files["metrics.csv"]))+1, len(meanRows(t, files["annual.csv"]))+1; lines[2] != fmt.Sprintf("metrics %d A2", m) || lines[3] != fmt.Sprintf("annual %d A2", a) {
		t.Errorf("excelize reads %q, want metrics of %d rows and annual of %d", lines, m, a)
	}
	want := strings.Join(append(lines, "ed_attendances_per_year float "+strconv.FormatFloat(results.Excel15(x), 'g', -1, 64)+" #,##0.00"), "\n") + "\n"
	if string(out) != want {
		t.Errorf("openpyxl read\n%s\nwant\n%s", out, want)
	}
}
