package results

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReadValidation reads a validation.csv as caresim validate writes
// it (its columns, with those the reader does not need), and
// refuses a CSV without a pass column.
func TestReadValidation(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "validation.csv")
	os.WriteFile(good, []byte("case,measure,expected,simulated,ci_low,ci_high,reps,test,pass,source\n"+
		"M/M/c,Wq,0.6687,0.6523,0.579,0.7255,10,in 99.9% CI,yes,\n"+
		"baseline,acute_occupancy_mean,0.935,0.85,0.84,0.86,4,within 1.6%,no,docs/reference-figures.md\n"), 0o644)
	checks, err := ReadValidation(good)
	if err != nil {
		t.Fatal(err)
	}
	want := []ValidationCheck{
		{Case: "M/M/c", Measure: "Wq", Expected: "0.6687", Simulated: "0.6523", Pass: true},
		{Case: "baseline", Measure: "acute_occupancy_mean", Expected: "0.935", Simulated: "0.85", Pass: false},
	}
	if len(checks) != len(want) || checks[0] != want[0] || checks[1] != want[1] {
		t.Errorf("checks %+v, want %+v", checks, want)
	}
	bad := filepath.Join(dir, "other.csv")
	os.WriteFile(bad, []byte("a,b\n1,2\n"), 0o644)
	if _, err := ReadValidation(bad); err == nil {
		t.Error("a CSV without a pass column was read as validation.csv")
	}
	if _, err := ReadValidation(filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("a missing file gave no error")
	}
}
