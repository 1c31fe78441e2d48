package validation

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"caresim/sim/des"
	"caresim/sim/stats"
)

// Station is one pool of a [QNet]: identical servers (beds, cubicles) with
// a service-time distribution, and where its patients go next.
type Station struct {
	Name    string   // unique within the network; names the pool and its random stream
	Servers int      // capacity units; must be > 0
	Service des.Dist // time in service, in days; must be initialised
	// Loss makes the station a loss system: an arrival from outside that
	// finds every server busy is diverted (it leaves) instead of queueing.
	Loss bool
	// Next is the index of the station a patient moves on to after service
	// with probability P, or −1 for none; the others leave. A patient moving
	// on keeps its server here until the next station has one free
	// (blocking after service).
	Next int
	P    float64 // probability of moving on to Next, in [0, 1]
}

// QNet is a textbook queueing network run on the kernel: Poisson arrivals
// to station 0 at rate Lambda per day, stations in series with
// probabilistic routing and blocking after service. It reduces to M/M/c,
// M/M/c/c, M/G/c, M/G/∞ (with many servers) and the blocking tandem of
// [Tandem], whose exact answers the tests compare with.
//
// Statistics are collected from Warmup to Horizon (days) by one rule:
// every tally and counter records the events that happen after the
// warm-up (a wait is recorded when the server is granted, a holding time
// when it is given up), and every level averages over [Warmup, Horizon].
type QNet struct {
	Lambda   float64   // arrival rate to station 0, per day
	Stations []Station // station 0 receives the arrivals
	Warmup   des.Time
	Horizon  des.Time
}

// StationResult holds one station's measures over one replication, after
// the warm-up. Times are in days.
type StationResult struct {
	Occupancy    float64 // time-average servers held, in service or blocked
	OccupancyVar float64 // time-weighted variance of servers held
	Queue        float64 // time-average number waiting for a server (including those blocked upstream)
	Blocked      float64 // time-average servers held by patients blocked for the next station
	Entered      int     // patients granted a server
	Wait         float64 // mean wait for a server, over patients granted one
	Held         float64 // mean time holding a server (service plus blocking), over patients leaving it
	Left         int     // patients leaving a server
	BlockedTime  float64 // mean time blocked, over patients moving on
	Movers       int     // patients who moved on to the next station
	Arrivals     int     // external arrivals offered (station 0 only)
	Lost         int     // external arrivals diverted (loss stations only)
	Throughput   float64 // patients granted a server, per day
	Duration     float64 // length of the observation, in days
	Occupancy95  int     // 95th percentile of servers held over time
	PeakOccupied int     // most servers held at once
}

// Event kinds of the QNet model.
const (
	kindArrival des.Kind = iota + 1
	kindDone
	kindWarmup
)

type qpatient struct {
	asked des.Time // when it asked for its current or pending server
	got   des.Time // when it got its current server
	done  des.Time // when its service ended (start of blocking)
}

// Validate reports every problem with the network's parameters.
func (q *QNet) Validate() error {
	var errs []error
	if !(q.Lambda > 0) || math.IsInf(q.Lambda, 0) {
		errs = append(errs, fmt.Errorf("lambda: must be > 0, not %v", q.Lambda))
	}
	if len(q.Stations) == 0 {
		errs = append(errs, errors.New("stations: none"))
	}
	for i, s := range q.Stations {
		for j := range i {
			if q.Stations[j].Name == s.Name {
				errs = append(errs, fmt.Errorf("stations[%d].name: %q is also the name of stations[%d]", i, s.Name, j))
			}
		}
		if s.Servers <= 0 {
			errs = append(errs, fmt.Errorf("stations[%d].servers: must be > 0", i))
		}
		if err := s.Service.Init(); err != nil {
			errs = append(errs, fmt.Errorf("stations[%d].service: %w", i, err))
		}
		if s.Next >= len(q.Stations) || s.Next < -1 || s.Next == i {
			errs = append(errs, fmt.Errorf("stations[%d].next: no station %d", i, s.Next))
		}
		if !(s.P >= 0 && s.P <= 1) {
			errs = append(errs, fmt.Errorf("stations[%d].p: must be in [0, 1]", i))
		}
		if s.Loss && i != 0 {
			errs = append(errs, fmt.Errorf("stations[%d].loss: only station 0 may be a loss system", i))
		}
	}
	if !(q.Warmup >= 0 && q.Horizon > q.Warmup) {
		errs = append(errs, fmt.Errorf("horizon: must exceed warmup (%v), not %v", q.Warmup, q.Horizon))
	}
	return errors.Join(errs...)
}

// Run simulates replication rep with the given seed and returns one result
// per station and the number of events handled (one per arrival and one
// per service completion). Streams are "arrivals", "routing" and
// "service:NAME" for each station. Run is safe to call from several
// goroutines at once, each with its own replication.
func (q *QNet) Run(seed uint64, rep int) ([]StationResult, int, error) {
	m, err := q.Start(seed, rep)
	if err != nil {
		return nil, 0, err
	}
	for {
		more, err := m.Step()
		if err != nil {
			return nil, m.events, err
		}
		if !more {
			return m.Results(), m.events, nil
		}
	}
}

// Start validates the network and returns replication rep, ready to be
// stepped through event by event with [QRun.Step]. It is for benchmarks
// and tests that look inside a run; [QNet.Run] runs one whole.
func (q *QNet) Start(seed uint64, rep int) (*QRun, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	m := new(QRun)
	m.init(q, seed, rep)
	return m, nil
}

// QRun is one replication of a [QNet] in progress. It is not safe for
// concurrent use.
type QRun struct {
	q        *QNet
	cal      des.Calendar
	net      des.Network
	pat      des.Slab[qpatient]
	grants   []des.Grant
	arrRNG   *rand.Rand
	routeRNG *rand.Rand
	svcRNG   []*rand.Rand
	svc      []des.Dist

	occ, queue, blocked []stats.Level
	wait, held, blockT  []stats.Tally
	entered, movers     []int
	arrivals, lost      int
	warm                bool
	events              int
}

func (m *QRun) init(q *QNet, seed uint64, rep int) {
	n := len(q.Stations)
	m.q = q
	m.arrRNG = des.NewStream(seed, rep, "arrivals")
	m.routeRNG = des.NewStream(seed, rep, "routing")
	m.svc = make([]des.Dist, n)
	m.svcRNG = make([]*rand.Rand, n)
	m.occ = make([]stats.Level, n)
	m.queue = make([]stats.Level, n)
	m.blocked = make([]stats.Level, n)
	m.wait = make([]stats.Tally, n)
	m.held = make([]stats.Tally, n)
	m.blockT = make([]stats.Tally, n)
	m.entered = make([]int, n)
	m.movers = make([]int, n)
	for i, s := range q.Stations {
		m.net.AddPool(s.Name, s.Servers, des.FIFO)
		m.svc[i] = s.Service
		m.svc[i].Init() // validated already
		m.svcRNG[i] = des.NewStream(seed, rep, "service:"+s.Name)
	}
	m.warm = q.Warmup == 0
	if !m.warm {
		m.cal.Schedule(q.Warmup, kindWarmup, -1)
	}
	m.cal.Schedule(des.Time(m.arrRNG.ExpFloat64()/q.Lambda), kindArrival, -1)
}

// Step handles the next event and reports whether the run goes on: it
// returns false once the next event lies beyond the horizon. The error
// reports a deadlock, with the day it happened.
func (m *QRun) Step() (bool, error) {
	ev, ok := m.cal.Pop()
	if !ok || ev.At > m.q.Horizon {
		return false, nil
	}
	t := ev.At
	var err error
	switch ev.Kind {
	case kindArrival:
		m.events++
		err = m.arrive(t)
		m.cal.Schedule(t+des.Time(m.arrRNG.ExpFloat64()/m.q.Lambda), kindArrival, -1)
	case kindDone:
		m.events++
		err = m.finish(t, ev.ID)
	case kindWarmup:
		m.warmUp(t)
	}
	if err != nil {
		return false, fmt.Errorf("day %.3f: %w", float64(t), err)
	}
	return true, nil
}

// Events returns the number of arrivals and service completions handled.
func (m *QRun) Events() int { return m.events }

func (m *QRun) arrive(t des.Time) error {
	e := m.pat.Alloc()
	p := m.pat.At(e)
	p.asked = t
	if m.warm {
		m.arrivals++
	}
	var err error
	if m.q.Stations[0].Loss {
		var ok bool
		m.grants, ok, err = m.net.TryRequest(e, 0, m.grants[:0])
		if !ok {
			if m.warm {
				m.lost++
			}
			m.pat.Free(e)
			return nil
		}
	} else {
		m.grants, err = m.net.Request(e, 0, 0, m.grants[:0])
		m.queue[0].Set(t, m.net.Queued(0))
	}
	m.apply(t)
	return err
}

func (m *QRun) finish(t des.Time, e int32) error {
	at := m.net.Holds(e)
	s := &m.q.Stations[at]
	p := m.pat.At(e)
	p.done = t
	var err error
	if s.Next >= 0 && m.routeRNG.Float64() < s.P {
		next := des.PoolID(s.Next)
		p.asked = t
		m.grants, err = m.net.Request(e, next, 0, m.grants[:0])
		m.blocked[at].Set(t, m.net.Blocked(at))
		m.queue[next].Set(t, m.net.Queued(next))
	} else {
		if m.warm {
			m.held[at].Add(float64(t - p.got))
		}
		m.grants, err = m.net.Release(e, m.grants[:0])
		m.occ[at].Set(t, m.net.Busy(at))
		m.pat.Free(e)
	}
	m.apply(t)
	return err
}

// apply acts on the grants of the last network operation: each patient
// granted a server starts service there and, if it came from another
// station, ends its blocking there.
func (m *QRun) apply(t des.Time) {
	for _, g := range m.grants {
		p := m.pat.At(g.Entity)
		if m.warm {
			m.wait[g.Pool].Add(float64(t - p.asked))
			m.entered[g.Pool]++
		}
		m.occ[g.Pool].Set(t, m.net.Busy(g.Pool))
		m.queue[g.Pool].Set(t, m.net.Queued(g.Pool))
		if f := g.From; f != des.NoPool {
			if m.warm {
				m.held[f].Add(float64(t - p.got))
				m.blockT[f].Add(float64(t - p.done))
				m.movers[f]++
			}
			m.occ[f].Set(t, m.net.Busy(f))
			m.blocked[f].Set(t, m.net.Blocked(f))
		}
		p.got = t
		m.cal.Schedule(t+des.Time(m.svc[g.Pool].Sample(m.svcRNG[g.Pool])), kindDone, g.Entity)
	}
}

func (m *QRun) warmUp(t des.Time) {
	m.warm = true
	for i := range m.occ {
		p := des.PoolID(i)
		m.occ[i].Reset(t, m.net.Busy(p))
		m.queue[i].Reset(t, m.net.Queued(p))
		m.blocked[i].Reset(t, m.net.Blocked(p))
	}
}

// Results returns each station's measures from the warm-up to the horizon.
// Called before the run has reached its horizon, it still measures up to
// the horizon, as if nothing changed from the last event on.
func (m *QRun) Results() []StationResult {
	end := m.q.Horizon
	dur := float64(end - m.q.Warmup)
	out := make([]StationResult, len(m.q.Stations))
	for i := range out {
		r := &out[i]
		r.Duration = dur
		r.Occupancy = m.occ[i].Mean(end)
		r.OccupancyVar = m.occ[i].Variance(end)
		r.Occupancy95 = m.occ[i].Quantile(0.95, end)
		r.PeakOccupied = m.occ[i].Max()
		r.Queue = m.queue[i].Mean(end)
		r.Blocked = m.blocked[i].Mean(end)
		r.Entered = m.entered[i]
		r.Throughput = float64(m.entered[i]) / dur
		r.Wait = m.wait[i].Mean()
		r.Held = m.held[i].Mean()
		r.Left = m.held[i].Count()
		r.BlockedTime = m.blockT[i].Mean()
		r.Movers = m.movers[i]
	}
	out[0].Arrivals = m.arrivals
	out[0].Lost = m.lost
	return out
}
