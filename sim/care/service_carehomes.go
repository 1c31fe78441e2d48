package care

import "caresim/sim/des"

// svcCareHomes is the care-home beds; a stay ends in death.
var svcCareHomes = &service{
	name:      "care-homes",
	key:       "care_homes",
	title:     "Care homes",
	enabled:   func(p *Services) *bool { return &p.CareHomes.Enabled },
	units:     func(p *Services) *int { return &p.CareHomes.Beds },
	dists:     []serviceDist{{"length_of_stay", func(p *Services) *des.Dist { return &p.CareHomes.LengthOfStay }}},
	occupied:  func(p *Services) *int { return &p.CareHomes.Occupied },
	stay:      func(p *Services) *des.Dist { return &p.CareHomes.LengthOfStay },
	residents: true,
	busy:      true,
	capacity:  true,
}
