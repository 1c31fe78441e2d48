package sim_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/stats"
)

// interventionSets shortens the built-in scenarios for TestInterventions:
// five years, 2013/14 (the base year) to 2017/18, leave every intervention
// at least a year at full effect (the last, the single front door, starts
// in October 2016 with a six-month ramp), and they pass the scenario
// checks (every start inside the horizon). The warm-up is half a year
// instead of a year: it is the same in both scenarios of a pair, since no
// programme intervention starts before 2014-04-01, so it cannot bias a
// paired difference, and the beds start near their working level (the
// baseline's census) anyway.
var interventionSets = []string{"horizon=5y", "warm_up.length=180d"}

// interventionReps is the number of replications of each scenario. With
// effects at their central values (see TestInterventions) most paired
// differences asserted below are 3 to 400 times their 95% half-widths in
// eight replications (go test -v shows each). Against the baseline that
// holds its capacity and escalates, the weakest are better-together's
// fewer elective admissions (1.4 half-widths) and transfer-to-assess's
// shorter pathway-2 delay (1.7): waits for a full hospital's beds vary
// more between replications, so a change to the model's random streams
// could flip them. The thirteen scenarios take about 60 s of CPU.
const interventionReps = 8

// sameTol is "no material change": the paired 95% interval lies within
// ±0.1% of the baseline's mean.
const sameTol = 0.001

// Directions of an effect.
const (
	fewer = -1 // the paired 95% interval lies below 0
	same  = 0  // the interval lies within ±sameTol of the baseline's mean
	more  = +1 // the interval lies above 0
)

// effect is a metric an intervention should move, the direction, and why.
type effect struct {
	metric string
	dir    int
	why    string
}

// TestInterventions runs every built-in intervention scenario and the
// baseline with common random numbers (the same seed and replications,
// so each pair sees the same patients unless the intervention changes
// them) and checks with paired 95% confidence intervals (stats.Paired)
// that the metrics move the way the programme documents
// (the programme's documents: the 2014 Health Scrutiny update's five ambitions, the
// care model, and the vanguard visit of c.2017, which reported "reductions
// in mortality and length of hospital stay, long-term admissions to
// nursing and residential homes, secondary care elective referrals,
// non-elective acute admissions and A&E attendances") and each scenario
// file's own basis says.
//
// Each intervention's uncertain effects are pinned at their central
// values. The scenarios draw them per replication from triangular ranges
// that are the planners' uncertainty about effect sizes, some reaching
// no effect at all (self-care's share runs from 0, PRISM's urgent
// ratio up to 1.0 against the baseline's 0.95; docs/effect-sizes.md);
// with them drawn, that spread and not the model dominates the paired
// intervals (self-care's fall in A&E attendances was 2.6 half-widths
// from zero in twelve replications, against 87 in eight with the
// central value, when its scale ran 0.95–1.0). The claim under test is
// the direction of the central effect.
func TestInterventions(t *testing.T) {
	if testing.Short() {
		t.Skip("runs twelve scenarios of four years, eight replications each")
	}
	tests := []struct {
		scenario string
		effects  []effect
	}{
		// PRISM (seeds: the first of the five ambitions; integrated
		// teams for people "at high risk of admission").
		{"prism", []effect{
			{"community_caseload_mean", more, "the caseload grows from 500 to 3,600, kept full by case-finding"},
			{"ed_attendances_per_year", more, "at the central each enrolled person comes at the baseline's 0.95 (no change per person), " +
				"and each of the many more enrolments first raises demand by 15% for 3 months (early_ratio: proactive care finds unmet need; PRISMATIC found rises)"},
			{"nel_admissions_per_year", more, "more urgent arrivals, and high-risk ones need admission as often as others"},
			{"acute_beds_occupied_mean", more, "more admissions fill more beds"},
		}},
		// Single front door (seeds: "Out of Hours and ED combined"). The
		// scenario file's caution that streaming also removes admissions
		// describes an earlier model; now a walk-in's need for admission
		// is decided on arrival (Route.Admit), so admissions stay put.
		{"single-front-door", []effect{
			{"ed_type1_attendances_per_year", fewer, "streaming sends 0.300 more of the walk-ins who need no admission away from ED (to_ed 0.770 → 0.470): to the out-of-hours GPs at the front door in their hours, else to urgent treatment"},
			{"ed_attendances_per_year", fewer, "the out-of-hours GPs' patients are not the trust's A&E attendances (their service is independent of it, ref §2.2); those streamed in practices' hours attend at type 3"},
			{"ooh_contacts_per_year", more, "the out-of-hours GPs see the walk-ins streamed to them while their service runs (seeds: \"Single front door Out of Hours and ED combined\")"},
			{"ed_4h_performance", more, "a less crowded ED sees its patients sooner (seeds: \"greater benefits than anticipated on access targets\")"},
			{"nel_admissions_per_year", same, "admission is decided on arrival and such patients are streamed only to ED or SDEC, so streaming removes none"},
		}},
		// Liaison psychiatry round the clock (seeds: the teams' "added
		// focus on any mental health needs"; Birmingham's RAID).
		{"mental-health-liaison", []effect{
			{"liaison_wait_hours_mean", fewer, "practitioners on duty round the clock: nobody referred at night waits for the morning"},
			{"mh_12h_arrival_waits_per_year", fewer, "the night's crisis patients are assessed and leave within hours"},
			{"liaison_assessments_per_year", more, "10% of the crisis patients who would be admitted are assessed instead"},
		}},
		// Call for Care (seeds: "Community-based clinical navigation").
		{"call-for-care", []effect{
			{"call_for_care_navigated_per_year", more, "12% of professionals' referrals that would be admitted become suitable for navigation, from none"},
			{"nel_admissions_per_year", fewer, "navigated patients go to a step-up bed or a community team instead of an acute bed"},
			{"ed_attendances_per_year", fewer, "navigation happens before the patient is sent to hospital, so they do not attend ED either"},
			{"ic_beds_occupied_mean", more, "navigated patients take step-up beds (10 added)"},
		}},
		// Intermediate care redesign (seeds: the second ambition,
		// "specialist intermediate care (step up and down)"). Acute delays
		// fall too (by about 1.8 patients), but waits in a nearly full bed
		// pool vary so much between replications that showing it takes
		// about fifty; transfer-to-assess below checks fewer delays.
		{"intermediate-care", []effect{
			{"ic_los_mean_days", fewer, "stays × 0.8: shorter, goal-focused stays"},
			{"ic_occupancy_mean", fewer, "shorter stays in 16 more beds"},
		}},
		// Care planning in care homes (seeds: the third ambition; the care
		// home vanguard's "reductions in 999 calls and trips to hospital").
		{"care-homes", []effect{
			{"ed_attendances_per_year", fewer, "residents' urgent calls × 0.93, sent by ambulance to ED unless navigated"},
			{"nel_admissions_per_year", fewer, "fewer calls, and fewer of them admitted (× 0.97)"},
			{"acute_beds_occupied_mean", fewer, "fewer admissions fill fewer beds"},
		}},
		// Transfer to assess (seeds: the fourth ambition; "reducing the
		// length of stays in hospital" is the SCIE case study's first
		// priority).
		{"transfer-to-assess", []effect{
			{"acute_delayed_patients_mean", fewer, "the assessment wait in the acute bed × 0.6, with 10 more beds and 20 more reablement places to go to"},
			{"delay_days_mean_pathway1", fewer, "a shorter assessment wait before reablement"},
			{"delay_days_mean_pathway2", fewer, "a shorter assessment wait before an intermediate-care bed"},
			{"delay_days_mean_pathway3", fewer, "a shorter assessment wait before a care home"},
			{"acute_los_mean_days", fewer, "a spell's length includes its delay"},
			{"acute_occupancy_mean", fewer, "delayed patients hold their beds for less time"},
			{"care_home_admissions_per_year", fewer, "assessed at home, 0.7 points of the 1.5% on pathway 3 go to reablement or an intermediate-care bed instead"},
			{"reablement_caseload_mean", more, "pathway 1 grows by those, into 20 more places"},
		}},
		// Elective referral gateway (seeds: the fifth ambition; "Elective
		// pathways: integrated MSK, advice and guidance").
		{"elective-gateway", []effect{
			{"elective_waiting_list_mean", fewer, "3% of inpatient referrals become advice and guidance instead of joining the waiting list"},
			// Not the admissions: the list stays longer than the programme's
			// slots, which stay full, so the gateway shortens the list and its
			// waits; the admissions and the beds they fill move within noise
			// (+4.9 ± 8.4 a year of 6,022 with 4 replications) that is wider
			// than "same" allows.
		}},
		// Self-care (seeds: "Self-care, early intervention and
		// prevention"; the hub and the social-marketing exercise on A&E).
		{"self-care", []effect{
			{"ed_attendances_per_year", fewer, "1% of the walk-ins who need no admission care for themselves instead of coming"},
			{"nel_admissions_per_year", same, "self-care acts only on patients who would not need admission"},
		}},
		// Build to demand (not a programme intervention): the capacity the
		// baseline holds, opened in step with demand, with the baseline's
		// escalation beds on top. Over these four years a tenth of the
		// ten-year ramp is added each year, so its effects on delays,
		// 4-hour performance and cancelled electives are in the right
		// direction but within 1.5–3 half-widths of zero in eight
		// replications; the first three below are 6 to 12, the unmet
		// same-day share (GPs grown with need) about 600 and the mental
		// health beds' occupancy about 5.
		{"build-to-demand", []effect{
			{"acute_occupancy_mean", fewer, "more acute beds for the same patients"},
			{"acute_escalation_beds_mean", fewer, "with planned beds growing, the hospital passes the escalation threshold less often"},
			{"ic_occupancy_mean", fewer, "more intermediate-care beds for the same patients"},
			{"gp_same_day_unmet_share", fewer, "GPs grow with same-day need, so fewer people find no appointment than against held GPs"},
			{"mh_bed_occupancy", fewer, "mental health beds grow with their admissions, a part of which is held"},
		}},
		// Women's and children's services (seeds, the blueprint:
		// "access to expert opinions earlier and only admit where
		// necessary").
		{"womens-childrens", []effect{
			{"paediatric_assessments_per_year", fewer, "children referred × 0.95: a senior opinion earlier sends fewer to the assessment unit"},
			{"paediatric_admissions_per_year", fewer, "fewer assessed, and of them × 0.9 admitted to the ward"},
			{"maternity_occupancy_mean", fewer, "antenatal admissions × 0.9 take fewer obstetric bed days"},
			{"ed_attendances_per_year", same, "children still come to the ED; only where they go from it changes"},
			{"nel_admissions_per_year", same, "children are not admitted to acute beds, referred or not"},
		}},
		// Primary care hubs (seeds: "develop primary care hubs"): extended
		// access adds same-day appointments; the A&E effect follows from
		// primary care's rule, not an input.
		{"primary-care-hubs", []effect{
			{"gp_same_day_unmet_share", fewer, "hubs add same-day appointments, so fewer people find none"},
			{"gp_unmet_to_ae_per_year", fewer, "9.75% of those who find no appointment go to A&E"},
			{"ed_attendances_per_year", fewer, "fewer walk-ins for want of an appointment"},
			{"gp_referrals_per_year", same, "triage sees the urgent first whatever the capacity: the same referrals in both arms"},
		}},
		// The whole programme: the vanguard's reported reductions, one by
		// one, and the bed reduction of "The Story So Far".
		{"better-together", []effect{
			{"ed_attendances_per_year", fewer, "\"A&E attendances\": self-care, PRISM, care homes and Call for Care"},
			{"ed_type1_attendances_per_year", fewer, "the single front door streams walk-ins away from ED as well"},
			{"nel_admissions_per_year", fewer, "\"non-elective acute admissions\""},
			// Not the waiting list: elective-gateway shows the gateway's effect
			// alone; with the whole programme over 2013/14–2017/18 the list's
			// mean moves within its noise in eight replications (−118 ± 130 of
			// 1,733).
			{"acute_los_mean_days", fewer, "\"length of hospital stay\": transfer to assess"},
			{"acute_delayed_patients_mean", fewer, "transfer to assess and intermediate care"},
			// Not the occupancy: the bed-management rule closes beds as the
			// programme's flows empty them, holding occupancy near its
			// target (+0.0013 ± 0.003 over 2013/14–2017/18); the beds
			// themselves are the reduction.
			{"acute_beds_occupied_mean", fewer, "\"reduction in beds with fewer admissions than would have otherwise occurred\": fewer beds filled"},
			{"acute_beds_closed_mean", more, "\"reduction in beds with fewer admissions than would have otherwise occurred\": the rule closes them"},
			{"care_home_admissions_per_year", fewer, "\"long-term admissions to nursing and residential homes\""},
			{"hospital_deaths_per_year", fewer, "\"mortality\": in the model, deaths in an acute bed, fewer as fewer are admitted"},
			{"ic_los_mean_days", fewer, "the intermediate care redesign's shorter stays"},
			{"community_caseload_mean", more, "PRISM's caseload"},
			{"paediatric_admissions_per_year", fewer, "women's and children's services: only admit where necessary"},
			{"gp_same_day_unmet_share", fewer, "primary care hubs: more same-day appointments, so fewer people find none"},
		}},
	}

	// Every built-in scenario that is not the baseline or a textbook
	// queue is an intervention and must be checked here.
	checked := map[string]bool{}
	for _, tt := range tests {
		checked[tt.scenario] = true
	}
	for _, name := range scenarios.BuiltinNames() {
		// history is a record of what was done, checked by its dates
		// (scenarios.TestHistory) and against observed data (backcast).
		if name != "baseline" && name != "history" && !strings.HasPrefix(name, "textbook-") && !checked[name] {
			t.Errorf("built-in scenario %s has no direction checks in TestInterventions", name)
		}
	}

	base, seed := runCentral(t, "baseline", 0)
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			got, _ := runCentral(t, tt.scenario, seed)
			for _, e := range tt.effects {
				checkEffect(t, base, got, e)
			}
		})
	}
}

// runCentral loads the built-in scenario name with interventionSets, pins
// its interventions' effects (and lags) at their central values, checks it and runs
// interventionReps replications with the given seed (0: the scenario's
// own), returning the results and the seed used.
func runCentral(t *testing.T, name string, seed uint64) (*sim.Results, uint64) {
	t.Helper()
	l, err := scenarios.Load(name, scenarios.Options{Sets: interventionSets})
	if err != nil {
		t.Fatal(err)
	}
	p := &l.Scenario.Params
	for i := range p.Interventions {
		for j := range p.Interventions[i].Changes {
			c := &p.Interventions[i].Changes[j]
			for _, e := range []*care.Effect{c.To, c.Scale, c.Add, c.Lag} {
				if e != nil {
					e.Low, e.High = e.Central, e.Central
				}
			}
		}
	}
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatalf("%s with central effects: %v", name, errs)
	}
	if seed == 0 {
		seed = l.Scenario.Seed
	}
	r, err := sim.Run(context.Background(), p, sim.Options{Reps: interventionReps, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return r, seed
}

// checkEffect fails t unless the paired 95% interval of the metric's
// difference, intervention minus baseline, lies in e's direction.
func checkEffect(t *testing.T, base, got *sim.Results, e effect) {
	t.Helper()
	k := care.MetricIndex(e.metric)
	if k < 0 {
		t.Fatalf("no metric %q", e.metric)
	}
	a := make([]float64, len(base.Reps))
	b := make([]float64, len(got.Reps))
	for i := range a {
		a[i], b[i] = base.Reps[i].Metrics[k], got.Reps[i].Metrics[k]
	}
	d := stats.Paired(a, b, 0.95)
	ok, want := false, ""
	switch e.dir {
	case fewer:
		ok, want = d.Hi() < 0, "lower"
	case more:
		ok, want = d.Lo() > 0, "higher"
	case same:
		tol := sameTol * math.Abs(base.Metrics[k].Mean)
		ok, want = d.Lo() >= -tol && d.Hi() <= tol, fmt.Sprintf("within ±%.3g (0.1%% of the baseline)", tol)
	}
	t.Logf("%s: %+.4g ± %.3g (baseline %.4g), want %s", e.metric, d.Mean, d.HalfWidth, base.Metrics[k].Mean, want)
	if !ok {
		t.Errorf("%s: %+.4g ± %.3g (baseline %.4g), want %s: %s", e.metric, d.Mean, d.HalfWidth, base.Metrics[k].Mean, want, e.why)
	}
}
