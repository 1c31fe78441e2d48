package sim

import (
	"context"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"

	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/finance"
	"caresim/sim/stats"
)

// Options says how to run a scenario's replications.
type Options struct {
	// Reps is the number of replications, 1 or more.
	Reps int
	// Workers is the number of replications run at once; 0 means
	// GOMAXPROCS. Results do not depend on it.
	Workers int
	// Seed is the scenario seed: replication r of every scenario run with
	// the same seed sees the same patients (common random numbers).
	Seed uint64
	// ExcessAfter is the trim point beyond which a spell's days are excess
	// bed days (finance's unit costs); zero counts none.
	ExcessAfter des.Time
	// Done, if not nil, is called after each replication finishes (for a
	// progress bar), from the goroutine that ran it.
	Done func(rep int)
	// Trace, if not nil, receives replication 0's patient events in time
	// order, for an event log. The other replications run untraced.
	Trace func(care.TraceEvent)
	// KeepDaily keeps each replication's daily series in Results.Reps,
	// for per-replication output. Otherwise they are kept for
	// Results.Daily as each replication ends and dropped, at 4 bytes per
	// day, measure and replication instead of 8, in memory up to 64 MiB
	// (about 110 ten-year replications) and beyond it in a temporary
	// file, so that a run's memory does not grow with its replications.
	KeepDaily bool
	// Money, if not nil, prices each replication's activity and fills
	// Results.Money (see money.go). Set ExcessAfter to its
	// UnitCosts.ExcessAfter so that excess bed days are counted.
	Money *finance.Params
}

// Results are a scenario's replications and their summaries. Everything in
// it is in replication order and independent of Options.Workers.
type Results struct {
	// WarmUp is the warm-up used, in days; WarmUpAuto says it was chosen
	// by MSER-5 (Params.WarmUp.Auto).
	WarmUp     des.Time
	WarmUpAuto bool
	// Reps holds each replication's result; their Daily series are nil
	// unless Options.KeepDaily was set, and their LOS nil (pooled in
	// LOS).
	Reps []*care.Result
	// Metrics summarises each metric across replications (mean and
	// Student-t 95% confidence interval), indexed as care.Metrics.
	Metrics []stats.Summary
	// Daily summarises each daily measure across replications, indexed as
	// care.DailyMeasures.
	Daily []Band
	// Years names the financial years of Annual.
	Years []string
	// Annual summarises each annual measure across replications:
	// Annual[y][k] for year Years[y] and measure care.AnnualMeasures[k].
	Annual [][]stats.Summary
	// LOS pools the replications' lengths of stay of each service of
	// care.LOSPools, in its order (see care.Result.LOS), in replication
	// order: their histograms count the stays of all replications
	// together.
	LOS []stats.Tally
	// Money holds the accounts when Options.Money was set, else nil.
	Money *MoneyResults
	// Warnings are things the reader should know that do not stop the run.
	Warnings []error
}

// Band is a daily series across replications: the mean and the 10th and
// 90th percentiles of each day's values.
type Band struct {
	Mean, P10, P90 []float64
}

// Run simulates p's replications in parallel and summarises them. p must
// have passed Params.Validate; it is not modified. Cancelling ctx stops
// the replications under way at their next simulated day, and Run returns
// an error that wraps ctx's.
func Run(ctx context.Context, p *care.Params, o Options) (*Results, error) {
	r, err := start(ctx, p, o)
	if err != nil {
		return nil, err
	}
	defer r.close()
	err = Ordered(ctx, o.Reps, o.Workers, 0, func(ctx context.Context, rep int) (*care.Result, error) {
		res, err := r.rep(ctx, rep)
		if o.Done != nil {
			o.Done(rep)
		}
		return res, err
	}, r.add)
	if err != nil {
		return nil, err
	}
	return r.finish()
}

// runner is a run under way (see [Run]): its scenario and options, its
// warm-up, chosen once before any replication starts, and what its
// replications have left. Its rep runs each replication, from several
// goroutines at once, each writing only its own daily values; add takes
// each result in replication order, from one goroutine; finish runs once,
// after the last add. So a run's replications may share a pool of
// workers with other runs' (a sweep's points, [Sweep]).
type runner struct {
	p     *care.Params
	o     Options
	res   *Results     // Reps, and LOS pooled, up to the last add
	daily *dailyValues // filled as replications end
}

// start checks p's replications and chooses its warm-up, running the
// pilot replications when p asks for MSER-5, on o.Workers.
func start(ctx context.Context, p *care.Params, o Options) (*runner, error) {
	if err := p.CheckReplications(o.Reps); err != nil {
		return nil, fmt.Errorf("sim: replications: %w", err)
	}
	// The model rounds the warm-up up to whole days; report what it ran.
	r := &runner{p: p, o: o}
	r.res = &Results{WarmUp: des.Time(math.Ceil(float64(p.WarmUp.Length))), LOS: make([]stats.Tally, len(care.LOSPools))}
	if p.WarmUp.Auto {
		w, ok, err := ChooseWarmUp(ctx, p, o)
		if err != nil {
			return nil, err
		}
		r.res.WarmUp, r.res.WarmUpAuto = w, true
		if !ok {
			r.res.Warnings = append(r.res.Warnings, fmt.Errorf("warm-up: MSER-5 found no steady state in the pilot runs; using its best cut in their first half, %g days: raise warm_up.max or check that the scenario settles", float64(w)))
		}
	}
	r.daily = newDailyValues(o.Reps, int(math.Ceil(float64(p.Horizon))), care.NumDaily, dailyInMemory)
	return r, nil
}

// rep runs replication rep and keeps its daily values.
func (r *runner) rep(ctx context.Context, rep int) (*care.Result, error) {
	o := r.o
	cfg := care.Config{Seed: o.Seed, Rep: rep, WarmUp: r.res.WarmUp, ExcessAfter: o.ExcessAfter, Context: ctx}
	if rep == 0 {
		cfg.Trace = o.Trace
	}
	res, err := care.Run(r.p, cfg)
	if err != nil {
		return nil, fmt.Errorf("replication %d: %w", rep, err)
	}
	if err := r.daily.put(rep, res.Daily); err != nil {
		return nil, fmt.Errorf("replication %d: %w", rep, err)
	}
	if !o.KeepDaily {
		for k := range res.Daily {
			res.Daily[k] = nil
		}
	}
	return res, nil
}

// add takes replication rep's result, the next in order: it pools its
// lengths of stay, and drops them, so that what a run holds of each
// replication is small.
func (r *runner) add(rep int, res *care.Result) error {
	if rep != len(r.res.Reps) {
		panic("sim: replications added out of order")
	}
	r.res.Reps = append(r.res.Reps, res)
	for i := range r.res.LOS {
		r.res.LOS[i].Merge(res.LOS[i])
	}
	res.LOS = nil
	return nil
}

// finish summarises the replications added and prices them.
func (r *runner) finish() (*Results, error) {
	defer r.close()
	res, o := r.res, r.o
	if err := res.summarise(r.daily); err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, Overloads(res)...)
	if o.Money != nil {
		if err := res.addMoney(r.p, o); err != nil {
			return nil, err
		}
	}
	if o.Reps < 2 {
		res.Warnings = append(res.Warnings, fmt.Errorf("one replication gives no confidence intervals: run 2 or more (--reps)"))
	}
	return res, nil
}

// close releases what the run holds outside memory.
func (r *runner) close() { r.daily.close() }

// summarise fills Metrics and Annual from Reps, and Daily from daily (see
// Run); LOS is pooled as replications are added (runner.add).
func (r *Results) summarise(daily *dailyValues) error {
	n := len(r.Reps)
	vals := make([]float64, n)
	r.Metrics = make([]stats.Summary, care.NumMetrics)
	for k := range care.NumMetrics {
		for i, rep := range r.Reps {
			vals[i] = rep.Metrics[k]
		}
		r.Metrics[k] = summarizeFinite(vals)
	}
	days := r.Reps[0].Days
	r.Daily = make([]Band, care.NumDaily)
	for k := range r.Daily {
		r.Daily[k] = Band{Mean: make([]float64, days), P10: make([]float64, days), P90: make([]float64, days)}
	}
	step := daily.blockDays()
	for d0 := 0; d0 < days; d0 += step {
		d1 := min(days, d0+step)
		blk, err := daily.block(d0, d1)
		if err != nil {
			return err
		}
		for d := d0; d < d1; d++ {
			for k, b := range r.Daily {
				for i, v := range blk[((d-d0)*care.NumDaily+k)*n:][:n] {
					vals[i] = float64(v)
				}
				b.Mean[d] = stat.Mean(vals, nil)
				slices.Sort(vals)
				b.P10[d] = stat.Quantile(0.1, stat.Empirical, vals, nil)
				b.P90[d] = stat.Quantile(0.9, stat.Empirical, vals, nil)
			}
		}
	}
	r.Years = r.Reps[0].Years
	r.Annual = make([][]stats.Summary, len(r.Years))
	for y := range r.Years {
		r.Annual[y] = make([]stats.Summary, care.NumAnnual)
		for k := range care.NumAnnual {
			for i, rep := range r.Reps {
				vals[i] = rep.Annual[y][k]
			}
			r.Annual[y][k] = summarizeFinite(vals)
		}
	}
	return nil
}

// summarizeFinite summarises the finite values only: a metric that a
// replication could not measure (no patient on a pathway) is NaN there
// and left out.
func summarizeFinite(vals []float64) stats.Summary {
	fin := make([]float64, 0, len(vals))
	for _, v := range vals {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			fin = append(fin, v)
		}
	}
	return stats.Summarize(fin, stats.DefaultConfidence)
}

// pilotReps is the number of pilot replications for choosing a warm-up:
// Hoad, Robinson and Davies (2010) apply MSER-5 to the mean of five.
const pilotReps = 5

// ChooseWarmUp chooses a warm-up for p by MSER-5 on the daily mean acute
// occupancy, averaged over five pilot replications (replications
// 1000–1004 of o.Seed, so as not to reuse the run's own streams) that
// simulate twice p.WarmUp.Max (one year when zero) from the start. It
// returns the truncation point in days, at most the maximum, and whether
// MSER found it in the first half of the series (see stats.MSER).
func ChooseWarmUp(ctx context.Context, p *care.Params, o Options) (des.Time, bool, error) {
	maxW := p.WarmUp.Max
	if maxW <= 0 {
		maxW = des.Year
	}
	maxW = des.Time(math.Ceil(float64(maxW)))
	pilot := p.Clone()
	pilot.Horizon = min(p.Horizon, maxW)
	reps, err := replicate(ctx, pilotReps, o.Workers, func(ctx context.Context, rep int) ([]float64, error) {
		r, err := care.Run(pilot, care.Config{Seed: o.Seed, Rep: 1000 + rep, WarmUp: maxW, Pilot: true, Context: ctx})
		if err != nil {
			return nil, fmt.Errorf("warm-up pilot %d: %w", rep, err)
		}
		return r.Pilot, nil
	}, nil)
	if err != nil {
		return 0, false, err
	}
	mean := make([]float64, len(reps[0]))
	for _, s := range reps {
		for d, v := range s {
			mean[d] += v / pilotReps
		}
	}
	cut, ok := stats.MSER(mean, 5)
	return des.Time(math.Ceil(float64(min(des.Time(cut), maxW)))), ok, nil
}
