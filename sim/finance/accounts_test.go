package finance_test

import (
	"math"
	"strings"
	"testing"

	"caresim/sim/des"
	"caresim/sim/finance"
)

// handParams and handYears are a system small enough to account by hand
// (see TestAccountsByHand). Inflation is 0.5×10% + 0.5×10% = 10% a year
// from the price year 2014/15; the second year is 2015/16, whose 366 days
// (29 February 2016) make its first 183 days exactly half a year.
func handParams() *finance.Params {
	return &finance.Params{
		PriceYear: "2014/15",
		Inflation: finance.Inflation{Pay: 0.1, Prices: 0.1, PayShare: 0.5},
		UnitCosts: finance.UnitCosts{
			EDAttendance: 100, NonElectiveSpell: 1000, DelayedBedDay: 50,
			IntermediateCareBedDay: 10, ReablementDay: 20, CareHomeWeek: 70,
		},
		CapacityCosts: finance.CapacityCosts{AcuteBed: 1000, IntermediateCareBed: 500, ReablementPlace: 200},
		Organisations: []finance.Organisation{
			{Name: "acute", Funding: 1000, Growth: 0.1, Other: 100},
			{Name: "community", Funding: 500},
			{Name: "social-care", Funding: 800},
			{Name: "commissioners", Funding: 10000, Growth: 0.1, Other: 2000},
		},
	}
}

func handYears() []finance.Activity {
	return []finance.Activity{
		{From: des.Date{Year: 2014, Month: 4, Day: 1}, Days: 365,
			EDAttendances: 10, NonElectiveSpells: 2, DelayedBedDays: 4,
			IntermediateCareBedDays: 30, ReablementDays: 10, CareHomeBedDays: 70,
			AcuteBeds: 3, IntermediateCareBeds: 2, ReablementPlaces: 1},
		{From: des.Date{Year: 2015, Month: 4, Day: 1}, Days: 183,
			EDAttendances: 5, NonElectiveSpells: 1, DelayedBedDays: 2,
			IntermediateCareBedDays: 15, ReablementDays: 5, CareHomeBedDays: 35,
			AcuteBeds: 4, IntermediateCareBeds: 2, ReablementPlaces: 1},
	}
}

// handIntervention starts half way through 2014/15: 182 of its 365 days
// are on or after 1 October 2014.
var handIntervention = finance.Intervention{Name: "x", Start: des.Date{Year: 2014, Month: 10, Day: 1}, Setup: 100, Recurrent: 730, Payer: "community"}

// TestAccountsByHand checks every line against arithmetic done by hand.
//
// 2014/15, prices of the price year, a whole year:
//
//	activity  acute 10×100 + 2×1000 + 4×50 = 3200 (3000 of it tariffed)
//	          community 30×10 = 300; social care 10×20 + 70/7×70 = 900
//	capacity  acute 3×1000 = 3000; community 2×500 = 1000; social care 200
//	interv.   community: set-up 100 + 730×182/365 = 464
//	other     acute 100; commissioners 2000
//	cost      acute 6300; community 1764; social care 1100; commissioners 2000; system 11164
//	funding   1000, 500, 800, 10000; system 12300
//	deficit   5300, 1264, 300, −8000; system −1136 (a surplus)
//
// 2015/16, ×1.1 for prices, ×0.5 for the half year's capacity, other and
// funding, funding grown once:
//
//	activity  acute 1.1×(500 + 1000 + 100) = 1760 (1650 tariffed); community 165;
//	          social care 1.1×(100 + 35/7×70) = 495
//	capacity  acute 1.1×0.5×4×1000 = 2200; community 550; social care 110
//	interv.   community: 1.1 × 730×183/366 = 401.5 (no set-up: it started earlier)
//	other     acute 55; commissioners 1100
//	cost      4015, 1116.5, 605, 1100; system 6836.5
//	funding   1000×1.1×0.5 = 550, 250, 400, 5500; system 6700
//	deficit   3465, 866.5, 205, −4400; system 136.5; cumulative system −999.5
//
// Under tariff ×2 the commissioners pay the acute trust 2×3000 = 6000 in
// 2014/15 and 2×1500 = 3000 in 2015/16 (the community provider is not paid
// by tariff; the tariff's prices, with no price changes given, do not
// follow the trust's costs up by 10%), moving those sums from the
// commissioners' deficit to the trust's; under an alliance of the acute trust and the commissioners
// at half each, each carries half the system's deficit and the others
// none; under a block of 5000 a year to the acute trust it is paid 5000
// and then 2500 (half a year, no growth).
func TestAccountsByHand(t *testing.T) {
	t.Parallel()
	type body = [finance.NumBodies]float64
	cases := []struct {
		name    string
		payment finance.Payment
		income  [2]body
		deficit [2]body
	}{
		{"none", finance.Payment{}, [2]body{},
			[2]body{{5300, 1264, 300, -8000, -1136}, {3465, 866.5, 205, -4400, 136.5}}},
		{"tariff", finance.Payment{Rule: "tariff", Tariff: 2},
			[2]body{{6000, 0, 0, -6000, 0}, {3000, 0, 0, -3000, 0}},
			[2]body{{-700, 1264, 300, -2000, -1136}, {465, 866.5, 205, -1400, 136.5}}},
		{"block", finance.Payment{Rule: "block", Block: []finance.Block{{Organisation: "acute", Amount: 5000}}},
			[2]body{{5000, 0, 0, -5000, 0}, {2500, 0, 0, -2500, 0}},
			[2]body{{300, 1264, 300, -3000, -1136}, {965, 866.5, 205, -1900, 136.5}}},
		{"alliance", finance.Payment{Rule: "alliance", Shares: []finance.Share{{Organisation: "acute", Share: 0.5}, {Organisation: "commissioners", Share: 0.5}}},
			// income = own deficit − share × system deficit
			[2]body{{5300 + 568, 1264, 300, -8000 + 568, 0}, {3465 - 68.25, 866.5, 205, -4400 - 68.25, 0}},
			[2]body{{-568, 0, 0, -568, -1136}, {68.25, 0, 0, 68.25, 136.5}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := handParams()
			p.Payment = c.payment
			got, err := finance.Accounts(p, handYears(), []finance.Intervention{handIntervention})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got[0].Name != "2014/15" || got[1].Name != "2015/16" || got[0].Days != 365 || got[1].Days != 183 {
				t.Fatalf("years %+v, want 2014/15 (365 days) and 2015/16 (183 days)", got)
			}
			want := [2][finance.NumBodies][finance.NumMeasures]float64{}
			lines := [2][finance.FixedCosts + 1]body{
				{{3200, 300, 900, 0, 4400}, {3000, 1000, 200, 0, 4200}, {0, 464, 0, 0, 464}, {100, 0, 0, 2000, 2100}, {}},
				{{1760, 165, 495, 0, 2420}, {2200, 550, 110, 0, 2860}, {0, 401.5, 0, 0, 401.5}, {55, 0, 0, 1100, 1155}, {}},
			}
			funding := [2]body{{1000, 500, 800, 10000, 12300}, {550, 250, 400, 5500, 6700}}
			for y := range want {
				for b := range finance.NumBodies {
					w := &want[y][b]
					for k := range finance.FixedCosts + 1 {
						w[k] = lines[y][k][b]
						w[finance.Cost] += w[k]
					}
					w[finance.Funding] = funding[y][b]
					w[finance.Income] = c.income[y][b]
					w[finance.Deficit] = c.deficit[y][b]
					w[finance.CumulativeDeficit] = c.deficit[0][b]
					if y == 1 {
						w[finance.CumulativeDeficit] += c.deficit[1][b]
					}
				}
			}
			for y := range want {
				for b := range finance.NumBodies {
					for k := range finance.NumMeasures {
						// The arithmetic is exact in decimal; 1e-9 allows
						// for binary rounding of sums near 1e4.
						if g, w := got[y].Money[b][k], want[y][b][k]; math.Abs(g-w) > 1e-9 {
							t.Errorf("%s %s %s = %.10g, want %g", got[y].Name, finance.BodyNames[b], finance.Measures[k].Name, g, w)
						}
					}
				}
			}
		})
	}
}

// TestAccountsEscalationBeds prices escalation beds by the day open, in
// place of the yearly cost of a staffed bed, by hand: handYears with 40
// escalation bed days in 2014/15 (AcuteBeds, the other staffed beds,
// unchanged at 3) and 10 in the half of 2015/16 counted, at £30 a day,
// add 40×30 = 1200 to the acute trust's capacity cost in 2014/15 and
// 1.1×10×30 = 330 in 2015/16: whole days priced at the day's cost, not
// pro rata of a year.
func TestAccountsEscalationBeds(t *testing.T) {
	t.Parallel()
	p := handParams()
	years := handYears()
	base, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.CapacityCosts.EscalationBedDay = 30
	years[0].EscalationBedDays, years[1].EscalationBedDays = 40, 10
	got, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	for y, add := range []float64{1200, 330} {
		for _, b := range []int{finance.Acute, finance.System} {
			for _, k := range []int{finance.CapacityCost, finance.Cost, finance.Deficit} {
				// Exact in decimal; 1e-9 allows for binary rounding near 1e4.
				if g, w := got[y].Money[b][k], base[y].Money[b][k]+add; math.Abs(g-w) > 1e-9 {
					t.Errorf("%s %s %s = %.10g, want %g", got[y].Name, finance.BodyNames[b], finance.Measures[k].Name, g, w)
				}
			}
		}
		if g, w := got[y].Money[finance.Community][finance.Cost], base[y].Money[finance.Community][finance.Cost]; g != w {
			t.Errorf("%s community cost = %g, want %g: escalation beds are the acute trust's", got[y].Name, g, w)
		}
	}
}

// TestAccountsOutpatients prices outpatients by hand on handParams: first
// attendances at 150, follow-ups at 100 and day cases at 700 are activity
// (1000 × 150 + 2000 × 100 + 100 × 700 = 420 000 in 2014/15; the second
// year's half × 1.1 = 231 000), and the slots offered at 50, 30 and 200 are
// capacity, priced per slot offered, not per year (1100 × 50 + 2200 × 30 +
// 110 × 200 = 143 000; × 1.1 × 0.5 = 78 650); all the acute trust's.
func TestAccountsOutpatients(t *testing.T) {
	t.Parallel()
	p := handParams()
	years := handYears()
	base, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.UnitCosts.OutpatientFirst, p.UnitCosts.OutpatientFollowUp, p.UnitCosts.DayCase = 150, 100, 700
	p.CapacityCosts.OutpatientFirstSlot, p.CapacityCosts.OutpatientFollowUpSlot, p.CapacityCosts.DayCaseSlot = 50, 30, 200
	for y, f := range []float64{1, 0.5} {
		a := &years[y]
		a.OutpatientFirst, a.OutpatientFollowUps, a.DayCases = 1000*f, 2000*f, 100*f
		a.OutpatientFirstSlots, a.OutpatientFollowUpSlots, a.DayCaseSlots = 1100*f, 2200*f, 110*f
	}
	got, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	for y, add := range []struct{ act, capacity float64 }{{420_000, 143_000}, {231_000, 78_650}} {
		for _, c := range []struct {
			k    int
			want float64
		}{{finance.ActivityCost, add.act}, {finance.CapacityCost, add.capacity}, {finance.Cost, add.act + add.capacity}} {
			// 1e-6 allows for binary rounding near 1e6.
			if g, w := got[y].Money[finance.Acute][c.k], base[y].Money[finance.Acute][c.k]+c.want; math.Abs(g-w) > 1e-6 {
				t.Errorf("%s acute %s = %.10g, want %g", got[y].Name, finance.Measures[c.k].Name, g, w)
			}
		}
	}
}

// TestAccountsRulesMoveTheDeficit checks that the payment rule changes who
// carries the deficit but not the system's accounts, on the money of
// validParams (a county-sized system, with every payment rule of the era
// on) over three years of activity. The sustainability fund is left out:
// it brings money from outside on the trust's deficit, which the rule
// moves (TestAccountsSustainability).
func TestAccountsRulesMoveTheDeficit(t *testing.T) {
	t.Parallel()
	years := []finance.Activity{
		{From: des.Date{Year: 2014, Month: 7, Day: 1}, Days: 274, EDAttendances: 90000, UTCAttendances: 17000, AE4hBreaches: 7000, Readmissions: 2200,
			NonElectiveSpells: 27000, ElectiveSpells: 5000, ExcessBedDays: 40000, DelayedBedDays: 25000,
			IntermediateCareBedDays: 20000, ReablementDays: 35000, CareHomeBedDays: 700000, CommunityCaseloadDays: 150000,
			CallForCareContacts: 2000, AcuteBeds: 690, EDCubicles: 56, IntermediateCareBeds: 84, ReablementPlaces: 145, CommunityPlaces: 500},
		{From: des.Date{Year: 2015, Month: 4, Day: 1}, Days: 366, EDAttendances: 125000, UTCAttendances: 24000, SDECAttendances: 3000, AE4hBreaches: 9000, Readmissions: 3000,
			NonElectiveSpells: 37500, ElectiveSpells: 6700, ExcessBedDays: 56000, DelayedBedDays: 33000,
			IntermediateCareBedDays: 28000, ReablementDays: 47000, CareHomeBedDays: 930000, CommunityCaseloadDays: 900000,
			CallForCareContacts: 3000, AcuteBeds: 700, EDCubicles: 57, IntermediateCareBeds: 100, ReablementPlaces: 170, CommunityPlaces: 2500},
		{From: des.Date{Year: 2016, Month: 4, Day: 1}, Days: 90, EDAttendances: 31000, UTCAttendances: 6000, SDECAttendances: 900, AE4hBreaches: 2500, Readmissions: 700,
			NonElectiveSpells: 9000, ElectiveSpells: 1700, ExcessBedDays: 14000, DelayedBedDays: 7000,
			IntermediateCareBedDays: 7000, ReablementDays: 12000, CareHomeBedDays: 240000, CommunityCaseloadDays: 320000,
			CallForCareContacts: 800, AcuteBeds: 705, EDCubicles: 57, IntermediateCareBeds: 100, ReablementPlaces: 175, CommunityPlaces: 3600},
	}
	ivs := []finance.Intervention{
		{Name: "a", Start: des.Date{Year: 2015, Month: 1, Day: 1}, Setup: 5e5, Recurrent: 6e5, Payer: "commissioners"},
		{Name: "b", Start: des.Date{Year: 2016, Month: 4, Day: 1}, Setup: 2e5, Recurrent: 8e5, Payer: "social-care"},
		{Name: "c", Start: des.Date{Year: 2017, Month: 4, Day: 1}, Setup: 9e9, Recurrent: 9e9}, // after the run: costs nothing
	}
	var byRule [][]finance.Year
	for _, rule := range append([]string{""}, finance.Rules...) {
		p := validParams()
		p.Payment.Rule = rule
		p.Payment.Sustainability = finance.Sustainability{}
		got, err := finance.Accounts(p, years, ivs)
		if err != nil {
			t.Fatal(err)
		}
		byRule = append(byRule, got)
		for _, y := range got {
			if s := y.Money[finance.System][finance.Income]; math.Abs(s) > 1e-6 {
				t.Errorf("rule %q, %s: payments sum to %g, want 0", rule, y.Name, s)
			}
			if rule == "alliance" {
				// Shares 0.4, 0.1, 0.2, 0.3 of the system deficit (validParams).
				for b, s := range [...]float64{0.4, 0.1, 0.2, 0.3} {
					if g, w := y.Money[b][finance.Deficit], s*y.Money[finance.System][finance.Deficit]; math.Abs(g-w) > 1e-6 {
						t.Errorf("alliance, %s: %s deficit %g, want share %g of the system's, %g", y.Name, finance.BodyNames[b], g, s, w)
					}
				}
			}
		}
	}
	for r := 1; r < len(byRule); r++ {
		moved := false
		for y := range byRule[r] {
			for k := range finance.NumMeasures {
				// Amounts near 1e9: 1e-6 is rounding.
				if g, w := byRule[r][y].Money[finance.System][k], byRule[0][y].Money[finance.System][k]; math.Abs(g-w) > 1e-6 {
					t.Errorf("rule %q, %s: system %s %g, want %g as with no payments", finance.Rules[r-1], byRule[r][y].Name, finance.Measures[k].Name, g, w)
				}
			}
			if byRule[r][y].Money[finance.Acute][finance.Deficit] != byRule[0][y].Money[finance.Acute][finance.Deficit] {
				moved = true
			}
		}
		if !moved {
			t.Errorf("rule %q moved none of the acute trust's deficit", finance.Rules[r-1])
		}
	}
	if c := byRule[0][2].Money[finance.SocialCare][finance.InterventionCost]; c <= 2e5 {
		t.Errorf("2016/17 social-care intervention cost %g, want the set-up of b and more", c)
	}
}

func TestAccountsErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		edit func(p *finance.Params, years []finance.Activity, ivs []finance.Intervention)
		want string
	}{
		{"unknown payer", func(_ *finance.Params, _ []finance.Activity, ivs []finance.Intervention) { ivs[0].Payer = "trust" },
			`finance: intervention "x": unknown payer "trust"`},
		{"years out of order", func(_ *finance.Params, years []finance.Activity, _ []finance.Intervention) { years[1].From.Year = 2014 },
			"finance: year 1: 183 days from 2014-04-01 are not in one financial year after the one before"},
		{"a year past March", func(_ *finance.Params, years []finance.Activity, _ []finance.Intervention) { years[0].Days = 366 },
			"finance: year 0: 366 days"},
		{"no days", func(_ *finance.Params, years []finance.Activity, _ []finance.Intervention) { years[1].Days = 0 },
			"finance: year 1: 0 days"},
		{"price year", func(p *finance.Params, _ []finance.Activity, _ []finance.Intervention) { p.PriceYear = "2014" },
			`finance: price year "2014"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, years, ivs := handParams(), handYears(), []finance.Intervention{handIntervention}
			c.edit(p, years, ivs)
			_, err := finance.Accounts(p, years, ivs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// TestAccountsPriceYear checks that costs are inflated from the price
// year, not from the first year run, and that an empty intervention payer
// is the commissioners.
func TestAccountsPriceYear(t *testing.T) {
	t.Parallel()
	p := handParams()
	p.PriceYear = "2012/13" // two years before the first: ×1.1² = ×1.21
	iv := handIntervention
	iv.Payer = ""
	got, err := finance.Accounts(p, handYears()[:1], []finance.Intervention{iv})
	if err != nil {
		t.Fatal(err)
	}
	m := got[0].Money
	if g := m[finance.Acute][finance.ActivityCost]; math.Abs(g-3200*1.21) > 1e-9 {
		t.Errorf("acute activity %g, want 3200 × 1.21 = %g", g, 3200*1.21)
	}
	if g := m[finance.Acute][finance.Funding]; g != 1000 {
		t.Errorf("acute funding %g, want 1000: funding grows from the first year run", g)
	}
	if g := m[finance.Commissioners][finance.InterventionCost]; math.Abs(g-464*1.21) > 1e-9 {
		t.Errorf("commissioners' intervention cost %g, want 464 × 1.21", g)
	}
}

// TestAccountsInterventionEnds checks that a recurrent cost of 365 a
// year stops at the intervention's end, pro rata by day, counting its last
// day. The years are handYears's: 2014/15 whole (365 days) and 2015/16's
// first 183 days (of 366, prices ×1.1).
//
//	winter ward, 1 Nov 2014 to 31 Mar 2015: 30+31+31+28+31 = 151 days, 151 in 2014/15; nothing after
//	1 Oct 2014 to 30 Jun 2015: 182 days, 182; then 30+31+30 = 91 days, 1.1 × 365 × 91/366
//	one day, 1 Jan 2015: 1
//	1 Apr 2014 to 31 Mar 2016, after the run: 365; 1.1 × 365 × 183/366, as with no end
func TestAccountsInterventionEnds(t *testing.T) {
	t.Parallel()
	day := func(y, m, d int) des.Date { return des.Date{Year: y, Month: m, Day: d} }
	cases := []struct {
		name       string
		start, end des.Date
		want       [2]float64
	}{
		{"winter ward", day(2014, 11, 1), day(2015, 3, 31), [2]float64{151, 0}},
		{"ended in the second year", day(2014, 10, 1), day(2015, 6, 30), [2]float64{182, 1.1 * 365 * 91 / 366}},
		{"one day", day(2015, 1, 1), day(2015, 1, 1), [2]float64{1, 0}},
		{"ends after the run", day(2014, 4, 1), day(2016, 3, 31), [2]float64{365, 1.1 * 365 * 183 / 366}},
		{"no end", day(2014, 4, 1), des.Date{}, [2]float64{365, 1.1 * 365 * 183 / 366}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			iv := finance.Intervention{Name: "x", Start: c.start, End: c.end, Recurrent: 365, Payer: "acute"}
			got, err := finance.Accounts(handParams(), handYears(), []finance.Intervention{iv})
			if err != nil {
				t.Fatal(err)
			}
			for y, w := range c.want {
				// 1e-9: binary rounding of sums near 400.
				if g := got[y].Money[finance.Acute][finance.InterventionCost]; math.Abs(g-w) > 1e-9 {
					t.Errorf("%s: intervention cost %.10g, want %.10g", got[y].Name, g, w)
				}
			}
		})
	}
}

// TestWomensCosts checks the women's and children's services' lines, all
// the acute trust's, by hand, in the price year with no inflation: 10
// maternity admissions at £400, cot days 2, 3 and 5 by level at £300,
// £200 and £100, 8 children assessed at £50 and 4 admitted at £250 make
// activity 4000 + 600 + 600 + 500 + 400 + 1000 = 7100; 2 obstetric beds at
// £1000, 3 cots at £500, 1 assessment space at £2000 and 4 ward beds at
// £100 make capacity 2000 + 1500 + 2000 + 400 = 5900 a whole year.
func TestWomensCosts(t *testing.T) {
	t.Parallel()
	p := &finance.Params{
		PriceYear: "2014/15",
		UnitCosts: finance.UnitCosts{MaternityAdmission: 400, NeonatalIntensiveDay: 300, NeonatalHighDepDay: 200,
			NeonatalSpecialDay: 100, PaediatricAssessment: 50, PaediatricAdmission: 250},
		CapacityCosts: finance.CapacityCosts{MaternityBed: 1000, NeonatalCot: 500, PaediatricAssessment: 2000, PaediatricBed: 100},
		Organisations: []finance.Organisation{{Name: "acute"}},
	}
	years := []finance.Activity{{From: des.Date{Year: 2014, Month: 4, Day: 1}, Days: 365,
		MaternityAdmissions: 10, NeonatalDays: [3]float64{2, 3, 5}, PaediatricAssessments: 8, PaediatricAdmissions: 4,
		MaternityBeds: 2, NeonatalCots: 3, PaediatricSpaces: 1, PaediatricBeds: 4}}
	got, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	acute := got[0].Money[finance.Acute]
	if a, c := acute[finance.ActivityCost], acute[finance.CapacityCost]; math.Abs(a-7100) > 1e-9 || math.Abs(c-5900) > 1e-9 {
		t.Errorf("acute activity %v and capacity %v, want 7100 and 5900", a, c)
	}
}

// TestAccountsAgencyPremium: 2 WTE of bank and agency care workers at
// £100 a WTE a year and a 50% premium cost social care 2 × 100 × 0.5 =
// £100 more in 2014/15, and in the 183 days counted of 2015/16 (366 days)
// 100 × 183/366 × 1.1 (the year's cost factor) = £55; the agency spend,
// premium included, is £300 a year. The bridge counts the premium as
// pressure.
func TestAccountsAgencyPremium(t *testing.T) {
	t.Parallel()
	p := handParams()
	years := handYears()
	base, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.Workforce.CareWorkers = finance.RoleCost{Cost: 100, AgencyPremium: 0.5}
	for y := range years {
		years[y].AgencyWTE[finance.SocialCare][4] = 2
	}
	got, err := finance.Accounts(p, years, nil)
	if err != nil {
		t.Fatal(err)
	}
	for y, add := range []float64{100, 55} {
		for _, b := range []int{finance.SocialCare, finance.System} {
			for _, k := range []int{finance.CapacityCost, finance.Cost, finance.Deficit} {
				if g, w := got[y].Money[b][k], base[y].Money[b][k]+add; math.Abs(g-w) > 1e-9 {
					t.Errorf("%s %s %s = %.10g, want %g", got[y].Name, finance.BodyNames[b], finance.Measures[k].Name, g, w)
				}
			}
		}
		if g, w := got[y].Money[finance.Acute][finance.Cost], base[y].Money[finance.Acute][finance.Cost]; g != w {
			t.Errorf("%s acute cost = %g, want %g: the agency staff are social care's", got[y].Name, g, w)
		}
	}
	if g := p.Workforce.AgencySpend([finance.NumRoles]float64{4: 2}); g != 300 {
		t.Errorf("AgencySpend = %g, want 300", g)
	}
	bb, gb := finance.Bridge(base, 0, 1), finance.Bridge(got, 0, 1)
	if d := gb[finance.SocialCare][finance.StepPressure] - bb[finance.SocialCare][finance.StepPressure]; math.Abs(d-(50-100)) > 1e-9 {
		t.Errorf("the premium's change in the pressure step = %g, want 50 − 100 = −50 at the first year's prices", d)
	}
}
