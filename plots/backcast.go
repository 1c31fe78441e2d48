package plots

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"caresim/internal/text"
	"caresim/results"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Backcast is one observed series beside a run's, the input to
// [BackcastSeries]: the points of one measure, by financial year or by
// month, as backcast.csv holds them.
type Backcast struct {
	Label    string // what the measure counts, for the title
	Unit     string // the measure's unit
	Monthly  bool   // months, else financial years
	Place    string // system or site, for the title
	RunStart time.Time
	RunEnd   time.Time               // the run's last day
	Points   []results.BackcastPoint // one series' points, in any order
}

// Legend names used by [BackcastSeries], so that callers and tests can
// find the series.
const (
	LegendSimulated        = "Simulated mean"
	LegendPredictionBand   = "95% prediction band"
	LegendObserved         = "Observed"
	LegendObservedOutside  = "Observed, outside the run"
	LegendRunStartsOrEnds  = "The run's start or end"
	backcastMonthsFileName = "-by-month"
	backcastYearsFileName  = "-by-year"
)

// BackcastFile is the file name of the chart of an observed series:
// backcast-MEASURE-by-month or -by-year.
func BackcastFile(measure string, monthly bool) string {
	if monthly {
		return "backcast-" + measure + backcastMonthsFileName
	}
	return "backcast-" + measure + backcastYearsFileName
}

// BackcastSeries draws an observed series beside the run's: the simulated
// mean of each period the run simulated as a line with points over its
// shaded 95% prediction band across replications, each observed value as
// a black point (hollow and grey when its period lies outside the run),
// and a dotted line at the run's start or end when an observed value lies
// beyond it. Each value is drawn at the middle of its period. Fractions
// are drawn as percentages and pounds with £ ticks. It returns [ErrNoData]
// when there are no points.
func BackcastSeries(b Backcast) (*Figure, error) {
	if len(b.Points) == 0 {
		return nil, fmt.Errorf("plots: backcast of %s: %w", b.Label, ErrNoData)
	}
	pts := slices.Clone(b.Points)
	slices.SortStableFunc(pts, func(p, q results.BackcastPoint) int { return strings.Compare(p.Period, q.Period) })
	scale, yLabel, ticks := backcastAxis(b.Unit)
	by := "by financial year"
	if b.Monthly {
		by = "by month"
	}
	title := fmt.Sprintf("%s, %s: simulated and observed", b.Label, by)
	if b.Place != "" {
		title += ", " + b.Place
	}
	p := newPanel(title, "Period", yLabel)
	p.Y.Tick.Marker = ticks
	f := &Figure{Panels: []*plot.Plot{p}}

	var sim, lo, hi, obs, outside plotter.XYs
	xmin, xmax := math.Inf(1), math.Inf(-1)
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for _, pt := range pts {
		from, to, err := periodSpan(pt.Period)
		if err != nil {
			return nil, fmt.Errorf("plots: backcast of %s: %w", b.Label, err)
		}
		x := (unix(from) + unix(to)) / 2
		xmin, xmax = math.Min(xmin, unix(from)), math.Max(xmax, unix(to))
		xy := plotter.XY{X: x, Y: pt.Observed * scale}
		ys := []float64{xy.Y}
		if pt.Status == results.BackcastSimulated {
			obs = append(obs, xy)
			sim = append(sim, plotter.XY{X: x, Y: pt.Mean * scale})
			ys = append(ys, pt.Mean*scale)
			if !math.IsNaN(pt.Lo) && !math.IsNaN(pt.Hi) {
				lo = append(lo, plotter.XY{X: x, Y: pt.Lo * scale})
				hi = append(hi, plotter.XY{X: x, Y: pt.Hi * scale})
				ys = append(ys, pt.Lo*scale, pt.Hi*scale)
			}
		} else {
			outside = append(outside, xy)
		}
		for _, y := range ys {
			ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
		}
	}
	p.X.Min, p.X.Max = xmin, xmax
	p.X.Tick.Marker = periodTicks{pts: pts, monthly: b.Monthly}
	pad := 0.08 * math.Max(ymax-ymin, math.Abs(ymax)*0.05)
	if pad == 0 {
		pad = 1
	}
	p.Y.Min, p.Y.Max = ymin-pad, ymax+2*pad
	if ymin >= 0 && p.Y.Min < 0 {
		p.Y.Min = 0
	}

	if len(lo) > 0 {
		if err := addBand(f, p, lo, hi); err != nil {
			return nil, err
		}
	}
	if len(sim) > 0 {
		line, points, err := plotter.NewLinePoints(sim)
		if err != nil {
			return nil, err
		}
		line.Color, line.Width = blue, vg.Points(2)
		points.Color, points.Shape, points.Radius = blue, draw.BoxGlyph{}, vg.Points(2.5)
		p.Add(line, points)
		f.Legend = append(f.Legend, LegendEntry{LegendSimulated, []plot.Thumbnailer{line, points}})
	}
	if len(obs) > 0 {
		s, err := plotter.NewScatter(obs)
		if err != nil {
			return nil, err
		}
		s.Color, s.Shape, s.Radius = black, draw.CircleGlyph{}, vg.Points(3)
		p.Add(s)
		f.Legend = append(f.Legend, LegendEntry{LegendObserved, []plot.Thumbnailer{s}})
	}
	if len(outside) > 0 {
		s, err := plotter.NewScatter(outside)
		if err != nil {
			return nil, err
		}
		s.Color, s.Shape, s.Radius = grey, draw.RingGlyph{}, vg.Points(3)
		p.Add(s)
		f.Legend = append(f.Legend, LegendEntry{LegendObservedOutside, []plot.Thumbnailer{s}})
		if err := runEdges(f, p, b, xmin, xmax); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// addBand shades the band between lo and hi, at the same xs: a polygon
// over two points or more, a vertical bar at a single one.
func addBand(f *Figure, p *plot.Plot, lo, hi plotter.XYs) error {
	if len(lo) == 1 {
		bar, err := strokedLine(plotter.XYs{lo[0], hi[0]}, bandBlue, 6, nil)
		if err != nil {
			return err
		}
		p.Add(bar)
		f.Legend = append(f.Legend, LegendEntry{LegendPredictionBand, []plot.Thumbnailer{bar}})
		return nil
	}
	ring := append(slices.Clone(hi), reversed(lo)...)
	band, err := plotter.NewPolygon(ring)
	if err != nil {
		return err
	}
	band.Color = bandBlue
	band.LineStyle.Width = 0
	p.Add(band)
	f.Legend = append(f.Legend, LegendEntry{LegendPredictionBand, []plot.Thumbnailer{band}})
	return nil
}

// runEdges draws a dotted line, labelled, at the run's start and at the
// day after its end when they lie inside [xmin, xmax].
func runEdges(f *Figure, p *plot.Plot, b Backcast, xmin, xmax float64) error {
	var first *plotter.Line
	for _, e := range []struct {
		at    time.Time
		label string
	}{{b.RunStart, "Run starts"}, {b.RunEnd.AddDate(0, 0, 1), "Run ends"}} {
		x := unix(e.at)
		if e.at.IsZero() || x <= xmin || x >= xmax {
			continue
		}
		l, err := strokedLine(plotter.XYs{{X: x, Y: p.Y.Min}, {X: x, Y: p.Y.Max}}, grey, 1.2, dotted)
		if err != nil {
			return err
		}
		lab, err := note(x, p.Y.Max-(p.Y.Max-p.Y.Min)*0.04, e.label, grey, draw.YCenter, vg.Point{X: vg.Points(3)})
		if err != nil {
			return err
		}
		p.Add(l, lab)
		if first == nil {
			first = l
		}
	}
	if first != nil {
		f.Legend = append(f.Legend, LegendEntry{LegendRunStartsOrEnds, []plot.Thumbnailer{first}})
	}
	return nil
}

// backcastAxis returns the factor from unit to the y axis, the axis's
// label and its ticks: fractions as percentages, pounds with £ ticks,
// anything else as counts in its unit.
func backcastAxis(unit string) (float64, string, plot.Ticker) {
	switch {
	case unit == "fraction":
		return 100, "Percent", labelTicks{func(v float64) string { return trim(v) + "%" }}
	case unitIsPounds(unit):
		return 1, "Pounds (£)", labelTicks{money}
	}
	return 1, text.Capitalise(unit), labelTicks{trim}
}

// periodSpan returns the first day of a period, as backcast.csv writes
// it (2014/15 or 2014-04), and the day after its last.
func periodSpan(s string) (time.Time, time.Time, error) {
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, t.AddDate(0, 1, 0), nil
	}
	var y, y2 int
	if n, err := fmt.Sscanf(s, "%4d/%2d", &y, &y2); err == nil && n == 2 && len(s) == 7 {
		from := time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(1, 0, 0), nil
	}
	return time.Time{}, time.Time{}, fmt.Errorf("%q is not a financial year or a month", s)
}

// unix is t in Unix seconds, the time axis's unit.
func unix(t time.Time) float64 { return float64(t.Unix()) }

// reversed returns xys in reverse order.
func reversed(xys plotter.XYs) plotter.XYs {
	out := slices.Clone(xys)
	slices.Reverse(out)
	return out
}

// periodTicks labels an axis of periods: months as the date axes do
// (monthTicks), financial years each at its middle.
type periodTicks struct {
	pts     []results.BackcastPoint
	monthly bool
}

// Ticks implements [plot.Ticker].
func (t periodTicks) Ticks(min, max float64) []plot.Tick {
	if t.monthly {
		return plot.TimeTicks{Ticker: monthTicks{}, Format: dateFormat((max - min) / 86400)}.Ticks(min, max)
	}
	var ticks []plot.Tick
	for _, p := range t.pts {
		from, to, err := periodSpan(p.Period)
		if err != nil || (len(ticks) > 0 && ticks[len(ticks)-1].Label == p.Period) {
			continue
		}
		ticks = append(ticks, plot.Tick{Value: (unix(from) + unix(to)) / 2, Label: p.Period}, plot.Tick{Value: unix(to)})
	}
	return ticks
}

// backcastCharts draws a chart of each observed series of d's backcast, in
// the order of its fits (see [BackcastFile], [BackcastSeries]).
func backcastCharts(d results.RunData) ([]Chart, error) {
	b := d.Backcast
	if b == nil {
		return nil, nil
	}
	end := d.Start.AddDate(0, 0, len(d.Daily[0].Mean)-1)
	var out []Chart
	for _, fit := range b.Summary.Fits {
		monthly := fit.Periods == results.BackcastMonths
		var pts []results.BackcastPoint
		for _, p := range b.Points {
			if p.Measure == fit.Measure && p.Monthly() == monthly {
				pts = append(pts, p)
			}
		}
		f, err := BackcastSeries(Backcast{Label: MetricLabel(fit.Measure, fit.Doc), Unit: fit.Unit, Monthly: monthly,
			Place: d.Place, RunStart: d.Start, RunEnd: end, Points: pts})
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: BackcastFile(fit.Measure, monthly), Fig: f})
	}
	return out, nil
}
