package validation

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"caresim/sim/des"
)

// TestQNetDeadlockReported builds two one-bed wards whose patients always
// move to the other one, blocking after service: the first time both beds
// hold a patient waiting for the other, no one can move. The run must stop
// with an error naming both wards and the day, not hang or run on.
func TestQNetDeadlockReported(t *testing.T) {
	t.Parallel()
	q := QNet{Lambda: 1, Horizon: 1e6, Stations: []Station{
		{Name: "ward A", Servers: 1, Service: des.Exponential(1), Next: 1, P: 1},
		{Name: "ward B", Servers: 1, Service: des.Exponential(1), Next: 0, P: 1},
	}}
	_, events, err := q.Run(1, 0)
	var de *des.DeadlockError
	if !errors.As(err, &de) {
		t.Fatalf("no deadlock reported after %d events: %v", events, err)
	}
	if len(de.Pools) != 2 || !strings.Contains(err.Error(), "ward A, ward B") || !strings.HasPrefix(err.Error(), "day ") {
		t.Errorf("error %q does not name both wards and the day", err)
	}
	if events > 1000 {
		t.Errorf("deadlock found only after %d events", events)
	}
}

// TestQNetValidate checks that every bad parameter is reported at once.
func TestQNetValidate(t *testing.T) {
	t.Parallel()
	q := QNet{Lambda: -1, Warmup: 5, Horizon: 5, Stations: []Station{
		{Name: "a", Servers: 0, Service: des.Dist{Kind: des.DistExponential}, Next: 0, P: 2},
		{Name: "b", Servers: 1, Service: des.Exponential(1), Next: 7, Loss: true},
	}}
	err := q.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"lambda:", "stations[0].servers", "stations[0].service: mean", "stations[0].next", "stations[0].p",
		"stations[1].next", "stations[1].loss", "horizon:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// TestQNetReproducible checks that a replication is a function of its
// seed and number alone.
func TestQNetReproducible(t *testing.T) {
	t.Parallel()
	q := QNet{Lambda: 4, Horizon: 200, Stations: []Station{
		{Name: "acute", Servers: 20, Service: des.Exponential(4), Next: 1, P: 0.3},
		{Name: "intermediate care", Servers: 8, Service: des.LogNormal(5, 3), Next: -1},
	}}
	a, _, _ := q.Run(7, 3)
	b, _, _ := q.Run(7, 3)
	c, _, _ := q.Run(7, 4)
	// Compare printed forms: a station nobody leaves has a NaN mean time
	// blocked, and NaN != NaN.
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("the same seed and replication gave different results")
	}
	if a[0] == c[0] {
		t.Error("different replications gave identical results")
	}
}
