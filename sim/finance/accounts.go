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
	FixedCosts
	Cost
	Funding
	Income
	Deficit
	CumulativeDeficit
	NumMeasures
)

// Measures describes the lines, indexed by the line constants.
var Measures = [NumMeasures]Measure{
	ActivityCost:      {Name: "activity_cost_gbp", Unit: "£", Doc: "activity priced at the unit costs: attendances, spells, excess and delayed bed days, intermediate-care bed days, reablement and care-home days, caseload days, Call for Care contacts; and, under pressure, elective bookings cancelled or postponed on the day and waiting-list initiatives (money.pressure)"},
	CapacityCost:      {Name: "capacity_cost_gbp", Unit: "£", Doc: "capacity paid for whether used or not: mean staffed beds, cubicles and places over the year at their yearly cost, pro rata for a part year, escalation beds at their cost per day open, outpatient and day-case slots at their cost per slot offered, and the premium of bank and agency staff covering vacancies"},
	InterventionCost:  {Name: "intervention_cost_gbp", Unit: "£", Doc: "interventions' set-up costs in the year of their start and recurrent costs from it, pro rata"},
	OtherCost:         {Name: "other_cost_gbp", Unit: "£", Doc: "costs outside the model (organisations[].other), growing with inflation and their volume"},
	FixedCosts:        {Name: "fixed_cost_gbp", Unit: "£", Doc: "fixed costs (fixed_costs, such as a PFI's unitary payment), their indexed share rising with its index"},
	Cost:              {Name: "cost_gbp", Unit: "£", Doc: "all costs: activity, capacity, interventions, other and fixed"},
	Funding:           {Name: "funding_gbp", Unit: "£", Doc: "income from outside the system: organisations[].funding, growing yearly, and the sustainability fund"},
	Income:            {Name: "income_gbp", Unit: "£", Doc: "net payments from other bodies of the system under the payment rules; negative for the payer, zero for the system"},
	Deficit:           {Name: "deficit_gbp", Unit: "£", Doc: "the gap: cost − funding − income; positive is a deficit, negative a surplus"},
	CumulativeDeficit: {Name: "cumulative_deficit_gbp", Unit: "£", Doc: "the deficit summed from the first year to this one"},
}

// Costs of a system under pressure, in [Year.Pressure]: each a cost of
// the acute trust or a payment between bodies that grows as the
// hospital runs fuller.
const (
	PressureEscalation      = iota // escalation beds open
	PressureAgency                 // the premium of bank and agency staff covering vacancies
	PressureDelayed                // delayed bed days' variable cost
	PressureCancelled              // theatre slots of bookings cancelled or postponed on the day
	PressureWaitingList            // waiting-list initiatives' premium
	PressureCancelledUnpaid        // rescheduled episodes unpaid after a cancellation not rebooked within 28 days
	PressureAEFines                // A&E 4-hour fines
	PressureRTTFines               // 18-week fines
	PressureHandoverFines          // ambulance handover fines
	PressureReimbursed             // delayed-discharge payments from social care to the trust
	NumPressures
)

// Pressures describes the costs of [Year.Pressure], indexed by the
// Pressure constants.
var Pressures = [NumPressures]Measure{
	PressureEscalation:      {Name: "escalation_beds", Unit: "£", Doc: "escalation beds at their cost per day open (capacity_costs.escalation_bed_day, agency and bank staff at a premium)"},
	PressureAgency:          {Name: "agency_premium", Unit: "£", Doc: "the premium of bank and agency staff covering vacancies, by role and employer (workforce)"},
	PressureDelayed:         {Name: "delayed_bed_days", Unit: "£", Doc: "the variable cost of bed days of medically fit patients (unit_costs.delayed_bed_day), whoever's the delay"},
	PressureCancelled:       {Name: "cancelled_operations", Unit: "£", Doc: "theatre slots lost to elective bookings cancelled on the day for want of a bed or postponed by the programme's rule (pressure.cancelled_operation, pressure.postponed_operation)"},
	PressureWaitingList:     {Name: "waiting_list_initiatives", Unit: "£", Doc: "the premium of extra sessions for patients admitted after 18 weeks in a year the list is over the standard (pressure.waiting_list_initiative)"},
	PressureCancelledUnpaid: {Name: "cancelled_not_rebooked", Unit: "£", Doc: "the tariff not paid for the rescheduled episode of patients not treated within 28 days of a cancellation on the day (payment.cancelled_unpaid)"},
	PressureAEFines:         {Name: "ae_fines", Unit: "£", Doc: "A&E 4-hour fines (payment.sanctions): paid by the trust, received by the commissioners"},
	PressureRTTFines:        {Name: "rtt_fines", Unit: "£", Doc: "18-week fines (payment.rtt_sanctions): paid by the trust, received by the commissioners"},
	PressureHandoverFines:   {Name: "handover_fines", Unit: "£", Doc: "ambulance handover fines (payment.handover_fines): paid by the trust, received by the commissioners"},
	PressureReimbursed:      {Name: "delayed_discharge_charges", Unit: "£", Doc: "delayed-discharge payments for social care's delays (payment.delayed_discharge): paid by social care, received by the trust"},
}

// PressureLines name the costs of [Year.Pressure] as lines of a run's
// annual accounts, indexed by the Pressure constants: "pressure_", the
// cost's name and "_gbp" (pressure_escalation_beds_gbp). Each is what the
// body's deficit owes to the cost in the year: its own costs and the
// payments it makes are positive, the payments it receives negative, so
// that the system's line, the bodies' sum, nets a fine to nothing.
var PressureLines = func() (ls [NumPressures]Measure) {
	for k, p := range Pressures {
		ls[k] = Measure{Name: "pressure_" + p.Name + "_gbp", Unit: p.Unit,
			Doc: "what the deficit owes to a cost of pressure (positive: a cost or a payment made; negative: a payment received; the system's, the bodies' sum): " + p.Doc}
	}
	return ls
}()

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
	AE4hBreaches        float64 // A&E (types 1 and 3) patients who left more than 4 hours after arriving
	CallForCareContacts float64 // professionals' calls Call for Care answered
	NonElectiveSpells   float64 // emergency admissions, readmissions included
	Readmissions        float64 // emergency readmissions, of NonElectiveSpells
	ElectiveSpells      float64 // elective admissions
	ExcessBedDays       float64 // bed days beyond UnitCosts.ExcessAfter
	DelayedBedDays      float64 // bed days of medically fit patients
	OutpatientFirst     float64 // first outpatient attendances
	OutpatientFollowUps float64 // follow-up outpatient attendances
	DayCases            float64 // day cases
	// DelayedDaysSocialCare are the delayed bed days whose delay is
	// social care's alone (a package of care, a care-home place, its
	// assessment), of DelayedBedDays.
	DelayedDaysSocialCare float64

	// The elective waiting list and programme under pressure.
	ElectiveCancellations float64 // elective bookings cancelled on the day for want of a bed
	ElectivePostponed     float64 // elective bookings postponed on the day by the programme's rule
	CancelledNot28d       float64 // patients admitted more than 28 days after a cancellation on the day
	ElectiveWithin18w     float64 // elective admissions within 18 weeks of referral, of ElectiveSpells
	WaitingList           float64 // patients on the waiting list, mean over the Days
	WaitingOver18w        float64 // of them, waiting over 18 weeks, mean over the Days

	// Ambulance handovers to ED more than 30 minutes after arrival, and
	// of them more than 60 minutes.
	HandoversOver30 float64
	HandoversOver60 float64

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

	// The mental health line: mean mental health beds and liaison
	// practitioners on duty (over the hours of the Days), and the
	// patients placed out of area.
	MentalHealthBeds     float64
	LiaisonPractitioners float64
	// OutOfHoursClinicians is the out-of-hours GP service's mean GPs on
	// shift.
	OutOfHoursClinicians float64
	OutOfAreaPlacements  float64
	// The women's and children's services: admissions to the obstetric
	// unit; neonatal cot days by level of care (intensive, high
	// dependency, special); children assessed in the paediatric
	// assessment unit and admitted to the children's ward; and the mean
	// obstetric beds, neonatal cots, assessment spaces and children's
	// ward beds.
	MaternityAdmissions   float64
	NeonatalDays          [3]float64
	PaediatricAssessments float64
	PaediatricAdmissions  float64
	MaternityBeds         float64
	NeonatalCots          float64
	PaediatricSpaces      float64
	PaediatricBeds        float64
	// AgencyWTE[b][r] is the mean bank and agency WTE of role r (Roles)
	// working for body b over the Days.
	AgencyWTE [NumBodies][NumRoles]float64
	// Slots offered over the Days (not means): outpatient first and
	// follow-up appointments, and day cases.
	OutpatientFirstSlots, OutpatientFollowUpSlots, DayCaseSlots float64
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
	// Pressure[b][k] is what body b's deficit owes to pressure cost k
	// ([Pressures]) in this year, in pounds of the year: its costs, and
	// the payments it makes (positive) or receives (negative). Their
	// changes make the bridge's pressure step.
	Pressure [NumBodies][NumPressures]float64

	f factors          // the year's price factors
	t [NumBodies]terms // each organisation's lines as the bridge takes them apart
}

// factors are a year's price factors from the price year: the cost
// factor is nd × pp, the tariff's price pu × eff.
type factors struct {
	nd  float64 // (1 + Inflation.NonDemographic)^n
	pp  float64 // (1 + Inflation.PayAndPrices())^n
	pu  float64 // the tariff's cost uplifts compounded
	eff float64 // the tariff's price over pu: its efficiency factors' shortfall
}

// terms are one organisation's lines of a year, taken apart for [Bridge]:
// terms[k] for the k below. Costs under the cost factor are at price-year
// prices; the tariff's terms are values at the price year's tariff prices
// (income positive, a payer's negative), paid at nd × pu × eff; the rest
// are cash. Money's lines are
//
//	Cost    = nd·pp·(act + delayed + capacity + escalation + agency + interventions
//	          + cancelledOps + waitingList + other) + nd·pu·eff·otherTariff + fixed
//	Funding = funding + stf + nd·pu·eff·tariffFunding
//	Income  = nd·pu·eff·(tariffed − marginal − readmitted − cancelledUnpaid)
//	          + sanctions + rtt + handover + reimbursed + bcf + contracts + risk
type terms [numTerms]float64

// The terms of [terms].
const (
	tAct             = iota // activity but delayed bed days
	tDelayed                // delayed bed days
	tCapacity               // capacity but escalation beds
	tEscalation             // escalation beds
	tAgency                 // the agency premium of staff covering vacancies
	tInterventions          // interventions' costs
	tCancelledOps           // elective bookings cancelled or postponed on the day
	tWaitingList            // waiting-list initiatives
	tOther                  // costs outside the model but those paid at the tariff
	tOtherTariff            // costs outside the model paid at the tariff
	tFixed                  // fixed costs, cash
	tTariffed               // tariff payments for activity in full, and contracts paid at the tariff
	tTariffFunding          // funding paid at the tariff
	tMarginal               // the marginal rate's reduction
	tReadmitted             // readmissions unpaid
	tCancelledUnpaid        // rescheduled episodes unpaid after the 28-day standard's breaches
	tFunding                // funding not paid at the tariff, cash
	tSTF                    // the sustainability fund, cash
	tSanctions              // A&E fines, cash
	tRTT                    // 18-week fines, cash
	tHandover               // ambulance handover fines, cash
	tReimbursed             // delayed-discharge payments from social care, cash
	tBCF                    // the Better Care Fund, cash
	tContracts              // block contracts, cash
	tRisk                   // the alliance's and the risk share's payments, cash
	numTerms
)

// PayAndPrices returns the yearly rise in the price of a unit of cost,
// PayShare×Pay + (1−PayShare)×Prices.
func (in Inflation) PayAndPrices() float64 {
	return in.PayShare*in.Pay + (1-in.PayShare)*in.Prices
}

// Factor returns what a cost of the price year is multiplied by n years
// after it: (1 + NonDemographic)^n × (1 + PayAndPrices())^n.
func (in Inflation) Factor(n int) float64 {
	return math.Pow(1+in.NonDemographic, float64(n)) * math.Pow(1+in.PayAndPrices(), float64(n))
}

// Accounts prices one replication's activity, financial year by financial
// year, for each organisation and the system. years must be in date order,
// one per financial year; p should have passed [Params.Validate].
//
// # Costs
//
// A cost of the price year is multiplied in financial year y by
// Inflation.Factor(y − PriceYear) (years counted from April; PriceYear
// empty means the first year). Each body's cost is the sum of five lines:
//
//   - activity: each count of Activity times its unit cost, borne by the
//     body the [UnitCosts] field names (care-home bed days are priced at
//     CareHomeWeek / 7); and the acute trust's [Pressure] costs: each
//     elective booking cancelled on the day at CancelledOperation, each
//     postponed at PostponedOperation, and, in a year whose mean waiting
//     list had more than the [WaitingListInitiative]'s Above of its
//     patients over 18 weeks, its Premium for each elective admission
//     after 18 weeks;
//   - capacity: each mean capacity times its yearly cost ([CapacityCosts])
//     times Days / (days in the financial year), and the acute trust's
//     escalation bed days times EscalationBedDay, and the premium of its
//     bank and agency staff, AgencyWTE × Workforce cost × agency premium
//     by role, times Days / (days in the financial year);
//   - interventions: Setup in the year of Start (if that day is counted) and
//     Recurrent × (counted days from Start to End, both included) / (days
//     in the year), borne by the Payer: a winter ward in place from
//     1 November to 31 March costs 151/365 of its yearly cost;
//   - other: Organisation.Other × (1 + Volume)^m × Days / (days in the
//     year), m counting financial years from the first; its share
//     OtherAtTariff, paid to NHS providers outside the system, at the
//     tariff's price and casemix (see below) in place of the cost factor;
//   - fixed: each [FixedCost] of the body, pro rata, not inflated by the
//     cost factor but by its own index.
//
// # Funding
//
// Organisation.Funding × (1 + Growth)^m × Days / (days in the year); with
// Tariff set, Funding × (1 + Volume)^m × Days / (days in the year) at the
// tariff's price and casemix of the year relative to the first's (see
// below). The sustainability fund adds to the acute trust's.
//
// # Payments
//
// The commissioners pay the providers (Income is positive for the payee
// and the same amount negative for the payer) under Payment.Rule:
//
//   - tariff (payment by results): the acute trust is paid, for each
//     attendance, spell and excess bed day, Tariff × its unit cost ×
//     the tariff's price index × (1 + NonDemographic)^n (casemix: the
//     tariff pays for costlier activity as it pays for more). The price
//     index is the product over the years after the price year of
//     (1 + cost uplift − efficiency) ([PriceChange]): the tariff's price
//     follows its own rule, not the trust's costs. Delayed bed days are
//     not paid. Of the emergency spells, ReadmissionsUnpaid × the
//     readmissions are not paid, and those paid beyond the marginal-rate
//     threshold (pro rata) are paid at the marginal rate of the year.
//     The community provider, whose services had no national tariff, is
//     paid by its contract;
//   - block: each Block is paid Amount × (1 + Growth)^m, pro rata;
//   - alliance: the bodies pool funding and costs and each carries its
//     Share of the system's deficit: Income_o = D_o − s_o × D, where D_o
//     is o's deficit before payments and D their sum. Shares are divided
//     by their sum so that the payments cancel exactly; a body with no
//     share carries none of the deficit. The alliance replaces every
//     other payment between the bodies;
//   - empty: no payments for activity.
//
// Under every rule but alliance, the commissioners also pay:
//
//   - each [Contract]: Amount × (1 + Growth)^m, pro rata; with Tariff,
//     Amount × (1 + Growth)^m at the tariff's price and casemix relative
//     to the first year's, pro rata;
//   - the [BetterCareFund] from its year: Transfer to social care, and
//     Performance to social care when the year's emergency spells per day
//     were at least Target below the year before's, else to the acute
//     trust (in the first year simulated there is no year before: a cut
//     not shown is not made), both growing by Growth a year from From;
//
// and the acute trust pays them the [Sanction] in force: PerBreach ×
// the 4-hour breaches beyond (1 − Standard) × the A&E attendances (types
// 1 and 3), up to (Standard − Floor) × the attendances; the [RTTSanction]
// in force, when the waiting list is measured (its mean above 0):
// Admitted × the elective admissions after 18 weeks beyond (1 −
// AdmittedStandard) × the admissions, and Incomplete × 12 months (pro
// rata) × the mean patients over 18 weeks beyond (1 −
// IncompleteStandard) × the mean list (the month-end counts taken as the
// year's means); and the [HandoverFine] in force: Over30 × the handovers
// of 30 to 60 minutes and Over60 × those over 60. Under the tariff rule,
// the tariff is not paid, at the CancelledUnpaid rate in force, for the
// elective spells of patients admitted more than 28 days after a
// cancellation on the day. Social care pays the acute trust the
// [Reimbursement] in force: PerDay × Levied × the delayed bed days that
// are social care's.
//
// From its year, the [Sustainability] fund pays the acute trust, from
// outside the system: (1 − Performance) × Amount when its deficit after
// the payments above is within its control total (its deficit in the
// year before From, less Stretch × its costs that year, pro rata by
// days), and Performance × Amount when its 4-hour performance (1 −
// breaches / attendances) is at least Standard. When the year before
// From was not simulated, the first year simulated stands for it.
//
// Last, but under the alliance rule, which shares every gain and loss
// already, the [RiskShare] from its year: each party's deficit becomes its
// plan (its deficit in the year before From, pro rata by days; the first
// year simulated when that year was not) plus its share of the change in
// the parties' deficits summed: Income_o += D_o − (P_o + s_o × (ΣD − ΣP)).
//
// Payments cancel in the system, so the system's accounts are the same
// under every rule; the rules move the deficit between bodies. The
// sustainability fund alone adds to the system's funding.
//
// # Deficit
//
// Deficit = Cost − Funding − Income, so that a gap is a positive number of
// pounds, as boards speak of it, and a surplus is negative.
// CumulativeDeficit sums it from the first year.
//
// Accounts is O(len(years) × (len(ivs) + len(p.Organisations) + the
// lengths of the payment tables)).
func Accounts(p *Params, years []Activity, ivs []Intervention) ([]Year, error) {
	if len(years) == 0 {
		return nil, nil
	}
	first := years[0].From.FinancialYear()
	base := first
	if p.PriceYear != "" {
		y, ok := yearOf(p.PriceYear)
		if !ok {
			return nil, fmt.Errorf("finance: price year %q is not a financial year such as 2014/15", p.PriceYear)
		}
		base = y
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
	r, err := newRules(p)
	if err != nil {
		return nil, err
	}
	uc, cc := &p.UnitCosts, &p.CapacityCosts
	out := make([]Year, len(years))
	prev := first - 1
	f0 := r.factors(first, base)
	atFirst := f0.nd * f0.pu * f0.eff // the first year's tariff price and casemix
	var st state
	for i, a := range years {
		fy := a.From.FinancialYear()
		length := des.FinancialYearDays(fy)
		if fy <= prev || a.Days < 1 || a.From.AddDays(a.Days-1).Sub(des.FinancialYearStart(fy)) >= des.Time(length) {
			return nil, fmt.Errorf("finance: year %d: %d days from %v are not in one financial year after the one before", i, a.Days, a.From)
		}
		prev = fy
		f := r.factors(fy, base)
		m := float64(fy - first)
		frac := float64(a.Days) / float64(length)
		y := &out[i]
		y.Name, y.Days, y.Length, y.f = des.FinancialYearLabel(fy), a.Days, length, f
		t := &y.t

		// Activity, by the body each unit cost names, at the price year's
		// prices: of the acute trust's, what a tariff pays, then the
		// delayed bed days.
		t[Acute][tAct] = a.EDAttendances*uc.EDAttendance + a.UTCAttendances*uc.UrgentTreatment +
			a.SDECAttendances*uc.SDEC + a.NonElectiveSpells*uc.NonElectiveSpell +
			a.ElectiveSpells*uc.ElectiveSpell + a.ExcessBedDays*uc.ExcessBedDay +
			a.MaternityAdmissions*uc.MaternityAdmission + a.NeonatalDays[0]*uc.NeonatalIntensiveDay +
			a.NeonatalDays[1]*uc.NeonatalHighDepDay + a.NeonatalDays[2]*uc.NeonatalSpecialDay +
			a.PaediatricAssessments*uc.PaediatricAssessment + a.PaediatricAdmissions*uc.PaediatricAdmission +
			a.OutpatientFirst*uc.OutpatientFirst + a.OutpatientFollowUps*uc.OutpatientFollowUp + a.DayCases*uc.DayCase
		t[Acute][tDelayed] = a.DelayedBedDays * uc.DelayedBedDay
		ps := &p.Pressure
		t[Acute][tCancelledOps] = a.ElectiveCancellations*ps.CancelledOperation + a.ElectivePostponed*ps.PostponedOperation
		if w := &ps.WaitingListInitiative; w.Premium > 0 && a.WaitingList > 0 && a.WaitingOver18w > w.Above*a.WaitingList {
			t[Acute][tWaitingList] = w.Premium * max(0, a.ElectiveSpells-a.ElectiveWithin18w)
		}
		t[Community][tAct] = a.IntermediateCareBedDays*uc.IntermediateCareBedDay +
			a.CommunityCaseloadDays*uc.CommunityCaseloadDay + a.CallForCareContacts*uc.CallForCareContact
		t[SocialCare][tAct] = a.ReablementDays*uc.ReablementDay + a.CareHomeBedDays/7*uc.CareHomeWeek

		t[Acute][tCapacity] = frac*(a.AcuteBeds*cc.AcuteBed+a.EDCubicles*cc.EDCubicle+
			a.MaternityBeds*cc.MaternityBed+a.NeonatalCots*cc.NeonatalCot+
			a.PaediatricSpaces*cc.PaediatricAssessment+a.PaediatricBeds*cc.PaediatricBed) +
			a.OutpatientFirstSlots*cc.OutpatientFirstSlot + a.OutpatientFollowUpSlots*cc.OutpatientFollowUpSlot + a.DayCaseSlots*cc.DayCaseSlot
		t[Acute][tEscalation] = a.EscalationBedDays * cc.EscalationBedDay
		t[Community][tCapacity] = frac * (a.IntermediateCareBeds*cc.IntermediateCareBed + a.CommunityPlaces*cc.CommunityPlace +
			a.UCRPlaces*cc.UCRPlace)
		t[SocialCare][tCapacity] = frac * a.ReablementPlaces * cc.ReablementPlace
		// The commissioners pay the mental health trust for its beds and
		// liaison team (capacity) and for each out-of-area placement.
		// And the out-of-hours GP service's contract.
		t[Commissioners][tCapacity] = frac * (a.MentalHealthBeds*cc.MentalHealthBed + a.LiaisonPractitioners*cc.LiaisonPractitioner +
			a.OutOfHoursClinicians*cc.OutOfHoursClinician)
		t[Commissioners][tAct] = a.OutOfAreaPlacements * uc.OutOfAreaPlacement
		for b := range System {
			t[b][tAgency] = frac * p.Workforce.agencyPremium(a.AgencyWTE[b])
		}

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
			t[payer[j]][tInterventions] += c
		}
		for _, fc := range p.FixedCosts {
			if b := slices.Index(OrganisationNames, fc.Organisation); b >= 0 {
				t[b][tFixed] += frac * fc.Amount * (fc.Indexed*math.Pow(1+fc.Index, float64(fy-base)) + 1 - fc.Indexed)
			}
		}
		for _, o := range p.Organisations {
			b := slices.Index(OrganisationNames, o.Name)
			if b < 0 {
				continue // Validate reports it
			}
			volume := math.Pow(1+o.Volume, m)
			t[b][tOther] += frac * o.Other * volume * (1 - o.OtherAtTariff)
			t[b][tOtherTariff] += frac * o.Other * volume * o.OtherAtTariff
			if o.Tariff {
				t[b][tTariffFunding] += frac * o.Funding * volume / atFirst
			} else {
				t[b][tFunding] += frac * o.Funding * math.Pow(1+o.Growth, m)
			}
		}
		if p.Payment.Rule != "alliance" {
			payments(&st, r, p, a, fy, i, frac, m, atFirst, t)
		}
		y.book()

		if r.stf {
			sustainability(&st, r, p, a, fy, i, frac, y)
		}
		if p.Payment.Rule == "alliance" {
			allianceShares(p, y)
		}
		if r.risk && p.Payment.Rule != "alliance" {
			riskShare(&st, r, p, fy, i, frac, y)
		}
		y.book()
		for b := range NumBodies {
			if i > 0 {
				y.Money[b][CumulativeDeficit] += out[i-1].Money[b][CumulativeDeficit]
			}
		}
		st.nel, st.days = a.NonElectiveSpells, a.Days
	}
	return out, nil
}

// book sets y's lines from its terms and factors, the system's as the
// organisations' sum, and each deficit (CumulativeDeficit as the year's
// own: Accounts adds the years before).
func (y *Year) book() {
	f := y.f
	g, price := f.nd*f.pp, f.nd*f.pu*f.eff
	y.Money[System] = [NumMeasures]float64{}
	for b := range NumBodies {
		c := &y.Money[b]
		if b < System {
			t := &y.t[b]
			c[ActivityCost] = g * (t[tAct] + t[tDelayed] + t[tCancelledOps] + t[tWaitingList])
			c[CapacityCost] = g * (t[tCapacity] + t[tEscalation] + t[tAgency])
			c[InterventionCost] = g * t[tInterventions]
			c[OtherCost] = g*t[tOther] + price*t[tOtherTariff]
			c[FixedCosts] = t[tFixed]
			c[Cost] = c[ActivityCost] + c[CapacityCost] + c[InterventionCost] + c[OtherCost] + c[FixedCosts]
			c[Funding] = t[tFunding] + t[tSTF] + price*t[tTariffFunding]
			c[Income] = price*(t[tTariffed]-t[tMarginal]-t[tReadmitted]-t[tCancelledUnpaid]) + t[tSanctions] +
				t[tRTT] + t[tHandover] + t[tReimbursed] + t[tBCF] + t[tContracts] + t[tRisk]
			for k := range Deficit {
				y.Money[System][k] += c[k]
			}
		}
		c[Deficit] = c[Cost] - c[Funding] - c[Income]
		c[CumulativeDeficit] = c[Deficit]
	}
	y.Pressure = [NumBodies][NumPressures]float64{}
	for b := range System {
		t, pr := &y.t[b], &y.Pressure[b]
		pr[PressureEscalation] = g * t[tEscalation]
		pr[PressureAgency] = g * t[tAgency]
		pr[PressureDelayed] = g * t[tDelayed]
		pr[PressureCancelled] = g * t[tCancelledOps]
		pr[PressureWaitingList] = g * t[tWaitingList]
		pr[PressureCancelledUnpaid] = price * t[tCancelledUnpaid]
		pr[PressureAEFines] = -t[tSanctions]
		pr[PressureRTTFines] = -t[tRTT]
		pr[PressureHandoverFines] = -t[tHandover]
		pr[PressureReimbursed] = -t[tReimbursed]
		for k, x := range pr {
			y.Pressure[System][k] += x
		}
	}
}

// deficit returns body b's deficit in y as its terms stand.
func (y *Year) deficit(b int) float64 {
	c := &y.Money[b]
	return c[Cost] - c[Funding] - c[Income]
}

// state is what the accounts carry from one year to the next: the year
// before's emergency spells (the Better Care Fund's test) and the
// references of the sustainability fund and the risk share.
type state struct {
	nel  float64
	days int

	stfSet            bool
	stfDeficit        float64 // the acute trust's deficit before the fund in its reference year
	stfCost, stfScale float64 // its costs that year, and the share of that year counted
	riskSet           bool
	plan              [System]float64 // each party's deficit in the risk share's reference year
	planScale         float64
}

// payments books in t the payments between the bodies of year i
// (financial year fy, the share frac of it counted, m years after the
// first) but the alliance's, the sustainability fund and the risk share.
// atFirst is the first year's tariff price and casemix.
func payments(st *state, r *rules, p *Params, a Activity, fy, i int, frac, m, atFirst float64, t *[NumBodies]terms) {
	pay := &p.Payment
	uc := &p.UnitCosts
	give := func(to, k int, amount float64) {
		t[to][k] += amount
		t[Commissioners][k] -= amount
	}
	switch pay.Rule {
	case "tariff":
		unpaid := pay.ReadmissionsUnpaid * a.Readmissions
		give(Acute, tTariffed, pay.Tariff*t[Acute][tAct])
		give(Acute, tReadmitted, pay.Tariff*uc.NonElectiveSpell*unpaid)
		if rate, ok := r.marginal(fy); ok {
			over := max(0, a.NonElectiveSpells-unpaid-pay.MarginalRate.Threshold*frac)
			give(Acute, tMarginal, pay.Tariff*uc.NonElectiveSpell*(1-rate)*over)
		}
		if k := inForce(r.cancelled, fy); k >= 0 {
			give(Acute, tCancelledUnpaid, pay.CancelledUnpaid[k].Rate*pay.Tariff*uc.ElectiveSpell*a.CancelledNot28d)
		}
	case "block":
		for _, bl := range pay.Block {
			if b := slices.Index(OrganisationNames, bl.Organisation); b >= 0 {
				give(b, tContracts, bl.Amount*math.Pow(1+bl.Growth, m)*frac)
			}
		}
	}
	for _, c := range pay.Contracts {
		b := slices.Index(OrganisationNames, c.Organisation)
		if b < 0 {
			continue
		}
		amount := c.Amount * math.Pow(1+c.Growth, m) * frac
		if c.Tariff {
			give(b, tTariffed, amount/atFirst)
		} else {
			give(b, tContracts, amount)
		}
	}
	if s, ok := r.sanction(fy); ok && s.PerBreach > 0 {
		att := a.EDAttendances + a.UTCAttendances
		fined := min(max(0, a.AE4hBreaches-(1-s.Standard)*att), (s.Standard-s.Floor)*att)
		give(Acute, tSanctions, -s.PerBreach*fined)
	}
	if k := inForce(r.rtt, fy); k >= 0 && a.WaitingList > 0 {
		// The 18-week standards are read on the waiting list the model
		// keeps: without it, there is nothing to fine.
		s := &pay.RTTSanctions[k]
		late := max(0, a.ElectiveSpells-a.ElectiveWithin18w)
		admitted := max(0, late-(1-s.AdmittedStandard)*a.ElectiveSpells)
		incomplete := 12 * frac * max(0, a.WaitingOver18w-(1-s.IncompleteStandard)*a.WaitingList)
		give(Acute, tRTT, -(s.Admitted*admitted + s.Incomplete*incomplete))
	}
	if k := inForce(r.handover, fy); k >= 0 {
		h := &pay.HandoverFines[k]
		give(Acute, tHandover, -(h.Over30*max(0, a.HandoversOver30-a.HandoversOver60) + h.Over60*a.HandoversOver60))
	}
	if k := inForce(r.reimburse, fy); k >= 0 {
		d := &pay.DelayedDischarge[k]
		x := d.PerDay * d.Levied * a.DelayedDaysSocialCare
		t[Acute][tReimbursed] += x
		t[SocialCare][tReimbursed] -= x
	}
	if bcf := &pay.BetterCareFund; r.bcf && fy >= r.bcfFrom {
		grown := math.Pow(1+bcf.Growth, float64(fy-r.bcfFrom)) * frac
		give(SocialCare, tBCF, bcf.Transfer*grown)
		to := SocialCare
		if r.bcfTo == 0 || fy <= r.bcfTo {
			// Paid for performance: a cut in emergency spells per day
			// against the year before's.
			if cut := i > 0 && a.NonElectiveSpells/float64(a.Days) <= (1-bcf.Target)*st.nel/float64(st.days); !cut {
				to = Acute
			}
		}
		give(to, tBCF, bcf.Performance*grown)
	}
}

// sustainability pays the sustainability fund to the acute trust in year
// i (financial year fy, the share frac of it counted), or records its
// reference year.
func sustainability(st *state, r *rules, p *Params, a Activity, fy, i int, frac float64, y *Year) {
	s := &p.Payment.Sustainability
	deficit := y.deficit(Acute)
	if fy == r.stfFrom-1 || (i == 0 && fy >= r.stfFrom) {
		st.stfSet, st.stfDeficit, st.stfCost, st.stfScale = true, deficit, y.Money[Acute][Cost], frac
	}
	if fy < r.stfFrom || !st.stfSet {
		return
	}
	amount := s.Amount * math.Pow(1+s.Growth, float64(fy-r.stfFrom)) * frac
	paid := 0.0
	if control := (st.stfDeficit - s.Stretch*st.stfCost) * frac / st.stfScale; deficit <= control {
		paid += (1 - s.Performance) * amount
	}
	if att := a.EDAttendances + a.UTCAttendances; att == 0 || 1-a.AE4hBreaches/att >= s.Standard {
		paid += s.Performance * amount
	}
	y.t[Acute][tSTF] = paid
	y.book()
}

// allianceShares books the alliance rule's payments in y: each body
// carries its share of the system's deficit.
func allianceShares(p *Params, y *Year) {
	var share [NumBodies]float64
	sum := 0.0
	for _, s := range p.Payment.Shares {
		if b := slices.Index(OrganisationNames, s.Organisation); b >= 0 {
			share[b] += s.Share
			sum += s.Share
		}
	}
	if sum <= 0 {
		return
	}
	var own [System]float64
	total := 0.0
	for b := range System {
		own[b] = y.deficit(b)
		total += own[b]
	}
	for b := range System {
		y.t[b][tRisk] += own[b] - share[b]/sum*total
	}
	y.book()
}

// riskShare books the risk share's payments in year i (financial year
// fy, the share frac of it counted), or records its reference year.
func riskShare(st *state, r *rules, p *Params, fy, i int, frac float64, y *Year) {
	var d [System]float64
	for b := range System {
		d[b] = y.deficit(b)
	}
	if fy == r.riskFrom-1 || (i == 0 && fy >= r.riskFrom) {
		st.riskSet, st.plan, st.planScale = true, d, frac
	}
	if fy < r.riskFrom || !st.riskSet {
		return
	}
	var share [System]float64
	for _, s := range p.Payment.RiskShare.Shares {
		if b := slices.Index(OrganisationNames, s.Organisation); b >= 0 {
			share[b] += s.Share
		}
	}
	scale := frac / st.planScale
	change := 0.0
	for b := range System {
		if share[b] > 0 {
			change += d[b] - st.plan[b]*scale
		}
	}
	for b := range System {
		if share[b] > 0 {
			y.t[b][tRisk] += d[b] - (st.plan[b]*scale + share[b]*change)
		}
	}
	y.book()
}

// rules are the payment tables of Params, read once.
type rules struct {
	p         *Params
	prices    []int // the financial year of each Payment.Prices entry
	rates     []int // of each MarginalRate.Rates entry
	fines     []int // of each Sanctions entry
	rtt       []int // of each RTTSanctions entry
	handover  []int // of each HandoverFines entry
	cancelled []int // of each CancelledUnpaid entry
	reimburse []int // of each DelayedDischarge entry
	bcf       bool
	bcfFrom   int
	bcfTo     int // 0: every year
	stf       bool
	stfFrom   int
	risk      bool
	riskFrom  int
}

func newRules(p *Params) (*rules, error) {
	r := &rules{p: p}
	pay := &p.Payment
	var err error
	years := func(what string, n int, from func(int) string) []int {
		ys := make([]int, n)
		for i := range n {
			y, ok := yearOf(from(i))
			if !ok && err == nil {
				err = fmt.Errorf("finance: %s[%d]: from %q is not a financial year such as 2014/15", what, i, from(i))
			}
			ys[i] = y
		}
		return ys
	}
	r.prices = years("prices", len(pay.Prices), func(i int) string { return pay.Prices[i].From })
	r.rates = years("marginal_rate.rates", len(pay.MarginalRate.Rates), func(i int) string { return pay.MarginalRate.Rates[i].From })
	r.fines = years("sanctions", len(pay.Sanctions), func(i int) string { return pay.Sanctions[i].From })
	r.rtt = years("rtt_sanctions", len(pay.RTTSanctions), func(i int) string { return pay.RTTSanctions[i].From })
	r.handover = years("handover_fines", len(pay.HandoverFines), func(i int) string { return pay.HandoverFines[i].From })
	r.cancelled = years("cancelled_unpaid", len(pay.CancelledUnpaid), func(i int) string { return pay.CancelledUnpaid[i].From })
	r.reimburse = years("delayed_discharge", len(pay.DelayedDischarge), func(i int) string { return pay.DelayedDischarge[i].From })
	one := func(what, s string) (int, bool) {
		if s == "" {
			return 0, false
		}
		y, ok := yearOf(s)
		if !ok && err == nil {
			err = fmt.Errorf("finance: %s: %q is not a financial year such as 2014/15", what, s)
		}
		return y, ok
	}
	r.bcfFrom, r.bcf = one("better_care_fund.from", pay.BetterCareFund.From)
	r.bcfTo, _ = one("better_care_fund.performance_to", pay.BetterCareFund.PerformanceTo)
	r.stfFrom, r.stf = one("sustainability.from", pay.Sustainability.From)
	r.riskFrom, r.risk = one("risk_share.from", pay.RiskShare.From)
	return r, err
}

// inForce returns the index of the last entry of froms (financial years,
// ascending) at or before fy, or -1.
func inForce(froms []int, fy int) int {
	k := -1
	for i, y := range froms {
		if y <= fy {
			k = i
		}
	}
	return k
}

// marginal returns the marginal rate in force in fy, if any.
func (r *rules) marginal(fy int) (float64, bool) {
	if k := inForce(r.rates, fy); k >= 0 {
		return r.p.Payment.MarginalRate.Rates[k].Rate, true
	}
	return 0, false
}

// sanction returns the sanction in force in fy, if any.
func (r *rules) sanction(fy int) (Sanction, bool) {
	if k := inForce(r.fines, fy); k >= 0 {
		return r.p.Payment.Sanctions[k], true
	}
	return Sanction{}, false
}

// change returns the tariff's cost uplift and efficiency in force in fy.
func (r *rules) change(fy int) (uplift, efficiency float64) {
	if k := inForce(r.prices, fy); k >= 0 {
		c := r.p.Payment.Prices[k]
		return c.CostUplift, c.Efficiency
	}
	return 0, 0
}

// factors returns financial year fy's price factors from the price year
// base.
func (r *rules) factors(fy, base int) factors {
	in := &r.p.Inflation
	n := float64(fy - base)
	f := factors{nd: math.Pow(1+in.NonDemographic, n), pp: math.Pow(1+in.PayAndPrices(), n), pu: 1, eff: 1}
	pi := 1.0
	for k := base + 1; k <= fy; k++ {
		u, e := r.change(k)
		f.pu *= 1 + u
		pi *= 1 + u - e
	}
	for k := fy + 1; k <= base; k++ {
		u, e := r.change(k)
		f.pu /= 1 + u
		pi /= 1 + u - e
	}
	f.eff = pi / f.pu
	return f
}

// yearOf returns the first calendar year of the financial year written s
// ("2014/15" or "2014-15").
func yearOf(s string) (int, bool) {
	if !financialYear(s) {
		return 0, false
	}
	y, _ := strconv.Atoi(s[:4])
	return y, true
}
