package plots

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Diffs is how far each scenario moves each metric from a base scenario, as
// paired differences with their intervals, the input to [Differences].
type Diffs struct {
	Base     string // the scenario compared against, e.g. "baseline"
	Subject  string // what the metrics are of, to begin the title, e.g. "Hospital"; may be empty
	Place    string // system or site, e.g. "Northshire"
	Interval string // what Lo and Hi bound, e.g. "95% confidence interval"
	Rows     []Diff // in the order to draw them; metrics keep their first appearance's order
}

// Diff is one scenario's difference from the base in one metric: scenario
// minus base, in Unit, with its interval [Lo, Hi] around Mean.
type Diff struct {
	Metric   string // e.g. "Acute bed days"
	Unit     string // e.g. "days"; "£" or "GBP" gets money ticks
	Scenario string // e.g. "Discharge to assess"
	Mean     float64
	Lo, Hi   float64 // interval bounds, Lo <= Mean <= Hi
	// Better says which way is better for the metric, for its panel's
	// heading: "lower", "higher", or "" for a metric with no better way.
	Better string
}

// Legend names used by [Differences], so that callers and tests can find
// the series. The bars are listed as "Bars: " followed by Diffs.Interval.
const (
	LegendDiffExcludesZero = "Interval excludes 0"
	LegendDiffIncludesZero = "Interval includes 0"
	LegendDiffNoChange     = "No change"
)

// Differences draws a forest plot of the differences from the base
// scenario: one small panel per metric, stacked in the order the metrics
// first appear, headed with the metric and its unit. Each row of a panel is
// a scenario, named on the y axis: a point at the mean difference with a
// horizontal bar from Lo to Hi, and a dashed vertical line at zero. A point
// is filled when the interval excludes zero and hollow when it includes it,
// and the legend says so. Each panel has its own x scale, with money ticks
// for pounds.
//
// It returns [ErrNoData] when there are no rows, and an error when a row's
// interval does not contain its mean or one metric is given in two units.
func Differences(d Diffs) (*Figure, error) {
	if len(d.Rows) == 0 {
		return nil, fmt.Errorf("plots: differences from %s: %w", d.Base, ErrNoData)
	}
	var metrics [][]Diff // rows grouped by metric, in order of first appearance
	for _, r := range d.Rows {
		if !(r.Lo <= r.Mean && r.Mean <= r.Hi) {
			return nil, fmt.Errorf("plots: differences from %s: %s, %s: interval [%v, %v] does not contain the mean %v",
				d.Base, r.Metric, r.Scenario, r.Lo, r.Hi, r.Mean)
		}
		k := 0
		for k < len(metrics) && metrics[k][0].Metric != r.Metric {
			k++
		}
		if k == len(metrics) {
			metrics = append(metrics, nil)
		} else if u := metrics[k][0].Unit; u != r.Unit {
			return nil, fmt.Errorf("plots: differences from %s: %s is in %q for %s and %q for %s",
				d.Base, r.Metric, u, metrics[k][0].Scenario, r.Unit, r.Scenario)
		}
		metrics[k] = append(metrics[k], r)
	}

	title := fmt.Sprintf("Change from %s", d.Base)
	if d.Subject != "" {
		title = fmt.Sprintf("%s: change from %s", d.Subject, d.Base)
	}
	if d.Place != "" {
		title += ", " + d.Place
	}
	f := &Figure{}
	var filled, hollow []plot.Thumbnailer
	var bar, zero *plotter.Line
	for _, rows := range metrics {
		p, parts, err := diffsPanel(rows)
		if err != nil {
			return nil, err
		}
		f.Panels = append(f.Panels, p)
		if parts.filled != nil {
			filled = []plot.Thumbnailer{parts.filled}
		}
		if parts.hollow != nil {
			hollow = parts.hollow
		}
		bar, zero = parts.bar, parts.zero
	}
	f.Panels[0].Title.Text = title
	f.Panels[len(f.Panels)-1].X.Label.Text = fmt.Sprintf("Difference: scenario minus %s", d.Base)

	if filled != nil {
		f.Legend = append(f.Legend, LegendEntry{LegendDiffExcludesZero, filled})
	}
	if hollow != nil {
		f.Legend = append(f.Legend, LegendEntry{LegendDiffIncludesZero, hollow})
	}
	interval := d.Interval
	if interval == "" {
		interval = "interval"
	}
	f.Legend = append(f.Legend,
		LegendEntry{"Bars: " + interval, []plot.Thumbnailer{bar}},
		LegendEntry{LegendDiffNoChange, []plot.Thumbnailer{zero}})
	return f, nil
}

// diffsParts are the plotters of one panel that the legend illustrates.
type diffsParts struct {
	filled    *plotter.Scatter   // means whose interval excludes zero, or nil
	hollow    []plot.Thumbnailer // a blue disc and a white one on it, or nil
	bar, zero *plotter.Line      // a line styled as the bars, and the zero line

	bars    *plotter.XErrorBars // the intervals, row by row
	heading *plotter.Labels     // the metric and its unit
}

// diffsPanel draws the rows of one metric: scenario j at y = len(rows)-1-j,
// so that the first is on top, with the metric's heading in the space above
// the top row.
func diffsPanel(rows []Diff) (*plot.Plot, diffsParts, error) {
	var parts diffsParts
	k := len(rows)
	p := newPanel("", "", "")
	names := make(yearTicks, k)
	mids := make(plotter.XYs, k)
	errs := make(plotter.XErrors, k)
	var in, out plotter.XYs
	lo, hi := 0.0, 0.0
	for j, r := range rows {
		y := float64(k - 1 - j)
		names[k-1-j] = r.Scenario
		mids[j] = plotter.XY{X: r.Mean, Y: y}
		errs[j] = struct{ Low, High float64 }{r.Mean - r.Lo, r.Hi - r.Mean}
		if r.Lo > 0 || r.Hi < 0 {
			out = append(out, mids[j])
		} else {
			in = append(in, mids[j])
		}
		lo, hi = math.Min(lo, r.Lo), math.Max(hi, r.Hi)
	}
	pad := 0.08 * (hi - lo)
	if pad == 0 {
		pad = 1
	}
	p.X.Min, p.X.Max = lo-pad, hi+pad
	// One row of space above the top row holds the heading.
	p.Y.Min, p.Y.Max = -0.6, float64(k)+0.4
	p.Y.Tick.Marker = names
	p.Y.Tick.Length = 0
	p.X.Tick.Marker = zeroTicks{labelTicks{trim}}
	if unitIsPounds(rows[0].Unit) {
		p.X.Tick.Marker = zeroTicks{labelTicks{money}}
	}

	var err error
	top := float64(k) - 0.5
	if parts.zero, err = strokedLine(plotter.XYs{{X: 0, Y: p.Y.Min}, {X: 0, Y: top}}, grey, 1, dashed); err != nil {
		return nil, parts, err
	}
	parts.bars, err = plotter.NewXErrorBars(struct {
		plotter.XYs
		plotter.XErrors
	}{mids, errs})
	if err != nil {
		return nil, parts, err
	}
	parts.bars.LineStyle.Width = vg.Points(1.5)
	parts.bars.CapWidth = vg.Points(8)
	if parts.bar, err = strokedLine(plotter.XYs{{}, {X: 1}}, black, 1.5, nil); err != nil {
		return nil, parts, err
	}
	p.Add(parts.zero, parts.bars)

	if len(out) > 0 {
		if parts.filled, err = diffsGlyphs(out, draw.CircleGlyph{}, blue); err != nil {
			return nil, parts, err
		}
		p.Add(parts.filled)
	}
	if len(in) > 0 {
		// A smaller white disc on a blue one leaves a ring 1.5 points wide
		// (draw.RingGlyph's is 0.5) and hides the bar inside it.
		disc, err := diffsGlyphs(in, draw.CircleGlyph{}, blue)
		if err != nil {
			return nil, parts, err
		}
		hole, err := diffsGlyphs(in, draw.CircleGlyph{}, color.White)
		if err != nil {
			return nil, parts, err
		}
		hole.Radius -= vg.Points(1.5)
		p.Add(disc, hole)
		parts.hollow = []plot.Thumbnailer{disc, hole}
	}

	parts.heading, err = note(p.X.Min, p.Y.Max, diffsHeading(rows[0].Metric, rows[0].Unit, rows[0].Better), black, draw.YTop, vg.Point{})
	if err != nil {
		return nil, parts, err
	}
	parts.heading.TextStyle[0].Font.Size = vg.Points(11)
	p.Add(parts.heading)
	return p, parts, nil
}

// diffsGlyphs returns glyphs of the given shape and colour at xys, 4.5
// points in radius.
func diffsGlyphs(xys plotter.XYs, shape draw.GlyphDrawer, c color.Color) (*plotter.Scatter, error) {
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, err
	}
	s.Shape = shape
	s.Color = c
	s.Radius = vg.Points(4.5)
	return s, nil
}

// diffsHeading returns the heading of a panel of [Differences]: the metric
// and, when given, its unit in brackets (£ for "GBP"), and which way is
// better when better says ("lower" or "higher").
func diffsHeading(metric, unit, better string) string {
	if unitIsPounds(unit) {
		unit = "£"
	}
	h := metric
	if unit != "" {
		h += " (" + strings.TrimSpace(unit) + ")"
	}
	if better != "" {
		h += ": " + better + " is better"
	}
	return h
}

// zeroTicks labels zero on a difference's axis whenever the axis spans it,
// so that "no change" is read off the axis and not only the dashed line: it
// adds a labelled tick at 0 to those of its ticker, and drops the labels of
// ticks so close to zero (within a tenth of the axis) that they would print
// over its label.
type zeroTicks struct {
	labelTicks
}

// Ticks implements [plot.Ticker].
func (z zeroTicks) Ticks(min, max float64) []plot.Tick {
	ticks := z.labelTicks.Ticks(min, max)
	if min > 0 || max < 0 {
		return ticks
	}
	near := 0.1 * (max - min)
	out := ticks[:0]
	for _, t := range ticks {
		switch {
		case t.Value == 0:
			continue
		case t.Label != "" && math.Abs(t.Value) < near:
			t.Label = ""
		}
		out = append(out, t)
	}
	out = append(out, plot.Tick{Value: 0, Label: z.Format(0)})
	slices.SortStableFunc(out, func(a, b plot.Tick) int { return cmp.Compare(a.Value, b.Value) })
	return out
}
