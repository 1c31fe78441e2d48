// Package sim is caresim's experiments as a library: it runs a scenario's
// replications ([Run], [RunScenario]), prices them ([Options].Money,
// [MoneyResults]), compares scenarios run with common random numbers
// ([Compare], paired differences by [stats.Paired]'s one rule), and runs
// the points of a parameter sweep ([Sweep], shared out between machines
// by [Shard]). The caresim command is a thin layer over it; a Go program
// may call it directly.
//
// Everything runs on one ordered runner ([Ordered], and [Replicate] over
// it): replications, and a sweep's points, run in parallel, and their
// results are gathered in order, so that what comes out never depends on
// the number of workers or on scheduling. It runs replications, never the
// events within one: each replication is one goroutine's work from start
// to end (package care).
//
// It knows nothing about files, flags or charts: package scenarios loads
// what it runs (YAML), package results writes and reads what it returns,
// and package plots draws it.
package sim
