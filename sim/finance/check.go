package finance

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"caresim/sim/des"
)

// OrganisationNames are the organisations whose deficits are reported, in
// report order.
var OrganisationNames = []string{"acute", "community", "social-care", "commissioners"}

// Rules are the payment rules of [Payment].
var Rules = []string{"tariff", "block", "alliance"}

// Validate checks p and returns every problem, each a *des.FieldError whose
// Field is the parameter path under money ("money.unit_costs.care_home_week").
func (p *Params) Validate() []error {
	var errs []error
	add := func(path, format string, args ...any) {
		errs = append(errs, &des.FieldError{Field: "money." + path, Msg: fmt.Sprintf(format, args...)})
	}
	organisation := func(path, name string) {
		if !slices.Contains(OrganisationNames, name) {
			add(path, "unknown organisation %q; known: %s", name, strings.Join(OrganisationNames, ", "))
		}
	}
	money := func(path string, x float64) {
		if !(x >= 0) || math.IsInf(x, 0) {
			add(path, "must be >= 0, not %v", x)
		}
	}
	fraction := func(path string, x float64) {
		if !(x >= 0 && x <= 1) {
			add(path, "must be a fraction between 0 and 1, not %v", x)
		}
	}
	rate := func(path string, x float64) {
		if !(x > -1) || math.IsInf(x, 0) {
			add(path, "must be a yearly rate above -100%%, not %v", x)
		} else if msg := yearly(x); msg != "" {
			add(path, "%s", msg)
		}
	}
	if p.PriceYear != "" && !financialYear(p.PriceYear) {
		add("price_year", "want a financial year such as 2014/15, not %q", p.PriceYear)
	}
	for _, f := range []struct {
		name string
		x    float64
	}{
		{"inflation.pay", p.Inflation.Pay},
		{"inflation.prices", p.Inflation.Prices},
		{"inflation.non_demographic", p.Inflation.NonDemographic},
	} {
		if !(f.x > -1) || math.IsInf(f.x, 0) {
			add(f.name, "must be a yearly rate above -100%%, not %v", f.x)
		} else if msg := yearly(f.x); msg != "" {
			add(f.name, "%s", msg)
		}
	}
	if !(p.Inflation.PayShare >= 0 && p.Inflation.PayShare <= 1) {
		add("inflation.pay_share", "must be a fraction between 0 and 1, not %v", p.Inflation.PayShare)
	}
	nonNegativeFields(reflect.ValueOf(p.UnitCosts), "unit_costs", add)
	nonNegativeFields(reflect.ValueOf(p.CapacityCosts), "capacity_costs", add)
	nonNegativeFields(reflect.ValueOf(p.Pressure), "pressure", add)
	fraction("pressure.waiting_list_initiative.above", p.Pressure.WaitingListInitiative.Above)
	money("pressure.waiting_list_initiative.premium", p.Pressure.WaitingListInitiative.Premium)
	for r, name := range Roles {
		nonNegativeFields(reflect.ValueOf(*p.Workforce.Role(r)), "workforce."+name, add)
	}

	seen := map[string]int{}
	for i, o := range p.Organisations {
		at := "organisations[" + strconv.Itoa(i) + "]"
		switch j, dup := seen[o.Name]; {
		case o.Name == "":
			add(at+".name", "missing: one of %s", strings.Join(OrganisationNames, ", "))
		case !slices.Contains(OrganisationNames, o.Name):
			add(at+".name", "unknown organisation %q; known: %s", o.Name, strings.Join(OrganisationNames, ", "))
		case dup:
			add(at+".name", "duplicate organisation %q; also organisations[%d]", o.Name, j)
		default:
			seen[o.Name] = i
		}
		if !(o.Funding >= 0) || math.IsInf(o.Funding, 0) {
			add(at+".funding", "must be >= 0, not %v", o.Funding)
		}
		if !(o.Growth > -1) || math.IsInf(o.Growth, 0) {
			add(at+".growth", "must be a yearly growth above -100%%, not %v", o.Growth)
		} else if msg := yearly(o.Growth); msg != "" {
			add(at+".growth", "%s", msg)
		}
		if !(o.Other >= 0) || math.IsInf(o.Other, 0) {
			add(at+".other", "must be >= 0, not %v", o.Other)
		}
		rate(at+".volume", o.Volume)
		fraction(at+".other_at_tariff", o.OtherAtTariff)
		if o.Tariff && o.Growth != 0 {
			add(at+".growth", "must be 0 when tariff is true: funding paid at the tariff grows with volume, casemix and the tariff's price, not %v", o.Growth)
		}
	}
	for i, f := range p.FixedCosts {
		at := "fixed_costs[" + strconv.Itoa(i) + "]"
		organisation(at+".organisation", f.Organisation)
		money(at+".amount", f.Amount)
		fraction(at+".indexed", f.Indexed)
		rate(at+".index", f.Index)
	}

	pay := &p.Payment
	p.validatePayment(add, organisation, money, fraction, rate)
	if pay.Rule != "" && !slices.Contains(Rules, pay.Rule) {
		add("payment.rule", "unknown payment rule %q; known: %s", pay.Rule, strings.Join(Rules, ", "))
	}
	if !(pay.Tariff >= 0) || math.IsInf(pay.Tariff, 0) {
		add("payment.tariff", "must be >= 0, not %v", pay.Tariff)
	}
	if pay.Rule == "tariff" && pay.Tariff == 0 {
		add("payment.tariff", "must be > 0 under the tariff rule (1 pays each unit at its cost)")
	}
	for i, b := range pay.Block {
		at := "payment.block[" + strconv.Itoa(i) + "]"
		if !slices.Contains(OrganisationNames, b.Organisation) {
			add(at+".organisation", "unknown organisation %q; known: %s", b.Organisation, strings.Join(OrganisationNames, ", "))
		}
		if !(b.Amount >= 0) || math.IsInf(b.Amount, 0) {
			add(at+".amount", "must be >= 0, not %v", b.Amount)
		}
		if !(b.Growth > -1) || math.IsInf(b.Growth, 0) {
			add(at+".growth", "must be a yearly growth above -100%%, not %v", b.Growth)
		}
	}
	if pay.Rule == "block" && len(pay.Block) == 0 {
		add("payment.block", "missing: the block rule needs a contract per provider")
	}
	sum := 0.0
	for i, s := range pay.Shares {
		at := "payment.shares[" + strconv.Itoa(i) + "]"
		if !slices.Contains(OrganisationNames, s.Organisation) {
			add(at+".organisation", "unknown organisation %q; known: %s", s.Organisation, strings.Join(OrganisationNames, ", "))
		}
		if !(s.Share >= 0 && s.Share <= 1) {
			add(at+".share", "must be a fraction between 0 and 1, not %v", s.Share)
		}
		sum += s.Share
	}
	if pay.Rule == "alliance" && math.Abs(sum-1) > 1e-3 {
		add("payment.shares", "alliance shares must sum to 1 (100%%), not %.4g", sum)
	}
	return errs
}

// validatePayment checks the payment tables and funds of p with the
// checkers of Validate.
func (p *Params) validatePayment(add func(path, format string, args ...any), organisation func(path, name string),
	money, fraction, rate func(path string, x float64)) {
	pay := &p.Payment
	// year checks a financial year written s at path, which must follow
	// after (0 for none) when ascending; it returns the year, or after.
	year := func(path, s string, after int) int {
		y, ok := yearOf(s)
		switch {
		case s == "":
			add(path, "missing: a financial year such as 2015/16")
		case !ok:
			add(path, "want a financial year such as 2015/16, not %q", s)
		case after != 0 && y <= after:
			add(path, "%s is not after the entry before's %s: give the entries in the order of their years", s, des.FinancialYearLabel(after))
		default:
			return y
		}
		return after
	}
	last := 0
	for i, c := range pay.Prices {
		at := "payment.prices[" + strconv.Itoa(i) + "]"
		last = year(at+".from", c.From, last)
		rate(at+".cost_uplift", c.CostUplift)
		rate(at+".efficiency", c.Efficiency)
		if yearly(c.CostUplift) == "" && yearly(c.Efficiency) == "" && c.CostUplift-c.Efficiency <= -1 {
			add(at, "the price change, cost_uplift − efficiency, must be above -100%%, not %v", c.CostUplift-c.Efficiency)
		}
	}
	mr := &pay.MarginalRate
	money("payment.marginal_rate.threshold", mr.Threshold)
	if len(mr.Rates) > 0 && mr.Threshold == 0 {
		add("payment.marginal_rate.threshold", "missing: the emergency spells a year paid in full, above which the marginal rates apply")
	}
	last = 0
	for i, r := range mr.Rates {
		at := "payment.marginal_rate.rates[" + strconv.Itoa(i) + "]"
		last = year(at+".from", r.From, last)
		fraction(at+".rate", r.Rate)
	}
	fraction("payment.readmissions_unpaid", pay.ReadmissionsUnpaid)
	last = 0
	for i, s := range pay.Sanctions {
		at := "payment.sanctions[" + strconv.Itoa(i) + "]"
		last = year(at+".from", s.From, last)
		money(at+".per_breach", s.PerBreach)
		fraction(at+".standard", s.Standard)
		fraction(at+".floor", s.Floor)
		if s.Floor > s.Standard {
			add(at+".floor", "must not be above the standard, %v, not %v", s.Standard, s.Floor)
		}
	}
	last = 0
	for i, s := range pay.RTTSanctions {
		at := "payment.rtt_sanctions[" + strconv.Itoa(i) + "]"
		last = year(at+".from", s.From, last)
		money(at+".admitted", s.Admitted)
		fraction(at+".admitted_standard", s.AdmittedStandard)
		money(at+".incomplete", s.Incomplete)
		fraction(at+".incomplete_standard", s.IncompleteStandard)
	}
	last = 0
	for i, h := range pay.HandoverFines {
		at := "payment.handover_fines[" + strconv.Itoa(i) + "]"
		last = year(at+".from", h.From, last)
		money(at+".over_30min", h.Over30)
		money(at+".over_60min", h.Over60)
	}
	last = 0
	for i, r := range pay.CancelledUnpaid {
		at := "payment.cancelled_unpaid[" + strconv.Itoa(i) + "]"
		last = year(at+".from", r.From, last)
		fraction(at+".rate", r.Rate)
	}
	last = 0
	for i, d := range pay.DelayedDischarge {
		at := "payment.delayed_discharge[" + strconv.Itoa(i) + "]"
		last = year(at+".from", d.From, last)
		money(at+".per_day", d.PerDay)
		fraction(at+".levied", d.Levied)
	}
	for i, c := range pay.Contracts {
		at := "payment.contracts[" + strconv.Itoa(i) + "]"
		if c.Organisation == "commissioners" {
			add(at+".organisation", "the commissioners pay the contracts: name the provider paid")
		} else {
			organisation(at+".organisation", c.Organisation)
		}
		money(at+".amount", c.Amount)
		rate(at+".growth", c.Growth)
	}
	if rs := &pay.RiskShare; rs.From != "" || len(rs.Shares) > 0 {
		year("payment.risk_share.from", rs.From, 0)
		sum := 0.0
		for i, s := range rs.Shares {
			at := "payment.risk_share.shares[" + strconv.Itoa(i) + "]"
			organisation(at+".organisation", s.Organisation)
			fraction(at+".share", s.Share)
			sum += s.Share
		}
		if math.Abs(sum-1) > 1e-3 {
			add("payment.risk_share.shares", "the parties' shares must sum to 1 (100%%), not %.4g", sum)
		}
	}
	if b := &pay.BetterCareFund; *b != (BetterCareFund{}) {
		from := year("payment.better_care_fund.from", b.From, 0)
		money("payment.better_care_fund.transfer", b.Transfer)
		money("payment.better_care_fund.performance", b.Performance)
		rate("payment.better_care_fund.growth", b.Growth)
		fraction("payment.better_care_fund.target", b.Target)
		if b.PerformanceTo != "" && from != 0 {
			if to := year("payment.better_care_fund.performance_to", b.PerformanceTo, 0); to != 0 && to < from {
				add("payment.better_care_fund.performance_to", "%s is before from, %s", b.PerformanceTo, b.From)
			}
		}
	}
	if s := &pay.Sustainability; *s != (Sustainability{}) {
		year("payment.sustainability.from", s.From, 0)
		money("payment.sustainability.amount", s.Amount)
		rate("payment.sustainability.growth", s.Growth)
		fraction("payment.sustainability.stretch", s.Stretch)
		fraction("payment.sustainability.performance", s.Performance)
		fraction("payment.sustainability.standard", s.Standard)
	}
	if pr := &p.Projection; *pr != (Projection{}) {
		year("projection.year", pr.Year, 0)
		if math.IsNaN(pr.Gap) || math.IsInf(pr.Gap, 0) {
			add("projection.gap", "must be a number of pounds, not %v", pr.Gap)
		}
	}
}

// nonNegativeFields checks that every float field of struct v is a finite
// number >= 0, naming each by its yaml key under path.
func nonNegativeFields(v reflect.Value, path string, add func(path, format string, args ...any)) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type.Kind() != reflect.Float64 {
			continue
		}
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if x := v.Field(i).Float(); !(x >= 0) || math.IsInf(x, 0) {
			add(path+"."+key, "must be >= 0, not %v", x)
		}
	}
}

// financialYear reports whether s is written as a financial year,
// "2014/15" or "2014-15", with consecutive years.
func financialYear(s string) bool {
	if len(s) != 7 || (s[4] != '/' && s[4] != '-') {
		return false
	}
	y, err1 := strconv.Atoi(s[:4])
	z, err2 := strconv.Atoi(s[5:])
	return err1 == nil && err2 == nil && (y+1)%100 == z
}

// MaxRate bounds the yearly rates of money (inflation, funding growth)
// either way: 50% a year, as the care model bounds growth and trend
// (care.MaxGrowth). 150% is most likely 1.50% mistyped.
const MaxRate = 0.5

// yearly returns what is wrong with the yearly rate x beyond ±MaxRate,
// suggesting the value meant when a percentage was written as a fraction
// (1.5 for 1.5%), or "".
func yearly(x float64) string {
	if math.Abs(x) <= MaxRate {
		return ""
	}
	pct := func(x float64) string { return strconv.FormatFloat(x*100, 'g', 6, 64) + "%" }
	msg := "a yearly rate must be between -50% and +50%, not " + pct(x)
	if math.Abs(x/100) <= MaxRate {
		msg += ": did you mean " + pct(x/100) + "?"
	}
	return msg
}
