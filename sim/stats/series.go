package stats

import (
	"math"

	"caresim/sim/des"
)

// Series is a value per day, indexed by day number: s[d] belongs to day d,
// the interval [d, d+1) in simulated days. Use it for daily counts
// (admissions per day, with Inc) and daily readings (a census, with Set).
//
// A Series is a plain slice, so it can be read, ranged over and passed to
// gonum directly; its length is one more than the last day written. Inc and
// Set extend it as needed, filling the days in between with 0. They are
// O(1) amortised and do not allocate within the capacity reserved by
// [Series.Grow].
//
// The zero value is an empty series, ready to use. A Series is not safe for
// concurrent use.
type Series []float64

// Day returns the number of the day holding time t, ⌊t⌋. Day 0 is the
// interval [0, 1).
func Day(t des.Time) int { return int(math.Floor(float64(t))) }

// Inc adds by to the value of day day. It panics if day is negative.
func (s *Series) Inc(day int, by float64) {
	s.extend(day)
	(*s)[day] += by
}

// Set sets the value of day day to v. It panics if day is negative.
func (s *Series) Set(day int, v float64) {
	s.extend(day)
	(*s)[day] = v
}

// At returns the value of day day, or 0 if the day is beyond the series or
// negative.
func (s Series) At(day int) float64 {
	if day < 0 || day >= len(s) {
		return 0
	}
	return s[day]
}

// Grow reserves room for days 0 to days−1, so that writing them does not
// allocate. It does not change the length.
func (s *Series) Grow(days int) {
	if days > cap(*s) {
		t := make(Series, len(*s), days)
		copy(t, *s)
		*s = t
	}
}

// Reset empties the series, keeping its storage.
func (s *Series) Reset() { *s = (*s)[:0] }

// extend makes the series long enough to hold day day, zeroing the new days.
func (s *Series) extend(day int) {
	if day < len(*s) {
		if day < 0 {
			panic("stats: negative day")
		}
		return
	}
	*s = append(*s, make(Series, day+1-len(*s))...)
}
