package care

import "caresim/sim/des"

// svcUCR is the urgent community response: short episodes of care at home
// for patients Call for Care navigates, taken only when a place is free.
var svcUCR = &service{
	name:     "urgent-community-response",
	key:      "urgent_community_response",
	title:    "Urgent community response",
	enabled:  func(p *Services) *bool { return &p.UrgentResponse.Enabled },
	units:    func(p *Services) *int { return &p.UrgentResponse.Places },
	staff:    func(p *Services) *Staffing { return &p.UrgentResponse.Staff },
	employer: employerCommunity,
	dists:    []serviceDist{{"duration", func(p *Services) *des.Dist { return &p.UrgentResponse.Duration }}},
	stay:     func(p *Services) *des.Dist { return &p.UrgentResponse.Duration },
	slot:     slotUCR,
	end:      evUCREnd,
	admit:    "start",
	busy:     true,
	capacity: true,
	measures: []measureDef{
		daily(follows, "ucr_episodes_mean", "episodes", dayMean(busy),
			"urgent community response episodes in progress (time-weighted mean)"),
		daily(follows, "ucr_places", "episodes", dayMean(capacity),
			"urgent community response places (capacity)"),
		annual(AnnualUCREpisodes, "ucr_episodes", "episodes", total(entries),
			"urgent community response episodes started"),
		annual(AnnualUCRAdmitted, "ucr_admitted", "patients", total(count(cUCRAdmitted)),
			"urgent community response episodes that ended in an emergency admission"),
		annual(AnnualUCRDays, "ucr_days", "episode days", levelDays(busy),
			"days of urgent community response delivered"),
		annual(AnnualUCRPlaces, "ucr_places", "episodes", yearMean(capacity),
			"urgent community response places, mean over the year"),
		metric(follows, "ucr_occupancy_mean", "fraction", occupancy(busy, capacity),
			"urgent community response episodes in progress over places, time-weighted"),
	},
}
