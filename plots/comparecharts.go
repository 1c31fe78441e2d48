package plots

import (
	"math"
	"slices"
	"strings"

	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
)

// overlay is a measure drawn with every scenario of a comparison on one
// axis: its file, the measure as titled and its unit, each scenario's
// series from its run data, and whether the comparison has it to draw.
type overlay struct {
	file, measure, unit string
	series              func(r results.RunData) (mean, p10, p90 []float64)
	show                func(runs []results.RunData) bool
	reference           float64 // a level drawn across, when referenceLabel names it
	referenceLabel      string
}

// overlays are the measures a comparison overlays.
var overlays = append(serviceOverlays(), []overlay{
	dailyOverlay("overlay-delayed-patients", "Patients delayed in acute beds", "patients", care.DailyAcuteDelayed),
	{
		file: "overlay-acute-beds-open", measure: "Acute beds open", unit: "beds",
		series: func(r results.RunData) ([]float64, []float64, []float64) {
			// The mean alone: capacity seldom differs between
			// replications, and the legend would name a band not seen.
			return r.Daily[care.DailyAcuteBeds].Mean, nil, nil
		},
		show: func(runs []results.RunData) bool { // only when the scenarios open different numbers
			return slices.ContainsFunc(runs[1:], func(r results.RunData) bool {
				return !slices.Equal(r.Daily[care.DailyAcuteBeds].Mean, runs[0].Daily[care.DailyAcuteBeds].Mean)
			})
		},
	},
	{
		file: "overlay-ae-4h-performance", measure: "Monthly A&E 4-hour performance", unit: "% of departures",
		reference: FourHourStandard, referenceLabel: LegendStandard,
		series: func(r results.RunData) ([]float64, []float64, []float64) { return monthlyShare(r), nil, nil },
		show: func(runs []results.RunData) bool { // a scenario without A&E would show as 0%
			return !slices.ContainsFunc(runs, func(r results.RunData) bool { return !anyValue(r.Daily[care.DailyAEDepartures].Mean) })
		},
	},
}...)

// serviceOverlays overlays each charted service's occupied units
// (care.ChartedServices), in the order of the service table.
func serviceOverlays() []overlay {
	var out []overlay
	for _, c := range care.ChartedServices {
		out = append(out, dailyOverlay(c.Overlay, c.OverlayTitle, c.Unit, c.Mean))
	}
	return out
}

// dailyOverlay overlays daily measure k's mean and 10th–90th percentile
// band, when some scenario has a value other than zero.
func dailyOverlay(file, measure, unit string, k int) overlay {
	return overlay{
		file: file, measure: measure, unit: unit,
		series: func(r results.RunData) ([]float64, []float64, []float64) {
			b := r.Daily[k]
			return b.Mean, b.P10, b.P90
		},
		show: func(runs []results.RunData) bool {
			return slices.ContainsFunc(runs, func(r results.RunData) bool { return anyValue(r.Daily[k].Mean) })
		},
	}
}

// monthlyShare is each day's A&E 4-hour performance over its calendar
// month, in per cent: a step a month, as the A&E standard is reported;
// zero in a month with no departures.
func monthlyShare(r results.RunData) []float64 {
	return FourHourByDay(AE{Start: r.Start,
		Departures: finite(r.Daily[care.DailyAEDepartures].Mean), Breaches: finite(r.Daily[care.DailyAE4hBreaches].Mean)})
}

// diffCharts are the charts of paired differences, each of at most
// four metrics (more panels do not fit an A4 chart): the hospital's, the
// other services', the system's deficits and the organisations'.
var diffCharts = []struct {
	file, subject string
	metrics       []string
}{
	{"differences-hospital", "Hospital", []string{
		care.Metrics[care.MetricNELAdmissions].Name,
		care.Metrics[care.MetricAcuteOccupancy].Name,
		care.Metrics[care.MetricAcuteLOS].Name,
		care.Metrics[care.MetricAcuteDelayed].Name,
	}},
	{"differences-services", "Services", []string{
		care.Metrics[care.MetricED4h].Name,
		care.Metrics[care.MetricICOccupancy].Name,
		care.Metrics[care.MetricCareHomeAdmissions].Name,
		care.Metrics[care.MetricReadmissions].Name,
	}},
	// sim.MoneyMetricNames: the final year's deficits, the system's
	// first, then the cumulative ones.
	{"differences-deficit-system", "System deficit", []string{sim.MoneyMetricNames[0], sim.MoneyMetricNames[finance.NumBodies]}},
	{"differences-deficit-organisations", "Deficits by organisation", sim.MoneyMetricNames[1:finance.NumBodies]},
}

// LowerIsBetter reports whether less of the headline metric name is better: true
// for waits, delays, occupancy above the standards, admissions, activity
// that the programme aims to avoid and deficits; false for 4-hour
// performance; and ok false for a metric that is neither (intermediate-
// care occupancy: fuller beds are used beds, and fewer to spare).
func LowerIsBetter(name string) (lower, ok bool) {
	switch {
	case name == care.Metrics[care.MetricED4h].Name:
		return false, true
	case name == care.Metrics[care.MetricICOccupancy].Name:
		return false, false
	}
	return true, true
}

// betterWay says which way is better for the headline metric name, as a
// difference chart's heading says it: "lower", "higher" or "".
func betterWay(name string) string {
	lower, ok := LowerIsBetter(name)
	switch {
	case !ok:
		return ""
	case lower:
		return "lower"
	}
	return "higher"
}

// DiffMetric reports whether a difference chart draws metric name.
func DiffMetric(name string) bool {
	for _, c := range diffCharts {
		if slices.Contains(c.metrics, name) {
			return true
		}
	}
	return false
}

// CompareCharts draws a comparison's charts: for each overlaid measure that
// some scenario has, every scenario on one axis when all cover the same
// days; the paired differences of the key metrics that some scenario's
// difference measured; and the deficit trajectories of the system and of
// each organisation with money, the first scenario's against each
// other's, when both were priced over the same financial years.
func CompareCharts(d results.CompareData) ([]Chart, error) {
	var out []Chart
	base := d.Runs[0]
	same := true
	for _, r := range d.Runs[1:] {
		same = same && r.Start.Equal(base.Start) && len(r.Daily[0].Mean) == len(base.Daily[0].Mean)
	}
	for _, o := range overlays {
		if !same || !o.show(d.Runs) {
			continue
		}
		ov := Overlay{Measure: o.measure, Unit: o.unit, Place: placeName(base.Place, base.Name), Start: base.Start,
			Interventions: addedMarkers(d.Runs), Reference: o.reference, ReferenceLabel: o.referenceLabel}
		for i, r := range d.Runs {
			mean, p10, p90 := o.series(r)
			s := Series{Name: d.Labels[i], Mean: finite(mean)}
			if p10 != nil {
				s.P10, s.P90 = finite(p10), finite(p90)
			}
			ov.Series = append(ov.Series, s)
		}
		f, err := ScenariosOverTime(ov)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: o.file, Fig: f})
	}
	for _, c := range diffCharts {
		diffs := Diffs{Base: d.Labels[0], Subject: c.subject, Place: placeName(base.Place, base.Name), Interval: deficitInterval()}
		for _, name := range c.metrics {
			var rows []Diff
			measured := false
			for _, x := range d.Diffs {
				if x.Metric != name {
					continue
				}
				measured = measured || !math.IsNaN(x.Mean)
				unit, scale := x.Unit, 1.0
				if unit == "fraction" { // a difference of shares, as the report gives shares: in points
					unit, scale = "percentage points", 100
				}
				rows = append(rows, Diff{Metric: diffLabel(x.Metric, base), Unit: unit, Scenario: x.Scenario,
					Mean: scale * nanZero(x.Mean), Lo: scale * nanZero(x.Lo), Hi: scale * nanZero(x.Hi), Better: betterWay(name)})
			}
			if measured && d.Valued[name] {
				diffs.Rows = append(diffs.Rows, rows...)
			}
		}
		if len(diffs.Rows) == 0 {
			continue
		}
		f, err := Differences(diffs)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: c.file, Fig: f})
	}
	if base.Money == nil {
		return out, nil
	}
	for i, r := range d.Runs[1:] {
		if r.Money == nil || !slices.Equal(r.Money.Years, base.Money.Years) {
			continue
		}
		cs, err := deficitCharts(placeName(base.Place, base.Name), base.Money, d.Labels[0], r.Money, d.Labels[i+1])
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	cs, err := bridgeDiffCharts(placeName(base.Place, base.Name), d)
	return append(out, cs...), err
}

// bridgeDiffCharts draws, for each priced scenario after the first, the
// system's gap bridge of its difference to the first (d.Bridge), as a
// waterfall: where its savings and costs land. A comparison over one
// year has no bridge to draw.
func bridgeDiffCharts(place string, d results.CompareData) ([]Chart, error) {
	var sys []results.CompareBridgeRow
	for _, r := range d.Bridge {
		if r.Organisation == finance.BodyNames[finance.System] {
			sys = append(sys, r)
		}
	}
	if len(sys) != int(finance.NumSteps)+2 || sys[0].FromYear == sys[0].ToYear {
		return nil, nil
	}
	var out []Chart
	for k := 1; k < len(sys[0].Scenarios); k++ {
		diff := func(row int) Estimate {
			sc := sys[row].Scenarios[k]
			return estimate(Estimate{Mean: float64(sc.DiffMean), Lo: float64(sc.DiffCILow), Hi: float64(sc.DiffCIHigh)})
		}
		b := Bridge{Body: bodyTitles[finance.System], From: sys[0].FromYear, To: sys[0].ToYear, Against: sys[0].Scenarios[0].Scenario,
			Scenario: sys[0].Scenarios[k].Scenario, Start: diff(0), End: diff(len(sys) - 1), Interval: "paired " + deficitInterval()}
		if place != "" {
			b.Body += ", " + place
		}
		for s := range finance.NumSteps {
			if e := diff(s + 1); e.Mean != 0 || e.Lo != 0 || e.Hi != 0 {
				b.Steps = append(b.Steps, BridgeStep{Name: stepTitles[s], Value: e})
			}
		}
		if len(b.Steps) == 0 {
			continue
		}
		f, err := GapBridge(b)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: "gap-bridge-system-" + results.FileLabel(b.Scenario), Fig: f})
	}
	return out, nil
}

// addedMarkers are the interventions that the scenarios after the first
// add to it (those the first has too are not where they part), each
// once, in order.
func addedMarkers(runs []results.RunData) []Marker {
	var out []Marker
	for _, r := range runs[1:] {
		for _, m := range r.Markers {
			if !slices.Contains(runs[0].Markers, m) && !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}

// diffLabel names metric for a board, as the report does: a money
// metric by whose deficit over which years (those of base), another by
// its headline label or description.
func diffLabel(metric string, base results.RunData) string {
	if k := care.MetricIndex(metric); k >= 0 {
		return MetricLabel(metric, care.Metrics[k].Doc)
	}
	var years []string
	if base.Money != nil {
		years = base.Money.Years
	}
	return MoneyLabel(metric, years)
}

// placeName is where a run is, for the titles of charts of several
// scenarios: its place without the scenario's name, or "" when the place
// is only the name.
func placeName(place, name string) string {
	if place == "scenario "+name {
		return ""
	}
	p, _ := strings.CutSuffix(place, " ("+name+")")
	return p
}

// nanZero is x, or 0 when x was not measured (NaN).
func nanZero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}
