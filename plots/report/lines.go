package report

import (
	"math"
	"slices"
	"strings"

	"caresim/results"
	"caresim/sim/care"
)

// The report's sections on the service lines that a board reads year by
// year: mental health, outpatients and day cases, and primary care and
// NHS 111. Each is a table (or two) by financial year of the line's
// measures, the base year against the published figures it was sized
// from or checked with (docs/model.md §7), a note on what the line is not,
// and links to its charts. A section is shown only when the scenario
// enables its line (lineDef.active).

// lineYear is one financial year simulated whole, as a column reads it.
type lineYear struct {
	// Annual is the year's value of the annual measure name (the mean
	// over the replications), NaN when the run has none.
	Annual func(name string) float64
	// Daily is the mean over the year's days of the daily measure name
	// (each day's mean over the replications), NaN when the run has none.
	Daily func(name string) float64
	Days  float64 // the year's days
}

// lineColumn is a column of a line's table by year.
type lineColumn struct {
	head string // what it counts, in plain words
	// unit is as care's measures name units: a fraction is shown as a
	// percentage, and the heading names the others, but a ratio and a
	// unit the heading already says ("Beds").
	unit string
	// optional columns are left out when no year has a value above 0
	// (hubs before a scenario opens any).
	optional bool
	value    func(y lineYear) float64
}

// lineTableDef is one table of a line's section: a caption (none for a
// section of one table) and its columns after the year.
type lineTableDef struct {
	caption string
	cols    []lineColumn
}

// lineSource is a base-year figure beside the published one it was sized
// from or checked with.
type lineSource struct {
	measure, unit     string
	value             func(y lineYear) float64
	published, source string
}

// lineDef is a service line's section.
type lineDef struct {
	id, title string
	// active are annual measures: the section is shown when any of them
	// is above 0 in a year (the line is enabled and has patients).
	active  []string
	lead    string
	tables  []lineTableDef
	sources []lineSource
	note    string   // what the line is not
	charts  []string // the ids of its charts in the report, linked when drawn
}

// lineTable is a table of a line's section as the report shows it.
type lineTable struct {
	Caption string
	Table   reportTable
}

// lineView is a service line's section as the report shows it.
type lineView struct {
	ID, Title, Lead string
	Tables          []lineTable
	Sources         *reportTable // the base year against its sources; nil when the run has no base year
	SourcesNote     string       // follows Sources
	Note            string
	Charts          []reportChart // drawn charts of the line, linked by ID
}

// baseYear is the year the lines' published figures are quoted against:
// the model's base year (baseline.yaml starts on 2013-04-01).
const baseYear = "2013/14"

// lineYearsLead ends each section's lead: what its tables' rows are.
const lineYearsLead = "Each financial year simulated whole, the year's figures averaged over the replications."

// sourcesNote follows a section's table of sources.
const sourcesNote = "Simulated: the base year's mean over the replications. Published: the figure the line was sized from or checked " +
	"with (its year as stated), a check, not a fit; the sources are cited in full in baseline.yaml and docs/model.md §7."

// wholeYears returns the indices of d's financial years simulated whole
// and, for each year of d.Annual, its first day in d.Daily; nil when
// none is whole or the annual measures lack the days.
func wholeYears(d results.RunData) (whole, from []int) {
	day := 0
	from = make([]int, len(d.Annual))
	for y, a := range d.Annual {
		from[y] = day
		n := a[care.AnnualDays]
		if math.IsNaN(n) {
			return nil, nil
		}
		if y < len(d.Years) && int(n) == results.FinancialYearDays(d.Years[y]) {
			whole = append(whole, y)
		}
		day += int(n)
	}
	return whole, from
}

// lineYearOf is year y of d, whose first day in d.Daily is from.
func lineYearOf(d results.RunData, y, from int) lineYear {
	a := d.Annual[y]
	days := a[care.AnnualDays]
	return lineYear{
		Days: days,
		Annual: func(name string) float64 {
			if k := care.AnnualIndex(name); k >= 0 && k < len(a) {
				return a[k]
			}
			return math.NaN()
		},
		Daily: func(name string) float64 {
			k := care.DailyIndex(name)
			if k < 0 || k >= len(d.Daily) {
				return math.NaN()
			}
			mean := d.Daily[k].Mean
			if from+int(days) > len(mean) {
				return math.NaN()
			}
			var s float64
			for _, v := range mean[from : from+int(days)] {
				s += v
			}
			return s / days
		},
	}
}

// lineSections returns the sections of d's service lines that its
// scenario enables, in the order of lineDefs, linking the charts among
// drawn that each names.
func lineSections(d results.RunData, drawn []reportChart) []*lineView {
	whole, from := wholeYears(d)
	if len(whole) == 0 {
		return nil
	}
	years := make([]lineYear, len(whole))
	for i, y := range whole {
		years[i] = lineYearOf(d, y, from[y])
	}
	var out []*lineView
	for _, def := range lineDefs {
		if v := lineSection(def, d, whole, years, drawn); v != nil {
			out = append(out, v)
		}
	}
	return out
}

// lineSection is def's section over the whole years whole of d (years
// as columns read them), nil when the line is not active in any.
func lineSection(def lineDef, d results.RunData, whole []int, years []lineYear, drawn []reportChart) *lineView {
	active := false
	for _, y := range years {
		for _, name := range def.active {
			active = active || y.Annual(name) > 0
		}
	}
	if !active {
		return nil
	}
	v := &lineView{ID: def.id, Title: def.title, Lead: def.lead + " " + lineYearsLead, Note: def.note}
	for _, td := range def.tables {
		var cols []lineColumn
		for _, c := range td.cols {
			if !c.optional || slices.ContainsFunc(years, func(y lineYear) bool { return c.value(y) > 0 }) {
				cols = append(cols, c)
			}
		}
		t := reportTable{Class: "line", Header: []reportCell{{Text: "Year"}}}
		for _, c := range cols {
			head := c.head
			if u := unitShown(c.unit); c.unit != "fraction" && c.unit != "ratio" && !strings.Contains(strings.ToLower(head), u) {
				head += ", " + u
			}
			t.Header = append(t.Header, reportCell{Text: head, Num: true})
		}
		measured := false
		for i, y := range years {
			row := reportRow{Cells: []reportCell{{Text: d.Years[whole[i]]}}}
			for _, c := range cols {
				x := c.value(y)
				measured = measured || !math.IsNaN(x)
				row.Cells = append(row.Cells, reportCell{Text: figureText(x, c.unit), Num: true})
			}
			t.Rows = append(t.Rows, row)
		}
		if measured {
			v.Tables = append(v.Tables, lineTable{Caption: td.caption, Table: t})
		}
	}
	if d.Years[whole[0]] == baseYear && len(def.sources) > 0 {
		t := reportTable{Class: "line-sources", Header: []reportCell{{Text: "Measure"},
			{Text: "Simulated, " + baseYear, Num: true}, {Text: "Published"}, {Text: "Source"}}}
		for _, s := range def.sources {
			x := s.value(years[0])
			if math.IsNaN(x) {
				continue
			}
			t.Rows = append(t.Rows, reportRow{Cells: []reportCell{{Text: s.measure},
				{Text: figureText(x, s.unit), Num: true}, {Text: s.published}, {Text: s.source}}})
		}
		if len(t.Rows) > 0 {
			v.Sources, v.SourcesNote = &t, sourcesNote
		}
	}
	for _, id := range def.charts {
		if i := slices.IndexFunc(drawn, func(c reportChart) bool { return c.ID == id }); i >= 0 {
			v.Charts = append(v.Charts, reportChart{ID: drawn[i].ID, Title: drawn[i].Title, File: drawn[i].File})
		}
	}
	return v
}

// lineAnnual is a column's value: the year's annual measure name.
func lineAnnual(name string) func(lineYear) float64 {
	return func(y lineYear) float64 { return y.Annual(name) }
}

// lineShare is a column's value: annual measure a over annual measure b,
// NaN when b is 0 or missing.
func lineShare(a, b string) func(lineYear) float64 {
	return func(y lineYear) float64 { return ratioOrNaN(y.Annual(a), y.Annual(b)) }
}

// ratioOrNaN is a / b, NaN when b is 0 or either is NaN.
func ratioOrNaN(a, b float64) float64 {
	if b == 0 || math.IsNaN(a) || math.IsNaN(b) {
		return math.NaN()
	}
	return a / b
}

// mhOccupancy is the mental health beds' occupancy in a year: occupied
// bed days over beds × days.
func mhOccupancy(y lineYear) float64 {
	return ratioOrNaN(y.Annual("mh_bed_days"), y.Annual("mh_beds")*y.Days)
}

// lineDefs are the service lines' sections, in the report's order.
var lineDefs = []lineDef{mentalHealthLine, outpatientsLine, primaryCareLine}

var mentalHealthLine = lineDef{
	id: "mental-health", title: "Mental health",
	active: []string{"mh_attendances", "mh_bed_admissions"},
	lead: "People who come to the emergency department (type 1) in a mental health crisis, the liaison psychiatry team " +
		"that assesses them there, and the mental health trust's adult beds that some of them, and others from the community, " +
		"are admitted to; a patient who waits too long for a local bed is placed out of area.",
	tables: []lineTableDef{
		{caption: "In the emergency department", cols: []lineColumn{
			{head: "Crisis attendances", unit: "patients", value: lineAnnual("mh_attendances")},
			{head: "Share of ED (type 1) attendances", unit: "fraction", value: lineShare("mh_attendances", "ed_attendances")},
			{head: "Liaison assessments", unit: "patients", value: lineAnnual("liaison_assessments")},
			{head: "Left ED over 12 hours after arrival", unit: "patients", value: lineAnnual("mh_12h_arrival_waits")},
			{head: "Share of all the ED's 12-hour waits", unit: "fraction", value: lineShare("mh_12h_arrival_waits", "ed_12h_arrival_waits")},
			{head: "Over 12 hours from decision to admit", unit: "patients", value: lineAnnual("mh_12h_dta_waits")},
		}},
		{caption: "Mental health beds", cols: []lineColumn{
			{head: "Beds", unit: "beds", value: lineAnnual("mh_beds")},
			{head: "Admissions", unit: "patients", value: lineAnnual("mh_bed_admissions")},
			{head: "Of them from ED", unit: "patients", value: lineAnnual("mh_bed_admissions_from_ed")},
			{head: "Occupancy", unit: "fraction", value: mhOccupancy},
			{head: "Placed out of area", unit: "patients", value: lineAnnual("mh_out_of_area")},
		}},
	},
	sources: []lineSource{
		{measure: "Crisis attendances, share of ED (type 1) attendances", unit: "fraction",
			value:     lineShare("mh_attendances", "ed_attendances"),
			published: "3.2%, the trusts' median (IQR 2.6–4.1%; England 4.2%), 2013/14",
			source:    "Baracaia et al., Emergency Medicine Journal 2020, from HES A&E 2013/14"},
		{measure: "Mental health bed occupancy", unit: "fraction",
			value:     mhOccupancy,
			published: "94%, adult acute beds, excluding leave, 2015/16 (the admissions from elsewhere were sized to it)",
			source:    "NHS Benchmarking 2015/16, in Centre for Mental Health 2016"},
	},
	note: "Not modelled: what happens to a patient after they leave the ED or a bed, the liaison team's work on the wards, " +
		"crisis patients who leave before their assessment, and the community and crisis teams, whose admissions come at a " +
		"fixed rate. Liaison's cover in the base year (08:00–22:00) is an assumption: no source of King's Mill's was found, " +
		"and the night's referrals wait for the morning, which makes most of the ED's 12-hour waits until the ED itself is " +
		"overcrowded.",
	charts: []string{"chart-ed-12h-waits", "chart-beds-mental-health-beds"},
}

var outpatientsLine = lineDef{
	id: "outpatients", title: "Outpatients and day cases",
	active: []string{"outpatient_referrals", "outpatient_first_attendances"},
	lead: "Consultant-led outpatients and day cases: referrals (besides those that end in an ordinary admission, whose " +
		"first appointments are counted here too) wait for a first appointment in the weekday clinics' slots; each patient " +
		"seen draws follow-ups, and some are listed for a day case. The referral-to-treatment clock runs from referral " +
		"to discharge from the first appointment or the day case, against the standard of 92% of the open pathways within " +
		"18 weeks.",
	tables: []lineTableDef{
		{caption: "Activity", cols: []lineColumn{
			{head: "Referrals", unit: "referrals", value: lineAnnual("outpatient_referrals")},
			{head: "Answered by advice and guidance", unit: "referrals", optional: true, value: lineAnnual("outpatient_advice_and_guidance")},
			{head: "First attendances", unit: "patients", value: lineAnnual("outpatient_first_attendances")},
			{head: "Follow-ups", unit: "attendances", value: lineAnnual("outpatient_follow_ups")},
			{head: "Follow-ups a first attendance", unit: "ratio", value: lineShare("outpatient_follow_ups", "outpatient_first_attendances")},
			{head: "Day cases", unit: "patients", value: lineAnnual("day_cases")},
			{head: "First slots used", unit: "fraction", value: lineShare("outpatient_first_attendances", "outpatient_first_slots")},
		}},
		{caption: "Waiting, mean over the year", cols: []lineColumn{
			{head: "Open pathways", unit: "patients", value: lineAnnual("outpatient_pathways")},
			{head: "Waiting over 18 weeks", unit: "patients", value: lineAnnual("outpatient_pathways_over_18w")},
			{head: "Within 18 weeks", unit: "fraction", value: func(y lineYear) float64 {
				return 1 - ratioOrNaN(y.Annual("outpatient_pathways_over_18w"), y.Annual("outpatient_pathways"))
			}},
			{head: "Follow-ups past their day", unit: "attendances", value: func(y lineYear) float64 {
				return y.Daily("outpatient_follow_ups_overdue")
			}},
		}},
	},
	sources: []lineSource{
		{measure: "First attendances", unit: "patients", value: lineAnnual("outpatient_first_attendances"),
			published: "139,400 in 2014/15: England's 0.332 a head on the trust's 420,000 catchment",
			source:    "NHS England, quarterly activity return, Q4 2014/15"},
		{measure: "Follow-ups", unit: "attendances", value: lineAnnual("outpatient_follow_ups"),
			published: "308,100 in 2014/15: England's 2.21 a first attendance; the trust counts 411,000 outpatients and therapy patients a year in all",
			source:    "NHS England, as above; the trust (c. 2015/16)"},
		{measure: "Day cases", unit: "patients", value: lineAnnual("day_cases"),
			published: "26,400: four times the ordinary elective admissions (80% day cases, 2012/13); the trust counts 29,000 a year",
			source:    "the trust's day-case rate, 2012/13 (docs/reference-figures.md §2.3); the trust (c. 2015/16)"},
	},
	note: "Not modelled: specialties, referrals' priorities, the diagnostics many pathways wait for, clinics' cancellations " +
		"and patients who do not attend, therapy and other outpatients not led by a consultant, and regular day attenders. " +
		"Slots do not depend on staff or theatres, and a slot not used is not given to another kind of appointment. The clinics " +
		"are sized 10% above the base year's demand, so nearly every pathway is within 18 weeks: the table shows how demand " +
		"or a change in slots moves the waits, not the trust's waits of the time.",
	charts: []string{"chart-waiting-list-outpatients"},
}

var primaryCareLine = lineDef{
	id: "primary-care", title: "Primary care, out of hours and NHS 111",
	active: []string{"gp_same_day_need", "nhs111_calls"},
	lead: "General practice's same-day and routine appointments, the out-of-hours GP service and NHS 111. Each weekday each locality's need for a same-day GP " +
		"appointment meets its practices' appointments (and any hubs'); triage sees the urgent first and refers them to " +
		"hospital; of those who find no appointment, some go to A&E and some ring NHS 111. NHS 111's calls end in an " +
		"ambulance, advice to attend A&E, primary care, another service, or none; out of hours, primary care is the " +
		"out-of-hours GPs. Routine need waits, first come first served, for the practices' routine appointments, and GPs " +
		"refer a share of those given to outpatients.",
	tables: []lineTableDef{
		{caption: "Same-day general practice", cols: []lineColumn{
			{head: "Same-day need", unit: "people", value: lineAnnual("gp_same_day_need")},
			{head: "Appointments offered", unit: "appointments", value: lineAnnual("gp_same_day_capacity")},
			{head: "Of them in hubs", unit: "appointments", optional: true, value: lineAnnual("gp_hub_capacity")},
			{head: "Appointments given", unit: "appointments", value: lineAnnual("gp_same_day_appointments")},
			{head: "Found no appointment", unit: "people", value: lineAnnual("gp_same_day_unmet")},
			{head: "Share of the need", unit: "fraction", value: lineShare("gp_same_day_unmet", "gp_same_day_need")},
			{head: "Went to A&E for want of one", unit: "people", value: lineAnnual("gp_unmet_to_ae")},
			{head: "Urgent referrals to hospital", unit: "patients", value: lineAnnual("gp_referrals")},
		}},
		{caption: "Routine (booked) general practice", cols: []lineColumn{
			{head: "Routine need", unit: "people", value: lineAnnual("gp_routine_need")},
			{head: "Appointments offered", unit: "appointments", value: lineAnnual("gp_routine_capacity")},
			{head: "Appointments given", unit: "appointments", value: lineAnnual("gp_routine_appointments")},
			{head: "Waiting for one, mean over the year", unit: "people", value: lineAnnual("gp_routine_backlog")},
			{head: "GP referrals for a first outpatient appointment", unit: "referrals", value: lineAnnual("gp_outpatient_referrals")},
			{head: "Of them elective", unit: "referrals", value: lineAnnual("gp_elective_referrals")},
		}},
		{caption: "Out-of-hours GP service", cols: []lineColumn{
			{head: "Contacts", unit: "contacts", value: lineAnnual("ooh_contacts")},
			{head: "Advice", unit: "contacts", value: lineAnnual("ooh_advice")},
			{head: "At the base", unit: "contacts", value: lineAnnual("ooh_base")},
			{head: "Home visits", unit: "contacts", value: lineAnnual("ooh_home_visits")},
			{head: "Walk-ins from the front door", unit: "contacts", optional: true, value: lineAnnual("ooh_front_door")},
			{head: "Urgent face-to-face within 2 hours", unit: "fraction", value: func(y lineYear) float64 {
				return 1 - ratioOrNaN(y.Annual("ooh_urgent_late"), y.Annual("ooh_urgent"))
			}},
			{head: "Referred to hospital", unit: "contacts", value: lineAnnual("ooh_to_hospital")},
			{head: "Sent to A&E", unit: "contacts", value: lineAnnual("ooh_to_ae")},
		}},
		{caption: "NHS 111", cols: []lineColumn{
			{head: "Calls", unit: "calls", value: lineAnnual("nhs111_calls")},
			{head: "Calls to the services it replaced", unit: "calls", optional: true, value: lineAnnual("nhs111_replaced_calls")},
			{head: "Ambulance", unit: "calls", value: lineAnnual("nhs111_to_ambulance")},
			{head: "Advised to attend A&E", unit: "calls", value: lineAnnual("nhs111_to_ae")},
			{head: "Share sent to hospital", unit: "fraction", value: func(y lineYear) float64 {
				return ratioOrNaN(y.Annual("nhs111_to_ambulance")+y.Annual("nhs111_to_ae"), y.Annual("nhs111_calls"))
			}},
			{head: "Primary care", unit: "calls", value: lineAnnual("nhs111_to_primary_care")},
			{head: "Another service", unit: "calls", value: lineAnnual("nhs111_to_other")},
			{head: "None", unit: "calls", value: lineAnnual("nhs111_no_service")},
		}},
	},
	sources: []lineSource{
		{measure: "Same-day GP appointments given", unit: "appointments", value: lineAnnual("gp_same_day_appointments"),
			published: "417,800 on 343,700 people, 2013/14",
			source:    "Hobbs et al., Lancet 2016 (consultations), with the GP Patient Survey (seen the same day)"},
		{measure: "Same-day need that found no appointment", unit: "fraction", value: lineShare("gp_same_day_unmet", "gp_same_day_need"),
			published: "10.9% could not get an appointment, 2014",
			source:    "GP Patient Survey 2014"},
		{measure: "Routine GP appointments given", unit: "appointments", value: lineAnnual("gp_routine_appointments"),
			published: "678,600 on 343,700 people, 2013/14",
			source:    "Hobbs et al., Lancet 2016 (consultations), with the GP Patient Survey (not on the day)"},
		{measure: "GP referrals for a first outpatient appointment", unit: "referrals", value: lineAnnual("gp_outpatient_referrals"),
			published: "74,590: 54% of first outpatient referrals made by GPs (by construction of the referral rate)",
			source:    "HES outpatient activity 2008-09; NHS England quarterly activity return"},
		{measure: "Out-of-hours GP contacts", unit: "contacts", value: lineAnnual("ooh_contacts"),
			published: "36,980: 108 per 1,000 people (met by construction of the direct contacts)",
			source:    "National Audit Office, Out-of-hours GP services in England (2014)"},
		{measure: "NHS 111 calls", unit: "calls", value: lineAnnual("nhs111_calls"),
			published: "57,400 in 2013/14 (163 per 1,000, the service's first full year); 79,100 in 2014/15 (230 per 1,000)",
			source:    "written answer 220028; NHS 111 Minimum Data Set, 2014/15"},
	},
	note: "Not modelled: appointments with nurses and other practice staff, same-day need at weekends (people ring NHS 111 " +
		"then) and bank holidays (worked as weekdays); nobody waiting for a routine appointment gives up or goes elsewhere, " +
		"so where need outgrows the appointments the wait only grows; people who find no same-day appointment and neither go " +
		"to A&E nor ring NHS 111 leave the model; the out-of-hours service has one number of GPs through its hours and no " +
		"bank holidays; NHS 111's calls ending in another service or none are counted, not followed.",
	charts: []string{"chart-beds-primary-care", "chart-beds-out-of-hours"},
}
