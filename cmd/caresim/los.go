package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"caresim/plots"
	"caresim/sim"
	"caresim/sim/care"
)

// losPool is a bed pool whose lengths of stay a run reports: its key in
// los.csv and summary.json, and its chart's file name and title.
type losPool struct {
	key, file, name string
}

// losPools are the pools of care.LOSPools, in its order, which is that
// of their pooled tallies in sim.Results.LOS.
var losPools = func() []losPool {
	var out []losPool
	for _, p := range care.LOSPools {
		out = append(out, losPool{p.Key, "los-" + p.Name, p.Title})
	}
	return out
}()

// losData is one pool's length-of-stay distribution as reported and
// charted: stays per replication in each bin of binWidth days from day
// 0, and the summary of the stays of all replications together.
type losData struct {
	binWidth float64
	counts   []float64 // mean stays per replication in bin k, [k·binWidth, (k+1)·binWidth)
	summary  losJSON
}

// losJSON is summary.json's account of one pool's lengths of stay, over
// the stays ending in the measured period of all replications.
type losJSON struct {
	Pool       string `json:"pool"`
	Stays      number `json:"stays_per_replication"`
	MeanDays   number `json:"mean_days"`
	MedianDays number `json:"median_days"`
	P90Days    number `json:"p90_days"`
	MaxDays    number `json:"max_days"`
	BinDays    number `json:"bin_days"`
}

// losOf returns each pool's distribution in res, nil for a pool with no
// stays.
func losOf(res *sim.Results) []*losData {
	out := make([]*losData, len(losPools))
	n := float64(len(res.Reps))
	for i, p := range losPools {
		t := &res.LOS[i]
		first, bins := t.Histogram()
		if t.Count() == 0 || first < 0 {
			continue // no stays (or, impossibly, a negative one)
		}
		d := &losData{binWidth: care.LOSBinWidth, counts: make([]float64, first+len(bins))}
		for k, c := range bins {
			d.counts[first+k] = float64(c) / n
		}
		d.summary = losJSON{
			Pool: p.key, Stays: number(float64(t.Count()) / n),
			MeanDays: number(t.Mean()), MedianDays: number(t.Quantile(0.5)),
			P90Days: number(t.Quantile(0.9)), MaxDays: number(t.Max()), BinDays: care.LOSBinWidth,
		}
		out[i] = d
	}
	return out
}

// losSummaries are the summaries of los for summary.json.
func losSummaries(los []*losData) []losJSON {
	out := []losJSON{}
	for _, d := range los {
		if d != nil {
			out = append(out, d.summary)
		}
	}
	return out
}

// writeLOS writes los.csv: for each pool with stays and each bin of its
// histogram from day 0 to its longest stay, the mean stays per
// replication that ended in the measured period with a length in
// [from_days, to_days), their share of the pool's stays and the
// cumulative share.
func writeLOS(w io.Writer, scenario string, los []*losData) error {
	cw := csv.NewWriter(w)
	cw.Write(losHeader)
	for _, d := range los {
		if d == nil {
			continue
		}
		total := float64(d.summary.Stays)
		cum := 0.0
		for k, c := range d.counts {
			cum += c
			cw.Write([]string{scenario, d.summary.Pool, cell(float64(k) * d.binWidth), cell(float64(k+1) * d.binWidth),
				cell(c), cell(c / total), cell(math.Min(1, cum/total))})
		}
	}
	cw.Flush()
	return cw.Error()
}

var losHeader = []string{"scenario", "pool", "from_days", "to_days", "stays_per_replication", "share", "cumulative_share"}

// readLOS reads the distributions back from los.csv, with their
// summaries from summary.json. A folder from before los.csv has none.
func readLOS(path string, summaries []losJSON) ([]*losData, error) {
	out := make([]*losData, len(losPools))
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	index := map[string]int{}
	for i, p := range losPools {
		index[p.key] = i
	}
	for _, s := range summaries {
		i, ok := index[s.Pool]
		if !ok {
			continue // a pool of another version: not charted
		}
		if !(s.BinDays > 0) || math.IsInf(float64(s.BinDays), 0) {
			return out, fmt.Errorf("%s: length_of_stay %s: bin_days %v, want more than 0", filepath.Join(filepath.Dir(path), "summary.json"), s.Pool, float64(s.BinDays))
		}
		out[i] = &losData{binWidth: float64(s.BinDays), summary: s}
	}
	err := csvRows(path, losHeader, func(rec []string) error {
		i, ok := index[rec[1]]
		if !ok || out[i] == nil {
			return nil
		}
		d := out[i]
		from, err := strconv.ParseFloat(rec[2], 64)
		if err != nil {
			return fmt.Errorf("from_days: %w", err)
		}
		if want := float64(len(d.counts)) * d.binWidth; from != want {
			return fmt.Errorf("from_days %g, want %g: the bins of %s must follow one another from 0", from, want, rec[1])
		}
		if to, err := strconv.ParseFloat(rec[3], 64); err != nil || to != float64(len(d.counts)+1)*d.binWidth {
			return fmt.Errorf("to_days %q, want %g: each bin is %g days", rec[3], float64(len(d.counts)+1)*d.binWidth, d.binWidth)
		}
		x, err := strconv.ParseFloat(rec[4], 64)
		if err != nil {
			return fmt.Errorf("stays_per_replication: %w", err)
		}
		if !(x >= 0) || math.IsInf(x, 0) {
			return fmt.Errorf("stays_per_replication %q, want a number of stays, 0 or more", rec[4])
		}
		d.counts = append(d.counts, x)
		return nil
	})
	return out, err
}

// losCharts draws each pool's length-of-stay distribution.
func losCharts(d runData) ([]chart, error) {
	var out []chart
	for i, l := range d.los {
		p := losPools[i]
		if l == nil || len(l.counts) == 0 {
			continue
		}
		f, err := plots.LengthOfStay(plots.LOS{
			Pool: p.name, Place: d.place, BinWidth: l.binWidth, Counts: l.counts,
			Mean: float64(l.summary.MeanDays), Median: float64(l.summary.MedianDays),
		})
		if err != nil {
			return nil, err
		}
		out = append(out, chart{p.file, f})
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
func pathwayChart(d runData) ([]chart, error) {
	any := false
	counts := make([][]float64, len(pathwayNames))
	names := make([]string, len(pathwayNames))
	for i, p := range pathwayNames {
		names[i] = p.name
		for y := range d.years {
			x := d.annual[y][p.measure]
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
	f, err := plots.PathwayMix(plots.Pathways{Place: d.place, Years: d.years, Names: names, Counts: counts})
	if err != nil {
		return nil, err
	}
	return []chart{{"pathway-mix", f}}, nil
}
