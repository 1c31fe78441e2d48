package finance

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"caresim/sim/des"
	"caresim/sim/stats"
)

// Bodies whose accounts are kept: the four organisations, in the order of
// [OrganisationNames], and the system, their sum.
const (
	Acute = iota
	Community
	SocialCare
	Commissioners
	System
	NumBodies
)

// BodyNames names the bodies, indexed by the Body constants.
var BodyNames = [NumBodies]string{"acute", "community", "social-care", "commissioners", "system"}

// Measure names one line of the accounts, with its unit and what it
// counts.
type Measure = stats.Measure

// Lines of a body's accounts for one financial year, in [Year.Money].
// Every amount is in pounds of that year (cash, inflated from the price
// year).
const (
	ActivityCost = iota
	CapacityCost
	InterventionCost
	OtherCost
	Cost
	Funding
	Income
	Deficit
	CumulativeDeficit
	NumMeasures
)

// Measures describes the lines, indexed by the line constants.
var Measures = [NumMeasures]Measure{
	ActivityCost:      {Name: "activity_cost_gbp", Unit: "£", Doc: "activity priced at the unit costs: attendances, spells, excess and delayed bed days, intermediate-care bed days, reablement and care-home days, caseload days, Call for Care contacts"},
	CapacityCost:      {Name: "capacity_cost_gbp", Unit: "£", Doc: "capacity paid for whether used or not: mean staffed beds, cubicles and places over the year at their yearly cost, pro rata for a part year, and escalation beds at their cost per day open"},
	InterventionCost:  {Name: "intervention_cost_gbp", Unit: "£", Doc: "interventions' set-up costs in the year of their start and recurrent costs from it, pro rata"},
	OtherCost:         {Name: "other_cost_gbp", Unit: "£", Doc: "costs outside the model (organisations[].other), growing with inflation"},
	Cost:              {Name: "cost_gbp", Unit: "£", Doc: "all costs: activity, capacity, interventions and other"},
	Funding:           {Name: "funding_gbp", Unit: "£", Doc: "income from outside the system (organisations[].funding), growing yearly"},
	Income:            {Name: "income_gbp", Unit: "£", Doc: "net payments from other bodies of the system under the payment rule; negative for the payer, zero for the system"},
	Deficit:           {Name: "deficit_gbp", Unit: "£", Doc: "the gap: cost − funding − income; positive is a deficit, negative a surplus"},
	CumulativeDeficit: {Name: "cumulative_deficit_gbp", Unit: "£", Doc: "the deficit summed from the first year to this one"},
}

// Activity is what one financial year of a replication did and held: the
// counts and bed days over its Days and the mean capacities over the same
// days. Package sim fills it from the care model's annual measures.
type Activity struct {
	// From is the first day counted and Days the number of days counted
	// from it, all in one financial year (April to March): the whole
	// year, or a part of it at either end of a run.
	From des.Date
	Days int

	EDAttendances       float64 // type 1 attendances
	UTCAttendances      float64 // urgent treatment (type 3) attendances
	SDECAttendances     float64 // same-day emergency care attendances
	CallForCareContacts float64 // professionals' calls Call for Care answered
	NonElectiveSpells   float64 // emergency admissions, readmissions included
	ElectiveSpells      float64 // elective admissions
	ExcessBedDays       float64 // bed days beyond UnitCosts.ExcessAfter
	DelayedBedDays      float64 // bed days of medically fit patients

	IntermediateCareBedDays float64 // occupied intermediate-care bed days
	ReablementDays          float64 // days of reablement delivered
	CareHomeBedDays         float64 // occupied care-home bed days
	CommunityCaseloadDays   float64 // person days on community teams' caseloads

	// Mean capacities over the Days. AcuteBeds are the staffed acute beds
	// but escalation beds, which are counted in EscalationBedDays.
	AcuteBeds            float64
	EDCubicles           float64
	IntermediateCareBeds float64
	ReablementPlaces     float64
	CommunityPlaces      float64
	UCRPlaces            float64 // urgent community response places
	EscalationBedDays    float64 // days escalation beds were open, occupied or not
}

// Intervention is what an intervention costs and who pays: Setup once, in
// the financial year of Start, and Recurrent a year from Start to End
// (the last day it is in place; the zero Date for none), pro rata by day,
// both in pounds at the price year. Payer is an organisation name; empty
// means the commissioners.
type Intervention struct {
	Name      string
	Start     des.Date
	End       des.Date
	Setup     float64
	Recurrent float64
	Payer     string
}

// Year is one financial year of the accounts.
type Year struct {
	Name   string // "2014/15"
	Days   int    // days counted, as Activity.Days
	Length int    // days in the financial year, 365 or 366: Days < Length in a part year
	// Money[b][k] is body b's line k (BodyNames, Measures), in pounds of
	// this year.
	Money [NumBodies][NumMeasures]float64
}

// Rate returns the yearly rise in costs,
//
//	PayShare×Pay + (1−PayShare)×Prices + NonDemographic.
func (in Inflation) Rate() float64 {
	return in.PayShare*in.Pay + (1-in.PayShare)*in.Prices + in.NonDemographic
}

// Accounts prices one replication's activity, financial year by financial
// year, for each organisation and the system. years must be in date order,
// one per financial year; p should have passed [Params.Validate].
//
// # Costs
//
// A cost of the price year is multiplied in financial year y by
//
//	(1 + Inflation.Rate())^(y − PriceYear)
//
// (years counted from April; PriceYear empty means the first year). Each
// body's cost is the sum of four lines:
//
//   - activity: each count of Activity times its unit cost, borne by the
//     body the [UnitCosts] field names (care-home bed days are priced at
//     CareHomeWeek / 7);
//   - capacity: each mean capacity times its yearly cost ([CapacityCosts])
//     times Days / (days in the financial year), and the acute trust's
//     escalation bed days times EscalationBedDay;
//   - interventions: Setup in the year of Start (if that day is counted) and
//     Recurrent × (counted days from Start to End, both included) / (days
//     in the year), borne by the Payer: a winter ward in place from
//     1 November to 31 March costs 151/365 of its yearly cost;
//   - other: Organisation.Other × Days / (days in the year).
//
// # Funding
//
// Organisation.Funding × (1 + Growth)^n × Days / (days in the year), where
// n counts financial years from the first.
//
// # Payments
//
// Under Payment.Rule the commissioners pay the providers (Income is
// positive for the payee and the same amount negative for the payer):
//
//   - tariff (payment by results): the acute trust is paid
//     Tariff × (inflated unit cost) for each attendance, spell and excess
//     bed day; delayed bed days are not paid (beyond the trim point the
//     excess days are). The community provider, whose services had no
//     national tariff, is paid nothing here: its Funding is its contract;
//   - block: each Block is paid Amount × (1 + Growth)^n, pro rata;
//   - alliance: the bodies pool funding and costs and each carries its
//     Share of the system's deficit: Income_o = s_o × D − D_o, where D_o
//     is o's deficit before payments and D their sum. Shares are divided
//     by their sum so that the payments cancel exactly; a body with no
//     share carries none of the deficit;
//   - empty: no payments; each body bears its own costs.
//
// Payments cancel in the system, so the system's accounts are the same
// under every rule; the rule moves the deficit between bodies.
//
// # Deficit
//
// Deficit = Cost − Funding − Income, so that a gap is a positive number of
// pounds, as boards speak of it, and a surplus is negative.
// CumulativeDeficit sums it from the first year.
//
// Accounts is O(len(years) × (len(ivs) + len(p.Organisations))).
func Accounts(p *Params, years []Activity, ivs []Intervention) ([]Year, error) {
	if len(years) == 0 {
		return nil, nil
	}
	first := years[0].From.FinancialYear()
	base := first
	if p.PriceYear != "" {
		if !financialYear(p.PriceYear) {
			return nil, fmt.Errorf("finance: price year %q is not a financial year such as 2014/15", p.PriceYear)
		}
		base, _ = strconv.Atoi(p.PriceYear[:4])
	}
	payer := make([]int, len(ivs))
	for i, iv := range ivs {
		switch b := slices.Index(OrganisationNames, iv.Payer); {
		case iv.Payer == "":
			payer[i] = Commissioners
		case b < 0:
			return nil, fmt.Errorf("finance: intervention %q: unknown payer %q; known: %s", iv.Name, iv.Payer, strings.Join(OrganisationNames, ", "))
		default:
			payer[i] = b
		}
	}
	rate := p.Inflation.Rate()
	uc, cc := &p.UnitCosts, &p.CapacityCosts
	out := make([]Year, len(years))
	prev := first - 1
	for i, a := range years {
		fy := a.From.FinancialYear()
		length := des.FinancialYearDays(fy)
		if fy <= prev || a.Days < 1 || a.From.AddDays(a.Days-1).Sub(des.FinancialYearStart(fy)) >= des.Time(length) {
			return nil, fmt.Errorf("finance: year %d: %d days from %v are not in one financial year after the one before", i, a.Days, a.From)
		}
		prev = fy
		infl := math.Pow(1+rate, float64(fy-base))
		n := float64(fy - first)
		frac := float64(a.Days) / float64(length)
		y := &out[i]
		y.Name, y.Days, y.Length = des.FinancialYearLabel(fy), a.Days, length
		m := &y.Money

		// Activity, by the body each unit cost names. tariffed is the
		// part of the acute trust's that a tariff pays.
		tariffed := a.EDAttendances*uc.EDAttendance + a.UTCAttendances*uc.UrgentTreatment +
			a.SDECAttendances*uc.SDEC + a.NonElectiveSpells*uc.NonElectiveSpell +
			a.ElectiveSpells*uc.ElectiveSpell + a.ExcessBedDays*uc.ExcessBedDay
		m[Acute][ActivityCost] = infl * (tariffed + a.DelayedBedDays*uc.DelayedBedDay)
		m[Community][ActivityCost] = infl * (a.IntermediateCareBedDays*uc.IntermediateCareBedDay +
			a.CommunityCaseloadDays*uc.CommunityCaseloadDay + a.CallForCareContacts*uc.CallForCareContact)
		m[SocialCare][ActivityCost] = infl * (a.ReablementDays*uc.ReablementDay + a.CareHomeBedDays/7*uc.CareHomeWeek)

		m[Acute][CapacityCost] = infl * frac * (a.AcuteBeds*cc.AcuteBed + a.EDCubicles*cc.EDCubicle)
		m[Acute][CapacityCost] += infl * a.EscalationBedDays * cc.EscalationBedDay
		m[Community][CapacityCost] = infl * frac * (a.IntermediateCareBeds*cc.IntermediateCareBed + a.CommunityPlaces*cc.CommunityPlace +
			a.UCRPlaces*cc.UCRPlace)
		m[SocialCare][CapacityCost] = infl * frac * a.ReablementPlaces * cc.ReablementPlace

		end := a.From.AddDays(a.Days) // the day after the last counted
		for j, iv := range ivs {
			c := 0.0
			if iv.Start.Sub(a.From) >= 0 && iv.Start.Sub(end) < 0 {
				c += iv.Setup
			}
			from, to := a.From, end
			if iv.Start.Sub(from) > 0 {
				from = iv.Start
			}
			if last := iv.End.AddDays(1); iv.End.Valid() && last.Sub(to) < 0 {
				to = last
			}
			if d := to.Sub(from); d > 0 {
				c += iv.Recurrent * float64(d) / float64(length)
			}
			m[payer[j]][InterventionCost] += infl * c
		}

		for _, o := range p.Organisations {
			b := slices.Index(OrganisationNames, o.Name)
			if b < 0 {
				continue // Validate reports it
			}
			m[b][OtherCost] += infl * frac * o.Other
			m[b][Funding] += o.Funding * math.Pow(1+o.Growth, n) * frac
		}
		for b := range System {
			m[b][Cost] = m[b][ActivityCost] + m[b][CapacityCost] + m[b][InterventionCost] + m[b][OtherCost]
		}

		pay := func(to int, amount float64) {
			m[to][Income] += amount
			m[Commissioners][Income] -= amount
		}
		switch p.Payment.Rule {
		case "tariff":
			pay(Acute, p.Payment.Tariff*infl*tariffed)
		case "block":
			for _, bl := range p.Payment.Block {
				if b := slices.Index(OrganisationNames, bl.Organisation); b >= 0 {
					pay(b, bl.Amount*math.Pow(1+bl.Growth, n)*frac)
				}
			}
		case "alliance":
			var share [NumBodies]float64
			sum := 0.0
			for _, s := range p.Payment.Shares {
				if b := slices.Index(OrganisationNames, s.Organisation); b >= 0 {
					share[b] += s.Share
					sum += s.Share
				}
			}
			var own [NumBodies]float64
			total := 0.0
			for b := range System {
				own[b] = m[b][Cost] - m[b][Funding]
				total += own[b]
			}
			for b := range System {
				if sum > 0 {
					m[b][Income] = own[b] - share[b]/sum*total
				}
			}
		}

		for k := range Deficit {
			for b := range System {
				m[System][k] += m[b][k]
			}
		}
		for b := range NumBodies {
			m[b][Deficit] = m[b][Cost] - m[b][Funding] - m[b][Income]
			m[b][CumulativeDeficit] = m[b][Deficit]
			if i > 0 {
				m[b][CumulativeDeficit] += out[i-1].Money[b][CumulativeDeficit]
			}
		}
	}
	return out, nil
}
