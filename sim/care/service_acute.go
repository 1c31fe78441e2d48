package care

import "caresim/sim/des"

// svcAcute is the general and acute beds, emergency and elective. Its
// length-of-stay tally counts emergency spells only, delays included.
var svcAcute = &service{
	name:    "acute",
	key:     "acute",
	title:   "Acute",
	enabled: func(p *Services) *bool { return &p.Acute.Enabled },
	units:   func(p *Services) *int { return &p.Acute.Beds },
	dists: []serviceDist{
		{"length_of_stay", func(p *Services) *des.Dist { return &p.Acute.LengthOfStay }},
		{"assessment", func(p *Services) *des.Dist { return &p.Acute.Assessment }},
	},
	occupied: func(p *Services) *int { return &p.Acute.Occupied },
	stay:     func(p *Services) *des.Dist { return &p.Acute.LengthOfStay },
	busy:     true,
	capacity: true,
	los:      true,
}
