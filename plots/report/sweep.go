package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/text"
	"caresim/plots"
	"caresim/results"
	"caresim/sim/care"
	"caresim/sim/stats"
)

// sweepReport is a sweep's report from its manifest m and the rows of
// sweep.csv, header first.
func sweepReport(m *results.Sweep, rows [][]string, charts []plots.Chart, drawn bool, dir string) (*report, error) {
	r := &report{Kind: "sweep", Title: reportTitle(m.Where(), m.Scenario), Version: m.Version}
	if m.Description != "" {
		r.Lead = append(r.Lead, m.Description)
	}
	design := "a grid"
	if m.LHS > 0 {
		design = "a Latin hypercube"
	}
	r.Lead = append(r.Lead, fmt.Sprintf("A sweep of scenario %s over %s of %s, %s each from seed %d (common random numbers: every point sees the same patients arrive).",
		m.Scenario, design, text.Plural(m.Points, "point"), text.Plural(m.Replications, "replication"), m.Seed))
	if m.Shard != "1/1" {
		r.Lead = append(r.Lead, fmt.Sprintf("This folder holds shard %s of the sweep; caresim merge joins the shards' folders into one.", m.Shard))
	}
	d, pts := sweepRows(m, rows)
	r.Headline, r.Notes = sweepHeadline(d, pts, chartedOf(d, pts, charts))
	if err := r.addCharts(charts, drawn); err != nil {
		return nil, err
	}
	c := scenarioChanges{Name: m.Scenario, Description: m.Description, Files: m.Chain, Sets: m.Sets, Listed: "The scenario's own interventions are in its files (caresim show lists them); each point changes only the parameters swept."}
	if len(m.Chain) > 1 {
		c.Extends = strings.Join(m.Chain[1:], ", then ")
	}
	r.Changes = []scenarioChanges{c}
	swept := &reportTable{Class: "swept", Header: []reportCell{{Text: "Parameter"}, {Text: "Unit"}, {Text: "Values"}}}
	for _, p := range m.Parameters {
		v := plots.ParamOf(p)
		unit := reportCell{Text: v.Unit}
		if v.Unit == "" { // a plain number, such as a count whose name says of what ("Acute beds")
			unit.Text = "number"
		}
		if v.Unit != p.Unit && p.Unit != "" && p.Unit != "as given" {
			unit.Note = "sweep.csv: " + p.Unit
		}
		swept.Rows = append(swept.Rows, reportRow{Cells: []reportCell{{Text: v.Name, Note: v.Path}, unit, {Text: p.Doc, Code: true}}})
	}
	r.Swept = swept
	r.Calibration = []calibrationView{{Scenario: m.Scenario, Status: "Not checked against the calibration targets: every point of a sweep changes the scenario's parameters, and the targets are the unchanged baseline's. The report of caresim run baseline, and caresim validate, check them."}}
	r.Engine = engineStatus(dir)
	r.Manifest = reportTable{Class: "manifest"}
	for _, kv := range [][2]string{
		{"caresim version", m.Version},
		{"Scenario", m.Scenario},
		{"Files read", strings.Join(m.Chain, ", ")},
		{"Overrides and grid (--set)", orNone(strings.Join(m.Sets, ", "))},
		{"Ranges (--range)", orNone(strings.Join(m.Ranges, ", "))},
		{"Latin hypercube points (--lhs)", strconv.Itoa(m.LHS)},
		{"Digest (SHA-256 of the files and the overrides every point shares)", m.Digest},
		{"Seed", strconv.FormatUint(m.Seed, 10)},
		{"Replications per point", strconv.Itoa(m.Replications)},
		{"Points", strconv.Itoa(m.Points)},
		{"Shard", m.Shard},
	} {
		r.Manifest.Rows = append(r.Manifest.Rows, reportRow{Cells: []reportCell{{Text: kv[0]}, {Text: kv[1]}}})
	}
	return r, nil
}

// sweepRows is the sweep of m with rows, sweep.csv's (whole or in part,
// header first), as the charts read it, and its points in order; rows
// that are not a point's are left out.
func sweepRows(m *results.Sweep, rows [][]string) (results.SweepData, []*results.SweepPoint) {
	d := results.SweepData{Man: m, Header: m.Header()}
	if len(rows) > 0 {
		d.Header = rows[0]
		for _, r := range rows[1:] {
			if _, _, err := results.RowKey(r); err == nil && len(r) == len(d.Header) && len(r) >= 2+len(m.Parameters) {
				d.Rows = append(d.Rows, r)
			}
		}
	}
	slices.SortStableFunc(d.Rows, func(a, b []string) int {
		pa, ra, _ := results.RowKey(a)
		pb, rb, _ := results.RowKey(b)
		return cmp.Or(cmp.Compare(pa, pb), cmp.Compare(ra, rb))
	})
	return d, d.Points()
}

// chartedOf returns the metrics charts show, from their files'
// names (KIND-METRIC), in order; without charts, the metric sweep charts
// by default.
func chartedOf(d results.SweepData, pts []*results.SweepPoint, charts []plots.Chart) []string {
	var out []string
	for _, c := range charts {
		if _, name, ok := strings.Cut(c.File, "-"); ok && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		out = plots.DefaultSweepMetric(d, pts)
	}
	return out
}

// sweepColumns is the most points the headline table gives a column
// each; a sweep of more has a row for each point, with the metrics
// charted only, so that the table fits an A4 page.
const sweepColumns = 6

// sweepHeadline is a sweep's headline table, with charted the metrics
// its charts show. Of a few points (sweepColumns at most), it has a
// column per point and a row per parameter, then per headline metric
// measured, charted metric and system deficit. Of more, it has a row per
// point, with its parameters and the charted metrics, and a note that
// sweep.csv holds the rest.
func sweepHeadline(d results.SweepData, pts []*results.SweepPoint, charted []string) (reportTable, []string) {
	if len(pts) == 0 {
		return reportTable{Class: "headline sweep"}, []string{"sweep.csv holds no rows yet."}
	}
	notes := []string{"Each point's mean over its replications, with ± the half-width of its 95% confidence interval (Student's t) beneath, to two significant figures; fractions as percentages and money in £m, to four significant figures. A dash is a value that could not be measured."}
	if len(pts) > sweepColumns {
		t := sweepPointRows(d, pts, charted)
		what := "each point's parameters (no metric was charted)"
		switch len(charted) {
		case 0:
		case 1:
			what = "each point's parameters and the metric charted"
		default:
			what = "each point's parameters and the metrics charted"
		}
		return t, append(notes, fmt.Sprintf("With %d points, this table gives %s. The full table is sweep.csv, in this folder: every metric, a row for each replication of each point; sweep.json defines its columns, and caresim sweep prints each point's means.",
			len(pts), what))
	}
	return sweepPointColumns(d, pts, charted), notes
}

// sweepPointColumns is the headline table of a few points: a column per
// point, a row per parameter, then a row per metric shown (see
// sweepHeadline).
func sweepPointColumns(d results.SweepData, pts []*results.SweepPoint, charted []string) reportTable {
	m := d.Man
	t := reportTable{Class: "headline sweep points", Header: []reportCell{{Text: "Parameter or metric"}, {Text: "Unit"}}}
	for _, p := range pts {
		t.Header = append(t.Header, reportCell{Text: "Point " + p.Rows[0][0], Num: true})
	}
	for j, par := range m.Parameters {
		v := plots.ParamOf(par)
		row := reportRow{Group: j == 0, Cells: []reportCell{{Text: v.Name, Note: v.Path}, {Text: v.Unit}}}
		for _, p := range pts {
			row.Cells = append(row.Cells, reportCell{Text: v.Cell(p.Cells[j]), Num: true})
		}
		t.Rows = append(t.Rows, row)
	}
	var names []string
	for _, k := range Headline {
		names = append(names, care.Metrics[k].Name)
	}
	for _, name := range slices.Concat(charted, SweepMoney) {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	first := true
	for _, name := range names {
		x, col, ok := sweepColumn(d, name)
		if !ok || !slices.ContainsFunc(pts, func(p *results.SweepPoint) bool { return len(p.Values(col)) > 0 }) {
			continue
		}
		unit, scale := reportUnit(x.Unit)
		row := reportRow{Group: first, Cells: []reportCell{{Text: sweepMetricLabel(x), Note: x.Name}, {Text: unit}}}
		for _, p := range pts {
			row.Cells = append(row.Cells, sweepEstimate(p, col, scale))
		}
		t.Rows = append(t.Rows, row)
		first = false
	}
	return t
}

// sweepPointRows is the headline table of many points: a row per point,
// with its parameters and the charted metrics.
func sweepPointRows(d results.SweepData, pts []*results.SweepPoint, charted []string) reportTable {
	m := d.Man
	t := reportTable{Class: "headline sweep", Header: []reportCell{{Text: "Point", Num: true}}}
	views := make([]plots.Param, len(m.Parameters))
	for j, par := range m.Parameters {
		views[j] = plots.ParamOf(par)
		t.Header = append(t.Header, reportCell{Text: views[j].Label(), Num: true})
	}
	type metricCol struct {
		col   int
		scale float64
	}
	var cols []metricCol
	for _, name := range charted {
		if x, col, ok := sweepColumn(d, name); ok {
			unit, scale := reportUnit(x.Unit)
			cols = append(cols, metricCol{col, scale})
			t.Header = append(t.Header, reportCell{Text: sweepMetricLabel(x) + " (" + unit + ")", Num: true})
		}
	}
	for _, p := range pts {
		row := reportRow{Cells: []reportCell{{Text: p.Rows[0][0], Num: true}}}
		for j, v := range views {
			row.Cells = append(row.Cells, reportCell{Text: v.Cell(p.Cells[j]), Num: true})
		}
		for _, c := range cols {
			row.Cells = append(row.Cells, sweepEstimate(p, c.col, c.scale))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// sweepColumn returns the metric name of d's sweep, and its column in
// sweep.csv.
func sweepColumn(d results.SweepData, name string) (results.Measure, int, bool) {
	np := len(d.Man.Parameters)
	col := slices.Index(d.Header, name)
	if col < 2+np || col-2-np >= len(d.Man.Metrics) {
		return results.Measure{}, 0, false
	}
	return d.Man.Metrics[col-2-np], col, true
}

// sweepMetricLabel names a metric of a sweep for a board, as a run's
// report does; a sweep does not record its financial years.
func sweepMetricLabel(x results.Measure) string {
	if strings.HasPrefix(x.Name, "deficit_") {
		return plots.MoneyLabel(x.Name, nil)
	}
	return plots.MetricLabel(x.Name, x.Doc)
}

// sweepEstimate is the cell of point p's mean in column col, times
// scale, with ± the half-width of its 95% confidence interval beneath,
// to two significant figures, or 0 below the mean's last digit.
func sweepEstimate(p *results.SweepPoint, col int, scale float64) reportCell {
	xs := p.Values(col)
	for i := range xs {
		xs[i] *= scale
	}
	s := summarize(xs)
	c := reportCell{Text: reportNumber(s[0]), Num: true}
	h := (s[2] - s[1]) / 2
	switch {
	case math.IsNaN(h):
	case h < 0.5*lastDigit(s[0]):
		c.Note = "± 0"
	default:
		// Two significant figures say how wide the interval is.
		h, _ = strconv.ParseFloat(strconv.FormatFloat(h, 'g', 2, 64), 64)
		c.Note = "± " + reportNumber(h)
	}
	return c
}

// lastDigit is the value of the last digit of x as reportNumber writes
// it, to four significant figures: 0.01 for 12.34.
func lastDigit(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Pow(10, math.Floor(math.Log10(math.Abs(x)))-3)
}

// summarize returns the mean of xs and its 95% confidence interval.
func summarize(xs []float64) [3]float64 {
	s := stats.Summarize(xs, stats.DefaultConfidence)
	return [3]float64{s.Mean, s.Lo(), s.Hi()}
}

// WriteSweep writes the report.html of the sweep in dir, from its
// sweep.json and sweep.csv (whole or in part: the points the folder
// holds), with the charts drawn (none with --no-plots, or none drawn).
func WriteSweep(w io.Writer, dir string, charts []plots.Chart, drawn bool) error {
	m, err := results.ReadSweep(dir)
	if err != nil {
		return err
	}
	rows, err := results.ReadSweepCSV(dir)
	if err != nil {
		return err
	}
	r, err := sweepReport(m, rows, charts, drawn, dir)
	if err != nil {
		return err
	}
	return writeReport(w, r)
}
