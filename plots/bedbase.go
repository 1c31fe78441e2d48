package plots

import (
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// BedBase is a bed pool's base as a bed-management rule keeps it, each day
// the mean across replications, the input to [BedBaseOverTime]. Day i is
// Start plus i days; every series given has one value per day, and a nil
// series is left out.
type BedBase struct {
	Pool  string    // bed pool, e.g. "Acute"
	Place string    // system or site, e.g. "Northshire"
	Start time.Time // calendar date of day 0 (UTC midnight)

	Planned    []float64 // beds planned, before the rule closes any or opens escalation beds
	Open       []float64 // beds open: planned, less those closed, plus escalation beds
	Escalation []float64 // of the beds open, escalation beds
	Occupied   []float64 // beds occupied

	Interventions []Marker // start dates to mark
}

// Legend names used by [BedBaseOverTime], so that callers and tests can
// find the series. Intervention start dates are listed as [LegendMarker].
const (
	LegendPlanned    = "Beds planned"
	LegendOpen       = "Beds open"
	LegendEscalation = "Escalation beds open"
	LegendOccupied   = "Beds occupied"
)

// BedBaseOverTime draws what a bed-management rule does to a pool's beds:
// the beds planned as a dashed step line, the beds open as a solid one
// (the gap between them is the beds the rule has closed, or opened above
// the plan), the escalation beds open, and the beds occupied, with a
// dotted vertical line and label at each intervention's start date. It
// returns [ErrNoData] when no series has data, and an error when the
// series' lengths differ.
func BedBaseOverTime(b BedBase) (*Figure, error) {
	lines := []struct {
		daily
		colour color.Color
		width  float64
		dashes []vg.Length
		step   bool
	}{
		{daily{LegendPlanned, b.Planned}, grey, 1.5, dashed, true},
		{daily{LegendOpen, b.Open}, vermillion, 2, nil, true},
		{daily{LegendEscalation, b.Escalation}, orange, 1.5, dashDot, true},
		{daily{LegendOccupied, b.Occupied}, black, 1.5, nil, false},
	}
	n, err := sameDays("bed base of "+b.Pool, lines[0].daily, lines[1].daily, lines[2].daily, lines[3].daily)
	if err != nil {
		return nil, err
	}
	title := fmt.Sprintf("%s beds planned, open and occupied, %s", b.Pool, b.Place)
	if b.Place == "" {
		title = fmt.Sprintf("%s beds planned, open and occupied", b.Pool)
	}
	p := newPanel(title, "Date", "Beds")
	day := dateAxis(p, b.Start, n)
	p.Y.Tick.Marker = labelTicks{trim}
	f := &Figure{Panels: []*plot.Plot{p}}
	headroom(p, b.Planned, b.Open, b.Occupied)
	for _, l := range lines {
		if l.v == nil {
			continue
		}
		line, err := strokedLine(series(n, day, l.v), l.colour, l.width, l.dashes)
		if err != nil {
			return nil, err
		}
		if l.step {
			line.StepStyle = plotter.PostStep
		}
		p.Add(line)
		f.Legend = append(f.Legend, LegendEntry{l.name, []plot.Thumbnailer{line}})
	}
	if err := addMarkers(f, p, b.Interventions, day(0), day(n-1)); err != nil {
		return nil, err
	}
	return f, nil
}
