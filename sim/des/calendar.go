package des

// Kind says what an event is; its meaning belongs to the caller (for
// example arrival, end of service, change of capacity).
type Kind uint16

// Event is one entry in the calendar. It is a small value: the key (At,
// seq) sits inline so that the heap compares without indirection.
type Event struct {
	At   Time // when the event happens
	seq  uint64
	Kind Kind   // what happens
	ID   int32  // the entity or element it happens to (caller-defined)
	slot int32  // cancellation slot, or -1 when the event cannot be cancelled
	gen  uint32 // the slot's generation when scheduled
}

// Seq returns the event's sequence number: events scheduled earlier have
// smaller numbers, and equal times are popped in sequence order.
func (e Event) Seq() uint64 { return e.seq }

// Token identifies a cancellable event; see [Calendar.ScheduleCancellable].
// The zero Token refers to no event and cancelling it does nothing.
type Token struct {
	slot int32 // slot index + 1, so that the zero value is empty
	gen  uint32
}

// arity is the heap's branching factor. A 4-ary heap halves the depth of a
// binary heap and keeps a node's children in one or two cache lines.
const arity = 4

// Calendar is the future event list: a 4-ary min-heap of [Event] values
// ordered by (At, sequence), so events at equal times come out first-in
// first-out and every run is reproducible.
//
// Schedule and Pop are O(log n) in the number of pending events and do not
// allocate once the heap has grown to its working size. Cancellation is
// lazy: a cancelled event stays in the heap until it reaches the top and is
// then skipped, so Len counts cancelled events still pending.
//
// The zero value is an empty calendar at time 0, ready to use. A Calendar
// is not safe for concurrent use.
type Calendar struct {
	now   Time
	seq   uint64
	heap  []Event
	slots slots
}

// slots are the cancellation slots of a calendar's events: gens[i] is the
// current generation of slot i; an event carrying an older generation has
// been cancelled.
type slots struct {
	gens     []uint32
	freeSlot []int32
}

// take returns a free slot and its generation, for a cancellable event.
func (s *slots) take() (int32, uint32) {
	var i int32
	if n := len(s.freeSlot); n > 0 {
		i = s.freeSlot[n-1]
		s.freeSlot = s.freeSlot[:n-1]
	} else {
		i = int32(len(s.gens))
		s.gens = append(s.gens, 0)
	}
	return i, s.gens[i]
}

// cancel cancels the event of t, if it is pending.
func (s *slots) cancel(t Token) bool {
	i := t.slot - 1
	if i < 0 || int(i) >= len(s.gens) || s.gens[i] != t.gen {
		return false
	}
	// A slot is freed only when its event leaves the calendar, and the
	// slot's generation moves on when it does, so a matching generation
	// means the event is still pending.
	s.gens[i]++
	return true
}

// fired frees the slot of an event leaving the calendar, with generation
// gen, and reports whether the event is live (not cancelled).
func (s *slots) fired(i int32, gen uint32) bool {
	live := s.gens[i] == gen
	s.gens[i] = gen + 1 // the event's token is now stale either way
	s.freeSlot = append(s.freeSlot, i)
	return live
}

// reset frees every slot and moves every generation on, so that an old
// token cannot match an event that reuses its slot.
func (s *slots) reset() {
	s.freeSlot = s.freeSlot[:0]
	for i := range s.gens {
		s.gens[i]++
		s.freeSlot = append(s.freeSlot, int32(i))
	}
}

// Now returns the current simulated time: the time of the last event
// popped, or the time given to [Calendar.Reset].
func (c *Calendar) Now() Time { return c.now }

// Len returns the number of pending events, including cancelled ones not yet
// skipped.
func (c *Calendar) Len() int { return len(c.heap) }

// Reset empties the calendar and sets the clock to t, keeping the storage.
// Tokens of events scheduled before the reset no longer cancel anything.
func (c *Calendar) Reset(t Time) {
	c.now = t
	c.seq = 0
	c.heap = c.heap[:0]
	c.slots.reset()
}

// Grow makes room for n more pending events without reallocation.
func (c *Calendar) Grow(n int) {
	if cap(c.heap)-len(c.heap) < n {
		h := make([]Event, len(c.heap), len(c.heap)+n)
		copy(h, c.heap)
		c.heap = h
	}
}

// Schedule adds an event of the given kind for entity id at time at. It
// panics if at is before the current time or is NaN.
func (c *Calendar) Schedule(at Time, kind Kind, id int32) {
	c.push(at, kind, id, -1, 0)
}

// ScheduleCancellable is like [Calendar.Schedule] but returns a Token with
// which the event can be cancelled before it fires.
func (c *Calendar) ScheduleCancellable(at Time, kind Kind, id int32) Token {
	s, gen := c.slots.take()
	c.push(at, kind, id, s, gen)
	return Token{slot: s + 1, gen: gen}
}

// Cancel stops the event identified by t from firing. Cancelling an event
// that has already fired or been cancelled does nothing. It reports whether
// a pending event was cancelled.
func (c *Calendar) Cancel(t Token) bool { return c.slots.cancel(t) }

func (c *Calendar) push(at Time, kind Kind, id int32, slot int32, gen uint32) {
	if !(at >= c.now) {
		panic("des: event scheduled before the current time or at NaN")
	}
	c.seq++
	e := Event{At: at, seq: c.seq, Kind: kind, ID: id, slot: slot, gen: gen}
	h := append(c.heap, e)
	// Sift up.
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / arity
		if !less(&e, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
	c.heap = h
}

// Pop removes the earliest pending event that has not been cancelled,
// advances the clock to its time and returns it. It returns false when no
// such event remains.
func (c *Calendar) Pop() (Event, bool) {
	for len(c.heap) > 0 {
		e := c.popTop()
		if e.slot >= 0 && !c.slots.fired(e.slot, e.gen) {
			continue
		}
		c.now = e.At
		return e, true
	}
	return Event{}, false
}

// PeekTime returns the time of the earliest pending event (cancelled or not)
// and whether there is one.
func (c *Calendar) PeekTime() (Time, bool) {
	if len(c.heap) == 0 {
		return 0, false
	}
	return c.heap[0].At, true
}

func less(a, b *Event) bool {
	return a.At < b.At || (a.At == b.At && a.seq < b.seq)
}

func (c *Calendar) popTop() Event {
	h := c.heap
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	if n > 0 {
		// Sift the last element down from the root.
		i := 0
		for {
			first := i*arity + 1
			if first >= n {
				break
			}
			m := first
			end := first + arity
			if end > n {
				end = n
			}
			for j := first + 1; j < end; j++ {
				if less(&h[j], &h[m]) {
					m = j
				}
			}
			if !less(&h[m], &last) {
				break
			}
			h[i] = h[m]
			i = m
		}
		h[i] = last
	}
	c.heap = h
	return top
}
