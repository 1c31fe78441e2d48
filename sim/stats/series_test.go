package stats

import (
	"slices"
	"testing"

	"caresim/sim/des"
)

func TestSeries(t *testing.T) {
	t.Parallel()
	var s Series
	s.Inc(2, 1)
	s.Inc(2, 1)
	s.Set(0, 7)
	s.Inc(4, 0.5)
	if want := (Series{7, 0, 2, 0, 0.5}); !slices.Equal(s, want) {
		t.Errorf("series = %v, want %v", s, want)
	}
	if s.At(2) != 2 || s.At(5) != 0 || s.At(-1) != 0 {
		t.Errorf("At(2), At(5), At(-1) = %v, %v, %v; want 2, 0, 0", s.At(2), s.At(5), s.At(-1))
	}
	s.Reset()
	s.Inc(1, 3) // reused storage must come back zeroed
	if want := (Series{0, 3}); !slices.Equal(s, want) {
		t.Errorf("after Reset: %v, want %v", s, want)
	}
	mustPanic(t, "stats: negative day", func() { s.Inc(-1, 1) })
}

func TestDay(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		t    des.Time
		want int
	}{{0, 0}, {0.999, 0}, {1, 1}, {364.5, 364}, {-0.5, -1}} {
		if got := Day(c.t); got != c.want {
			t.Errorf("Day(%v) = %d, want %d", c.t, got, c.want)
		}
	}
}

func TestSeriesGrowDoesNotAllocate(t *testing.T) {
	var s Series
	s.Grow(1000)
	day := 0
	allocs := testing.AllocsPerRun(500, func() {
		s.Inc(day, 1)
		day++
	})
	if allocs != 0 || len(s) != day {
		t.Errorf("Inc within Grow's capacity: %v allocations per call, length %d (want 0, %d)", allocs, len(s), day)
	}
}
