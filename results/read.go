package results

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/finance"
)

// ReadRun reads back what a run's charts are drawn from out of its
// results folder dir, which must be whole ([CheckFolder]): summary.json,
// daily.csv, annual.csv and los.csv, and backcast.csv when summary.json
// has a backcast. Each problem names the file.
func ReadRun(dir string) (RunData, error) {
	d := NewRunData()
	if err := CheckFolder(dir); err != nil {
		return d, err
	}
	s, err := ReadSummary(dir)
	if err != nil {
		return d, err
	}
	m := s.Manifest
	d.Calibration = s.Calibration
	d.Name = m.Scenario
	d.Place = PlaceOf(m.Place, m.Scenario)
	for _, iv := range m.Interventions {
		at, err := time.Parse(time.DateOnly, iv.Start)
		if err != nil {
			return d, fmt.Errorf("%s: intervention %s: %w", filepath.Join(dir, "summary.json"), iv.Name, err)
		}
		d.Markers = append(d.Markers, Marker{Label: iv.Name, At: at})
	}
	if err := readDaily(filepath.Join(dir, "daily.csv"), &m, &d); err != nil {
		return d, err
	}
	if err := readAnnual(filepath.Join(dir, "annual.csv"), s, &d); err != nil {
		return d, err
	}
	if d.LOS, err = ReadLOS(filepath.Join(dir, "los.csv"), s.LengthOfStay); err != nil {
		return d, err
	}
	if d.Money != nil {
		d.Money.Projection = m.Projection
		if d.Money.Bridge, err = readBridge(filepath.Join(dir, "bridge.csv")); err != nil {
			return d, err
		}
		if d.Money.Sensitivity, err = readSensitivity(filepath.Join(dir, "sensitivity.csv")); err != nil {
			return d, err
		}
	}
	if s.Backcast != nil {
		points, err := ReadBackcast(dir, s.Backcast)
		if err != nil {
			return d, err
		}
		d.Backcast = &Backcast{Summary: *s.Backcast, Points: points}
	}
	return d, nil
}

// LongRows reads the header and the rows of the means across
// replications (those whose replication is empty) of a long CSV file at
// path, whose header must have the columns need (and replication),
// calling row with each row's cells by column name.
func LongRows(path string, need []string, row func(cell func(string) string) error) error {
	return namedRows(path, append([]string{"replication"}, need...), func(cell func(string) string) error {
		if cell("replication") != "" {
			return nil
		}
		return row(cell)
	})
}

// NamedRows reads the CSV file at path, whose header must have the column
// need, and calls row with each record after it, its cells by column name
// (a column the file lacks is empty); an error from row is given with the
// file and line, and a [CellError] with the column too.
func NamedRows(path, need string, row func(cell func(string) string) error) error {
	return namedRows(path, []string{need}, row)
}

// CellError is a problem with a row's cell in the column Col, which the
// readers of CSV files give with the column's number and name.
type CellError struct {
	Col string
	Err error
}

func (e *CellError) Error() string { return e.Col + ": " + e.Err.Error() }

func (e *CellError) Unwrap() error { return e.Err }

// namedRows is [NamedRows] with the columns need.
func namedRows(path string, need []string, row func(cell func(string) string) error) error {
	col := map[string]int{}
	head := func(header []string) error {
		for i, h := range header {
			if _, ok := col[h]; ok {
				return fmt.Errorf("column %s twice", h)
			}
			col[h] = i
		}
		for _, n := range need {
			if _, ok := col[n]; !ok {
				return fmt.Errorf("no %s column", n)
			}
		}
		return nil
	}
	return EachRecord(path, head, func(rec []string) error {
		err := row(func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		})
		var ce *CellError
		if errors.As(err, &ce) {
			if i, ok := col[ce.Col]; ok {
				return fmt.Errorf("column %d (%s): %w", i+1, ce.Col, ce.Err)
			}
		}
		return err
	})
}

// CSVRows reads the CSV file at path, whose header must be header, and
// calls row with each record after it; an error from row is given with
// the file and line.
func CSVRows(path string, header []string, row func(rec []string) error) error {
	return EachRecord(path, func(got []string) error {
		if !slices.Equal(got, header) {
			return fmt.Errorf("header %q, want %q", got, header)
		}
		return nil
	}, row)
}

// EachRecord reads the CSV file at path, calling head with its header
// and row with each record after it; an error from either is given with
// the file and line.
func EachRecord(path string, head, row func(rec []string) error) error {
	f, c, err := openCSV(path)
	if err != nil {
		return err
	}
	defer c.Close()
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

// readDaily fills d's start date and daily series from daily.csv, which
// must hold the days that summary.json's manifest m says were measured,
// from its start, each with a row of every daily measure.
func readDaily(path string, m *Manifest, d *RunData) error {
	index := map[string]int{}
	for k, m := range care.DailyMeasures {
		index[m.Name] = k
	}
	start, err := time.Parse(time.DateOnly, m.Start)
	if err != nil {
		return fmt.Errorf("%s: manifest: start: %w", filepath.Join(filepath.Dir(path), "summary.json"), err)
	}
	var dates []string
	err = LongRows(path, []string{"date", "measure", "value", "p10", "p90"}, func(cell func(string) string) error {
		date := cell("date")
		if len(dates) == 0 || dates[len(dates)-1] != date {
			want := start.AddDate(0, 0, len(dates)).Format(time.DateOnly)
			if date != want {
				return &CellError{"date", fmt.Errorf("%q, want %s, the next day measured (summary.json: %d days from %s)", date, want, m.Days, m.Start)}
			}
			dates = append(dates, date)
		}
		k, ok := index[cell("measure")]
		if !ok {
			return nil // a measure of another version: not charted
		}
		b := &d.Daily[k]
		day := len(dates) - 1
		for _, c := range []struct {
			name   string
			series *[]float64
		}{{"value", &b.Mean}, {"p10", &b.P10}, {"p90", &b.P90}} {
			x, err := ParseCell(cell(c.name), 32)
			if err != nil {
				return &CellError{c.name, err}
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
	if len(dates) != m.Days {
		return fmt.Errorf("%s holds %d days, but summary.json says %d were measured: the file is cut short or not this run's", path, len(dates), m.Days)
	}
	d.Start = start
	for k := range d.Daily {
		for _, s := range []*[]float64{&d.Daily[k].Mean, &d.Daily[k].P10, &d.Daily[k].P90} {
			if len(*s) != len(dates) {
				return fmt.Errorf("%s: %s has %d days, not %d", path, care.DailyMeasures[k].Name, len(*s), len(dates))
			}
		}
	}
	return nil
}

// readAnnual fills d's years and annual means of the care model's
// measures from annual.csv (rows with no organisation), and its money
// when the run was priced (rows with an organisation), as summary.json s
// describes them: its financial years, and its annual measures, of which
// the file must hold one row of each (and, when they include the
// accounts' lines, of each line of each body's accounts) in each year. A
// final year simulated in part (its days fewer than the year's) is
// labelled so, as run labels it.
func readAnnual(path string, s *Summary, d *RunData) error {
	years := s.Manifest.FinancialYears
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
	pressure := map[string]bool{}
	for _, m := range finance.PressureLines {
		pressure[m.Name] = true
	}
	// The rows summary.json says the file holds, by year, organisation
	// and measure, of the measures this caresim knows (the pressure lines
	// are checked for, not charted).
	want := map[[3]string]bool{}
	priced := false
	for _, fy := range years {
		for _, m := range s.AnnualMeasures {
			if _, ok := careMeasure[m.Name]; ok {
				want[[3]string{fy, "", m.Name}] = true
			}
			_, line := measure[m.Name]
			priced = priced || line
			if line || pressure[m.Name] {
				for _, b := range sim.MoneyBodies {
					want[[3]string{fy, finance.BodyNames[b], m.Name}] = true
				}
			}
		}
	}
	seen := map[[3]string]bool{}
	d.Annual = make([][]float64, len(years))
	for y := range d.Annual {
		d.Annual[y] = make([]float64, care.NumAnnual)
		for k := range d.Annual[y] {
			d.Annual[y][k] = math.NaN() // not in the file: not measured
		}
	}
	annual := make([][finance.NumBodies][finance.NumMeasures]Estimate, len(years))
	err := LongRows(path, []string{"financial_year", "organisation", "measure", "value", "ci_low", "ci_high"}, func(cell func(string) string) error {
		y, ok := year[cell("financial_year")]
		if !ok {
			return fmt.Errorf("financial year %q is not in summary.json", cell("financial_year"))
		}
		org := cell("organisation")
		key := [3]string{cell("financial_year"), org, cell("measure")}
		if seen[key] {
			return fmt.Errorf("a second row of %s %s %s", key[0], orgName(org), key[2])
		}
		seen[key] = true
		e, err := estimateCells(cell)
		if err != nil {
			return err
		}
		if org == "" {
			if k, ok := careMeasure[cell("measure")]; ok {
				d.Annual[y][k] = e.Mean
			}
			return nil // else a measure of another version: not charted
		}
		b, ok := body[org]
		k, known := measure[cell("measure")]
		if !ok || !known {
			return nil // not charted
		}
		annual[y][b][k] = e
		return nil
	})
	if err != nil {
		return err
	}
	missing := 0
	var first [3]string
	for _, fy := range years {
		for _, org := range append([]string{""}, finance.BodyNames[:]...) {
			for _, m := range s.AnnualMeasures {
				if k := [3]string{fy, org, m.Name}; want[k] && !seen[k] {
					if missing == 0 {
						first = k
					}
					missing++
				}
			}
		}
	}
	if missing > 0 {
		return fmt.Errorf("%s lacks %d of the rows summary.json says it holds, the first of %s %s %s: the file is cut short or not this run's", path, missing, first[0], orgName(first[1]), first[2])
	}
	d.Years = PartYear(years, WholeYears(years, d.Annual))
	if priced {
		d.Money = &Money{Years: d.Years, Annual: annual}
	}
	return nil
}

// orgName names an organisation of annual.csv, "the care model" for its
// rows with none.
func orgName(org string) string {
	if org == "" {
		return "(the care model)"
	}
	return org
}

// FinancialYearDays is the number of days of the financial year labelled
// fy ("2014/15"), or 0 when fy is not such a label (as a final year
// simulated in part is labelled, "2014/15 (part)").
func FinancialYearDays(fy string) int { return fyDays(fy) }

// fyDays is [FinancialYearDays].
func fyDays(fy string) int {
	d, err := scenarios.ParseFinancialYear(fy)
	if err != nil {
		return 0
	}
	return des.FinancialYearDays(d.Year)
}

// RunData is what a run's charts are drawn from: a run just finished
// (RunDataOf) or one read back from its results folder (ReadRun, for
// caresim plot). Daily series are held to float32 precision, as daily.csv
// writes them, so that both draw the same charts, byte for byte.
type RunData struct {
	Name, Place string
	Start       time.Time
	Markers     []Marker
	Daily       []sim.Band // indexed as care.DailyMeasures; see NewRunData
	// years are the financial years, a final year simulated in part so
	// labelled, and annual each year's mean of each annual measure.
	Years  []string
	Annual [][]float64
	LOS    []*LOS // as LOSPools; nil for a pool without stays
	Money  *Money // nil when the run was not priced
	// calibration is summary.json's calibration checks, when read back
	// from a folder (the report's; not charted).
	Calibration []Check
	// Backcast is the run set beside observed data, when it was (run
	// --observed, backcast); else nil.
	Backcast *Backcast
}

// Money is a priced run's accounts: each financial year's mean and
// confidence interval of each line of each body's accounts, which may be
// NaN (not measured).
type Money struct {
	Years  []string // financial years, a final year simulated in part so labelled
	Annual [][finance.NumBodies][finance.NumMeasures]Estimate
	// Projection is the scenario's published projection of the gap, nil
	// when it names none.
	Projection *Projection
	// Bridge is the gap bridge from the first year to the final one, nil
	// for a folder written before caresim wrote bridge.csv.
	Bridge *Bridge
	// Sensitivity is the final year's deficits' response to each money
	// assumption over its range (without Set), nil for a folder written
	// before caresim wrote sensitivity.csv.
	Sensitivity []sim.Sensitivity
}

// NewRunData returns an empty RunData with a series for each daily
// measure.
func NewRunData() RunData { return RunData{Daily: make([]sim.Band, care.NumDaily)} }

// RunDataOf is what the charts of a finished run of l are drawn from.
func RunDataOf(l *scenarios.Loaded, res *sim.Results) RunData {
	d := NewRunData()
	d.Name, d.Place, d.Start = l.Name, PlaceOf(l.Place, l.Name), DateTime(res.Reps[0].Start)
	for _, iv := range l.Interventions {
		d.Markers = append(d.Markers, Marker{Label: iv.Name, At: DateTime(iv.Start)})
	}
	for k, b := range res.Daily {
		d.Daily[k] = sim.Band{Mean: single(b.Mean), P10: single(b.P10), P90: single(b.P90)}
	}
	for _, a := range res.Annual {
		means := make([]float64, care.NumAnnual)
		for k, s := range a {
			means[k] = s.Mean
		}
		d.Annual = append(d.Annual, means)
	}
	d.Years = PartYear(res.Years, WholeYears(res.Years, d.Annual))
	d.LOS = LOSOf(res)
	m := res.Money
	if m == nil {
		return d
	}
	d.Money = &Money{Years: PartYear(m.Years, m.FinalYear)}
	for y := range m.Years {
		var a [finance.NumBodies][finance.NumMeasures]Estimate
		for b := range a {
			for k := range a[b] {
				s := m.Annual[y][b][k]
				a[b][k] = Estimate{Mean: s.Mean, Lo: s.Lo(), Hi: s.Hi()}
			}
		}
		d.Money.Annual = append(d.Money.Annual, a)
	}
	d.Money.Projection = ProjectionOf(l.Money.Projection)
	d.Money.Bridge = BridgeOf(m)
	d.Money.Sensitivity = res.MoneySensitivity(MoneyVariations(l))
	for i := range d.Money.Sensitivity {
		d.Money.Sensitivity[i].Set = nil // as read back from sensitivity.csv
	}
	return d
}

// WholeYears returns the index of the last of the financial years
// simulated whole (its days in annual those of the year from 1 April),
// or the last year when none was.
func WholeYears(years []string, annual [][]float64) int {
	for y := len(annual) - 1; y >= 0; y-- {
		if annual[y][care.AnnualDays] == float64(fyDays(years[y])) {
			return y
		}
	}
	return len(annual) - 1
}

// PartYear returns years with the last labelled as simulated in part
// when final, the index of the final year simulated whole, is not the
// last.
func PartYear(years []string, final int) []string {
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

// PlaceOf says where the scenario name is, for titles: its place (which
// it may inherit from the scenario it extends) with its name, "Mid-
// Nottinghamshire (prism)", or the scenario's name alone when it has no
// place, as the textbook queues have none.
func PlaceOf(place, name string) string {
	if p := strings.TrimSpace(place); p != "" {
		return fmt.Sprintf("%s (%s)", p, name)
	}
	return "scenario " + name
}

// DateTime is d at UTC midnight.
func DateTime(d des.Date) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// Marker labels a date on a time axis, such as an intervention's start.
type Marker struct {
	Label string
	At    time.Time
}

// Estimate is a mean with its confidence interval [Lo, Hi] in the same units.
type Estimate struct {
	Mean, Lo, Hi float64
}

// estimateCells reads a mean's row's value and interval, from its
// columns value, ci_low and ci_high.
func estimateCells(cell func(string) string) (Estimate, error) {
	var e [3]float64
	for i, c := range []string{"value", "ci_low", "ci_high"} {
		x, err := ParseCell(cell(c), 64)
		if err != nil {
			return Estimate{}, &CellError{c, err}
		}
		e[i] = x
	}
	return Estimate{Mean: e[0], Lo: e[1], Hi: e[2]}, nil
}
