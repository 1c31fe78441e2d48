package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"caresim/plots"
	"caresim/plots/report"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"

	"github.com/spf13/pflag"
)

func newCompare() *command {
	fs := pflag.NewFlagSet("compare", pflag.ContinueOnError)
	cc := newCompareCmd(fs)
	c := &command{
		name:  "compare",
		usage: "[flags] A B [C...]",
		short: "run scenarios with common random numbers and report their differences",
		long: `
Compare runs two scenarios or more (files or built-in names) with common
random numbers: every scenario runs the same replications from the same
seed (the first scenario's, unless --seed; its replications, unless
--reps), so replication i of each sees the same patients arriving, and
each difference to the first scenario is estimated from the pairs of
replications. The paired 95% confidence interval of a difference is
usually much narrower than the two scenarios' own intervals suggest.
--set applies to every scenario.

Compare prints the headline metrics of each scenario with their 95%
confidence intervals, and the difference to the first with its interval,
marked * where the interval excludes zero; for priced scenarios (see run)
the deficits follow, in pounds, as run prints them, then the system's gap
bridge, step by step, with each scenario's difference to the first's. A
scenario that is not priced has empty cells for the money metrics. It writes to --out:

	compare.csv   metric,unit,scenario,mean,ci_low,ci_high,
	              diff_mean,diff_ci_low,diff_ci_high: every metric of
	              every scenario; the differences are scenario − first
	              and empty on the first scenario's rows
	bridge.csv    organisation,step,from_year,to_year,scenario,mean,
	              ci_low,ci_high,diff_mean,diff_ci_low,diff_ci_high:
	              when the first scenario is priced, the gap bridge of
	              each priced scenario (see run) and its paired
	              difference to the first's, step by step: where a
	              scenario's savings and costs land
	summary.json  format_version 1: the first scenario's name, each
	              scenario's manifest as run writes it, each metric's
	              mean, SD, interval and replications for each scenario
	              with the difference's, and the bridges compared
	SCENARIO/     each scenario's summary.json, metrics.csv, daily.csv,
	              annual.csv and los.csv, and a priced one's bridge.csv
	              and sensitivity.csv, as run writes them (caresim plot
	              draws such a folder as a run's)

and charts, in each --format (png by default; png,svg,pdf for all three)
unless --no-plots:

	overlay-beds-acute, overlay-beds-intermediate-care,
	overlay-care-home-residents, overlay-beds-maternity,
	overlay-cots-neonatal, overlay-beds-paediatric, overlay-delayed-patients
	              each scenario's daily mean (and 10th–90th percentile
	              band) on one axis, for each measure some scenario has,
	              when all cover the same days; the interventions the
	              others add to the first are marked
	overlay-acute-beds-open
	              the same for acute beds open, when the scenarios open
	              different numbers
	overlay-ae-4h-performance
	              each scenario's monthly A&E 4-hour performance, when
	              every scenario has an A&E
	differences-hospital, differences-services,
	differences-deficit-system, differences-deficit-organisations
	              each scenario's paired difference to the first, with
	              its 95% confidence interval: in emergency admissions,
	              acute occupancy, length of stay and delayed patients;
	              in 4-hour performance, intermediate-care occupancy,
	              care-home admissions and readmissions; in the system's
	              deficit in the final year and cumulatively; and in
	              each organisation's final-year deficit (a chart for
	              the metrics some scenario's difference measured)
	deficit-system-SCENARIO, deficit-ORG-SCENARIO
	              for each priced scenario after the first, when the
	              first is priced over the same financial years: the
	              annual deficit and the cumulative, with 95% confidence
	              intervals, of the first against this one, for the
	              system and for each organisation with money in either
	gap-bridge-system-SCENARIO
	              for each such scenario, over more than one financial
	              year: the system's gap bridge of its difference to the
	              first, step by step, as a waterfall

caresim plot DIR re-draws them from the folder.

report.html is the comparison's report for a board, as run writes one
(see caresim run --help): its first page says what each scenario
changes against the first, marked better, worse or no clear change, and
the headline table gives each scenario's mean and its difference to the
first, with their 95% confidence intervals. results.xlsx is its
workbook: sheets headline, comparison (every row of compare.csv),
annual (each scenario's), calibration and about.

Empty cells (JSON null) are values that could not be measured. A
difference uses the replications where both scenarios measured the
metric. As for run, the same seed gives the same files whatever
--workers is, the files appear together or not at all, and Ctrl-C stops
the replications under way at their next simulated day with nothing
written.

Examples:

	$ caresim compare --reps 2 --set horizon=2y --set warm_up.length=30d baseline prism
	$ caresim compare --reps 3 --set horizon=60d --out cmp textbook-mmc textbook-loss`,
		flags: fs,
	}
	c.run = onInterrupt("stopping the replications under way", cc.exec)
	return c
}

// compareCmd holds compare's flags.
type compareCmd struct {
	outFlags
	plots plotFlags
}

// newCompareCmd defines compare's flags on fs.
func newCompareCmd(fs *pflag.FlagSet) *compareCmd {
	return &compareCmd{
		outFlags: addOutFlags(fs, filepath.Join("out", "compare"), "folder for the results"),
		plots:    addPlotFlags(fs),
	}
}

// compared is one scenario of a comparison, run.
type compared struct {
	label string // its name, or the reference given when names repeat
	*scenarios.Loaded
	opts sim.Options
	res  *sim.Results
	wall time.Duration
}

// exec runs the command; cancelling ctx stops it with nothing written.
func (cc *compareCmd) exec(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		return usageErr("compare takes two scenarios or more, got %d", len(args))
	}
	if err := cc.sim.check(); err != nil {
		return err
	}
	formats, err := cc.plots.list()
	if err != nil {
		return err
	}
	runs, err := loadAll(args, *cc.sim.sets)
	if err != nil {
		return err
	}
	// Common random numbers: the first scenario's replications and seed,
	// unless the flags say otherwise, for all.
	first, err := cc.sim.options(runs[0].Loaded)
	if err != nil {
		return err
	}
	for _, r := range runs {
		r.opts, err = cc.sim.options(r.Loaded)
		if err != nil {
			return err
		}
		r.opts.Reps, r.opts.Seed = first.Reps, first.Seed
	}

	out, err := results.OpenFolder(*cc.out)
	if err != nil {
		return err
	}
	defer out.Abort()
	bar := newProgress(stderr, first.Reps*len(runs), "compare", *cc.quiet)
	for _, r := range runs {
		r.opts.Done = bar.done
		began := time.Now()
		r.res, err = sim.RunScenario(ctx, scenarioOf(r.Loaded), r.opts)
		r.wall = time.Since(began)
		if err != nil {
			bar.finish()
			if errors.Is(err, context.Canceled) {
				return errors.New("compare: interrupted; nothing written")
			}
			return fmt.Errorf("run %s: %w", r.label, err)
		}
	}
	bar.finish()
	for _, r := range runs {
		for _, w := range r.res.Warnings {
			fmt.Fprintf(stderr, "caresim: warning: %s: %v\n", r.label, w)
		}
	}

	cmp := newComparison(runs)
	names := []string{"compare.csv", "summary.json"}
	writers := []func(io.Writer) error{
		func(w io.Writer) error { return results.WriteCompareCSV(w, cmp.labels(), cmp.Comparison) },
		func(w io.Writer) error { return results.WriteJSON(w, cmp.summary(*cc.sim.sets)) },
	}
	if bridge := cmp.bridge(); bridge != nil {
		names = append(names, "bridge.csv")
		writers = append(writers, func(w io.Writer) error { return results.WriteCompareBridge(w, bridge) })
	}
	addScenarioFiles(cmp, *cc.sim.sets, &names, &writers)
	var drawn []plots.Chart
	cd := compareDataOf(cmp)
	names = append(names, "report.html", results.WorkbookName)
	writers = append(writers, func(w io.Writer) error {
		return report.WriteCompare(w, cmp.summary(*cc.sim.sets), cd.Runs, cmp.calibrations(*cc.sim.sets), drawn, formats.Drawn(), *cc.out)
	}, bookWriter(func() (*results.Book, error) { return cmp.book(*cc.sim.sets, cd.Runs), nil }))
	charts, err := addCharts(formats, keepCharts(func() ([]plots.Chart, error) { return plots.CompareCharts(cd) }, &drawn), &names, &writers)
	if err != nil {
		return err
	}
	if err := out.Replace(ctx, "compare", names, writers); err != nil {
		return err
	}
	if !*cc.quiet {
		var wrote []string // the comparison's files, then each scenario's folder
		for _, n := range names[:len(names)-len(charts)] {
			if dir := filepath.Dir(n); dir == "." {
				wrote = append(wrote, n)
			} else if d := dir + string(filepath.Separator); !slices.Contains(wrote, d) {
				wrote = append(wrote, d)
			}
		}
		fmt.Fprintf(stderr, "caresim: wrote %s to %s\n", strings.Join(wrote, ", "), *cc.out)
		if len(charts) > 0 {
			fmt.Fprintf(stderr, "caresim: drew %s in %s\n", strings.Join(charts, ", "), *cc.out)
		}
	}
	printed := make([]report.CompareRun, len(cmp.runs))
	for i, r := range cmp.runs {
		printed[i] = report.CompareRun{Label: r.label, Start: r.Start, Res: r.res}
	}
	if err := report.WriteCompareText(stdout, first.Seed, printed, cmp.Comparison); err != nil {
		return err
	}
	return report.WriteCompareBridgeText(stdout, cmp.bridge())
}

// loadAll loads every scenario of refs with the overrides sets and
// reports all their problems together, each once (a bad --set is bad for
// every scenario). Scenarios are labelled by name, or by the reference
// given where two share a name.
func loadAll(refs, sets []string) ([]*compared, error) {
	var runs []*compared
	var msgs []string
	for _, ref := range refs {
		l, err := scenarios.Load(ref, scenarios.Options{Sets: sets})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !slices.Contains(msgs, line) {
					msgs = append(msgs, line)
				}
			}
			continue
		}
		runs = append(runs, &compared{label: l.Name, Loaded: l})
	}
	if len(msgs) > 0 {
		return nil, errors.New(strings.Join(msgs, "\n"))
	}
	for i, r := range runs {
		for j, o := range runs {
			if i != j && o.Name == r.Name {
				r.label = refs[i]
			}
		}
	}
	for i, r := range runs {
		for _, o := range runs[:i] {
			if o.label == r.label {
				return nil, usageErr("compare: scenario %s is given twice", r.label)
			}
			// Each scenario's results go to a subfolder of its own, which
			// may be told apart from the others by case alone.
			if a, b := results.ScenarioDir(o.label), results.ScenarioDir(r.label); strings.EqualFold(a, b) {
				return nil, usageErr("compare: scenarios %s and %s would share the folder %s: give them different names", o.label, r.label, b)
			}
		}
	}
	return runs, nil
}

// comparison is the scenarios compared, run, with each metric of each
// and its paired difference to the first (sim.Compare).
type comparison struct {
	runs []*compared
	*sim.Comparison
}

func newComparison(runs []*compared) *comparison {
	res := make([]*sim.Results, len(runs))
	for i, r := range runs {
		res[i] = r.res
	}
	return &comparison{runs: runs, Comparison: sim.Compare(res)}
}

// labels returns the scenarios' labels, in the order given.
func (c *comparison) labels() []string {
	out := make([]string, len(c.runs))
	for i, r := range c.runs {
		out[i] = r.label
	}
	return out
}

// summary is compare's summary.json's content.
func (c *comparison) summary(sets []string) *results.Comparison {
	var ms []results.Manifest
	for _, r := range c.runs {
		ms = append(ms, results.NewManifest(r.Loaded, sets, r.opts, r.res, r.wall))
	}
	s := results.NewComparison(c.labels(), ms, sets, c.Comparison)
	s.Bridge = c.bridge()
	return s
}

// bridge is the priced scenarios' gap bridges compared, nil when the
// first is not priced (results.NewCompareBridge).
func (c *comparison) bridge() []results.CompareBridgeRow {
	res := make([]*sim.Results, len(c.runs))
	for i, r := range c.runs {
		res[i] = r.res
	}
	return results.NewCompareBridge(c.labels(), res)
}

// book is the comparison's workbook, runs being what its charts are
// drawn from: as compareBookOf reads it back from the folder.
func (c *comparison) book(sets []string, runs []results.RunData) *results.Book {
	var annual [][]results.AnnualRow
	var sums []*results.Summary
	for _, r := range c.runs {
		annual = append(annual, results.AnnualRowsOf(r.res))
		sums = append(sums, results.NewRun(r.Loaded, sets, r.opts, r.res, false, calibrationOf(r.Loaded, sets, r.res)).Summary(r.wall))
	}
	return compareBook(c.summary(sets), runs, annual, sums)
}
