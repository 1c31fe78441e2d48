package des_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"caresim/sim/des"
)

// A length of stay with a mean of 4 days and a standard deviation of 2 days.
func ExampleLogNormal() {
	los := des.LogNormal(4, 2)
	mean, variance := los.Moments()
	fmt.Printf("mean %.1f days, sd %.1f days, median %.2f days\n", mean, math.Sqrt(variance), los.Quantile(0.5))

	r := rand.New(rand.NewPCG(1, 1))
	const n = 100_000
	var sum float64
	for range n {
		sum += los.Sample(r)
	}
	fmt.Printf("mean of %d draws %.1f days\n", n, sum/n)
	// Output:
	// mean 4.0 days, sd 2.0 days, median 3.58 days
	// mean of 100000 draws 4.0 days
}

// Published lengths of stay often give the median and the 90th percentile.
func ExampleLogNormalMedianP90() {
	los := des.LogNormalMedianP90(5, 12)
	mean, _ := los.Moments()
	fmt.Printf("median %.0f, p90 %.0f, mean %.2f days\n", los.Quantile(0.5), los.Quantile(0.9), mean)
	// Output:
	// median 5, p90 12, mean 6.31 days
}

// A Dist written as a literal, as a scenario decoder produces it, must be
// initialised; Init reports every problem, each naming its field.
func ExampleDist_Init() {
	bad := des.Dist{Kind: des.DistExponential, Mean: -2, Shape: 1}
	fmt.Println(bad.Init())

	good := des.Dist{Kind: des.DistTriangular, Min: 0, Mode: 1, Max: 4}
	if err := good.Init(); err != nil {
		fmt.Println(err)
	}
	mean, _ := good.Moments()
	fmt.Printf("triangular mean %.3f\n", mean)
	// Output:
	// shape: not used by exponential
	// mean: must be > 0, got -2
	// triangular mean 1.667
}

// An empirical distribution of the number of home-care visits a day.
func ExampleEmpirical() {
	visits := des.Empirical([]float64{1, 2, 3, 4}, []float64{10, 50, 30, 10})
	mean, variance := visits.Moments()
	fmt.Printf("mean %.2f, variance %.2f, median %.0f\n", mean, variance, visits.Quantile(0.5))
	// Output:
	// mean 2.40, variance 0.64, median 2
}
