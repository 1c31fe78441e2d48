package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
)

// Backcast is a run set beside observed data: each observed value with the
// run's over the same period ([BackcastPoint], backcast.csv), and how well
// the run fits each observed series ([BackcastSummary], summary.json's
// backcast). Package validation/observed computes it.
type Backcast struct {
	Summary BackcastSummary
	Points  []BackcastPoint
}

// BackcastSummary is summary.json's account of a backcast: the observed
// file it was set beside, how the band is computed, and the fit of each
// observed series.
type BackcastSummary struct {
	File   string `json:"file"`   // the observed file, as named on the command line
	Digest string `json:"sha256"` // of the observed file's bytes
	Rows   int    `json:"rows"`   // its rows, each a point of backcast.csv
	// Band says how each point's band is computed from the replications.
	Band string        `json:"band"`
	Fits []BackcastFit `json:"fits"`
}

// BackcastFit is the fit of one observed series: one measure, by
// financial year or by month. Bias, BiasPercent and MAPEPercent are over
// the Points simulated (those with a non-zero observed value for the
// percentages); Coverage is the share of them inside their band.
type BackcastFit struct {
	Measure string `json:"measure"`
	Unit    string `json:"unit"`
	Doc     string `json:"doc"`     // what the measure counts
	Periods string `json:"periods"` // BackcastYears or BackcastMonths
	// Points counts the observed values whose period the run simulated
	// whole; Outside those it did not (before or after the run, simulated
	// in part, not priced, not measured), which no statistic includes.
	Points  int `json:"points"`
	Outside int `json:"outside_run"`
	// Bias is the mean of simulated mean − observed, in Unit.
	Bias Number `json:"bias"`
	// BiasPercent is the mean of (simulated − observed) / observed, in
	// percent; MAPEPercent the mean of its absolute value.
	BiasPercent Number `json:"bias_percent"`
	MAPEPercent Number `json:"mape_percent"`
	// Banded counts the points with a band (measured in two
	// replications or more), Inside those inside it, and Coverage is
	// Inside / Banded.
	Banded   int    `json:"with_band"`
	Inside   int    `json:"inside_band"`
	Coverage Number `json:"coverage"`
}

// The kinds of period of a series, BackcastFit.Periods.
const (
	BackcastYears  = "financial years"
	BackcastMonths = "months"
)

// BackcastSimulated is the status of a point whose period the run
// simulated whole; any other status says why the point has no simulated
// value.
const BackcastSimulated = "simulated"

// BackcastPoint is one observed value beside the run's: a row of
// backcast.csv.
type BackcastPoint struct {
	Period   string  // a financial year (2014/15) or a month (2014-04)
	Measure  string  // the measure's name
	Unit     string  // its unit
	Observed float64 // the observed value
	// Status is BackcastSimulated, or why the run has no value for the
	// period: "before the run", "after the run", "partly simulated", "not
	// priced", "not measured".
	Status string
	// Mean is the mean over the replications of the run's value in the
	// period, and [Lo, Hi] its 95% prediction band; NaN unless simulated
	// (Lo and Hi too with one replication).
	Mean, Lo, Hi float64
	Source       string // where the observed value comes from
	Line         int    // its line in the observed file
}

// Inside reports whether the observed value lies in the point's band.
func (p BackcastPoint) Inside() bool { return p.Lo <= p.Observed && p.Observed <= p.Hi }

// Monthly reports whether the point's period is a month.
func (p BackcastPoint) Monthly() bool { return len(p.Period) == 7 && p.Period[4] == '-' }

// BackcastHeader is backcast.csv's header.
var BackcastHeader = []string{"scenario", "period", "measure", "unit", "observed", "status", "simulated_mean", "band_low", "band_high", "inside_band", "source", "observed_line"}

// WriteBackcast writes backcast.csv: a row per observed value, in the
// observed file's order, with the run's mean and band over its period;
// inside_band is yes or no, and empty with no band.
func WriteBackcast(w io.Writer, scenario string, points []BackcastPoint) error {
	cw := csv.NewWriter(w)
	cw.Write(BackcastHeader)
	for _, p := range points {
		inside := ""
		if !math.IsNaN(p.Lo) && !math.IsNaN(p.Hi) {
			inside = "no"
			if p.Inside() {
				inside = "yes"
			}
		}
		cw.Write([]string{scenario, p.Period, p.Measure, p.Unit, Cell(p.Observed), p.Status,
			Cell(p.Mean), Cell(p.Lo), Cell(p.Hi), inside, p.Source, strconv.Itoa(p.Line)})
	}
	cw.Flush()
	return cw.Error()
}

// ReadBackcast reads backcast.csv in dir, which must hold the rows that
// s, summary.json's backcast, says: a file cut short, or a cell that is
// not what WriteBackcast writes, is refused with the line and column.
func ReadBackcast(dir string, s *BackcastSummary) ([]BackcastPoint, error) {
	path := filepath.Join(dir, "backcast.csv")
	var out []BackcastPoint
	col := func(name string) int {
		for i, h := range BackcastHeader {
			if h == name {
				return i
			}
		}
		panic("results: no backcast column " + name)
	}
	number := func(rec []string, name string, empty bool) (float64, error) {
		x, err := ParseCell(rec[col(name)], 64)
		if err == nil && math.IsNaN(x) && !empty {
			err = fmt.Errorf("empty")
		}
		if err != nil {
			return 0, &CellError{Col: name, Err: err}
		}
		return x, nil
	}
	err := CSVRows(path, BackcastHeader, func(rec []string) error {
		if len(rec) != len(BackcastHeader) {
			return fmt.Errorf("%d cells, want %d", len(rec), len(BackcastHeader))
		}
		p := BackcastPoint{Period: rec[col("period")], Measure: rec[col("measure")], Unit: rec[col("unit")],
			Status: rec[col("status")], Source: rec[col("source")]}
		var err error
		if p.Observed, err = number(rec, "observed", false); err != nil {
			return err
		}
		simulated := p.Status == BackcastSimulated
		for _, c := range []struct {
			name string
			x    *float64
		}{{"simulated_mean", &p.Mean}, {"band_low", &p.Lo}, {"band_high", &p.Hi}} {
			if *c.x, err = number(rec, c.name, true); err != nil {
				return err
			}
			if !simulated && !math.IsNaN(*c.x) {
				return &CellError{Col: c.name, Err: fmt.Errorf("a value for a point %s", p.Status)}
			}
		}
		if simulated && math.IsNaN(p.Mean) {
			return &CellError{Col: "simulated_mean", Err: fmt.Errorf("empty for a point simulated")}
		}
		if p.Line, err = strconv.Atoi(rec[col("observed_line")]); err != nil || p.Line < 1 {
			return &CellError{Col: "observed_line", Err: fmt.Errorf("%q is not a line number", rec[col("observed_line")])}
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) != s.Rows {
		return nil, fmt.Errorf("%s: %d rows, but summary.json's backcast says %d: the file was cut short or changed", path, len(out), s.Rows)
	}
	return out, nil
}
