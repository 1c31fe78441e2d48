package care

import "caresim/sim/des"

// svcCareHomes is the care-home beds; a stay ends in death.
var svcCareHomes = &service{
	name:  "care-homes",
	key:   "care_homes",
	title: "Care homes",
	chart: &serviceChart{title: "Care home", overlay: "overlay-care-home-residents", measure: "Care-home residents", unit: "residents",
		mean: "care_home_residents_mean", capacity: "care_home_beds"},
	enabled:   func(p *Services) *bool { return &p.CareHomes.Enabled },
	units:     func(p *Services) *int { return &p.CareHomes.Beds },
	staff:     func(p *Services) *Staffing { return &p.CareHomes.Staff },
	employer:  employerIndependent,
	dists:     []serviceDist{{"length_of_stay", func(p *Services) *des.Dist { return &p.CareHomes.LengthOfStay }}},
	occupied:  func(p *Services) *int { return &p.CareHomes.Occupied },
	stay:      func(p *Services) *des.Dist { return &p.CareHomes.LengthOfStay },
	slot:      slotCareHomeLOS,
	end:       evStayEnd,
	leave:     "die",
	residents: true,
	busy:      true,
	capacity:  true,
	measures: []measureDef{
		daily(DailyCareHomeMidnight, "care_home_residents_midnight", "residents", midnight(busy),
			"care-home residents at midnight"),
		daily(DailyCareHomeMean, "care_home_residents_mean", "residents", dayMean(busy),
			"care-home residents (time-weighted mean)"),
		daily(DailyCareHomeBeds, "care_home_beds", "beds", dayMean(capacity),
			"care-home beds (capacity)"),
		daily(DailyCareHomeAdmissions, "care_home_admissions", "patients", dayCount(entries),
			"permanent admissions to a care home, from hospital, intermediate care and the community: "+
				"each person once, when first placed (ASCOF 2A), not on a return from hospital"),
		annual(AnnualCareHomeAdmissions, "care_home_admissions", "residents", total(entries),
			"permanent care-home admissions: each person once, when first placed (ASCOF 2A), not on a return from hospital"),
		annual(AnnualCareHomeReturns, "care_home_returns", "residents", total(count(cCareHomeReturns)),
			"care-home residents going back to their own care home from an acute bed (pathway 0 or 1) "+
				"or an intermediate-care bed; not admissions"),
		annual(AnnualCareHomeBedDays, "care_home_bed_days", "bed days", levelDays(busy),
			"occupied care-home bed days"),
		annual(AnnualCareHomeBeds, "care_home_beds", "beds", yearMean(capacity),
			"care-home beds, mean over the year"),
		metric(MetricCareHomeAdmissions, "care_home_admissions_per_year", "per year", perYear(entries),
			"permanent care-home admissions, from hospital, intermediate care and the community: "+
				"each person once, when first placed (ASCOF 2A)"),
		metric(MetricCareHomeReturns, "care_home_returns_per_year", "per year", perYear(count(cCareHomeReturns)),
			"care-home residents going back to their own care home from an acute or intermediate-care bed"),
		metric(MetricCareHomeResidents, "care_home_residents_mean", "residents", timeMean(busy),
			"care-home residents, time-weighted mean"),
	},
}
