package care

import "caresim/sim/des"

// svcIC is the intermediate-care beds, step-down and step-up.
var svcIC = &service{
	name:  "intermediate-care",
	key:   "intermediate_care",
	title: "Intermediate care",
	chart: &serviceChart{title: "Intermediate care", overlay: "overlay-beds-intermediate-care", measure: "Intermediate-care beds occupied", unit: "beds",
		mean: "ic_occupied_mean", capacity: "ic_beds"},
	enabled:  func(p *Services) *bool { return &p.IntermediateCare.Enabled },
	units:    func(p *Services) *int { return &p.IntermediateCare.Beds },
	dists:    []serviceDist{{"length_of_stay", func(p *Services) *des.Dist { return &p.IntermediateCare.LengthOfStay }}},
	occupied: func(p *Services) *int { return &p.IntermediateCare.Occupied },
	stay:     func(p *Services) *des.Dist { return &p.IntermediateCare.LengthOfStay },
	slot:     slotICLOS,
	end:      evICEnd,
	busy:     true,
	capacity: true,
	los:      true,
	measures: []measureDef{
		daily(DailyICMidnight, "ic_occupied_midnight", "beds", midnight(busy),
			"intermediate-care beds occupied at midnight"),
		daily(DailyICMean, "ic_occupied_mean", "beds", dayMean(busy),
			"intermediate-care beds occupied, time-weighted mean"),
		daily(DailyICBeds, "ic_beds", "beds", dayMean(capacity),
			"intermediate-care beds (capacity)"),
		annual(AnnualICAdmissions, "ic_admissions", "patients", total(entries),
			"intermediate-care bed admissions, step-down and step-up"),
		annual(AnnualICBedDays, "ic_bed_days", "bed days", levelDays(busy),
			"occupied intermediate-care bed days"),
		annual(AnnualICBeds, "ic_beds", "beds", yearMean(capacity),
			"intermediate-care beds, mean over the year"),
		metric(MetricICOccupancy, "ic_occupancy_mean", "fraction", occupancy(busy, capacity),
			"occupied intermediate-care beds over beds, time-weighted"),
		metric(MetricICBedsOccupied, "ic_beds_occupied_mean", "beds", timeMean(busy),
			"occupied intermediate-care beds, time-weighted mean"),
		metric(MetricICLOS, "ic_los_mean_days", "days", tallyMean(stays),
			"intermediate-care bed stays, admission to leaving, over stays ending after warm-up"),
	},
}
