package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"caresim/plots"
	"caresim/scenarios"
	"caresim/sim/care"
	"caresim/sim/finance"

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
func plotDir(dir string, formats chartOutput, stderr io.Writer, quiet bool) error {
	if isCompareDir(dir) {
		return plotCompareDir(dir, formats, stderr, quiet)
	}
	d, err := readRunData(dir)
	if err != nil {
		return err
	}
	cs, err := drawCharts(d)
	if err != nil {
		return fmt.Errorf("charts: %w", err)
	}
	s, err := readSummary(dir)
	if err != nil {
		return err
	}
	return saveDrawn(dir, cs, formats, func(w io.Writer) error { return writeRunReport(w, s, d, cs, true, dir) }, stderr, quiet)
}

// saveDrawn writes the charts cs in formats and the report that report
// writes into dir, all under temporary names renamed together, and notes
// what it drew unless quiet.
func saveDrawn(dir string, cs []chart, formats chartOutput, report func(io.Writer) error, stderr io.Writer, quiet bool) error {
	if len(cs) == 0 && !quiet {
		fmt.Fprintf(stderr, "caresim: %s has nothing to chart\n", dir)
	}
	tmp, err := os.MkdirTemp("", "caresim-charts-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	names, writers := chartWriters(cs, formats, tmp)
	names = append(names, "report.html")
	writers = append(writers, report)
	out, err := openOutDir(dir)
	if err != nil {
		return err
	}
	defer out.abort()
	if err := out.save(context.Background(), "plot", names, writers); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "caresim: drew %s in %s\n", strings.Join(names, ", "), dir)
	}
	return nil
}

// readRunData reads back what a run's charts are drawn from out of its
// results folder dir: summary.json, daily.csv and annual.csv. Each
// problem names the file.
func readRunData(dir string) (runData, error) {
	d := newRunData()
	s, err := readSummary(dir)
	if err != nil {
		return d, err
	}
	m := s.Manifest
	d.calibration = s.Calibration
	d.name = m.Scenario
	d.place = placeOf(&scenarios.Loaded{Scenario: scenarios.Scenario{Name: m.Scenario, Place: m.Place}})
	for _, iv := range m.Interventions {
		at, err := time.Parse(time.DateOnly, iv.Start)
		if err != nil {
			return d, fmt.Errorf("%s: intervention %s: %w", filepath.Join(dir, "summary.json"), iv.Name, err)
		}
		d.markers = append(d.markers, plots.Marker{Label: iv.Name, At: at})
	}
	if err := readDaily(filepath.Join(dir, "daily.csv"), &d); err != nil {
		return d, err
	}
	if err := readAnnual(filepath.Join(dir, "annual.csv"), m.FinancialYears, &d); err != nil {
		return d, err
	}
	if d.los, err = readLOS(filepath.Join(dir, "los.csv"), s.LengthOfStay); err != nil {
		return d, err
	}
	return d, nil
}

// longRows reads the header and the "mean" rows of a long CSV file at
// path, calling row with each row's cells by column name.
func longRows(path string, row func(cell func(string) string) error) error {
	col := map[string]int{}
	head := func(header []string) error {
		for i, h := range header {
			col[h] = i
		}
		if _, ok := col["replication"]; !ok {
			return errors.New("no replication column")
		}
		return nil
	}
	return eachRecord(path, head, func(rec []string) error {
		if rec[col["replication"]] != "mean" {
			return nil
		}
		return row(func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		})
	})
}

// csvRows reads the CSV file at path, whose header must be header, and
// calls row with each record after it; an error from row is given with
// the file and line.
func csvRows(path string, header []string, row func(rec []string) error) error {
	return eachRecord(path, func(got []string) error {
		if !slices.Equal(got, header) {
			return fmt.Errorf("header %q, want %q", got, header)
		}
		return nil
	}, row)
}

// eachRecord reads the CSV file at path, calling head with its header
// and row with each record after it; an error from either is given with
// the file and line.
func eachRecord(path string, head, row func(rec []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := head(header); err != nil {
		return fmt.Errorf("%s:1: %w", path, err)
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := row(rec); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
}

// parseCell reads a value as written by cellBits at bits; an empty cell
// is NaN (nothing measured).
func parseCell(s string, bits int) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, bits)
}

// readDaily fills d's start date and daily series from daily.csv.
func readDaily(path string, d *runData) error {
	index := map[string]int{}
	for k, m := range care.DailyMeasures {
		index[m.Name] = k
	}
	var dates []string
	err := longRows(path, func(cell func(string) string) error {
		date := cell("date")
		if len(dates) == 0 || dates[len(dates)-1] != date {
			dates = append(dates, date)
		}
		k, ok := index[cell("measure")]
		if !ok {
			return nil // a measure of another version: not charted
		}
		b := &d.daily[k]
		day := len(dates) - 1
		for _, c := range []struct {
			name   string
			series *[]float64
		}{{"value", &b.Mean}, {"p10", &b.P10}, {"p90", &b.P90}} {
			x, err := parseCell(cell(c.name), 32)
			if err != nil {
				return err
			}
			if len(*c.series) != day {
				return fmt.Errorf("%s on %s is not the next day's", cell("measure"), date)
			}
			*c.series = append(*c.series, x)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(dates) == 0 {
		return fmt.Errorf("%s: no days", path)
	}
	start, err := time.Parse(time.DateOnly, dates[0])
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	d.start = start
	for k := range d.daily {
		for _, s := range []*[]float64{&d.daily[k].Mean, &d.daily[k].P10, &d.daily[k].P90} {
			if len(*s) != len(dates) {
				return fmt.Errorf("%s: %s has %d days, not %d", path, care.DailyMeasures[k].Name, len(*s), len(dates))
			}
		}
	}
	return nil
}

// readAnnual fills d's years and annual means of the care model's
// measures from annual.csv (rows with no organisation), and its money
// when the run was priced (rows with an organisation), years being the
// financial years in summary.json; a final year simulated in part (its
// days fewer than the year's) is labelled so, as run labels it.
func readAnnual(path string, years []string, d *runData) error {
	year := map[string]int{}
	for y, fy := range years {
		year[fy] = y
	}
	body := map[string]int{}
	for b, n := range finance.BodyNames {
		body[n] = b
	}
	measure := map[string]int{}
	for k, m := range finance.Measures {
		measure[m.Name] = k
	}
	careMeasure := map[string]int{}
	for k, m := range care.AnnualMeasures {
		careMeasure[m.Name] = k
	}
	d.annual = make([][]float64, len(years))
	for y := range d.annual {
		d.annual[y] = make([]float64, care.NumAnnual)
		for k := range d.annual[y] {
			d.annual[y][k] = math.NaN() // not in the file: not measured
		}
	}
	annual := make([][finance.NumBodies][finance.NumMeasures]plots.Estimate, len(years))
	priced := false
	err := longRows(path, func(cell func(string) string) error {
		y, ok := year[cell("financial_year")]
		if !ok {
			return fmt.Errorf("financial year %q is not in summary.json", cell("financial_year"))
		}
		org := cell("organisation")
		if org == "" {
			k, ok := careMeasure[cell("measure")]
			if !ok {
				return nil // a measure of another version: not charted
			}
			x, err := parseCell(cell("value"), 64)
			d.annual[y][k] = x
			return err
		}
		b, ok := body[org]
		k, known := measure[cell("measure")]
		if !ok || !known {
			return nil // not charted
		}
		priced = true
		var e [3]float64
		for i, c := range []string{"value", "ci_low", "ci_high"} {
			x, err := parseCell(cell(c), 64)
			if err != nil {
				return err
			}
			e[i] = x
		}
		annual[y][b][k] = plots.Estimate{Mean: e[0], Lo: e[1], Hi: e[2]}
		return nil
	})
	if err != nil {
		return err
	}
	d.years = partYear(years, wholeYears(years, d.annual))
	if priced {
		d.money = &moneyData{years: d.years, annual: annual}
	}
	return nil
}

// fyLength is the number of days of the financial year fy ("2014/15"),
// from 1 April, or 0 when fy is not such a label.
func fyLength(fy string) int {
	y, err := strconv.Atoi(fy[:min(4, len(fy))])
	if err != nil {
		return 0
	}
	from := time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC)
	return int(from.AddDate(1, 0, 0).Sub(from).Hours() / 24)
}
