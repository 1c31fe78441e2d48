package care_test

import (
	"math"
	"testing"

	"caresim/sim/internal/checktest"

	"caresim/sim/care"
	"caresim/sim/des"
)

// yr is a year in days: rates per person are per day.
const yr = float64(des.Year)

// validParams returns a small but complete care system that passes
// Validate: two localities, three age bands, three risk strata, every
// service enabled, and one intervention with two changes. Each call
// returns a fresh value, so a test may break one thing in it.
//
// The shares are chosen to sum to 1 exactly in decimal: age bands
// 0.8 + 0.17 + 0.03, routes 0.6 + 0.3 + 0.1, pathways
// 0.7 + 0.12 + 0.06 + 0.04 + 0.08, and so on.
func validParams() *care.Params {
	return &care.Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: 365,
		WarmUp:  care.WarmUp{Length: 60},
		Population: care.Population{
			Localities: []care.Locality{
				{Name: "Mansfield", People: 100_000, AgeShares: []float64{0.8, 0.15, 0.05}},
				{Name: "Ashfield", People: 120_000}, // uses the bands' own shares
			},
			AgeBands: []care.AgeBand{
				{Name: "0-64", Share: 0.8, Growth: 0.002, RiskShares: []float64{0.9, 0.08, 0.02}, Urgent: 0.3 / yr, Elective: 0.05 / yr},
				{Name: "65-84", Share: 0.17, Growth: 0.02, RiskShares: []float64{0.6, 0.3, 0.1}, Urgent: 0.5 / yr, Elective: 0.12 / yr, CareHome: 0.003 / yr},
				{Name: "85+", Share: 0.03, Growth: 0.04, RiskShares: []float64{0.3, 0.4, 0.3}, Urgent: 0.9 / yr, Elective: 0.1 / yr, CareHome: 0.04 / yr},
			},
			Risk: []care.RiskStratum{
				{Name: "low", UrgentRatio: 0.5},
				{Name: "moderate", UrgentRatio: 1.5},
				{Name: "high", UrgentRatio: 4},
			},
		},
		Demand: care.Demand{Urgent: care.UrgentDemand{
			Routes: []care.Route{
				{Name: "walk-in", Share: 0.6, Admit: 0.15},
				{Name: "ambulance", Share: 0.3, Admit: 0.4},
				{Name: "gp-referral", Share: 0.1, PerDay: 2, Admit: 0.6},
			},
			Trend: 0.01,
		}},
		Services: care.Services{
			FrontDoor: care.FrontDoor{Enabled: true, Routes: []string{"walk-in"},
				ToED: 0.5, ToUrgentTreatment: 0.3, ToSDEC: 0.1, ToCommunity: 0.1},
			ED:              care.ED{Enabled: true, Cubicles: 40, Treatment: des.LogNormal(0.15, 0.1)},
			UrgentTreatment: care.UrgentTreatment{Enabled: true, Clinicians: 4, Treatment: des.Exponential(0.05)},
			SDEC:            care.SDEC{Enabled: true, Chairs: 12, Treatment: des.Exponential(0.25), Admit: 0.2},
			CallForCare: care.CallForCare{Enabled: true, Routes: []string{"gp-referral", "care-home"},
				Suitable: 0.2, StepUp: 0.5},
			Acute: care.Acute{
				Enabled:      true,
				Beds:         600,
				LengthOfStay: des.LogNormal(6, 8),
				Assessment:   des.Exponential(2),
				Pathways:     care.Pathways{Home: 0.7, Reablement: 0.12, Bed: 0.06, CareHome: 0.04, Died: 0.08},
				Readmit:      0.08,
				Occupied:     540,
			},
			TransferToAssess: care.TransferToAssess{Enabled: true, CareHomeToReablement: 0.2, CareHomeToBed: 0.1},
			IntermediateCare: care.IntermediateCare{
				Enabled:      true,
				Beds:         60,
				LengthOfStay: des.Gamma(2, 10),
				Outcomes:     care.Outcomes{Home: 0.75, CareHome: 0.1, Readmit: 0.1, Died: 0.05},
				Occupied:     50,
			},
			Reablement: care.Reablement{
				Enabled:  true,
				Caseload: 150,
				Duration: des.Triangular(7, 21, 42),
				Outcomes: care.Outcomes{Home: 0.8, CareHome: 0.05, Readmit: 0.1, Died: 0.05},
			},
			CareHomes: care.CareHomes{Enabled: true, Beds: 3000, LengthOfStay: des.Exponential(800),
				UrgentCalls: 1.5 / yr, Admit: 0.5, Occupied: 2800},
			Community: care.Community{Enabled: true, Caseload: 2000, Enrol: []string{"high"},
				Referrals: 0.2 / yr, Duration: des.Exponential(180), UrgentRatio: 0.8, PPV: 0.6},
			Elective: care.Elective{Enabled: true, Gateway: 0.1, Decision: des.Uniform(14, 126),
				LengthOfStay: des.LogNormal(3, 2), Programme: 20, Notice: 21, PostponeAbove: 0.98},
		},
		Interventions: []care.Intervention{{
			Name:  "prism",
			Start: des.Date{Year: 2014, Month: 10, Day: 1}, // day 183 of 365
			Ramp:  90,
			Changes: []care.Change{
				{Path: "services.community.caseload", To: &care.Effect{Low: 3000, Central: 4000, High: 5000}},
				{Path: "population.age_bands[*].urgent", Scale: &care.Effect{Low: 0.95, Central: 0.97, High: 1}},
			},
			Recurrent: 2e6,
			Payer:     "commissioners",
		}},
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
}

func TestValidateDisabled(t *testing.T) {
	t.Parallel()
	// A switched-off service needs none of its distributions or sizes.
	p := validParams()
	p.Services.ED = care.ED{}
	p.Services.Reablement = care.Reablement{}
	p.Services.Acute.Enabled = false
	p.Services.Acute.LengthOfStay = des.Dist{}
	p.Services.Acute.Pathways = care.Pathways{} // shares summing to 0 are not checked either
	checkErrors(t, p.Validate(), nil)

	// A switched-off service's given distribution is still checked.
	p = validParams()
	p.Services.Reablement.Enabled = false
	p.Services.Reablement.Duration = des.Dist{Kind: des.DistExponential}
	checkErrors(t, p.Validate(), []fieldErr{{"services.reablement.duration.mean", "must be > 0, got 0"}})
}

func TestValidate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		edit func(p *care.Params)
		want []fieldErr
	}{
		// Dates and the horizon.
		{"start not a date", func(p *care.Params) { p.Start = des.Date{Year: 2014, Month: 2, Day: 30} },
			// The interventions' start is not checked against a start that is not a date.
			[]fieldErr{{"start", "missing or not a real date"}}},
		{"start missing", func(p *care.Params) { p.Start = des.Date{} },
			[]fieldErr{{"start", "missing or not a real date"}}},
		{"horizon 0", func(p *care.Params) { p.Horizon = 0 },
			[]fieldErr{{"horizon", "must be > 0, not 0"}}},
		{"warm-up negative", func(p *care.Params) { p.WarmUp.Length = -1 },
			[]fieldErr{{"warm_up.length", "must be >= 0, not -1"}}},

		// Population.
		{"duplicate locality", func(p *care.Params) { p.Population.Localities[1].Name = "Mansfield" },
			[]fieldErr{{"population.localities[1].name", `duplicate name "Mansfield"; also population.localities[0]`}}},
		{"locality without a name", func(p *care.Params) { p.Population.Localities[0].Name = "" },
			[]fieldErr{{"population.localities[0].name", "missing"}}},
		{"people NaN", func(p *care.Params) { p.Population.Localities[1].People = math.NaN() },
			[]fieldErr{{"population.localities[1].people", "must be >= 0, not NaN"}}},
		{"age_shares too short", func(p *care.Params) { p.Population.Localities[0].AgeShares = []float64{0.8, 0.2} },
			[]fieldErr{{"population.localities[0].age_shares", "needs 3 shares, one per age band, not 2"}}},
		{"age_shares sum to 0.95", func(p *care.Params) { p.Population.Localities[0].AgeShares[2] = 0 },
			[]fieldErr{{"population.localities[0].age_shares", "shares must sum to 1 (100%), not 0.95"}}},
		{"age share above 1", func(p *care.Params) { p.Population.Localities[0].AgeShares[1] = 1.5 },
			[]fieldErr{{"population.localities[0].age_shares[1]", "must be a fraction between 0 and 1, not 1.5"}}},
		{"band shares sum to 0.9", func(p *care.Params) { p.Population.AgeBands[0].Share = 0.7 },
			// Ashfield gives no age_shares of its own, so the bands' must sum to 1.
			[]fieldErr{{"population.age_bands", "shares must sum to 1 (100%), not 0.9"}}},
		{"risk_shares sum to 1.1", func(p *care.Params) { p.Population.AgeBands[1].RiskShares = []float64{0.6, 0.3, 0.2} },
			[]fieldErr{{"population.age_bands[1].risk_shares", "shares must sum to 1 (100%), not 1.1"}}},
		{"risk_shares one per stratum", func(p *care.Params) { p.Population.AgeBands[2].RiskShares = []float64{1} },
			[]fieldErr{{"population.age_bands[2].risk_shares", "needs 3 shares, one per risk stratum, not 1"}}},
		{"growth -100%", func(p *care.Params) { p.Population.AgeBands[2].Growth = -1 },
			[]fieldErr{{"population.age_bands[2].growth", "above -100%, not -1"}}},
		{"no urgent ratio in the band's strata", func(p *care.Params) {
			// Band 0 has all its people in "high", whose ratio is now 0;
			// bands 1 and 2 still have people in strata with ratios.
			p.Population.AgeBands[0].RiskShares = []float64{0, 0, 1}
			p.Population.Risk[2].UrgentRatio = 0
		}, []fieldErr{{"population.age_bands[0].risk_shares", "every stratum's urgent_ratio is 0"}}},
		// Demand.
		{"route admit 1.5", func(p *care.Params) { p.Demand.Urgent.Routes[1].Admit = 1.5 },
			[]fieldErr{{"demand.urgent.routes[1].admit", "must be a fraction between 0 and 1 (0% to 100%), not 1.5"}}},
		{"route shares sum to 0.9", func(p *care.Params) { p.Demand.Urgent.Routes[2].Share = 0 },
			[]fieldErr{{"demand.urgent.routes", "route shares must sum to 1 (100%), not 0.9"}}},
		{"unknown urgent route", func(p *care.Params) { p.Demand.Urgent.Routes[2].Name = "helicopter" },
			[]fieldErr{{"demand.urgent.routes[2].name", `unknown route "helicopter"`}}},
		{"month weights", func(p *care.Params) { p.Demand.Urgent.Month = []float64{1, 2} },
			// des.RateProfile.Validate names its field first in the
			// message; the check moves it into the path.
			[]fieldErr{{"demand.urgent.month", "needs 12 weights, not 2"}}},

		// Services.
		{"probability 1.5", func(p *care.Params) { p.Services.SDEC.Admit = 1.5 },
			[]fieldErr{{"services.sdec.admit", "must be a fraction between 0 and 1 (0% to 100%), not 1.5"}}},
		{"negative probability", func(p *care.Params) { p.Services.CallForCare.Suitable = -0.1 },
			[]fieldErr{{"services.call_for_care.suitable", "not -0.1"}}},
		{"unknown front-door route", func(p *care.Params) { p.Services.FrontDoor.Routes = []string{"walk-in", "helicopter"} },
			[]fieldErr{{"services.front_door.routes[1]", `unknown route "helicopter"; known: walk-in, ambulance, gp-referral`}}},
		{"front-door shares sum to 0.9", func(p *care.Params) { p.Services.FrontDoor.ToCommunity = 0 },
			[]fieldErr{{"services.front_door", "shares must sum to 1 (100%), not 0.9"}}},
		{"unknown Call for Care route", func(p *care.Params) { p.Services.CallForCare.Routes[1] = "walk-in" },
			[]fieldErr{{"services.call_for_care.routes[1]", `unknown route "walk-in"; known: ambulance, gp-referral, care-home`}}},
		{"ED enabled without cubicles", func(p *care.Params) { p.Services.ED.Cubicles = 0 },
			[]fieldErr{{"services.ed.cubicles", "must be > 0 when the service is enabled"}}},
		{"corridor spaces negative", func(p *care.Params) { p.Services.ED.CorridorSpaces = -1 },
			[]fieldErr{{"services.ed.corridor_spaces", "must be >= 0, not -1"}}},
		{"crowding to not above from", func(p *care.Params) {
			p.Services.ED.Crowding = care.EDCrowding{From: 1.5, To: 1, Factor: 1.08}
		}, []fieldErr{{"services.ed.crowding.to", "must be above from (1.5), not 1"}}},
		{"crowding factor written as a percentage", func(p *care.Params) {
			p.Services.ED.Crowding = care.EDCrowding{From: 1, To: 1.5, Factor: 108}
		}, []fieldErr{{"services.ed.crowding.factor", "must be at most 10 (treatment ten times as long), not 108"}}},
		{"crowding factor negative", func(p *care.Params) {
			p.Services.ED.Crowding = care.EDCrowding{From: 1, To: 1.5, Factor: -1}
		}, []fieldErr{{"services.ed.crowding.factor", "must be >= 0, not -1"}}},
		{"early discharge lengthens stays", func(p *care.Params) {
			p.Services.Acute.EarlyDischarge = care.EarlyDischarge{From: 0.9, To: 1, Stay: 1.05}
		}, []fieldErr{{"services.acute.early_discharge.stay", "must be at most 1, not 1.05"}}},
		{"early discharge to not above from", func(p *care.Params) {
			p.Services.Acute.EarlyDischarge = care.EarlyDischarge{From: 1, To: 0.9, Stay: 0.95}
		}, []fieldErr{{"services.acute.early_discharge.to", "must be above from (1), not 0.9"}}},
		{"early discharge readmits more than everyone", func(p *care.Params) {
			p.Services.Acute.Readmit = 0.5
			p.Services.Acute.EarlyDischarge = care.EarlyDischarge{From: 0.9, To: 1, Stay: 0.95, Readmit: 3}
		}, []fieldErr{{"services.acute.early_discharge.readmit", "times services.acute.readmit (0.5) is 1.5, above 1"}}},
		{"early discharge given while off", func(p *care.Params) {
			p.Services.Acute.EarlyDischarge = care.EarlyDischarge{From: 0.9, To: 1, Readmit: 1.1}
		}, []fieldErr{{"services.acute.early_discharge.stay", "is 0, so discharge under pressure is off"}}},
		{"patients leave unseen without a patience", func(p *care.Params) {
			p.Services.ED.LeftWithoutBeingSeen = care.LeftWithoutBeingSeen{Routes: []string{"walk-in"}, Share: 0.5}
		}, []fieldErr{{"services.ed.left_without_being_seen.patience", "missing"}}},
		{"patients leave unseen by no route", func(p *care.Params) {
			p.Services.ED.LeftWithoutBeingSeen = care.LeftWithoutBeingSeen{Share: 0.5, Patience: des.Fixed(0.1)}
		}, []fieldErr{{"services.ed.left_without_being_seen.routes", "names no route, so nobody would leave"}}},
		{"leaving unseen by an unknown route", func(p *care.Params) {
			p.Services.ED.LeftWithoutBeingSeen = care.LeftWithoutBeingSeen{Routes: []string{"walk-in", "bus"}, Share: 0.5, Patience: des.Fixed(0.1)}
		}, []fieldErr{{"services.ed.left_without_being_seen.routes[1]", `unknown route "bus"; known: walk-in, ambulance, gp-referral, care-home`}}},
		{"share leaving unseen above 1", func(p *care.Params) {
			p.Services.ED.LeftWithoutBeingSeen = care.LeftWithoutBeingSeen{Routes: []string{"walk-in"}, Share: 1.5, Patience: des.Fixed(0.1)}
		}, []fieldErr{{"services.ed.left_without_being_seen.share", "must be a fraction between 0 and 1"}}},
		{"ambulance patients leave unseen", func(p *care.Params) {
			p.Services.ED.LeftWithoutBeingSeen = care.LeftWithoutBeingSeen{Routes: []string{"walk-in", "ambulance"}, Share: 0.5, Patience: des.Fixed(0.1)}
			p.Services.ED.Handover = care.Handover{Routes: []string{"ambulance", "care-home"}}
		}, []fieldErr{{"services.ed.handover.routes[0]", `"ambulance" is also in left_without_being_seen.routes`}}},
		{"handover by an unknown route", func(p *care.Params) { p.Services.ED.Handover = care.Handover{Routes: []string{"helicopter"}} },
			[]fieldErr{{"services.ed.handover.routes[0]", `unknown route "helicopter"`}}},
		{"negative beds", func(p *care.Params) { p.Services.Acute.Beds = -1 },
			// Only the beds: comparing the 540 occupied with -1 beds would
			// report the same mistake twice.
			[]fieldErr{{"services.acute.beds", "must be >= 0, not -1"}}},
		{"ring-fenced > beds", func(p *care.Params) { p.Services.Elective.RingFenced = 601 },
			[]fieldErr{{"services.elective.ring_fenced", "601 beds is more than the acute beds (services.acute.beds), 600"}}},
		{"occupied > beds", func(p *care.Params) { p.Services.Acute.Occupied = 601 },
			[]fieldErr{{"services.acute.occupied", "601 beds occupied at the start, but only 600 beds"}}},
		{"intermediate care occupied > beds", func(p *care.Params) { p.Services.IntermediateCare.Occupied = 61 },
			[]fieldErr{{"services.intermediate_care.occupied", "61 beds occupied at the start, but only 60 beds"}}},
		{"pathways sum to 0.9", func(p *care.Params) { p.Services.Acute.Pathways.Home = 0.6 },
			[]fieldErr{{"services.acute.pathways", "shares must sum to 1 (100%), not 0.9"}}},
		{"pathway above 1", func(p *care.Params) { p.Services.Acute.Pathways.Died = 1.08 },
			// The first share out of range is reported, not the sum as well.
			[]fieldErr{{"services.acute.pathways.died", "must be a fraction between 0 and 1, not 1.08"}}},
		{"outcomes sum to 1.05", func(p *care.Params) { p.Services.Reablement.Outcomes.Died = 0.1 },
			[]fieldErr{{"services.reablement.outcomes", "shares must sum to 1 (100%), not 1.05"}}},
		{"transfer to assess over 1", func(p *care.Params) { p.Services.TransferToAssess.CareHomeToBed = 0.9 },
			[]fieldErr{{"services.transfer_to_assess", "together exceed 1 (100%): 1.1"}}},
		{"lognormal with sd 0", func(p *care.Params) {
			p.Services.Acute.LengthOfStay = des.Dist{Kind: des.DistLogNormal, Mean: 6}
		}, []fieldErr{{"services.acute.length_of_stay.sd", "must be > 0, got 0"}}},
		{"parameter the kind does not use", func(p *care.Params) {
			p.Services.Acute.Assessment = des.Dist{Kind: des.DistExponential, Mean: 2, SD: 1}
		}, []fieldErr{{"services.acute.assessment.sd", "not used by exponential"}}},
		{"negative time", func(p *care.Params) {
			p.Services.Acute.Assessment = des.Dist{Kind: des.DistUniform, Min: -0.5, Max: 2}
		}, []fieldErr{{"services.acute.assessment.min", "must be >= 0 (a time), not -0.5"}}},
		{"negative empirical time", func(p *care.Params) {
			p.Services.Acute.Assessment = des.Dist{Kind: des.DistEmpirical, Values: []float64{1, -1}, Weights: []float64{1, 1}}
		}, []fieldErr{{"services.acute.assessment.values[1]", "must be >= 0 (a time), not -1"}}},
		{"missing distribution", func(p *care.Params) { p.Services.Reablement.Duration = des.Dist{} },
			[]fieldErr{{"services.reablement.duration", "missing: an enabled service needs this distribution"}}},
		{"missing elective decision", func(p *care.Params) { p.Services.Elective.Decision = des.Dist{} },
			[]fieldErr{{"services.elective.decision", "missing: an enabled service needs this distribution"}}},
		{"elective notice 0", func(p *care.Params) { p.Services.Elective.Notice = 0 },
			[]fieldErr{{"services.elective.notice", "must be a whole number of days, at least 1"}}},
		{"elective notice in part days", func(p *care.Params) { p.Services.Elective.Notice = 20.5 },
			[]fieldErr{{"services.elective.notice", "must be a whole number of days, at least 1"}}},
		{"elective notice over a year", func(p *care.Params) { p.Services.Elective.Notice = 400 },
			[]fieldErr{{"services.elective.notice", "must be at most a year"}}},
		{"elective programme 0", func(p *care.Params) { p.Services.Elective.Programme = 0 },
			[]fieldErr{{"services.elective.programme", "must be at least 1 when elective care is enabled"}}},
		{"elective postpone threshold negative", func(p *care.Params) { p.Services.Elective.PostponeAbove = -0.1 },
			[]fieldErr{{"services.elective.postpone_above", "must be >= 0"}}},
		{"unknown enrolled stratum", func(p *care.Params) { p.Services.Community.Enrol = []string{"high", "very-high"} },
			[]fieldErr{{"services.community.enrol[1]", `unknown risk stratum "very-high"; known: low, moderate, high`}}},
		{"case-finding without a PPV", func(p *care.Params) { p.Services.Community.PPV = 0 },
			[]fieldErr{{"services.community.ppv", "must be above 0 when the community teams are enabled"}}},
		{"an early period without its ratio", func(p *care.Params) { p.Services.Community.EarlyPeriod = 90 },
			[]fieldErr{{"services.community.early_ratio", "must be above 0 when early_period is"}}},
		{"calls without handlers", func(p *care.Params) {
			p.Services.CallForCare.Calls, p.Services.CallForCare.Handling = 0.5, des.Exponential(0.01)
		}, []fieldErr{{"services.call_for_care.handlers", "must be > 0 when calls is above 0"}}},
		{"calls without a handling time", func(p *care.Params) {
			p.Services.CallForCare.Calls, p.Services.CallForCare.Handlers = 0.5, 2
		}, []fieldErr{{"services.call_for_care.handling", "missing"}}},
		{"response admit above 1", func(p *care.Params) { p.Services.UrgentResponse.Admit = 2 },
			[]fieldErr{{"services.urgent_community_response.admit", "not 2"}}},
		{"discharge hours not 24", func(p *care.Params) { p.Services.Acute.Discharge.Hours = []float64{1, 2} },
			[]fieldErr{{"services.acute.discharge.hours", "needs 24 weights, one per hour of the day from 00:00, not 2"}}},
		{"discharge hours all zero", func(p *care.Params) { p.Services.IntermediateCare.Discharge.Hours = make([]float64, 24) },
			[]fieldErr{{"services.intermediate_care.discharge.hours", "weights are all zero"}}},
		{"weekend deferral without hours", func(p *care.Params) { p.Services.Acute.Discharge.WeekendDeferred = 0.5 },
			[]fieldErr{{"services.acute.discharge.weekend_deferred", "is set, but hours is empty"}}},
		{"turnaround of a day", func(p *care.Params) { p.Services.Acute.Discharge.Turnaround = 1 },
			[]fieldErr{{"services.acute.discharge.turnaround", "must be a time from 0 to below 1 day (such as 4h), not 1 days"}}},
		{"winter spread without a winter", func(p *care.Params) { p.Demand.Urgent.WinterSD = 0.3 },
			[]fieldErr{{"demand.urgent.winter_sd", "has no winter to vary"}}},
		{"winter spread too wide", func(p *care.Params) {
			p.Demand.Urgent.WinterSD = 2
			p.Demand.Urgent.Month = []float64{2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
		}, []fieldErr{{"demand.urgent.winter_sd", "must be from 0 to 1"}}},
		{"winter spread from a date", func(p *care.Params) {
			p.Demand.Urgent.Month = []float64{2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
			p.Interventions[0].Changes[0].Path = "demand.urgent.winter_sd"
		}, []fieldErr{{"interventions[0].changes[0].path", "cannot be changed from a date: each financial year's winter severity is drawn when the run starts"}}},

		// Interventions.
		{"duplicate intervention", func(p *care.Params) {
			p.Interventions = append(p.Interventions, p.Interventions[0])
		}, []fieldErr{{"interventions[1].name", `duplicate name "prism"; also interventions[0]`}}},
		{"intervention at the end", func(p *care.Params) { p.Interventions[0].Start = des.Date{Year: 2015, Month: 4, Day: 1} },
			// Day 365 of a 365-day horizon is the day after the last.
			[]fieldErr{{"interventions[0].start", "2015-04-01 is outside the horizon 2014-04-01 to 2015-04-01"}}},
		{"intervention before the start", func(p *care.Params) { p.Interventions[0].Start = des.Date{Year: 2014, Month: 3, Day: 31} },
			[]fieldErr{{"interventions[0].start", "2014-03-31 is outside the horizon"}}},
		{"intervention without a start", func(p *care.Params) { p.Interventions[0].Start = des.Date{} },
			[]fieldErr{{"interventions[0].start", "missing or not a real date"}}},
		{"intervention with nothing", func(p *care.Params) {
			p.Interventions[0].Changes = nil
			p.Interventions[0].Recurrent = 0
		}, []fieldErr{{"interventions[0].changes", "needs at least one change or a cost"}}},
		{"change with to and scale", func(p *care.Params) {
			p.Interventions[0].Changes[0].Scale = &care.Effect{Low: 1, Central: 1, High: 1}
		}, []fieldErr{{"interventions[0].changes[0]", "exactly one of to, scale and add, not 2"}}},
		{"change with no effect", func(p *care.Params) { p.Interventions[0].Changes[1].Scale = nil },
			[]fieldErr{{"interventions[0].changes[1]", "exactly one of to, scale and add, not 0"}}},
		{"change without a path", func(p *care.Params) { p.Interventions[0].Changes[0].Path = "" },
			[]fieldErr{{"interventions[0].changes[0].path", "missing"}}},
		{"change of an unknown key", func(p *care.Params) { p.Interventions[0].Changes[0].Path = "services.acute.bedz" },
			[]fieldErr{{"interventions[0].changes[0].path",
				`unknown key "bedz"; known there: enabled, beds, divert, length_of_stay, assessment, pathways, readmit, occupied, management, discharge, early_discharge`}}},
		{"change of an unknown locality", func(p *care.Params) {
			p.Interventions[0].Changes[0].Path = "population.localities.Newark.people"
		}, []fieldErr{{"interventions[0].changes[0].path", `no element named "Newark"`}}},
		{"change of a switch", func(p *care.Params) { p.Interventions[0].Changes[0].Path = "services.acute.enabled" },
			[]fieldErr{{"interventions[0].changes[0].path", "not a number"}}},
		{"change of a malformed path", func(p *care.Params) { p.Interventions[0].Changes[0].Path = "services..beds" },
			[]fieldErr{{"interventions[0].changes[0].path", "empty name"}}},
		{"low > central", func(p *care.Params) {
			p.Interventions[0].Changes[1].Scale = &care.Effect{Low: 1, Central: 0.97, High: 1}
		}, []fieldErr{{"interventions[0].changes[1].scale", "want low <= central <= high, not 1, 0.97, 1"}}},
		{"central > high", func(p *care.Params) {
			p.Interventions[0].Changes[0].To = &care.Effect{Low: 3000, Central: 6000, High: 5000}
		}, []fieldErr{{"interventions[0].changes[0].to", "want low <= central <= high, not 3000, 6000, 5000"}}},
		{"scale < 0", func(p *care.Params) {
			p.Interventions[0].Changes[1].Scale = &care.Effect{Low: -0.1, Central: 0.97, High: 1}
		}, []fieldErr{{"interventions[0].changes[1].scale", "must be >= 0, not -0.1"}}},
		{"bed rule switched on from a date", func(p *care.Params) {
			// Every parameter of the closing part from a date, the rule off
			// before it: accepted.
			p.Interventions[0].Changes = closingFromADate(&care.Effect{Low: 0.85, Central: 0.88, High: 0.9})
		}, nil},
		{"bed rule part off", func(p *care.Params) {
			p.Interventions[0].Changes[0].Path = "services.acute.management.escalation.above"
		}, []fieldErr{{"interventions[0].changes[0].path", "escalation.limit is 0 throughout the run"}}},
		{"ED crowding off", func(p *care.Params) {
			p.Interventions[0].Changes[0].Path = "services.ed.crowding.from"
		}, []fieldErr{{"interventions[0].changes[0].path", "services.ed.crowding.factor is 0 throughout the run"}}},
		{"ED crowding switched on from a date", func(p *care.Params) {
			p.Interventions[0].Changes = []care.Change{
				{Path: "services.ed.crowding.to", To: &care.Effect{Low: 2, Central: 2, High: 2}},
				{Path: "services.ed.crowding.factor", To: &care.Effect{Low: 1.1, Central: 1.1, High: 1.1}},
			}
		}, nil},
		{"early discharge off", func(p *care.Params) {
			p.Interventions[0].Changes[0].Path = "services.acute.early_discharge.from"
		}, []fieldErr{{"interventions[0].changes[0].path", "services.acute.early_discharge.stay is 0 throughout the run"}}},
		{"early discharge switched on from a date", func(p *care.Params) {
			p.Interventions[0].Changes = []care.Change{
				{Path: "services.acute.early_discharge.to", To: &care.Effect{Low: 1, Central: 1, High: 1}},
				{Path: "services.acute.early_discharge.stay", To: &care.Effect{Low: 0.95, Central: 0.95, High: 0.95}},
			}
		}, nil},
		{"nobody leaves the ED unseen", func(p *care.Params) {
			p.Interventions[0].Changes[0].Path = "services.ed.left_without_being_seen.patience.mean"
		}, []fieldErr{{"interventions[0].changes[0].path", "services.ed.left_without_being_seen.share is 0 throughout the run"}}},
		{"bed rule thresholds crossing at a range's end", func(p *care.Params) {
			p.Interventions[0].Changes = closingFromADate(&care.Effect{Low: 0.85, Central: 0.88, High: 0.95})
		}, []fieldErr{{"interventions[0].changes[0]", "with the effects at the high ends of their ranges: services.acute.management.close.above: must be above close.below (0.95), not 0.92"}}},
		// Ends (prism runs from 2014-10-01 with a 90-day ramp) and lags.
		{"end before start", func(p *care.Params) { p.Interventions[0].End = des.Date{Year: 2014, Month: 9, Day: 30} },
			[]fieldErr{{"interventions[0].end", "2014-09-30 is before the start 2014-10-01"}}},
		{"end not a date", func(p *care.Params) { p.Interventions[0].End = des.Date{Year: 2015, Month: 2, Day: 29} },
			[]fieldErr{{"interventions[0].end", "not a real date"}}},
		{"ramp down without an end", func(p *care.Params) { p.Interventions[0].RampDown = 30 },
			[]fieldErr{{"interventions[0].ramp_down", "an intervention without an end has nothing to ramp down"}}},
		{"ramp down negative", func(p *care.Params) {
			p.Interventions[0].End = des.Date{Year: 2015, Month: 3, Day: 31}
			p.Interventions[0].RampDown = -1
		}, []fieldErr{{"interventions[0].ramp_down", "must be >= 0, not -1"}}},
		{"ramp down longer than the intervention", func(p *care.Params) {
			p.Interventions[0].End = des.Date{Year: 2014, Month: 12, Day: 31} // 92 days in place
			p.Interventions[0].RampDown = 93
		}, []fieldErr{{"interventions[0].ramp_down", "93 days is longer than the 92 days the intervention is in place (2014-10-01 to 2014-12-31)"}}},
		{"ramps overlap", func(p *care.Params) {
			p.Interventions[0].End = des.Date{Year: 2014, Month: 12, Day: 31}
			p.Interventions[0].RampDown = 10 // 90 + 10 > 92
		}, []fieldErr{{"interventions[0].ramp_down", "the ramp (90 days) and the ramp down (10 days) together are longer than the 92 days"}}},
		{"ramp longer than the intervention", func(p *care.Params) { p.Interventions[0].End = des.Date{Year: 2014, Month: 12, Day: 1} },
			[]fieldErr{{"interventions[0].end", "2014-12-01 leaves the intervention 62 days in place from 2014-10-01, fewer than its ramp of 90 days"}}},
		{"ramps fill the time in place", func(p *care.Params) {
			p.Interventions[0].End = des.Date{Year: 2014, Month: 12, Day: 31}
			p.Interventions[0].RampDown = 2
		}, nil},
		{"end after the horizon", func(p *care.Params) { p.Interventions[0].End = des.Date{Year: 2030, Month: 3, Day: 31} }, nil},
		{"lag negative", func(p *care.Params) {
			p.Interventions[0].Changes[1].Lag = &care.Effect{Low: -30, Central: 0, High: 30}
		}, []fieldErr{{"interventions[0].changes[1].lag", "must be >= 0, not -30"}}},
		{"lag out of order", func(p *care.Params) {
			p.Interventions[0].Changes[1].Lag = &care.Effect{Low: 365, Central: 30, High: 730}
		}, []fieldErr{{"interventions[0].changes[1].lag", "want low <= central <= high, not 365, 30, 730"}}},
		{"lag past the horizon", func(p *care.Params) {
			// The effect would begin after the run: nothing to check.
			p.Interventions[0].Changes[1].Lag = &care.Effect{Low: 30, Central: 365, High: 1000}
		}, nil},
		{"to and add may be negative", func(p *care.Params) {
			p.Interventions[0].Changes[0].To = nil
			p.Interventions[0].Changes[0].Add = &care.Effect{Low: -500, Central: -200, High: 0}
		}, nil},
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

// closingFromADate returns the changes that switch the bed-management
// rule's closing part on, closing below below and reopening above 92%.
func closingFromADate(below *care.Effect) []care.Change {
	one := func(x float64) *care.Effect { return &care.Effect{Low: x, Central: x, High: x} }
	return []care.Change{
		{Path: "services.acute.management.close.step", To: one(6)},
		{Path: "services.acute.management.close.every", To: one(7)},
		{Path: "services.acute.management.close.window", To: one(28)},
		{Path: "services.acute.management.close.below", To: below},
		{Path: "services.acute.management.close.above", To: one(0.92)},
		{Path: "services.acute.management.close.floor", To: one(500)},
	}
}

// TestValidateAll checks that every problem is reported, not only the
// first.
func TestValidateAll(t *testing.T) {
	t.Parallel()
	p := validParams()
	p.Horizon = -1
	p.Services.Acute.Occupied = 601
	p.Services.Elective.LengthOfStay = des.Dist{Kind: des.DistLogNormal, Median: 3, P90: 2}
	p.Interventions[0].Changes[0].Path = "services.acute.bedz"
	checkErrors(t, p.Validate(), []fieldErr{
		{"horizon", "must be > 0, not -1"},
		{"services.acute.occupied", "601 beds occupied"},
		{"services.elective.length_of_stay.p90", "must be > median (3), got 2"},
		{"interventions[0].changes[0].path", `unknown key "bedz"`},
	})
}

// TestCensuses checks that each bed pool with a census names number
// parameters that exist: the beds and the beds occupied at the start.
func TestCensuses(t *testing.T) {
	t.Parallel()
	cs := care.Censuses()
	if len(cs) != 4 || cs[0].Beds != "services.acute.beds" || cs[0].Occupied != "services.acute.occupied" {
		t.Fatalf("Censuses() = %v, want acute, intermediate care, care homes and mental health", cs)
	}
	p := validParams()
	for _, c := range cs {
		for _, path := range []string{c.Beds, c.Occupied} {
			if n, err := p.Numbers(path); err != nil || len(n) != 1 || !n[0].Integer() {
				t.Errorf("%s: %v, %v; want one whole-number parameter", path, n, err)
			}
		}
	}
}

// TestReach checks the states Reach visits on validParams by hand: PRISM
// starts on day 183 with a ramp of 90 days, so each end of the effects is
// visited on day 183, where nothing has moved yet, and on day 273, where
// the caseload is at its target (4000 central, 3000 low, 5000 high) and
// the 0-64 band's urgent rate is 0.3 a year × the scale (0.97, 0.95, 1). Both
// days name the four parameters the two changes move, and p itself is
// left as it was.
func TestReach(t *testing.T) {
	t.Parallel()
	p := validParams()
	type state struct {
		ends             string
		day              des.Time
		caseload         int
		urgent           float64
		changes, lastKey string
	}
	var got []state
	p.Reach(func(r *care.Reached) {
		last := r.Changes[len(r.Changes)-1]
		got = append(got, state{r.Ends, r.Day, r.Params.Services.Community.Caseload, r.Params.Population.AgeBands[0].Urgent,
			r.Changes[0].At() + " " + r.Changes[0].Path, last.At() + " " + last.Path})
		if len(r.Changes) != 4 {
			t.Errorf("%s day %v: %d changes, want 4", r.Ends, r.Day, len(r.Changes))
		}
	})
	first := "interventions[0].changes[0] services.community.caseload"
	last := "interventions[0].changes[1] population.age_bands[2].urgent"
	central := "with the effects at their central values"
	low := "with the effects at the low ends of their ranges"
	high := "with the effects at the high ends of their ranges"
	want := []state{
		{central, 183, 2000, 0.3 / yr, first, last}, {central, 273, 4000, 0.3 / yr * 0.97, first, last},
		{low, 183, 2000, 0.3 / yr, first, last}, {low, 273, 3000, 0.3 / yr * 0.95, first, last},
		{high, 183, 2000, 0.3 / yr, first, last}, {high, 273, 5000, 0.3 / yr, first, last},
	}
	if len(got) != len(want) {
		t.Fatalf("visited %d states, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if g := got[i]; g.ends != w.ends || g.day != w.day || g.caseload != w.caseload ||
			math.Abs(g.urgent-w.urgent) > 1e-15 || g.changes != w.changes || g.lastKey != w.lastKey {
			t.Errorf("state %d: %+v, want %+v", i, g, w)
		}
	}
	if p.Services.Community.Caseload != 2000 || p.Population.AgeBands[0].Urgent != 0.3/yr {
		t.Errorf("Reach changed p: caseload %d, urgent %v", p.Services.Community.Caseload, p.Population.AgeBands[0].Urgent)
	}
}

// TestMentalHealthChecks checks the mental health line's refusals, each at
// its field: an enabled liaison team with nobody on duty, hours of cover
// that end before they start, and patients admitted to no beds.
func TestMentalHealthChecks(t *testing.T) {
	t.Parallel()
	p := validParams()
	p.Services.MentalHealth = care.MentalHealth{Enabled: true, Share: 0.04, ToBed: 0.1, LengthOfStay: des.Fixed(30)}
	p.Services.Liaison = care.Liaison{Enabled: true, CoverFrom: 22, CoverTo: 8, Assessment: des.Fixed(0.1)}
	checkErrors(t, p.Validate(), []fieldErr{
		{"services.liaison_psychiatry.practitioners", "must be at least 1"},
		{"services.liaison_psychiatry.cover_to", "must be after cover_from (22), not 8"},
		{"services.mental_health.beds", "must be at least 1 when to_bed is above 0"},
	})
}
