package des_test

import (
	"math"
	"testing"

	"caresim/internal/cputime"
	"caresim/sim/des"
	"caresim/validation"
)

// benchSteps runs a model for a million events to reach steady state
// (queues and slabs at their working size), then times one step per
// iteration, so that allocs/op is allocations per event, and reports
// events/s and the CPU time per event (see cputime: with -cpu 1 it is
// the figure that survives a shared machine). step handles one event and
// advances *events.
func benchSteps(b *testing.B, step func(), events *int) {
	for *events < 1e6 {
		step()
	}
	start := *events
	b.ReportAllocs()
	cpu := cputime.Start()
	for b.Loop() {
		step()
	}
	n := float64(*events - start)
	b.ReportMetric(n/b.Elapsed().Seconds(), "events/s")
	if t, ok := cpu.Elapsed(); ok {
		b.ReportMetric(float64(t.Nanoseconds())/n, "cpu-ns/event")
	}
}

// benchNet runs the network event by event, one event per benchmark
// iteration, so that allocs/op is allocations per event in steady state.
// It reports events/s, counting one event per arrival and one per service
// completion, as the kernel issue defines.
func benchNet(b *testing.B, q validation.QNet) {
	q.Horizon = des.Time(math.MaxFloat64)
	run, err := q.Start(1, 0)
	if err != nil {
		b.Fatal(err)
	}
	events := 0
	benchSteps(b, func() {
		if _, err := run.Step(); err != nil {
			b.Fatal(err)
		}
		events = run.Events()
	}, &events)
}

// BenchmarkMMc is the M/M/c queue with c = 10, λ = 9, μ = 1, FIFO, with
// its statistics (time-weighted occupancy and queue, wait tallies)
// collected as in validation.
func BenchmarkMMc(b *testing.B) {
	benchNet(b, validation.QNet{
		Lambda:   9,
		Stations: []validation.Station{{Name: "ed", Servers: 10, Service: des.Exponential(1), Next: -1}},
	})
}

// BenchmarkTandem is the blocking tandem of the kernel's validation: 20
// acute beds, Poisson 4 a day, stays of mean 4 days; 30% move on to 8
// intermediate-care beds (mean 5 days), blocking in their acute bed.
func BenchmarkTandem(b *testing.B) {
	benchNet(b, validation.QNet{
		Lambda: 4,
		Stations: []validation.Station{
			{Name: "acute", Servers: 20, Service: des.Exponential(4), Next: 1, P: 0.3},
			{Name: "intermediate care", Servers: 8, Service: des.Exponential(5), Next: -1},
		},
	})
}

// BenchmarkMMcHandWritten is the yardstick for BenchmarkMMc: the same
// M/M/c queue as a single-purpose program with no statistics, a binary
// heap of departure times and a ring of waiting arrivals. The ratio of
// the two events/s figures is what the kernel's generality costs.
func BenchmarkMMcHandWritten(b *testing.B) {
	const c, lambda, mu = 10, 9.0, 1.0
	r := des.NewStream(1, 0, "bench")
	var (
		now, nextArr float64
		deps         []float64 // min-heap of departure times
		queue        = make([]float64, 1<<16)
		qh, qn       int
		events       int
	)
	push := func(x float64) {
		deps = append(deps, x)
		i := len(deps) - 1
		for i > 0 {
			p := (i - 1) / 2
			if deps[p] <= x {
				break
			}
			deps[i] = deps[p]
			i = p
		}
		deps[i] = x
	}
	pop := func() {
		n := len(deps) - 1
		last := deps[n]
		deps = deps[:n]
		i := 0
		for {
			l := 2*i + 1
			if l >= n {
				break
			}
			if rr := l + 1; rr < n && deps[rr] < deps[l] {
				l = rr
			}
			if deps[l] >= last {
				break
			}
			deps[i] = deps[l]
			i = l
		}
		if n > 0 {
			deps[i] = last
		}
	}
	waited := 0.0
	nextArr = r.ExpFloat64() / lambda
	step := func() {
		events++
		if len(deps) == 0 || nextArr < deps[0] {
			now = nextArr
			if len(deps) < c {
				push(now + r.ExpFloat64()/mu)
			} else {
				queue[(qh+qn)&(len(queue)-1)] = now
				qn++
			}
			nextArr = now + r.ExpFloat64()/lambda
			return
		}
		now = deps[0]
		pop()
		if qn > 0 {
			waited += now - queue[qh]
			qh = (qh + 1) & (len(queue) - 1)
			qn--
			push(now + r.ExpFloat64()/mu)
		}
	}
	benchSteps(b, step, &events)
	if waited < 0 {
		b.Fatal("negative wait")
	}
}

// BenchmarkMMcKernel is the M/M/c of BenchmarkMMc on the bare kernel:
// calendar, network, slab, distributions and streams, summing waits as
// the hand-written program does but keeping no other statistics. Set
// beside BenchmarkMMcHandWritten it isolates what the kernel's generality
// costs; set beside BenchmarkMMc, what the statistics cost.
func BenchmarkMMcKernel(b *testing.B) {
	const (
		arrive des.Kind = iota + 1
		depart
	)
	var (
		cal    des.Calendar
		net    des.Network
		pat    des.Slab[des.Time] // arrival time
		g      []des.Grant
		waited float64
		events int
	)
	ed := net.AddPool("ED", 10, des.FIFO)
	arr, svc := des.Exponential(1.0/9), des.Exponential(1)
	rArr, rSvc := des.NewStream(1, 0, "arrivals"), des.NewStream(1, 0, "service")
	cal.Schedule(des.Time(arr.Sample(rArr)), arrive, -1)
	step := func() {
		ev, _ := cal.Pop()
		t := ev.At
		events++
		g = g[:0]
		if ev.Kind == arrive {
			e := pat.Alloc()
			*pat.At(e) = t
			g, _ = net.Request(e, ed, 0, g)
			cal.Schedule(t+des.Time(arr.Sample(rArr)), arrive, -1)
		} else {
			g, _ = net.Release(ev.ID, g)
			pat.Free(ev.ID)
		}
		for _, gr := range g {
			waited += float64(t - *pat.At(gr.Entity))
			cal.Schedule(t+des.Time(svc.Sample(rSvc)), depart, gr.Entity)
		}
	}
	benchSteps(b, step, &events)
	if waited < 0 {
		b.Fatal("negative wait")
	}
}
