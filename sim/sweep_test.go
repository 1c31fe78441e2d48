package sim_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"caresim/scenarios"
	"caresim/sim"
)

// TestSweep sweeps an M/M/c queue's cubicles over four points with three
// replications on one to five workers (the replications of several
// points at once, a point's spread over workers): the points come back in
// order, each equal to its own run with the same seed (common random
// numbers, whatever runs beside it and whatever the worker count), and a
// point that cannot be loaded stops the sweep with its number.
func TestSweep(t *testing.T) {
	t.Parallel()
	load := func(point int) (sim.Scenario, error) {
		l, err := scenarios.Load("textbook-mmc", scenarios.Options{Sets: []string{"horizon=20d", fmt.Sprintf("services.ed.cubicles=%d", 8+point)}})
		if err != nil {
			return sim.Scenario{}, err
		}
		return sim.Scenario{Params: &l.Params, Money: &l.Money}, nil
	}
	points := []int{3, 4, 5, 6}
	alone := map[int][]sim.Metric{}
	for _, point := range points {
		s, err := load(point)
		if err != nil {
			t.Fatal(err)
		}
		r, err := sim.RunScenario(context.Background(), s, sim.Options{Reps: 3, Seed: 7, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		alone[point] = r.AllMetrics()
	}
	for _, workers := range []int{1, 2, 3, 5} {
		o := sim.Options{Reps: 3, Seed: 7, Workers: workers}
		var got []int
		err := sim.Sweep(context.Background(), points, o, load, func(point int, r *sim.Results) error {
			got = append(got, point)
			a, b := r.AllMetrics(), alone[point]
			for k := range a {
				if fmt.Sprint(a[k].Values) != fmt.Sprint(b[k].Values) {
					t.Errorf("%d workers, point %d: %s %v in the sweep, %v alone", workers, point, a[k].Name, a[k].Values, b[k].Values)
				}
			}
			return nil
		})
		if err != nil || !slices.Equal(got, points) {
			t.Fatalf("%d workers: emitted %v, error %v; want %v in order", workers, got, err, points)
		}
	}

	o := sim.Options{Reps: 2, Seed: 7, Workers: 4}
	bad := func(point int) (sim.Scenario, error) {
		if point == 5 {
			return sim.Scenario{}, errors.New("no such scenario")
		}
		return load(point)
	}
	var got []int
	err := sim.Sweep(context.Background(), points, o, bad, func(point int, r *sim.Results) error {
		got = append(got, point)
		return nil
	})
	if err == nil || !strings.HasPrefix(err.Error(), "point 5: no such scenario") || !slices.Equal(got, []int{3, 4}) {
		t.Errorf("emitted %v, error %v; want 3, 4 and point 5's error", got, err)
	}
}
