package care

import "caresim/sim/des"

// svcCommunity is the integrated community teams (PRISM): a caseload of
// places, taken only when free.
var svcCommunity = &service{
	name:     "community",
	key:      "community",
	title:    "Community teams",
	enabled:  func(p *Services) *bool { return &p.Community.Enabled },
	units:    func(p *Services) *int { return &p.Community.Caseload },
	dists:    []serviceDist{{"duration", func(p *Services) *des.Dist { return &p.Community.Duration }}},
	busy:     true,
	capacity: true,
}
