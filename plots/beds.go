package plots

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"caresim/results"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Beds is the daily occupancy of one bed pool across replications, the input
// to [BedsOverTime]. Day i is Start plus i days; Mean, P10, P90 and Capacity
// all have one value per day.
type Beds struct {
	Pool  string    // bed pool, e.g. "Acute"
	Place string    // system or site, e.g. "Northshire"
	Start time.Time // calendar date of day 0 (UTC midnight)

	Mean     []float64 // mean occupied beds across replications
	P10, P90 []float64 // 10th and 90th percentiles of occupied beds
	Capacity []float64 // staffed beds available, drawn as a step line

	Interventions []Marker // start dates to mark

	// Noun and Axis, when set, replace "beds occupied" in the title
	// and the y axis's label, for a service whose units are not beds
	// (care.ChartedService).
	Noun, Axis string
}

// Marker labels a date on a time axis, such as an intervention's start:
// a results folder's [results.Marker].
type Marker = results.Marker

// Legend names used by [BedsOverTime], so that callers and tests can find
// the series.
const (
	LegendMean     = "Mean occupied"
	LegendBand     = "10th–90th percentile"
	LegendCapacity = "Capacity"
	LegendMarker   = "Intervention starts"
)

// BedsOverTime draws occupied beds in one pool over time: the mean across
// replications as a solid line of means over blocks of days (see
// smoothWindow) over a shaded band of each day's 10th–90th percentiles, the
// capacity as a dashed step line, and a dotted vertical line with a label at
// each intervention's start date. It returns [ErrNoData] when Mean is empty,
// and an error when the series' lengths differ.
func BedsOverTime(b Beds) (*Figure, error) {
	n := len(b.Mean)
	if n == 0 {
		return nil, fmt.Errorf("plots: beds over time for %s: %w", b.Pool, ErrNoData)
	}
	for _, s := range []struct {
		name string
		v    []float64
	}{{"P10", b.P10}, {"P90", b.P90}, {"Capacity", b.Capacity}} {
		if s.v != nil && len(s.v) != n {
			return nil, fmt.Errorf("plots: beds over time for %s: %s has %d days, Mean has %d", b.Pool, s.name, len(s.v), n)
		}
	}
	noun, axis := "beds occupied", "Beds occupied (beds)"
	if b.Noun != "" {
		noun, axis = b.Noun, b.Axis
	}
	title := fmt.Sprintf("%s %s, %s", b.Pool, noun, b.Place)
	if b.Place == "" {
		title = fmt.Sprintf("%s %s", b.Pool, noun)
	}
	p := newPanel(title, "Date", axis)
	day := dateAxis(p, b.Start, n)
	p.Y.Tick.Marker = labelTicks{trim}
	f := &Figure{Panels: []*plot.Plot{p}}
	headroom(p, b.Mean, b.P90, b.Capacity)

	if b.P10 != nil && b.P90 != nil {
		ring := make(plotter.XYs, 0, 2*n)
		for i := range n {
			ring = append(ring, plotter.XY{X: day(i), Y: b.P90[i]})
		}
		for i := n - 1; i >= 0; i-- {
			ring = append(ring, plotter.XY{X: day(i), Y: b.P10[i]})
		}
		band, err := plotter.NewPolygon(ring)
		if err != nil {
			return nil, err
		}
		band.Color = bandBlue
		band.LineStyle.Width = 0
		p.Add(band)
		f.Legend = append(f.Legend, LegendEntry{LegendBand, []plot.Thumbnailer{band}})
	}

	w := smoothWindow(n)
	mean, err := plotter.NewLine(blockMeans(n, w, day, b.Mean))
	if err != nil {
		return nil, err
	}
	mean.Color = black
	mean.Width = vg.Points(2)
	p.Add(mean)
	f.Legend = append(f.Legend, LegendEntry{LegendMean, []plot.Thumbnailer{mean}})

	if b.Capacity != nil {
		capacity, err := plotter.NewLine(series(n, day, b.Capacity))
		if err != nil {
			return nil, err
		}
		capacity.StepStyle = plotter.PostStep
		capacity.Color = vermillion
		capacity.Width = vg.Points(2)
		capacity.Dashes = dashed
		p.Add(capacity)
		f.Legend = append(f.Legend, LegendEntry{LegendCapacity, []plot.Thumbnailer{capacity}})
	}

	if err := addMarkers(f, p, b.Interventions, day(0), day(n-1)); err != nil {
		return nil, err
	}
	smoothNote(f, w)
	return f, nil
}

// smoothWindow is the number of days a chart's daily mean line averages
// over: a week for a run of up to 400 days, 28 days (four whole weeks)
// beyond, so that weekends and single days do not draw a thick scrawl
// that hides the band of daily percentiles under it. A run of fewer than
// 28 days is drawn day by day.
func smoothWindow(n int) int {
	switch {
	case n < 28:
		return 1
	case n <= 400:
		return 7
	}
	return 28
}

// smoothNote appends to the legend of f a line, with no swatch, saying
// what its lines average, "Lines: mean of each 28 days", when they average
// over w > 1 days; the band stays each day's.
func smoothNote(f *Figure, w int) {
	if w > 1 {
		f.Legend = append(f.Legend, LegendEntry{Name: fmt.Sprintf("Lines: mean of each %d days", w)})
	}
}

// blockMeans returns the means of v over consecutive blocks of w days
// from day 0 (the last block shorter when w does not divide n), each at
// the middle of its block: x halfway between its first and last day.
// NaN days (not measured) are left out of their block's mean; a block
// with none measured is NaN.
func blockMeans(n, w int, x func(int) float64, v []float64) plotter.XYs {
	if w <= 1 {
		return series(n, x, v)
	}
	out := make(plotter.XYs, 0, (n+w-1)/w)
	for a := 0; a < n; a += w {
		b := min(a+w, n)
		sum, k := 0.0, 0
		for i := a; i < b; i++ {
			if !math.IsNaN(v[i]) {
				sum += v[i]
				k++
			}
		}
		y := math.NaN()
		if k > 0 {
			y = sum / float64(k)
		}
		out = append(out, plotter.XY{X: (x(a) + x(b-1)) / 2, Y: y})
	}
	return out
}

// dateAxis makes p's x axis a time axis of n days from start, with month
// (or, for short spans, weekly) ticks labelled with dates, and returns the
// axis position of day i in Unix seconds.
func dateAxis(p *plot.Plot, start time.Time, n int) func(int) float64 {
	day := func(i int) float64 { return float64(start.AddDate(0, 0, i).Unix()) }
	p.X.Tick.Marker = plot.TimeTicks{Ticker: monthTicks{}, Format: dateFormat(float64(n - 1))}
	p.X.Min, p.X.Max = day(0), day(n-1)
	return day
}

// headroom sets p's y axis from 0 to 15% above the largest value of vs,
// leaving room above the data for the markers' labels.
func headroom(p *plot.Plot, vs ...[]float64) {
	ymax := 0.0
	for _, s := range vs {
		for _, v := range s {
			ymax = math.Max(ymax, v)
		}
	}
	p.Y.Min, p.Y.Max = 0, ymax*1.15
	if p.Y.Max == 0 {
		p.Y.Max = 1
	}
}

// series returns the points (x(i), v[i]).
func series(n int, x func(int) float64, v []float64) plotter.XYs {
	xys := make(plotter.XYs, n)
	for i := range n {
		xys[i] = plotter.XY{X: x(i), Y: v[i]}
	}
	return xys
}

// daily is one named daily series of a chart.
type daily struct {
	name string
	v    []float64
}

// sameDays returns the number of days of the series that are not nil,
// which must all have as many; what names the chart in errors. It returns
// ErrNoData when no series has data.
func sameDays(what string, ss ...daily) (int, error) {
	n := 0
	for _, s := range ss {
		if s.v == nil {
			continue
		}
		if n != 0 && len(s.v) != n {
			return 0, fmt.Errorf("plots: %s: %s has %d days, another series has %d", what, s.name, len(s.v), n)
		}
		n = len(s.v)
	}
	if n == 0 {
		return 0, fmt.Errorf("plots: %s: %w", what, ErrNoData)
	}
	return n, nil
}

// addMarkers draws a dotted vertical line across p at each marker inside
// [xmin, xmax] (Unix seconds), and the markers' names along the top of the
// panel, each beside its line in the first row where it overlaps no other
// ([markerNames]), so that names never print over one another, whatever the
// chart's size. Markers on the same day share one line.
func addMarkers(f *Figure, p *plot.Plot, ms []Marker, xmin, xmax float64) error {
	_, err := markers(f, p, ms, xmin, xmax)
	return err
}

// markers is addMarkers, returning the plotter of the names (nil when no
// marker falls inside the range).
func markers(f *Figure, p *plot.Plot, ms []Marker, xmin, xmax float64) (*markerNames, error) {
	seen := map[float64]bool{}
	names := &markerNames{style: noteStyle(grey), off: vg.Points(3)}
	var first *plotter.Line
	for _, m := range ms {
		x := float64(m.At.Unix())
		if x < xmin || x > xmax {
			continue
		}
		names.xs = append(names.xs, x)
		names.names = append(names.names, m.Label)
		if seen[x] {
			continue
		}
		seen[x] = true
		l, err := plotter.NewLine(plotter.XYs{{X: x, Y: p.Y.Min}, {X: x, Y: p.Y.Max}})
		if err != nil {
			return nil, err
		}
		l.Color = grey
		l.Width = vg.Points(1.2)
		l.Dashes = dotted
		p.Add(l)
		if first == nil {
			first = l
		}
	}
	if first == nil {
		return nil, nil
	}
	p.Add(names)
	f.Legend = append(f.Legend, LegendEntry{LegendMarker, []plot.Thumbnailer{first}})
	return names, nil
}

// markerNames draws the names of markers along the top of a panel's data
// area. Each name goes beside its marker's line, to the right (to the left
// where it would pass the data area's edge), in the highest row where it
// overlaps no name already placed: the rows are filled in the markers'
// order, so a chart's first interventions take the top row and later ones
// that would collide drop a row. The layout is made when the panel is
// drawn, from the canvas's size and the text's measured width, so that it
// holds at every size a figure is saved or rendered at.
type markerNames struct {
	xs    []float64 // the data x of each name's line
	names []string
	style text.Style
	off   vg.Length // the gap between a line and its name

	// area and placed are the data area and each name's rectangle on the
	// canvas of the last Plot.
	area   vg.Rectangle
	placed []vg.Rectangle
}

// Plot implements plot.Plotter.
func (m *markerNames) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	m.area = c.Rectangle
	m.placed = m.layout(c.Rectangle, trX)
	for i, r := range m.placed {
		c.FillText(m.style, vg.Point{X: r.Min.X, Y: r.Max.Y}, m.names[i])
	}
}

// layout returns the rectangle of each name within area, the panel's data
// area, given trX, the map from data x to the canvas.
func (m *markerNames) layout(area vg.Rectangle, trX func(float64) vg.Length) []vg.Rectangle {
	h := m.style.Height("Xg")
	top := area.Max.Y - h/4
	var rows [][]vg.Rectangle
	placed := make([]vg.Rectangle, len(m.names))
	for i, name := range m.names {
		w := m.style.Width(name)
		x := trX(m.xs[i]) + m.off
		if x+w > area.Max.X {
			x = trX(m.xs[i]) - m.off - w
		}
		row := 0
		for ; row < len(rows); row++ {
			if !overlapsAny(x, x+w, rows[row], m.off) {
				break
			}
		}
		if row == len(rows) {
			rows = append(rows, nil)
		}
		y := top - vg.Length(row)*h*1.1
		r := vg.Rectangle{Min: vg.Point{X: x, Y: y - h}, Max: vg.Point{X: x + w, Y: y}}
		rows[row] = append(rows[row], r)
		placed[i] = r
	}
	return placed
}

// overlapsAny reports whether [x0, x1] comes within gap of any
// rectangle's horizontal extent in row.
func overlapsAny(x0, x1 vg.Length, row []vg.Rectangle, gap vg.Length) bool {
	for _, r := range row {
		if x0 < r.Max.X+gap && r.Min.X < x1+gap {
			return true
		}
	}
	return false
}

// noteStyle returns the style of a chart's notes: 9pt text in colour c,
// from its top left.
func noteStyle(c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(plot.DefaultFont, vg.Points(9)),
		XAlign:  text.XLeft,
		YAlign:  text.YTop,
		Handler: plot.DefaultTextHandler,
	}
}

// note returns text s in 9pt colour c, written rightwards from (x, y) in data
// coordinates shifted by off, aligned vertically by ya.
func note(x, y float64, s string, c color.Color, ya draw.YAlignment, off vg.Point) (*plotter.Labels, error) {
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: y}}, Labels: []string{s}})
	if err != nil {
		return nil, err
	}
	lab.Offset = off
	for i := range lab.TextStyle {
		lab.TextStyle[i].Font.Size = vg.Points(9)
		lab.TextStyle[i].Color = c
		lab.TextStyle[i].YAlign = ya
		lab.TextStyle[i].XAlign = text.XLeft
	}
	return lab, nil
}
