package plots

import (
	"fmt"
	"math"
	"time"
)

// Waits12h is the daily departures from the emergency department more
// than 12 hours after arrival, all patients' and those of patients in a
// mental health crisis, the input to [Waits12hByMonth]. Day i is Start
// plus i days; both series have one value per day, means across
// replications.
type Waits12h struct {
	Place string    // system or site, e.g. "Northshire"
	Start time.Time // calendar date of day 0 (UTC midnight)

	All    []float64 // every departure more than 12 hours after arrival
	Crisis []float64 // of them, patients in a mental health crisis

	Interventions []Marker // start dates to mark
}

// Waits12hByMonth draws the ED's departures more than 12 hours after
// arrival in each calendar month, one bar a month: the crisis patients'
// at the bottom and the other patients' above (all less crisis), so that
// a board sees how much of the long waits are mental health's, with a
// dotted vertical line and label at each intervention's start date. A
// month at either end that the days do not cover in full has the days
// they cover. It returns an error when the series' lengths differ, a
// value is negative or not a number, or a day's crisis patients exceed
// its departures.
func Waits12hByMonth(w Waits12h) (*Figure, error) {
	what := "12-hour waits in " + w.Place
	if len(w.All) != len(w.Crisis) {
		return nil, fmt.Errorf("plots: %s: %d days of all patients, %d of crisis patients", what, len(w.All), len(w.Crisis))
	}
	other := make([]float64, len(w.All))
	for i, a := range w.All {
		// Means over replications of whole counts: a difference below
		// rounding is none.
		d := a - w.Crisis[i]
		if d < 0 && d > -1e-9*math.Max(1, a) {
			d = 0
		}
		if d < 0 {
			return nil, fmt.Errorf("plots: %s: day %d has %v crisis patients of %v departures", what, i, w.Crisis[i], a)
		}
		other[i] = d
	}
	title := "ED departures more than 12 hours after arrival, by month"
	if w.Place != "" {
		title += ", " + w.Place
	}
	return monthlyBars(monthly{what: what, title: title, axis: "Departures in the month",
		start: w.Start, markers: w.Interventions, parts: []DelayReason{
			{Name: "In a mental health crisis", Daily: w.Crisis},
			{Name: "Other patients", Daily: other},
		}})
}
