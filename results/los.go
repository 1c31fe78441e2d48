package results

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"caresim/sim"
	"caresim/sim/care"
)

// LOSPool is a bed pool whose lengths of stay a run reports: its key in
// los.csv and summary.json, and its chart's file name and title.
type LOSPool struct {
	Key, File, Name string
}

// LOSPools are the pools of care.LOSPools, in its order, which is that of
// their pooled tallies in sim.Results.LOS and of los.csv and summary.json.
var LOSPools = func() []LOSPool {
	var out []LOSPool
	for _, p := range care.LOSPools {
		out = append(out, LOSPool{Key: p.Key, File: "los-" + p.Name, Name: p.Title})
	}
	return out
}()

// LOS is one pool's length-of-stay distribution as reported and
// charted: stays per replication in each bin of BinWidth days from day
// 0, and the summary of the stays of all replications together.
type LOS struct {
	BinWidth float64
	Counts   []float64 // mean stays per replication in bin k, [k·BinWidth, (k+1)·BinWidth)
	Summary  LOSSummary
}

// LOSSummary is summary.json's account of one pool's lengths of stay, over
// the stays ending in the measured period of all replications.
type LOSSummary struct {
	Pool       string `json:"pool"`
	Stays      Number `json:"stays_per_replication"`
	MeanDays   Number `json:"mean_days"`
	MedianDays Number `json:"median_days"`
	P90Days    Number `json:"p90_days"`
	MaxDays    Number `json:"max_days"`
	BinDays    Number `json:"bin_days"`
}

// LOSOf returns each pool's distribution in res, nil for a pool with no
// stays.
func LOSOf(res *sim.Results) []*LOS {
	out := make([]*LOS, len(LOSPools))
	n := float64(len(res.Reps))
	for i, p := range LOSPools {
		t := &res.LOS[i]
		first, bins := t.Histogram()
		if t.Count() == 0 || first < 0 {
			continue // no stays (or, impossibly, a negative one)
		}
		d := &LOS{BinWidth: care.LOSBinWidth, Counts: make([]float64, first+len(bins))}
		for k, c := range bins {
			d.Counts[first+k] = float64(c) / n
		}
		d.Summary = LOSSummary{
			Pool: p.Key, Stays: Number(float64(t.Count()) / n),
			MeanDays: Number(t.Mean()), MedianDays: Number(t.Quantile(0.5)),
			P90Days: Number(t.Quantile(0.9)), MaxDays: Number(t.Max()), BinDays: care.LOSBinWidth,
		}
		out[i] = d
	}
	return out
}

// LOSSummaries are the summaries of los for summary.json.
func LOSSummaries(los []*LOS) []LOSSummary {
	out := []LOSSummary{}
	for _, d := range los {
		if d != nil {
			out = append(out, d.Summary)
		}
	}
	return out
}

// WriteLOS writes los.csv: for each pool with stays and each bin of its
// histogram from day 0 to its longest stay, the mean stays per
// replication that ended in the measured period with a length in
// [from_days, to_days), their share of the pool's stays and the
// cumulative share.
func WriteLOS(w io.Writer, scenario string, los []*LOS) error {
	cw := csv.NewWriter(w)
	cw.Write(LOSHeader)
	for _, d := range los {
		if d == nil {
			continue
		}
		total := float64(d.Summary.Stays)
		cum := 0.0
		for k, c := range d.Counts {
			cum += c
			cw.Write([]string{scenario, d.Summary.Pool, Cell(float64(k) * d.BinWidth), Cell(float64(k+1) * d.BinWidth),
				Cell(c), Cell(c / total), Cell(math.Min(1, cum/total))})
		}
	}
	cw.Flush()
	return cw.Error()
}

// LOSHeader is los.csv's header.
var LOSHeader = []string{"scenario", "pool", "from_days", "to_days", "stays_per_replication", "share", "cumulative_share"}

// ReadLOS reads the distributions back from los.csv, with their
// summaries from summary.json: the file must hold, for each pool that
// summary.json lists, its bins from day 0 to the bin of its longest stay,
// and no rows of a pool it does not list. A folder from before los.csv
// has none.
func ReadLOS(path string, summaries []LOSSummary) ([]*LOS, error) {
	out := make([]*LOS, len(LOSPools))
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && len(summaries) == 0 {
		return out, nil
	}
	summary := filepath.Join(filepath.Dir(path), "summary.json")
	index := map[string]int{}
	for i, p := range LOSPools {
		index[p.Key] = i
	}
	for _, s := range summaries {
		i, ok := index[s.Pool]
		if !ok {
			continue // a pool of another version: not charted
		}
		if !(s.BinDays > 0) || math.IsInf(float64(s.BinDays), 0) {
			return out, fmt.Errorf("%s: length_of_stay %s: bin_days %v, want more than 0", summary, s.Pool, float64(s.BinDays))
		}
		if !(s.MaxDays >= 0) || math.IsInf(float64(s.MaxDays), 0) {
			return out, fmt.Errorf("%s: length_of_stay %s: max_days %v, want a length of stay", summary, s.Pool, float64(s.MaxDays))
		}
		out[i] = &LOS{BinWidth: float64(s.BinDays), Summary: s}
	}
	err := CSVRows(path, LOSHeader, func(rec []string) error {
		i, ok := index[rec[1]]
		if !ok {
			return nil // a pool of another version
		}
		d := out[i]
		if d == nil {
			return fmt.Errorf("pool %s has no length_of_stay in summary.json", rec[1])
		}
		from, err := strconv.ParseFloat(rec[2], 64)
		if err != nil {
			return fmt.Errorf("from_days: %w", err)
		}
		if want := float64(len(d.Counts)) * d.BinWidth; from != want {
			return fmt.Errorf("from_days %g, want %g: the bins of %s must follow one another from 0", from, want, rec[1])
		}
		if to, err := strconv.ParseFloat(rec[3], 64); err != nil || to != float64(len(d.Counts)+1)*d.BinWidth {
			return fmt.Errorf("to_days %q, want %g: each bin is %g days", rec[3], float64(len(d.Counts)+1)*d.BinWidth, d.BinWidth)
		}
		if float64(len(d.Counts)) > bins(d.Summary) {
			return fmt.Errorf("from_days %g: a bin of %s beyond its longest stay, %g days in summary.json", from, rec[1], float64(d.Summary.MaxDays))
		}
		x, err := strconv.ParseFloat(rec[4], 64)
		if err != nil {
			return fmt.Errorf("stays_per_replication: %w", err)
		}
		if !(x >= 0) || math.IsInf(x, 0) {
			return fmt.Errorf("stays_per_replication %q, want a number of stays, 0 or more", rec[4])
		}
		for c := 5; c <= 6; c++ {
			if y, err := ParseNumber(rec[c]); err != nil || y < 0 || y > 1 {
				return fmt.Errorf("column %d (%s): %q, want a share, from 0 to 1", c+1, LOSHeader[c], rec[c])
			}
		}
		d.Counts = append(d.Counts, x)
		return nil
	})
	if err != nil {
		return out, err
	}
	for _, d := range out {
		if d != nil && float64(len(d.Counts)) != bins(d.Summary) {
			return out, fmt.Errorf("%s holds %d bins of %s, but summary.json's longest stay, %g days, makes %g: the file is cut short or not this run's", path, len(d.Counts), d.Summary.Pool, float64(d.Summary.MaxDays), bins(d.Summary))
		}
	}
	return out, nil
}

// bins is the number of bins of a pool's histogram: from day 0 to the
// bin of its longest stay.
func bins(s LOSSummary) float64 {
	return math.Floor(float64(s.MaxDays)/float64(s.BinDays)) + 1
}
