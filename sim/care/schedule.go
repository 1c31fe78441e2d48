package care

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"caresim/sim/des"
)

// Schedule is the interventions of one replication with their effects
// drawn: it sets the parameters of a Params to their values at any time.
//
// Each change moves its parameter linearly, over its intervention's ramp,
// from the value it has just before the change (the base value with every
// earlier change applied) to its target:
//
//	to:    target = To
//	scale: target = before × Scale
//	add:   target = before + Add
//	value(t) = before + (target − before) × clamp((t − start) / ramp, 0, 1)
//
// so changes compose in the order written: a later intervention on the same
// parameter starts from where the earlier ones left it. Integer parameters
// (capacities) are rounded after each change.
//
// One Schedule per replication; not safe for concurrent use.
type Schedule struct {
	changes []scheduled
	base    []float64 // the value of each distinct parameter before any change
	params  []Number  // the distinct parameters, in order of first change
	work    []float64 // Apply's scratch values, kept so that Apply does not allocate
}

type scheduled struct {
	param       int      // index into Schedule.params
	op          byte     // 't'o, 's'cale or 'a'dd
	amount      float64  // the drawn effect
	start, ramp des.Time // days from Params.Start
	name        string   // intervention name, for messages
	iv, change  int      // the intervention's index in Params.Interventions, and the change's in it
}

// NewSchedule draws the effect of every change of p's interventions from
// r, one uniform number per change in the order written (whether or not
// the effect has a range, so that streams stay aligned across scenarios),
// and returns the schedule, which writes into p. p must have passed
// [Params.Validate]. Effects with a range are drawn from the triangular
// distribution on (Low, Central, High).
func NewSchedule(p *Params, r *rand.Rand) (*Schedule, error) {
	return buildSchedule(p, func(e *Effect) float64 {
		u := r.Float64()
		if e == nil || !(e.Low < e.High) {
			if e == nil {
				return 0
			}
			return e.Central
		}
		tri := des.Triangular(e.Low, e.Central, e.High)
		return tri.Quantile(u)
	})
}

// buildSchedule returns the schedule of p's interventions with each
// change's effect amount(e), called once per change in the order written
// (with e nil for a change without an effect, which is an error).
func buildSchedule(p *Params, amount func(e *Effect) float64) (*Schedule, error) {
	s := &Schedule{}
	index := map[string]int{}
	for i, iv := range p.Interventions {
		start := iv.Start.Sub(p.Start)
		for j, ch := range iv.Changes {
			op, e := byte('t'), ch.To
			switch {
			case ch.Scale != nil:
				op, e = 's', ch.Scale
			case ch.Add != nil:
				op, e = 'a', ch.Add
			}
			amount := amount(e)
			if e == nil {
				return nil, fmt.Errorf("care: intervention %s change %d has no effect", iv.Name, j)
			}
			nums, err := p.Numbers(ch.Path)
			if err != nil {
				return nil, fmt.Errorf("care: intervention %s: %w", iv.Name, err)
			}
			for _, n := range nums {
				k, ok := index[n.Path]
				if !ok {
					k = len(s.params)
					index[n.Path] = k
					s.params = append(s.params, n)
					s.base = append(s.base, n.Get())
				}
				s.changes = append(s.changes, scheduled{param: k, op: op, amount: amount,
					start: start, ramp: iv.Ramp, name: iv.Name, iv: i, change: j})
			}
		}
	}
	return s, nil
}

// Apply sets every parameter the schedule changes to its value at time t,
// in days from Params.Start.
func (s *Schedule) Apply(t des.Time) {
	s.work = append(s.work[:0], s.base...)
	v := s.work
	for _, c := range s.changes {
		before := v[c.param]
		var target float64
		switch c.op {
		case 't':
			target = c.amount
		case 's':
			target = before * c.amount
		default:
			target = before + c.amount
		}
		x := before + (target-before)*c.progress(t)
		if s.params[c.param].Integer() {
			x = math.Round(x)
		}
		v[c.param] = x
	}
	for i, n := range s.params {
		n.Set(v[i])
	}
}

// progress is how far the change has gone at t: 0 before its start, 1
// after its ramp.
func (c *scheduled) progress(t des.Time) float64 {
	switch {
	case t < c.start:
		return 0
	case c.ramp <= 0 || t >= c.start+c.ramp:
		return 1
	}
	return float64((t - c.start) / c.ramp)
}

// Times returns the times at which the parameters should be re-applied,
// sorted and without repeats: each change's start, then every step days
// during its ramp, then its end. A model applies the schedule at each
// and between them sees the values constant; step = 1 re-applies a ramp
// daily.
func (s *Schedule) Times(step des.Time) []des.Time {
	if step <= 0 {
		panic("care: Schedule.Times step must be > 0")
	}
	var ts []des.Time
	for _, c := range s.changes {
		ts = append(ts, c.start)
		for t := c.start + step; t < c.start+c.ramp; t += step {
			ts = append(ts, t)
		}
		if c.ramp > 0 {
			ts = append(ts, c.start+c.ramp)
		}
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

// firstAt maps each time at which a change starts or ends its ramp to the
// first such change, in the order written.
func (s *Schedule) firstAt() map[des.Time]*scheduled {
	m := map[des.Time]*scheduled{}
	for i := range s.changes {
		c := &s.changes[i]
		for _, t := range []des.Time{c.start, c.start + c.ramp} {
			if _, ok := m[t]; !ok {
				m[t] = c
			}
		}
	}
	return m
}

// Drawn returns the effect drawn for each change, in the order written
// (one entry per parameter a [*] path reaches), for reporting the
// replication's assumptions.
func (s *Schedule) Drawn() []Drawn {
	out := make([]Drawn, len(s.changes))
	for i, c := range s.changes {
		out[i] = Drawn{Intervention: c.name, Path: s.params[c.param].Path, Op: opName(c.op), Amount: c.amount}
	}
	return out
}

// Drawn is one change's effect as drawn for a replication.
type Drawn struct {
	Intervention string
	Path         string  // the concrete parameter path
	Op           string  // to, scale or add
	Amount       float64 // the value drawn, in the parameter's unit (a factor for scale)
}

func opName(op byte) string {
	switch op {
	case 's':
		return "scale"
	case 'a':
		return "add"
	}
	return "to"
}
