package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"caresim/internal/table"
	"caresim/internal/text"
	"caresim/plots"
	"caresim/results"
)

// backcastView is the report's backcast section (id backcast), when the
// run was set beside observed data: what was compared, the fit of each
// observed series, the observed values the run does not cover, and the
// chart of each series, taken out of the charts section.
type backcastView struct {
	Lead   string
	Fits   reportTable
	Notes  []string
	Charts []reportChart
}

// backcastNote explains the fit table's columns.
const backcastNote = "Bias is the mean of simulated − observed over the periods simulated, in the measure's unit (fractions in percentage points, money in £m); bias % and MAPE (the mean absolute percentage error) are the mean of (simulated − observed) / observed and of its absolute value. In band counts the observed values inside their band: were the model right, about 95% of them would be. Nothing here was fitted to these observations."

// backcastSection returns the report's backcast section for b (nil when
// the run was not set beside observed data), moving the charts of its
// series out of charts into it. start is the run's first day.
func backcastSection(b *results.Backcast, charts *[]reportChart, start string) *backcastView {
	if b == nil {
		return nil
	}
	s := b.Summary
	v := &backcastView{
		Lead: fmt.Sprintf("Each of the %s of %s (SHA-256 %s…) is set beside this run's value over the same period: the mean over the replications and its band, the %s. backcast.csv holds every value.",
			text.Plural(s.Rows, "observed value"), s.File, s.Digest[:min(12, len(s.Digest))], s.Band),
		Fits: reportTable{Class: "backcast", Header: []reportCell{{Text: "Observed series"}, {Text: "Unit"}, {Text: "Periods simulated", Num: true},
			{Text: "Bias", Num: true}, {Text: "Bias %", Num: true}, {Text: "MAPE %", Num: true}, {Text: "In band", Num: true}}},
	}
	for _, f := range s.Fits {
		unit, scale := reportUnit(f.Unit)
		if f.Unit == "fraction" {
			unit = "% points"
		}
		periods := fmt.Sprintf("%d of %d", f.Points, f.Points+f.Outside)
		v.Fits.Rows = append(v.Fits.Rows, reportRow{Cells: []reportCell{
			{Text: plots.MetricLabel(f.Measure, f.Doc) + ", by " + singular(f.Periods), Note: f.Measure},
			{Text: unit},
			{Text: periods, Num: true},
			{Text: reportNumber(float64(f.Bias) * scale), Num: true},
			{Text: reportNumber(float64(f.BiasPercent)), Num: true},
			{Text: reportNumber(float64(f.MAPEPercent)), Num: true},
			{Text: inBand(f), Num: true},
		}})
	}
	v.Notes = append([]string{backcastNote}, outsideNotes(b.Points, start)...)
	var rest []reportChart
	for _, c := range *charts {
		if strings.HasPrefix(c.File, "backcast-") {
			v.Charts = append(v.Charts, c)
		} else {
			rest = append(rest, c)
		}
	}
	*charts = rest
	return v
}

// singular is a kind of period in the singular: financial year, month.
func singular(periods string) string {
	if periods == results.BackcastMonths {
		return "month"
	}
	return "financial year"
}

// inBand says how many of a series' observed values lie in their band, as
// "k of n (p%)", or a dash when none has a band.
func inBand(f results.BackcastFit) string {
	if f.Banded == 0 {
		return "–"
	}
	return fmt.Sprintf("%d of %d (%s%%)", f.Inside, f.Banded, reportNumber(100*float64(f.Coverage)))
}

// outsideNotes says, for each reason a point has no simulated value (a
// period before the run, after it, …), how many observed values it
// leaves out, of which series and periods.
func outsideNotes(points []results.BackcastPoint, start string) []string {
	type group struct {
		status string
		series []string
		from   map[string]string
		to     map[string]string
		n      int
	}
	var groups []*group
	for _, p := range points {
		if p.Status == results.BackcastSimulated {
			continue
		}
		i := slices.IndexFunc(groups, func(g *group) bool { return g.status == p.Status })
		if i < 0 {
			groups = append(groups, &group{status: p.Status, from: map[string]string{}, to: map[string]string{}})
			i = len(groups) - 1
		}
		g := groups[i]
		g.n++
		name := p.Measure
		if !slices.Contains(g.series, name) {
			g.series = append(g.series, name)
			g.from[name], g.to[name] = p.Period, p.Period
		}
		g.from[name] = min(g.from[name], p.Period)
		g.to[name] = max(g.to[name], p.Period)
	}
	var out []string
	for _, g := range groups {
		var parts []string
		for _, s := range g.series {
			span := g.from[s]
			if g.to[s] != span {
				span += " to " + g.to[s]
			}
			parts = append(parts, s+" "+span)
		}
		why := g.status
		if g.status == "before the run" {
			why = "before the run, which starts on " + start
		}
		out = append(out, fmt.Sprintf("Not compared: %s %s (%s).", text.Plural(g.n, "observed value"), whyVerb(g.n)+why, strings.Join(parts, "; ")))
	}
	return out
}

// whyVerb is "is " or "are ", for n values.
func whyVerb(n int) string {
	if n == 1 {
		return "is "
	}
	return "are "
}

// BackcastFits is the table of the fit of each observed series of b: its
// periods simulated and outside the run, bias, bias %, MAPE % and the
// values inside their band, rounded to four significant figures.
func BackcastFits(b *results.Backcast) *table.Table {
	t := &table.Table{Header: []string{"measure", "periods", "unit", "simulated", "outside_run", "bias", "bias_%", "mape_%", "in_band"}}
	for _, f := range b.Summary.Fits {
		band := ""
		if f.Banded > 0 {
			band = fmt.Sprintf("%d/%d", f.Inside, f.Banded)
		}
		t.Rows = append(t.Rows, []string{f.Measure, f.Periods, f.Unit, fmt.Sprint(f.Points), fmt.Sprint(f.Outside),
			text.Round4(float64(f.Bias)), text.Round4(float64(f.BiasPercent)), text.Round4(float64(f.MAPEPercent)), band})
	}
	return t
}

// WriteBackcastText prints the fit of each observed series of r's
// backcast, as caresim backcast does: what was run and compared, then a
// row per series with its periods simulated and outside the run, bias,
// bias %, MAPE % and the values inside their band, rounded to four
// significant figures, and what the run does not cover.
func WriteBackcastText(w io.Writer, r *results.Run) error {
	b := r.Backcast
	res := r.Res
	fmt.Fprintf(w, "%s: %s, seed %d; %d days from %s after %s warm-up\n", r.Name, text.Plural(len(res.Reps), "replication"), r.Opts.Seed, res.Reps[0].Days, r.Start, warmUpText(res))
	fmt.Fprintf(w, "observed: %s, %s\n\n", b.Summary.File, text.Plural(b.Summary.Rows, "value"))
	if err := BackcastFits(b).WriteText(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nbias: mean of simulated − observed; bias_%%, mape_%%: mean of (simulated − observed)/observed and of its absolute value, in %%; in_band: observed values inside the %s\n", b.Summary.Band)
	for _, n := range outsideNotes(b.Points, r.Start.String()) {
		fmt.Fprintln(w, n)
	}
	return nil
}
