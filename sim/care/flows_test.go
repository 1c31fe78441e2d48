package care

import (
	"math"
	"testing"

	"caresim/sim/des"
)

// weekdayTol is how far weekday's result may be from the hand-worked
// time: 1e-9 days is about 0.1 ms, far below anything a booking means,
// and far above the rounding of d + 8/24 in float64 (≈ 1e-12 days for the
// days of a ten-year run).
const weekdayTol = 1e-9

// at8 is 08:00 on day d (from the start of warm-up).
func at8(d int) des.Time { return des.Time(float64(d) + 8.0/24) }

func TestWeekday(t *testing.T) {
	t.Parallel()
	// 2014-04-01 was a Tuesday; day 0 is Tuesday, day 3 Friday, days 4
	// and 5 the weekend, day 6 Monday 2014-04-07.
	start := des.Date{Year: 2014, Month: 4, Day: 1}
	tests := []struct {
		name string
		t    des.Time
		warm des.Time
		want des.Time
	}{
		{"Tuesday midnight: 08:00 the same day", 0, 0, at8(0)},
		{"Tuesday 04:48: 08:00 the same day", 0.2, 0, at8(0)},
		{"Tuesday 08:00 exactly: stays", des.Time(8.0 / 24), 0, at8(0)},
		{"Tuesday 12:00: Wednesday 08:00", 0.5, 0, at8(1)},
		{"Thursday 23:00: Friday 08:00", des.Time(2 + 23.0/24), 0, at8(3)},
		{"Friday 12:00: Saturday, so Monday", 3.5, 0, at8(6)},
		{"Saturday 02:24: Monday", 4.1, 0, at8(6)},
		{"Sunday 21:36: Monday", 5.9, 0, at8(6)},
		{"Monday 04:48: the same Monday", 6.2, 0, at8(6)},
		{"Monday 09:00: Tuesday", des.Time(6 + 9.0/24), 0, at8(7)},
		// Ten days of warm-up: time 0 is 2014-03-22, a Saturday, so the
		// first booking is Monday 2014-03-24, day 2 of the warm-up.
		{"warm-up Saturday: Monday", 0.1, 10, at8(2)},
		{"warm-up: Start is a Tuesday", 10.2, 10, at8(10)},
		{"warm-up: Friday evening before Start: Monday", 6.9, 10, at8(9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := weekday(tt.t, start, tt.warm)
			if math.Abs(float64(got-tt.want)) > weekdayTol {
				t.Errorf("weekday(%v, warm %v) = %v (day %v), want %v (day %v)",
					tt.t, tt.warm, got, math.Floor(float64(got)), tt.want, math.Floor(float64(tt.want)))
			}
			if d := start.AddDays(int(math.Floor(float64(got))) - int(tt.warm)).Weekday(); d >= 5 {
				t.Errorf("weekday(%v) lands on weekday %d, a weekend", tt.t, d)
			}
		})
	}
}

// TestWeekdayRebookKeepsDay books an admission for 08:00 on each day of a
// ten-year run (with its year of warm-up) and checks two things that the
// elective programme relies on when, at 08:00 on a programme day, it
// books the day Elective.Notice later (21 days in the baseline) and books
// its own next day:
//
//   - a time weekday returned comes back unchanged: 08:00 on a weekday is
//     "on or after" itself;
//   - 21 days (three weeks) after a booked weekday 08:00 is the same
//     weekday at 08:00, so the booking keeps it.
//
// In float64, d + 8/24 (and d + 8/24 + 21) is often a few ulps above
// 08:00 of its day, and weekday's strict "> 8/24" then moves the booking
// to the next day, or from a Friday to the Monday after.
func TestWeekdayRebookKeepsDay(t *testing.T) {
	t.Parallel()
	start := des.Date{Year: 2014, Month: 4, Day: 1}
	const days, rebook = 4018, 21
	type miss struct {
		n       int
		in, out des.Time
	}
	var same, moved miss
	for d := range days {
		booked := weekday(at8(d), start, 0)
		if got := weekday(booked, start, 0); math.Abs(float64(got-booked)) > weekdayTol {
			if same.n == 0 {
				same.in, same.out = booked, got
			}
			same.n++
		}
		if got := weekday(booked+rebook, start, 0); math.Abs(float64(got-(booked+rebook))) > weekdayTol {
			if moved.n == 0 {
				moved.in, moved.out = booked, got
			}
			moved.n++
		}
	}
	if same.n > 0 {
		t.Errorf("weekday moved %d of %d weekday 08:00 bookings; first: weekday(%v) = %v",
			same.n, days, same.in, same.out)
	}
	if moved.n > 0 {
		t.Errorf("rebooking 21 days after a weekday 08:00 moved %d of %d bookings a day or more later; first: %v + 21 → %v, want %v",
			moved.n, days, moved.in, moved.out, moved.in+rebook)
	}
}
