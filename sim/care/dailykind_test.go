package care

import "testing"

func TestDailyIsCount(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		k     int
		count bool
	}{
		{DailyAEDepartures, true},
		{DailyAE4hBreaches, true},
		{DailyNELAdmissions, true},
		{DailyCareHomeAdmissions, true},
		{DailyAcuteMean, false},     // a time-weighted level
		{DailyAcuteMidnight, false}, // a census
		{DailyAcuteBeds, false},     // a capacity
		{DailyAcuteDelayed, false},
	} {
		if got := DailyIsCount(c.k); got != c.count {
			t.Errorf("DailyIsCount(%s) = %v, want %v", DailyMeasures[c.k].Name, got, c.count)
		}
	}
}
