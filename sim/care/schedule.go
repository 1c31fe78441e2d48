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
// earlier change applied) to its target, and, when the intervention ends,
// back again over its ramp down:
//
//	to:    target = To
//	scale: target = before × Scale
//	add:   target = before + Add
//	value(t) = before + (target − before) × min(up(t), down(t))
//	up(t)   = clamp((t − start − lag) / ramp, 0, 1)
//	down(t) = clamp((end + 1 − t) / ramp_down, 0, 1)   (1 without an end)
//
// where start and end are the first and last days in place, in days from
// Params.Start, so the change is withdrawn by the end of its last day.
// Changes compose in the order written: a later intervention on the same
// parameter starts from where the earlier ones left it, and a change that
// is withdrawn (or not yet started) is the identity, so that each
// intervention's contribution comes and goes with it and the others keep
// theirs: 400 beds, +20 from one intervention until its end and ×1.1 from
// another, are 462 while both are in place and 440 after the first ends.
// Integer parameters (capacities) are rounded after each change.
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
	start, ramp des.Time // the rise: from start (the intervention's, plus the lag) over ramp, in days from Params.Start
	lag         des.Time // the lag drawn, included in start
	end, down   des.Time // the fall: gone at end (the day after the last day in place; +Inf for none), falling over down before it
	name        string   // intervention name, for messages
	iv, change  int      // the intervention's index in Params.Interventions, and the change's in it
}

// never is the end of a change whose intervention does not end.
var never = des.Time(math.Inf(1))

// NewSchedule draws the effect of every change of p's interventions from
// r, one uniform number per change in the order written (whether or not
// the effect has a range, so that streams stay aligned across scenarios),
// then one more for each change that has a lag, in the order written,
// and returns the schedule, which writes into p. A scenario without lags
// therefore draws as it did before lags existed, and adding a lag moves
// no effect. p must have passed [Params.Validate]. Effects and lags with
// a range are drawn from the triangular distribution on (Low, Central,
// High).
func NewSchedule(p *Params, r *rand.Rand) (*Schedule, error) {
	draw := func(e *Effect) float64 {
		u := r.Float64()
		if e == nil || !(e.Low < e.High) {
			if e == nil {
				return 0
			}
			return e.Central
		}
		tri := des.Triangular(e.Low, e.Central, e.High)
		return tri.Quantile(u)
	}
	return buildSchedule(p, draw, draw)
}

// buildSchedule returns the schedule of p's interventions with each
// change's effect amount(e), called once per change in the order written
// (with e nil for a change without an effect, which is an error), and
// then each lagged change's lag lag(e), called once per change that has
// one, in the order written.
func buildSchedule(p *Params, amount, lag func(e *Effect) float64) (*Schedule, error) {
	s := &Schedule{}
	index := map[string]int{}
	type span struct{ from, to int } // a change's entries in s.changes
	var spans []span
	for i, iv := range p.Interventions {
		start := iv.Start.Sub(p.Start)
		end, down := never, iv.RampDown
		if iv.End.Valid() {
			end = iv.End.Sub(p.Start) + 1
		}
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
			from := len(s.changes)
			for _, n := range nums {
				k, ok := index[n.Path]
				if !ok {
					k = len(s.params)
					index[n.Path] = k
					s.params = append(s.params, n)
					s.base = append(s.base, n.Get())
				}
				s.changes = append(s.changes, scheduled{param: k, op: op, amount: amount,
					start: start, ramp: iv.Ramp, end: end, down: down, name: iv.Name, iv: i, change: j})
			}
			spans = append(spans, span{from, len(s.changes)})
		}
	}
	// The lags, after every effect: see NewSchedule.
	k := 0
	for _, iv := range p.Interventions {
		for _, ch := range iv.Changes {
			if ch.Lag != nil {
				l := des.Time(lag(ch.Lag))
				for c := spans[k].from; c < spans[k].to; c++ {
					s.changes[c].lag = l
					s.changes[c].start += l
				}
			}
			k++
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

// progress is how far the change has gone at t: 0 before its start
// (and lag), rising to 1 over its ramp, and falling back to 0 over its
// ramp down to its end.
func (c *scheduled) progress(t des.Time) float64 {
	up := 1.0
	switch {
	case t < c.start:
		up = 0
	case c.ramp > 0 && t < c.start+c.ramp:
		up = float64((t - c.start) / c.ramp)
	}
	down := 1.0
	switch {
	case t >= c.end:
		down = 0
	case c.down > 0 && t > c.end-c.down:
		down = float64((c.end - t) / c.down)
	}
	return min(up, down)
}

// Times returns the times at which the parameters should be re-applied,
// sorted and without repeats: each change's start (after its lag), then
// every step days during its ramp, then the ramp's end; and for a change
// whose intervention ends, the start of its ramp down, every step days
// during it, and its end. A model applies the schedule at each and
// between them sees the values constant; step = 1 re-applies a ramp
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
		if c.end == never {
			continue
		}
		from := c.end - c.down
		ts = append(ts, from)
		for t := from + step; t < c.end; t += step {
			ts = append(ts, t)
		}
		ts = append(ts, c.end)
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

// Drawn returns the effect drawn for each change, in the order written
// (one entry per parameter a [*] path reaches), for reporting the
// replication's assumptions.
func (s *Schedule) Drawn() []Drawn {
	out := make([]Drawn, len(s.changes))
	for i, c := range s.changes {
		out[i] = Drawn{Intervention: c.name, Path: s.params[c.param].Path, Op: opName(c.op), Amount: c.amount, Lag: c.lag}
	}
	return out
}

// Drawn is one change's effect as drawn for a replication.
type Drawn struct {
	Intervention string
	Path         string   // the concrete parameter path
	Op           string   // to, scale or add
	Amount       float64  // the value drawn, in the parameter's unit (a factor for scale)
	Lag          des.Time // the lag drawn, in days; zero for a change without one
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
