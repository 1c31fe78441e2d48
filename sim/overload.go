package sim

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"caresim/sim/care"
)

// The thresholds of the overload checks ([Overload]). They say when a
// run's system is beyond what its capacity can carry, so that a planner
// reads its other figures with that in mind; they are conventions for a
// warning, not parameters of the model, and no run ever stops for them.
const (
	// OverloadOccupancy is the day's mean acute occupancy (beds occupied
	// over beds) above which a day counts as full: well above the 85% at
	// which Bagust, Place and Posnett (BMJ 1999;319:155) found bed
	// shortages start to recur, and above NHS England's 92% ceiling and
	// the baseline's 91% in its base year, so that a year full on most
	// days has no room for the next emergency on most days.
	OverloadOccupancy = 0.95
	// OverloadOccupancyDays is the share of a financial year's simulated
	// days that must be full for the year to be overloaded: more than
	// half.
	OverloadOccupancyDays = 0.5
	// OverloadQueueYears is the number of financial years over which the
	// mean number of emergency patients waiting for an acute bed (or of
	// patients on the elective waiting list) must rise, each year above
	// the one before, to the last (fewer when the run has fewer years
	// after its first).
	OverloadQueueYears = 3
	// OverloadQueueMultiple is how many times the first financial year's
	// mean that last year's mean must also be, and OverloadQueueFloor the
	// mean, in patients, it must reach: a queue that rises from 0.1 to 0.3
	// patients has tripled without being a problem.
	OverloadQueueMultiple = 2
	OverloadQueueFloor    = 1
	// OverloadBacklogWeekdays is the floor of the routine GP backlog's
	// check, in weekdays of the first year's routine appointments: a
	// backlog of a few hundred people, served within the day, that has
	// doubled from a few dozen is a week's wait short of a problem.
	OverloadBacklogWeekdays = 5
	// OverloadCancellations is how many times the first financial year's
	// rate (per day) of cancelled elective bookings a later year's rate
	// must exceed; OverloadCancellationsShare is the share of that year's
	// elective admissions it must also exceed, so that a first year with
	// few or no cancellations does not make a handful later a multiple:
	// one booking in ten, about ten times the national rate of
	// last-minute cancellations of elective operations for non-clinical
	// reasons (NHS England's quarterly cancelled operations, near 1% of
	// elective admissions).
	OverloadCancellations      = 5
	OverloadCancellationsShare = 0.1
	// OverloadYearDays is the least number of simulated days of a
	// financial year that the checks read, unless the run is shorter:
	// half a year. A part year shorter than that beside longer ones (the
	// one day of 2015/16 in a run of 366 days from 2014-04-01) is too
	// short to say anything about a year.
	OverloadYearDays = 183
)

// Overload is the warning of a run whose system is overloaded: one of
// its measures passed the threshold of an overload check in the financial
// years Years. The checks read the means over replications of the
// measures of Results (Overloads).
type Overload struct {
	// Measure names the measures the check reads, as the outputs name
	// them: "acute_occupied_mean / acute_beds".
	Measure string
	// Years are the financial years ("2016/17") in which it passed.
	Years []string
	// Msg says what passed which threshold, with the values.
	Msg string
}

// Error returns "overload: " and Msg.
func (o *Overload) Error() string { return "overload: " + o.Msg }

// Overloads checks r for signs that the system it simulated is
// overloaded, and returns one [*Overload] for each check that finds them:
//
//   - acute beds full: in a financial year, the day's mean occupancy
//     (acute_occupied_mean / acute_beds) is above [OverloadOccupancy] on
//     more than [OverloadOccupancyDays] of its days;
//   - an emergency department whose queue grows without bound: the
//     yearly mean of ed_occupancy_mean rises as the queue for beds must,
//     with the same thresholds;
//   - a queue for beds that grows without bound: the yearly mean of
//     waiting_for_bed_mean rises in each of the last [OverloadQueueYears]
//     financial years, to at least [OverloadQueueMultiple] times the first
//     year's and at least [OverloadQueueFloor] patients;
//   - cancellations many times the first year's: a financial year's
//     elective_cancellations per day are more than [OverloadCancellations]
//     times the first year's, and more than [OverloadCancellationsShare]
//     of its elective admissions;
//   - an elective waiting list that grows without bound: the yearly mean
//     of elective_waiting_list rises as the queue for beds must, with the
//     same thresholds;
//   - a backlog of people waiting for a routine GP appointment that grows
//     without bound: the yearly mean of gp_routine_backlog rises as the
//     queue for beds must, to at least [OverloadBacklogWeekdays] of the
//     first year's routine appointments a weekday. Nobody on it gives
//     up, so while need outgrows the appointments it only grows, and the
//     GP referrals drawn from the appointments lag the need.
//
// Each reads the mean over replications, day by day or year by year, of
// the financial years with at least [OverloadYearDays] days simulated
// (or of the run's one year, if shorter), the first of them being the
// first year. A run with no replications has
// no overloads.
func Overloads(r *Results) []error {
	if len(r.Reps) == 0 || len(r.Years) == 0 {
		return nil
	}
	yearOf := yearOfDay(r)
	days := make([]int, len(r.Years))
	for _, y := range yearOf {
		days[y]++
	}
	var years []int // the years checked, indices into r.Years
	for y, n := range days {
		if n >= OverloadYearDays || n == len(yearOf) {
			years = append(years, y)
		}
	}
	if len(years) == 0 {
		return nil
	}
	var out []error
	if o := fullBeds(r, yearOf, years); o != nil {
		out = append(out, o)
	}
	if o := growingED(r, yearOf, days, years); o != nil {
		out = append(out, o)
	}
	if o := growingQueue(r, yearOf, days, years); o != nil {
		out = append(out, o)
	}
	if o := manyCancellations(r, years); o != nil {
		out = append(out, o)
	}
	if o := growingList(r, yearOf, days, years); o != nil {
		out = append(out, o)
	}
	if o := growingBacklog(r, yearOf, days, years); o != nil {
		out = append(out, o)
	}
	return out
}

// yearOfDay returns, for each measured day of r, the index in r.Years of
// its financial year.
func yearOfDay(r *Results) []int {
	start, days := r.Reps[0].Start, r.Reps[0].Days
	out := make([]int, days)
	y, last := -1, 0
	for d := range out {
		if fy := start.AddDays(d).FinancialYear(); d == 0 || fy != last {
			y, last = y+1, fy
		}
		out[d] = y
	}
	return out
}

// fullBeds is the acute occupancy check of the years years; yearOf is
// yearOfDay(r).
func fullBeds(r *Results, yearOf, years []int) *Overload {
	o, each := fullDays(r, yearOf, years, care.DailyAcuteMean, care.DailyAcuteBeds, OverloadOccupancy)
	if o == nil {
		return nil
	}
	o.Msg = fmt.Sprintf("acute beds full: the day's mean occupancy (%s) was above %g%% on more than %g%% of the days of %s",
		o.Measure, 100*OverloadOccupancy, 100*OverloadOccupancyDays, strings.Join(each, ", "))
	return o
}

// growingED is the check of the patients in the emergency department
// over the years years, with the thresholds of the queue for beds;
// yearOf is yearOfDay(r) and days[y] the days of year y.
func growingED(r *Results, yearOf, days, years []int) *Overload {
	o, mean, k := growing(r, yearOf, days, years, care.DailyEDOccupancy, OverloadQueueFloor)
	if o == nil {
		return nil
	}
	n := len(years)
	name := func(i int) string { return r.Years[years[i]] }
	o.Msg = fmt.Sprintf("the emergency department's queue grows without bound: the mean number of patients in it (%s), waiting for a cubicle, "+
		"treated or boarding for a bed, rose every year from %s to %s, to %s in %s (%s)",
		o.Measure, name(n-k-1), name(n-1), round3(mean[n-1]), name(n-1), was(mean, name))
	return o
}

// fullDays returns an overload of the years of years in which the day's
// mean of daily measure busy over daily measure capacity was above
// threshold on more than [OverloadOccupancyDays] of the days, with its
// years and each year's count but no message; else nil.
func fullDays(r *Results, yearOf, years []int, busyM, capM int, threshold float64) (*Overload, []string) {
	busy, capacity := r.Daily[busyM].Mean, r.Daily[capM].Mean
	n := len(r.Years)
	full, counted := make([]int, n), make([]int, n)
	for d, y := range yearOf {
		if capacity[d] <= 0 {
			continue
		}
		counted[y]++
		if busy[d]/capacity[d] > threshold {
			full[y]++
		}
	}
	o := &Overload{Measure: care.DailyMeasures[busyM].Name + " / " + care.DailyMeasures[capM].Name}
	var each []string
	for _, y := range years {
		if counted[y] > 0 && float64(full[y]) > OverloadOccupancyDays*float64(counted[y]) {
			o.Years = append(o.Years, r.Years[y])
			each = append(each, fmt.Sprintf("%s (%d of %d days)", r.Years[y], full[y], counted[y]))
		}
	}
	if len(o.Years) == 0 {
		return nil, nil
	}
	return o, each
}

// growingQueue is the check of the queue for acute beds over the years
// years; yearOf is yearOfDay(r) and days[y] the days of year y.
func growingQueue(r *Results, yearOf, days, years []int) *Overload {
	o, mean, k := growing(r, yearOf, days, years, care.DailyWaitingForBed, OverloadQueueFloor)
	if o == nil {
		return nil
	}
	n := len(years)
	name := func(i int) string { return r.Years[years[i]] }
	o.Msg = fmt.Sprintf("the queue for acute beds grows without bound: the mean number of emergency patients waiting for a bed (%s) rose every year from %s to %s, to %s in %s (%s)",
		o.Measure, name(n-k-1), name(n-1), round3(mean[n-1]), name(n-1), was(mean, name))
	return o
}

// growingList is the check of the elective waiting list over the years
// years, with the thresholds of the queue for beds; yearOf is
// yearOfDay(r) and days[y] the days of year y.
func growingList(r *Results, yearOf, days, years []int) *Overload {
	o, mean, k := growing(r, yearOf, days, years, care.DailyIndex("elective_waiting_list"), OverloadQueueFloor)
	if o == nil {
		return nil
	}
	n := len(years)
	name := func(i int) string { return r.Years[years[i]] }
	o.Msg = fmt.Sprintf("the elective waiting list grows without bound: its mean (%s) rose every year from %s to %s, to %s patients in %s (%s)",
		o.Measure, name(n-k-1), name(n-1), round3(mean[n-1]), name(n-1), was(mean, name))
	return o
}

// growingBacklog is the check of the routine GP backlog over the years
// years, with the thresholds of the queue for beds; yearOf is
// yearOfDay(r) and days[y] the days of year y.
func growingBacklog(r *Results, yearOf, days, years []int) *Overload {
	week := 0.0 // a week of the first year's routine appointments
	appts := r.Daily[care.DailyIndex("gp_routine_appointments")].Mean
	for d, y := range yearOf {
		if y == years[0] {
			week += appts[d]
		}
	}
	week *= OverloadBacklogWeekdays / float64(days[years[0]])
	o, mean, k := growing(r, yearOf, days, years, care.DailyIndex("gp_routine_backlog"), max(week, OverloadQueueFloor))
	if o == nil {
		return nil
	}
	n := len(years)
	name := func(i int) string { return r.Years[years[i]] }
	o.Msg = fmt.Sprintf("the backlog of people waiting for a routine GP appointment grows without bound: its mean (%s) rose every year from %s to %s, "+
		"to %s people in %s (%s); GP referrals to hospital come from the appointments given, so they lag the need",
		o.Measure, name(n-k-1), name(n-1), round3(mean[n-1]), name(n-1), was(mean, name))
	return o
}

// growing returns an overload of daily measure m, with its years but no
// message, when the yearly mean of m over the years years rose in each of
// the last [OverloadQueueYears] of them (fewer when there are fewer), to
// at least [OverloadQueueMultiple] times the first year's and at least
// floor; else nil. It returns the yearly means too, and
// the rises it needed.
func growing(r *Results, yearOf, days, years []int, m int, floor float64) (*Overload, []float64, int) {
	n := len(years)
	if n < 2 {
		return nil, nil, 0
	}
	v := r.Daily[m].Mean
	sum := make([]float64, len(r.Years))
	for d, y := range yearOf {
		sum[y] += v[d]
	}
	mean := make([]float64, n) // of years[i]
	for i, y := range years {
		mean[i] = sum[y] / float64(days[y])
	}
	k := min(OverloadQueueYears, n-1) // the year-on-year rises needed
	for i := n - k; i < n; i++ {
		if !(mean[i] > mean[i-1]) {
			return nil, nil, 0
		}
	}
	last := mean[n-1]
	if last < floor || last < OverloadQueueMultiple*mean[0] {
		return nil, nil, 0
	}
	o := &Overload{Measure: care.DailyMeasures[m].Name}
	for i := n - k - 1; i < n; i++ {
		o.Years = append(o.Years, r.Years[years[i]])
	}
	return o, mean, k
}

// was says how the last of the yearly means compares with the first,
// named by name: "40.1 times 2014/15's 0.500".
func was(mean []float64, name func(int) string) string {
	if mean[0] == 0 {
		return "none in " + name(0)
	}
	return fmt.Sprintf("%s times %s's %s", round3(mean[len(mean)-1]/mean[0]), name(0), round3(mean[0]))
}

// manyCancellations is the check of cancelled elective bookings over the
// years years.
func manyCancellations(r *Results, years []int) *Overload {
	perDay := func(y, k int) float64 {
		days := r.Annual[y][care.AnnualDays].Mean
		if days <= 0 {
			return 0
		}
		return r.Annual[y][k].Mean / days
	}
	y0 := years[0]
	first := perDay(y0, care.AnnualElectiveCancellations)
	o := &Overload{Measure: care.AnnualMeasures[care.AnnualElectiveCancellations].Name}
	var each []string
	for _, y := range years[1:] {
		c, admitted := perDay(y, care.AnnualElectiveCancellations), perDay(y, care.AnnualElectiveAdmissions)
		if c > OverloadCancellations*first && c > OverloadCancellationsShare*admitted {
			times, share := "from none", "with no admissions"
			if first > 0 {
				times = round3(c/first) + " times"
			}
			if admitted > 0 {
				share = round3(100*c/admitted) + "% of admissions"
			}
			o.Years = append(o.Years, r.Years[y])
			each = append(each, fmt.Sprintf("%s (%.0f, %s, %s)", r.Years[y], r.Annual[y][care.AnnualElectiveCancellations].Mean, times, share))
		}
	}
	if len(o.Years) == 0 {
		return nil
	}
	o.Msg = fmt.Sprintf("elective bookings cancelled for want of a bed (%s) were more than %g times %s's rate (%.0f a year) and more than %g%% of the year's elective admissions in %s",
		o.Measure, float64(OverloadCancellations), r.Years[y0], 365*first, 100*OverloadCancellationsShare, strings.Join(each, ", "))
	return o
}

// round3 writes x to three significant figures, or as a whole number
// when it is 100 or more, without an exponent.
func round3(x float64) string {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'f', max(0, 2-int(math.Floor(math.Log10(math.Abs(x))))), 64)
}
