package main

import (
	"context"
	"io"

	"caresim/plots"
	"caresim/plots/report"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/validation"
)

// keepCharts returns draw, remembering in *drawn what it drew, so that the
// report shows the very charts saved to files.
func keepCharts(draw func() ([]plots.Chart, error), drawn *[]plots.Chart) func() ([]plots.Chart, error) {
	return func() ([]plots.Chart, error) {
		cs, err := draw()
		*drawn = cs
		return cs, err
	}
}

// calibrationOf evaluates the baseline's calibration targets against res,
// a run of l with overrides sets, when l is the baseline unchanged
// (report.Calibrated); else nil. It is cheap: a pass over the replications.
func calibrationOf(l *scenarios.Loaded, sets []string, res *sim.Results) []results.Check {
	if !report.Calibrated(l.Chain, sets) {
		return nil
	}
	var out []results.Check
	for _, c := range validation.EvaluateTargets(&l.Params, res) {
		out = append(out, results.Check{
			Case: c.Case, Measure: c.Measure, Expected: results.Number(c.Expected), Simulated: results.Number(c.Sim.Mean),
			CILow: results.Number(c.Sim.Lo()), CIHigh: results.Number(c.Sim.Hi()), N: c.Sim.N, Tolerance: results.Number(c.Tol),
			Pass: c.Pass(), Source: c.Source,
		})
	}
	return out
}

// writeResultsReport writes a finished run's report.html, with the charts drawn
// when drawn (not with --no-plots); dir is its results folder.
func writeResultsReport(w io.Writer, r *results.Run, dir string, charts []plots.Chart, drawn bool) error {
	return report.WriteRun(w, r.Summary(0), r.Data(), charts, drawn, dir)
}

// calibrations evaluates the calibration targets of each scenario of c
// that is the baseline unchanged, by label.
func (c *comparison) calibrations(sets []string) map[string][]results.Check {
	out := map[string][]results.Check{}
	for _, r := range c.runs {
		if checks := calibrationOf(r.Loaded, sets, r.res); checks != nil {
			out[r.label] = checks
		}
	}
	return out
}

// writeSweepReport writes report.html into out, a sweep's folder (see
// report.WriteSweep), and its workbook, under temporary names that are
// renamed.
func writeSweepReport(ctx context.Context, out *results.Folder, charts []plots.Chart, drawn bool) error {
	dir := out.Dir()
	return out.Save(ctx, "report", []string{"report.html", results.WorkbookName}, []func(io.Writer) error{
		sweepReportWriter(dir, charts, drawn),
		bookWriter(func() (*results.Book, error) { return sweepBookOf(dir) }),
	})
}

// sweepReportWriter writes the report.html of the sweep in dir (see
// report.WriteSweep).
func sweepReportWriter(dir string, charts []plots.Chart, drawn bool) func(io.Writer) error {
	return func(w io.Writer) error { return report.WriteSweep(w, dir, charts, drawn) }
}
