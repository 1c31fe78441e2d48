package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"

	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/finance"
)

// costPath matches an intervention's cost, a money assumption outside
// the money section.
var costPath = regexp.MustCompile(`^interventions\[[^\]]+\]\.(setup|recurrent)$`)

// MoneyVariations returns the money assumptions of l that its files give
// a range for (see [scenarios.Range]): the numbers of its money section
// and its interventions' set-up and recurrent costs, in the order of
// their paths, each to be varied alone over its range
// ([sim.Results.MoneySensitivity]). One that cannot be varied alone (a
// share of several that must sum to 1) says so when set.
func MoneyVariations(l *scenarios.Loaded) []sim.Variation {
	var out []sim.Variation
	for _, r := range l.Ranges {
		if !r.Number || !(strings.HasPrefix(r.Path, "money.") || costPath.MatchString(r.Path)) {
			continue
		}
		path := r.Path
		out = append(out, sim.Variation{
			Parameter: path, Unit: r.Unit, Range: r.Text, Source: fmt.Sprintf("%s:%d", r.File, r.Line),
			Value: r.Value, Low: r.Low, High: r.High,
			Set: func(x float64) (*finance.Params, []finance.Intervention, error) {
				m, p, err := l.WithNumber(path, x)
				if err != nil {
					return nil, nil, err
				}
				if errs := m.Validate(); len(errs) > 0 {
					return nil, nil, fmt.Errorf("not varied alone: %v", errs[0])
				}
				return m, sim.InterventionCosts(p), nil
			},
		})
	}
	return out
}

// SensitivityHeader is sensitivity.csv's header.
var SensitivityHeader = []string{"scenario", "parameter", "unit", "range", "source", "value", "low", "high",
	"organisation", "final_year", "gap", "gap_at_low", "gap_at_high", "note"}

// WriteSensitivity writes sensitivity.csv: for each money assumption with
// a documented range, and each body (the system first), the final year's
// deficit as run and with the assumption at each end of its range, the
// others as run; means across the run's replications, repriced from
// their own activity.
func WriteSensitivity(w io.Writer, name, year string, ss []sim.Sensitivity) error {
	cw := csv.NewWriter(w)
	cw.Write(SensitivityHeader)
	for _, s := range ss {
		for _, b := range sim.MoneyBodies {
			cw.Write([]string{name, s.Parameter, s.Unit, s.Range, s.Source, Cell(s.Value), Cell(s.Low), Cell(s.High),
				finance.BodyNames[b], year, Cell(s.Gap[b]), Cell(s.AtLow[b]), Cell(s.AtHigh[b]), s.Skipped})
		}
	}
	cw.Flush()
	return cw.Error()
}
