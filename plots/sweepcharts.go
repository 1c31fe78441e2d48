package plots

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/text"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim/care"
	"caresim/sim/stats"
)

// The charts of a sweep, for each metric charted: a tornado chart when it
// swept two or more parameters, a heat map when it swept exactly two on
// a grid, and a line chart when it swept one. Their files are
// KIND-METRIC.FORMAT, so that caresim plot can tell which metrics a
// sweep's folder charts.
const (
	sweepTornado = "tornado"
	sweepHeatMap = "heatmap"
	sweepLine    = "line"
)

// sweepDefaultMetrics are the metrics charted without --metric, in order
// of preference: the first that was measured and differs between points,
// else the first measured.
var sweepDefaultMetrics = []string{
	"deficit_final_year_gbp",
	care.Metrics[care.MetricAcuteOccupancy].Name,
	care.Metrics[care.MetricED4h].Name,
	care.Metrics[care.MetricICOccupancy].Name,
	care.Metrics[care.MetricEDWaitHours].Name,
}

// SweepCharts draws the charts of the sweep d for each of metrics, or for
// the default metric when there are none (see sweepDefaultMetrics): a
// tornado chart when two or more parameters were swept, a heat map when
// exactly two were swept on a grid, and a line chart when one was. It
// returns a warning for each metric not measured at any point, which gets
// no charts.
func SweepCharts(d results.SweepData, metrics []string) ([]Chart, []string, error) {
	pts := d.Points()
	if len(metrics) == 0 {
		metrics = DefaultSweepMetric(d, pts)
	}
	var out []Chart
	var warns []string
	for _, name := range metrics {
		col := slices.Index(d.Header, name)
		if !slices.ContainsFunc(pts, func(p *results.SweepPoint) bool { return len(p.Values(col)) > 0 }) {
			warns = append(warns, fmt.Sprintf("%s was not measured at any point of the sweep: no charts of it", name))
			continue
		}
		cs, err := sweepMetricCharts(d, pts, col)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, cs...)
	}
	return out, warns, nil
}

// DefaultSweepMetric returns the metric charted without --metric: the
// first of sweepDefaultMetrics in the sweep that was measured and
// differs between points, else the first measured, else none.
func DefaultSweepMetric(d results.SweepData, pts []*results.SweepPoint) []string {
	measured := ""
	for _, name := range sweepDefaultMetrics {
		col := slices.Index(d.Header, name)
		if col < 0 {
			continue
		}
		var means []float64
		for _, p := range pts {
			if m := p.Mean(col); !math.IsNaN(m) {
				means = append(means, m)
			}
		}
		if len(means) == 0 {
			continue
		}
		if slices.ContainsFunc(means, func(m float64) bool { return m != means[0] }) {
			return []string{name}
		}
		if measured == "" {
			measured = name
		}
	}
	if measured == "" {
		return nil
	}
	return []string{measured}
}

// sweepMetricCharts draws the charts of the metric in column col.
func sweepMetricCharts(d results.SweepData, pts []*results.SweepPoint, col int) ([]Chart, error) {
	m := d.Man
	metric := m.Metrics[col-2-len(m.Parameters)]
	what := sweepMetric{
		name:  metric.Name,
		title: metricTitle(metric.Name),
		unit:  metric.Unit,
		place: m.Where(),
		col:   col,
		scale: 1,
	}
	if what.unit == "fraction" { // shares as a board reads them, as the reports give them
		what.unit, what.scale = "%", 100
	}
	var out []Chart
	add := func(kind string, f *Figure, err error) error {
		if err == nil {
			out = append(out, Chart{File: kind + "-" + metric.Name, Fig: f})
		}
		return err
	}
	if len(m.Parameters) == 1 {
		f, err := what.line(m, pts)
		return out, add(sweepLine, f, err)
	}
	f, err := what.tornado(m, pts)
	if err := add(sweepTornado, f, err); err != nil {
		return nil, err
	}
	if len(m.Parameters) == 2 && m.LHS == 0 {
		f, err := what.heatMap(m, pts)
		if err := add(sweepHeatMap, f, err); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sweepMetric is the metric a chart shows: its name in sweep.csv, in
// titles and axes, its unit, the place charted and its column.
type sweepMetric struct {
	name, title, unit, place string
	col                      int
	scale                    float64 // from sweep.csv's cells to unit
}

// line draws the metric against the one parameter swept: each point's
// mean and 95% confidence interval over replications, in order of the
// parameter's value. Points where the metric was not measured are left
// out.
func (s sweepMetric) line(m *results.Sweep, pts []*results.SweepPoint) (*Figure, error) {
	numeric := !slices.ContainsFunc(pts, func(p *results.SweepPoint) bool { return math.IsNaN(p.Nums[0]) })
	order := slices.Clone(pts)
	if numeric {
		slices.SortStableFunc(order, func(a, b *results.SweepPoint) int { return cmp.Compare(a.Nums[0], b.Nums[0]) })
	}
	v := ParamOf(m.Parameters[0])
	r := Response{
		Metric: s.title, Unit: s.unit, Place: s.place,
		Parameter: v.Name, ParameterUnit: v.Unit,
		Interval: deficitInterval(),
	}
	for _, p := range order {
		sum := stats.Summarize(p.Values(s.col), 0)
		if sum.N == 0 {
			continue
		}
		if numeric {
			r.X = append(r.X, p.Nums[0]*v.Scale)
		} else {
			r.X = append(r.X, float64(len(r.X)))
			r.Labels = append(r.Labels, p.Cells[0])
		}
		r.Y = append(r.Y, estimate(Estimate{Mean: s.scale * sum.Mean, Lo: s.scale * sum.Lo(), Hi: s.scale * sum.Hi()}))
	}
	return SweepLine(r)
}

// tornado draws the effect of each parameter on the metric. On a grid,
// the base case is the point with every parameter at its middle value
// (the lower of the two middle ones of an even number), and a
// parameter's bar runs between the points with it at its lowest and its
// highest value, the others at the base case. In a Latin hypercube, the
// base case is the mean over all points, and a parameter's bar runs
// between the means over the tenth of the points (at least one) with its
// lowest values and the tenth with its highest, as the chart says.
// Parameters whose ends were not measured are left out.
func (s sweepMetric) tornado(m *results.Sweep, pts []*results.SweepPoint) (*Figure, error) {
	t := Sensitivity{Metric: s.title, Unit: s.unit, Place: s.place}
	if m.LHS > 0 {
		n := max(1, int(math.Ceil(float64(len(pts))/10)))
		t.Base = meanOver(pts, s.col)
		t.BaseLabel = "Mean of all points"
		t.Note = fmt.Sprintf("Latin hypercube of %d points:\nbar ends are means over the\n%s with each parameter's\nlowest and highest values", len(pts), text.Plural(n, "point"))
		for j, p := range m.Parameters {
			order := slices.Clone(pts)
			slices.SortStableFunc(order, func(a, b *results.SweepPoint) int { return compareCells(a, b, j) })
			low, high := order[:n], order[len(order)-n:]
			v := ParamOf(p)
			t.Swings = append(t.Swings, Swing{
				Parameter: v.Label(),
				LowValue:  cellRange(v, low, j), HighValue: cellRange(v, high, j),
				Low: meanOver(low, s.col), High: meanOver(high, s.col),
			})
		}
	} else {
		g := newSweepGrid(m, pts)
		base := g.at(g.middle())
		if base == nil {
			return nil, fmt.Errorf("the grid has no middle point")
		}
		t.Base = base.Mean(s.col)
		t.Note = "Other parameters at\ntheir middle values"
		for j, p := range m.Parameters {
			lo, hi := g.middle(), g.middle()
			lo[j], hi[j] = 0, len(g.values[j])-1
			pl, ph := g.at(lo), g.at(hi)
			if pl == nil || ph == nil {
				continue
			}
			v := ParamOf(p)
			t.Swings = append(t.Swings, Swing{
				Parameter: v.Label(),
				LowValue:  v.Cell(g.values[j][0]), HighValue: v.Cell(g.values[j][len(g.values[j])-1]),
				Low: pl.Mean(s.col), High: ph.Mean(s.col),
			})
		}
	}
	if math.IsNaN(t.Base) {
		return nil, fmt.Errorf("not measured at the base case")
	}
	t.Base *= s.scale
	for i := range t.Swings {
		t.Swings[i].Low *= s.scale
		t.Swings[i].High *= s.scale
	}
	t.Swings = slices.DeleteFunc(t.Swings, func(w Swing) bool { return math.IsNaN(w.Low) || math.IsNaN(w.High) })
	return Tornado(t)
}

// heatMap draws the metric over the grid of the two parameters swept: the
// first up, the second across.
func (s sweepMetric) heatMap(m *results.Sweep, pts []*results.SweepPoint) (*Figure, error) {
	g := newSweepGrid(m, pts)
	h := Grid{Metric: s.title, Unit: s.unit, Place: s.place}
	axes := []*GridAxis{&h.Y, &h.X}
	for j, p := range m.Parameters {
		v := ParamOf(p)
		*axes[j] = GridAxis{Parameter: v.Name, Unit: v.Unit}
		for _, c := range g.values[j] {
			axes[j].Values = append(axes[j].Values, v.Cell(c))
		}
	}
	for r := range g.values[0] {
		row := make([]float64, len(g.values[1]))
		for c := range row {
			row[c] = math.NaN()
			if p := g.at([]int{r, c}); p != nil {
				row[c] = s.scale * p.Mean(s.col)
			}
		}
		h.Values = append(h.Values, row)
	}
	return HeatMap(h)
}

// sweepGrid is a grid sweep's points by their parameters' values: each
// parameter's values in ascending order (as given, if any is not a
// number), and the point at each combination.
type sweepGrid struct {
	values [][]string // by parameter, its values
	points map[string]*results.SweepPoint
}

func newSweepGrid(m *results.Sweep, pts []*results.SweepPoint) *sweepGrid {
	g := &sweepGrid{values: make([][]string, len(m.Parameters)), points: map[string]*results.SweepPoint{}}
	for j := range m.Parameters {
		order := slices.Clone(pts)
		slices.SortStableFunc(order, func(a, b *results.SweepPoint) int { return compareCells(a, b, j) })
		for _, p := range order {
			if !slices.Contains(g.values[j], p.Cells[j]) {
				g.values[j] = append(g.values[j], p.Cells[j])
			}
		}
	}
	for _, p := range pts {
		g.points[strings.Join(p.Cells, "\x00")] = p
	}
	return g
}

// middle returns the index of each parameter's middle value.
func (g *sweepGrid) middle() []int {
	idx := make([]int, len(g.values))
	for j, v := range g.values {
		idx[j] = (len(v) - 1) / 2
	}
	return idx
}

// at returns the point with each parameter j at its value idx[j], or nil.
func (g *sweepGrid) at(idx []int) *results.SweepPoint {
	cells := make([]string, len(idx))
	for j, k := range idx {
		cells[j] = g.values[j][k]
	}
	return g.points[strings.Join(cells, "\x00")]
}

// compareCells orders points by parameter j: by number when both are
// numbers, else keeping their order.
func compareCells(a, b *results.SweepPoint, j int) int {
	if math.IsNaN(a.Nums[j]) || math.IsNaN(b.Nums[j]) {
		return 0
	}
	return cmp.Compare(a.Nums[j], b.Nums[j])
}

// meanOver returns the mean of the metric in column col over every
// replication of pts, NaN when none was measured.
func meanOver(pts []*results.SweepPoint, col int) float64 {
	var all []float64
	for _, p := range pts {
		all = append(all, p.Values(col)...)
	}
	return stats.Summarize(all, 0).Mean
}

// cellRange labels the values of parameter j, shown as v, over pts:
// "18–20", or "18" when they are all one.
func cellRange(v Param, pts []*results.SweepPoint, j int) string {
	lo, hi := v.Cell(pts[0].Cells[j]), v.Cell(pts[len(pts)-1].Cells[j])
	if lo == hi {
		return lo
	}
	return lo + "–" + hi
}

// Param is a swept parameter as the charts and the report show it.
type Param struct {
	Path  string  // as sweep.json and --set name it: services.acute.beds
	Name  string  // a name a board reads, derived from Path: "Acute beds"
	Unit  string  // the unit its values are shown in; "" for a plain number
	Scale float64 // the factor from sweep.csv's cells, in the model's units, to Unit
}

// ParamOf is how p, a parameter of sweep.json, is shown: named after
// its path (see paramName); a duration in the unit the flag gave every
// value in (50min,60min: minutes), else in days; a fraction as a
// percentage; money in pounds; a rate per day; a count or a parameter of
// unknown unit without one.
func ParamOf(p results.Measure) Param {
	v := Param{Path: p.Name, Name: paramName(p.Name), Scale: 1}
	switch p.Unit {
	case "days":
		v.Unit, v.Scale = typedDuration(p.Doc)
	case "fraction":
		v.Unit, v.Scale = "%", 100
	case "pounds":
		v.Unit = "£"
	case "as given":
	default:
		v.Unit = p.Unit
	}
	return v
}

// Label is the parameter's name with its unit, for an axis or a
// tornado's row: "Acute length of stay, mean (days)".
func (v Param) Label() string {
	if v.Unit == "" {
		return v.Name
	}
	return fmt.Sprintf("%s (%s)", v.Name, v.Unit)
}

// Cell is a cell of sweep.csv as a chart or the report labels it: a
// number in the parameter's unit, money as £250k, to four significant
// figures; anything else as it is.
func (v Param) Cell(c string) string {
	x, err := strconv.ParseFloat(c, 64)
	switch {
	case err != nil:
		return c
	case v.Unit == "£":
		return scenarios.FormatMoney(x)
	}
	return text.Round4(x * v.Scale)
}

// durationUnits name the units of time a flag may give a duration in, by
// their symbols and words (as scenarios.ParseDuration reads them).
var durationUnits = map[string]string{
	"m": "minutes", "min": "minutes", "minute": "minutes", "minutes": "minutes",
	"h": "hours", "hour": "hours", "hours": "hours",
	"d": "days", "day": "days", "days": "days",
	"w": "weeks", "week": "weeks", "weeks": "weeks",
	"mo": "months", "month": "months", "months": "months",
	"y": "years", "year": "years", "years": "years",
}

// typedDuration returns the unit that every value of a duration's flag
// (sweep.json's doc of the parameter: "--set path=50min,60min", "--set
// path=50min:70min:10min" or "--range path=1h:4h") is written in, and
// the factor from days to it; days when the values are bare numbers, mix
// units or compound ones (1d12h).
func typedDuration(flag string) (string, float64) {
	_, values, ok := strings.Cut(flag, "=")
	if !ok {
		return "days", 1
	}
	unit := ""
	for _, t := range strings.FieldsFunc(values, func(r rune) bool { return r == ',' || r == ':' }) {
		t = strings.ToLower(strings.TrimSpace(t))
		word := strings.TrimLeft(t, "+0123456789.eE ")
		if word == "" || strings.ContainsAny(word, "0123456789") || (unit != "" && durationUnits[word] != durationUnits[unit]) {
			return "days", 1
		}
		unit = word
	}
	days, err := scenarios.ParseDuration("1" + unit)
	if err != nil || durationUnits[unit] == "" || days <= 0 {
		return "days", 1
	}
	return durationUnits[unit], 1 / float64(days)
}

// paramAbbrev are the words of parameter paths that are abbreviations.
var paramAbbrev = map[string]string{"ed": "ED", "sdec": "SDEC", "ic": "IC", "los": "LOS", "p90": "P90", "sd": "SD"}

// distKeys are the last keys of a path that name a parameter of a
// distribution (des.Dist), set off by a comma: "Acute length of stay,
// mean".
var distKeys = []string{"value", "mean", "sd", "median", "p90", "shape", "scale", "min", "mode", "max"}

// paramName names a parameter for a board from its path: its keys as
// words, the services. prefix dropped, abbreviations in capitals, the
// first letter capitalised, and a distribution's parameter after a comma
// (services.acute.length_of_stay.mean: "Acute length of stay, mean";
// services.ed.cubicles: "ED cubicles"). List elements keep their
// brackets.
func paramName(path string) string {
	steps := strings.Split(path, ".")
	if len(steps) > 1 && steps[0] == "services" {
		steps = steps[1:]
	}
	words := make([]string, len(steps))
	for i, st := range steps {
		var ws []string
		for _, w := range strings.Split(st, "_") {
			if a, ok := paramAbbrev[strings.ToLower(w)]; ok {
				w = a
			}
			ws = append(ws, w)
		}
		words[i] = strings.Join(ws, " ")
	}
	name := strings.Join(words, " ")
	if n := len(words); n > 1 && slices.Contains(distKeys, steps[n-1]) {
		name = strings.Join(words[:n-1], " ") + ", " + words[n-1]
	}
	return text.Capitalise(name)
}

// metricTitle names a metric for titles and axes as the reports do: a
// metric of the care model by its headline label or description
// ("A&E: left within 4 hours of arrival"), a deficit by whose and over which years,
// and any other by its words (metricWords).
func metricTitle(name string) string {
	if k := care.MetricIndex(name); k >= 0 {
		return MetricLabel(name, care.Metrics[k].Doc)
	}
	if strings.HasPrefix(name, "deficit_") {
		return MoneyLabel(name, nil)
	}
	return metricWords(name)
}

// metricWords writes a metric's name for titles and axes: its words
// spaced and the first capitalised, abbreviations in capitals, and "gbp"
// left to the unit (ed_4h_performance: "ED 4h performance";
// deficit_final_year_gbp: "Deficit final year").
func metricWords(name string) string {
	var words []string
	for _, w := range strings.Split(name, "_") {
		switch w {
		case "gbp":
			continue
		case "ed", "ic", "nel", "dta", "los", "p95":
			w = strings.ToUpper(w)
		}
		words = append(words, w)
	}
	s := strings.Join(words, " ")
	if s == "" {
		return name
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// SweepChartMetric returns the metric that the chart file named file
// shows, and whether file is a sweep's chart: KIND-METRIC.FORMAT, as
// [SweepCharts] names them, saved in one of [Formats]. caresim plot
// tells by them which metrics a sweep's folder charts.
func SweepChartMetric(file string) (string, bool) {
	base, ext, _ := strings.Cut(file, ".")
	kind, metric, _ := strings.Cut(base, "-")
	return metric, slices.Contains(Formats, ext) && slices.Contains([]string{sweepTornado, sweepHeatMap, sweepLine}, kind)
}
