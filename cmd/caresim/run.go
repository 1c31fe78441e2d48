package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"caresim/plots"
	"caresim/plots/report"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/validation/observed"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

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
	if f.fs.Changed("reps") && *f.reps > care.MaxReplications {
		return usageErr("--reps must be at most %d, not %d", care.MaxReplications, *f.reps)
	}
	if *f.workers < 1 {
		return usageErr("--workers must be >= 1")
	}
	return nil
}

// options returns how to run s: the flags where given, else the
// scenario's own replications and seed; priced by s (sim.Scenario.Options).
func (f *simFlags) options(s *scenarios.Loaded) (sim.Options, error) {
	o := scenarioOf(s).Options(sim.Options{Reps: s.Replications, Seed: s.Seed, Workers: *f.workers})
	if f.fs.Changed("reps") {
		o.Reps = *f.reps
		// The scenario's own replications were checked with it.
		if err := s.Params.CheckReplications(o.Reps); err != nil {
			return o, usageErr("--reps: %v", err)
		}
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
	              spells), intermediate-care, obstetric, neonatal and
	              children's ward beds, in 6-hour bins,
	              over the stays ending after warm-up, whose mean,
	              median, 90th percentile and longest are in
	              summary.json's length_of_stay

and charts, in each --format (png by default; png,svg,pdf for all three)
at --size slide (10 × 5.63 in, the default) or a4 (7.5 × 4.5 in),
unless --no-plots: beds-acute, beds-intermediate-care, beds-care-homes,
beds-maternity, beds-neonatal, beds-paediatric-ward
(each pool the scenario has: mean occupied beds, the 10th–90th
percentile band across replications, the capacity and the interventions'
start dates), bed-base-acute (the acute beds planned, open, in
escalation and occupied, when the scenario's bed-management rule closes
or opens any), delays (delayed days in acute beds each month, by the
reason patients wait for, when the scenario has acute beds), ae-performance (each month's
4-hour performance against the 95% standard and 12-hour waits, when it
has A&E attendances), ed-crowding (each month's mean patients waiting in
ED for a bed, those in corridor spaces, and ambulance handovers over 30
and 60 minutes, when there are any), pressure-responses (each month's
emergency stays shortened by discharge under pressure and the days they
lost, and patients who left ED unseen, when there are any), waiting-list (the elective waiting
list and those on it over 18 weeks, and each month's share within 18
weeks against the 92% standard, when it has elective care),
waiting-list-outpatients (the same for the pathways of outpatients and
day cases that do not end in an ordinary admission, when it has them),
los-acute, los-intermediate-care and those of the obstetric unit, the
neonatal unit and the children's ward (the
distribution of lengths of stay, as a histogram and cumulatively, mean
and median marked), pathway-mix (each financial year's shares of
emergency spells ending at home, in reablement, in an intermediate-care
bed, in a care home or in death), workforce (each role's staff in post
against those its planned capacity needs, and its bank and agency staff,
by financial year, when the scenario counts staff) and, for a priced run,
deficit-system and
deficit-ORG for each organisation with money (the annual deficit and the
cumulative, with 95% confidence intervals; the system's with the
scenario's published projection, money.projection, as a reference line),
and gap-bridge-system and gap-bridge-ORG (the gap bridge as a
waterfall). caresim plot re-draws them from the folder.

report.html is the run's report for a board, self-contained (it loads
nothing) and printable on A4: a first page that says what the results
mean, in sentences made from them (the final year's gap, 4-hour
performance in the first and last years against 95%, occupancy against
85% and 92%, activity year by year), each marked with a symbol and a
word as well as a colour; then the headline metrics with their 95%
confidence intervals and periods, the charts drawn (inline SVG), what the scenario
changes (its files, interventions and --set overrides), the validation
status (the baseline's calibration targets against this run when it is
the built-in baseline unchanged; the tally of a validation.csv in the
folder or in ../validation) and the manifest, without the wall time.

With --observed FILE (a CSV file, or the built-in mid-notts), the run is
set beside observed data as caresim backcast does: backcast.csv,
summary.json's backcast, a chart per observed series and a Backcast
section of report.html (see caresim backcast --help).

results.xlsx is the results for Excel: sheets headline (with each
headline metric's first and last years and trend), metrics, annual,
calibration (for the built-in baseline unchanged) and about, each figure
a number cell with its unit, period and source file; the same results
give the same bytes.

The CSV files are long (one value a row). Rows whose replication is
empty hold the mean across replications with its 95% confidence
interval (for daily measures, the 10th and 90th percentiles across
replications); --per-replication adds a row for each replication,
numbered from 0. Other empty cells are values that could not be measured, such
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
priced run also writes

	bridge.csv       scenario,organisation,step,from_year,to_year,unit,
	                 replication,value,ci_low,ci_high: the gap bridge,
	                 each body's deficit in the first financial year
	                 (step start), the steps that moved it to the final
	                 year (demography, non_demographic, pay_and_prices,
	                 tariff_efficiency, marginal_rate, readmissions,
	                 capacity, pressure, interventions, fixed_costs,
	                 funding, sustainability_fund, better_care_fund,
	                 contracts, risk_share) and its deficit then (end);
	                 a replication's steps sum to its end less its start
	sensitivity.csv  scenario,parameter,unit,range,source,value,low,high,
	                 organisation,final_year,gap,gap_at_low,gap_at_high,
	                 note: for each money assumption whose line comment
	                 documents a range, each body's final-year deficit as
	                 run and with the assumption at each end of its range
	                 (the others as run): the same replications' activity
	                 repriced, exactly what a run would give, since money
	                 does not change the care model

A money section without organisations (the textbook scenarios') prices
nothing, and one with costs but no organisations gets a warning.

Run prints the headline metrics with their 95% confidence intervals, to
four significant figures, and for a priced run the deficits of the
system and each organisation in the final year and the system's
cumulative deficit, in £m (£k below a million), the gap bridge and the
money assumptions that move the system's final-year gap most. The same seed gives the
same files, byte for byte, whatever --workers is; only summary.json's
wall_time_seconds differs (PDF charts carry a fixed date,
SOURCE_DATE_EPOCH's when it is set). Files are written under temporary names and
renamed when all are complete: Ctrl-C (or SIGTERM) stops the
replications under way at their next simulated day, leaves the folder as
it was, and exits 1.

The folder changes as a whole: the files that caresim wrote there
before and does not write again (an earlier run's charts, after
--no-plots) are removed, and files it did not write are left. Its
.caresim-files.json lists the files written, and caresim plot refuses a
folder whose command was stopped while it put them in place. No other
command may write the folder while run does (.caresim.lock).

Examples:

	$ caresim run --reps 3 --set horizon=60d --set warm_up.length=5d textbook-mmc
	$ caresim run --reps 2 --per-replication --events mmc-events.csv --set horizon=7d --out mmc textbook-mmc
	$ caresim run --reps 2 --set horizon=30d --set warm_up.length=0d baseline`,
		flags: fs,
	}
	c.run = onInterrupt("stopping the replications under way", r.exec)
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

// runCmd holds run's flags, and backcast's, which are run's with an
// observed file required.
type runCmd struct {
	outFlags
	perRep   *bool
	events   *string
	plots    plotFlags
	observed *string
	name     string // the command's, for messages
	// backcast is set for caresim backcast: it needs --observed, writes
	// to out/<scenario name>-backcast and prints the fits, not the
	// headline metrics.
	backcast bool
}

// newRunCmd defines run's flags on fs.
func newRunCmd(fs *pflag.FlagSet) *runCmd {
	return &runCmd{
		outFlags: addOutFlags(fs, "", "folder for the results (default out/<scenario name>)"),
		perRep:   fs.Bool("per-replication", false, "add each replication's rows to metrics.csv, daily.csv and annual.csv"),
		events:   fs.String("events", "", "write replication 0's patient events to this CSV file"),
		plots:    addPlotFlags(fs),
		observed: fs.String("observed", "", "set the run beside observed data: a CSV file, or a built-in (mid-notts; see caresim backcast --help)"),
		name:     "run",
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
	set, err := r.readObserved(o.Reps)
	if err != nil {
		return err
	}
	dir := *r.out
	if dir == "" {
		dir = filepath.Join("out", l.Name)
		if r.backcast {
			dir += "-backcast"
		}
	}
	out, err := results.OpenFolder(dir)
	if err != nil {
		return err
	}
	defer out.Abort()
	var events *results.EventLog
	if *r.events != "" {
		if in := results.SameAs(*r.events, l.Chain); in != "" {
			return usageErr("--events %s is the scenario file %s: give another file", *r.events, in)
		}
		if in := results.SameAs(*r.events, []string{*r.observed}); in != "" {
			return usageErr("--events %s is the observed file: give another file", *r.events)
		}
		f, err := out.CreateFile(*r.events)
		if err != nil {
			return fmt.Errorf("--events: %w", err)
		}
		events = results.NewEventLog(f)
		o.Trace = events.Add
	}

	// A backcast computes each observed period from each replication's
	// days.
	o.KeepDaily = *r.perRep || set != nil
	bar := newProgress(stderr, o.Reps, l.Name, *r.quiet)
	o.Done = bar.done
	began := time.Now()
	res, err := sim.RunScenario(ctx, scenarioOf(l), o)
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
		if err := events.Close(); err != nil {
			return fmt.Errorf("--events: %w", err)
		}
	}

	rs := results.NewRun(l, *r.sim.sets, o, res, *r.perRep, calibrationOf(l, *r.sim.sets, res))
	if set != nil {
		if rs.Backcast, err = observed.Backcast(set, res); err != nil {
			return err
		}
	}
	names, writers := rs.Files(wall)
	var drawn []plots.Chart
	names = append(names, "report.html", results.WorkbookName)
	writers = append(writers, func(w io.Writer) error { return writeResultsReport(w, rs, dir, drawn, formats.Drawn()) },
		bookWriter(func() (*results.Book, error) {
			return runBook(rs.Summary(0), rs.Data(), results.AnnualRowsOf(res)), nil
		}))
	charts, err := addCharts(formats, keepCharts(func() ([]plots.Chart, error) { return plots.RunCharts(rs.Data()) }, &drawn), &names, &writers)
	if err != nil {
		return err
	}
	if err := out.Replace(ctx, "run", names, writers); err != nil {
		return err
	}
	if !*r.quiet {
		fmt.Fprintf(stderr, "caresim: wrote %s to %s\n", strings.Join(names[:len(names)-len(charts)], ", "), dir)
		if len(charts) > 0 {
			fmt.Fprintf(stderr, "caresim: drew %s in %s\n", strings.Join(charts, ", "), dir)
		}
		if *r.events != "" {
			fmt.Fprintf(stderr, "caresim: wrote %d events of replication 0 to %s\n", events.N, *r.events)
		}
	}
	if r.backcast {
		return report.WriteBackcastText(stdout, rs)
	}
	return report.WriteRunText(stdout, rs)
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
