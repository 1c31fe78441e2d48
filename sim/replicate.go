// Package sim runs replications of a model in parallel and gathers their
// results in replication order, so that what comes out never depends on
// the number of workers or on scheduling.
//
// It runs replications, never the events within one: each replication is
// one goroutine's work from start to end. It knows nothing about files,
// flags or charts.
package sim

import (
	"context"
	"runtime"
	"sync"
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
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	res := make([]T, n)
	errs := make([]error, n)
	var (
		mu     sync.Mutex
		next   int
		failed bool
		wg     sync.WaitGroup
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if failed || next >= n || ctx.Err() != nil {
			return 0, false
		}
		next++
		return next - 1, true
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				rep, ok := take()
				if !ok {
					return
				}
				r, err := run(rep)
				res[rep], errs[rep] = r, err
				if err != nil {
					mu.Lock()
					failed = true
					mu.Unlock()
				}
				if done != nil {
					done(rep)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil && next < n {
		return nil, err
	}
	return res, nil
}
