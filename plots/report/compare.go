package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"caresim/internal/text"
	"caresim/plots"
	"caresim/results"
	"caresim/sim/care"
)

// compareReport is a comparison's report from its summary (as
// summary.json holds it), the calibration checks of each scenario that is
// the baseline unchanged (by label), and the charts drawn
// (none with --no-plots). dir is its folder.
func compareReport(s *results.Comparison, runs []results.RunData, calib map[string][]results.Check, charts []plots.Chart, drawn bool, dir string) (*report, error) {
	ms := make([]*results.Manifest, len(s.Manifests))
	labels := make([]string, len(s.Manifests))
	for i := range s.Manifests {
		ms[i] = &s.Manifests[i]
		labels[i] = ms[i].Scenario
		if len(s.Metrics) > 0 && i < len(s.Metrics[0].Scenarios) {
			labels[i] = s.Metrics[0].Scenarios[i].Scenario
		}
	}
	first := ms[0]
	title := strings.Join(labels, " against ")
	if p := strings.TrimSpace(first.Place); p != "" {
		title = p + ": " + title
	}
	r := &report{Kind: "comparison", Title: title, Version: first.Version}
	r.Lead = append(r.Lead, fmt.Sprintf("%s compared with common random numbers: %s each from seed %d, so that replication i of each sees the same patients arrive; each difference is to %s, estimated from the pairs of replications.",
		text.Plural(len(ms), "scenario"), text.Plural(first.Replications, "replication"), first.Seed, s.First))
	for _, m := range ms {
		r.Lead = append(r.Lead, runLead(m))
	}
	r.Answer = compareAnswer(s, runs)
	var years []string
	if len(runs) > 0 && runs[0].Money != nil {
		years = runs[0].Money.Years
	}
	r.Headline, r.Notes = compareHeadline(s, Period(first), years)
	for i, m := range ms {
		for _, w := range m.Warnings {
			r.Warnings = append(r.Warnings, labels[i]+": "+w)
		}
	}
	if err := r.addCharts(charts, drawn); err != nil {
		return nil, err
	}
	for i, m := range ms {
		c := changesOf(m)
		c.Name = labels[i]
		r.Changes = append(r.Changes, c)
		v := calibrationStatus(m, calib[labels[i]])
		v.Scenario = labels[i]
		r.Calibration = append(r.Calibration, v)
	}
	r.Money = compareMoneySection(s)
	r.Engine = engineStatus(dir)
	r.Manifest = manifestTable(ms)
	r.ManifestNote = wallNote
	return r, nil
}

// compareHeadline is a comparison's headline table: for each headline
// metric some scenario measured, then each money headline metric shown,
// each scenario's mean and interval and its difference to the first,
// marked better or worse where its interval excludes zero. period is
// the period the first scenario's metrics cover, and years its financial
// years when priced.
func compareHeadline(s *results.Comparison, period string, years []string) (reportTable, []string) {
	t := reportTable{Class: "headline compare", Header: []reportCell{{Text: "Metric"}, {Text: "Scenario"},
		{Text: "Mean", Num: true}, {Text: "95% CI", Num: true}, {Text: "Difference to " + s.First, Num: true}, {Text: "95% CI", Num: true}}}
	byName := map[string]results.CompareMetric{}
	for _, m := range s.Metrics {
		byName[m.Name] = m
	}
	add := func(m results.CompareMetric, label, period string) {
		u, scale := reportUnit(m.Unit)
		for i, sc := range m.Scenarios {
			clo, chi, cut := boundedInterval(m.Unit, float64(sc.CILow), float64(sc.CIHigh))
			ci := intervalText(clo*scale, chi*scale)
			if cut {
				ci += " †"
			}
			row := reportRow{Group: i == 0, Cells: []reportCell{{}, {Text: sc.Scenario},
				{Text: reportNumber(float64(sc.Mean) * scale), Num: true},
				{Text: ci, Num: true}, {Num: true}, {Num: true}}}
			if i == 0 {
				row.Cells[0] = reportCell{Text: label, Note: m.Name + ", " + u + ", " + period}
			} else {
				ref := max(math.Abs(float64(m.Scenarios[0].Mean)), math.Abs(float64(sc.Mean)))
				lo, hi := denoise(float64(sc.DiffCILow), ref)*scale, denoise(float64(sc.DiffCIHigh), ref)*scale
				row.Cells[4].Text = reportNumber(denoise(float64(sc.DiffMean), ref) * scale)
				row.Cells[5].Text = intervalText(lo, hi)
				if lo > 0 || hi < 0 {
					row.Cells[4].Text += " *"
					if mark := Verdict(m.Name, lo, hi); mark != "" {
						row.Cells[4].Mark, row.Cells[4].Note = mark, markLabels[mark]
					}
				}
			}
			t.Rows = append(t.Rows, row)
		}
	}
	measured := func(m results.CompareMetric) bool {
		return slices.ContainsFunc(m.Scenarios, func(r results.CompareResult) bool { return r.N > 0 })
	}
	for _, k := range Headline {
		if m, ok := byName[care.Metrics[k].Name]; ok && measured(m) {
			add(m, plots.MetricLabel(m.Name, m.Doc), "mean over "+period)
		}
	}
	money := false
	for _, name := range MoneyHeadline() {
		m, ok := byName[name]
		if !ok || !measured(m) {
			continue
		}
		var vals [][]float64
		for _, r := range m.Scenarios {
			vals = append(vals, []float64{float64(r.Mean), float64(r.SD)})
		}
		if Shown(name, vals...) {
			add(m, plots.MoneyLabel(name, years), MoneyPeriod(name, years))
			money = true
		}
	}
	notes := []string{ciNote}
	if anyCut(t) {
		notes = append(notes, boundNote)
	}
	notes = append(notes, "* the difference's 95% confidence interval excludes zero; ✓ better or ✗ worse says which way that is, for the measures with a better way (fewer admissions, delays and cancellations, lower occupancy and deficits, higher 4-hour performance).")
	if money {
		notes = append(notes, "Deficit: "+strings.TrimPrefix(DeficitNote, "deficit: ")+".")
	}
	return t, notes
}

// denoise returns the difference d, or 0 when it is below a billionth of
// ref, the size of the values differenced: the rounding left when two
// scenarios' equal sums are subtracted (8.9e-17 between two equal shares),
// which is no difference and would otherwise print as one.
func denoise(d, ref float64) float64 {
	if math.Abs(d) <= 1e-9*ref {
		return 0
	}
	return d
}

// intervalText writes an interval "lo to hi", or a dash when it could not
// be computed.
func intervalText(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "–"
	}
	return reportNumber(lo) + " to " + reportNumber(hi)
}

// WriteCompare writes a comparison's report.html to w from its summary
// (as summary.json holds it), each scenario's run data (for its years),
// the calibration checks of each scenario
// that is the built-in baseline unchanged (by label; see [Calibrated]),
// and the charts drawn: none when drawn is false (--no-plots). dir is
// the comparison's folder, where a validation.csv is looked for.
func WriteCompare(w io.Writer, s *results.Comparison, runs []results.RunData, calib map[string][]results.Check, charts []plots.Chart, drawn bool, dir string) error {
	rep, err := compareReport(s, runs, calib, charts, drawn, dir)
	if err != nil {
		return err
	}
	return writeReport(w, rep)
}
