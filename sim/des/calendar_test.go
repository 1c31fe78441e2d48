package des

import (
	"math/rand/v2"
	"testing"
)

func TestCalendarOrderAndTies(t *testing.T) {
	t.Parallel()
	var c Calendar
	// Times with ties; the expected pop order is by time, then by the
	// order of scheduling.
	in := []struct {
		at Time
		id int32
	}{{3, 0}, {1, 1}, {3, 2}, {2, 3}, {1, 4}, {3, 5}, {0, 6}, {2, 7}}
	for _, e := range in {
		c.Schedule(e.at, 1, e.id)
	}
	want := []int32{6, 1, 4, 3, 7, 0, 2, 5}
	for i, w := range want {
		e, ok := c.Pop()
		if !ok {
			t.Fatalf("pop %d: calendar empty", i)
		}
		if e.ID != w {
			t.Errorf("pop %d: got id %d, want %d", i, e.ID, w)
		}
		if c.Now() != e.At {
			t.Errorf("pop %d: Now() = %v, want %v", i, c.Now(), e.At)
		}
	}
	if _, ok := c.Pop(); ok {
		t.Error("Pop on an empty calendar returned an event")
	}
}

func TestCalendarCancel(t *testing.T) {
	t.Parallel()
	var c Calendar
	a := c.ScheduleCancellable(1, 1, 1)
	b := c.ScheduleCancellable(2, 1, 2)
	c.Schedule(3, 1, 3)
	if !c.Cancel(a) {
		t.Fatal("Cancel of a pending event returned false")
	}
	if c.Cancel(a) {
		t.Error("second Cancel of the same event returned true")
	}
	e, _ := c.Pop()
	if e.ID != 2 {
		t.Fatalf("first live event: got id %d, want 2", e.ID)
	}
	// b has fired: its token must not cancel a later event that reuses
	// the slot.
	d := c.ScheduleCancellable(4, 1, 4)
	if c.Cancel(b) {
		t.Error("Cancel with the token of a fired event returned true")
	}
	e, _ = c.Pop()
	if e.ID != 3 {
		t.Fatalf("got id %d, want 3", e.ID)
	}
	e, ok := c.Pop()
	if !ok || e.ID != 4 {
		t.Fatalf("event reusing a slot did not fire: %v %v", e, ok)
	}
	if c.Cancel(d) || c.Cancel(Token{}) {
		t.Error("Cancel after firing or of the zero Token returned true")
	}
}

func TestCalendarResetInvalidatesTokens(t *testing.T) {
	t.Parallel()
	var c Calendar
	old := c.ScheduleCancellable(5, 1, 1)
	c.Reset(2)
	if c.Len() != 0 || c.Now() != 2 {
		t.Fatalf("after Reset: %d pending, now %v", c.Len(), c.Now())
	}
	c.ScheduleCancellable(3, 1, 2) // reuses the old event's slot
	if c.Cancel(old) {
		t.Error("a token from before Reset cancelled a new event")
	}
	if e, ok := c.Pop(); !ok || e.ID != 2 {
		t.Errorf("new event did not fire: %v %v", e, ok)
	}
}

func TestCalendarScheduleInPastPanics(t *testing.T) {
	t.Parallel()
	var c Calendar
	c.Schedule(5, 1, 0)
	c.Pop()
	defer func() {
		if recover() == nil {
			t.Error("scheduling before Now did not panic")
		}
	}()
	c.Schedule(4, 1, 0)
}

func TestCalendarSteadyStateAllocs(t *testing.T) {
	var c Calendar
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 1000; i++ {
		c.Schedule(Time(r.Float64()), 1, int32(i))
		c.ScheduleCancellable(Time(r.Float64()), 2, int32(i))
	}
	allocs := testing.AllocsPerRun(10000, func() {
		e, _ := c.Pop()
		if e.Kind == 1 {
			c.Schedule(e.At+Time(r.Float64()), 1, e.ID)
		} else {
			tok := c.ScheduleCancellable(e.At+Time(r.Float64()), 2, e.ID)
			if e.ID%3 == 0 {
				c.Cancel(tok)
				c.ScheduleCancellable(e.At+Time(r.Float64()), 2, e.ID)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("steady-state schedule/pop allocates %v times per op, want 0", allocs)
	}
}

// maxCalendarProg is the longest program FuzzCalendar runs, in bytes (two
// a step).
const maxCalendarProg = 512

// FuzzCalendar drives the calendar with a byte program of schedules,
// cancellations and pops, and checks it against the invariants: time never
// goes back, equal times come out in scheduling order, cancelled events
// never fire, and every live event fires exactly once.
func FuzzCalendar(f *testing.F) {
	f.Add([]byte{0, 5, 0, 5, 1, 0, 2, 2, 2})
	f.Add([]byte{1, 3, 1, 3, 1, 3, 3, 0, 2, 2, 2, 2})
	f.Add([]byte{1, 0, 1, 0, 3, 1, 3, 0, 2, 2})
	f.Fuzz(func(t *testing.T, prog []byte) {
		// Programs beyond 256 operations find nothing shorter ones do
		// not (the calendar's states repeat) and make each execution
		// slow: the fuzzer then grows its inputs and explores little.
		if len(prog) > maxCalendarProg {
			prog = prog[:maxCalendarProg]
		}
		var c Calendar
		type rec struct {
			at        Time
			seq       uint64
			cancelled bool
			fired     bool
		}
		var recs []rec
		var toks []Token
		var lastAt Time
		var lastSeq uint64
		pop := func() {
			e, ok := c.Pop()
			if !ok {
				return
			}
			r := &recs[e.ID]
			if r.cancelled {
				t.Fatalf("cancelled event %d fired", e.ID)
			}
			if r.fired {
				t.Fatalf("event %d fired twice", e.ID)
			}
			r.fired = true
			if e.At < lastAt {
				t.Fatalf("time went back from %v to %v", lastAt, e.At)
			}
			if e.At == lastAt && e.Seq() < lastSeq {
				t.Fatalf("tie at %v out of scheduling order", e.At)
			}
			if e.At != r.at || e.Seq() != r.seq {
				t.Fatalf("event %d came back changed", e.ID)
			}
			lastAt, lastSeq = e.At, e.Seq()
		}
		for i := 0; i+1 < len(prog); i += 2 {
			op, arg := prog[i]%4, prog[i+1]
			switch op {
			case 0, 1: // schedule at now + arg/4 (small range gives many ties)
				at := c.Now() + Time(arg%16)/4
				id := int32(len(recs))
				if op == 0 {
					c.Schedule(at, 1, id)
					toks = append(toks, Token{})
				} else {
					toks = append(toks, c.ScheduleCancellable(at, 1, id))
				}
				recs = append(recs, rec{at: at, seq: c.seq})
			case 2:
				pop()
			case 3: // cancel a previous event
				if len(toks) == 0 {
					continue
				}
				k := int(arg) % len(toks)
				pending := toks[k] != (Token{}) && !recs[k].fired && !recs[k].cancelled
				if got := c.Cancel(toks[k]); got != pending {
					t.Fatalf("Cancel(event %d) = %v, want %v", k, got, pending)
				}
				if pending {
					recs[k].cancelled = true
				}
			}
		}
		for c.Len() > 0 {
			pop()
		}
		for i, r := range recs {
			if !r.fired && !r.cancelled {
				t.Fatalf("live event %d never fired", i)
			}
		}
	})
}

// BenchmarkHold is the classic hold model (Vaucher and Duval 1975): the
// calendar holds n pending events; each step pops the earliest and
// schedules a new one an exponential time later.
func BenchmarkHold(b *testing.B) {
	for _, n := range []int{1e2, 1e4, 1e6} {
		b.Run(itoa(n), func(b *testing.B) {
			var c Calendar
			r := rand.New(rand.NewPCG(1, 2))
			c.Grow(n + 1)
			for i := 0; i < n; i++ {
				c.Schedule(Time(r.ExpFloat64()), 1, int32(i))
			}
			b.ReportAllocs()
			for b.Loop() {
				e, _ := c.Pop()
				c.Schedule(e.At+Time(r.ExpFloat64()), 1, e.ID)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "holds/s")
		})
	}
}

func itoa(n int) string {
	switch n {
	case 1e2:
		return "1e2"
	case 1e4:
		return "1e4"
	case 1e6:
		return "1e6"
	}
	panic("itoa")
}
