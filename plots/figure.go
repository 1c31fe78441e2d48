package plots

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
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
//
// A chart's title wider than the space above the first panel's data
// (c's width less the legend's) is drawn wrapped onto two lines and, when
// that is not enough, in a smaller font, by [fitTitle]; the panel's Title
// is left as it was, so that the figure can be drawn again at another
// size.
func (f *Figure) Draw(c draw.Canvas) {
	f.overflow = nil
	if len(f.Panels) == 0 {
		return
	}
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	var l *plot.Legend
	pad := vg.Points(8)
	panels := c
	if len(f.Legend) > 0 {
		lg := plot.NewLegend()
		l = &lg
		l.Top = true
		l.Left = true
		l.TextStyle.Font.Size = vg.Points(10)
		l.Padding = vg.Points(3)
		for _, e := range f.Legend {
			l.Add(e.Name, e.Thumbs...)
		}
		r := l.Rectangle(c)
		panels = draw.Crop(c, 0, -(r.Max.X - r.Min.X + 2*pad), 0, 0)
	}

	rows := make([][]*plot.Plot, len(f.Panels))
	for i, p := range f.Panels {
		rows[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(f.Panels), Cols: 1, PadY: vg.Points(8),
		PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(4)}
	canvases := plot.Align(rows, tiles, panels)
	// The title is centred on the first panel's canvas, whose width does
	// not depend on the title's height; its height does, so lay out again.
	first := f.Panels[0]
	defer func(title string, style text.Style) {
		first.Title.Text, first.Title.TextStyle = title, style
	}(first.Title.Text, first.Title.TextStyle)
	if r := canvases[0][0].Rectangle; r.Max.X > r.Min.X {
		text, style := fitTitle(first.Title.Text, first.Title.TextStyle, r.Max.X-r.Min.X)
		if text != first.Title.Text || style.Font.Size != first.Title.TextStyle.Font.Size {
			first.Title.Text, first.Title.TextStyle = text, style
			canvases = plot.Align(rows, tiles, panels)
		}
	}

	if l != nil {
		// Place the legend below the title, beside the first panel's data.
		r := l.Rectangle(c)
		top := vg.Length(0)
		if t := first.Title; t.Text != "" {
			top = t.TextStyle.Rectangle(t.Text).Size().Y + t.Padding + pad
		}
		l.Draw(draw.Crop(c, c.Max.X-c.Min.X-(r.Max.X-r.Min.X)-pad, -pad, 0, -top))
	}

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

// titleSizes are the font sizes, largest first, that [fitTitle] tries a
// title in: newPanel's 14 points, then a step or two smaller, down to the
// tick labels' 10 points.
var titleSizes = []vg.Length{vg.Points(14), vg.Points(12), vg.Points(11), vg.Points(10)}

// fitTitle returns title and its style so that it is at most width wide:
// unchanged when it fits; otherwise broken onto two lines by [wrapTitle];
// otherwise in the largest of [titleSizes] below the style's size at
// which one line or two fit. A title that fits on two lines at no size is
// returned in the smallest, on as many lines as it takes (see
// [wrapLines]). A title that already has several lines is only shrunk.
func fitTitle(title string, style text.Style, width vg.Length) (string, text.Style) {
	if title == "" || style.Width(title) <= width {
		return title, style
	}
	best, bestStyle := title, style
	for _, size := range titleSizes {
		if size > style.Font.Size {
			continue
		}
		sty := style
		sty.Font.Size = size
		s := title
		if !strings.Contains(title, "\n") {
			s = wrapTitle(title, sty, width)
		}
		best, bestStyle = s, sty
		if sty.Width(s) <= width {
			return best, bestStyle
		}
	}
	if !strings.Contains(title, "\n") {
		best = wrapLines(title, bestStyle, width)
	}
	return best, bestStyle
}

// wrapLines breaks title at spaces onto as many lines as it takes for
// each to be at most width wide in style, filling each line in turn; a
// word wider than width has a line of its own.
func wrapLines(title string, style text.Style, width vg.Length) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(title) {
		switch {
		case line == "":
			line = w
		case style.Width(line+" "+w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// wrapTitle returns title on one line when it fits width in style, and
// otherwise broken onto two lines, the comma kept and the space dropped:
// at the ", ", else at the space, that fits and leaves the wider line
// narrowest; when no break fits, at the ", " or space that leaves it
// narrowest.
func wrapTitle(title string, style text.Style, width vg.Length) string {
	if style.Width(title) <= width {
		return title
	}
	narrowest, least := title, style.Width(title)
	for _, sep := range []string{", ", " "} {
		fits, fitWidth := "", width
		for i := 0; ; i++ {
			j := strings.Index(title[i:], sep)
			if j < 0 {
				break
			}
			i += j
			s := title[:i+len(sep)-1] + "\n" + title[i+len(sep):] // keep the comma, drop the space
			w := style.Width(s)
			if w <= fitWidth {
				fits, fitWidth = s, w
			}
			if w < least {
				narrowest, least = s, w
			}
		}
		if fits != "" {
			return fits
		}
	}
	return narrowest
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
	if strings.EqualFold(format, "pdf") {
		pdfDates.Do(setPDFDates)
	}
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

// pdfDates sets the dates PDF charts carry, once.
var pdfDates sync.Once

// setPDFDates makes every PDF chart carry the same creation and
// modification dates, so that drawing a chart twice gives the same bytes:
// the time SOURCE_DATE_EPOCH gives in seconds since 1970 when it is set
// (the reproducible-builds convention), else 1 January 2000 UTC. gonum's
// vgpdf takes them from fpdf's package defaults, which are otherwise the
// time the chart was drawn.
func setPDFDates() {
	t := time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)
	if s, ok := os.LookupEnv("SOURCE_DATE_EPOCH"); ok {
		if sec, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			t = time.Unix(sec, 0).UTC()
		}
	}
	fpdf.SetDefaultCreationDate(t)
	fpdf.SetDefaultModificationDate(t)
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

// minus is the sign of negative numbers on charts: the Unicode minus
// (U+2212), as wide as a plus and unlike a hyphen never split from its
// number.
const minus = "−"

// money formats an amount of pounds with k, m and bn suffixes: £1.5m,
// £250k, −£40k, £0.
func money(v float64) string {
	a := math.Abs(v)
	var s string
	switch {
	case a >= 1e9:
		s = "£" + trim(a/1e9) + "bn"
	case a >= 1e6:
		s = "£" + trim(a/1e6) + "m"
	case a >= 1e3:
		s = "£" + trim(a/1e3) + "k"
	default:
		s = "£" + trim(a)
	}
	return signed(v, s, "£0")
}

// trim formats v with at most two decimals and no trailing zeros, a
// [minus] sign and thousands separators: 0.25, 250, −8,000, 12,500.5.
func trim(v float64) string {
	s := strings.TrimRight(strconv.FormatFloat(math.Abs(v), 'f', 2, 64), "0")
	return signed(v, thousands(strings.TrimSuffix(s, ".")), "0")
}

// thousands puts a comma between each group of three digits of the whole
// part of s, a number without a sign, from 1,000 up: "1250.5" is
// "1,250.5". GOV.UK style separates from 1,000, so that an axis's labels
// agree (5,000 beside 10,000).
func thousands(s string) string {
	whole, frac, dot := strings.Cut(s, ".")
	if len(whole) <= 3 {
		return s
	}
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if dot {
		b.WriteString("." + frac)
	}
	return b.String()
}

// signed returns s, the formatted magnitude of v, with a [minus] in front
// when v is negative and s is not zero, the formatted zero (so that no
// tick reads −0).
func signed(v float64, s, zero string) string {
	if v < 0 && s != zero {
		return minus + s
	}
	return s
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
