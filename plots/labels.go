package plots

import (
	"fmt"
	"strings"

	"caresim/internal/text"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
)

// headlineLabels name the headline metrics as a board would.
var headlineLabels = map[int]string{
	care.MetricEDAttendances:         "A&E attendances, all types",
	care.MetricED4h:                  "A&E: left within 4 hours of arrival",
	care.MetricNELAdmissions:         "Emergency admissions",
	care.MetricAcuteOccupancy:        "Acute bed occupancy",
	care.MetricAcuteLOS:              "Emergency length of stay",
	care.MetricAcuteDelayed:          "Patients delayed in acute beds (medically fit)",
	care.MetricDelayP1:               "Delay to discharge: pathway 1, reablement",
	care.MetricDelayP2:               "Delay to discharge: pathway 2, intermediate-care bed",
	care.MetricDelayP3:               "Delay to discharge: pathway 3, care home",
	care.MetricICOccupancy:           "Intermediate-care bed occupancy",
	care.MetricCareHomeAdmissions:    "Permanent care-home admissions (each person once)",
	care.MetricReadmissions:          "Emergency readmissions within 30 days",
	care.MetricElectiveCancellations: "Elective bookings cancelled for want of a bed (every cancellation)",

	care.MetricElectiveCancelledPatients: "Elective patients cancelled for want of a bed (each once)",

	care.MetricIndex("outpatient_first_attendances_per_year"): "Outpatient first attendances",
	care.MetricIndex("day_cases_per_year"):                    "Day cases",
	care.MetricIndex("outpatient_rtt_within_18w_share"):       "Outpatients and day cases: waiting 18 weeks or less",
}

// MetricLabel names a metric for a board: its headline label, else its
// description up to the first colon or semicolon outside brackets,
// capitalised.
func MetricLabel(name, doc string) string {
	if k := care.MetricIndex(name); k >= 0 && headlineLabels[k] != "" {
		return headlineLabels[k]
	}
	depth, end := 0, len(doc)
loop:
	for i, r := range doc {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ':', ';':
			if depth == 0 {
				end = i
				break loop
			}
		}
	}
	doc = strings.TrimSpace(doc[:end])
	if doc == "" {
		return name
	}
	return text.Capitalise(doc)
}

// MoneyLabel names a money headline metric: whose deficit, over which
// years (years being the financial years, a final year simulated in part
// so labelled).
func MoneyLabel(name string, years []string) string {
	body := bodyTitles[finance.System]
	for _, b := range sim.MoneyBodies {
		if b != finance.System && strings.HasSuffix(name, "_"+strings.ReplaceAll(finance.BodyNames[b], "-", "_")) {
			body = bodyTitles[b]
		}
	}
	final, span := moneyYears(years)
	if final == "" {
		final, span = "simulated whole", "over the years simulated"
	}
	if strings.HasPrefix(name, "deficit_cumulative_gbp") {
		return fmt.Sprintf("Deficit, %s, cumulative %s", body, span)
	}
	return fmt.Sprintf("Deficit, %s, final year %s", body, final)
}

// moneyYears returns the final financial year simulated whole and the
// span of all the years, from [results.PartYear]'s labels.
func moneyYears(years []string) (final, span string) {
	if len(years) == 0 {
		return "", ""
	}
	last := len(years) - 1
	final = years[last]
	if i := strings.Index(final, " (part)"); i >= 0 && last > 0 {
		final = years[last-1]
	}
	span = years[0]
	if last > 0 {
		span += "–" + strings.TrimSuffix(years[last], " (part)")
	}
	return final, span
}
