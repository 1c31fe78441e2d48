package sim

import (
	"context"
)

// Replicate runs replications 0 to n−1 of run on the given number of
// workers (GOMAXPROCS when workers <= 0) and returns their results indexed
// by replication. run is called once per replication, from several
// goroutines at once, and must not share mutable state between calls.
//
// If any replication fails, Replicate returns the error of the
// lowest-numbered replication that failed, so the error too is the same
// whatever the worker count; replications not yet started are skipped. If
// ctx is cancelled, no new replication starts and ctx's error is returned
// unless a replication failed first. done, if not nil, is called after
// each replication finishes (for a progress bar), from the finishing
// goroutine.
func Replicate[T any](ctx context.Context, n, workers int, run func(rep int) (T, error), done func(rep int)) ([]T, error) {
	return replicate(ctx, n, workers, func(_ context.Context, rep int) (T, error) { return run(rep) }, done)
}

// replicate is Replicate with run given a context that is cancelled when
// ctx is, or once a replication has failed, so that a replication under
// way can stop early.
func replicate[T any](ctx context.Context, n, workers int, run func(ctx context.Context, rep int) (T, error), done func(rep int)) ([]T, error) {
	res := make([]T, n)
	err := Ordered(ctx, n, workers, 0, func(ctx context.Context, rep int) (T, error) {
		v, err := run(ctx, rep)
		if done != nil {
			done(rep)
		}
		return v, err
	}, func(rep int, v T) error {
		res[rep] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}
