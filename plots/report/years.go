package report

import (
	"math"

	"caresim/results"
	"caresim/sim/care"
)

// Years is a headline metric year by year: its value in each financial
// year simulated whole, from the run's annual means (and, for 4-hour
// performance, its daily means), so that a board sees the first year,
// the last and the trend, not only the mean over the whole period.
type Years struct {
	Metric string    // the metric's name, as care.Metrics names it
	Unit   string    // the metric's unit; each year's value is in it
	Years  []string  // the financial years simulated whole, in order
	Values []float64 // each one's value, NaN where not measured
	// How says how a year's value is made from the annual measures.
	How string
}

// First is the value in the first year simulated whole.
func (y Years) First() float64 { return y.Values[0] }

// Last is the value in the last year simulated whole.
func (y Years) Last() float64 { return y.Values[len(y.Values)-1] }

// Trend is the least-squares slope of the values against the year, in
// the unit per year: NaN with fewer than three years, which make no
// trend (two years make a difference, which First and Last give).
//
//	slope = Σ (t − t̄)(v − v̄) / Σ (t − t̄)²,  t = 0, 1, …, n − 1
func (y Years) Trend() float64 {
	n := len(y.Values)
	if n < 3 {
		return math.NaN()
	}
	var tm, vm float64
	for t, v := range y.Values {
		tm += float64(t)
		vm += v
	}
	tm /= float64(n)
	vm /= float64(n)
	var num, den float64
	for t, v := range y.Values {
		num += (float64(t) - tm) * (v - vm)
		den += (float64(t) - tm) * (float64(t) - tm)
	}
	return num / den
}

// yearly defines a headline metric's value in one financial year from
// that year's annual means a (indexed as care.AnnualMeasures), its days
// and the sums of its daily means (indexed as care.DailyMeasures).
type yearly struct {
	metric int // index of care.Metrics
	how    string
	value  func(a []float64, days float64, daily func(k int) float64) float64
}

// yearlies are the headline metrics that the annual measures give year
// by year, in the order of [Headline], and the waiting list's 18-week
// share that the standards table rates. Lengths of stay, delays by pathway
// and the readmission rate are means over spells or discharges that the
// annual measures do not hold.
var yearlies = []yearly{
	{care.MetricEDAttendances, "the year's ED (type 1) and urgent treatment (type 3) attendances",
		func(a []float64, _ float64, _ func(int) float64) float64 {
			return a[care.AnnualEDAttendances] + orZero(a[care.AnnualUTCAttendances])
		}},
	{care.MetricED4h, "1 − the year's departures after more than 4 hours over its departures, summed from the daily means",
		func(_ []float64, _ float64, daily func(int) float64) float64 {
			return 1 - daily(care.DailyAE4hBreaches)/daily(care.DailyAEDepartures)
		}},
	{care.MetricNELAdmissions, "the year's emergency admissions",
		func(a []float64, _ float64, _ func(int) float64) float64 { return a[care.AnnualNELAdmissions] }},
	{care.MetricAcuteOccupancy, "the year's occupied acute bed days over its beds × days",
		func(a []float64, days float64, _ func(int) float64) float64 {
			return a[care.AnnualAcuteBedDays] / (a[care.AnnualAcuteBeds] * days)
		}},
	{care.MetricAcuteDelayed, "the year's delayed bed days over its days",
		func(a []float64, days float64, _ func(int) float64) float64 {
			return a[care.AnnualDelayedBedDays] / days
		}},
	{care.MetricICOccupancy, "the year's occupied intermediate-care bed days over its beds × days",
		func(a []float64, days float64, _ func(int) float64) float64 {
			return a[care.AnnualICBedDays] / (a[care.AnnualICBeds] * days)
		}},
	{care.MetricCareHomeAdmissions, "the year's permanent care-home admissions",
		func(a []float64, _ float64, _ func(int) float64) float64 { return a[care.AnnualCareHomeAdmissions] }},
	{care.MetricElectiveCancellations, "the year's elective bookings cancelled",
		func(a []float64, _ float64, _ func(int) float64) float64 { return a[care.AnnualElectiveCancellations] }},
	{care.MetricElectiveCancelledPatients, "the year's elective patients cancelled",
		func(a []float64, _ float64, _ func(int) float64) float64 {
			return a[care.AnnualElectiveCancelledPatients]
		}},
	// Not a headline metric: the standards table rates it year by year.
	{care.MetricIndex("elective_rtt_within_18w_share"), "1 − the year's mean waiting list over 18 weeks over its mean waiting list",
		func(a []float64, _ float64, _ func(int) float64) float64 {
			return 1 - a[care.AnnualIndex("elective_waiting_over_18w")]/a[care.AnnualIndex("elective_waiting_list")]
		}},
}

// orZero is x, or 0 when x is NaN (a service the scenario lacks).
func orZero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

// YearsOf returns the headline metrics that d measures year by year, in
// the order of [Headline], over the financial years simulated whole: none
// when fewer than one year was. A metric not measured in any year (no
// A&E in the scenario) is left out.
func YearsOf(d results.RunData) []Years {
	whole, from := wholeYears(d)
	if len(whole) == 0 {
		return nil
	}
	var out []Years
	for _, f := range yearlies {
		ys := Years{Metric: care.Metrics[f.metric].Name, Unit: care.Metrics[f.metric].Unit, How: f.how}
		measured := false
		for _, y := range whole {
			a := d.Annual[y]
			days := a[care.AnnualDays]
			daily := func(k int) float64 {
				if k >= len(d.Daily) {
					return math.NaN()
				}
				var s float64
				mean := d.Daily[k].Mean
				for i := from[y]; i < from[y]+int(days) && i < len(mean); i++ {
					s += mean[i]
				}
				return s
			}
			v := f.value(a, days, daily)
			if math.IsInf(v, 0) {
				v = math.NaN()
			}
			measured = measured || !math.IsNaN(v)
			ys.Years = append(ys.Years, d.Years[y])
			ys.Values = append(ys.Values, v)
		}
		if measured {
			out = append(out, ys)
		}
	}
	return out
}
