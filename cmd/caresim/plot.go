package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"caresim/plots"
	"caresim/plots/report"
	"caresim/results"

	"github.com/spf13/pflag"
)

func newPlot() *command {
	fs := pflag.NewFlagSet("plot", pflag.ContinueOnError)
	p := addChartFlags(fs)
	quiet := fs.Bool("quiet", false, "no note of the charts drawn")
	metrics := addMetricFlag(fs)
	c := &command{
		name:  "plot",
		usage: "[flags] DIR",
		short: "re-draw the charts of a run's results folder without re-running",
		long: `
Plot re-draws every chart of a folder that caresim run wrote, from its
summary.json, daily.csv, annual.csv and los.csv, without simulating
again: the same charts, byte for byte, that run drew in the same format
(beds over time for each bed pool, the acute bed base when a
bed-management rule closed or opened beds, delays, ae-performance,
ED crowding, waiting-list, waiting-list-outpatients, lengths of stay, the pathway mix, the workforce, for a priced run, the deficit
trajectories, and for a run set beside observed data, the chart of each
observed series, from backcast.csv; see caresim run --help). Use it to draw a run in another
--format, or after --no-plots. It re-writes report.html too, as run
wrote it when it drew charts. The files are written under temporary
names and renamed when all are complete. The folder's files are checked
against what its summary.json or sweep.json says it holds: a file cut
short, a row there twice, a renamed column or a cell that is neither a
number nor empty is refused, with the file, the line and the column.

A comparison's folder (compare.csv, summary.json and a subfolder for
each scenario; see caresim compare --help) gets the charts and report
that compare drew of it, byte for byte; each scenario's subfolder is a
run's folder of its own.

A sweep's folder (sweep.csv and sweep.json, and no summary.json; see
caresim sweep --help) gets the charts that sweep drew of it, byte for
byte: of the metrics named by --metric, else of those it holds charts
of, else of sweep's default metric.

Examples:

	$ caresim plot --format png,svg out/baseline`,
		flags: fs,
	}
	c.run = func(args []string, stdout, stderr io.Writer) error {
		if len(args) != 1 {
			return usageErr("plot needs one results folder, not %d arguments", len(args))
		}
		formats, err := p.list()
		if err != nil {
			return err
		}
		dir := args[0]
		if fi, err := os.Stat(dir); err != nil {
			return fmt.Errorf("%s is not a results folder: %w", dir, err)
		} else if !fi.IsDir() {
			return fmt.Errorf("%s is not a results folder: it is a file", dir)
		}
		// The folder is held from before it is read until the charts are
		// in place, so that no other command changes it meanwhile.
		out, err := results.OpenFolder(dir)
		if err != nil {
			return err
		}
		defer out.Abort()
		if done, err := plotSweepDir(out, *metrics, formats, stderr, *quiet); done {
			return err
		}
		return plotDir(out, formats, stderr, *quiet)
	}
	return c
}

// plotDir re-draws the charts and report of the run or comparison in
// out, in formats.
func plotDir(out *results.Folder, formats plots.Output, stderr io.Writer, quiet bool) error {
	dir := out.Dir()
	if isCompareDir(dir) {
		return plotCompareDir(out, formats, stderr, quiet)
	}
	d, err := results.ReadRun(dir)
	if err != nil {
		return err
	}
	cs, err := plots.RunCharts(d)
	if err != nil {
		return fmt.Errorf("charts: %w", err)
	}
	s, err := results.ReadSummary(dir)
	if err != nil {
		return err
	}
	book := bookWriter(func() (*results.Book, error) { return runBookOf(dir, s, d) })
	return saveDrawn(out, cs, formats, func(w io.Writer) error { return report.WriteRun(w, s, d, cs, true, dir) }, book, stderr, quiet)
}

// saveDrawn writes the charts cs in formats, the report that report
// writes and the workbook that book writes into out, all under temporary
// names renamed together, and notes what it drew unless quiet.
func saveDrawn(out *results.Folder, cs []plots.Chart, formats plots.Output, report, book func(io.Writer) error, stderr io.Writer, quiet bool) error {
	dir := out.Dir()
	if len(cs) == 0 && !quiet {
		fmt.Fprintf(stderr, "caresim: %s has nothing to chart\n", dir)
	}
	names, writers := formats.Writers(cs)
	names = append(names, "report.html", results.WorkbookName)
	writers = append(writers, report, book)
	if err := out.Save(context.Background(), "plot", names, writers); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "caresim: drew %s in %s\n", strings.Join(names, ", "), dir)
	}
	return nil
}

// isCompareDir reports whether dir holds a comparison's results.
func isCompareDir(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "compare.csv"))
	return err == nil
}

// plotCompareDir re-draws the charts and report of the comparison in
// out, in formats.
func plotCompareDir(out *results.Folder, formats plots.Output, stderr io.Writer, quiet bool) error {
	dir := out.Dir()
	d, s, err := results.ReadCompare(dir, plots.DiffMetric)
	if err != nil {
		return err
	}
	cs, err := plots.CompareCharts(d)
	if err != nil {
		return fmt.Errorf("charts: %w", err)
	}
	calib := map[string][]results.Check{}
	for i, label := range d.Labels {
		if c := d.Runs[i].Calibration; c != nil {
			calib[label] = c
		}
	}
	write := func(w io.Writer) error { return report.WriteCompare(w, s, d.Runs, calib, cs, true, dir) }
	book := bookWriter(func() (*results.Book, error) { return compareBookOf(dir, s, d.Labels, d.Runs) })
	return saveDrawn(out, cs, formats, write, book, stderr, quiet)
}

// isSweepDir reports whether dir holds a sweep rather than a run: a
// sweep.csv and no summary.json.
func isSweepDir(dir string) bool {
	_, errSweep := os.Stat(filepath.Join(dir, "sweep.csv"))
	_, errRun := os.Stat(filepath.Join(dir, "summary.json"))
	return errSweep == nil && errors.Is(errRun, os.ErrNotExist)
}

// plotSweepDir re-draws the charts of the sweep in out for caresim plot,
// when it holds a sweep (see isSweepDir), and reports whether it did:
// the charts of the metrics named, or else of the metrics that dir holds
// charts of, or else of the default metric. Metrics named for a run's
// folder are a usage error.
func plotSweepDir(out *results.Folder, metrics []string, formats plots.Output, stderr io.Writer, quiet bool) (bool, error) {
	dir := out.Dir()
	if !isSweepDir(dir) {
		if len(metrics) > 0 {
			return true, usageErr("--metric goes with a sweep's folder, and %s holds none", dir)
		}
		return false, nil
	}
	if len(metrics) == 0 {
		m, err := results.ReadSweep(dir)
		if err != nil {
			return true, fmt.Errorf("%s is not a sweep's folder: %w", dir, err)
		}
		if metrics, err = chartedMetrics(dir, m); err != nil {
			return true, err
		}
	}
	// The workbook first, of a whole sweep (checked as the charts read
	// it): drawSweepDir draws nothing with --no-plots.
	if _, err := results.ReadSweepData(dir); err != nil {
		return true, err
	}
	book := bookWriter(func() (*results.Book, error) { return sweepBookOf(dir) })
	if err := out.Save(context.Background(), "plot", []string{results.WorkbookName}, []func(io.Writer) error{book}); err != nil {
		return true, err
	}
	return true, drawSweepDir(context.Background(), out, metrics, formats, stderr, quiet)
}

// chartedMetrics returns the metrics of m that dir holds charts of, in
// sweep.csv's order.
func chartedMetrics(dir string, m *results.Sweep) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, x := range m.Metrics {
		if slices.ContainsFunc(entries, func(e os.DirEntry) bool {
			metric, ok := plots.SweepChartMetric(e.Name())
			return ok && metric == x.Name
		}) {
			out = append(out, x.Name)
		}
	}
	return out, nil
}
