package des

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLadderMatchesCalendar runs long random programs on a ladder and on
// the calendar and expects the same events in the same order: delays at
// the model's scales (minutes in ED, days in beds, months in care homes,
// years ahead for a schedule), some rounded to the hour so that many fall
// at one time, a third cancellable and some of those cancelled, and the
// number pending rising to thousands and falling back to none. The ladder
// runs as built and spreading any bucket of more than two events (many
// rungs); seeds are fixed, so a failure repeats.
func TestLadderMatchesCalendar(t *testing.T) {
	t.Parallel()
	scales := []float64{1.0 / 1440, 1.0 / 24, 1, 30, 365}
	for _, thres := range []int{0, 2} {
		for seed := range uint64(3) {
			r := rand.New(rand.NewPCG(seed, 7))
			var c Calendar
			l := Ladder{thres: thres}
			var toks []Token
			for step := range 200_000 {
				// Grow for the first half of each 50,000 steps, then
				// drain.
				grow := step%50_000 < 25_000
				if c.Len() == 0 || (grow && r.IntN(3) > 0) || (!grow && r.IntN(3) == 0) {
					d := r.ExpFloat64() * scales[r.IntN(len(scales))]
					if r.IntN(4) == 0 {
						d = math.Round(d*24) / 24
					}
					at := c.Now() + Time(d)
					if r.IntN(3) == 0 {
						tok := c.ScheduleCancellable(at, 2, int32(step))
						if lt := l.ScheduleCancellable(at, 2, int32(step)); lt != tok {
							t.Fatalf("thres %d seed %d step %d: token %v, calendar's %v", thres, seed, step, lt, tok)
						}
						toks = append(toks, tok)
					} else {
						c.Schedule(at, 1, int32(step))
						l.Schedule(at, 1, int32(step))
					}
					continue
				}
				if len(toks) > 0 && r.IntN(5) == 0 {
					k := r.IntN(len(toks))
					if a, b := c.Cancel(toks[k]), l.Cancel(toks[k]); a != b {
						t.Fatalf("thres %d seed %d step %d: Cancel %v, calendar's %v", thres, seed, step, b, a)
					}
					toks[k] = toks[len(toks)-1]
					toks = toks[:len(toks)-1]
				}
				ct, cok := c.PeekTime()
				if lt, lok := l.PeekTime(); lt != ct || lok != cok {
					t.Fatalf("thres %d seed %d step %d: next at %v, calendar's %v", thres, seed, step, lt, ct)
				}
				e, ok := c.Pop()
				if le, lok := l.Pop(); le != e || lok != ok {
					t.Fatalf("thres %d seed %d step %d: popped %+v, calendar %+v", thres, seed, step, le, e)
				}
				if l.Len() != c.Len() {
					t.Fatalf("thres %d seed %d step %d: %d pending, calendar %d", thres, seed, step, l.Len(), c.Len())
				}
			}
		}
	}
}

// TestLadderUnitCases runs the calendar's hand-worked cases on a ladder.
func TestLadderUnitCases(t *testing.T) {
	t.Parallel()
	var l Ladder
	for _, at := range []Time{3, 1, 3, 2, 1, 3, 0, 2} {
		l.Schedule(at, 1, int32(l.Len()))
	}
	for i, want := range []int32{6, 1, 4, 3, 7, 0, 2, 5} {
		if e, ok := l.Pop(); !ok || e.ID != want || l.Now() != e.At {
			t.Errorf("pop %d: got %v (%v), now %v; want id %d", i, e, ok, l.Now(), want)
		}
	}
	if _, ok := l.Pop(); ok {
		t.Error("Pop on an empty ladder returned an event")
	}
	old := l.ScheduleCancellable(5, 1, 1)
	l.Reset(2)
	if l.Len() != 0 || l.Now() != 2 {
		t.Fatalf("after Reset: %d pending, now %v", l.Len(), l.Now())
	}
	l.ScheduleCancellable(3, 1, 2) // reuses the old event's slot
	if l.Cancel(old) {
		t.Error("a token from before Reset cancelled a new event")
	}
	if e, ok := l.Pop(); !ok || e.ID != 2 {
		t.Errorf("new event did not fire: %v %v", e, ok)
	}
	defer func() {
		if recover() == nil {
			t.Error("scheduling before Now did not panic")
		}
	}()
	l.Schedule(2.5, 1, 0)
}

func TestLadderSteadyStateAllocs(t *testing.T) {
	var l Ladder
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 1000; i++ {
		l.Schedule(Time(r.Float64()), 1, int32(i))
		l.ScheduleCancellable(Time(r.Float64()*100), 2, int32(i))
	}
	step := func() {
		e, _ := l.Pop()
		if e.Kind == 1 {
			l.Schedule(e.At+Time(r.Float64()), 1, e.ID)
		} else {
			tok := l.ScheduleCancellable(e.At+Time(r.ExpFloat64()*100), 2, e.ID)
			if e.ID%3 == 0 {
				l.Cancel(tok)
				l.ScheduleCancellable(e.At+Time(r.Float64()), 2, e.ID)
			}
		}
	}
	for range 100_000 { // to the working size of every part
		step()
	}
	if allocs := testing.AllocsPerRun(10000, step); allocs != 0 {
		t.Errorf("steady-state schedule/pop allocates %v times per op, want 0", allocs)
	}
}
