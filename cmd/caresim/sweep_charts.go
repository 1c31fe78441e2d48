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
	"caresim/results"

	"github.com/spf13/pflag"
)

// addMetricFlag defines --metric, the metrics a sweep's charts show.
func addMetricFlag(fs *pflag.FlagSet) *[]string {
	return fs.StringSlice("metric", nil, "metrics to chart, comma-separated or repeated, as named in sweep.csv (default: the first of the final-year deficit and headline metrics that varies)")
}

// checkSweepMetrics returns the metrics named by --metric, each once, or
// a usage error naming the flag when one is not a metric of the sweep m.
func checkSweepMetrics(names []string, m *results.Sweep) ([]string, error) {
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if !slices.ContainsFunc(m.Metrics, func(x results.Measure) bool { return x.Name == n }) {
			known := make([]string, len(m.Metrics))
			for i, x := range m.Metrics {
				known[i] = x.Name
			}
			return nil, usageErr("--metric %q is not a metric of this sweep; its metrics are %s", n, strings.Join(known, ", "))
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// drawSweepDir draws the charts of the complete sweep in dir, from its
// sweep.json and sweep.csv, for metrics (see plots.SweepCharts), in formats,
// written atomically into dir.
func drawSweepDir(ctx context.Context, dir string, metrics []string, formats plots.Output, stderr io.Writer, quiet bool) error {
	if !formats.Drawn() {
		return nil
	}
	d, err := results.ReadSweepData(dir)
	if err != nil {
		return err
	}
	if metrics, err = checkSweepMetrics(metrics, d.Man); err != nil {
		return err
	}
	var names []string
	var writers []func(io.Writer) error
	charts, done, err := addSweepCharts(d, metrics, formats, stderr, &names, &writers)
	if err != nil {
		return err
	}
	defer done()
	if len(charts) == 0 {
		return nil
	}
	cs, _, err := plots.SweepCharts(d, metrics) // the same charts, for the report
	if err != nil {
		return err
	}
	names = append(names, "report.html")
	writers = append(writers, sweepReportWriter(dir, cs, true))
	out, err := results.OpenFolder(dir)
	if err != nil {
		return err
	}
	defer out.Abort()
	if err := out.Save(ctx, "charts", names, writers); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "caresim: drew %s in %s\n", strings.Join(names, ", "), dir)
	}
	return nil
}

// addSweepCharts appends the files of d's charts of metrics in formats to
// names and writers, as addCharts does, warning on stderr of a metric not
// measured.
func addSweepCharts(d results.SweepData, metrics []string, formats plots.Output, stderr io.Writer, names *[]string, writers *[]func(io.Writer) error) ([]string, func(), error) {
	return addCharts(formats, func() ([]plots.Chart, error) {
		cs, warns, err := plots.SweepCharts(d, metrics)
		for _, w := range warns {
			fmt.Fprintf(stderr, "caresim: warning: %s\n", w)
		}
		return cs, err
	}, names, writers)
}

// isSweepDir reports whether dir holds a sweep rather than a run: a
// sweep.csv and no summary.json.
func isSweepDir(dir string) bool {
	_, errSweep := os.Stat(filepath.Join(dir, "sweep.csv"))
	_, errRun := os.Stat(filepath.Join(dir, "summary.json"))
	return errSweep == nil && errors.Is(errRun, os.ErrNotExist)
}

// checkShardMetrics checks --metric against the sweep of the shard in
// dir, before merge joins it with others; merge reports a folder that
// holds no sweep.
func checkShardMetrics(metrics []string, dir string) error {
	m, err := results.ReadSweep(dir)
	if err != nil {
		return nil
	}
	_, err = checkSweepMetrics(metrics, m)
	return err
}

// plotSweepDir re-draws the charts of the sweep in dir for caresim plot,
// when dir holds a sweep (see isSweepDir), and reports whether it did:
// the charts of the metrics named, or else of the metrics that dir holds
// charts of, or else of the default metric. Metrics named for a run's
// folder are a usage error.
func plotSweepDir(dir string, metrics []string, formats plots.Output, stderr io.Writer, quiet bool) (bool, error) {
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
	return true, drawSweepDir(context.Background(), dir, metrics, formats, stderr, quiet)
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
