package sim

import (
	"slices"

	"caresim/sim/care"
	"caresim/sim/stats"
)

// Metric is one metric of a run across its replications: its name, unit
// and meaning, each replication's value in replication order (for paired
// comparisons of scenarios run with common random numbers,
// [stats.Paired]), and their summary.
type Metric struct {
	care.Measure
	Values  []float64
	Summary stats.Summary
}

// MetricMeasures lists the metrics that [Results.AllMetrics] returns for
// a run, priced or not, in the same order, for headers written before any
// result exists: the names do not depend on results.
func MetricMeasures(priced bool) []care.Measure {
	if !priced {
		return care.Metrics[:]
	}
	return slices.Concat(care.Metrics[:], MoneyMetricMeasures())
}

// AllMetrics returns the metrics r carries: every one of care.Metrics, in
// the order of [MetricMeasures], then the money metrics when the run
// priced its activity (Options.Money). Every output writes its metric
// columns and rows from it, so a metric added to the results reaches
// every output by being added here.
func (r *Results) AllMetrics() []Metric {
	out := make([]Metric, care.NumMetrics, care.NumMetrics+len(MoneyMetricNames))
	for k, m := range care.Metrics {
		vals := make([]float64, len(r.Reps))
		for i, rep := range r.Reps {
			vals[i] = rep.Metrics[k]
		}
		out[k] = Metric{Measure: m, Values: vals, Summary: r.Metrics[k]}
	}
	if r.Money != nil {
		out = append(out, r.Money.Metrics...)
	}
	return out
}
