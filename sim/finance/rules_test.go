package finance_test

import (
	"math"
	"testing"

	"caresim/sim/des"
	"caresim/sim/finance"
)

// wholeYears returns n whole financial years from 2014/15 (2015/16 has
// 366 days), each edited by edit with its index.
func wholeYears(n int, edit func(i int, a *finance.Activity)) []finance.Activity {
	out := make([]finance.Activity, n)
	for i := range out {
		fy := 2014 + i
		out[i] = finance.Activity{From: des.FinancialYearStart(fy), Days: des.FinancialYearDays(fy)}
		if edit != nil {
			edit(i, &out[i])
		}
	}
	return out
}

// near reports whether got is want within 1e-9 relative to 1 or to want:
// the hand-worked cases are exact in decimal, and binary rounding of their
// sums is far smaller.
func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*max(1, math.Abs(want))
}

// checkLine checks body b's line k in each year against want.
func checkLine(t *testing.T, got []finance.Year, b, k int, want ...float64) {
	t.Helper()
	for y, w := range want {
		if g := got[y].Money[b][k]; !near(g, w) {
			t.Errorf("%s %s %s = %.10g, want %.10g", got[y].Name, finance.BodyNames[b], finance.Measures[k].Name, g, w)
		}
	}
}

// checkStep checks body b's bridge steps from the first year to the last
// against want (steps not named are 0), and that they sum to the change
// in its deficit.
func checkStep(t *testing.T, got []finance.Year, b int, want map[int]float64) {
	t.Helper()
	last := len(got) - 1
	steps := finance.Bridge(got, 0, last)[b]
	sum := 0.0
	for s, g := range steps {
		sum += g
		if w := want[s]; !near(g, w) {
			t.Errorf("%s bridge %s = %.10g, want %.10g", finance.BodyNames[b], finance.Steps[s].Name, g, w)
		}
	}
	if w := got[last].Money[b][finance.Deficit] - got[0].Money[b][finance.Deficit]; !near(sum, w) {
		t.Errorf("%s bridge sums to %.10g, want the deficit's change %.10g", finance.BodyNames[b], sum, w)
	}
}

// tariffParams is a trust paid at the tariff, ×2 its unit cost of £1000
// an emergency spell, with no inflation of its costs, the tariff's prices
// of 2014/15–2016/17, a marginal rate above 100 spells a year and half of
// readmissions unpaid.
func tariffParams() *finance.Params {
	return &finance.Params{
		PriceYear: "2014/15",
		UnitCosts: finance.UnitCosts{NonElectiveSpell: 1000},
		Organisations: []finance.Organisation{
			{Name: "acute"}, {Name: "commissioners"},
		},
		Payment: finance.Payment{
			Rule: "tariff", Tariff: 2,
			Prices: []finance.PriceChange{
				{From: "2014/15", CostUplift: 0.025, Efficiency: 0.04},
				{From: "2015/16", CostUplift: 0.019, Efficiency: 0.035},
				{From: "2016/17", CostUplift: 0.031, Efficiency: 0.02},
			},
			MarginalRate: finance.MarginalRate{Threshold: 100, Rates: []finance.Rate{
				{From: "2014/15", Rate: 0.3}, {From: "2015/16", Rate: 0.7},
			}},
			ReadmissionsUnpaid: 0.5,
		},
	}
}

// TestAccountsTariffRules checks the tariff's price changes, the
// emergency marginal rate and unpaid readmissions by hand, with the
// trust's spells 100, 110 and 120 in 2014/15–2016/17, 10 of them
// readmissions each year.
//
// The price year is 2014/15, so its own price change is in its prices;
// the index is 1 + 0.019 − 0.035 = 0.984 in 2015/16 and 0.984 × (1 +
// 0.031 − 0.02) = 0.994824 in 2016/17. Of each year's spells 5 (half the
// readmissions) are unpaid; of the rest, those above 100 are paid at the
// marginal rate: none in 2014/15; 5 at 70% in 2015/16; 15 at 70% in
// 2016/17, losing 2 × 1000 × 0.3 a spell:
//
//	2014/15  (200,000 − 10,000) × 1        = 190,000
//	2015/16  (220,000 − 10,000 − 3,000) × 0.984    = 203,688
//	2016/17  (240,000 − 10,000 − 9,000) × 0.994824 = 219,856.104
//
// The trust's costs are 1000 a spell, flat.
func TestAccountsTariffRules(t *testing.T) {
	t.Parallel()
	got, err := finance.Accounts(tariffParams(), wholeYears(3, func(i int, a *finance.Activity) {
		a.NonElectiveSpells, a.Readmissions = 100+10*float64(i), 10
	}), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.Income, 190000, 203688, 219856.104)
	checkLine(t, got, finance.Commissioners, finance.Income, -190000, -203688, -219856.104)
	checkLine(t, got, finance.Acute, finance.Deficit, 100000-190000, 110000-203688, 120000-219856.104)
	checkLine(t, got, finance.System, finance.Income, 0, 0, 0)

	// The bridge from 2014/15 to 2016/17: the trust's costs rise 20,000
	// with its spells, and the tariff pays for 40,000 more in full, 9,000
	// of it lost to the marginal rate (the unpaid readmissions did not
	// change). The price index went from 1 to 0.994824: the cost uplifts
	// compounded, 1.019 × 1.031 = 1.050589, add 221,000 × 0.050589 =
	// 11,180.169 to what the trust is paid; the efficiency factors take
	// 221,000 × (1.050589 − 0.994824) = 12,324.065 from it.
	checkStep(t, got, finance.Acute, map[int]float64{
		finance.StepDemography:       20000 - 40000,
		finance.StepMarginalRate:     9000,
		finance.StepPayAndPrices:     -11180.169,
		finance.StepTariffEfficiency: 12324.065,
	})
	checkStep(t, got, finance.Commissioners, map[int]float64{
		finance.StepDemography:       40000,
		finance.StepMarginalRate:     -9000,
		finance.StepPayAndPrices:     11180.169,
		finance.StepTariffEfficiency: -12324.065,
	})
	checkStep(t, got, finance.System, map[int]float64{finance.StepDemography: 20000})

	// Rates start with their year: without an entry for 2014/15, the
	// first year is paid in full.
	p := tariffParams()
	p.Payment.MarginalRate.Rates = p.Payment.MarginalRate.Rates[1:]
	p.Payment.MarginalRate.Threshold = 80
	got, err = finance.Accounts(p, wholeYears(2, func(i int, a *finance.Activity) { a.NonElectiveSpells = 100 }), nil)
	if err != nil {
		t.Fatal(err)
	}
	// 2015/16: 20 spells above 80 lose 2 × 1000 × 0.3 each: (200,000 −
	// 12,000) × 0.984.
	checkLine(t, got, finance.Acute, finance.Income, 200000, 188000*0.984)
}

// TestAccountsPriceYearBeforeTheTariff checks the price index of years
// before the price year: with the price year 2015/16, 2014/15's tariff
// price is 2015/16's divided by 2015/16's change, 1 / 0.984.
func TestAccountsPriceYearBeforeTheTariff(t *testing.T) {
	t.Parallel()
	p := tariffParams()
	p.PriceYear = "2015/16"
	p.Payment.MarginalRate, p.Payment.ReadmissionsUnpaid = finance.MarginalRate{}, 0
	got, err := finance.Accounts(p, wholeYears(1, func(_ int, a *finance.Activity) { a.NonElectiveSpells = 100 }), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.Income, 200000/0.984)
}

// TestAccountsFixedCosts checks a PFI's unitary payment of 1000 a year in
// 2014/15, three quarters of it indexed at 3% a year: 1000, 750 × 1.03 +
// 250 = 1022.5 and 750 × 1.0609 + 250 = 1045.675, whatever the beds, and
// half of it for the half year of 2015/16 counted (183 of 366 days).
func TestAccountsFixedCosts(t *testing.T) {
	t.Parallel()
	p := &finance.Params{
		PriceYear:     "2014/15",
		Inflation:     finance.Inflation{Pay: 0.1, Prices: 0.1, PayShare: 0.5},
		CapacityCosts: finance.CapacityCosts{AcuteBed: 100},
		FixedCosts:    []finance.FixedCost{{Name: "pfi", Organisation: "acute", Amount: 1000, Indexed: 0.75, Index: 0.03}},
	}
	got, err := finance.Accounts(p, wholeYears(3, func(i int, a *finance.Activity) { a.AcuteBeds = float64(10 - 5*i) }), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.FixedCosts, 1000, 1022.5, 1045.675)
	// Beds closing save their capacity cost, not the PFI: 1000 at 10% a
	// year, 10, 5 and 0 beds.
	checkLine(t, got, finance.Acute, finance.CapacityCost, 1000, 550, 0)
	checkLine(t, got, finance.Acute, finance.Cost, 2000, 1572.5, 1045.675)
	// The bridge: the beds' volume at 2014/15 prices −1000, pay and
	// prices on what is left 0, the PFI +45.675.
	checkStep(t, got, finance.Acute, map[int]float64{finance.StepCapacity: -1000, finance.StepFixedCosts: 45.675})

	half := wholeYears(2, nil)
	half[1].Days = 183
	got, err = finance.Accounts(p, half, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.FixedCosts, 1000, 1022.5/2)
}

// TestAccountsSanctions checks the A&E fines by hand: 1000 attendances
// (900 type 1, 100 type 3) and 100 breaches a year (90% within 4 hours).
// In 2014/15 at £200 a breach between 95% and 92%: 30 breaches, £6000;
// in 2015/16 at £120 between 95% and 85%: 50, £6000; suspended in
// 2016/17.
func TestAccountsSanctions(t *testing.T) {
	t.Parallel()
	p := &finance.Params{Payment: finance.Payment{Sanctions: []finance.Sanction{
		{From: "2014/15", PerBreach: 200, Standard: 0.95, Floor: 0.92},
		{From: "2015/16", PerBreach: 120, Standard: 0.95, Floor: 0.85},
		{From: "2016/17"},
	}}}
	got, err := finance.Accounts(p, wholeYears(3, func(_ int, a *finance.Activity) {
		a.EDAttendances, a.UTCAttendances, a.AE4hBreaches = 900, 100, 100
	}), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.Income, -6000, -6000, 0)
	checkLine(t, got, finance.Commissioners, finance.Income, 6000, 6000, 0)
	checkStep(t, got, finance.Acute, map[int]float64{finance.StepPressure: -6000})

	// Within the standard: no fine.
	got, err = finance.Accounts(p, wholeYears(1, func(_ int, a *finance.Activity) { a.EDAttendances, a.AE4hBreaches = 1000, 40 }), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.Income, 0)
}

// TestAccountsBetterCareFund checks the pooled budget by hand: from
// 2015/16 the commissioners pay social care 1000 and 100 for performance,
// growing 10% a year. Emergency spells per day are 1 in 2014/15 and 0.96
// in 2015/16 and 2016/17: the 3% cut is made in 2015/16, so social care
// is paid 1100, and not in 2016/17, when the 110 for performance goes to
// the acute trust. With performance at risk only to 2015/16, social care
// keeps it in 2016/17.
func TestAccountsBetterCareFund(t *testing.T) {
	t.Parallel()
	years := wholeYears(3, func(i int, a *finance.Activity) {
		a.NonElectiveSpells = float64(a.Days)
		if i > 0 {
			a.NonElectiveSpells *= 0.96
		}
	})
	p := &finance.Params{Payment: finance.Payment{BetterCareFund: finance.BetterCareFund{
		From: "2015/16", Transfer: 1000, Performance: 100, Growth: 0.1, Target: 0.03,
	}}}
	got, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.SocialCare, finance.Income, 0, 1100, 1100)
	checkLine(t, got, finance.Acute, finance.Income, 0, 0, 110)
	checkLine(t, got, finance.Commissioners, finance.Income, 0, -1100, -1210)
	checkStep(t, got, finance.SocialCare, map[int]float64{finance.StepBetterCareFund: -1100})
	checkStep(t, got, finance.System, nil)

	p.Payment.BetterCareFund.PerformanceTo = "2015/16"
	if got, err = finance.Accounts(p, years, nil); err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.SocialCare, finance.Income, 0, 1100, 1210)
	checkLine(t, got, finance.Acute, finance.Income, 0, 0, 0)

	// From the first year simulated, there is no year before to show a
	// cut: the acute trust is paid for performance.
	p.Payment.BetterCareFund.From = "2014/15"
	if got, err = finance.Accounts(p, years[:1], nil); err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.Income, 100)
}

// TestAccountsSustainability checks the fund by hand. The trust's other
// costs are 10,000 a year and its funding 2000 growing 5%: deficits 8000,
// 7900, 7795 and 7684.75 in 2014/15–2017/18. The fund starts in 2016/17
// at 1000 a year; its control total is 2015/16's deficit less a 2%
// stretch of that year's costs, 7900 − 200 = 7700: missed in 2016/17,
// met in 2017/18 (700, 70%). The other 30% comes with A&E performance of
// 95% or more: 96% in 2016/17, 90% in 2017/18.
func TestAccountsSustainability(t *testing.T) {
	t.Parallel()
	p := &finance.Params{
		Organisations: []finance.Organisation{{Name: "acute", Funding: 2000, Growth: 0.05, Other: 10000}},
		Payment: finance.Payment{Sustainability: finance.Sustainability{
			From: "2016/17", Amount: 1000, Stretch: 0.02, Performance: 0.3, Standard: 0.95,
		}},
	}
	years := wholeYears(4, func(i int, a *finance.Activity) {
		a.EDAttendances, a.AE4hBreaches = 100, 4
		if i == 3 {
			a.AE4hBreaches = 10
		}
	})
	got, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.Funding, 2000, 2100, 2205+300, 2315.25+700)
	checkLine(t, got, finance.System, finance.Deficit, 8000, 7900, 7795-300, 7684.75-700)
	checkStep(t, got, finance.System, map[int]float64{finance.StepFunding: -315.25, finance.StepSustainability: -700})
}

// TestAccountsRiskShare checks the alliance over the bilateral contracts
// by hand. From 2015/16: the acute trust's other costs 1000 growing 10% a
// year in volume, the commissioners' 500 against funding 400, the
// community provider at balance, social care (outside the alliance) 50
// short. From 2016/17 the change in the parties' deficits since 2015/16
// is shared 0.4 acute, 0.5 commissioners, 0.1 community: 100 in 2016/17,
// 210 in 2017/18.
func TestAccountsRiskShare(t *testing.T) {
	t.Parallel()
	p := &finance.Params{
		Organisations: []finance.Organisation{
			{Name: "acute", Other: 1000, Volume: 0.1},
			{Name: "community", Other: 100, Funding: 100},
			{Name: "social-care", Other: 50},
			{Name: "commissioners", Other: 500, Funding: 400},
		},
		Payment: finance.Payment{RiskShare: finance.RiskShare{From: "2016/17", Shares: []finance.Share{
			{Organisation: "acute", Share: 0.4}, {Organisation: "commissioners", Share: 0.5}, {Organisation: "community", Share: 0.1},
		}}},
	}
	years := wholeYears(4, nil)[1:] // 2015/16 to 2017/18
	got, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.Deficit, 1000, 1040, 1084)
	checkLine(t, got, finance.Commissioners, finance.Deficit, 100, 150, 205)
	checkLine(t, got, finance.Community, finance.Deficit, 0, 10, 21)
	checkLine(t, got, finance.SocialCare, finance.Deficit, 50, 50, 50)
	checkLine(t, got, finance.Acute, finance.Income, 0, 60, 126)
	checkStep(t, got, finance.Acute, map[int]float64{finance.StepDemography: 210, finance.StepRiskShare: -126})
	checkStep(t, got, finance.Commissioners, map[int]float64{finance.StepRiskShare: 105})

	// Starting after 2015/16, the first year simulated stands for it:
	// its deficits are the plan, and nothing is shared in it. (Volume
	// grows from the first year simulated: 1000, then 1100.)
	if got, err = finance.Accounts(p, years[1:], nil); err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.Deficit, 1000, 1000+0.4*100)
}

// TestAccountsContracts checks contracts and funding paid at the tariff
// by hand over 2014/15 and 2015/16, whose tariff price changes by 2% −
// 4% = −2%, with non-demographic growth of 5%: the acute trust's outside
// funding of 1000, paid at the tariff and growing 10% in volume, is 1000
// × 1.1 × 1.05 × 0.98 = 1131.9 in 2015/16; a block contract to the
// community provider of 500 growing 2% is 510; a contract to the trust of
// 300 at the tariff, flat in volume, 300 × 1.05 × 0.98 = 308.7. The
// commissioners' other costs of 1000 are 60% paid at the tariff: 400 ×
// 1.05 + 600 × 1.05 × 0.98 = 1037.4 in 2015/16.
func TestAccountsContracts(t *testing.T) {
	t.Parallel()
	p := &finance.Params{
		PriceYear: "2014/15",
		Inflation: finance.Inflation{NonDemographic: 0.05},
		Organisations: []finance.Organisation{
			{Name: "acute", Funding: 1000, Tariff: true, Volume: 0.1},
			{Name: "commissioners", Other: 1000, OtherAtTariff: 0.6},
		},
		Payment: finance.Payment{
			Prices: []finance.PriceChange{{From: "2015/16", CostUplift: 0.02, Efficiency: 0.04}},
			Contracts: []finance.Contract{
				{Organisation: "community", Amount: 500, Growth: 0.02},
				{Organisation: "acute", Amount: 300, Tariff: true},
			},
		},
	}
	got, err := finance.Accounts(p, wholeYears(2, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLine(t, got, finance.Acute, finance.Funding, 1000, 1131.9)
	checkLine(t, got, finance.Acute, finance.Income, 300, 308.7)
	checkLine(t, got, finance.Community, finance.Income, 500, 510)
	checkLine(t, got, finance.Commissioners, finance.Income, -800, -818.7)
	// The trust's bridge: volume 100 (funding) at the first year's
	// prices; casemix 1100 × 0.05 + 300 × 0.05 = 70; the uplift
	// 1400 × 1.05 × 0.02 = 29.4; the efficiency 1400 × 1.05 × 1.02 ×
	// (0.98/1.02 − 1) = −58.8: all income, narrowing the gap.
	checkStep(t, got, finance.Acute, map[int]float64{
		finance.StepDemography:       -100,
		finance.StepNonDemographic:   -70,
		finance.StepPayAndPrices:     -29.4,
		finance.StepTariffEfficiency: 58.8,
	})
	checkStep(t, got, finance.Community, map[int]float64{finance.StepContracts: -10})
	checkLine(t, got, finance.Commissioners, finance.OtherCost, 1000, 1037.4)
	// The commissioners' bridge: the block contract +10; paid at the
	// tariff, the trust's contract and 600 of other costs, 900: casemix
	// 900 × 0.05 = 45 and 400 × 0.05 = 20 on the rest of their costs;
	// the uplift 900 × 1.05 × 0.02 = 18.9; the efficiency 900 × 1.05 ×
	// (0.98 − 1.02) = −37.8.
	checkStep(t, got, finance.Commissioners, map[int]float64{
		finance.StepContracts:        10,
		finance.StepNonDemographic:   65,
		finance.StepPayAndPrices:     18.9,
		finance.StepTariffEfficiency: -37.8,
	})
}

// TestBridgeSumsToTheChange checks that the bridge of validParams'
// county-sized system, every rule of the era and every pressure cost on
// (the waiting list passing the initiatives' trigger in the second year),
// sums to the change in each body's deficit between every pair of years,
// under every payment rule, with inflation, part years and interventions.
func TestBridgeSumsToTheChange(t *testing.T) {
	t.Parallel()
	years := wholeYears(5, func(i int, a *finance.Activity) {
		x := 1 + 0.03*float64(i)
		a.EDAttendances, a.UTCAttendances, a.AE4hBreaches = 125000*x, 24000*x, 8000*x*x
		a.NonElectiveSpells, a.Readmissions, a.ElectiveSpells = 37500*x, 3000*x, 6700
		a.ExcessBedDays, a.DelayedBedDays, a.EscalationBedDays = 56000*x, 33000*x, 400*float64(i)
		a.IntermediateCareBedDays, a.ReablementDays, a.CareHomeBedDays = 28000, 47000*x, 930000*x
		a.CommunityCaseloadDays, a.CallForCareContacts = 900000, 3000
		a.AcuteBeds, a.EDCubicles, a.IntermediateCareBeds, a.ReablementPlaces, a.CommunityPlaces = 700*x, 57, 100, 170, 2500
		a.ElectiveCancellations, a.ElectivePostponed, a.CancelledNot28d = 200*x*x, 500*x, 20*x*x
		a.ElectiveWithin18w, a.WaitingList, a.WaitingOver18w = 6700/x/x, 2000*x, 150*x*x*x*x*x
		a.HandoversOver30, a.HandoversOver60, a.DelayedDaysSocialCare = 3000*x, 400*x*x, 12000*x
	})
	years[0].From, years[0].Days = des.Date{Year: 2014, Month: 7, Day: 1}, 274
	years[4].Days = 90
	ivs := []finance.Intervention{
		{Name: "a", Start: des.Date{Year: 2015, Month: 1, Day: 1}, Setup: 5e5, Recurrent: 6e5},
		{Name: "b", Start: des.Date{Year: 2016, Month: 4, Day: 1}, End: des.Date{Year: 2017, Month: 9, Day: 30}, Setup: 2e5, Recurrent: 8e5, Payer: "social-care"},
	}
	for _, rule := range append([]string{""}, finance.Rules...) {
		p := validParams()
		p.Payment.Rule = rule
		p.Organisations[0].Volume, p.Organisations[3].Other, p.Organisations[3].Volume = 0.01, 2e8, 0.02
		got, err := finance.Accounts(p, years, ivs)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			for j := i + 1; j < len(got); j++ {
				br := finance.Bridge(got, i, j)
				for b := range finance.NumBodies {
					sum := 0.0
					for _, x := range br[b] {
						sum += x
					}
					// Amounts near 1e9: 1e-6 is rounding.
					if w := got[j].Money[b][finance.Deficit] - got[i].Money[b][finance.Deficit]; math.Abs(sum-w) > 1e-6 {
						t.Errorf("rule %q, %s to %s: %s bridge sums to %.4f, want %.4f", rule, got[i].Name, got[j].Name, finance.BodyNames[b], sum, w)
					}
				}
				for _, s := range []int{finance.StepMarginalRate, finance.StepReadmissions, finance.StepBetterCareFund, finance.StepContracts, finance.StepRiskShare} {
					if x := br[finance.System][s]; math.Abs(x) > 1e-6 {
						t.Errorf("rule %q, %s to %s: system %s %g, want 0: payments cancel", rule, got[i].Name, got[j].Name, finance.Steps[s].Name, x)
					}
				}
			}
		}
	}
}
