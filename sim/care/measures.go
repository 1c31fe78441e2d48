package care

import "caresim/sim/stats"

// Measure names one output of the model, with its unit and what it
// counts.
type Measure = stats.Measure

// Daily measures: one value per simulated day after warm-up, in
// [Result.Daily]. Levels ("…_mean") are time-weighted means over the day;
// "…_midnight" is the census at the start of the day; the others are
// counts of things that happened that day.
//
// These constants are the positions of the base model's daily measures in
// [DailyMeasures], Result.Daily and every output. The positions are fixed
// (outputs and their goldens list the measures in this order); each
// measure is defined, with its name, unit, meaning and source, beside the
// value it reads: in the file of its service, or in flowMeasures. A
// measure added later (a new service's) needs no constant: it follows
// these, in the order of the service table.
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
	DailyAcuteBedsPlanned
	DailyAcuteBedsClosed
	DailyEscalationBeds
	numBaseDaily
)

// Annual measures: one value per financial year (April to March) after
// warm-up, in [Result.Annual]: totals over the year, or for capacities
// the mean over the year. Package finance prices them. The constants are
// the base model's positions in [AnnualMeasures], as for the daily ones.
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
	AnnualElectiveCancelledPatients
	AnnualElectiveCancelledTwice
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
	AnnualCareHomeReturns
	AnnualCareHomeBedDays
	AnnualEnrolments
	AnnualCommunityCaseloadDays
	AnnualAcuteBeds
	AnnualEDCubicles
	AnnualICBeds
	AnnualReablementPlaces
	AnnualCareHomeBeds
	AnnualCommunityPlaces
	AnnualCallForCareUnanswered
	AnnualUCREpisodes
	AnnualUCRAdmitted
	AnnualUCRDays
	AnnualUCRPlaces
	AnnualAcuteBedsPlanned
	AnnualAcuteBedsClosed
	AnnualEscalationBeds
	AnnualEscalationBedDays
	numBaseAnnual
)

// Metrics: one number per replication summarising the measured period
// (after warm-up), in [Result.Metrics]. "Per year" metrics are counts over
// the measured period divided by its length in years of 365.25 days. The
// constants are the base model's positions in [Metrics], as for the daily
// measures.
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
	MetricElectiveCancelledPatients
	MetricElectiveCancelledTwice
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
	MetricCareHomeReturns
	MetricCareHomeResidents
	MetricCommunityCaseload
	MetricReadmissions
	MetricNavigated
	MetricHospitalDeaths
	MetricAcuteBedsClosed
	MetricEscalationBeds
	numBaseMetrics
)

// flowMeasures are the measures of the flows that cross services (arrivals,
// A&E standards, elective care, Call for Care, readmissions), reading the
// model's own counts. The services' measures are in their descriptions.
var flowMeasures = []measureDef{
	daily(DailyArrivalsWalkIn, "arrivals_walk_in", "patients", dayCount(count(cArrivals+routeWalkIn)),
		"urgent arrivals on foot"),
	daily(DailyArrivalsAmbulance, "arrivals_ambulance", "patients", dayCount(count(cArrivals+routeAmbulance)),
		"urgent arrivals by ambulance"),
	daily(DailyArrivalsGP, "arrivals_gp_referral", "patients", dayCount(count(cArrivals+routeGP)),
		"urgent GP referrals"),
	daily(DailyArrivalsCareHome, "arrivals_care_home", "patients", dayCount(count(cArrivals+routeCareHome)),
		"urgent calls from care-home residents"),
	daily(DailyAEDepartures, "ae_departures", "patients", dayCount(count(cAEDepartures)),
		"departures from ED and urgent treatment (the 4-hour standard's denominator)"),
	daily(DailyAE4hBreaches, "ae_4h_breaches", "patients", dayCount(count(cAEBreaches)),
		"departures from ED and urgent treatment more than 4 hours after arrival"),
	daily(DailyED12hDTA, "ed_12h_dta_waits", "patients", dayCount(count(cED12h)),
		"departures from ED more than 12 hours after the decision to admit"),
	daily(DailyElectiveAdmissions, "elective_admissions", "patients", dayCount(count(cElective)),
		"elective admissions to an acute bed"),
	daily(DailyElectiveCancellations, "elective_cancellations", "bookings", dayCount(count(cCancelled)),
		"elective bookings cancelled on the day for want of a bed: every cancellation, a patient rebooked and cancelled again counting again"),
	annual(AnnualDays, "days", "days", days(),
		"days of the financial year simulated (fewer than 365 in a part year)"),
	annual(AnnualStreamedToCommunity, "streamed_to_community", "patients", total(count(cCommunityStreamed)),
		"walk-ins the single front door sent to community services"),
	annual(follows, "self_care", "patients", total(count(cSelfCare)),
		"patients who would have come without needing admission and cared for themselves instead (demand.urgent.routes[*].self_care)"),
	annual(AnnualCallForCareNavigated, "call_for_care_navigated", "patients", total(count(cCFCNavigated)),
		"patients Call for Care navigated to an urgent community response or a step-up bed instead of hospital"),
	annual(AnnualReadmissions, "readmissions", "spells", total(count(cReadmissions)),
		"emergency readmissions (within 30 days of discharge, or from intermediate care)"),
	annual(AnnualElectiveReferrals, "elective_referrals", "referrals", total(count(cElectiveReferrals)),
		"elective inpatient referrals, before the gateway"),
	annual(AnnualAdviceAndGuidance, "advice_and_guidance", "referrals", total(count(cAdviceGuidance)),
		"referrals the referral gateway turned into advice and guidance"),
	annual(AnnualElectiveAdmissions, "elective_admissions", "spells", total(count(cElective)),
		"elective admissions"),
	annual(AnnualElectiveCancellations, "elective_cancellations", "bookings", total(count(cCancelled)),
		"elective bookings cancelled on the day for want of a bed: every cancellation, a patient rebooked and cancelled again counting again"),
	annual(AnnualElectiveCancelledPatients, "elective_cancelled_patients", "patients", total(count(cElectiveCancelledOnce)),
		"elective patients cancelled on the day for want of a bed, each once however often rebooked and cancelled: in the year of their first cancellation"),
	annual(AnnualElectiveCancelledTwice, "elective_cancelled_twice", "patients", total(count(cElectiveCancelledTwice)),
		"of those, patients cancelled twice or more: in the year of their second cancellation"),
	annual(AnnualAE4hBreaches, "ae_4h_breaches", "patients", total(count(cAEBreaches)),
		"A&E departures more than 4 hours after arrival"),
	annual(AnnualED12hDTA, "ed_12h_dta_waits", "patients", total(count(cED12h)),
		"ED departures more than 12 hours after the decision to admit"),
	annual(follows, "winter_severity", "factor", winterSeverity(),
		"the year's winter severity W: the multiplier of the winter part of urgent demand's month profile drawn for this financial year and replication (demand.urgent.winter_sd; 1 when none is drawn)"),
	metric(MetricED4h, "ed_4h_performance", "fraction", within(count(cAEBreaches), count(cAEDepartures)),
		"share of A&E departures (types 1 and 3) within 4 hours of arrival; the standard is 95%"),
	metric(MetricED12hDTA, "ed_12h_dta_waits_per_year", "per year", perYear(count(cED12h)),
		"ED departures more than 12 hours after the decision to admit"),
	metric(MetricElectiveAdmissions, "elective_admissions_per_year", "per year", perYear(count(cElective)),
		"elective admissions"),
	metric(MetricElectiveCancellations, "elective_cancellations_per_year", "per year", perYear(count(cCancelled)),
		"elective bookings cancelled on the day for want of a bed: every cancellation, a patient rebooked and cancelled again counting again"),
	metric(MetricElectiveCancelledPatients, "elective_cancelled_patients_per_year", "per year", perYear(count(cElectiveCancelledOnce)),
		"elective patients cancelled on the day for want of a bed, each once however often rebooked and cancelled"),
	metric(MetricElectiveCancelledTwice, "elective_cancelled_twice_per_year", "per year", perYear(count(cElectiveCancelledTwice)),
		"elective patients cancelled twice or more"),
	metric(MetricReadmissions, "readmissions_30d_rate", "fraction", readmissionRate(),
		"emergency readmissions within 30 days of an acute discharge alive, over such discharges"),
	metric(MetricNavigated, "call_for_care_navigated_per_year", "per year", perYear(count(cCFCNavigated)),
		"referrals Call for Care navigated away from admission"),
}
