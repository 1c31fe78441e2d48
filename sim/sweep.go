package sim

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"caresim/sim/care"
)

// Sweep runs points of a sweep (their numbers in the sweep, in order),
// each a scenario that load returns,
// with o's replications from o's seed, so that every point sees the same
// patients (common random numbers), and calls emit with each point's
// results in point order, each as soon as it and every point before it
// are done: a sweep's rows can be written as it goes, and a stop keeps
// whole points. The replications of all the points share one pool of
// o.Workers workers, taken in order, point by point and within a point
// replication by replication: no worker waits for the last replications
// of a point while those of the next could run, and each point's results
// are those of its own run ([RunScenario]) whatever the worker count. A
// point is loaded, and its warm-up chosen (on o.Workers), by the first
// worker to reach it; at most twice as many replications as there are
// workers are held finished but not emitted. o.Done, if set, is called
// after each replication. load and emit may be called from several
// goroutines and the calling one respectively; load must not share
// mutable state between calls.
//
// A point's error (load's or its run's) is returned as "point N: ...",
// the first in point order (see [Ordered]); cancelling ctx stops the
// points under way and returns ctx's error after emitting the points that
// finished before the first one that did not. It is the library behind
// caresim sweep, which gives it the points of one shard ([Shard]) that
// its results folder does not hold yet.
func Sweep(ctx context.Context, points []int, o Options, load func(point int) (Scenario, error), emit func(point int, r *Results) error) error {
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Replication k of the sweep is replication k mod reps of point
	// k / reps. A run of less than one replication is refused by its
	// point's start, with its number.
	reps := max(1, o.Reps)
	var (
		mu   sync.Mutex
		live = map[int]*sweepPoint{} // the points started and not yet emitted, by index
	)
	point := func(i int) *sweepPoint {
		mu.Lock()
		defer mu.Unlock()
		sp := live[i]
		if sp == nil {
			sp = &sweepPoint{}
			live[i] = sp
		}
		return sp
	}
	wrap := func(i int, err error) error {
		if err != nil && !errors.Is(err, context.Canceled) {
			err = fmt.Errorf("point %d: %w", points[i], err)
		}
		return err
	}
	po := o
	po.Done = nil // called here, with the point's replication
	err := Ordered(ctx, len(points)*reps, workers, 2*workers, func(ctx context.Context, k int) (*care.Result, error) {
		i, rep := k/reps, k%reps
		sp := point(i)
		sp.once.Do(func() {
			if sp.s, sp.err = load(points[i]); sp.err != nil {
				sp.err = fmt.Errorf("point %d: %w", points[i], sp.err)
				return
			}
			sp.run, sp.err = sp.s.start(ctx, po)
			sp.err = wrap(i, sp.err)
		})
		if sp.err != nil {
			return nil, sp.err
		}
		res, err := sp.run.rep(ctx, rep)
		if o.Done != nil {
			o.Done(rep)
		}
		return res, wrap(i, err)
	}, func(k int, res *care.Result) error {
		i, rep := k/reps, k%reps
		sp := point(i)
		if sp.run.add(rep, res); rep < reps-1 {
			return nil
		}
		mu.Lock()
		delete(live, i)
		mu.Unlock()
		r, err := sp.s.finish(sp.run)
		if err != nil {
			return fmt.Errorf("point %d: %w", points[i], err)
		}
		return emit(points[i], r)
	})
	// The points started but not emitted, after an error or a stop.
	for _, sp := range live {
		if sp.run != nil {
			sp.run.close()
		}
	}
	return err
}

// sweepPoint is a point of a sweep under way: its scenario and run,
// started once by the first of its replications to run.
type sweepPoint struct {
	once sync.Once
	s    Scenario
	run  *runner
	err  error
}
