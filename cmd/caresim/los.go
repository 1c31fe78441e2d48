package main

import (
	"math"

	"caresim/plots"
	"caresim/results"
	"caresim/sim/care"
)

// losCharts draws each pool's length-of-stay distribution.
func losCharts(d results.RunData) ([]plots.Chart, error) {
	var out []plots.Chart
	for i, p := range results.LOSPools {
		l := d.LOS[i]
		if l == nil || len(l.Counts) == 0 {
			continue
		}
		f, err := plots.LengthOfStay(plots.LOS{
			Pool: p.Name, Place: d.Place, BinWidth: l.BinWidth, Counts: l.Counts,
			Mean: float64(l.Summary.MeanDays), Median: float64(l.Summary.MedianDays),
		})
		if err != nil {
			return nil, err
		}
		out = append(out, plots.Chart{File: p.File, Fig: f})
	}
	return out, nil
}

// pathwayNames name the ends of emergency spells in the pathway-mix
// chart, with their annual measures.
var pathwayNames = []struct {
	name    string
	measure int
}{
	{"Home (pathway 0)", care.AnnualPathway0},
	{"Reablement at home (pathway 1)", care.AnnualPathway1},
	{"Intermediate-care bed (pathway 2)", care.AnnualPathway2},
	{"Care home (pathway 3)", care.AnnualPathway3},
	{"Died in hospital", care.AnnualHospitalDeaths},
}

// pathwayChart draws the discharge pathway mix by financial year, when
// the scenario's hospital discharged anyone.
func pathwayChart(d results.RunData) ([]plots.Chart, error) {
	any := false
	counts := make([][]float64, len(pathwayNames))
	names := make([]string, len(pathwayNames))
	for i, p := range pathwayNames {
		names[i] = p.name
		for y := range d.Years {
			x := d.Annual[y][p.measure]
			if math.IsNaN(x) {
				x = 0
			}
			any = any || x > 0
			counts[i] = append(counts[i], x)
		}
	}
	if !any {
		return nil, nil
	}
	f, err := plots.PathwayMix(plots.Pathways{Place: d.Place, Years: d.Years, Names: names, Counts: counts})
	if err != nil {
		return nil, err
	}
	return []plots.Chart{{File: "pathway-mix", Fig: f}}, nil
}
