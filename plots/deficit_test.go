package plots_test

import (
	"errors"
	"testing"

	"caresim/plots"
)

func TestDeficitTrajectoryParts(t *testing.T) {
	t.Parallel()
	e := plots.Estimate{Mean: 2e6, Lo: 1.5e6, Hi: 2.5e6}
	d := plots.Deficit{
		Body:     "Northshire ICB",
		Years:    []string{"2025/26", "2026/27"},
		Baseline: plots.Gap{Name: "Baseline", Annual: []plots.Estimate{e, e}, Cumulative: []plots.Estimate{e, e}},
		Scenario: plots.Gap{Name: "Virtual wards", Annual: []plots.Estimate{e, e}, Cumulative: []plots.Estimate{e, e}},
	}
	f, err := plots.DeficitTrajectory(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 2 {
		t.Fatalf("%d panels, want annual and cumulative", len(f.Panels))
	}
	if got, want := f.Panels[0].Title.Text, "Financial gap by year, Northshire ICB"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	for i, want := range []string{"Annual gap (£)", "Cumulative gap (£)"} {
		if got := f.Panels[i].Y.Label.Text; got != want {
			t.Errorf("panel %d y label = %q, want %q", i, got, want)
		}
	}
	if got := f.Panels[1].X.Label.Text; got != "Financial year" {
		t.Errorf("x label = %q, want Financial year", got)
	}
	for _, name := range []string{"Baseline, annual", "Baseline, cumulative", "Virtual wards, annual", "Virtual wards, cumulative"} {
		if _, ok := f.Entry(name); !ok {
			t.Errorf("no %q legend entry", name)
		}
	}
	ticks := f.Panels[0].Y.Tick.Marker.Ticks(0, 3e6)
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if len(labels) == 0 || labels[len(labels)-1] != "£3m" {
		t.Errorf("money tick labels = %q, want them to end with £3m", labels)
	}
}

func TestDeficitTrajectoryErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.DeficitTrajectory(plots.Deficit{Body: "X"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty: err = %v, want ErrNoData", err)
	}
	d := plots.Deficit{Years: []string{"2025/26"}, Baseline: plots.Gap{Name: "Baseline"}}
	if _, err := plots.DeficitTrajectory(d); err == nil {
		t.Error("missing values: no error")
	}
}
