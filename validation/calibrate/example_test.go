package calibrate_test

import (
	"fmt"
	"math/rand/v2"

	"caresim/validation/calibrate"
)

// ExampleImplausibility sets an observed month of 11,400 A&E departures
// beside four replications at a point, with 5% observation error and
// 10% model discrepancy: the replications' mean, 12,500, is 1,100 high,
// √(570² + 1,140² + 21,667·1.25) = 1,285 is the standard deviation
// allowed, so the implausibility is 0.86, well under the cut of 3.
func ExampleImplausibility() {
	v := calibrate.Variances{Observation: 0.05, Discrepancy: 0.10}
	impl, mean, _ := calibrate.Implausibility(11400, []float64{12400, 12600, 12350, 12650}, v)
	fmt.Printf("mean %.0f, implausibility %.2f, kept %v\n", mean, impl, impl <= calibrate.Cut)
	// Output: mean 12500, implausibility 0.86, kept true
}

// ExampleDesign draws a wave of 5 points over two parameters' ranges:
// each range's fifths (22 a day of arrivals, 7 minutes of treatment) hold
// one point each.
func ExampleDesign() {
	box := calibrate.Box{{Lo: 150, Hi: 260}, {Lo: 30, Hi: 65}}
	for _, p := range calibrate.Design(5, box, rand.NewPCG(1, 2)) {
		fmt.Printf("arrivals in fifth %d, treatment in fifth %d\n", int((p[0]-150)/22), int((p[1]-30)/7))
	}
	// Output:
	// arrivals in fifth 3, treatment in fifth 3
	// arrivals in fifth 1, treatment in fifth 2
	// arrivals in fifth 4, treatment in fifth 1
	// arrivals in fifth 2, treatment in fifth 0
	// arrivals in fifth 0, treatment in fifth 4
}
