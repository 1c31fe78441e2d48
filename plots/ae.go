package plots

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// AE is the daily flow through one emergency department, as means across
// replications, the input to [AEPerformance]. Day i is Start plus i days;
// Breaches and Waits12h have one value per day of Departures.
type AE struct {
	Place string    // emergency department or system, e.g. "Northshire General"
	Start time.Time // calendar date of day 0 (UTC midnight)

	Departures []float64 // patients leaving A&E (admitted, discharged or transferred)
	Breaches   []float64 // of those, patients who left more than 4 hours after arrival
	Waits12h   []float64 // patients waiting more than 12 hours from the decision to admit
}

// FourHourStandard is the A&E standard drawn by [AEPerformance]: the share
// of patients who should leave within 4 hours of arrival, in percent.
const FourHourStandard = 95

// Legend names used by [AEPerformance], so that callers and tests can find
// the series.
const (
	LegendFourHour = "Left A&E within 4 hours"
	LegendStandard = "95% standard"
	LegendWaits12h = "12-hour waits from decision to admit"
)

// NoWaits12h is the note [AEPerformance] writes across the 12-hour waits
// panel when no month has any, so that an empty panel does not read as
// missing data.
const NoWaits12h = "No 12-hour waits"

// AEPerformance draws A&E performance by calendar month in two aligned
// panels: the share of departures within 4 hours (departures and breaches
// summed over the month's days) as a line with a point per month against the
// 95% standard as a labelled dashed reference line, and below it the
// month's 12-hour decision-to-admit waits as bars, ticked at whole
// patients, or the note [NoWaits12h] when there are none. A month at
// either end that the days only partly cover counts only the days given.
// It returns [ErrNoData] when there are no days, and an error when the
// series' lengths differ.
func AEPerformance(a AE) (*Figure, error) {
	n := len(a.Departures)
	if n == 0 {
		return nil, fmt.Errorf("plots: A&E performance for %s: %w", a.Place, ErrNoData)
	}
	if len(a.Breaches) != n || len(a.Waits12h) != n {
		return nil, fmt.Errorf("plots: A&E performance for %s: %d days of departures, %d of breaches and %d of 12-hour waits",
			a.Place, n, len(a.Breaches), len(a.Waits12h))
	}
	ms := aeMonths(a)
	m := len(ms)

	title := "A&E 4-hour performance and 12-hour waits by month"
	if a.Place != "" {
		title += ", " + a.Place
	}
	perf := newPanel(title, "", "Left within 4 hours (% of departures)")
	waits := newPanel("", "Month", "12-hour waits (patients)")
	f := &Figure{Panels: []*plot.Plot{perf, waits}}
	for _, p := range f.Panels {
		p.X.Tick.Marker = monthAxis{first: ms[0].start, n: m}
		p.X.Min, p.X.Max = -0.5, float64(m)-0.5
	}
	perf.Y.Tick.Marker = labelTicks{func(v float64) string { return trim(v) + "%" }}

	pts := make(plotter.XYs, 0, m)
	lo := float64(FourHourStandard)
	rings := make([]plotter.XYer, m)
	wmax := 0.0
	for i, mo := range ms {
		if mo.departures > 0 {
			v := 100 * (1 - mo.breaches/mo.departures)
			pts = append(pts, plotter.XY{X: float64(i), Y: v})
			lo = math.Min(lo, v)
		}
		x := float64(i)
		rings[i] = plotter.XYs{{X: x - 0.35, Y: 0}, {X: x + 0.35, Y: 0}, {X: x + 0.35, Y: mo.waits12h}, {X: x - 0.35, Y: mo.waits12h}}
		wmax = math.Max(wmax, mo.waits12h)
	}
	// Start the axis a little below the lowest month, on a multiple of 5%.
	perf.Y.Min, perf.Y.Max = math.Max(0, 5*math.Floor((lo-2)/5)), 100
	waits.Y.Min, waits.Y.Max = 0, math.Max(1, wmax*1.1)
	// Patients come whole: tick counts at whole numbers, never 0.5.
	waits.Y.Tick.Marker = losTicks{step: math.Max(1, losStep(waits.Y.Max/4))}

	standard, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: FourHourStandard}, {X: float64(m) - 0.5, Y: FourHourStandard}})
	if err != nil {
		return nil, err
	}
	standard.Color = vermillion
	standard.Width = vg.Points(1.5)
	standard.Dashes = dashed
	label, err := note(-0.5, FourHourStandard, LegendStandard, vermillion, draw.YBottom, vg.Point{X: vg.Points(3), Y: vg.Points(2)})
	if err != nil {
		return nil, err
	}
	perf.Add(standard, label)
	f.Legend = append(f.Legend, LegendEntry{LegendStandard, []plot.Thumbnailer{standard}})

	if len(pts) > 0 {
		line, points, err := monthlyLine(pts, blue)
		if err != nil {
			return nil, err
		}
		perf.Add(line, points)
		f.Legend = append(f.Legend, LegendEntry{LegendFourHour, []plot.Thumbnailer{line, points}})
	}

	bars, err := plotter.NewPolygon(rings...)
	if err != nil {
		return nil, err
	}
	bars.Color = orange
	bars.LineStyle.Color = black
	bars.LineStyle.Width = vg.Points(0.5)
	waits.Add(bars)
	if wmax == 0 {
		none, err := note(float64(m-1)/2, waits.Y.Max/2, NoWaits12h, grey, draw.YCenter, vg.Point{})
		if err != nil {
			return nil, err
		}
		none.TextStyle[0].XAlign = text.XCenter
		none.TextStyle[0].Font.Size = vg.Points(11)
		waits.Add(none)
	}
	f.Legend = append(f.Legend, LegendEntry{LegendWaits12h, []plot.Thumbnailer{bars}})
	return f, nil
}

// aeMonth is one calendar month of A&E flow, summed over its days.
type aeMonth struct {
	start                          time.Time // first of the month
	departures, breaches, waits12h float64
}

// FourHourByDay returns, for each day of a, its calendar month's 4-hour
// performance in per cent, as [AEPerformance] plots it, or 0 in a month
// without departures: a step a month, for charts by day such as
// [ScenariosOverTime]. a's Waits12h may be nil.
func FourHourByDay(a AE) []float64 {
	out := make([]float64, 0, len(a.Departures))
	ms, k := aeMonths(a), 0
	for i := range a.Departures {
		d := a.Start.AddDate(0, 0, i)
		first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		for !ms[k].start.Equal(first) { // days in order, so months too
			k++
		}
		v := 0.0
		if mo := ms[k]; mo.departures > 0 {
			v = 100 * (1 - mo.breaches/mo.departures)
		}
		out = append(out, v)
	}
	return out
}

// aeMonths sums a's daily series by calendar month, in order; Waits12h
// may be nil.
func aeMonths(a AE) []aeMonth {
	var ms []aeMonth
	for i := range a.Departures {
		d := a.Start.AddDate(0, 0, i)
		first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		if len(ms) == 0 || !ms[len(ms)-1].start.Equal(first) {
			ms = append(ms, aeMonth{start: first})
		}
		mo := &ms[len(ms)-1]
		mo.departures += a.Departures[i]
		mo.breaches += a.Breaches[i]
		if a.Waits12h != nil {
			mo.waits12h += a.Waits12h[i]
		}
	}
	return ms
}

// monthAxis ticks the positions 0, 1, … of n consecutive months from first,
// labelling every 1, 2, 3, 6 or 12 months (at most about 8 labels) and
// leaving a minor tick at the months between, as [monthTicks] does.
type monthAxis struct {
	first time.Time
	n     int
}

// Ticks implements [plot.Ticker].
func (a monthAxis) Ticks(min, max float64) []plot.Tick {
	step := 12
	for _, s := range []int{1, 2, 3, 6, 12} {
		if float64(a.n)/float64(s) <= 8 {
			step = s
			break
		}
	}
	var ticks []plot.Tick
	for i := range a.n {
		v := float64(i)
		if v < min || v > max {
			continue
		}
		m := a.first.AddDate(0, i, 0)
		t := plot.Tick{Value: v}
		if (int(m.Month())-1)%step == 0 || a.n == 1 {
			t.Label = m.Format("Jan 2006")
		}
		ticks = append(ticks, t)
	}
	return ticks
}
