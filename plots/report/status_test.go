package report

import "testing"

// TestIsShare checks which calibration measures the report gives in per
// cent: fractions and ratios of like counts, not counts, days or money.
func TestIsShare(t *testing.T) {
	t.Parallel()
	for measure, want := range map[string]bool{
		"acute_occupancy_mean": true,
		"acute_delayed_patients_mean / acute_beds_occupied_mean": true,
		"acute_los_mean_days":        false,
		"admissions per year":        false,
		"deficit_final_year_gbp (£)": false,
		"ed_4h_performance (fraction of departures within 4 hours)": true,
	} {
		if got := isShare(measure); got != want {
			t.Errorf("isShare(%q) = %v, want %v", measure, got, want)
		}
	}
}
