package plots

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Response is one metric of a parameter sweep against the one parameter
// swept, the input to [SweepLine]. X and Y have one element per point of
// the sweep, in ascending order of X.
type Response struct {
	Metric string // the metric, e.g. "Acute occupancy"
	Unit   string // its unit, e.g. "fraction", "beds"; "£" draws money ticks
	Place  string // system or scenario, e.g. "Northshire"

	Parameter     string // the parameter swept, e.g. "services.acute.beds"
	ParameterUnit string // its unit, e.g. "days"; "" when it has none or is not known; "£" for money

	X []float64  // the parameter's values, in ParameterUnit
	Y []Estimate // the metric's mean over replications and its confidence interval at each X

	// Labels, when set, label the points on the x axis instead of X's
	// numbers: one label per point, for a parameter that is not a number.
	Labels []string

	// Interval names the band, e.g. "95% confidence interval"; "" is
	// "Confidence interval".
	Interval string
}

// Legend names used by [SweepLine], so that callers and tests can find
// the series. The band's entry is [Response.Interval].
const (
	LegendSweepMean     = "Mean over replications"
	LegendSweepInterval = "Confidence interval"
)

// sweepMaxTicks is the most points that [SweepLine] labels one by one on
// its x axis; more (a Latin hypercube's samples) get round-number ticks.
const sweepMaxTicks = 12

// SweepLine draws a metric against the one parameter swept: the mean over
// replications at each point as a line with a circle at each point, over a
// shaded band of the confidence interval. The x axis names the parameter
// and its unit, the y axis the metric and its unit. It returns [ErrNoData]
// when there are no points, and an error when Y or Labels do not have one
// element per point, or a value is not finite.
func SweepLine(r Response) (*Figure, error) {
	n := len(r.X)
	what := fmt.Sprintf("plots: %s by %s", r.Metric, r.Parameter)
	if n == 0 {
		return nil, fmt.Errorf("%s: %w", what, ErrNoData)
	}
	if len(r.Y) != n || (r.Labels != nil && len(r.Labels) != n) {
		return nil, fmt.Errorf("%s: %d values of the parameter, %d of the metric and %d labels", what, n, len(r.Y), len(r.Labels))
	}
	for i, e := range r.Y {
		if !sweepFinite(r.X[i], e.Mean, e.Lo, e.Hi) {
			return nil, fmt.Errorf("%s: point %d (%v, %v) is not a finite number", what, i, r.X[i], e)
		}
	}

	p := newPanel(sweepTitle(fmt.Sprintf("%s by %s", r.Metric, r.Parameter), r.Place),
		sweepAxisLabel(r.Parameter, r.ParameterUnit), sweepAxisLabel(r.Metric, r.Unit))
	p.Y.Tick.Marker = labelTicks{sweepFormat(r.Unit)}
	switch {
	case r.Labels != nil:
		p.X.Tick.Marker = sweepTicks{x: r.X, labels: r.Labels}
	case n <= sweepMaxTicks:
		labels := make([]string, n)
		for i, x := range r.X {
			labels[i] = sweepFormat(r.ParameterUnit)(x)
		}
		p.X.Tick.Marker = sweepTicks{x: r.X, labels: labels}
	default:
		p.X.Tick.Marker = labelTicks{sweepFormat(r.ParameterUnit)}
	}
	f := &Figure{Panels: []*plot.Plot{p}}

	line, band, err := lineBand(r.Y)
	if err != nil {
		return nil, err
	}
	// lineBand places the points at 0, 1, …; move them to X.
	for i := range line.XYs {
		line.XYs[i].X = r.X[i]
	}
	ring := band.XYs[0]
	for i := range ring {
		ring[i].X = r.X[min(i, 2*n-1-i)]
	}
	band.Color = bandBlue
	line.Color = blue
	line.Width = vg.Points(2)
	points, err := plotter.NewScatter(line.XYs)
	if err != nil {
		return nil, err
	}
	points.GlyphStyle = draw.GlyphStyle{Color: blue, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	p.Add(band, line, points)

	interval := r.Interval
	if interval == "" {
		interval = LegendSweepInterval
	}
	f.Legend = append(f.Legend,
		LegendEntry{LegendSweepMean, []plot.Thumbnailer{line, points}},
		LegendEntry{interval, []plot.Thumbnailer{band}})

	// Pad the axes so that the end points' circles are not cut, and the
	// band does not touch the frame.
	lo, hi := sweepMinMax(r.X)
	padX := 0.05 * (hi - lo)
	if padX == 0 {
		padX = 0.5
	}
	p.X.Min, p.X.Max = lo-padX, hi+padX
	ylo, yhi := math.Inf(1), math.Inf(-1)
	for _, e := range r.Y {
		ylo, yhi = math.Min(ylo, math.Min(e.Lo, e.Mean)), math.Max(yhi, math.Max(e.Hi, e.Mean))
	}
	padY := 0.08 * (yhi - ylo)
	if padY == 0 {
		padY = math.Max(math.Abs(yhi)*0.05, 0.5)
	}
	p.Y.Min, p.Y.Max = ylo-padY, yhi+padY
	return f, nil
}

// sweepTicks labels the positions x with labels, one each: the points
// of a sweep, or the categories of a grid's axis.
type sweepTicks struct {
	x      []float64
	labels []string
}

// Ticks implements [plot.Ticker].
func (s sweepTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for i, x := range s.x {
		if x >= min && x <= max {
			ticks = append(ticks, plot.Tick{Value: x, Label: s.labels[i]})
		}
	}
	return ticks
}

// sweepTitle is a sweep chart's title: what, and where when place is set.
// [Figure.Draw] wraps it when it is too wide.
func sweepTitle(what, place string) string {
	if place == "" {
		return what
	}
	return what + ", " + place
}

// sweepAxisLabel is an axis label of a sweep chart: the name of a metric
// or parameter, with its unit in brackets when it has one.
func sweepAxisLabel(name, unit string) string {
	if unit == "" {
		return name
	}
	return fmt.Sprintf("%s (%s)", name, unit)
}

// sweepFormat returns how to write a value in unit: [money] for "£",
// otherwise [sweepNumber].
func sweepFormat(unit string) func(float64) string {
	if unit == "£" {
		return money
	}
	return sweepNumber
}

// sweepNumber writes v to three significant figures, or as a whole
// number from 1000, with a [minus] sign and thousands separators: 0.874,
// 12.3, 250, 1,250, −0.5.
func sweepNumber(v float64) string {
	a := math.Abs(v)
	if a >= 1000 {
		return signed(v, thousands(strconv.FormatFloat(math.Round(a), 'f', -1, 64)), "0")
	}
	x, _ := strconv.ParseFloat(strconv.FormatFloat(a, 'g', 3, 64), 64)
	return signed(v, strconv.FormatFloat(x, 'f', -1, 64), "0")
}

// sweepMinMax returns the smallest and largest of xs, which is not empty.
func sweepMinMax(xs []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}

// sweepFinite reports whether every x is a finite number.
func sweepFinite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
