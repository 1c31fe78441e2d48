package plots

import (
	"fmt"
	"image/color"
	"slices"

	"caresim/results"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Deficit is the financial gap of one body by financial year, for a baseline
// and a scenario, the input to [DeficitTrajectory]. Years labels the x axis
// ("2025/26"); every Estimate slice has one value per year.
type Deficit struct {
	Body     string   // organisation or system, e.g. "Northshire system"
	Years    []string // financial year labels
	Baseline Gap
	Scenario Gap // optional: a zero Gap draws the baseline alone

	// Interval names the intervals, e.g. "95% CI"; when set, the legend
	// says that the error bars and bands show it.
	Interval string

	// Reference, when set and of one of Years, is drawn on the annual
	// panel as a dashed line at its gap with a diamond at its year: a
	// published projection to compare with, not a target.
	Reference *Reference
}

// Gap is one run's annual and cumulative gap, in pounds; positive is a
// deficit, negative a surplus.
type Gap struct {
	Name       string     // legend name, e.g. "Baseline"
	Annual     []Estimate // gap in each year
	Cumulative []Estimate // gap summed from the first year
}

// Estimate is a mean with its confidence interval [Lo, Hi] in the same
// units: a results folder's [results.Estimate].
type Estimate = results.Estimate

// DeficitTrajectory draws the deficit trajectory in two aligned panels: the
// annual gap as bars with confidence-interval error bars (baseline and
// scenario side by side), and below it the cumulative gap as lines over
// shaded confidence bands (baseline solid, scenario dashed). Money ticks are
// in £ with k and m. It returns [ErrNoData] when there are no years, and an
// error when a series' length differs from Years.
func DeficitTrajectory(d Deficit) (*Figure, error) {
	n := len(d.Years)
	if n == 0 {
		return nil, fmt.Errorf("plots: deficit trajectory for %s: %w", d.Body, ErrNoData)
	}
	gaps := []Gap{d.Baseline}
	if d.Scenario.Annual != nil || d.Scenario.Cumulative != nil {
		gaps = append(gaps, d.Scenario)
	}
	for _, g := range gaps {
		if len(g.Annual) != n || len(g.Cumulative) != n {
			return nil, fmt.Errorf("plots: deficit trajectory for %s: %s has %d annual and %d cumulative values for %d years",
				d.Body, g.Name, len(g.Annual), len(g.Cumulative), n)
		}
	}

	annual := newPanel(fmt.Sprintf("Financial gap by year, %s", d.Body), "", "Annual gap (£)")
	cumulative := newPanel("", "Financial year", "Cumulative gap (£)")
	f := &Figure{Panels: []*plot.Plot{annual, cumulative}}
	for _, p := range f.Panels {
		p.Y.Tick.Marker = labelTicks{money}
		p.X.Tick.Marker = yearTicks(d.Years)
		p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	}

	styles := []struct {
		line, band color.Color
		dashes     []vg.Length
	}{{blue, bandBlue, nil}, {orange, bandOrange, dashed}}
	// Bars of one year share 0.7 of the year's width.
	width := 0.7 / float64(len(gaps))
	for k, g := range gaps {
		st := styles[k]
		x0 := -0.35 + width*(float64(k)+0.5)

		rings := make([]plotter.XYer, n)
		mids := make(plotter.XYs, n)
		errs := make(plotter.YErrors, n)
		for i, e := range g.Annual {
			x := float64(i) + x0
			rings[i] = plotter.XYs{{X: x - width/2, Y: 0}, {X: x + width/2, Y: 0}, {X: x + width/2, Y: e.Mean}, {X: x - width/2, Y: e.Mean}}
			mids[i] = plotter.XY{X: x, Y: e.Mean}
			errs[i] = struct{ Low, High float64 }{e.Mean - e.Lo, e.Hi - e.Mean}
		}
		bars, err := plotter.NewPolygon(rings...)
		if err != nil {
			return nil, err
		}
		bars.Color = st.line
		bars.LineStyle.Color = black
		bars.LineStyle.Width = vg.Points(0.5)
		ebars, err := plotter.NewYErrorBars(struct {
			plotter.XYs
			plotter.YErrors
		}{mids, errs})
		if err != nil {
			return nil, err
		}
		ebars.LineStyle.Width = vg.Points(1)
		annual.Add(bars, ebars)

		line, band, err := lineBand(g.Cumulative)
		if err != nil {
			return nil, err
		}
		line.Color = st.line
		line.Width = vg.Points(2)
		line.Dashes = st.dashes
		band.Color = st.band
		cumulative.Add(band, line)

		f.Legend = append(f.Legend,
			LegendEntry{g.Name + ", annual", []plot.Thumbnailer{bars}},
			LegendEntry{g.Name + ", cumulative", []plot.Thumbnailer{band, line}})
	}
	if r := d.Reference; r != nil && sweepFinite(r.Gap) {
		if i := slices.Index(d.Years, r.Year); i >= 0 {
			line, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: r.Gap}, {X: float64(n) - 0.5, Y: r.Gap}})
			if err != nil {
				return nil, err
			}
			line.Color = black
			line.Width = vg.Points(1)
			line.Dashes = dashed
			at, err := plotter.NewScatter(plotter.XYs{{X: float64(i), Y: r.Gap}})
			if err != nil {
				return nil, err
			}
			at.GlyphStyle = draw.GlyphStyle{Color: black, Radius: vg.Points(5), Shape: draw.PyramidGlyph{}}
			annual.Add(line, at)
			f.Legend = append(f.Legend, LegendEntry{referenceName(r), []plot.Thumbnailer{line, at}})
		}
	}
	zero, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 0}, {X: float64(n) - 0.5, Y: 0}})
	if err != nil {
		return nil, err
	}
	zero.Color = grey
	zero.Width = vg.Points(0.5)
	cumulative.Add(zero)
	if d.Interval != "" {
		f.Legend = append(f.Legend, LegendEntry{"Error bars, bands: " + d.Interval, nil})
	}
	return f, nil
}

// lineBand returns the line through es' means at x = 0, 1, … and the polygon
// between their Lo and Hi.
func lineBand(es []Estimate) (*plotter.Line, *plotter.Polygon, error) {
	n := len(es)
	mean := make(plotter.XYs, n)
	ring := make(plotter.XYs, 0, 2*n)
	for i, e := range es {
		mean[i] = plotter.XY{X: float64(i), Y: e.Mean}
		ring = append(ring, plotter.XY{X: float64(i), Y: e.Hi})
	}
	for i := n - 1; i >= 0; i-- {
		ring = append(ring, plotter.XY{X: float64(i), Y: es[i].Lo})
	}
	line, err := plotter.NewLine(mean)
	if err != nil {
		return nil, nil, err
	}
	band, err := plotter.NewPolygon(ring)
	if err != nil {
		return nil, nil, err
	}
	band.LineStyle.Width = 0
	return line, band, nil
}

// yearTicks labels the integer positions 0, 1, … with the year labels.
type yearTicks []string

// Ticks implements [plot.Ticker].
func (y yearTicks) Ticks(min, max float64) []plot.Tick {
	ticks := make([]plot.Tick, 0, len(y))
	for i, l := range y {
		if v := float64(i); v >= min && v <= max {
			ticks = append(ticks, plot.Tick{Value: v, Label: l})
		}
	}
	return ticks
}
