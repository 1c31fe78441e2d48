package care_test

import (
	"fmt"

	"caresim/sim/care"
	"caresim/sim/des"
)

// An intervention that cuts urgent demand by 10% in every age band, and one
// that opens beds, change the parameters they name through Numbers.
func ExampleParams_Numbers() {
	p := &care.Params{
		Population: care.Population{AgeBands: []care.AgeBand{
			{Name: "0-64", Urgent: 0.25},
			{Name: "65-84", Urgent: 0.5},
			{Name: "85+", Urgent: 1.2},
		}},
		Services: care.Services{Acute: care.Acute{Beds: 600, LengthOfStay: des.LogNormal(6, 8)}},
	}

	urgent, err := p.Numbers("population.age_bands[*].urgent")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range urgent {
		n.Set(n.Get() * 0.9)
		fmt.Printf("%s = %.3f %s\n", n.Path, n.Get(), n.Unit)
	}

	beds, _ := p.Numbers("services.acute.beds")
	beds[0].Set(beds[0].Get() * 1.035) // 621: bed counts are whole
	fmt.Println("beds:", p.Services.Acute.Beds)

	los, _ := p.Numbers("services.acute.length_of_stay.mean")
	fmt.Printf("%s = %g (%s)\n", los[0].Path, los[0].Get(), los[0].Unit)

	_, err = p.Numbers("population.age_bands[3].urgent")
	fmt.Println(err)
	// Output:
	// population.age_bands[0].urgent = 0.225 per-head
	// population.age_bands[1].urgent = 0.450 per-head
	// population.age_bands[2].urgent = 1.080 per-head
	// beds: 621
	// services.acute.length_of_stay.mean = 6 (duration)
	// parameter path "population.age_bands[3].urgent": index 3 out of range: population.age_bands has 3
}
