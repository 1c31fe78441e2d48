package care

import (
	"math"

	"caresim/sim/des"
)

// Year-to-year variation (Demand.Urgent.WinterSD): some winters are hard.
// Each financial year Y of a replication draws its winter severity
//
//	z_Y ~ N(0, 1),  W_Y = exp(σ·z_Y − σ²/2)   (lognormal, mean 1, sd of ln W = σ)
//
// from its own random stream, named by the seed, the replication and the
// year ("year-effects/winter/2017/18"), so that every scenario run with the
// same seed and replication has the same winters, whatever its parameters,
// start or warm-up (common random numbers). W_Y multiplies the winter
// part of urgent demand's month profile: with m the month weights
// normalised to mean 1 (as des.RateProfile normalises them), the winter
// excess of month k is
//
//	e_k = max(0, m_k − 1) for October to March, 0 otherwise,
//
// and in year Y month k's weight is m_k + (W_Y − 1)·e_k = 1 + W_Y·e_k
// where e_k > 0: a winter with W = 2 has twice the usual winter excess, one
// with W = 0.5 half of it; the rest of the year is as m says. Demand's
// shape by hour of the week, its trend and the other routes' sources are
// unchanged. Only the urgent sources shaped by the month profile (the age
// bands' urgent demand, the routes' fixed arrivals and care-home residents'
// calls) feel it.
//
// The model draws candidate arrivals at boost times the profile's rate,
// boost being the largest factor any year's winter gives any month, and
// keeps each with probability (1 + W_Y·e_k)/(m_k·boost) on top of the
// thinning it already does, which is exact thinning of the piecewise-
// constant rate (Lewis and Shedler, 1979). No other year effect is drawn:
// winter severity is the only one, so no correlation between effects is
// assumed.

// yearEffects is one replication's year effects.
type yearEffects struct {
	on     bool
	years  []string   // the financial years from the start of the warm-up ("2013/14")
	starts []des.Time // each year's first day, days from the start of the warm-up (the first 0)
	winter []float64  // each year's winter severity W
	keep   []float64  // by day from the start of the warm-up: the winter thinning probability
	boost  float64    // candidate rate factor for the month-shaped urgent sources (1 when off)
}

// daysOfMonth are the days of each month of a 365-day year, by which
// des.RateProfile normalises its month weights.
var daysOfMonth = [12]float64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// winterExcess returns the month weights normalised to a day-weighted mean
// of 1 and each month's winter excess: its weight's excess over 1 from
// October to March, 0 otherwise and when the profile is empty.
func winterExcess(month []float64) (norm, excess [12]float64) {
	for k := range norm {
		norm[k] = 1
	}
	if len(month) != 12 {
		return norm, excess
	}
	mean := 0.0
	for k, w := range month {
		mean += w * daysOfMonth[k] / 365
	}
	if !(mean > 0) {
		return norm, excess
	}
	for k, w := range month {
		norm[k] = w / mean
		if m := k + 1; (m >= 10 || m <= 3) && norm[k] > 1 {
			excess[k] = norm[k] - 1
		}
	}
	return norm, excess
}

// financialYear returns the year in which the financial year (April to
// March) of date d starts.
func financialYear(d des.Date) int {
	if d.Month < 4 {
		return d.Year - 1
	}
	return d.Year
}

// WinterSeverity returns the winter severity W that replication rep of a
// run with the given seed draws for the financial year named year
// ("2017/18") when the spread of its logarithm is sd: the same for every
// scenario (see yeareffects.go).
func WinterSeverity(seed uint64, rep int, year string, sd float64) float64 {
	z := des.NewStream(seed, rep, "year-effects/winter/"+year).NormFloat64()
	return math.Exp(sd*z - sd*sd/2)
}

// initYearEffects draws the replication's winters, one per financial year
// from the start of the warm-up to the end of the run, and the thinning
// that gives each day its year's winter. With WinterSD 0, or a month
// profile without a winter excess, it draws nothing.
func (m *model) initYearEffects() {
	y := &m.year
	y.boost = 1
	u := &m.p.Demand.Urgent
	norm, excess := winterExcess(u.Month)
	hasWinter := false
	for _, e := range excess {
		hasWinter = hasWinter || e > 0
	}
	if !(u.WinterSD > 0) || !hasWinter {
		return
	}
	y.on = true
	first := m.p.Start.AddDays(-int(m.warm))
	days := int(m.end) + 1
	wmax := 0.0
	for d := 0; d < days; {
		fy := financialYear(first.AddDays(d))
		label := des.FinancialYearLabel(fy)
		w := WinterSeverity(m.cfg.Seed, m.cfg.Rep, label, u.WinterSD)
		y.years = append(y.years, label)
		y.starts = append(y.starts, des.Time(d))
		y.winter = append(y.winter, w)
		wmax = max(wmax, w)
		d = int(des.FinancialYearStart(fy + 1).Sub(first))
	}
	for k := range 12 {
		if excess[k] > 0 {
			y.boost = max(y.boost, (1+wmax*excess[k])/norm[k])
		}
	}
	y.keep = make([]float64, days)
	yi := 0
	for d := range days {
		for yi+1 < len(y.starts) && des.Time(d) >= y.starts[yi+1] {
			yi++
		}
		k := first.AddDays(d).Month - 1
		y.keep[d] = (norm[k] + (y.winter[yi]-1)*excess[k]) / (norm[k] * y.boost)
	}
}

// winterKeep returns the probability of keeping a candidate arrival of a
// month-shaped urgent source at now: 1 without year effects.
func (m *model) winterKeep(now des.Time) float64 {
	if !m.year.on {
		return 1
	}
	return m.year.keep[min(int(now), len(m.year.keep)-1)]
}

// winterOn returns the winter severity of day d from the start of the
// warm-up: its financial year's W, or 1 without year effects.
func (m *model) winterOn(d int) float64 {
	y := &m.year
	if !y.on {
		return 1
	}
	i := len(y.starts) - 1
	for i > 0 && des.Time(d) < y.starts[i] {
		i--
	}
	return y.winter[i]
}

// checkWinter checks the spread of winter severity: a spread needs a month
// profile with a winter to vary.
func (u *UrgentDemand) checkWinter(c *checker) {
	const at = "demand.urgent.winter_sd"
	if !(u.WinterSD >= 0 && u.WinterSD <= MaxWinterSD) {
		c.add(at, "must be from 0 to %v (the spread of the logarithm of a winter's severity), not %v", MaxWinterSD, u.WinterSD)
		return
	}
	if u.WinterSD == 0 {
		return
	}
	_, excess := winterExcess(u.Month)
	for _, e := range excess {
		if e > 0 {
			return
		}
	}
	c.add(at, "is set, but demand.urgent.month has no winter to vary (no month from October to March above the year's mean): give the month profile, or leave winter_sd out")
}
