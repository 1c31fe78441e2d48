package des

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// futureList is what Calendar and Ladder share, for tests of both.
type futureList interface {
	Now() Time
	Seq() uint64
	Schedule(at Time, kind Kind, id int32)
	ScheduleCancellable(at Time, kind Kind, id int32) Token
	Cancel(t Token) bool
	Pop() (Event, bool)
	PopBefore(at Time, seq uint64) (Event, bool)
}

// TestPopBeforeMatchesOneCalendar runs long random programs that keep a
// share of their events apart (as the care model keeps its arrivals), in
// a list of their own, and the rest on a calendar or a ladder popped with
// PopBefore, and expects the events of both in the order of one calendar
// holding them all: delays at the model's scales, a quarter rounded to
// the hour so that many fall at one time (ties decided by sequence), a
// third of those on the calendar cancellable and some cancelled.
func TestPopBeforeMatchesOneCalendar(t *testing.T) {
	t.Parallel()
	scales := []float64{1.0 / 1440, 1.0 / 24, 1, 30}
	for name, newList := range map[string]func() futureList{
		"calendar": func() futureList { return &Calendar{} },
		"ladder":   func() futureList { return &Ladder{} },
		"ladder-2": func() futureList { return &Ladder{thres: 2} },
	} {
		for seed := range uint64(3) {
			r := rand.New(rand.NewPCG(seed, 11))
			var all Calendar // the reference: every event
			q := newList()
			type apart struct {
				at   Time
				seq  uint64 // q.Seq() when made
				n    int    // made before those with a greater n
				kind Kind
				id   int32
			}
			var own []apart // the events kept apart, earliest last
			var toks [][2]Token
			for step := range 100_000 {
				grow := step%20_000 < 10_000
				if all.Len() == 0 || (grow && r.IntN(3) > 0) || (!grow && r.IntN(3) == 0) {
					d := r.ExpFloat64() * scales[r.IntN(len(scales))]
					if r.IntN(4) == 0 {
						d = math.Round(d*24) / 24
					}
					at := all.Now() + Time(d)
					switch r.IntN(3) {
					case 0:
						own = append(own, apart{at: at, seq: q.Seq(), n: step, kind: 3, id: int32(step)})
						slices.SortFunc(own, func(a, b apart) int {
							if a.at != b.at {
								if a.at > b.at {
									return -1
								}
								return 1
							}
							return b.n - a.n
						})
						all.Schedule(at, 3, int32(step))
					case 1:
						toks = append(toks, [2]Token{all.ScheduleCancellable(at, 2, int32(step)), q.ScheduleCancellable(at, 2, int32(step))})
					default:
						all.Schedule(at, 1, int32(step))
						q.Schedule(at, 1, int32(step))
					}
					continue
				}
				if len(toks) > 0 && r.IntN(5) == 0 {
					k := r.IntN(len(toks))
					if a, b := all.Cancel(toks[k][0]), q.Cancel(toks[k][1]); a != b {
						t.Fatalf("%s seed %d step %d: Cancel %v, one calendar's %v", name, seed, step, b, a)
					}
					toks[k] = toks[len(toks)-1]
					toks = toks[:len(toks)-1]
				}
				want, wok := all.Pop()
				var got Event
				gok := true
				if n := len(own); n > 0 {
					e, ok := q.PopBefore(own[n-1].at, own[n-1].seq)
					if !ok {
						a := own[n-1]
						own = own[:n-1]
						e = Event{At: a.at, Kind: a.kind, ID: a.id}
					}
					got = e
				} else {
					got, gok = q.Pop()
				}
				if gok != wok || got.At != want.At || got.Kind != want.Kind || got.ID != want.ID {
					t.Fatalf("%s seed %d step %d: popped %v %d %d, one calendar %v %d %d", name, seed, step,
						got.At, got.Kind, got.ID, want.At, want.Kind, want.ID)
				}
				if q.Now() != all.Now() {
					t.Fatalf("%s seed %d step %d: clock %v, one calendar's %v", name, seed, step, q.Now(), all.Now())
				}
			}
		}
	}
}
