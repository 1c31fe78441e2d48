package des

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
)

// mustGrants fails the test unless err is nil and got equals want.
func mustGrants(t *testing.T, step string, got []Grant, err error, want ...Grant) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: unexpected error %v", step, err)
	}
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: grants %v, want %v", step, got, want)
	}
}

func TestNetworkFIFO(t *testing.T) {
	t.Parallel()
	var n Network
	a := n.AddPool("cubicles", 2, FIFO)
	var g []Grant
	var err error
	for e := int32(0); e < 4; e++ {
		g, err = n.Request(e, a, 0, g[:0])
		if e < 2 {
			mustGrants(t, "request", g, err, Grant{e, a, NoPool})
		} else {
			mustGrants(t, "request", g, err)
		}
	}
	if n.Busy(a) != 2 || n.Queued(a) != 2 {
		t.Fatalf("busy %d queued %d, want 2 and 2", n.Busy(a), n.Queued(a))
	}
	g, err = n.Release(0, g[:0])
	mustGrants(t, "release 0", g, err, Grant{2, a, NoPool})
	g, err = n.Release(1, g[:0])
	mustGrants(t, "release 1", g, err, Grant{3, a, NoPool})
	g, err = n.Release(2, g[:0])
	mustGrants(t, "release 2", g, err)
	if n.Busy(a) != 1 || n.Queued(a) != 0 || n.Holds(3) != a || n.Holds(0) != NoPool {
		t.Fatal("wrong state after releases")
	}
}

func TestNetworkPriority(t *testing.T) {
	t.Parallel()
	var n Network
	a := n.AddPool("beds", 1, Priority)
	g, _ := n.Request(0, a, 0, nil)
	// Lower values first; equal values in arrival order.
	for _, r := range []struct {
		e    int32
		prio int32
	}{{1, 5}, {2, 1}, {3, 1}, {4, 0}} {
		g, _ = n.Request(r.e, a, r.prio, g[:0])
	}
	var order []int32
	for e := int32(0); len(order) < 4; {
		g, _ = n.Release(e, g[:0])
		e = g[0].Entity
		order = append(order, e)
	}
	if want := []int32{4, 2, 3, 1}; !reflect.DeepEqual(order, want) {
		t.Errorf("service order %v, want %v", order, want)
	}
}

func TestNetworkCapacityChange(t *testing.T) {
	t.Parallel()
	var n Network
	a := n.AddPool("beds", 3, FIFO)
	var g []Grant
	for e := int32(0); e < 5; e++ {
		g, _ = n.Request(e, a, 0, g[:0])
	}
	// A cut evicts no one; it takes effect as units free up.
	g, err := n.SetCapacity(a, 1, g[:0])
	mustGrants(t, "cut", g, err)
	if n.Busy(a) != 3 {
		t.Fatalf("cut evicted: busy %d", n.Busy(a))
	}
	g, err = n.Release(0, g[:0])
	mustGrants(t, "release 0 above capacity", g, err)
	g, err = n.Release(1, g[:0])
	mustGrants(t, "release 1 above capacity", g, err)
	g, err = n.Release(2, g[:0])
	mustGrants(t, "release 2 at capacity", g, err, Grant{3, a, NoPool})
	// A rise admits the queue at once.
	g, err = n.SetCapacity(a, 4, g[:0])
	mustGrants(t, "rise", g, err, Grant{4, a, NoPool})
}

func TestNetworkBlockingAfterService(t *testing.T) {
	t.Parallel()
	var n Network
	acute := n.AddPool("acute", 2, FIFO)
	ic := n.AddPool("intermediate care", 1, FIFO)
	var g []Grant
	g, _ = n.Request(0, acute, 0, g[:0])
	g, _ = n.Request(1, acute, 0, g[:0])
	g, _ = n.Request(2, ic, 0, g[:0])
	// 0 and 1 finish acute care and wait for intermediate care in their
	// acute beds; 3 arrives and queues for an acute bed.
	g, err := n.Request(0, ic, 0, g[:0])
	mustGrants(t, "0 blocked", g, err)
	g, err = n.Request(1, ic, 0, g[:0])
	mustGrants(t, "1 blocked", g, err)
	g, err = n.Request(3, acute, 0, g[:0])
	mustGrants(t, "3 queued", g, err)
	if n.Blocked(acute) != 2 || n.Busy(acute) != 2 || n.Queued(ic) != 2 {
		t.Fatalf("blocked %d busy %d queued %d", n.Blocked(acute), n.Busy(acute), n.Queued(ic))
	}
	// The IC bed frees: the first blocked patient moves in, and its acute
	// bed goes to 3, in one instant.
	g, err = n.Release(2, g[:0])
	mustGrants(t, "release 2", g, err, Grant{0, ic, acute}, Grant{3, acute, NoPool})
	if n.Blocked(acute) != 1 {
		t.Fatalf("blocked %d, want 1", n.Blocked(acute))
	}
	g, err = n.Release(0, g[:0])
	mustGrants(t, "release 0", g, err, Grant{1, ic, acute})
	// A move to a pool with room is immediate.
	g, err = n.Release(1, g[:0])
	mustGrants(t, "release 1", g, err)
	g, err = n.Request(3, ic, 0, g[:0])
	mustGrants(t, "3 moves", g, err, Grant{3, ic, acute})
}

func TestNetworkWithdraw(t *testing.T) {
	t.Parallel()
	var n Network
	a := n.AddPool("a", 1, FIFO)
	b := n.AddPool("b", 1, FIFO)
	var g []Grant
	g, _ = n.Request(0, a, 0, g[:0])
	g, _ = n.Request(1, b, 0, g[:0])
	g, _ = n.Request(0, b, 0, g[:0]) // 0 blocked in a
	g, _ = n.Request(2, b, 0, g[:0])
	if !n.Withdraw(0) || n.Withdraw(0) {
		t.Fatal("Withdraw: want true then false")
	}
	if n.Blocked(a) != 0 || n.Queued(b) != 1 || n.Holds(0) != a {
		t.Fatalf("after withdraw: blocked %d queued %d holds %d", n.Blocked(a), n.Queued(b), n.Holds(0))
	}
	// 0 asks again and is now behind 2.
	g, _ = n.Request(0, b, 0, g[:0])
	g, err := n.Release(1, g[:0])
	mustGrants(t, "release 1", g, err, Grant{2, b, NoPool})
}

func TestNetworkTryRequest(t *testing.T) {
	t.Parallel()
	var n Network
	a := n.AddPool("beds", 1, FIFO)
	g, ok, err := n.TryRequest(0, a, nil)
	if !ok || err != nil || len(g) != 1 {
		t.Fatal("TryRequest on a free pool failed")
	}
	g, ok, _ = n.TryRequest(1, a, g[:0])
	if ok || len(g) != 0 || n.Queued(a) != 0 || n.Waiting(1) != NoPool {
		t.Fatal("TryRequest on a full pool queued or granted")
	}
}

func TestNetworkDeadlock(t *testing.T) {
	t.Parallel()
	t.Run("two pools blocked on each other", func(t *testing.T) {
		var n Network
		a := n.AddPool("acute", 1, FIFO)
		b := n.AddPool("care home", 1, FIFO)
		n.Request(0, a, 0, nil)
		n.Request(1, b, 0, nil)
		if _, err := n.Request(0, b, 0, nil); err != nil {
			t.Fatalf("half a cycle reported as deadlock: %v", err)
		}
		_, err := n.Request(1, a, 0, nil)
		var de *DeadlockError
		if !errors.As(err, &de) {
			t.Fatalf("no deadlock reported: %v", err)
		}
		if want := []string{"acute", "care home"}; !reflect.DeepEqual(de.Pools, want) {
			t.Errorf("pools %v, want %v", de.Pools, want)
		}
	})
	t.Run("stuck pool waiting on a busy one", func(t *testing.T) {
		var n Network
		a := n.AddPool("a", 1, FIFO)
		b := n.AddPool("b", 1, FIFO)
		c := n.AddPool("c", 1, FIFO)
		n.Request(0, a, 0, nil)
		n.Request(1, b, 0, nil)
		n.Request(2, c, 0, nil)
		n.Request(0, b, 0, nil) // a stuck on b
		// b stuck on c, but c's unit is in service: no deadlock.
		if _, err := n.Request(1, c, 0, nil); err != nil {
			t.Fatalf("chain reported as deadlock: %v", err)
		}
		// c's patient now waits for a: the cycle a→b→c→a is closed.
		_, err := n.Request(2, a, 0, nil)
		var de *DeadlockError
		if !errors.As(err, &de) || len(de.Pools) != 3 {
			t.Fatalf("three-pool cycle: got %v", err)
		}
	})
	t.Run("cut then release", func(t *testing.T) {
		var n Network
		a := n.AddPool("a", 2, FIFO)
		b := n.AddPool("b", 1, FIFO)
		n.Request(0, a, 0, nil)
		n.Request(1, a, 0, nil)
		n.Request(2, b, 0, nil)
		n.Request(0, b, 0, nil)                            // blocked in a
		if _, err := n.Request(2, a, 0, nil); err != nil { // b stuck, a has 1 in service
			t.Fatalf("unexpected deadlock: %v", err)
		}
		if _, err := n.SetCapacity(a, 1, nil); err != nil {
			t.Fatalf("unexpected deadlock after cut: %v", err)
		}
		// 1 leaves: a is at its new capacity with only blocked units.
		_, err := n.Release(1, nil)
		var de *DeadlockError
		if !errors.As(err, &de) {
			t.Fatalf("deadlock after release not reported: %v", err)
		}
	})
}

// TestNetworkInvariants applies random operations to a three-pool network
// and checks its counters against a recount of every entity's state.
func TestNetworkInvariants(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 7))
	var n Network
	for i, name := range []string{"a", "b", "c"} {
		n.AddPool(name, 1+i, Discipline(i%2))
	}
	const ents = 12
	var g []Grant
	for step := 0; step < 200000; step++ {
		e := int32(r.IntN(ents))
		p := PoolID(r.IntN(3))
		var err error
		switch op := r.IntN(10); {
		case op < 5:
			if n.Waiting(e) == NoPool && n.Holds(e) != p {
				g, err = n.Request(e, p, int32(r.IntN(3)), g[:0])
			}
		case op < 8:
			if n.Holds(e) != NoPool && n.Waiting(e) == NoPool {
				g, err = n.Release(e, g[:0])
			}
		case op < 9:
			n.Withdraw(e)
		default:
			g, err = n.SetCapacity(p, r.IntN(4), g[:0])
		}
		var de *DeadlockError
		if err != nil && !errors.As(err, &de) {
			t.Fatal(err)
		}
		if err != nil {
			// Break the deadlock so that the walk goes on.
			for x := int32(0); x < ents; x++ {
				n.Withdraw(x)
			}
		}
		for p := PoolID(0); p < 3; p++ {
			busy, queued, blocked := 0, 0, 0
			for x := int32(0); x < ents; x++ {
				if n.Holds(x) == p {
					busy++
					if n.Waiting(x) != NoPool {
						blocked++
					}
				}
				if n.Waiting(x) == p {
					queued++
				}
			}
			if busy != n.Busy(p) || queued != n.Queued(p) || blocked != n.Blocked(p) {
				t.Fatalf("step %d pool %d: counters busy %d queued %d blocked %d, recount %d %d %d",
					step, p, n.Busy(p), n.Queued(p), n.Blocked(p), busy, queued, blocked)
			}
			if n.Busy(p) < n.Capacity(p) && n.Queued(p) > 0 {
				t.Fatalf("step %d pool %d: a free unit with %d waiting", step, p, n.Queued(p))
			}
		}
	}
}

func TestNetworkSteadyStateAllocs(t *testing.T) {
	var n Network
	a := n.AddPool("a", 3, FIFO)
	b := n.AddPool("b", 2, Priority)
	var g []Grant
	// Warm up the queues and the entity table.
	for e := int32(0); e < 8; e++ {
		g, _ = n.Request(e, a, 0, g[:0])
	}
	next := int32(8)
	allocs := testing.AllocsPerRun(1000, func() {
		// Whoever holds a unit of a moves on to b, and whoever holds b leaves.
		for e := int32(0); e < next; e++ {
			switch {
			case n.Holds(e) == b && n.Waiting(e) == NoPool:
				g, _ = n.Release(e, g[:0])
			case n.Holds(e) == a && n.Waiting(e) == NoPool:
				g, _ = n.Request(e, b, e%3, g[:0])
			}
		}
		for e := int32(0); e < next; e++ {
			if n.Holds(e) == NoPool && n.Waiting(e) == NoPool {
				g, _ = n.Request(e, a, 0, g[:0])
			}
		}
	})
	if allocs != 0 {
		t.Errorf("steady state allocates %v times per round, want 0", allocs)
	}
}

// TestNetworkHold checks a pool that holds the units given up: a unit
// released, or left by an entity moving on, stays out of use (busy no
// longer counts it, Held does) and goes to the queue only when freed.
func TestNetworkHold(t *testing.T) {
	t.Parallel()
	var n Network
	beds := n.AddPool("beds", 1, FIFO)
	home := n.AddPool("home", 1, FIFO)
	n.SetHold(beds, true)
	g, err := n.Request(0, beds, 0, nil)
	mustGrants(t, "admit 0", g, err, Grant{0, beds, NoPool})
	g, err = n.Request(1, beds, 0, g[:0])
	mustGrants(t, "queue 1", g, err)
	// 0 leaves: the bed is held, so 1 waits on.
	g, err = n.Release(0, g[:0])
	mustGrants(t, "release 0", g, err)
	if n.Busy(beds) != 0 || n.Held(beds) != 1 || n.Queued(beds) != 1 {
		t.Fatalf("after release: busy %d held %d queued %d, want 0, 1, 1", n.Busy(beds), n.Held(beds), n.Queued(beds))
	}
	g, ok, err := n.TryRequest(2, beds, g[:0])
	if ok || err != nil || len(g) != 0 {
		t.Fatalf("TryRequest found a held unit free: %v %v %v", g, ok, err)
	}
	g, err = n.Free(beds, g[:0])
	mustGrants(t, "free", g, err, Grant{1, beds, NoPool})
	// 1 moves on to home, blocking after service: its bed is held too,
	// and 3, waiting for a bed, gets it only when it is freed.
	g, err = n.Request(3, beds, 0, g[:0])
	mustGrants(t, "queue 3", g, err)
	g, err = n.Request(9, home, 0, g[:0])
	mustGrants(t, "9 at home", g, err, Grant{9, home, NoPool})
	g, err = n.Request(1, home, 0, g[:0])
	mustGrants(t, "1 blocked", g, err)
	g, err = n.Release(9, g[:0])
	mustGrants(t, "9 leaves home", g, err, Grant{1, home, beds})
	if n.Held(beds) != 1 || n.Busy(beds) != 0 || n.Holds(3) != NoPool {
		t.Fatalf("after moving on: held %d busy %d, 3 holds %d", n.Held(beds), n.Busy(beds), n.Holds(3))
	}
	// A cut below the units in use closes the held unit when freed.
	g, err = n.SetCapacity(beds, 0, g[:0])
	mustGrants(t, "cut", g, err)
	g, err = n.Free(beds, g[:0])
	mustGrants(t, "free after cut", g, err)
	if n.Held(beds) != 0 || n.Queued(beds) != 1 {
		t.Fatalf("after the cut: held %d queued %d, want 0 and 1", n.Held(beds), n.Queued(beds))
	}
	g, err = n.SetCapacity(beds, 1, g[:0])
	mustGrants(t, "reopen", g, err, Grant{3, beds, NoPool})
	defer func() {
		if recover() == nil {
			t.Error("Free with nothing held did not panic")
		}
	}()
	n.Free(beds, nil)
}
