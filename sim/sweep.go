package sim

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

// Sweep runs points of a sweep (their numbers in the sweep, in order),
// each a scenario that load returns,
// with o's replications from o's seed, so that every point sees the same
// patients (common random numbers), and calls emit with each point's
// results in point order, each as soon as it and every point before it
// are done: a sweep's rows can be written as it goes, and a stop keeps
// whole points. When o.Workers exceeds the replications, several points
// run at once, each on its share of the workers; at most twice as many
// points as run at once are held finished but not emitted. o.Done, if
// set, is called after each replication. load and emit may be called
// from several goroutines and the calling one respectively; load must not
// share mutable state between calls.
//
// A point's error (load's or its run's) is returned as "point N: ...",
// the first in point order (see [Ordered]); cancelling ctx stops the
// points under way and returns ctx's error after emitting the points that
// finished before the first one that did not. It is the library behind
// caresim sweep, which gives it the points of one shard ([Shard]) that
// its results folder does not hold yet.
func Sweep(ctx context.Context, points []int, o Options, load func(point int) (Scenario, error), emit func(point int, r *Results) error) error {
	n := len(points)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Points at once, and replications at once within each.
	par := max(1, min(n, workers/max(1, o.Reps)))
	each := max(1, workers/par)
	return Ordered(ctx, n, par, 2*par, func(ctx context.Context, k int) (*Results, error) {
		s, err := load(points[k])
		if err != nil {
			return nil, fmt.Errorf("point %d: %w", points[k], err)
		}
		po := o
		po.Workers = each
		res, err := RunScenario(ctx, s, po)
		if err != nil && !errors.Is(err, context.Canceled) {
			err = fmt.Errorf("point %d: %w", points[k], err)
		}
		return res, err
	}, func(k int, r *Results) error { return emit(points[k], r) })
}
