package main

import (
	"fmt"
	"io"

	"caresim/cmd/caresim/internal/table"
	"caresim/internal/text"
	"caresim/plots/report"
	"caresim/results"
	"caresim/sim/care"
)

// writeHeadline prints the headline metrics, rounded to four significant
// figures so that the text survives floating-point differences between
// machines, then, when the run was priced, the system's deficit in the
// final year, each organisation's, and the system's cumulative deficit,
// in pounds (table.Pounds). Metrics the scenario cannot measure (no acute
// beds, say) are left out, as are organisations with no money (shown).
func writeHeadline(w io.Writer, r *results.Run) error {
	res := r.Res
	fmt.Fprintf(w, "%s: %s, seed %d; %d days from %s after %s warm-up\n\n",
		r.Name, plural(len(res.Reps), "replication"), r.Opts.Seed, res.Reps[0].Days, r.Start, warmUpText(res))
	t := &table.Table{Header: []string{"metric", "mean", "95% CI low", "high", "unit"}}
	for _, k := range headline {
		s := res.Metrics[k]
		if s.N == 0 {
			continue
		}
		t.Rows = append(t.Rows, []string{care.Metrics[k].Name, round4(s.Mean), round4(s.Lo()), round4(s.Hi()), care.Metrics[k].Unit})
	}
	if res.Money == nil {
		return t.WriteText(w)
	}
	t.Rows = append(t.Rows, nil) // a blank line between the care and the money
	t.Rows = append(t.Rows, moneyRows(res.Money)...)
	if err := t.WriteText(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", deficitNote)
	return err
}

// The headline metrics and money rows that run, compare and sweep print
// are the board report's (package report), and their counts and numbers
// are written as the charts and the report write them (package text).
var (
	headline      = report.Headline
	moneyHeadline = report.MoneyHeadline
	shown         = report.Shown
	sweepMoney    = report.SweepMoney
	plural        = text.Plural
	round4        = text.Round4
)

// deficitNote follows a table with money metrics.
const deficitNote = report.DeficitNote
