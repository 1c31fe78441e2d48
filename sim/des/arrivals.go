package des

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// RateProfile describes a non-homogeneous arrival rate: a mean daily rate
// shaped by hour of the week and month of the year and grown by a yearly
// trend. It is the parameter form, decoded from scenarios; [NewRate]
// compiles it for a given start date and horizon.
//
// The rate at time t, in arrivals per day, is
//
//	λ(t) = PerDay · w[hour of week of t] · m[month of t] · (1 + Trend)^(h/Year)
//
// where h is the start of t's hour. It is constant within each clock hour,
// so the process is a non-homogeneous Poisson process with a
// piecewise-constant rate, which [Arrivals] samples exactly.
//
// The weights are normalised so that PerDay is the mean rate before trend:
// w to mean 1 over the 168 hours of the week, and m to a mean of 1 weighted
// by the days of each month of a 365-day year. Counts (attendances by hour
// of week, by month) can therefore be given as they are.
type RateProfile struct {
	// PerDay is the mean arrival rate, per day. Zero means no arrivals.
	PerDay float64 `yaml:"per_day"`
	// HourOfWeek has 168 non-negative weights, the first for Monday
	// 00:00–01:00; empty means flat.
	HourOfWeek []float64 `yaml:"hour_of_week,omitempty"`
	// Month has 12 non-negative weights, January first; empty means flat.
	Month []float64 `yaml:"month,omitempty"`
	// Trend is the growth per year as a fraction (0.02 is 2% a year),
	// compounded hour by hour. It must exceed −1.
	Trend float64 `yaml:"trend,omitempty"`
}

// Validate reports every problem with p, each naming its field.
func (p *RateProfile) Validate() error {
	var errs []error
	if !(p.PerDay >= 0) || math.IsInf(p.PerDay, 0) {
		errs = append(errs, fmt.Errorf("per_day: must be a finite number >= 0, not %v", p.PerDay))
	}
	check := func(name string, w []float64, n int) {
		if len(w) == 0 {
			return
		}
		if len(w) != n {
			errs = append(errs, fmt.Errorf("%s: needs %d weights, not %d", name, n, len(w)))
			return
		}
		sum := 0.0
		for i, x := range w {
			if !(x >= 0) || math.IsInf(x, 0) {
				errs = append(errs, fmt.Errorf("%s[%d]: must be a finite number >= 0, not %v", name, i, x))
			}
			sum += x
		}
		if sum == 0 {
			errs = append(errs, fmt.Errorf("%s: weights are all zero", name))
		}
	}
	check("hour_of_week", p.HourOfWeek, 168)
	check("month", p.Month, 12)
	if !(p.Trend > -1) || math.IsInf(p.Trend, 0) {
		errs = append(errs, fmt.Errorf("trend: must be a finite number > -1, not %v", p.Trend))
	}
	return errors.Join(errs...)
}

// Rate is a compiled [RateProfile], aligned to a start date and bounded by
// a horizon. It is immutable and may be shared by any number of [Arrivals]
// in any number of goroutines.
type Rate struct {
	flat      bool         // no shape and no trend: rate is perDay throughout
	perDay    float64      // base rate, per day
	how       [168]float64 // perDay · normalised hour-of-week weight
	logTrend  float64      // ln(1 + Trend) per Year
	dayTrend  []float64    // exp(logTrend·d) for each day d of the horizon, when there is a trend
	hourTrend [24]float64  // exp(logTrend·k/24) for each hour k of a day
	startHow  int          // hour of week at time 0
	horizon   Time
	start     Date        // the calendar day at time 0
	month     [12]float64 // normalised month weights, January first
}

// monthSpan is the calendar month holding some time: its weight and the
// time it ends. Walking forward from span to span costs O(1) a month and
// needs no table, whatever the horizon.
type monthSpan struct {
	end Time
	mul float64
}

// NewRate compiles p for a scenario that starts at midnight on start and
// ends at horizon (days, finite and > 0). It returns p's validation errors,
// if any.
func NewRate(p RateProfile, start Date, horizon Time) (*Rate, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if !start.Valid() {
		return nil, fmt.Errorf("des: invalid start date %v", start)
	}
	if !(horizon > 0) || math.IsInf(float64(horizon), 0) {
		return nil, fmt.Errorf("des: horizon must be finite and > 0, not %v", horizon)
	}
	r := &Rate{
		perDay:   p.PerDay,
		logTrend: math.Log1p(p.Trend) / float64(Year),
		startHow: start.Weekday() * 24,
		horizon:  horizon,
		start:    start,
		flat:     len(p.HourOfWeek) == 0 && len(p.Month) == 0 && p.Trend == 0,
	}
	if r.logTrend != 0 {
		// The trend factor of hour h is exp(logTrend·h/24), computed as
		// the product of a day's factor and an hour's: two table reads
		// instead of an exponential on every hour an arrival draw walks.
		r.dayTrend = make([]float64, int(math.Ceil(float64(horizon)))+1)
		for d := range r.dayTrend {
			r.dayTrend[d] = math.Exp(r.logTrend * float64(d))
		}
		for k := range r.hourTrend {
			r.hourTrend[k] = math.Exp(r.logTrend * float64(k) / 24)
		}
	}
	mean := 0.0
	for _, w := range p.HourOfWeek {
		mean += w / 168
	}
	for i := range r.how {
		r.how[i] = p.PerDay
		if len(p.HourOfWeek) > 0 {
			r.how[i] = p.PerDay * p.HourOfWeek[i] / mean
		}
	}
	for i := range r.month {
		r.month[i] = 1
	}
	if len(p.Month) > 0 {
		mean = 0
		for i, w := range p.Month {
			mean += w * float64(DaysIn(2001, i+1)) / 365
		}
		for i, w := range p.Month {
			r.month[i] = w / mean
		}
	}
	return r, nil
}

// Horizon returns the end of the rate's span, in days.
func (r *Rate) Horizon() Time { return r.horizon }

// At returns the rate at time t, in arrivals per day. It is O(1).
func (r *Rate) At(t Time) float64 {
	if r.flat {
		return r.perDay
	}
	h := math.Floor(float64(t) * 24)
	return r.hourRate(int64(h), r.monthOf(t).mul)
}

// Integral returns the expected number of arrivals in [a, b]: the integral
// of the rate. It is O(hours in the interval).
func (r *Rate) Integral(a, b Time) float64 {
	if b <= a {
		return 0
	}
	if r.flat {
		return r.perDay * float64(b-a)
	}
	sum := 0.0
	m := r.monthOf(a)
	for t := a; t < b; {
		h := int64(math.Floor(float64(t) * 24))
		end := min(Time(h+1)/24, b)
		if t >= m.end {
			m = r.monthOf(t)
		}
		sum += r.hourRate(h, m.mul) * float64(end-t)
		t = end
	}
	return sum
}

// hourRate is the rate during absolute hour h (counted from time 0) in a
// month of weight mul.
func (r *Rate) hourRate(h int64, mul float64) float64 {
	rate := r.how[(h+int64(r.startHow))%168] * mul
	if r.logTrend != 0 {
		if d := h / 24; h >= 0 && int(d) < len(r.dayTrend) {
			rate *= r.dayTrend[d] * r.hourTrend[h%24]
		} else {
			rate *= math.Exp(r.logTrend * float64(h) / 24)
		}
	}
	return rate
}

// monthOf returns the calendar month holding time t >= 0, from date
// arithmetic.
func (r *Rate) monthOf(t Time) monthSpan {
	d := r.start.AddDays(int(math.Floor(float64(t))))
	y, m := d.Year, d.Month+1
	if m > 12 {
		y, m = y+1, 1
	}
	return monthSpan{end: Date{y, m, 1}.Sub(r.start), mul: r.month[d.Month-1]}
}

// Arrivals samples the arrival times of a non-homogeneous Poisson process
// with a [Rate], exactly, by inversion of the cumulative rate: with E a
// unit exponential draw, the next arrival after t is the time s at which
// the integral of the rate over [t, s] reaches E (Çinlar 1975; Lewis and
// Shedler 1979). The integral is walked hour by hour, so a draw costs O(1)
// plus one step for each clock hour it crosses, and exactly one random
// number.
//
// The zero value is not usable; set Rate. An Arrivals remembers the month
// of its last step, so use one per stream per replication; it is not safe
// for concurrent use.
type Arrivals struct {
	Rate  *Rate
	month monthSpan // the month of the last step; zero before the first
	// The rate of the hour of the last step, for the month weight it was
	// computed with: the next draw most often starts in that hour.
	hour    int64
	hourMul float64
	rate    float64
}

// Next returns the first arrival after time t, drawing from r. Calls must
// come with non-decreasing t. It returns +Inf when there is no arrival
// before the rate's horizon.
func (a *Arrivals) Next(t Time, r *rand.Rand) Time {
	rt := a.Rate
	e := r.ExpFloat64()
	if rt.flat {
		if rt.perDay <= 0 {
			return Time(math.Inf(1))
		}
		s := t + Time(e/rt.perDay)
		if s >= rt.horizon {
			return Time(math.Inf(1))
		}
		return s
	}
	if t >= rt.horizon {
		return Time(math.Inf(1))
	}
	h := int64(math.Floor(float64(t) * 24))
	end := min(Time(h+1)/24, rt.horizon)
	if end <= t { // t sits on an hour boundary rounded down
		h++
		end = min(Time(h+1)/24, rt.horizon)
	}
	for {
		if t >= a.month.end {
			a.month = rt.monthOf(t)
		}
		// The hour's rate is a function of the hour and the month's
		// weight alone, so the one kept from the last step serves when
		// both are the same.
		if h != a.hour || a.month.mul != a.hourMul || a.rate == 0 {
			a.hour, a.hourMul, a.rate = h, a.month.mul, rt.hourRate(h, a.month.mul)
		}
		rate := a.rate
		mass := rate * float64(end-t)
		if e < mass {
			return t + Time(e/rate)
		}
		e -= mass
		t = end
		if t >= rt.horizon {
			return Time(math.Inf(1))
		}
		// The next step's hour is h+1 whether t·24 rounds to h+1 or
		// just below it (the boundary case above).
		h++
		end = min(Time(h+1)/24, rt.horizon)
	}
}
