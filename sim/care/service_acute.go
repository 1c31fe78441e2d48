package care

import (
	"fmt"
	"strings"

	"caresim/sim/des"
)

// svcAcute is the general and acute beds, emergency and elective. Its
// length-of-stay tally counts emergency spells only, delays included.
var svcAcute = &service{
	name:  "acute",
	key:   "acute",
	title: "Acute",
	chart: &serviceChart{title: "Acute", overlay: "overlay-beds-acute", measure: "Acute beds occupied", unit: "beds",
		mean: "acute_occupied_mean", capacity: "acute_beds"},
	enabled:  func(p *Services) *bool { return &p.Acute.Enabled },
	units:    func(p *Services) *int { return &p.Acute.Beds },
	staff:    func(p *Services) *Staffing { return &p.Acute.Staff },
	employer: employerAcute,
	dists: []serviceDist{
		{"length_of_stay", func(p *Services) *des.Dist { return &p.Acute.LengthOfStay }},
		{"assessment", func(p *Services) *des.Dist { return &p.Acute.Assessment }},
	},
	occupied:    func(p *Services) *int { return &p.Acute.Occupied },
	discharge:   func(p *Services) *Discharge { return &p.Acute.Discharge },
	hourSlot:    slotLeaveHour,
	weekendSlot: slotLeaveWeekend,
	depart:      evAcuteDepart,
	stay:        func(p *Services) *des.Dist { return &p.Acute.LengthOfStay },
	slot:        slotLOS,
	end:         evFit,
	busy:        true,
	capacity:    true,
	los:         true,
	measures: append([]measureDef{
		daily(DailyAcuteMidnight, "acute_occupied_midnight", "beds", midnight(busy),
			"acute beds occupied at midnight, delayed patients included"),
		daily(DailyAcuteMean, "acute_occupied_mean", "beds", dayMean(busy),
			"acute beds occupied, time-weighted mean over the day, delayed patients included"),
		daily(DailyAcuteBeds, "acute_beds", "beds", dayMean(capacity),
			"staffed acute beds (capacity): the planned beds, less those the bed-management rule has closed, plus escalation beds; a bed closed or cut stays open until its patient leaves"),
		daily(DailyAcuteDelayed, "acute_delayed_mean", "patients", dayMean(level(lvDelayed)),
			"medically fit patients still in an acute bed (waiting for assessment or a place downstream)"),
		daily(DailyAcuteDelayedP1, "acute_delayed_pathway1_mean", "patients", dayMean(level(lvDelayedP1)),
			"delayed patients waiting for reablement (pathway 1)"),
		daily(DailyAcuteDelayedP2, "acute_delayed_pathway2_mean", "patients", dayMean(level(lvDelayedP2)),
			"delayed patients waiting for an intermediate-care bed (pathway 2)"),
		daily(DailyAcuteDelayedP3, "acute_delayed_pathway3_mean", "patients", dayMean(level(lvDelayedP3)),
			"delayed patients waiting for a care home (pathway 3)"),
		daily(DailyWaitingForBed, "waiting_for_bed_mean", "patients", dayMean(level(lvWaitBed)),
			"emergency patients with a decision to admit waiting for an acute bed (in ED or at home)"),
		daily(DailyNELAdmissions, "nel_admissions", "patients", dayCount(entries),
			"emergency (non-elective) admissions to an acute bed, readmissions included"),
		daily(DailyDischarges, "acute_discharges", "patients", dayCount(count(cDischarges)),
			"patients leaving an acute bed, deaths included"),
		annual(AnnualNELAdmissions, "nel_admissions", "spells", total(entries),
			"emergency admissions to an acute bed, readmissions included"),
		annual(AnnualDiverted, "diverted", "patients", total(count(cDiverted)),
			"emergency admissions sent elsewhere for want of a bed (divert: true)"),
		annual(AnnualAcuteBedDays, "acute_bed_days", "bed days", levelDays(busy),
			"occupied acute bed days, emergency and elective, delayed days included"),
		annual(AnnualDelayedBedDays, "delayed_bed_days", "bed days", levelDays(level(lvDelayed)),
			"acute bed days of medically fit patients (delayed transfers of care)"),
		annual(AnnualExcessBedDays, "excess_bed_days", "bed days", total(count(cExcessBedDays)),
			"days of spells beyond the excess trim point, counted in the year of discharge"),
		annual(AnnualHospitalDeaths, "hospital_deaths", "patients", total(count(cDeaths)),
			"deaths in an acute bed"),
		annual(AnnualPathway0, "discharges_pathway0", "spells", total(count(cPathway+0)),
			"emergency spells discharged home without new support (pathway 0)"),
		annual(AnnualPathway1, "discharges_pathway1", "spells", total(count(cPathway+1)),
			"emergency spells discharged home with reablement (pathway 1)"),
		annual(AnnualPathway2, "discharges_pathway2", "spells", total(count(cPathway+2)),
			"emergency spells discharged to an intermediate-care bed (pathway 2)"),
		annual(AnnualPathway3, "discharges_pathway3", "spells", total(count(cPathway+3)),
			"emergency spells discharged to a care home (pathway 3)"),
		annual(AnnualAcuteBeds, "acute_beds", "beds", yearMean(capacity),
			"staffed acute beds, escalation beds included, mean over the year"),
		metric(MetricWaitForBedDays, "wait_for_bed_days_mean", "days", tallyMean(tally(tBedWait)),
			"decision to admit (or arrival, for a direct admission) to getting an acute bed, over emergency admissions"),
		metric(MetricNELAdmissions, "nel_admissions_per_year", "per year", perYear(entries),
			"emergency admissions to an acute bed, readmissions included"),
		metric(MetricAcuteOccupancy, "acute_occupancy_mean", "fraction", occupancy(busy, capacity),
			"occupied acute beds over staffed beds, time-weighted, delayed patients included"),
		metric(MetricAcuteOccupancyP95, "acute_occupancy_p95", "fraction", occupancyP95(busy, capacity),
			"95th percentile over days of the daily mean occupancy"),
		metric(MetricAcuteBedsOccupied, "acute_beds_occupied_mean", "beds", timeMean(busy),
			"occupied acute beds, time-weighted mean, delayed patients included"),
		metric(MetricAcuteLOS, "acute_los_mean_days", "days", tallyMean(stays),
			"emergency spells: admission to leaving the acute bed, delays included, over spells ending after warm-up"),
		metric(MetricAcuteDelayed, "acute_delayed_patients_mean", "patients", timeMean(level(lvDelayed)),
			"medically fit patients in acute beds, time-weighted mean"),
		metric(MetricDelayP1, "delay_days_mean_pathway1", "days", tallyMean(tally(tDelayP1)),
			"medically fit to leaving the acute bed, over patients discharged to reablement (pathway 1)"),
		metric(MetricDelayP2, "delay_days_mean_pathway2", "days", tallyMean(tally(tDelayP2)),
			"medically fit to leaving the acute bed, over patients discharged to an intermediate-care bed (pathway 2)"),
		metric(MetricDelayP3, "delay_days_mean_pathway3", "days", tallyMean(tally(tDelayP3)),
			"medically fit to leaving the acute bed, over patients discharged to a care home (pathway 3)"),
		metric(MetricDiverted, "acute_diverted_fraction", "fraction", shareOf(count(cDiverted), entries),
			"share of emergency admissions that found no bed and were sent elsewhere (divert: true)"),
		metric(MetricHospitalDeaths, "hospital_deaths_per_year", "per year", perYear(count(cDeaths)),
			"deaths in an acute bed"),

		// The bed-management rule (services.acute.management; bedrule.go).
		daily(DailyAcuteBedsPlanned, "acute_beds_planned", "beds", dayMean(level(lvAcutePlanned)),
			"acute beds planned (services.acute.beds as the interventions schedule it), before the bed-management rule closes any or opens escalation beds"),
		daily(DailyAcuteBedsClosed, "acute_beds_closed", "beds", dayMean(level(lvAcuteClosed)),
			"planned acute beds the bed-management rule has closed, once empty (services.acute.management.close)"),
		daily(DailyEscalationBeds, "acute_escalation_beds", "beds", dayMean(level(lvEscalation)),
			"escalation beds open, occupied or not, included in acute_beds (services.acute.management.escalation)"),
		annual(AnnualAcuteBedsPlanned, "acute_beds_planned", "beds", yearMean(level(lvAcutePlanned)),
			"acute beds planned, before the bed-management rule, mean over the year"),
		annual(AnnualAcuteBedsClosed, "acute_beds_closed", "beds", yearMean(level(lvAcuteClosed)),
			"planned acute beds closed by the bed-management rule, mean over the year"),
		annual(AnnualEscalationBeds, "acute_escalation_beds", "beds", yearMean(level(lvEscalation)),
			"escalation beds open, mean over the year; included in acute_beds"),
		annual(AnnualEscalationBedDays, "escalation_bed_days", "bed days", levelDays(level(lvEscalation)),
			"days escalation beds were open, occupied or not, each priced at money.capacity_costs.escalation_bed_day"),
		metric(MetricAcuteBedsClosed, "acute_beds_closed_mean", "beds", timeMean(level(lvAcuteClosed)),
			"planned acute beds closed by the bed-management rule, time-weighted mean"),
		metric(MetricEscalationBeds, "acute_escalation_beds_mean", "beds", timeMean(level(lvEscalation)),
			"escalation beds open, time-weighted mean"),

		// Discharge under pressure (services.acute.early_discharge;
		// earlydischarge.go).
		daily(follows, "acute_stays_shortened", "patients", dayCount(count(cStaysShortened)),
			"emergency admissions whose clinical stay discharge under pressure shortened (services.acute.early_discharge)"),
		daily(follows, "acute_stay_days_cut", "days", dayCount(count(cStayDaysCut)),
			"days of clinical stay cut by discharge under pressure, counted on the day of admission"),
		annual(follows, "acute_stays_shortened", "spells", total(count(cStaysShortened)),
			"emergency spells admitted when the general beds were above services.acute.early_discharge.from, their clinical stay shortened (discharge under pressure), counted at admission"),
		annual(follows, "acute_stay_days_cut", "bed days", total(count(cStayDaysCut)),
			"days of clinical stay cut by discharge under pressure, counted at admission"),
		metric(follows, "acute_stays_shortened_per_year", "per year", perYear(count(cStaysShortened)),
			"emergency spells whose clinical stay discharge under pressure shortened"),
		metric(follows, "acute_stay_days_cut_per_year", "bed days per year", perYear(count(cStayDaysCut)),
			"days of clinical stay cut by discharge under pressure"),
	}, dischargeMeasures()...),
}

// dischargeMeasures are the measures of acute beds' discharge timing
// (services.acute.discharge; discharge.go): the beds in their turnaround,
// the patients waiting for their hour, discharges before noon and at
// weekends, occupancy by day of the week, and the share of discharges in
// each hour of the day. Discharges count patients leaving alive (deaths
// leave at once).
func dischargeMeasures() []measureDef {
	out := []measureDef{
		daily(follows, "acute_beds_turnaround_mean", "beds", dayMean(level(lvTurnaround)),
			"acute beds empty in their turnaround after a patient left, not yet ready for the next (services.acute.discharge.turnaround)"),
		daily(follows, "acute_awaiting_discharge_mean", "patients", dayMean(level(lvAwaitLeave)),
			"patients who may leave an acute bed (fit and going home, or with their place downstream) waiting for their hour of discharge (services.acute.discharge)"),
		daily(follows, "acute_discharges_alive", "patients", dayCount(count(cLeftAlive)),
			"patients leaving an acute bed alive"),
		metric(follows, "acute_beds_turnaround_mean", "beds", timeMean(level(lvTurnaround)),
			"acute beds in their turnaround, time-weighted mean"),
		metric(follows, "acute_awaiting_discharge_mean", "patients", timeMean(level(lvAwaitLeave)),
			"patients who may leave an acute bed waiting for their hour of discharge, time-weighted mean"),
		metric(follows, "acute_discharges_before_noon", "fraction", fraction(count(cLeftBeforeNoon), count(cLeftAlive)),
			"share of patients leaving an acute bed alive who leave before 12:00 (NHS England's 2015 aim: 35%)"),
		metric(follows, "acute_weekend_discharge_ratio", "ratio", weekendRatio(count(cLeftAlive)),
			"patients leaving an acute bed alive per Saturday or Sunday over those per weekday (NHS England's 2015 aim: at least 0.6)"),
	}
	for wd, day := range [7]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		out = append(out, metric(follows, "acute_occupancy_"+day, "fraction", weekdayOccupancy(busy, capacity, wd),
			"occupied acute beds over beds open on "+strings.ToUpper(day[:1])+day[1:]+"s, time-weighted over the day"))
	}
	for h := range 24 {
		out = append(out, metric(follows, fmt.Sprintf("acute_discharges_hour_%02d", h), "fraction", fraction(count(cLeftHour+h), count(cLeftAlive)),
			fmt.Sprintf("share of patients leaving an acute bed alive who leave between %02d:00 and %02d:00", h, h+1)))
	}
	return out
}
