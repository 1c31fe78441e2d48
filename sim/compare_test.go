package sim

import (
	"math"
	"testing"

	"caresim/sim/care"
	"caresim/sim/stats"
)

// fakeRun is a run of three replications whose metric k is vals[k] in
// each, priced with one money metric when money is not nil.
func fakeRun(vals map[int][3]float64, money []float64) *Results {
	r := &Results{}
	for i := range 3 {
		rep := &care.Result{Metrics: make([]float64, care.NumMetrics)}
		for k := range rep.Metrics {
			rep.Metrics[k] = math.NaN()
		}
		for k, v := range vals {
			rep.Metrics[k] = v[i]
		}
		r.Reps = append(r.Reps, rep)
	}
	r.Metrics = make([]stats.Summary, care.NumMetrics)
	for k := range r.Metrics {
		var xs []float64
		for _, rep := range r.Reps {
			if x := rep.Metrics[k]; !math.IsNaN(x) {
				xs = append(xs, x)
			}
		}
		r.Metrics[k] = stats.Summarize(xs, 0)
	}
	if money != nil {
		m := MoneyMetricMeasures()[0]
		r.Money = &MoneyResults{Metrics: []Metric{{Measure: m, Values: money, Summary: stats.Summarize(money, 0)}}}
	}
	return r
}

// TestCompare compares a priced run with an unpriced one: both get the
// money metric, the unpriced one's NaN in every replication; the paired
// difference in a care metric is the hand-worked one (differences 2, 3, 2,
// as stats' TestPairedHandWorked), and a metric one run could not measure
// in a replication leaves that pair out.
func TestCompare(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	base := fakeRun(map[int][3]float64{care.MetricAcuteLOS: {10, 12, 11}, care.MetricDelayP1: {1, 2, 3}}, []float64{5, 6, 7})
	other := fakeRun(map[int][3]float64{care.MetricAcuteLOS: {12, 15, 13}, care.MetricDelayP1: {nan, 4, 4}}, nil)
	c := Compare([]*Results{base, other})
	if len(c.Metrics) != 2 || len(c.Metrics[0]) != care.NumMetrics+1 || len(c.Metrics[1]) != care.NumMetrics+1 {
		t.Fatalf("metrics per run %d and %d, want %d: the care metrics and the money metric each", len(c.Metrics[0]), len(c.Metrics[1]), care.NumMetrics+1)
	}
	money := c.Metrics[1][care.NumMetrics]
	if money.Name != MoneyMetricNames[0] || money.Summary.N != 0 || !math.IsNaN(money.Values[2]) {
		t.Errorf("the unpriced run's money metric: %+v, want %s, NaN in every replication", money, MoneyMetricNames[0])
	}
	if d := c.Diffs[1][care.NumMetrics]; d.N != 0 {
		t.Errorf("difference in a metric one run did not measure: %d pairs, want 0", d.N)
	}
	if d := c.Diffs[1][care.MetricAcuteLOS]; d.N != 3 || math.Abs(d.Mean-7.0/3) > 1e-15 {
		t.Errorf("difference in length of stay: %d pairs, mean %v; want 3, 7/3", d.N, d.Mean)
	}
	if d := c.Diffs[1][care.MetricDelayP1]; d.N != 2 || d.Mean != 1.5 {
		t.Errorf("difference in pathway 1 delay: %d pairs, mean %v; want the 2 measured in both, mean 1.5", d.N, d.Mean)
	}
	if d := c.Diffs[0][care.MetricAcuteLOS]; d.N != 3 || d.Mean != 0 {
		t.Errorf("the base against itself: %+v, want 3 pairs, mean 0", d)
	}
}
