package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/table"
	"caresim/internal/text"
	"caresim/results"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/stats"
)

// WriteRunText prints a run's headline metrics, as caresim run does, rounded to four significant
// figures so that the text survives floating-point differences between
// machines, then, when the run was priced, the system's deficit in the
// final year, each organisation's, and the system's cumulative deficit,
// in pounds (table.Pounds), and the gap bridge, the gap against the
// scenario's projection and the money assumptions that move it most. Metrics the scenario cannot measure (no acute
// beds, say) are left out, as are organisations with no money (shown).
func WriteRunText(w io.Writer, r *results.Run) error {
	res := r.Res
	fmt.Fprintf(w, "%s: %s, seed %d; %d days from %s after %s warm-up\n\n",
		r.Name, text.Plural(len(res.Reps), "replication"), r.Opts.Seed, res.Reps[0].Days, r.Start, warmUpText(res))
	t := &table.Table{Header: []string{"metric", "mean", "95% CI low", "high", "unit"}}
	var cut []string // the metrics whose interval was cut at a bound
	for _, k := range Headline {
		s := res.Metrics[k]
		if s.N == 0 {
			continue
		}
		unit := care.Metrics[k].Unit
		lo, hi, c := boundedInterval(unit, s.Lo(), s.Hi())
		if c {
			cut = append(cut, care.Metrics[k].Name)
		}
		t.Rows = append(t.Rows, []string{care.Metrics[k].Name, text.Round4(s.Mean), text.Round4(lo), text.Round4(hi), unit})
	}
	if res.Money == nil {
		if err := t.WriteText(w); err != nil {
			return err
		}
		return writeCutNote(w, cut)
	}
	t.Rows = append(t.Rows, nil) // a blank line between the care and the money
	t.Rows = append(t.Rows, moneyRows(res.Money)...)
	if err := t.WriteText(w); err != nil {
		return err
	}
	if err := writeCutNote(w, cut); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "\n%s\n", DeficitNote); err != nil {
		return err
	}
	return writeMoneyText(w, res.Money, results.ProjectionOf(r.Money.Projection), r.Sensitivity)
}

// writeCutNote says, under a table, which metrics' intervals were cut at
// a value the measure cannot pass, if any.
func writeCutNote(w io.Writer, cut []string) error {
	if len(cut) == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "\n%s\n", cutNote(cut))
	return err
}

// cutNote names the metrics whose intervals were cut at a bound.
func cutNote(cut []string) string {
	return "intervals cut at a value the measure cannot pass (0, or 1 for a fraction), which Student's t interval of few replications crossed: " +
		strings.Join(cut, ", ") + "; the CSV files keep them uncut"
}

// moneyUnit is the unit column of money metric name in a table: pounds,
// and the financial years the metric covers, with the days simulated of a
// final year not simulated whole (a short run's).
func moneyUnit(name string, m *sim.MoneyResults) string {
	switch {
	case m == nil:
		return "£"
	case strings.HasPrefix(name, "deficit_cumulative_gbp") && len(m.Years) > 1:
		return "£, " + m.Years[0] + "–" + m.Years[len(m.Years)-1]
	}
	y := m.FinalYear
	if strings.HasPrefix(name, "deficit_cumulative_gbp") {
		y = len(m.Years) - 1
	}
	if fy := m.Reps[0][y]; fy.Days < fy.Length {
		return fmt.Sprintf("£, %s (%d days)", m.Years[y], fy.Days)
	}
	return "£, " + m.Years[y]
}

// moneyRows returns run's table rows of the money headline metrics: name,
// mean, the interval's ends in pounds, and unit.
func moneyRows(m *sim.MoneyResults) [][]string {
	var rows [][]string
	for _, name := range MoneyHeadline() {
		mt := m.Metric(name)
		if !Shown(name, mt.Values) {
			continue
		}
		s := mt.Summary
		rows = append(rows, append(append([]string{name}, table.Pounds(s.Mean, s.Lo(), s.Hi())...), moneyUnit(name, m)))
	}
	return rows
}

// warmUpText says how long the warm-up was, in the whole days the model
// simulates, and how it was chosen.
func warmUpText(res *sim.Results) string {
	w := res.Reps[0].WarmUp
	if w == 0 {
		return "no"
	}
	s := fmt.Sprintf("a %s-day", results.Cell(float64(w)))
	if res.WarmUpAuto {
		s += " (MSER-5)"
	}
	return s
}

// excludesZero reports whether s's confidence interval lies wholly on one
// side of zero.
func excludesZero(s stats.Summary) bool { return s.Lo() > 0 || s.Hi() < 0 }

// CompareRun is one scenario of a comparison, as [WriteCompareText]
// prints it: its label (its name, or the reference given when names
// repeat), its first day and its results.
type CompareRun struct {
	Label string
	Start des.Date
	Res   *sim.Results
}

// WriteCompareText prints, as caresim compare does, the headline metrics
// of each scenario of the comparison c of runs (from seed) and the
// differences to the first, to four significant figures, then the money
// headline metrics (as WriteRunText prints them) of the scenarios that
// were priced, in pounds. Metrics that no scenario measures are left out.
func WriteCompareText(w io.Writer, seed uint64, runs []CompareRun, c *sim.Comparison) error {
	r0 := runs[0]
	fmt.Fprintf(w, "compare: %d scenarios, %s each from seed %d (common random numbers); differences are to %s\n",
		len(runs), text.Plural(len(r0.Res.Reps), "replication"), seed, r0.Label)
	for _, r := range runs {
		fmt.Fprintf(w, "  %s: %d days from %s after %s warm-up\n", r.Label, r.Res.Reps[0].Days, r.Start, warmUpText(r.Res))
	}
	fmt.Fprintln(w)
	t := &table.Table{Header: []string{"metric", "scenario", "mean", "95% CI low", "high", "difference", "95% CI low", "high", "", "unit"}}
	marked := false
	var cut []string // the metrics with an interval cut at a bound
	measured := func(k int) bool {
		return slices.ContainsFunc(c.Metrics, func(ms []sim.Metric) bool { return ms[k].Summary.N > 0 })
	}
	rows := func(k int, format func(xs ...float64) []string, unit func(r CompareRun) string) {
		for s, r := range runs {
			m := c.Metrics[s][k]
			name := m.Name
			if s > 0 {
				name = ""
			}
			lo, hi, isCut := boundedInterval(m.Unit, m.Summary.Lo(), m.Summary.Hi())
			if isCut && !slices.Contains(cut, m.Name) {
				cut = append(cut, m.Name)
			}
			row := append(append([]string{name, r.Label}, format(m.Summary.Mean, lo, hi)...), "", "", "", "", unit(r))
			if s > 0 {
				d := c.Diffs[s][k]
				copy(row[5:8], format(d.Mean, d.Lo(), d.Hi()))
				if excludesZero(d) {
					row[8], marked = "*", true
				}
			}
			t.Rows = append(t.Rows, row)
		}
	}
	for _, k := range Headline {
		if measured(k) {
			rows(k, round4s, func(CompareRun) string { return care.Metrics[k].Unit })
		}
	}
	var money []int // the money headline metrics some scenario measured
	for _, name := range MoneyHeadline() {
		k := slices.IndexFunc(c.Metrics[0], func(m sim.Metric) bool { return m.Name == name })
		if k < 0 || !measured(k) {
			continue
		}
		var vals [][]float64
		for _, ms := range c.Metrics {
			vals = append(vals, ms[k].Values)
		}
		if Shown(name, vals...) {
			money = append(money, k)
		}
	}
	if len(money) > 0 {
		t.Rows = append(t.Rows, nil) // a blank line between the care and the money
	}
	for _, k := range money {
		name := c.Metrics[0][k].Name
		rows(k, table.Pounds, func(r CompareRun) string { return moneyUnit(name, r.Res.Money) })
	}
	if err := t.WriteText(w); err != nil {
		return err
	}
	var notes []string
	if marked {
		notes = append(notes, "* the difference's 95% confidence interval excludes zero")
	}
	if len(cut) > 0 {
		notes = append(notes, cutNote(cut))
	}
	if len(money) > 0 {
		notes = append(notes, DeficitNote)
	}
	if len(notes) > 0 {
		_, err := fmt.Fprintf(w, "\n%s\n", strings.Join(notes, "\n"))
		return err
	}
	return nil
}

// round4s is round4 of each of xs.
func round4s(xs ...float64) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = text.Round4(x)
	}
	return out
}

// SweepTable is the mean over replications of each point's headline
// metrics, or of the metrics a user chose, from sweep.csv's rows, for the
// table sweep and merge print.
type SweepTable struct {
	params []string // the parameter columns' names
	names  []string // the metrics in the header
	cols   []int    // and their columns
	money  []bool   // and whether each is an amount of money
	chosen bool     // the metrics were chosen (--columns): print each, varying or not
	points map[int]*sweepRow
}

type sweepRow struct {
	cells []string
	sum   []float64
	n     []int
}

// sweepTransposed is the most points the printed table gives a column
// each, a row per parameter and metric, so that it stays narrow; with
// more, it has a row per point.
const sweepTransposed = 6

// NewSweepTable is an empty table of the sweep whose sweep.csv has header
// and nparams parameter columns, of the metrics named by columns (as in
// the header; checked by the caller), or of the headline metrics and the
// system's deficits when columns is empty.
func NewSweepTable(header []string, nparams int, columns []string) *SweepTable {
	t := &SweepTable{params: header[2 : 2+nparams], points: map[int]*sweepRow{}, chosen: len(columns) > 0}
	if t.chosen {
		for _, name := range columns {
			t.column(header, nparams, name, strings.HasPrefix(name, "deficit_"))
		}
		return t
	}
	for _, k := range Headline {
		t.column(header, nparams, care.Metrics[k].Name, false)
	}
	for _, name := range SweepMoney {
		t.column(header, nparams, name, true)
	}
	return t
}

// column adds the metric name to the table if the header has it.
func (t *SweepTable) column(header []string, nparams int, name string, money bool) {
	if c := slices.Index(header, name); c >= 2+nparams {
		t.names = append(t.names, name)
		t.cols = append(t.cols, c)
		t.money = append(t.money, money)
	}
}

// Add counts one row of sweep.csv.
func (t *SweepTable) Add(rec []string) {
	pi, _, err := results.RowKey(rec)
	if err != nil {
		return
	}
	p := t.points[pi]
	if p == nil {
		p = &sweepRow{cells: slices.Clone(rec[2 : 2+len(t.params)]), sum: make([]float64, len(t.cols)), n: make([]int, len(t.cols))}
		t.points[pi] = p
	}
	for i, c := range t.cols {
		if x, err := strconv.ParseFloat(rec[c], 64); err == nil {
			p.sum[i] += x
			p.n[i]++
		}
	}
}

// Write prints a line on the sweep, then each point's parameters and the
// mean over its replications of the metrics, to four significant figures
// (the parameters too: sweep.csv has them in full; the money in pounds,
// see table.Pounds). Of the headline metrics it prints those measured that
// differ between points, and lists those the same at every point after the
// table; metrics chosen with --columns are printed whatever their values.
// Of a few points (sweepTransposed at most) the table has a column per
// point and a row per parameter and metric; of more, a row per point.
func (t *SweepTable) Write(w io.Writer, m *results.Sweep, sh sim.Shard) error {
	idx := make([]int, 0, len(t.points))
	for i := range t.points {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	fmt.Fprintf(w, "%s: %s, %s each from seed %d (common random numbers)", m.Scenario, text.Plural(m.Points, "point"), text.Plural(m.Replications, "replication"), m.Seed)
	if sh.N > 1 {
		fmt.Fprintf(w, "; shard %s has %d of them", sh, len(idx))
	}
	fmt.Fprintf(w, "\n\n")
	means := make([][]string, len(idx))
	for r, i := range idx {
		p := t.points[i]
		for c := range t.cols {
			format := round4s
			if t.money[c] {
				format = table.Pounds
			}
			means[r] = append(means[r], format(p.sum[c]/float64(p.n[c]))...)
		}
	}
	var same, names []string
	var show []int
	for c, name := range t.names {
		measured, varies := false, false
		for r := range idx {
			measured = measured || means[r][c] != ""
			varies = varies || means[r][c] != means[0][c]
		}
		switch {
		case t.chosen || varies || (measured && len(idx) == 1):
			show = append(show, c)
			names = append(names, name)
		case measured:
			same = append(same, name+" "+means[0][c])
		}
	}
	params := make([][]string, len(idx))
	for r, i := range idx {
		for _, cell := range t.points[i].cells {
			params[r] = append(params[r], paramCell(cell))
		}
	}
	var tb *table.Table
	if len(idx) <= sweepTransposed {
		tb = &table.Table{Header: []string{"parameter or metric"}}
		for _, i := range idx {
			tb.Header = append(tb.Header, "point "+strconv.Itoa(i))
		}
		for j, name := range t.params {
			row := []string{name}
			for r := range idx {
				row = append(row, params[r][j])
			}
			tb.Rows = append(tb.Rows, row)
		}
		for k, c := range show {
			row := []string{names[k]}
			for r := range idx {
				row = append(row, means[r][c])
			}
			tb.Rows = append(tb.Rows, row)
		}
	} else {
		tb = &table.Table{Header: slices.Concat([]string{"point"}, t.params, names)}
		for r, i := range idx {
			row := append([]string{strconv.Itoa(i)}, params[r]...)
			for _, c := range show {
				row = append(row, means[r][c])
			}
			tb.Rows = append(tb.Rows, row)
		}
	}
	if err := tb.WriteText(w); err != nil {
		return err
	}
	if len(same) > 0 {
		fmt.Fprintf(w, "\nthe same at every point: %s\n", strings.Join(same, ", "))
	}
	return nil
}

// paramCell writes a parameter's value as sweep.csv holds it to four
// significant figures when it is a number (a Latin hypercube's
// 0.30067914979126315 as 0.3007), as given when it is text.
func paramCell(s string) string {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return text.Round4(x)
}
