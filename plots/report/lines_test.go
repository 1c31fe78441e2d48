package report

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"caresim/internal/golden"
	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
)

// handLines is a hand-made run of two whole financial years, 2013/14 and
// 2014/15 (365 days each), and 100 days of 2015/16, with the annual
// measures set, in each year, to the values of set (by name; the rest
// NaN, as for a line the scenario lacks) and the daily measures to those
// of daily (by name, a function of the day from the first year's start).
func handLines(first string, set map[string][3]float64, daily map[string]func(day int) float64) results.RunData {
	d := results.NewRunData()
	d.Years = []string{first, nextYear(first), nextYear(nextYear(first))}
	days := []float64{365, 365, 100}
	if first == "2015/16" {
		days[0] = 366
	}
	total := 0
	for _, n := range days {
		total += int(n)
	}
	for k := range d.Daily {
		d.Daily[k] = sim.Band{Mean: make([]float64, total)}
		for i := range d.Daily[k].Mean {
			d.Daily[k].Mean[i] = math.NaN()
		}
	}
	for name, f := range daily {
		k := care.DailyIndex(name)
		for i := range total {
			d.Daily[k].Mean[i] = f(i)
		}
	}
	for y, n := range days {
		a := make([]float64, care.NumAnnual)
		for k := range a {
			a[k] = math.NaN()
		}
		a[care.AnnualDays] = n
		for name, v := range set {
			k := care.AnnualIndex(name)
			if k < 0 {
				panic("no annual measure " + name)
			}
			a[k] = v[y]
		}
		d.Annual = append(d.Annual, a)
	}
	return d
}

// nextYear is the financial year after y ("2013/14" → "2014/15").
func nextYear(y string) string {
	var a int
	fmt.Sscanf(y, "%d", &a)
	return fmt.Sprintf("%d/%02d", a+1, (a+2)%100)
}

// handMeasures are the hand-made run's annual measures. Mental health:
// 4,000 crisis attendances of 125,000 (3.2%), 400 of the ED's 500 12-hour
// waits (80.0%), 43 beds 90% occupied (14,125.5 bed days over 43 × 365) in
// 2013/14. Outpatients with no advice and guidance. Primary care with
// hubs only from 2014/15, and no NHS 111.
var handMeasures = map[string][3]float64{
	"mh_attendances": {4000, 4100, 1200}, "ed_attendances": {125000, 128125, 30000},
	"liaison_assessments": {3000, 3100, 900}, "mh_12h_arrival_waits": {400, 410, 100},
	"ed_12h_arrival_waits": {500, 410 / 0.75, 200}, "mh_12h_dta_waits": {20, 25, 5},
	"mh_beds": {43, 43, 43}, "mh_bed_admissions": {420, 430, 110}, "mh_bed_admissions_from_ed": {240, 250, 60},
	"mh_bed_days": {43 * 365 * 0.9, 43 * 365 * 0.85, 4000}, "mh_out_of_area": {30, 20, 5},

	"outpatient_referrals": {132000, 133000, 36000}, "outpatient_advice_and_guidance": {0, 0, 0},
	"outpatient_first_attendances": {138700, 139500, 38000}, "outpatient_follow_ups": {297400, 302000, 82000},
	"day_cases": {26430, 26560, 7000}, "outpatient_first_slots": {154700, 155000, 40000},
	"outpatient_pathways": {9600, 9700, 9800}, "outpatient_pathways_over_18w": {0, 97, 200},

	"gp_same_day_need": {470000, 478000, 130000}, "gp_same_day_capacity": {418600, 431000, 120000},
	"gp_hub_capacity": {0, 12400, 4000}, "gp_same_day_appointments": {418300, 430000, 119000},
	"gp_same_day_unmet": {51700, 48000, 11000}, "gp_unmet_to_ae": {5041, 4680, 1100}, "gp_referrals": {9800, 9900, 2700},
}

// handOverdue is the follow-ups past their day: 500 every day of the
// first year; 600 in the first 183 days of the second and 700 in its other
// 182, a mean of (183 × 600 + 182 × 700) / 365 = 649.86.
func handOverdue(day int) float64 {
	switch {
	case day < 365:
		return 500
	case day < 365+183:
		return 600
	}
	return 700
}

// linesText writes a run's line sections as text, for a golden file: each
// section's title, lead, tables (cells parted by " | "), notes and chart
// links.
func linesText(ls []*lineView) string {
	var b strings.Builder
	table := func(t reportTable) {
		var cells []string
		for _, c := range t.Header {
			cells = append(cells, c.Text)
		}
		fmt.Fprintln(&b, strings.Join(cells, " | "))
		for _, r := range t.Rows {
			cells = cells[:0]
			for _, c := range r.Cells {
				cells = append(cells, c.Text)
			}
			fmt.Fprintln(&b, strings.Join(cells, " | "))
		}
	}
	for _, l := range ls {
		fmt.Fprintf(&b, "## %s (#%s)\n%s\n", l.Title, l.ID, l.Lead)
		for _, t := range l.Tables {
			fmt.Fprintf(&b, "### %s\n", t.Caption)
			table(t.Table)
		}
		if l.Sources != nil {
			fmt.Fprintln(&b, "### The base year against its sources")
			table(*l.Sources)
			fmt.Fprintln(&b, l.SourcesNote)
		}
		fmt.Fprintln(&b, l.Note)
		for _, c := range l.Charts {
			fmt.Fprintf(&b, "chart: %s (#%s)\n", c.Title, c.ID)
		}
		fmt.Fprintln(&b)
	}
	return b.String()
}

// TestLineSectionsAbsent: a run without the lines (their measures not
// measured), and one with them switched on but idle (every measure 0),
// has none of their sections.
func TestLineSectionsAbsent(t *testing.T) {
	t.Parallel()
	if ls := lineSections(handLines("2013/14", map[string][3]float64{"ed_attendances": {150000, 150000, 40000}}, nil), nil); len(ls) != 0 {
		t.Errorf("a run without the lines has %d sections: %s", len(ls), linesText(ls))
	}
	idle := map[string][3]float64{}
	for _, def := range lineDefs {
		for _, name := range def.active {
			idle[name] = [3]float64{}
		}
	}
	if ls := lineSections(handLines("2013/14", idle, nil), nil); len(ls) != 0 {
		t.Errorf("a run with the lines idle has %d sections: %s", len(ls), linesText(ls))
	}
}

// TestLineSections checks the sections of the hand-made run against
// figures worked by hand and pins them in testdata/lines.txt: a row for
// each year simulated whole (not the 100 days of 2015/16), the shares
// as percentages, the occupancy from bed days over beds × days, the
// follow-ups past their day as the year's mean of the daily measure; the
// advice and guidance column left out (none in any year) and the hubs'
// kept (some in 2014/15); no NHS 111 table (not measured); the base year
// against its sources; links to the drawn charts alone.
func TestLineSections(t *testing.T) {
	t.Parallel()
	d := handLines("2013/14", handMeasures, map[string]func(int) float64{"outpatient_follow_ups_overdue": handOverdue})
	drawn := []reportChart{{ID: "chart-ed-12h-waits", Title: "12-hour waits", File: "ed-12h-waits"},
		{ID: "chart-beds-acute", Title: "Acute beds", File: "beds-acute"}}
	ls := lineSections(d, drawn)
	got := linesText(ls)
	golden.Check(t, "testdata/lines.txt", got)

	if len(ls) != 3 {
		t.Fatalf("%d sections, want mental health, outpatients and primary care:\n%s", len(ls), got)
	}
	cell := func(l *lineView, table, row int, head string) string {
		tb := l.Tables[table].Table
		for j, h := range tb.Header {
			if strings.HasPrefix(h.Text, head) {
				return tb.Rows[row].Cells[j].Text
			}
		}
		return "(no column " + head + ")"
	}
	mh, op, pc := ls[0], ls[1], ls[2]
	for _, c := range []struct {
		got, want, what string
	}{
		{cell(mh, 0, 0, "Share of ED (type 1)"), "3.2%", "crisis share, 4,000 of 125,000"},
		{cell(mh, 0, 1, "Share of all the ED's"), "75.0%", "crisis patients' share of 12-hour waits, 2014/15"},
		{cell(mh, 1, 0, "Occupancy"), "90.0%", "mental health occupancy, 2013/14"},
		{cell(mh, 1, 1, "Occupancy"), "85.0%", "mental health occupancy, 2014/15"},
		{cell(op, 0, 0, "Referrals"), "132,000", "referrals, thousands separated"},
		{cell(op, 1, 1, "Within 18 weeks"), "99.0%", "1 − 97 / 9,700"},
		{cell(op, 1, 0, "Follow-ups past their day"), "500", "the first year's daily mean"},
		{cell(op, 1, 1, "Follow-ups past their day"), "649.9", "(183 × 600 + 182 × 700) / 365"},
		{cell(pc, 0, 1, "Of them in hubs"), "12,400", "hubs' appointments in 2014/15"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	for _, l := range ls {
		if n := len(l.Tables[0].Table.Rows); n != 2 {
			t.Errorf("%s: %d rows, want the two whole years", l.ID, n)
		}
		if l.Sources == nil {
			t.Errorf("%s: no table of sources for a run from the base year", l.ID)
		}
	}
	if h := cell(op, 0, 0, "Answered by advice"); !strings.HasPrefix(h, "(no column") {
		t.Errorf("outpatients show advice and guidance, which no year has: %q", h)
	}
	if n := len(pc.Tables); n != 1 {
		t.Errorf("primary care has %d tables, want one: NHS 111 is not measured", n)
	}
	if len(mh.Charts) != 1 || mh.Charts[0].ID != "chart-ed-12h-waits" || len(op.Charts)+len(pc.Charts) != 0 {
		t.Errorf("chart links %v, %v, %v: want the 12-hour waits' alone, the one drawn", mh.Charts, op.Charts, pc.Charts)
	}

	// A run from 2015/16 has no base year to set beside the sources.
	for _, l := range lineSections(handLines("2015/16", handMeasures, nil), nil) {
		if l.Sources != nil {
			t.Errorf("%s: a run from 2015/16 has a table of sources for 2013/14", l.ID)
		}
	}
}

// TestLineSectionsInReport: the report shows each section with its id, a
// link to it in the contents, and its tables, and none when the run has
// no lines.
func TestLineSectionsInReport(t *testing.T) {
	t.Parallel()
	write := func(ls []*lineView) string {
		var b bytes.Buffer
		if err := writeReport(&b, &report{Kind: "run", Title: "T", Lines: ls}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	got := write(lineSections(handLines("2013/14", handMeasures, nil), nil))
	for _, want := range []string{`<a href="#mental-health">Mental health</a>`, `<section id="mental-health">`,
		`<section id="outpatients">`, `<section id="primary-care">`, "<h3>The base year against its sources</h3>",
		"<h3>Same-day general practice</h3>", `<td class="num">3.2%</td>`} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if got := write(nil); strings.Contains(got, `id="mental-health"`) || strings.Contains(got, "against its sources") {
		t.Error("a report without the lines has their sections")
	}
}

// TestLineOutOfHoursAndRoutine checks the primary care section's routine
// and out-of-hours tables against figures worked by hand: urgent
// face-to-face contacts within 2 hours 1 − 74 / 1,000 = 92.6% in 2013/14
// and 1 − 150 / 1,200 = 87.5% in 2014/15; the routine backlog as the
// year's mean it is; the front door's walk-ins left out (none in any
// year); and the out-of-hours chart linked when drawn.
func TestLineOutOfHoursAndRoutine(t *testing.T) {
	t.Parallel()
	d := handLines("2013/14", map[string][3]float64{
		"gp_same_day_need": {470000, 475000, 130000}, "gp_routine_need": {678000, 684000, 190000},
		"gp_routine_capacity": {702800, 702800, 192500}, "gp_routine_appointments": {678000, 684000, 190000},
		"gp_routine_backlog": {61, 75.5, 80}, "gp_outpatient_referrals": {75000, 75600, 21000},
		"gp_elective_referrals": {3500, 3520, 980},
		"ooh_contacts":          {37000, 37500, 10000}, "ooh_advice": {15900, 16100, 4300},
		"ooh_base": {15900, 16100, 4300}, "ooh_home_visits": {5200, 5300, 1400}, "ooh_front_door": {0, 0, 0},
		"ooh_urgent": {1000, 1200, 300}, "ooh_urgent_late": {74, 150, 30},
		"ooh_to_hospital": {3100, 3150, 850}, "ooh_to_ae": {1100, 1120, 300},
	}, nil)
	drawn := []reportChart{{ID: "chart-beds-out-of-hours", Title: "Out-of-hours GPs", File: "beds-out-of-hours"}}
	ls := lineSections(d, drawn)
	if len(ls) != 1 || ls[0].ID != "primary-care" {
		t.Fatalf("sections %s, want primary care alone", linesText(ls))
	}
	pc := ls[0]
	table := func(caption string) *reportTable {
		for i := range pc.Tables {
			if pc.Tables[i].Caption == caption {
				return &pc.Tables[i].Table
			}
		}
		t.Fatalf("no table %q in %s", caption, linesText(ls))
		return nil
	}
	cell := func(tb *reportTable, row int, head string) string {
		for j, h := range tb.Header {
			if strings.HasPrefix(h.Text, head) {
				return tb.Rows[row].Cells[j].Text
			}
		}
		return "(no column " + head + ")"
	}
	ooh, routine := table("Out-of-hours GP service"), table("Routine (booked) general practice")
	for _, c := range []struct{ got, want, what string }{
		{cell(ooh, 0, "Urgent face-to-face within 2 hours"), "92.6%", "1 − 74 / 1,000"},
		{cell(ooh, 1, "Urgent face-to-face within 2 hours"), "87.5%", "1 − 150 / 1,200"},
		{cell(ooh, 0, "Contacts"), "37,000", "contacts, thousands separated"},
		{cell(ooh, 0, "Walk-ins from the front door"), "(no column Walk-ins from the front door)", "no walk-ins in any year"},
		{cell(routine, 1, "Waiting for one"), "75.5", "the backlog's yearly mean"},
		{cell(routine, 0, "GP referrals"), "75,000", "GP referrals, 2013/14"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	if len(pc.Charts) != 1 || pc.Charts[0].ID != "chart-beds-out-of-hours" {
		t.Errorf("chart links %v, want the out-of-hours chart", pc.Charts)
	}
}
