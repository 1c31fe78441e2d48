package plots_test

import (
	"errors"
	"testing"

	"gonum.org/v1/plot"

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

// tickTexts returns the labels of the labelled ticks, in order.
func tickTexts(ticks []plot.Tick) []string {
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	return labels
}

// checkErr checks that a chart refused the input of case name with an
// error, and that the error is [plots.ErrNoData] exactly when noData is set.
func checkErr(t *testing.T, name string, err error, noData bool) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", name)
	} else if got := errors.Is(err, plots.ErrNoData); got != noData {
		t.Errorf("%s: err = %v; ErrNoData is %v, want %v", name, err, got, noData)
	}
}
