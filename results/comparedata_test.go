package results

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadDiffs feeds arbitrary text as compare.csv to caresim plot's
// reader of a comparison's differences: it must never panic, an error
// must name the file, and the rows it accepts are of the charted metrics,
// of the scenario compared with the first, and finite where given.
func FuzzReadDiffs(f *testing.F) {
	// Two of the metrics that caresim's difference charts draw.
	charted := func(metric string) bool {
		return metric == "nel_admissions_per_year" || metric == "acute_occupancy_mean"
	}
	// summary.json's metrics, as the seeds' first file gives them.
	nan := Number(math.NaN())
	summary := &Comparison{First: "a", Metrics: []CompareMetric{
		{Name: "nel_admissions_per_year", Unit: "per year", Scenarios: []CompareResult{
			{Scenario: "a", Mean: 1, CILow: 0, CIHigh: 2, DiffMean: nan, DiffCILow: nan, DiffCIHigh: nan},
			{Scenario: "b", Mean: 2, CILow: 1, CIHigh: 3, DiffMean: 1, DiffCILow: 0.5, DiffCIHigh: 1.5},
		}},
	}}
	header := strings.Join(CompareHeader, ",") + "\n"
	for _, s := range []string{
		header + "nel_admissions_per_year,per year,a,1,0,2,,,\nnel_admissions_per_year,per year,b,2,1,3,1,0.5,1.5\n",
		header + "acute_occupancy_mean,fraction,b,x,,,,,\n",
		header + "nel_admissions_per_year,per year,b\n",
		"metric\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "compare.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		rows, _, err := readDiffs(path, summary, []string{"a", "b"}, charted)
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, r := range rows {
			if r.Scenario != "b" || !charted(r.Metric) {
				t.Fatalf("row %+v: not the second scenario's, or a metric not charted", r)
			}
			if math.IsInf(r.Mean, 0) || math.IsInf(r.Lo, 0) || math.IsInf(r.Hi, 0) {
				t.Fatalf("row %+v: an infinite difference", r)
			}
		}
	})
}
