package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Overlay is one daily measure under every scenario of a comparison, the
// input to [ScenariosOverTime]. Day i is Start plus i days; every series has
// one value per day.
type Overlay struct {
	Measure string    // what is measured, e.g. "Acute beds occupied"
	Unit    string    // its unit, e.g. "beds"; "£" or "GBP" gets money ticks
	Place   string    // system or site, e.g. "Northshire"
	Start   time.Time // calendar date of day 0 (UTC midnight)

	Series        []Series // one per scenario, drawn in order
	Interventions []Marker // start dates to mark

	// ReferenceLabel, when not empty, names a level drawn across the
	// chart at Reference, such as the A&E standard ("95% standard" at 95).
	ReferenceLabel string
	Reference      float64
}

// Series is one scenario's daily values of a measure across replications.
type Series struct {
	Name     string    // scenario, e.g. "Baseline"
	Mean     []float64 // mean across replications, one per day
	P10, P90 []float64 // 10th and 90th percentiles, one per day; both nil for no band
}

// overlayStyles are the series' colours and dash patterns, in order; the
// ninth series starts again from the first. Colours alone repeat lightness
// (blue and vermillion are close in greyscale), so no two share a pattern.
var overlayStyles = []struct {
	colour color.RGBA
	dashes []vg.Length
}{
	{black, nil},
	{blue, dashed},
	{vermillion, dashDot},
	{green, dotted},
	{orange, []vg.Length{vg.Points(12), vg.Points(4)}},
	{color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 255}, []vg.Length{vg.Points(3), vg.Points(2)}},
	{color.RGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 255}, []vg.Length{vg.Points(6), vg.Points(2), vg.Points(1.5), vg.Points(2), vg.Points(1.5), vg.Points(2)}},
	{grey, []vg.Length{vg.Points(12), vg.Points(3), vg.Points(3), vg.Points(3)}},
}

// ScenariosOverTime draws one daily measure under every scenario on one
// axis: each scenario's mean as a line in its own colour and dash pattern
// (eight styles, then repeated), over a light band of its 10th–90th
// percentiles when it has them, with a dotted vertical line and label at
// each intervention's start date. The legend lists the scenarios, then
// [LegendBand] with a grey swatch when any has a band, then [LegendMarker].
// The y axis spans the values, not zero, so that the gaps between scenarios
// show, with room above for the markers' labels.
//
// It returns [ErrNoData] when there are no series or they have no days, and
// an error when a series' length differs from the first's or it has only
// one of P10 and P90.
func ScenariosOverTime(o Overlay) (*Figure, error) {
	if len(o.Series) == 0 || len(o.Series[0].Mean) == 0 {
		return nil, fmt.Errorf("plots: %s by scenario: %w", o.Measure, ErrNoData)
	}
	n := len(o.Series[0].Mean)
	var all [][]float64
	for _, s := range o.Series {
		if (s.P10 == nil) != (s.P90 == nil) {
			return nil, fmt.Errorf("plots: %s by scenario: %s has only one of P10 and P90", o.Measure, s.Name)
		}
		for _, v := range [][]float64{s.Mean, s.P10, s.P90} {
			if v != nil && len(v) != n {
				return nil, fmt.Errorf("plots: %s by scenario: %s has %d days, %s has %d", o.Measure, s.Name, len(v), o.Series[0].Name, n)
			}
		}
		all = append(all, s.Mean, s.P10, s.P90)
	}

	title := fmt.Sprintf("%s by scenario", o.Measure)
	if o.Place != "" {
		title = fmt.Sprintf("%s by scenario, %s", o.Measure, o.Place)
	}
	p := newPanel(title, "Date", o.Measure)
	p.Y.Tick.Marker = labelTicks{trim}
	switch {
	case unitIsPounds(o.Unit):
		p.Y.Label.Text += " (£)"
		p.Y.Tick.Marker = labelTicks{money}
	case o.Unit != "":
		p.Y.Label.Text += " (" + o.Unit + ")"
	}
	day := dateAxis(p, o.Start, n)
	overlayRange(p, all)
	f := &Figure{Panels: []*plot.Plot{p}}
	var reference []LegendEntry // after the series in the legend, under them on the chart
	if o.ReferenceLabel != "" {
		if math.IsNaN(o.Reference) || math.IsInf(o.Reference, 0) {
			return nil, fmt.Errorf("plots: %s by scenario: reference %v is not a number", o.Measure, o.Reference)
		}
		pad := 0.05 * (p.Y.Max - p.Y.Min)
		p.Y.Min, p.Y.Max = math.Min(p.Y.Min, o.Reference-pad), math.Max(p.Y.Max, o.Reference+pad)
		ref, err := strokedLine(plotter.XYs{{X: day(0), Y: o.Reference}, {X: day(n - 1), Y: o.Reference}}, grey, 1.5, dashDot)
		if err != nil {
			return nil, err
		}
		p.Add(ref)
		reference = append(reference, LegendEntry{o.ReferenceLabel, []plot.Thumbnailer{ref}})
	}

	// Bands first, so that no band covers another scenario's line.
	bands := make([]*plotter.Polygon, len(o.Series))
	for k, s := range o.Series {
		if s.P10 == nil {
			continue
		}
		ring := series(n, day, s.P90)
		for i := n - 1; i >= 0; i-- {
			ring = append(ring, plotter.XY{X: day(i), Y: s.P10[i]})
		}
		band, err := plotter.NewPolygon(ring)
		if err != nil {
			return nil, err
		}
		c := overlayStyles[k%len(overlayStyles)].colour
		band.Color = color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0x30}
		band.LineStyle.Width = 0
		p.Add(band)
		bands[k] = band
	}
	w := smoothWindow(n)
	for k, s := range o.Series {
		st := overlayStyles[k%len(overlayStyles)]
		line, err := strokedLine(blockMeans(n, w, day, s.Mean), st.colour, 2, st.dashes)
		if err != nil {
			return nil, err
		}
		p.Add(line)
		thumbs := []plot.Thumbnailer{line}
		if bands[k] != nil {
			thumbs = []plot.Thumbnailer{bands[k], line}
		}
		f.Legend = append(f.Legend, LegendEntry{s.Name, thumbs})
	}
	if slices.ContainsFunc(bands, func(b *plotter.Polygon) bool { return b != nil }) {
		// A neutral swatch says what every series' band shows.
		swatch, err := plotter.NewPolygon(plotter.XYs{})
		if err != nil {
			return nil, err
		}
		swatch.Color = color.NRGBA{R: grey.R, G: grey.G, B: grey.B, A: 0x40}
		swatch.LineStyle.Width = 0
		f.Legend = append(f.Legend, LegendEntry{LegendBand, []plot.Thumbnailer{swatch}})
	}
	f.Legend = append(f.Legend, reference...)
	if err := addMarkers(f, p, o.Interventions, day(0), day(n-1)); err != nil {
		return nil, err
	}
	smoothNote(f, w)
	return f, nil
}

// overlayRange sets p's y axis to span the values in vs, with 5% of the span
// below and 20% above for the markers' labels.
func overlayRange(p *plot.Plot, vs [][]float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		for _, x := range v {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	span := hi - lo
	if span == 0 {
		span = math.Max(1, math.Abs(hi))
	}
	p.Y.Min, p.Y.Max = lo-0.05*span, hi+0.2*span
}
