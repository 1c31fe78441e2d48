package sim

import (
	"context"
	"runtime"
	"sync"
)

// Ordered runs run(ctx, k) for k from 0 to n−1 on workers goroutines
// (GOMAXPROCS when workers <= 0, and never more than n), and calls
// emit(k, v) with each result from the calling goroutine in order of k,
// each as soon as it and every one before it are done: the one ordered
// runner under replications ([Replicate]) and a sweep's points, so that
// what comes out never depends on the worker count or on scheduling.
//
// window, when positive, bounds the results started but not yet emitted
// (a sweep's points, whose results are written as they come, need not all
// be held); 0 sets no bound.
//
// It returns the first error in order of k, run's or emit's, so the error
// too is the same whatever the worker count. Once any run fails, no new k
// starts; when the failure is reached in order, the runs still under way
// are cancelled through ctx. If ctx is cancelled, no new k starts, the
// results that finished in order before the first missing one are
// emitted, and ctx's error is returned. run is called from several
// goroutines at once and must not share mutable state between calls.
func Ordered[T any](ctx context.Context, n, workers, window int, run func(ctx context.Context, k int) (T, error), emit func(k int, v T) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		k   int
		v   T
		err error
	}
	results := make(chan result)
	var slots chan struct{} // a token per result started but not emitted
	if window > 0 {
		slots = make(chan struct{}, window)
	}
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
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if slots != nil {
					select {
					case slots <- struct{}{}:
					case <-ctx.Done():
						return
					}
				}
				k, ok := take()
				if !ok {
					if slots != nil {
						<-slots // the slot of a k not taken: let another worker see the end
					}
					return
				}
				v, err := run(ctx, k)
				if err != nil {
					mu.Lock()
					failed = true
					mu.Unlock()
				}
				// Always sent, even once ctx is done: the caller reads
				// every result until the workers end, and a run that
				// failed for a reason of its own while ctx was cancelled
				// must report that reason, not the cancellation.
				results <- result{k, v, err}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int]result{}
	emitted := 0
	var err error
	for r := range results {
		pending[r.k] = r
		for err == nil {
			x, ok := pending[emitted]
			if !ok {
				break
			}
			delete(pending, emitted)
			if err = x.err; err == nil {
				err = emit(x.k, x.v)
			}
			if err == nil {
				emitted++
				if slots != nil {
					<-slots
				}
			}
		}
		if err != nil {
			cancel()
			break
		}
	}
	cancel()
	for range results { // let the goroutines finish
	}
	if err == nil && emitted < n {
		// A run failed out of order and nothing before it did, which
		// cannot be: every k before a failure was taken and finished.
		// Otherwise the context was cancelled.
		err = parent.Err()
	}
	return err
}
