package plots

import (
	"slices"
	"testing"
	"time"

	"caresim/results"
	"caresim/sim/care"
)

// TestMonthlyShare works the A&E overlay's monthly 4-hour performance
// by hand: from 29 April, two April days with 10 departures and 1 breach
// each (18 of 20 within 4 hours: 90%), then two May days with 20
// departures, 4 breaches, and none (16 of 20: 80%), each day showing
// its month's share; a month with no departures shows 0.
func TestMonthlyShare(t *testing.T) {
	t.Parallel()
	r := results.NewRunData()
	r.Start = time.Date(2014, time.April, 29, 0, 0, 0, 0, time.UTC)
	r.Daily[care.DailyAEDepartures].Mean = []float64{10, 10, 20, 0}
	r.Daily[care.DailyAE4hBreaches].Mean = []float64{1, 1, 4, 0}
	if got, want := monthlyShare(r), []float64{90, 90, 80, 80}; !slices.Equal(got, want) {
		t.Errorf("monthlyShare = %v, want %v", got, want)
	}
	r.Daily[care.DailyAEDepartures].Mean = []float64{0, 0, 20, 0}
	if got, want := monthlyShare(r), []float64{0, 0, 80, 80}; !slices.Equal(got, want) {
		t.Errorf("monthlyShare with an empty April = %v, want %v", got, want)
	}
}
