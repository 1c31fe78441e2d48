package report

import (
	"fmt"
	"io"
	"strings"

	"caresim/internal/text"
	"caresim/plots"
	"caresim/results"
	"caresim/sim/care"
)

// runReport is a run's report from its summary (as summary.json holds
// it), what its charts are drawn from, and the charts drawn (none with
// --no-plots). dir is the results folder, where a validation.csv is
// looked for. caresim run and caresim plot both write it from these, so
// that plot reproduces run's report byte for byte.
func runReport(s *results.Summary, d results.RunData, charts []plots.Chart, drawn bool, dir string) (*report, error) {
	m := &s.Manifest
	r := &report{Kind: "run", Title: reportTitle(d.Place, m.Scenario), Version: m.Version}
	if m.Description != "" {
		r.Lead = append(r.Lead, m.Description)
	}
	r.Lead = append(r.Lead, runLead(m))
	r.Answer = runAnswer(s, d)
	r.Headline, r.Notes = runHeadline(s, d)
	r.Warnings = m.Warnings
	if err := r.addCharts(charts, drawn); err != nil {
		return nil, err
	}
	r.Backcast = backcastSection(d.Backcast, &r.Charts, m.Start)
	r.Changes = []scenarioChanges{changesOf(m)}
	r.Money = moneySection(d)
	r.Womens = womensSection(s)
	r.Lines = lineSections(d, r.Charts)
	r.Workforce = workforceSection(d)
	r.Calibration = []calibrationView{calibrationStatus(m, s.Calibration)}
	r.Engine = engineStatus(dir)
	r.Manifest = manifestTable([]*results.Manifest{m})
	r.ManifestNote = wallNote
	return r, nil
}

// runLead says what was run, in a sentence.
func runLead(m *results.Manifest) string {
	warm := "with no warm-up"
	if w := float64(m.WarmUpDays); w > 0 {
		warm = fmt.Sprintf("after a %s-day warm-up", results.Cell(w))
		if m.WarmUpAuto {
			warm += " (chosen by MSER-5)"
		}
	}
	return fmt.Sprintf("Scenario %s: %s from seed %d, each %s from %s %s.",
		m.Scenario, text.Plural(m.Replications, "replication"), m.Seed, reportCount(m.Days)+" days", m.Start, warm)
}

// runHeadline is the headline table of a run: each headline metric that
// was measured, then, when the run was priced, the deficits as run prints
// them, in £m.
func runHeadline(s *results.Summary, d results.RunData) (reportTable, []string) {
	period := Period(&s.Manifest)
	t := reportTable{Class: "headline", Header: []reportCell{{Text: "Metric"}, {Text: "Unit"}, {Text: "Period"},
		{Text: "Mean", Num: true}, {Text: "95% CI low", Num: true}, {Text: "95% CI high", Num: true}}}
	byName := map[string]results.Metric{}
	for _, m := range s.Metrics {
		byName[m.Name] = m
	}
	for _, k := range Headline {
		m, ok := byName[care.Metrics[k].Name]
		if !ok || m.N == 0 {
			continue
		}
		t.Rows = append(t.Rows, estimateRow(plots.MetricLabel(m.Name, m.Doc), m.Name, m.Unit, "mean over "+period, float64(m.Mean), float64(m.CILow), float64(m.CIHigh)))
	}
	notes := []string{ciNote}
	if anyCut(t) {
		notes = append(notes, boundNote)
	}
	if d.Money == nil {
		return t, notes
	}
	first := true
	for _, name := range MoneyHeadline() {
		m, ok := byName[name]
		if !ok || m.N == 0 || !Shown(name, []float64{float64(m.Mean), float64(m.SD)}) {
			continue
		}
		row := estimateRow(plots.MoneyLabel(name, d.Money.Years), name, "£", MoneyPeriod(name, d.Money.Years), float64(m.Mean), float64(m.CILow), float64(m.CIHigh))
		row.Group, first = first, false
		t.Rows = append(t.Rows, row)
	}
	return t, append(notes, "Deficit: "+strings.TrimPrefix(DeficitNote, "deficit: ")+".")
}

// WriteRun writes a run's report.html to w from its summary (as
// summary.json holds it), what its charts are drawn from, and the charts
// drawn: none when drawn is false (--no-plots). dir is the run's results
// folder, where a validation.csv is looked for. caresim run and caresim
// plot both write it from these, so that plot reproduces run's report
// byte for byte.
func WriteRun(w io.Writer, s *results.Summary, d results.RunData, charts []plots.Chart, drawn bool, dir string) error {
	rep, err := runReport(s, d, charts, drawn, dir)
	if err != nil {
		return err
	}
	return writeReport(w, rep)
}
