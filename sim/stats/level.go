package stats

import (
	"math"

	"caresim/sim/des"
)

// Level is a time-weighted, non-negative integer level, such as the number
// of beds occupied or the length of a queue. It records how long the level
// spends at each value, so that its mean, variance and quantiles over the
// measured period are exact.
//
// The measured period runs from the last [Level.Reset] (or time 0) to the
// time t given to a reader. Readers take t because the level still holding
// at the end of the run must be counted: pass the end of the run (or any
// time not before the last change) and the level is taken to hold until t.
//
// The zero value is a level of 0 measured from time 0, ready to use. Set
// and Add are O(1) and do not allocate once the level has reached its
// highest value (the time-at-level slice grows only on a new maximum).
// Memory is one float64 per level up to the maximum. A Level is not safe
// for concurrent use.
type Level struct {
	start des.Time // when measuring started
	last  des.Time // time of the last change, or start
	level int      // the current level
	min   int      // lowest level set since start, even momentarily
	max   int      // highest level set since start, even momentarily
	area  float64  // ∫ level dt over [start, last], in level × days

	// timeAt[L] is the time, in days, spent at level L over [start, last].
	timeAt []float64
}

// Reset starts measuring afresh at time t with the given level, keeping the
// storage. After a warm-up period, l.Reset(t, l.Value()) discards what was
// recorded before t and carries on from the current level. It panics if
// level is negative or t is NaN.
func (l *Level) Reset(t des.Time, level int) {
	if level < 0 {
		panic("stats: negative level")
	}
	checkTime(t)
	l.start, l.last = t, t
	l.level, l.min, l.max = level, level, level
	l.area = 0
	clear(l.timeAt)
}

// Set changes the level to level at time t. Times must not decrease: Set
// panics with "stats: time went backwards" if t is before the last change
// or is NaN, and panics if level is negative. Several changes at the same
// time are allowed; only the last one holds for a positive time.
func (l *Level) Set(t des.Time, level int) {
	checkSet(l.last, t, level)
	l.set(t, level)
}

// set is Set for a caller that has checked t and level.
func (l *Level) set(t des.Time, level int) {
	l.advance(t)
	l.level = level
	if level > l.max {
		l.max = level
	} else if level < l.min {
		l.min = level
	}
}

// Add changes the level by delta at time t; see [Level.Set].
func (l *Level) Add(t des.Time, delta int) { l.Set(t, l.level+delta) }

// advance credits the current level with the time from the last change to
// t, which the caller has checked is not earlier.
func (l *Level) advance(t des.Time) {
	dt := float64(t - l.last)
	if dt == 0 {
		return
	}
	if l.level >= len(l.timeAt) {
		// Appending a make is compiled without the temporary slice, and
		// append grows the capacity geometrically.
		l.timeAt = append(l.timeAt, make([]float64, l.level+1-len(l.timeAt))...)
	}
	l.timeAt[l.level] += dt
	l.area += float64(l.level) * dt
	l.last = t
}

// Value returns the current level.
func (l *Level) Value() int { return l.level }

// Min returns the lowest level set since measuring started, including
// levels that held only momentarily (for zero time). For the lowest level
// held for a positive time, use Quantile(0, t).
func (l *Level) Min() int { return l.min }

// Max returns the highest level set since measuring started, including
// levels that held only momentarily (for zero time). For the highest level
// held for a positive time, use Quantile(1, t).
func (l *Level) Max() int { return l.max }

// tail returns the time, in days, for which the current level has held at
// time t. It panics if t is before the last change.
func (l *Level) tail(t des.Time) float64 {
	if !(t >= l.last) {
		panic("stats: time went backwards")
	}
	return float64(t - l.last)
}

// at returns the time spent at level v up to t, given tail = t − last.
func (l *Level) at(v int, tail float64) float64 {
	var w float64
	if v < len(l.timeAt) {
		w = l.timeAt[v]
	}
	if v == l.level {
		w += tail
	}
	return w
}

// levels returns one more than the highest level that may have a positive
// time at level.
func (l *Level) levels() int { return max(len(l.timeAt), l.level+1) }

// Duration returns the length of the measured period, from the last Reset
// (or time 0) to t, in days. It panics if t is before the last change.
func (l *Level) Duration(t des.Time) des.Time {
	l.tail(t)
	return t - l.start
}

// TimeAt returns the time, in days, spent at exactly the given level from
// the start of measuring to t. It panics if t is before the last change.
// It is O(1).
func (l *Level) TimeAt(level int, t des.Time) des.Time {
	tail := l.tail(t)
	if level < 0 {
		return 0
	}
	return des.Time(l.at(level, tail))
}

// Mean returns the time-weighted mean level over the measured period ending
// at t:
//
//	mean = (1/T) ∫ L(s) ds over [start, t], T = t − start.
//
// When the period has zero length it returns the current level (the limit
// as T → 0). It panics if t is before the last change. It is O(1).
func (l *Level) Mean(t des.Time) float64 {
	tail := l.tail(t)
	T := float64(t - l.start)
	if T == 0 {
		return float64(l.level)
	}
	return (l.area + float64(l.level)*tail) / T
}

// Variance returns the time-weighted (population) variance of the level
// over the measured period ending at t:
//
//	var = (1/T) ∫ (L(s) − mean)² ds over [start, t].
//
// It is computed in two passes over the time spent at each level, which
// avoids the cancellation of E[L²] − mean². When the period has zero length
// it returns 0. It panics if t is before the last change. It is O(Max).
func (l *Level) Variance(t des.Time) float64 {
	tail := l.tail(t)
	n := l.levels()
	var total, sum float64
	for v := range n {
		w := l.at(v, tail)
		total += w
		sum += w * float64(v)
	}
	if total == 0 {
		return 0
	}
	mean := sum / total
	var ss float64
	for v := range n {
		if w := l.at(v, tail); w > 0 {
			d := float64(v) - mean
			ss += w * d * d
		}
	}
	return ss / total
}

// Quantile returns the time-weighted p-quantile of the level over the
// measured period ending at t: the smallest level L such that the fraction
// of time spent at levels ≤ L is at least p. Quantile(0.95, end) is the
// number of beds that would have sufficed 95% of the time. Quantile(0, t)
// and Quantile(1, t) are the lowest and highest levels held for a positive
// time. When the period has zero length it returns the current level.
//
// It panics if p is outside [0, 1] or t is before the last change. It is
// O(Max).
func (l *Level) Quantile(p float64, t des.Time) int {
	if !(p >= 0 && p <= 1) {
		panic("stats: quantile p outside [0, 1]")
	}
	tail := l.tail(t)
	n := l.levels()
	var total float64
	for v := range n {
		total += l.at(v, tail)
	}
	if total == 0 {
		return l.level
	}
	// The second pass adds the same terms in the same order as the first
	// (skipping zeros changes nothing), so cum reaches total exactly at
	// the last level held and p = 1 always finds it.
	target := p * total
	var cum float64
	top := l.level
	for v := range n {
		w := l.at(v, tail)
		if w == 0 {
			continue
		}
		cum += w
		top = v
		if cum >= target {
			return v
		}
	}
	return top
}

// checkSet panics if a change of level to level at time t, after a change
// at last, would go back in time (or t is NaN) or below zero.
func checkSet(last, t des.Time, level int) {
	if !(t >= last) {
		panic("stats: time went backwards")
	}
	if level < 0 {
		panic("stats: negative level")
	}
}

// checkTime panics if t is NaN.
func checkTime(t des.Time) {
	if math.IsNaN(float64(t)) {
		panic("stats: time is NaN")
	}
}
