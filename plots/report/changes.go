package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"caresim/results"
	"caresim/sim/care"
)

// changesOf is what the scenario of manifest m changes.
func changesOf(m *results.Manifest) scenarioChanges {
	c := scenarioChanges{Name: m.Scenario, Description: m.Description, Files: m.Chain, Sets: m.Sets}
	if len(m.Chain) > 1 {
		c.Extends = strings.Join(m.Chain[1:], ", then ")
	}
	for _, iv := range m.Interventions {
		v := interventionView{Name: iv.Name, From: iv.From, Start: iv.Start, Description: iv.Description}
		if r := float64(iv.RampDays); r > 0 {
			v.Ramp = "reaching its full effect over " + durationText(r)
		}
		if iv.End != "" {
			v.End = "until " + iv.End
			if r := float64(iv.RampDownDays); r > 0 {
				v.End += ", withdrawn over the last " + durationText(r)
			}
		}
		for _, ch := range iv.Changes {
			v.Changes = append(v.Changes, changeText(ch))
		}
		var cost []string
		if x := float64(iv.SetupGBP); x != 0 {
			cost = append(cost, poundsText(x)+" set-up")
		}
		if x := float64(iv.RecurrentGBP); x != 0 {
			cost = append(cost, poundsText(x)+" a year")
		}
		if len(cost) > 0 {
			v.Cost = strings.Join(cost, " and ")
			if iv.Payer != "" {
				v.Cost += ", paid by " + iv.Payer
			}
		}
		c.Interventions = append(c.Interventions, v)
	}
	return c
}

// durationText writes a span of days in days, or years from a year up.
func durationText(days float64) string {
	if days < 365 {
		return reportNumber(days) + " days"
	}
	y := strconv.FormatFloat(math.Round(days/365.25*10)/10, 'f', -1, 64)
	if y == "1" {
		return "1 year"
	}
	return y + " years"
}

// changeText says what a change does: "services.acute.beds: add 96",
// with an effect's range where it has one.
func changeText(c results.Change) string {
	unit, _ := care.UnitOf(c.Path)
	if c.Op == "scale" {
		unit = "factor"
	}
	format := func(x results.Number) string { return valueText(float64(x), unit) }
	v := format(c.Central)
	if c.Low != c.Central || c.High != c.Central {
		v += fmt.Sprintf(" (range %s to %s, drawn per replication)", format(c.Low), format(c.High))
	}
	verb := map[string]string{"to": "set to", "scale": "multiplied by", "add": "add"}[c.Op]
	if l := c.Lag; l != nil {
		v += ", after a lag of " + durationText(float64(l.Central))
		if l.Low != l.Central || l.High != l.Central {
			v += fmt.Sprintf(" (range %s to %s, drawn per replication)", durationText(float64(l.Low)), durationText(float64(l.High)))
		}
	}
	return fmt.Sprintf("%s: %s %s", c.Path, verb, v)
}

// valueText writes x, in the model's unit kind unit, as a planner writes
// it.
func valueText(x float64, unit string) string {
	switch unit {
	case "duration":
		return reportNumber(x) + " days"
	case "fraction":
		return reportNumber(100*x) + "%"
	case "rate":
		return reportNumber(x) + " per day"
	case "per-head":
		return reportNumber(x*1000*365.25) + " per 1,000 a year"
	case "money":
		return poundsText(x)
	case "factor":
		return "×" + reportNumber(x)
	}
	return reportNumber(x)
}

// poundsText writes an amount of money briefly: £0.6m, £1.25m, £50k, £395.
func poundsText(x float64) string {
	sign, a := "", math.Abs(x)
	if x < 0 {
		sign = "-"
	}
	short := func(v float64) string {
		return strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
	}
	switch {
	case a >= 1e5:
		return sign + "£" + short(a/1e6) + "m"
	case a >= 1e3:
		return sign + "£" + short(a/1e3) + "k"
	}
	return sign + "£" + short(a)
}
