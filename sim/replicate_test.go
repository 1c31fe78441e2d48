package sim

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"
)

func TestReplicateOrderAndWorkers(t *testing.T) {
	t.Parallel()
	run := func(rep int) (float64, error) {
		// Uneven work so that replications finish out of order.
		r := rand.New(rand.NewPCG(9, uint64(rep)))
		s := 0.0
		for i := 0; i < 1000*(rep%7+1); i++ {
			s += r.Float64()
		}
		return s, nil
	}
	want, err := Replicate(context.Background(), 50, 1, run, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 8, 0} {
		got, err := Replicate(context.Background(), 50, w, run, nil)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%d workers: results differ from 1 worker", w)
		}
	}
}

func TestReplicateError(t *testing.T) {
	t.Parallel()
	for _, w := range []int{1, 4} {
		var calls atomic.Int32
		_, err := Replicate(context.Background(), 100, w, func(rep int) (int, error) {
			calls.Add(1)
			if rep == 3 || rep == 5 {
				return 0, fmt.Errorf("rep %d failed", rep)
			}
			return rep, nil
		}, nil)
		if err == nil || err.Error() != "rep 3 failed" {
			t.Errorf("%d workers: error %v, want the lowest failing replication's", w, err)
		}
		if calls.Load() > 10 {
			t.Errorf("%d workers: %d replications ran after a failure", w, calls.Load())
		}
	}
}

func TestReplicateCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	var finished atomic.Int32
	_, err := Replicate(ctx, 100, 2, func(rep int) (int, error) {
		if rep == 4 {
			cancel()
		}
		return rep, nil
	}, func(int) { finished.Add(1) })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n := finished.Load(); n < 5 || n > 10 {
		t.Errorf("%d replications finished, want those started before the cancel", n)
	}
}
