package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"caresim/plots"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
	"caresim/sim/stats"

	"github.com/spf13/pflag"
)

// chartFormats are the file formats charts can be saved in, by extension.
var chartFormats = []string{"png", "svg", "pdf"}

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

// chartOutput are the chart files to write: the formats, by extension,
// and the size, a slide's or (a4) an A4 page's. No formats means no
// charts (--no-plots).
type chartOutput struct {
	formats []string
	a4      bool
}

// drawn reports whether charts are drawn.
func (c chartOutput) drawn() bool { return len(c.formats) > 0 }

// list returns the chart files asked for: the formats lower case and
// each once, or none with --no-plots, at the size asked for; it names
// the flag when a format or size is unknown.
func (p plotFlags) list() (chartOutput, error) {
	var out chartOutput
	switch strings.ToLower(strings.TrimSpace(*p.size)) {
	case "slide":
	case "a4":
		out.a4 = true
	default:
		return out, usageErr("--size must be slide or a4, not %q", *p.size)
	}
	if *p.none {
		return out, nil
	}
	for _, f := range *p.formats {
		f = strings.ToLower(strings.TrimSpace(f))
		if !slices.Contains(chartFormats, f) {
			return out, usageErr("--format must be png, svg or pdf, not %q", f)
		}
		if !slices.Contains(out.formats, f) {
			out.formats = append(out.formats, f)
		}
	}
	return out, nil
}

// bedPool is a bed pool drawn over time: its file name, its name in the
// title, and the daily measures of its mean occupancy and capacity.
type bedPool struct {
	file, name     string
	mean, capacity int
}

var bedPools = []bedPool{
	{"beds-acute", "Acute", care.DailyAcuteMean, care.DailyAcuteBeds},
	{"beds-intermediate-care", "Intermediate care", care.DailyICMean, care.DailyICBeds},
	{"beds-care-homes", "Care home", care.DailyCareHomeMean, care.DailyCareHomeBeds},
}

// bodyTitles name the bodies of the accounts in chart titles, indexed
// as finance.BodyNames.
var bodyTitles = [finance.NumBodies]string{
	finance.Acute:         "acute trust",
	finance.Community:     "community services",
	finance.SocialCare:    "social care",
	finance.Commissioners: "commissioners",
	finance.System:        "whole system",
}

// runCharts adapts a finished run of l to the plots package (see
// drawCharts).
func runCharts(l *scenarios.Loaded, res *sim.Results) ([]plots.Chart, error) {
	return drawCharts(results.RunDataOf(l, res))
}

// drawCharts draws the charts of a run: beds over time for each bed pool
// the scenario has, the patients delayed in acute beds when it has acute
// beds, A&E performance when it has A&E attendances, and, when the run
// was priced, the deficit trajectory of the system and of each
// organisation with money. Pools and organisations with nothing in them
// are left out.
func drawCharts(d results.RunData) ([]plots.Chart, error) {
	place, start, markers := d.Place, d.Start, d.Markers
	var out []plots.Chart
	for _, p := range bedPools {
		mean, capacity := d.Daily[p.mean], d.Daily[p.capacity]
		if !anyValue(mean.Mean) && !anyValue(capacity.Mean) {
			continue // the scenario has no such beds
		}
		f, err := plots.BedsOverTime(plots.Beds{
			Pool: p.name, Place: place, Start: start,
			Mean: finite(mean.Mean), P10: finite(mean.P10), P90: finite(mean.P90),
			Capacity:      finite(capacity.Mean),
			Interventions: markers,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, plots.Chart{File: p.file, Fig: f})
	}
	if anyValue(d.Daily[care.DailyAcuteMean].Mean) || anyValue(d.Daily[care.DailyAcuteBeds].Mean) {
		f, err := plots.DelayedPatients(plots.Delays{
			Place: place, Start: start,
			Reablement:       finite(d.Daily[care.DailyAcuteDelayedP1].Mean),
			IntermediateCare: finite(d.Daily[care.DailyAcuteDelayedP2].Mean),
			CareHome:         finite(d.Daily[care.DailyAcuteDelayedP3].Mean),
			Interventions:    markers,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, plots.Chart{File: "delays", Fig: f})
	}
	departures := d.Daily[care.DailyAEDepartures].Mean
	if anyValue(d.Daily[care.DailyEDAttendances].Mean) || anyValue(departures) {
		f, err := plots.AEPerformance(plots.AE{
			Place: place, Start: start,
			Departures: finite(departures),
			Breaches:   finite(d.Daily[care.DailyAE4hBreaches].Mean),
			Waits12h:   finite(d.Daily[care.DailyED12hDTA].Mean),
		})
		if err != nil {
			return nil, err
		}
		out = append(out, plots.Chart{File: "ae-performance", Fig: f})
	}
	for _, draw := range []func(results.RunData) ([]plots.Chart, error){losCharts, pathwayChart} {
		cs, err := draw(d)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	if d.Money == nil {
		return out, nil
	}
	cs, err := deficitCharts(place, d.Money, d.Name, nil, "")
	return append(out, cs...), err
}

// deficitCharts draws the deficit trajectory of the system and of each
// organisation with money in m or in other, for the charts of a place:
// m's alone (deficit-ORG), or, when other is not nil, m's against
// other's (deficit-ORG-OTHER), each named in the legend.
func deficitCharts(place string, m *results.Money, name string, other *results.Money, otherName string) ([]plots.Chart, error) {
	var out []plots.Chart
	for _, b := range sim.MoneyBodies {
		if b != finance.System && !hasMoney(m, b) && (other == nil || !hasMoney(other, b)) {
			continue
		}
		d := plots.Deficit{Body: bodyTitles[b], Years: m.Years, Baseline: deficitGap(m, b, name), Interval: deficitInterval()}
		if place != "" {
			d.Body += ", " + place
		}
		file := "deficit-" + finance.BodyNames[b]
		if other != nil {
			d.Scenario = deficitGap(other, b, otherName)
			file += "-" + chartName(otherName)
		}
		f, err := plots.DeficitTrajectory(d)
		if err != nil {
			return nil, err
		}
		out = append(out, plots.Chart{File: file, Fig: f})
	}
	return out, nil
}

// deficitGap is body b's annual and cumulative deficit in m, as plotted,
// named name in the legend.
func deficitGap(m *results.Money, b int, name string) plots.Gap {
	g := plots.Gap{Name: name}
	for y := range m.Years {
		g.Annual = append(g.Annual, estimate(m.Annual[y][b][finance.Deficit]))
		g.Cumulative = append(g.Cumulative, estimate(m.Annual[y][b][finance.CumulativeDeficit]))
	}
	return g
}

// deficitInterval names the intervals of the deficit charts.
func deficitInterval() string {
	return fmt.Sprintf("%g%% confidence interval", 100*stats.DefaultConfidence)
}

// anyValue reports whether xs holds a number other than zero.
func anyValue(xs []float64) bool {
	return slices.ContainsFunc(xs, func(x float64) bool { return x != 0 && !math.IsNaN(x) })
}

// finite returns xs with NaN and infinities (nothing measured) as zero,
// which the plotters would refuse.
func finite(xs []float64) []float64 {
	out := slices.Clone(xs)
	for i, x := range out {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			out[i] = 0
		}
	}
	return out
}

// estimate is e as plotted: a mean not measured is zero, and an interval
// that could not be computed (one replication) collapses onto the mean.
func estimate(e plots.Estimate) plots.Estimate {
	if math.IsNaN(e.Mean) {
		e.Mean = 0
	}
	if math.IsNaN(e.Lo) || math.IsNaN(e.Hi) {
		e.Lo, e.Hi = e.Mean, e.Mean
	}
	return e
}

// hasMoney reports whether body b has any cost, funding or income.
func hasMoney(m *results.Money, b int) bool {
	for y := range m.Years {
		for _, k := range []int{finance.Cost, finance.Funding, finance.Income} {
			if x := m.Annual[y][b][k].Mean; x != 0 && !math.IsNaN(x) {
				return true
			}
		}
	}
	return false
}

// addCharts appends to names and writers the files of the charts that
// draw returns, in each of formats (see chartWriters), and returns their
// names, with a cleanup that removes the scratch folder they are drawn
// in. With no formats (--no-plots) it draws nothing.
func addCharts(formats chartOutput, draw func() ([]plots.Chart, error), names *[]string, writers *[]func(io.Writer) error) ([]string, func(), error) {
	if !formats.drawn() {
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
	charts, cw := chartWriters(cs, formats, tmp)
	*names, *writers = append(*names, charts...), append(*writers, cw...)
	return charts, func() { os.RemoveAll(tmp) }, nil
}

// chartWriters returns the file names and writers of each chart in each
// format, for outDir.save, drawn at slide size. The plots package saves
// to a path, so each chart is drawn into tmp (a scratch folder) and
// copied into the results folder's atomic file.
func chartWriters(charts []plots.Chart, formats chartOutput, tmp string) ([]string, []func(io.Writer) error) {
	var names []string
	var writers []func(io.Writer) error
	for _, c := range charts {
		for _, format := range formats.formats {
			name := c.File + "." + format
			names = append(names, name)
			writers = append(writers, func(w io.Writer) error {
				path := filepath.Join(tmp, name)
				width, height := plots.SlideWidth, plots.SlideHeight
				if formats.a4 {
					width, height = plots.A4Width, plots.A4Height
				}
				if err := c.Fig.Save(path, width, height); err != nil {
					return err
				}
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				defer f.Close()
				_, err = io.Copy(w, f)
				return err
			})
		}
	}
	return names, writers
}
