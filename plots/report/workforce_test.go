package report

import (
	"math"
	"testing"

	"caresim/results"
	"caresim/sim/care"
)

// TestWorkforceSection: nurses needed 100 and 110, in post 90 and 95,
// vacant 10 and 15, agency 8 and 12, in the first and last of three
// years, one row each, and 2 acute beds closed in the last; GPs with no
// staff are left out, and a run without staff has no section.
func TestWorkforceSection(t *testing.T) {
	t.Parallel()
	d := results.RunData{Years: []string{"2014/15", "2015/16", "2016/17"}}
	for range d.Years {
		a := make([]float64, care.NumAnnual)
		for k := range a {
			a[k] = math.NaN()
		}
		d.Annual = append(d.Annual, a)
	}
	if workforceSection(d) != nil {
		t.Fatal("a section for a run without staff")
	}
	set := func(y int, name string, v float64) { d.Annual[y][care.AnnualIndex(name)] = v }
	for y, v := range [][4]float64{{100, 90, 10, 8}, {105, 92, 13, 10}, {110, 95, 15, 12}} {
		set(y, "wte_needed_nurses", v[0])
		set(y, "wte_in_post_nurses", v[1])
		set(y, "wte_vacant_nurses", v[2])
		set(y, "wte_agency_nurses", v[3])
		set(y, "wte_needed_gps", 0)
		set(y, "acute_units_unstaffed", 0)
	}
	set(2, "acute_units_unstaffed", 2)
	w := workforceSection(d)
	if w == nil {
		t.Fatal("no section")
	}
	var got [][]string
	for _, r := range w.Staff.Rows {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		got = append(got, cells)
	}
	want := [][]string{
		{"Nurses", "2014/15", "100", "90", "10", "8"},
		{"Nurses", "2016/17", "110", "95", "15", "12"},
		{"Units closed for want of staff", "2014/15", "", "", "", "0"},
		{"Units closed for want of staff", "2016/17", "", "", "", "2"},
	}
	if len(got) != len(want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("row %d cell %d = %q, want %q", i, j, got[i][j], want[i][j])
			}
		}
	}
	if h := w.Staff.Header[1].Text; h != "Year" {
		t.Errorf("header %q, want Year: one row a role and year, to fit a page's width", h)
	}
}
