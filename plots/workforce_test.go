package plots_test

import (
	"errors"
	"testing"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

// TestWorkforceParts: a role with no staff is left out, each role drawn
// has its in-post and needed lines at the values given, and the agency
// line sits in the lower panel.
func TestWorkforceParts(t *testing.T) {
	t.Parallel()
	w := plots.Workforce{Place: "Northshire", Years: []string{"2025/26", "2026/27"}, Roles: []plots.StaffRole{
		{Name: "Nurses", Needed: []float64{100, 110}, InPost: []float64{90, 95}, Agency: []float64{8, 12}},
		{Name: "GPs", Needed: []float64{0, 0}, InPost: []float64{0, 0}, Agency: []float64{0, 0}},
	}}
	f, err := plots.WorkforceByYear(w)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Panels[0].Title.Text, "Staff in post and needed by role, Northshire"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	want := []string{"Nurses, in post", "Nurses, needed", "Below: bank and agency, colour by role"}
	if len(f.Legend) != len(want) {
		t.Fatalf("legend %v, want %q", f.Legend, want)
	}
	for i, name := range want {
		if f.Legend[i].Name != name {
			t.Errorf("legend[%d] = %q, want %q", i, f.Legend[i].Name, name)
		}
	}
	e, _ := f.Entry("Nurses, needed")
	if got := e.Thumbs[0].(*plotter.Line).XYs[1].Y; got != 110 {
		t.Errorf("nurses needed in the second year drawn at %v, want 110", got)
	}
}

func TestWorkforceErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.WorkforceByYear(plots.Workforce{Years: []string{"2025/26"}}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("no roles: %v, want ErrNoData", err)
	}
	bad := plots.Workforce{Years: []string{"2025/26"}, Roles: []plots.StaffRole{{Name: "Nurses", Needed: []float64{1, 2}}}}
	if _, err := plots.WorkforceByYear(bad); err == nil || errors.Is(err, plots.ErrNoData) {
		t.Errorf("lengths differ: %v, want an error", err)
	}
}
