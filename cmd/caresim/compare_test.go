package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
)

// TestCompareGolden pins compare's report and messages on the textbook
// queues and variants of them in testdata (one more ED cubicle, two more
// intermediate-care beds), whose numbers move only when the kernel or the
// queueing part of the model changes. Horizons are cut to months.
func TestCompareGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"compare-mmc", []string{"compare", "--reps", "4", "--set", "horizon=60d", "--set", "warm_up.length=5d", "--out", "OUT", "textbook-mmc", "testdata/mmc-11.yaml"}, 0},
		// Three scenarios, the first's seed from --seed; the tandem has
		// delays, and the M/M/c none of its beds: empty cells.
		{"compare-tandem", []string{"compare", "--quiet", "--reps", "4", "--seed", "7", "--set", "horizon=120d", "--out", "OUT", "textbook-tandem", "testdata/tandem-ic10.yaml", "testdata/mmc-11.yaml"}, 0},
		// Priced scenarios show the deficits and their paired differences
		// (the eleventh cubicle's £150k a year, pro rata); the textbook
		// queue, not priced, has empty money rows.
		{"compare-money", []string{"compare", "--reps", "3", "--set", "horizon=60d", "--set", "warm_up.length=5d", "--out", "OUT",
			"testdata/mmc-money.yaml", "testdata/mmc-money-11.yaml", "textbook-mmc"}, 0},
		// A bad --set is bad for every scenario: each problem once.
		{"compare-bad-set", []string{"compare", "--set", "services.ed.cubicles=many", "--out", "OUT", "textbook-mmc", "testdata/mmc-11.yaml"}, 1},
		{"compare-one-scenario", []string{"compare", "textbook-mmc"}, 2},
		{"compare-twice", []string{"compare", "--out", "OUT", "textbook-mmc", "textbook-mmc"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkGolden(t, c.name, c.args, c.code) })
	}
}

// TestCompareWorkersInvariant runs a comparison on one worker and on
// three and expects the same compare.csv and summary.json, but for the
// wall times.
func TestCompareWorkersInvariant(t *testing.T) {
	workersInvariant(t, []string{"compare.csv", "summary.json"}, func(dir, workers string) []string {
		return []string{"compare", "--quiet", "--workers", workers, "--reps", "5",
			"--set", "horizon=30d", "--set", "warm_up.length=2d", "--out", dir, "textbook-tandem", "testdata/tandem-ic10.yaml"}
	})
}

// TestCompareFiles reads compare's files back: a row per metric and
// scenario, no difference on the first scenario's rows, and differences
// that are the paired ones of summary.json's manifests' scenarios, run
// with the same seed and replications.
func TestCompareFiles(t *testing.T) {
	dir := t.TempDir()
	files := runFiles(t, dir, "compare", "--quiet", "--reps", "4", "--seed", "5", "--set", "horizon=60d", "--set", "warm_up.length=5d",
		"--out", dir, "textbook-mmc", "testdata/mmc-11.yaml")
	recs, err := csv.NewReader(bytes.NewReader(files["compare.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+2*care.NumMetrics {
		t.Fatalf("compare.csv: %d rows, want a header and %d", len(recs), 2*care.NumMetrics)
	}
	wait := care.Metrics[care.MetricEDWaitHours].Name
	for _, r := range recs[1:] {
		if r[2] == "textbook-mmc" && (r[6] != "" || r[7] != "" || r[8] != "") {
			t.Errorf("first scenario's row %q has a difference", r)
		}
		if r[2] == "mmc-11" && r[0] == wait {
			// An eleventh cubicle shortens the mean wait from Erlang C's
			// 0.669 h to about 0.22 h (ρ falls from 0.9 to 0.82). Sixty
			// days hold some 13,000 arrivals, and the paired differences
			// of four replications put the whole interval below zero
			// (for this seed, about −0.6 to −0.3 h).
			d, _ := strconv.ParseFloat(r[6], 64)
			hi, _ := strconv.ParseFloat(r[8], 64)
			if !(d < 0 && hi < 0) {
				t.Errorf("%s difference %v, CI high %v: want below zero", wait, d, hi)
			}
		}
	}
	var s results.Comparison
	if err := json.Unmarshal(files["summary.json"], &s); err != nil {
		t.Fatal(err)
	}
	if s.First != "textbook-mmc" || len(s.Manifests) != 2 || len(s.Metrics) != care.NumMetrics {
		t.Fatalf("summary.json: first %q, %d manifests, %d metrics", s.First, len(s.Manifests), len(s.Metrics))
	}
	for _, m := range s.Manifests {
		if m.Seed != 5 || m.Replications != 4 {
			t.Errorf("%s ran seed %d, %d replications; want 5 and 4 (common random numbers)", m.Scenario, m.Seed, m.Replications)
		}
	}
	// An ED alone: of the charts, only the difference in 4-hour
	// performance and its monthly overlay.
	if files := len(files); files != 7+2*len(results.RunFiles) {
		t.Errorf("%d files in the folder, want compare.csv, summary.json, report.html, results.xlsx, differences-services.png, overlay-ae-4h-performance.png, the list of files and each scenario's %d", files, len(results.RunFiles))
	}
}

// TestCompareMoneyFiles checks that compare.csv and summary.json carry
// the money metrics of priced scenarios with their paired differences:
// the eleventh cubicle costs the acute trust £150k a year, 60/365 of it in
// sixty days, in every replication (capacity is paid for whether used or
// not). A scenario that is not priced has empty cells, and a JSON null,
// for them.
func TestCompareMoneyFiles(t *testing.T) {
	dir := t.TempDir()
	files := runFiles(t, dir, "compare", "--quiet", "--reps", "3", "--set", "horizon=60d", "--set", "warm_up.length=5d",
		"--no-plots", "--out", dir, "testdata/mmc-money.yaml", "testdata/mmc-money-11.yaml", "textbook-mmc")
	recs, err := csv.NewReader(bytes.NewReader(files["compare.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	nm := care.NumMetrics + len(sim.MoneyMetricNames)
	if len(recs) != 1+3*nm {
		t.Fatalf("compare.csv: %d rows, want a header and %d", len(recs), 3*nm)
	}
	const cubicle = 150e3 * 60 / 365 // pounds; 2014/15 is the price year: no inflation
	for _, r := range recs[1+3*care.NumMetrics:] {
		switch {
		case r[2] == "textbook-mmc" && strings.Join(r[3:], "") != "":
			t.Errorf("the textbook queue, not priced, has money: %q", r)
		case r[2] == "mmc-money-11" && (r[0] == "deficit_final_year_gbp" || r[0] == "deficit_final_year_gbp_acute"):
			for _, c := range r[6:9] {
				if x, err := strconv.ParseFloat(c, 64); err != nil || math.Abs(x-cubicle) > 1e-6 {
					t.Errorf("%s: difference %q, want £%.2f (the cubicle)", r[0], r[6:9], cubicle)
				}
			}
		}
	}
	var s results.Comparison
	if err := json.Unmarshal(files["summary.json"], &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Metrics) != nm || s.Metrics[care.NumMetrics].Name != "deficit_final_year_gbp" {
		t.Fatalf("summary.json: %d metrics, want %d", len(s.Metrics), nm)
	}
	if !bytes.Contains(files["summary.json"], []byte(`"scenario": "textbook-mmc",
          "mean": null`)) {
		t.Errorf("summary.json: no null mean for textbook-mmc's money")
	}
}

// TestCompareCharts expects, of the comparison of the baseline with prism
// (prismCompare), both priced, the system's deficit trajectory of one
// against the other as a valid PNG; two M/M/c scenarios (no beds, not
// priced) draw only the difference in 4-hour performance and its monthly
// overlay, and with --no-plots two priced ones draw nothing, not even
// their deficits: the folder then holds the comparison's files (with the
// bridges compared) and each scenario's run files (with its bridge and
// sensitivity). Which charts are drawn does not depend on the
// horizon, so those runs are two months.
func TestCompareCharts(t *testing.T) {
	t.Parallel()
	_, files := sharedFiles(t, append(prismCompare, "--out", "OUT", "baseline", "prism")...)
	const name = "deficit-system-prism.png"
	if b, ok := files[name]; !ok {
		t.Errorf("%s is missing", name)
	} else if sig := chartSignatures["png"]; !bytes.HasPrefix(b, sig) {
		t.Errorf("%s starts %q, want %q", name, b[:min(len(b), 8)], sig)
	}
	for _, c := range []struct {
		args   []string
		charts []string
	}{
		{[]string{"textbook-mmc", "testdata/mmc-11.yaml"}, []string{"differences-services.png", "overlay-ae-4h-performance.png"}},
		{[]string{"--no-plots", "testdata/mmc-money.yaml", "testdata/mmc-money-11.yaml"}, nil},
	} {
		dir := t.TempDir()
		args := append([]string{"compare", "--quiet", "--reps", "2", "--set", "horizon=60d", "--set", "warm_up.length=10d", "--out", dir}, c.args...)
		files := runFiles(t, dir, args...)
		var charts []string
		for n := range files {
			switch {
			case strings.HasSuffix(n, ".png"):
				charts = append(charts, n)
			case n == "compare.csv" || n == "summary.json" || n == "report.html" || n == results.WorkbookName || n == results.ManifestName:
			case n == "bridge.csv": // the priced scenarios' bridges compared
			case slices.Contains(slices.Concat(results.RunFiles, results.MoneyFiles), filepath.Base(n)) && filepath.Dir(n) != ".":
			default:
				t.Errorf("compare %s: unexpected file %s", strings.Join(c.args, " "), n)
			}
		}
		slices.Sort(charts)
		if !slices.Equal(charts, c.charts) {
			t.Errorf("compare %s: drew %q, want %q", strings.Join(c.args, " "), charts, c.charts)
		}
	}
}
