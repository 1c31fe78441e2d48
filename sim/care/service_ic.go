package care

import "caresim/sim/des"

// svcIC is the intermediate-care beds, step-down and step-up.
var svcIC = &service{
	name:     "intermediate-care",
	key:      "intermediate_care",
	title:    "Intermediate care",
	enabled:  func(p *Services) *bool { return &p.IntermediateCare.Enabled },
	units:    func(p *Services) *int { return &p.IntermediateCare.Beds },
	dists:    []serviceDist{{"length_of_stay", func(p *Services) *des.Dist { return &p.IntermediateCare.LengthOfStay }}},
	occupied: func(p *Services) *int { return &p.IntermediateCare.Occupied },
	stay:     func(p *Services) *des.Dist { return &p.IntermediateCare.LengthOfStay },
	busy:     true,
	capacity: true,
	los:      true,
}
