package care

import (
	"math"
	"slices"

	"caresim/sim/des"
	"caresim/sim/stats"
)

// result gathers the measured period's outputs after a run: each measure
// of the tables computed by its definition (measuretable.go).
func (m *model) result() *Result {
	w, e := int(m.warm), int(m.end)
	days := e - w
	res := &Result{Start: m.p.Start, Days: days, WarmUp: m.warm, Events: m.events, Drawn: m.sched.Drawn()}
	res.Daily = make([][]float64, len(dailySrc))
	for k, c := range dailySrc {
		res.Daily[k] = m.dailyValues(c, w, e)
	}
	if m.cfg.Pilot {
		res.Pilot = slices.Clone(m.busy(svcAcute).DayMeans()[:e])
	}

	// Financial years, April to March.
	lastFY := math.MinInt
	var yearDays []float64
	for d := 0; d < days; d++ {
		if fy := m.p.Start.AddDays(d).FinancialYear(); fy != lastFY {
			lastFY = fy
			res.Years = append(res.Years, des.FinancialYearLabel(fy))
			res.Annual = append(res.Annual, make([]float64, len(annualSrc)))
			yearDays = append(yearDays, 0)
		}
		y := len(res.Annual) - 1
		a := res.Annual[y]
		yearDays[y]++
		for k, c := range annualSrc {
			a[k] += m.annualDay(c, w+d)
		}
	}
	for y := range res.Annual {
		for k, c := range annualSrc {
			if c.op == opYearMean || c.op == opWinter || c.op == opStock {
				res.Annual[y][k] /= yearDays[y]
			}
		}
	}

	res.Metrics = make([]float64, len(metricSrc))
	for k, c := range metricSrc {
		res.Metrics[k] = m.metricValue(c, w, e)
	}
	res.LOS = make([]stats.Tally, len(LOSPools))
	for i := range res.LOS {
		res.LOS[i].Merge(m.tallies[firstLOSTally+i]) // copies, so the model's storage is not shared
	}
	return res
}
