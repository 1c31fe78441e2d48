package plots

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// LOS is the length-of-stay distribution of one bed pool, as a histogram of
// stays, the input to [LengthOfStay]. Bin k of Counts holds the stays that
// lasted from k·BinWidth days up to, but not including, (k+1)·BinWidth days.
type LOS struct {
	Pool  string // bed pool, e.g. "Acute"
	Place string // system or site, and the scenario if wanted, e.g. "Northshire (baseline)"

	BinWidth float64   // width of each bin, in days; must be > 0
	Counts   []float64 // stays in each bin (any scale: counts or means across replications)

	Mean, Median float64 // mean and median length of stay, in days
}

// Legend names used by [LengthOfStay], so that callers and tests can find the
// series. The mean and median are listed with their values, as
// "Mean, 5.2 days" and "Median, 3 days" (to a tenth of a day).
const (
	LegendLOSShare      = "Share of stays"
	LegendLOSCumulative = "Cumulative share"
)

// LengthOfStayCut is the cumulative share of stays, in percent, that
// [LengthOfStay]'s x axis covers at least; the axis ends at the first bar
// edge, rounded up to a round number of bars, where the share is reached.
const LengthOfStayCut = 99

// LengthOfStay draws the length-of-stay distribution of one bed pool in two
// aligned panels: the share of stays in each bar, in percent, and below it
// the cumulative share from 0 to 100% as a line through every bin's upper
// edge. When the axis would hold more than about 60 bins, adjacent bins are
// merged into bars a round width (half a day, a day, two days, a week, …)
// wide, which the y label gives. The mean (dashed) and median (dash-dotted)
// are drawn as vertical lines across both panels. Long right tails are cut
// where the cumulative share first reaches [LengthOfStayCut]% (never before
// the mean or median, and rounded up to a round number of bars), and the x
// label then says how many days are shown and what share of stays lies
// beyond them. The x axis is ticked at whole days, weeks or fortnights.
//
// It returns [ErrNoData] when Counts is empty or sums to zero, and an error
// when BinWidth is not positive or a count is negative.
func LengthOfStay(s LOS) (*Figure, error) {
	total := 0.0
	for k, c := range s.Counts {
		if c < 0 || math.IsNaN(c) {
			return nil, fmt.Errorf("plots: length of stay for %s: bin %d has %v stays, want >= 0", s.Pool, k, c)
		}
		total += c
	}
	if total == 0 {
		return nil, fmt.Errorf("plots: length of stay for %s: %w", s.Pool, ErrNoData)
	}
	if !(s.BinWidth > 0) {
		return nil, fmt.Errorf("plots: length of stay for %s: bin width %v days, want > 0", s.Pool, s.BinWidth)
	}

	share := make([]float64, len(s.Counts))
	cum := make([]float64, len(s.Counts)) // share of stays up to bin k's upper edge
	run := 0.0
	for k, c := range s.Counts {
		share[k] = 100 * c / total
		run += c
		cum[k] = 100 * run / total
	}
	bins, merge, beyond := losCut(s, cum)
	width := float64(merge) * s.BinWidth // of a bar, in days
	xmax := float64(bins) * s.BinWidth

	title := fmt.Sprintf("%s length of stay", s.Pool)
	if s.Place != "" {
		title = fmt.Sprintf("%s length of stay, %s", s.Pool, s.Place)
	}
	xLabel := "Length of stay (days)"
	if beyond > 0 {
		xLabel = fmt.Sprintf("Length of stay (days); stays over %s days (%s of stays) not shown", trim(xmax), losPercent(beyond))
	}
	hist := newPanel(title, "", fmt.Sprintf("Share of stays (%%, %s-day bins)", trim(width)))
	cumul := newPanel("", xLabel, "Cumulative share of stays (%)")
	f := &Figure{Panels: []*plot.Plot{hist, cumul}}

	// Each bar sums merge bins; the bins past the end of Counts are empty.
	bars := make([]float64, bins/merge)
	for k, v := range share[:min(bins, len(share))] {
		bars[k/merge] += v
	}
	top := 0.0
	for _, v := range bars {
		top = math.Max(top, v)
	}
	hist.Y.Min, hist.Y.Max = 0, top*1.05
	cumul.Y.Min, cumul.Y.Max = 0, 100
	hist.Y.Tick.Marker = losTicks{step: losStep(top / 4), unit: "%"}
	cumul.Y.Tick.Marker = losTicks{step: 25, unit: "%"}
	for _, p := range f.Panels {
		p.X.Min, p.X.Max = 0, xmax
		p.X.Tick.Marker = losDayTicks(xmax)
	}

	rings := make([]plotter.XYer, len(bars))
	for k, v := range bars {
		x0, x1 := float64(k)*width, float64(k+1)*width
		rings[k] = plotter.XYs{{X: x0, Y: 0}, {X: x1, Y: 0}, {X: x1, Y: v}, {X: x0, Y: v}}
	}
	// The cumulative share keeps every bin's upper edge.
	steps := make(plotter.XYs, min(bins, len(cum))+1)
	for k := range steps[1:] {
		steps[k+1] = plotter.XY{X: float64(k+1) * s.BinWidth, Y: cum[k]}
	}
	barPlot, err := outlinedBars(blue, black, rings...)
	if err != nil {
		return nil, err
	}
	hist.Add(barPlot)
	line, err := strokedLine(steps, blue, 2, nil)
	if err != nil {
		return nil, err
	}
	cumul.Add(line)
	f.Legend = append(f.Legend,
		LegendEntry{LegendLOSShare, []plot.Thumbnailer{barPlot}},
		LegendEntry{LegendLOSCumulative, []plot.Thumbnailer{line}})

	for _, m := range []struct {
		name   string
		days   float64
		dashes []vg.Length
		colour color.Color
	}{{"Mean", s.Mean, dashed, vermillion}, {"Median", s.Median, dashDot, black}} {
		var thumb *plotter.Line
		for _, p := range f.Panels {
			l, err := strokedLine(plotter.XYs{{X: m.days, Y: p.Y.Min}, {X: m.days, Y: p.Y.Max}}, m.colour, 1.5, m.dashes)
			if err != nil {
				return nil, err
			}
			p.Add(l)
			thumb = l
		}
		name := fmt.Sprintf("%s, %s days", m.name, strings.TrimSuffix(fmt.Sprintf("%.1f", m.days), ".0"))
		f.Legend = append(f.Legend, LegendEntry{name, []plot.Thumbnailer{thumb}})
	}
	return f, nil
}

// losMaxBars is about the most bars [LengthOfStay] draws: finer bins are
// merged into wider bars, so that a long axis of 6-hour bins is not
// hundreds of noisy slivers.
const losMaxBars = 60

// losBarWidths are the widths, in days, that merged bars may have, so that
// their edges fall on round numbers of days: quarter and half days, days,
// weeks and multiples of them.
var losBarWidths = []float64{0.25, 0.5, 1, 2, 7, 14, 28, 56, 112, 364}

// losCut returns how many bins of s the x axis shows, how many of them
// each bar merges, and the share of stays, in percent, beyond the axis,
// given the cumulative shares cum. The axis reaches the first bin where
// the cumulative share reaches [LengthOfStayCut]%, stretched to show the
// mean and median; bars are then merged by [losMerge], and the axis
// rounded up by [losRound] to a round number of bars, and to no more bars
// than hold the last stay. The bins shown may run past Counts when a bar
// is wider than what is left of it: they are empty.
func losCut(s LOS, cum []float64) (bins, merge int, beyond float64) {
	last := len(cum) - 1
	for s.Counts[last] == 0 {
		last--
	}
	// Allow for rounding in the running sum: 7 bins of 99/7% reach 99%.
	k := 0
	for cum[k] < LengthOfStayCut-1e-9 {
		k++
	}
	bins = max(k+1, int(math.Ceil(math.Max(s.Mean, s.Median)/s.BinWidth-1e-9)))
	merge = losMerge(s.BinWidth, bins)
	bars := losRound((bins + merge - 1) / merge)
	if all := (last + merge) / merge; bars >= all {
		return all * merge, merge, 0
	}
	return bars * merge, merge, 100 - cum[bars*merge-1]
}

// losMerge returns how many bins of width days each bar of an axis of
// bins bins merges: 1 when there are at most [losMaxBars], else the
// fewest whose total width is one of [losBarWidths] and leaves at most
// [losMaxBars] bars, else the fewest that leave at most [losMaxBars].
func losMerge(width float64, bins int) int {
	if bins <= losMaxBars {
		return 1
	}
	for _, w := range losBarWidths {
		m := math.Round(w / width)
		if m >= 1 && math.Abs(m*width-w) < 1e-9*w && float64(bins)/m <= losMaxBars {
			return int(m)
		}
	}
	return (bins + losMaxBars - 1) / losMaxBars
}

// losRound rounds n bars up to a round number: a whole number up to 10,
// then a multiple of 5 up to 100, of 50 up to 1000, and so on.
func losRound(n int) int {
	step := 1
	for m := 10; n > m; m *= 10 {
		step = m / 2
	}
	return (n + step - 1) / step * step
}

// losPercent formats a small share in percent: 0.6%, 1.2%, or "under 0.1%".
func losPercent(v float64) string {
	if v < 0.05 {
		return "under 0.1%"
	}
	return fmt.Sprintf("%.1f%%", v)
}

// losTicks labels multiples of step with unit appended: 0%, 25%, 50%, …
// When minor is set, it also places unlabelled ticks at its multiples.
type losTicks struct {
	step, minor float64
	unit        string
}

// Ticks implements [plot.Ticker].
func (l losTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	every := l.step
	if l.minor > 0 {
		every = l.minor
	}
	for i := math.Ceil(min / every); i*every <= max+every*1e-9; i++ {
		v := i*every + 0 // + 0 turns -0 into 0, which prints without a sign
		t := plot.Tick{Value: v}
		if r := v / l.step; math.Abs(r-math.Round(r)) < 1e-9 {
			t.Label = trim(v) + l.unit
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// losDayTicks ticks an axis of 0 to max days at round steps: each half
// day up to 2 days, each day or two up to 16, each week up to 8 weeks
// with a minor tick a day, then every 2 or 4 weeks with a minor tick a
// week, and past 40 weeks at multiples of 50 or 100 days (never 35 or
// 70, which read as neither weeks nor tens).
func losDayTicks(max float64) losTicks {
	switch {
	case max <= 2:
		return losTicks{step: 0.5, minor: 0.25}
	case max <= 8:
		return losTicks{step: 1}
	case max <= 16:
		return losTicks{step: 2, minor: 1}
	case max <= 56:
		return losTicks{step: 7, minor: 1}
	case max <= 140:
		return losTicks{step: 14, minor: 7}
	case max <= 280:
		return losTicks{step: 28, minor: 7}
	}
	step := losStep(max / 8)
	return losTicks{step: step, minor: step / 5}
}

// losStep returns the smallest of 1, 2 and 5 times a power of ten that is at
// least v.
func losStep(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
