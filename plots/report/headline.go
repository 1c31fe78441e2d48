package report

import (
	"math"
	"slices"
	"strings"

	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
)

// Headline lists the headline metrics (indices of care.Metrics), in
// order: those that the report's headline table shows and caresim run,
// compare and sweep print.
var Headline = []int{
	care.MetricEDAttendances,
	care.MetricED4h,
	care.MetricNELAdmissions,
	care.MetricAcuteOccupancy,
	care.MetricAcuteLOS,
	care.MetricAcuteDelayed,
	care.MetricDelayP1,
	care.MetricDelayP2,
	care.MetricDelayP3,
	care.MetricICOccupancy,
	care.MetricCareHomeAdmissions,
	care.MetricReadmissions,
	care.MetricElectiveCancellations,
	care.MetricElectiveCancelledPatients,
	care.MetricIndex("outpatient_first_attendances_per_year"),
	care.MetricIndex("day_cases_per_year"),
	care.MetricIndex("outpatient_rtt_within_18w_share"),
}

// MoneyHeadline lists the money metrics that the report's headline table
// shows and run and compare print: the system's deficit in the final
// year, each organisation's, and the system's cumulative deficit.
func MoneyHeadline() []string {
	names := slices.Clone(sim.MoneyMetricNames[:finance.NumBodies]) // the final year's, system first
	return append(names, sim.MoneyMetricNames[finance.NumBodies])   // the system's cumulative
}

// Shown reports whether a table shows a money metric whose values in
// each scenario are vals: an organisation's deficit that is zero in every
// replication (a body the scenario neither funds nor charges) says
// nothing; the system's is always shown.
func Shown(name string, vals ...[]float64) bool {
	if strings.HasSuffix(name, "_gbp") { // the system's; an organisation's ends in its name
		return true
	}
	for _, v := range vals {
		if slices.ContainsFunc(v, func(x float64) bool { return x != 0 && !math.IsNaN(x) }) {
			return true
		}
	}
	return false
}

// DeficitNote follows a table with money metrics.
const DeficitNote = "deficit: cost − funding − income, in pounds of each year; positive is a gap, negative a surplus"

// SweepMoney are the money metrics in a sweep's tables, when the sweep is
// priced: the system's deficit in the final year and cumulatively.
var SweepMoney = []string{"deficit_final_year_gbp", "deficit_cumulative_gbp"}
