package plots

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Delays is the daily number of patients delayed in acute beds, by the
// reason they wait for, the input to [DelaysByReason]. Day i is Start plus
// i days; every reason given has one value per day, and a reason with nil
// Daily is left out of the chart.
type Delays struct {
	Place string    // system or site, e.g. "Northshire"
	Start time.Time // calendar date of day 0 (UTC midnight)

	// Reasons are the reasons for delay, stacked from the bottom in this
	// order.
	Reasons []DelayReason

	Interventions []Marker // start dates to mark
}

// DelayReason is one reason for delay and the mean number of patients
// delayed for it each day, across replications: a day's mean is that
// day's delayed days.
type DelayReason struct {
	Name  string // e.g. "Package of care at home"
	Daily []float64
}

// delayFills are the reasons' colours, bottom up: Okabe–Ito hues and a dark
// grey, ordered so that neighbouring segments differ in lightness (CIELAB
// L* 46, 89, 54, 70, 57, 73, 62, 36) as well as in hue. More reasons than
// fills reuse them.
var delayFills = []color.Color{
	blue,
	color.RGBA{R: 0xF0, G: 0xE4, B: 0x42, A: 255}, // yellow
	vermillion,
	color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 255}, // sky blue
	green,
	orange,
	color.RGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 255}, // reddish purple
	grey,
}

// DelaysByReason draws the delayed days in acute beds in each calendar
// month, as the monthly delayed transfers of care statistics gave them:
// one bar a month, stacked by reason in the order given from the bottom
// (each its own fill, parted by white lines so that it survives
// greyscale; the legend lists them top first), with a dotted vertical line and
// label at each intervention's start date. A month at either end that the
// days do not cover in full has the days they cover. It returns
// [ErrNoData] when no reason has data, and an error when the reasons'
// lengths differ or a value is negative.
func DelaysByReason(d Delays) (*Figure, error) {
	title := "Delayed days in acute beds by month and reason"
	if d.Place != "" {
		title = fmt.Sprintf("Delayed days in acute beds by month and reason, %s", d.Place)
	}
	return monthlyBars(monthly{what: "delayed days in " + d.Place, title: title, axis: "Delayed days in the month",
		start: d.Start, parts: d.Reasons, markers: d.Interventions})
}

// monthly is a chart of daily counts summed by calendar month, one bar a
// month stacked by part, the input to monthlyBars.
type monthly struct {
	what, title, axis string // what the errors name; the title; the y axis's label
	start             time.Time
	parts             []DelayReason // stacked from the bottom in this order; nil Daily left out
	markers           []Marker
}

// monthlyBars draws m: one bar a calendar month, stacked by part in the
// order given from the bottom (each its own fill, parted by white lines;
// the legend lists them top first), with a dotted vertical line and label
// at each marker. A month at either end that the days do not cover in
// full has the days they cover. It returns [ErrNoData] when no part has
// data, and an error when the parts' lengths differ or a value is
// negative.
func monthlyBars(m monthly) (*Figure, error) {
	var ss []daily
	for _, r := range m.parts {
		ss = append(ss, daily{r.Name, r.Daily})
	}
	n, err := sameDays(m.what, ss...)
	if err != nil {
		return nil, err
	}
	type month struct{ from, to int } // days [from, to)
	var months []month
	for i := range n {
		if first := m.start.AddDate(0, 0, i); i == 0 || first.Day() == 1 {
			months = append(months, month{from: i})
		}
		months[len(months)-1].to = i + 1
	}
	totals := make([]float64, len(months))
	sums := make([][]float64, len(m.parts))
	for k, r := range m.parts {
		if r.Daily == nil {
			continue
		}
		sums[k] = make([]float64, len(months))
		for j, mo := range months {
			for i := mo.from; i < mo.to; i++ {
				v := r.Daily[i]
				if v < 0 || math.IsNaN(v) {
					return nil, fmt.Errorf("plots: %s: %s on day %d is %v, want >= 0", m.what, r.Name, i, v)
				}
				sums[k][j] += v
			}
			totals[j] += sums[k][j]
		}
	}

	p := newPanel(m.title, "Date", m.axis)
	day := dateAxis(p, m.start, n+1)
	p.Y.Tick.Marker = labelTicks{trim}
	headroom(p, totals)
	f := &Figure{Panels: []*plot.Plot{p}}

	bottom := make([]float64, len(months))
	for k, r := range m.parts {
		if sums[k] == nil {
			continue
		}
		var rings []plotter.XYer
		for j, mo := range months {
			lo, hi := bottom[j], bottom[j]+sums[k][j]
			bottom[j] = hi
			x0, x1 := day(mo.from), day(mo.to)
			rings = append(rings, plotter.XYs{{X: x0, Y: lo}, {X: x1, Y: lo}, {X: x1, Y: hi}, {X: x0, Y: hi}})
		}
		bars, err := outlinedBars(delayFills[k%len(delayFills)], color.White, rings...)
		if err != nil {
			return nil, err
		}
		p.Add(bars)
		// The legend lists the parts as the bars stack them, top first.
		f.Legend = append([]LegendEntry{{r.Name, []plot.Thumbnailer{bars}}}, f.Legend...)
	}
	if err := addMarkers(f, p, m.markers, day(0), day(n)); err != nil {
		return nil, err
	}
	return f, nil
}
