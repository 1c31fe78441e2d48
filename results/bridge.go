package results

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"

	"caresim/sim"
	"caresim/sim/finance"
	"caresim/sim/stats"
)

// Projection is a published projection of the system's gap that the
// scenario names (money.projection), as the manifest records it: a
// reference line on the deficit chart, not a target.
type Projection struct {
	Year   string `json:"year"`
	GapGBP Number `json:"gap_gbp"`
	Label  string `json:"label"`
}

// ProjectionOf is the manifest's record of p, nil when p names none.
func ProjectionOf(p finance.Projection) *Projection {
	if p.Year == "" {
		return nil
	}
	return &Projection{Year: p.Year, GapGBP: Number(p.Gap), Label: p.Label}
}

// Bridge is a priced run's gap bridge: each body's deficit in the first
// financial year (From) and the final one (To), and the steps between
// them (finance.Steps), the mean across replications with its confidence
// interval, indexed as finance.BodyNames. Start plus the steps is End, up
// to rounding.
type Bridge struct {
	From, To   string
	Start, End [finance.NumBodies]Estimate
	Steps      [finance.NumBodies][finance.NumSteps]Estimate
}

// The steps of bridge.csv before and after finance.Steps: the deficits
// the bridge starts and ends at.
const (
	BridgeStart = "start"
	BridgeEnd   = "end"
)

// BridgeOf is m's gap bridge, from its first year to its final one.
func BridgeOf(m *sim.MoneyResults) *Bridge {
	br := &Bridge{From: m.Years[0], To: m.Years[m.FinalYear]}
	for b := range finance.NumBodies {
		br.Start[b] = estimateOf(summarize(m.Deficits(b, 0)))
		br.End[b] = estimateOf(summarize(m.Deficits(b, m.FinalYear)))
		for s := range finance.NumSteps {
			br.Steps[b][s] = estimateOf(m.Bridge[b][s].Summary)
		}
	}
	return br
}

func summarize(xs []float64) stats.Summary { return stats.Summarize(xs, stats.DefaultConfidence) }

func estimateOf(s stats.Summary) Estimate { return Estimate{Mean: s.Mean, Lo: s.Lo(), Hi: s.Hi()} }

// bridgeSteps are the step names of bridge.csv, in its order.
func bridgeSteps() []string {
	names := []string{BridgeStart}
	for _, s := range finance.Steps {
		names = append(names, s.Name)
	}
	return append(names, BridgeEnd)
}

// WriteBridge writes bridge.csv: for the system and each organisation
// (sim.MoneyBodies), its deficit in the first financial year (step
// start), each step of the gap bridge to the final year (finance.Steps)
// and its deficit then (step end): the mean across replications with its
// confidence interval, and each replication's value with
// --per-replication. The steps of a replication sum to its end less its
// start.
func (r *Run) WriteBridge(w io.Writer) error {
	m := r.Res.Money
	l := r.newLongWriter(w, []string{"organisation", "step", "from_year", "to_year", "unit"}, "ci_low", "ci_high")
	from, to := m.Years[0], m.Years[m.FinalYear]
	for _, b := range sim.MoneyBodies {
		start, end := m.Deficits(b, 0), m.Deficits(b, m.FinalYear)
		rows := []struct {
			name   string
			values []float64
		}{{BridgeStart, start}}
		for s := range finance.NumSteps {
			rows = append(rows, struct {
				name   string
				values []float64
			}{finance.Steps[s].Name, m.Bridge[b][s].Values})
		}
		rows = append(rows, struct {
			name   string
			values []float64
		}{BridgeEnd, end})
		for _, row := range rows {
			l.group([]string{finance.BodyNames[b], row.name, from, to, "£"}, SummaryCells(summarize(row.values)),
				func(i int) string { return Cell(row.values[i]) })
		}
	}
	return l.Close()
}

// readBridge reads bridge.csv at path, or returns nil when there is none
// (a folder written before caresim wrote one). Each body and step must
// have one row of the mean.
func readBridge(path string) (*Bridge, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	body := map[string]int{}
	for b, n := range finance.BodyNames {
		body[n] = b
	}
	steps := bridgeSteps()
	br := &Bridge{}
	seen := map[[2]string]bool{}
	err := LongRows(path, []string{"organisation", "step", "from_year", "to_year", "value", "ci_low", "ci_high"}, func(cell func(string) string) error {
		b, ok := body[cell("organisation")]
		if !ok {
			return &CellError{"organisation", fmt.Errorf("%q is not a body of the accounts", cell("organisation"))}
		}
		s := slices.Index(steps, cell("step"))
		if s < 0 {
			return nil // a step of another version
		}
		key := [2]string{cell("organisation"), cell("step")}
		if seen[key] {
			return fmt.Errorf("a second row of %s %s", key[0], key[1])
		}
		seen[key] = true
		if br.From == "" {
			br.From, br.To = cell("from_year"), cell("to_year")
		} else if cell("from_year") != br.From || cell("to_year") != br.To {
			return fmt.Errorf("%s to %s, not %s to %s as the rows before", cell("from_year"), cell("to_year"), br.From, br.To)
		}
		est, err := estimateCells(cell)
		if err != nil {
			return err
		}
		switch {
		case s == 0:
			br.Start[b] = est
		case s == len(steps)-1:
			br.End[b] = est
		default:
			br.Steps[b][s-1] = est
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n := len(seen); n != len(steps)*int(finance.NumBodies) {
		return nil, fmt.Errorf("%s holds %d of the %d rows of a bridge: the file is cut short or not this run's", path, n, len(steps)*int(finance.NumBodies))
	}
	return br, nil
}

// CompareBridgeHeader is the header of compare's bridge.csv.
var CompareBridgeHeader = []string{"organisation", "step", "from_year", "to_year", "scenario", "mean", "ci_low", "ci_high", "diff_mean", "diff_ci_low", "diff_ci_high"}

// CompareBridgeRow is one body's step of the gap bridge in a comparison:
// each priced scenario's mean and interval, and after the first its
// paired difference to the first, as a comparison's metrics are.
type CompareBridgeRow struct {
	Organisation string          `json:"organisation"`
	Step         string          `json:"step"` // start, a step of finance.Steps, or end
	FromYear     string          `json:"from_year"`
	ToYear       string          `json:"to_year"`
	Scenarios    []CompareResult `json:"scenarios"`
}

// NewCompareBridge is the gap bridge of the scenarios labelled labels,
// with results runs (the first the base), compared: for each body and
// step (start and end included) each scenario's mean and interval and,
// after the first, its paired difference to the first (stats.Paired,
// common random numbers), which says where a scenario's savings and
// costs land. Scenarios not priced, or priced over other years than the
// first's, are left out; none, when the first is not priced.
func NewCompareBridge(labels []string, runs []*sim.Results) []CompareBridgeRow {
	base := runs[0].Money
	if base == nil {
		return nil
	}
	type priced struct {
		label string
		m     *sim.MoneyResults
	}
	var ps []priced
	for i, r := range runs {
		if m := r.Money; m != nil && slices.Equal(m.Years, base.Years) && m.FinalYear == base.FinalYear {
			ps = append(ps, priced{labels[i], m})
		}
	}
	from, to := base.Years[0], base.Years[base.FinalYear]
	values := func(m *sim.MoneyResults, b, s int) []float64 {
		switch s {
		case 0:
			return m.Deficits(b, 0)
		case int(finance.NumSteps) + 1:
			return m.Deficits(b, m.FinalYear)
		}
		return m.Bridge[b][s-1].Values
	}
	nan := Number(math.NaN())
	var out []CompareBridgeRow
	for _, b := range sim.MoneyBodies {
		for s, step := range bridgeSteps() {
			row := CompareBridgeRow{Organisation: finance.BodyNames[b], Step: step, FromYear: from, ToYear: to}
			first := values(base, b, s)
			for i, p := range ps {
				x := values(p.m, b, s)
				v := summarize(x)
				res := CompareResult{Scenario: p.label, Mean: Number(v.Mean), SD: Number(v.SD), CILow: Number(v.Lo()), CIHigh: Number(v.Hi()), N: v.N,
					DiffMean: nan, DiffSD: nan, DiffCILow: nan, DiffCIHigh: nan}
				if i > 0 {
					d := stats.Paired(first, x, stats.DefaultConfidence)
					res.DiffMean, res.DiffSD, res.DiffCILow, res.DiffCIHigh, res.DiffN = Number(d.Mean), Number(d.SD), Number(d.Lo()), Number(d.Hi()), d.N
				}
				row.Scenarios = append(row.Scenarios, res)
			}
			out = append(out, row)
		}
	}
	return out
}

// WriteCompareBridge writes compare's bridge.csv of rows
// ([NewCompareBridge]): a line per body, step and scenario, the
// differences empty on the first scenario's lines.
func WriteCompareBridge(w io.Writer, rows []CompareBridgeRow) error {
	cw := csv.NewWriter(w)
	cw.Write(CompareBridgeHeader)
	for _, r := range rows {
		for i, sc := range r.Scenarios {
			rec := []string{r.Organisation, r.Step, r.FromYear, r.ToYear, sc.Scenario, Cell(float64(sc.Mean)), Cell(float64(sc.CILow)), Cell(float64(sc.CIHigh)), "", "", ""}
			if i > 0 {
				rec[8], rec[9], rec[10] = Cell(float64(sc.DiffMean)), Cell(float64(sc.DiffCILow)), Cell(float64(sc.DiffCIHigh))
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}

// readSensitivity reads sensitivity.csv at path, or returns nil when
// there is none (a folder written before caresim wrote one).
func readSensitivity(path string) ([]sim.Sensitivity, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	body := map[string]int{}
	for b, n := range finance.BodyNames {
		body[n] = b
	}
	var out []sim.Sensitivity
	err := NamedRows(path, "parameter", func(cell func(string) string) error {
		b, ok := body[cell("organisation")]
		if !ok {
			return &CellError{"organisation", fmt.Errorf("%q is not a body of the accounts", cell("organisation"))}
		}
		if n := len(out); n == 0 || out[n-1].Parameter != cell("parameter") {
			s := sim.Sensitivity{Variation: sim.Variation{Parameter: cell("parameter"), Unit: cell("unit"), Range: cell("range"), Source: cell("source")},
				Skipped: cell("note")}
			for i, c := range []struct {
				name string
				x    *float64
			}{{"value", &s.Value}, {"low", &s.Low}, {"high", &s.High}} {
				x, err := ParseCell(cell(c.name), 64)
				if err != nil {
					return &CellError{[]string{"value", "low", "high"}[i], err}
				}
				*c.x = x
			}
			for k := range finance.NumBodies {
				s.Gap[k], s.AtLow[k], s.AtHigh[k] = math.NaN(), math.NaN(), math.NaN()
			}
			out = append(out, s)
		}
		s := &out[len(out)-1]
		for _, c := range []struct {
			name string
			x    *float64
		}{{"gap", &s.Gap[b]}, {"gap_at_low", &s.AtLow[b]}, {"gap_at_high", &s.AtHigh[b]}} {
			x, err := ParseCell(cell(c.name), 64)
			if err != nil {
				return &CellError{c.name, err}
			}
			*c.x = x
		}
		return nil
	})
	return out, err
}
