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

// Pressure is a hospital's responses to running full, day by day, as
// means across replications, the input to [PressureResponses]: emergency
// stays shortened by discharge under pressure and the days of stay they
// lost, and the patients who left the emergency department without being
// seen. Day i is Start plus i days; every series has one value per day.
type Pressure struct {
	Place string    // hospital or system, e.g. "Northshire General"
	Start time.Time // calendar date of day 0 (UTC midnight)

	Shortened  []float64 // emergency admissions whose stay was shortened, that day
	DaysCut    []float64 // days of stay they lost, counted on the day of admission
	LeftUnseen []float64 // patients who left the ED without being seen, that day
}

// Legend names used by [PressureResponses].
const (
	LegendShortened  = "Emergency stays shortened"
	LegendDaysCut    = "Days of stay cut"
	LegendLeftUnseen = "Left ED without being seen"
)

// PressureResponses draws a hospital's responses to running full by
// calendar month in two aligned panels: the month's emergency admissions
// whose stay discharge under pressure shortened, as bars, with the days of
// stay they lost as a line; and below, the month's patients who left the
// emergency department without being seen, as bars. A month at either end
// that the days only partly cover counts only the days given. It returns
// [ErrNoData] when there are no days, and an error when the series'
// lengths differ.
func PressureResponses(p Pressure) (*Figure, error) {
	n := len(p.Shortened)
	if n == 0 {
		return nil, fmt.Errorf("plots: pressure responses for %s: %w", p.Place, ErrNoData)
	}
	if len(p.DaysCut) != n || len(p.LeftUnseen) != n {
		return nil, fmt.Errorf("plots: pressure responses for %s: %d days of shortened stays, %d of days cut, %d of leaving unseen",
			p.Place, n, len(p.DaysCut), len(p.LeftUnseen))
	}
	firsts, month := monthsOf(p.Start, n)
	m := len(firsts)
	short, cut, unseen := make([]float64, m), make([]float64, m), make([]float64, m)
	for i, k := range month {
		short[k] += p.Shortened[i]
		cut[k] += p.DaysCut[i]
		unseen[k] += p.LeftUnseen[i]
	}

	title := "Responses to a full hospital by month: shorter stays, and walk-outs from ED"
	if p.Place != "" {
		title = "Responses to a full hospital by month, " + p.Place + ": shorter stays, and walk-outs from ED"
	}
	stays := newPanel(title, "", "Stays, days (a month)")
	walk := newPanel("", "Month", "Patients (a month)")
	f := &Figure{Panels: []*plot.Plot{stays, walk}}
	monthPanels(firsts[0], m, f.Panels...)

	bars := make([]plotter.XYer, m)
	days := make(plotter.XYs, m)
	walkBars := make([]plotter.XYer, m)
	smax, wmax := 0.0, 0.0
	for i := range m {
		x := float64(i)
		bars[i] = bar(x, 0.35, short[i])
		days[i] = plotter.XY{X: x, Y: cut[i]}
		walkBars[i] = bar(x, 0.35, unseen[i])
		smax = math.Max(smax, math.Max(short[i], cut[i]))
		wmax = math.Max(wmax, unseen[i])
	}
	countAxis(stays, smax)
	countAxis(walk, wmax)

	sb, err := outlinedBars(orange, black, bars...)
	if err != nil {
		return nil, err
	}
	stays.Add(sb)
	f.Legend = append(f.Legend, LegendEntry{LegendShortened, []plot.Thumbnailer{sb}})
	line, points, err := plotter.NewLinePoints(days)
	if err != nil {
		return nil, err
	}
	line.Color, line.Width = blue, vg.Points(2)
	points.Color, points.Shape, points.Radius = blue, draw.CircleGlyph{}, vg.Points(3)
	stays.Add(line, points)
	f.Legend = append(f.Legend, LegendEntry{LegendDaysCut, []plot.Thumbnailer{line, points}})
	wb, err := outlinedBars(vermillion, black, walkBars...)
	if err != nil {
		return nil, err
	}
	walk.Add(wb)
	f.Legend = append(f.Legend, LegendEntry{LegendLeftUnseen, []plot.Thumbnailer{wb}})
	if smax == 0 {
		if err := noneNote(stays, m, "No stay shortened"); err != nil {
			return nil, err
		}
	}
	if wmax == 0 {
		if err := noneNote(walk, m, "Nobody left unseen"); err != nil {
			return nil, err
		}
	}
	return f, nil
}
