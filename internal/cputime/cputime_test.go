package cputime

import (
	"testing"
	"time"
)

// TestMeter spins for 50 ms of wall time and expects at least a
// twentieth of it as CPU time (the machine may be shared with ten times
// its cores' work), and no more than the wall time and a few scheduler
// ticks.
func TestMeter(t *testing.T) {
	m := Start()
	start := time.Now()
	x := 0
	for time.Since(start) < 50*time.Millisecond {
		x++
	}
	wall := time.Since(start)
	cpu, ok := m.Elapsed()
	if !ok {
		t.Skip("no CPU time on this system")
	}
	if cpu < wall/20 || cpu > wall+20*time.Millisecond {
		t.Errorf("%v of CPU time in %v of wall time (%d spins)", cpu, wall, x)
	}
}
