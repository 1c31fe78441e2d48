package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"caresim/cmd/caresim/internal/table"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"

	"github.com/spf13/pflag"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/spatial/r1"
	"gonum.org/v1/gonum/stat/distmv"
	"gonum.org/v1/gonum/stat/samplemv"
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
such as 2h:4h:30min). Several make a product, the first --set varying
slowest. A --set with one value is an override applied at every point.
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
rows the file does not hold yet, after dropping a row cut short. Without
--resume, sweep will not touch a folder that already holds a sweep.

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
rest.

Sweep prints each point's parameters and the mean over replications of
the headline metrics that differ between points, with the system's
deficits when the scenario is priced.

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
	}
}

// axis is one swept parameter: a --set with several values, or a --range
// of a Latin hypercube.
type axis struct {
	flag    string   // "--set" or "--range"
	pos     int      // its position among that flag's values, from 1
	path    string   // the parameter path
	text    string   // the flag's value as given: path=v1,v2
	prefix  string   // its text up to and including '='
	values  []string // a grid's values, as the scenario loader reads them
	offsets []int    // where each value starts after the '='; nil for a range lo:hi:step
	lo, hi  float64  // a --range, in the model's units
}

// sweepSpec is what to sweep: the user's --set flags, and the axes that
// vary between points.
type sweepSpec struct {
	sets    []string
	axes    []*axis
	setAxis []int // for each --set, the index of its axis, or −1 for an override
	lhs     int
}

// parseSpec reads the --set, --range and --lhs flags. Its errors are
// positioned like the scenario loader's: --set:2:22: path: message.
func parseSpec(sets, ranges []string, lhs int) (*sweepSpec, error) {
	s := &sweepSpec{sets: sets, lhs: lhs}
	var errs scenarios.ErrorList
	for i, set := range sets {
		s.setAxis = append(s.setAxis, -1)
		a, err := parseSetAxis(set, i+1)
		if err != nil {
			errs = append(errs, err)
		} else if a != nil {
			s.setAxis[i] = len(s.axes)
			s.axes = append(s.axes, a)
		}
	}
	for i, r := range ranges {
		a, err := parseRange(r, i+1)
		if err != nil {
			errs = append(errs, err)
		} else {
			s.axes = append(s.axes, a)
		}
	}
	var msg string
	switch {
	case lhs < 0:
		msg = "--lhs must be >= 1"
	case lhs > 0 && len(ranges) == 0:
		msg = "--lhs needs a --range path=lo:hi for each parameter it varies"
	case lhs == 0 && len(ranges) > 0:
		msg = "--range goes with --lhs N, the number of points"
	case lhs > 0 && len(s.axes) > len(ranges):
		msg = "--lhs varies only the --range parameters: give each --set one value"
	}
	switch {
	case len(errs) > 0 && msg != "":
		return nil, fmt.Errorf("%w: %w\n%s", errUsage, errs.Err(), msg)
	case len(errs) > 0:
		return nil, fmt.Errorf("%w: %w", errUsage, errs.Err())
	case msg != "":
		return nil, usageErr("%s", msg)
	}
	if len(s.axes) == 0 {
		return nil, usageErr("nothing to sweep: give a --set with several values (path=a,b or path=lo:hi:step), or --lhs N with --range path=lo:hi")
	}
	for i, a := range s.axes {
		for _, b := range s.axes[:i] {
			if a.path == b.path {
				return nil, usageErr("%s %s and %s %s both sweep %s", b.flag, b.prefix, a.flag, a.prefix, a.path)
			}
		}
	}
	return s, nil
}

// sweepErr is a problem with the sweep flag at position pos of flag,
// column col.
func sweepErr(flag string, pos, col int, path, format string, args ...any) *scenarios.Error {
	return &scenarios.Error{File: flag, Line: pos, Col: col, Field: path, Msg: fmt.Sprintf(format, args...)}
}

// parseSetAxis returns the axis that the k-th --set makes, or nil for an
// override of one value. The scenario loader reports malformed overrides.
func parseSetAxis(set string, k int) (*axis, *scenarios.Error) {
	rawPath, value, ok := strings.Cut(set, "=")
	if !ok || strings.TrimSpace(value) == "" || strings.ContainsAny(strings.TrimSpace(value)[:1], `{["'`) {
		return nil, nil
	}
	a := &axis{flag: "--set", pos: k, path: strings.TrimSpace(rawPath), text: set, prefix: set[:len(rawPath)+1]}
	col := len(a.prefix) + 1 // where the value starts, from 1
	if first, _, _ := strings.Cut(a.path, "."); first == "seed" || first == "replications" {
		if strings.ContainsAny(value, ",:") {
			return nil, sweepErr("--set", k, 1, a.path, "every point of a sweep has the same seed and replications: use --seed and --reps")
		}
		return nil, nil
	}
	switch {
	case strings.Contains(value, ","):
		off := 0
		for _, v := range strings.Split(value, ",") {
			lead := len(v) - len(strings.TrimLeft(v, " "))
			if strings.TrimSpace(v) == "" {
				return nil, sweepErr("--set", k, col+off, a.path, "empty value in the list %q", value)
			}
			a.values = append(a.values, strings.TrimSpace(v))
			a.offsets = append(a.offsets, off+lead)
			off += len(v) + 1
		}
		return a, nil
	case strings.Count(value, ":") == 2:
		parts := strings.Split(value, ":")
		vals, err := parseNumbers(a.path, parts)
		if err != nil {
			return nil, sweepErr("--set", k, col, a.path, "%v", err)
		}
		lo, hi, step := vals[0], vals[1], vals[2]
		if !(step > 0) || hi < lo {
			return nil, sweepErr("--set", k, col, a.path, "range %q: want lo:hi:step with lo <= hi and step > 0", value)
		}
		n := math.Floor((hi-lo)/step*(1+1e-12)) + 1
		if n > maxPoints {
			return nil, sweepErr("--set", k, col, a.path, "range %q has %g values, more than %d", value, n, maxPoints)
		}
		a.values = rangeValues(parts, vals, int(n))
		return a, nil
	case strings.Count(value, ":") == 1:
		return nil, sweepErr("--set", k, col, a.path, "range %q has no step: want lo:hi:step", value)
	}
	return nil, nil
}

// rangeValues returns the n values of the range lo:hi:step, whose texts
// are parts and whose values in the model's units are vals. Where lo, hi
// and step are written alike (50min:70min:10min, £1m:£2m:£0.5m) the
// values are too, computed in the numbers as written and rounded to 12
// significant figures, so that 0.1:0.3:0.1 ends at 0.3 rather than
// 0.30000000000000004 and 50min stays exactly 50 minutes. Otherwise
// (1h:3h:30min) they are plain numbers in the model's units.
func rangeValues(parts []string, vals []float64, n int) []string {
	out := make([]string, n)
	var x [3]float64
	var pre, post [3]string
	alike := true
	for i, t := range parts {
		loc := numberRE.FindStringIndex(t)
		if loc == nil {
			alike = false
			break
		}
		pre[i], post[i] = strings.TrimSpace(t[:loc[0]]), t[loc[1]:]
		x[i], _ = strconv.ParseFloat(t[loc[0]:loc[1]], 64)
		alike = alike && pre[i] == pre[0] && strings.TrimSpace(post[i]) == strings.TrimSpace(post[0])
	}
	for i := range out {
		if alike {
			v, _ := strconv.ParseFloat(strconv.FormatFloat(x[0]+float64(i)*x[2], 'g', 12, 64), 64)
			out[i] = pre[0] + results.Cell(v) + strings.TrimRight(post[0], " ")
		} else {
			out[i] = results.Cell(vals[0] + float64(i)*vals[2])
		}
	}
	return out
}

// numberRE matches a decimal number without thousands separators.
var numberRE = regexp.MustCompile(`[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?`)

// maxPoints bounds a sweep's points, far beyond what anyone runs.
const maxPoints = 1_000_000

// parseRange reads the k-th --range, path=lo:hi.
func parseRange(r string, k int) (*axis, *scenarios.Error) {
	rawPath, value, ok := strings.Cut(r, "=")
	if !ok || strings.Count(value, ":") != 1 {
		return nil, sweepErr("--range", k, 1, "", "want path=lo:hi, such as services.acute.beds=600:700, not %q", r)
	}
	a := &axis{flag: "--range", pos: k, path: strings.TrimSpace(rawPath), text: r, prefix: r[:len(rawPath)+1]}
	if _, err := care.ParsePath(a.path); err != nil {
		return nil, sweepErr("--range", k, 1, a.path, "%v", err)
	}
	vals, err := parseNumbers(a.path, strings.Split(value, ":"))
	if err != nil {
		return nil, sweepErr("--range", k, len(a.prefix)+1, a.path, "%v", err)
	}
	a.lo, a.hi = vals[0], vals[1]
	if !(a.hi > a.lo) {
		return nil, sweepErr("--range", k, len(a.prefix)+1, a.path, "range %q: want lo:hi with lo < hi", value)
	}
	return a, nil
}

// parseNumbers reads numbers in the units of the parameter at path
// (4h, 12 per day, 15%), in the model's units: days, per day, fractions,
// pounds. Outside the care model's parameters (money.*), whose units
// package care does not know, the first reading that works is taken: a
// plain number, money, a duration, a percentage, a rate.
func parseNumbers(path string, texts []string) ([]float64, error) {
	parsers := []func(string) (float64, error){plainNumber, scenarios.ParseMoney, parseDays, scenarios.ParsePercent, scenarios.ParseRate}
	if unit, err := care.UnitOf(path); err == nil {
		parsers = map[string][]func(string) (float64, error){
			"duration": {parseDays}, "money": {scenarios.ParseMoney}, "fraction": {scenarios.ParsePercent},
			"rate": {scenarios.ParseRate}, "per-head": {scenarios.ParsePopulationRate}, "": {plainNumber},
		}[unit]
	}
	out := make([]float64, len(texts))
	for i, s := range texts {
		var err error
		for _, parse := range parsers {
			var e error
			if out[i], e = parse(s); e == nil {
				err = nil
				break
			} else if err == nil {
				err = e
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func parseDays(s string) (float64, error) {
	d, err := scenarios.ParseDuration(s)
	return float64(d), err
}

func plainNumber(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !isFinite(x) {
		return 0, fmt.Errorf("want a number, not %q", s)
	}
	return x, nil
}

// unitText is the unit of sweep.csv's column for the parameter at path.
func unitText(path string) string {
	u, err := care.UnitOf(path)
	if err != nil {
		return "as given"
	}
	return map[string]string{"duration": "days", "money": "pounds", "fraction": "fraction", "rate": "per day", "per-head": "per person per day"}[u]
}

// point is one point of a sweep: a value for each axis.
type point struct {
	index int
	vals  []string // each axis's value, as the scenario loader reads it
	idx   []int    // on a grid, the index of each value in its axis
	cells []string // each axis's column in sweep.csv, once loaded
}

// points returns every point of the sweep, in order. A Latin hypercube
// is drawn from seed; integer tells which of its parameters are whole
// numbers, to be rounded.
func (s *sweepSpec) points(seed uint64, integer []bool) []point {
	var out []point
	if s.lhs > 0 {
		// Stream "LHS" of the seed: the sample is the same on every
		// machine and shard, and apart from the replications' streams.
		src := rand.NewPCG(seed, 0x4c4853)
		bounds := make([]r1.Interval, len(s.axes))
		for j, a := range s.axes {
			bounds[j] = r1.Interval{Min: a.lo, Max: a.hi}
		}
		batch := mat.NewDense(s.lhs, len(s.axes), nil)
		samplemv.LatinHypercube{Q: distmv.NewUniform(bounds, nil), Src: src}.Sample(batch)
		for i := range s.lhs {
			p := point{index: i}
			for j := range s.axes {
				v := batch.At(i, j)
				if integer[j] {
					v = math.Round(v)
				}
				p.vals = append(p.vals, results.Cell(v))
			}
			out = append(out, p)
		}
		return out
	}
	n := 1
	for _, a := range s.axes {
		n *= len(a.values)
	}
	for i := range n {
		p := point{index: i, vals: make([]string, len(s.axes)), idx: make([]int, len(s.axes))}
		rest := i
		for j := len(s.axes) - 1; j >= 0; j-- { // the last axis varies fastest
			a := s.axes[j]
			p.idx[j] = rest % len(a.values)
			p.vals[j] = a.values[p.idx[j]]
			rest /= len(a.values)
		}
		out = append(out, p)
	}
	return out
}

// size returns the number of points without listing them.
func (s *sweepSpec) size() int {
	if s.lhs > 0 {
		return s.lhs
	}
	n := 1
	for _, a := range s.axes {
		n *= len(a.values)
		if n > maxPoints {
			return n
		}
	}
	return n
}

// pointSets returns the overrides of point p: the user's --set flags in
// order, each swept one given p's value, then the --range values.
func (s *sweepSpec) pointSets(p point) []string {
	out := slices.Clone(s.sets)
	for j, a := range s.axes {
		if a.flag == "--set" {
			out[a.pos-1] = a.prefix + p.vals[j]
		} else {
			out = append(out, a.prefix+p.vals[j])
		}
	}
	return out
}

// fixedSets returns the overrides every point shares.
func (s *sweepSpec) fixedSets() []string {
	var out []string
	for i, set := range s.sets {
		if s.setAxis[i] < 0 {
			out = append(out, set)
		}
	}
	return out
}

// reposition points the loader's errors about point p's overrides at the
// flags the user wrote: a value from a list at its place in the list, a
// value from a range or a hypercube at the start of the range.
func (s *sweepSpec) reposition(err error, p point) {
	var list scenarios.ErrorList
	if !errors.As(err, &list) {
		return
	}
	for _, e := range list {
		if e.File != "--set" || e.Line < 1 {
			continue
		}
		j := -1
		if e.Line <= len(s.sets) {
			j = s.setAxis[e.Line-1]
		} else if s.lhs > 0 { // the --range values follow the --set flags
			j = e.Line - len(s.sets) - 1
			e.File, e.Line = "--range", s.axes[j].pos
		}
		if j < 0 || e.Col <= len(s.axes[j].prefix) {
			continue
		}
		if a := s.axes[j]; a.offsets != nil {
			e.Col += a.offsets[p.idx[j]]
		} else {
			e.Col = len(a.prefix) + 1
			e.Msg += fmt.Sprintf(" (point %d: %s)", p.index, p.vals[j])
		}
	}
}

// shard is the share of a sweep's points that one machine runs: the
// points i with i mod N = K−1.
type shard struct {
	k, n int
	from string // where K came from, for the note on stderr; "" for the flag
}

func (s shard) String() string { return fmt.Sprintf("%d/%d", s.k, s.n) }

// has reports whether point i is in the shard.
func (s shard) has(i int) bool { return i%s.n == s.k-1 }

// parseShard reads K/N.
func parseShard(text string) (shard, error) {
	k, n, ok := strings.Cut(text, "/")
	ki, err1 := strconv.Atoi(k)
	ni, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return shard{}, fmt.Errorf("want K/N with 1 <= K <= N, such as 2/8, not %q", text)
	}
	return shard{k: ki, n: ni}, nil
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
		s, err := parseShard(flag)
		if err != nil {
			return s, usageErr("--shard: %v", err)
		}
		if shards != 0 && shards != s.n {
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
		return shard{k: (id-lo)/step + 1, n: n, from: fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d", id)}, nil
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
		return shard{k: idx + 1, n: shards, from: fmt.Sprintf("JOB_COMPLETION_INDEX=%d", idx)}, nil
	}
	if shards != 0 {
		return shard{}, usageErr("--shards goes with SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX; on the command line, give --shard K/N")
	}
	return shard{k: 1, n: 1}, nil
}

// sweep is a sweep being run.
type sweep struct {
	ref    string
	spec   *sweepSpec
	man    *results.Sweep
	shard  shard
	opts   sim.Options // replications, seed and workers for every point
	points []point     // the shard's points
	csv    string      // the path of sweep.csv
	tally  *sweepTally
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
	spec, err := parseSpec(*sc.sim.sets, *sc.ranges, *sc.lhs)
	if err != nil {
		return err
	}
	if n := spec.size(); n > maxPoints {
		return usageErr("the sweep has %d points, more than %d", n, maxPoints)
	}
	sw := &sweep{ref: args[0], spec: spec, shard: sh, csv: filepath.Join(*sc.out, "sweep.csv")}
	if err := sw.plan(sc.sim); err != nil {
		return err
	}
	metrics, err := checkSweepMetrics(*sc.metrics, sw.man)
	if err != nil {
		return err
	}
	if sh.from != "" && !*sc.quiet {
		fmt.Fprintf(stderr, "caresim: shard %s (from %s): %d of the %d points\n", sh, sh.from, len(sw.points), sw.man.Points)
	}
	done, err := sw.open(*sc.out, *sc.resume, stderr)
	if err != nil {
		return err
	}
	if n := countRows(done); n > 0 && !*sc.quiet {
		fmt.Fprintf(stderr, "caresim: resuming: %d of %d rows already in %s\n", n, len(sw.points)*sw.opts.Reps, sw.csv)
	}
	written, err := sw.run(ctx, done, stderr, *sc.quiet)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("sweep: interrupted; %s, %d rows in all: run it again with --resume to continue", plural(written, "new row"), countRows(done)+written)
		}
		return err
	}
	// The report; drawSweepDir re-writes it with the charts it draws.
	if err := writeSweepReport(*sc.out, nil, formats.Drawn()); err != nil {
		return err
	}
	if !*sc.quiet {
		fmt.Fprintf(stderr, "caresim: wrote %s to %s\n", plural(written, "row"), sw.csv)
	}
	if sh.n == 1 { // a shard's charts are drawn by merge, from the whole sweep
		if err := drawSweepDir(ctx, *sc.out, metrics, formats, stderr, *sc.quiet); err != nil {
			return err
		}
	}
	return sw.tally.write(stdout, sw.man, sh)
}

// plan loads the scenario, draws or lists the points, and loads every
// point of the shard, reporting all their problems at once: nothing runs
// unless every point is good.
func (sw *sweep) plan(f *simFlags) error {
	s := sw.spec
	var base *scenarios.Loaded
	var all []point
	load := func(sets []string) (err error) {
		if base, err = scenarios.Load(sw.ref, scenarios.Options{Sets: sets}); err != nil {
			return err
		}
		sw.opts, err = f.options(base)
		return err
	}
	if s.lhs > 0 {
		// The hypercube is drawn from the seed, and rounds the
		// parameters that are whole numbers.
		if err := load(s.sets); err != nil {
			return err
		}
		integer := make([]bool, len(s.axes))
		for j, a := range s.axes {
			if nums, err := base.Params.Numbers(a.path); err == nil && len(nums) > 0 {
				integer[j] = nums[0].Integer()
			}
		}
		all = s.points(sw.opts.Seed, integer)
	} else {
		all = s.points(0, nil)
	}
	if err := sw.loadPoints(all); err != nil {
		return err
	}
	if s.lhs == 0 {
		// What every point shares, for the digest. The grid's --set flags
		// are not overrides as written: the points said what is wrong
		// with them.
		if err := load(s.fixedSets()); err != nil {
			return err
		}
	}
	sw.man = &results.Sweep{
		FormatVersion: results.SweepFormat, Version: results.Version(), Scenario: base.Name, Chain: base.Chain, Digest: base.Digest,
		Description: strings.TrimSpace(base.Description), Place: strings.TrimSpace(base.Place),
		Sets: append([]string{}, s.sets...), Ranges: []string{}, LHS: s.lhs,
		Seed: sw.opts.Seed, Replications: sw.opts.Reps, Points: len(all), Shard: sw.shard.String(),
		Metrics: results.MeasuresOf(sim.MetricMeasures(scenarioOf(base).Priced() != nil)),
	}
	for _, a := range s.axes {
		if a.flag == "--range" {
			sw.man.Ranges = append(sw.man.Ranges, a.text)
		}
		sw.man.Parameters = append(sw.man.Parameters, results.Measure{Name: a.path, Unit: unitText(a.path), Doc: a.flag + " " + a.text})
	}
	sw.tally = newSweepTally(sw.man.Header(), len(s.axes))
	return nil
}

// loadPoints loads each point of the shard, to find its parameter cells
// and every problem with its values before anything runs.
func (sw *sweep) loadPoints(all []point) error {
	var errs scenarios.ErrorList
	var other []string
	for _, p := range all {
		if !sw.shard.has(p.index) {
			continue
		}
		l, err := sw.load(p)
		if err != nil {
			var list scenarios.ErrorList
			if errors.As(err, &list) {
				errs = append(errs, list...)
			} else if !slices.Contains(other, err.Error()) {
				other = append(other, err.Error())
			}
			continue
		}
		p.cells = pointCells(sw.spec, p, l)
		sw.points = append(sw.points, p)
	}
	if len(errs) == 0 && len(other) == 0 {
		return nil
	}
	msgs := other
	errs.Sort()
	for _, e := range errs {
		if m := e.Error(); !slices.Contains(msgs, m) {
			msgs = append(msgs, m)
		}
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// load loads the scenario with point p's overrides.
func (sw *sweep) load(p point) (*scenarios.Loaded, error) {
	l, err := scenarios.Load(sw.ref, scenarios.Options{Sets: sw.spec.pointSets(p)})
	if err != nil {
		sw.spec.reposition(err, p)
	}
	return l, err
}

// pointCells returns the parameter cells of point p, loaded as l: the
// number the model holds, in its units, or the value as given where the
// path is not a number of the care model.
func pointCells(s *sweepSpec, p point, l *scenarios.Loaded) []string {
	cells := make([]string, len(s.axes))
	for j, a := range s.axes {
		cells[j] = p.vals[j]
		if nums, err := l.Params.Numbers(a.path); err == nil && len(nums) > 0 {
			cells[j] = results.Cell(nums[0].Get())
		}
	}
	return cells
}

// open makes the folder and sweep.csv ready for rows: a new sweep writes
// sweep.json and the header; --resume checks that the folder holds this
// sweep, drops a row cut short, and returns the replications of each
// point that the file already holds.
func (sw *sweep) open(dir string, resume bool, stderr io.Writer) (map[int][]bool, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	done := map[int][]bool{}
	info, err := os.Stat(sw.csv)
	held := err == nil && info.Size() > 0
	if held && !resume {
		return nil, fmt.Errorf("%s already holds a sweep: continue it with --resume, or remove it", sw.csv)
	}
	if held {
		old, err := results.ReadSweep(dir)
		if err != nil {
			return nil, fmt.Errorf("--resume: %w", err)
		}
		if old.Shard != sw.man.Shard {
			return nil, fmt.Errorf("--resume: %s holds shard %s, not %s", dir, old.Shard, sw.man.Shard)
		}
		if f := old.Differs(sw.man); f != "" {
			return nil, fmt.Errorf("--resume: %s holds another sweep: its %s differs from this one's", dir, f)
		}
		if old.Version != sw.man.Version {
			fmt.Fprintf(stderr, "caresim: warning: %s was begun by caresim %s; this is %s\n", dir, old.Version, sw.man.Version)
		}
		if held, err = sw.readRows(done, stderr); err != nil {
			return nil, err
		}
	}
	if !held {
		if err := results.WriteFileAtomic(filepath.Join(dir, "sweep.json"), func(w io.Writer) error { return results.WriteJSON(w, sw.man) }); err != nil {
			return nil, err
		}
		var b bytes.Buffer
		cw := csv.NewWriter(&b)
		cw.Write(sw.man.Header())
		cw.Flush()
		if err := results.WriteSynced(sw.csv, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, b.Bytes()); err != nil {
			return nil, err
		}
	}
	return done, nil
}

// readRows reads the rows sweep.csv holds into done and the tally,
// checking that each is a row of this sweep's shard, with this sweep's
// parameter values, and no row twice. It reports whether the file holds
// a header.
func (sw *sweep) readRows(done map[int][]bool, stderr io.Writer) (bool, error) {
	cut, err := results.DropTornRow(sw.csv)
	if err != nil {
		return false, err
	}
	if cut > 0 {
		fmt.Fprintf(stderr, "caresim: warning: %s: dropped a last row cut short (%d bytes)\n", sw.csv, cut)
	}
	f, err := os.Open(sw.csv)
	if err != nil {
		return false, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("%s: %w", sw.csv, err)
	}
	if !slices.Equal(header, sw.man.Header()) {
		return false, fmt.Errorf("%s:1: the columns are not this sweep's", sw.csv)
	}
	byIndex := map[int]point{}
	for _, p := range sw.points {
		byIndex[p.index] = p
	}
	np := len(sw.spec.axes)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return true, nil
		} else if err != nil {
			return false, fmt.Errorf("%s: %w", sw.csv, err)
		}
		line, _ := r.FieldPos(0)
		pi, rep, err := results.RowKey(rec)
		p, ok := byIndex[pi]
		if err != nil || !ok || rep >= sw.opts.Reps {
			return false, fmt.Errorf("%s:%d: point %s replication %s is not in this sweep's shard %s", sw.csv, line, rec[0], rec[1], sw.shard)
		}
		if got := rec[2 : 2+np]; !slices.Equal(got, p.cells) {
			return false, fmt.Errorf("%s:%d: point %d has %s = %s here, but %s in this sweep", sw.csv, line, pi, strings.Join(header[2:2+np], ", "), strings.Join(got, ", "), strings.Join(p.cells, ", "))
		}
		if done[pi] == nil {
			done[pi] = make([]bool, sw.opts.Reps)
		}
		if done[pi][rep] {
			return false, fmt.Errorf("%s:%d: point %d replication %d is there twice", sw.csv, line, pi, rep)
		}
		done[pi][rep] = true
		sw.tally.add(rec)
	}
}

// countRows counts the rows marked in done.
func countRows(done map[int][]bool) int {
	n := 0
	for _, reps := range done {
		for _, d := range reps {
			if d {
				n++
			}
		}
	}
	return n
}

// run runs the shard's points that lack rows, several at once when there
// are more workers than replications, and appends each point's missing
// rows to sweep.csv in point order as soon as it and the points before
// it are done, flushed to disk. It returns the number of rows written.
func (sw *sweep) run(ctx context.Context, done map[int][]bool, stderr io.Writer, quiet bool) (written int, err error) {
	reps := sw.opts.Reps
	var todo []point
	for _, p := range sw.points {
		if n := len(slices.DeleteFunc(slices.Clone(done[p.index]), func(d bool) bool { return !d })); n < reps {
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
	// Points at once, and replications at once within each.
	par := max(1, min(len(todo), sw.opts.Workers/reps))
	each := max(1, sw.opts.Workers/par)
	bar := newProgress(stderr, len(todo)*reps, sw.man.Scenario, quiet || len(todo) == 0)
	defer bar.finish()
	var warn warnings
	defer warn.print(stderr)
	np := len(sw.spec.axes)
	var buf bytes.Buffer
	err = sim.Ordered(ctx, len(todo), par, 2*par, func(ctx context.Context, k int) (*sim.Results, error) {
		p := todo[k]
		l, err := sw.load(p)
		if err != nil {
			return nil, fmt.Errorf("point %d: %w", p.index, err)
		}
		o := sw.opts
		o.Workers, o.Done = each, bar.done
		res, err := sim.RunScenario(ctx, scenarioOf(l), o) // priced by the point's own money section
		if err != nil && !errors.Is(err, context.Canceled) {
			err = fmt.Errorf("point %d: %w", p.index, err)
		}
		return res, err
	}, func(k int, res *sim.Results) error {
		p := todo[k]
		buf.Reset()
		cw := csv.NewWriter(&buf)
		metrics := res.AllMetrics()
		if !slices.EqualFunc(metrics, sw.man.Metrics, func(a sim.Metric, b results.Measure) bool { return a.Name == b.Name }) {
			return fmt.Errorf("point %d: its metrics are not sweep.csv's columns: a sweep's points are all priced or none (money.organisations)", p.index)
		}
		rec := make([]string, 2+np+len(metrics))
		n := 0
		for rep := range reps {
			if d := done[p.index]; d != nil && d[rep] {
				continue
			}
			rec[0], rec[1] = strconv.Itoa(p.index), strconv.Itoa(rep)
			copy(rec[2:], p.cells)
			for m, x := range metrics {
				rec[2+np+m] = results.Cell(x.Values[rep])
			}
			cw.Write(rec)
			sw.tally.add(rec)
			n++
		}
		cw.Flush()
		// One write per point, then to disk: a stop leaves whole points,
		// or at worst one row cut short, which --resume drops.
		if _, err := f.Write(buf.Bytes()); err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			return err
		}
		written += n
		warn.add(p.index, res.Warnings)
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

// sweepTally is the mean over replications of each point's headline
// metrics, from sweep.csv's rows, for the table sweep and merge print.
type sweepTally struct {
	params []string // the parameter columns' names
	names  []string // the headline metrics in the header
	cols   []int    // and their columns
	money  []bool   // and whether each is an amount of money
	points map[int]*pointTally
}

type pointTally struct {
	cells []string
	sum   []float64
	n     []int
}

func newSweepTally(header []string, nparams int) *sweepTally {
	t := &sweepTally{params: header[2 : 2+nparams], points: map[int]*pointTally{}}
	for _, k := range headline {
		t.column(header, nparams, care.Metrics[k].Name, false)
	}
	for _, name := range sweepMoney {
		t.column(header, nparams, name, true)
	}
	return t
}

// column adds the metric name to the table if the header has it.
func (t *sweepTally) column(header []string, nparams int, name string, money bool) {
	if c := slices.Index(header, name); c >= 2+nparams {
		t.names = append(t.names, name)
		t.cols = append(t.cols, c)
		t.money = append(t.money, money)
	}
}

// add counts one row of sweep.csv.
func (t *sweepTally) add(rec []string) {
	pi, _, err := results.RowKey(rec)
	if err != nil {
		return
	}
	p := t.points[pi]
	if p == nil {
		p = &pointTally{cells: slices.Clone(rec[2 : 2+len(t.params)]), sum: make([]float64, len(t.cols)), n: make([]int, len(t.cols))}
		t.points[pi] = p
	}
	for i, c := range t.cols {
		if x, err := strconv.ParseFloat(rec[c], 64); err == nil {
			p.sum[i] += x
			p.n[i]++
		}
	}
}

// write prints a line on the sweep, then each point's parameters and the
// mean over its replications of the headline metrics that were measured
// and differ between points, to four significant figures (the money's in
// pounds; see table.Pounds); those the same at every point follow the table.
func (t *sweepTally) write(w io.Writer, m *results.Sweep, sh shard) error {
	idx := make([]int, 0, len(t.points))
	for i := range t.points {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	fmt.Fprintf(w, "%s: %s, %s each from seed %d (common random numbers)", m.Scenario, plural(m.Points, "point"), plural(m.Replications, "replication"), m.Seed)
	if sh.n > 1 {
		fmt.Fprintf(w, "; shard %s has %d of them", sh, len(idx))
	}
	fmt.Fprintf(w, "\n\n")
	means := make([][]string, len(idx))
	for r, i := range idx {
		p := t.points[i]
		for c := range t.cols {
			format := round4s
			if t.money[c] {
				format = table.Pounds
			}
			means[r] = append(means[r], format(p.sum[c]/float64(p.n[c]))...)
		}
	}
	tb := &table.Table{Header: append([]string{"point"}, t.params...)}
	var same []string
	var show []int
	for c, name := range t.names {
		measured, varies := false, false
		for r := range idx {
			measured = measured || means[r][c] != ""
			varies = varies || means[r][c] != means[0][c]
		}
		switch {
		case varies || (measured && len(idx) == 1):
			show = append(show, c)
			tb.Header = append(tb.Header, name)
		case measured:
			same = append(same, name+" "+means[0][c])
		}
	}
	for r, i := range idx {
		row := append([]string{strconv.Itoa(i)}, t.points[i].cells...)
		for _, c := range show {
			row = append(row, means[r][c])
		}
		tb.Rows = append(tb.Rows, row)
	}
	if err := tb.WriteText(w); err != nil {
		return err
	}
	if len(same) > 0 {
		fmt.Fprintf(w, "\nthe same at every point: %s\n", strings.Join(same, ", "))
	}
	return nil
}
