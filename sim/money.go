package sim

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/finance"
	"caresim/sim/stats"
)

// MoneyResults are a run's accounts: each replication's activity priced by
// package finance, per financial year and body (the four organisations
// and the system), and summarised across replications. Randomness and the
// interventions' drawn effects reach the money through each replication's
// activity, so the confidence intervals carry both.
type MoneyResults struct {
	// Years names the financial years, as Results.Years.
	Years []string
	// Reps holds each replication's accounts, one finance.Year per year.
	Reps [][]finance.Year
	// Annual[y][b][k] summarises body b's line k in year Years[y] across
	// replications (mean and Student-t 95% confidence interval), indexed
	// as finance.BodyNames and finance.Measures; amounts are in pounds of
	// that year.
	Annual [][finance.NumBodies][finance.NumMeasures]stats.Summary
	// Pressure[y][b][k] summarises, in the same way, what body b's deficit
	// owes to pressure cost k in year Years[y] (finance.Pressures;
	// finance.Year.Pressure).
	Pressure [][finance.NumBodies][finance.NumPressures]stats.Summary
	// FinalYear is the index in Years of the final year: the last one
	// simulated whole, or the last one if none is whole.
	FinalYear int
	// Metrics are deficit_final_year_gbp (the deficit in Years[FinalYear])
	// and deficit_cumulative_gbp (summed over all years) for the system,
	// then each organisation's, named with its suffix
	// (deficit_final_year_gbp_acute, …_social_care). A deficit is cost −
	// funding − income: positive is a gap, negative a surplus.
	Metrics []Metric
	// Bridge[b][s] is body b's step s of the gap bridge from Years[0] to
	// Years[FinalYear] (finance.Bridge), each replication's with their
	// summary, indexed as finance.BodyNames and finance.Steps: the steps
	// sum, replication by replication, to the change in the body's
	// deficit between the two years.
	Bridge [finance.NumBodies][finance.NumSteps]Metric

	// What the accounts were priced from, for repricing: each
	// replication's activity, the money and the interventions' costs.
	activity [][]finance.Activity
	money    *finance.Params
	ivs      []finance.Intervention
}

// Deficits returns body b's deficit in Years[y], each replication's.
func (m *MoneyResults) Deficits(b, y int) []float64 {
	out := make([]float64, len(m.Reps))
	for i, acc := range m.Reps {
		out[i] = acc[y].Money[b][finance.Deficit]
	}
	return out
}

// Metric returns the money metric with the given name, or nil.
func (m *MoneyResults) Metric(name string) *Metric {
	for i := range m.Metrics {
		if m.Metrics[i].Name == name {
			return &m.Metrics[i]
		}
	}
	return nil
}

// MoneyMetricNames are the names of MoneyResults.Metrics, in order.
var MoneyMetricNames = moneyMetricNames()

func moneyMetricNames() []string {
	var names []string
	for _, m := range MoneyMetricMeasures() {
		names = append(names, m.Name)
	}
	return names
}

// MoneyMetricMeasures returns the names, units and meanings of
// MoneyResults.Metrics, in order, for headers written before any run: the
// names do not depend on results. Their docs name no financial year; a
// run's Metrics name the years they cover.
func MoneyMetricMeasures() []care.Measure {
	return moneyMeasures("the final year simulated whole", "all the years simulated")
}

// moneyMeasures returns the measures of the money metrics, whose docs say
// which year the final-year metrics cover (final) and which years the
// cumulative ones sum (span).
func moneyMeasures(final, span string) []care.Measure {
	var out []care.Measure
	for _, mt := range []struct{ base, doc string }{
		{"deficit_final_year_gbp", "deficit (cost − funding − income; positive is a gap) in " + final + ", in pounds of that year"},
		{"deficit_cumulative_gbp", "deficit summed over " + span + ", in pounds of each year"},
	} {
		for _, b := range MoneyBodies {
			owner := finance.BodyNames[b] + "'s"
			if strings.HasSuffix(owner, "s's") {
				owner = strings.TrimSuffix(owner, "s") // the commissioners'
			}
			out = append(out, care.Measure{Name: mt.base + bodySuffix(b), Unit: "£", Doc: "the " + owner + " " + mt.doc})
		}
	}
	return out
}

// MoneyBodies are the bodies (finance.BodyNames' indices) in the order
// of the money metrics, and of reports by body: the system first, then
// the organisations.
var MoneyBodies = [finance.NumBodies]int{finance.System, finance.Acute, finance.Community, finance.SocialCare, finance.Commissioners}

// bodySuffix is "" for the system and "_" and the organisation's name in
// snake case for the others ("_social_care").
func bodySuffix(b int) string {
	if b == finance.System {
		return ""
	}
	return "_" + strings.ReplaceAll(finance.BodyNames[b], "-", "_")
}

// pressureMeasures are the indices of the annual measures that the
// pressure costs are priced from, which the services' measure tables
// define by name (care.AnnualIndex); −1 for a measure the model lacks.
var pressureMeasures = struct {
	socialCareDays, postponed, not28d, within18w, list, over18w, over30, over60 int
	mhBeds, liaison, outOfArea, ooh                                             int
}{
	care.AnnualIndex("delayed_days_social_care"),
	care.AnnualIndex("elective_postponed"),
	care.AnnualIndex("elective_cancelled_not_treated_28d"),
	care.AnnualIndex("elective_treated_within_18w"),
	care.AnnualIndex("elective_waiting_list"),
	care.AnnualIndex("elective_waiting_over_18w"),
	care.AnnualIndex("ambulance_handovers_over_30min"),
	care.AnnualIndex("ambulance_handovers_over_60min"),
	care.AnnualIndex("mh_beds"),
	care.AnnualIndex("liaison_practitioners"),
	care.AnnualIndex("mh_out_of_area"),
	care.AnnualIndex("ooh_clinicians"),
}

// Activity returns the activity of one replication's financial years, for
// finance.Accounts.
func Activity(r *care.Result) []finance.Activity {
	out := make([]finance.Activity, len(r.Annual))
	pm := &pressureMeasures
	for y := range r.Annual {
		a := r.Annual[y]
		at := func(k int) float64 {
			if k < 0 {
				return 0
			}
			return a[k]
		}
		from := r.Start
		if y > 0 {
			// Every year after the first starts on 1 April.
			from = des.FinancialYearStart(from.FinancialYear() + y)
		}
		out[y] = finance.Activity{
			From:                    from,
			Days:                    int(a[care.AnnualDays]),
			EDAttendances:           a[care.AnnualEDAttendances],
			UTCAttendances:          a[care.AnnualUTCAttendances],
			SDECAttendances:         a[care.AnnualSDECAttendances],
			CallForCareContacts:     a[care.AnnualCallForCareContacts],
			AE4hBreaches:            a[care.AnnualAE4hBreaches],
			NonElectiveSpells:       a[care.AnnualNELAdmissions],
			Readmissions:            a[care.AnnualReadmissions],
			ElectiveSpells:          a[care.AnnualElectiveAdmissions],
			ExcessBedDays:           a[care.AnnualExcessBedDays],
			DelayedBedDays:          a[care.AnnualDelayedBedDays],
			IntermediateCareBedDays: a[care.AnnualICBedDays],
			ReablementDays:          a[care.AnnualReablementDays],
			CareHomeBedDays:         a[care.AnnualCareHomeBedDays],
			CommunityCaseloadDays:   a[care.AnnualCommunityCaseloadDays],
			AcuteBeds:               a[care.AnnualAcuteBeds] - a[care.AnnualEscalationBeds],
			EDCubicles:              a[care.AnnualEDCubicles],
			IntermediateCareBeds:    a[care.AnnualICBeds],
			ReablementPlaces:        a[care.AnnualReablementPlaces],
			CommunityPlaces:         a[care.AnnualCommunityPlaces],
			UCRPlaces:               a[care.AnnualUCRPlaces],
			EscalationBedDays:       a[care.AnnualEscalationBedDays],
			DelayedDaysSocialCare:   at(pm.socialCareDays),
			ElectiveCancellations:   a[care.AnnualElectiveCancellations],
			ElectivePostponed:       at(pm.postponed),
			CancelledNot28d:         at(pm.not28d),
			ElectiveWithin18w:       at(pm.within18w),
			WaitingList:             at(pm.list),
			WaitingOver18w:          at(pm.over18w),
			HandoversOver30:         at(pm.over30),
			HandoversOver60:         at(pm.over60),
			MentalHealthBeds:        at(pm.mhBeds),
			LiaisonPractitioners:    at(pm.liaison),
			OutOfAreaPlacements:     at(pm.outOfArea),
			OutOfHoursClinicians:    at(pm.ooh),
		}
		womensActivity(&out[y], a)
		for e, org := range care.Employers {
			b := slices.Index(finance.BodyNames[:], org)
			if b < 0 {
				continue // independent providers: their premium is in their fees
			}
			for r := range finance.NumRoles {
				out[y].AgencyWTE[b][r] = a[agencyIx[e][r]]
			}
		}
		outpatientActivity(&out[y], a)
	}
	return out
}

// womensActivity fills the women's and children's services' activity of
// one financial year from its annual measures a.
func womensActivity(out *finance.Activity, a []float64) {
	at := func(name string) float64 {
		if i := care.AnnualIndex(name); i >= 0 {
			return a[i]
		}
		return 0
	}
	out.MaternityAdmissions = at("maternity_admissions")
	out.NeonatalDays = [3]float64{at("neonatal_intensive_days"), at("neonatal_high_dependency_days"), at("neonatal_special_days")}
	out.PaediatricAssessments = at("paediatric_assessments")
	out.PaediatricAdmissions = at("paediatric_admissions")
	out.MaternityBeds = at("maternity_beds")
	out.NeonatalCots = at("neonatal_beds")
	out.PaediatricSpaces = at("paediatric_assessment_spaces")
	out.PaediatricBeds = at("paediatric_beds")
}

// agencyIx holds the indices of the annual measures of each employer's
// agency WTE by role, which Activity passes to the accounts (but the
// independent providers', whose premium is in the fees they charge).
var agencyIx = func() (ix [care.NumEmployers][care.NumRoles]int) {
	for e, org := range care.Employers {
		if !slices.Contains(finance.BodyNames[:], org) && org != "independent" {
			panic("sim: the care model's employer " + org + " is not an organisation of the accounts")
		}
		for r, role := range care.RoleNames {
			if finance.Roles[r] != role {
				panic("sim: the care model's and the accounts' roles differ: " + role + " and " + finance.Roles[r])
			}
			ix[e][r] = care.AnnualIndex("wte_agency_" + role + "_" + strings.ReplaceAll(org, "-", "_"))
			if ix[e][r] < 0 {
				panic("sim: no annual measure of " + org + "'s agency " + role)
			}
		}
	}
	return ix
}()

// InterventionCosts returns what p's interventions cost and who pays, for
// finance.Accounts.
func InterventionCosts(p *care.Params) []finance.Intervention {
	out := make([]finance.Intervention, len(p.Interventions))
	for i, iv := range p.Interventions {
		out[i] = finance.Intervention{Name: iv.Name, Start: iv.Start, End: iv.End, Setup: iv.Setup, Recurrent: iv.Recurrent, Payer: iv.Payer}
	}
	return out
}

// addMoney prices each replication of r with money and summarises the
// accounts in r.Money (see Run and Options.Money).
func (r *Results) addMoney(p *care.Params, o Options) error {
	money := o.Money
	if uc := &money.UnitCosts; uc.ExcessBedDay > 0 && uc.ExcessAfter != float64(o.ExcessAfter) {
		r.Warnings = append(r.Warnings, fmt.Errorf("money: excess bed days are priced beyond money.unit_costs.excess_after, %g days, but were counted beyond %g (sim.Options.ExcessAfter)", uc.ExcessAfter, float64(o.ExcessAfter)))
	}
	ivs := InterventionCosts(p)
	m := &MoneyResults{Years: r.Years, Reps: make([][]finance.Year, len(r.Reps)),
		activity: make([][]finance.Activity, len(r.Reps)), money: money, ivs: ivs}
	for i, rep := range r.Reps {
		m.activity[i] = Activity(rep)
		acc, err := finance.Accounts(money, m.activity[i], ivs)
		if err != nil {
			return fmt.Errorf("replication %d: %w", i, err)
		}
		m.Reps[i] = acc
	}
	n := len(m.Reps)
	vals := make([]float64, n)
	m.Annual = make([][finance.NumBodies][finance.NumMeasures]stats.Summary, len(m.Years))
	m.Pressure = make([][finance.NumBodies][finance.NumPressures]stats.Summary, len(m.Years))
	for y := range m.Years {
		for b := range finance.NumBodies {
			for k := range finance.NumMeasures {
				for i, acc := range m.Reps {
					vals[i] = acc[y].Money[b][k]
				}
				m.Annual[y][b][k] = summarizeFinite(vals)
			}
			for k := range finance.NumPressures {
				for i, acc := range m.Reps {
					vals[i] = acc[y].Pressure[b][k]
				}
				m.Pressure[y][b][k] = summarizeFinite(vals)
			}
		}
	}

	last := len(m.Years) - 1
	m.FinalYear = last
	for y := last; y >= 0; y-- {
		if d := m.Reps[0][y]; d.Days == d.Length {
			m.FinalYear = y
			break
		}
	}
	measures := moneyMeasures(m.Years[m.FinalYear]+", the final year simulated whole", m.Years[0]+" to "+m.Years[last])
	for j, ms := range measures {
		line, year := finance.Deficit, m.FinalYear
		if j >= len(MoneyBodies) { // the cumulative metrics follow the final year's
			line, year = finance.CumulativeDeficit, last
		}
		b := MoneyBodies[j%len(MoneyBodies)]
		mm := Metric{Measure: ms, Values: make([]float64, n)}
		for i, acc := range m.Reps {
			mm.Values[i] = acc[year].Money[b][line]
		}
		mm.Summary = summarizeFinite(mm.Values)
		m.Metrics = append(m.Metrics, mm)
	}
	m.addBridge()
	r.Money = m
	return nil
}

// addBridge fills m.Bridge from its replications' accounts.
func (m *MoneyResults) addBridge() {
	n := len(m.Reps)
	for b := range finance.NumBodies {
		for s := range finance.NumSteps {
			m.Bridge[b][s] = Metric{Measure: finance.Steps[s], Values: make([]float64, n)}
		}
	}
	for i, acc := range m.Reps {
		br := finance.Bridge(acc, 0, m.FinalYear)
		for b := range finance.NumBodies {
			for s, x := range br[b] {
				m.Bridge[b][s].Values[i] = x
			}
		}
	}
	for b := range finance.NumBodies {
		for s := range finance.NumSteps {
			m.Bridge[b][s].Summary = summarizeFinite(m.Bridge[b][s].Values)
		}
	}
}

// A Variation is one money assumption of a scenario, over its documented
// range: Set returns the scenario's money section and its interventions'
// costs with the assumption at x (in the model's units), leaving the
// scenario's own as they were, or an error saying why the assumption
// cannot be varied alone (a share of several that must sum to 1).
type Variation struct {
	Parameter string // its path, such as money.inflation.non_demographic
	Unit      string // the unit of Value, Low and High (fraction, money, ...)
	Range     string // the range as documented, such as 1–2%
	Source    string // where it is documented, file:line

	Value, Low, High float64
	Set              func(x float64) (*finance.Params, []finance.Intervention, error)
}

// Sensitivity is the response of the final year's deficits to one money
// assumption over its range, the rest as the scenario has them: each
// body's deficit in the final year (finance.BodyNames), the mean across
// replications, at the scenario's value (Gap), at Low and at High.
type Sensitivity struct {
	Variation
	Gap, AtLow, AtHigh [finance.NumBodies]float64
	// Skipped says why the assumption was not varied (Set's error), its
	// AtLow and AtHigh then NaN; empty when it was.
	Skipped string
}

// MoneySensitivity returns the response of r's final-year deficits to
// each variation, in the order given. Money does not feed back into the
// care model, so the accounts of each replication are recomputed with the
// variation's money from the replication's own activity: exactly what a
// run with that money would give, at the cost of the accounts alone. A
// variation that cannot be set, or whose accounts fail, is Skipped, with
// the reason. A run not priced (r.Money nil) has none.
func (r *Results) MoneySensitivity(vs []Variation) []Sensitivity {
	m := r.Money
	if m == nil {
		return nil
	}
	mean := func(money *finance.Params, ivs []finance.Intervention) ([finance.NumBodies]float64, error) {
		var out [finance.NumBodies]float64
		for i, a := range m.activity {
			acc, err := finance.Accounts(money, a, ivs)
			if err != nil {
				return out, fmt.Errorf("replication %d: %w", i, err)
			}
			for b := range finance.NumBodies {
				out[b] += acc[m.FinalYear].Money[b][finance.Deficit] / float64(len(m.activity))
			}
		}
		return out, nil
	}
	gap, _ := mean(m.money, m.ivs) // the accounts of the run, which succeeded
	out := make([]Sensitivity, len(vs))
	for i, v := range vs {
		s := Sensitivity{Variation: v, Gap: gap}
		for _, at := range []struct {
			x   float64
			out *[finance.NumBodies]float64
		}{{v.Low, &s.AtLow}, {v.High, &s.AtHigh}} {
			money, ivs, err := v.Set(at.x)
			if err == nil {
				*at.out, err = mean(money, ivs)
			}
			if err != nil {
				s.Skipped = err.Error()
				for b := range finance.NumBodies {
					s.AtLow[b], s.AtHigh[b] = math.NaN(), math.NaN()
				}
				break
			}
		}
		out[i] = s
	}
	return out
}

// The outpatients' annual measures that finance prices, by name (they
// follow the base model's, without constants).
var (
	annualOPFirst      = care.AnnualIndex("outpatient_first_attendances")
	annualOPFollowUps  = care.AnnualIndex("outpatient_follow_ups")
	annualDayCases     = care.AnnualIndex("day_cases")
	annualOPFirstSlots = care.AnnualIndex("outpatient_first_slots")
	annualOPFUSlots    = care.AnnualIndex("outpatient_follow_up_slots")
	annualDayCaseSlots = care.AnnualIndex("day_case_slots")
)

// outpatientActivity fills act's outpatient and day-case lines from a
// year's annual measures a.
func outpatientActivity(act *finance.Activity, a []float64) {
	act.OutpatientFirst, act.OutpatientFollowUps, act.DayCases = a[annualOPFirst], a[annualOPFollowUps], a[annualDayCases]
	act.OutpatientFirstSlots, act.OutpatientFollowUpSlots, act.DayCaseSlots = a[annualOPFirstSlots], a[annualOPFUSlots], a[annualDayCaseSlots]
}
