package results

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"caresim/scenarios"
)

// CompareData is what a comparison's charts are drawn from: each
// scenario's run data, as its subfolder of the comparison holds it, and
// the paired differences of the metrics charted to the first scenario,
// as compare.csv holds them. A comparison just finished and one read
// back from its folder ([ReadCompare], for caresim plot) draw the same
// charts, byte for byte.
type CompareData struct {
	Labels []string     // the scenarios' labels, the first the base
	Runs   []RunData    // each scenario's, in order
	Diffs  []Difference // compare.csv's rows of the charted metrics, after the first scenario's
	// Valued holds the charted metrics whose mean is a number other than
	// zero in some scenario: a metric that is zero in all (emergency
	// admissions in a model of an ED alone) is not charted.
	Valued map[string]bool
	// Bridge is the priced scenarios' gap bridges compared, as
	// summary.json holds them (NewCompareBridge); nil when the first is
	// not priced.
	Bridge []CompareBridgeRow
}

// Difference is one scenario's paired difference to the first in one
// metric: its mean and confidence interval, NaN when not measured.
type Difference struct {
	Metric, Unit, Scenario string
	Mean, Lo, Hi           float64
}

// FileLabel is label made safe as one file or folder name, inside a
// results folder: a scenario labelled by its path (two scenarios share a
// name) loses the path's extension; path separators, control characters
// and the characters Windows refuses become hyphens; leading dots (a
// hidden name, or . and ..) become underscores, as do a trailing dot or
// space, which Windows drops; a device name of Windows (CON, NUL, ...)
// gains an underscore; an empty label is "_"; and a label longer than
// [scenarios.MaxNameBytes] is cut there. A label that is already safe,
// as every scenario's name is (scenarios checks it), is unchanged.
func FileLabel(label string) string {
	if ext := filepath.Ext(label); ext == ".yaml" || ext == ".yml" {
		label = strings.TrimSuffix(label, ext)
	}
	label = strings.ToValidUTF8(label, "-")
	label = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`/\<>:"|?*`, r) {
			return '-'
		}
		return r
	}, label)
	if len(label) > scenarios.MaxNameBytes {
		cut := scenarios.MaxNameBytes
		for cut > 0 && !utf8.RuneStart(label[cut]) {
			cut--
		}
		label = label[:cut]
	}
	if trimmed := strings.TrimLeft(label, "."); trimmed != label {
		label = strings.Repeat("_", len(label)-len(trimmed)) + trimmed
	}
	if trimmed := strings.TrimRight(label, ". "); trimmed != label {
		label = trimmed + strings.Repeat("_", len(label)-len(trimmed))
	}
	if label == "" {
		return "_"
	}
	if scenarios.ReservedName(label) {
		label += "_"
	}
	return label
}

// ScenarioDir is the subfolder of a comparison's folder that holds the
// results of the scenario labelled label: its [FileLabel].
func ScenarioDir(label string) string { return FileLabel(label) }

// ReadCompare reads back what a comparison's charts and report are
// drawn from out of its folder: summary.json for the scenarios, each
// scenario's subfolder, and compare.csv for the differences of the
// metrics that charted reports true of.
func ReadCompare(dir string, charted func(metric string) bool) (CompareData, *Comparison, error) {
	var d CompareData
	if err := CheckFolder(dir); err != nil {
		return d, nil, err
	}
	path := filepath.Join(dir, "summary.json")
	b, err := readJSONFile(path)
	if err != nil {
		return d, nil, fmt.Errorf("%s is not a comparison's results folder: %w", dir, err)
	}
	s := &Comparison{}
	if err := json.Unmarshal(b, s); err != nil {
		return d, nil, fmt.Errorf("%s: %w", path, err)
	}
	if s.FormatVersion != SummaryFormat {
		return d, nil, fmt.Errorf("%s: format_version %d, want %d", path, s.FormatVersion, SummaryFormat)
	}
	for _, m := range s.Metrics {
		for _, r := range m.Scenarios {
			if !slices.Contains(d.Labels, r.Scenario) {
				d.Labels = append(d.Labels, r.Scenario)
			}
		}
		break
	}
	if len(d.Labels) < 2 || d.Labels[0] != s.First {
		return d, nil, fmt.Errorf("%s: its metrics do not list the scenarios compared, %s first", path, s.First)
	}
	for _, label := range d.Labels {
		r, err := ReadRun(filepath.Join(dir, ScenarioDir(label)))
		if err != nil {
			return d, nil, err
		}
		d.Runs = append(d.Runs, r)
	}
	d.Bridge = s.Bridge
	d.Diffs, d.Valued, err = readDiffs(filepath.Join(dir, "compare.csv"), s, d.Labels, charted)
	return d, s, err
}

// readDiffs reads the differences of the charted metrics from
// compare.csv, skipping the rows of the first of labels, the base, and
// which of them have a mean other than zero in some scenario (see
// CompareData.Valued). The file must hold a row of each metric of s, the
// comparison's summary.json, for each scenario, there once, whose unit and
// numbers are summary.json's: a row of a scenario not in labels or of a
// metric not in s, a second row of a metric and scenario, a cell that is
// not a number (an empty cell is one not measured) and a row that is
// missing are errors naming the line, and the column.
func readDiffs(path string, s *Comparison, labels []string, charted func(string) bool) ([]Difference, map[string]bool, error) {
	var out []Difference
	valued := map[string]bool{}
	want := map[[2]string]CompareResult{}
	unit := map[string]string{}
	for _, m := range s.Metrics {
		unit[m.Name] = m.Unit
		for _, r := range m.Scenarios {
			want[[2]string{m.Name, r.Scenario}] = r
		}
	}
	seen := map[[2]string]bool{}
	err := CSVRows(path, CompareHeader, func(rec []string) error {
		if !slices.Contains(labels, rec[2]) {
			return fmt.Errorf("scenario %q is not one compared (%s)", rec[2], strings.Join(labels, ", "))
		}
		key := [2]string{rec[0], rec[2]}
		if seen[key] {
			return fmt.Errorf("a second row of %s for %s", rec[0], rec[2])
		}
		seen[key] = true
		res, ok := want[key]
		if !ok {
			return fmt.Errorf("metric %q of %s is not in summary.json", rec[0], rec[2])
		}
		if rec[1] != unit[rec[0]] {
			return fmt.Errorf("column 2 (unit): %q, but %q in summary.json", rec[1], unit[rec[0]])
		}
		var x [6]float64
		for i, json := range []Number{res.Mean, res.CILow, res.CIHigh, res.DiffMean, res.DiffCILow, res.DiffCIHigh} {
			c := []int{3, 4, 5, 6, 7, 8}[i]
			v, err := ParseCell(rec[c], 64)
			if err != nil {
				return fmt.Errorf("column %d (%s): %w", c+1, CompareHeader[c], err)
			}
			if j := float64(json); v != j && !(math.IsNaN(v) && math.IsNaN(j)) {
				return fmt.Errorf("column %d (%s): %s, but %s in summary.json", c+1, CompareHeader[c], cellOrEmpty(rec[c]), cellOrEmpty(Cell(j)))
			}
			x[i] = v
		}
		if !charted(rec[0]) {
			return nil
		}
		if x[0] != 0 && !math.IsNaN(x[0]) {
			valued[rec[0]] = true
		}
		if rec[2] == labels[0] {
			return nil
		}
		out = append(out, Difference{Metric: rec[0], Unit: rec[1], Scenario: rec[2], Mean: x[3], Lo: x[4], Hi: x[5]})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, m := range s.Metrics {
		for _, r := range m.Scenarios {
			if !seen[[2]string{m.Name, r.Scenario}] {
				return nil, nil, fmt.Errorf("%s holds no row of %s for %s, which summary.json has: the file is cut short or not this comparison's", path, m.Name, r.Scenario)
			}
		}
	}
	return out, valued, nil
}

// cellOrEmpty is a cell as written, or "empty" (not measured).
func cellOrEmpty(c string) string {
	if c == "" {
		return "empty"
	}
	return c
}
