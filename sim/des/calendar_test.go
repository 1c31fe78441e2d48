package des

import (
	"math/rand/v2"
	"testing"

	"caresim/internal/cputime"
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
// never fire, and every live event fires exactly once. Two ladders run
// the same program, one spreading a bucket of more than two events over a
// rung below (so that short programs climb down its rungs) and one as
// built: every pop, peek, cancel and length must equal the calendar's. A
// schedule's op byte chooses the scale of its delay from its high bits:
// 1 day (the only one of the first seeds), 1/64, 64 or 4,096 days, so
// that times mix scales as a model's do.
func FuzzCalendar(f *testing.F) {
	f.Add([]byte{0, 5, 0, 5, 1, 0, 2, 2, 2})
	f.Add([]byte{1, 3, 1, 3, 1, 3, 3, 0, 2, 2, 2, 2})
	f.Add([]byte{1, 0, 1, 0, 3, 1, 3, 0, 2, 2})
	f.Add([]byte{0, 5, 4, 9, 8, 15, 12, 1, 1, 7, 5, 3, 9, 2, 0, 11, 2, 0, 2, 0, 13, 4, 3, 2, 2, 2, 2, 2, 2, 2})
	f.Fuzz(func(t *testing.T, prog []byte) {
		// Programs beyond 256 operations find nothing shorter ones do
		// not (the calendar's states repeat) and make each execution
		// slow: the fuzzer then grows its inputs and explores little.
		if len(prog) > maxCalendarProg {
			prog = prog[:maxCalendarProg]
		}
		var c Calendar
		ladders := []*Ladder{{thres: 2}, {}}
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
		// same compares the ladders with the calendar; peek says whether
		// to peek, which sorts the next events into a ladder's bottom.
		same := func(what string, peek bool) {
			t0, ok0 := c.PeekTime()
			for i, l := range ladders {
				at, ok := t0, ok0
				if peek {
					at, ok = l.PeekTime()
				}
				if at != t0 || ok != ok0 || l.Len() != c.Len() || l.Now() != c.Now() {
					t.Fatalf("after %s, ladder %d: next at %v (%v), %d pending, now %v; calendar: %v (%v), %d, %v",
						what, i, at, ok, l.Len(), l.Now(), t0, ok0, c.Len(), c.Now())
				}
			}
		}
		pop := func() {
			e, ok := c.Pop()
			for i, l := range ladders {
				if le, lok := l.Pop(); le != e || lok != ok {
					t.Fatalf("pop %v (%v) from ladder %d, %v (%v) from the calendar", le, lok, i, e, ok)
				}
			}
			same("a pop", true)
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
			case 0, 1: // schedule at now + arg%16/4 (small range gives many ties); peek if arg&16
				scale := [4]Time{1, 1.0 / 64, 64, 4096}[prog[i]/4%4]
				at := c.Now() + Time(arg%16)/4*scale
				id := int32(len(recs))
				if op == 0 {
					c.Schedule(at, 1, id)
					for _, l := range ladders {
						l.Schedule(at, 1, id)
					}
					toks = append(toks, Token{})
				} else {
					tok := c.ScheduleCancellable(at, 1, id)
					for i, l := range ladders {
						if lt := l.ScheduleCancellable(at, 1, id); lt != tok {
							t.Fatalf("ladder %d: token %v, calendar %v", i, lt, tok)
						}
					}
					toks = append(toks, tok)
				}
				recs = append(recs, rec{at: at, seq: c.seq})
				same("a schedule", arg&16 != 0)
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
				for i, l := range ladders {
					if got := l.Cancel(toks[k]); got != pending {
						t.Fatalf("ladder %d: Cancel(event %d) = %v, want %v", i, k, got, pending)
					}
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

// BenchmarkHold is the classic hold model (Vaucher and Duval 1975) on the
// calendar (a heap): it holds n pending events; each step pops the
// earliest and schedules a new one a random time later, exponential with
// mean 1 (1e2, 1e4, 1e6) or, for mixed-…, from a mixture of the model's
// time scales (see holdDelay).
func BenchmarkHold(b *testing.B) {
	for _, n := range []int{1e2, 1e4, 1e6} {
		for _, mixed := range []bool{false, true} {
			b.Run(holdName(n, mixed), func(b *testing.B) {
				var c Calendar
				r := rand.New(rand.NewPCG(1, 2))
				c.Grow(n + 1)
				for i := 0; i < n; i++ {
					c.Schedule(holdDelay(r, mixed), 1, int32(i))
				}
				b.ReportAllocs()
				cpu := cputime.Start()
				for b.Loop() {
					e, _ := c.Pop()
					c.Schedule(e.At+holdDelay(r, mixed), 1, e.ID)
				}
				reportHolds(b, cpu)
			})
		}
	}
}

// BenchmarkHoldLadder is BenchmarkHold on a [Ladder]. Its loop is a copy:
// a generic one would call both lists' methods through a dictionary and
// inline neither, and time that.
func BenchmarkHoldLadder(b *testing.B) {
	for _, n := range []int{1e2, 1e4, 1e6} {
		for _, mixed := range []bool{false, true} {
			b.Run(holdName(n, mixed), func(b *testing.B) {
				var q Ladder
				r := rand.New(rand.NewPCG(1, 2))
				q.Grow(n + 1)
				for i := 0; i < n; i++ {
					q.Schedule(holdDelay(r, mixed), 1, int32(i))
				}
				b.ReportAllocs()
				cpu := cputime.Start()
				for b.Loop() {
					e, _ := q.Pop()
					q.Schedule(e.At+holdDelay(r, mixed), 1, e.ID)
				}
				reportHolds(b, cpu)
			})
		}
	}
}

// holdDelay draws a hold model's delay: exponential with mean 1 or, when
// mixed, with a mean of 15 minutes, 2 hours, 5 days or 6 months with
// probabilities 0.4, 0.3, 0.25 and 0.05, roughly the model's mixture of
// arrivals, ED treatments, bed stays and care-home stays (in days).
func holdDelay(r *rand.Rand, mixed bool) Time {
	e := r.ExpFloat64()
	if !mixed {
		return Time(e)
	}
	switch u := r.Float64(); {
	case u < 0.4:
		return Time(e / 96)
	case u < 0.7:
		return Time(e / 12)
	case u < 0.95:
		return Time(e * 5)
	}
	return Time(e * 182)
}

// reportHolds reports holds/s and the CPU time per hold (see cputime).
func reportHolds(b *testing.B, cpu cputime.Meter) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "holds/s")
	if t, ok := cpu.Elapsed(); ok {
		b.ReportMetric(float64(t.Nanoseconds())/float64(b.N), "cpu-ns/hold")
	}
}

func holdName(n int, mixed bool) string {
	name := map[int]string{1e2: "1e2", 1e4: "1e4", 1e6: "1e6"}[n]
	if mixed {
		return "mixed-" + name
	}
	return name
}
