package care

// Measure names one output of the model, with its unit and what it counts.
type Measure struct {
	Name string // snake_case, with the unit in the name where it is not a count
	Unit string // "patients", "beds", "days", "hours", "fraction", "per year", ...
	Doc  string // one sentence: what is counted and how
}

// Daily measures: one value per simulated day after warm-up, in
// [Result.Daily]. Levels ("…_mean") are time-weighted means over the day;
// "…_midnight" is the census at the start of the day; the others are
// counts of things that happened that day.
const (
	DailyAcuteMidnight = iota
	DailyAcuteMean
	DailyAcuteBeds
	DailyAcuteDelayed
	DailyAcuteDelayedP1
	DailyAcuteDelayedP2
	DailyAcuteDelayedP3
	DailyWaitingForBed
	DailyEDOccupancy
	DailyEDCubicles
	DailyICMidnight
	DailyICMean
	DailyICBeds
	DailyReablementMean
	DailyReablementPlaces
	DailyCareHomeMidnight
	DailyCareHomeMean
	DailyCareHomeBeds
	DailyCommunityMean
	DailyCommunityPlaces
	DailyArrivalsWalkIn
	DailyArrivalsAmbulance
	DailyArrivalsGP
	DailyArrivalsCareHome
	DailyEDAttendances
	DailyUTCAttendances
	DailySDECAttendances
	DailyAEDepartures
	DailyAE4hBreaches
	DailyED12hDTA
	DailyNELAdmissions
	DailyElectiveAdmissions
	DailyElectiveCancellations
	DailyDischarges
	DailyCareHomeAdmissions
	NumDaily
)

// DailyMeasures describes the daily measures, indexed by the Daily constants.
var DailyMeasures = [NumDaily]Measure{
	DailyAcuteMidnight:         {"acute_occupied_midnight", "beds", "acute beds occupied at midnight, delayed patients included"},
	DailyAcuteMean:             {"acute_occupied_mean", "beds", "acute beds occupied, time-weighted mean over the day, delayed patients included"},
	DailyAcuteBeds:             {"acute_beds", "beds", "staffed acute beds (capacity)"},
	DailyAcuteDelayed:          {"acute_delayed_mean", "patients", "medically fit patients still in an acute bed (waiting for assessment or a place downstream)"},
	DailyAcuteDelayedP1:        {"acute_delayed_pathway1_mean", "patients", "delayed patients waiting for reablement (pathway 1)"},
	DailyAcuteDelayedP2:        {"acute_delayed_pathway2_mean", "patients", "delayed patients waiting for an intermediate-care bed (pathway 2)"},
	DailyAcuteDelayedP3:        {"acute_delayed_pathway3_mean", "patients", "delayed patients waiting for a care home (pathway 3)"},
	DailyWaitingForBed:         {"waiting_for_bed_mean", "patients", "emergency patients with a decision to admit waiting for an acute bed (in ED or at home)"},
	DailyEDOccupancy:           {"ed_occupancy_mean", "patients", "patients in the emergency department: waiting, in treatment or waiting for a bed"},
	DailyEDCubicles:            {"ed_cubicles", "cubicles", "ED cubicles (capacity)"},
	DailyICMidnight:            {"ic_occupied_midnight", "beds", "intermediate-care beds occupied at midnight"},
	DailyICMean:                {"ic_occupied_mean", "beds", "intermediate-care beds occupied, time-weighted mean"},
	DailyICBeds:                {"ic_beds", "beds", "intermediate-care beds (capacity)"},
	DailyReablementMean:        {"reablement_caseload_mean", "packages", "reablement packages in progress (time-weighted mean)"},
	DailyReablementPlaces:      {"reablement_places", "packages", "reablement caseload capacity"},
	DailyCareHomeMidnight:      {"care_home_residents_midnight", "residents", "care-home residents at midnight"},
	DailyCareHomeMean:          {"care_home_residents_mean", "residents", "care-home residents (time-weighted mean)"},
	DailyCareHomeBeds:          {"care_home_beds", "beds", "care-home beds (capacity)"},
	DailyCommunityMean:         {"community_caseload_mean", "people", "people on the community teams' caseload (time-weighted mean)"},
	DailyCommunityPlaces:       {"community_places", "people", "community teams' caseload capacity"},
	DailyArrivalsWalkIn:        {"arrivals_walk_in", "patients", "urgent arrivals on foot"},
	DailyArrivalsAmbulance:     {"arrivals_ambulance", "patients", "urgent arrivals by ambulance"},
	DailyArrivalsGP:            {"arrivals_gp_referral", "patients", "urgent GP referrals"},
	DailyArrivalsCareHome:      {"arrivals_care_home", "patients", "urgent calls from care-home residents"},
	DailyEDAttendances:         {"ed_attendances", "patients", "type 1 A&E attendances (patients who entered ED)"},
	DailyUTCAttendances:        {"utc_attendances", "patients", "type 3 attendances at urgent treatment"},
	DailySDECAttendances:       {"sdec_attendances", "patients", "same-day emergency care attendances"},
	DailyAEDepartures:          {"ae_departures", "patients", "departures from ED and urgent treatment (the 4-hour standard's denominator)"},
	DailyAE4hBreaches:          {"ae_4h_breaches", "patients", "departures from ED and urgent treatment more than 4 hours after arrival"},
	DailyED12hDTA:              {"ed_12h_dta_waits", "patients", "departures from ED more than 12 hours after the decision to admit"},
	DailyNELAdmissions:         {"nel_admissions", "patients", "emergency (non-elective) admissions to an acute bed, readmissions included"},
	DailyElectiveAdmissions:    {"elective_admissions", "patients", "elective admissions to an acute bed"},
	DailyElectiveCancellations: {"elective_cancellations", "patients", "elective admissions cancelled on the day for want of a bed"},
	DailyDischarges:            {"acute_discharges", "patients", "patients leaving an acute bed, deaths included"},
	DailyCareHomeAdmissions:    {"care_home_admissions", "patients", "permanent admissions to a care home, from hospital, intermediate care and the community"},
}

// Annual measures: one value per financial year (April to March) after
// warm-up, in [Result.Annual]: totals over the year, or for capacities
// the mean over the year. Package finance prices them.
const (
	AnnualDays = iota
	AnnualEDAttendances
	AnnualUTCAttendances
	AnnualSDECAttendances
	AnnualStreamedToCommunity
	AnnualCallForCareContacts
	AnnualCallForCareNavigated
	AnnualNELAdmissions
	AnnualReadmissions
	AnnualDiverted
	AnnualElectiveReferrals
	AnnualAdviceAndGuidance
	AnnualElectiveAdmissions
	AnnualElectiveCancellations
	AnnualAcuteBedDays
	AnnualDelayedBedDays
	AnnualExcessBedDays
	AnnualHospitalDeaths
	AnnualPathway0
	AnnualPathway1
	AnnualPathway2
	AnnualPathway3
	AnnualAE4hBreaches
	AnnualED12hDTA
	AnnualICAdmissions
	AnnualICBedDays
	AnnualReablementStarts
	AnnualReablementDays
	AnnualCareHomeAdmissions
	AnnualCareHomeBedDays
	AnnualEnrolments
	AnnualCommunityCaseloadDays
	AnnualAcuteBeds
	AnnualEDCubicles
	AnnualICBeds
	AnnualReablementPlaces
	AnnualCareHomeBeds
	AnnualCommunityPlaces
	NumAnnual
)

// AnnualMeasures describes the annual measures, indexed by the Annual constants.
var AnnualMeasures = [NumAnnual]Measure{
	AnnualDays:                  {"days", "days", "days of the financial year simulated (fewer than 365 in a part year)"},
	AnnualEDAttendances:         {"ed_attendances", "patients", "type 1 A&E attendances"},
	AnnualUTCAttendances:        {"utc_attendances", "patients", "urgent treatment (type 3) attendances"},
	AnnualSDECAttendances:       {"sdec_attendances", "patients", "same-day emergency care attendances"},
	AnnualStreamedToCommunity:   {"streamed_to_community", "patients", "walk-ins the single front door sent to community services"},
	AnnualCallForCareContacts:   {"call_for_care_contacts", "calls", "professional referrals Call for Care assessed as suitable for care out of hospital"},
	AnnualCallForCareNavigated:  {"call_for_care_navigated", "patients", "of those, patients navigated to a step-up bed or a community team instead of admission"},
	AnnualNELAdmissions:         {"nel_admissions", "spells", "emergency admissions to an acute bed, readmissions included"},
	AnnualReadmissions:          {"readmissions", "spells", "emergency readmissions (within 30 days of discharge, or from intermediate care)"},
	AnnualDiverted:              {"diverted", "patients", "emergency admissions sent elsewhere for want of a bed (divert: true)"},
	AnnualElectiveReferrals:     {"elective_referrals", "referrals", "elective inpatient referrals, before the gateway"},
	AnnualAdviceAndGuidance:     {"advice_and_guidance", "referrals", "referrals the referral gateway turned into advice and guidance"},
	AnnualElectiveAdmissions:    {"elective_admissions", "spells", "elective admissions"},
	AnnualElectiveCancellations: {"elective_cancellations", "operations", "elective admissions cancelled on the day for want of a bed"},
	AnnualAcuteBedDays:          {"acute_bed_days", "bed days", "occupied acute bed days, emergency and elective, delayed days included"},
	AnnualDelayedBedDays:        {"delayed_bed_days", "bed days", "acute bed days of medically fit patients (delayed transfers of care)"},
	AnnualExcessBedDays:         {"excess_bed_days", "bed days", "days of spells beyond the excess trim point, counted in the year of discharge"},
	AnnualHospitalDeaths:        {"hospital_deaths", "patients", "deaths in an acute bed"},
	AnnualPathway0:              {"discharges_pathway0", "spells", "emergency spells discharged home without new support (pathway 0)"},
	AnnualPathway1:              {"discharges_pathway1", "spells", "emergency spells discharged home with reablement (pathway 1)"},
	AnnualPathway2:              {"discharges_pathway2", "spells", "emergency spells discharged to an intermediate-care bed (pathway 2)"},
	AnnualPathway3:              {"discharges_pathway3", "spells", "emergency spells discharged to a care home (pathway 3)"},
	AnnualAE4hBreaches:          {"ae_4h_breaches", "patients", "A&E departures more than 4 hours after arrival"},
	AnnualED12hDTA:              {"ed_12h_dta_waits", "patients", "ED departures more than 12 hours after the decision to admit"},
	AnnualICAdmissions:          {"ic_admissions", "patients", "intermediate-care bed admissions, step-down and step-up"},
	AnnualICBedDays:             {"ic_bed_days", "bed days", "occupied intermediate-care bed days"},
	AnnualReablementStarts:      {"reablement_starts", "packages", "reablement packages started"},
	AnnualReablementDays:        {"reablement_days", "package days", "days of reablement delivered"},
	AnnualCareHomeAdmissions:    {"care_home_admissions", "residents", "permanent care-home admissions"},
	AnnualCareHomeBedDays:       {"care_home_bed_days", "bed days", "occupied care-home bed days"},
	AnnualEnrolments:            {"community_enrolments", "people", "people enrolled on the community teams' caseload, step-up patients included"},
	AnnualCommunityCaseloadDays: {"community_caseload_days", "person days", "days people spent on the community teams' caseload"},
	AnnualAcuteBeds:             {"acute_beds", "beds", "staffed acute beds, mean over the year"},
	AnnualEDCubicles:            {"ed_cubicles", "cubicles", "ED cubicles, mean over the year"},
	AnnualICBeds:                {"ic_beds", "beds", "intermediate-care beds, mean over the year"},
	AnnualReablementPlaces:      {"reablement_places", "packages", "reablement caseload capacity, mean over the year"},
	AnnualCareHomeBeds:          {"care_home_beds", "beds", "care-home beds, mean over the year"},
	AnnualCommunityPlaces:       {"community_places", "people", "community caseload capacity, mean over the year"},
}

// Metrics: one number per replication summarising the measured period
// (after warm-up), in [Result.Metrics].
const (
	MetricEDAttendances = iota
	MetricEDType1Attendances
	MetricED4h
	MetricED12hDTA
	MetricEDWaitHours
	MetricEDTimeInDeptHours
	MetricWaitForBedDays
	MetricNELAdmissions
	MetricElectiveAdmissions
	MetricElectiveCancellations
	MetricAcuteOccupancy
	MetricAcuteOccupancyP95
	MetricAcuteBedsOccupied
	MetricAcuteLOS
	MetricAcuteDelayed
	MetricDelayP1
	MetricDelayP2
	MetricDelayP3
	MetricDiverted
	MetricICOccupancy
	MetricICBedsOccupied
	MetricICLOS
	MetricReablementCaseload
	MetricCareHomeAdmissions
	MetricCareHomeResidents
	MetricCommunityCaseload
	MetricReadmissions
	MetricNavigated
	MetricHospitalDeaths
	NumMetrics
)

// Metrics describes the metrics, indexed by the Metric constants. "Per
// year" metrics are counts over the measured period divided by its length
// in years of 365.25 days.
var Metrics = [NumMetrics]Measure{
	MetricEDAttendances:         {"ed_attendances_per_year", "per year", "A&E attendances of all types: ED (type 1) and urgent treatment (type 3)"},
	MetricEDType1Attendances:    {"ed_type1_attendances_per_year", "per year", "ED (type 1) attendances"},
	MetricED4h:                  {"ed_4h_performance", "fraction", "share of A&E departures (types 1 and 3) within 4 hours of arrival; the standard is 95%"},
	MetricED12hDTA:              {"ed_12h_dta_waits_per_year", "per year", "ED departures more than 12 hours after the decision to admit"},
	MetricEDWaitHours:           {"ed_wait_hours_mean", "hours", "arrival in ED to the start of treatment in a cubicle"},
	MetricEDTimeInDeptHours:     {"ed_time_in_department_hours_mean", "hours", "arrival in ED to leaving it, for home or for a bed"},
	MetricWaitForBedDays:        {"wait_for_bed_days_mean", "days", "decision to admit (or arrival, for a direct admission) to getting an acute bed, over emergency admissions"},
	MetricNELAdmissions:         {"nel_admissions_per_year", "per year", "emergency admissions to an acute bed, readmissions included"},
	MetricElectiveAdmissions:    {"elective_admissions_per_year", "per year", "elective admissions"},
	MetricElectiveCancellations: {"elective_cancellations_per_year", "per year", "elective admissions cancelled on the day for want of a bed"},
	MetricAcuteOccupancy:        {"acute_occupancy_mean", "fraction", "occupied acute beds over staffed beds, time-weighted, delayed patients included"},
	MetricAcuteOccupancyP95:     {"acute_occupancy_p95", "fraction", "95th percentile over days of the daily mean occupancy"},
	MetricAcuteBedsOccupied:     {"acute_beds_occupied_mean", "beds", "occupied acute beds, time-weighted mean, delayed patients included"},
	MetricAcuteLOS:              {"acute_los_mean_days", "days", "emergency spells: admission to leaving the acute bed, delays included, over spells ending after warm-up"},
	MetricAcuteDelayed:          {"acute_delayed_patients_mean", "patients", "medically fit patients in acute beds, time-weighted mean"},
	MetricDelayP1:               {"delay_days_mean_pathway1", "days", "medically fit to leaving the acute bed, over patients discharged to reablement (pathway 1)"},
	MetricDelayP2:               {"delay_days_mean_pathway2", "days", "medically fit to leaving the acute bed, over patients discharged to an intermediate-care bed (pathway 2)"},
	MetricDelayP3:               {"delay_days_mean_pathway3", "days", "medically fit to leaving the acute bed, over patients discharged to a care home (pathway 3)"},
	MetricDiverted:              {"acute_diverted_fraction", "fraction", "share of emergency admissions that found no bed and were sent elsewhere (divert: true)"},
	MetricICOccupancy:           {"ic_occupancy_mean", "fraction", "occupied intermediate-care beds over beds, time-weighted"},
	MetricICBedsOccupied:        {"ic_beds_occupied_mean", "beds", "occupied intermediate-care beds, time-weighted mean"},
	MetricICLOS:                 {"ic_los_mean_days", "days", "intermediate-care bed stays, admission to leaving, over stays ending after warm-up"},
	MetricReablementCaseload:    {"reablement_caseload_mean", "packages", "reablement packages in progress, time-weighted mean"},
	MetricCareHomeAdmissions:    {"care_home_admissions_per_year", "per year", "permanent care-home admissions, from hospital and the community"},
	MetricCareHomeResidents:     {"care_home_residents_mean", "residents", "care-home residents, time-weighted mean"},
	MetricCommunityCaseload:     {"community_caseload_mean", "people", "people on the community teams' caseload, time-weighted mean"},
	MetricReadmissions:          {"readmissions_30d_rate", "fraction", "emergency readmissions within 30 days of an acute discharge alive, over such discharges"},
	MetricNavigated:             {"call_for_care_navigated_per_year", "per year", "referrals Call for Care navigated away from admission"},
	MetricHospitalDeaths:        {"hospital_deaths_per_year", "per year", "deaths in an acute bed"},
}

// MetricIndex returns the index of the metric with the given name, or −1.
func MetricIndex(name string) int {
	for i, m := range Metrics {
		if m.Name == name {
			return i
		}
	}
	return -1
}
