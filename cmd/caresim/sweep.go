package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/text"
	"caresim/plots/report"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"

	"github.com/spf13/pflag"
)

func newSweep() *command {
	fs := pflag.NewFlagSet("sweep", pflag.ContinueOnError)
	sc := newSweepCmd(fs)
	c := &command{
		name:  "sweep",
		usage: "[flags] FILE|NAME",
		short: "run a scenario over a grid or a Latin hypercube of parameter values",
		long: `
Sweep runs a scenario at many points of its parameters, each point with
the same replications from the same seed (common random numbers), and
writes one row per point and replication to --out/sweep.csv.

A grid is made of --set flags with several values: path=v1,v2,v3, or
path=lo:hi:step (lo, lo+step, ... up to hi, in the parameter's units,
such as 2h:4h:30min; a duration needs its unit, as everywhere). Several
make a product, the first --set varying slowest. A --set with one value
is an override applied at every point.
A Latin hypercube takes --lhs N points with one --range path=lo:hi per
parameter, drawn uniformly over the ranges (gonum's samplemv) from the
seed; whole-number parameters are rounded. Each point's values go
through the scenario loader like any --set, so units and checks apply,
and a bad value is reported at its --set position. Values are numbers
(a comma separates values, so write 1000, not 1,000); a value that
starts with {, [ or a quote is one YAML value, not a list.

sweep.csv has the columns point, replication (both from 0), each swept
parameter (a number in the model's units: days, per day, fractions,
pounds; as given for text and for parameters outside the care model),
then every metric (as in run's metrics.csv, the money metrics included
when the scenario's money section names organisations; empty where not
measured). Each point is priced with its own money section.
Rows come in point order, replications in order, whatever --workers is,
and are appended and flushed as each point finishes. sweep.json
describes the sweep: scenario, digest, flags, seed, replications, points,
shard, and the columns' units.

Ctrl-C (or SIGTERM) keeps every finished point; --resume runs only the
rows the file does not hold yet, after dropping a row cut short, and
rows there twice, identical (a row there twice with other values is
refused). Without --resume, sweep will not touch a folder that already
holds a sweep. A second sweep of a folder while one runs is refused.

--shard K/N runs the points i with i mod N = K−1, so N machines can
share a sweep; caresim merge joins their folders into the sweep.csv one
machine would have written. Without --shard, a Slurm job array gives
the shard (SLURM_ARRAY_TASK_ID, less SLURM_ARRAY_TASK_MIN, of
SLURM_ARRAY_TASK_COUNT), as does a Kubernetes indexed Job
(JOB_COMPLETION_INDEX, with --shards set to its completions).

When the points are done, sweep writes report.html, a report for a
board as run writes one (see caresim run --help). Its headline table
gives, of six points or fewer, a column per point and a row per
parameter and headline metric: each point's mean over replications, with
± the half-width of its 95% confidence interval; of more, a row per
point with its parameters and the metrics charted, sweep.csv holding the
rest. Beside it goes results.xlsx, a workbook of each point's mean over
its replications of each metric, with its 95% confidence interval:
sheets headline, sweep and about.

Sweep prints each point's parameters and the mean over replications of
the headline metrics that differ between points, with the system's
deficits when the scenario is priced, or of the metrics --columns names
(comma-separated or repeated, as named in sweep.csv), to four
significant figures (sweep.csv has every digit). Of six points or fewer
the table has a column per point and a row per parameter and metric; of
more, a row per point.

A sweep that is whole (not a --shard; caresim merge draws a sharded
sweep's) draws charts of each metric that --metric names (repeated or
comma-separated, as named in sweep.csv) into --out, in --format png,
svg or pdf, unless --no-plots: a tornado chart (tornado-METRIC) when it
swept two or more parameters, a heat map (heatmap-METRIC) when it swept
exactly two on a grid, and a line of the mean with its 95% confidence
interval (line-METRIC) when it swept one. On a grid the tornado's base
case is the point with every parameter at its middle value (the lower
middle of an even number), and each bar runs between the points with
one parameter at its lowest and highest value, the others at the base;
in a Latin hypercube the base is the mean over all points, and each bar
runs between the means over the tenth of the points (at least one) with
the parameter's lowest and highest values, as the chart says. Without
--metric, the charts are of the first of deficit_final_year_gbp (the
system's, when the scenario is priced), acute_occupancy_mean,
ed_4h_performance, ic_occupancy_mean and ed_wait_hours_mean that differs
between points (or, if none differs, the first measured). caresim plot
re-draws them from sweep.csv.

Examples:

	$ caresim sweep --reps 2 --set horizon=30d --set services.ed.cubicles=9,10,11 --out cubicles textbook-mmc
	$ caresim sweep --reps 2 --set horizon=30d --set services.ed.cubicles=9,10,11 --set services.ed.treatment.mean=50min,60min --metric ed_4h_performance,ed_wait_hours_mean --format png,svg --out grid textbook-mmc
	$ caresim sweep --reps 2 --set horizon=30d --set services.ed.treatment.mean=50min:70min:10min --shard 1/2 --out part1 textbook-mmc
	$ caresim sweep --reps 2 --set horizon=30d --set services.ed.treatment.mean=50min:70min:10min --shard 2/2 --out part2 textbook-mmc
	$ caresim sweep --reps 2 --set horizon=60d --lhs 4 --range services.acute.beds=18:24 --range services.intermediate_care.beds=6:10 --out lhs textbook-tandem`,
		flags: fs,
	}
	c.run = onInterrupt("stopping; the points finished are kept", sc.exec)
	return c
}

// sweepCmd holds sweep's flags.
type sweepCmd struct {
	outFlags
	resume  *bool
	shard   *string
	shards  *int
	lhs     *int
	ranges  *[]string
	plots   plotFlags
	metrics *[]string
	columns *[]string
}

// newSweepCmd defines sweep's flags on fs.
func newSweepCmd(fs *pflag.FlagSet) *sweepCmd {
	return &sweepCmd{
		outFlags: addOutFlags(fs, filepath.Join("out", "sweep"), "folder for sweep.csv and sweep.json"),
		resume:   fs.Bool("resume", false, "continue the sweep in --out, running only the rows it lacks"),
		shard:    fs.String("shard", "", "run shard K of N, the points i with i mod N = K-1 (K/N, from 1)"),
		shards:   fs.Int("shards", 0, "the number of shards, with JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID"),
		lhs:      fs.Int("lhs", 0, "a Latin hypercube of N points over the --range flags"),
		ranges:   fs.StringArray("range", nil, "path=lo:hi, a parameter's range for --lhs (repeatable)"),
		plots:    addPlotFlags(fs),
		metrics:  addMetricFlag(fs),
		columns:  addColumnsFlag(fs),
	}
}

// shard is the share of a sweep's points that one machine runs: the
// points i with i mod N = K−1.
type shard struct {
	sim.Shard
	from string // where K came from, for the note on stderr; "" for the flag
}

// resolveShard returns the shard to run: --shard K/N; else a Slurm array
// task's (SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN, over
// SLURM_ARRAY_TASK_STEP, of SLURM_ARRAY_TASK_COUNT or --shards); else a
// Kubernetes indexed Job's (JOB_COMPLETION_INDEX of --shards); else all
// points, 1/1. shards is --shards, 0 when not given.
func resolveShard(flag string, shards int, getenv func(string) string) (shard, error) {
	if shards < 0 {
		return shard{}, usageErr("--shards must be >= 1")
	}
	if flag != "" {
		ps, err := sim.ParseShard(flag)
		s := shard{Shard: ps}
		if err != nil {
			return s, usageErr("--shard: %v", err)
		}
		if shards != 0 && shards != s.N {
			return s, usageErr("--shard %s and --shards %d disagree", flag, shards)
		}
		return s, nil
	}
	envInt := func(name string, def int) (int, error) {
		v := getenv(name)
		if v == "" {
			return def, nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return 0, usageErr("%s=%q is not a whole number", name, v)
		}
		return i, nil
	}
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		var v [4]int
		for i, name := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT"} {
			var err error
			if v[i], err = envInt(name, []int{0, 0, 1, shards}[i]); err != nil {
				return shard{}, err
			}
		}
		id, lo, step, n := v[0], v[1], v[2], v[3]
		if shards != 0 && n != shards {
			return shard{}, usageErr("--shards %d, but SLURM_ARRAY_TASK_COUNT=%d", shards, n)
		}
		if n < 1 {
			return shard{}, usageErr("SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT: give --shards N")
		}
		if step < 1 || (id-lo)%step != 0 || (id-lo)/step >= n || id < lo {
			return shard{}, usageErr("SLURM_ARRAY_TASK_ID=%d is not one of %d tasks from %d in steps of %d: give --shard K/N", id, n, lo, step)
		}
		return shard{Shard: sim.Shard{K: (id-lo)/step + 1, N: n}, from: fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d", id)}, nil
	}
	if getenv("JOB_COMPLETION_INDEX") != "" {
		idx, err := envInt("JOB_COMPLETION_INDEX", 0)
		if err != nil {
			return shard{}, err
		}
		if shards == 0 {
			return shard{}, usageErr("JOB_COMPLETION_INDEX is set: give --shards N, the Job's completions")
		}
		if idx < 0 || idx >= shards {
			return shard{}, usageErr("JOB_COMPLETION_INDEX=%d is not below --shards %d", idx, shards)
		}
		return shard{Shard: sim.Shard{K: idx + 1, N: shards}, from: fmt.Sprintf("JOB_COMPLETION_INDEX=%d", idx)}, nil
	}
	if shards != 0 {
		return shard{}, usageErr("--shards goes with SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX; on the command line, give --shard K/N")
	}
	return shard{Shard: sim.Shard{K: 1, N: 1}}, nil
}

// sweep is a sweep being run.
type sweep struct {
	ref    string
	spec   *scenarios.SweepSpec
	man    *results.Sweep
	shard  shard
	opts   sim.Options            // replications, seed and workers for every point
	points []scenarios.SweepPoint // the shard's points
	csv    string                 // the path of sweep.csv
	tally  *report.SweepTable
	// longest is the point of the longest horizon, whose days times the
	// replications are bounded (care.Params.CheckReplications).
	longest *care.Params
}

// exec runs the command; cancelling ctx stops it after the points under
// way, keeping the rows written.
func (sc *sweepCmd) exec(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return usageErr("sweep takes one scenario, got %d", len(args))
	}
	if err := sc.sim.check(); err != nil {
		return err
	}
	formats, err := sc.plots.list()
	if err != nil {
		return err
	}
	sh, err := resolveShard(*sc.shard, *sc.shards, os.Getenv)
	if err != nil {
		return err
	}
	spec, err := scenarios.ParseSweep(*sc.sim.sets, *sc.ranges, *sc.lhs)
	if err != nil {
		return usageErr("%w", err)
	}
	if n := spec.Size(); n > scenarios.MaxSweepPoints {
		return usageErr("the sweep has %d points, more than %d", n, scenarios.MaxSweepPoints)
	}
	sw := &sweep{ref: args[0], spec: spec, shard: sh, csv: filepath.Join(*sc.out, "sweep.csv")}
	if err := sw.plan(sc.sim); err != nil {
		return err
	}
	metrics, err := checkSweepMetrics(*sc.metrics, sw.man)
	if err != nil {
		return err
	}
	columns, err := checkMetricsFlag("--columns", *sc.columns, sw.man)
	if err != nil {
		return err
	}
	sw.tally = report.NewSweepTable(sw.man.Header(), len(sw.man.Parameters), columns)
	if sh.from != "" && !*sc.quiet {
		fmt.Fprintf(stderr, "caresim: shard %s (from %s): %d of the %d points\n", sh, sh.from, len(sw.points), sw.man.Points)
	}
	cells := map[int][]string{}
	for _, p := range sw.points {
		cells[p.Index] = p.Cells
	}
	// The folder is held until the sweep ends: a second sweep of it at
	// once (a requeued job array task, a retried pod) would append the
	// same rows again.
	out, err := results.OpenFolder(*sc.out)
	if err != nil {
		return err
	}
	defer out.Abort()
	warn := func(msg string) { fmt.Fprintf(stderr, "caresim: warning: %s\n", msg) }
	done, err := results.OpenSweep(*sc.out, sw.man, cells, *sc.resume, warn, sw.tally.Add)
	if err != nil {
		return err
	}
	if n := results.CountRows(done); n > 0 && !*sc.quiet {
		fmt.Fprintf(stderr, "caresim: resuming: %d of %d rows already in %s\n", n, len(sw.points)*sw.opts.Reps, sw.csv)
	}
	written, err := sw.run(ctx, done, stderr, *sc.quiet)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("sweep: interrupted; %s, %d rows in all: run it again with --resume to continue", text.Plural(written, "new row"), results.CountRows(done)+written)
		}
		return err
	}
	// The report; drawSweepDir re-writes it with the charts it draws.
	if err := writeSweepReport(context.Background(), out, nil, formats.Drawn()); err != nil {
		return err
	}
	if !*sc.quiet {
		fmt.Fprintf(stderr, "caresim: wrote %s to %s\n", text.Plural(written, "row"), sw.csv)
	}
	if sh.N == 1 { // a shard's charts are drawn by merge, from the whole sweep
		if err := drawSweepDir(ctx, out, metrics, formats, stderr, *sc.quiet); err != nil {
			return err
		}
	}
	return sw.tally.Write(stdout, sw.man, sh.Shard)
}

// plan loads the scenario, draws or lists the points, and loads every
// point of the shard, reporting all their problems at once: nothing runs
// unless every point is good.
func (sw *sweep) plan(f *simFlags) error {
	s := sw.spec
	var base *scenarios.Loaded
	var all []scenarios.SweepPoint
	load := func(sets []string) (err error) {
		if base, err = scenarios.Load(sw.ref, scenarios.Options{Sets: sets}); err != nil {
			return err
		}
		sw.opts, err = f.options(base)
		return err
	}
	if s.LHS > 0 {
		// The hypercube is drawn from the seed, and rounds the
		// parameters that are whole numbers.
		if err := load(s.Sets); err != nil {
			return err
		}
		integer := make([]bool, len(s.Axes))
		for j, a := range s.Axes {
			if nums, err := base.Params.Numbers(a.Path); err == nil && len(nums) > 0 {
				integer[j] = nums[0].Integer()
			}
		}
		all = s.Points(sw.opts.Seed, integer)
	} else {
		all = s.Points(0, nil)
	}
	if err := sw.loadPoints(all); err != nil {
		return err
	}
	if s.LHS == 0 {
		// What every point shares, for the digest. The grid's --set flags
		// are not overrides as written: the points said what is wrong
		// with them.
		if err := load(s.FixedSets()); err != nil {
			return err
		}
	}
	sw.man = &results.Sweep{
		FormatVersion: results.SweepFormat, Version: results.Version(), Scenario: base.Name, Chain: base.Chain, Digest: base.Digest,
		Description: strings.TrimSpace(base.Description), Place: strings.TrimSpace(base.Place),
		Sets: append([]string{}, s.Sets...), Ranges: []string{}, LHS: s.LHS,
		Seed: sw.opts.Seed, Replications: sw.opts.Reps, Points: len(all), Shard: sw.shard.String(),
		Metrics: sim.MetricMeasures(scenarioOf(base).Priced() != nil),
	}
	for _, a := range s.Axes {
		if a.Flag == "--range" {
			sw.man.Ranges = append(sw.man.Ranges, a.Text)
		}
		sw.man.Parameters = append(sw.man.Parameters, results.Measure{Name: a.Path, Unit: scenarios.SweepUnit(a.Path), Doc: a.Flag + " " + a.Text})
	}
	// A point's own replications were checked with it; --reps is checked
	// here, against the longest point, before any runs.
	if sw.longest != nil {
		if err := sw.longest.CheckReplications(sw.opts.Reps); err != nil {
			return usageErr("--reps: %v", err)
		}
	}
	return nil
}

// loadPoints loads each point of the shard, to find its parameter cells
// and every problem with its values before anything runs.
func (sw *sweep) loadPoints(all []scenarios.SweepPoint) error {
	var errs scenarios.ErrorList
	var other []string
	seen := map[string]bool{} // each problem once, however many points have it
	for _, p := range all {
		if !sw.shard.Has(p.Index) {
			continue
		}
		l, err := sw.load(p)
		if err != nil {
			var list scenarios.ErrorList
			if errors.As(err, &list) {
				errs = append(errs, list...)
			} else if !seen[err.Error()] {
				seen[err.Error()] = true
				other = append(other, err.Error())
			}
			continue
		}
		p.Cells = pointCells(sw.spec, p, l)
		sw.points = append(sw.points, p)
		if sw.longest == nil || l.Horizon > sw.longest.Horizon {
			sw.longest = &l.Params
		}
	}
	if len(errs) == 0 && len(other) == 0 {
		return nil
	}
	msgs := other
	errs.Sort()
	for _, e := range errs {
		if m := e.Error(); !seen[m] {
			seen[m] = true
			msgs = append(msgs, m)
		}
	}
	if n := len(msgs) - scenarios.MaxShown; n > 0 {
		msgs = append(msgs[:scenarios.MaxShown], fmt.Sprintf("and %d more problems (%d in all)", n, len(msgs)))
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// load loads the scenario with point p's overrides.
func (sw *sweep) load(p scenarios.SweepPoint) (*scenarios.Loaded, error) {
	l, err := scenarios.Load(sw.ref, scenarios.Options{Sets: sw.spec.PointSets(p)})
	if err != nil {
		sw.spec.Reposition(err, p)
	}
	return l, err
}

// pointCells returns the parameter cells of point p, loaded as l: the
// number the model holds, in its units, or the value as given where the
// path is not a number of the care model.
func pointCells(s *scenarios.SweepSpec, p scenarios.SweepPoint, l *scenarios.Loaded) []string {
	cells := make([]string, len(s.Axes))
	for j, a := range s.Axes {
		cells[j] = p.Vals[j]
		if nums, err := l.Params.Numbers(a.Path); err == nil && len(nums) > 0 {
			cells[j] = results.Cell(nums[0].Get())
		}
	}
	return cells
}

// run runs the shard's points that lack rows, their replications on one
// pool of workers (sim.Sweep), and appends each point's missing
// rows to sweep.csv in point order as soon as it and the points before
// it are done, flushed to disk. It returns the number of rows written.
func (sw *sweep) run(ctx context.Context, done map[int][]bool, stderr io.Writer, quiet bool) (written int, err error) {
	reps := sw.opts.Reps
	var todo []scenarios.SweepPoint
	for _, p := range sw.points {
		if n := len(slices.DeleteFunc(slices.Clone(done[p.Index]), func(d bool) bool { return !d })); n < reps {
			todo = append(todo, p)
		}
	}
	f, err := os.OpenFile(sw.csv, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bar := newProgress(stderr, len(todo)*reps, sw.man.Scenario, quiet || len(todo) == 0)
	defer bar.finish()
	var warn warnings
	defer warn.print(stderr)
	byIndex := map[int]scenarios.SweepPoint{}
	indices := make([]int, len(todo))
	for i, p := range todo {
		byIndex[p.Index], indices[i] = p, p.Index
	}
	o := sw.opts
	o.Done = bar.done
	err = sim.Sweep(ctx, indices, o, func(i int) (sim.Scenario, error) {
		l, err := sw.load(byIndex[i])
		if err != nil {
			return sim.Scenario{}, err
		}
		return scenarioOf(l), nil // priced by the point's own money section
	}, func(i int, res *sim.Results) error {
		p := byIndex[i]
		n, err := results.AppendSweepRows(f, sw.man, p.Index, p.Cells, res, done[p.Index], sw.tally.Add)
		if err != nil {
			return err
		}
		written += n
		warn.add(p.Index, res.Warnings)
		return nil
	})
	return written, err
}

// warnings gathers the points' warnings, each message once with the
// points that gave it.
type warnings struct {
	msgs   []string
	points [][]int
}

func (w *warnings) add(point int, errs []error) {
	for _, e := range errs {
		i := slices.Index(w.msgs, e.Error())
		if i < 0 {
			i = len(w.msgs)
			w.msgs = append(w.msgs, e.Error())
			w.points = append(w.points, nil)
		}
		w.points[i] = append(w.points[i], point)
	}
}

// print writes each warning once, after the points that gave it.
func (w *warnings) print(stderr io.Writer) {
	for i, m := range w.msgs {
		ps := w.points[i]
		var at string
		switch {
		case len(ps) == 1:
			at = fmt.Sprintf("point %d", ps[0])
		case len(ps) <= 4:
			s := make([]string, len(ps))
			for j, p := range ps {
				s[j] = strconv.Itoa(p)
			}
			at = "points " + strings.Join(s, ", ")
		default:
			at = fmt.Sprintf("%d points, %d to %d", len(ps), ps[0], ps[len(ps)-1])
		}
		fmt.Fprintf(stderr, "caresim: warning: %s: %s\n", at, m)
	}
}
