package finance

// Params is the money side of a scenario: what activity and capacity cost,
// how prices rise, who is funded with what, and how commissioners pay
// providers. Scenario files decode straight into it (the `money:` section);
// money fields take "£1.2m", "250k" or a bare number of pounds.
//
// Every amount is at the prices of PriceYear; Inflation moves them on year
// by year.
type Params struct {
	// PriceYear is the financial year whose prices the amounts are in,
	// such as "2014/15".
	PriceYear string `yaml:"price_year"`

	Inflation     Inflation      `yaml:"inflation"`
	UnitCosts     UnitCosts      `yaml:"unit_costs"`
	CapacityCosts CapacityCosts  `yaml:"capacity_costs"`
	Organisations []Organisation `yaml:"organisations"`
	Payment       Payment        `yaml:"payment"`
}

// Inflation is the yearly rise in costs, as fractions. A cost of the price
// year rises in financial year y by
//
//	(1 + PayShare×Pay + (1−PayShare)×Prices + NonDemographic)^y
//
// where NonDemographic is cost growth per unit of activity that demography
// does not explain (new treatments, rising acuity).
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
	// ExcessAfter is the stay after which an emergency spell's bed days
	// are excess days (the trim point), in days.
	ExcessAfter float64 `yaml:"excess_after" unit:"duration"`

	IntermediateCareBedDay float64 `yaml:"intermediate_care_bed_day" unit:"money"` // community provider
	CommunityCaseloadDay   float64 `yaml:"community_caseload_day" unit:"money"`    // community provider: per person enrolled per day
	CallForCareContact     float64 `yaml:"call_for_care_contact" unit:"money"`     // community provider: per call Call for Care answers
	ReablementDay          float64 `yaml:"reablement_day" unit:"money"`            // social care: per package per day
	CareHomeWeek           float64 `yaml:"care_home_week" unit:"money"`            // social care: per resident per week
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
	// EscalationBedDay is the acute trust's cost of an escalation bed
	// (services.acute.management.escalation) per day open, occupied or
	// not, in place of AcuteBed: staffed by agency and bank staff at a
	// premium.
	EscalationBedDay float64 `yaml:"escalation_bed_day" unit:"money"`
}

// Organisation is one body whose deficit is reported: the acute trust, the
// community provider, social care (the county council) or the
// commissioners.
type Organisation struct {
	// Name is one of acute, community, social-care, commissioners.
	Name string `yaml:"name"`
	// Funding is the organisation's income in the first financial year
	// from outside the system (for commissioners, their allocation; for
	// social care, its budget for adult care), in pounds.
	Funding float64 `yaml:"funding" unit:"money"`
	// Growth is the yearly growth of Funding, as a fraction, in cash
	// terms.
	Growth float64 `yaml:"growth" unit:"fraction"`
	// Other is costs outside the model (overheads, services not
	// simulated) in the first year, in pounds at PriceYear prices; they
	// grow with inflation.
	Other float64 `yaml:"other" unit:"money"`
}

// Payment is how commissioners pay the NHS providers for the activity they
// do. The system's deficit is the same under every rule; the rule decides
// which organisation carries it.
type Payment struct {
	// Rule is tariff (paid per spell and attendance at Tariff × unit
	// cost), block (a fixed sum per year, Block, growing with Growth) or
	// alliance (a capitated budget whose overall gap is shared by Shares).
	Rule string `yaml:"rule"`
	// Tariff is the price paid per unit of the acute trust's activity
	// (attendances, spells, excess bed days) relative to its unit cost (1
	// is cost); used by the tariff rule.
	Tariff float64 `yaml:"tariff"`
	// Block is the yearly block contract per provider, in the first year;
	// used by the block rule.
	Block []Block `yaml:"block"`
	// Shares is each organisation's share of the alliance's gain or loss,
	// summing to 1; used by the alliance rule.
	Shares []Share `yaml:"shares"`
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
