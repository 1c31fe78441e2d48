package main

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"caresim/sim/finance"
)

// TestAnnualPressureLines runs the baseline with fewer beds than it had,
// for two years, and reads annual.csv's pressure lines back: each
// organisation's and the system's for every cost, year and replication;
// the system's the four organisations' sum, replication by replication; a
// fine the trust pays (A&E, handover) received by the commissioners, so
// that it nets to nothing in the system; and the escalation beds the
// trust opens with 600 beds a cost in every year.
func TestAnnualPressureLines(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two years of the baseline")
	}
	clearShardEnv(t)
	dir := t.TempDir()
	files := runFiles(t, dir, "run", "--quiet", "--reps", "2", "--per-replication", "--set", "horizon=2y", "--set", "services.acute.beds=600",
		"--no-plots", "--out", dir, "baseline")
	rows, err := csv.NewReader(bytes.NewReader(files["annual.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	// v[year][organisation][line][replication]
	v := map[string]map[string]map[string]map[string]float64{}
	for _, r := range rows[1:] {
		line := r[col["measure"]]
		if !strings.HasPrefix(line, "pressure_") {
			continue
		}
		if r[col["unit"]] != "£" {
			t.Errorf("%s: unit %q, want £", line, r[col["unit"]])
		}
		y, org, rep := r[col["financial_year"]], r[col["organisation"]], r[col["replication"]]
		x, err := strconv.ParseFloat(r[col["value"]], 64)
		if err != nil {
			t.Fatalf("%s %s %s: %v", y, org, line, err)
		}
		if v[y] == nil {
			v[y] = map[string]map[string]map[string]float64{}
		}
		if v[y][org] == nil {
			v[y][org] = map[string]map[string]float64{}
		}
		if v[y][org][line] == nil {
			v[y][org][line] = map[string]float64{}
		}
		v[y][org][line][rep] = x
	}
	years := []string{"2013/14", "2014/15"}
	for _, y := range years {
		for _, b := range finance.BodyNames {
			for _, l := range finance.PressureLines {
				// The mean's row and each replication's.
				if got := len(v[y][b][l.Name]); got != 3 {
					t.Fatalf("%s %s %s: %d rows, want the mean's and 2 replications'", y, b, l.Name, got)
				}
			}
		}
		for _, l := range finance.PressureLines {
			for _, rep := range []string{"", "1", "2"} {
				sum := 0.0
				for _, b := range finance.BodyNames[:finance.System] {
					sum += v[y][b][l.Name][rep]
				}
				if sys := v[y]["system"][l.Name][rep]; math.Abs(sys-sum) > 1e-6*(1+math.Abs(sum)) {
					t.Errorf("%s %s replication %q: system %.2f, want the organisations' sum %.2f", y, l.Name, rep, sys, sum)
				}
			}
		}
		for _, k := range []int{finance.PressureAEFines, finance.PressureHandoverFines} {
			l := finance.PressureLines[k].Name
			for _, rep := range []string{"1", "2"} {
				paid, got := v[y]["acute"][l][rep], v[y]["commissioners"][l][rep]
				if paid < 0 || math.Abs(paid+got) > 1e-6*(1+paid) {
					t.Errorf("%s %s replication %s: the trust pays %.2f, the commissioners %.2f; want a payment received", y, l, rep, paid, got)
				}
				if s := v[y]["system"][l][rep]; math.Abs(s) > 1e-6*(1+paid) {
					t.Errorf("%s %s replication %s: the system's %.2f, want none", y, l, rep, s)
				}
			}
		}
		if e := v[y]["acute"][finance.PressureLines[finance.PressureEscalation].Name][""]; !(e > 0) {
			t.Errorf("%s: the trust's escalation beds cost £%.0f with 600 beds, want a cost", y, e)
		}
	}
}
