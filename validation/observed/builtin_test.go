package observed

import (
	"strings"
	"testing"
)

// TestMidNotts reads the built-in Mid-Nottinghamshire data and checks
// that it holds the calibration window only: every period lies in the
// financial years 2013/14 to 2015/16, for the years from 2016/17 are the
// test of the model's predictions and must never be fitted or looked at.
// Each row names its source.
func TestMidNotts(t *testing.T) {
	t.Parallel()
	set, err := Open("mid-notts")
	if err != nil {
		t.Fatal(err)
	}
	if set.File != "builtin:mid-notts" {
		t.Errorf("file %q, want builtin:mid-notts", set.File)
	}
	first, last := Period{Year: 2013}.Start(), Period{Year: 2015}.Start().AddDays(Period{Year: 2015}.Days()-1)
	series := map[string]int{}
	for _, r := range set.Rows {
		end := r.Period.Start().AddDays(r.Period.Days() - 1)
		if r.Period.Start().Epoch() < first.Epoch() || end.Epoch() > last.Epoch() {
			t.Errorf("line %d: %s is outside the calibration window 2013/14 to 2015/16", r.Line, r.Period)
		}
		if !strings.Contains(r.Source, "http") {
			t.Errorf("line %d: the source %q gives no address", r.Line, r.Source)
		}
		series[r.Measure]++
	}
	for name, n := range map[string]int{"ae_departures": 36, "ae_4h_breaches": 36, "ed_4h_performance": 3} {
		if series[name] != n {
			t.Errorf("%d rows of %s, want %d (every month or year of the window)", series[name], name, n)
		}
	}
}

func TestOpenBuiltinErrors(t *testing.T) {
	t.Parallel()
	for ref, want := range map[string]string{
		"mid-nots":  `did you mean "mid-notts"?`,
		"elsewhere": "the built-ins are mid-notts; a file needs a .csv extension",
		"no.csv":    "no such file",
	} {
		if _, err := Open(ref); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Open(%q) = %v, want %q", ref, err, want)
		}
	}
}
