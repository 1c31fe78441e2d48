package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// effectsScenarios are the runs scripts/effects_table.py reads.
var effectsScenarios = []string{"baseline", "prism", "intermediate-care", "care-homes",
	"transfer-to-assess", "elective-gateway", "single-front-door", "call-for-care", "self-care",
	"mental-health-liaison", "womens-childrens", "primary-care-hubs", "better-together"}

// effectsMeasures are the annual.csv measures the script reads, each 100
// in the fixture unless a case sets it.
var effectsMeasures = []string{"ed_attendances", "utc_attendances", "nel_admissions", "acute_bed_days",
	"delayed_bed_days", "care_home_admissions", "elective_admissions", "ae_4h_breaches",
	"ed_12h_dta_waits", "elective_waiting_list", "acute_beds_closed", "acute_beds",
	"acute_escalation_beds", "call_for_care_navigated", "gp_same_day_unmet", "gp_same_day_need",
	"gp_unmet_to_ae", "gp_referrals", "outpatient_first_attendances", "day_cases"}

// writeEffectsRuns writes, for each scenario, an annual.csv with a row
// per replication (3) of 2013/14 to 2015/16: every measure 100, days 365,
// the system's deficit £10m, except where set gives scenario → measure →
// a value per year and replication.
func writeEffectsRuns(t *testing.T, dir string, set map[string]map[string][3][3]float64) {
	t.Helper()
	years := []string{"2013/14", "2014/15", "2015/16"}
	for _, s := range effectsScenarios {
		var b strings.Builder
		b.WriteString("scenario,financial_year,organisation,measure,unit,replication,value,ci_low,ci_high\n")
		for yi, y := range years {
			for r := 0; r < 3; r++ {
				fmt.Fprintf(&b, "%s,%s,,days,days,%d,365,,\n", s, y, r)
				fmt.Fprintf(&b, "%s,%s,system,deficit_gbp,£,%d,%g,,\n", s, y, r, value(set, s, "deficit_gbp", yi, r, 10e6))
				for _, m := range effectsMeasures {
					fmt.Fprintf(&b, "%s,%s,,%s,x,%d,%g,,\n", s, y, m, r, value(set, s, m, yi, r, 100))
				}
			}
			// The row of the mean, which the script must skip.
			fmt.Fprintf(&b, "%s,%s,,ed_attendances,patients,,999999,,\n", s, y)
		}
		if err := os.MkdirAll(filepath.Join(dir, s), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, s, "annual.csv"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func value(set map[string]map[string][3][3]float64, s, m string, year, rep int, def float64) float64 {
	if v, ok := set[s][m]; ok {
		return v[year][rep]
	}
	return def
}

// TestEffectsTable runs scripts/effects_table.py on hand-made runs and
// checks its table against differences worked by hand: means per year
// over the years after the base year only, paired over replications,
// with Student's t interval (t = 4.303 for 2 degrees of freedom); and
// that --write replaces the blocks between their markers, and writes
// nothing when a marker is missing.
func TestEffectsTable(t *testing.T) {
	py := exampleProgram(t, []string{"/usr/bin/python3", "python3"}, []string{"-c", "import csv"},
		"no python3: scripts/effects_table.py is not run")
	dir := t.TempDir()
	// Baseline A&E (ed + utc) 200 a year in every replication. prism: its
	// 2013/14 differs (5000), which must not count; 2014/15 and 2015/16
	// give type 1 attendances of 90 and 70, 100 and 100, 90 and 90: means
	// per year 180, 200, 190 against 200, differences −20, 0, −10: mean
	// −10, sd 10, half-width 4.303 × 10 / √3 = 24.8, not told from none.
	// care-homes: differences −20, −22, −18: mean −20, sd 2, half-width
	// 5.0, told from none. better-together as prism, with its interval;
	// its deficit in 2015/16 £12m against £10m, +£2.0m in each replication.
	prism := [3][3]float64{{5000, 5000, 5000}, {90, 100, 90}, {70, 100, 90}}
	set := map[string]map[string][3][3]float64{
		"prism":           {"ed_attendances": prism},
		"care-homes":      {"ed_attendances": {{100, 100, 100}, {80, 78, 82}, {80, 78, 82}}},
		"better-together": {"ed_attendances": prism, "deficit_gbp": {{10e6, 10e6, 10e6}, {10e6, 10e6, 10e6}, {12e6, 12e6, 12e6}}},
	}
	writeEffectsRuns(t, dir, set)
	script := filepath.Join("..", "..", "scripts", "effects_table.py")
	out, err := exec.Command(py, script, "--no-run", "--out", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("effects_table.py: %v\n%s", err, out)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if cells := strings.Split(line, " | "); len(cells) > 2 && strings.HasPrefix(line, "| ") {
			rows[strings.TrimPrefix(cells[0], "| ")] = cells[1:]
		}
	}
	for _, c := range []struct{ row, aande, gap string }{
		{"baseline (its level)", "200", "£10.0m |"},
		{"prism", "−10", "£0.0m |"},
		{"care-homes", `−20\*`, "£0.0m |"},
		{"better-together", "−10 (−35 to +15)", "+£2.0m (+£2.0m to +£2.0m) |"},
	} {
		cells, ok := rows[c.row]
		if !ok {
			t.Fatalf("no row %q in\n%s", c.row, out)
		}
		if cells[0] != c.aande || cells[len(cells)-1] != c.gap {
			t.Errorf("%s: A&E %q, gap %q; want %q, %q", c.row, cells[0], cells[len(cells)-1], c.aande, c.gap)
		}
	}

	doc := filepath.Join(dir, "doc.md")
	var b strings.Builder
	for _, name := range []string{"table", "whole", "beds", "iau", "gateway", "hubs", "front-door"} {
		fmt.Fprintf(&b, "before %s\n<!-- effects_table.py:%s -->\nold\n<!-- /effects_table.py:%s -->\n", name, name, name)
	}
	if err := os.WriteFile(doc, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(py, script, "--no-run", "--out", dir, "--write", doc).CombinedOutput(); err != nil {
		t.Fatalf("effects_table.py --write: %v\n%s", err, out)
	}
	got, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(got); strings.Contains(s, "old") || !strings.Contains(s, "| better-together | −10 (−35 to +15)") ||
		!strings.Contains(s, "before front-door\n<!-- effects_table.py:front-door -->\nThe run does not reach 2017/18.\n<!-- /effects_table.py:front-door -->") {
		t.Errorf("--write gave\n%s", s)
	}

	broken := strings.Replace(b.String(), "<!-- /effects_table.py:hubs -->", "", 1)
	if err := os.WriteFile(doc, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(py, script, "--no-run", "--out", dir, "--write", doc).CombinedOutput(); err == nil {
		t.Errorf("--write with a marker missing succeeded:\n%s", out)
	}
	if got, _ := os.ReadFile(doc); string(got) != broken {
		t.Errorf("--write with a marker missing changed the file:\n%s", got)
	}
}
