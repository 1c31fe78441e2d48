package results

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackcastReadsBack writes backcast.csv and reads it back, and checks
// that a file cut short, a cell that is not a number, or a value where a
// point outside the run has none, is refused with its line.
func TestBackcastReadsBack(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	points := []BackcastPoint{
		{Period: "2014-04", Measure: "ae_departures", Unit: "patients", Observed: 11463, Status: BackcastSimulated, Mean: 12254, Lo: 11439.7, Hi: 13068.3, Source: "NHS England, A&E", Line: 2},
		{Period: "2013/14", Measure: "ed_4h_performance", Unit: "fraction", Observed: 0.9571, Status: "before the run", Mean: nan, Lo: nan, Hi: nan, Source: "NHS England", Line: 3},
	}
	var b bytes.Buffer
	if err := WriteBackcast(&b, "baseline", points); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "12254,11439.7,13068.3,yes,") || !strings.Contains(b.String(), "before the run,,,,,") {
		t.Errorf("backcast.csv:\n%s", b.String())
	}
	for _, c := range []struct {
		name, csv string
		rows      int
		want      string // a part of the error, "" for none
	}{
		{"whole", b.String(), 2, ""},
		{"cut short", b.String(), 3, "2 rows, but summary.json's backcast says 3"},
		{"not a number", strings.Replace(b.String(), "12254", "lots", 1), 2, `backcast.csv:2: simulated_mean: "lots" is not a number`},
		{"a value outside the run", strings.Replace(b.String(), "before the run,,", "before the run,0.95,", 1), 2, "backcast.csv:3: simulated_mean: a value for a point before the run"},
		{"no line", strings.Replace(b.String(), ",NHS England,3", ",NHS England,", 1), 2, "observed_line"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "backcast.csv"), []byte(c.csv), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadBackcast(dir, &BackcastSummary{Rows: c.rows})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want == "" && (len(got) != 2 || got[0].Mean != 12254 || !math.IsNaN(got[1].Mean) || got[1].Line != 3):
			t.Errorf("%s: read back %+v", c.name, got)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
