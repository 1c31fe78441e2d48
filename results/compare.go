package results

import (
	"encoding/csv"
	"io"
	"math"

	"caresim/sim"
)

// CompareHeader is compare.csv's header.
var CompareHeader = []string{"metric", "unit", "scenario", "mean", "ci_low", "ci_high", "diff_mean", "diff_ci_low", "diff_ci_high"}

// Comparison is the layout of compare's summary.json, format version 1.
type Comparison struct {
	FormatVersion int             `json:"format_version"`
	First         string          `json:"first"` // differences are each scenario − this one
	Sets          []string        `json:"sets"`
	Manifests     []Manifest      `json:"manifests"`
	Metrics       []CompareMetric `json:"metrics"`
	// Bridge is the priced scenarios' gap bridges compared
	// (NewCompareBridge), as bridge.csv holds them; left out when the
	// first scenario is not priced.
	Bridge []CompareBridgeRow `json:"bridge,omitempty"`
}

// CompareMetric is one metric of a comparison: its name, unit and
// meaning, and each scenario's result.
type CompareMetric struct {
	Name      string          `json:"name"`
	Unit      string          `json:"unit"`
	Doc       string          `json:"doc"`
	Scenarios []CompareResult `json:"scenarios"`
}

// CompareResult is one scenario's result in one metric of a
// comparison: its mean and confidence interval across replications, and
// its paired difference to the first scenario (NaN for the first).
type CompareResult struct {
	Scenario   string `json:"scenario"`
	Mean       Number `json:"mean"`
	SD         Number `json:"sd"`
	CILow      Number `json:"ci_low"`
	CIHigh     Number `json:"ci_high"`
	N          int    `json:"n"`
	DiffMean   Number `json:"diff_mean"`
	DiffSD     Number `json:"diff_sd"`
	DiffCILow  Number `json:"diff_ci_low"`
	DiffCIHigh Number `json:"diff_ci_high"`
	DiffN      int    `json:"diff_n"` // replications in which both measured it
}

// NewComparison is the summary.json of the comparison c of the scenarios
// labelled labels (the first the base), run with the overrides sets, with
// each one's manifest: each metric's mean and interval in each scenario,
// and its paired difference to the first (NaN for the first itself).
func NewComparison(labels []string, manifests []Manifest, sets []string, c *sim.Comparison) *Comparison {
	s := &Comparison{FormatVersion: SummaryFormat, First: labels[0], Sets: append([]string{}, sets...), Manifests: manifests}
	nan := Number(math.NaN())
	for k, m := range c.Metrics[0] {
		cm := CompareMetric{Name: m.Name, Unit: m.Unit, Doc: m.Doc}
		for i, label := range labels {
			v, d := c.Metrics[i][k].Summary, c.Diffs[i][k]
			res := CompareResult{
				Scenario: label, Mean: Number(v.Mean), SD: Number(v.SD), CILow: Number(v.Lo()), CIHigh: Number(v.Hi()), N: v.N,
				DiffMean: nan, DiffSD: nan, DiffCILow: nan, DiffCIHigh: nan,
			}
			if i > 0 {
				res.DiffMean, res.DiffSD, res.DiffCILow, res.DiffCIHigh, res.DiffN = Number(d.Mean), Number(d.SD), Number(d.Lo()), Number(d.Hi()), d.N
			}
			cm.Scenarios = append(cm.Scenarios, res)
		}
		s.Metrics = append(s.Metrics, cm)
	}
	return s
}

// WriteCompareCSV writes compare.csv of the comparison c of the scenarios
// labelled labels (the first the base): metric by metric and, within one,
// in the order of labels, each scenario's mean and interval and, after the
// first, its paired difference to the first.
func WriteCompareCSV(w io.Writer, labels []string, c *sim.Comparison) error {
	cw := csv.NewWriter(w)
	cw.Write(CompareHeader)
	for k, m := range c.Metrics[0] {
		for s, label := range labels {
			v := c.Metrics[s][k].Summary
			row := []string{m.Name, m.Unit, label, Cell(v.Mean), Cell(v.Lo()), Cell(v.Hi()), "", "", ""}
			if s > 0 {
				d := c.Diffs[s][k]
				row[6], row[7], row[8] = Cell(d.Mean), Cell(d.Lo()), Cell(d.Hi())
			}
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}
