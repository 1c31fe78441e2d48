package observed

import (
	"errors"
	"math"
	"slices"

	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/stats"
)

// Band says how each point's band is computed: the interval in which one
// more replication's value would fall with 95% probability, were the
// replications' values normal (a prediction interval), wider than the
// confidence interval of their mean by a factor √(n + 1):
//
//	mean ± t(0.975, n − 1) · s · √(1 + 1/n)
//
// over the n replications that measured the period, s being their
// standard deviation, and cut at the bounds of the measure: 0 for all but
// money, 1 for a fraction. Observed values are one realisation of the system,
// as one replication is of the model, so it is this band, not the mean's
// confidence interval, that an observed value should fall in 95% of the
// time if the model were right.
const Band = "95% prediction interval for one replication: mean ± t(0.975, n−1)·s·√(1 + 1/n) over the n replications, cut at 0 (and at 1 for a fraction)"

// The statuses of a point the run has no value for (see
// results.BackcastPoint.Status).
const (
	BeforeRun   = "before the run"
	AfterRun    = "after the run"
	PartRun     = "partly simulated"
	NotPriced   = "not priced"
	NotMeasured = "not measured"
)

// ErrNoDaily is returned by [Backcast] for a run that did not keep its
// replications' daily series (sim.Options.KeepDaily), from which the
// values of periods are computed.
var ErrNoDaily = errors.New("observed: the run kept no daily series of its replications (sim.Options.KeepDaily)")

// Backcast sets each row of set beside the run res: the run's value over
// the row's period in each replication, their mean and 95% prediction
// band ([Band]), and the fit of each observed series ([Fits]). A row whose
// period the run did not simulate whole (before its start, after its end,
// in part), or whose measure it could not measure (money in a run not
// priced; a ratio whose denominator was zero in every replication), is
// kept as a point with its status and no simulated value. res must have
// kept its replications' daily series, else Backcast returns [ErrNoDaily].
func Backcast(set *Set, res *sim.Results) (*results.Backcast, error) {
	if len(res.Reps) == 0 || slices.ContainsFunc(res.Reps, func(r *care.Result) bool { return len(r.Daily) == 0 || r.Daily[0] == nil }) {
		return nil, ErrNoDaily
	}
	b := &results.Backcast{Summary: results.BackcastSummary{File: set.File, Digest: set.Digest, Rows: len(set.Rows), Band: Band}}
	vals := make([]float64, 0, len(res.Reps))
	for _, row := range set.Rows {
		p := results.BackcastPoint{Period: row.Period.String(), Measure: row.Measure, Unit: row.Unit, Observed: row.Value,
			Source: row.Source, Line: row.Line, Mean: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
		m, ok := Lookup(row.Measure, row.Period.Monthly())
		if !ok {
			panic("observed: a row of a set that Parse did not check: " + row.Measure)
		}
		vals = vals[:0]
		p.Status = coverage(row.Period, m, res)
		if p.Status == results.BackcastSimulated {
			for i := range res.Reps {
				if v := value(m, row.Period, res, i); !math.IsNaN(v) && !math.IsInf(v, 0) {
					vals = append(vals, v)
				}
			}
			if len(vals) == 0 {
				p.Status = NotMeasured
			}
		}
		if p.Status == results.BackcastSimulated {
			s := stats.Summarize(vals, stats.DefaultConfidence)
			half := s.HalfWidth * math.Sqrt(float64(s.N+1))
			p.Mean, p.Lo, p.Hi = s.Mean, s.Mean-half, s.Mean+half
			if m.Unit != "£" { // counts, levels and shares are never negative
				p.Lo = math.Max(p.Lo, 0)
			}
			if m.Unit == "fraction" {
				p.Hi = math.Min(p.Hi, 1)
			}
		}
		b.Points = append(b.Points, p)
	}
	b.Summary.Fits = Fits(b.Points)
	return b, nil
}

// coverage returns the status of period p of measure m in res:
// results.BackcastSimulated when the run simulated it whole, else why not.
func coverage(p Period, m Measure, res *sim.Results) string {
	first := res.Reps[0].Start.Epoch()
	from := p.Start().Epoch() - first
	to := from + p.Days()
	switch {
	case to <= 0:
		return BeforeRun
	case from >= res.Reps[0].Days:
		return AfterRun
	case from < 0 || to > res.Reps[0].Days:
		return PartRun
	case m.from == fromMoney && res.Money == nil:
		return NotPriced
	}
	return results.BackcastSimulated
}

// value returns measure m over period p, which the run res simulated
// whole, in its replication i.
func value(m Measure, p Period, res *sim.Results, i int) float64 {
	rep := res.Reps[i]
	from := p.Start().Epoch() - rep.Start.Epoch()
	days := p.Days()
	sum := func(k int) float64 {
		t := 0.0
		for _, v := range rep.Daily[k][from : from+days] {
			t += v
		}
		return t
	}
	year := func() int { return slices.Index(rep.Years, p.String()) }
	switch m.from {
	case fromAnnual:
		return rep.Annual[year()][m.a]
	case fromMoney:
		return res.Money.Reps[i][year()].Money[m.a][m.b]
	case fromDailySum:
		return sum(m.a)
	case fromDailyMean:
		return sum(m.a) / float64(days)
	case fromWithin:
		return 1 - sum(m.a)/sum(m.b) // NaN, left out, when nobody departed
	case fromRatio:
		return sum(m.a) / sum(m.b)
	}
	panic("observed: a measure without a source")
}

// Fits returns the fit of each observed series among points: the points
// of one measure and one kind of period (financial years or months), in
// the order each series first appears. Bias is the mean of simulated −
// observed over the points simulated; BiasPercent and MAPEPercent the mean
// of (simulated − observed) / observed and of its absolute value, in
// percent, over those whose observed value is not zero; Coverage the share
// of the points with a band (two replications or more) whose observed
// value lies in it. A statistic with no point to average is NaN.
func Fits(points []results.BackcastPoint) []results.BackcastFit {
	type acc struct {
		fit            results.BackcastFit
		diff, rel, abs float64
		relN           int
	}
	var order []*acc
	series := map[key]*acc{}
	for _, p := range points {
		k := key{p.Measure, p.Monthly()}
		a := series[k]
		if a == nil {
			periods := results.BackcastYears
			if k.monthly {
				periods = results.BackcastMonths
			}
			m, _ := Lookup(p.Measure, k.monthly)
			a = &acc{fit: results.BackcastFit{Measure: p.Measure, Unit: p.Unit, Doc: m.Doc, Periods: periods}}
			series[k] = a
			order = append(order, a)
		}
		if p.Status != results.BackcastSimulated {
			a.fit.Outside++
			continue
		}
		a.fit.Points++
		d := p.Mean - p.Observed
		a.diff += d
		if p.Observed != 0 {
			a.rel += d / p.Observed
			a.abs += math.Abs(d / p.Observed)
			a.relN++
		}
		if !math.IsNaN(p.Lo) && !math.IsNaN(p.Hi) {
			a.fit.Banded++
			if p.Inside() {
				a.fit.Inside++
			}
		}
	}
	out := make([]results.BackcastFit, 0, len(order))
	for _, a := range order {
		f := a.fit
		f.Bias = results.Number(a.diff / float64(f.Points))
		f.BiasPercent = results.Number(100 * a.rel / float64(a.relN))
		f.MAPEPercent = results.Number(100 * a.abs / float64(a.relN))
		f.Coverage = results.Number(float64(f.Inside) / float64(f.Banded))
		out = append(out, f)
	}
	return out
}

// Simulated returns, for each row of set in order, the run res's value
// over the row's period in each replication that measured it (as
// [Backcast] computes them), and the row's status: nil values and the
// reason for a row whose period the run did not simulate whole or whose
// measure it did not measure. res must have kept its replications' daily
// series, else Simulated returns [ErrNoDaily].
func Simulated(set *Set, res *sim.Results) (values [][]float64, status []string, err error) {
	if len(res.Reps) == 0 || slices.ContainsFunc(res.Reps, func(r *care.Result) bool { return len(r.Daily) == 0 || r.Daily[0] == nil }) {
		return nil, nil, ErrNoDaily
	}
	values, status = make([][]float64, len(set.Rows)), make([]string, len(set.Rows))
	for j, row := range set.Rows {
		m, ok := Lookup(row.Measure, row.Period.Monthly())
		if !ok {
			panic("observed: a row of a set that Parse did not check: " + row.Measure)
		}
		status[j] = coverage(row.Period, m, res)
		if status[j] != results.BackcastSimulated {
			continue
		}
		for i := range res.Reps {
			if v := value(m, row.Period, res, i); !math.IsNaN(v) && !math.IsInf(v, 0) {
				values[j] = append(values[j], v)
			}
		}
		if len(values[j]) == 0 {
			status[j] = NotMeasured
		}
	}
	return values, status, nil
}

// SeriesName names the series of an observed row: its measure by month
// or by financial year, as backcast's charts are named
// (ae_departures by month).
func SeriesName(r Row) string {
	if r.Period.Monthly() {
		return r.Measure + " by month"
	}
	return r.Measure + " by year"
}
