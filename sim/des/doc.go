// Package des is caresim's discrete-event kernel: simulated time, the event
// calendar, named random streams, distributions, arrival processes and
// capacity-limited resources with queues and blocking after service.
//
// # What it is
//
// A replication owns one future event list and pops events from it in a
// plain loop; the caller switches on [Event.Kind] and acts on the entity
// named by [Event.ID]. There are two lists with the same methods and the
// same order, (time, sequence): [Calendar], a 4-ary heap, the simpler,
// which the queueing networks of validation use, and [Ladder], a ladder
// queue whose cost per event does not grow with the number pending, which
// the model of a whole system uses (thousands pending, at time scales
// from minutes to years); it is the faster of the two on the hold model
// at every size measured. There are no callbacks, interfaces or
// closures on the hot path: events are 32-byte values, entities live in
// slices with free lists ([Slab]), and pools of capacity ([Network]) hand
// out units and report who was granted one in a caller-supplied slice. In
// steady state nothing allocates.
//
// Every stochastic element draws from its own stream ([NewStream]), derived
// from the scenario seed, the replication number and the stream's name, so
// that two scenarios run with common random numbers and any stream can be
// re-created on its own.
//
// # What it is not
//
// The kernel knows nothing about health care, files, flags or charts, and it
// does not collect statistics (see package caresim/sim/stats). It runs one
// replication on one goroutine; replications run in parallel above it.
// Nothing here is safe for concurrent use.
package des
