package report

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/text"
	"caresim/results"
	"caresim/sim/care"
)

// Calibrated reports whether a scenario is the built-in baseline
// unchanged, the one scenario with calibration targets
// (validation.BaselineTargets): read from the built-in file alone, with no
// overrides.
func Calibrated(chain, sets []string) bool {
	return slices.Equal(chain, []string{"builtin:baseline"}) && len(sets) == 0
}

// calibrationStatus says whether the scenario of manifest m was checked
// against the calibration targets, with the checks when it was.
func calibrationStatus(m *results.Manifest, checks []results.Check) calibrationView {
	v := calibrationView{Scenario: m.Scenario}
	derived := slices.Contains(m.Chain, "builtin:baseline")
	switch {
	case Calibrated(m.Chain, m.Sets) && len(checks) == 0:
		v.Status = "This is the baseline unchanged, but its results hold no calibration checks (summary.json was written by an older caresim)."
	case Calibrated(m.Chain, m.Sets):
		pass := 0
		t := &reportTable{Class: "checks", Header: []reportCell{{Text: "Target"}, {Text: "Published", Num: true},
			{Text: "Simulated", Num: true}, {Text: "95% CI", Num: true}, {Text: "Tolerance", Num: true}, {Text: "Met"}}}
		for _, c := range checks {
			scale, unit := 1.0, ""
			tolerance := "±" + reportNumber(100*float64(c.Tolerance)) + "%"
			switch {
			case strings.Contains(c.Measure, "£"):
				scale = 1e-6
			case isShare(c.Measure): // in per cent, as the headline gives shares, its tolerance in points
				scale, unit = 100, "%"
				tolerance = "±" + reportNumber(100*float64(c.Tolerance)*float64(c.Expected)) + " points"
			}
			met := reportCell{Text: "yes", Mark: "pass"}
			if c.Pass {
				pass++
			} else {
				met = reportCell{Text: "no", Mark: "fail"}
			}
			t.Rows = append(t.Rows, reportRow{Cells: []reportCell{
				{Text: text.Capitalise(c.Case), Note: c.Measure + ". Source: " + c.Source},
				{Text: reportNumber(float64(c.Expected)*scale) + unit, Num: true},
				{Text: reportNumber(float64(c.Simulated)*scale) + unit, Num: true},
				{Text: reportNumber(float64(c.CILow)*scale) + " to " + reportNumber(float64(c.CIHigh)*scale) + unit, Num: true},
				{Text: tolerance, Num: true},
				met,
			}})
		}
		v.Table = t
		v.Status = fmt.Sprintf("This is the built-in baseline, unchanged: %d of its %d calibration targets (Mid-Nottinghamshire, 2013/14) are met by this run's %s. A target is met when the mean lies within its tolerance of the published figure (amounts of money in £m).",
			pass, len(checks), text.Plural(m.Replications, "replication"))
	case derived:
		why := "overrides (--set) change the baseline"
		if len(m.Chain) > 1 {
			why = "this scenario changes the baseline (see what the scenario changes)"
		}
		v.Status = fmt.Sprintf("Not checked against the calibration targets: they are the unchanged baseline's, and %s, so it is not meant to reproduce them. The report of caresim run baseline, and caresim validate, check them.", why)
	default:
		v.Status = "This scenario has no calibration targets: only the built-in baseline has (Mid-Nottinghamshire, 2013/14). The textbook scenarios are checked against queueing theory by caresim validate."
	}
	return v
}

// isShare reports whether a calibration target's measure is a share: a
// metric whose unit is a fraction (occupancy), or a ratio of two counts
// of the same thing ("acute_delayed_patients_mean /
// acute_beds_occupied_mean").
func isShare(measure string) bool {
	name, _, _ := strings.Cut(measure, " ")
	if k := care.MetricIndex(name); k >= 0 && care.Metrics[k].Unit == "fraction" {
		return true
	}
	return strings.Contains(measure, " / ")
}

// engineStatus reads the validation.csv that caresim validate wrote next
// to the results folder dir, if any: in it, or in ../validation, where
// validate writes by default when runs write to out/NAME.
func engineStatus(dir string) engineView {
	var v engineView
	for _, rel := range []string{"validation.csv", filepath.Join("..", "validation", "validation.csv")} {
		v.Looked = append(v.Looked, filepath.ToSlash(rel))
		checks, err := results.ReadValidation(filepath.Join(dir, rel))
		if err != nil || len(checks) == 0 {
			continue
		}
		v.Found = filepath.ToSlash(rel)
		t := &reportTable{Class: "checks", Header: []reportCell{{Text: "Case"}, {Text: "Measure"}, {Text: "Expected", Num: true}, {Text: "Simulated", Num: true}}}
		for _, c := range checks {
			if !c.Pass {
				t.Rows = append(t.Rows, reportRow{Cells: []reportCell{{Text: c.Case}, {Text: c.Measure},
					{Text: c.Expected, Num: true}, {Text: c.Simulated, Num: true}}})
			}
		}
		n := len(checks)
		v.Status = fmt.Sprintf("%d of the %d checks recorded in %s pass.", n-len(t.Rows), n, v.Found)
		if len(t.Rows) > 0 {
			v.Status += " These fail:"
			v.Failed = t
		}
		return v
	}
	return v
}

// manifestTable lays out manifests side by side, a column each.
func manifestTable(ms []*results.Manifest) reportTable {
	t := reportTable{Class: "manifest", Header: []reportCell{{Text: ""}}}
	for _, m := range ms {
		t.Header = append(t.Header, reportCell{Text: m.Scenario})
	}
	if len(ms) == 1 {
		t.Header = nil
	}
	row := func(key string, value func(m *results.Manifest) string) {
		r := reportRow{Cells: []reportCell{{Text: key}}}
		for _, m := range ms {
			r.Cells = append(r.Cells, reportCell{Text: value(m)})
		}
		t.Rows = append(t.Rows, r)
	}
	row("caresim version", func(m *results.Manifest) string { return m.Version + " (" + m.GoVersion + ")" })
	row("Scenario", func(m *results.Manifest) string { return m.Scenario })
	row("Files read", func(m *results.Manifest) string { return strings.Join(m.Chain, ", ") })
	row("Overrides (--set)", func(m *results.Manifest) string { return orNone(strings.Join(m.Sets, ", ")) })
	row("Digest (SHA-256 of the files and overrides)", func(m *results.Manifest) string { return m.Digest })
	row("Seed", func(m *results.Manifest) string { return strconv.FormatUint(m.Seed, 10) })
	row("Replications", func(m *results.Manifest) string { return strconv.Itoa(m.Replications) })
	row("Start", func(m *results.Manifest) string { return m.Start })
	row("Days simulated after warm-up", func(m *results.Manifest) string { return reportCount(m.Days) })
	row("Financial years", func(m *results.Manifest) string { return orNone(strings.Join(m.FinancialYears, ", ")) })
	row("Warm-up", func(m *results.Manifest) string {
		s := text.Plural(int(m.WarmUpDays), "day")
		if m.WarmUpAuto {
			s += " (chosen by MSER-5)"
		}
		return s
	})
	row("Confidence level", func(m *results.Manifest) string { return reportNumber(100*float64(m.Confidence)) + "%" })
	row("Events simulated", func(m *results.Manifest) string { return reportCount(m.Events) })
	row("Warnings", func(m *results.Manifest) string { return orNone(strings.Join(m.Warnings, "; ")) })
	return t
}

// reportCount writes n with thousands separated by commas.
func reportCount(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// orNone is s, or "none" when empty.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
