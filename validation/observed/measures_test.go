package observed

import (
	"strings"
	"testing"

	"caresim/sim/care"
)

// TestMeasures checks the measures of a year and of a month: every
// annual measure by year in its own unit, every daily measure by month,
// the ratios by both, and money by year only.
func TestMeasures(t *testing.T) {
	t.Parallel()
	for _, m := range care.AnnualMeasures {
		if got, ok := Lookup(m.Name, false); !ok || got.Unit != m.Unit || got.from != fromAnnual {
			t.Errorf("annual measure %s by year = %+v, %v; want its own, in %s", m.Name, got, ok, m.Unit)
		}
	}
	for k, m := range care.DailyMeasures {
		got, ok := Lookup(m.Name, true)
		if !ok || got.Unit != m.Unit {
			t.Errorf("daily measure %s by month = %+v, %v; want it in %s", m.Name, got, ok, m.Unit)
		}
		if (got.from == fromDailySum) != care.DailyIsCount(k) {
			t.Errorf("daily measure %s is summed over a month: %v, want %v", m.Name, got.from == fromDailySum, care.DailyIsCount(k))
		}
	}
	for _, c := range []struct {
		name         string
		yearly, mon  string // units, "" for none
		yearFromDays bool
	}{
		{"nel_admissions", "spells", "patients", false}, // annual.csv counts spells, daily.csv patients
		{"ae_departures", "patients", "patients", true},
		{"acute_delayed_mean", "patients", "patients", true},
		{"ed_4h_performance", "fraction", "fraction", true},
		{"acute_occupancy_mean", "fraction", "fraction", true},
		{"delayed_bed_days", "bed days", "", false},
		{"deficit_gbp", "£", "", false},
		{"deficit_gbp_acute", "£", "", false},
		{"cost_gbp_social_care", "£", "", false},
		{"ed_attendances_per_year", "", "", false},
	} {
		y, yok := Lookup(c.name, false)
		m, mok := Lookup(c.name, true)
		if yok != (c.yearly != "") || y.Unit != c.yearly || mok != (c.mon != "") || m.Unit != c.mon {
			t.Errorf("%s: by year %q %v, by month %q %v; want %q and %q", c.name, y.Unit, yok, m.Unit, mok, c.yearly, c.mon)
		}
		if yok && (y.from != fromAnnual && y.from != fromMoney) != c.yearFromDays {
			t.Errorf("%s: a year's value from its days is %v, want %v", c.name, y.from != fromAnnual, c.yearFromDays)
		}
	}
	if n := len(Measures(false)); n < care.NumAnnual+len(ratios) {
		t.Errorf("%d measures by year, fewer than the annual measures and ratios", n)
	}
}

func TestLookupHints(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, period, want string
	}{
		{"ed_atendances", "2014/15", `did you mean "ed_attendances"?`},
		{"deficit_gbp_acut", "2014/15", `did you mean "deficit_gbp_acute"?`},
		{"nel_admissions_per_year", "2014-04", "its count in a period is nel_admissions (patients)"},
		{"acute_los_mean_days", "2014/15", "a metric of a whole run"},
		{"hospital_deaths", "2014-04", "by financial year only"},
		{"ae_attendances_all_types", "2014/15", "unknown measure"},
	} {
		p, _ := ParsePeriod(c.period)
		if _, err := lookup(c.name, p); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("lookup(%s, %s) = %v, want %q", c.name, c.period, err, c.want)
		}
	}
}
