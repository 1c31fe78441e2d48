package plots

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Page sizes for saved charts. A slide is 16:9 at 10 inches wide; an A4 chart
// fills the text width of an A4 page with 2 cm margins at a 5:3 aspect.
const (
	SlideWidth  = 10 * vg.Inch
	SlideHeight = 5.63 * vg.Inch
	A4Width     = 7.5 * vg.Inch
	A4Height    = 4.5 * vg.Inch
)

// ErrNoData is returned when a chart is asked to draw an empty series.
var ErrNoData = errors.New("plots: no data")

// Colours from the Okabe–Ito palette, which stays distinguishable under the
// common colour-vision deficiencies. Each chart also varies dash patterns and
// lightness, so that the series survive greyscale printing.
var (
	black      = color.RGBA{A: 255}
	blue       = color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 255}
	orange     = color.RGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 255}
	vermillion = color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 255}
	green      = color.RGBA{R: 0x00, G: 0x9E, B: 0x73, A: 255}
	grey       = color.RGBA{R: 0x55, G: 0x55, B: 0x55, A: 255}
	bandBlue   = color.NRGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0x60}
	bandOrange = color.NRGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0x50}
)

// Dash patterns used alongside colour.
var (
	dashed  = []vg.Length{vg.Points(6), vg.Points(3)}
	dotted  = []vg.Length{vg.Points(1.5), vg.Points(2.5)}
	dashDot = []vg.Length{vg.Points(6), vg.Points(2.5), vg.Points(1.5), vg.Points(2.5)}
)

// LegendEntry is one line of a [Figure]'s legend: a name and the plotters
// whose thumbnails illustrate it.
type LegendEntry struct {
	Name   string
	Thumbs []plot.Thumbnailer
}

// Figure is a chart of one or more panels stacked vertically and sharing a
// legend drawn to their right, outside the data area, so that the legend
// never covers data.
//
// The zero value is an empty figure. A Figure is not safe for concurrent use.
type Figure struct {
	// Panels are drawn top to bottom with aligned data areas. The chart's
	// title is the first panel's title.
	Panels []*plot.Plot

	// Legend lists the series, in order.
	Legend []LegendEntry

	// overflow is set by Draw when the panels did not fit the canvas.
	overflow error
}

// ErrTooSmall is returned when a figure's panels do not fit the size it is
// drawn at: each panel's axes, labels and title need room of their own.
var ErrTooSmall = errors.New("plots: the panels do not fit the chart's size")

// Entry returns the legend entry with the given name, and whether it exists.
func (f *Figure) Entry(name string) (LegendEntry, bool) {
	for _, e := range f.Legend {
		if e.Name == name {
			return e, true
		}
	}
	return LegendEntry{}, false
}

// Draw draws the figure onto c. When the panels do not fit c (too many
// for its height), it draws the background and legend only, and
// [Figure.Save] and [Figure.Render] return [ErrTooSmall]: gonum/plot
// would otherwise lay them out at NaN coordinates, which the PNG
// rasteriser never finishes filling.
func (f *Figure) Draw(c draw.Canvas) {
	f.overflow = nil
	if len(f.Panels) == 0 {
		return
	}
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	if len(f.Legend) > 0 {
		l := plot.NewLegend()
		l.Top = true
		l.Left = true
		l.TextStyle.Font.Size = vg.Points(10)
		l.Padding = vg.Points(3)
		for _, e := range f.Legend {
			l.Add(e.Name, e.Thumbs...)
		}
		r := l.Rectangle(c)
		w := r.Max.X - r.Min.X
		pad := vg.Points(8)
		// Place the legend below the title, beside the first panel's data.
		top := vg.Length(0)
		if t := f.Panels[0].Title; t.Text != "" {
			top = t.TextStyle.Rectangle(t.Text).Size().Y + t.Padding + pad
		}
		lc := draw.Crop(c, c.Max.X-c.Min.X-w-pad, -pad, 0, -top)
		l.Draw(lc)
		c = draw.Crop(c, 0, -(w + 2*pad), 0, 0)
	}

	rows := make([][]*plot.Plot, len(f.Panels))
	for i, p := range f.Panels {
		rows[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(f.Panels), Cols: 1, PadY: vg.Points(8),
		PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(4)}
	canvases := plot.Align(rows, tiles, c)
	for _, row := range canvases {
		if r := row[0].Rectangle; !(r.Max.Y-r.Min.Y > 0) || !(r.Max.X-r.Min.X > 0) {
			f.overflow = fmt.Errorf("%w: %d panels in %.0f × %.0f points", ErrTooSmall, len(f.Panels), c.Max.X-c.Min.X, c.Max.Y-c.Min.Y)
			return
		}
	}
	for i, p := range f.Panels {
		p.Draw(canvases[i][0])
	}
}

// Save writes the figure to path at width w and height h. The format is
// chosen from the extension: .png, .svg or .pdf.
func (f *Figure) Save(path string, w, h vg.Length) (err error) {
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	switch format {
	case "png", "svg", "pdf":
	default:
		return fmt.Errorf("plots: %s: unsupported format %q (want png, svg or pdf)", path, format)
	}
	if len(f.Panels) == 0 {
		return fmt.Errorf("plots: %s: %w", path, ErrNoData)
	}
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if e := file.Close(); err == nil {
			err = e
		}
	}()
	if err := f.render(file, w, h, format); err != nil {
		return fmt.Errorf("plots: %s: %w", path, err)
	}
	return nil
}

// Render writes the figure to out at width w and height h in format, "png",
// "svg" or "pdf", as [Figure.Save] writes a file: a report can inline a
// chart without a file. A figure without panels is [ErrNoData].
func (f *Figure) Render(out io.Writer, w, h vg.Length, format string) error {
	if len(f.Panels) == 0 {
		return fmt.Errorf("plots: %w", ErrNoData)
	}
	if err := f.render(out, w, h, format); err != nil {
		return fmt.Errorf("plots: %w", err)
	}
	return nil
}

func (f *Figure) render(out io.Writer, w, h vg.Length, format string) error {
	cw, err := draw.NewFormattedCanvas(w, h, format)
	if err != nil {
		return err
	}
	f.Draw(draw.New(cw))
	if f.overflow != nil {
		return f.overflow
	}
	_, err = cw.WriteTo(out)
	return err
}

// newPanel returns a plot with caresim's house style: larger title, grid-free,
// axis labels in 11pt.
func newPanel(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(14)
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.X.Label.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.TextStyle.Font.Size = vg.Points(11)
	p.X.Tick.Label.Font.Size = vg.Points(10)
	p.Y.Tick.Label.Font.Size = vg.Points(10)
	return p
}

// money formats an amount of pounds with k and m suffixes: £1.5m, £250k,
// -£40k, £0.
func money(v float64) string {
	sign := ""
	if v < 0 {
		sign = "-"
		v = -v
	}
	switch {
	case v == 0:
		return "£0"
	case v >= 1e9:
		return sign + "£" + trim(v/1e9) + "bn"
	case v >= 1e6:
		return sign + "£" + trim(v/1e6) + "m"
	case v >= 1e3:
		return sign + "£" + trim(v/1e3) + "k"
	}
	return sign + "£" + trim(v)
}

// trim formats v with at most two decimals and no trailing zeros.
func trim(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// labelTicks relabels the default ticks with Format: [money] for pounds,
// [trim] for counts (250, not 250.00).
type labelTicks struct {
	Format func(float64) string
}

// Ticks implements [plot.Ticker].
func (l labelTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = l.Format(ticks[i].Value)
		}
	}
	return ticks
}

// monthTicks places major ticks at the first of a month (every 1, 2, 3, 6 or
// 12 months, so that there are at most about 8 labels) on an axis of Unix
// seconds, with minor ticks at the months between. Spans shorter than about
// two months get weekly ticks on Mondays.
type monthTicks struct{}

// Ticks implements [plot.Ticker].
func (monthTicks) Ticks(min, max float64) []plot.Tick {
	lo := time.Unix(int64(math.Floor(min)), 0).UTC()
	hi := time.Unix(int64(math.Ceil(max)), 0).UTC()
	days := hi.Sub(lo).Hours() / 24
	var ticks []plot.Tick
	if days < 60 {
		d := time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC)
		for d.Weekday() != time.Monday {
			d = d.AddDate(0, 0, 1)
		}
		for ; !d.After(hi); d = d.AddDate(0, 0, 7) {
			ticks = append(ticks, plot.Tick{Value: float64(d.Unix()), Label: "x"})
		}
		return ticks
	}
	step := 12
	for _, s := range []int{1, 2, 3, 6, 12} {
		if days/30.44/float64(s) <= 8 {
			step = s
			break
		}
	}
	m := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m.Before(lo) {
		m = m.AddDate(0, 1, 0)
	}
	for ; !m.After(hi); m = m.AddDate(0, 1, 0) {
		t := plot.Tick{Value: float64(m.Unix())}
		if (int(m.Month())-1)%step == 0 {
			t.Label = "x" // replaced by plot.TimeTicks' Format
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// dateFormat returns the tick label layout for a span of days.
func dateFormat(days float64) string {
	switch {
	case days < 60:
		return "2 Jan"
	}
	return "Jan 2006"
}
