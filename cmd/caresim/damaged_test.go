package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// lines edits a CSV file as lines (without their ends).
type lines func([]string) []string

// dropLast drops the last n lines, as a copy cut short does.
func dropLast(n int) lines { return func(l []string) []string { return l[:len(l)-n] } }

// dropWith drops the lines that hold s.
func dropWith(s string) lines {
	return func(l []string) []string {
		return slices.DeleteFunc(l, func(x string) bool { return strings.Contains(x, s) })
	}
}

// repeat writes line i (from 1, the header) twice.
func repeat(i int) lines { return func(l []string) []string { return slices.Insert(l, i, l[i-1]) } }

// replaceLine puts line from (from 1) in place of line at.
func replaceLine(at, from int) lines {
	return func(l []string) []string { l[at-1] = l[from-1]; return l }
}

// setCell sets the cell of line i (from 1) in column c (from 1), in files
// that hold no quoted commas.
func setCell(i, c int, to string) lines {
	return func(l []string) []string {
		cells := strings.Split(l[i-1], ",")
		cells[c-1] = to
		l[i-1] = strings.Join(cells, ",")
		return l
	}
}

// TestReadersRefuseDamage damages the files of a run's, a comparison's
// and a sweep's folder one way at a time: cut short (at a day's or a
// year's boundary too), a cell that is not a number or NaN, a renamed
// column, a row twice, a row of another: caresim plot must refuse each,
// naming the file, the line and (for a cell) the column, and leave the
// folder as it was; the undamaged folders plot.
func TestReadersRefuseDamage(t *testing.T) {
	clearShardEnv(t)
	runDir, cmpDir, sweepDir := t.TempDir(), t.TempDir(), t.TempDir()
	// Two financial years, 2014/15 and 2015/16 in part, 400 days.
	runFiles(t, runDir, "run", "--quiet", "--reps", "2", "--set", "horizon=400d", "--set", "warm_up.length=1d", "--no-plots", "--out", runDir, "textbook-tandem")
	runFiles(t, cmpDir, "compare", "--quiet", "--reps", "2", "--set", "horizon=30d", "--no-plots", "--out", cmpDir, "textbook-mmc", "testdata/mmc-11.yaml")
	runFiles(t, sweepDir, sweepArgs(sweepDir, "--no-plots")...)
	// The rows of a day of daily.csv, and of a year of annual.csv.
	count := func(file, s string) int {
		b, err := os.ReadFile(filepath.Join(runDir, file))
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Count(b, []byte(s))
	}
	perDay, perYear := count("daily.csv", ",2014-04-01,"), count("annual.csv", ",2015/16,")
	for _, c := range []struct {
		dir, file string
		edit      lines
		msg       string
	}{
		{runDir, "daily.csv", dropWith("2015-05-05"), "daily.csv holds 399 days, but summary.json says 400 were measured"},
		{runDir, "daily.csv", dropWith("2014-04-02"), fmt.Sprintf(`daily.csv:%d: column 2 (date): "2014-04-03", want 2014-04-02`, 2+perDay)},
		{runDir, "daily.csv", setCell(2, 6, "NaN"), `daily.csv:2: column 6 (value): "NaN" is not a number`},
		{runDir, "daily.csv", setCell(3, 7, "lots"), `daily.csv:3: column 7 (p10): "lots" is not a number`},
		{runDir, "daily.csv", setCell(1, 7, "p_10"), "daily.csv:1: no p10 column"},
		{runDir, "daily.csv", setCell(1, 6, "mean"), "daily.csv:1: no value column"},
		{runDir, "annual.csv", dropLast(3), "annual.csv lacks 3 of the rows summary.json says it holds"},
		{runDir, "annual.csv", dropWith("2015/16"), fmt.Sprintf("annual.csv lacks %d of the rows summary.json says it holds, the first of 2015/16", perYear)},
		{runDir, "annual.csv", repeat(5), "annual.csv:6: a second row of 2014/15"},
		{runDir, "annual.csv", setCell(3, 7, "NaN"), `annual.csv:3: column 7 (value): "NaN" is not a number`},
		{runDir, "annual.csv", setCell(3, 8, "+Inf"), `annual.csv:3: column 8 (ci_low): "+Inf" is not a number`},
		{runDir, "los.csv", dropLast(2), "los.csv holds"},
		{runDir, "los.csv", dropWith(",intermediate_care,"), "bins of intermediate_care"},
		{runDir, "los.csv", setCell(2, 6, "x"), `los.csv:2: column 6 (share): "x", want a share`},
		{cmpDir, "compare.csv", dropLast(2), "compare.csv holds no row of"},
		{cmpDir, "compare.csv", setCell(3, 7, "1"), "compare.csv:3: column 7 (diff_mean): 1, but 0 in summary.json"},
		{cmpDir, "compare.csv", setCell(2, 4, "NaN"), `compare.csv:2: column 4 (mean): "NaN" is not a number`},
		{cmpDir, "compare.csv", setCell(2, 2, "per day"), `compare.csv:2: column 2 (unit): "per day", but "per year"`},
		{cmpDir, "compare.csv", replaceLine(3, 5), `compare.csv:5: a second row of ed_type1_attendances_per_year for mmc-11`},
		{cmpDir, filepath.Join("mmc-11", "daily.csv"), dropWith("2014-04-30"), "daily.csv holds 29 days, but summary.json says 30"},
		{sweepDir, "sweep.csv", setCell(2, 5, "NaN"), `sweep.csv:2: column 5 (ed_attendances_per_year): "NaN" is not a number`},
		{sweepDir, "sweep.csv", setCell(3, 7, "garbage"), `sweep.csv:3: column 7 (ed_4h_performance): "garbage" is not a number`},
		{sweepDir, "sweep.csv", replaceLine(3, 2), "sweep.csv:3: point 0 replication 0 is there twice, at line 2 too"},
		{sweepDir, "sweep.csv", setCell(3, 4, "205"), "sweep.csv:3: point 0 has services.ed.cubicles, demand.urgent.routes.walk-in.per_day = 10, 205 here, but 10, 200 in its other rows"},
		{sweepDir, "sweep.csv", setCell(3, 1, "12"), "sweep.csv:3: point 12 replication 1 is not in this sweep of 12 points"},
	} {
		path := filepath.Join(c.dir, c.file)
		orig, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ls := strings.Split(strings.TrimSuffix(string(orig), "\n"), "\n")
		bad := []byte(strings.Join(c.edit(ls), "\n") + "\n")
		if bytes.Equal(bad, orig) {
			t.Fatalf("%s: the edit for %q changes nothing", c.file, c.msg)
		}
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		before := readFiles(t, c.dir)
		code, stderr := runCode("plot", "--quiet", c.dir)
		if code != 1 || !strings.Contains(stderr, c.msg) {
			t.Errorf("plot with %s damaged: exit %d, stderr %q; want 1 and %q", c.file, code, stderr, c.msg)
		}
		if after := readFiles(t, c.dir); !maps.EqualFunc(after, before, bytes.Equal) {
			t.Errorf("plot with %s damaged changed the folder", c.file)
		}
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{runDir, cmpDir, sweepDir} {
		if code, stderr := runCode("plot", "--quiet", "--format", "svg", dir); code != 0 {
			t.Errorf("plot of the undamaged %s: exit %d, %s", dir, code, stderr)
		}
	}
}
