package finance

// Steps of the gap bridge: what moved a body's deficit from one year to a
// later one, in [Steps]' order. Each is a change in pounds of the later
// year's deficit: positive widens the gap.
const (
	StepDemography = iota
	StepNonDemographic
	StepPayAndPrices
	StepTariffEfficiency
	StepMarginalRate
	StepReadmissions
	StepCapacity
	StepPressure
	StepInterventions
	StepFixedCosts
	StepFunding
	StepSustainability
	StepBetterCareFund
	StepContracts
	StepRiskShare
	NumSteps
)

// Steps describes the steps of [Bridge], indexed by the Step constants.
var Steps = [NumSteps]Measure{
	StepDemography:       {Name: "demography", Unit: "£", Doc: "activity volume: the change in the activity the model simulates (but delayed bed days) at the first year's prices, and in the volume of the business outside the model (organisations[].volume) and what the tariff pays for both"},
	StepNonDemographic:   {Name: "non_demographic", Unit: "£", Doc: "non-demographic growth: costs rising by inflation.non_demographic a year, less what the tariff pays for the costlier casemix"},
	StepPayAndPrices:     {Name: "pay_and_prices", Unit: "£", Doc: "pay and prices: costs rising with pay and prices, less the tariff's cost uplift"},
	StepTariffEfficiency: {Name: "tariff_efficiency", Unit: "£", Doc: "the tariff's efficiency factor: the prices the tariff pays falling behind its cost uplift"},
	StepMarginalRate:     {Name: "marginal_rate", Unit: "£", Doc: "emergency spells above the marginal-rate threshold paid at the marginal rate: a loss to the trust, a saving to the commissioners"},
	StepReadmissions:     {Name: "readmissions", Unit: "£", Doc: "emergency readmissions the tariff does not pay"},
	StepCapacity:         {Name: "capacity", Unit: "£", Doc: "beds, cubicles and places open (escalation beds apart), at the first year's prices"},
	StepPressure:         {Name: "pressure", Unit: "£", Doc: "costs of a system under pressure (finance.Pressures): escalation beds, delayed bed days, the agency premium of staff covering vacancies, cancelled and postponed operations and waiting-list initiatives at the first year's prices; rescheduled episodes unpaid; A&E, 18-week and ambulance handover fines; delayed-discharge payments from social care"},
	StepInterventions:    {Name: "interventions", Unit: "£", Doc: "interventions' set-up and recurrent costs at the first year's prices (their savings show in the other steps, against a scenario without them)"},
	StepFixedCosts:       {Name: "fixed_costs", Unit: "£", Doc: "fixed costs such as a PFI's unitary payment, rising with their index"},
	StepFunding:          {Name: "funding", Unit: "£", Doc: "funding from outside the system growing (allocations, budgets): narrows the gap"},
	StepSustainability:   {Name: "sustainability_fund", Unit: "£", Doc: "the sustainability fund paid to the acute trust"},
	StepBetterCareFund:   {Name: "better_care_fund", Unit: "£", Doc: "the Better Care Fund's payments from the commissioners"},
	StepContracts:        {Name: "contracts", Unit: "£", Doc: "block contracts' payments growing"},
	StepRiskShare:        {Name: "risk_share", Unit: "£", Doc: "the alliance's sharing of gains and losses"},
}

// Bridge returns the steps by which each body's deficit moved from years[i]
// to years[j] of one replication's accounts (as [Accounts] returns them):
// Bridge(...)[b][s] for body b and step s ([Steps]), in pounds. They sum
// to years[j].Money[b][Deficit] − years[i].Money[b][Deficit], exactly but
// for rounding: the decomposition is of the model's own accounting.
//
// # Steps
//
// A cost line is its value at price-year prices Q times the cost factor
// G = N × P, N = (1 + NonDemographic)^n and P = (1 + PayAndPrices)^n. Its
// change is taken apart in turn:
//
//	ΔC = G_i ΔQ + Q_j (N_j − N_i) P_i + Q_j N_j (P_j − P_i)
//
// the first term going to the step of the line (demography for activity
// and the business outside the model, capacity, pressure for escalation
// beds, delayed bed days, cancelled operations and waiting-list
// initiatives, interventions), the second to
// non_demographic, the third to pay_and_prices. What the tariff pays is a
// value V at the price year's tariff prices times N and the price index
// U × E (U the cost uplifts compounded, E the efficiency factors'
// shortfall), so
//
//	ΔT = N_i U_i E_i ΔV + V_j (N_j − N_i) U_i E_i + V_j N_j (U_j − U_i) E_i + V_j N_j U_j (E_j − E_i)
//
// to demography (V's change in full; its marginal-rate and readmission
// reductions to their own steps, the rescheduled episodes unpaid to
// pressure), non_demographic, pay_and_prices and
// tariff_efficiency; costs paid at the tariff (Organisation.OtherAtTariff)
// are taken apart the same way, with the opposite sign. Fixed costs,
// funding, the sustainability fund, fines and delayed-discharge payments
// (pressure), the Better Care Fund, block contracts and the risk share
// are cash: their changes are steps of their own. The order of the terms
// (volume, then non-demographic growth, then pay and prices, then
// efficiency) decides how their joint effects are shared; any order would
// sum to the same change.
//
// The system's steps are the organisations' summed; payments cancel in
// them.
func Bridge(years []Year, i, j int) [NumBodies][NumSteps]float64 {
	var out [NumBodies][NumSteps]float64
	f0, f1 := years[i].f, years[j].f
	g0 := f0.nd * f0.pp
	pi0 := f0.pu * f0.eff
	for b := range System {
		t0, t1 := &years[i].t[b], &years[j].t[b]
		d := func(k int) float64 { return t1[k] - t0[k] }
		s := &out[b]
		s[StepDemography] += g0 * (d(tAct) + d(tOther))
		s[StepCapacity] += g0 * d(tCapacity)
		s[StepPressure] += g0 * (d(tDelayed) + d(tEscalation) + d(tAgency) + d(tCancelledOps) + d(tWaitingList))
		s[StepInterventions] += g0 * d(tInterventions)
		q1 := t1[tAct] + t1[tDelayed] + t1[tCapacity] + t1[tEscalation] + t1[tAgency] + t1[tCancelledOps] + t1[tWaitingList] +
			t1[tInterventions] + t1[tOther]
		s[StepNonDemographic] += q1 * (f1.nd - f0.nd) * f0.pp
		s[StepPayAndPrices] += q1 * f1.nd * (f1.pp - f0.pp)
		s[StepFixedCosts] += d(tFixed)

		// What the tariff pays, income and funding, less what is paid at
		// the tariff: less is a wider gap.
		v1 := t1[tTariffed] + t1[tTariffFunding] - t1[tMarginal] - t1[tReadmitted] - t1[tCancelledUnpaid] - t1[tOtherTariff]
		s[StepDemography] -= f0.nd * pi0 * (d(tTariffed) + d(tTariffFunding) - d(tOtherTariff))
		s[StepMarginalRate] += f0.nd * pi0 * d(tMarginal)
		s[StepReadmissions] += f0.nd * pi0 * d(tReadmitted)
		s[StepPressure] += f0.nd * pi0 * d(tCancelledUnpaid)
		s[StepNonDemographic] -= v1 * (f1.nd - f0.nd) * pi0
		s[StepPayAndPrices] -= v1 * f1.nd * (f1.pu - f0.pu) * f0.eff
		s[StepTariffEfficiency] -= v1 * f1.nd * f1.pu * (f1.eff - f0.eff)

		s[StepFunding] -= d(tFunding)
		s[StepSustainability] -= d(tSTF)
		s[StepPressure] -= d(tSanctions) + d(tRTT) + d(tHandover) + d(tReimbursed)
		s[StepBetterCareFund] -= d(tBCF)
		s[StepContracts] -= d(tContracts)
		s[StepRiskShare] -= d(tRisk)
		for k := range NumSteps {
			out[System][k] += s[k]
		}
	}
	return out
}
