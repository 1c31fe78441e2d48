package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"caresim/plots"
	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
)

// compareData is what a comparison's charts are drawn from: each
// scenario's run data, as its subfolder of the comparison holds it, and
// the paired differences of the headline metrics to the first scenario,
// as compare.csv holds them. A comparison just finished (compareDataOf)
// and one read back from its folder (readCompareData, for caresim plot)
// draw the same charts, byte for byte.
type compareData struct {
	labels []string          // the scenarios' labels, the first the base
	runs   []results.RunData // each scenario's, in order
	diffs  []diffRow         // compare.csv's rows of the charted metrics, after the first scenario's
	// valued holds the charted metrics whose mean is a number other than
	// zero in some scenario: a metric that is zero in all (emergency
	// admissions in a model of an ED alone) is not charted.
	valued map[string]bool
}

// diffRow is one scenario's paired difference to the first in one metric.
type diffRow struct {
	metric, unit, scenario string
	mean, lo, hi           float64
}

// overlay is a measure drawn with every scenario of a comparison on one
// axis: its file, the measure as titled and its unit, each scenario's
// series from its run data, and whether the comparison has it to draw.
type overlay struct {
	file, measure, unit string
	series              func(r results.RunData) (mean, p10, p90 []float64)
	show                func(runs []results.RunData) bool
	reference           float64 // a level drawn across, when referenceLabel names it
	referenceLabel      string
}

// overlays are the measures a comparison overlays.
var overlays = []overlay{
	dailyOverlay("overlay-beds-acute", "Acute beds occupied", "beds", care.DailyAcuteMean),
	dailyOverlay("overlay-beds-intermediate-care", "Intermediate-care beds occupied", "beds", care.DailyICMean),
	dailyOverlay("overlay-care-home-residents", "Care-home residents", "residents", care.DailyCareHomeMean),
	dailyOverlay("overlay-delayed-patients", "Patients delayed in acute beds", "patients", care.DailyAcuteDelayed),
	{
		file: "overlay-acute-beds-open", measure: "Acute beds open", unit: "beds",
		series: func(r results.RunData) ([]float64, []float64, []float64) {
			// The mean alone: capacity seldom differs between
			// replications, and the legend would name a band not seen.
			return r.Daily[care.DailyAcuteBeds].Mean, nil, nil
		},
		show: func(runs []results.RunData) bool { // only when the scenarios open different numbers
			return slices.ContainsFunc(runs[1:], func(r results.RunData) bool {
				return !slices.Equal(r.Daily[care.DailyAcuteBeds].Mean, runs[0].Daily[care.DailyAcuteBeds].Mean)
			})
		},
	},
	{
		file: "overlay-ae-4h-performance", measure: "Monthly A&E 4-hour performance", unit: "% of departures",
		reference: plots.FourHourStandard, referenceLabel: plots.LegendStandard,
		series: func(r results.RunData) ([]float64, []float64, []float64) { return monthlyShare(r), nil, nil },
		show: func(runs []results.RunData) bool { // a scenario without A&E would show as 0%
			return !slices.ContainsFunc(runs, func(r results.RunData) bool { return !anyValue(r.Daily[care.DailyAEDepartures].Mean) })
		},
	},
}

// dailyOverlay overlays daily measure k's mean and 10th–90th percentile
// band, when some scenario has a value other than zero.
func dailyOverlay(file, measure, unit string, k int) overlay {
	return overlay{
		file: file, measure: measure, unit: unit,
		series: func(r results.RunData) ([]float64, []float64, []float64) {
			b := r.Daily[k]
			return b.Mean, b.P10, b.P90
		},
		show: func(runs []results.RunData) bool {
			return slices.ContainsFunc(runs, func(r results.RunData) bool { return anyValue(r.Daily[k].Mean) })
		},
	}
}

// monthlyShare is each day's A&E 4-hour performance over its calendar
// month, in per cent: a step a month, as the A&E standard is reported;
// zero in a month with no departures.
func monthlyShare(r results.RunData) []float64 {
	return plots.FourHourByDay(plots.AE{Start: r.Start,
		Departures: finite(r.Daily[care.DailyAEDepartures].Mean), Breaches: finite(r.Daily[care.DailyAE4hBreaches].Mean)})
}

// diffCharts are the charts of paired differences, each of at most
// four metrics (more panels do not fit an A4 chart): the hospital's, the
// other services', the system's deficits and the organisations'.
var diffCharts = []struct {
	file, subject string
	metrics       []string
}{
	{"differences-hospital", "Hospital", []string{
		care.Metrics[care.MetricNELAdmissions].Name,
		care.Metrics[care.MetricAcuteOccupancy].Name,
		care.Metrics[care.MetricAcuteLOS].Name,
		care.Metrics[care.MetricAcuteDelayed].Name,
	}},
	{"differences-services", "Services", []string{
		care.Metrics[care.MetricED4h].Name,
		care.Metrics[care.MetricICOccupancy].Name,
		care.Metrics[care.MetricCareHomeAdmissions].Name,
		care.Metrics[care.MetricReadmissions].Name,
	}},
	// sim.MoneyMetricNames: the final year's deficits, the system's
	// first, then the cumulative ones.
	{"differences-deficit-system", "System deficit", []string{sim.MoneyMetricNames[0], sim.MoneyMetricNames[finance.NumBodies]}},
	{"differences-deficit-organisations", "Deficits by organisation", sim.MoneyMetricNames[1:finance.NumBodies]},
}

// chartedMetric reports whether a difference chart draws metric name.
func chartedMetric(name string) bool {
	for _, c := range diffCharts {
		if slices.Contains(c.metrics, name) {
			return true
		}
	}
	return false
}

// compareDataOf is what the charts of a finished comparison are drawn
// from.
func compareDataOf(c *comparison) compareData {
	d := compareData{valued: map[string]bool{}}
	for _, r := range c.runs {
		d.labels = append(d.labels, r.label)
		d.runs = append(d.runs, results.RunDataOf(r.Loaded, r.res))
	}
	for k, m := range c.Metrics[0] {
		if !chartedMetric(m.Name) {
			continue
		}
		for s := range c.runs {
			if x := c.Metrics[s][k].Summary.Mean; x != 0 && !math.IsNaN(x) {
				d.valued[m.Name] = true
			}
		}
		for s, r := range c.runs[1:] {
			x := c.Diffs[s+1][k]
			d.diffs = append(d.diffs, diffRow{m.Name, m.Unit, r.label, x.Mean, x.Lo(), x.Hi()})
		}
	}
	return d
}

// drawCompare draws a comparison's charts: for each overlaid measure that
// some scenario has, every scenario on one axis when all cover the same
// days; the paired differences of the key metrics that some scenario's
// difference measured; and the deficit trajectories of the system and of
// each organisation with money, the first scenario's against each
// other's, when both were priced over the same financial years.
func drawCompare(d compareData) ([]plots.Chart, error) {
	var out []plots.Chart
	base := d.runs[0]
	same := true
	for _, r := range d.runs[1:] {
		same = same && r.Start.Equal(base.Start) && len(r.Daily[0].Mean) == len(base.Daily[0].Mean)
	}
	for _, o := range overlays {
		if !same || !o.show(d.runs) {
			continue
		}
		ov := plots.Overlay{Measure: o.measure, Unit: o.unit, Place: placeName(base.Place, base.Name), Start: base.Start,
			Interventions: addedMarkers(d.runs), Reference: o.reference, ReferenceLabel: o.referenceLabel}
		for i, r := range d.runs {
			mean, p10, p90 := o.series(r)
			s := plots.Series{Name: d.labels[i], Mean: finite(mean)}
			if p10 != nil {
				s.P10, s.P90 = finite(p10), finite(p90)
			}
			ov.Series = append(ov.Series, s)
		}
		f, err := plots.ScenariosOverTime(ov)
		if err != nil {
			return nil, err
		}
		out = append(out, plots.Chart{File: o.file, Fig: f})
	}
	for _, c := range diffCharts {
		diffs := plots.Diffs{Base: d.labels[0], Subject: c.subject, Place: placeName(base.Place, base.Name), Interval: deficitInterval()}
		for _, name := range c.metrics {
			var rows []plots.Diff
			measured := false
			for _, x := range d.diffs {
				if x.metric != name {
					continue
				}
				measured = measured || !math.IsNaN(x.mean)
				unit, scale := x.unit, 1.0
				if unit == "fraction" { // a difference of shares, as the report gives shares: in points
					unit, scale = "percentage points", 100
				}
				rows = append(rows, plots.Diff{Metric: diffLabel(x.metric, base), Unit: unit, Scenario: x.scenario,
					Mean: scale * nanZero(x.mean), Lo: scale * nanZero(x.lo), Hi: scale * nanZero(x.hi)})
			}
			if measured && d.valued[name] {
				diffs.Rows = append(diffs.Rows, rows...)
			}
		}
		if len(diffs.Rows) == 0 {
			continue
		}
		f, err := plots.Differences(diffs)
		if err != nil {
			return nil, err
		}
		out = append(out, plots.Chart{File: c.file, Fig: f})
	}
	if base.Money == nil {
		return out, nil
	}
	for i, r := range d.runs[1:] {
		if r.Money == nil || !slices.Equal(r.Money.Years, base.Money.Years) {
			continue
		}
		cs, err := deficitCharts(placeName(base.Place, base.Name), base.Money, d.labels[0], r.Money, d.labels[i+1])
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// addedMarkers are the interventions that the scenarios after the first
// add to it (those the first has too are not where they part), each
// once, in order.
func addedMarkers(runs []results.RunData) []plots.Marker {
	var out []plots.Marker
	for _, r := range runs[1:] {
		for _, m := range r.Markers {
			if !slices.Contains(runs[0].Markers, m) && !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}

// diffLabel names metric for a board, as the report does: a money
// metric by whose deficit over which years (those of base), another by
// its headline label or description.
func diffLabel(metric string, base results.RunData) string {
	if k := care.MetricIndex(metric); k >= 0 {
		return metricLabel(metric, care.Metrics[k].Doc)
	}
	var years []string
	if base.Money != nil {
		years = base.Money.Years
	}
	return moneyLabel(metric, years)
}

// placeName is where a run is, for the titles of charts of several
// scenarios: its place without the scenario's name, or "" when the place
// is only the name.
func placeName(place, name string) string {
	if place == "scenario "+name {
		return ""
	}
	p, _ := strings.CutSuffix(place, " ("+name+")")
	return p
}

// nanZero is x, or 0 when x was not measured (NaN).
func nanZero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

// scenarioDir is the subfolder of a comparison's folder that holds the
// results of the scenario labelled label.
func scenarioDir(label string) string { return chartName(label) }

// addScenarioFiles appends to names and writers each scenario's run
// files, in its subfolder, as run writes them.
func addScenarioFiles(c *comparison, sets []string, names *[]string, writers *[]func(io.Writer) error) {
	for _, r := range c.runs {
		files, ws := results.NewRun(r.Loaded, sets, r.opts, r.res, false, calibrationOf(r.Loaded, sets, r.res)).Files(r.wall)
		for i, name := range files {
			*names = append(*names, filepath.Join(scenarioDir(r.label), name))
			*writers = append(*writers, ws[i])
		}
	}
}

// isCompareDir reports whether dir holds a comparison's results.
func isCompareDir(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "compare.csv"))
	return err == nil
}

// plotCompareDir re-draws the charts and report of the comparison in
// dir, in formats.
func plotCompareDir(dir string, formats chartOutput, stderr io.Writer, quiet bool) error {
	d, s, err := readCompareData(dir)
	if err != nil {
		return err
	}
	cs, err := drawCompare(d)
	if err != nil {
		return fmt.Errorf("charts: %w", err)
	}
	calib := map[string][]results.Check{}
	for i, label := range d.labels {
		if c := d.runs[i].Calibration; c != nil {
			calib[label] = c
		}
	}
	report := func(w io.Writer) error { return writeCompareReport(w, s, calib, cs, true, dir) }
	return saveDrawn(dir, cs, formats, report, stderr, quiet)
}

// readCompareData reads back what a comparison's charts and report are
// drawn from out of its folder: summary.json for the scenarios, each
// scenario's subfolder, and compare.csv for the differences.
func readCompareData(dir string) (compareData, *results.Comparison, error) {
	var d compareData
	path := filepath.Join(dir, "summary.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return d, nil, fmt.Errorf("%s is not a comparison's results folder: %w", dir, err)
	}
	s := &results.Comparison{}
	if err := json.Unmarshal(b, s); err != nil {
		return d, nil, fmt.Errorf("%s: %w", path, err)
	}
	if s.FormatVersion != results.SummaryFormat {
		return d, nil, fmt.Errorf("%s: format_version %d, want %d", path, s.FormatVersion, results.SummaryFormat)
	}
	for _, m := range s.Metrics {
		for _, r := range m.Scenarios {
			if !slices.Contains(d.labels, r.Scenario) {
				d.labels = append(d.labels, r.Scenario)
			}
		}
		break
	}
	if len(d.labels) < 2 || d.labels[0] != s.First {
		return d, nil, fmt.Errorf("%s: its metrics do not list the scenarios compared, %s first", path, s.First)
	}
	for _, label := range d.labels {
		r, err := results.ReadRun(filepath.Join(dir, scenarioDir(label)))
		if err != nil {
			return d, nil, err
		}
		d.runs = append(d.runs, r)
	}
	d.diffs, d.valued, err = readDiffs(filepath.Join(dir, "compare.csv"), d.labels)
	return d, s, err
}

// readDiffs reads the differences of the charted metrics from
// compare.csv, skipping the rows of the first of labels, the base, and
// which of them have a mean other than zero in some scenario (see
// compareData.valued). A row of a scenario not in labels, a second row
// of a metric and scenario, and a difference that is not a number where
// its interval is are errors naming the line.
func readDiffs(path string, labels []string) ([]diffRow, map[string]bool, error) {
	var out []diffRow
	valued := map[string]bool{}
	seen := map[[2]string]bool{}
	err := results.CSVRows(path, results.CompareHeader, func(rec []string) error {
		if !chartedMetric(rec[0]) {
			return nil
		}
		if !slices.Contains(labels, rec[2]) {
			return fmt.Errorf("scenario %q is not one compared (%s)", rec[2], strings.Join(labels, ", "))
		}
		key := [2]string{rec[0], rec[2]}
		if seen[key] {
			return fmt.Errorf("a second row of %s for %s", rec[0], rec[2])
		}
		seen[key] = true
		mean, err := results.ParseCell(rec[3], 64)
		if err != nil {
			return fmt.Errorf("mean: %w", err)
		}
		if mean != 0 && !math.IsNaN(mean) {
			valued[rec[0]] = true
		}
		if rec[2] == labels[0] {
			return nil
		}
		x := diffRow{metric: rec[0], unit: rec[1], scenario: rec[2]}
		for i, v := range []*float64{&x.mean, &x.lo, &x.hi} {
			if *v, err = results.ParseCell(rec[6+i], 64); err != nil {
				return fmt.Errorf("%s: %w", results.CompareHeader[6+i], err)
			}
			if math.IsInf(*v, 0) || rec[6+i] != "" && math.IsNaN(*v) {
				return fmt.Errorf("%s: %q is not a number (an empty cell is one not measured)", results.CompareHeader[6+i], rec[6+i])
			}
		}
		out = append(out, x)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, valued, nil
}
