package des

import "testing"

func TestDate(t *testing.T) {
	t.Parallel()
	// Reference values from Python's datetime module.
	cases := []struct {
		d       Date
		epoch   int
		weekday int
	}{
		{Date{1970, 1, 1}, 0, 3},
		{Date{2014, 4, 1}, 16161, 1}, // the baseline's start: a Tuesday
		{Date{1600, 2, 29}, -135081, 1},
	}
	for _, c := range cases {
		if got := c.d.Epoch(); got != c.epoch {
			t.Errorf("%v.Epoch() = %d, want %d", c.d, got, c.epoch)
		}
		if got := c.d.Weekday(); got != c.weekday {
			t.Errorf("%v.Weekday() = %d, want %d", c.d, got, c.weekday)
		}
	}
	// Ten financial years from 2014/15 span two leap days.
	if got := (Date{2024, 4, 1}).Sub(Date{2014, 4, 1}); got != 3653 {
		t.Errorf("days 2014-04-01 to 2024-04-01 = %v, want 3653", got)
	}
	for z := -800000; z < 800000; z += 37 {
		d := DateOfEpoch(z)
		if !d.Valid() || d.Epoch() != z {
			t.Fatalf("DateOfEpoch(%d) = %v, which maps back to %d", z, d, d.Epoch())
		}
	}
	if (Date{2015, 2, 29}).Valid() || !(Date{2016, 2, 29}).Valid() || (Date{2016, 13, 1}).Valid() {
		t.Error("Valid disagrees on leap days or months")
	}
}

func TestFinancialYear(t *testing.T) {
	t.Parallel()
	cases := []struct {
		d     Date
		fy    int
		days  int // of the year fy
		label string
	}{
		{Date{2014, 4, 1}, 2014, 365, "2014/15"},  // first day of a year
		{Date{2015, 3, 31}, 2014, 365, "2014/15"}, // last day of the same year
		{Date{2016, 2, 29}, 2015, 366, "2015/16"}, // a leap day falls in the year before its April
		{Date{2016, 4, 1}, 2016, 365, "2016/17"},  // 29 February 2017 does not exist
		{Date{2099, 12, 31}, 2099, 365, "2099/00"},
		{Date{1999, 6, 1}, 1999, 366, "1999/00"}, // 2000 is a leap year
	}
	for _, c := range cases {
		fy := c.d.FinancialYear()
		if fy != c.fy {
			t.Errorf("%v.FinancialYear() = %d, want %d", c.d, fy, c.fy)
		}
		if got := FinancialYearStart(fy); got.FinancialYear() != fy || got.AddDays(-1).FinancialYear() != fy-1 {
			t.Errorf("FinancialYearStart(%d) = %v, not the first day of the year", fy, got)
		}
		if got := FinancialYearDays(fy); got != c.days {
			t.Errorf("FinancialYearDays(%d) = %d, want %d", fy, got, c.days)
		}
		if got := FinancialYearLabel(fy); got != c.label {
			t.Errorf("FinancialYearLabel(%d) = %q, want %q", fy, got, c.label)
		}
	}
}
