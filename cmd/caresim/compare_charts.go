package main

import (
	"io"
	"math"
	"path/filepath"

	"caresim/plots"
	"caresim/results"
)

// compareDataOf is what the charts of a finished comparison are drawn
// from.
func compareDataOf(c *comparison) results.CompareData {
	d := results.CompareData{Valued: map[string]bool{}}
	for _, r := range c.runs {
		d.Labels = append(d.Labels, r.label)
		d.Runs = append(d.Runs, results.RunDataOf(r.Loaded, r.res))
	}
	for k, m := range c.Metrics[0] {
		if !plots.DiffMetric(m.Name) {
			continue
		}
		for s := range c.runs {
			if x := c.Metrics[s][k].Summary.Mean; x != 0 && !math.IsNaN(x) {
				d.Valued[m.Name] = true
			}
		}
		for s, r := range c.runs[1:] {
			x := c.Diffs[s+1][k]
			d.Diffs = append(d.Diffs, results.Difference{Metric: m.Name, Unit: m.Unit, Scenario: r.label, Mean: x.Mean, Lo: x.Lo(), Hi: x.Hi()})
		}
	}
	d.Bridge = c.bridge()
	return d
}

// addScenarioFiles appends to names and writers each scenario's run
// files, in its subfolder, as run writes them.
func addScenarioFiles(c *comparison, sets []string, names *[]string, writers *[]func(io.Writer) error) {
	for _, r := range c.runs {
		files, ws := results.NewRun(r.Loaded, sets, r.opts, r.res, false, calibrationOf(r.Loaded, sets, r.res)).Files(r.wall)
		for i, name := range files {
			*names = append(*names, filepath.Join(results.ScenarioDir(r.label), name))
			*writers = append(*writers, ws[i])
		}
	}
}
