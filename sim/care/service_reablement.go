package care

import "caresim/sim/des"

// svcReablement is reablement at home (pathway 1): a caseload of packages.
var svcReablement = &service{
	name:     "reablement",
	key:      "reablement",
	title:    "Reablement",
	enabled:  func(p *Services) *bool { return &p.Reablement.Enabled },
	units:    func(p *Services) *int { return &p.Reablement.Caseload },
	staff:    func(p *Services) *Staffing { return &p.Reablement.Staff },
	employer: employerSocialCare,
	dists:    []serviceDist{{"duration", func(p *Services) *des.Dist { return &p.Reablement.Duration }}},
	stay:     func(p *Services) *des.Dist { return &p.Reablement.Duration },
	slot:     slotReablement,
	end:      evReablementEnd,
	admit:    "start",
	busy:     true,
	capacity: true,
	measures: []measureDef{
		daily(DailyReablementMean, "reablement_caseload_mean", "packages", dayMean(busy),
			"reablement packages in progress (time-weighted mean)"),
		daily(DailyReablementPlaces, "reablement_places", "packages", dayMean(capacity),
			"reablement caseload capacity"),
		annual(AnnualReablementStarts, "reablement_starts", "packages", total(entries),
			"reablement packages started"),
		annual(AnnualReablementDays, "reablement_days", "package days", levelDays(busy),
			"days of reablement delivered"),
		annual(AnnualReablementPlaces, "reablement_places", "packages", yearMean(capacity),
			"reablement caseload capacity, mean over the year"),
		metric(MetricReablementCaseload, "reablement_caseload_mean", "packages", timeMean(busy),
			"reablement packages in progress, time-weighted mean"),
	},
}
