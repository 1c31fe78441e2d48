package finance_test

import (
	"testing"

	"caresim/sim/finance"
)

// checkPressure checks body b's pressure cost k in each year against want.
func checkPressure(t *testing.T, got []finance.Year, b, k int, want ...float64) {
	t.Helper()
	for y, w := range want {
		if g := got[y].Pressure[b][k]; !near(g, w) {
			t.Errorf("%s %s pressure %s = %.10g, want %.10g", got[y].Name, finance.BodyNames[b], finance.Pressures[k].Name, g, w)
		}
	}
}

// accounts returns the accounts of years under p, failing the test on an
// error.
func accounts(t *testing.T, p *finance.Params, years []finance.Activity) []finance.Year {
	t.Helper()
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	got, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAccountsCancelledOperations prices theatre slots lost by hand: 10
// bookings cancelled on the day and 20 postponed in 2014/15, 30 and 20 in
// 2015/16, at £500 and £250 a booking with no inflation: the acute trust's
// activity cost is 10×500 + 20×250 = 10,000, then 30×500 + 20×250 =
// 20,000, and the bridge's pressure step is the 10,000 more.
func TestAccountsCancelledOperations(t *testing.T) {
	t.Parallel()
	p := &finance.Params{Pressure: finance.Pressure{CancelledOperation: 500, PostponedOperation: 250}}
	got := accounts(t, p, wholeYears(2, func(i int, a *finance.Activity) {
		a.ElectiveCancellations, a.ElectivePostponed = 10+20*float64(i), 20
	}))
	checkLine(t, got, finance.Acute, finance.ActivityCost, 10000, 20000)
	checkLine(t, got, finance.Acute, finance.Deficit, 10000, 20000)
	checkLine(t, got, finance.Community, finance.Cost, 0, 0)
	checkPressure(t, got, finance.Acute, finance.PressureCancelled, 10000, 20000)
	checkPressure(t, got, finance.System, finance.PressureCancelled, 10000, 20000)
	checkStep(t, got, finance.Acute, map[int]float64{finance.StepPressure: 10000})
}

// TestAccountsWaitingListInitiative checks the rule by hand, extra
// sessions at £540 a patient over its cost when more than 8% of the list
// waits over 18 weeks. 600 elective admissions a year, 450 of them within
// 18 weeks, on a list of 1000:
//
//	2014/15  50 over 18 weeks, 5%: no initiative
//	2015/16  100 over 18 weeks, 10%: 150 late admissions × 540 = 81,000
//	2016/17  no list measured (the care model without a waiting list): none
func TestAccountsWaitingListInitiative(t *testing.T) {
	t.Parallel()
	p := &finance.Params{Pressure: finance.Pressure{WaitingListInitiative: finance.WaitingListInitiative{Above: 0.08, Premium: 540}}}
	got := accounts(t, p, wholeYears(3, func(i int, a *finance.Activity) {
		a.ElectiveSpells, a.ElectiveWithin18w = 600, 450
		a.WaitingList, a.WaitingOver18w = [3]float64{1000, 1000, 0}[i], [3]float64{50, 100, 0}[i]
	}))
	checkLine(t, got, finance.Acute, finance.ActivityCost, 0, 81000, 0)
	checkPressure(t, got, finance.Acute, finance.PressureWaitingList, 0, 81000, 0)
	// At exactly 8% the list is within the rule's trigger.
	got = accounts(t, p, wholeYears(1, func(_ int, a *finance.Activity) {
		a.ElectiveSpells, a.ElectiveWithin18w, a.WaitingList, a.WaitingOver18w = 600, 450, 1000, 80
	}))
	checkLine(t, got, finance.Acute, finance.ActivityCost, 0)
}

// TestAccountsRTTSanctions checks the 18-week fines by hand, with 600
// elective admissions a year, 480 within 18 weeks, and a list of 1000 of
// whom 100 wait over 18 weeks:
//
//	2014/15  admitted: 120 late, 60 (10% of 600) allowed, 60 × £400 = 24,000;
//	         incomplete: 100 − 80 (8% of 1000) = 20 a month × 12 × £100 = 24,000
//	2015/16  incomplete only (the admitted standard retired): 24,000
//	2016/17  suspended: 0
//
// paid by the trust to the commissioners; and in a first year of 182 days
// (October to March) the incomplete fine counts 12 × 182/365 months.
func TestAccountsRTTSanctions(t *testing.T) {
	t.Parallel()
	p := &finance.Params{Payment: finance.Payment{RTTSanctions: []finance.RTTSanction{
		{From: "2014/15", Admitted: 400, AdmittedStandard: 0.9, Incomplete: 100, IncompleteStandard: 0.92},
		{From: "2015/16", Incomplete: 100, IncompleteStandard: 0.92},
		{From: "2016/17"},
	}}}
	list := func(_ int, a *finance.Activity) {
		a.ElectiveSpells, a.ElectiveWithin18w, a.WaitingList, a.WaitingOver18w = 600, 480, 1000, 100
	}
	got := accounts(t, p, wholeYears(3, list))
	checkLine(t, got, finance.Acute, finance.Income, -48000, -24000, 0)
	checkLine(t, got, finance.Commissioners, finance.Income, 48000, 24000, 0)
	checkLine(t, got, finance.System, finance.Deficit, 0, 0, 0)
	checkPressure(t, got, finance.Acute, finance.PressureRTTFines, 48000, 24000, 0)
	checkPressure(t, got, finance.Commissioners, finance.PressureRTTFines, -48000, -24000, 0)
	checkStep(t, got, finance.Acute, map[int]float64{finance.StepPressure: -48000})
	checkStep(t, got, finance.Commissioners, map[int]float64{finance.StepPressure: 48000})

	years := wholeYears(2, list)[1:] // 2015/16 alone
	years[0].From, years[0].Days = years[0].From.AddDays(184), 182
	got = accounts(t, p, years)
	checkLine(t, got, finance.Acute, finance.Income, -12*182.0/366*20*100)

	// No waiting list measured: the standards cannot be read, no fine.
	got = accounts(t, p, wholeYears(1, func(_ int, a *finance.Activity) { a.ElectiveSpells = 600 }))
	checkLine(t, got, finance.Acute, finance.Income, 0)
}

// TestAccountsHandoverFines checks the ambulance handover fines by hand:
// 100 patients handed over more than 30 minutes after arrival, 10 of them
// more than 60: 90 × £200 + 10 × £1000 = 28,000 a year, paid by the trust
// to the commissioners, and none once suspended.
func TestAccountsHandoverFines(t *testing.T) {
	t.Parallel()
	p := &finance.Params{Payment: finance.Payment{HandoverFines: []finance.HandoverFine{
		{From: "2014/15", Over30: 200, Over60: 1000}, {From: "2015/16"},
	}}}
	got := accounts(t, p, wholeYears(2, func(_ int, a *finance.Activity) { a.HandoversOver30, a.HandoversOver60 = 100, 10 }))
	checkLine(t, got, finance.Acute, finance.Income, -28000, 0)
	checkLine(t, got, finance.Commissioners, finance.Income, 28000, 0)
	checkPressure(t, got, finance.Acute, finance.PressureHandoverFines, 28000, 0)
	checkStep(t, got, finance.Acute, map[int]float64{finance.StepPressure: -28000})
}

// TestAccountsCancelledUnpaid checks the 28-day rule by hand under
// tariffParams (×2 the unit cost, the tariff's price 1 in 2014/15 and
// 0.984 in 2015/16) with an elective spell's unit cost £3000 and 10
// elective spells a year: the tariff pays 60,000 at its price, less the
// rescheduled episodes of the patients not treated within 28 days of a
// cancellation, 5 and then 2, at 6000 each:
//
//	2014/15  60,000 − 30,000            = 30,000
//	2015/16  (60,000 − 12,000) × 0.984  = 47,232
//
// and the pressure step of the trust's bridge is the unpaid's change at
// 2014/15's price, 12,000 − 30,000.
func TestAccountsCancelledUnpaid(t *testing.T) {
	t.Parallel()
	p := tariffParams()
	p.UnitCosts.ElectiveSpell = 3000
	p.Payment.CancelledUnpaid = []finance.Rate{{From: "2014/15", Rate: 1}}
	got := accounts(t, p, wholeYears(2, func(i int, a *finance.Activity) {
		a.ElectiveSpells, a.CancelledNot28d = 10, [2]float64{5, 2}[i]
	}))
	checkLine(t, got, finance.Acute, finance.Income, 30000, 47232)
	checkPressure(t, got, finance.Acute, finance.PressureCancelledUnpaid, 30000, 12000*0.984)
	checkPressure(t, got, finance.Commissioners, finance.PressureCancelledUnpaid, -30000, -12000*0.984)
	if s := finance.Bridge(got, 0, 1)[finance.Acute][finance.StepPressure]; !near(s, -18000) {
		t.Errorf("acute bridge pressure = %.10g, want -18000", s)
	}
}

// TestAccountsDelayedDischargeCharges checks the delayed-discharge payment
// by hand: 1000 bed days a year of delays that are social care's, charged
// on half of them at £100 a day in 2014/15 (the 2003 Act) and £130 in
// 2015/16 (the Care Act's regulations): social care pays the trust 50,000
// and 65,000; the commissioners are not party to it.
func TestAccountsDelayedDischargeCharges(t *testing.T) {
	t.Parallel()
	p := &finance.Params{Payment: finance.Payment{DelayedDischarge: []finance.Reimbursement{
		{From: "2014/15", PerDay: 100, Levied: 0.5}, {From: "2015/16", PerDay: 130, Levied: 0.5},
	}}}
	got := accounts(t, p, wholeYears(2, func(_ int, a *finance.Activity) { a.DelayedBedDays, a.DelayedDaysSocialCare = 3000, 1000 }))
	checkLine(t, got, finance.Acute, finance.Income, 50000, 65000)
	checkLine(t, got, finance.SocialCare, finance.Income, -50000, -65000)
	checkLine(t, got, finance.Commissioners, finance.Income, 0, 0)
	checkPressure(t, got, finance.Acute, finance.PressureReimbursed, -50000, -65000)
	checkPressure(t, got, finance.SocialCare, finance.PressureReimbursed, 50000, 65000)
	checkPressure(t, got, finance.System, finance.PressureReimbursed, 0, 0)
	checkStep(t, got, finance.SocialCare, map[int]float64{finance.StepPressure: 15000})
}
