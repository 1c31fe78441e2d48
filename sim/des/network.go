package des

import (
	"fmt"
	"strings"
)

// PoolID names a pool of a [Network]. Pools are numbered from 0 in the order
// they were added.
type PoolID int32

// NoPool is the PoolID of no pool: what [Network.Holds] returns for an
// entity that holds no unit, and [Grant.From] for an entity that held none.
const NoPool PoolID = -1

// Discipline is the order in which a pool serves its queue.
type Discipline uint8

const (
	// FIFO serves the queue first-come first-served.
	FIFO Discipline = iota
	// Priority serves the lowest priority value first, and equal priorities
	// first-come first-served.
	Priority
)

// Grant records that an entity was given a unit of a pool. If the entity
// held a unit of another pool (blocking after service), it gave that unit
// up in the same instant and From names that pool.
type Grant struct {
	Entity int32  // the entity granted a unit
	Pool   PoolID // the pool whose unit it now holds
	From   PoolID // the pool whose unit it released, or NoPool
}

// Network is a set of pools of identical capacity units (beds, cubicles,
// caseload places) shared by entities that move between them.
//
// An entity holds at most one unit at a time and waits in at most one
// queue. Moving on from one pool to the next is blocking after service:
// the entity asks the next pool with [Network.Request] and keeps its
// current unit until the next pool grants one; entities blocked for a pool
// queue in it with everyone else, so they are released in the pool's queue
// order (FIFO for a FIFO pool). Granting a unit can free another, which can
// be granted in turn; every unit changing hands is reported as a [Grant] in
// the slice the caller passes in, in the order it happened, and the caller
// acts on them (typically by scheduling the end of service).
//
// Capacity can change at any time ([Network.SetCapacity]). A rise admits
// waiting entities at once; a cut takes effect as units free up, and never
// evicts anyone.
//
// A pool can hold the units its entities give up ([Network.SetHold]): a
// unit released, or left by an entity moving on, is then out of use (a bed
// being cleaned after its patient leaves) until the caller returns it with
// [Network.Free], and only then goes to the queue.
//
// When every unit of a set of pools is held by an entity blocked for a pool
// of the same set, no one in them can ever move again. Request and
// SetCapacity detect this and return a [*DeadlockError] naming the pools.
//
// Entities are the caller's int32 indices (for example from a [Slab]); the
// network keeps a few words of state for each. All operations are O(log q)
// in the queue length q, plus O(1) for each unit handed on, and allocate
// nothing once the queues and the entity table have grown to their working
// size. The deadlock check costs O(P²) in the number of pools and runs only
// when a pool's last unhindered unit becomes blocked.
//
// The zero value is an empty network. A Network is not safe for concurrent
// use.
type Network struct {
	pools []pool
	ents  []netEntity
	work  []PoolID // pools to refill, reused across calls
	mark  []bool   // deadlock search scratch, one per pool
	check bool     // a pool became stuck: look for a deadlock
}

type pool struct {
	name     string
	capacity int
	busy     int // units held, in service or blocked
	blocked  int // units held by entities waiting for another pool
	held     int // units given up and out of use until Free (hold)
	hold     bool
	waiting  int // live entries in the queue
	disc     Discipline

	fifo ring
	prio prioQueue
	seq  uint64

	// blockedOn[t] counts this pool's units held by entities queued for
	// pool t; it is grown to the number of pools lazily.
	blockedOn []int32
}

type netEntity struct {
	held    PoolID
	waiting PoolID
	req     uint32 // request number; queue entries with another are stale
}

type qent struct {
	id  int32
	req uint32
}

// AddPool adds a pool with the given name, initial capacity and queue
// discipline, and returns its ID. It panics if capacity is negative or the
// name is already taken; callers validate their input first.
func (n *Network) AddPool(name string, capacity int, d Discipline) PoolID {
	if capacity < 0 {
		panic("des: negative pool capacity")
	}
	if _, ok := n.Lookup(name); ok {
		panic("des: duplicate pool name " + name)
	}
	n.pools = append(n.pools, pool{name: name, capacity: capacity, disc: d})
	n.mark = append(n.mark, false)
	return PoolID(len(n.pools) - 1)
}

// Lookup returns the ID of the pool with the given name. It is O(P) and
// meant for set-up, not the hot path.
func (n *Network) Lookup(name string) (PoolID, bool) {
	for i := range n.pools {
		if n.pools[i].name == name {
			return PoolID(i), true
		}
	}
	return NoPool, false
}

// Reset empties every pool and forgets every entity, keeping pools'
// names, disciplines and storage; capacities return to the given values,
// one per pool, or stay as they are when caps is nil.
func (n *Network) Reset(caps []int) {
	for i := range n.pools {
		p := &n.pools[i]
		if caps != nil {
			p.capacity = caps[i]
		}
		p.busy, p.blocked, p.waiting, p.seq, p.held = 0, 0, 0, 0, 0
		p.fifo.reset()
		p.prio = p.prio[:0]
		clear(p.blockedOn)
	}
	n.ents = n.ents[:0]
	n.work = n.work[:0]
	n.check = false
}

// Len returns the number of pools.
func (n *Network) Len() int { return len(n.pools) }

// Name returns the name of pool p.
func (n *Network) Name(p PoolID) string { return n.pools[p].name }

// Capacity returns the current capacity of pool p. After a cut, Busy may
// exceed it until units free up.
func (n *Network) Capacity(p PoolID) int { return n.pools[p].capacity }

// Busy returns the number of units of pool p held by entities, in service
// or blocked.
func (n *Network) Busy(p PoolID) int { return n.pools[p].busy }

// Blocked returns the number of units of pool p held by entities that are
// waiting for another pool.
func (n *Network) Blocked(p PoolID) int { return n.pools[p].blocked }

// Queued returns the number of entities waiting for a unit of pool p,
// including those blocked in another pool.
func (n *Network) Queued(p PoolID) int { return n.pools[p].waiting }

// Holds returns the pool whose unit entity e holds, or NoPool.
func (n *Network) Holds(e int32) PoolID {
	if int(e) >= len(n.ents) {
		return NoPool
	}
	return n.ents[e].held
}

// Waiting returns the pool entity e is queued for, or NoPool.
func (n *Network) Waiting(e int32) PoolID {
	if int(e) >= len(n.ents) {
		return NoPool
	}
	return n.ents[e].waiting
}

func (n *Network) entity(e int32) *netEntity {
	for int(e) >= len(n.ents) {
		n.ents = append(n.ents, netEntity{held: NoPool, waiting: NoPool})
	}
	return &n.ents[e]
}

// Request asks for a unit of pool p for entity e with the given priority
// (used by Priority pools: lower values first). If a unit is free, e gets
// it at once; otherwise e joins p's queue. If e already holds a unit of
// another pool, it keeps that unit until p grants one (blocking after
// service), and then gives it up, which may let others move.
//
// Request appends every unit handed out to dst and returns it; e was
// granted at once when the first appended Grant is e's. The error is a
// [*DeadlockError] when e's blocking completes a deadlock; the network's
// state is still consistent; see [Network] for what can clear it.
//
// It panics if e is already queued or already holds a unit of p.
func (n *Network) Request(e int32, p PoolID, prio int32, dst []Grant) ([]Grant, error) {
	ent := n.entity(e)
	if ent.waiting != NoPool {
		panic("des: Request by an entity already queued")
	}
	if ent.held == p {
		panic("des: Request for a pool the entity already holds")
	}
	pl := &n.pools[p]
	if pl.free() {
		dst = n.grant(e, p, dst)
		return dst, n.deadlock()
	}
	ent.req++
	ent.waiting = p
	pl.waiting++
	switch pl.disc {
	case FIFO:
		pl.fifo.push(qent{id: e, req: ent.req})
	default:
		pl.seq++
		pl.prio.push(prioEnt{prio: prio, seq: pl.seq, id: e, req: ent.req})
	}
	if h := ent.held; h != NoPool {
		hp := &n.pools[h]
		hp.blocked++
		hp.countBlocked(p, len(n.pools), 1)
		n.check = n.check || hp.stuck()
	}
	return dst, n.deadlock()
}

// TryRequest gives entity e a unit of pool p if one is free and reports
// whether it did; it never queues. It suits loss systems, where an entity
// finding no room goes elsewhere. Grants are appended to dst as for
// [Network.Request], and the error is a [*DeadlockError] as there.
func (n *Network) TryRequest(e int32, p PoolID, dst []Grant) ([]Grant, bool, error) {
	ent := n.entity(e)
	if ent.waiting != NoPool || ent.held == p {
		panic("des: TryRequest by an entity already queued or holding the pool")
	}
	pl := &n.pools[p]
	if !pl.free() {
		return dst, false, nil
	}
	dst = n.grant(e, p, dst)
	return dst, true, n.deadlock()
}

// Release gives up the unit entity e holds, as e leaves the network, and
// hands it (and any units that frees in turn) to waiting entities, appending
// the grants to dst. The error is a [*DeadlockError] if the release leaves
// a set of pools deadlocked, which can happen only in a pool above its
// capacity after a cut. It panics if e holds nothing or is queued.
func (n *Network) Release(e int32, dst []Grant) ([]Grant, error) {
	ent := n.entity(e)
	if ent.held == NoPool || ent.waiting != NoPool {
		panic("des: Release by an entity holding nothing or still queued")
	}
	p := ent.held
	ent.held = NoPool
	if n.pools[p].giveUp() {
		dst = n.refill(p, dst)
	}
	return dst, n.deadlock()
}

// SetHold sets whether pool p holds the units its entities give up (by
// [Network.Release] or by moving on to another pool): held, a unit stays
// out of use until [Network.Free] returns it. Switching it off does not
// return the units already held.
func (n *Network) SetHold(p PoolID, on bool) { n.pools[p].hold = on }

// Held returns the number of units of pool p given up and not yet freed.
func (n *Network) Held(p PoolID) int { return n.pools[p].held }

// Free returns one held unit of pool p to use and hands it (and any units
// that frees in turn) to waiting entities, appending the grants to dst; in
// a pool above its capacity after a cut the unit closes instead. The error
// is a [*DeadlockError] as for [Network.Release]. It panics if p holds no
// unit.
func (n *Network) Free(p PoolID, dst []Grant) ([]Grant, error) {
	pl := &n.pools[p]
	if pl.held == 0 {
		panic("des: Free of a pool that holds no unit")
	}
	pl.held--
	dst = n.refill(p, dst)
	return dst, n.deadlock()
}

// free reports whether pl has a unit to give: capacity beyond the units
// held by entities and those out of use.
func (pl *pool) free() bool { return pl.busy+pl.held < pl.capacity }

// giveUp records that an entity gave up a unit of pl, and reports whether
// the unit is free for the queue (false when pl holds it).
func (pl *pool) giveUp() bool {
	pl.busy--
	if pl.hold {
		pl.held++
		return false
	}
	return true
}

// Withdraw takes entity e out of the queue it is in (it gives up waiting),
// keeping any unit it holds. It reports whether e was queued. It is O(1);
// the queue entry is skipped when it comes to the front.
func (n *Network) Withdraw(e int32) bool {
	if int(e) >= len(n.ents) {
		return false
	}
	ent := &n.ents[e]
	p := ent.waiting
	if p == NoPool {
		return false
	}
	ent.waiting = NoPool
	ent.req++ // make the queue entry stale
	n.pools[p].waiting--
	if h := ent.held; h != NoPool {
		n.pools[h].blocked--
		n.pools[h].countBlocked(p, len(n.pools), -1)
	}
	return true
}

// SetCapacity sets the capacity of pool p to c. A rise admits waiting
// entities at once, appending their grants to dst; a cut takes effect as
// units free up. The error is a [*DeadlockError] if a cut leaves a set of
// pools deadlocked. It panics if c is negative.
func (n *Network) SetCapacity(p PoolID, c int, dst []Grant) ([]Grant, error) {
	if c < 0 {
		panic("des: negative pool capacity")
	}
	n.pools[p].capacity = c
	dst = n.refill(p, dst)
	return dst, n.deadlock()
}

// grant gives e a free unit of p, releasing the unit e held, and refills
// the pool e left.
func (n *Network) grant(e int32, p PoolID, dst []Grant) []Grant {
	ent := &n.ents[e]
	n.pools[p].busy++
	from := ent.held
	ent.held = p
	dst = append(dst, Grant{Entity: e, Pool: p, From: from})
	if from != NoPool && n.pools[from].giveUp() {
		dst = n.refill(from, dst)
	}
	return dst
}

// refill hands free units of p to its queue, and of every pool that frees a
// unit as a result, until no free unit has anyone waiting for it. Each step
// moves one waiting entity, so it ends.
func (n *Network) refill(p PoolID, dst []Grant) []Grant {
	work := append(n.work[:0], p)
	for len(work) > 0 {
		q := work[len(work)-1]
		work = work[:len(work)-1]
		pl := &n.pools[q]
		for pl.free() && pl.waiting > 0 {
			e := n.popLive(pl)
			ent := &n.ents[e]
			ent.waiting = NoPool
			pl.waiting--
			pl.busy++
			from := ent.held
			ent.held = q
			dst = append(dst, Grant{Entity: e, Pool: q, From: from})
			if from != NoPool {
				fp := &n.pools[from]
				fp.blocked--
				fp.countBlocked(q, len(n.pools), -1)
				if fp.giveUp() {
					work = append(work, from)
				}
			}
		}
		n.check = n.check || pl.stuck()
	}
	n.work = work
	return dst
}

// popLive removes and returns the first live entry of pl's queue; the
// caller has checked that one exists.
func (n *Network) popLive(pl *pool) int32 {
	for {
		var q qent
		if pl.disc == FIFO {
			q = pl.fifo.pop()
		} else {
			pe := pl.prio.pop()
			q = qent{id: pe.id, req: pe.req}
		}
		if n.ents[q.id].req == q.req {
			return q.id
		}
	}
}

// stuck reports whether pl has no free unit and every unit it has is held by
// a blocked entity (a unit out of use will be freed, so a pool holding one
// is not stuck).
func (pl *pool) stuck() bool {
	return pl.busy > 0 && pl.held == 0 && pl.blocked == pl.busy && pl.busy >= pl.capacity
}

// deadlock runs the deadlock search if a pool has become stuck since the
// last search.
func (n *Network) deadlock() error {
	if !n.check {
		return nil
	}
	n.check = false
	return n.checkDeadlock()
}

func (pl *pool) countBlocked(target PoolID, npools int, d int32) {
	if len(pl.blockedOn) < npools {
		b := make([]int32, npools)
		copy(b, pl.blockedOn)
		pl.blockedOn = b
	}
	pl.blockedOn[target] += d
}

// DeadlockError reports pools every unit of which is held by an entity
// blocked for another pool of the same set, so that none can ever move.
type DeadlockError struct {
	Pools []string // the deadlocked pools, in the order they were added
}

// Error says which pools are deadlocked.
func (e *DeadlockError) Error() string {
	return fmt.Sprintf("des: deadlock: every unit of %s is held by an entity blocked for another of them",
		strings.Join(e.Pools, ", "))
}

// checkDeadlock looks for a set of stuck pools: full, every held unit
// blocked, and every blocked unit waiting for a pool of the set. It starts
// from all full, fully blocked pools and removes any with a unit waiting for
// a pool outside the set, until nothing changes (a greatest fixed point).
func (n *Network) checkDeadlock() error {
	mark := n.mark
	any := false
	for i := range n.pools {
		pl := &n.pools[i]
		mark[i] = pl.stuck()
		any = any || mark[i]
	}
	if !any {
		return nil
	}
	for changed := true; changed; {
		changed = false
		for i := range n.pools {
			if !mark[i] {
				continue
			}
			for t, c := range n.pools[i].blockedOn {
				if c > 0 && !mark[t] {
					mark[i] = false
					changed = true
					break
				}
			}
		}
	}
	var names []string
	for i := range n.pools {
		if mark[i] {
			names = append(names, n.pools[i].name)
		}
	}
	if names == nil {
		return nil
	}
	return &DeadlockError{Pools: names}
}

// ring is a growable FIFO ring buffer of queue entries.
type ring struct {
	buf        []qent
	head, size int
}

func (r *ring) reset() { r.head, r.size = 0, 0 }

func (r *ring) push(q qent) {
	if r.size == len(r.buf) {
		nb := make([]qent, max(16, 2*len(r.buf)))
		for i := 0; i < r.size; i++ {
			nb[i] = r.buf[(r.head+i)%len(r.buf)]
		}
		r.buf, r.head = nb, 0
	}
	i := r.head + r.size
	if i >= len(r.buf) {
		i -= len(r.buf)
	}
	r.buf[i] = q
	r.size++
}

func (r *ring) pop() qent {
	q := r.buf[r.head]
	r.head++
	if r.head == len(r.buf) {
		r.head = 0
	}
	r.size--
	return q
}

// prioQueue is a binary min-heap ordered by (prio, seq).
type prioQueue []prioEnt

type prioEnt struct {
	prio int32
	id   int32
	req  uint32
	seq  uint64
}

func (a *prioEnt) before(b *prioEnt) bool {
	return a.prio < b.prio || (a.prio == b.prio && a.seq < b.seq)
}

func (h *prioQueue) push(e prioEnt) {
	q := append(*h, e)
	i := len(q) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !e.before(&q[p]) {
			break
		}
		q[i] = q[p]
		i = p
	}
	q[i] = e
	*h = q
}

func (h *prioQueue) pop() prioEnt {
	q := *h
	top := q[0]
	n := len(q) - 1
	last := q[n]
	q = q[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && q[r].before(&q[l]) {
			m = r
		}
		if !q[m].before(&last) {
			break
		}
		q[i] = q[m]
		i = m
	}
	if n > 0 {
		q[i] = last
	}
	*h = q
	return top
}
