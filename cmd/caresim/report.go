package main

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/csv"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/text"
	"caresim/plots"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/stats"
	"caresim/validation"
)

// The report's layout and style, embedded in every report.html: a report
// loads nothing, not even a font, so that it opens offline and prints the
// same anywhere.
var (
	//go:embed report.tmpl
	reportLayout string
	//go:embed report.css
	reportStyle string

	reportTemplate = template.Must(template.New("report").Parse(reportLayout))
)

// report is what report.html shows, whichever command wrote it: a title,
// the headline table, the charts, what the scenarios change, the
// validation status and the manifest. Each section has a stable id:
// headline, charts, changes, validation, manifest.
type report struct {
	Kind     string   // "run", "comparison" or "sweep"
	Title    string   // the place and the scenario
	Lead     []string // what was run, a sentence each
	Headline reportTable
	Notes    []string // under the headline table
	Warnings []string // the run's warnings

	Charts   []reportChart
	NoCharts string // why there are none

	Changes []scenarioChanges
	Swept   *reportTable // a sweep's parameters

	Calibration []calibrationView
	Engine      engineView

	Manifest     reportTable
	ManifestNote string

	Version string // of caresim, for the footer
	Style   template.CSS
}

// reportTable is a table of the report. Its cells are text, escaped by the
// template.
type reportTable struct {
	Class  string // a CSS class for the table
	Header []reportCell
	Rows   []reportRow
}

// reportRow is a row; Group starts a group of rows with a rule above.
type reportRow struct {
	Cells []reportCell
	Group bool
}

// reportCell is a cell: its text, a second smaller line, and how it is set.
type reportCell struct {
	Text string
	Note string
	Num  bool   // figures, right-aligned
	Code bool   // a name as the files spell it
	Mark string // "pass" or "fail", coloured
}

// reportChart is a chart inlined as SVG.
type reportChart struct {
	ID, Title, File string
	SVG             template.HTML
}

// scenarioChanges says what a scenario changes relative to the scenario
// it extends: its files, its interventions and the overrides.
type scenarioChanges struct {
	Name, Description string
	Extends           string   // the files it extends, "" for none
	Files             []string // every file read, its own first
	Interventions     []interventionView
	Listed            string // where the interventions are, when not listed here
	Sets              []string
}

// interventionView is an intervention as the report shows it.
type interventionView struct {
	Name, From, Start, Ramp, Description, Cost string
	Changes                                    []string
}

// calibrationView is one scenario's calibration status: Status says
// whether and why it was checked; Table holds the checks when it was.
type calibrationView struct {
	Scenario string
	Status   string
	Table    *reportTable
}

// engineView is the status of the engine's checks against theory, from a
// validation.csv found next to the results.
type engineView struct {
	Found  string // the file's path relative to the report, "" when none
	Looked []string
	Status string
	Failed *reportTable
}

// writeReport writes r as report.html.
func writeReport(w io.Writer, r *report) error {
	r.Style = template.CSS(reportStyle)
	return reportTemplate.Execute(w, r)
}

// keepCharts returns draw, remembering in *drawn what it drew, so that the
// report shows the very charts saved to files.
func keepCharts(draw func() ([]plots.Chart, error), drawn *[]plots.Chart) func() ([]plots.Chart, error) {
	return func() ([]plots.Chart, error) {
		cs, err := draw()
		*drawn = cs
		return cs, err
	}
}

// noChartsNote says why a report drawn without charts has none.
const noChartsNote = "No charts: they were not drawn (--no-plots). caresim plot on this folder draws them and re-writes this report."

// svgCharts renders each chart as SVG for inlining, at the size of the
// chart files (a slide's), which the page scales to its width.
func svgCharts(cs []plots.Chart) ([]reportChart, error) {
	out := make([]reportChart, 0, len(cs))
	for _, c := range cs {
		var b bytes.Buffer
		if err := c.Fig.Render(&b, plots.SlideWidth, plots.SlideHeight, "svg"); err != nil {
			return nil, fmt.Errorf("%s: %w", c.File, err)
		}
		title := c.File
		if len(c.Fig.Panels) > 0 && c.Fig.Panels[0].Title.Text != "" {
			title = c.Fig.Panels[0].Title.Text
		}
		out = append(out, reportChart{ID: "chart-" + c.File, Title: title, File: c.File, SVG: template.HTML(inlineSVG(b.String(), title))})
	}
	return out, nil
}

var (
	svgNamespace = regexp.MustCompile(`\s+xmlns(:\w+)?="[^"]*"`)
	svgFont      = regexp.MustCompile(`font-family:([^;"']+)`)
)

// inlineSVG makes an SVG file an element of an HTML page: without the XML
// prologue and the namespace declarations (which HTML implies, and which
// name URLs that nothing fetches), labelled with its title, and with
// fallbacks for its fonts: the Liberation fonts gonum/plot measures text
// in have the metrics of Times New Roman, Arial and Courier New, which
// every office computer has.
func inlineSVG(svg, title string) string {
	if i := strings.Index(svg, "<svg"); i >= 0 {
		svg = svg[i:]
	}
	end := strings.IndexByte(svg, '>')
	if end < 0 {
		return svg
	}
	open := svgNamespace.ReplaceAllString(svg[:end], "")
	open += fmt.Sprintf(` role="img" aria-label="%s"`, html.EscapeString(title))
	body := svgFont.ReplaceAllStringFunc(svg[end:], func(m string) string {
		family := strings.TrimPrefix(m, "font-family:")
		fallback := "'Times New Roman',Times,serif"
		switch {
		case strings.Contains(family, "Mono"):
			fallback = "'Courier New',monospace"
		case strings.Contains(family, "Sans"):
			fallback = "Arial,Helvetica,sans-serif"
		}
		return "font-family:'" + family + "'," + fallback
	})
	return strings.TrimSpace(open + body)
}

// The run's report.

// runReport is a run's report from its summary (as summary.json holds
// it), what its charts are drawn from, and the charts drawn (none with
// --no-plots). dir is the results folder, where a validation.csv is
// looked for. caresim run and caresim plot both write it from these, so
// that plot reproduces run's report byte for byte.
func runReport(s *results.Summary, d results.RunData, charts []plots.Chart, drawn bool, dir string) (*report, error) {
	m := &s.Manifest
	r := &report{Kind: "run", Title: reportTitle(d.Place, m.Scenario), Version: m.Version}
	if m.Description != "" {
		r.Lead = append(r.Lead, m.Description)
	}
	r.Lead = append(r.Lead, runLead(m))
	r.Headline, r.Notes = runHeadline(s, d)
	r.Warnings = m.Warnings
	if err := r.addCharts(charts, drawn); err != nil {
		return nil, err
	}
	r.Changes = []scenarioChanges{changesOf(m)}
	r.Calibration = []calibrationView{calibrationStatus(m, s.Calibration)}
	r.Engine = engineStatus(dir)
	r.Manifest = manifestTable([]*results.Manifest{m})
	r.ManifestNote = wallNote
	return r, nil
}

// reportTitle is place, as the charts' titles name it, or the scenario's
// name when its description names no place.
func reportTitle(place, scenario string) string {
	if strings.HasPrefix(place, "scenario ") {
		return scenario
	}
	return place
}

// wallNote explains why the manifest has no wall time.
const wallNote = "The wall time is in summary.json; it is left out here, so that the same seed gives the same report, byte for byte."

// addCharts inlines charts, or says why there are none.
func (r *report) addCharts(charts []plots.Chart, drawn bool) error {
	if !drawn {
		r.NoCharts = noChartsNote
		return nil
	}
	cs, err := svgCharts(charts)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	r.Charts = cs
	if len(cs) == 0 {
		r.NoCharts = "No charts were drawn of these results."
	}
	return nil
}

// runLead says what was run, in a sentence.
func runLead(m *results.Manifest) string {
	warm := "with no warm-up"
	if w := float64(m.WarmUpDays); w > 0 {
		warm = fmt.Sprintf("after a %s-day warm-up", results.Cell(w))
		if m.WarmUpAuto {
			warm += " (chosen by MSER-5)"
		}
	}
	return fmt.Sprintf("Scenario %s: %s from seed %d, each %s from %s %s.",
		m.Scenario, plural(m.Replications, "replication"), m.Seed, reportCount(m.Days)+" days", m.Start, warm)
}

// runHeadline is the headline table of a run: each headline metric that
// was measured, then, when the run was priced, the deficits as run prints
// them, in £m.
func runHeadline(s *results.Summary, d results.RunData) (reportTable, []string) {
	t := reportTable{Class: "headline", Header: []reportCell{{Text: "Metric"}, {Text: "Unit"},
		{Text: "Mean", Num: true}, {Text: "95% CI low", Num: true}, {Text: "95% CI high", Num: true}}}
	byName := map[string]results.Metric{}
	for _, m := range s.Metrics {
		byName[m.Name] = m
	}
	for _, k := range headline {
		m, ok := byName[care.Metrics[k].Name]
		if !ok || m.N == 0 {
			continue
		}
		t.Rows = append(t.Rows, estimateRow(plots.MetricLabel(m.Name, m.Doc), m.Name, m.Unit, float64(m.Mean), float64(m.CILow), float64(m.CIHigh)))
	}
	if d.Money == nil {
		return t, []string{ciNote}
	}
	first := true
	for _, name := range moneyHeadline() {
		m, ok := byName[name]
		if !ok || m.N == 0 || !shown(name, []float64{float64(m.Mean), float64(m.SD)}) {
			continue
		}
		row := estimateRow(plots.MoneyLabel(name, d.Money.Years), name, "£", float64(m.Mean), float64(m.CILow), float64(m.CIHigh))
		row.Group, first = first, false
		t.Rows = append(t.Rows, row)
	}
	return t, []string{ciNote, "Deficit: " + strings.TrimPrefix(deficitNote, "deficit: ") + "."}
}

// ciNote follows a headline table.
const ciNote = "Means over the replications, with 95% confidence intervals (Student's t); fractions are shown as percentages and money in millions of pounds, to four significant figures. A dash is a value that could not be measured."

// estimateRow is a headline row: the label with the metric's name under
// it, the unit, and the mean and interval in the unit as shown
// (reportUnit).
func estimateRow(label, name, unit string, xs ...float64) reportRow {
	u, scale := reportUnit(unit)
	row := reportRow{Cells: []reportCell{{Text: label, Note: name}, {Text: u}}}
	for _, x := range xs {
		row.Cells = append(row.Cells, reportCell{Text: reportNumber(x * scale), Num: true})
	}
	return row
}

// reportUnit is how the report shows a unit: fractions as percentages,
// pounds in millions; and the factor from the unit to that.
func reportUnit(unit string) (string, float64) {
	switch {
	case unit == "fraction":
		return "%", 100
	case strings.HasPrefix(unit, "£"):
		return "£m", 1e-6
	}
	return unit, 1
}

// reportNumber formats x to four significant figures, with thousands
// separated by commas; a value not measured is a dash.
func reportNumber(x float64) string {
	s := round4(x)
	if s == "" {
		return "–"
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if frac != "" {
		whole += "." + frac
	}
	if strings.Trim(whole, "0.,") == "" {
		sign = ""
	}
	return sign + whole
}

// The changes a scenario makes.

// changesOf is what the scenario of manifest m changes.
func changesOf(m *results.Manifest) scenarioChanges {
	c := scenarioChanges{Name: m.Scenario, Description: m.Description, Files: m.Chain, Sets: m.Sets}
	if len(m.Chain) > 1 {
		c.Extends = strings.Join(m.Chain[1:], ", then ")
	}
	for _, iv := range m.Interventions {
		v := interventionView{Name: iv.Name, From: iv.From, Start: iv.Start, Description: iv.Description}
		if r := float64(iv.RampDays); r > 0 {
			v.Ramp = "reaching its full effect over " + durationText(r)
		}
		for _, ch := range iv.Changes {
			v.Changes = append(v.Changes, changeText(ch))
		}
		var cost []string
		if x := float64(iv.SetupGBP); x != 0 {
			cost = append(cost, poundsText(x)+" set-up")
		}
		if x := float64(iv.RecurrentGBP); x != 0 {
			cost = append(cost, poundsText(x)+" a year")
		}
		if len(cost) > 0 {
			v.Cost = strings.Join(cost, " and ")
			if iv.Payer != "" {
				v.Cost += ", paid by " + iv.Payer
			}
		}
		c.Interventions = append(c.Interventions, v)
	}
	return c
}

// durationText writes a span of days in days, or years from a year up.
func durationText(days float64) string {
	if days < 365 {
		return reportNumber(days) + " days"
	}
	y := strconv.FormatFloat(math.Round(days/365.25*10)/10, 'f', -1, 64)
	if y == "1" {
		return "1 year"
	}
	return y + " years"
}

// changeText says what a change does: "services.acute.beds: add 96",
// with an effect's range where it has one.
func changeText(c results.Change) string {
	unit, _ := care.UnitOf(c.Path)
	if c.Op == "scale" {
		unit = "factor"
	}
	format := func(x results.Number) string { return valueText(float64(x), unit) }
	v := format(c.Central)
	if c.Low != c.Central || c.High != c.Central {
		v += fmt.Sprintf(" (range %s to %s, drawn per replication)", format(c.Low), format(c.High))
	}
	verb := map[string]string{"to": "set to", "scale": "multiplied by", "add": "add"}[c.Op]
	return fmt.Sprintf("%s: %s %s", c.Path, verb, v)
}

// valueText writes x, in the model's unit kind unit, as a planner writes
// it.
func valueText(x float64, unit string) string {
	switch unit {
	case "duration":
		return reportNumber(x) + " days"
	case "fraction":
		return reportNumber(100*x) + "%"
	case "rate":
		return reportNumber(x) + " per day"
	case "per-head":
		return reportNumber(x*1000*365.25) + " per 1,000 a year"
	case "money":
		return poundsText(x)
	case "factor":
		return "×" + reportNumber(x)
	}
	return reportNumber(x)
}

// poundsText writes an amount of money briefly: £0.6m, £1.25m, £50k, £395.
func poundsText(x float64) string {
	sign, a := "", math.Abs(x)
	if x < 0 {
		sign = "-"
	}
	short := func(v float64) string {
		return strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
	}
	switch {
	case a >= 1e5:
		return sign + "£" + short(a/1e6) + "m"
	case a >= 1e3:
		return sign + "£" + short(a/1e3) + "k"
	}
	return sign + "£" + short(a)
}

// The validation status.

// calibrated reports whether a scenario is the built-in baseline
// unchanged, the one scenario with calibration targets
// (validation.BaselineTargets): read from the built-in file alone, with no
// overrides.
func calibrated(chain, sets []string) bool {
	return slices.Equal(chain, []string{"builtin:baseline"}) && len(sets) == 0
}

// calibrationOf evaluates the baseline's calibration targets against res,
// a run of l with overrides sets, when l is the baseline unchanged
// (calibrated); else nil. It is cheap: a pass over the replications.
func calibrationOf(l *scenarios.Loaded, sets []string, res *sim.Results) []results.Check {
	if !calibrated(l.Chain, sets) {
		return nil
	}
	var out []results.Check
	for _, c := range validation.EvaluateTargets(&l.Params, res) {
		out = append(out, results.Check{
			Case: c.Case, Measure: c.Measure, Expected: results.Number(c.Expected), Simulated: results.Number(c.Sim.Mean),
			CILow: results.Number(c.Sim.Lo()), CIHigh: results.Number(c.Sim.Hi()), N: c.Sim.N, Tolerance: results.Number(c.Tol),
			Pass: c.Pass(), Source: c.Source,
		})
	}
	return out
}

// calibrationStatus says whether the scenario of manifest m was checked
// against the calibration targets, with the checks when it was.
func calibrationStatus(m *results.Manifest, checks []results.Check) calibrationView {
	v := calibrationView{Scenario: m.Scenario}
	derived := slices.Contains(m.Chain, "builtin:baseline")
	switch {
	case calibrated(m.Chain, m.Sets) && len(checks) == 0:
		v.Status = "This is the baseline unchanged, but its results hold no calibration checks (summary.json was written by an older caresim)."
	case calibrated(m.Chain, m.Sets):
		pass := 0
		t := &reportTable{Class: "checks", Header: []reportCell{{Text: "Target"}, {Text: "Published", Num: true},
			{Text: "Simulated", Num: true}, {Text: "95% CI", Num: true}, {Text: "Tolerance", Num: true}, {Text: "Met"}}}
		for _, c := range checks {
			scale, unit := 1.0, ""
			tolerance := "±" + reportNumber(100*float64(c.Tolerance)) + "%"
			switch {
			case strings.Contains(c.Measure, "£"):
				scale = 1e-6
			case isShare(c.Measure): // in per cent, as the headline gives shares, its tolerance in points
				scale, unit = 100, "%"
				tolerance = "±" + reportNumber(100*float64(c.Tolerance)*float64(c.Expected)) + " points"
			}
			met := reportCell{Text: "yes", Mark: "pass"}
			if c.Pass {
				pass++
			} else {
				met = reportCell{Text: "no", Mark: "fail"}
			}
			t.Rows = append(t.Rows, reportRow{Cells: []reportCell{
				{Text: text.Capitalise(c.Case), Note: c.Measure + ". Source: " + c.Source},
				{Text: reportNumber(float64(c.Expected)*scale) + unit, Num: true},
				{Text: reportNumber(float64(c.Simulated)*scale) + unit, Num: true},
				{Text: reportNumber(float64(c.CILow)*scale) + " to " + reportNumber(float64(c.CIHigh)*scale) + unit, Num: true},
				{Text: tolerance, Num: true},
				met,
			}})
		}
		v.Table = t
		v.Status = fmt.Sprintf("This is the built-in baseline, unchanged: %d of its %d calibration targets (Mid-Nottinghamshire, 2014/15) are met by this run's %s. A target is met when the mean lies within its tolerance of the published figure (amounts of money in £m).",
			pass, len(checks), plural(m.Replications, "replication"))
	case derived:
		why := "overrides (--set) change the baseline"
		if len(m.Chain) > 1 {
			why = "this scenario changes the baseline (see what the scenario changes)"
		}
		v.Status = fmt.Sprintf("Not checked against the calibration targets: they are the unchanged baseline's, and %s, so it is not meant to reproduce them. The report of caresim run baseline, and caresim validate, check them.", why)
	default:
		v.Status = "This scenario has no calibration targets: only the built-in baseline has (Mid-Nottinghamshire, 2014/15). The textbook scenarios are checked against queueing theory by caresim validate."
	}
	return v
}

// isShare reports whether a calibration target's measure is a share: a
// metric whose unit is a fraction (occupancy), or a ratio of two counts
// of the same thing ("acute_delayed_patients_mean /
// acute_beds_occupied_mean").
func isShare(measure string) bool {
	name, _, _ := strings.Cut(measure, " ")
	if k := care.MetricIndex(name); k >= 0 && care.Metrics[k].Unit == "fraction" {
		return true
	}
	return strings.Contains(measure, " / ")
}

// engineStatus reads the validation.csv that caresim validate wrote next
// to the results folder dir, if any: in it, or in ../validation, where
// validate writes by default when runs write to out/NAME.
func engineStatus(dir string) engineView {
	var v engineView
	for _, rel := range []string{"validation.csv", filepath.Join("..", "validation", "validation.csv")} {
		v.Looked = append(v.Looked, filepath.ToSlash(rel))
		f, err := os.Open(filepath.Join(dir, rel))
		if err != nil {
			continue
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(rows) < 2 {
			continue
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		if _, ok := col["pass"]; !ok {
			continue
		}
		v.Found = filepath.ToSlash(rel)
		t := &reportTable{Class: "checks", Header: []reportCell{{Text: "Case"}, {Text: "Measure"}, {Text: "Expected", Num: true}, {Text: "Simulated", Num: true}}}
		get := func(row []string, name string) string {
			if i, ok := col[name]; ok && i < len(row) {
				return row[i]
			}
			return ""
		}
		for _, row := range rows[1:] {
			if get(row, "pass") != "yes" {
				t.Rows = append(t.Rows, reportRow{Cells: []reportCell{{Text: get(row, "case")}, {Text: get(row, "measure")},
					{Text: get(row, "expected"), Num: true}, {Text: get(row, "simulated"), Num: true}}})
			}
		}
		n := len(rows) - 1
		v.Status = fmt.Sprintf("%d of the %d checks recorded in %s pass.", n-len(t.Rows), n, v.Found)
		if len(t.Rows) > 0 {
			v.Status += " These fail:"
			v.Failed = t
		}
		return v
	}
	return v
}

// The manifest.

// manifestTable lays out manifests side by side, a column each.
func manifestTable(ms []*results.Manifest) reportTable {
	t := reportTable{Class: "manifest", Header: []reportCell{{Text: ""}}}
	for _, m := range ms {
		t.Header = append(t.Header, reportCell{Text: m.Scenario})
	}
	if len(ms) == 1 {
		t.Header = nil
	}
	row := func(key string, value func(m *results.Manifest) string) {
		r := reportRow{Cells: []reportCell{{Text: key}}}
		for _, m := range ms {
			r.Cells = append(r.Cells, reportCell{Text: value(m)})
		}
		t.Rows = append(t.Rows, r)
	}
	row("caresim version", func(m *results.Manifest) string { return m.Version + " (" + m.GoVersion + ")" })
	row("Scenario", func(m *results.Manifest) string { return m.Scenario })
	row("Files read", func(m *results.Manifest) string { return strings.Join(m.Chain, ", ") })
	row("Overrides (--set)", func(m *results.Manifest) string { return orNone(strings.Join(m.Sets, ", ")) })
	row("Digest (SHA-256 of the files and overrides)", func(m *results.Manifest) string { return m.Digest })
	row("Seed", func(m *results.Manifest) string { return strconv.FormatUint(m.Seed, 10) })
	row("Replications", func(m *results.Manifest) string { return strconv.Itoa(m.Replications) })
	row("Start", func(m *results.Manifest) string { return m.Start })
	row("Days simulated after warm-up", func(m *results.Manifest) string { return reportCount(m.Days) })
	row("Financial years", func(m *results.Manifest) string { return orNone(strings.Join(m.FinancialYears, ", ")) })
	row("Warm-up", func(m *results.Manifest) string {
		s := plural(int(m.WarmUpDays), "day")
		if m.WarmUpAuto {
			s += " (chosen by MSER-5)"
		}
		return s
	})
	row("Confidence level", func(m *results.Manifest) string { return reportNumber(100*float64(m.Confidence)) + "%" })
	row("Events simulated", func(m *results.Manifest) string { return reportCount(m.Events) })
	row("Warnings", func(m *results.Manifest) string { return orNone(strings.Join(m.Warnings, "; ")) })
	return t
}

// reportCount writes n with thousands separated by commas.
func reportCount(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// orNone is s, or "none" when empty.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// writeReport writes a finished run's report.html, with the charts drawn
// when drawn (not with --no-plots); dir is its results folder.
func writeResultsReport(w io.Writer, r *results.Run, dir string, charts []plots.Chart, drawn bool) error {
	return writeRunReport(w, r.Summary(0), results.RunDataOf(r.Loaded, r.Res), charts, drawn, dir)
}

// writeRunReport writes the report.html of a run (see runReport).
func writeRunReport(w io.Writer, s *results.Summary, d results.RunData, charts []plots.Chart, drawn bool, dir string) error {
	rep, err := runReport(s, d, charts, drawn, dir)
	if err != nil {
		return err
	}
	return writeReport(w, rep)
}

// The comparison's report.

// compareReport is a comparison's report from its summary (as
// summary.json holds it), the calibration checks of each scenario that is
// the baseline unchanged (calibrationOf, by label), and the charts drawn
// (none with --no-plots). dir is its folder.
func compareReport(s *results.Comparison, calib map[string][]results.Check, charts []plots.Chart, drawn bool, dir string) (*report, error) {
	ms := make([]*results.Manifest, len(s.Manifests))
	labels := make([]string, len(s.Manifests))
	for i := range s.Manifests {
		ms[i] = &s.Manifests[i]
		labels[i] = ms[i].Scenario
		if len(s.Metrics) > 0 && i < len(s.Metrics[0].Scenarios) {
			labels[i] = s.Metrics[0].Scenarios[i].Scenario
		}
	}
	first := ms[0]
	title := strings.Join(labels, " against ")
	if p := strings.TrimSpace(first.Place); p != "" {
		title = p + ": " + title
	}
	r := &report{Kind: "comparison", Title: title, Version: first.Version}
	r.Lead = append(r.Lead, fmt.Sprintf("%s compared with common random numbers: %s each from seed %d, so that replication i of each sees the same patients arrive; each difference is to %s, estimated from the pairs of replications.",
		plural(len(ms), "scenario"), plural(first.Replications, "replication"), first.Seed, s.First))
	for _, m := range ms {
		r.Lead = append(r.Lead, runLead(m))
	}
	r.Headline, r.Notes = compareHeadline(s)
	for i, m := range ms {
		for _, w := range m.Warnings {
			r.Warnings = append(r.Warnings, labels[i]+": "+w)
		}
	}
	if err := r.addCharts(charts, drawn); err != nil {
		return nil, err
	}
	for i, m := range ms {
		c := changesOf(m)
		c.Name = labels[i]
		r.Changes = append(r.Changes, c)
		v := calibrationStatus(m, calib[labels[i]])
		v.Scenario = labels[i]
		r.Calibration = append(r.Calibration, v)
	}
	r.Engine = engineStatus(dir)
	r.Manifest = manifestTable(ms)
	r.ManifestNote = wallNote
	return r, nil
}

// compareHeadline is a comparison's headline table: for each headline
// metric some scenario measured, then each money headline metric shown,
// each scenario's mean and interval and its difference to the first.
func compareHeadline(s *results.Comparison) (reportTable, []string) {
	t := reportTable{Class: "headline compare", Header: []reportCell{{Text: "Metric"}, {Text: "Scenario"},
		{Text: "Mean", Num: true}, {Text: "95% CI", Num: true}, {Text: "Difference to " + s.First, Num: true}, {Text: "95% CI", Num: true}}}
	byName := map[string]results.CompareMetric{}
	for _, m := range s.Metrics {
		byName[m.Name] = m
	}
	add := func(m results.CompareMetric, label string) {
		u, scale := reportUnit(m.Unit)
		for i, sc := range m.Scenarios {
			row := reportRow{Group: i == 0, Cells: []reportCell{{}, {Text: sc.Scenario},
				{Text: reportNumber(float64(sc.Mean) * scale), Num: true},
				{Text: intervalText(float64(sc.CILow)*scale, float64(sc.CIHigh)*scale), Num: true}, {Num: true}, {Num: true}}}
			if i == 0 {
				row.Cells[0] = reportCell{Text: label, Note: m.Name + ", " + u}
			} else {
				lo, hi := float64(sc.DiffCILow)*scale, float64(sc.DiffCIHigh)*scale
				row.Cells[4].Text = reportNumber(float64(sc.DiffMean) * scale)
				row.Cells[5].Text = intervalText(lo, hi)
				if lo > 0 || hi < 0 {
					row.Cells[4].Text += " *"
				}
			}
			t.Rows = append(t.Rows, row)
		}
	}
	measured := func(m results.CompareMetric) bool {
		return slices.ContainsFunc(m.Scenarios, func(r results.CompareResult) bool { return r.N > 0 })
	}
	for _, k := range headline {
		if m, ok := byName[care.Metrics[k].Name]; ok && measured(m) {
			add(m, plots.MetricLabel(m.Name, m.Doc))
		}
	}
	money := false
	for _, name := range moneyHeadline() {
		m, ok := byName[name]
		if !ok || !measured(m) {
			continue
		}
		var vals [][]float64
		for _, r := range m.Scenarios {
			vals = append(vals, []float64{float64(r.Mean), float64(r.SD)})
		}
		if shown(name, vals...) {
			add(m, plots.MoneyLabel(name, nil))
			money = true
		}
	}
	notes := []string{ciNote, "* the difference's 95% confidence interval excludes zero."}
	if money {
		notes = append(notes, "Deficit: "+strings.TrimPrefix(deficitNote, "deficit: ")+".")
	}
	return t, notes
}

// intervalText writes an interval "lo to hi", or a dash when it could not
// be computed.
func intervalText(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "–"
	}
	return reportNumber(lo) + " to " + reportNumber(hi)
}

// writeCompareReport writes a comparison's report.html (see
// compareReport).
func writeCompareReport(w io.Writer, s *results.Comparison, calib map[string][]results.Check, charts []plots.Chart, drawn bool, dir string) error {
	rep, err := compareReport(s, calib, charts, drawn, dir)
	if err != nil {
		return err
	}
	return writeReport(w, rep)
}

// calibrations evaluates the calibration targets of each scenario of c
// that is the baseline unchanged, by label.
func (c *comparison) calibrations(sets []string) map[string][]results.Check {
	out := map[string][]results.Check{}
	for _, r := range c.runs {
		if checks := calibrationOf(r.Loaded, sets, r.res); checks != nil {
			out[r.label] = checks
		}
	}
	return out
}

// The sweep's report.

// writeSweepReport writes report.html into dir, a sweep's folder (see
// sweepReportWriter), under a temporary name that is renamed.
func writeSweepReport(dir string, charts []plots.Chart, drawn bool) error {
	return results.WriteFileAtomic(filepath.Join(dir, "report.html"), sweepReportWriter(dir, charts, drawn))
}

// sweepReportWriter writes the report.html of the sweep in dir, from its
// sweep.json and sweep.csv (whole or in part: the points the folder
// holds), with the charts drawn (none with --no-plots, or none drawn).
func sweepReportWriter(dir string, charts []plots.Chart, drawn bool) func(io.Writer) error {
	return func(w io.Writer) error {
		m, err := results.ReadSweep(dir)
		if err != nil {
			return err
		}
		f, err := os.Open(filepath.Join(dir, "sweep.csv"))
		if err != nil {
			return err
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(dir, "sweep.csv"), err)
		}
		r, err := sweepReport(m, rows, charts, drawn, dir)
		if err != nil {
			return err
		}
		return writeReport(w, r)
	}
}

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
		m.Scenario, design, plural(m.Points, "point"), plural(m.Replications, "replication"), m.Seed))
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
	for _, k := range headline {
		names = append(names, care.Metrics[k].Name)
	}
	for _, name := range slices.Concat(charted, sweepMoney) {
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
