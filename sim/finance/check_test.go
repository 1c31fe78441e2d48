package finance_test

import (
	"math"
	"reflect"
	"testing"

	"caresim/sim/internal/checktest"

	"caresim/sim/finance"
)

// validParams returns money parameters that pass Validate, under the
// alliance rule with shares summing to 1 (0.4 + 0.3 + 0.2 + 0.1). The
// amounts are round figures of the size of a county's system; only their
// signs matter here. Each call returns a fresh value.
func validParams() *finance.Params {
	return &finance.Params{
		PriceYear: "2014/15",
		Inflation: finance.Inflation{Pay: 0.01, Prices: 0.02, PayShare: 0.7, NonDemographic: 0.005},
		UnitCosts: finance.UnitCosts{
			EDAttendance: 130, UrgentTreatment: 60, SDEC: 400,
			NonElectiveSpell: 1600, ElectiveSpell: 3300, ExcessBedDay: 250, DelayedBedDay: 300, ExcessAfter: 14,
			IntermediateCareBedDay: 180, CommunityCaseloadDay: 12, CallForCareContact: 50,
			ReablementDay: 60, CareHomeWeek: 550,
		},
		CapacityCosts: finance.CapacityCosts{
			AcuteBed: 120_000, EDCubicle: 200_000, IntermediateCareBed: 70_000,
			CommunityPlace: 3_000, ReablementPlace: 15_000,
		},
		Organisations: []finance.Organisation{
			{Name: "acute", Funding: 0, Other: 150e6},
			{Name: "community", Funding: 0, Other: 20e6},
			{Name: "social-care", Funding: 90e6, Growth: -0.02, Other: 30e6},
			{Name: "commissioners", Funding: 700e6, Growth: 0.015, OtherAtTariff: 0.5},
		},
		FixedCosts: []finance.FixedCost{{Name: "pfi", Organisation: "acute", Amount: 40e6, Indexed: 0.75, Index: 0.03}},
		Pressure: finance.Pressure{CancelledOperation: 500, PostponedOperation: 250,
			WaitingListInitiative: finance.WaitingListInitiative{Above: 0.08, Premium: 540}},
		Payment: finance.Payment{
			Rule:   "alliance",
			Tariff: 1,
			Prices: []finance.PriceChange{
				{From: "2014/15", CostUplift: 0.025, Efficiency: 0.04},
				{From: "2016/17", CostUplift: 0.031, Efficiency: 0.02},
			},
			MarginalRate: finance.MarginalRate{Threshold: 30000, Rates: []finance.Rate{
				{From: "2014/15", Rate: 0.3}, {From: "2015/16", Rate: 0.7},
			}},
			ReadmissionsUnpaid: 0.25,
			Sanctions: []finance.Sanction{
				{From: "2014/15", PerBreach: 200, Standard: 0.95, Floor: 0.92},
				{From: "2016/17"},
			},
			RTTSanctions: []finance.RTTSanction{
				{From: "2014/15", Admitted: 400, AdmittedStandard: 0.9, Incomplete: 100, IncompleteStandard: 0.92},
				{From: "2015/16", Incomplete: 100, IncompleteStandard: 0.92},
				{From: "2016/17"},
			},
			HandoverFines:    []finance.HandoverFine{{From: "2014/15", Over30: 200, Over60: 1000}},
			CancelledUnpaid:  []finance.Rate{{From: "2014/15", Rate: 1}},
			DelayedDischarge: []finance.Reimbursement{{From: "2014/15", PerDay: 100, Levied: 0.5}, {From: "2015/16", PerDay: 130, Levied: 0.5}},
			Contracts: []finance.Contract{
				{Organisation: "community", Amount: 40e6, Growth: 0.015},
				{Organisation: "acute", Amount: 80e6, Growth: 0.01, Tariff: true},
			},
			Block: []finance.Block{{Organisation: "acute", Amount: 300e6, Growth: 0.01}},
			Shares: []finance.Share{
				{Organisation: "acute", Share: 0.4},
				{Organisation: "commissioners", Share: 0.3},
				{Organisation: "social-care", Share: 0.2},
				{Organisation: "community", Share: 0.1},
			},
			RiskShare: finance.RiskShare{From: "2016/17", Shares: []finance.Share{
				{Organisation: "commissioners", Share: 0.5}, {Organisation: "acute", Share: 0.4}, {Organisation: "community", Share: 0.1},
			}},
			BetterCareFund: finance.BetterCareFund{From: "2015/16", Transfer: 4e6, Performance: 1.6e6, Growth: 0.02, Target: 0.0307, PerformanceTo: "2015/16"},
			Sustainability: finance.Sustainability{From: "2016/17", Amount: 11e6, Stretch: 0.03, Performance: 0.3, Standard: 0.95},
		},
		Projection: finance.Projection{Year: "2023/24", Gap: 140e6, Label: "the programme's projection"},
	}
}

// fieldErr is an expected problem: its exact Field and a part of its Msg.
type fieldErr struct{ field, msg string }

func checkErrors(t *testing.T, errs []error, want []fieldErr) {
	t.Helper()
	ws := make([]checktest.Want, len(want))
	for i, w := range want {
		ws[i] = checktest.Want{Field: w.field, Msg: w.msg}
	}
	checktest.Errors(t, errs, ws)
}

func TestValidateValid(t *testing.T) {
	t.Parallel()
	checkErrors(t, validParams().Validate(), nil)
	// The zero value names no rule and no price year: nothing to check.
	checkErrors(t, (&finance.Params{}).Validate(), nil)
}

func TestValidate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		edit func(p *finance.Params)
		want []fieldErr
	}{
		{"price_year not consecutive", func(p *finance.Params) { p.PriceYear = "2014/16" },
			[]fieldErr{{"money.price_year", `want a financial year such as 2014/15, not "2014/16"`}}},
		{"price_year a calendar year", func(p *finance.Params) { p.PriceYear = "2014" },
			[]fieldErr{{"money.price_year", `not "2014"`}}},
		{"price_year across a century", func(p *finance.Params) { p.PriceYear = "2099-00" }, nil},
		{"pay_share 1.2", func(p *finance.Params) { p.Inflation.PayShare = 1.2 },
			[]fieldErr{{"money.inflation.pay_share", "must be a fraction between 0 and 1, not 1.2"}}},
		{"prices -100%", func(p *finance.Params) { p.Inflation.Prices = -1 },
			[]fieldErr{{"money.inflation.prices", "must be a yearly rate above -100%, not -1"}}},
		{"pay infinite", func(p *finance.Params) { p.Inflation.Pay = math.Inf(1) },
			[]fieldErr{{"money.inflation.pay", "not +Inf"}}},
		{"inflation 150% for 1.5%", func(p *finance.Params) { p.Inflation.NonDemographic = 1.5 },
			[]fieldErr{{"money.inflation.non_demographic", "a yearly rate must be between -50% and +50%, not 150%: did you mean 1.5%?"}}},
		{"funding growth 5000%", func(p *finance.Params) { p.Organisations[0].Growth = 50 },
			[]fieldErr{{"money.organisations[0].growth", "a yearly rate must be between -50% and +50%, not 5000%"}}},
		{"negative unit cost", func(p *finance.Params) { p.UnitCosts.CareHomeWeek = -550 },
			[]fieldErr{{"money.unit_costs.care_home_week", "must be >= 0, not -550"}}},
		{"unit cost NaN", func(p *finance.Params) { p.UnitCosts.EDAttendance = math.NaN() },
			[]fieldErr{{"money.unit_costs.ed_attendance", "must be >= 0, not NaN"}}},
		{"negative capacity cost", func(p *finance.Params) { p.CapacityCosts.ReablementPlace = -1 },
			[]fieldErr{{"money.capacity_costs.reablement_place", "must be >= 0, not -1"}}},
		{"negative pressure cost", func(p *finance.Params) { p.Pressure.CancelledOperation = -500 },
			[]fieldErr{{"money.pressure.cancelled_operation", "must be >= 0, not -500"}}},
		{"waiting-list trigger 8 for 8%", func(p *finance.Params) { p.Pressure.WaitingListInitiative.Above = 8 },
			[]fieldErr{{"money.pressure.waiting_list_initiative.above", "must be a fraction between 0 and 1, not 8"}}},
		{"18-week fines out of order", func(p *finance.Params) { p.Payment.RTTSanctions[1].From = "2014/15" },
			[]fieldErr{{"money.payment.rtt_sanctions[1].from", "2014/15 is not after the entry before's 2014/15"}}},
		{"18-week standard 92 for 92%", func(p *finance.Params) { p.Payment.RTTSanctions[0].IncompleteStandard = 92 },
			[]fieldErr{{"money.payment.rtt_sanctions[0].incomplete_standard", "must be a fraction between 0 and 1, not 92"}}},
		{"negative handover fine", func(p *finance.Params) { p.Payment.HandoverFines[0].Over60 = -1000 },
			[]fieldErr{{"money.payment.handover_fines[0].over_60min", "must be >= 0, not -1000"}}},
		{"handover fines without a year", func(p *finance.Params) { p.Payment.HandoverFines[0].From = "" },
			[]fieldErr{{"money.payment.handover_fines[0].from", "missing: a financial year such as 2015/16"}}},
		{"cancelled unpaid 2 for 100%", func(p *finance.Params) { p.Payment.CancelledUnpaid[0].Rate = 2 },
			[]fieldErr{{"money.payment.cancelled_unpaid[0].rate", "must be a fraction between 0 and 1, not 2"}}},
		{"delayed discharge levied 50 for 50%", func(p *finance.Params) { p.Payment.DelayedDischarge[1].Levied = 50 },
			[]fieldErr{{"money.payment.delayed_discharge[1].levied", "must be a fraction between 0 and 1, not 50"}}},
		{"unknown organisation", func(p *finance.Params) { p.Organisations[1].Name = "ambulance-trust" },
			[]fieldErr{{"money.organisations[1].name",
				`unknown organisation "ambulance-trust"; known: acute, community, social-care, commissioners`}}},
		{"organisation without a name", func(p *finance.Params) { p.Organisations[0].Name = "" },
			[]fieldErr{{"money.organisations[0].name", "missing: one of acute, community, social-care, commissioners"}}},
		{"duplicate organisation", func(p *finance.Params) { p.Organisations[3].Name = "acute" },
			[]fieldErr{{"money.organisations[3].name", `duplicate organisation "acute"; also organisations[0]`}}},
		{"negative funding", func(p *finance.Params) { p.Organisations[3].Funding = -1 },
			[]fieldErr{{"money.organisations[3].funding", "must be >= 0, not -1"}}},
		{"funding falling 100%", func(p *finance.Params) { p.Organisations[2].Growth = -1 },
			[]fieldErr{{"money.organisations[2].growth", "above -100%, not -1"}}},
		{"unknown rule", func(p *finance.Params) { p.Payment.Rule = "capitation" },
			[]fieldErr{{"money.payment.rule", `unknown payment rule "capitation"; known: tariff, block, alliance`}}},
		{"alliance shares sum to 0.9", func(p *finance.Params) { p.Payment.Shares[3].Share = 0 },
			[]fieldErr{{"money.payment.shares", "alliance shares must sum to 1 (100%), not 0.9"}}},
		{"alliance share 1.5", func(p *finance.Params) {
			p.Payment.Shares = []finance.Share{{Organisation: "acute", Share: 1.5}, {Organisation: "community", Share: -0.5}}
		}, []fieldErr{
			// The sum is 1, but neither share is a fraction.
			{"money.payment.shares[0].share", "must be a fraction between 0 and 1, not 1.5"},
			{"money.payment.shares[1].share", "must be a fraction between 0 and 1, not -0.5"},
		}},
		{"alliance share of an unknown organisation", func(p *finance.Params) { p.Payment.Shares[2].Organisation = "council" },
			[]fieldErr{{"money.payment.shares[2].organisation", `unknown organisation "council"`}}},
		{"shares not summing to 1 outside the alliance rule", func(p *finance.Params) {
			p.Payment.Rule = "tariff"
			p.Payment.Shares[3].Share = 0
		}, nil},
		{"tariff rule with tariff 0", func(p *finance.Params) {
			p.Payment.Rule = "tariff"
			p.Payment.Tariff = 0
		}, []fieldErr{{"money.payment.tariff", "must be > 0 under the tariff rule"}}},
		{"tariff 0 outside the tariff rule", func(p *finance.Params) { p.Payment.Tariff = 0 }, nil},
		{"negative tariff", func(p *finance.Params) { p.Payment.Tariff = -1 },
			[]fieldErr{{"money.payment.tariff", "must be >= 0, not -1"}}},
		{"block rule with no contracts", func(p *finance.Params) {
			p.Payment.Rule = "block"
			p.Payment.Block = nil
		}, []fieldErr{{"money.payment.block", "missing: the block rule needs a contract per provider"}}},
		{"block rule", func(p *finance.Params) { p.Payment.Rule = "block" }, nil},
		{"block with an unknown organisation", func(p *finance.Params) { p.Payment.Block[0].Organisation = "trust" },
			[]fieldErr{{"money.payment.block[0].organisation", `unknown organisation "trust"`}}},
		{"negative block", func(p *finance.Params) { p.Payment.Block[0].Amount = -300e6 },
			[]fieldErr{{"money.payment.block[0].amount", "must be >= 0, not -3e+08"}}},
		{"fixed cost of an unknown organisation", func(p *finance.Params) { p.FixedCosts[0].Organisation = "trust" },
			[]fieldErr{{"money.fixed_costs[0].organisation", `unknown organisation "trust"`}}},
		{"fixed cost indexed 75 (for 75%)", func(p *finance.Params) { p.FixedCosts[0].Indexed = 75 },
			[]fieldErr{{"money.fixed_costs[0].indexed", "must be a fraction between 0 and 1, not 75"}}},
		{"RPI 300%", func(p *finance.Params) { p.FixedCosts[0].Index = 3 },
			[]fieldErr{{"money.fixed_costs[0].index", "not 300%: did you mean 3%?"}}},
		{"negative fixed cost", func(p *finance.Params) { p.FixedCosts[0].Amount = -1 },
			[]fieldErr{{"money.fixed_costs[0].amount", "must be >= 0, not -1"}}},
		{"other at tariff 55 (for 55%)", func(p *finance.Params) { p.Organisations[3].OtherAtTariff = 55 },
			[]fieldErr{{"money.organisations[3].other_at_tariff", "must be a fraction between 0 and 1, not 55"}}},
		{"volume 190%", func(p *finance.Params) { p.Organisations[2].Volume = 1.9 },
			[]fieldErr{{"money.organisations[2].volume", "did you mean 1.9%?"}}},
		{"growth of funding paid at the tariff", func(p *finance.Params) {
			p.Organisations[0].Tariff = true
			p.Organisations[0].Growth = 0.01
		}, []fieldErr{{"money.organisations[0].growth", "must be 0 when tariff is true"}}},
		{"prices out of order", func(p *finance.Params) { p.Payment.Prices[1].From = "2013/14" },
			[]fieldErr{{"money.payment.prices[1].from", "2013/14 is not after the entry before's 2014/15"}}},
		{"prices of the same year twice", func(p *finance.Params) { p.Payment.Prices[1].From = "2014/15" },
			[]fieldErr{{"money.payment.prices[1].from", "2014/15 is not after"}}},
		{"prices from a calendar year", func(p *finance.Params) { p.Payment.Prices[0].From = "2014" },
			[]fieldErr{{"money.payment.prices[0].from", `want a financial year such as 2015/16, not "2014"`}}},
		{"prices without a year", func(p *finance.Params) { p.Payment.Prices[0].From = "" },
			[]fieldErr{{"money.payment.prices[0].from", "missing"}}},
		{"efficiency 4 (for 4%)", func(p *finance.Params) { p.Payment.Prices[0].Efficiency = 4 },
			[]fieldErr{{"money.payment.prices[0].efficiency", "did you mean 4%?"}}},
		{"prices falling by all", func(p *finance.Params) {
			p.Payment.Prices[0] = finance.PriceChange{From: "2014/15", CostUplift: -0.5, Efficiency: 0.5}
		},
			[]fieldErr{{"money.payment.prices[0]", "must be above -100%, not -1"}}},
		{"marginal rates without a threshold", func(p *finance.Params) { p.Payment.MarginalRate.Threshold = 0 },
			[]fieldErr{{"money.payment.marginal_rate.threshold", "missing"}}},
		{"marginal rate 70 (for 70%)", func(p *finance.Params) { p.Payment.MarginalRate.Rates[1].Rate = 70 },
			[]fieldErr{{"money.payment.marginal_rate.rates[1].rate", "must be a fraction between 0 and 1, not 70"}}},
		{"readmissions unpaid 1.25", func(p *finance.Params) { p.Payment.ReadmissionsUnpaid = 1.25 },
			[]fieldErr{{"money.payment.readmissions_unpaid", "must be a fraction"}}},
		{"sanction floor above the standard", func(p *finance.Params) { p.Payment.Sanctions[0].Floor = 0.97 },
			[]fieldErr{{"money.payment.sanctions[0].floor", "must not be above the standard, 0.95, not 0.97"}}},
		{"negative fine", func(p *finance.Params) { p.Payment.Sanctions[0].PerBreach = -200 },
			[]fieldErr{{"money.payment.sanctions[0].per_breach", "must be >= 0, not -200"}}},
		{"a contract paid to the commissioners", func(p *finance.Params) { p.Payment.Contracts[0].Organisation = "commissioners" },
			[]fieldErr{{"money.payment.contracts[0].organisation", "the commissioners pay the contracts"}}},
		{"risk shares summing to 0.9", func(p *finance.Params) { p.Payment.RiskShare.Shares[2].Share = 0 },
			[]fieldErr{{"money.payment.risk_share.shares", "the parties' shares must sum to 1 (100%), not 0.9"}}},
		{"risk shares without a year", func(p *finance.Params) { p.Payment.RiskShare.From = "" },
			[]fieldErr{{"money.payment.risk_share.from", "missing"}}},
		{"Better Care Fund without a year", func(p *finance.Params) { p.Payment.BetterCareFund.From = "" },
			[]fieldErr{{"money.payment.better_care_fund.from", "missing"}}},
		{"Better Care Fund's performance ending before it starts", func(p *finance.Params) { p.Payment.BetterCareFund.PerformanceTo = "2014/15" },
			[]fieldErr{{"money.payment.better_care_fund.performance_to", "2014/15 is before from, 2015/16"}}},
		{"Better Care Fund's target 3.07 (for 3.07%)", func(p *finance.Params) { p.Payment.BetterCareFund.Target = 3.07 },
			[]fieldErr{{"money.payment.better_care_fund.target", "must be a fraction"}}},
		{"sustainability stretch 3 (for 3%)", func(p *finance.Params) { p.Payment.Sustainability.Stretch = 3 },
			[]fieldErr{{"money.payment.sustainability.stretch", "must be a fraction"}}},
		{"sustainability without a year", func(p *finance.Params) { p.Payment.Sustainability.From = "" },
			[]fieldErr{{"money.payment.sustainability.from", "missing"}}},
		{"projection without a year", func(p *finance.Params) { p.Projection.Year = "" },
			[]fieldErr{{"money.projection.year", "missing"}}},
		{"projection of an infinite gap", func(p *finance.Params) { p.Projection.Gap = math.Inf(1) },
			[]fieldErr{{"money.projection.gap", "not +Inf"}}},
		{"a projected surplus", func(p *finance.Params) { p.Projection.Gap = -5e6 }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := validParams()
			c.edit(p)
			checkErrors(t, p.Validate(), c.want)
		})
	}
}

// TestValidateAll checks that every problem is reported, not only the
// first.
func TestValidateAll(t *testing.T) {
	t.Parallel()
	p := validParams()
	p.PriceYear = "14/15"
	p.UnitCosts.DelayedBedDay = -1
	p.Organisations = append(p.Organisations, finance.Organisation{Name: "community"})
	p.Payment.Rule = "block"
	p.Payment.Block = nil
	checkErrors(t, p.Validate(), []fieldErr{
		{"money.price_year", `not "14/15"`},
		{"money.unit_costs.delayed_bed_day", "must be >= 0, not -1"},
		{"money.organisations[4].name", `duplicate organisation "community"; also organisations[1]`},
		{"money.payment.block", "missing"},
	})
}

// TestCloneSharesNothing checks that Clone copies every list of Params,
// however deep, so that a sensitivity analysis changing a clone leaves
// the scenario's money as it was: validParams fills every list, and a
// list added to Params without a line in Clone fails here.
func TestCloneSharesNothing(t *testing.T) {
	t.Parallel()
	p := validParams()
	c := p.Clone()
	if !reflect.DeepEqual(p, c) {
		t.Fatal("the clone differs from the original")
	}
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		switch a.Kind() {
		case reflect.Struct:
			for i := range a.NumField() {
				walk(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
			}
		case reflect.Slice:
			if a.Len() == 0 {
				t.Errorf("%s: empty in validParams, so its copy is not checked", path)
				return
			}
			if a.Pointer() == b.Pointer() {
				t.Errorf("%s: the clone shares its list", path)
			}
			for i := range a.Len() {
				walk(path+"[]", a.Index(i), b.Index(i))
			}
		}
	}
	walk("Params", reflect.ValueOf(p).Elem(), reflect.ValueOf(c).Elem())
}
