package plots

import (
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Delays is the daily number of patients delayed in acute beds, waiting to
// leave by each discharge pathway, the input to [DelayedPatients]. Day i is
// Start plus i days; every pathway given has one value per day, and a nil
// pathway is left out of the chart and of the total.
type Delays struct {
	Place string    // system or site, e.g. "Northshire"
	Start time.Time // calendar date of day 0 (UTC midnight)

	// Mean delayed patients across replications, by the pathway they wait for.
	Reablement       []float64 // pathway 1: home with reablement or other support
	IntermediateCare []float64 // pathway 2: an intermediate-care (rehabilitation) bed
	CareHome         []float64 // pathway 3: a care-home placement

	Interventions []Marker // start dates to mark
}

// Legend names used by [DelayedPatients], so that callers and tests can find
// the series. Intervention start dates are listed as [LegendMarker].
const (
	LegendPathway1     = "Pathway 1: reablement"
	LegendPathway2     = "Pathway 2: intermediate-care bed"
	LegendPathway3     = "Pathway 3: care home"
	LegendDelayedTotal = "All pathways"
)

// DelayedPatients draws the patients delayed in acute beds over time: one
// line per discharge pathway (each its own colour and dash pattern) and
// their total as a heavier black line, with a dotted vertical line and label
// at each intervention's start date. It returns [ErrNoData] when no pathway
// has data, and an error when the pathways' lengths differ.
func DelayedPatients(d Delays) (*Figure, error) {
	paths := []struct {
		daily
		colour color.Color
		dashes []vg.Length
	}{
		{daily{LegendPathway1, d.Reablement}, blue, nil},
		{daily{LegendPathway2, d.IntermediateCare}, orange, dashed},
		{daily{LegendPathway3, d.CareHome}, green, dashDot},
	}
	n, err := sameDays("delayed patients in "+d.Place, paths[0].daily, paths[1].daily, paths[2].daily)
	if err != nil {
		return nil, err
	}
	title := "Patients delayed in acute beds, by discharge pathway"
	if d.Place != "" {
		title = fmt.Sprintf("Patients delayed in acute beds, %s, by discharge pathway", d.Place)
	}
	p := newPanel(title, "Date", "Delayed patients")
	day := dateAxis(p, d.Start, n)
	p.Y.Tick.Marker = labelTicks{trim}
	f := &Figure{Panels: []*plot.Plot{p}}

	total := make([]float64, n)
	for _, pw := range paths {
		if pw.v == nil {
			continue
		}
		for i, v := range pw.v {
			total[i] += v
		}
		l, err := strokedLine(series(n, day, pw.v), pw.colour, 1.5, pw.dashes)
		if err != nil {
			return nil, err
		}
		p.Add(l)
		f.Legend = append(f.Legend, LegendEntry{pw.name, []plot.Thumbnailer{l}})
	}
	all, err := strokedLine(series(n, day, total), black, 2.5, nil)
	if err != nil {
		return nil, err
	}
	p.Add(all)
	f.Legend = append(f.Legend, LegendEntry{LegendDelayedTotal, []plot.Thumbnailer{all}})

	headroom(p, total)
	if err := addMarkers(f, p, d.Interventions, day(0), day(n-1)); err != nil {
		return nil, err
	}
	return f, nil
}
