// Package stats collects the output statistics of caresim's simulations:
// online recorders used inside one replication, and summaries across
// replications.
//
// # Within a replication
//
// A [Level] is a time-weighted, integer-valued quantity such as beds occupied
// or a queue length. It keeps the time spent at each level, so its mean,
// variance and percentiles ("the 95th-percentile beds needed") are exact.
// A [Tally] takes observations such as waits and lengths of stay and keeps
// their count, mean and variance (Welford's algorithm) and, optionally, a
// fixed-width histogram for approximate quantiles. A [Series] is a value per
// day, and a [DailyLevel] is a Level that also records each day's
// time-weighted mean and its midnight census.
//
// These recorders are updated from the event loop, so they are O(1) per
// update and do not allocate once their storage has grown to its working
// size. Time is [des.Time], in days. None of them is safe for concurrent
// use: keep one per replication.
//
// # Across replications
//
// [Summarize] turns one value per replication into a mean, a standard
// deviation and a Student-t confidence interval, [Paired] does the same for
// the differences between two scenarios run with common random numbers, and
// [RepsNeeded] estimates how many replications a target precision needs.
// [MSER5] suggests a warm-up length from a daily series.
//
// # What it does not do
//
// The package reads no files, draws no charts, knows nothing about health
// care and does not decide anything for the caller: it suggests a warm-up
// and a number of replications, and the caller applies them. It does not
// compute confidence intervals from a single long run (batch means), since
// caresim uses independent replications. It does not store observations,
// so exact quantiles of a [Tally] are not available; the histogram gives
// them to within a bin width.
package stats
