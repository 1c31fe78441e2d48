package plots_test

import (
	"testing"

	"caresim/plots"
)

// checkAxes checks that f has one panel per y label, that the first panel's
// title is title, that the panels' y labels are yLabels in order, and that
// the last panel's x label is xLabel.
func checkAxes(t *testing.T, f *plots.Figure, title, xLabel string, yLabels ...string) {
	t.Helper()
	if len(f.Panels) != len(yLabels) {
		t.Fatalf("%d panels, want %d", len(f.Panels), len(yLabels))
	}
	if got := f.Panels[0].Title.Text; got != title {
		t.Errorf("title = %q, want %q", got, title)
	}
	for i, want := range yLabels {
		if got := f.Panels[i].Y.Label.Text; got != want {
			t.Errorf("panel %d y label = %q, want %q", i, got, want)
		}
	}
	if got := f.Panels[len(f.Panels)-1].X.Label.Text; got != xLabel {
		t.Errorf("x label = %q, want %q", got, xLabel)
	}
}
