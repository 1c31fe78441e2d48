package plots

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"caresim/results"
	"caresim/sim"
	"caresim/sim/finance"
)

// Bridge is one body's gap bridge, the input to [GapBridge]: its deficit
// in the first financial year, the steps that moved it, in order, and its
// deficit in the last. The steps' means sum to End.Mean − Start.Mean.
type Bridge struct {
	Body     string // organisation or system, e.g. "whole system, Northshire"
	From, To string // the financial years, e.g. "2025/26"
	Start    Estimate
	Steps    []BridgeStep
	End      Estimate

	// Against, when set, names the scenario whose bridge this one's is
	// compared with, Scenario: every amount is then Scenario's less
	// Against's (a difference of deficits, of steps).
	Against, Scenario string

	// Interval names the deficits' error bars, e.g. "95% CI"; when set,
	// the legend says so.
	Interval string
	// Reference, when set, is drawn as a line at its gap: a published
	// projection of the deficit in To.
	Reference *Reference
}

// BridgeStep is one step of a [Bridge]: what it is and its change to
// the deficit (positive widens the gap).
type BridgeStep struct {
	Name  string
	Value Estimate
}

// Reference is a published figure drawn on a chart for comparison, not a
// target: Gap pounds in the financial year Year, named Label.
type Reference struct {
	Year  string
	Gap   float64
	Label string
}

// Legend names used by [GapBridge], so that callers and tests can find
// the series.
const (
	LegendBridgeDeficit    = "Deficit"
	LegendBridgeDifference = "Difference in the deficit"
	LegendBridgeWidens     = "Widens the gap"
	LegendBridgeNarrows    = "Narrows the gap"
)

// bridgeBar is the height of a bar, as a share of the space between rows.
const bridgeBar = 0.6

// GapBridge draws a gap bridge as a horizontal waterfall, read from the
// top: the deficit in the first year as a bar from zero, each step as a
// bar from where the one before ended (vermillion where it widens the gap,
// blue where it narrows it: apart in greyscale by their lightness, and by
// the signs of their labels), and the deficit in the last year as a bar
// from zero; each bar is labelled with its amount, and the deficits carry
// their intervals as error bars. A reference, when given, is a dashed line at its gap. It
// returns [ErrNoData] without steps, and an error when an amount is not
// finite.
func GapBridge(b Bridge) (*Figure, error) {
	what := fmt.Sprintf("plots: gap bridge of %s", b.Body)
	if len(b.Steps) == 0 {
		return nil, fmt.Errorf("%s: %w", what, ErrNoData)
	}
	for _, e := range []Estimate{b.Start, b.End} {
		if !sweepFinite(e.Mean) {
			return nil, fmt.Errorf("%s: a deficit of %v is not a finite number", what, e.Mean)
		}
	}
	for _, s := range b.Steps {
		if !sweepFinite(s.Value.Mean) {
			return nil, fmt.Errorf("%s: %s: %v is not a finite number", what, s.Name, s.Value.Mean)
		}
	}
	n := len(b.Steps) + 2
	row := func(i int) float64 { return float64(n - 1 - i) } // the first row at the top

	title, axis, row0 := fmt.Sprintf("What moved the gap from %s to %s, %s", b.From, b.To, b.Body), "Deficit (£): positive is a gap", "Deficit"
	if b.Against != "" {
		title = fmt.Sprintf("%s against %s: what moved the gap from %s to %s, %s", b.Scenario, b.Against, b.From, b.To, b.Body)
		axis, row0 = fmt.Sprintf("Difference in the deficit (£), %s − %s: positive is a wider gap", b.Scenario, b.Against), "Difference"
	}
	p := newPanel(title, axis, "")
	p.X.Tick.Marker = labelTicks{money}
	names := make([]string, n)
	names[n-1], names[0] = row0+", "+b.From, row0+", "+b.To
	for i, s := range b.Steps {
		names[n-2-i] = s.Name
	}
	p.Y.Tick.Marker = yearTicks(names)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	f := &Figure{Panels: []*plot.Plot{p}}

	ring := func(x0, x1, y float64) plotter.XYs {
		return plotter.XYs{{X: x0, Y: y - bridgeBar/2}, {X: x1, Y: y - bridgeBar/2}, {X: x1, Y: y + bridgeBar/2}, {X: x0, Y: y + bridgeBar/2}}
	}
	var deficits, widens, narrows []plotter.XYer
	var links plotter.XYs // the joins between one bar's end and the next's start
	var left, right plotter.XYLabels
	label := func(x0, x1, y float64, s string) {
		at := &right
		if x1 < x0 || (x1 == x0 && x1 < 0) {
			at = &left
		}
		at.XYs = append(at.XYs, plotter.XY{X: x1, Y: y})
		at.Labels = append(at.Labels, s)
	}
	lo, hi := math.Min(0, math.Min(b.Start.Mean, b.End.Mean)), math.Max(0, math.Max(b.Start.Mean, b.End.Mean))
	deficits = append(deficits, ring(0, b.Start.Mean, row(0)))
	label(0, b.Start.Mean, row(0), money(b.Start.Mean))
	at := b.Start.Mean
	for i, s := range b.Steps {
		y, next := row(i+1), at+s.Value.Mean
		links = append(links, plotter.XY{X: at, Y: y + 1 - bridgeBar/2}, plotter.XY{X: at, Y: y + bridgeBar/2}, plotter.XY{X: math.NaN(), Y: math.NaN()})
		if s.Value.Mean >= 0 {
			widens = append(widens, ring(at, next, y))
			label(at, next, y, "+"+money(s.Value.Mean))
		} else {
			narrows = append(narrows, ring(at, next, y))
			label(at, next, y, money(s.Value.Mean))
		}
		at = next
		lo, hi = math.Min(lo, at), math.Max(hi, at)
	}
	y := row(n - 1)
	links = append(links, plotter.XY{X: at, Y: y + 1 - bridgeBar/2}, plotter.XY{X: at, Y: y + bridgeBar/2})
	deficits = append(deficits, ring(0, b.End.Mean, y))
	label(0, b.End.Mean, y, money(b.End.Mean))

	deficitName := LegendBridgeDeficit
	if b.Against != "" {
		deficitName = LegendBridgeDifference
	}
	for _, series := range []struct {
		name  string
		rings []plotter.XYer
		fill  color.Color
	}{
		{deficitName, deficits, grey},
		{LegendBridgeWidens, widens, vermillion},
		{LegendBridgeNarrows, narrows, blue},
	} {
		if len(series.rings) == 0 {
			continue
		}
		bars, err := plotter.NewPolygon(series.rings...)
		if err != nil {
			return nil, err
		}
		bars.Color = series.fill
		bars.LineStyle.Color = black
		bars.LineStyle.Width = vg.Points(0.5)
		p.Add(bars)
		f.Legend = append(f.Legend, LegendEntry{series.name, []plot.Thumbnailer{bars}})
	}
	if err := addBridgeLinks(p, links); err != nil {
		return nil, err
	}

	// The deficits' intervals.
	errs := plotter.XErrors{
		{Low: b.Start.Mean - b.Start.Lo, High: b.Start.Hi - b.Start.Mean},
		{Low: b.End.Mean - b.End.Lo, High: b.End.Hi - b.End.Mean},
	}
	mids := plotter.XYs{{X: b.Start.Mean, Y: row(0)}, {X: b.End.Mean, Y: y}}
	for i := range errs {
		if math.IsNaN(errs[i].Low) || math.IsNaN(errs[i].High) {
			errs[i].Low, errs[i].High = 0, 0
		}
		lo, hi = math.Min(lo, mids[i].X-errs[i].Low), math.Max(hi, mids[i].X+errs[i].High)
	}
	ebars, err := plotter.NewXErrorBars(struct {
		plotter.XYs
		plotter.XErrors
	}{mids, errs})
	if err != nil {
		return nil, err
	}
	ebars.LineStyle.Width = vg.Points(1)
	p.Add(ebars)

	if r := b.Reference; r != nil && sweepFinite(r.Gap) {
		line, err := plotter.NewLine(plotter.XYs{{X: r.Gap, Y: p.Y.Min}, {X: r.Gap, Y: p.Y.Max}})
		if err != nil {
			return nil, err
		}
		line.Color = black
		line.Width = vg.Points(1.5)
		line.Dashes = dashed
		p.Add(line)
		lo, hi = math.Min(lo, r.Gap), math.Max(hi, r.Gap)
		f.Legend = append(f.Legend, LegendEntry{referenceName(r), []plot.Thumbnailer{line}})
	}

	if err := addEndLabels(p, left, right); err != nil {
		return nil, err
	}
	// Room beside the bars for their labels.
	pad := 0.2 * (hi - lo)
	if pad == 0 {
		pad = 1
	}
	p.X.Min, p.X.Max = lo-pad, hi+pad
	if b.Interval != "" {
		f.Legend = append(f.Legend, LegendEntry{"Error bars: " + b.Interval + " of the deficits", nil})
	}

	return f, nil
}

// addBridgeLinks draws the thin joins of a waterfall's bars, broken at
// NaN points.
func addBridgeLinks(p *plot.Plot, links plotter.XYs) error {
	var seg plotter.XYs
	flush := func() error {
		if len(seg) < 2 {
			seg = seg[:0]
			return nil
		}
		l, err := plotter.NewLine(seg)
		if err != nil {
			return err
		}
		l.Color = grey
		l.Width = vg.Points(0.5)
		l.Dashes = dotted
		p.Add(l)
		seg = nil
		return nil
	}
	for _, pt := range links {
		if math.IsNaN(pt.X) {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		seg = append(seg, pt)
	}
	return flush()
}

// referenceName is a reference's legend entry: its label and its gap in
// its year.
func referenceName(r *Reference) string {
	name := r.Label
	if name == "" {
		name = "projection"
	}
	return fmt.Sprintf("%s%s: %s in %s", strings.ToUpper(name[:1]), name[1:], money(r.Gap), r.Year)
}

// stepTitles name the steps of the gap bridge on charts, indexed as
// finance.Steps.
var stepTitles = [finance.NumSteps]string{
	finance.StepDemography:       "Demography (activity volume)",
	finance.StepNonDemographic:   "Non-demographic growth",
	finance.StepPayAndPrices:     "Pay and prices",
	finance.StepTariffEfficiency: "Tariff efficiency",
	finance.StepMarginalRate:     "Emergency marginal rate",
	finance.StepReadmissions:     "Readmissions unpaid",
	finance.StepCapacity:         "Capacity",
	finance.StepPressure:         "Pressure: escalation, delays, electives, fines",
	finance.StepInterventions:    "Interventions' costs",
	finance.StepFixedCosts:       "Fixed costs (PFI)",
	finance.StepFunding:          "Funding growth",
	finance.StepSustainability:   "Sustainability fund",
	finance.StepBetterCareFund:   "Better Care Fund",
	finance.StepContracts:        "Contracts",
	finance.StepRiskShare:        "Alliance risk share",
}

// StepTitle names step s of the gap bridge (finance.Steps) for charts
// and reports.
func StepTitle(s int) string { return stepTitles[s] }

// bridgeCharts draws the gap bridge of the system and of each
// organisation with money in m, for the charts of a place, or none when
// m has no bridge. A step that is zero for a body (within its interval)
// is left out of its chart.
func bridgeCharts(place string, m *results.Money) ([]Chart, error) {
	br := m.Bridge
	if br == nil {
		return nil, nil
	}
	var out []Chart
	for _, b := range sim.MoneyBodies {
		if b != finance.System && !hasMoney(m, b) {
			continue
		}
		c := Bridge{Body: bodyTitles[b], From: br.From, To: br.To, Start: estimate(br.Start[b]), End: estimate(br.End[b]), Interval: deficitInterval()}
		if place != "" {
			c.Body += ", " + place
		}
		for s, e := range br.Steps[b] {
			if e.Mean == 0 && e.Lo == 0 && e.Hi == 0 {
				continue
			}
			c.Steps = append(c.Steps, BridgeStep{Name: stepTitles[s], Value: estimate(e)})
		}
		if len(c.Steps) == 0 {
			continue
		}
		if b == finance.System {
			c.Reference = referenceOf(m, br.To)
		}
		f, err := GapBridge(c)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{File: "gap-bridge-" + finance.BodyNames[b], Fig: f})
	}
	return out, nil
}

// referenceOf is m's projection as a chart's reference, when it is of
// the financial year year; else nil.
func referenceOf(m *results.Money, year string) *Reference {
	if pr := m.Projection; pr != nil && pr.Year == year {
		return &Reference{Year: pr.Year, Gap: float64(pr.GapGBP), Label: pr.Label}
	}
	return nil
}
