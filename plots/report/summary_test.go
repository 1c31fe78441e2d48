package report

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"strings"
	"testing"

	"caresim/internal/golden"
	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
)

// handYears are the three financial years of the hand-made runs: 365,
// 366 (it holds 29 February 2016) and 365 days from 1 April 2014.
var handYears = []string{"2014/15", "2015/16", "2016/17"}

// yearSpec is one financial year of a hand-made run: its A&E departures
// a day and those after 4 hours, its emergency admissions, acute beds and
// occupied acute beds (a level, each day the same), and its delayed
// patients.
type yearSpec struct {
	departures, breaches float64
	admissions           float64
	beds, occupied       float64
	delayed              float64
	attendances          float64
	within18             float64 // the share of the elective waiting list within 18 weeks
}

// handRun is a hand-made run of the three years ys: its run data (annual
// totals and daily means that the years' figures are made from) and the
// summary whose metrics the sentences quote, priced with the system's
// deficit gap in its final year and cumulatively.
func handRun(name string, ys [3]yearSpec, gap, gapLo, gapHi, cumulative float64) (*results.Summary, results.RunData) {
	d := results.NewRunData()
	d.Years = handYears
	days := []float64{365, 366, 365}
	total := 0
	for _, n := range days {
		total += int(n)
	}
	for k := range d.Daily {
		d.Daily[k] = sim.Band{Mean: make([]float64, total)}
	}
	at := 0
	var sum yearSpec
	for y, s := range ys {
		a := make([]float64, care.NumAnnual)
		for k := range a {
			a[k] = math.NaN()
		}
		n := days[y]
		a[care.AnnualDays] = n
		a[care.AnnualEDAttendances] = s.attendances
		a[care.AnnualNELAdmissions] = s.admissions
		a[care.AnnualAcuteBeds] = s.beds
		a[care.AnnualAcuteBedDays] = s.occupied * n
		a[care.AnnualDelayedBedDays] = s.delayed * n
		a[care.AnnualIndex("elective_waiting_list")] = 1000
		a[care.AnnualIndex("elective_waiting_over_18w")] = (1 - s.within18) * 1000
		d.Annual = append(d.Annual, a)
		for i := at; i < at+int(n); i++ {
			d.Daily[care.DailyAEDepartures].Mean[i] = s.departures
			d.Daily[care.DailyAE4hBreaches].Mean[i] = s.breaches
		}
		at += int(n)
		sum.attendances += s.attendances
		sum.admissions += s.admissions
		sum.occupied += s.occupied * n
		sum.beds += s.beds * n
		sum.delayed += s.delayed * n
		sum.breaches += s.breaches * n
		sum.departures += s.departures * n
		sum.within18 += s.within18 * n
	}
	d.Money = &results.Money{Years: handYears}
	perYear := 365.25 / float64(total)
	metric := func(k int, mean float64) results.Metric {
		m := care.Metrics[k]
		return results.Metric{Name: m.Name, Unit: m.Unit, Mean: results.Number(mean), CILow: results.Number(mean * 0.99), CIHigh: results.Number(mean * 1.01), N: 20, Doc: m.Doc}
	}
	s := &results.Summary{
		Manifest: results.Manifest{Scenario: name, Start: "2014-04-01", Days: total, FinancialYears: handYears, Replications: 20},
		Metrics: []results.Metric{
			metric(care.MetricEDAttendances, sum.attendances*perYear),
			metric(care.MetricED4h, 1-sum.breaches/sum.departures),
			metric(care.MetricNELAdmissions, sum.admissions*perYear),
			metric(care.MetricAcuteOccupancy, sum.occupied/sum.beds),
			metric(care.MetricAcuteDelayed, sum.delayed/float64(total)),
			{Name: "elective_rtt_within_18w_share", Unit: "fraction", Mean: results.Number(sum.within18 / float64(total)),
				CILow: results.Number(sum.within18/float64(total) - 0.01), CIHigh: results.Number(sum.within18/float64(total) + 0.01), N: 20},
			{Name: "deficit_final_year_gbp", Unit: "£", Mean: results.Number(gap), CILow: results.Number(gapLo), CIHigh: results.Number(gapHi), N: 20},
			{Name: "deficit_cumulative_gbp", Unit: "£", Mean: results.Number(cumulative), CILow: results.Number(cumulative - 1e6), CIHigh: results.Number(cumulative + 1e6), N: 20},
		},
	}
	return s, d
}

// The hand-made baseline: 4-hour performance 94% (24 of 400 a day over
// 4 hours) in its first year, 93.5% in its last; occupancy 92% (644 of
// 700 beds) falling to 90% (630 of 700); attendances 150,000 rising by
// 3,000 a year; a £137.6m gap in 2016/17.
var handBase = [3]yearSpec{
	{departures: 400, breaches: 24, admissions: 37000, beds: 700, occupied: 644, delayed: 34, attendances: 150000, within18: 0.93},
	{departures: 400, breaches: 25, admissions: 37500, beds: 700, occupied: 637, delayed: 33, attendances: 153000, within18: 0.91},
	{departures: 400, breaches: 26, admissions: 38000, beds: 700, occupied: 630, delayed: 32, attendances: 156000, within18: 0.89},
}

// The hand-made programme: 4-hour performance 96% in its last year,
// occupancy 84% (588 of 700) and fewer admissions and delays.
var handProgramme = [3]yearSpec{
	{departures: 400, breaches: 24, admissions: 37000, beds: 700, occupied: 644, delayed: 34, attendances: 150000, within18: 0.93},
	{departures: 400, breaches: 20, admissions: 36000, beds: 700, occupied: 610, delayed: 28, attendances: 151000, within18: 0.93},
	{departures: 400, breaches: 16, admissions: 35000, beds: 700, occupied: 588, delayed: 22, attendances: 152000, within18: 0.94},
}

// answerText writes an answer as text, for a golden file: each sentence
// with its mark's symbol and word, then each table's rows, a cell's note
// in brackets.
func answerText(a *answer) string {
	var b strings.Builder
	for _, s := range a.Sentences {
		if l := s.MarkLabel(); l != "" {
			fmt.Fprintf(&b, "[%s] ", l)
		}
		fmt.Fprintln(&b, s.Text)
	}
	for _, t := range []reportTable{a.Standards, a.Years} {
		fmt.Fprintln(&b)
		for _, r := range append([]reportRow{{Cells: t.Header}}, t.Rows...) {
			var cells []string
			for _, c := range r.Cells {
				cell := c.Text
				if c.Note != "" {
					cell += " (" + c.Note + ")"
				}
				cells = append(cells, cell)
			}
			fmt.Fprintln(&b, strings.Join(cells, " | "))
		}
	}
	for _, n := range a.Notes {
		fmt.Fprintf(&b, "\n%s\n", n)
	}
	return b.String()
}

// TestRunAnswer pins the sentences, ratings and years of a hand-made
// run's first page: its final-year gap, 4-hour performance against 95%
// in its first and last years, occupancy against 85% and 92%, and its
// activity's first and last years and trend.
func TestRunAnswer(t *testing.T) {
	t.Parallel()
	s, d := handRun("base", handBase, 137.6e6, 136e6, 139.2e6, 400e6)
	got := answerText(runAnswer(s, d))
	golden.Check(t, "testdata/answer-run.txt", got)
	// The figures the golden file holds, worked by hand: 1 − 24/400 and
	// 1 − 26/400; 644/700 and 630/700; 3,000 attendances a year more.
	for _, want := range []string{
		"4-hour performance is 94.0% in 2014/15 and 93.5% in 2016/17, below the 95% standard in both",
		"Acute bed occupancy is 92.0% in 2014/15 (above 85%, within the 92% ceiling) and 90.0% in 2016/17",
		"A&E attendances: 150,000 in 2014/15 and 156,000 in 2016/17, a trend of +3,000 a year",
		"The system's gap in 2016/17, year 3 of the run, is £137.6m (95% CI £136.0m to £139.2m)",
		// (365 × 0.93 + 366 × 0.91 + 365 × 0.89) / 1,096 = 91.0%, below the 92% standard.
		"Referral to treatment (92% of the elective waiting list (incomplete pathways) within 18 weeks of referral) | 93.0% (✓ meets) | 89.0% (✗ misses) | 91.0% (✗ misses)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the answer lacks %q", want)
		}
	}
}

// TestCompareAnswer pins the sentences of a hand-made comparison: the
// programme lowers the final-year gap by £13.3m (95% CI £10.4m to
// £16.3m) of £137.6m, each difference marked better or worse, or no
// clear change where its interval holds zero.
func TestCompareAnswer(t *testing.T) {
	t.Parallel()
	bs, bd := handRun("baseline", handBase, 137.6e6, 136e6, 139.2e6, 400e6)
	ps, pd := handRun("better-together", handProgramme, 124.3e6, 122e6, 126.6e6, 380e6)
	c := &results.Comparison{First: "baseline", Manifests: []results.Manifest{bs.Manifest, ps.Manifest}}
	for k, m := range bs.Metrics {
		p := ps.Metrics[k]
		cm := results.CompareMetric{Name: m.Name, Unit: m.Unit, Doc: m.Doc, Scenarios: []results.CompareResult{
			{Scenario: "baseline", Mean: m.Mean, CILow: m.CILow, CIHigh: m.CIHigh, N: 20, DiffMean: results.Number(math.NaN()), DiffCILow: results.Number(math.NaN()), DiffCIHigh: results.Number(math.NaN())},
			{Scenario: "better-together", Mean: p.Mean, CILow: p.CILow, CIHigh: p.CIHigh, N: 20, DiffN: 20},
		}}
		diff := float64(p.Mean - m.Mean)
		half := math.Abs(diff) / 4
		switch m.Name {
		case "deficit_final_year_gbp":
			diff, half = -13.3e6, 2.95e6 // −£13.3m, −£16.25m to −£10.35m
		case care.Metrics[care.MetricEDAttendances].Name:
			half = math.Abs(diff) * 2 // an interval that holds no change
		}
		cm.Scenarios[1].DiffMean, cm.Scenarios[1].DiffCILow, cm.Scenarios[1].DiffCIHigh = results.Number(diff), results.Number(diff-half), results.Number(diff+half)
		c.Metrics = append(c.Metrics, cm)
	}
	got := answerText(compareAnswer(c, []results.RunData{bd, pd}))
	golden.Check(t, "testdata/answer-compare.txt", got)
	for _, want := range []string{
		"[✓ better] better-together lowers the system's 2016/17 gap by £13.3m (95% CI £10.3m to £16.2m) of £137.6m",
		"[✓ better] better-together raises 4-hour performance by",
		"[○ no clear change] better-together lowers A&E attendances by",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the answer lacks %q", want)
		}
	}
}

// TestAnswerOnFirstPage writes a hand-made run's report and checks that
// its answer comes first, before the headline table, and holds each
// sentence (the browser test checks that the sentences and the standards
// fit the first A4 page).
func TestAnswerOnFirstPage(t *testing.T) {
	t.Parallel()
	s, d := handRun("base", handBase, 137.6e6, 136e6, 139.2e6, 400e6)
	var b bytes.Buffer
	if err := WriteRun(&b, s, d, nil, false, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	answer, headline := strings.Index(page, `<section id="answer">`), strings.Index(page, `<section id="headline">`)
	if answer < 0 || headline < answer || strings.Contains(page[:answer], "<section") {
		t.Fatalf("the answer is not the first section: at %d, the headline at %d", answer, headline)
	}
	first := page[answer:headline]
	for _, sn := range runAnswer(s, d).Sentences {
		var esc strings.Builder // as the report's template escapes text
		template.Must(template.New("").Parse("{{.}}")).Execute(&esc, sn.Text)
		if want := esc.String(); !strings.Contains(first, want) {
			t.Errorf("the first page lacks %q", sn.Text)
		}
	}
	for _, want := range []string{`<li class="worse"><span class="mark">✗ worse</span>`, `<td class="num misses">93.5%<br><small>✗ misses</small>`, `Year by year`} {
		if !strings.Contains(first, want) {
			t.Errorf("the first page lacks %s", want)
		}
	}
}

// TestYearsTrend checks the least-squares trend on a line and with too
// few years.
func TestYearsTrend(t *testing.T) {
	t.Parallel()
	if got := (Years{Values: []float64{1, 3, 5, 7}}).Trend(); got != 2 {
		t.Errorf("trend of 1, 3, 5, 7 is %v, want 2", got)
	}
	// 1, 2, 6: t̄ = 1, v̄ = 3, slope = ((−1)(−2) + 0 + (1)(3)) / 2 = 2.5.
	if got := (Years{Values: []float64{1, 2, 6}}).Trend(); got != 2.5 {
		t.Errorf("trend of 1, 2, 6 is %v, want 2.5", got)
	}
	if got := (Years{Values: []float64{1, 2}}).Trend(); !math.IsNaN(got) {
		t.Errorf("trend of two years is %v, want none", got)
	}
}
