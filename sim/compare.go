package sim

import (
	"math"
	"slices"

	"caresim/sim/stats"
)

// Comparison is each metric of each of several runs of scenarios with
// common random numbers (the same seed and replications), and each
// metric's paired difference to the first run.
type Comparison struct {
	// Metrics[s][k] is run s's metric k: every run has the same metrics
	// in the same order (see [Compare]).
	Metrics [][]Metric
	// Diffs[s][k] summarises run s's paired differences to run 0 in
	// metric k ([stats.Paired]); Diffs[0] compares run 0 with itself.
	Diffs [][]stats.Summary
}

// Compare compares runs, the first the base. Each run's metrics are
// aligned under the same names in the same order: every name any run has,
// in order of first appearance; a run that lacks one (the money metrics
// of a scenario not priced, compared with one that is) measured it in no
// replication, and its values are NaN, its summary empty. The runs must
// have the same number of replications from the same seed.
func Compare(runs []*Results) *Comparison {
	c := &Comparison{}
	for _, r := range runs {
		c.Metrics = append(c.Metrics, r.AllMetrics())
	}
	c.Metrics = alignMetrics(c.Metrics)
	for s := range runs {
		d := make([]stats.Summary, len(c.Metrics[s]))
		for k, m := range c.Metrics[s] {
			d[k] = stats.Paired(c.Metrics[0][k].Values, m.Values, stats.DefaultConfidence)
		}
		c.Diffs = append(c.Diffs, d)
	}
	return c
}

// alignMetrics returns each run's metrics under the same names in the
// same order (see [Compare]).
func alignMetrics(ms [][]Metric) [][]Metric {
	var all []Metric
	for _, m := range ms {
		for _, x := range m {
			if !slices.ContainsFunc(all, func(y Metric) bool { return y.Name == x.Name }) {
				all = append(all, x)
			}
		}
	}
	out := make([][]Metric, len(ms))
	for s, m := range ms {
		for _, x := range all {
			i := slices.IndexFunc(m, func(y Metric) bool { return y.Name == x.Name })
			if i >= 0 {
				out[s] = append(out[s], m[i])
				continue
			}
			nan := make([]float64, len(x.Values))
			for j := range nan {
				nan[j] = math.NaN()
			}
			out[s] = append(out[s], Metric{Measure: x.Measure, Values: nan, Summary: stats.Summarize(nil, stats.DefaultConfidence)})
		}
	}
	return out
}
