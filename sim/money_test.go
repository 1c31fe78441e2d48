package sim_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/finance"
	"caresim/sim/stats"
)

// runMoney runs a built-in scenario's replications with its money, as the
// CLI does (excess bed days counted at the money's trim point).
func runMoney(name string, reps int, sets ...string) (*sim.Results, error) {
	l, err := scenarios.Load(name, scenarios.Options{Sets: sets})
	if err != nil {
		return nil, err
	}
	return sim.Run(context.Background(), &l.Params, sim.Options{
		Reps: reps, Seed: l.Seed, Money: &l.Money,
		ExcessAfter: des.Time(l.Money.UnitCosts.ExcessAfter),
	})
}

// calibrationReps is the number of replications of the calibration
// tests: the baseline's year-ten gap varies by ≈ £1m between
// replications and better-together's paired difference by ≈ £1.5m, so
// six put each 95% interval within ≈ ±£1.5m, far inside the tolerances.
const calibrationReps = 6

// baselineMoney is the baseline's run, shared by the calibration tests.
var baselineMoney = sync.OnceValues(func() (*sim.Results, error) {
	return runMoney("baseline", calibrationReps)
})

// calibrationRun returns the money of a built-in scenario's calibration
// run (the baseline's shared), skipping under -short and failing on a
// warning other than an overload: the baseline holds its 2014/15 capacity
// while demand grows, so its later years are overloaded by design, and
// the scenarios built on it may be too (logged with -v).
func calibrationRun(t *testing.T, name string) *sim.MoneyResults {
	t.Helper()
	if testing.Short() {
		t.Skip("runs ten-year replications of " + name)
	}
	run := baselineMoney
	if name != "baseline" {
		run = func() (*sim.Results, error) { return runMoney(name, calibrationReps) }
	}
	res, err := run()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		var o *sim.Overload
		if errors.As(w, &o) {
			t.Logf("%s: %v", name, w)
			continue
		}
		t.Errorf("%s: warning: %v", name, w)
	}
	return res.Money
}

// logAccounts logs the mean accounts of each year, in £m, for reading
// with -v.
func logAccounts(t *testing.T, name string, m *sim.MoneyResults) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s (£m, mean of %d replications): deficit by body; system cost and funding\n", name, len(m.Reps))
	for y, yr := range m.Years {
		a := &m.Annual[y]
		fmt.Fprintf(&b, "  %s", yr)
		for o := range finance.NumBodies {
			fmt.Fprintf(&b, "  %s %6.1f", finance.BodyNames[o], a[o][finance.Deficit].Mean/1e6)
		}
		fmt.Fprintf(&b, "  | cost %6.1f funding %6.1f\n", a[finance.System][finance.Cost].Mean/1e6, a[finance.System][finance.Funding].Mean/1e6)
	}
	for _, mm := range m.Metrics {
		fmt.Fprintf(&b, "  %-40s %7.1f ± %.1f\n", mm.Name, mm.Summary.Mean/1e6, mm.Summary.HalfWidth/1e6)
	}
	t.Log(b.String())
}

// TestBaselineGap checks the do-nothing baseline's accounts over its ten
// years: the final year is the tenth, 2023/24; the system starts near
// balance in 2014/15 (each body's other costs are set so that it does, as
// simulated, so within £14m, a tenth of the gap the programme projected);
// and the gap opens every year, as costs grow faster than funding. The
// year-ten gap itself is a finding, logged with -v, not asserted: the
// programme's £140m (ref §2.1, SCIE) is its projection, which an earlier
// baseline that built capacity to demand was tuned to meet
// (money.inflation.non_demographic); holding capacity, the baseline's
// unmet demand is not paid for, and its gap is smaller.
func TestBaselineGap(t *testing.T) {
	t.Parallel()
	m := calibrationRun(t, "baseline")
	logAccounts(t, "baseline", m)
	if got := m.Years[m.FinalYear]; got != "2023/24" {
		t.Fatalf("final year %s, want 2023/24, the tenth", got)
	}
	gap := m.Metric("deficit_final_year_gbp").Summary
	t.Logf("baseline system gap in 2023/24: £%.1fm ± %.1fm (the programme projected £140m)", gap.Mean/1e6, gap.HalfWidth/1e6)
	// The gap opens over the decade: each year's is larger than the
	// year before's, from near balance in 2014/15.
	for y := 1; y < len(m.Years); y++ {
		if d, prev := m.Annual[y][finance.System][finance.Deficit].Mean, m.Annual[y-1][finance.System][finance.Deficit].Mean; d <= prev {
			t.Errorf("%s: system deficit £%.1fm, not above %s's £%.1fm", m.Years[y], d/1e6, m.Years[y-1], prev/1e6)
		}
	}
	if d := m.Annual[0][finance.System][finance.Deficit].Mean; math.Abs(d) > 14e6 {
		t.Errorf("2014/15 system deficit £%.1fm, want near balance (within £14m)", d/1e6)
	}
	// The year-ten gap is the sum of the bodies' gaps, in every
	// replication: the system's accounts are the bodies' added up.
	for r := range m.Reps {
		sum := 0.0
		for o := range finance.System {
			sum += m.Reps[r][m.FinalYear].Money[o][finance.Deficit]
		}
		if got := m.Reps[r][m.FinalYear].Money[finance.System][finance.Deficit]; math.Abs(got-sum) > 1e-6*math.Abs(sum) {
			t.Errorf("replication %d, 2023/24: system deficit £%.3fm, want the bodies' sum £%.3fm", r, got/1e6, sum/1e6)
		}
	}
}

// TestBetterTogetherAccounts runs better-together and the baseline with
// common random numbers and checks what the accounts must show whatever
// the programme's net effect: its interventions' recurrent costs in
// 2023/24, at that year's prices (hand-worked from the scenario file: the
// sum of recurrent costs × the inflation factor to the tenth year), and a
// lower acute capacity cost than the baseline's: the programme's flows
// leave the trust fewer escalation beds to open at their premium than the
// baseline, whose hospital is full by then (in earlier years the
// bed-management rule also closes beds they empty). The net difference in
// the gap is the model's finding, logged and reported, not asserted: the
// baseline's unmet demand is not paid for, so a programme that lets the
// system treat its patients can cost more (docs/money.md).
func TestBetterTogetherAccounts(t *testing.T) {
	t.Parallel()
	base := calibrationRun(t, "baseline")
	bt := calibrationRun(t, "better-together")
	logAccounts(t, "better-together", bt)
	for _, name := range []string{"deficit_final_year_gbp", "deficit_cumulative_gbp"} {
		d := stats.Paired(base.Metric(name).Values, bt.Metric(name).Values, 0)
		t.Logf("%s: better-together − baseline = £%.1fm, 95%% CI £%.1fm to £%.1fm", name, d.Mean/1e6, d.Lo()/1e6, d.Hi()/1e6)
	}
	l, err := scenarios.Load("better-together", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := &l.Money.Inflation
	y := bt.FinalYear
	infl := math.Pow(1+in.PayShare*in.Pay+(1-in.PayShare)*in.Prices+in.NonDemographic, float64(y))
	recurrent := 0.0
	for _, iv := range l.Params.Interventions {
		recurrent += iv.Recurrent
	}
	if got, want := bt.Annual[y][finance.System][finance.InterventionCost].Mean, recurrent*infl; math.Abs(got-want) > 1e-6*want {
		t.Errorf("%s: interventions cost £%.3fm, want the recurrent £%.3fm × %.4f = £%.3fm", bt.Years[y], got/1e6, recurrent/1e6, infl, want/1e6)
	}
	var diffs []float64
	for r := range bt.Reps {
		diffs = append(diffs, bt.Reps[r][y].Money[finance.Acute][finance.CapacityCost]-base.Reps[r][y].Money[finance.Acute][finance.CapacityCost])
	}
	if d := stats.Summarize(diffs, 0); !(d.Hi() < 0) {
		t.Errorf("%s: the acute trust's capacity cost is £%.1fm ± %.1fm against the baseline's, want lower: fewer escalation beds", bt.Years[y], d.Mean/1e6, d.HalfWidth/1e6)
	}
}

// TestActivity checks that every annual measure finance prices reaches
// its field of finance.Activity, and that a run starting in July has a
// part first year and whole years from April.
func TestActivity(t *testing.T) {
	t.Parallel()
	r := &care.Result{Start: des.Date{Year: 2014, Month: 7, Day: 1}, Years: []string{"2014/15", "2015/16"}}
	r.Annual = make([][]float64, 2)
	for y := range r.Annual {
		r.Annual[y] = make([]float64, care.NumAnnual)
		for k := range care.NumAnnual {
			r.Annual[y][k] = float64(1000*y + k + 1) // distinct, so a field given the wrong measure shows
		}
	}
	r.Annual[0][care.AnnualDays], r.Annual[1][care.AnnualDays] = 274, 366
	got := sim.Activity(r)
	want := func(y, k int) float64 { return r.Annual[y][k] }
	for y, a := range got {
		from := des.Date{Year: 2015, Month: 4, Day: 1}
		if y == 0 {
			from = r.Start
		}
		if a.From != from || a.Days != int(want(y, care.AnnualDays)) {
			t.Errorf("year %d: from %v for %d days, want %v for %g", y, a.From, a.Days, from, want(y, care.AnnualDays))
		}
		for _, c := range []struct {
			field string
			got   float64
			k     int
		}{
			{"EDAttendances", a.EDAttendances, care.AnnualEDAttendances},
			{"UTCAttendances", a.UTCAttendances, care.AnnualUTCAttendances},
			{"SDECAttendances", a.SDECAttendances, care.AnnualSDECAttendances},
			{"CallForCareContacts", a.CallForCareContacts, care.AnnualCallForCareContacts},
			{"NonElectiveSpells", a.NonElectiveSpells, care.AnnualNELAdmissions},
			{"ElectiveSpells", a.ElectiveSpells, care.AnnualElectiveAdmissions},
			{"ExcessBedDays", a.ExcessBedDays, care.AnnualExcessBedDays},
			{"DelayedBedDays", a.DelayedBedDays, care.AnnualDelayedBedDays},
			{"IntermediateCareBedDays", a.IntermediateCareBedDays, care.AnnualICBedDays},
			{"ReablementDays", a.ReablementDays, care.AnnualReablementDays},
			{"CareHomeBedDays", a.CareHomeBedDays, care.AnnualCareHomeBedDays},
			{"CommunityCaseloadDays", a.CommunityCaseloadDays, care.AnnualCommunityCaseloadDays},
			{"EscalationBedDays", a.EscalationBedDays, care.AnnualEscalationBedDays},
			{"EDCubicles", a.EDCubicles, care.AnnualEDCubicles},
			{"IntermediateCareBeds", a.IntermediateCareBeds, care.AnnualICBeds},
			{"ReablementPlaces", a.ReablementPlaces, care.AnnualReablementPlaces},
			{"CommunityPlaces", a.CommunityPlaces, care.AnnualCommunityPlaces},
			{"UCRPlaces", a.UCRPlaces, care.AnnualUCRPlaces},
		} {
			if c.got != want(y, c.k) {
				t.Errorf("year %d: %s = %g, want %s's %g", y, c.field, c.got, care.AnnualMeasures[c.k].Name, want(y, c.k))
			}
		}
	}
	// Every number of Activity (all fields but From and Days) is one of
	// the cases above, or AcuteBeds: the staffed beds but escalation beds.
	for y, a := range got {
		if want := want(y, care.AnnualAcuteBeds) - want(y, care.AnnualEscalationBeds); a.AcuteBeds != want {
			t.Errorf("year %d: AcuteBeds = %g, want acute_beds − acute_escalation_beds = %g", y, a.AcuteBeds, want)
		}
	}
	if n := reflect.TypeFor[finance.Activity]().NumField() - 2; n != 19 {
		t.Errorf("finance.Activity has %d measures; TestActivity checks 19", n)
	}
}

// TestRunMoney checks that Run fills Results.Money when Options.Money is
// set: a textbook tandem run for 400 days from April 2014 has a whole
// 2014/15 and 35 days of 2015/16, so its final year is 2014/15; the
// metrics are the replications' own deficits, and the payments cancel.
func TestRunMoney(t *testing.T) {
	t.Parallel()
	l, err := scenarios.Load("textbook-tandem", scenarios.Options{Sets: []string{"horizon=400d"}})
	if err != nil {
		t.Fatal(err)
	}
	money := &finance.Params{
		PriceYear:     "2014/15",
		Inflation:     finance.Inflation{Prices: 0.02},
		UnitCosts:     finance.UnitCosts{NonElectiveSpell: 1000, ExcessBedDay: 100, ExcessAfter: 14},
		CapacityCosts: finance.CapacityCosts{AcuteBed: 100_000, IntermediateCareBed: 50_000},
		Organisations: []finance.Organisation{{Name: "commissioners", Funding: 5e6}},
		Payment:       finance.Payment{Rule: "tariff", Tariff: 2},
	}
	res, err := sim.Run(context.Background(), &l.Params, sim.Options{Reps: 2, Seed: 1, Money: money, ExcessAfter: 14})
	if err != nil {
		t.Fatal(err)
	}
	m := res.Money
	if m == nil {
		t.Fatal("Results.Money is nil with Options.Money set")
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v, want none", res.Warnings)
	}
	if !slices.Equal(m.Years, []string{"2014/15", "2015/16"}) || m.FinalYear != 0 || m.Reps[0][1].Days != 35 {
		t.Fatalf("years %v (final %d, last of %d days), want 2014/15 and 35 days of 2015/16, final 2014/15", m.Years, m.FinalYear, m.Reps[0][1].Days)
	}
	var names []string
	for _, mm := range m.Metrics {
		names = append(names, mm.Name)
	}
	if !slices.Equal(names, sim.MoneyMetricNames) || names[0] != "deficit_final_year_gbp" || !slices.Contains(names, "deficit_cumulative_gbp_social_care") {
		t.Errorf("metrics %v, want %v", names, sim.MoneyMetricNames)
	}
	for i, acc := range m.Reps {
		if g, w := m.Metric("deficit_final_year_gbp").Values[i], acc[0].Money[finance.System][finance.Deficit]; g != w {
			t.Errorf("replication %d: deficit_final_year_gbp %g, want 2014/15's %g", i, g, w)
		}
		if g, w := m.Metric("deficit_cumulative_gbp_acute").Values[i], acc[0].Money[finance.Acute][finance.Deficit]+acc[1].Money[finance.Acute][finance.Deficit]; math.Abs(g-w) > 1e-6 {
			t.Errorf("replication %d: deficit_cumulative_gbp_acute %g, want %g", i, g, w)
		}
		for _, y := range acc {
			if s := y.Money[finance.System][finance.Income]; math.Abs(s) > 1e-6 {
				t.Errorf("replication %d, %s: payments sum to %g, want 0", i, y.Name, s)
			}
			if y.Money[finance.Acute][finance.Income] <= 0 {
				t.Errorf("replication %d, %s: the acute trust was paid %g under tariff", i, y.Name, y.Money[finance.Acute][finance.Income])
			}
		}
	}
	if s := m.Annual[0][finance.System][finance.Cost]; s.N != 2 || !(s.Mean > 0) || math.IsNaN(s.HalfWidth) {
		t.Errorf("2014/15 system cost summary %+v, want a mean and interval over 2 replications", s)
	}

	// Excess bed days counted at another trim point than the money's
	// prices them at: a warning, not an error.
	res, err = sim.Run(context.Background(), &l.Params, sim.Options{Reps: 2, Seed: 1, Money: money})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Error(), "excess_after, 14 days, but were counted beyond 0") {
		t.Errorf("warnings %v, want one about the excess bed days' trim point", res.Warnings)
	}
	res, err = sim.Run(context.Background(), &l.Params, sim.Options{Reps: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Money != nil {
		t.Error("Results.Money is set without Options.Money")
	}
}
