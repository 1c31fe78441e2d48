package plots

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Crowding is the daily crowding of one emergency department, as means
// across replications, the input to [EDCrowding]. Day i is Start plus i
// days; every series has one value per day.
type Crowding struct {
	Place string    // emergency department or system, e.g. "Northshire General"
	Start time.Time // calendar date of day 0 (UTC midnight)

	Boarding []float64 // admitted patients in the department waiting for a bed, the day's mean
	Corridor []float64 // of them, patients in corridor spaces, the day's mean
	Over30   []float64 // ambulance handovers more than 30 minutes after arrival, that day
	Over60   []float64 // of them, more than 60 minutes after arrival
}

// Legend names used by [EDCrowding], so that callers and tests can find the
// series.
const (
	LegendBoarding = "Waiting in ED for a bed"
	LegendCorridor = "of them, in corridor spaces"
	LegendOver30   = "Handovers over 30 minutes"
	LegendOver60   = "over 60 minutes"
)

// NoHandoverDelays is the note [EDCrowding] writes across the handovers
// panel when no month has a handover over 30 minutes.
const NoHandoverDelays = "No handover over 30 minutes"

// EDCrowding draws an emergency department's crowding by calendar month in
// two aligned panels: the month's mean number of admitted patients waiting
// in the department for a bed (boarding), and of them those in corridor
// spaces, as lines with a point per month; and below, the month's ambulance
// handovers over 30 minutes as bars, with those over 60 minutes as
// narrower, darker bars in front, ticked at whole patients, or the note
// [NoHandoverDelays] when there are none. A month at either end that the
// days only partly cover averages and counts only the days given. It
// returns [ErrNoData] when there are no days, and an error when the series'
// lengths differ.
func EDCrowding(c Crowding) (*Figure, error) {
	n := len(c.Boarding)
	if n == 0 {
		return nil, fmt.Errorf("plots: ED crowding for %s: %w", c.Place, ErrNoData)
	}
	if len(c.Corridor) != n || len(c.Over30) != n || len(c.Over60) != n {
		return nil, fmt.Errorf("plots: ED crowding for %s: %d days of boarding, %d of corridor, %d and %d of handovers",
			c.Place, n, len(c.Corridor), len(c.Over30), len(c.Over60))
	}
	ms := crowdingMonths(c)
	m := len(ms)

	title := "ED crowding by month: patients waiting for a bed, and ambulance handover delays"
	if c.Place != "" {
		title = "ED crowding by month, " + c.Place + ": patients waiting for a bed, and ambulance handover delays"
	}
	board := newPanel(title, "", "Patients waiting for a bed (mean)")
	hand := newPanel("", "Month", "Handovers delayed (patients)")
	f := &Figure{Panels: []*plot.Plot{board, hand}}
	monthPanels(ms[0].start, m, f.Panels...)
	board.Y.Tick.Marker = labelTicks{trim}

	boarding, corridor := make(plotter.XYs, m), make(plotter.XYs, m)
	over30, over60 := make([]plotter.XYer, m), make([]plotter.XYer, m)
	bmax, hmax := 0.0, 0.0
	for i, mo := range ms {
		x := float64(i)
		boarding[i] = plotter.XY{X: x, Y: mo.boarding / float64(mo.days)}
		corridor[i] = plotter.XY{X: x, Y: mo.corridor / float64(mo.days)}
		bmax = math.Max(bmax, boarding[i].Y)
		over30[i] = bar(x, 0.35, mo.over30)
		over60[i] = bar(x, 0.2, mo.over60)
		hmax = math.Max(hmax, mo.over30)
	}
	board.Y.Min, board.Y.Max = 0, math.Max(1, bmax*1.15)
	countAxis(hand, hmax)

	line, points, err := plotter.NewLinePoints(boarding)
	if err != nil {
		return nil, err
	}
	line.Color, line.Width = blue, vg.Points(2)
	points.Color, points.Shape, points.Radius = blue, draw.CircleGlyph{}, vg.Points(3)
	board.Add(line, points)
	f.Legend = append(f.Legend, LegendEntry{LegendBoarding, []plot.Thumbnailer{line, points}})
	corr, err := strokedLine(corridor, green, 1.5, dashed)
	if err != nil {
		return nil, err
	}
	board.Add(corr)
	f.Legend = append(f.Legend, LegendEntry{LegendCorridor, []plot.Thumbnailer{corr}})

	bars30, err := outlinedBars(orange, black, over30...)
	if err != nil {
		return nil, err
	}
	bars60, err := outlinedBars(vermillion, black, over60...)
	if err != nil {
		return nil, err
	}
	hand.Add(bars30, bars60)
	if hmax == 0 {
		if err := noneNote(hand, m, NoHandoverDelays); err != nil {
			return nil, err
		}
	}
	f.Legend = append(f.Legend, LegendEntry{LegendOver30, []plot.Thumbnailer{bars30}},
		LegendEntry{LegendOver60, []plot.Thumbnailer{bars60}})
	return f, nil
}

// bar is the rectangle of a bar at x, half as wide as half, up to y.
func bar(x, half, y float64) plotter.XYs {
	return plotter.XYs{{X: x - half, Y: 0}, {X: x + half, Y: 0}, {X: x + half, Y: y}, {X: x - half, Y: y}}
}

// crowdingMonth is one calendar month of an ED's crowding: the daily
// means summed over its days, and the handovers counted.
type crowdingMonth struct {
	start                              time.Time // first of the month
	days                               int
	boarding, corridor, over30, over60 float64
}

// crowdingMonths sums c's daily series by calendar month, in order.
func crowdingMonths(c Crowding) []crowdingMonth {
	firsts, month := monthsOf(c.Start, len(c.Boarding))
	ms := make([]crowdingMonth, len(firsts))
	for k, first := range firsts {
		ms[k].start = first
	}
	for i, k := range month {
		mo := &ms[k]
		mo.days++
		mo.boarding += c.Boarding[i]
		mo.corridor += c.Corridor[i]
		mo.over30 += c.Over30[i]
		mo.over60 += c.Over60[i]
	}
	return ms
}
