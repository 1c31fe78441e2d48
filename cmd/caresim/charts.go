package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"caresim/plots"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/des"
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

// chart is one figure to be saved as File plus each format's extension.
type chart struct {
	File string
	Fig  *plots.Figure
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

// runData is what a run's charts are drawn from: a run just finished
// (runDataOf) or one read back from its results folder (readRunData, for
// caresim plot). Daily series are held to float32 precision, as daily.csv
// writes them, so that both draw the same charts, byte for byte.
type runData struct {
	name, place string
	start       time.Time
	markers     []plots.Marker
	daily       []sim.Band // indexed as care.DailyMeasures; see newRunData
	// years are the financial years, a final year simulated in part so
	// labelled, and annual each year's mean of each annual measure.
	years  []string
	annual [][]float64
	los    []*losData // as losPools; nil for a pool without stays
	money  *moneyData // nil when the run was not priced
	// calibration is summary.json's calibration checks, when read back
	// from a folder (the report's; not charted).
	calibration []checkJSON
}

// moneyData is a priced run's accounts: each financial year's mean and
// confidence interval of each line of each body's accounts, which may be
// NaN (not measured).
type moneyData struct {
	years  []string // financial years, a final year simulated in part so labelled
	annual [][finance.NumBodies][finance.NumMeasures]plots.Estimate
}

// newRunData returns an empty runData with a series for each daily measure.
func newRunData() runData { return runData{daily: make([]sim.Band, care.NumDaily)} }

// runDataOf is what the charts of a finished run of l are drawn from.
func runDataOf(l *scenarios.Loaded, res *sim.Results) runData {
	d := newRunData()
	d.name, d.place, d.start = l.Name, placeOf(l), dateTime(res.Reps[0].Start)
	for _, iv := range l.Interventions {
		d.markers = append(d.markers, plots.Marker{Label: iv.Name, At: dateTime(iv.Start)})
	}
	for k, b := range res.Daily {
		d.daily[k] = sim.Band{Mean: single(b.Mean), P10: single(b.P10), P90: single(b.P90)}
	}
	for _, a := range res.Annual {
		means := make([]float64, care.NumAnnual)
		for k, s := range a {
			means[k] = s.Mean
		}
		d.annual = append(d.annual, means)
	}
	d.years = partYear(res.Years, wholeYears(res.Years, d.annual))
	d.los = losOf(res)
	m := res.Money
	if m == nil {
		return d
	}
	d.money = &moneyData{years: partYear(m.Years, m.FinalYear)}
	for y := range m.Years {
		var a [finance.NumBodies][finance.NumMeasures]plots.Estimate
		for b := range a {
			for k := range a[b] {
				s := m.Annual[y][b][k]
				a[b][k] = plots.Estimate{Mean: s.Mean, Lo: s.Lo(), Hi: s.Hi()}
			}
		}
		d.money.annual = append(d.money.annual, a)
	}
	return d
}

// wholeYears returns the index of the last of the financial years
// simulated whole (its days in annual those of the year from 1 April),
// or the last year when none was.
func wholeYears(years []string, annual [][]float64) int {
	for y := len(annual) - 1; y >= 0; y-- {
		if annual[y][care.AnnualDays] == float64(fyLength(years[y])) {
			return y
		}
	}
	return len(annual) - 1
}

// partYear returns years with the last labelled as simulated in part
// when final, the index of the final year simulated whole, is not the
// last.
func partYear(years []string, final int) []string {
	years = slices.Clone(years)
	if last := len(years) - 1; final < last {
		years[last] += " (part)"
	}
	return years
}

// single returns xs rounded to float32 precision, as daily.csv holds them.
func single(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(float32(x))
	}
	return out
}

// runCharts adapts a finished run of l to the plots package (see
// drawCharts).
func runCharts(l *scenarios.Loaded, res *sim.Results) ([]chart, error) {
	return drawCharts(runDataOf(l, res))
}

// drawCharts draws the charts of a run: beds over time for each bed pool
// the scenario has, the patients delayed in acute beds when it has acute
// beds, A&E performance when it has A&E attendances, and, when the run
// was priced, the deficit trajectory of the system and of each
// organisation with money. Pools and organisations with nothing in them
// are left out.
func drawCharts(d runData) ([]chart, error) {
	place, start, markers := d.place, d.start, d.markers
	var out []chart
	for _, p := range bedPools {
		mean, capacity := d.daily[p.mean], d.daily[p.capacity]
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
		out = append(out, chart{p.file, f})
	}
	if anyValue(d.daily[care.DailyAcuteMean].Mean) || anyValue(d.daily[care.DailyAcuteBeds].Mean) {
		f, err := plots.DelayedPatients(plots.Delays{
			Place: place, Start: start,
			Reablement:       finite(d.daily[care.DailyAcuteDelayedP1].Mean),
			IntermediateCare: finite(d.daily[care.DailyAcuteDelayedP2].Mean),
			CareHome:         finite(d.daily[care.DailyAcuteDelayedP3].Mean),
			Interventions:    markers,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, chart{"delays", f})
	}
	departures := d.daily[care.DailyAEDepartures].Mean
	if anyValue(d.daily[care.DailyEDAttendances].Mean) || anyValue(departures) {
		f, err := plots.AEPerformance(plots.AE{
			Place: place, Start: start,
			Departures: finite(departures),
			Breaches:   finite(d.daily[care.DailyAE4hBreaches].Mean),
			Waits12h:   finite(d.daily[care.DailyED12hDTA].Mean),
		})
		if err != nil {
			return nil, err
		}
		out = append(out, chart{"ae-performance", f})
	}
	for _, draw := range []func(runData) ([]chart, error){losCharts, pathwayChart} {
		cs, err := draw(d)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	if d.money == nil {
		return out, nil
	}
	cs, err := deficitCharts(place, d.money, d.name, nil, "")
	return append(out, cs...), err
}

// deficitCharts draws the deficit trajectory of the system and of each
// organisation with money in m or in other, for the charts of a place:
// m's alone (deficit-ORG), or, when other is not nil, m's against
// other's (deficit-ORG-OTHER), each named in the legend.
func deficitCharts(place string, m *moneyData, name string, other *moneyData, otherName string) ([]chart, error) {
	var out []chart
	for _, b := range sim.MoneyBodies {
		if b != finance.System && !hasMoney(m, b) && (other == nil || !hasMoney(other, b)) {
			continue
		}
		d := plots.Deficit{Body: bodyTitles[b], Years: m.years, Baseline: deficitGap(m, b, name), Interval: deficitInterval()}
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
		out = append(out, chart{file, f})
	}
	return out, nil
}

// deficitGap is body b's annual and cumulative deficit in m, as plotted,
// named name in the legend.
func deficitGap(m *moneyData, b int, name string) plots.Gap {
	g := plots.Gap{Name: name}
	for y := range m.years {
		g.Annual = append(g.Annual, estimate(m.annual[y][b][finance.Deficit]))
		g.Cumulative = append(g.Cumulative, estimate(m.annual[y][b][finance.CumulativeDeficit]))
	}
	return g
}

// deficitInterval names the intervals of the deficit charts.
func deficitInterval() string {
	return fmt.Sprintf("%g%% confidence interval", 100*stats.DefaultConfidence)
}

// placeOf says where a scenario is, for titles: its place (which it may
// inherit from the scenario it extends) with its name, "Mid-
// Nottinghamshire (prism)", or the scenario's name alone when it has no
// place, as the textbook queues have none.
func placeOf(l *scenarios.Loaded) string {
	if p := strings.TrimSpace(l.Place); p != "" {
		return fmt.Sprintf("%s (%s)", p, l.Name)
	}
	return "scenario " + l.Name
}

// dateTime is d at UTC midnight.
func dateTime(d des.Date) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
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
func hasMoney(m *moneyData, b int) bool {
	for y := range m.years {
		for _, k := range []int{finance.Cost, finance.Funding, finance.Income} {
			if x := m.annual[y][b][k].Mean; x != 0 && !math.IsNaN(x) {
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
func addCharts(formats chartOutput, draw func() ([]chart, error), names *[]string, writers *[]func(io.Writer) error) ([]string, func(), error) {
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
func chartWriters(charts []chart, formats chartOutput, tmp string) ([]string, []func(io.Writer) error) {
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
