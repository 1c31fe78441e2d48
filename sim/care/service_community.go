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
	staff:    func(p *Services) *Staffing { return &p.Community.Staff },
	employer: employerCommunity,
	dists:    []serviceDist{{"duration", func(p *Services) *des.Dist { return &p.Community.Duration }}},
	stay:     func(p *Services) *des.Dist { return &p.Community.Duration },
	slot:     slotCommunity,
	end:      evCommunityEnd,
	admit:    "enrol",
	busy:     true,
	capacity: true,
	measures: []measureDef{
		daily(DailyCommunityMean, "community_caseload_mean", "people", dayMean(busy),
			"people on the community teams' caseload (time-weighted mean)"),
		daily(DailyCommunityPlaces, "community_places", "people", dayMean(capacity),
			"community teams' caseload capacity"),
		annual(AnnualEnrolments, "community_enrolments", "people", total(entries),
			"people enrolled on the community teams' caseload"),
		annual(follows, "community_enrolments_flagged_wrongly", "people", total(count(cWrongEnrolled)),
			"of them, people case-finding found who were not in the strata it looks for (services.community.ppv)"),
		annual(AnnualCommunityCaseloadDays, "community_caseload_days", "person days", levelDays(busy),
			"days people spent on the community teams' caseload"),
		annual(AnnualCommunityPlaces, "community_places", "people", yearMean(capacity),
			"community caseload capacity, mean over the year"),
		metric(MetricCommunityCaseload, "community_caseload_mean", "people", timeMean(busy),
			"people on the community teams' caseload, time-weighted mean"),
	},
}
