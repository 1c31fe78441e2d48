package main

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"caresim/results"
)

// losHeaderCSV is los.csv's header.
var losHeaderCSV = strings.Join(results.LOSHeader, ",")

// TestRunLOS runs the textbook tandem (acute beds feeding intermediate-
// care beds) and checks los.csv against summary.json's length_of_stay,
// by what must hold whatever the seed:
//
//   - each pool's bins run on from day 0 in steps of bin_days, and its
//     stays per replication add up to the summary's, so the cumulative
//     share ends at 1;
//   - every stay lies in its bin, so the mean of the bins' midpoints,
//     weighted by their stays, is within half a bin of the mean stay;
//   - the median lies in the bin where the cumulative share reaches ½,
//     the 90th percentile where it reaches 0.9, and the longest stay in
//     the last bin.
func TestRunLOS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := runFiles(t, dir, "run", "--quiet", "--reps", "3", "--set", "horizon=200d", "--no-plots", "--out", dir, "textbook-tandem")
	var s results.Summary
	if err := json.Unmarshal(files["summary.json"], &s); err != nil {
		t.Fatal(err)
	}
	if len(s.LengthOfStay) != 2 {
		t.Fatalf("summary.json: length_of_stay has %d pools, want acute and intermediate care", len(s.LengthOfStay))
	}
	rows := readCSV(t, files, "los.csv", losHeaderCSV, -1)
	for _, sum := range s.LengthOfStay {
		w := float64(sum.BinDays)
		var stays, weighted, cum float64
		var bins int
		median, p90 := -1.0, -1.0
		for _, r := range rows {
			if r[1] != sum.Pool {
				continue
			}
			x := make([]float64, 4)
			for i := range x {
				v, err := strconv.ParseFloat(r[2+i], 64)
				if err != nil {
					t.Fatalf("los.csv: %q: %v", r, err)
				}
				x[i] = v
			}
			from, to, n, share := x[0], x[1], x[2], x[3]
			if from != float64(bins)*w || to != from+w {
				t.Errorf("%s: bin %d is [%g, %g), want [%g, %g)", sum.Pool, bins, from, to, float64(bins)*w, float64(bins+1)*w)
			}
			if d := share - n/float64(sum.Stays); math.Abs(d) > 1e-12 {
				t.Errorf("%s: bin %d share %g, want %g", sum.Pool, bins, share, n/float64(sum.Stays))
			}
			bins++
			stays += n
			weighted += n * (from + w/2)
			cum += n / float64(sum.Stays)
			if median < 0 && cum >= 0.5-1e-12 {
				median = from
			}
			if p90 < 0 && cum >= 0.9-1e-12 {
				p90 = from
			}
			if c, _ := strconv.ParseFloat(r[6], 64); math.Abs(c-math.Min(1, cum)) > 1e-12 {
				t.Errorf("%s: bin %d cumulative share %g, want %g", sum.Pool, bins-1, c, cum)
			}
		}
		if bins == 0 || math.Abs(stays-float64(sum.Stays)) > 1e-9*stays {
			t.Fatalf("%s: %d bins holding %g stays per replication, summary %g", sum.Pool, bins, stays, float64(sum.Stays))
		}
		if mean := weighted / stays; math.Abs(mean-float64(sum.MeanDays)) > w/2 {
			t.Errorf("%s: the bins' mean is %g days, the summary's %g; they must be within half a bin", sum.Pool, mean, float64(sum.MeanDays))
		}
		for _, c := range []struct {
			name string
			got  results.Number
			bin  float64
		}{{"median", sum.MedianDays, median}, {"90th percentile", sum.P90Days, p90}, {"longest stay", sum.MaxDays, float64(bins-1) * w}} {
			if g := float64(c.got); g < c.bin || g > c.bin+w {
				t.Errorf("%s: %s %g days, not in its bin [%g, %g)", sum.Pool, c.name, g, c.bin, c.bin+w)
			}
		}
		t.Logf("%s: %g stays per replication in %d bins; mean %.3g, median %.3g, 90th percentile %.3g days",
			sum.Pool, float64(sum.Stays), bins, float64(sum.MeanDays), float64(sum.MedianDays), float64(sum.P90Days))
	}
}
