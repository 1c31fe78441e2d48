package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"caresim/cmd/caresim/internal/table"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
	"caresim/sim/stats"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

// summaryFormat is the version of summary.json's layout. Raise it when a
// field changes meaning or goes; adding a field keeps it.
const summaryFormat = 1

// headline lists the metrics run prints, in order.
var headline = []int{
	care.MetricEDAttendances,
	care.MetricED4h,
	care.MetricNELAdmissions,
	care.MetricAcuteOccupancy,
	care.MetricAcuteLOS,
	care.MetricAcuteDelayed,
	care.MetricDelayP1,
	care.MetricDelayP2,
	care.MetricDelayP3,
	care.MetricICOccupancy,
	care.MetricCareHomeAdmissions,
	care.MetricReadmissions,
	care.MetricElectiveCancellations,
}

// simFlags are the flags of the commands that simulate a scenario: how many
// replications, from which seed, on how many cores, with which overrides.
type simFlags struct {
	fs      *pflag.FlagSet
	reps    *int
	seed    *uint64
	workers *int
	sets    *[]string
}

func addSimFlags(fs *pflag.FlagSet) *simFlags {
	return &simFlags{
		fs:      fs,
		reps:    fs.Int("reps", 0, "replications (default: the scenario's replications)"),
		seed:    fs.Uint64("seed", 0, "random seed (default: the scenario's seed)"),
		workers: fs.Int("workers", runtime.GOMAXPROCS(0), "replications run at once; results do not depend on it"),
		sets:    fs.StringArray("set", nil, "override a parameter, path=value (repeatable)"),
	}
}

// check reports misuse of the flags, before any scenario is read.
func (f *simFlags) check() error {
	if f.fs.Changed("reps") && *f.reps < 1 {
		return usageErr("--reps must be >= 1")
	}
	if *f.workers < 1 {
		return usageErr("--workers must be >= 1")
	}
	return nil
}

// options returns how to run s: the flags where given, else the
// scenario's own replications and seed; priced by s (pricedBy).
func (f *simFlags) options(s *scenarios.Loaded) (sim.Options, error) {
	o := pricedBy(sim.Options{Reps: s.Replications, Seed: s.Seed, Workers: *f.workers}, s)
	if f.fs.Changed("reps") {
		o.Reps = *f.reps
	}
	if f.fs.Changed("seed") {
		o.Seed = *f.seed
	}
	if o.Reps < 1 {
		return o, usageErr("scenario %s sets no replications: give --reps", s.Name)
	}
	return o, nil
}

func newRun() *command {
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	r := newRunCmd(fs)
	c := &command{
		name:  "run",
		usage: "[flags] [FILE|NAME]",
		short: "simulate a scenario and write its results",
		long: `
Run simulates a scenario (a file, or a built-in name; baseline when none
is given), its replications in parallel, and writes to --out:

	summary.json  format_version 1: a manifest (caresim version, scenario,
	              the files it extends, digest, seed, replications,
	              warm-up, wall time, warnings) and each metric's mean,
	              SD and 95% confidence interval
	metrics.csv   scenario,metric,unit,replication,value,ci_low,ci_high
	daily.csv     scenario,date,measure,unit,replication,value,p10,p90
	annual.csv    scenario,financial_year,organisation,measure,unit,replication,value,ci_low,ci_high
	los.csv       scenario,pool,from_days,to_days,stays_per_replication,share,cumulative_share:
	              the histogram of lengths of stay in acute (emergency
	              spells) and intermediate-care beds, in 6-hour bins,
	              over the stays ending after warm-up, whose mean,
	              median, 90th percentile and longest are in
	              summary.json's length_of_stay

and charts, in each --format (png by default; png,svg,pdf for all three)
at --size slide (10 × 5.63 in, the default) or a4 (7.5 × 4.5 in),
unless --no-plots: beds-acute, beds-intermediate-care, beds-care-homes
(each pool the scenario has: mean occupied beds, the 10th–90th
percentile band across replications, the capacity and the interventions'
start dates), delays (patients delayed in acute beds by discharge
pathway, when the scenario has acute beds), ae-performance (each month's
4-hour performance against the 95% standard and 12-hour waits, when it
has A&E attendances), los-acute and los-intermediate-care (the
distribution of lengths of stay, as a histogram and cumulatively, mean
and median marked), pathway-mix (each financial year's shares of
emergency spells ending at home, in reablement, in an intermediate-care
bed, in a care home or in death) and, for a priced run, deficit-system and
deficit-ORG for each organisation with money (the annual deficit and the
cumulative, with 95% confidence intervals). caresim plot re-draws them
from the folder.

report.html is the run's report for a board, self-contained (it loads
nothing) and printable on A4: the headline metrics with their 95%
confidence intervals, the charts drawn (inline SVG), what the scenario
changes (its files, interventions and --set overrides), the validation
status (the baseline's calibration targets against this run when it is
the built-in baseline unchanged; the tally of a validation.csv in the
folder or in ../validation) and the manifest, without the wall time.

The CSV files are long (one value a row). Rows whose replication is
"mean" hold the mean across replications with its 95% confidence
interval (for daily measures, the 10th and 90th percentiles across
replications); --per-replication adds a row for each replication,
numbered from 0. Empty cells are values that could not be measured, such
as a mean delay with nobody delayed. --events writes replication 0's
patient events (time_days,patient,event,service; times in days from the
start date, negative during warm-up).

A scenario whose money section names organisations is priced: each
financial year of annual.csv adds the accounts of the system and of each
organisation (acute, community, social-care, commissioners; the
organisation column, empty on the care model's rows), and metrics.csv and
summary.json add the deficits in the final year and cumulatively, for
the system and each organisation (deficit_final_year_gbp,
deficit_cumulative_gbp, deficit_final_year_gbp_acute, ...). A deficit is
cost − funding − income, in pounds of each year: positive is a gap. A
money section without organisations (the textbook scenarios') prices
nothing, and one with costs but no organisations gets a warning.

Run prints the headline metrics with their 95% confidence intervals, to
four significant figures, and for a priced run the deficits of the
system and each organisation in the final year and the system's
cumulative deficit, in £m (£k below a million). The same seed gives the
same files, byte for byte, whatever --workers is; only summary.json's
wall_time_seconds differs (PDF charts carry a fixed date,
SOURCE_DATE_EPOCH's when it is set). Files are written under temporary names and
renamed when all are complete: Ctrl-C stops the run after the
replications under way, leaves the folder as it was, and exits 1.

Examples:

	$ caresim run --reps 3 --set horizon=60d --set warm_up.length=5d textbook-mmc
	$ caresim run --reps 2 --per-replication --events mmc-events.csv --set horizon=7d --out mmc textbook-mmc
	$ caresim run --reps 2 --set horizon=30d --set warm_up.length=0d baseline`,
		flags: fs,
	}
	c.run = onInterrupt("stopping after the replications under way", r.exec)
	return c
}

// onInterrupt returns a command's run function that calls exec with a
// context that Ctrl-C cancels (see interruptible).
func onInterrupt(then string, exec func(ctx context.Context, args []string, stdout, stderr io.Writer) error) func(args []string, stdout, stderr io.Writer) error {
	return func(args []string, stdout, stderr io.Writer) error {
		ctx, stop := interruptible(stderr, then)
		defer stop()
		return exec(ctx, args, stdout, stderr)
	}
}

// interruptible returns a context that the first SIGINT (Ctrl-C) or
// SIGTERM cancels, saying on stderr what happens next (then); a second
// signal ends the process at once. stop releases the signals.
func interruptible(stderr io.Writer, then string) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-sig:
			signal.Stop(sig) // a second Ctrl-C ends the process at once
			fmt.Fprintf(stderr, "\ncaresim: %v: %s\n", s, then)
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(sig)
		cancel()
	}
}

// outFlags are the simulating commands' flags for where the results go
// and how quietly, with the simulation's own.
type outFlags struct {
	sim   *simFlags
	out   *string
	quiet *bool
}

// addOutFlags defines the simulation flags, --out with its default and
// meaning, and --quiet.
func addOutFlags(fs *pflag.FlagSet, out, outUsage string) outFlags {
	return outFlags{
		sim:   addSimFlags(fs),
		out:   fs.String("out", out, outUsage),
		quiet: fs.Bool("quiet", false, "no progress bar and no notes on stderr but warnings"),
	}
}

// runCmd holds run's flags.
type runCmd struct {
	outFlags
	perRep *bool
	events *string
	plots  plotFlags
}

// newRunCmd defines run's flags on fs.
func newRunCmd(fs *pflag.FlagSet) *runCmd {
	return &runCmd{
		outFlags: addOutFlags(fs, "", "folder for the results (default out/<scenario name>)"),
		perRep:   fs.Bool("per-replication", false, "add each replication's rows to metrics.csv, daily.csv and annual.csv"),
		events:   fs.String("events", "", "write replication 0's patient events to this CSV file"),
		plots:    addPlotFlags(fs),
	}
}

// exec runs the command; cancelling ctx stops it with nothing written.
func (r *runCmd) exec(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 1 {
		return usageErr("run takes one scenario, got %d", len(args))
	}
	if err := r.sim.check(); err != nil {
		return err
	}
	formats, err := r.plots.list()
	if err != nil {
		return err
	}
	ref := "baseline"
	if len(args) == 1 {
		ref = args[0]
	}
	l, err := scenarios.Load(ref, scenarios.Options{Sets: *r.sim.sets})
	if err != nil {
		return err
	}
	o, err := r.sim.options(l)
	if err != nil {
		return err
	}
	dir := *r.out
	if dir == "" {
		dir = filepath.Join("out", l.Name)
	}
	out, err := openOutDir(dir)
	if err != nil {
		return err
	}
	defer out.abort()
	var events *eventLog
	if *r.events != "" {
		f, err := out.create(*r.events)
		if err != nil {
			return fmt.Errorf("--events: %w", err)
		}
		events = newEventLog(f)
		o.Trace = events.add
	}

	o.KeepDaily = *r.perRep
	bar := newProgress(stderr, o.Reps, l.Name, *r.quiet)
	o.Done = bar.done
	began := time.Now()
	res, err := simulate(ctx, l, o)
	wall := time.Since(began)
	bar.finish()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("run: interrupted; nothing written")
		}
		return fmt.Errorf("run %s: %w", l.Name, err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "caresim: warning: %v\n", w)
	}
	if events != nil {
		if err := events.close(); err != nil {
			return fmt.Errorf("--events: %w", err)
		}
	}

	rs := newResults(l, *r.sim.sets, o, res, *r.perRep)
	names, writers := rs.files(wall)
	var drawn []chart
	names = append(names, "report.html")
	writers = append(writers, func(w io.Writer) error { return rs.writeReport(w, dir, drawn, formats.drawn()) })
	charts, done, err := addCharts(formats, keepCharts(func() ([]chart, error) { return runCharts(l, res) }, &drawn), &names, &writers)
	if err != nil {
		return err
	}
	defer done()
	if err := out.save(ctx, "run", names, writers); err != nil {
		return err
	}
	if !*r.quiet {
		fmt.Fprintf(stderr, "caresim: wrote %s to %s\n", strings.Join(names[:len(names)-len(charts)], ", "), dir)
		if len(charts) > 0 {
			fmt.Fprintf(stderr, "caresim: drew %s in %s\n", strings.Join(charts, ", "), dir)
		}
		if *r.events != "" {
			fmt.Fprintf(stderr, "caresim: wrote %d events of replication 0 to %s\n", events.n, *r.events)
		}
	}
	return rs.writeHeadline(stdout)
}

// outDir is a results folder being written. Its files go to temporary
// names and are renamed together by commit, or discarded by abort; a
// folder that openOutDir made, or a subfolder that write made, is
// removed again unless something was committed, so a command that fails
// leaves no empty folder behind.
type outDir struct {
	dir       string
	made      bool
	committed bool
	files     []*table.AtomicFile
	subdirs   []string // subfolders made for files, to remove on abort
}

// openOutDir makes dir if it does not exist.
func openOutDir(dir string) (*outDir, error) {
	d := &outDir{dir: dir}
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		d.made = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return d, nil
}

// create starts writing the file at path, usually in the folder.
func (d *outDir) create(path string) (*table.AtomicFile, error) {
	f, err := table.CreateAtomic(path)
	if err == nil {
		d.files = append(d.files, f)
	}
	return f, err
}

// write writes each of the files names (in the folder) with its writer,
// and closes every file so far; nothing is renamed yet.
func (d *outDir) write(names []string, writers []func(io.Writer) error) error {
	for i, name := range names {
		if sub := filepath.Dir(name); sub != "." && !slices.Contains(d.subdirs, sub) {
			path := filepath.Join(d.dir, sub)
			if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
				d.subdirs = append(d.subdirs, sub)
			}
			if err := os.MkdirAll(path, 0o755); err != nil {
				return err
			}
		}
		f, err := d.create(filepath.Join(d.dir, name))
		if err != nil {
			return err
		}
		if err := writers[i](f); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	for _, f := range d.files {
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// save writes the files names with their writers, then renames them all
// unless ctx was cancelled meanwhile: a Ctrl-C leaves nothing of cmd's.
func (d *outDir) save(ctx context.Context, cmd string, names []string, writers []func(io.Writer) error) error {
	if err := d.write(names, writers); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%s: interrupted; nothing written", cmd)
	}
	return d.commit()
}

// commit renames every file to its name.
func (d *outDir) commit() error {
	d.committed = true // from here on the folder holds results
	for _, f := range d.files {
		if err := f.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// abort discards the files not committed, and the folder if it made it
// and nothing was committed. It can be deferred.
func (d *outDir) abort() {
	for _, f := range d.files {
		f.Abort()
	}
	if !d.committed {
		for _, sub := range slices.Backward(d.subdirs) {
			os.Remove(filepath.Join(d.dir, sub))
		}
	}
	if d.made && !d.committed {
		os.Remove(d.dir)
	}
}

// progress is a progress bar of replications on stderr; its zero value
// shows nothing.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress returns a bar of n replications, shown only when stderr is
// a terminal and not quiet. It advances once per replication and redraws
// at most ten times a second.
func newProgress(stderr io.Writer, n int, name string, quiet bool) progress {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return progress{}
	}
	return progress{bar: newBar(stderr, n, name)}
}

func newBar(w io.Writer, n int, name string) *progressbar.ProgressBar {
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(name),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
	)
}

// done is sim.Options.Done: nil when there is no bar.
func (p progress) done(int) {
	if p.bar != nil {
		p.bar.Add(1)
	}
}

// finish erases the bar, whether the run finished or not.
func (p progress) finish() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

// eventLog writes replication 0's patient events as CSV while it runs.
// Not safe for concurrent use: sim.Run calls Trace from one goroutine.
type eventLog struct {
	w   *csv.Writer
	rec []string
	n   int
}

func newEventLog(w io.Writer) *eventLog {
	l := &eventLog{w: csv.NewWriter(w), rec: make([]string, 4)}
	l.w.Write([]string{"time_days", "patient", "event", "service"})
	return l
}

func (l *eventLog) add(e care.TraceEvent) {
	l.rec[0] = cell(float64(e.Time))
	l.rec[1] = strconv.FormatInt(e.Patient, 10)
	l.rec[2] = e.Event
	l.rec[3] = e.Service
	l.w.Write(l.rec)
	l.n++
}

// close flushes the log and returns the first write error.
func (l *eventLog) close() error {
	l.w.Flush()
	return l.w.Error()
}

// results is a finished run, ready to be written out.
type results struct {
	*scenarios.Loaded
	Sets   []string // the --set overrides, in order
	Opts   sim.Options
	Res    *sim.Results
	PerRep bool       // add each replication's rows to the CSV files
	LOS    []*losData // the lengths of stay, as losOf(Res)
}

func newResults(l *scenarios.Loaded, sets []string, o sim.Options, res *sim.Results, perRep bool) *results {
	return &results{Loaded: l, Sets: sets, Opts: o, Res: res, PerRep: perRep, LOS: losOf(res)}
}

// resultFiles are the files of a run's results, in the order files
// writes them: what run writes but the report and charts, and what
// compare writes in each scenario's subfolder.
var resultFiles = []string{"summary.json", "metrics.csv", "daily.csv", "annual.csv", "los.csv"}

// files returns the names and writers of the result files, wall being
// the run's wall time for summary.json.
func (r *results) files(wall time.Duration) ([]string, []func(io.Writer) error) {
	return slices.Clone(resultFiles), []func(io.Writer) error{
		func(w io.Writer) error { return r.writeSummary(w, wall) },
		r.writeMetrics, r.writeDaily, r.writeAnnual,
		func(w io.Writer) error { return writeLOS(w, r.Name, r.LOS) },
	}
}

// cell formats x for CSV: the shortest decimal that reads back as x, with
// no exponent, and an empty cell for NaN or infinity (nothing measured).
func cell(x float64) string { return cellBits(x, 64) }

// dailyCell formats a daily value to float32 precision (about seven
// significant figures), the precision in which package sim keeps the
// daily series across replications: more digits would be noise.
func dailyCell(x float64) string { return cellBits(x, 32) }

func cellBits(x float64, bits int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', -1, bits)
}

// number is a float64 that encodes as JSON null when it is NaN or
// infinite, which JSON cannot hold.
type number float64

func (x number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// UnmarshalJSON reads null as NaN, as MarshalJSON writes it.
func (x *number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = number(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(x))
}

// summaryJSON is the layout of summary.json, format version 1.
type summaryJSON struct {
	FormatVersion  int           `json:"format_version"`
	Manifest       manifestJSON  `json:"manifest"`
	Metrics        []metricJSON  `json:"metrics"`
	DailyMeasures  []measureJSON `json:"daily_measures"`
	AnnualMeasures []measureJSON `json:"annual_measures"`
	// Calibration holds the baseline's calibration checks against this
	// run, when the scenario is the built-in baseline unchanged
	// (calibrationOf).
	Calibration []checkJSON `json:"calibration,omitempty"`
	// LengthOfStay summarises each bed pool's lengths of stay, whose
	// histograms are in los.csv.
	LengthOfStay []losJSON `json:"length_of_stay"`
}

type measureJSON struct {
	Name string `json:"name"`
	Unit string `json:"unit"`
	Doc  string `json:"doc"`
}

func measuresJSON(ms []care.Measure) []measureJSON {
	out := make([]measureJSON, len(ms))
	for i, m := range ms {
		out[i] = measureJSON(m)
	}
	return out
}

type manifestJSON struct {
	Version         string   `json:"caresim_version"`
	GoVersion       string   `json:"go_version"`
	Scenario        string   `json:"scenario"`
	Description     string   `json:"description"`
	Place           string   `json:"place"`
	Chain           []string `json:"chain"`
	Sets            []string `json:"sets"`
	Digest          string   `json:"digest"`
	Seed            uint64   `json:"seed"`
	Replications    int      `json:"replications"`
	Start           string   `json:"start"`
	Days            int      `json:"days"`
	FinancialYears  []string `json:"financial_years"`
	WarmUpDays      number   `json:"warm_up_days"` // whole days simulated before start
	WarmUpAuto      bool     `json:"warm_up_auto"`
	ExcessAfterDays number   `json:"excess_after_days"`
	Confidence      number   `json:"confidence"`
	Events          int      `json:"events_simulated"`
	WallTimeSeconds number   `json:"wall_time_seconds"`
	Warnings        []string `json:"warnings"`
	// Interventions are the scenario's interventions, in order, with
	// their start dates, which caresim plot marks on its charts, and what
	// they change, which the report lists.
	Interventions []interventionJSON `json:"interventions"`
}

type interventionJSON struct {
	Name         string       `json:"name"`
	Start        string       `json:"start"`
	Description  string       `json:"description"`
	From         string       `json:"from"` // the file that defines it
	RampDays     number       `json:"ramp_days"`
	Changes      []changeJSON `json:"changes"`
	SetupGBP     number       `json:"setup_gbp"`
	RecurrentGBP number       `json:"recurrent_gbp"`
	Payer        string       `json:"payer"`
}

// changeJSON is an intervention's change to a parameter: set it to,
// scale it by or add the effect, in the model's units (days, per day,
// fractions, pounds).
type changeJSON struct {
	Path    string `json:"path"`
	Op      string `json:"op"` // to, scale or add
	Low     number `json:"low"`
	Central number `json:"central"`
	High    number `json:"high"`
}

type metricJSON struct {
	Name   string `json:"name"`
	Unit   string `json:"unit"`
	Mean   number `json:"mean"`
	SD     number `json:"sd"`
	CILow  number `json:"ci_low"`
	CIHigh number `json:"ci_high"`
	N      int    `json:"n"`
	Doc    string `json:"doc"`
}

// newManifest describes a finished run of l with overrides sets: what
// was run, how, and what came of it. wall is the only field that differs
// between runs with the same seed.
func newManifest(l *scenarios.Loaded, sets []string, o sim.Options, res *sim.Results, wall time.Duration) manifestJSON {
	m := manifestJSON{
		Version:         version(),
		GoVersion:       runtime.Version(),
		Scenario:        l.Name,
		Description:     l.Description,
		Place:           l.Place,
		Chain:           l.Chain,
		Sets:            append([]string{}, sets...),
		Digest:          l.Digest,
		Seed:            o.Seed,
		Replications:    len(res.Reps),
		Start:           l.Start.String(),
		Days:            res.Reps[0].Days,
		FinancialYears:  append([]string{}, res.Years...),
		WarmUpDays:      number(res.Reps[0].WarmUp),
		WarmUpAuto:      res.WarmUpAuto,
		ExcessAfterDays: number(o.ExcessAfter),
		Confidence:      stats.DefaultConfidence,
		WallTimeSeconds: number(math.Round(wall.Seconds()*1000) / 1000),
		Warnings:        []string{},
		Interventions:   interventionsJSON(l),
	}
	for _, rep := range res.Reps {
		m.Events += rep.Events
	}
	for _, e := range res.Warnings {
		m.Warnings = append(m.Warnings, e.Error())
	}
	return m
}

// writeSummary writes summary.json; wall is the only field that differs
// between runs with the same seed.
func (r *results) writeSummary(w io.Writer, wall time.Duration) error {
	return writeJSON(w, r.summary(wall))
}

// summary is summary.json's content.
func (r *results) summary(wall time.Duration) *summaryJSON {
	s := &summaryJSON{
		FormatVersion:  summaryFormat,
		Manifest:       newManifest(r.Loaded, r.Sets, r.Opts, r.Res, wall),
		DailyMeasures:  measuresJSON(care.DailyMeasures[:]),
		AnnualMeasures: measuresJSON(care.AnnualMeasures[:]),
		LengthOfStay:   losSummaries(r.LOS),
	}
	if r.Res.Money != nil {
		for _, m := range finance.Measures {
			s.AnnualMeasures = append(s.AnnualMeasures, measureJSON(m))
		}
	}
	for _, m := range resultMetrics(r.Res) {
		sum := m.Summary
		s.Metrics = append(s.Metrics, metricJSON{
			Name: m.Name, Unit: m.Unit, Mean: number(sum.Mean), SD: number(sum.SD),
			CILow: number(sum.Lo()), CIHigh: number(sum.Hi()), N: sum.N, Doc: m.Doc,
		})
	}
	s.Calibration = calibrationOf(r.Loaded, r.Sets, r.Res)
	return s
}

// writeJSON writes v as indented JSON, with <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// metricResult is one metric of a run: its name, unit and meaning, each
// replication's value in replication order, and their summary.
type metricResult struct {
	care.Measure
	Values  []float64
	Summary stats.Summary
}

// metricMeasures lists the metrics that resultMetrics returns for a run,
// priced or not (see moneyOf), in the same order, for headers written
// before any result exists: the names do not depend on results.
func metricMeasures(priced bool) []care.Measure {
	if !priced {
		return care.Metrics[:]
	}
	return slices.Concat(care.Metrics[:], sim.MoneyMetricMeasures())
}

// resultMetrics returns the metrics res carries: every one of
// care.Metrics, in the order of metricMeasures, then the money metrics
// when the run priced its activity (sim.Options.Money). Commands write
// their metric columns and rows from it, so a metric added to the
// results reaches every output by being added here.
func resultMetrics(res *sim.Results) []metricResult {
	out := make([]metricResult, care.NumMetrics)
	for k, m := range care.Metrics {
		vals := make([]float64, len(res.Reps))
		for i, rep := range res.Reps {
			vals[i] = rep.Metrics[k]
		}
		out[k] = metricResult{Measure: m, Values: vals, Summary: res.Metrics[k]}
	}
	if res.Money != nil {
		for _, m := range res.Money.Metrics {
			out = append(out, metricResult(m))
		}
	}
	return out
}

// longWriter writes one of the long CSV files. Each row is the scenario,
// a key (the metric; the date and measure; ...), the replication ("mean",
// or its number) and the values: the value and its summary statistics on
// a "mean" row, the value alone on a replication's row.
type longWriter struct {
	cw     *csv.Writer
	name   string
	reps   int // replications, 0 when only the "mean" rows are written
	nstats int // summary statistics after the value
	rec    []string
}

// newLongWriter writes the header: scenario, the key's columns,
// replication, value and the statistics' columns.
func (r *results) newLongWriter(w io.Writer, key []string, stats ...string) *longWriter {
	l := &longWriter{cw: csv.NewWriter(w), name: r.Name, nstats: len(stats)}
	if r.PerRep {
		l.reps = len(r.Res.Reps)
	}
	l.cw.Write(slices.Concat([]string{"scenario"}, key, []string{"replication", "value"}, stats))
	return l
}

// group writes one key's rows: the "mean" row of summary (the value and
// its statistics), then each replication's value rep(i).
func (l *longWriter) group(key, summary []string, rep func(i int) string) {
	l.rec = append(append(append(l.rec[:0], l.name), key...), "mean")
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

// close flushes the file and returns the first write error.
func (l *longWriter) close() error {
	l.cw.Flush()
	return l.cw.Error()
}

// writeMetrics writes metrics.csv: each metric's mean across
// replications with its confidence interval.
func (r *results) writeMetrics(w io.Writer) error {
	l := r.newLongWriter(w, []string{"metric", "unit"}, "ci_low", "ci_high")
	for _, m := range resultMetrics(r.Res) {
		s := m.Summary
		l.group([]string{m.Name, m.Unit}, summaryCells(s),
			func(i int) string { return cell(m.Values[i]) })
	}
	return l.close()
}

// writeDaily writes daily.csv: for each day and daily measure, the mean
// and the 10th and 90th percentiles across replications.
func (r *results) writeDaily(w io.Writer) error {
	l := r.newLongWriter(w, []string{"date", "measure", "unit"}, "p10", "p90")
	start := r.Res.Reps[0].Start
	for d := range r.Res.Reps[0].Days {
		date := start.AddDays(d).String()
		for k, m := range care.DailyMeasures {
			b := r.Res.Daily[k]
			l.group([]string{date, m.Name, m.Unit}, []string{dailyCell(b.Mean[d]), dailyCell(b.P10[d]), dailyCell(b.P90[d])},
				func(i int) string { return dailyCell(r.Res.Reps[i].Daily[k][d]) })
		}
	}
	return l.close()
}

// writeAnnual writes annual.csv: for each financial year, each annual
// measure of the care model (with an empty organisation), then, when the
// run was priced, each line of the accounts of the system and of each
// organisation (sim.MoneyBodies, finance.Measures): the mean across
// replications with its confidence interval.
func (r *results) writeAnnual(w io.Writer) error {
	l := r.newLongWriter(w, []string{"financial_year", "organisation", "measure", "unit"}, "ci_low", "ci_high")
	money := r.Res.Money
	for y, fy := range r.Res.Years {
		for k, m := range care.AnnualMeasures {
			l.group([]string{fy, "", m.Name, m.Unit}, summaryCells(r.Res.Annual[y][k]),
				func(i int) string { return cell(r.Res.Reps[i].Annual[y][k]) })
		}
		if money == nil {
			continue
		}
		for _, b := range sim.MoneyBodies {
			for k, m := range finance.Measures {
				l.group([]string{fy, finance.BodyNames[b], m.Name, m.Unit}, summaryCells(money.Annual[y][b][k]),
					func(i int) string { return cell(money.Reps[i][y].Money[b][k]) })
			}
		}
	}
	return l.close()
}

// summaryCells are the mean and confidence interval of s, for a "mean"
// row.
func summaryCells(s stats.Summary) []string {
	return []string{cell(s.Mean), cell(s.Lo()), cell(s.Hi())}
}

// writeHeadline prints the headline metrics, rounded to four significant
// figures so that the text survives floating-point differences between
// machines, then, when the run was priced, the system's deficit in the
// final year, each organisation's, and the system's cumulative deficit,
// in pounds (table.Pounds). Metrics the scenario cannot measure (no acute
// beds, say) are left out, as are organisations with no money (shown).
func (r *results) writeHeadline(w io.Writer) error {
	res := r.Res
	fmt.Fprintf(w, "%s: %s, seed %d; %d days from %s after %s warm-up\n\n",
		r.Name, plural(len(res.Reps), "replication"), r.Opts.Seed, res.Reps[0].Days, r.Start, warmUpText(res))
	t := &table.Table{Header: []string{"metric", "mean", "95% CI low", "high", "unit"}}
	for _, k := range headline {
		s := res.Metrics[k]
		if s.N == 0 {
			continue
		}
		t.Rows = append(t.Rows, []string{care.Metrics[k].Name, round4(s.Mean), round4(s.Lo()), round4(s.Hi()), care.Metrics[k].Unit})
	}
	if res.Money == nil {
		return t.WriteText(w)
	}
	t.Rows = append(t.Rows, nil) // a blank line between the care and the money
	t.Rows = append(t.Rows, moneyRows(res.Money)...)
	if err := t.WriteText(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", deficitNote)
	return err
}

// warmUpText says how long the warm-up was, in the whole days the model
// simulates, and how it was chosen.
func warmUpText(res *sim.Results) string {
	w := res.Reps[0].WarmUp
	if w == 0 {
		return "no"
	}
	s := fmt.Sprintf("a %s-day", cell(float64(w)))
	if res.WarmUpAuto {
		s += " (MSER-5)"
	}
	return s
}

// plural returns "1 replication", "2 replications".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// round4 formats x to four significant figures without an exponent; NaN
// and infinity are empty.
func round4(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	y, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return strconv.FormatFloat(y, 'f', -1, 64)
}

// version returns caresim's version: the module version when built by go
// install, else "devel", with the commit when the build recorded one.
func version() string {
	v := "devel"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev != "" {
		v += "+" + rev[:min(12, len(rev))] + dirty
	}
	return v
}
