package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"caresim/results"
)

// TestSweepHeadlineManyPoints checks the headline table of a sweep of
// more points than sweepColumns: a row per point, with its parameters
// and the metric charted only, and a note that sweep.csv holds the rest.
func TestSweepHeadlineManyPoints(t *testing.T) {
	t.Parallel()
	// A grid of one parameter, a mean length of stay of p days at point
	// p, and one metric, m, a fraction: 0.5 and 0.6 in the two
	// replications of every point.
	man := &results.Sweep{Scenario: "s", Replications: 2,
		Parameters: []results.Measure{{Name: "services.acute.length_of_stay.mean", Unit: "days", Doc: "--set services.acute.length_of_stay.mean=0d:6d:1d"}},
		Metrics:    []results.Measure{{Name: "m", Unit: "fraction"}}}
	d := results.SweepData{Man: man, Header: man.Header()}
	for p := range sweepColumns + 1 {
		for r := range 2 {
			d.Rows = append(d.Rows, []string{strconv.Itoa(p), strconv.Itoa(r), strconv.Itoa(p), fmt.Sprintf("0.%d", 5+r)})
		}
	}
	tab, notes := sweepHeadline(d, d.Points(), []string{"m"})
	var header []string
	for _, h := range tab.Header {
		header = append(header, h.Text)
	}
	if want := []string{"Point", "Acute length of stay, mean (days)", "m (%)"}; !slices.Equal(header, want) {
		t.Errorf("header %q, want %q", header, want)
	}
	if len(tab.Rows) != sweepColumns+1 {
		t.Fatalf("%d rows, want one per point, %d", len(tab.Rows), sweepColumns+1)
	}
	// Replications 0.5 and 0.6: the mean 55%, and the interval's
	// half-width t(0.975, 1) × 0.0707 / √2 × 100 = 12.706 × 5 = 63.5,
	// to two figures 64.
	if c := tab.Rows[3].Cells; c[1].Text != "3" || c[2].Text != "55" || c[2].Note != "± 64" {
		t.Errorf("point 3: %+v, want 3 days and 55 ± 64 %%", c)
	}
	if !slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, "The full table is sweep.csv") }) {
		t.Errorf("notes %q do not say where the full table is", notes)
	}
}
