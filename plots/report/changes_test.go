package report

import (
	"slices"
	"testing"

	"caresim/results"
)

// TestChangesOfEndAndLag checks how the report tells an intervention that
// ends, with a ramp down, and a change that lags.
func TestChangesOfEndAndLag(t *testing.T) {
	t.Parallel()
	m := &results.Manifest{Scenario: "s", Interventions: []results.Intervention{
		{Name: "winter-ward", Start: "2015-11-01", End: "2016-03-31", RampDownDays: 14, Changes: []results.Change{
			{Path: "services.acute.beds", Op: "add", Low: 24, Central: 24, High: 24},
		}},
		{Name: "prism", Start: "2014-10-01", RampDays: 730.5, Changes: []results.Change{
			{Path: "services.community.urgent_ratio", Op: "to", Low: 0.75, Central: 0.85, High: 0.97,
				Lag: &results.Lag{Low: 365.25, Central: 730.5, High: 1461}},
			{Path: "services.community.caseload", Op: "to", Low: 3600, Central: 3600, High: 3600,
				Lag: &results.Lag{Low: 90, Central: 90, High: 90}},
		}},
		{Name: "plain", Start: "2015-04-01"},
	}}
	c := changesOf(m)
	want := []interventionView{
		{Name: "winter-ward", Start: "2015-11-01", End: "until 2016-03-31, withdrawn over the last 14 days",
			Changes: []string{"services.acute.beds: add 24"}},
		{Name: "prism", Start: "2014-10-01", Ramp: "reaching its full effect over 2 years", Changes: []string{
			"services.community.urgent_ratio: set to 0.85 (range 0.75 to 0.97, drawn per replication), after a lag of 2 years (range 1 year to 4 years, drawn per replication)",
			"services.community.caseload: set to 3,600, after a lag of 90 days",
		}},
		{Name: "plain", Start: "2015-04-01"},
	}
	for i, w := range want {
		g := c.Interventions[i]
		if g.Name != w.Name || g.Start != w.Start || g.Ramp != w.Ramp || g.End != w.End || !slices.Equal(g.Changes, w.Changes) {
			t.Errorf("intervention %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}
