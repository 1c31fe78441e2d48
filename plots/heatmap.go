package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Grid is one metric of a sweep over a grid of two parameters, the input
// to [HeatMap]. Values[r][c] is the metric at the r-th value of Y and the
// c-th value of X; NaN is a point where it was not measured.
type Grid struct {
	Metric string // the metric, e.g. "Acute occupancy"
	Unit   string // its unit, e.g. "fraction", "beds"; "£" writes money
	Place  string // system or scenario, e.g. "Northshire"

	X, Y GridAxis // the parameters across and up

	Values [][]float64
}

// GridAxis is one parameter of a [Grid]: its name, unit and values, as
// labelled, in the order of the grid's rows or columns.
type GridAxis struct {
	Parameter string   // e.g. "services.acute.beds"
	Unit      string   // e.g. "days"; "" when it has none or is not known
	Values    []string // e.g. "18", "20", "22"
}

// viridis lists nine colours evenly spaced along matplotlib's viridis
// colour map (van der Walt and Smith, 2015, after the CAM02-UCS colour
// space), whose lightness rises steadily from dark purple to yellow.
// [HeatMap] interpolates between them with moreland.NewLuminance, which
// keeps the lightness linear in the value, so that the cells read in
// greyscale and to colour-blind eyes.
var viridis = []color.Color{
	color.RGBA{0x44, 0x01, 0x54, 0xff},
	color.RGBA{0x47, 0x2d, 0x7b, 0xff},
	color.RGBA{0x3b, 0x52, 0x8b, 0xff},
	color.RGBA{0x2c, 0x72, 0x8e, 0xff},
	color.RGBA{0x21, 0x91, 0x8c, 0xff},
	color.RGBA{0x28, 0xae, 0x80, 0xff},
	color.RGBA{0x5e, 0xc9, 0x62, 0xff},
	color.RGBA{0xad, 0xdc, 0x30, 0xff},
	color.RGBA{0xfd, 0xe7, 0x25, 0xff},
}

// HeatMap draws a metric over a grid of two swept parameters: a cell for
// each point coloured by the metric on the viridis scale (dark for low,
// light for high) and written with its value, the parameters' values as
// the axes' categories, and beside the grid a colour bar headed by the
// metric and its unit. Cells not measured (NaN) are light grey and
// marked "–". It returns [ErrNoData] when the grid is empty or nothing
// in it was measured, and an error when Values does not have a row for
// each value of Y and a column for each value of X.
func HeatMap(g Grid) (*Figure, error) {
	nx, ny := len(g.X.Values), len(g.Y.Values)
	what := fmt.Sprintf("plots: heat map of %s", g.Metric)
	if nx == 0 || ny == 0 {
		return nil, fmt.Errorf("%s: %w", what, ErrNoData)
	}
	if len(g.Values) != ny {
		return nil, fmt.Errorf("%s: %d rows for %d values of %s", what, len(g.Values), ny, g.Y.Parameter)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for r, row := range g.Values {
		if len(row) != nx {
			return nil, fmt.Errorf("%s: row %d has %d values for %d values of %s", what, r, len(row), nx, g.X.Parameter)
		}
		for _, v := range row {
			if sweepFinite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo > hi {
		return nil, fmt.Errorf("%s: %w", what, ErrNoData)
	}
	if lo == hi { // one colour: the middle of the scale
		lo, hi = lo-0.5, hi+0.5
	}
	cmap, err := moreland.NewLuminance(viridis)
	if err != nil {
		return nil, err
	}
	cmap.SetMin(lo)
	cmap.SetMax(hi)

	p := newPanel(sweepTitle(g.Metric, g.Place),
		sweepAxisLabel(g.X.Parameter, g.X.Unit), sweepAxisLabel(g.Y.Parameter, g.Y.Unit))
	p.X.Tick.Marker = yearTicks(g.X.Values)
	p.Y.Tick.Marker = yearTicks(g.Y.Values)
	p.X.Min, p.X.Max = -0.5, float64(nx)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(ny)-0.5
	p.X.Padding, p.Y.Padding = 0, 0

	hm := plotter.NewHeatMap(heatMapCells(g.Values), cmap.Palette(256))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	p.Add(hm)

	format := sweepFormat(g.Unit)
	var cells plotter.XYLabels
	var inks []color.Color
	for r, row := range g.Values {
		for c, v := range row {
			cells.XYs = append(cells.XYs, plotter.XY{X: float64(c), Y: float64(r)})
			if !sweepFinite(v) {
				cells.Labels = append(cells.Labels, "–")
				inks = append(inks, black)
				continue
			}
			cells.Labels = append(cells.Labels, format(v))
			inks = append(inks, heatMapInk(heatMapColour(cmap, v)))
		}
	}
	labels, err := plotter.NewLabels(cells)
	if err != nil {
		return nil, err
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i].Font.Size = vg.Points(10)
		labels.TextStyle[i].Color = inks[i]
		labels.TextStyle[i].XAlign = text.XCenter
		labels.TextStyle[i].YAlign = text.YCenter
	}
	p.Add(labels)

	// The colour bar: the metric and unit as its heading, then steps
	// from the highest value down, each a band of the scale from half way
	// to the step above to half way to the step below, drawn to meet its
	// neighbours across the legend's padding.
	f := &Figure{Panels: []*plot.Plot{p}}
	f.Legend = append(f.Legend, LegendEntry{sweepAxisLabel(g.Metric, g.Unit), nil})
	steps := heatMapStops(lo, hi)
	for k, v := range steps {
		sw := heatMapSwatch{cmap: cmap, top: hi, bottom: lo, first: k == 0, last: k == len(steps)-1}
		if !sw.first {
			sw.top = (v + steps[k-1]) / 2
		}
		if !sw.last {
			sw.bottom = (v + steps[k+1]) / 2
		}
		f.Legend = append(f.Legend, LegendEntry{format(v), []plot.Thumbnailer{sw}})
	}
	return f, nil
}

// heatMapStops returns the values labelled on the colour bar, from the
// highest down: hi, the round numbers that default ticks put strictly
// between lo and hi, and lo; and zero, where the values change sign (a
// deficit turning to surplus), whether or not a tick falls there.
func heatMapStops(lo, hi float64) []float64 {
	stops := []float64{hi}
	inside := func(v float64) bool { // not within 5% of the range of an end
		return v > lo+0.05*(hi-lo) && v < hi-0.05*(hi-lo)
	}
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := len(ticks) - 1; i >= 0; i-- {
		if t := ticks[i]; t.Label != "" && inside(t.Value) {
			stops = append(stops, t.Value)
		}
	}
	if lo < 0 && hi > 0 && inside(0) && !slices.Contains(stops, 0) {
		i := slices.IndexFunc(stops, func(v float64) bool { return v < 0 })
		stops = slices.Insert(stops, i, 0)
	}
	return append(stops, lo)
}

// heatMapCells is a grid of values as plotter.GridXYZ: column c at x = c,
// row r at y = r.
type heatMapCells [][]float64

func (g heatMapCells) Dims() (c, r int)   { return len(g[0]), len(g) }
func (g heatMapCells) Z(c, r int) float64 { return g[r][c] }
func (g heatMapCells) X(c int) float64    { return float64(c) }
func (g heatMapCells) Y(r int) float64    { return float64(r) }

// heatMapColour is the colour of v on cmap, clamped to its range.
func heatMapColour(cmap palette.ColorMap, v float64) color.Color {
	c, err := cmap.At(math.Max(cmap.Min(), math.Min(cmap.Max(), v)))
	if err != nil {
		return black
	}
	return c
}

// heatMapInk returns black text for a light background and white for a
// dark one, by the background's relative luminance (ITU-R BT.709
// weights of the gamma-encoded channels, enough to split light from
// dark).
func heatMapInk(bg color.Color) color.Color {
	r, g, b, _ := bg.RGBA()
	if 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) > 0.5*0xffff {
		return black
	}
	return color.White
}

// heatMapLegendPad is the gap the [Figure]'s legend leaves between its
// entries, which a swatch of the colour bar bridges.
const heatMapLegendPad = 3

// heatMapSwatch is one step of a heat map's colour bar: the scale from
// bottom to top, drawn in thin bands up the thumbnail and half across
// the legend's padding above and below, so that the steps make one bar.
// The first and last steps are capped with a line.
type heatMapSwatch struct {
	cmap        palette.ColorMap
	top, bottom float64
	first, last bool
}

// Thumbnail implements [plot.Thumbnailer].
func (s heatMapSwatch) Thumbnail(c *draw.Canvas) {
	const bands = 8
	half := vg.Points(heatMapLegendPad / 2)
	y0, y1 := c.Min.Y-half, c.Max.Y+half
	if s.last {
		y0 = c.Min.Y
	}
	if s.first {
		y1 = c.Max.Y
	}
	x0, x1 := c.Min.X, c.Min.X+(c.Max.X-c.Min.X)/2
	h := (y1 - y0) / bands
	for i := range bands {
		v := s.bottom + (s.top-s.bottom)*(float64(i)+0.5)/bands
		r := vg.Rectangle{Min: vg.Point{X: x0, Y: y0 + vg.Length(i)*h}, Max: vg.Point{X: x1, Y: y0 + vg.Length(i+1)*h + vg.Points(0.3)}}
		c.SetColor(heatMapColour(s.cmap, v))
		c.Fill(r.Path())
	}
	edge := draw.LineStyle{Color: grey, Width: vg.Points(0.5)}
	c.StrokeLine2(edge, x0, y0, x0, y1)
	c.StrokeLine2(edge, x1, y0, x1, y1)
	if s.first {
		c.StrokeLine2(edge, x0, y1, x1, y1)
	}
	if s.last {
		c.StrokeLine2(edge, x0, y0, x1, y0)
	}
}
