package sim

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"caresim/scenarios"
	"caresim/sim/care"
)

// TestDailyValues puts seven replications' values of three measures over
// eleven days, from a goroutine each, in memory and in a file read back
// four days at a time (the last block short), and reads every value back
// where block says it is.
func TestDailyValues(t *testing.T) {
	t.Parallel()
	const reps, days, measures = 7, 11, 3
	val := func(rep, d, k int) float64 { return float64(rep*1000+d*10+k) + 0.25 }
	for _, inMemory := range []bool{true, false} {
		limit := 0
		if inMemory {
			limit = reps * days * measures * 4
		}
		v := newDailyValues(reps, days, measures, limit)
		if (v.mem != nil) != inMemory {
			t.Fatalf("in memory %v: got %v", inMemory, v.mem != nil)
		}
		v.blockMax = 4 * measures * reps * 4 // four days
		var wg sync.WaitGroup
		for rep := range reps {
			wg.Go(func() {
				daily := make([][]float64, measures)
				for k := range daily {
					for d := range days {
						daily[k] = append(daily[k], val(rep, d, k))
					}
				}
				if err := v.put(rep, daily); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		step := v.blockDays()
		if want := days; inMemory && step != want {
			t.Errorf("in memory: blocks of %d days, want %d", step, want)
		} else if want := 4; !inMemory && step != want {
			t.Errorf("in a file: blocks of %d days, want %d", step, want)
		}
		for d0 := 0; d0 < days; d0 += step {
			d1 := min(days, d0+step)
			blk, err := v.block(d0, d1)
			if err != nil {
				t.Fatal(err)
			}
			if len(blk) != (d1-d0)*measures*reps {
				t.Fatalf("block of days %d to %d holds %d values", d0, d1, len(blk))
			}
			for d := d0; d < d1; d++ {
				for k := range measures {
					for rep := range reps {
						if got, want := float64(blk[((d-d0)*measures+k)*reps+rep]), val(rep, d, k); got != want {
							t.Fatalf("in memory %v: replication %d, day %d, measure %d: %v, want %v", inMemory, rep, d, k, got, want)
						}
					}
				}
			}
		}
		v.close()
	}
}

// TestRunDailyInFile runs a month of the baseline with its daily values
// in memory and in a file read back three days at a time: the bands, and
// everything else, are the same.
func TestRunDailyInFile(t *testing.T) {
	// Not parallel: it lowers the package's limits for the runs it makes.
	l, err := scenarios.Load("baseline", scenarios.Options{Sets: []string{"horizon=31d", "warm_up.length=7d"}})
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Reps: 5, Workers: 2, Seed: 3}
	var res [2]*Results
	defer func(m, b int) { dailyInMemory, dailyBlock = m, b }(dailyInMemory, dailyBlock)
	for i, limit := range []int{dailyInMemory, 0} {
		dailyInMemory, dailyBlock = limit, 3*4*o.Reps*care.NumDaily
		if res[i], err = Run(context.Background(), &l.Scenario.Params, o); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(res[0].Daily, res[1].Daily) {
		t.Error("the daily bands differ with the values in a file")
	}
	if fmt.Sprint(res[0].Metrics) != fmt.Sprint(res[1].Metrics) || !reflect.DeepEqual(res[0].Annual, res[1].Annual) {
		t.Error("the metrics or annual summaries differ with the daily values in a file")
	}
}
