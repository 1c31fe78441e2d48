package des

import (
	"math"
	"slices"
)

// Ladder is a future event list with the methods of [Calendar] and the
// same order, (At, sequence), whose cost per event does not grow with the
// number of pending events: a ladder queue (Tang, Goh and Thng 2005,
// ACM TOMACS 15(3):175–204).
//
// Events far ahead wait unsorted in a top list. When the near events run
// out, the top's events are spread over a rung of buckets, each as wide
// as the top's span divided by its number of events; the first bucket
// that is not empty is sorted into a short bottom list, from which events
// are popped, unless it holds more than a few dozen events, in which case
// it is spread over a finer rung below, and so on, eight rungs at most.
// A new event goes to the top, to the rung whose current or a later
// bucket spans its time, or into the bottom list in order. Each event is
// moved a small number of times whatever the number pending, so Schedule
// and Pop take O(1) expected time, where a heap's take O(log n) and miss
// the cache ever more as n grows. On the hold model with exponential
// delays (BenchmarkHoldLadder against BenchmarkHold) it took 48, 52 and
// 301 ns of CPU time a hold at 10², 10⁴ and 10⁶ pending events, the heap
// 75, 134 and 461; with delays mixing minutes, days and months, 46 and 66
// against 75 and 122, and level with the heap at 10⁶, where both miss
// the cache on nearly every event. Bucket i of a rung starting at s with k buckets a day holds
// the events whose (At − s)·k rounds down to i (the last bucket, those
// beyond too): a monotone function of At, so events stay in order
// whatever the rounding.
//
// Cancellation is lazy, as the Calendar's: Len counts cancelled events
// still pending. The zero value is an empty ladder at time 0, ready to
// use. A Ladder is not safe for concurrent use.
type Ladder struct {
	now Time
	seq uint64
	n   int // pending events, cancelled or not

	// top holds events at or after topStart, unsorted, with their
	// least and greatest times.
	top            []Event
	topMin, topMax Time
	topStart       Time

	// rungs[:nrung] are the rungs in use, coarsest first: each spans
	// the bucket of the one above it that was spread over it, or the
	// bottom list that grew long.
	rungs []rung
	nrung int

	// bottom holds the next events in reverse order: the next is last.
	// Every event in it comes before every event in the rungs and top.
	bottom []Event

	nodes    []node // the rungs' buckets are lists of nodes
	freeNode int32  // first free node + 1; 0 when none is free

	slots slots
	// thres, when not zero, replaces ladderThres (tests).
	thres int
}

// ladderThres is the most events a bucket sorts into the bottom list;
// a bucket with more is spread over a rung below. Tang et al. find 50
// good; BenchmarkHold and the baseline's events agree.
const ladderThres = 50

// ladderRungs is the most rungs: a bucket of the last sorts into the
// bottom whatever its size. Events at one time cannot be spread, nor
// need to be.
const ladderRungs = 8

// rung is one rung of the ladder: buckets of width 1/perDay from start,
// the first that may hold events being cur.
type rung struct {
	start  Time
	perDay float64 // buckets per day: the inverse of their width
	cur    int
	count  int     // events in the rung's buckets
	heads  []int32 // each bucket's first node + 1; 0 when empty
}

// node is an event in a bucket of a rung, and the next in the bucket.
type node struct {
	e    Event
	next int32 // the next node + 1; 0 at the end of the bucket
}

// Now returns the current simulated time: the time of the last event
// popped, or the time given to [Ladder.Reset].
func (q *Ladder) Now() Time { return q.now }

// Len returns the number of pending events, including cancelled ones not
// yet skipped.
func (q *Ladder) Len() int { return q.n }

// Reset empties the ladder and sets the clock to t, keeping the storage.
// Tokens of events scheduled before the reset no longer cancel anything.
func (q *Ladder) Reset(t Time) {
	q.now, q.seq, q.n = t, 0, 0
	q.top, q.topStart = q.top[:0], t
	q.nrung = 0
	q.bottom = q.bottom[:0]
	q.nodes, q.freeNode = q.nodes[:0], 0
	q.slots.reset()
}

// Grow makes room for n more pending events without reallocation.
func (q *Ladder) Grow(n int) {
	q.top = slices.Grow(q.top, n)
	q.nodes = slices.Grow(q.nodes, n)
}

// Schedule adds an event of the given kind for entity id at time at. It
// panics if at is before the current time or is NaN.
func (q *Ladder) Schedule(at Time, kind Kind, id int32) {
	q.push(at, kind, id, -1, 0)
}

// ScheduleCancellable is like [Ladder.Schedule] but returns a Token with
// which the event can be cancelled before it fires.
func (q *Ladder) ScheduleCancellable(at Time, kind Kind, id int32) Token {
	s, gen := q.slots.take()
	q.push(at, kind, id, s, gen)
	return Token{slot: s + 1, gen: gen}
}

// Cancel stops the event identified by t from firing. Cancelling an event
// that has already fired or been cancelled does nothing. It reports
// whether a pending event was cancelled.
func (q *Ladder) Cancel(t Token) bool { return q.slots.cancel(t) }

// Pop removes the earliest pending event that has not been cancelled,
// advances the clock to its time and returns it. It returns false when no
// such event remains.
func (q *Ladder) Pop() (Event, bool) {
	for q.n > 0 {
		if len(q.bottom) == 0 {
			q.refill()
		}
		last := len(q.bottom) - 1
		e := q.bottom[last]
		q.bottom = q.bottom[:last]
		q.n--
		if e.slot >= 0 && !q.slots.fired(e.slot, e.gen) {
			continue
		}
		q.now = e.At
		return e, true
	}
	return Event{}, false
}

// PeekTime returns the time of the earliest pending event (cancelled or
// not) and whether there is one.
func (q *Ladder) PeekTime() (Time, bool) {
	if q.n == 0 {
		return 0, false
	}
	if len(q.bottom) == 0 {
		q.refill()
	}
	return q.bottom[len(q.bottom)-1].At, true
}

func (q *Ladder) push(at Time, kind Kind, id int32, slot int32, gen uint32) {
	if !(at >= q.now) {
		panic("des: event scheduled before the current time or at NaN")
	}
	q.seq++
	q.n++
	e := Event{At: at, seq: q.seq, Kind: kind, ID: id, slot: slot, gen: gen}
	if at >= q.topStart {
		if len(q.top) == 0 {
			q.topMin, q.topMax = at, at
		} else {
			q.topMin, q.topMax = min(q.topMin, at), max(q.topMax, at)
		}
		q.top = append(q.top, e)
		return
	}
	for r := range q.nrung {
		g := &q.rungs[r]
		if i, ok := g.bucket(at); ok {
			q.insert(g, i, e)
			return
		}
	}
	// A bottom list grown long (events scheduled close ahead while the
	// rungs are coarse, or there are none) is spread over a rung below
	// the last, as a bucket would be.
	b := q.bottom
	if len(b) >= 4*q.threshold() && q.nrung < ladderRungs {
		if lo, hi := min(b[len(b)-1].At, at), max(b[0].At, at); hi > lo && q.spread(append(b, e), lo, hi, len(b)+1) {
			q.bottom = b[:0]
			return
		}
	}
	// Into the bottom list, in order: after (below) every event that
	// comes later, and so before those at its time, scheduled earlier.
	// The list is short and a new event is most often among the next,
	// at its end.
	i := len(b)
	for i > 0 && b[i-1].At <= at {
		i--
	}
	b = append(b, Event{})
	copy(b[i+1:], b[i:])
	b[i] = e
	q.bottom = b
}

// threshold is the most events a bucket sorts into the bottom list.
func (q *Ladder) threshold() int {
	if q.thres > 0 {
		return q.thres
	}
	return ladderThres
}

// bucket returns the bucket of g that holds time at, and whether it is
// g's current bucket or a later one: otherwise the event belongs below.
func (g *rung) bucket(at Time) (int, bool) {
	nb := len(g.heads)
	f := float64(at-g.start) * g.perDay
	if !(f >= float64(g.cur)) || g.cur >= nb {
		return 0, false
	}
	if f >= float64(nb-1) {
		return nb - 1, true
	}
	return int(f), true
}

// insert puts e in bucket i of g.
func (q *Ladder) insert(g *rung, i int, e Event) {
	var k int32
	if q.freeNode != 0 {
		k = q.freeNode - 1
		q.freeNode = q.nodes[k].next
	} else {
		k = int32(len(q.nodes))
		q.nodes = append(q.nodes, node{})
	}
	nd := &q.nodes[k]
	nd.e, nd.next = e, g.heads[i]
	g.heads[i] = k + 1
	g.count++
}

// refill fills the empty bottom list with the next events: those of the
// first bucket that is not empty in the last rung, or, when every rung
// is empty, in a new rung from the top's events. q must not be empty.
func (q *Ladder) refill() {
	thres := q.threshold()
	for {
		for q.nrung > 0 && q.rungs[q.nrung-1].count == 0 {
			q.nrung--
		}
		if q.nrung == 0 {
			// From now on, the top takes only events at or after the
			// last of those it holds now.
			q.topStart = q.topMax
			if len(q.top) > thres && q.spread(q.top, q.topMin, q.topMax, len(q.top)) {
				q.top = q.top[:0]
				continue
			}
			// A few events, or all at one time: sorted.
			q.bottom = append(q.bottom[:0], q.top...)
			q.top = q.top[:0]
			sortDescending(q.bottom)
			return
		}
		g := &q.rungs[q.nrung-1]
		for g.heads[g.cur] == 0 {
			g.cur++
		}
		// Take the bucket's events into the bottom list.
		b := q.bottom[:0]
		lo, hi := Time(math.Inf(1)), Time(math.Inf(-1))
		for k := g.heads[g.cur]; k != 0; {
			nd := &q.nodes[k-1]
			b = append(b, nd.e)
			lo, hi = min(lo, nd.e.At), max(hi, nd.e.At)
			next := nd.next
			nd.next = q.freeNode
			q.freeNode = k
			k = next
		}
		g.heads[g.cur] = 0
		g.count -= len(b)
		g.cur++
		q.bottom = b
		if len(b) > thres && q.nrung < ladderRungs && q.spread(b, lo, hi, len(b)) {
			q.bottom = q.bottom[:0]
			continue
		}
		sortDescending(q.bottom)
		return
	}
}

// spread spreads events, with times from lo to hi, over a new rung of n
// buckets below the last, and reports whether it did: it does not when
// the events are all at one time.
func (q *Ladder) spread(events []Event, lo, hi Time, n int) bool {
	perDay := float64(n) / float64(hi-lo)
	if !(perDay > 0) || math.IsInf(perDay, 0) {
		return false
	}
	if q.nrung == len(q.rungs) {
		q.rungs = append(q.rungs, rung{})
	}
	g := &q.rungs[q.nrung]
	q.nrung++
	g.start, g.perDay, g.cur, g.count = lo, perDay, 0, 0
	g.heads = slices.Grow(g.heads[:0], n)[:n]
	clear(g.heads)
	for _, e := range events {
		i, _ := g.bucket(e.At)
		q.insert(g, i, e)
	}
	return true
}

// sortDescending sorts events by (At, seq), the latest first.
func sortDescending(b []Event) {
	if len(b) <= 24 {
		for i := 1; i < len(b); i++ {
			e := b[i]
			j := i
			for j > 0 && less(&b[j-1], &e) {
				b[j] = b[j-1]
				j--
			}
			b[j] = e
		}
		return
	}
	slices.SortFunc(b, func(x, y Event) int {
		if less(&y, &x) {
			return -1
		}
		return 1
	})
}
