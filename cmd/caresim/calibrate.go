package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/text"
	"caresim/plots"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/validation/calibrate"
	"caresim/validation/observed"

	"github.com/spf13/pflag"
)

func newCalibrate() *command {
	fs := pflag.NewFlagSet("calibrate", pflag.ContinueOnError)
	cc := &calibrateCmd{
		outFlags:    addOutFlags(fs, "", "folder for calibrate.csv, ranges.csv and calibrated.yaml (default out/<scenario name>-calibrate)"),
		observed:    fs.String("observed", "", "the observed data to fit: a CSV file, or a built-in name (mid-notts)"),
		ranges:      fs.StringArray("range", nil, "path=lo:hi, a parameter's range to search (repeatable)"),
		points:      fs.Int("points", 20, "design points per wave"),
		waves:       fs.Int("waves", 3, "waves of history matching"),
		cut:         fs.Float64("cut", calibrate.Cut, "the implausibility above which a point is ruled out"),
		rank:        fs.Int("rank", 1, "cut on the largest (1) or second largest (2) of the series' implausibilities"),
		obsError:    fs.String("obs-error", "5%", "observation error, as a coefficient of variation of each observed value"),
		discrepancy: fs.String("discrepancy", "10%", "model discrepancy, as a coefficient of variation of each observed value"),
		resume:      fs.Bool("resume", false, "continue the calibration in --out, running only the points it lacks"),
		shard:       fs.String("shard", "", "run shard K of N of each wave's points, the points i with i mod N = K-1 (K/N, from 1)"),
		plots:       addPlotFlags(fs),
	}
	c := &command{
		name:  "calibrate",
		usage: "[flags] --observed FILE --range path=lo:hi ... FILE|NAME",
		short: "fit a scenario's uncertain parameters to observed data by history matching",
		long: `
Calibrate fits the parameters that --range names to the observed data
that --observed names, by history matching: it rules out the values at
which the scenario cannot reproduce what was observed, wave by wave,
and keeps the rest (Craig et al. 1997; Vernon, Goldstein and Bower 2010).

Each wave runs the scenario at --points points of a maximin Latin
hypercube over the region not yet ruled out (the ranges, in the first
wave), drawn from the seed; every point with the same --reps
replications from the same seed (common random numbers), as a sweep
runs them. At each point each observed value z, of a period the run
simulated, is set beside the replications' values over the same period
(as backcast computes them), of mean E and variance V_sim over the n
replications, through its implausibility

	I = |z − E| / √((obs-error·z)² + (discrepancy·z)² + V_sim·(1 + 1/n))

The observation error (--obs-error, default 5%) is how far a published
figure may be from what happened: months apportioned from weekly
returns, counts at arrival set beside the model's at departure, the
KH03 census of one night a quarter. The model discrepancy (--discrepancy,
default 10%) is how far the model at its best may be from the system,
for what it leaves out; 10%, twice the observation error, is an
assumption, not a figure from the literature. Both are assumptions: give your own. V_sim·(1 + 1/n)
is the variance of one realisation about the mean of the replications,
since the observed world is one realisation, as one replication is.

A series (a measure by month or by financial year) takes the largest
implausibility of its values, and a point the largest of its series'
(--rank 2: the second largest, which lets one series miss). A point is
non-implausible when that is at most --cut, 3 by Pukelsheim's
three-sigma rule. The next wave samples the smallest box that holds the
non-implausible points, widened on each side by the design's spacing (a
share points^(−1/parameters) of each range) and kept inside the wave's
box: the region shrinks wave by wave.
When no point is non-implausible, the calibration stops and says so: the
scenario cannot match the data within the variances stated.

Calibrate runs the simulator at every design point, without an
emulator: the region it reports is a box around the points it kept, an
outer bound of the non-implausible set.

It writes to --out (default out/<scenario name>-calibrate):

	calibrate.csv    every point of every wave: its parameters, its
	                 implausibility, whether it is non-implausible, and
	                 each series' implausibility
	ranges.csv       each wave's box and the span of its non-implausible
	                 points, and the final region (wave "final")
	calibrated.yaml  a scenario that extends the input, with each
	                 parameter at the centre of the final region and
	                 comments giving the region; with the --set overrides
	calibrate-wave-N each wave's chart (--format png, svg or pdf; none
	                 with --no-plots): each point's implausibility
	                 against each parameter, the cut, the region kept
	outputs.csv      each point's simulated values of each observed
	                 row, one line a row, appended as each point ends
	calibrate.json   the calibration's scenario, digest, observed file,
	                 flags and seed, for --resume

and prints each wave's region, the final region, and the fit of the best
point (the smallest implausibility): each series' observed and
simulated mean, bias and largest implausibility.

Ctrl-C keeps every point finished; --resume runs only the points
outputs.csv lacks, with the same flags. --shard K/N runs the points i
of each wave with i mod N = K−1, into --out/shard-K-of-N; every shard
reads the others' points from --out, so N machines that share the
folder run a wave together: a shard whose wave lacks the others' points
stops, and run again with --resume it goes on once they are there.

Example, the arrival rate of the textbook ED (given 30 cubicles) fitted
to two months of Sherwood Forest Hospitals' A&E departures in the
built-in Mid-Nottinghamshire data; --rank 2 lets the other series in
the run, the 4-hour breaches, which a textbook queue hardly has, miss:

	$ caresim calibrate --reps 2 --points 6 --waves 2 --set horizon=61d --set services.ed.cubicles=30 --rank 2 --discrepancy 2% --observed mid-notts --range demand.urgent.routes[0].per_day=300:450 --out calibrate textbook-mmc`,
		flags: fs,
	}
	c.run = onInterrupt("stopping; the points finished are kept", cc.exec)
	return c
}

// calibrateCmd holds calibrate's flags.
type calibrateCmd struct {
	outFlags
	observed    *string
	ranges      *[]string
	points      *int
	waves       *int
	cut         *float64
	rank        *int
	obsError    *string
	discrepancy *string
	resume      *bool
	shard       *string
	plots       plotFlags
}

// calibration is a calibration being run.
type calibration struct {
	ref   string
	spec  *scenarios.SweepSpec
	base  *scenarios.Loaded
	set   *observed.Set
	opts  sim.Options
	man   calibrateManifest
	v     calibrate.Variances
	shard shard
	dir   string // --out
	own   string // the folder of this shard's outputs.csv
	// integer tells which parameters are whole numbers, rounded.
	integer []bool
	// charts says in which formats and size each wave's chart is drawn.
	charts plots.Output
	// done holds each point's outputs, read from the folder or run:
	// done[wave][point] is a value per observed row, nil for a row the
	// run did not simulate.
	done map[[2]int][][]float64
}

// calibrateManifest is calibrate.json: what a --resume must match.
type calibrateManifest struct {
	FormatVersion int      `json:"format_version"`
	Scenario      string   `json:"scenario"`
	Digest        string   `json:"digest"`
	Observed      string   `json:"observed"`
	ObservedSHA   string   `json:"observed_sha256"`
	Sets          []string `json:"sets"`
	Ranges        []string `json:"ranges"`
	Points        int      `json:"points"`
	Waves         int      `json:"waves"`
	Seed          uint64   `json:"seed"`
	Replications  int      `json:"replications"`
	ObsError      float64  `json:"observation_error_cv"`
	Discrepancy   float64  `json:"model_discrepancy_cv"`
	Cut           float64  `json:"cut"`
	Rank          int      `json:"rank"`
}

// exec runs the command.
func (cc *calibrateCmd) exec(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := cc.plan(args)
	if err != nil {
		return err
	}
	if c.charts, err = cc.plots.list(); err != nil {
		return err
	}
	// The shard's folder is held while it runs: a second run of the same
	// shard at once (a requeued job) would append the same points again.
	if err := os.MkdirAll(c.own, 0o755); err != nil {
		return err
	}
	lock, err := results.LockFolder(c.own)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	if err := c.open(*cc.resume); err != nil {
		return err
	}
	quiet := *cc.quiet
	n := *cc.points
	box := make(calibrate.Box, len(c.spec.Axes))
	for j, a := range c.spec.Axes {
		box[j] = calibrate.Interval{Lo: a.Lo, Hi: a.Hi}
	}
	var waves []wave
	for w := 1; w <= *cc.waves; w++ {
		wv := wave{n: w, box: box, pts: c.design(w, box)}
		if err := c.runWave(ctx, &wv, stderr, quiet); err != nil {
			return err
		}
		if missing := wv.missing(c); missing > 0 {
			fmt.Fprintf(stderr, "caresim: calibrate: shard %s: wave %d lacks %s of the other shards; run them, then this again with --resume\n", c.shard, w, text.Plural(missing, "point"))
			return nil
		}
		c.evaluate(&wv, *cc.cut, *cc.rank)
		waves = append(waves, wv)
		next, ok := calibrate.Refocus(box, n, wv.kept())
		if !ok {
			break
		}
		box = next
	}
	return c.report(waves, stdout, stderr, quiet)
}

// plan reads the flags, the scenario and the observed data, and checks
// every range before anything runs.
func (cc *calibrateCmd) plan(args []string) (*calibration, error) {
	if len(args) != 1 {
		return nil, usageErr("calibrate takes one scenario, got %d", len(args))
	}
	if err := cc.sim.check(); err != nil {
		return nil, err
	}
	switch {
	case *cc.observed == "":
		return nil, usageErr("calibrate needs --observed FILE, the observed data to fit (caresim backcast --measures lists what it may name)")
	case len(*cc.ranges) == 0:
		return nil, usageErr("calibrate needs a --range path=lo:hi for each parameter it fits")
	case *cc.points < 2:
		return nil, usageErr("--points must be >= 2, not %d", *cc.points)
	case *cc.waves < 1:
		return nil, usageErr("--waves must be >= 1, not %d", *cc.waves)
	case !(*cc.cut > 0) || math.IsInf(*cc.cut, 0):
		return nil, usageErr("--cut must be a number > 0, not %v", *cc.cut)
	case *cc.rank != 1 && *cc.rank != 2:
		return nil, usageErr("--rank must be 1 (the largest series implausibility) or 2 (the second largest), not %d", *cc.rank)
	}
	var v calibrate.Variances
	for _, f := range []struct {
		name string
		text string
		dst  *float64
	}{{"--obs-error", *cc.obsError, &v.Observation}, {"--discrepancy", *cc.discrepancy, &v.Discrepancy}} {
		x, err := scenarios.ParsePercent(f.text)
		if err != nil || x < 0 || x >= 1 {
			return nil, usageErr("%s %s: want a coefficient of variation from 0 to less than 100%%, such as 5%%", f.name, f.text)
		}
		*f.dst = x
	}
	sh, err := resolveShard(*cc.shard, 0, func(string) string { return "" })
	if err != nil {
		return nil, err
	}
	spec, err := scenarios.ParseSweep(*cc.sim.sets, *cc.ranges, *cc.points)
	if err != nil {
		return nil, usageErr("%s", strings.ReplaceAll(err.Error(), "--lhs varies only the --range parameters", "calibrate varies only the --range parameters"))
	}
	c := &calibration{ref: args[0], spec: spec, v: v, shard: sh, done: map[[2]int][][]float64{}}
	if c.base, err = scenarios.Load(c.ref, scenarios.Options{Sets: spec.Sets}); err != nil {
		return nil, err
	}
	if c.opts, err = cc.sim.options(c.base); err != nil {
		return nil, err
	}
	if c.opts.Reps < 2 {
		return nil, usageErr("calibrate needs 2 replications or more, for the simulation's variance, not %d (--reps)", c.opts.Reps)
	}
	c.opts.KeepDaily = true
	// Each range names a number of the scenario: its unit was read from
	// the path, and whole numbers are rounded.
	var errs scenarios.ErrorList
	for _, a := range spec.Axes {
		nums, err := c.base.Params.Numbers(a.Path)
		switch {
		case err != nil:
			errs.Add("--range", a.Pos, 1, a.Path, "%v", err)
		case len(nums) != 1:
			errs.Add("--range", a.Pos, 1, a.Path, "names %d parameters: calibrate fits one number a range", len(nums))
		default:
			c.integer = append(c.integer, nums[0].Integer())
		}
	}
	if err := errs.Err(); err != nil {
		return nil, usageErr("%w", err)
	}
	if c.set, err = observed.Open(*cc.observed); err != nil {
		var list observed.ErrorList
		if errors.As(err, &list) {
			return nil, fmt.Errorf("%w\ncalibrate: --observed %s: %s; nothing was run", err, *cc.observed, text.Plural(len(list), "problem"))
		}
		return nil, fmt.Errorf("--observed: %w", err)
	}
	c.dir = *cc.out
	if c.dir == "" {
		c.dir = filepath.Join("out", c.base.Name+"-calibrate")
	}
	c.own = c.dir
	if sh.N > 1 {
		c.own = filepath.Join(c.dir, fmt.Sprintf("shard-%d-of-%d", sh.K, sh.N))
	}
	c.man = calibrateManifest{
		FormatVersion: 1, Scenario: c.base.Name, Digest: c.base.Digest, Observed: c.set.File, ObservedSHA: c.set.Digest,
		Sets: append([]string{}, spec.Sets...), Ranges: append([]string{}, *cc.ranges...), Points: *cc.points, Waves: *cc.waves,
		Seed: c.opts.Seed, Replications: c.opts.Reps, ObsError: v.Observation, Discrepancy: v.Discrepancy, Cut: *cc.cut, Rank: *cc.rank,
	}
	return c, nil
}

// open writes or checks calibrate.json, and reads the points every shard
// has finished.
func (c *calibration) open(resume bool) error {
	manPath := filepath.Join(c.dir, "calibrate.json")
	want, _ := json.MarshalIndent(c.man, "", "  ")
	want = append(want, '\n')
	have, err := os.ReadFile(manPath)
	switch {
	case err == nil && string(have) != string(want) && (resume || c.shard.N > 1):
		return fmt.Errorf("%s holds another calibration (its calibrate.json differs: scenario, observed data, flags or seed): give another --out", c.dir)
	case err == nil && !resume && c.shard.N == 1:
		return fmt.Errorf("%s holds a calibration already: run it again with --resume to continue it, or give another --out", c.dir)
	case errors.Is(err, os.ErrNotExist):
		if err := writeAtomic(manPath, want); err != nil {
			return err
		}
	case err != nil:
		return err
	}
	return c.readOutputs()
}

// writeAtomic writes b to path under a temporary name, then renames it.
func writeAtomic(path string, b []byte) error {
	f, err := results.CreateAtomic(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// outputFiles returns the outputs.csv files of the calibration: the
// folder's, and each shard's.
func (c *calibration) outputFiles() []string {
	files := []string{filepath.Join(c.dir, "outputs.csv")}
	more, _ := filepath.Glob(filepath.Join(c.dir, "shard-*-of-*", "outputs.csv"))
	return append(files, more...)
}

// outputsHeader is outputs.csv's header.
var outputsHeader = []string{"wave", "point", "line", "period", "measure", "values"}

// readOutputs reads the points finished in every outputs.csv of the
// folder: a point is finished when every observed row has its line; a
// line cut short at the end of a file (a stop mid-write) is dropped.
func (c *calibration) readOutputs() error {
	rows := len(c.set.Rows)
	for _, name := range c.outputFiles() {
		b, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if i := strings.LastIndexByte(string(b), '\n'); i+1 < len(b) {
			b = b[:i+1] // a line cut short
		}
		r := csv.NewReader(strings.NewReader(string(b)))
		r.FieldsPerRecord = len(outputsHeader)
		recs, err := r.ReadAll()
		if err != nil {
			return fmt.Errorf("%s: %w: remove it to run its points again", name, err)
		}
		partial := map[[2]int][][]float64{}
		for i, rec := range recs {
			if i == 0 {
				continue
			}
			w, e1 := strconv.Atoi(rec[0])
			p, e2 := strconv.Atoi(rec[1])
			line, e3 := strconv.Atoi(rec[2])
			if e1 != nil || e2 != nil || e3 != nil || line < 0 || line >= rows {
				return fmt.Errorf("%s:%d: not a line of this calibration's outputs: remove the file to run its points again", name, i+1)
			}
			k := [2]int{w, p}
			if partial[k] == nil {
				partial[k] = make([][]float64, rows)
			}
			var vals []float64
			for _, f := range strings.Fields(rec[5]) {
				x, err := strconv.ParseFloat(f, 64)
				if err != nil {
					return fmt.Errorf("%s:%d: values: %v", name, i+1, err)
				}
				vals = append(vals, x)
			}
			partial[k][line] = vals
			if line == rows-1 {
				c.done[k] = partial[k]
			}
		}
	}
	return nil
}

// wave is one wave of the calibration: its box, its points and what they
// gave.
type wave struct {
	n   int // from 1
	box calibrate.Box
	pts [][]float64
	// impl and series are each point's implausibility and its series',
	// once evaluated; nonImpl says which are kept.
	impl    []float64
	series  [][]calibrate.Series
	nonImpl []bool
}

// design returns wave w's points in box, whole-number parameters
// rounded: stream "CAL" + w of the seed, the same on every machine and
// shard, apart from the replications' streams.
func (c *calibration) design(w int, box calibrate.Box) [][]float64 {
	pts := calibrate.Design(c.man.Points, box, rand.NewPCG(c.opts.Seed, 0x43414c00+uint64(w)))
	for _, p := range pts {
		for j := range p {
			if c.integer[j] {
				p[j] = math.Round(p[j])
			}
		}
	}
	return pts
}

// sets returns the overrides of a point: the --set flags, then each
// ranged parameter's value.
func (c *calibration) sets(x []float64) []string {
	out := slices.Clone(c.spec.Sets)
	for j, a := range c.spec.Axes {
		out = append(out, a.Prefix+a.Value(x[j]))
	}
	return out
}

// runWave runs the shard's points of wave wv that no outputs.csv holds,
// as a sweep (sim.Sweep: one pool of workers, common random numbers),
// appending each point's outputs to the shard's outputs.csv as it ends.
func (c *calibration) runWave(ctx context.Context, wv *wave, stderr io.Writer, quiet bool) (err error) {
	var todo []int
	for i := range wv.pts {
		if c.shard.Has(i) && c.done[[2]int{wv.n, i}] == nil {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	// Every point's values are checked before any runs.
	var msgs []string
	for _, i := range todo {
		if _, err := scenarios.Load(c.ref, scenarios.Options{Sets: c.sets(wv.pts[i])}); err != nil {
			msgs = append(msgs, fmt.Sprintf("wave %d point %d: %v", wv.n, i, err))
		}
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "\n"))
	}
	name := filepath.Join(c.own, "outputs.csv")
	_, statErr := os.Stat(name)
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriter(f)
	cw := csv.NewWriter(bw)
	if errors.Is(statErr, os.ErrNotExist) {
		cw.Write(outputsHeader)
	}
	bar := newProgress(stderr, len(todo)*c.opts.Reps, fmt.Sprintf("%s wave %d", c.base.Name, wv.n), quiet)
	defer bar.finish()
	// The points' warnings, each once with the points that gave it, named
	// with the wave.
	var warn warnings
	defer func() {
		var b strings.Builder
		warn.print(&b)
		fmt.Fprint(stderr, strings.ReplaceAll(b.String(), "caresim: warning: ", fmt.Sprintf("caresim: warning: wave %d: ", wv.n)))
	}()
	o := c.opts
	o.Done = bar.done
	err = sim.Sweep(ctx, todo, o, func(i int) (sim.Scenario, error) {
		l, err := scenarios.Load(c.ref, scenarios.Options{Sets: c.sets(wv.pts[i])})
		if err != nil {
			return sim.Scenario{}, err
		}
		return scenarioOf(l), nil
	}, func(i int, res *sim.Results) error {
		vals, _, err := observed.Simulated(c.set, res)
		if err != nil {
			return err
		}
		for j, row := range c.set.Rows {
			cells := make([]string, len(vals[j]))
			for k, x := range vals[j] {
				cells[k] = strconv.FormatFloat(x, 'g', -1, 64)
			}
			cw.Write([]string{strconv.Itoa(wv.n), strconv.Itoa(i), strconv.Itoa(j), row.Period.String(), row.Measure, strings.Join(cells, " ")})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		c.done[[2]int{wv.n, i}] = vals
		warn.add(i, res.Warnings)
		return nil
	})
	if errors.Is(err, context.Canceled) {
		return errors.New("calibrate: interrupted; the points finished are in outputs.csv: run it again with --resume to continue")
	}
	return err
}

// missing returns the number of wave wv's points no outputs.csv holds.
func (wv *wave) missing(c *calibration) int {
	n := 0
	for i := range wv.pts {
		if c.done[[2]int{wv.n, i}] == nil {
			n++
		}
	}
	return n
}

// evaluate computes each point's implausibility and whether it is kept.
func (c *calibration) evaluate(wv *wave, cut float64, rank int) {
	for i := range wv.pts {
		vals := c.done[[2]int{wv.n, i}]
		outs := make([]calibrate.Output, len(c.set.Rows))
		for j, row := range c.set.Rows {
			outs[j] = calibrate.Output{Series: observed.SeriesName(row), Observed: row.Value, Sims: vals[j]}
		}
		impl, series := calibrate.Evaluate(outs, c.v, rank)
		wv.impl = append(wv.impl, impl)
		wv.series = append(wv.series, series)
		wv.nonImpl = append(wv.nonImpl, impl <= cut)
	}
}

// kept returns the non-implausible points of wv.
func (wv *wave) kept() [][]float64 {
	var out [][]float64
	for i, p := range wv.pts {
		if wv.nonImpl[i] {
			out = append(out, p)
		}
	}
	return out
}
