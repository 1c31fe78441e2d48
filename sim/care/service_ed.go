package care

import "caresim/sim/des"

// svcED is the emergency department (type 1): cubicles, held from the
// start of treatment until the patient leaves, by an admitted patient
// until a bed is free (exit block). Its busy level counts every patient in
// the department, waiting for a cubicle too.
var svcED = &service{
	name:     "ed",
	key:      "ed",
	title:    "Emergency department",
	enabled:  func(p *Services) *bool { return &p.ED.Enabled },
	units:    func(p *Services) *int { return &p.ED.Cubicles },
	dists:    []serviceDist{{"treatment", func(p *Services) *des.Dist { return &p.ED.Treatment }}},
	busy:     true,
	capacity: true,
	measures: []measureDef{
		daily(DailyEDOccupancy, "ed_occupancy_mean", "patients", dayMean(busy),
			"patients in the emergency department: waiting, in treatment or waiting for a bed"),
		daily(DailyEDCubicles, "ed_cubicles", "cubicles", dayMean(capacity),
			"ED cubicles (capacity)"),
		daily(DailyEDAttendances, "ed_attendances", "patients", dayCount(entries),
			"type 1 A&E attendances (patients who entered ED)"),
		annual(AnnualEDAttendances, "ed_attendances", "patients", total(entries),
			"type 1 A&E attendances"),
		annual(AnnualEDCubicles, "ed_cubicles", "cubicles", yearMean(capacity),
			"ED cubicles, mean over the year"),
		metric(MetricEDAttendances, "ed_attendances_per_year", "per year", perYear(entries, entriesOf(svcUTC)),
			"A&E attendances of all types: ED (type 1) and urgent treatment (type 3)"),
		metric(MetricEDType1Attendances, "ed_type1_attendances_per_year", "per year", perYear(entries),
			"ED (type 1) attendances"),
		metric(MetricEDWaitHours, "ed_wait_hours_mean", "hours", tallyMean(tally(tEDWait)),
			"arrival in ED to the start of treatment in a cubicle"),
		metric(MetricEDTimeInDeptHours, "ed_time_in_department_hours_mean", "hours", tallyMean(tally(tEDDept)),
			"arrival in ED to leaving it, for home or for a bed"),
	},
}

// svcUTC is the urgent treatment centre (type 3): clinicians.
var svcUTC = &service{
	name:    "urgent-treatment",
	key:     "urgent_treatment",
	title:   "Urgent treatment",
	enabled: func(p *Services) *bool { return &p.UrgentTreatment.Enabled },
	units:   func(p *Services) *int { return &p.UrgentTreatment.Clinicians },
	dists:   []serviceDist{{"treatment", func(p *Services) *des.Dist { return &p.UrgentTreatment.Treatment }}},
	measures: []measureDef{
		daily(DailyUTCAttendances, "utc_attendances", "patients", dayCount(entries),
			"type 3 attendances at urgent treatment"),
		annual(AnnualUTCAttendances, "utc_attendances", "patients", total(entries),
			"urgent treatment (type 3) attendances"),
	},
}

// svcSDEC is same-day emergency care: chairs.
var svcSDEC = &service{
	name:    "sdec",
	key:     "sdec",
	title:   "Same-day emergency care",
	enabled: func(p *Services) *bool { return &p.SDEC.Enabled },
	units:   func(p *Services) *int { return &p.SDEC.Chairs },
	dists:   []serviceDist{{"treatment", func(p *Services) *des.Dist { return &p.SDEC.Treatment }}},
	measures: []measureDef{
		daily(DailySDECAttendances, "sdec_attendances", "patients", dayCount(entries),
			"same-day emergency care attendances"),
		annual(AnnualSDECAttendances, "sdec_attendances", "patients", total(entries),
			"same-day emergency care attendances"),
	},
}
