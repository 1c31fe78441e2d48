package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"caresim/internal/table"
	"caresim/plots"
	"caresim/results"
	"caresim/sim/care"
)

// answer is the report's first page: what the results mean, in
// sentences made from them, each marked better or worse where it says so;
// each measure rated against its standard; and the headline activity
// year by year.
type answer struct {
	Sentences []sentence
	Standards reportTable
	Years     reportTable
	Notes     []string
}

// sentence is one sentence of the answer, with its mark: "better",
// "worse", "between" (a level passed but not another) or "" (neither),
// which the template shows as a symbol and a word in colour, so that it
// reads in greyscale and to the colour-blind.
type sentence struct {
	Mark string
	Text string
}

// Marks: the symbol and word the report shows for each mark, in a span
// whose class gives the colour.
var markLabels = map[string]string{
	"better":  "✓ better",
	"worse":   "✗ worse",
	"between": "! between",
	"meets":   "✓ meets",
	"misses":  "✗ misses",
	"same":    "○ no clear change",
}

// MarkLabel is the symbol and word the report shows for mark.
func (s sentence) MarkLabel() string { return markLabels[s.Mark] }

// The standards the measures are rated against.
const (
	// standard4h is the A&E standard: 95% of patients leave A&E within
	// 4 hours of arrival (NHS Constitution; NHS England, A&E waiting
	// times and activity).
	standard4h = 0.95
	// standardRTT is the referral-to-treatment standard: 92% of
	// incomplete pathways (patients on the waiting list) within 18 weeks
	// of referral (NHS Constitution; NHS England, RTT waiting times).
	standardRTT = 0.92
	// occupancyRisk is the acute bed occupancy above which Bagust, Place
	// and Posnett (BMJ 1999;319:155) found bed shortages and crises
	// begin to recur.
	occupancyRisk = 0.85
	// occupancyCeiling is the NHS's planning ceiling for general and
	// acute bed occupancy, 92% (NHS England, operational planning
	// guidance 2022/23 onwards).
	occupancyCeiling = 0.92
)

// Verdict says which way a difference in the headline metric name whose
// 95% confidence interval is [lo, hi] goes: "better" or "worse" when the
// interval excludes zero, "same" (no clear change) when it holds zero or
// could not be computed, and "" for a metric with no better way
// ([plots.LowerIsBetter]) whose interval excludes zero.
func Verdict(name string, lo, hi float64) string {
	if lo <= 0 && hi >= 0 || math.IsNaN(lo) || math.IsNaN(hi) {
		return "same"
	}
	low, ok := plots.LowerIsBetter(name)
	switch {
	case !ok:
		return ""
	case (hi < 0) == low:
		return "better"
	}
	return "worse"
}

// Period names the period a run's metrics cover: its financial years
// ("2014/15–2023/24") when it ran from 1 April for whole financial years,
// else its first and last days.
func Period(m *results.Manifest) string {
	ys := m.FinancialYears
	days := 0
	for _, fy := range ys {
		days += results.FinancialYearDays(fy)
	}
	if len(ys) > 0 && strings.HasSuffix(m.Start, "-04-01") && days == m.Days {
		if len(ys) == 1 {
			return ys[0]
		}
		return ys[0] + "–" + ys[len(ys)-1]
	}
	end := m.Start
	if t, err := time.Parse(time.DateOnly, m.Start); err == nil {
		end = t.AddDate(0, 0, m.Days-1).Format("2006-01-02")
	}
	return m.Start + " to " + end
}

// MoneyPeriod names the years a money headline metric name covers, from
// a priced run's financial years (a final year in part so labelled).
func MoneyPeriod(name string, years []string) string {
	if len(years) == 0 {
		return ""
	}
	if strings.HasPrefix(name, "deficit_cumulative_gbp") {
		span := years[0]
		if last := strings.TrimSuffix(years[len(years)-1], " (part)"); last != span {
			span += "–" + last
		}
		return "sum over " + span
	}
	if fy := finalYear(years); fy != "" {
		return "financial year " + fy
	}
	return ""
}

// finalYear is the last financial year of years (a run's, a final year
// in part so labelled) simulated whole, "" when none was.
func finalYear(years []string) string {
	for i := len(years) - 1; i >= 0; i-- {
		if !strings.Contains(years[i], "(part)") {
			return years[i]
		}
	}
	return ""
}

// pct writes a fraction as a percentage to one decimal.
func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// points writes a difference of fractions in percentage points, to one
// decimal, or two significant figures when smaller.
func points(d float64) string {
	p := 100 * math.Abs(d)
	if p >= 0.1 || p == 0 {
		return fmt.Sprintf("%.1f", p)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.*f", 1-int(math.Floor(math.Log10(p))), p), "0"), ".")
}

// pounds writes amounts of money together (table.Pounds), with a true
// minus sign.
func pounds(xs ...float64) []string {
	out := table.Pounds(xs...)
	for i, s := range out {
		out[i] = strings.Replace(s, "-", "−", 1)
	}
	return out
}

// count writes a count or a mean to four significant figures with
// thousands separated.
func count(x float64) string { return strings.Replace(reportNumber(x), "-", "−", 1) }

// sig writes x to n significant figures, with thousands separated and a
// true minus sign: for differences and trends, whose last digits are
// noise.
func sig(x float64, n int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	if x == 0 {
		return "0"
	}
	e := int(math.Floor(math.Log10(math.Abs(x))))
	dec := max(0, n-1-e)
	r := math.Abs(x)
	if dec == 0 {
		p := math.Pow(10, float64(e-n+1))
		r = math.Round(r/p) * p
	}
	s := strconv.FormatFloat(r, 'f', dec, 64)
	whole, frac, _ := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if frac != "" {
		whole += "." + frac
	}
	if x < 0 && strings.Trim(whole, "0.,") != "" {
		whole = "−" + whole
	}
	return whole
}

// magnitude returns the size of a difference d and its interval [lo, hi]
// as the verb that says its direction ("lowers" for a negative d, else
// "raises") reads them: for a fall, the interval of the fall, −hi to −lo.
func magnitude(d, lo, hi float64) (string, float64, float64, float64) {
	if d < 0 {
		return "lowers", -d, -hi, -lo
	}
	return "raises", d, lo, hi
}

// figureText writes x in unit for a sentence: a fraction as a percentage,
// money in pounds, anything else to four significant figures.
func figureText(x float64, unit string) string {
	switch {
	case unit == "fraction":
		return pct(x)
	case strings.HasPrefix(unit, "£"):
		return pounds(x)[0]
	}
	return count(x)
}

// unitWords is how a sentence says a metric's unit after a number.
func unitWords(unit string) string {
	switch unit {
	case "per year":
		return " a year"
	case "fraction", "£":
		return ""
	case "patients":
		return " patients"
	}
	return " " + unit
}

// occupancyRating rates an acute occupancy against the 85% and 92%
// levels: its mark and the words that say so.
func occupancyRating(x float64) (string, string) {
	switch {
	case x <= occupancyRisk:
		return "meets", "at or below 85%"
	case x <= occupancyCeiling:
		return "between", "above 85%, within the 92% ceiling"
	}
	return "misses", "above the 92% ceiling"
}

// fourHourRating rates a 4-hour performance against the 95% standard.
// rttRating rates the share of the elective waiting list within 18
// weeks of referral.
func rttRating(x float64) (string, string) {
	if x >= standardRTT {
		return "meets", "meets the 92% standard"
	}
	return "misses", "below the 92% standard"
}

func fourHourRating(x float64) (string, string) {
	if x >= standard4h {
		return "meets", "meets the 95% standard"
	}
	return "misses", "below the 95% standard"
}

// ratedCell is a table cell of x in unit, marked by rate when it is given.
func ratedCell(x float64, unit string, rate func(float64) (string, string)) reportCell {
	c := reportCell{Text: figureText(x, unit), Num: true}
	if math.IsNaN(x) {
		c.Text = "–"
		return c
	}
	if rate != nil {
		mark, _ := rate(x)
		c.Mark, c.Note = mark, markLabels[mark]
	}
	return c
}

// yearsOf returns the metric name's years of ys, and whether it has them.
func yearsOf(ys []Years, name string) (Years, bool) {
	for _, y := range ys {
		if y.Metric == name {
			return y, true
		}
	}
	return Years{}, false
}

// trendText writes a trend per year in unit: points for a fraction.
func trendText(t float64, unit string) string {
	if math.IsNaN(t) {
		return "–"
	}
	sign := "+"
	if t < 0 {
		sign = "−"
	}
	if unit == "fraction" {
		return sign + points(t) + " points a year"
	}
	return sign + sig(math.Abs(t), 2) + " a year"
}

// standardsTable rates each scenario's 4-hour performance, acute
// occupancy and elective waiting list (18 weeks) against their
// standards, in the first and last years simulated whole and over the
// whole period.
func standardsTable(labels []string, periods []string, metrics []map[string]float64, years [][]Years) reportTable {
	t := reportTable{Class: "standards", Header: []reportCell{{Text: "Measure and standard"}, {Text: "Scenario"},
		{Text: "First year", Num: true}, {Text: "Last year", Num: true}, {Text: "Whole period", Num: true}}}
	rows := []struct {
		metric, label, standard string
		rate                    func(float64) (string, string)
	}{
		{care.Metrics[care.MetricED4h].Name, "A&E 4-hour performance", "95% of patients leave A&E within 4 hours of arrival", fourHourRating},
		{care.Metrics[care.MetricAcuteOccupancy].Name, "Acute bed occupancy", "at most 85% (bed crises recur above it; Bagust et al. 1999); NHS ceiling 92%", occupancyRating},
		{"elective_rtt_within_18w_share", "Referral to treatment", "92% of the elective waiting list (incomplete pathways) within 18 weeks of referral", rttRating},
	}
	for _, r := range rows {
		for i, label := range labels {
			mean, ok := metrics[i][r.metric]
			if !ok || math.IsNaN(mean) {
				continue
			}
			row := reportRow{Group: i == 0, Cells: []reportCell{{}, {Text: label}}}
			if i == 0 {
				row.Cells[0] = reportCell{Text: r.label, Note: r.standard}
			}
			if y, ok := yearsOf(years[i], r.metric); ok {
				first, last := ratedCell(y.First(), "fraction", r.rate), ratedCell(y.Last(), "fraction", r.rate)
				first.Note, last.Note = y.Years[0]+" · "+first.Note, y.Years[len(y.Years)-1]+" · "+last.Note
				row.Cells = append(row.Cells, first, last)
			} else {
				row.Cells = append(row.Cells, reportCell{Text: "–", Num: true}, reportCell{Text: "–", Num: true})
			}
			whole := ratedCell(mean, "fraction", r.rate)
			whole.Note = periods[i] + " · " + whole.Note
			row.Cells = append(row.Cells, whole)
			t.Rows = append(t.Rows, row)
		}
	}
	if len(t.Rows) == 0 {
		return reportTable{}
	}
	return compact(t, len(labels))
}

// yearsTable shows each scenario's headline activity year by year: the
// first and last years simulated whole, the trend and the mean over the
// period, each labelled with its years.
func yearsTable(labels []string, periods []string, metrics []map[string]float64, years [][]Years) reportTable {
	t := reportTable{Class: "years", Header: []reportCell{{Text: "Metric"}, {Text: "Scenario"},
		{Text: "First year", Num: true}, {Text: "Last year", Num: true}, {Text: "Trend", Num: true}, {Text: "Mean", Num: true}}}
	for _, k := range Headline {
		name := care.Metrics[k].Name
		first := true
		for i, label := range labels {
			y, ok := yearsOf(years[i], name)
			if !ok {
				continue
			}
			row := reportRow{Group: first, Cells: []reportCell{{}, {Text: label}}}
			if first {
				row.Cells[0] = reportCell{Text: plots.MetricLabel(name, care.Metrics[k].Doc)}
				if y.Unit != "fraction" {
					row.Cells[0].Text += ", " + unitShown(y.Unit)
				}
				first = false
			}
			row.Cells = append(row.Cells,
				reportCell{Text: figureText(y.First(), y.Unit), Note: y.Years[0], Num: true},
				reportCell{Text: figureText(y.Last(), y.Unit), Note: y.Years[len(y.Years)-1], Num: true},
				reportCell{Text: trendText(y.Trend(), y.Unit), Num: true},
				reportCell{Text: figureText(metrics[i][name], y.Unit), Note: periods[i], Num: true})
			t.Rows = append(t.Rows, row)
		}
	}
	return compact(t, len(labels))
}

// compact makes a first-page table shorter, so that the page holds it:
// the years (or the period) that every cell of a column notes go to its
// heading, leaving each cell's mark alone under it; and the scenario
// column goes when there is one scenario.
func compact(t reportTable, scenarios int) reportTable {
	for c := 2; c < len(t.Header); c++ {
		var common string
		same := true
		for i, r := range t.Rows {
			if c >= len(r.Cells) {
				same = false
				break
			}
			when, _, _ := strings.Cut(r.Cells[c].Note, " · ")
			if i == 0 {
				common = when
			}
			same = same && when == common && when != ""
		}
		if !same || len(t.Rows) == 0 {
			continue
		}
		t.Header[c].Text += ", " + common
		for i := range t.Rows {
			note := strings.TrimPrefix(t.Rows[i].Cells[c].Note, common)
			t.Rows[i].Cells[c].Note = strings.TrimPrefix(note, " · ")
		}
	}
	if scenarios == 1 {
		t.Header = slices.Delete(t.Header, 1, 2)
		for i := range t.Rows {
			if len(t.Rows[i].Cells) > 1 {
				t.Rows[i].Cells = slices.Delete(t.Rows[i].Cells, 1, 2)
			}
		}
	}
	return t
}

// unitShown is the unit as the report's tables show it.
func unitShown(unit string) string {
	u, _ := reportUnit(unit)
	return u
}

// rated reports whether metrics has a value for name.
func rated(metrics map[string]float64, name string) bool {
	x, ok := metrics[name]
	return ok && !math.IsNaN(x)
}

// rttNote says how the 18-week standard is rated.
const rttNote = "Referral to treatment is rated as the standard is, on the waiting list: the share of the patients on it (incomplete pathways) waiting 18 weeks or less since referral, time-weighted over the period; the share of those admitted within 18 weeks is elective_treated_within_18w_share in the metrics."

// yearsNote follows the table of years.
const yearsNote = "First and last year: the first and last financial years simulated whole, each its own total (or its own mean for levels and shares), not a mean over the period. Trend: the least-squares slope of the years' values, a year (points a year for percentages). Mean over the period: the headline table's figure."

// runAnswer is a run's first page, from its summary and what its charts
// are drawn from.
func runAnswer(s *results.Summary, d results.RunData) *answer {
	m := &s.Manifest
	period := Period(m)
	byName := map[string]float64{}
	ci := map[string][2]float64{}
	for _, x := range s.Metrics {
		if x.N > 0 {
			byName[x.Name] = float64(x.Mean)
			ci[x.Name] = [2]float64{float64(x.CILow), float64(x.CIHigh)}
		}
	}
	ys := YearsOf(d)
	a := &answer{}
	say := func(mark, format string, args ...any) {
		a.Sentences = append(a.Sentences, sentence{Mark: mark, Text: fmt.Sprintf(format, args...)})
	}
	if d.Money != nil {
		if fy := finalYear(d.Money.Years); fy != "" && wholeYear(d, fy) {
			name := "deficit_final_year_gbp"
			if x, ok := byName[name]; ok {
				lohi := ci[name]
				p := pounds(x, lohi[0], lohi[1])
				mark := ""
				switch {
				case lohi[0] > 0:
					mark = "worse"
				case lohi[1] < 0:
					mark = "better"
				}
				nth := ""
				if n := len(d.Money.Years); n > 1 && fy == d.Money.Years[n-1] {
					nth = fmt.Sprintf(", year %d of the run,", n)
				}
				text := fmt.Sprintf("The system's %s in %s%s is %s (95%% CI %s to %s)", gapWord(x), fy, nth, p[0], p[1], p[2])
				if c, ok := byName["deficit_cumulative_gbp"]; ok && len(d.Money.Years) > 1 {
					text += fmt.Sprintf(", and %s summed over %s", pounds(c)[0], d.Money.Years[0]+"–"+strings.TrimSuffix(d.Money.Years[len(d.Money.Years)-1], " (part)"))
				}
				say(mark, "%s.", text)
			}
		}
	}
	if y, ok := yearsOf(ys, care.Metrics[care.MetricED4h].Name); ok {
		first, last := y.First(), y.Last()
		mark, _ := fourHourRating(last)
		against := "below the 95% standard in both"
		switch {
		case first >= standard4h && last >= standard4h:
			against = "meeting the 95% standard in both"
		case first >= standard4h:
			against = "meeting the 95% standard in the first and below it in the last"
		case last >= standard4h:
			against = "below the 95% standard in the first and meeting it in the last"
		}
		if len(y.Years) == 1 {
			against = strings.NewReplacer(" in both", "", " in the first and", "", " in the last", "").Replace(against)
			say(mark, "4-hour performance is %s in %s, %s.", pct(last), y.Years[0], against)
		} else {
			say(mark, "4-hour performance is %s in %s and %s in %s, %s (%s over %s).", pct(first), y.Years[0], pct(last), y.Years[len(y.Years)-1], against, pct(byName[y.Metric]), period)
		}
	}
	if y, ok := yearsOf(ys, care.Metrics[care.MetricAcuteOccupancy].Name); ok {
		mark, words := occupancyRating(y.Last())
		if len(y.Years) == 1 {
			say(mark, "Acute bed occupancy is %s in %s: %s.", pct(y.Last()), y.Years[0], words)
		} else {
			_, firstWords := occupancyRating(y.First())
			say(mark, "Acute bed occupancy is %s in %s (%s) and %s in %s (%s).", pct(y.First()), y.Years[0], firstWords, pct(y.Last()), y.Years[len(y.Years)-1], words)
		}
	}
	for _, k := range []int{care.MetricEDAttendances, care.MetricNELAdmissions} {
		y, ok := yearsOf(ys, care.Metrics[k].Name)
		if !ok || len(y.Years) < 2 {
			continue
		}
		text := fmt.Sprintf("%s: %s in %s and %s in %s", capitalise(nouns[k]), count(y.First()), y.Years[0], count(y.Last()), y.Years[len(y.Years)-1])
		if t := y.Trend(); !math.IsNaN(t) {
			text += ", a trend of " + trendText(t, y.Unit)
		}
		say("", "%s; a mean of %s a year over %s.", text, count(byName[y.Metric]), period)
	}
	if x, ok := byName[care.Metrics[care.MetricAcuteDelayed].Name]; ok && byName[care.Metrics[care.MetricNELAdmissions].Name] > 0 {
		text := fmt.Sprintf("On an average day %s medically fit patients wait in acute beds for their place elsewhere", count(x))
		if y, ok := yearsOf(ys, care.Metrics[care.MetricAcuteDelayed].Name); ok && len(y.Years) > 1 {
			text += fmt.Sprintf(" (%s in %s, %s in %s)", count(y.First()), y.Years[0], count(y.Last()), y.Years[len(y.Years)-1])
		}
		say("", "%s, over %s.", text, period)
	}
	labels := []string{m.Scenario}
	a.Standards = standardsTable(labels, []string{period}, []map[string]float64{byName}, [][]Years{ys})
	if rated(byName, "elective_rtt_within_18w_share") {
		a.Notes = append(a.Notes, rttNote)
	}
	a.Years = yearsTable(labels, []string{period}, []map[string]float64{byName}, [][]Years{ys})
	if len(a.Years.Rows) > 0 {
		a.Notes = append(a.Notes, yearsNote)
	}
	return a
}

// wholeYear reports whether d simulated the financial year fy whole.
func wholeYear(d results.RunData, fy string) bool {
	for y, name := range d.Years {
		if name == fy && y < len(d.Annual) {
			return int(d.Annual[y][care.AnnualDays]) == results.FinancialYearDays(fy)
		}
	}
	return false
}

// gapWord names a deficit: a gap when positive, else a surplus.
func gapWord(x float64) string {
	if x < 0 {
		return "deficit (negative: a surplus)"
	}
	return "gap"
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// compareAnswer is a comparison's first page, from its summary and each
// scenario's run data (in the order of the summary's scenarios).
func compareAnswer(s *results.Comparison, runs []results.RunData) *answer {
	a := &answer{}
	var labels, periods []string
	var metrics []map[string]float64
	var years [][]Years
	for i := range s.Manifests {
		periods = append(periods, Period(&s.Manifests[i]))
		metrics = append(metrics, map[string]float64{})
		var ys []Years
		if i < len(runs) {
			ys = YearsOf(runs[i])
		}
		years = append(years, ys)
	}
	byName := map[string]results.CompareMetric{}
	for _, m := range s.Metrics {
		byName[m.Name] = m
		for i, r := range m.Scenarios {
			if i == 0 {
				if len(labels) < len(m.Scenarios) {
					labels = make([]string, len(m.Scenarios))
				}
			}
			labels[i] = r.Scenario
			if i < len(metrics) && r.N > 0 {
				metrics[i][m.Name] = float64(r.Mean)
			}
		}
	}
	if len(labels) == 0 {
		return a
	}
	var moneyYears []string
	if len(runs) > 0 && runs[0].Money != nil {
		moneyYears = runs[0].Money.Years
	}
	for i := 1; i < len(labels); i++ {
		for _, sn := range compareSentences(byName, labels, i, periods[0], moneyYears, years) {
			a.Sentences = append(a.Sentences, sn)
		}
	}
	a.Standards = standardsTable(labels, periods, metrics, years)
	if slices.ContainsFunc(metrics, func(m map[string]float64) bool { return rated(m, "elective_rtt_within_18w_share") }) {
		a.Notes = append(a.Notes, rttNote)
	}
	a.Years = yearsTable(labels, periods, metrics, years)
	if len(a.Years.Rows) > 0 {
		a.Notes = append(a.Notes, yearsNote)
	}
	return a
}

// compareSentences says what scenario i changes against the first, in
// the headline measures, each sentence marked better or worse when the
// difference's 95% confidence interval excludes zero.
func compareSentences(byName map[string]results.CompareMetric, labels []string, i int, period string, moneyYears []string, years [][]Years) []sentence {
	var out []sentence
	label := labels[i]
	diff := func(name string) (results.CompareResult, results.CompareResult, bool) {
		m, ok := byName[name]
		if !ok || i >= len(m.Scenarios) || m.Scenarios[i].DiffN == 0 || math.IsNaN(float64(m.Scenarios[i].DiffMean)) {
			return results.CompareResult{}, results.CompareResult{}, false
		}
		return m.Scenarios[0], m.Scenarios[i], true
	}
	markOf := func(name string, r results.CompareResult) string {
		return Verdict(name, float64(r.DiffCILow), float64(r.DiffCIHigh))
	}
	unclear := func(mark string) string {
		if mark == "same" {
			return ": no clear change"
		}
		return ""
	}
	if fy := finalYear(moneyYears); fy != "" {
		if b, r, ok := diff("deficit_final_year_gbp"); ok {
			mark := markOf("deficit_final_year_gbp", r)
			verb, d, lo, hi := magnitude(float64(r.DiffMean), float64(r.DiffCILow), float64(r.DiffCIHigh))
			p := pounds(d, lo, hi)
			text := fmt.Sprintf("%s %s the system's %s %s by %s (95%% CI %s to %s%s) of %s", label, verb, fy, gapWord(float64(b.Mean)), p[0], p[1], p[2], unclear(mark), pounds(float64(b.Mean))[0])
			if cb, cr, ok := diff("deficit_cumulative_gbp"); ok && len(moneyYears) > 1 {
				span := moneyYears[0] + "–" + strings.TrimSuffix(moneyYears[len(moneyYears)-1], " (part)")
				verb, d, lo, hi := magnitude(float64(cr.DiffMean), float64(cr.DiffCILow), float64(cr.DiffCIHigh))
				p := pounds(d, lo, hi)
				text += fmt.Sprintf("; summed over %s, it %s the %s by %s (95%% CI %s to %s%s) of %s", span, verb, gapWord(float64(cb.Mean)), p[0], p[1], p[2], unclear(markOf("deficit_cumulative_gbp", cr)), pounds(float64(cb.Mean))[0])
			}
			out = append(out, sentence{Mark: mark, Text: text + "."})
		}
	}
	fraction := func(k int, what string, rate func(float64) (string, string)) {
		name := care.Metrics[k].Name
		b, r, ok := diff(name)
		if !ok {
			return
		}
		mark := markOf(name, r)
		verb, d, lo, hi := magnitude(float64(r.DiffMean), float64(r.DiffCILow), float64(r.DiffCIHigh))
		text := fmt.Sprintf("%s %s %s by %s points (95%% CI %s to %s%s) to %s over %s, against %s", label, verb, what,
			points(d), signedPoints(lo), signedPoints(hi), unclear(mark), pct(float64(r.Mean)), period, pct(float64(b.Mean)))
		if _, words := rate(float64(r.Mean)); words != "" {
			text += ": " + words
		}
		if yb, ok := yearsOf(years[0], name); ok {
			if yi, ok := yearsOf(years[i], name); ok && len(yi.Years) > 1 {
				text += fmt.Sprintf("; in %s, %s against %s", yi.Years[len(yi.Years)-1], pct(yi.Last()), pct(yb.Last()))
			}
		}
		out = append(out, sentence{Mark: mark, Text: text + "."})
	}
	fraction(care.MetricED4h, "4-hour performance", fourHourRating)
	fraction(care.MetricAcuteOccupancy, "acute bed occupancy", occupancyRating)
	for _, k := range []int{care.MetricNELAdmissions, care.MetricAcuteDelayed, care.MetricEDAttendances, care.MetricCareHomeAdmissions} {
		name := care.Metrics[k].Name
		b, r, ok := diff(name)
		if !ok || float64(b.Mean) == 0 && float64(r.Mean) == 0 {
			continue
		}
		mark := markOf(name, r)
		verb, d, lo, hi := magnitude(float64(r.DiffMean), float64(r.DiffCILow), float64(r.DiffCIHigh))
		out = append(out, sentence{Mark: mark, Text: fmt.Sprintf("%s %s %s by %s%s (95%% CI %s to %s%s) of %s, over %s.", label, verb, nouns[k],
			sig(d, 3), unitWords(care.Metrics[k].Unit), sig(lo, 3), sig(hi, 3), unclear(mark), count(float64(b.Mean)), period)})
	}
	return out
}

// nouns name the headline metrics in a sentence.
var nouns = map[int]string{
	care.MetricEDAttendances:      "A&E attendances",
	care.MetricNELAdmissions:      "emergency admissions",
	care.MetricAcuteDelayed:       "the patients delayed in acute beds on an average day",
	care.MetricCareHomeAdmissions: "permanent care-home admissions",
}

// signedPoints writes a difference of fractions in points with its sign.
func signedPoints(d float64) string {
	if d < 0 {
		return "−" + points(d)
	}
	return points(d)
}
