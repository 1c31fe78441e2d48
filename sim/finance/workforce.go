package finance

// Roles are the workforce's roles, in the order of package care's
// RoleNames (package sim checks that they agree), as they key the money
// section's workforce costs.
var Roles = [NumRoles]string{"nurses", "doctors", "therapists", "social_workers", "care_workers", "gps"}

// NumRoles is the number of the workforce's roles.
const NumRoles = 6

// Workforce is what a whole-time equivalent of each role costs a year and
// the premium its bank and agency staff cost on top, in pounds at
// PriceYear prices. The pay of the staff who open the capacity is in the
// capacity costs already; the agency premium is what covering vacancies
// with bank and agency staff costs beyond it.
type Workforce struct {
	Nurses        RoleCost `yaml:"nurses"`
	Doctors       RoleCost `yaml:"doctors"`
	Therapists    RoleCost `yaml:"therapists"`
	SocialWorkers RoleCost `yaml:"social_workers"`
	CareWorkers   RoleCost `yaml:"care_workers"`
	GPs           RoleCost `yaml:"gps"`
}

// Role returns the costs of role r, indexed as Roles.
func (w *Workforce) Role(r int) *RoleCost {
	return [NumRoles]*RoleCost{&w.Nurses, &w.Doctors, &w.Therapists, &w.SocialWorkers, &w.CareWorkers, &w.GPs}[r]
}

// RoleCost is one role's cost.
type RoleCost struct {
	// Cost is a whole-time equivalent's employment cost a year: pay and
	// the employer's on-costs (national insurance, pension).
	Cost float64 `yaml:"cost" unit:"money"`
	// AgencyPremium is what a bank or agency whole-time equivalent costs
	// beyond Cost, as a share of Cost: 0.6 is 60% more.
	AgencyPremium float64 `yaml:"agency_premium" unit:"factor"`
}

// agencyPremium returns the yearly premium of the agency WTE a of each
// role, at price-year prices: Σ_r a[r] × Cost_r × AgencyPremium_r.
func (w *Workforce) agencyPremium(a [NumRoles]float64) float64 {
	t := 0.0
	for r, x := range a {
		rc := w.Role(r)
		t += x * rc.Cost * rc.AgencyPremium
	}
	return t
}

// AgencySpend returns the yearly cost of the agency WTE a of each role,
// premium included, at price-year prices: Σ_r a[r] × Cost_r × (1 +
// AgencyPremium_r). Reports show it beside the premium the accounts
// count.
func (w *Workforce) AgencySpend(a [NumRoles]float64) float64 {
	t := 0.0
	for r, x := range a {
		rc := w.Role(r)
		t += x * rc.Cost * (1 + rc.AgencyPremium)
	}
	return t
}
