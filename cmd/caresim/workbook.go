package main

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"caresim/internal/text"
	"caresim/plots"
	"caresim/plots/report"
	"caresim/results"
	"caresim/sim/care"
	"caresim/sim/stats"
)

// The workbook (results.xlsx) that every results folder holds: the
// folder's results for Excel, each figure a typed number in its unit
// with the period it covers, and the file it comes from. run writes a
// run's, compare a comparison's, sweep and merge a sweep's, and caresim
// plot re-writes each from the folder's files, byte for byte.

// Notes every workbook's about sheet ends with.
var bookNotes = [][2]string{
	{"Numbers", "Each figure is a number, as the folder's CSV and JSON files hold it to full precision; the sheets' formats round only what is shown (fractions as percentages, money in whole pounds). An empty cell is a value that could not be measured."},
	{"Intervals", "95% confidence intervals across replications (Student's t); a difference's is paired (common random numbers)."},
	{"Deficit", strings.TrimPrefix(report.DeficitNote, "deficit: ")},
}

// runBook is the workbook of a run, from its summary (as summary.json
// holds it, without the wall time), what its charts are drawn from, and
// annual.csv's mean rows.
func runBook(s *results.Summary, d results.RunData, annual []results.AnnualRow) *results.Book {
	m := &s.Manifest
	b := &results.Book{Title: "caresim run: " + m.Scenario}
	period := report.Period(m)
	years := report.YearsOf(d)
	var moneyYears []string
	if d.Money != nil {
		moneyYears = d.Money.Years
	}
	byName := map[string]results.Metric{}
	for _, x := range s.Metrics {
		byName[x.Name] = x
	}
	h := b.Add("headline", "metric", "label", "unit", "period", "mean", "ci_low", "ci_high",
		"first_year", "first_year_value", "last_year", "last_year_value", "trend_per_year", "replications", "source", "description")
	h.Widths = []float64{34, 44, 10, 24, 14, 14, 14, 11, 14, 11, 14, 14, 12, 22, 60}
	for _, name := range headlineNames() {
		x, ok := byName[name]
		if !ok || x.N == 0 || strings.HasPrefix(name, "deficit_") && !report.Shown(name, []float64{float64(x.Mean), float64(x.SD)}) {
			continue
		}
		label, per, source := plots.MetricLabel(name, x.Doc), "mean over "+period, "metrics.csv, summary.json"
		if strings.HasPrefix(name, "deficit_") {
			label, per, source = plots.MoneyLabel(name, moneyYears), report.MoneyPeriod(name, moneyYears), "metrics.csv; annual.csv (accounts)"
		}
		row := []any{name, label, x.Unit, per, fig(x.Mean, x.Unit), fig(x.CILow, x.Unit), fig(x.CIHigh, x.Unit)}
		row = append(row, yearCells(years, name)...)
		h.Row(append(row, x.N, source, x.Doc)...)
	}
	all := b.Add("metrics", "metric", "label", "unit", "period", "mean", "sd", "ci_low", "ci_high", "replications", "source", "description")
	all.Widths = []float64{38, 44, 10, 24, 14, 14, 14, 14, 12, 22, 80}
	for _, x := range s.Metrics {
		per := "mean over " + period
		if strings.HasPrefix(x.Name, "deficit_") {
			per = report.MoneyPeriod(x.Name, moneyYears)
		}
		all.Row(x.Name, plots.MetricLabel(x.Name, x.Doc), x.Unit, per, fig(x.Mean, x.Unit), fig(x.SD, x.Unit), fig(x.CILow, x.Unit), fig(x.CIHigh, x.Unit), x.N, "metrics.csv", x.Doc)
	}
	addAnnual(b, []string{m.Scenario}, [][]results.AnnualRow{annual}, []*results.Summary{s}, false)
	addCalibration(b, []string{m.Scenario}, [][]results.Check{s.Calibration}, false)
	about := b.Add("about", "item", "value")
	about.Widths = []float64{34, 110}
	about.Row("What", "The results of caresim run of scenario "+m.Scenario+": its headline metrics with their first and last years and trend (headline), every metric (metrics), each financial year's measures and accounts (annual)"+calibrationWords(s.Calibration)+".")
	manifestRows(about, m, "")
	for _, n := range bookNotes {
		about.Row(n[0], n[1])
	}
	about.Row("Years", "first_year and last_year are the first and last financial years simulated whole, each its own total (or mean, for levels and shares); trend_per_year is the least-squares slope of the years' values, in the metric's unit per year.")
	return b
}

// headlineNames are the names of the headline metrics, then the money
// headline metrics, as the report's headline table shows them.
func headlineNames() []string {
	var names []string
	for _, k := range report.Headline {
		names = append(names, care.Metrics[k].Name)
	}
	return append(names, report.MoneyHeadline()...)
}

// fig is a cell of x in unit.
func fig(x results.Number, unit string) results.Figure {
	return results.Figure{Value: float64(x), Unit: unit}
}

// yearCells are the first and last years of the metric name in ys, with
// their values and its trend, or empty cells when it has none.
func yearCells(ys []report.Years, name string) []any {
	for _, y := range ys {
		if y.Metric == name {
			return []any{y.Years[0], results.Figure{Value: y.First(), Unit: y.Unit},
				y.Years[len(y.Years)-1], results.Figure{Value: y.Last(), Unit: y.Unit},
				results.Figure{Value: y.Trend(), Unit: y.Unit}}
		}
	}
	return []any{nil, nil, nil, nil, nil}
}

// addAnnual adds the annual sheet: each scenario's annual.csv mean rows,
// with the dates each financial year covers and each measure's meaning
// from its summary; with a scenario column when labelled.
func addAnnual(b *results.Book, labels []string, rows [][]results.AnnualRow, sums []*results.Summary, labelled bool) {
	head := []string{"financial_year", "period", "days", "organisation", "measure", "unit", "mean", "ci_low", "ci_high", "source", "description"}
	widths := []float64{14, 26, 8, 16, 34, 12, 16, 16, 16, 12, 80}
	if labelled {
		head, widths = append([]string{"scenario"}, head...), append([]float64{20}, widths...)
	}
	a := b.Add("annual", head...)
	a.Widths = widths
	for i, rs := range rows {
		docs := map[string]string{}
		start := ""
		if s := sums[i]; s != nil {
			for _, m := range s.AnnualMeasures {
				docs[m.Name] = m.Doc
			}
			start = s.Manifest.Start
		}
		days := map[string]float64{}
		for _, r := range rs {
			if r.Organisation == "" && r.Measure == care.AnnualMeasures[care.AnnualDays].Name {
				days[r.Year] = r.Mean
			}
		}
		periods := fyPeriods(rs, days, start)
		source := "annual.csv"
		if labelled {
			source = results.ScenarioDir(labels[i]) + "/annual.csv"
		}
		for _, r := range rs {
			row := []any{r.Year, periods[r.Year], days[r.Year], r.Organisation, r.Measure, r.Unit,
				results.Figure{Value: r.Mean, Unit: r.Unit}, results.Figure{Value: r.Lo, Unit: r.Unit}, results.Figure{Value: r.Hi, Unit: r.Unit}, source, docs[r.Measure]}
			if labelled {
				row = append([]any{labels[i]}, row...)
			}
			a.Row(row...)
		}
	}
}

// fyPeriods gives the dates each financial year of rows covers, from
// the days simulated in each (days) and the run's first day (start): a
// whole year 1 April to 31 March, the first and a final one as far as
// they were simulated.
func fyPeriods(rows []results.AnnualRow, days map[string]float64, start string) map[string]string {
	out := map[string]string{}
	at, err := time.Parse(time.DateOnly, start)
	for _, r := range rows {
		if _, ok := out[r.Year]; ok {
			continue
		}
		n := days[r.Year]
		if err != nil || math.IsNaN(n) || n < 1 {
			out[r.Year] = r.Year
			continue
		}
		end := at.AddDate(0, 0, int(n)-1)
		out[r.Year] = at.Format(time.DateOnly) + " to " + end.Format(time.DateOnly)
		at = end.AddDate(0, 0, 1)
	}
	return out
}

// addCalibration adds the calibration sheet, when any scenario was
// checked against the calibration targets: each check with the source of
// its observed figure.
func addCalibration(b *results.Book, labels []string, checks [][]results.Check, labelled bool) {
	if !slices.ContainsFunc(checks, func(c []results.Check) bool { return len(c) > 0 }) {
		return
	}
	head := []string{"case", "measure", "expected", "simulated", "ci_low", "ci_high", "replications", "tolerance", "pass", "source"}
	widths := []float64{40, 40, 12, 12, 12, 12, 12, 10, 6, 90}
	if labelled {
		head, widths = append([]string{"scenario"}, head...), append([]float64{20}, widths...)
	}
	c := b.Add("calibration", head...)
	c.Widths = widths
	for i, cs := range checks {
		for _, k := range cs {
			pass := "no"
			if k.Pass {
				pass = "yes"
			}
			row := []any{k.Case, k.Measure, float64(k.Expected), float64(k.Simulated), float64(k.CILow), float64(k.CIHigh), k.N, results.Figure{Value: float64(k.Tolerance), Unit: "fraction"}, pass, k.Source}
			if labelled {
				row = append([]any{labels[i]}, row...)
			}
			c.Row(row...)
		}
	}
}

// calibrationWords names the calibration sheet in a list of sheets, when
// the run has one.
func calibrationWords(checks []results.Check) string {
	if len(checks) == 0 {
		return ""
	}
	return ", and the baseline's calibration targets against this run with their sources (calibration)"
}

// manifestRows adds what was run to an about sheet, each item's name
// prefixed with prefix (a comparison's scenario).
func manifestRows(s *results.Sheet, m *results.Manifest, prefix string) {
	warm := results.Cell(float64(m.WarmUpDays)) + " days"
	if m.WarmUpAuto {
		warm += " (chosen by MSER-5)"
	}
	for _, kv := range [][2]string{
		{"Scenario", m.Scenario},
		{"Description", m.Description},
		{"Place", m.Place},
		{"Files read", strings.Join(m.Chain, ", ")},
		{"Overrides (--set)", orNone(strings.Join(m.Sets, ", "))},
		{"Seed", strconv.FormatUint(m.Seed, 10)},
		{"Replications", strconv.Itoa(m.Replications)},
		{"Period measured", fmt.Sprintf("%s: %d days from %s, after a warm-up of %s", report.Period(m), m.Days, m.Start, warm)},
		{"Financial years", strings.Join(m.FinancialYears, ", ")},
		{"caresim version", m.Version},
		{"Digest (SHA-256 of the files and overrides)", m.Digest},
	} {
		if kv[1] != "" {
			s.Row(prefix+kv[0], kv[1])
		}
	}
	for _, w := range m.Warnings {
		s.Row(prefix+"Warning", w)
	}
}

// orNone is s, or "none" when empty.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// compareBook is the workbook of a comparison, from its summary, each
// scenario's run data, its annual.csv's mean rows and its summary.json.
func compareBook(s *results.Comparison, runs []results.RunData, annual [][]results.AnnualRow, sums []*results.Summary) *results.Book {
	labels := make([]string, len(s.Manifests))
	for i := range labels {
		labels[i] = s.Manifests[i].Scenario
	}
	if len(s.Metrics) > 0 {
		for i, r := range s.Metrics[0].Scenarios {
			if i < len(labels) {
				labels[i] = r.Scenario
			}
		}
	}
	b := &results.Book{Title: "caresim comparison: " + strings.Join(labels, ", ")}
	periods := make([]string, len(s.Manifests))
	for i := range s.Manifests {
		periods[i] = report.Period(&s.Manifests[i])
	}
	years := make([][]report.Years, len(labels))
	var moneyYears []string
	for i := range labels {
		if i < len(runs) {
			years[i] = report.YearsOf(runs[i])
			if i == 0 && runs[0].Money != nil {
				moneyYears = runs[0].Money.Years
			}
		}
	}
	byName := map[string]results.CompareMetric{}
	for _, m := range s.Metrics {
		byName[m.Name] = m
	}
	h := b.Add("headline", "metric", "label", "unit", "period", "scenario", "mean", "ci_low", "ci_high",
		"difference", "difference_ci_low", "difference_ci_high", "verdict",
		"first_year", "first_year_value", "last_year", "last_year_value", "trend_per_year", "replications", "source")
	h.Widths = []float64{34, 44, 10, 24, 20, 14, 14, 14, 14, 16, 16, 20, 11, 14, 11, 14, 14, 12, 22}
	for _, name := range headlineNames() {
		m, ok := byName[name]
		if !ok || !slices.ContainsFunc(m.Scenarios, func(r results.CompareResult) bool { return r.N > 0 }) {
			continue
		}
		if strings.HasPrefix(name, "deficit_") {
			var vals [][]float64
			for _, r := range m.Scenarios {
				vals = append(vals, []float64{float64(r.Mean), float64(r.SD)})
			}
			if !report.Shown(name, vals...) {
				continue
			}
		}
		for i, r := range m.Scenarios {
			label, per := plots.MetricLabel(name, m.Doc), "mean over "+periods[min(i, len(periods)-1)]
			if strings.HasPrefix(name, "deficit_") {
				label, per = plots.MoneyLabel(name, moneyYears), report.MoneyPeriod(name, moneyYears)
			}
			row := []any{name, label, m.Unit, per, r.Scenario, fig(r.Mean, m.Unit), fig(r.CILow, m.Unit), fig(r.CIHigh, m.Unit)}
			if i == 0 {
				row = append(row, nil, nil, nil, "the base")
			} else {
				row = append(row, fig(r.DiffMean, m.Unit), fig(r.DiffCILow, m.Unit), fig(r.DiffCIHigh, m.Unit), verdict(name, r))
			}
			var ys []report.Years
			if i < len(years) {
				ys = years[i]
			}
			row = append(row, yearCells(ys, name)...)
			h.Row(append(row, r.N, "compare.csv, summary.json")...)
		}
	}
	c := b.Add("comparison", "metric", "label", "unit", "period", "scenario", "mean", "sd", "ci_low", "ci_high", "replications",
		"difference", "difference_sd", "difference_ci_low", "difference_ci_high", "paired_replications", "verdict", "source", "description")
	c.Widths = []float64{38, 44, 10, 24, 20, 14, 14, 14, 14, 12, 14, 14, 16, 16, 12, 20, 14, 80}
	for _, m := range s.Metrics {
		for i, r := range m.Scenarios {
			per := "mean over " + periods[min(i, len(periods)-1)]
			if strings.HasPrefix(m.Name, "deficit_") {
				per = report.MoneyPeriod(m.Name, moneyYears)
			}
			row := []any{m.Name, plots.MetricLabel(m.Name, m.Doc), m.Unit, per, r.Scenario, fig(r.Mean, m.Unit), fig(r.SD, m.Unit), fig(r.CILow, m.Unit), fig(r.CIHigh, m.Unit), r.N}
			if i == 0 {
				row = append(row, nil, nil, nil, nil, nil, "the base")
			} else {
				row = append(row, fig(r.DiffMean, m.Unit), fig(r.DiffSD, m.Unit), fig(r.DiffCILow, m.Unit), fig(r.DiffCIHigh, m.Unit), r.DiffN, verdict(m.Name, r))
			}
			c.Row(append(row, "compare.csv", m.Doc)...)
		}
	}
	addAnnual(b, labels, annual, sums, true)
	checks := make([][]results.Check, len(sums))
	for i, s := range sums {
		if s != nil {
			checks[i] = s.Calibration
		}
	}
	addCalibration(b, labels, checks, true)
	about := b.Add("about", "item", "value")
	about.Widths = []float64{44, 110}
	about.Row("What", fmt.Sprintf("A comparison of %s with common random numbers: each scenario's headline metrics with its difference to %s (headline), every metric (comparison) and each financial year's measures and accounts (annual), of each scenario.", strings.Join(labels, ", "), s.First))
	about.Row("Differences", "Each scenario's minus "+s.First+"'s, from the pairs of replications; verdict says better or worse where the difference's 95% confidence interval excludes zero, for a measure with a better way (fewer admissions, delays and cancellations, lower occupancy and deficits, higher 4-hour performance), and no clear difference where it holds zero.")
	for i := range s.Manifests {
		manifestRows(about, &s.Manifests[i], labels[i]+": ")
	}
	for _, n := range bookNotes {
		about.Row(n[0], n[1])
	}
	return b
}

// verdict says whether the difference r in the metric name is better or
// worse, when its interval excludes zero (report.Verdict).
func verdict(name string, r results.CompareResult) string {
	lo, hi := float64(r.DiffCILow), float64(r.DiffCIHigh)
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return ""
	}
	switch v := report.Verdict(name, lo, hi); v {
	case "same":
		return "no clear difference"
	case "":
		return "different"
	default:
		return v
	}
}

// sweepBook is the workbook of the sweep m, from sweep.csv's records
// (header first; a shard's, or the whole sweep's): each point's mean over
// its replications of each metric, with its confidence interval.
func sweepBook(m *results.Sweep, recs [][]string) *results.Book {
	b := &results.Book{Title: "caresim sweep: " + m.Scenario}
	header := m.Header()
	var rows [][]string
	if len(recs) > 0 && slices.Equal(recs[0], header) {
		for _, r := range recs[1:] {
			if _, _, err := results.RowKey(r); err == nil && len(r) == len(header) {
				rows = append(rows, r)
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b []string) int {
		pa, ra, _ := results.RowKey(a)
		pb, rb, _ := results.RowKey(b)
		return cmp.Or(cmp.Compare(pa, pb), cmp.Compare(ra, rb))
	})
	pts := results.SweepData{Man: m, Header: header, Rows: rows}.Points()
	np := len(m.Parameters)
	head := []string{"point"}
	widths := []float64{7}
	for _, p := range m.Parameters {
		head = append(head, p.Name)
		widths = append(widths, 20)
	}
	head = append(head, "metric", "label", "unit", "mean", "ci_low", "ci_high", "replications", "source")
	widths = append(widths, 38, 44, 10, 14, 14, 14, 12, 10)
	headline := headlineNames()
	h := b.Add("headline", head...)
	all := b.Add("sweep", head...)
	h.Widths, all.Widths = widths, widths
	cut := 0
	for _, p := range pts {
		point, _, _ := results.RowKey(p.Rows[0])
		cells := []any{point}
		for j, c := range p.Cells {
			if x := p.Nums[j]; !math.IsNaN(x) {
				cells = append(cells, results.Figure{Value: x, Unit: m.Parameters[j].Unit})
			} else {
				cells = append(cells, c)
			}
		}
		for k, x := range m.Metrics {
			vals := p.Values(2 + np + k)
			s := stats.Summarize(vals, 0)
			row := append(slices.Clone(cells), x.Name, plots.MetricLabel(x.Name, x.Doc), x.Unit)
			if len(vals) == 0 {
				row = append(row, nil, nil, nil)
			} else {
				row = append(row, results.Figure{Value: s.Mean, Unit: x.Unit}, results.Figure{Value: s.Lo(), Unit: x.Unit}, results.Figure{Value: s.Hi(), Unit: x.Unit})
			}
			row = append(row, len(vals), "sweep.csv")
			if slices.Contains(headline, x.Name) && len(h.Rows) < results.MaxSheetRows {
				h.Row(row...)
			}
			if len(all.Rows) < results.MaxSheetRows {
				all.Row(row...)
			} else {
				cut++
			}
		}
	}
	about := b.Add("about", "item", "value")
	about.Widths = []float64{34, 110}
	about.Row("What", fmt.Sprintf("A sweep of scenario %s over %s, %s each from seed %d (common random numbers): each point's mean over its replications of the headline metrics (headline) and of every metric (sweep), with 95%% confidence intervals.",
		m.Scenario, text.Plural(m.Points, "point"), text.Plural(m.Replications, "replication"), m.Seed))
	if m.Shard != "1/1" {
		about.Row("Shard", fmt.Sprintf("This folder holds shard %s of the sweep, %s; caresim merge joins the shards' folders.", m.Shard, text.Plural(len(pts), "point")))
	}
	if cut > 0 {
		about.Row("Cut", fmt.Sprintf("The sweep sheet holds Excel's most rows, %d; %s more are in sweep.csv.", results.MaxSheetRows, text.Plural(cut, "row")))
	}
	about.Row("Period", "Each point's metrics cover its measured period, after its warm-up, as the scenario's files and the overrides set it (a swept horizon or start changes it); a point's money metrics are of the final financial year simulated whole, and summed over all its years.")
	for _, kv := range [][2]string{
		{"Description", m.Description},
		{"Place", m.Place},
		{"Files read", strings.Join(m.Chain, ", ")},
		{"Overrides and grid (--set)", orNone(strings.Join(m.Sets, ", "))},
		{"Ranges (--range)", orNone(strings.Join(m.Ranges, ", "))},
		{"Seed", strconv.FormatUint(m.Seed, 10)},
		{"Replications per point", strconv.Itoa(m.Replications)},
		{"caresim version", m.Version},
		{"Digest (SHA-256 of the files and the overrides every point shares)", m.Digest},
	} {
		if kv[1] != "" {
			about.Row(kv[0], kv[1])
		}
	}
	for _, p := range m.Parameters {
		about.Row("Parameter "+p.Name, fmt.Sprintf("%s (%s)", p.Doc, orNone(p.Unit)))
	}
	for _, n := range bookNotes[:2] {
		about.Row(n[0], n[1])
	}
	if slices.ContainsFunc(m.Metrics, func(x results.Measure) bool { return strings.HasPrefix(x.Name, "deficit_") }) {
		about.Row(bookNotes[2][0], bookNotes[2][1])
	}
	return b
}

// bookWriter returns a writer of the workbook that book makes.
func bookWriter(book func() (*results.Book, error)) func(io.Writer) error {
	return func(w io.Writer) error {
		b, err := book()
		if err != nil {
			return err
		}
		return b.Write(w)
	}
}

// runBookOf reads the workbook of the run in dir back from its files.
func runBookOf(dir string, s *results.Summary, d results.RunData) (*results.Book, error) {
	annual, err := results.ReadAnnualRows(filepath.Join(dir, "annual.csv"))
	if err != nil {
		return nil, err
	}
	return runBook(s, d, annual), nil
}

// compareBookOf reads the workbook of the comparison in dir back from
// its files: s is its summary.json and runs each scenario's run data.
func compareBookOf(dir string, s *results.Comparison, labels []string, runs []results.RunData) (*results.Book, error) {
	var annual [][]results.AnnualRow
	var sums []*results.Summary
	for _, label := range labels {
		sub := filepath.Join(dir, results.ScenarioDir(label))
		rows, err := results.ReadAnnualRows(filepath.Join(sub, "annual.csv"))
		if err != nil {
			return nil, err
		}
		sum, err := results.ReadSummary(sub)
		if err != nil {
			return nil, err
		}
		annual, sums = append(annual, rows), append(sums, sum)
	}
	return compareBook(s, runs, annual, sums), nil
}

// sweepBookOf reads the workbook of the sweep in dir back from its files.
func sweepBookOf(dir string) (*results.Book, error) {
	m, err := results.ReadSweep(dir)
	if err != nil {
		return nil, err
	}
	recs, err := results.ReadSweepCSV(dir)
	if err != nil {
		return nil, err
	}
	return sweepBook(m, recs), nil
}
