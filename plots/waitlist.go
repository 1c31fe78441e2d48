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

// WaitingList is an elective waiting list over time, each day the mean
// across replications of its census at midnight, the input to
// [WaitingListOverTime]. Day i is Start plus i days; Over18 has one value
// per day of List.
type WaitingList struct {
	// Title names the list in the chart's title; empty is "Elective
	// waiting list".
	Title string
	Place string    // system or trust, e.g. "Northshire"
	Start time.Time // calendar date of day 0 (UTC midnight)

	List   []float64 // patients on the list (incomplete referral-to-treatment pathways)
	Over18 []float64 // of them, waiting more than 18 weeks since referral

	Interventions []Marker // start dates to mark
}

// RTTStandard is the referral-to-treatment standard drawn by
// [WaitingListOverTime]: the share of the waiting list that should have
// waited 18 weeks or less, in percent (NHS Constitution; NHS England's
// operational standard for incomplete pathways).
const RTTStandard = 92

// Legend names used by [WaitingListOverTime], so that callers and tests
// can find the series. Intervention start dates are listed as
// [LegendMarker].
const (
	LegendWaitingList = "Waiting list"
	LegendOver18      = "Waiting more than 18 weeks"
	LegendWithin18    = "Waiting 18 weeks or less"
	LegendRTTStandard = "92% standard"
)

// WaitingListOverTime draws an elective waiting list in two panels on one
// date axis: above, the patients on the list and those of them waiting
// more than 18 weeks, day by day, with a dotted vertical line and label at
// each intervention's start date; below, the share of the list waiting 18
// weeks or less in each calendar month (the month's patients within 18
// weeks over its patients on the list, summed over its days), a point at
// the middle of the month's days, against the 92% standard as a labelled
// dashed line. It returns [ErrNoData] when there are no days, and an error
// when the series' lengths differ.
func WaitingListOverTime(w WaitingList) (*Figure, error) {
	n, err := sameDays("waiting list of "+w.Place, daily{LegendWaitingList, w.List}, daily{LegendOver18, w.Over18})
	if err != nil {
		return nil, err
	}
	if len(w.List) != n || len(w.Over18) != n {
		return nil, fmt.Errorf("plots: waiting list of %s: %d days of the list and %d of those over 18 weeks", w.Place, len(w.List), len(w.Over18))
	}
	title := "Elective waiting list"
	if w.Title != "" {
		title = w.Title
	}
	title += " and the 18-week standard"
	if w.Place != "" {
		title += ", " + w.Place
	}
	size := newPanel(title, "", "Patients on the list")
	share := newPanel("", "Date", "Within 18 weeks (% of the list)")
	day := dateAxis(size, w.Start, n)
	dateAxis(share, w.Start, n)
	size.Y.Tick.Marker = labelTicks{trim}
	share.Y.Tick.Marker = labelTicks{func(v float64) string { return trim(v) + "%" }}
	f := &Figure{Panels: []*plot.Plot{size, share}}

	headroom(size, w.List)
	list, err := strokedLine(series(n, day, w.List), blue, 2, nil)
	if err != nil {
		return nil, err
	}
	over, err := strokedLine(series(n, day, w.Over18), orange, 1.5, dashed)
	if err != nil {
		return nil, err
	}
	size.Add(list, over)
	f.Legend = append(f.Legend, LegendEntry{LegendWaitingList, []plot.Thumbnailer{list}},
		LegendEntry{LegendOver18, []plot.Thumbnailer{over}})
	if err := addMarkers(f, size, w.Interventions, day(0), day(n-1)); err != nil {
		return nil, err
	}

	var pts plotter.XYs
	lo := float64(RTTStandard)
	for _, mo := range WithinByMonth(w) {
		if mo.List > 0 {
			v := 100 * (1 - mo.Over18/mo.List)
			pts = append(pts, plotter.XY{X: (day(mo.First) + day(mo.Last)) / 2, Y: v})
			lo = math.Min(lo, v)
		}
	}
	// Start the axis a little below the lowest month, on a multiple of 5%.
	share.Y.Min, share.Y.Max = math.Max(0, 5*math.Floor((lo-2)/5)), 100
	standard, err := strokedLine(plotter.XYs{{X: day(0), Y: RTTStandard}, {X: day(n - 1), Y: RTTStandard}}, vermillion, 1.5, dashed)
	if err != nil {
		return nil, err
	}
	label, err := note(day(0), RTTStandard, LegendRTTStandard, vermillion, draw.YBottom, vg.Point{X: vg.Points(3), Y: vg.Points(2)})
	if err != nil {
		return nil, err
	}
	share.Add(standard, label)
	if len(pts) > 0 {
		line, points, err := monthlyLine(pts, blue)
		if err != nil {
			return nil, err
		}
		share.Add(line, points)
		f.Legend = append(f.Legend, LegendEntry{LegendWithin18, []plot.Thumbnailer{line, points}})
	}
	f.Legend = append(f.Legend, LegendEntry{LegendRTTStandard, []plot.Thumbnailer{standard}})
	return f, nil
}

// ListMonth is one calendar month of a waiting list: its first and last
// day (indices of the daily series) and the patients on the list and
// over 18 weeks, each summed over those days.
type ListMonth struct {
	First, Last  int
	List, Over18 float64
}

// WithinByMonth sums w's daily series by calendar month, in order, as
// [WaitingListOverTime] plots them: a month's share within 18 weeks is
// 1 − Over18/List. A month at either end that the days only partly cover
// sums only the days given.
func WithinByMonth(w WaitingList) []ListMonth {
	var ms []ListMonth
	var month time.Month
	for i := range w.List {
		d := w.Start.AddDate(0, 0, i)
		if len(ms) == 0 || d.Month() != month {
			ms = append(ms, ListMonth{First: i})
			month = d.Month()
		}
		mo := &ms[len(ms)-1]
		mo.Last = i
		mo.List += w.List[i]
		mo.Over18 += w.Over18[i]
	}
	return ms
}
