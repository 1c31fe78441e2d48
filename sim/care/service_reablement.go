package care

import "caresim/sim/des"

// svcReablement is reablement at home (pathway 1): a caseload of packages.
var svcReablement = &service{
	name:     "reablement",
	key:      "reablement",
	title:    "Reablement",
	enabled:  func(p *Services) *bool { return &p.Reablement.Enabled },
	units:    func(p *Services) *int { return &p.Reablement.Caseload },
	dists:    []serviceDist{{"duration", func(p *Services) *des.Dist { return &p.Reablement.Duration }}},
	busy:     true,
	capacity: true,
}
