package care_test

import (
	"fmt"

	"caresim/sim/care"
	"caresim/sim/des"
)

// An emergency department alone is an M/M/c queue: walk-ins arrive at
// random, 2 an hour, and each is treated for an exponential time with mean
// 1 hour in one of 3 cubicles, so the offered load is a = 2 and the
// utilisation ρ = 2/3. Erlang's C formula (Gross and Harris, Fundamentals
// of Queueing Theory, ch. 2) gives the chance of waiting for a cubicle and
// the mean wait:
//
//	C(3, 2) = (a³/3!)/(1 − ρ) / (1 + a + a²/2 + (a³/3!)/(1 − ρ)) = 4/9
//	Wq      = C / (cμ − λ) = (4/9) / (3 − 2) h ≈ 0.44 h
//	W       = Wq + 1/μ ≈ 1.44 h in the department
//
// and, as cμ − λ = μ here, the time in the department is the treatment
// alone with chance 1 − C and a gamma(2, 1 h) with chance C, so
//
//	P(W > 4 h) = e⁻⁴ (1 + 4C) ≈ 5.1%: 94.9% leave within 4 hours.
//
// One replication of a year after a month's warm-up comes close; its
// arrivals are a Poisson count, about 17,500 ± 130.
func ExampleRun() {
	p := &care.Params{
		Start:   des.Date{Year: 2014, Month: 4, Day: 1},
		Horizon: des.Year,
		Demand: care.Demand{Urgent: care.UrgentDemand{Routes: []care.Route{
			{Name: "walk-in", PerDay: 48}, // no population: a fixed stream; nobody admitted
		}}},
		Services: care.Services{ED: care.ED{Enabled: true, Cubicles: 3, Treatment: des.Exponential(1.0 / 24)}},
	}
	if errs := p.Validate(); len(errs) > 0 {
		fmt.Println(errs)
		return
	}
	r, err := care.Run(p, care.Config{Seed: 1, WarmUp: 30})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := r.Metrics
	fmt.Printf("arrivals a day: %.1f (λ = 48)\n", m[care.MetricEDType1Attendances]/365.25)
	fmt.Printf("mean wait for a cubicle: %.2f h (Erlang C: 0.44 h)\n", m[care.MetricEDWaitHours])
	fmt.Printf("mean time in the department: %.2f h (1.44 h)\n", m[care.MetricEDTimeInDeptHours])
	fmt.Printf("within 4 hours: %.1f%% (94.9%%)\n", 100*m[care.MetricED4h])
	// Output:
	// arrivals a day: 47.7 (λ = 48)
	// mean wait for a cubicle: 0.42 h (Erlang C: 0.44 h)
	// mean time in the department: 1.42 h (1.44 h)
	// within 4 hours: 95.3% (94.9%)
}
