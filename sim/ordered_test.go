package sim

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestOrdered checks that results are emitted in order whatever order
// they finish in, that the first error in order is the one returned, and
// that a cancelled context stops the runs and returns its error.
func TestOrdered(t *testing.T) {
	t.Parallel()
	// Later runs finish first.
	var got []int
	err := Ordered(context.Background(), 20, 4, 8, func(ctx context.Context, k int) (int, error) {
		time.Sleep(time.Duration(20-k) * 100 * time.Microsecond)
		return k * k, nil
	}, func(k, v int) error {
		got = append(got, v)
		return nil
	})
	if err != nil || len(got) != 20 || !slices.IsSorted(got) {
		t.Errorf("emitted %v, error %v; want 20 squares in order", got, err)
	}

	// Runs 5 and 9 fail, 9 first (5 waits until 9 has failed): 5's
	// error, after 0 to 4.
	got = nil
	nine := make(chan struct{})
	err = Ordered(context.Background(), 20, 4, 8, func(ctx context.Context, k int) (int, error) {
		if k == 5 {
			<-nine
			return 0, fmt.Errorf("run %d failed", k)
		}
		if k == 9 {
			defer close(nine)
			return 0, fmt.Errorf("run %d failed", k)
		}
		return k, nil
	}, func(k, v int) error {
		got = append(got, v)
		return nil
	})
	if err == nil || err.Error() != "run 5 failed" || !slices.Equal(got, []int{0, 1, 2, 3, 4}) {
		t.Errorf("emitted %v, error %v; want 0 to 4 and run 5's error", got, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	got = nil
	err = Ordered(ctx, 1000, 2, 4, func(ctx context.Context, k int) (int, error) {
		if k == 3 {
			cancel()
		}
		return k, ctx.Err()
	}, func(k, v int) error {
		got = append(got, v)
		return nil
	})
	if !errors.Is(err, context.Canceled) || len(got) > 3 {
		t.Errorf("emitted %v, error %v; want at most 0 to 2 and context.Canceled", got, err)
	}
}

// TestOrderedWindow checks that no more than window results are started
// but not emitted while the first run is slow, and that without a window
// the other workers run ahead.
func TestOrderedWindow(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ window, wantMax int }{{3, 3}, {0, 20}} {
		var mu sync.Mutex
		started, emitted, most := 0, 0, 0
		err := Ordered(context.Background(), 20, 4, c.window, func(ctx context.Context, k int) (int, error) {
			mu.Lock()
			started++
			most = max(most, started-emitted)
			mu.Unlock()
			if k == 0 {
				time.Sleep(20 * time.Millisecond)
			}
			return k, nil
		}, func(k, v int) error {
			mu.Lock()
			emitted++
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if c.window > 0 && most > c.wantMax {
			t.Errorf("window %d: %d results outstanding at once", c.window, most)
		}
		if c.window == 0 && most < 10 {
			t.Errorf("no window: at most %d results outstanding while run 0 was slow; the workers did not run ahead", most)
		}
	}
}

// TestOrderedFailureWhileCancelled checks that a run that fails for a
// reason of its own while the context is being cancelled reports that
// reason: the replications before it finished, so its error comes first.
func TestOrderedFailureWhileCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	_, err := Replicate(ctx, 2, 2, func(rep int) (int, error) {
		if rep == 1 {
			close(started)
			return rep, nil
		}
		<-started
		cancel() // Ctrl-C while replication 0 is failing
		return 0, errors.New("replication 0: a distribution went wrong")
	}, nil)
	if err == nil || err.Error() != "replication 0: a distribution went wrong" {
		t.Errorf("error %v, want replication 0's own", err)
	}
}
