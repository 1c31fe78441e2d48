package main

import (
	"caresim/results"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadLOS feeds arbitrary text as los.csv to caresim plot's reader:
// it must never panic, an error must name the file, and what it accepts
// holds, for each pool in summary.json, bins that follow one another
// from day 0.
func FuzzReadLOS(f *testing.F) {
	header := strings.Join(results.LOSHeader, ",") + "\n"
	for _, s := range []string{
		header + "b,acute,0,0.25,3,0.5,0.5\nb,acute,0.25,0.5,3,0.5,1\n",
		header + "b,acute,0.5,0.75,3,1,1\n",
		header + "b,intermediate_care,0,0.25,x,1,1\n",
		header + "b,acute,0,0.25\n",
		"scenario,pool\n",
		"",
	} {
		f.Add(s)
	}
	summaries := []results.LOSSummary{{Pool: "acute", BinDays: 0.25}, {Pool: "intermediate_care", BinDays: 0.25}}
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "los.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		los, err := results.ReadLOS(path, summaries)
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, d := range los {
			if d == nil || d.BinWidth != 0.25 {
				t.Fatalf("pool %+v, want each summary's pool with its bin width", d)
			}
		}
	})
}

// FuzzReadDiffs feeds arbitrary text as compare.csv to caresim plot's
// reader of a comparison's differences: it must never panic, an error
// must name the file, and the rows it accepts are of the charted metrics,
// of the scenario compared with the first, and finite where given.
func FuzzReadDiffs(f *testing.F) {
	header := strings.Join(results.CompareHeader, ",") + "\n"
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
		rows, _, err := readDiffs(path, []string{"a", "b"})
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, r := range rows {
			if r.scenario != "b" || !chartedMetric(r.metric) {
				t.Fatalf("row %+v: not the second scenario's, or a metric not charted", r)
			}
			if math.IsInf(r.mean, 0) || math.IsInf(r.lo, 0) || math.IsInf(r.hi, 0) {
				t.Fatalf("row %+v: an infinite difference", r)
			}
		}
	})
}
