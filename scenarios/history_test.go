package scenarios

import (
	"math/rand/v2"
	"testing"

	"caresim/sim/care"
	"caresim/sim/des"
)

// TestHistory checks the built-in history scenario (docs/history.md): it
// loads from the base year, 2013/14, and each of its dated decisions
// takes effect on the day its source gives, and not before. The acute
// beds follow KH03's quarterly totals less the 46 beds outside the model
// (691 from April 2013 to 629 from January 2016, held after); PRISM's
// caseload rises from the baseline's 500 to 3,600 over 2014/15, the year
// of its roll-out; the bed-management rule stays off until April 2016,
// when the trust's beds are no longer observed; the alliance's risk share
// starts in 2016/17. Values are read from the schedule the model applies
// (care.NewSchedule), with effects drawn from a fixed stream: the
// parameters checked have no ranges, so the draw does not move them.
func TestHistory(t *testing.T) {
	t.Parallel()
	l, err := Load("history", Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &l.Scenario.Params
	if got := p.Start.String(); got != "2013-04-01" {
		t.Fatalf("start %s, want 2013-04-01, the base year", got)
	}
	if got := l.Money.Payment.RiskShare.From; got != "2016/17" {
		t.Errorf("alliance risk share from %q, want 2016/17 (the alliance contract of April 2016)", got)
	}
	s, err := care.NewSchedule(p, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	day := func(date string) des.Time {
		d, err := ParseDate(date)
		if err != nil {
			t.Fatal(err)
		}
		return d.Sub(p.Start)
	}
	// PRISM's caseload halfway through its year of roll-out: 500 +
	// (3,600 − 500) × 183/365.25 = 2,053 (rounded, as capacities are).
	cases := []struct {
		date     string
		beds     int // KH03 total − 68: adults' general and acute beds
		caseload int
		step     int // beds the rule closes at a review; 0 is off
	}{
		{"2013-04-01", 669, 500, 0},  // KH03 Q1 2013/14, 737
		{"2013-06-30", 669, 500, 0},  // the last day of the quarter
		{"2013-07-01", 650, 500, 0},  // Q2 2013/14, 718
		{"2013-10-01", 674, 500, 0},  // Q3 2013/14, 742
		{"2014-01-01", 680, 500, 0},  // Q4 2013/14, 748
		{"2014-03-31", 680, 500, 0},  // PRISM not yet begun
		{"2014-04-01", 674, 500, 0},  // Q1 2014/15, 742; PRISM's roll-out begins
		{"2014-07-01", 655, 1272, 0}, // Q2 2014/15, 723; 500 + 3,100 × 91/365.25
		{"2014-10-01", 660, 2053, 0}, // Q3 2014/15, 728
		{"2015-01-01", 660, 2834, 0}, // Q4 2014/15, 728
		{"2015-04-01", 622, 3598, 0}, // Q1 2015/16, 690; 365 of the ramp's 365.25 days
		{"2015-04-02", 622, 3600, 0}, // the teams in place
		{"2015-07-01", 590, 3600, 0}, // Q2 2015/16, 658
		{"2015-10-01", 604, 3600, 0}, // Q3 2015/16, 672
		{"2016-01-01", 607, 3600, 0}, // Q4 2015/16, 675
		{"2016-03-31", 607, 3600, 0}, // the last day of the calibration window
		{"2016-04-01", 607, 3600, 6}, // the bed-management rule from April 2016
		{"2023-04-01", 607, 3600, 6}, // held: no later figure is used
	}
	for _, c := range cases {
		s.Apply(day(c.date))
		a := &p.Services
		if a.Acute.Beds != c.beds || a.Community.Caseload != c.caseload || a.Acute.Management.Close.Step != c.step {
			t.Errorf("%s: acute beds %d, caseload %d, rule step %d; want %d, %d, %d",
				c.date, a.Acute.Beds, a.Community.Caseload, a.Acute.Management.Close.Step, c.beds, c.caseload, c.step)
		}
	}
}
