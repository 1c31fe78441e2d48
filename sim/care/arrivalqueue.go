package care

import "caresim/sim/des"

// arrivalQueue holds the next arrival of each source (one pending per
// source, a few dozen in all), apart from the model's ladder of events: a
// binary min-heap small enough to stay in the cache, whose arrivals,
// about two events in five of the baseline's, cost the ladder nothing.
// Each arrival carries the ladder's Seq when it was drawn, so that
// [des.Ladder.PopBefore] interleaves arrivals and the ladder's events in
// the order of one ladder holding them all, ties included: the run is
// the same, event for event.
//
// The zero value is empty. An arrivalQueue is not safe for concurrent
// use.
type arrivalQueue struct {
	heap []arrival
	n    uint64 // arrivals pushed
}

// arrival is a source's next arrival.
type arrival struct {
	at  des.Time
	seq uint64 // the ladder's Seq when it was drawn
	n   uint64 // its order among arrivals drawn: the ladder's among equal times
	src int32  // index of the source
}

// before reports whether a comes before b: by time, then as drawn.
func (a *arrival) before(b *arrival) bool {
	return a.at < b.at || (a.at == b.at && a.n < b.n)
}

// push adds source src's next arrival, at time at, drawn when the ladder's
// Seq was seq. It is O(log n).
func (q *arrivalQueue) push(at des.Time, seq uint64, src int32) {
	q.n++
	a := arrival{at: at, seq: seq, n: q.n, src: src}
	h := append(q.heap, a)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !a.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = a
	q.heap = h
}

// peek returns the earliest arrival and whether there is one.
func (q *arrivalQueue) peek() (*arrival, bool) {
	if len(q.heap) == 0 {
		return nil, false
	}
	return &q.heap[0], true
}

// pop removes the earliest arrival, which must exist. It is O(log n).
func (q *arrivalQueue) pop() {
	h := q.heap
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	if n > 0 {
		i := 0
		for {
			c := 2*i + 1
			if c >= n {
				break
			}
			if r := c + 1; r < n && h[r].before(&h[c]) {
				c = r
			}
			if !h[c].before(&last) {
				break
			}
			h[i] = h[c]
			i = c
		}
		h[i] = last
	}
	q.heap = h
}
