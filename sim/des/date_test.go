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
