package validation

import (
	"context"
	"fmt"
	"math"
	"slices"

	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/stats"
)

// ModelOptions sizes the model checks.
type ModelOptions struct {
	// Seed replaces each scenario's own seed when not 0.
	Seed uint64
	// Reps is the replications of each textbook scenario; 0 means 20.
	Reps int
	// BaselineReps is the replications of the baseline; 0 means 10.
	BaselineReps int
	// Workers is the replications run at once; 0 means GOMAXPROCS.
	Workers int
	// Confidence is the family-wise confidence of the textbook interval
	// checks together (Bonferroni, as in KernelOptions); 0 means 0.99.
	Confidence float64
	// Baseline, if not nil, is called with the baseline's run, priced by
	// its money section and with its replications' daily series kept, so
	// that it can be set beside observed data (caresim validate's
	// calibration-window fit). Its error ends ModelChecks.
	Baseline func(res *sim.Results) error
}

// Target is one calibration target of the baseline: a published figure of
// the era, the share of it the baseline must reproduce, and its source.
type Target struct {
	Case    string  // what is measured and when
	Measure string  // the model's measure, with its unit
	Value   float64 // the published (or derived) figure
	Tol     float64 // the relative tolerance: pass when |sim − Value| <= Tol·Value
	Source  string  // where the figure comes from (docs/reference-figures.md section and URL)
	// Missed, when not empty, says why the baseline is known to miss the
	// target. The check is still made and reported as failed, but it
	// does not fail caresim validate, and TestModelChecks fails if it
	// passes, so that the mark is removed when the model meets the
	// target again.
	Missed string
	// sim computes replication rep's value.
	sim func(p *care.Params, res *sim.Results, rep int) float64
}

// firstYear sums annual measures over the first financial year.
func firstYear(ks ...int) func(*care.Params, *sim.Results, int) float64 {
	return func(_ *care.Params, res *sim.Results, rep int) float64 {
		t := 0.0
		for _, k := range ks {
			t += res.Reps[rep].Annual[0][k]
		}
		return t
	}
}

// firstYearRatio is the ratio of two annual measures' totals over the
// first financial year.
func firstYearRatio(num, den int) func(*care.Params, *sim.Results, int) float64 {
	return func(_ *care.Params, res *sim.Results, rep int) float64 {
		y := res.Reps[rep].Annual[0]
		return y[num] / y[den]
	}
}

// inYearSum sums annual measures over the financial year label
// (2014/15), whatever the run's first year; NaN when the run does not hold
// that year. The service lines' targets are of 2014/15, the year their
// sources give.
func inYearSum(label string, ks ...int) func(*care.Params, *sim.Results, int) float64 {
	return inYear(label, func(y []float64) float64 {
		t := 0.0
		for _, k := range ks {
			t += y[k]
		}
		return t
	})
}

// inYear computes f of replication rep's annual measures in the
// financial year label (2014/15), whatever the run's first year; NaN when
// the run does not hold that year.
func inYear(label string, f func(y []float64) float64) func(*care.Params, *sim.Results, int) float64 {
	return func(_ *care.Params, res *sim.Results, rep int) float64 {
		r := res.Reps[rep]
		if i := slices.Index(r.Years, label); i >= 0 {
			return f(r.Annual[i])
		}
		return math.NaN()
	}
}

func metric(k int) func(*care.Params, *sim.Results, int) float64 {
	return func(_ *care.Params, res *sim.Results, rep int) float64 { return res.Reps[rep].Metrics[k] }
}

// BaselineTargets are the calibration targets of the built-in baseline
// (Mid-Nottinghamshire from 2013/14, its base year), with their sources
// and tolerances. The A&E attendances and the 4-hour performance are the
// observed window's own figures for 2014/15, the year the window's data
// and the earlier targets share; the other volumes, the occupancy and the
// delays are for the first financial year, 2013/14, the figures of the
// era: the baseline holds its 2013/14 capacity while demand grows, so its
// later years run hotter. The length of stay is the mean over the run (the
// annual measures do not separate emergency bed days). The service lines'
// targets (births, children's ward admissions, primary care, NHS 111,
// agency nurses, outpatients and day cases) are for 2014/15, the year
// their sources give; the mental health line's share of ED attendances
// and its beds' occupancy are 2013/14's. Targets the baseline is known
// to miss are marked Missed.
var BaselineTargets = []Target{
	{
		Case: "population, mid-2013", Measure: "people at the start", Value: 347000, Tol: 0.10,
		Source: "docs/reference-figures.md §2.1 (the programme's ≈347,000, SCIE Better Together case study, scie.org.uk, c.2015–17; the baseline takes ONS's mid-2013 district estimates, 343,700)",
		sim:    func(p *care.Params, _ *sim.Results, _ int) float64 { return p.Population.People() },
	},
	{
		// The observed window's own figure (issue 16), no longer 2022/23's
		// deflated: ±10%, as the other volumes.
		Case: "A&E attendances, all types, 2014/15", Measure: "attendances per year (ED + urgent treatment)", Value: 142638, Tol: 0.10,
		Source: "observed: validation/observed/data/mid-notts.csv lines 14–25, ae_departures 2014-04 to 2015-03 summed (NHS England A&E Attendances and Emergency Admissions, SFH RK5, all types)",
		sim: inYear("2014/15", func(y []float64) float64 {
			return y[care.AnnualEDAttendances] + y[care.AnnualUTCAttendances]
		}),
	},
	{
		// The tolerance is the spread of the window's own years about
		// 2014/15 (95.7% in 2013/14 is 3.4 points above 92.3%), not the
		// model's: a year of the trust's performance lies that far from
		// another.
		Case: "4-hour performance, all types, 2014/15", Measure: "1 − ae_4h_breaches / (ED + urgent treatment)", Value: 0.9231, Tol: 0.034 / 0.9231,
		Source: "observed: validation/observed/data/mid-notts.csv line 75, ed_4h_performance 2014/15 (NHS England A&E Attendances and Emergency Admissions, SFH RK5, all types)",
		sim: inYear("2014/15", func(y []float64) float64 {
			return 1 - y[care.AnnualAE4hBreaches]/(y[care.AnnualEDAttendances]+y[care.AnnualUTCAttendances])
		}),
	},
	{
		// The share over Nov 2014–Oct 2015 stands for 2013/14, nineteen
		// months earlier (§2.2 assumes the share held over 2013/14–2015/16),
		// and a board's count for the return's type 3: ±5% of the share
		// (±0.7 points) allows for both.
		Case: "type 3 (Newark) share of A&E attendances, 2013/14", Measure: "urgent treatment / (ED + urgent treatment) attendances", Value: 0.145, Tol: 0.05,
		Source: "docs/reference-figures.md §2.2 (Newark Minor Injuries Unit 20,674 of SFH's 142,385 attendances in Nov 2014–Oct 2015: SFH board figures, sfh-tr.nhs.uk, Dec 2016; NHS England A&E returns via HowsMyNHS/NHSdata)",
		sim: func(_ *care.Params, res *sim.Results, rep int) float64 {
			y := res.Reps[rep].Annual[0]
			return y[care.AnnualUTCAttendances] / (y[care.AnnualEDAttendances] + y[care.AnnualUTCAttendances])
		},
	},
	{
		// All ages: adults' acute admissions and the children assessed
		// in the paediatric assessment unit, whose short stays HES
		// counts as emergency admissions.
		Case: "emergency admissions, 2013/14", Measure: "admissions per year (acute + paediatric assessments)", Value: 37000, Tol: 0.10,
		Source: "docs/reference-figures.md §2.3 and §2.7 (≈109 per 1,000 × 340,000; nhsfunding.info, NAO)",
		sim:    firstYear(care.AnnualNELAdmissions, care.AnnualIndex("paediatric_assessments")),
	},
	{
		Case: "emergency length of stay, all ages, 2013/14–2023/24", Measure: "emergency bed days / admissions (acute, assessment unit, children's ward)", Value: 5.8, Tol: 0.10,
		Source: "docs/reference-figures.md §2.3 (33.59m emergency bed days / 5.8m admissions, 2016/17, NAO)",
		sim:    allAgesLOS,
	},
	{
		Case: "births at King's Mill, c. 2014/15", Measure: "births (deliveries in the obstetric unit) per year", Value: 3200, Tol: 0.10,
		Source: "\"more than 3,200 women give birth at its hospitals\" each year (Sherwood Forest Hospitals NHS Foundation Trust, Wikipedia, c. 2015–16, via piglix.com; the 2013/14 figure not published there)",
		sim:    inYearSum("2014/15", care.AnnualIndex("births")),
	},
	{
		// The source counts elective admissions too, which the model
		// does not: ±15%.
		Case: "children's ward admissions, c. 2014/15", Measure: "emergency admissions to the children's ward per year", Value: 3000, Tol: 0.15,
		Source: "\"More than 3,000 patients are looked after on the children's ward\" each year (Sherwood Forest Hospitals NHS Foundation Trust, Wikipedia, c. 2015–16, via piglix.com)",
		sim:    inYearSum("2014/15", care.AnnualIndex("paediatric_admissions")),
	},
	{
		// 92–95%, between the 92% planning figure and the 93–96%
		// observed: 0.935 ± 1.5 points.
		Case: "general and acute bed occupancy, 2013/14", Measure: "acute_bed_days / (acute_beds × days)", Value: 0.935, Tol: 0.015 / 0.935,
		Source: "docs/reference-figures.md §2.3 and §2.7 (92% planning, NHP; 92.3–93.6% observed 2022–23, nhsconfed.org; 88% KH03 2019/20)",
		// The escalation beds the baseline opens at peaks count as beds,
		// as KH03 and the sitrep count them.
		Missed: "the baseline runs at about 90% in 2013/14: patients leave in the afternoon and each bed is then out of use for a " +
			"4-hour turnaround (services.acute.discharge), about 20 beds at any time that are neither free nor counted occupied, its escalation " +
			"beds count as beds, and the clinical stay is derived from the NAO's 5.8-day mean less every wait the model now counts; the band comes " +
			"from 2022–23 sitrep figures and the 92% planning ceiling (England's KH03 general and acute occupancy was 86–88% in 2010/11–2019/20, " +
			"§2.3), and no parameter was retuned to meet it",
		sim: func(_ *care.Params, res *sim.Results, rep int) float64 {
			y := res.Reps[rep].Annual[0]
			return y[care.AnnualAcuteBedDays] / (y[care.AnnualAcuteBeds] * y[care.AnnualDays])
		},
	},
	{
		// Between the old DTOC count (4.3% of occupied beds, 2018), which
		// counted only patients whose transfer was agreed, and "no criteria
		// to reside" (13%, 2023), which counts every medically fit patient
		// in a later, more delayed era: 3–9% of occupied beds.
		Case: "delayed patients' share of occupied acute beds, 2013/14", Measure: "delayed_bed_days / acute_bed_days", Value: 0.06, Tol: 0.5,
		Source: "docs/reference-figures.md §2.2–2.3 (DTOC 4.3% Oct 2018, newarkadvertiser.co.uk; NCTR 13% Feb 2024, HoC Library)",
		Missed: "with its capacity held the baseline's delayed patients take about 9.1% of occupied beds in 2013/14 with 10 " +
			"replications, at the top edge of the band and moved across it by the random numbers: separating children from adults " +
			"raised adults' shares of pathways 1–3 (× 1.16, so that the yearly volumes hold) into the same intermediate-care beds and " +
			"reablement places; most of the delayed days are the assessment wait (services.acute.assessment, mean 3 days, an " +
			"assumption), and the model counts every fit patient as the later no-criteria-to-reside measure does (13% in 2024), not " +
			"only DToC (4.3% in 2018); no parameter was retuned to meet the band",
		sim: firstYearRatio(care.AnnualDelayedBedDays, care.AnnualAcuteBedDays),
	},
	{
		// The trusts' median in HES A&E 2013/14 and their interquartile
		// range, up to the national 4.2%: 2.6–4.2%.
		Case: "mental health share of ED attendances, 2013/14", Measure: "mh_attendances / ed_attendances", Value: 0.032, Tol: 0.3,
		Source: "docs/reference-figures.md §2.11 (Baracaia et al. 2020, Emerg Med J 37:744, HES A&E 2013/14)",
		sim:    firstYearRatio(care.AnnualIndex("mh_attendances"), care.AnnualEDAttendances),
	},
	{
		// Adult acute mental health beds, excluding patients on leave: 94%
		// (102% with leave) in 2015/16; ± 6% of it, 88–100%.
		Case: "mental health bed occupancy, 2013/14", Measure: "mh_bed_days / (mh_beds × days)", Value: 0.94, Tol: 0.06,
		Source: "docs/reference-figures.md §2.11 (NHS Benchmarking Network 2016, via Centre for Mental Health; the window's last year)",
		Missed: "the baseline runs the mental health beds at about 88% in 2013/14: other_admissions is derived from 94% occupancy as if " +
			"every patient asking for a bed were admitted locally, but the out-of-area rule (24 hours) places about 30 a year elsewhere, " +
			"and 94% is the 2015/16 figure, occupancy having risen since 2013/14 (NHS Benchmarking 2014); no parameter was retuned to meet it",
		sim: func(_ *care.Params, res *sim.Results, rep int) float64 {
			y := res.Reps[rep].Annual[0]
			return y[care.AnnualIndex("mh_bed_days")] / (y[care.AnnualIndex("mh_beds")] * y[care.AnnualDays])
		},
	},
	{
		// 2013/14's rates applied to the 2014/15 population; the same-day
		// share is the survey's of last appointments, hence ±10%.
		Case: "same-day GP appointments, 2014/15", Measure: "gp_same_day_appointments per year", Value: 421850, Tol: 0.10,
		Source: "baseline.yaml population.age_bands: 5.16 consultations a person in 2013/14 (Hobbs et al., Lancet 2016, phc.ox.ac.uk) × 62% with a GP " +
			"(Hippisley-Cox 2009, NHS IC) × 38% on the day asked (GP Patient Survey, qualitywatch.org.uk) × 347,000",
		sim: inYearSum("2014/15", care.AnnualIndex("gp_same_day_appointments")),
	},
	{
		// 9–12% in 2012–17; the survey asks about any appointment, the
		// model's share is of same-day need: 10.9% ± 2 points.
		Case: "people unable to get a GP appointment, 2014/15", Measure: "gp_same_day_unmet / gp_same_day_need", Value: 0.109, Tol: 0.02 / 0.109,
		Source: "GP Patient Survey 2014 (10.91%, leftfootforward.org, 12 Jan 2015; 9–12% in 2012–17, qualitywatch.org.uk)",
		sim: inYear("2014/15", func(y []float64) float64 {
			return y[care.AnnualIndex("gp_same_day_unmet")] / y[care.AnnualIndex("gp_same_day_need")]
		}),
	},
	{
		// The base year's rates on the base year's people: the survey's
		// same-day share carries the uncertainty, hence ±10%.
		Case: "routine GP appointments, 2013/14", Measure: "gp_routine_appointments per year", Value: 678600, Tol: 0.10,
		Source: "baseline.yaml population.age_bands: 5.16 consultations a person in 2013/14 (Hobbs et al., Lancet 2016, phc.ox.ac.uk) × 62% with a GP " +
			"(Hippisley-Cox 2009, NHS IC) × 62% not on the day asked (GP Patient Survey, qualitywatch.org.uk) × 343,700",
		sim: inYearSum("2013/14", care.AnnualIndex("gp_routine_appointments")),
	},
	{
		// GPs' share of the first outpatient referrals: equal by
		// construction of routine_refer at full access, so a check of the
		// construction and of the base year's access (Newark and Sherwood
		// are short of appointments from the start): ±5%.
		Case: "GP referrals to outpatients, 2013/14", Measure: "gp_outpatient_referrals per year", Value: 74590, Tol: 0.05,
		Source: "HES 2008-09: 54% of first outpatient attendances GP-referred (HSCIC, Hospital Outpatient Activity 2008-09, digital.nhs.uk) × " +
			"the baseline's 138,130 first referrals per head (NHS England QAR)",
		sim: inYearSum("2013/14", care.AnnualIndex("gp_outpatient_referrals")),
	},
	{
		// England's rate of 2014/15 for the registered population, plus
		// the calls of those who found no appointment (≈ 2,100): ±15%.
		Case: "NHS 111 calls, 2014/15", Measure: "nhs111_calls per year", Value: 79800, Tol: 0.15,
		Source: "NHS 111 Minimum Data Set (NHS England statistics, July 2014 and April 2015, england.nhs.uk): ≈ 230 calls per 1,000 people a year × 347,000",
		sim:    inYearSum("2014/15", care.AnnualIndex("nhs111_calls")),
	},
	{
		// The service's first full year: England's ≈ 8.8m calls over
		// 53.9m people, 163 of the population's 230 calls per 1,000
		// (the services it replaced answered the rest), those of people
		// who found no appointment (≈ 1,950) included: ±15%, as
		// 2014/15's.
		Case: "NHS 111 calls, 2013/14", Measure: "nhs111_calls per year", Value: (343700*0.230 + 1950) * 163 / 230, Tol: 0.15,
		Source: "parallelparliament.co.uk written answer 220028: ≈ 8.8m NHS 111 calls in 2013/14, ≈ 163 per 1,000 people × 343,700",
		sim:    inYearSum("2013/14", care.AnnualIndex("nhs111_calls")),
	},
	{
		// England's contacts per head of 2013/14 on the registered
		// population. The baseline's direct contacts are derived from it
		// (what NHS 111 does not bring), so the model meets it by
		// construction; the target guards that derivation: ±15%.
		Case: "out-of-hours GP contacts, 2013/14", Measure: "ooh_contacts per year", Value: 5.8e6 / 53.9e6 * 343700, Tol: 0.15,
		Source: "National Audit Office, \"Out-of-hours GP services in England\", HC 439, 2014: 5.8m cases in 2013/14 over 53.9m people (108 per 1,000) × 343,700",
		sim:    inYearSum("2013/14", care.AnnualIndex("ooh_contacts")),
	},
	{
		// The trust's agency nursing spend turned into WTE at the
		// baseline's cost of an agency nurse (money.workforce.nurses: a
		// band 5 nurse's £30.1k with on-costs × 1.6): £4.71m / £48.2k. Both
		// the cost and the premium are assumptions with wide ranges, so
		// the tolerance is wide. The spend was £4.44m in 2013/14 (92 WTE)
		// and £5.66m in 2015/16 (117 WTE) on the same arithmetic.
		Case: "agency nurses at the acute trust, 2014/15", Measure: "wte_agency_nurses_acute (WTE, mean over the year)", Value: 4.71e6 / (30100 * 1.6), Tol: 0.35,
		Source: "docs/reference-figures.md §2.8 (SFH agency nursing £4.71m in 2014/15, FOI via chad.co.uk) at money.workforce.nurses' cost and premium",
		sim:    inYearSum("2014/15", care.AnnualIndex("wte_agency_nurses_acute")),
	},
	{
		// The trust's own count of a later year (c.2015/16), of
		// outpatients and therapy patients together, against the model's
		// consultant-led first and follow-up attendances sized on
		// England's rates (services.outpatients): ±15% for the year and
		// the therapy it counts.
		Case: "outpatient attendances, first and follow-up, 2014/15", Measure: "attendances per year", Value: 411000, Tol: 0.15,
		Source: "docs/reference-figures.md §2.2 (\"411,000 outpatients and therapy patients\" a year, SFH c.2015/16: piglix.com); " +
			"baseline.yaml services.outpatients (England's QAR, Q4 2014/15, england.nhs.uk)",
		sim: inYearSum("2014/15", care.AnnualIndex("outpatient_first_attendances"), care.AnnualIndex("outpatient_follow_ups")),
	},
	{
		// England's consultant-led first attendances a head on the
		// trust's catchment: the figure the referral rate was sized from,
		// so this checks that the clinics see what is referred.
		Case: "outpatient first attendances, 2014/15", Measure: "attendances per year", Value: 139400, Tol: 0.05,
		Source: "baseline.yaml services.outpatients: 0.332 a head (18.0m in England, NHS England QAR Q4 2014/15, england.nhs.uk) × 420,000 (§2.2)",
		sim:    inYearSum("2014/15", care.AnnualIndex("outpatient_first_attendances")),
	},
	{
		// The trust's own count (c.2015/16) against four times the
		// ordinary electives (80% day-case rate, 2012/13): ±15%.
		Case: "day cases, 2014/15", Measure: "day cases per year", Value: 29000, Tol: 0.15,
		Source: "docs/reference-figures.md §2.2 (\"29,000 day case patients\" a year, SFH c.2015/16: piglix.com) and §2.3 (day-case rate 80%, 2012/13, translucency.co.uk)",
		sim:    inYearSum("2014/15", care.AnnualIndex("day_cases")),
	},
}

// allAgesLOS is replication rep's mean emergency stay over all ages, in
// days: the acute beds' emergency bed days (mean stay × admissions), the
// children's ward's and the paediatric assessment unit's days, over the
// acute admissions and the children assessed.
func allAgesLOS(_ *care.Params, res *sim.Results, rep int) float64 {
	m := res.Reps[rep].Metrics
	at := func(name string) float64 {
		if i := care.MetricIndex(name); i >= 0 && !math.IsNaN(m[i]) {
			return m[i]
		}
		return 0
	}
	const year = 365.25
	days := m[care.MetricAcuteLOS]*m[care.MetricNELAdmissions] + year*at("paediatric_beds_occupied_mean") +
		year*at("paediatric_assessment_occupancy_mean")*res.Reps[rep].Annual[0][care.AnnualIndex("paediatric_assessment_spaces")]
	return days / (m[care.MetricNELAdmissions] + at("paediatric_assessments_per_year"))
}

// ModelChecks runs the built-in textbook scenarios through the whole model
// and compares them with queueing theory, then runs the baseline and
// compares it with BaselineTargets:
//
//   - textbook-mmc (ED only, an M/M/c queue): the mean wait for a cubicle
//     and the mean time in the department, against Erlang C;
//   - textbook-loss (acute beds that divert when full, M/M/c/c): the
//     diverted fraction against Erlang B, and the mean beds occupied;
//   - textbook-tandem (acute beds then intermediate care, blocking after
//     service): acute and intermediate-care beds occupied, the mean wait
//     for an acute bed, the mean delay of pathway-2 patients and the mean
//     number delayed, against the exact solution of [Tandem].
//
// The baseline's funding gap is not a target: it is derived from the
// money's stated drivers and explained by its bridge (docs/money.md), and
// the programme's £140m is a reference line on its deficit chart.
//
// The textbook cases' parameters are read from the scenario files, so that
// the checks follow the files. Interval checks hold together at
// o.Confidence (Bonferroni); the calibration checks pass within each
// target's tolerance, except those the baseline is known to miss
// (Target.Missed), which carry the reason in Check.Missed.
func ModelChecks(ctx context.Context, o ModelOptions) ([]Check, error) {
	if o.Reps == 0 {
		o.Reps = 20
	}
	if o.BaselineReps == 0 {
		o.BaselineReps = 10
	}
	if o.Confidence == 0 {
		o.Confidence = 0.99
	}
	type textbook struct {
		name   string
		checks func(p *care.Params) ([]Check, []func(*care.Result) float64, error)
	}
	cases := []textbook{
		{"textbook-mmc", mmcChecks},
		{"textbook-loss", lossChecks},
		{"textbook-tandem", tandemChecks},
	}
	var all []Check
	var sims [][]float64
	for _, tc := range cases {
		p, seed, err := load(tc.name, o.Seed)
		if err != nil {
			return nil, err
		}
		checks, fs, err := tc.checks(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", tc.name, err)
		}
		res, err := sim.Run(ctx, p, sim.Options{Reps: o.Reps, Workers: o.Workers, Seed: seed})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", tc.name, err)
		}
		for i := range checks {
			v := make([]float64, len(res.Reps))
			for r, rep := range res.Reps {
				v[r] = fs[i](rep)
			}
			sims = append(sims, v)
		}
		all = append(all, checks...)
	}
	perCheck := 1 - (1-o.Confidence)/float64(len(all))
	for i := range all {
		all[i].Sim = stats.Summarize(sims[i], perCheck)
	}

	l, err := scenarios.Load("baseline", scenarios.Options{})
	if err != nil {
		return nil, err
	}
	p, seed := &l.Scenario.Params, l.Scenario.Seed
	if o.Seed != 0 {
		seed = o.Seed
	}
	bo := sim.Options{Reps: o.BaselineReps, Workers: o.Workers, Seed: seed,
		ExcessAfter: des.Time(l.Scenario.Money.UnitCosts.ExcessAfter)}
	if o.Baseline != nil {
		bo = sim.Scenario{Params: p, Money: &l.Scenario.Money}.Options(bo)
		bo.KeepDaily = true
	}
	res, err := sim.Run(ctx, p, bo)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if o.Baseline != nil {
		if err := o.Baseline(res); err != nil {
			return nil, fmt.Errorf("baseline: %w", err)
		}
	}
	for _, c := range EvaluateTargets(p, res) {
		c.Case = "baseline: " + c.Case
		all = append(all, c)
	}
	return all, nil
}

// EvaluateTargets compares res, a run of the built-in baseline with
// parameters p, with each of [BaselineTargets]: the replications' mean of
// the target's measure, with its confidence interval at
// stats.DefaultConfidence, against the published figure and its
// tolerance. The run must cover the baseline's horizon (ten financial
// years, from 2014/15) and its first year whole. It costs a pass over the
// replications' results, nothing more.
func EvaluateTargets(p *care.Params, res *sim.Results) []Check {
	var out []Check
	for _, t := range BaselineTargets {
		v := make([]float64, len(res.Reps))
		for r := range res.Reps {
			v[r] = t.sim(p, res, r)
		}
		out = append(out, Check{Case: t.Case, Measure: t.Measure, Expected: t.Value,
			Sim: stats.Summarize(v, stats.DefaultConfidence), Tol: t.Tol, Source: t.Source, Missed: t.Missed})
	}
	return out
}

// load reads a built-in scenario, with its seed unless seed is not 0.
func load(name string, seed uint64) (*care.Params, uint64, error) {
	l, err := scenarios.Load(name, scenarios.Options{})
	if err != nil {
		return nil, 0, err
	}
	if seed == 0 {
		seed = l.Scenario.Seed
	}
	return &l.Scenario.Params, seed, nil
}

// onlyRoute returns the single route of a textbook scenario.
func onlyRoute(p *care.Params) (care.Route, error) {
	if len(p.Demand.Urgent.Routes) != 1 {
		return care.Route{}, fmt.Errorf("a textbook case needs exactly one route, not %d", len(p.Demand.Urgent.Routes))
	}
	return p.Demand.Urgent.Routes[0], nil
}

func mmcChecks(p *care.Params) ([]Check, []func(*care.Result) float64, error) {
	route, err := onlyRoute(p)
	if err != nil {
		return nil, nil, err
	}
	mean, _ := p.Services.ED.Treatment.Moments()
	// Rates per hour, so that waits come out in hours.
	q := MMc{Lambda: route.PerDay / 24, Mu: 1 / (mean * 24), C: p.Services.ED.Cubicles}
	if err := q.Validate(); err != nil {
		return nil, nil, err
	}
	name := fmt.Sprintf("textbook-mmc: M/M/c c=%d λ=%g/h μ=%g/h", q.C, q.Lambda, q.Mu)
	return []Check{
			{Case: name, Measure: "ed_wait_hours_mean (Erlang C Wq)", Expected: q.Wq()},
			{Case: name, Measure: "ed_time_in_department_hours_mean (W)", Expected: q.W()},
		}, []func(*care.Result) float64{
			func(r *care.Result) float64 { return r.Metrics[care.MetricEDWaitHours] },
			func(r *care.Result) float64 { return r.Metrics[care.MetricEDTimeInDeptHours] },
		}, nil
}

func lossChecks(p *care.Params) ([]Check, []func(*care.Result) float64, error) {
	route, err := onlyRoute(p)
	if err != nil {
		return nil, nil, err
	}
	mean, _ := p.Services.Acute.LengthOfStay.Moments()
	c := p.Services.Acute.Beds
	a := route.PerDay * route.Admit * mean
	b := ErlangB(c, a)
	name := fmt.Sprintf("textbook-loss: M/M/c/c c=%d a=%g", c, a)
	return []Check{
			{Case: name, Measure: "acute_diverted_fraction (Erlang B)", Expected: b},
			{Case: name, Measure: "acute_beds_occupied_mean (a(1−B))", Expected: a * (1 - b)},
		}, []func(*care.Result) float64{
			func(r *care.Result) float64 { return r.Metrics[care.MetricDiverted] },
			func(r *care.Result) float64 { return r.Metrics[care.MetricAcuteBedsOccupied] },
		}, nil
}

func tandemChecks(p *care.Params) ([]Check, []func(*care.Result) float64, error) {
	route, err := onlyRoute(p)
	if err != nil {
		return nil, nil, err
	}
	s1, _ := p.Services.Acute.LengthOfStay.Moments()
	s2, _ := p.Services.IntermediateCare.LengthOfStay.Moments()
	t := Tandem{Lambda: route.PerDay * route.Admit, MeanStay1: s1, MeanStay2: s2,
		P: p.Services.Acute.Pathways.Bed, C1: p.Services.Acute.Beds, C2: p.Services.IntermediateCare.Beds}
	sol, err := t.Solve()
	if err != nil {
		return nil, nil, err
	}
	name := fmt.Sprintf("textbook-tandem: c1=%d c2=%d λ=%g p=%g", t.C1, t.C2, t.Lambda, t.P)
	m := func(k int) func(*care.Result) float64 {
		return func(r *care.Result) float64 { return r.Metrics[k] }
	}
	return []Check{
			{Case: name, Measure: "acute_beds_occupied_mean (stage 1, blocked included)", Expected: sol.Occupancy1},
			{Case: name, Measure: "ic_beds_occupied_mean (stage 2)", Expected: sol.Occupancy2},
			{Case: name, Measure: "wait_for_bed_days_mean (stage-1 wait)", Expected: sol.Wait1},
			{Case: name, Measure: "delay_days_mean_pathway2 (time blocked)", Expected: sol.BlockedTime},
			{Case: name, Measure: "acute_delayed_patients_mean (blocked)", Expected: sol.Blocked},
		}, []func(*care.Result) float64{
			m(care.MetricAcuteBedsOccupied), m(care.MetricICBedsOccupied), m(care.MetricWaitForBedDays),
			m(care.MetricDelayP2), m(care.MetricAcuteDelayed),
		}, nil
}
