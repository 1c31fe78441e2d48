package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

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
// draw returns, in each of formats (see plots.Output.Writers), and returns their
// names, with a cleanup that removes the scratch folder they are drawn
// in. With no formats (--no-plots) it draws nothing.
func addCharts(formats plots.Output, draw func() ([]plots.Chart, error), names *[]string, writers *[]func(io.Writer) error) ([]string, func(), error) {
	if !formats.Drawn() {
		return nil, func() {}, nil
	}
	cs, err := draw()
	if err != nil {
		return nil, nil, fmt.Errorf("charts: %w", err)
	}
	tmp, err := os.MkdirTemp("", "caresim-charts-")
	if err != nil {
		return nil, nil, err
	}
	charts, cw := formats.Writers(cs, tmp)
	*names, *writers = append(*names, charts...), append(*writers, cw...)
	return charts, func() { os.RemoveAll(tmp) }, nil
}
