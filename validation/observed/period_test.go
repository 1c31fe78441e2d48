package observed

import (
	"strings"
	"testing"
)

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want Period
		err  string // a part of the error, "" for none
		days int
	}{
		{"2014/15", Period{Year: 2014}, "", 365},
		{"2015/16", Period{Year: 2015}, "", 366}, // February 2016
		{"1999/00", Period{Year: 1999}, "", 366}, // February 2000
		{"2014-04", Period{2014, 4}, "", 30},
		{"2016-02", Period{2016, 2}, "", 29},
		{"2014-12", Period{2014, 12}, "", 31},
		{"2014/16", Period{}, "2014/15 runs from April 2014 to March 2015", 0},
		{"2014/2015", Period{}, "two digits: 2014/15", 0},
		{"2014-4", Period{}, "two digits: 2014-04", 0},
		{"2014-004", Period{}, "months are 01 to 12", 0},
		{"2014-00", Period{}, "months are 01 to 12", 0},
		{"2014-", Period{}, "a month such as 2014-04", 0},
		{"14/15", Period{}, "a financial year such as 2014/15", 0},
		{"1900/01", Period{}, "outside 1948 to 2199", 0},
		{"2014", Period{}, "a financial year such as 2014/15", 0},
		{"2014-04-01", Period{}, "a month such as 2014-04", 0},
		{"", Period{}, "a financial year such as 2014/15", 0},
		{"２０１４/15", Period{}, "a financial year such as 2014/15", 0}, // full-width digits
	} {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			p, err := ParsePeriod(c.in)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("ParsePeriod(%q) = %v, %v; want an error with %q", c.in, p, err, c.err)
				}
				return
			}
			if err != nil || p != c.want {
				t.Fatalf("ParsePeriod(%q) = %v, %v; want %v", c.in, p, err, c.want)
			}
			if p.String() != c.in {
				t.Errorf("%v.String() = %q, want %q", p, p.String(), c.in)
			}
			if p.Days() != c.days {
				t.Errorf("%v.Days() = %d, want %d", p, p.Days(), c.days)
			}
		})
	}
}
