package validation_test

import (
	"fmt"

	"caresim/validation"
)

// Fifty beds offered 45 erlangs lose about one arrival in 18.
func ExampleErlangB() {
	fmt.Printf("B(50, 45) = %.4f\n", validation.ErlangB(50, 45))
	fmt.Printf("C(50, 45) = %.4f\n", validation.ErlangC(50, 45))
	// Output:
	// B(50, 45) = 0.0541
	// C(50, 45) = 0.3639
}

// Ten beds, nine admissions a day and a mean stay of one day: ρ = 0.9.
func ExampleMMc() {
	q := validation.MMc{Lambda: 9, Mu: 1, C: 10}
	if err := q.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("ρ           %.2f\n", q.Rho())
	fmt.Printf("P(wait)     %.4f\n", q.PWait())
	fmt.Printf("Lq          %.4f patients\n", q.Lq())
	fmt.Printf("Wq          %.4f days\n", q.Wq())
	fmt.Printf("L           %.4f patients\n", q.L())
	fmt.Printf("W           %.4f days\n", q.W())
	fmt.Printf("P(Wq > 1)   %.4f\n", q.PWaitLonger(1))
	fmt.Printf("95%% wait    %.4f days\n", q.WaitQuantile(0.95))
	// Output:
	// ρ           0.90
	// P(wait)     0.6687
	// Lq          6.0186 patients
	// Wq          0.6687 days
	// L           15.0186 patients
	// W           1.6687 days
	// P(Wq > 1)   0.2460
	// 95% wait    2.5934 days
}

// A stage with no capacity limit: 1.2 arrivals a day staying 5 days on
// average holds Poisson(6) patients, whatever the distribution of stays.
func ExampleMGInf() {
	s := validation.MGInf{Lambda: 1.2, MeanService: 5}
	fmt.Printf("mean %.1f, variance %.1f\n", s.Mean(), s.Variance())
	fmt.Printf("P(8 or fewer) %.4f\n", s.CDF(8))
	fmt.Printf("beds for 95%% of days: %d\n", s.Quantile(0.95))
	// Output:
	// mean 6.0, variance 6.0
	// P(8 or fewer) 0.8472
	// beds for 95% of days: 10
}

// A patient falls ill at rate 0.5 a year and recovers at rate 1.5 a year, so
// is well three quarters of the time.
func ExampleGenerator() {
	g := validation.Generator{States: 2}
	g.Add(0, 1, 0.5) // well → ill
	g.Add(1, 0, 1.5) // ill → well
	pi, err := g.Stationary()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("P(well) = %.3f, P(ill) = %.3f\n", pi[0], pi[1])
	// Output:
	// P(well) = 0.750, P(ill) = 0.250
}

// The reference case for the simulator: 20 acute beds, 8 intermediate-care
// beds, 4 admissions a day, mean stays of 4 and 5 days, and 30% of patients
// needing intermediate care, who wait in their acute bed when it is full.
func ExampleTandem_Solve() {
	t := validation.Tandem{Lambda: 4, MeanStay1: 4, MeanStay2: 5, P: 0.3, C1: 20, C2: 8}
	r, err := t.Solve()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("stage-1 beds occupied   %.4f\n", r.Occupancy1)
	fmt.Printf("waiting for a bed       %.4f patients\n", r.Queue1)
	fmt.Printf("mean wait for a bed     %.4f days\n", r.Wait1)
	fmt.Printf("P(arrival waits)        %.4f\n", r.PWait1)
	fmt.Printf("stage-1 bed time        %.4f days\n", r.Stay1)
	fmt.Printf("blocked (delayed)       %.4f patients\n", r.Blocked)
	fmt.Printf("blocked time per mover  %.4f days\n", r.BlockedTime)
	fmt.Printf("P(mover is blocked)     %.4f\n", r.PBlocked)
	fmt.Printf("stage-2 beds occupied   %.4f\n", r.Occupancy2)
	fmt.Printf("P(stage 2 full)         %.4f\n", r.Occupancy2Dist[t.C2])
	// Output:
	// stage-1 beds occupied   16.7868
	// waiting for a bed       2.7633 patients
	// mean wait for a bed     0.6908 days
	// P(arrival waits)        0.3767
	// stage-1 bed time        4.1967 days
	// blocked (delayed)       0.7868 patients
	// blocked time per mover  0.6557 days
	// P(mover is blocked)     0.3422
	// stage-2 beds occupied   6.0000
	// P(stage 2 full)         0.3512
}
