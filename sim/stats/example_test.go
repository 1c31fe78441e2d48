package stats_test

import (
	"fmt"
	"math/rand/v2"

	"caresim/sim/des"
	"caresim/sim/stats"
)

// A ward's occupied beds: readers take the end of the run, so that the
// level holding at the end is counted.
func ExampleLevel() {
	var beds stats.Level // 0 beds occupied from time 0
	beds.Set(2, 3)       // 3 occupied from day 2
	beds.Add(5, -2)      // 1 from day 5
	const end = 10
	fmt.Printf("mean %.2f beds, variance %.2f\n", beds.Mean(end), beds.Variance(end))
	fmt.Printf("95th percentile %d beds, max %d\n", beds.Quantile(0.95, end), beds.Max())
	fmt.Printf("%.0f days with no bed occupied\n", float64(beds.TimeAt(0, end)))
	// Output:
	// mean 1.40 beds, variance 1.24
	// 95th percentile 3 beds, max 3
	// 2 days with no bed occupied
}

// Discarding a warm-up: after day 5, measure afresh from the current level.
func ExampleLevel_Reset() {
	var queue stats.Level
	queue.Set(1, 20) // an initial surge
	queue.Set(5, 2)
	queue.Reset(5, queue.Value()) // end of warm-up
	queue.Set(8, 4)
	fmt.Printf("mean queue after warm-up %.1f, max %d\n", queue.Mean(10), queue.Max())
	// Output:
	// mean queue after warm-up 2.8, max 4
}

// Lengths of stay in days, with a histogram of quarter-day bins for
// percentiles.
func ExampleTally() {
	los := stats.Tally{BinWidth: 0.25}
	for _, days := range []float64{0.5, 1.2, 2.5, 3, 3.1, 4.8, 6, 7.5, 12, 21} {
		los.Add(days)
	}
	fmt.Printf("n %d, mean %.2f, SD %.2f, range %.1f–%.1f days\n",
		los.Count(), los.Mean(), los.SD(), los.Min(), los.Max())
	fmt.Printf("median ≈ %.2f days (within a quarter day)\n", los.Quantile(0.5))
	// Output:
	// n 10, mean 6.16, SD 6.21, range 0.5–21.0 days
	// median ≈ 3.25 days (within a quarter day)
}

// Pooling the waits of several replications into one tally.
func ExampleTally_Merge() {
	var pooled stats.Tally
	for rep := range 3 {
		var waits stats.Tally // one per replication
		for i := range 4 {
			waits.Add(float64(rep + i))
		}
		pooled.Merge(waits) // in replication order
	}
	fmt.Printf("n %d, mean %.2f, variance %.2f\n", pooled.Count(), pooled.Mean(), pooled.Variance())
	// Output:
	// n 12, mean 2.50, variance 2.09
}

// Daily counts: admissions per day.
func ExampleSeries() {
	var admissions stats.Series
	for _, t := range []des.Time{0.2, 0.7, 1.5, 3.9} {
		admissions.Inc(stats.Day(t), 1)
	}
	fmt.Println(admissions)
	// Output:
	// [2 1 0 1]
}

// The daily mean and the midnight census of a ward's occupied beds.
func ExampleDailyLevel() {
	var beds stats.DailyLevel
	beds.Grow(3)      // the horizon: no allocation while recording
	beds.Set(0.5, 2)  // two admissions at noon on day 0
	beds.Set(1.25, 4) // two more on day 1
	beds.Set(2, 1)    // three discharges at exactly midnight,
	beds.Set(2, 3)    // and two admissions at the same instant
	beds.AdvanceTo(3) // end of the run: close the last day
	fmt.Println("daily mean:", beds.DayMeans())
	fmt.Println("midnight census:", beds.Midnights())
	fmt.Printf("overall mean %.1f, peak %d\n", beds.Mean(3), beds.Max())
	// Output:
	// daily mean: [1 3.5 3]
	// midnight census: [0 2 4]
	// overall mean 2.5, peak 4
}

// A confidence interval across replications: one value per replication.
func ExampleSummarize() {
	meanOccupancy := []float64{91.2, 88.7, 90.4, 92.9, 89.5, 90.1, 91.8, 87.9, 90.6, 91.0}
	s := stats.Summarize(meanOccupancy, 0.95)
	fmt.Printf("%.1f ± %.1f beds (95%% CI %.1f to %.1f, n = %d, SD %.2f)\n",
		s.Mean, s.HalfWidth, s.Lo(), s.Hi(), s.N, s.SD)
	// Output:
	// 90.4 ± 1.0 beds (95% CI 89.4 to 91.5, n = 10, SD 1.46)
}

// Comparing two scenarios run with the same seeds: the interval for the
// difference B − A.
func ExamplePaired() {
	baseline := []float64{412, 398, 430, 405, 421} // delayed bed days, per replication
	withT2A := []float64{371, 362, 385, 370, 380}  // the same seeds, with transfer to assess
	d := stats.Paired(baseline, withT2A, 0)        // 0: 95%
	fmt.Printf("change %.0f bed days (95%% CI %.0f to %.0f)\n", d.Mean, d.Lo(), d.Hi())
	// Output:
	// change -40 bed days (95% CI -45 to -35)
}

// How many replications for a 95% CI within ±2% of the mean?
func ExampleRepsNeeded() {
	rng := rand.New(rand.NewPCG(1, 1))
	pilot := make([]float64, 10)
	for i := range pilot {
		pilot[i] = 100 + 8*rng.NormFloat64() // SD 8% of the mean
	}
	fmt.Println(stats.RepsNeeded(pilot, 0.02, 0.95))
	// Output:
	// 38
}

// Warm-up from a daily series that fills up from empty.
func ExampleMSER5() {
	daily := make([]float64, 120)
	for d := range daily {
		daily[d] = min(float64(d), 40) + float64(d%3) // fills for 40 days, then flat with a wobble
	}
	fmt.Println("discard the first", stats.MSER5(daily), "days")
	// Output:
	// discard the first 40 days
}
