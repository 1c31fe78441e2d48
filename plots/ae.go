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
	monthPanels(ms[0].start, m, f.Panels...)
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
	countAxis(waits, wmax)

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
		if err := noneNote(waits, m, NoWaits12h); err != nil {
			return nil, err
		}
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
	ms := aeMonths(a)
	_, month := monthsOf(a.Start, len(a.Departures))
	for _, k := range month {
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
	firsts, month := monthsOf(a.Start, len(a.Departures))
	ms := make([]aeMonth, len(firsts))
	for k, first := range firsts {
		ms[k].start = first
	}
	for i, k := range month {
		mo := &ms[k]
		mo.departures += a.Departures[i]
		mo.breaches += a.Breaches[i]
		if a.Waits12h != nil {
			mo.waits12h += a.Waits12h[i]
		}
	}
	return ms
}

// monthsOf returns the first day of each calendar month that the n days
// from start touch, in order, and for each day the index of its month.
func monthsOf(start time.Time, n int) (firsts []time.Time, month []int) {
	month = make([]int, n)
	for i := range n {
		d := start.AddDate(0, 0, i)
		first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		if len(firsts) == 0 || !firsts[len(firsts)-1].Equal(first) {
			firsts = append(firsts, first)
		}
		month[i] = len(firsts) - 1
	}
	return firsts, month
}

// monthPanels sets the x axes of panels ps to the m calendar months from
// first, one position a month.
func monthPanels(first time.Time, m int, ps ...*plot.Plot) {
	for _, p := range ps {
		p.X.Tick.Marker = monthAxis{first: first, n: m}
		p.X.Min, p.X.Max = -0.5, float64(m)-0.5
	}
}

// countAxis sets panel p's y axis for counts of patients up to max: from 0
// to 10% above it (at least 1), ticked at whole patients, never 0.5.
func countAxis(p *plot.Plot, max float64) {
	p.Y.Min, p.Y.Max = 0, math.Max(1, max*1.1)
	p.Y.Tick.Marker = losTicks{step: math.Max(1, losStep(p.Y.Max/4))}
}

// noneNote writes msg across the middle of panel p of m months, which has
// nothing to draw.
func noneNote(p *plot.Plot, m int, msg string) error {
	none, err := note(float64(m-1)/2, p.Y.Max/2, msg, grey, draw.YCenter, vg.Point{})
	if err != nil {
		return err
	}
	none.TextStyle[0].XAlign = text.XCenter
	none.TextStyle[0].Font.Size = vg.Points(11)
	p.Add(none)
	return nil
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
