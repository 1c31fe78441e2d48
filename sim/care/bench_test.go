package care_test

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"caresim/internal/cputime"
	"caresim/scenarios"
	"caresim/sim/care"
)

// BenchmarkBaseline runs one replication of the built-in baseline: ten
// years after a one-year warm-up, about 4.5 million events. The issue's
// target is one second or less on one core (-cpu 1).
func BenchmarkBaseline(b *testing.B) {
	benchBaseline(b, nil)
}

// BenchmarkBaseline5y runs the baseline's first five years, before its
// demand outgrows the held capacity and the ED's queue grows without
// bound: the cost per event of a system in working order, which a queue
// growing without end does not mask.
func BenchmarkBaseline5y(b *testing.B) {
	benchBaseline(b, []string{"horizon=5y"})
}

// BenchmarkBaselineScale runs the baseline's first five years (as
// BenchmarkBaseline5y) with its population and every capacity 1, 3 and 10
// times Mid-Nottinghamshire's (see scaleSystem): an integrated care
// system's size, for the cost per event as the pending events outgrow
// the cache.
func BenchmarkBaselineScale(b *testing.B) {
	for _, k := range []float64{1, 3, 10} {
		b.Run(fmt.Sprintf("%gx", k), func(b *testing.B) {
			benchBaselineScaled(b, []string{"horizon=5y"}, k)
		})
	}
}

// scaleSystem multiplies by k a scenario's people and everything sized
// to them: the age bands' head counts, each route's arrivals from
// outside the population, and every capacity and starting census (beds,
// cubicles, corridor spaces, clinicians, chairs, call handlers, places,
// caseloads, ring-fenced beds, the elective programme, the bed rules'
// steps, floors and limits, home care's hours and its community
// requests), rounded to whole units. Rates per person and times are
// left as they are, so a system k times the size does k times the work
// at the same occupancies. Interventions are not scaled: the baseline
// holds its capacity.
func scaleSystem(p *care.Params, k float64) {
	scaled := map[string]bool{"people": true, "per_day": true, "cubicles": true, "corridor_spaces": true,
		"clinicians": true, "chairs": true, "handlers": true, "places": true, "beds": true, "occupied": true,
		"caseload": true, "ring_fenced": true, "programme": true, "step": true, "floor": true, "limit": true,
		"hours": true, "community": true}
	var walk func(v reflect.Value, inRoutes bool)
	walk = func(v reflect.Value, inRoutes bool) {
		switch v.Kind() {
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				f, fv := t.Field(i), v.Field(i)
				tag := f.Tag.Get("yaml")
				if !f.IsExported() || tag == "" || strings.HasPrefix(tag, "interventions") {
					continue
				}
				name, _, _ := strings.Cut(tag, ",")
				switch {
				case scaled[name] && fv.Kind() == reflect.Int:
					fv.SetInt(int64(math.Round(float64(fv.Int()) * k)))
				case scaled[name] && fv.Kind() == reflect.Float64 && (name != "per_day" || inRoutes):
					fv.SetFloat(fv.Float() * k)
				default:
					walk(fv, inRoutes || name == "routes")
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), inRoutes)
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), inRoutes)
			}
		}
	}
	walk(reflect.ValueOf(p).Elem(), false)
}

// BenchmarkBaselineHorizon runs the baseline for 10, 20 and 40 years with
// demand held level (no population growth or trend: the baseline's demand
// outgrows its capacity after its ten years, and an overloaded system's
// queues grow without end), to show that allocations do not grow with the
// horizon: their count stays level (set-up, and slices that double as
// they grow), and bytes grow only with the daily series.
func BenchmarkBaselineHorizon(b *testing.B) {
	for _, y := range []int{10, 20, 40} {
		b.Run(fmt.Sprintf("%dy", y), func(b *testing.B) {
			benchBaseline(b, []string{fmt.Sprintf("horizon=%dy", y), "population.age_bands[*].growth=0", "demand.urgent.trend=0"})
		})
	}
}

func benchBaseline(b *testing.B, sets []string) {
	benchBaselineScaled(b, sets, 1)
}

func benchBaselineScaled(b *testing.B, sets []string, k float64) {
	l, err := scenarios.Load("baseline", scenarios.Options{Sets: sets})
	if err != nil {
		b.Fatal(err)
	}
	p := &l.Scenario.Params
	if k != 1 {
		scaleSystem(p, k)
		if errs := p.Validate(); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
	b.ReportAllocs()
	events, rep := 0, 0
	cpu := cputime.Start()
	for b.Loop() {
		r, err := care.Run(p, care.Config{Seed: l.Scenario.Seed, Rep: rep, WarmUp: p.WarmUp.Length, ExcessAfter: 14})
		if err != nil {
			b.Fatal(err)
		}
		events += r.Events
		rep++
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(b.Elapsed().Seconds()/float64(rep), "s/rep")
	// The CPU time (see cputime), which a shared machine's load does not
	// inflate as it does the wall time: with -cpu 1, the replications'
	// and the garbage collector's.
	if t, ok := cpu.Elapsed(); ok {
		b.ReportMetric(float64(t.Nanoseconds())/float64(events), "cpu-ns/event")
		b.ReportMetric(t.Seconds()/float64(rep), "cpu-s/rep")
	}
}
