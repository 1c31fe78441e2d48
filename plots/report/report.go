package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"regexp"
	"strings"

	"caresim/internal/text"
	"caresim/plots"
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
// answer (a run's and a comparison's first page), headline, charts,
// changes, validation, manifest.
type report struct {
	Kind     string   // "run", "comparison" or "sweep"
	Title    string   // the place and the scenario
	Lead     []string // what was run, a sentence each
	Answer   *answer  // the first page: what the results mean; nil for a sweep
	Headline reportTable
	Notes    []string // under the headline table
	Warnings []string // the run's warnings

	Money *moneyView // the gap, its bridge and its sensitivity; nil when not priced

	Womens    *womensView    // the women's and children's services; nil when the run has none
	Lines     []*lineView    // mental health, outpatients, primary care: those the run has
	Workforce *workforceView // the staff by role; nil when the scenario counts none

	Charts   []reportChart
	NoCharts string // why there are none

	Changes []scenarioChanges
	Swept   *reportTable // a sweep's parameters

	Backcast *backcastView // the run set beside observed data, when it was

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
	Mark string // "pass" or "fail", or a mark of markLabels: coloured
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
	Name, From, Start, Ramp, End, Description, Cost string
	Changes                                         []string
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

// ciNote follows a headline table.
const ciNote = "Means over the replications, with 95% confidence intervals (Student's t); fractions are shown as percentages and money in millions of pounds, to four significant figures. A dash is a value that could not be measured."

// anyCut reports whether a row of t has an interval cut at a bound
// (estimateRow marks it †).
func anyCut(t reportTable) bool {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if strings.HasSuffix(c.Text, " †") {
				return true
			}
		}
	}
	return false
}

// estimateRow is a headline row: the label with the metric's name under
// it, the unit, the period it covers, and the mean and interval in the
// unit as shown (reportUnit).
func estimateRow(label, name, unit, period string, xs ...float64) reportRow {
	u, scale := reportUnit(unit)
	row := reportRow{Cells: []reportCell{{Text: label, Note: name}, {Text: u}, {Text: period}}}
	var cut [3]bool // which of xs were cut at a bound
	if len(xs) == 3 {
		lo, hi, _ := boundedInterval(unit, xs[1], xs[2])
		cut[1], cut[2] = lo != xs[1], hi != xs[2]
		xs = []float64{xs[0], lo, hi}
	}
	for i, x := range xs {
		c := reportCell{Text: reportNumber(x * scale), Num: true}
		if i < len(cut) && cut[i] {
			c.Text += " †"
		}
		row.Cells = append(row.Cells, c)
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

// separated writes the digits of a whole number with its thousands
// separated by commas: "1234567" as "1,234,567".
func separated(whole string) string {
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return whole
}

// reportNumber formats x to four significant figures, with thousands
// separated by commas; a value not measured is a dash.
func reportNumber(x float64) string {
	s := text.Round4(x)
	if s == "" {
		return "–"
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	whole = separated(whole)
	if frac != "" {
		whole += "." + frac
	}
	if strings.Trim(whole, "0.,") == "" {
		sign = ""
	}
	return sign + whole
}
