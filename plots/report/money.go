package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/table"
	"caresim/plots"
	"caresim/results"
	"caresim/sim"
	"caresim/sim/finance"
)

// This file writes the money's explanation: the gap bridge, the gap
// against a published projection, and the sensitivity of the gap to the
// money's assumptions, as text for run and compare and as a section of
// report.html.

// SensitivityShown is the number of money assumptions run prints, those
// that move the system's final-year gap most; sensitivity.csv and the
// report have them all.
const SensitivityShown = 10

// bridgeRowTitles are the rows of a bridge table: the first year's
// deficit, the steps, the final year's deficit.
func bridgeRowTitles(from, to string) []string {
	out := []string{"Deficit, " + from}
	for s := range finance.NumSteps {
		out = append(out, plots.StepTitle(s))
	}
	return append(out, "Deficit, "+to)
}

// bridgeValue is body b's row i of br's bridge table (bridgeRowTitles).
func bridgeValue(br *results.Bridge, b, i int) results.Estimate {
	switch i {
	case 0:
		return br.Start[b]
	case int(finance.NumSteps) + 1:
		return br.End[b]
	}
	return br.Steps[b][i-1]
}

// millions writes x in millions of pounds to one decimal, "" for NaN.
func millions(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	s := strconv.FormatFloat(x/1e6, 'f', 1, 64)
	if s == "-0.0" {
		s = "0.0"
	}
	return s
}

// millionsCell writes x in millions of pounds to one decimal with
// thousands separated, the precision of every money table in the report:
// a bridge step of £0.04m is "0.0", not 0.04, and a difference of two equal
// sums (6e-14) is no difference. "–" for NaN.
func millionsCell(x float64) string {
	s := millions(x)
	if s == "" {
		return "–"
	}
	sign, digits := "", s
	if strings.HasPrefix(s, "-") {
		sign, digits = "−", s[1:]
	}
	whole, frac, _ := strings.Cut(digits, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return sign + whole + "." + frac
}

// millionsInterval writes the interval from lo to hi in millions of pounds
// as millionsCell does, or a dash when it could not be computed.
func millionsInterval(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "–"
	}
	return millionsCell(lo) + " to " + millionsCell(hi)
}

// zeroRow reports whether row i of br's bridge table is zero for every
// body: a rule the scenario does not have.
func zeroRow(br *results.Bridge, i int) bool {
	for b := range finance.NumBodies {
		if e := bridgeValue(br, b, i); e.Mean != 0 || e.Lo != 0 || e.Hi != 0 {
			return false
		}
	}
	return true
}

// againstProjection compares the derived gap gap (its mean, lo and hi)
// with the projection p when p is of the year the gap is, in a sentence;
// "" otherwise.
func againstProjection(p *results.Projection, year string, gap results.Estimate) string {
	if p == nil || p.Year != year || math.IsNaN(gap.Mean) {
		return ""
	}
	ref := float64(p.GapGBP)
	d := gap.Mean - ref
	side := "above"
	if d < 0 {
		side = "below"
	}
	rel := ""
	if ref != 0 {
		rel = fmt.Sprintf(" (%s%%)", strconv.FormatFloat(math.Abs(100*d/ref), 'f', 0, 64))
	}
	name := p.Label
	if name == "" {
		name = "the projection"
	}
	return fmt.Sprintf("The derived system gap in %s is £%sm (95%% CI £%sm to £%sm): £%sm%s %s %s, £%sm in %s. It is derived from the money's stated drivers, none tuned to the projection.",
		year, millions(gap.Mean), millions(gap.Lo), millions(gap.Hi), millions(math.Abs(d)), rel, side, name, millions(ref), p.Year)
}

// sortedSensitivity returns ss with those varied first, by the swing of
// the system's gap between their range's ends, largest first, then those
// skipped, each group in the order given.
func sortedSensitivity(ss []sim.Sensitivity) []sim.Sensitivity {
	out := slices.Clone(ss)
	swing := func(s sim.Sensitivity) float64 {
		if s.Skipped != "" {
			return -1
		}
		return math.Abs(s.AtHigh[finance.System] - s.AtLow[finance.System])
	}
	slices.SortStableFunc(out, func(a, b sim.Sensitivity) int { return cmp.Compare(swing(b), swing(a)) })
	return out
}

// writeMoneyText prints a priced run's gap bridge, its gap against the
// scenario's projection, and the money assumptions that move the
// system's final-year gap most, after run's headline table.
func writeMoneyText(w io.Writer, m *sim.MoneyResults, proj *results.Projection, ss []sim.Sensitivity) error {
	if m.FinalYear == 0 {
		return nil // one year: nothing moved
	}
	br := results.BridgeOf(m)
	fmt.Fprintf(w, "\ngap bridge, %s to %s, £m (means of %d replications; bridge.csv has the intervals):\n", br.From, br.To, len(m.Reps))
	t := &table.Table{Header: []string{"step"}}
	for _, b := range sim.MoneyBodies {
		t.Header = append(t.Header, finance.BodyNames[b])
	}
	for i, title := range bridgeRowTitles(br.From, br.To) {
		if zeroRow(br, i) {
			continue
		}
		row := []string{title}
		for _, b := range sim.MoneyBodies {
			row = append(row, millions(bridgeValue(br, b, i).Mean))
		}
		t.Rows = append(t.Rows, row)
	}
	if err := t.WriteText(w); err != nil {
		return err
	}
	if s := againstProjection(proj, br.To, br.End[finance.System]); s != "" {
		fmt.Fprintf(w, "%s\n", s)
	}
	varied := 0
	for _, s := range ss {
		if s.Skipped == "" {
			varied++
		}
	}
	if varied == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nthe system's gap in %s, £m, with each money assumption at the ends of its documented range (the %d of %d that move it most; sensitivity.csv has all, by body):\n",
		br.To, min(SensitivityShown, varied), len(ss))
	t = &table.Table{Header: []string{"assumption", "range", "at low", "at high"}}
	for _, s := range sortedSensitivity(ss)[:min(SensitivityShown, varied)] {
		t.Rows = append(t.Rows, []string{s.Parameter, s.Range, millions(s.AtLow[finance.System]), millions(s.AtHigh[finance.System])})
	}
	return t.WriteText(w)
}

// WriteCompareBridgeText prints, as caresim compare does after its
// headline table, the system's gap bridge compared (rows, as
// results.NewCompareBridge gives them): the first scenario's steps and
// each other priced scenario's difference to them, with its paired
// interval. It prints nothing when the first scenario was not priced.
func WriteCompareBridgeText(w io.Writer, rows []results.CompareBridgeRow) error {
	var sys []results.CompareBridgeRow
	for _, r := range rows {
		if r.Organisation == finance.BodyNames[finance.System] {
			sys = append(sys, r)
		}
	}
	if len(sys) == 0 || len(sys[0].Scenarios) < 2 || sys[0].FromYear == sys[0].ToYear {
		return nil
	}
	fmt.Fprintf(w, "\nthe system's gap bridge, %s to %s, £m: %s's, and each scenario's difference to it with its paired 95%% CI (bridge.csv has each organisation's):\n",
		sys[0].FromYear, sys[0].ToYear, sys[0].Scenarios[0].Scenario)
	t := &table.Table{Header: []string{"step", sys[0].Scenarios[0].Scenario}}
	for _, sc := range sys[0].Scenarios[1:] {
		t.Header = append(t.Header, sc.Scenario+" − "+sys[0].Scenarios[0].Scenario, "95% CI low", "high")
	}
	titles := bridgeRowTitles(sys[0].FromYear, sys[0].ToYear)
	for i, r := range sys {
		if zeroCompareRow(r) {
			continue
		}
		row := []string{titles[i], millions(float64(r.Scenarios[0].Mean))}
		for _, sc := range r.Scenarios[1:] {
			row = append(row, millions(float64(sc.DiffMean)), millions(float64(sc.DiffCILow)), millions(float64(sc.DiffCIHigh)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t.WriteText(w)
}

// moneyView is the report's section on the money: the gap against the
// projection, the gap bridge and the sensitivity to the money's
// assumptions.
type moneyView struct {
	Lead            []string
	Bridge          reportTable
	BridgeNote      string
	Sensitivity     reportTable
	SensitivityNote string
}

// moneySection is a priced run's money section, nil when d was not
// priced or has no bridge over more than one year.
func moneySection(d results.RunData) *moneyView {
	m := d.Money
	if m == nil || m.Bridge == nil || m.Bridge.From == m.Bridge.To {
		return nil
	}
	br := m.Bridge
	v := &moneyView{}
	if s := againstProjection(m.Projection, br.To, br.End[finance.System]); s != "" {
		v.Lead = append(v.Lead, s)
	}
	v.Bridge = reportTable{Class: "bridge", Header: []reportCell{{Text: "Step"}}}
	for _, b := range sim.MoneyBodies {
		v.Bridge.Header = append(v.Bridge.Header, reportCell{Text: bodyHeader(b), Num: true})
	}
	last := len(bridgeRowTitles(br.From, br.To)) - 1
	for i, title := range bridgeRowTitles(br.From, br.To) {
		if zeroRow(br, i) {
			continue
		}
		note := ""
		if i > 0 && i < last {
			note = finance.Steps[i-1].Name
		}
		row := reportRow{Group: i == 0 || i == last, Cells: []reportCell{{Text: title, Note: note}}}
		for _, b := range sim.MoneyBodies {
			e := bridgeValue(br, b, i)
			row.Cells = append(row.Cells, reportCell{Text: millionsCell(e.Mean), Note: millionsInterval(e.Lo, e.Hi), Num: true})
		}
		v.Bridge.Rows = append(v.Bridge.Rows, row)
	}
	v.BridgeNote = fmt.Sprintf("£m of each year: the deficit in %s, the steps that moved it, and the deficit in %s; means over the replications with their 95%% confidence intervals. Each step is the model's own accounting taken apart (volume, then non-demographic growth, then pay and prices, then the tariff's efficiency), so that the steps of every replication sum exactly to the change; positive widens the gap. Payments between the bodies (marginal rate, readmissions, contracts, the Better Care Fund, the risk share) cancel in the system. Rules the scenario does not have are left out; bridge.csv has every step.", br.From, br.To)
	if len(m.Sensitivity) == 0 {
		return v
	}
	v.Sensitivity = reportTable{Class: "sensitivity", Header: []reportCell{{Text: "Money assumption"}, {Text: "Range"},
		{Text: "As run", Num: true}, {Text: "Gap at low", Num: true}, {Text: "Gap at high", Num: true}, {Text: "Swing", Num: true}}}
	for _, s := range sortedSensitivity(m.Sensitivity) {
		row := reportRow{Cells: []reportCell{{Text: s.Parameter, Code: true, Note: s.Skipped}, {Text: s.Range, Note: s.Source},
			{Text: showAssumption(s.Value, s.Unit), Num: true}}}
		lo, hi := s.AtLow[finance.System], s.AtHigh[finance.System]
		for _, x := range []float64{lo, hi, math.Abs(hi - lo)} {
			row.Cells = append(row.Cells, reportCell{Text: millionsCell(x), Num: true})
		}
		v.Sensitivity.Rows = append(v.Sensitivity.Rows, row)
	}
	v.SensitivityNote = fmt.Sprintf("The system's gap in %s, £m, as run (£%sm) and with each money assumption alone at the ends of the range its line comment documents, the others as run; largest swing first. Money does not change the care model, so each is the same replications' activity repriced: exactly what a run would give. sensitivity.csv has each organisation's.", br.To, millions(br.End[finance.System].Mean))
	return v
}

// bodyHeader names body b in a table's header.
func bodyHeader(b int) string {
	s := finance.BodyNames[b]
	return strings.ToUpper(s[:1]) + strings.ReplaceAll(s[1:], "-", " ")
}

// showAssumption writes an assumption's value as run in its unit:
// fractions in per cent, pounds with k and m.
func showAssumption(x float64, unit string) string {
	switch unit {
	case "fraction":
		return strconv.FormatFloat(100*x, 'g', 4, 64) + "%"
	case "money":
		return table.Pounds(x)[0]
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}

// compareMoneySection is a comparison's money section: the system's gap
// bridge of the first scenario and each other's difference to it, nil
// when the first was not priced.
func compareMoneySection(s *results.Comparison) *moneyView {
	var sys []results.CompareBridgeRow
	for _, r := range s.Bridge {
		if r.Organisation == finance.BodyNames[finance.System] {
			sys = append(sys, r)
		}
	}
	if len(sys) == 0 || sys[0].FromYear == sys[0].ToYear {
		return nil
	}
	first := sys[0].Scenarios[0].Scenario
	v := &moneyView{Bridge: reportTable{Class: "bridge", Header: []reportCell{{Text: "Step"}, {Text: first, Num: true}}}}
	for _, sc := range sys[0].Scenarios[1:] {
		v.Bridge.Header = append(v.Bridge.Header, reportCell{Text: sc.Scenario + " − " + first, Num: true})
	}
	titles := bridgeRowTitles(sys[0].FromYear, sys[0].ToYear)
	for i, r := range sys {
		if zeroCompareRow(r) {
			continue
		}
		row := reportRow{Group: i == 0 || i == len(sys)-1, Cells: []reportCell{{Text: titles[i], Note: r.Step},
			{Text: millionsCell(float64(r.Scenarios[0].Mean)), Note: millionsInterval(float64(r.Scenarios[0].CILow), float64(r.Scenarios[0].CIHigh)), Num: true}}}
		for _, sc := range r.Scenarios[1:] {
			row.Cells = append(row.Cells, reportCell{Text: millionsCell(float64(sc.DiffMean)),
				Note: millionsInterval(float64(sc.DiffCILow), float64(sc.DiffCIHigh)), Num: true})
		}
		v.Bridge.Rows = append(v.Bridge.Rows, row)
	}
	v.BridgeNote = fmt.Sprintf("The whole system's gap bridge from %s to %s, £m of each year: %s's steps, and each scenario's difference to them with its paired 95%% confidence interval (common random numbers). An intervention's savings show as lower demography, capacity or pressure steps, its costs in the interventions step; payments between bodies cancel in the system. bridge.csv has each organisation's.", sys[0].FromYear, sys[0].ToYear, first)
	return v
}

// zeroCompareRow reports whether a step of the bridges compared is zero
// in every scenario and every difference: a rule none of them has.
func zeroCompareRow(r results.CompareBridgeRow) bool {
	for _, sc := range r.Scenarios {
		if sc.Mean != 0 || (sc.DiffMean != 0 && !math.IsNaN(float64(sc.DiffMean))) {
			return false
		}
	}
	return true
}
