package main

import (
	"caresim/plots"
	"caresim/plots/report"
	"caresim/results"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

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
(beds over time for each bed pool, delays, ae-performance, lengths of
stay, the pathway mix and, for a priced run, the deficit trajectories;
see caresim run --help). Use it to draw a run in another --format, or
after --no-plots. It re-writes report.html too, as run wrote it when it
drew charts. The files are written under temporary names and renamed
when all are complete.

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
		if done, err := plotSweepDir(args[0], *metrics, formats, stderr, *quiet); done {
			return err
		}
		return plotDir(args[0], formats, stderr, *quiet)
	}
	return c
}

// plotDir re-draws the charts and report of the run or comparison in
// dir, in formats.
func plotDir(dir string, formats plots.Output, stderr io.Writer, quiet bool) error {
	if isCompareDir(dir) {
		return plotCompareDir(dir, formats, stderr, quiet)
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
	return saveDrawn(dir, cs, formats, func(w io.Writer) error { return report.WriteRun(w, s, d, cs, true, dir) }, stderr, quiet)
}

// saveDrawn writes the charts cs in formats and the report that report
// writes into dir, all under temporary names renamed together, and notes
// what it drew unless quiet.
func saveDrawn(dir string, cs []plots.Chart, formats plots.Output, report func(io.Writer) error, stderr io.Writer, quiet bool) error {
	if len(cs) == 0 && !quiet {
		fmt.Fprintf(stderr, "caresim: %s has nothing to chart\n", dir)
	}
	tmp, err := os.MkdirTemp("", "caresim-charts-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	names, writers := formats.Writers(cs, tmp)
	names = append(names, "report.html")
	writers = append(writers, report)
	out, err := results.OpenFolder(dir)
	if err != nil {
		return err
	}
	defer out.Abort()
	if err := out.Save(context.Background(), "plot", names, writers); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "caresim: drew %s in %s\n", strings.Join(names, ", "), dir)
	}
	return nil
}
