package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/table"
	"caresim/internal/text"
	"caresim/plots"
	"caresim/results"
	"caresim/scenarios"
	"caresim/validation/calibrate"
	"caresim/validation/observed"
)

// report writes calibrate.csv, ranges.csv and calibrated.yaml, and
// prints each wave's region, the final region and the best point's fit.
func (c *calibration) report(waves []wave, stdout, stderr io.Writer, quiet bool) error {
	series := c.seriesNames()
	if len(waves) > 0 && !slices.ContainsFunc(waves[0].impl, func(x float64) bool { return !math.IsNaN(x) }) {
		return fmt.Errorf("calibrate: no observed value of %s lies in the run (from %s, %d days): give periods the scenario simulates, or --set start and horizon to cover them",
			c.set.File, c.base.Params.Start, int(c.base.Params.Horizon))
	}
	if err := writeAtomic(filepath.Join(c.dir, "calibrate.csv"), c.pointsCSV(waves, series)); err != nil {
		return err
	}
	last := waves[len(waves)-1]
	region, found := calibrate.Refocus(last.box, c.man.Points, last.kept())
	if err := writeAtomic(filepath.Join(c.dir, "ranges.csv"), c.rangesCSV(waves, region, found)); err != nil {
		return err
	}
	drawn, err := c.drawWaves(waves)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "calibrate: %s against %s: %s, %s of %d points, %d replications each from seed %d (common random numbers)\n",
		c.base.Name, c.set.File, text.Plural(len(c.spec.Axes), "parameter"), text.Plural(len(waves), "wave"), c.man.Points, c.opts.Reps, c.opts.Seed)
	which := "largest"
	if c.man.Rank == 2 {
		which = "second largest"
	}
	in := 0
	for _, v := range c.done[[2]int{waves[0].n, 0}] {
		if len(v) > 0 {
			in++
		}
	}
	fmt.Fprintf(stdout, "%d of the %d observed values lie in the run; the others (before or after it, or not priced) are left out\n", in, len(c.set.Rows))
	fmt.Fprintf(stdout, "implausibility |z − E| / √((%s·z)² + (%s·z)² + V_sim·(1 + 1/n)), cut %g on the %s of the series'\n\n",
		pct(c.v.Observation), pct(c.v.Discrepancy), c.man.Cut, which)
	t := &table.Table{Header: []string{"wave", "points", "non-implausible"}}
	for _, a := range c.spec.Axes {
		h := a.Path
		if u := scenarios.SweepUnit(a.Path); u != "" && u != "as given" {
			h += " (" + u + ")"
		}
		t.Header = append(t.Header, h)
	}
	for _, wv := range waves {
		row := []string{fmt.Sprint(wv.n), fmt.Sprint(len(wv.pts)), fmt.Sprint(len(wv.kept()))}
		for _, iv := range wv.box {
			row = append(row, span(iv))
		}
		t.Rows = append(t.Rows, row)
	}
	if found {
		row := []string{"final", "", ""}
		for _, iv := range region {
			row = append(row, span(iv))
		}
		t.Rows = append(t.Rows, row)
	}
	if err := t.WriteText(stdout); err != nil {
		return err
	}
	bw, bi := c.best(waves)
	wv := waves[bw]
	fmt.Fprintf(stdout, "\nbest point: wave %d point %d, implausibility %.3g:", wv.n, bi, wv.impl[bi])
	for j, a := range c.spec.Axes {
		fmt.Fprintf(stdout, " %s=%s", a.Path, num(wv.pts[bi][j]))
	}
	fmt.Fprintln(stdout)
	if err := c.fitTable(wv, bi).WriteText(stdout); err != nil {
		return err
	}
	if !found {
		fmt.Fprintf(stdout, "\nno point of wave %d is non-implausible: %s cannot match %s within the variances stated anywhere the design looked; no calibrated scenario written\n", last.n, c.base.Name, c.set.File)
		return nil
	}
	name := filepath.Join(c.dir, "calibrated.yaml")
	if err := c.writeScenario(name, waves, region); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote %s: %s with each parameter at the centre of the final region\n", name, c.base.Name)
	if !quiet {
		fmt.Fprintf(stderr, "caresim: wrote calibrate.csv, ranges.csv and calibrated.yaml to %s\n", c.dir)
		if len(drawn) > 0 {
			fmt.Fprintf(stderr, "caresim: drew %s in %s\n", strings.Join(drawn, ", "), c.dir)
		}
	}
	return nil
}

// drawWaves writes each wave's chart, calibrate-wave-N, in each format
// asked for, and returns the names of the files written.
func (c *calibration) drawWaves(waves []wave) ([]string, error) {
	if !c.charts.Drawn() {
		return nil, nil
	}
	var charts []plots.Chart
	for _, wv := range waves {
		next, found := calibrate.Refocus(wv.box, c.man.Points, wv.kept())
		pw := plots.Wave{Wave: wv.n, Place: c.base.Name, X: wv.pts, Impl: wv.impl, Cut: c.man.Cut}
		for j, a := range c.spec.Axes {
			unit := scenarios.SweepUnit(a.Path)
			if unit == "as given" {
				unit = ""
			}
			p := plots.WaveParam{Name: a.Path, Unit: unit, Lo: wv.box[j].Lo, Hi: wv.box[j].Hi, KeptLo: math.NaN(), KeptHi: math.NaN()}
			if found {
				p.KeptLo, p.KeptHi = next[j].Lo, next[j].Hi
			}
			pw.Params = append(pw.Params, p)
		}
		f, err := plots.WaveImplausibility(pw)
		if err != nil {
			return nil, err
		}
		charts = append(charts, plots.Chart{File: fmt.Sprintf("calibrate-wave-%d", wv.n), Fig: f})
	}
	names, writers := c.charts.Writers(charts)
	for i, name := range names {
		f, err := results.CreateAtomic(filepath.Join(c.dir, name))
		if err != nil {
			return nil, err
		}
		if err := writers[i](f); err != nil {
			f.Abort()
			return nil, err
		}
		if err := f.Commit(); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// seriesNames returns the observed series in the order they first appear.
func (c *calibration) seriesNames() []string {
	var out []string
	for _, r := range c.set.Rows {
		if s := observed.SeriesName(r); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// pointsCSV is calibrate.csv: every point of every wave.
func (c *calibration) pointsCSV(waves []wave, series []string) []byte {
	t := &table.Table{Header: []string{"wave", "point"}}
	for _, a := range c.spec.Axes {
		t.Header = append(t.Header, a.Path)
	}
	t.Header = append(t.Header, "implausibility", "non_implausible")
	for _, s := range series {
		t.Header = append(t.Header, "implausibility "+s)
	}
	for _, wv := range waves {
		for i, p := range wv.pts {
			row := []string{fmt.Sprint(wv.n), fmt.Sprint(i)}
			for _, x := range p {
				row = append(row, results.Cell(x))
			}
			row = append(row, results.Cell(wv.impl[i]), yesNo(wv.nonImpl[i]))
			for _, s := range series {
				cell := ""
				if k := slices.IndexFunc(wv.series[i], func(x calibrate.Series) bool { return x.Name == s }); k >= 0 {
					cell = results.Cell(wv.series[i][k].Impl)
				}
				row = append(row, cell)
			}
			t.Rows = append(t.Rows, row)
		}
	}
	var b bytes.Buffer
	t.WriteCSV(&b)
	return b.Bytes()
}

// rangesCSV is ranges.csv: each wave's box and the span of its kept
// points, then the final region.
func (c *calibration) rangesCSV(waves []wave, region calibrate.Box, found bool) []byte {
	t := &table.Table{Header: []string{"wave", "parameter", "unit", "sampled_lo", "sampled_hi", "non_implausible_lo", "non_implausible_hi", "points", "non_implausible_points"}}
	for _, wv := range waves {
		kept := wv.kept()
		for j, a := range c.spec.Axes {
			lo, hi := "", ""
			if len(kept) > 0 {
				l, h := math.Inf(1), math.Inf(-1)
				for _, p := range kept {
					l, h = math.Min(l, p[j]), math.Max(h, p[j])
				}
				lo, hi = results.Cell(l), results.Cell(h)
			}
			t.Rows = append(t.Rows, []string{fmt.Sprint(wv.n), a.Path, scenarios.SweepUnit(a.Path), results.Cell(wv.box[j].Lo), results.Cell(wv.box[j].Hi),
				lo, hi, fmt.Sprint(len(wv.pts)), fmt.Sprint(len(kept))})
		}
	}
	if found {
		for j, a := range c.spec.Axes {
			t.Rows = append(t.Rows, []string{"final", a.Path, scenarios.SweepUnit(a.Path), results.Cell(region[j].Lo), results.Cell(region[j].Hi), "", "", "", ""})
		}
	}
	var b bytes.Buffer
	t.WriteCSV(&b)
	return b.Bytes()
}

// best returns the wave and point of the smallest implausibility, the
// first on a tie.
func (c *calibration) best(waves []wave) (int, int) {
	bw, bi, bv := 0, 0, math.Inf(1)
	for w, wv := range waves {
		for i, x := range wv.impl {
			if x < bv {
				bw, bi, bv = w, i, x
			}
		}
	}
	return bw, bi
}

// fitTable is the fit of point i of wave wv: each series' outputs
// simulated, observed and simulated mean, bias in percent and largest
// implausibility.
func (c *calibration) fitTable(wv wave, i int) *table.Table {
	t := &table.Table{Header: []string{"series", "values", "observed mean", "simulated mean", "bias %", "implausibility", "unit"}}
	vals := c.done[[2]int{wv.n, i}]
	for _, s := range wv.series[i] {
		var obs, sims, rel float64
		n, unit := 0, ""
		for j, row := range c.set.Rows {
			if observed.SeriesName(row) != s.Name || len(vals[j]) == 0 {
				continue
			}
			m := 0.0
			for _, x := range vals[j] {
				m += x
			}
			m /= float64(len(vals[j]))
			obs, sims, unit = obs+row.Value, sims+m, row.Unit
			if row.Value != 0 {
				rel += (m - row.Value) / row.Value
			}
			n++
		}
		t.Rows = append(t.Rows, []string{s.Name, fmt.Sprint(n), num(obs / float64(n)), num(sims / float64(n)),
			fmt.Sprintf("%+.1f", 100*rel/float64(n)), fmt.Sprintf("%.2f", s.Impl), unit})
	}
	return t
}

// writeScenario writes the calibrated scenario: the input extended, the
// --set overrides, and each parameter at the centre of the final region,
// with comments giving the ranges; and loads it back to check that it
// holds those values.
func (c *calibration) writeScenario(name string, waves []wave, region calibrate.Box) error {
	base := c.ref
	if !scenarios.IsBuiltin(base) {
		absOut, err1 := filepath.Abs(c.dir)
		absRef, err2 := filepath.Abs(base)
		if rel, err := filepath.Rel(absOut, absRef); err1 == nil && err2 == nil && err == nil {
			base = filepath.ToSlash(rel)
		} else {
			base = absRef
		}
	}
	head := []string{
		fmt.Sprintf("%s calibrated by history matching (caresim calibrate) against the observed", c.base.Name),
		fmt.Sprintf("data %s (SHA-256 %s),", c.set.File, c.set.Digest[:12]),
		fmt.Sprintf("%s of %d points (maximin Latin hypercubes), %d replications each from seed %d.", text.Plural(len(waves), "wave"), c.man.Points, c.opts.Reps, c.opts.Seed),
		fmt.Sprintf("Implausibility cut %g; observation error %s and model discrepancy %s of each", c.man.Cut, pct(c.v.Observation), pct(c.v.Discrepancy)),
		"observed value (coefficients of variation, assumptions). Each parameter is at the centre",
		"of the final non-implausible region, its comment gives the region and the range searched:",
		"any value in the region fits as well, within those variances. ranges.csv has each wave's.",
	}
	var settings []scenarios.Setting
	for _, s := range c.spec.Sets {
		path, value, _ := strings.Cut(s, "=")
		settings = append(settings, scenarios.Setting{Path: strings.TrimSpace(path), Value: strings.TrimSpace(value), Comment: "as --set gave it to the calibration"})
	}
	centre := make([]float64, len(c.spec.Axes))
	for j, a := range c.spec.Axes {
		// Rounded to 4 significant figures, for a reader; any value in the
		// region fits as well.
		centre[j], _ = strconv.ParseFloat(strconv.FormatFloat(region[j].Centre(), 'g', 4, 64), 64)
		if c.integer[j] {
			centre[j] = math.Round(centre[j])
		}
		settings = append(settings, scenarios.Setting{Path: a.Path, Value: a.Value(centre[j]),
			Comment: fmt.Sprintf("non-implausible %s to %s %s after wave %d; searched %s to %s", num(region[j].Lo), num(region[j].Hi), scenarios.SweepUnit(a.Path), len(waves), num(a.Lo), num(a.Hi))})
	}
	src, err := c.base.Extending(base, strings.Join(head, "\n"), settings)
	if err != nil {
		return fmt.Errorf("calibrated.yaml: %w", err)
	}
	if err := writeAtomic(name, src); err != nil {
		return err
	}
	l, err := scenarios.Load(name, scenarios.Options{})
	if err != nil {
		return fmt.Errorf("the calibrated scenario does not load: %w", err)
	}
	for j, a := range c.spec.Axes {
		nums, err := l.Params.Numbers(a.Path)
		if err != nil || len(nums) != 1 || math.Abs(nums[0].Get()-centre[j]) > 1e-9*math.Max(1, math.Abs(centre[j])) {
			return fmt.Errorf("the calibrated scenario %s does not hold %s = %v", name, a.Path, centre[j])
		}
	}
	return nil
}

// span writes an interval as lo–hi.
func span(iv calibrate.Interval) string { return num(iv.Lo) + "–" + num(iv.Hi) }

// num writes x to 4 significant figures.
func num(x float64) string { return fmt.Sprintf("%.4g", x) }

// pct writes a fraction as a percentage.
func pct(x float64) string { return fmt.Sprintf("%g%%", math.Round(x*1e6)/1e4) }

// yesNo writes a truth as yes or no.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
