package report

import (
	"testing"

	"caresim/results"
)

// TestWomensSection checks the report's section on the women's and
// children's services: absent when the run has no births and no children
// assessed (every scenario without the services, and one with them
// switched on but idle), and otherwise a row for each of its metrics the
// run measured, in womensMetrics' order, the fractions as percentages.
func TestWomensSection(t *testing.T) {
	t.Parallel()
	summary := func(ms ...results.Metric) *results.Summary {
		return &results.Summary{Manifest: results.Manifest{Start: "2014-04-01", Days: 365}, Metrics: ms}
	}
	m := func(name, unit string, mean float64) results.Metric {
		return results.Metric{Name: name, Unit: unit, Mean: results.Number(mean), CILow: results.Number(mean - 1),
			CIHigh: results.Number(mean + 1), N: 4, Doc: name}
	}
	if v := womensSection(summary(m("ed_attendances_per_year", "per year", 150000))); v != nil {
		t.Errorf("a run without the services has a section: %+v", v)
	}
	if v := womensSection(summary(m("births_per_year", "per year", 0), m("paediatric_assessments_per_year", "per year", 0))); v != nil {
		t.Errorf("a run with no births and no children assessed has a section: %+v", v)
	}
	v := womensSection(summary(m("paediatric_admissions_per_year", "per year", 2950), m("births_per_year", "per year", 3216),
		m("maternity_occupancy_mean", "fraction", 0.6), m("ed_attendances_per_year", "per year", 150000)))
	if v == nil {
		t.Fatal("a run with births has no section")
	}
	want := []string{"births_per_year", "maternity_occupancy_mean", "paediatric_admissions_per_year"}
	if len(v.Table.Rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(v.Table.Rows), len(want), v.Table.Rows)
	}
	for i, row := range v.Table.Rows {
		if row.Cells[0].Note != want[i] {
			t.Errorf("row %d is %s, want %s", i, row.Cells[0].Note, want[i])
		}
	}
	if got := v.Table.Rows[1].Cells[1].Text; got != "%" {
		t.Errorf("the occupancy's unit is shown as %q, want %%", got)
	}
}
