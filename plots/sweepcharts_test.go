package plots

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"caresim/results"

	"gonum.org/v1/plot/plotter"
)

// sweepTestData is a sweep read back from rows "point,replication,
// params...,metric" with the named parameters and one metric, m, in
// fractions.
func sweepTestData(lhs int, params []string, rows ...string) results.SweepData {
	man := &results.Sweep{LHS: lhs, Scenario: "s", Replications: 2, Metrics: []results.Measure{{Name: "m", Unit: "fraction"}}}
	for _, p := range params {
		man.Parameters = append(man.Parameters, results.Measure{Name: p, Unit: "days"})
	}
	d := results.SweepData{Man: man, Header: man.Header()}
	for _, r := range rows {
		d.Rows = append(d.Rows, strings.Split(r, ","))
	}
	return d
}

// tornadoBars returns the tornado chart's base case, and the far ends of
// its low and high bars from the bottom (the smallest swing) up.
func tornadoBars(t *testing.T, f *Figure) (base float64, low, high []float64) {
	t.Helper()
	for _, e := range f.Legend {
		if strings.Contains(e.Name, ": ") && e.Thumbs != nil {
			base = e.Thumbs[0].(*plotter.Line).XYs[0].X
		}
	}
	for _, side := range []struct {
		name string
		ends *[]float64
	}{{LegendTornadoLow, &low}, {LegendTornadoHigh, &high}} {
		e, ok := f.Entry(side.name)
		if !ok {
			t.Fatalf("no %q legend entry", side.name)
		}
		for _, ring := range e.Thumbs[0].(*plotter.Polygon).XYs {
			*side.ends = append(*side.ends, ring[1].X)
		}
	}
	return base, low, high
}

// TestSweepTornadoGrid checks a grid's tornado chart by hand on a 3×2
// grid: the base case is a at its middle value 2 and b at the lower
// middle 10; a's bar runs between (1, 10) and (3, 10), b's between
// (2, 10) and (2, 20); each value is the mean of two replications.
func TestSweepTornadoGrid(t *testing.T) {
	t.Parallel()
	d := sweepTestData(0, []string{"a", "b"},
		"0,0,1,10,0.1", "0,1,1,10,0.3", // a=1 b=10: 0.2
		"1,0,1,20,0.9", "1,1,1,20,0.9",
		"2,0,2,10,0.5", "2,1,2,10,0.5", // base: 0.5
		"3,0,2,20,0.6", "3,1,2,20,0.7", // a=2 b=20: 0.65
		"4,0,3,10,0.7", "4,1,3,10,0.9", // a=3 b=10: 0.8
		"5,0,3,20,0.9", "5,1,3,20,0.9")
	cs, warns, err := SweepCharts(d, []string{"m"})
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	if len(cs) != 2 || cs[0].File != "tornado-m" || cs[1].File != "heatmap-m" {
		t.Fatalf("charts %v, want tornado-m and heatmap-m", cs)
	}
	base, low, high := tornadoBars(t, cs[0].Fig)
	// b swings 0.15, a 0.6: b at the bottom. m is a fraction, charted
	// in per cent.
	const tol = 1e-10 // means of two numbers, times 100
	if math.Abs(base-50) > tol || !near(low, []float64{50, 20}, tol) || !near(high, []float64{65, 80}, tol) {
		t.Errorf("base %v, low ends %v, high ends %v; want 50, [50 20], [65 80] (%%)", base, low, high)
	}
	if _, ok := cs[0].Fig.Entry("Other parameters at"); !ok {
		t.Errorf("the tornado chart does not say the other parameters are at their middle values")
	}
}

// TestSweepTornadoLHS checks a Latin hypercube's tornado chart by hand
// on 10 points, whose tenth is one point: the base is the mean of all,
// and each bar runs between the points with the parameter's lowest and
// highest value.
func TestSweepTornadoLHS(t *testing.T) {
	t.Parallel()
	var rows []string
	// a rises with the point, b falls; m is the point's tenth, both
	// replications alike.
	for i := range 10 {
		for rep := range 2 {
			rows = append(rows, strings.Join([]string{strconv.Itoa(i), strconv.Itoa(rep), strconv.Itoa(i + 1), strconv.Itoa(100 - i), "0." + strconv.Itoa(i)}, ","))
		}
	}
	d := sweepTestData(10, []string{"a", "b"}, rows...)
	cs, _, err := SweepCharts(d, []string{"m"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].File != "tornado-m" {
		t.Fatalf("charts %v, want tornado-m alone", cs)
	}
	base, low, high := tornadoBars(t, cs[0].Fig)
	const tol = 1e-10
	// The swings tie: b, given second, at the bottom. m is a fraction,
	// charted in per cent.
	if math.Abs(base-45) > tol || !near(low, []float64{90, 0}, tol) || !near(high, []float64{0, 90}, tol) {
		t.Errorf("base %v, low ends %v, high ends %v; want 45, [90 0], [0 90] (%%)", base, low, high)
	}
	if _, ok := cs[0].Fig.Entry("Latin hypercube of 10 points:"); !ok {
		t.Errorf("the tornado chart does not say it is of a Latin hypercube: legend %v", cs[0].Fig.Legend)
	}
}

// TestSweepDefaultMetric checks the metric charted without --metric: the
// first preferred one that varies, else the first measured, and a
// warning for a metric measured nowhere.
func TestSweepDefaultMetric(t *testing.T) {
	t.Parallel()
	man := &results.Sweep{Scenario: "s", Replications: 1, Parameters: []results.Measure{{Name: "a"}}, Metrics: []results.Measure{
		{Name: "acute_occupancy_mean", Unit: "fraction"}, {Name: "ed_4h_performance", Unit: "fraction"}, {Name: "ic_occupancy_mean", Unit: "fraction"}}}
	d := results.SweepData{Man: man, Header: man.Header(), Rows: [][]string{{"0", "0", "1", "0.5", "0.9", ""}, {"1", "0", "2", "0.5", "0.8", ""}}}
	if got := DefaultSweepMetric(d, d.Points()); !slices.Equal(got, []string{"ed_4h_performance"}) {
		t.Errorf("default %q, want ed_4h_performance, the first that varies", got)
	}
	d.Rows[1][4] = "0.9"
	if got := DefaultSweepMetric(d, d.Points()); !slices.Equal(got, []string{"acute_occupancy_mean"}) {
		t.Errorf("default %q, want acute_occupancy_mean, the first measured, when none varies", got)
	}
	cs, warns, err := SweepCharts(d, []string{"ic_occupancy_mean"})
	if err != nil || len(cs) != 0 || len(warns) != 1 || !strings.Contains(warns[0], "ic_occupancy_mean was not measured") {
		t.Errorf("a metric measured nowhere: %d charts, warnings %q, err %v; want a warning alone", len(cs), warns, err)
	}
}

// TestMetricTitle checks how sweep charts name metrics: as the reports
// do (headline labels, deficits by whose), and a metric that has no label
// by its words (metricWords).
func TestMetricTitle(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		f     func(string) string
		cases map[string]string
	}{
		{"metricWords", metricWords, map[string]string{
			"ed_4h_performance":                "ED 4h performance",
			"deficit_final_year_gbp":           "Deficit final year",
			"deficit_cumulative_gbp_acute":     "Deficit cumulative acute",
			"ic_los_mean_days":                 "IC LOS mean days",
			"acute_occupancy_p95":              "Acute occupancy P95",
			"ed_12h_dta_waits_per_year":        "ED 12h DTA waits per year",
			"call_for_care_navigated_per_year": "Call for care navigated per year",
			"delay_days_mean_pathway1":         "Delay days mean pathway1",
			"elective_cancellations_per_year":  "Elective cancellations per year",
			"nel_admissions_per_year":          "NEL admissions per year",
			"acute_delayed_patients_mean":      "Acute delayed patients mean",
			"readmissions_30d_rate":            "Readmissions 30d rate",
			"ed_time_in_department_hours_mean": "ED time in department hours mean",
			"care_home_admissions_per_year":    "Care home admissions per year",
			"reablement_caseload_mean":         "Reablement caseload mean",
		}},
		{"metricTitle", metricTitle, map[string]string{
			"ed_4h_performance":            "A&E: left within 4 hours of arrival",
			"acute_occupancy_mean":         "Acute bed occupancy",
			"deficit_final_year_gbp":       "Deficit, whole system, final year simulated whole",
			"deficit_final_year_gbp_acute": "Deficit, acute trust, final year simulated whole",
			"not_a_metric_gbp":             "Not a metric",
		}},
	} {
		for name, want := range c.cases {
			if got := c.f(name); got != want {
				t.Errorf("%s(%q) = %q, want %q", c.name, name, got, want)
			}
		}
	}
}

// TestParamView checks how the charts and the report name a swept
// parameter and show its values: a name from its path, durations in the
// unit every value was typed in, fractions as percentages, money in
// pounds.
func TestParamView(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path, unit, flag  string
		label, cell, want string // cell, in sweep.csv, is shown as want
	}{
		{"services.acute.beds", "", "--set services.acute.beds=700,740", "Acute beds", "700", "700"},
		{"services.ed.cubicles", "", "--range services.ed.cubicles=9:12", "ED cubicles", "10", "10"},
		{"services.intermediate_care.beds", "", "--set services.intermediate_care.beds=6,10", "Intermediate care beds", "6", "6"},
		{"services.acute.length_of_stay.mean", "days", "--set services.acute.length_of_stay.mean=5d,6.5d", "Acute length of stay, mean (days)", "6.5", "6.5"},
		// 50 minutes is 50/1440 day.
		{"services.ed.treatment.mean", "days", "--set services.ed.treatment.mean=50min,60min", "ED treatment, mean (minutes)", "0.034722222222222224", "50"},
		{"services.ed.treatment.mean", "days", "--set services.ed.treatment.mean=50min:70min:10min", "ED treatment, mean (minutes)", "0.041666666666666664", "60"},
		{"services.ed.treatment.sd", "days", "--range services.ed.treatment.sd=1h:4h", "ED treatment, SD (hours)", "0.125", "3"},
		{"services.reablement.duration.median", "days", "--set services.reablement.duration.median=2w,3w", "Reablement duration, median (weeks)", "14", "2"},
		// Mixed, compound or no units: days, as sweep.csv has them.
		{"services.acute.assessment.mean", "days", "--set services.acute.assessment.mean=1d,36h", "Acute assessment, mean (days)", "1.5", "1.5"},
		{"services.acute.assessment.mean", "days", "--set services.acute.assessment.mean=1d12h,2d", "Acute assessment, mean (days)", "1.5", "1.5"},
		{"services.acute.assessment.mean", "days", "--set services.acute.assessment.mean=1,2", "Acute assessment, mean (days)", "2", "2"},
		{"services.acute.readmit", "fraction", "--set services.acute.readmit=8%,10%", "Acute readmit (%)", "0.08", "8"},
		{"money.acute.bed_day", "pounds", "--set money.acute.bed_day=£250,£300", "Money acute bed day (£)", "250000", "£250k"},
		{"money.growth", "as given", "--set money.growth=1,2", "Money growth", "2", "2"},
		{"services.acute.beds", "", "--set services.acute.beds=a,b", "Acute beds", "wide", "wide"},
	} {
		v := ParamOf(results.Measure{Name: c.path, Unit: c.unit, Doc: c.flag})
		if got := v.Label(); got != c.label {
			t.Errorf("%s: label %q, want %q", c.flag, got, c.label)
		}
		if got := v.Cell(c.cell); got != c.want {
			t.Errorf("%s: cell %s shown as %q, want %q", c.flag, c.cell, got, c.want)
		}
	}
}

// near reports whether got and want have the same length and each
// element within tol.
func near(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol {
			return false
		}
	}
	return true
}
