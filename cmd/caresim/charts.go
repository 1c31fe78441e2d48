package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"caresim/internal/suggest"
	"caresim/plots"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"

	"github.com/spf13/pflag"
)

// plotFlags are the flags of the commands that draw charts: --no-plots,
// --format and --size.
type plotFlags struct {
	none    *bool
	formats *[]string
	size    *string
}

func addPlotFlags(fs *pflag.FlagSet) plotFlags {
	p := addChartFlags(fs)
	p.none = fs.Bool("no-plots", false, "draw no charts")
	return p
}

// addChartFlags defines --format and --size on fs, for the commands that
// draw charts, all of which have them.
func addChartFlags(fs *pflag.FlagSet) plotFlags {
	none := false
	return plotFlags{
		none:    &none,
		formats: fs.StringSlice("format", []string{"png"}, "chart formats, comma-separated: png, svg, pdf"),
		size:    fs.String("size", "slide", "chart size: slide (10 × 5.63 in, 16:9) or a4 (7.5 × 4.5 in, an A4 page's text width)"),
	}
}

// list returns the chart files asked for: the formats lower case and
// each once, or none with --no-plots, at the size asked for; it names
// the flag when a format or size is unknown.
func (p plotFlags) list() (plots.Output, error) {
	var out plots.Output
	switch strings.ToLower(strings.TrimSpace(*p.size)) {
	case "slide":
	case "a4":
		out.A4 = true
	default:
		return out, usageErr("--size must be slide or a4, not %q", *p.size)
	}
	if *p.none {
		return out, nil
	}
	for _, f := range *p.formats {
		f = strings.ToLower(strings.TrimSpace(f))
		if !slices.Contains(plots.Formats, f) {
			return out, usageErr("--format must be png, svg or pdf, not %q", f)
		}
		if !slices.Contains(out.Formats, f) {
			out.Formats = append(out.Formats, f)
		}
	}
	return out, nil
}

// runCharts adapts a finished run of l to the plots package (see
// plots.RunCharts).
func runCharts(l *scenarios.Loaded, res *sim.Results) ([]plots.Chart, error) {
	return plots.RunCharts(results.RunDataOf(l, res))
}

// addCharts appends to names and writers the files of the charts that
// draw returns, in each of formats (see plots.Output.Writers), and
// returns their names. With no formats (--no-plots) it draws nothing.
func addCharts(formats plots.Output, draw func() ([]plots.Chart, error), names *[]string, writers *[]func(io.Writer) error) ([]string, error) {
	if !formats.Drawn() {
		return nil, nil
	}
	cs, err := draw()
	if err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	charts, cw := formats.Writers(cs)
	*names, *writers = append(*names, charts...), append(*writers, cw...)
	return charts, nil
}

// addMetricFlag defines --metric, the metrics a sweep's charts show.
func addMetricFlag(fs *pflag.FlagSet) *[]string {
	return fs.StringSlice("metric", nil, "metrics to chart, comma-separated or repeated, as named in sweep.csv (default: the first of the final-year deficit and headline metrics that varies)")
}

// addColumnsFlag defines --columns, the metrics the table that sweep and
// merge print shows.
func addColumnsFlag(fs *pflag.FlagSet) *[]string {
	return fs.StringSlice("columns", nil, "metrics the printed table shows, comma-separated or repeated, as named in sweep.csv (default: the headline metrics and the system's deficits that differ between points)")
}

// checkSweepMetrics returns the metrics named by --metric, each once, or
// a usage error naming the flag when one is not a metric of the sweep m.
func checkSweepMetrics(names []string, m *results.Sweep) ([]string, error) {
	return checkMetricsFlag("--metric", names, m)
}

// checkMetricsFlag returns the metrics named by flag, each once, or a
// usage error naming the flag when one is not a metric of the sweep m.
func checkMetricsFlag(flag string, names []string, m *results.Sweep) ([]string, error) {
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if !slices.ContainsFunc(m.Metrics, func(x results.Measure) bool { return x.Name == n }) {
			known := make([]string, len(m.Metrics))
			for i, x := range m.Metrics {
				known[i] = x.Name
			}
			if near, ok := suggest.Closest(n, known); ok {
				return nil, usageErr("%s %q is not a metric of this sweep: did you mean %s? (sweep.json lists its %d metrics)", flag, n, near, len(known))
			}
			return nil, usageErr("%s %q is not a metric of this sweep; its metrics are %s", flag, n, strings.Join(known, ", "))
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// drawSweepDir draws the charts of the complete sweep in the folder out,
// from its sweep.json and sweep.csv, for metrics (see plots.SweepCharts),
// in formats, written atomically into out.
func drawSweepDir(ctx context.Context, out *results.Folder, metrics []string, formats plots.Output, stderr io.Writer, quiet bool) error {
	if !formats.Drawn() {
		return nil
	}
	dir := out.Dir()
	d, err := results.ReadSweepData(dir)
	if err != nil {
		return err
	}
	if metrics, err = checkSweepMetrics(metrics, d.Man); err != nil {
		return err
	}
	var names []string
	var writers []func(io.Writer) error
	charts, err := addSweepCharts(d, metrics, formats, stderr, &names, &writers)
	if err != nil {
		return err
	}
	if len(charts) == 0 {
		return nil
	}
	cs, _, err := plots.SweepCharts(d, metrics) // the same charts, for the report
	if err != nil {
		return err
	}
	names = append(names, "report.html")
	writers = append(writers, sweepReportWriter(dir, cs, true))
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
func addSweepCharts(d results.SweepData, metrics []string, formats plots.Output, stderr io.Writer, names *[]string, writers *[]func(io.Writer) error) ([]string, error) {
	return addCharts(formats, func() ([]plots.Chart, error) {
		cs, warns, err := plots.SweepCharts(d, metrics)
		for _, w := range warns {
			fmt.Fprintf(stderr, "caresim: warning: %s\n", w)
		}
		return cs, err
	}, names, writers)
}

// checkShardMetrics checks --metric and --columns against the sweep of the shard in
// dir, before merge joins it with others; merge reports a folder that
// holds no sweep.
func checkShardMetrics(metrics, columns []string, dir string) error {
	m, err := results.ReadSweep(dir)
	if err != nil {
		return nil
	}
	if _, err = checkSweepMetrics(metrics, m); err != nil {
		return err
	}
	_, err = checkMetricsFlag("--columns", columns, m)
	return err
}
