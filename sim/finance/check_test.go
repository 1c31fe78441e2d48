package finance_test

import (
	"caresim/sim/internal/checktest"
	"math"
	"testing"

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
			{Name: "commissioners", Funding: 700e6, Growth: 0.015},
		},
		Payment: finance.Payment{
			Rule:   "alliance",
			Tariff: 1,
			Block:  []finance.Block{{Organisation: "acute", Amount: 300e6, Growth: 0.01}},
			Shares: []finance.Share{
				{Organisation: "acute", Share: 0.4},
				{Organisation: "commissioners", Share: 0.3},
				{Organisation: "social-care", Share: 0.2},
				{Organisation: "community", Share: 0.1},
			},
		},
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
