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
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Sensitivity is the effect of each parameter of a sweep on one metric,
// the input to [Tornado]: the metric at a base case, and at each
// parameter's low and high value with the others at the base case.
type Sensitivity struct {
	Metric string // the metric, e.g. "Acute occupancy"
	Unit   string // its unit, e.g. "fraction", "beds"; "£" draws money ticks
	Place  string // system or scenario, e.g. "Northshire"

	Base      float64 // the metric at the base case
	BaseLabel string  // the base case in the legend; "" is [LegendTornadoBase]

	Swings []Swing // one per parameter, in any order

	// Note, when set, ends the legend, saying how the values were
	// found, e.g. "Other parameters at middle values"; each line of it
	// is a line of the legend.
	Note string
}

// Swing is the metric of a [Sensitivity] at one parameter's low and high
// values.
type Swing struct {
	Parameter string // e.g. "services.acute.beds"

	// LowValue and HighValue label the parameter's low and high values
	// at the ends of the bar, e.g. "18" and "24", with a unit if wanted.
	LowValue, HighValue string

	Low, High float64 // the metric with the parameter at its low and its high value
}

// Legend names used by [Tornado], so that callers and tests can find the
// series.
const (
	LegendTornadoLow  = "Low parameter value"
	LegendTornadoHigh = "High parameter value"
	LegendTornadoBase = "Base case"
)

// tornadoBar is the height of a bar, as a share of the space between
// parameters.
const tornadoBar = 0.6

// Tornado draws a tornado chart: for each parameter a horizontal bar from
// the metric at the parameter's low value to the metric at its high
// value, split at a vertical line at the base case, the low side dark
// blue and the high side light orange (apart in greyscale too). Bars are
// sorted by swing, |High − Low|, the largest at the top, named by their
// parameter on the y axis, and each end is labelled with the parameter's
// value there. It returns [ErrNoData] when there are no swings, and an
// error when a value is not finite.
func Tornado(s Sensitivity) (*Figure, error) {
	n := len(s.Swings)
	what := fmt.Sprintf("plots: tornado of %s", s.Metric)
	if n == 0 {
		return nil, fmt.Errorf("%s: %w", what, ErrNoData)
	}
	if !sweepFinite(s.Base) {
		return nil, fmt.Errorf("%s: base %v is not a finite number", what, s.Base)
	}
	for _, w := range s.Swings {
		if !sweepFinite(w.Low, w.High) {
			return nil, fmt.Errorf("%s: %s: low %v or high %v is not a finite number", what, w.Parameter, w.Low, w.High)
		}
	}
	// The smallest swing at the bottom (y = 0), the largest at the top;
	// ties keep the order given, the first on top.
	sw := slices.Clone(s.Swings)
	slices.Reverse(sw)
	slices.SortStableFunc(sw, func(a, b Swing) int {
		return cmp.Compare(math.Abs(a.High-a.Low), math.Abs(b.High-b.Low))
	})

	p := newPanel(sweepTitle(s.Metric+": effect of each parameter", s.Place), sweepAxisLabel(s.Metric, s.Unit), "")
	format := sweepFormat(s.Unit)
	p.X.Tick.Marker = labelTicks{format}
	names := make([]string, n)
	for i, w := range sw {
		names[i] = w.Parameter
	}
	p.Y.Tick.Marker = yearTicks(names)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	f := &Figure{Panels: []*plot.Plot{p}}

	sides := []struct {
		name   string
		fill   color.Color
		metric func(Swing) float64
		value  func(Swing) string
	}{
		{LegendTornadoLow, blue, func(w Swing) float64 { return w.Low }, func(w Swing) string { return w.LowValue }},
		{LegendTornadoHigh, orange, func(w Swing) float64 { return w.High }, func(w Swing) string { return w.HighValue }},
	}
	lo, hi := s.Base, s.Base
	var left, right plotter.XYLabels // labels at the bars' left and right ends
	for k, side := range sides {
		rings := make([]plotter.XYer, n)
		for i, w := range sw {
			x, y := side.metric(w), float64(i)
			lo, hi = math.Min(lo, x), math.Max(hi, x)
			bottom, top := y-tornadoBar/2, y+tornadoBar/2
			if (w.Low-s.Base)*(w.High-s.Base) > 0 {
				// Both ends on one side of the base: the longer bar would
				// hide the shorter, so each takes half the row, the low
				// value's below.
				if k == 0 {
					top, y = y, y-tornadoBar/4
				} else {
					bottom, y = y, y+tornadoBar/4
				}
			}
			rings[i] = plotter.XYs{{X: s.Base, Y: bottom}, {X: x, Y: bottom}, {X: x, Y: top}, {X: s.Base, Y: top}}
			// A label goes outwards from the base; at the base, the low
			// value's goes left and the high value's right.
			at := &right
			if x < s.Base || (x == s.Base && k == 0) {
				at = &left
			}
			at.XYs = append(at.XYs, plotter.XY{X: x, Y: y})
			at.Labels = append(at.Labels, side.value(w))
		}
		bars, err := plotter.NewPolygon(rings...)
		if err != nil {
			return nil, err
		}
		bars.Color = side.fill
		bars.LineStyle.Color = black
		bars.LineStyle.Width = vg.Points(0.5)
		p.Add(bars)
		f.Legend = append(f.Legend, LegendEntry{side.name, []plot.Thumbnailer{bars}})
	}

	// Room beside the bars for their labels.
	pad := 0.18 * (hi - lo)
	if pad == 0 {
		pad = math.Max(0.1*math.Abs(s.Base), 1)
	}
	p.X.Min, p.X.Max = lo-pad, hi+pad

	base, err := plotter.NewLine(plotter.XYs{{X: s.Base, Y: p.Y.Min}, {X: s.Base, Y: p.Y.Max}})
	if err != nil {
		return nil, err
	}
	base.Color = black
	base.Width = vg.Points(1.5)
	base.Dashes = dashed
	p.Add(base)
	baseLabel := s.BaseLabel
	if baseLabel == "" {
		baseLabel = LegendTornadoBase
	}
	f.Legend = append(f.Legend, LegendEntry{fmt.Sprintf("%s: %s", baseLabel, format(s.Base)), []plot.Thumbnailer{base}})

	if err := addEndLabels(p, left, right); err != nil {
		return nil, err
	}
	if s.Note != "" {
		for _, line := range strings.Split(s.Note, "\n") {
			f.Legend = append(f.Legend, LegendEntry{line, nil})
		}
	}
	return f, nil
}

// addEndLabels labels the ends of horizontal bars on p: the labels of
// left just left of their points, right-aligned, and those of right just
// right of them.
func addEndLabels(p *plot.Plot, left, right plotter.XYLabels) error {
	for _, l := range []struct {
		xys   plotter.XYLabels
		align text.XAlignment
		dx    vg.Length
	}{{left, text.XRight, -3}, {right, text.XLeft, 3}} {
		if len(l.xys.Labels) == 0 {
			continue
		}
		lab, err := plotter.NewLabels(l.xys)
		if err != nil {
			return err
		}
		lab.Offset = vg.Point{X: vg.Points(float64(l.dx))}
		for i := range lab.TextStyle {
			lab.TextStyle[i].Font.Size = vg.Points(9)
			lab.TextStyle[i].XAlign = l.align
			lab.TextStyle[i].YAlign = text.YCenter
		}
		p.Add(lab)
	}
	return nil
}
