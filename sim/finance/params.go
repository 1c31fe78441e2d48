package finance

import "slices"

// Params is the money side of a scenario: what activity and capacity cost,
// how prices rise, who starts from what position, and how commissioners pay
// providers under the payment rules of the era. Scenario files decode
// straight into it (the `money:` section); money fields take "£1.2m",
// "250k" or a bare number of pounds.
//
// Every amount is at the prices of PriceYear; Inflation moves costs on
// year by year, and the tariff's own price changes (Payment.Prices) move
// what the tariff pays.
type Params struct {
	// PriceYear is the financial year whose prices the amounts are in,
	// such as "2014/15": the base year, from which costs are inflated and
	// the tariff's prices changed.
	PriceYear string `yaml:"price_year"`

	Inflation     Inflation     `yaml:"inflation"`
	UnitCosts     UnitCosts     `yaml:"unit_costs"`
	CapacityCosts CapacityCosts `yaml:"capacity_costs"`
	// Workforce prices the staff by role: the premium of bank and agency
	// staff covering vacancies is a cost of each employer.
	Workforce Workforce `yaml:"workforce"`
	// FixedCosts are costs that neither activity nor capacity moves,
	// such as a PFI hospital's unitary payment.
	FixedCosts []FixedCost `yaml:"fixed_costs"`
	// Pressure is what the acute trust pays when the hospital runs full,
	// beyond its activity and capacity: theatre slots lost to elective
	// bookings cancelled or postponed, and waiting-list initiatives.
	Pressure      Pressure       `yaml:"pressure"`
	Organisations []Organisation `yaml:"organisations"`
	Payment       Payment        `yaml:"payment"`

	// Projection is a published projection of the system's gap, drawn as
	// a reference line on the deficit chart and compared with the
	// model's derived gap. The accounts do not use it.
	Projection Projection `yaml:"projection"`
}

// Inflation is the yearly rise in costs, as fractions. A cost of the price
// year is multiplied in financial year y by
//
//	(1 + NonDemographic)^n × (1 + PayShare×Pay + (1−PayShare)×Prices)^n
//
// with n = y − PriceYear, where NonDemographic is cost growth per unit of
// activity that demography does not explain (new treatments, rising
// acuity). The two factors are kept apart so that the gap bridge can tell
// them apart ([Bridge]).
type Inflation struct {
	Pay            float64 `yaml:"pay" unit:"fraction"`
	Prices         float64 `yaml:"prices" unit:"fraction"`
	PayShare       float64 `yaml:"pay_share" unit:"fraction"`
	NonDemographic float64 `yaml:"non_demographic" unit:"fraction"`
}

// UnitCosts is the cost of each unit of activity, in pounds at PriceYear
// prices. Each line is borne by one organisation, as its comment says.
type UnitCosts struct {
	EDAttendance     float64 `yaml:"ed_attendance" unit:"money"`      // acute trust
	UrgentTreatment  float64 `yaml:"urgent_treatment" unit:"money"`   // acute trust: per attendance
	SDEC             float64 `yaml:"sdec" unit:"money"`               // acute trust: per attendance
	NonElectiveSpell float64 `yaml:"non_elective_spell" unit:"money"` // acute trust: per emergency spell, excluding excess days
	ElectiveSpell    float64 `yaml:"elective_spell" unit:"money"`     // acute trust: per ordinary elective spell
	ExcessBedDay     float64 `yaml:"excess_bed_day" unit:"money"`     // acute trust: per bed day beyond ExcessAfter
	DelayedBedDay    float64 `yaml:"delayed_bed_day" unit:"money"`    // acute trust: per day medically fit but still in
	// OutpatientFirst, OutpatientFollowUp and DayCase are the acute
	// trust's per first and follow-up outpatient attendance and per day
	// case; the clinics' and day unit's slots are in CapacityCosts.
	OutpatientFirst    float64 `yaml:"outpatient_first" unit:"money"`
	OutpatientFollowUp float64 `yaml:"outpatient_follow_up" unit:"money"`
	DayCase            float64 `yaml:"day_case" unit:"money"`
	// ExcessAfter is the stay after which an emergency spell's bed days
	// are excess days (the trim point), in days.
	ExcessAfter float64 `yaml:"excess_after" unit:"duration"`

	IntermediateCareBedDay float64 `yaml:"intermediate_care_bed_day" unit:"money"` // community provider
	CommunityCaseloadDay   float64 `yaml:"community_caseload_day" unit:"money"`    // community provider: per person enrolled per day
	CallForCareContact     float64 `yaml:"call_for_care_contact" unit:"money"`     // community provider: per call Call for Care answers
	ReablementDay          float64 `yaml:"reablement_day" unit:"money"`            // social care: per package per day
	CareHomeWeek           float64 `yaml:"care_home_week" unit:"money"`            // social care: per resident per week
	// OutOfAreaPlacement is what the commissioners pay the mental health
	// trust for a patient placed in a mental health bed out of area, for
	// the whole stay.
	OutOfAreaPlacement float64 `yaml:"out_of_area_placement" unit:"money"`

	// The women's and children's services, all the acute trust's:
	// MaternityAdmission per admission to the obstetric unit, delivery or
	// antenatal; the neonatal cot days by level of care; and per child
	// assessed in the paediatric assessment unit, and admitted to the
	// children's ward.
	MaternityAdmission   float64 `yaml:"maternity_admission" unit:"money"`
	NeonatalIntensiveDay float64 `yaml:"neonatal_intensive_day" unit:"money"`
	NeonatalHighDepDay   float64 `yaml:"neonatal_high_dependency_day" unit:"money"`
	NeonatalSpecialDay   float64 `yaml:"neonatal_special_day" unit:"money"`
	PaediatricAssessment float64 `yaml:"paediatric_assessment" unit:"money"`
	PaediatricAdmission  float64 `yaml:"paediatric_admission" unit:"money"`
}

// CapacityCosts is the cost of capacity paid for whether it is used or
// not, in pounds at PriceYear prices: closing a bed saves it, an empty bed
// costs it. Each is per unit per year, but for escalation beds, which open
// for days at a time and are priced per day open.
type CapacityCosts struct {
	AcuteBed            float64 `yaml:"acute_bed" unit:"money"`                       // acute trust: per staffed bed per year, escalation beds apart
	EDCubicle           float64 `yaml:"ed_cubicle" unit:"money"`                      // acute trust: per cubicle per year
	IntermediateCareBed float64 `yaml:"intermediate_care_bed" unit:"money"`           // community provider: per bed per year
	CommunityPlace      float64 `yaml:"community_place" unit:"money"`                 // community provider: per caseload place per year
	UCRPlace            float64 `yaml:"urgent_community_response_place" unit:"money"` // community provider: per urgent community response place per year
	ReablementPlace     float64 `yaml:"reablement_place" unit:"money"`                // social care: per caseload place per year
	// OutpatientFirstSlot, OutpatientFollowUpSlot and DayCaseSlot are the
	// acute trust's per slot offered (services.outpatients' slots), used
	// or not: a clinic's staff are paid for its session.
	OutpatientFirstSlot    float64 `yaml:"outpatient_first_slot" unit:"money"`
	OutpatientFollowUpSlot float64 `yaml:"outpatient_follow_up_slot" unit:"money"`
	DayCaseSlot            float64 `yaml:"day_case_slot" unit:"money"`
	// EscalationBedDay is the acute trust's cost of an escalation bed
	// (services.acute.management.escalation) per day open, occupied or
	// not, in place of AcuteBed: staffed by agency and bank staff at a
	// premium.
	EscalationBedDay float64 `yaml:"escalation_bed_day" unit:"money"`
	// MentalHealthBed and LiaisonPractitioner are what the commissioners
	// pay the mental health trust: per mental health bed per year, and
	// per liaison practitioner on duty round the clock for a year (a
	// team on duty for part of the day costs that part).
	MentalHealthBed     float64 `yaml:"mental_health_bed" unit:"money"`
	LiaisonPractitioner float64 `yaml:"liaison_practitioner" unit:"money"`
	// OutOfHoursClinician is what the commissioners pay for the
	// out-of-hours GP service's contract, per GP on shift through its
	// hours for a year.
	OutOfHoursClinician float64 `yaml:"out_of_hours_clinician" unit:"money"`

	// The women's and children's services' capacity, the acute trust's:
	// per obstetric bed, neonatal cot, paediatric assessment space and
	// children's ward bed, per year.
	MaternityBed         float64 `yaml:"maternity_bed" unit:"money"`
	NeonatalCot          float64 `yaml:"neonatal_cot" unit:"money"`
	PaediatricAssessment float64 `yaml:"paediatric_assessment_space" unit:"money"`
	PaediatricBed        float64 `yaml:"paediatric_bed" unit:"money"`
}

// Pressure is what the acute trust pays, beyond its activity and
// capacity, when its hospital runs full, in pounds at PriceYear prices
// (costs, inflated as the other costs). Escalation beds
// (CapacityCosts.EscalationBedDay), delayed bed days
// (UnitCosts.DelayedBedDay) and the contract's fines and charges
// (Payment) are priced where they are; all of them make the bridge's
// pressure step.
type Pressure struct {
	// CancelledOperation is the cost of an elective booking cancelled on
	// the day for want of a bed: the theatre slot it leaves empty, which
	// the trust pays for again when the patient is rebooked.
	CancelledOperation float64 `yaml:"cancelled_operation" unit:"money"`
	// PostponedOperation is the cost of a booking postponed on the day
	// by the elective programme's rule (services.elective.postpone_above):
	// the part of its slot not used for emergency cases instead.
	PostponedOperation float64 `yaml:"postponed_operation" unit:"money"`
	// WaitingListInitiative is the trust's rule for extra sessions at a
	// premium when its waiting list is over the 18-week standard.
	WaitingListInitiative WaitingListInitiative `yaml:"waiting_list_initiative"`
}

// WaitingListInitiative is a rule for waiting-list initiatives: in a year
// whose waiting list had on average more than Above of its patients
// waiting over 18 weeks, the trust treats the patients it admits after 18
// weeks in extra sessions, each at Premium over what its activity costs
// (sessional pay above contracted rates, or the independent sector's
// price above the trust's marginal cost). Premium 0 is no rule.
type WaitingListInitiative struct {
	Above   float64 `yaml:"above" unit:"fraction"`
	Premium float64 `yaml:"premium" unit:"money"`
}

// FixedCost is a yearly cost that does not move with activity or capacity:
// a PFI contract's unitary payment is paid whether beds close or not. In
// financial year y it is
//
//	Amount × (Indexed × (1 + Index)^n + 1 − Indexed)
//
// with n = y − PriceYear: the indexed share rises with its index (RPI for a
// PFI), the rest stays flat in cash.
type FixedCost struct {
	// Name says what the cost is ("pfi").
	Name string `yaml:"name"`
	// Organisation is the body that pays it.
	Organisation string `yaml:"organisation"`
	// Amount is the cost a year in the price year, in pounds.
	Amount float64 `yaml:"amount" unit:"money"`
	// Indexed is the share of Amount that rises with Index, as a
	// fraction.
	Indexed float64 `yaml:"indexed" unit:"fraction"`
	// Index is the index's yearly rise, as a fraction (RPI for a PFI).
	Index float64 `yaml:"index" unit:"fraction"`
}

// Organisation is one body whose deficit is reported: the acute trust, the
// community provider, social care (the county council) or the
// commissioners. Its Funding and Other state where it starts: with the
// payments of Payment and the modelled costs, they give its position in
// the first financial year.
type Organisation struct {
	// Name is one of acute, community, social-care, commissioners.
	Name string `yaml:"name"`
	// Funding is the organisation's income in the first financial year
	// from outside the system (for commissioners, their allocation; for
	// social care, its budget for adult care; for the acute trust, what
	// other commissioners and national bodies pay it), in pounds.
	Funding float64 `yaml:"funding" unit:"money"`
	// Growth is the yearly growth of Funding, as a fraction, in cash
	// terms. It must be 0 when Tariff is set.
	Growth float64 `yaml:"growth" unit:"fraction"`
	// Tariff says that Funding is paid at the national tariff: instead of
	// growing by Growth it grows with Volume, with casemix
	// (Inflation.NonDemographic) and with the tariff's price
	// (Payment.Prices), as the tariff pays for the trust's activity.
	Tariff bool `yaml:"tariff"`
	// Other is costs outside the model (overheads, services not
	// simulated) in the first year, in pounds at PriceYear prices; they
	// grow with inflation and with Volume.
	Other float64 `yaml:"other" unit:"money"`
	// OtherAtTariff is the share of Other that the organisation pays NHS
	// providers outside the system, whose prices follow the tariff's
	// rules: that share moves with the tariff's price and casemix
	// (Payment.Prices, Inflation.NonDemographic), not with pay and prices;
	// the providers' efficiency is theirs to find. A fraction.
	OtherAtTariff float64 `yaml:"other_at_tariff" unit:"fraction"`
	// Volume is the yearly growth in the volume of the organisation's
	// business outside the model (demography), as a fraction: it moves
	// Other and, with Tariff, Funding. 0 holds their volume constant.
	Volume float64 `yaml:"volume" unit:"fraction"`
}

// Payment is how commissioners pay the NHS providers for the activity they
// do, and the other rules that move money between the bodies. The
// system's deficit is the same under every rule, but for the
// sustainability fund, which brings money from outside; the rules decide
// which organisation carries it.
type Payment struct {
	// Rule is tariff (paid per spell and attendance at the national
	// tariff), block (a fixed sum per year, Block, growing with Growth)
	// or alliance (a capitated budget whose overall gap is shared by
	// Shares, in place of every payment between the bodies).
	Rule string `yaml:"rule"`
	// Tariff is the price paid per unit of the acute trust's activity
	// (attendances, spells, excess bed days) in the price year, relative
	// to its unit cost (1 is cost); used by the tariff rule.
	Tariff float64 `yaml:"tariff"`
	// Prices are the tariff's yearly price changes: each entry's cost
	// uplift and efficiency factor apply from its year until the next
	// entry's; years before the first have none. The tariff's price in
	// year y is the price year's times the product, over the years after
	// the price year up to y, of (1 + CostUplift − Efficiency).
	Prices []PriceChange `yaml:"prices"`
	// MarginalRate pays emergency spells above a threshold at a share of
	// the tariff; used by the tariff rule.
	MarginalRate MarginalRate `yaml:"marginal_rate"`
	// ReadmissionsUnpaid is the share of emergency readmissions the
	// tariff does not pay (judged avoidable), as a fraction; used by the
	// tariff rule.
	ReadmissionsUnpaid float64 `yaml:"readmissions_unpaid" unit:"fraction"`
	// Sanctions are the contract's fines for A&E 4-hour breaches, by
	// year, paid by the acute trust to the commissioners.
	Sanctions []Sanction `yaml:"sanctions"`
	// RTTSanctions are the contract's fines for breaches of the 18-week
	// referral-to-treatment standards, by year, paid by the acute trust
	// to the commissioners.
	RTTSanctions []RTTSanction `yaml:"rtt_sanctions"`
	// HandoverFines are the contract's fines for ambulance handovers
	// over 30 and 60 minutes, by year, paid by the acute trust to the
	// commissioners.
	HandoverFines []HandoverFine `yaml:"handover_fines"`
	// CancelledUnpaid is the share of the tariff not paid for the
	// rescheduled episode of a patient not treated within 28 days of an
	// operation cancelled on the day, by year; used by the tariff rule.
	CancelledUnpaid []Rate `yaml:"cancelled_unpaid"`
	// DelayedDischarge is what social care reimburses the acute trust
	// for the bed days of patients whose delay is social care's, by
	// year.
	DelayedDischarge []Reimbursement `yaml:"delayed_discharge"`
	// Contracts are what the commissioners pay providers for services
	// outside the model, under every rule but alliance.
	Contracts []Contract `yaml:"contracts"`
	// Block is the yearly block contract per provider, in the first year;
	// used by the block rule.
	Block []Block `yaml:"block"`
	// Shares is each organisation's share of the alliance's gain or loss,
	// summing to 1; used by the alliance rule.
	Shares []Share `yaml:"shares"`
	// RiskShare is an alliance agreement over the bilateral contracts,
	// sharing the change in the parties' deficits from the year it
	// starts.
	RiskShare RiskShare `yaml:"risk_share"`
	// BetterCareFund is the pooled budget the commissioners pay into
	// for social care, part of it paid for performance.
	BetterCareFund BetterCareFund `yaml:"better_care_fund"`
	// Sustainability is the national fund paid to the acute trust on
	// conditions: its control total and A&E performance.
	Sustainability Sustainability `yaml:"sustainability"`
}

// PriceChange is the national tariff's price change from one year: the
// cost uplift (the national estimate of providers' cost inflation) less
// the efficiency factor, both as fractions.
type PriceChange struct {
	// From is the first financial year it applies to, such as "2015/16".
	From       string  `yaml:"from"`
	CostUplift float64 `yaml:"cost_uplift" unit:"fraction"`
	Efficiency float64 `yaml:"efficiency" unit:"fraction"`
}

// MarginalRate is the rule that pays emergency spells above a baseline
// volume at a share of the tariff: a spell above Threshold a year (pro
// rata in a part year) is paid at the rate in force, the rest in full.
type MarginalRate struct {
	// Threshold is the baseline: emergency spells a year paid in full.
	Threshold float64 `yaml:"threshold"`
	// Rates are the share of the tariff paid above Threshold, by year:
	// each entry from its year until the next's; years before the first
	// pay in full.
	Rates []Rate `yaml:"rates"`
}

// Rate is a share that applies from a financial year.
type Rate struct {
	From string  `yaml:"from"`
	Rate float64 `yaml:"rate" unit:"fraction"`
}

// Sanction is the A&E 4-hour fine from a financial year until the next
// entry's: PerBreach for each patient beyond the (1 − Standard) share of
// attendances who waited over 4 hours, down to Floor: no fine for
// breaches beyond the (1 − Floor) share. PerBreach 0 suspends it.
type Sanction struct {
	From      string  `yaml:"from"`
	PerBreach float64 `yaml:"per_breach" unit:"money"` // pounds of the year, not inflated
	Standard  float64 `yaml:"standard" unit:"fraction"`
	Floor     float64 `yaml:"floor" unit:"fraction"`
}

// RTTSanction is the 18-week fines from a financial year until the next
// entry's, in pounds of the year (not inflated): Admitted for each
// elective admission after 18 weeks beyond the (1 − AdmittedStandard)
// share of admissions; Incomplete, at each month's end, for each patient
// on the waiting list over 18 weeks beyond the (1 − IncompleteStandard)
// share of the list. 0 suspends either.
type RTTSanction struct {
	From               string  `yaml:"from"`
	Admitted           float64 `yaml:"admitted" unit:"money"`
	AdmittedStandard   float64 `yaml:"admitted_standard" unit:"fraction"`
	Incomplete         float64 `yaml:"incomplete" unit:"money"`
	IncompleteStandard float64 `yaml:"incomplete_standard" unit:"fraction"`
}

// HandoverFine is the ambulance handover fines from a financial year
// until the next entry's, in pounds of the year: Over30 for each patient
// handed over 30 to 60 minutes after arrival, Over60 for each over 60
// minutes. 0 suspends either.
type HandoverFine struct {
	From   string  `yaml:"from"`
	Over30 float64 `yaml:"over_30min" unit:"money"`
	Over60 float64 `yaml:"over_60min" unit:"money"`
}

// Reimbursement is the delayed-discharge payment from a financial year
// until the next entry's: social care pays the acute trust PerDay pounds
// of the year for each bed day of a delay that is social care's, on the
// share Levied of them (the NHS may charge; it often did not).
type Reimbursement struct {
	From   string  `yaml:"from"`
	PerDay float64 `yaml:"per_day" unit:"money"`
	Levied float64 `yaml:"levied" unit:"fraction"`
}

// Contract is a contract the commissioners pay a provider for services
// outside the model: Amount in the first year, growing by Growth a year
// in cash (a block contract) or, with Tariff, paid at the tariff: growing
// by Growth in volume, with casemix and with the tariff's price.
type Contract struct {
	Organisation string  `yaml:"organisation"`
	Amount       float64 `yaml:"amount" unit:"money"`
	Growth       float64 `yaml:"growth" unit:"fraction"`
	Tariff       bool    `yaml:"tariff"`
}

// Block is one provider's block contract.
type Block struct {
	Organisation string  `yaml:"organisation"`
	Amount       float64 `yaml:"amount" unit:"money"` // pounds per year, first year
	// Growth is the contract's yearly uplift, as a fraction.
	Growth float64 `yaml:"growth" unit:"fraction"`
}

// Share is one organisation's share of an alliance's gain or loss.
type Share struct {
	Organisation string  `yaml:"organisation"`
	Share        float64 `yaml:"share" unit:"fraction"`
}

// RiskShare is an alliance agreement over the bilateral contracts, from
// the financial year From: each party carries its own deficit of the year
// before From (its plan) and its Share of the change in the parties'
// deficits since, summed. Organisations without a share are outside it.
// An empty From means none.
type RiskShare struct {
	From   string  `yaml:"from"`
	Shares []Share `yaml:"shares"`
}

// BetterCareFund is a pooled budget from the financial year From: the
// commissioners pay social care Transfer a year, and Performance a year
// more when the year's emergency spells per day fell by at least Target
// against the year before's; when they did not, Performance is paid to
// the acute trust instead, for the admissions not avoided. Both grow by
// Growth a year from From, pro rata in a part year. Performance is at
// risk until PerformanceTo (every year when empty). An empty From means
// none.
type BetterCareFund struct {
	From          string  `yaml:"from"`
	Transfer      float64 `yaml:"transfer" unit:"money"`
	Performance   float64 `yaml:"performance" unit:"money"`
	Growth        float64 `yaml:"growth" unit:"fraction"`
	Target        float64 `yaml:"target" unit:"fraction"`
	PerformanceTo string  `yaml:"performance_to"`
}

// Sustainability is a national fund paid to the acute trust from the
// financial year From, Amount a year growing by Growth: the share
// 1 − Performance when the trust's deficit before it is within its
// control total, the share Performance when its A&E 4-hour performance
// is at least Standard. The control total is the trust's deficit in the
// year before From less Stretch × its costs that year. An empty From
// means none.
type Sustainability struct {
	From        string  `yaml:"from"`
	Amount      float64 `yaml:"amount" unit:"money"`
	Growth      float64 `yaml:"growth" unit:"fraction"`
	Stretch     float64 `yaml:"stretch" unit:"fraction"`
	Performance float64 `yaml:"performance" unit:"fraction"`
	Standard    float64 `yaml:"standard" unit:"fraction"`
}

// Projection is a published projection of the system's gap: Gap pounds in
// the financial year Year, as Label describes it.
type Projection struct {
	Year  string  `yaml:"year"`
	Gap   float64 `yaml:"gap" unit:"money"`
	Label string  `yaml:"label"`
}

// Clone returns a copy of p that shares no memory with it, for a caller
// that changes one parameter (a sensitivity analysis).
func (p *Params) Clone() *Params {
	c := *p
	c.FixedCosts = slices.Clone(p.FixedCosts)
	c.Organisations = slices.Clone(p.Organisations)
	pay := &c.Payment
	pay.Prices = slices.Clone(pay.Prices)
	pay.MarginalRate.Rates = slices.Clone(pay.MarginalRate.Rates)
	pay.Sanctions = slices.Clone(pay.Sanctions)
	pay.RTTSanctions = slices.Clone(pay.RTTSanctions)
	pay.HandoverFines = slices.Clone(pay.HandoverFines)
	pay.CancelledUnpaid = slices.Clone(pay.CancelledUnpaid)
	pay.DelayedDischarge = slices.Clone(pay.DelayedDischarge)
	pay.Contracts = slices.Clone(pay.Contracts)
	pay.Block = slices.Clone(pay.Block)
	pay.Shares = slices.Clone(pay.Shares)
	pay.RiskShare.Shares = slices.Clone(pay.RiskShare.Shares)
	return &c
}
