// Package cputime reads the CPU time the process has used, for the
// benchmarks of every package of the module: on a machine shared with
// other work, a benchmark's wall time per operation grows with the load
// (ten times at a load of 16 on two cores), while the CPU time it used
// does not, so benchmarks report both (STYLE rule 25: a rate per unit of
// the domain, here CPU nanoseconds per event).
package cputime

import "time"

// Process returns the user and system CPU time the process has used, and
// false where the system does not say (then 0).
func Process() (time.Duration, bool) { return process() }

// Meter measures the CPU time of a benchmark's loop: start it just before
// the loop and read it just after. With -cpu 1 the process runs one
// goroutine at a time, so the CPU time is the loop's and the garbage
// collector's.
type Meter struct {
	start time.Duration
	ok    bool
}

// Start starts a meter.
func Start() Meter {
	t, ok := Process()
	return Meter{start: t, ok: ok}
}

// Elapsed returns the CPU time since Start, and whether it is known.
func (m Meter) Elapsed() (time.Duration, bool) {
	t, ok := Process()
	return t - m.start, ok && m.ok
}
