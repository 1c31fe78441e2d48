package observed

import (
	"fmt"
	"slices"
	"strings"

	"caresim/internal/suggest"
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
)

// Measure is a measure of a run over a period that an observed value can
// be set beside: its name, its unit over a financial year or a month, what
// it counts, and how it is computed from a run's replications.
//
// A financial year's measures are the care model's annual measures (as
// annual.csv holds them), the daily measures over the year's days, three
// ratios named as the metrics they are of a whole run (ed_4h_performance,
// acute_occupancy_mean, ic_occupancy_mean), and each line of the accounts
// of the system and of each organisation (deficit_gbp for the system,
// deficit_gbp_acute for the acute trust, …). A month's measures are the
// daily measures (as daily.csv holds them) over its days, and the three
// ratios.
type Measure struct {
	Name    string
	Unit    string
	Doc     string
	Monthly bool // a month's measure, else a financial year's
	from    source
	a, b    int // what from reads (see source)
}

// source is how a measure's value over a period is computed from one
// replication.
type source uint8

const (
	// fromAnnual is annual measure a's value in the financial year.
	fromAnnual source = iota + 1
	// fromDailySum is daily count a summed over the period's days.
	fromDailySum
	// fromDailyMean is daily level a averaged over the period's days.
	fromDailyMean
	// fromWithin is 1 − Σa / Σb of daily counts a and b: the share of b
	// that was not a (4-hour performance).
	fromWithin
	// fromRatio is Σa / Σb of daily levels a and b: occupancy.
	fromRatio
	// fromMoney is line b of body a's accounts in the financial year.
	fromMoney
)

// ratios are the measures named as metrics of a whole run that are also
// measures of a period: the same formula over the period's days.
var ratios = []struct {
	metric int
	from   source
	a, b   int
}{
	{care.MetricED4h, fromWithin, care.DailyAE4hBreaches, care.DailyAEDepartures},
	{care.MetricAcuteOccupancy, fromRatio, care.DailyAcuteMean, care.DailyAcuteBeds},
	{care.MetricICOccupancy, fromRatio, care.DailyICMean, care.DailyICBeds},
}

// key names a measure of a kind of period.
type key struct {
	name    string
	monthly bool
}

// vocabulary holds every measure by name and kind of period; names lists
// every name once, for hints.
var vocabulary, names = buildVocabulary()

func buildVocabulary() (map[key]Measure, []string) {
	v := map[key]Measure{}
	var names []string
	add := func(m Measure) {
		k := key{m.Name, m.Monthly}
		if _, ok := v[k]; ok {
			return // an annual measure's name is its own, not the daily one's
		}
		v[k] = m
		if !slices.Contains(names, m.Name) {
			names = append(names, m.Name)
		}
	}
	for k, m := range care.AnnualMeasures {
		add(Measure{Name: m.Name, Unit: m.Unit, Doc: m.Doc, from: fromAnnual, a: k})
	}
	for _, monthly := range []bool{false, true} {
		for k, m := range care.DailyMeasures {
			from := fromDailyMean
			if care.DailyIsCount(k) {
				from = fromDailySum
			}
			add(Measure{Name: m.Name, Unit: m.Unit, Doc: m.Doc, Monthly: monthly, from: from, a: k})
		}
		for _, r := range ratios {
			m := care.Metrics[r.metric]
			add(Measure{Name: m.Name, Unit: m.Unit, Doc: m.Doc, Monthly: monthly, from: r.from, a: r.a, b: r.b})
		}
	}
	for _, b := range sim.MoneyBodies {
		for k, m := range finance.Measures {
			line := strings.ReplaceAll(strings.TrimSuffix(m.Name, "_gbp"), "_", " ")
			doc := line + " in " + bodyOf(b) + ": " + m.Doc
			add(Measure{Name: MoneyName(m.Name, b), Unit: m.Unit, Doc: doc, from: fromMoney, a: b, b: k})
		}
	}
	slices.Sort(names)
	return v, names
}

// MoneyName is the observed measure of line (a finance.Measures name) of
// body b's accounts: the line's name for the system, with the
// organisation's name in snake case after it for the others
// (deficit_gbp_acute, cost_gbp_social_care), as the money metrics are
// named.
func MoneyName(line string, b int) string {
	if b == finance.System {
		return line
	}
	return line + "_" + strings.ReplaceAll(finance.BodyNames[b], "-", "_")
}

// bodyOf says whose accounts body b's are.
func bodyOf(b int) string {
	switch b {
	case finance.System:
		return "the whole system's accounts"
	case finance.Commissioners:
		return "the commissioners' accounts"
	}
	return "the " + finance.BodyNames[b] + " organisation's accounts"
}

// Lookup returns the measure of a financial year, or of a month when
// monthly, with the given name.
func Lookup(name string, monthly bool) (Measure, bool) {
	m, ok := vocabulary[key{name, monthly}]
	return m, ok
}

// Measures returns every measure of a financial year, or of a month when
// monthly, in order of name.
func Measures(monthly bool) []Measure {
	var out []Measure
	for _, n := range names {
		if m, ok := Lookup(n, monthly); ok {
			out = append(out, m)
		}
	}
	return out
}

// lookup returns the measure name of p's kind, or an error that says why
// there is none: a measure of financial years only given a month, a
// metric of a whole run, or a name caresim does not know (with the
// nearest name it does).
func lookup(name string, p Period) (Measure, error) {
	if m, ok := Lookup(name, p.Monthly()); ok {
		return m, nil
	}
	if _, ok := Lookup(name, false); ok {
		return Measure{}, fmt.Errorf("%s is measured by financial year only (annual.csv), not by month: give its financial years, or a daily measure's months", name)
	}
	if k := care.MetricIndex(name); k >= 0 {
		msg := fmt.Sprintf("%s is a metric of a whole run, not of a period", name)
		if per, ok := strings.CutSuffix(name, "_per_year"); ok {
			if m, ok := Lookup(per, p.Monthly()); ok {
				msg += fmt.Sprintf(": its count in a period is %s (%s)", m.Name, m.Unit)
			}
		}
		return Measure{}, fmt.Errorf("%s", msg)
	}
	msg := fmt.Sprintf("unknown measure %s", quote(name))
	if s, ok := suggest.Closest(name, names); ok {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return Measure{}, fmt.Errorf("%s (caresim backcast --measures lists them)", msg)
}
