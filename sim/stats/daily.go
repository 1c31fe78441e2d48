package stats

import (
	"math"

	"caresim/sim/des"
)

// DailyLevel is a [Level] that also records, for each whole day, the
// level's time-weighted mean over the day and its midnight census. The
// daily series feed charts, daily.csv and the warm-up rule [MSER5]; the
// embedded Level gives the summary (mean, percentiles) over the measured
// period, which [DailyLevel.Restart] can start afresh after a warm-up
// while the daily series carry on.
//
// Day d is the interval [d, d+1). Its values are recorded when time
// reaches d+1, by Set, Add or [DailyLevel.AdvanceTo]:
//
//   - DayMeans()[d] is the time-weighted mean level over day d,
//     ∫ L(s) ds over [d, d+1).
//   - Midnights()[d] is the midnight census at the start of day d: the level
//     holding across the instant t = d, that is the level after every change
//     before d and before any change at exactly d (the left limit L(d−)).
//     Changes at exactly midnight count towards the new day's mean, not
//     towards its census. At the start of measuring, the census is the
//     level given to Reset.
//
// Both series have one entry per closed day, so a run to the horizon H
// (a whole number of days) should end with AdvanceTo(H) to close the last
// day; a partial last day is not recorded. Days before the day of the last
// Reset are NaN. If Reset is given a time inside a day, that day's mean
// covers only the measured part of it and its census is NaN.
//
// The zero value is a level of 0 from time 0 with empty series, ready to
// use. Set and Add are O(1) plus O(1) per midnight crossed, and do not
// allocate once [DailyLevel.Grow] has reserved the horizon's days and the
// level has reached its maximum. A DailyLevel is not safe for concurrent
// use.
//
// Update it only through its own Set, Add, Reset, Restart and AdvanceTo:
// calling Set, Add or Reset on the embedded Level directly bypasses the
// daily series.
type DailyLevel struct {
	Level // summary statistics over the measured period

	means     Series
	midnights Series

	day      int      // the open day
	end      des.Time // the open day's end, day + 1, once closeDays has set it; 0 before
	dayFrom  des.Time // start of the measured part of the open day
	last     des.Time // time up to which area has been accumulated
	area     float64  // ∫ L ds over [dayFrom, last]
	midnight float64  // census at the start of the open day, or NaN
}

// Reset starts a new record at time t with the given level: it empties the
// daily series (keeping their storage) and resets the embedded Level. It
// panics if level is negative or t is negative or NaN.
func (d *DailyLevel) Reset(t des.Time, level int) {
	if !(t >= 0) {
		panic("stats: DailyLevel reset to a negative or NaN time")
	}
	d.Level.Reset(t, level)
	d.means.Reset()
	d.midnights.Reset()
	d.day = Day(t)
	d.end = des.Time(d.day + 1)
	d.dayFrom, d.last = t, t
	d.area = 0
	d.midnight = math.NaN()
	if des.Time(d.day) == t {
		d.midnight = float64(level)
	}
	for i := range d.day {
		d.means.Set(i, math.NaN())
		d.midnights.Set(i, math.NaN())
	}
}

// Restart starts the summary statistics (the embedded Level) afresh at time
// t at the current level, as at the end of a warm-up period, and keeps the
// daily series. It panics if t is before the last change.
func (d *DailyLevel) Restart(t des.Time) {
	if !(t >= d.last) {
		panic("stats: time went backwards")
	}
	d.advance(t)
	d.Level.Reset(t, d.level)
}

// Set changes the level to level at time t, first closing every day that
// ends at or before t. It panics as [Level.Set] does.
func (d *DailyLevel) Set(t des.Time, level int) {
	// The embedded Level's last change is never after d's (AdvanceTo
	// moves d's alone), so one check serves both.
	checkSet(d.last, t, level) // before advance closes any day
	// advance, written out: it is one over the compiler's budget for
	// inlining, and Set is most of a run's statistics.
	if t >= d.end {
		d.closeDays(t)
	}
	d.area += float64(d.level) * float64(t-d.last)
	d.last = t
	d.Level.set(t, level)
}

// Add changes the level by delta at time t; see [DailyLevel.Set].
func (d *DailyLevel) Add(t des.Time, delta int) { d.Set(t, d.level+delta) }

// AdvanceTo closes every day that ends at or before t without changing the
// level. Call it with the horizon at the end of a run. It panics if t is
// before the last change.
func (d *DailyLevel) AdvanceTo(t des.Time) {
	if !(t >= d.last) {
		panic("stats: time went backwards")
	}
	d.advance(t)
}

// advance accumulates the current level up to t, closing each day that
// ends on the way.
func (d *DailyLevel) advance(t des.Time) {
	if t >= d.end {
		d.closeDays(t)
	}
	d.area += float64(d.level) * float64(t-d.last)
	d.last = t
}

// closeDays closes each day that ends at or before t, and sets end to
// the end of the day then open.
func (d *DailyLevel) closeDays(t des.Time) {
	cur := float64(d.level)
	for end := des.Time(d.day + 1); t >= end; end = des.Time(d.day + 1) {
		d.area += cur * float64(end-d.last)
		d.means.Set(d.day, d.area/float64(end-d.dayFrom))
		d.midnights.Set(d.day, d.midnight)
		d.day++
		d.dayFrom, d.last = end, end
		d.area = 0
		d.midnight = cur
	}
	d.end = des.Time(d.day + 1)
}

// DayMeans returns the time-weighted mean level of each closed day, indexed
// by day. The result shares storage with d: do not modify it, and copy it
// if it must outlive the next Reset.
func (d *DailyLevel) DayMeans() Series { return d.means }

// Midnights returns the midnight census at the start of each closed day,
// indexed by day (see [DailyLevel]). The result shares storage with d: do
// not modify it, and copy it if it must outlive the next Reset.
func (d *DailyLevel) Midnights() Series { return d.midnights }

// Grow reserves room in the daily series for days 0 to days−1, so that
// closing them does not allocate.
func (d *DailyLevel) Grow(days int) {
	d.means.Grow(days)
	d.midnights.Grow(days)
}
