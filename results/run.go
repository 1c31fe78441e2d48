package results

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"time"

	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
	"caresim/sim/stats"
)

// EventLog writes replication 0's patient events as CSV while it runs.
// Not safe for concurrent use: sim.Run calls Trace from one goroutine.
type EventLog struct {
	w   *csv.Writer
	rec []string
	N   int // events written
}

// NewEventLog starts an event log on w, writing its header.
func NewEventLog(w io.Writer) *EventLog {
	l := &EventLog{w: csv.NewWriter(w), rec: make([]string, 4)}
	l.w.Write([]string{"time_days", "patient", "event", "service"})
	return l
}

// Add writes the event e as a row: its time in days from the start
// (negative in the warm-up), the patient, the event and the service. It
// is care.Config.Trace.
func (l *EventLog) Add(e care.TraceEvent) {
	l.rec[0] = Cell(float64(e.Time))
	l.rec[1] = strconv.FormatInt(e.Patient, 10)
	l.rec[2] = e.Event
	l.rec[3] = e.Service
	l.w.Write(l.rec)
	l.N++
}

// Close flushes the log and returns the first write error.
func (l *EventLog) Close() error {
	l.w.Flush()
	return l.w.Error()
}

// Run is a finished run, ready to be written out.
type Run struct {
	*scenarios.Loaded
	Sets   []string // the --set overrides, in order
	Opts   sim.Options
	Res    *sim.Results
	PerRep bool   // add each replication's rows to the CSV files
	LOS    []*LOS // the lengths of stay, as LOSOf(Res)
	// Calibration holds the calibration checks of the run, for
	// summary.json: the caller evaluates them (package validation), when
	// the scenario has targets.
	Calibration []Check
	// Backcast is the run set beside observed data, written to
	// backcast.csv and summary.json, when it was; else nil.
	Backcast *Backcast
	// Sensitivity is the response of a priced run's final-year deficits
	// to each money assumption over its documented range
	// ([MoneyVariations]); nil when the run was not priced.
	Sensitivity []sim.Sensitivity
}

// NewRun is a finished run of l with overrides sets, options o and
// results res, with each replication's rows in the CSV files when perRep,
// and calibration checks calib (nil when the scenario has none).
func NewRun(l *scenarios.Loaded, sets []string, o sim.Options, res *sim.Results, perRep bool, calib []Check) *Run {
	return &Run{Loaded: l, Sets: sets, Opts: o, Res: res, PerRep: perRep, LOS: LOSOf(res), Calibration: calib,
		Sensitivity: res.MoneySensitivity(MoneyVariations(l))}
}

// RunFiles are the files of a run's results, in the order files
// writes them: what run writes but the report and charts, and what
// compare writes in each scenario's subfolder.
var RunFiles = []string{"summary.json", "metrics.csv", "daily.csv", "annual.csv", "los.csv"}

// MoneyFiles are the files a priced run adds to RunFiles: the gap
// bridge and the money's sensitivity.
var MoneyFiles = []string{"bridge.csv", "sensitivity.csv"}

// Files returns the names and writers of the result files, wall being
// the run's wall time for summary.json: RunFiles, MoneyFiles when the
// run was priced, and backcast.csv when it has a backcast.
func (r *Run) Files(wall time.Duration) ([]string, []func(io.Writer) error) {
	names, writers := slices.Clone(RunFiles), []func(io.Writer) error{
		func(w io.Writer) error { return r.WriteSummary(w, wall) },
		r.WriteMetrics, r.WriteDaily, r.WriteAnnual,
		func(w io.Writer) error { return WriteLOS(w, r.Name, r.LOS) },
	}
	if m := r.Res.Money; m != nil {
		names = append(names, MoneyFiles...)
		writers = append(writers, r.WriteBridge, func(w io.Writer) error {
			return WriteSensitivity(w, r.Name, m.Years[m.FinalYear], r.Sensitivity)
		})
	}
	if r.Backcast != nil {
		names = append(names, "backcast.csv")
		writers = append(writers, func(w io.Writer) error { return WriteBackcast(w, r.Name, r.Backcast.Points) })
	}
	return names, writers
}

// Data is what the run's charts and report are drawn from: RunDataOf its
// results, with its backcast.
func (r *Run) Data() RunData {
	d := RunDataOf(r.Loaded, r.Res)
	d.Backcast = r.Backcast
	return d
}

// WriteSummary writes summary.json; wall is the only field that differs
// between runs with the same seed.
func (r *Run) WriteSummary(w io.Writer, wall time.Duration) error {
	return WriteJSON(w, r.Summary(wall))
}

// Summary is summary.json's content.
func (r *Run) Summary(wall time.Duration) *Summary {
	s := &Summary{
		FormatVersion:  SummaryFormat,
		Manifest:       NewManifest(r.Loaded, r.Sets, r.Opts, r.Res, wall),
		DailyMeasures:  slices.Clone(care.DailyMeasures),
		AnnualMeasures: slices.Clone(care.AnnualMeasures),
		LengthOfStay:   LOSSummaries(r.LOS),
	}
	if r.Res.Money != nil {
		s.AnnualMeasures = append(s.AnnualMeasures, finance.Measures[:]...)
	}
	for _, m := range r.Res.AllMetrics() {
		sum := m.Summary
		s.Metrics = append(s.Metrics, Metric{
			Name: m.Name, Unit: m.Unit, Mean: Number(sum.Mean), SD: Number(sum.SD),
			CILow: Number(sum.Lo()), CIHigh: Number(sum.Hi()), N: sum.N, Doc: m.Doc,
		})
	}
	s.Calibration = r.Calibration
	if r.Backcast != nil {
		s.Backcast = &r.Backcast.Summary
	}
	return s
}

// longWriter writes one of the long CSV files. Each row is the scenario,
// a key (the metric; the date and measure; ...), the replication (empty on
// the row of the mean across replications, else its number, so that the
// column holds whole numbers only) and the values: the value and its
// summary statistics on the mean's row, the value alone on a
// replication's row.
type longWriter struct {
	cw     *csv.Writer
	name   string
	reps   int // replications, 0 when only the means' rows are written
	nstats int // summary statistics after the value
	rec    []string
}

// newLongWriter writes the header: scenario, the key's columns,
// replication, value and the statistics' columns.
func (r *Run) newLongWriter(w io.Writer, key []string, stats ...string) *longWriter {
	l := &longWriter{cw: csv.NewWriter(w), name: r.Name, nstats: len(stats)}
	if r.PerRep {
		l.reps = len(r.Res.Reps)
	}
	l.cw.Write(slices.Concat([]string{"scenario"}, key, []string{"replication", "value"}, stats))
	return l
}

// group writes one key's rows: the mean's row of summary (the value and
// its statistics, the replication empty), then each replication's value
// rep(i).
func (l *longWriter) group(key, summary []string, rep func(i int) string) {
	l.rec = append(append(append(l.rec[:0], l.name), key...), "")
	l.cw.Write(append(l.rec, summary...))
	for i := range l.reps {
		l.rec[len(key)+1] = strconv.Itoa(i)
		row := append(l.rec, rep(i))
		for range l.nstats {
			row = append(row, "")
		}
		l.cw.Write(row)
	}
}

// Close flushes the file and returns the first write error.
func (l *longWriter) Close() error {
	l.cw.Flush()
	return l.cw.Error()
}

// WriteMetrics writes metrics.csv: each metric's mean across
// replications with its confidence interval.
func (r *Run) WriteMetrics(w io.Writer) error {
	l := r.newLongWriter(w, []string{"metric", "unit"}, "ci_low", "ci_high")
	for _, m := range r.Res.AllMetrics() {
		s := m.Summary
		l.group([]string{m.Name, m.Unit}, SummaryCells(s),
			func(i int) string { return Cell(m.Values[i]) })
	}
	return l.Close()
}

// WriteDaily writes daily.csv: for each day and daily measure, the mean
// and the 10th and 90th percentiles across replications.
func (r *Run) WriteDaily(w io.Writer) error {
	l := r.newLongWriter(w, []string{"date", "measure", "unit"}, "p10", "p90")
	start := r.Res.Reps[0].Start
	for d := range r.Res.Reps[0].Days {
		date := start.AddDays(d).String()
		for k, m := range care.DailyMeasures {
			b := r.Res.Daily[k]
			l.group([]string{date, m.Name, m.Unit}, []string{DailyCell(b.Mean[d]), DailyCell(b.P10[d]), DailyCell(b.P90[d])},
				func(i int) string { return DailyCell(r.Res.Reps[i].Daily[k][d]) })
		}
	}
	return l.Close()
}

// WriteAnnual writes annual.csv: for each financial year, each annual
// measure of the care model (with an empty organisation), then, when the
// run was priced, each line of the accounts of the system and of each
// organisation (sim.MoneyBodies, finance.Measures): the mean across
// replications with its confidence interval.
func (r *Run) WriteAnnual(w io.Writer) error {
	l := r.newLongWriter(w, []string{"financial_year", "organisation", "measure", "unit"}, "ci_low", "ci_high")
	money := r.Res.Money
	for y, fy := range r.Res.Years {
		for k, m := range care.AnnualMeasures {
			l.group([]string{fy, "", m.Name, m.Unit}, SummaryCells(r.Res.Annual[y][k]),
				func(i int) string { return Cell(r.Res.Reps[i].Annual[y][k]) })
		}
		if money == nil {
			continue
		}
		for _, b := range sim.MoneyBodies {
			for k, m := range finance.Measures {
				l.group([]string{fy, finance.BodyNames[b], m.Name, m.Unit}, SummaryCells(money.Annual[y][b][k]),
					func(i int) string { return Cell(money.Reps[i][y].Money[b][k]) })
			}
		}
	}
	return l.Close()
}

// SummaryCells are the mean and confidence interval of s, for a "mean"
// row.
func SummaryCells(s stats.Summary) []string {
	return []string{Cell(s.Mean), Cell(s.Lo()), Cell(s.Hi())}
}
