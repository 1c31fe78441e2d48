package sim_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
)

// TestWinterWard runs testdata/winter-ward.yaml, 4 acute beds more from
// 1 November 2014 to 31 March 2015 (the last day open) on the textbook
// tandem's 20, at £1.2m a year, and checks by hand:
//
//   - the staffed beds, day by day: 20 on days 0–213 (1 April to 31
//     October, 30+31+30+31+31+30+31 = 214 days), 24 on days 214–364 (1
//     November to 31 March, 30+31+31+28+31 = 151 days) and 20 again from
//     day 365 (1 April 2015);
//   - the intervention's cost in 2014/15: £1.2m × 151/365 = £496,438.36,
//     five months' worth counted by the day (5/12 of a year's would be
//     £500,000; the five months are 151 of the year's 365 days, not 5/12
//     of them); none in 2015/16;
//   - the beds' capacity cost in 2014/15: £100k × the year's mean beds,
//     20 + 4 × 151/365, = £2,165,479.45: the ward's beds cost only while
//     open too.
func TestWinterWard(t *testing.T) {
	t.Parallel()
	l, err := scenarios.Load("testdata/winter-ward.yaml", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := sim.Scenario{Params: &l.Params, Money: &l.Money}
	res, err := sim.RunScenario(context.Background(), s, s.Options(sim.Options{Reps: 2, Seed: l.Seed}))
	if err != nil {
		t.Fatal(err)
	}
	beds := res.Daily[care.DailyAcuteBeds].Mean
	if len(beds) != 400 {
		t.Fatalf("%d days of acute_beds, want 400", len(beds))
	}
	for d, b := range beds {
		want := 20.0
		if d >= 214 && d < 365 {
			want = 24
		}
		if b != want {
			t.Errorf("day %d (%v): %v beds, want %v", d, l.Start.AddDays(d), b, want)
		}
	}
	m := res.Money
	if m == nil || len(m.Years) != 2 {
		t.Fatalf("money %+v, want 2014/15 and 2015/16", m)
	}
	for _, c := range []struct {
		year, line int
		want       float64
	}{
		{0, finance.InterventionCost, 1.2e6 * 151 / 365},
		{1, finance.InterventionCost, 0},
		{0, finance.CapacityCost, 100e3 * (20 + 4*151.0/365)},
		{1, finance.CapacityCost, 100e3 * 20 * 35 / 366},
	} {
		for r, acc := range m.Reps {
			// 1e-6: binary rounding of sums near 1e6.
			if g := acc[c.year].Money[finance.Acute][c.line]; math.Abs(g-c.want) > 1e-6 {
				t.Errorf("replication %d, %s: acute %s £%.2f, want £%.2f", r, m.Years[c.year], finance.Measures[c.line].Name, g, c.want)
			}
		}
	}
}

// TestRunScenarioWarnings checks that a scenario's own warnings (what
// loading it changed) come first among its run's.
func TestRunScenarioWarnings(t *testing.T) {
	t.Parallel()
	l, err := scenarios.Load("textbook-mmc", scenarios.Options{Sets: []string{"horizon=7d", "warm_up.length=0"}})
	if err != nil {
		t.Fatal(err)
	}
	w := errors.New("the census was cut")
	res, err := sim.RunScenario(context.Background(), sim.Scenario{Params: &l.Params, Warnings: []error{w}}, sim.Options{Reps: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 2 || res.Warnings[0] != w {
		t.Errorf("warnings %v, want the scenario's, then one replication's", res.Warnings)
	}
}
