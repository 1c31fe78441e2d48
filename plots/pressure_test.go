package plots_test

import (
	"errors"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

// TestPressureResponsesMonths checks the monthly figures by hand over four
// days that straddle a new year: Dec 30 and 31 make December, Jan 1 and 2
// make January; each series is the month's sum.
func TestPressureResponsesMonths(t *testing.T) {
	t.Parallel()
	p := plots.Pressure{
		Place:      "Northshire General",
		Start:      time.Date(2024, time.December, 30, 0, 0, 0, 0, time.UTC),
		Shortened:  []float64{10, 20, 30, 40}, // December 30, January 70
		DaysCut:    []float64{1, 2, 4, 8},     // December 3, January 12
		LeftUnseen: []float64{0, 5, 6, 7},     // December 5, January 13
	}
	f, err := plots.PressureResponses(p)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]float64{plots.LegendShortened: {30, 70}, plots.LegendLeftUnseen: {5, 13}} {
		e, ok := f.Entry(name)
		if !ok {
			t.Fatalf("no %q legend entry", name)
		}
		bars := e.Thumbs[0].(*plotter.Polygon)
		for i, w := range want {
			if got := bars.XYs[i][2].Y; got != w {
				t.Errorf("%s in month %d = %v, want %v", name, i, got, w)
			}
		}
	}
	e, ok := f.Entry(plots.LegendDaysCut)
	if !ok {
		t.Fatalf("no %q legend entry", plots.LegendDaysCut)
	}
	got := e.Thumbs[0].(*plotter.Line).XYs
	for i, w := range []float64{3, 12} {
		if got[i].Y != w {
			t.Errorf("%s in month %d = %v, want %v", plots.LegendDaysCut, i, got[i].Y, w)
		}
	}
}

func TestPressureResponsesErrors(t *testing.T) {
	t.Parallel()
	if _, err := plots.PressureResponses(plots.Pressure{Place: "X"}); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty: err = %v, want ErrNoData", err)
	}
	if _, err := plots.PressureResponses(plots.Pressure{Shortened: []float64{1, 2}, DaysCut: []float64{1}, LeftUnseen: []float64{1, 2}}); err == nil {
		t.Error("mismatched lengths: no error")
	}
}
