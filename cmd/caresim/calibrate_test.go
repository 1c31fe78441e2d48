package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"caresim/scenarios"
	"caresim/sim"
	"caresim/validation/observed"
)

// TestCalibrateGolden pins calibrate's refusals: every problem of the
// --range flags at its flag's position (a path that names nothing, a
// range backwards, a duration without its unit), and the flags it needs.
func TestCalibrateGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"calibrate-bad-ranges", []string{"calibrate", "--reps", "2", "--observed", "testdata/observed-mmc.csv",
			"--range", "services.ed.cubicle=9:12", "--range", "services.ed.cubicles=12:9", "--range", "services.ed.treatment.mean=30:90", "--out", "OUT", "textbook-mmc"}, 2},
		{"calibrate-unknown-path", []string{"calibrate", "--reps", "2", "--observed", "testdata/observed-mmc.csv",
			"--range", "services.ed.cubicles=9:12", "--range", "services.ed.treatmint.mean=30min:90min", "--out", "OUT", "textbook-mmc"}, 2},
		{"calibrate-no-range", []string{"calibrate", "--observed", "testdata/observed-mmc.csv", "textbook-mmc"}, 2},
		{"calibrate-one-rep", []string{"calibrate", "--reps", "1", "--observed", "testdata/observed-mmc.csv", "--range", "services.ed.cubicles=9:12", "textbook-mmc"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkGoldenIn(t, t.TempDir(), c.name, c.args, c.code) })
	}
}

// The known parameters of the synthetic observed data: the textbook
// M/M/c ED with 200 walk-ins a day (not its 216) and a mean treatment of
// 50 minutes (not its hour), ρ = 200/24 · 50/60 / 10 = 0.69.
const (
	truePerDay     = 200.0
	trueTreatment  = 50.0 / (24 * 60) // days
	syntheticSeed  = 99               // not the calibration's seed: the data are another realisation
	syntheticMonth = "2014-04,2014-05,2014-06"
)

// writeSynthetic writes an observed file of one realisation of the
// textbook M/M/c ED at the known parameters: each month's departures and
// mean number of patients in the department, April to June 2014.
func writeSynthetic(t *testing.T, path string) {
	t.Helper()
	l, err := scenarios.Load("textbook-mmc", scenarios.Options{Sets: []string{"horizon=91d",
		fmt.Sprintf("demand.urgent.routes[0].per_day=%g", truePerDay), fmt.Sprintf("services.ed.treatment.mean=%gd", trueTreatment)}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.RunScenario(context.Background(), scenarioOf(l), sim.Options{Reps: 1, Seed: syntheticSeed, Workers: 1, KeepDaily: true})
	if err != nil {
		t.Fatal(err)
	}
	set := &observed.Set{}
	for _, m := range []string{"ae_departures", "ed_occupancy_mean"} {
		for _, month := range strings.Split(syntheticMonth, ",") {
			p, err := observed.ParsePeriod(month)
			if err != nil {
				t.Fatal(err)
			}
			set.Rows = append(set.Rows, observed.Row{Period: p, Measure: m})
		}
	}
	vals, _, err := observed.Simulated(set, res)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"period", "measure", "value", "unit", "source"})
	for j, r := range set.Rows {
		m, _ := observed.Lookup(r.Measure, true)
		w.Write([]string{r.Period.String(), r.Measure, strconv.FormatFloat(vals[j][0], 'g', -1, 64), m.Unit,
			fmt.Sprintf("textbook-mmc at per_day %g and treatment 50min, seed %d", truePerDay, syntheticSeed)})
	}
	w.Flush()
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// calibrateSynthetic is a calibration of the two known parameters
// against the synthetic data, over ranges that hold them off centre.
func calibrateSynthetic(obs, out string, more ...string) []string {
	return append([]string{"calibrate", "--quiet", "--reps", "4", "--points", "20", "--waves", "3", "--workers", "2",
		"--obs-error", "0", "--discrepancy", "2%", "--set", "horizon=91d", "--observed", obs,
		"--range", "demand.urgent.routes[0].per_day=150:260", "--range", "services.ed.treatment.mean=30min:65min",
		"--out", out}, append(more, "textbook-mmc")...)
}

// readRanges reads ranges.csv: each wave's (and "final"'s) sampled
// interval of each parameter.
func readRanges(t *testing.T, dir string) map[string][2]float64 {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "ranges.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][2]float64{}
	for _, r := range recs[1:] {
		lo, _ := strconv.ParseFloat(r[3], 64)
		hi, _ := strconv.ParseFloat(r[4], 64)
		out[r[0]+" "+r[1]] = [2]float64{lo, hi}
	}
	return out
}

// TestCalibrateRecovers calibrates the textbook M/M/c ED against
// synthetic data from a run at known parameters (another seed: one
// realisation, as the observed world is), and checks that each known
// value lies in the final non-implausible region, that the region
// shrank wave by wave, and that it ended well inside the ranges
// searched (less than half their width): the data pin both parameters,
// the departures the arrival rate and the occupancy (Little's law: λ
// times the time in the department) the treatment time.
func TestCalibrateRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("three waves of 20 points of 4 replications: about 8 s of CPU")
	}
	dir := t.TempDir()
	obs := filepath.Join(dir, "synthetic.csv")
	writeSynthetic(t, obs)
	out := filepath.Join(dir, "cal")
	var stdout, stderr bytes.Buffer
	if code := run(calibrateSynthetic(obs, out), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	t.Logf("\n%s", stdout.String())
	r := readRanges(t, out)
	for _, c := range []struct {
		path         string
		truth        float64
		searchLo, hi float64
	}{
		{"demand.urgent.routes[0].per_day", truePerDay, 150, 260},
		{"services.ed.treatment.mean", trueTreatment, 30.0 / 1440, 65.0 / 1440},
	} {
		final, ok := r["final "+c.path]
		if !ok {
			t.Fatalf("%s: no final region", c.path)
		}
		if c.truth < final[0] || c.truth > final[1] {
			t.Errorf("%s: the known value %v is outside the final region %v", c.path, c.truth, final)
		}
		if w := final[1] - final[0]; w > 0.5*(c.hi-c.searchLo) {
			t.Errorf("%s: the final region %v is more than half the range searched", c.path, final)
		}
		prev := [2]float64{c.searchLo, c.hi}
		for _, w := range []string{"1", "2", "3", "final"} {
			got, ok := r[w+" "+c.path]
			if !ok {
				continue
			}
			if got[0] < prev[0]-1e-12 || got[1] > prev[1]+1e-12 {
				t.Errorf("%s: wave %s's region %v is not inside the one before, %v", c.path, w, got, prev)
			}
			prev = got
		}
	}
	if _, err := scenarios.Load(filepath.Join(out, "calibrated.yaml"), scenarios.Options{}); err != nil {
		t.Errorf("calibrated.yaml: %v", err)
	}
}

// TestCalibrateShardsAndResume checks that a calibration split into two
// shards sharing a folder, and one stopped and resumed, write the same
// calibrate.csv and ranges.csv as one run: a shard stops when its wave
// lacks the other's points and goes on once they are there; a resume
// runs only the points outputs.csv lacks, after dropping a line cut
// short.
func TestCalibrateShardsAndResume(t *testing.T) {
	dir := t.TempDir()
	obs := filepath.Join(dir, "synthetic.csv")
	writeSynthetic(t, obs)
	small := func(out string, more ...string) []string {
		args := calibrateSynthetic(obs, out, more...)
		for i, a := range args {
			switch a {
			case "--points":
				args[i+1] = "5"
			case "--waves":
				args[i+1] = "2"
			case "--reps":
				args[i+1] = "2"
			case "--discrepancy":
				args[i+1] = "20%"
			}
		}
		return args
	}
	must := func(args []string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr.String())
		}
		return stdout.String() + stderr.String()
	}
	whole := filepath.Join(dir, "whole")
	must(small(whole))

	sharded := filepath.Join(dir, "sharded")
	if msg := must(small(sharded, "--shard", "1/2")); !strings.Contains(msg, "wave 1 lacks 2 points of the other shards") {
		t.Errorf("shard 1/2 alone: %q, want it to stop at wave 1", msg)
	}
	if msg := must(small(sharded, "--shard", "2/2")); !strings.Contains(msg, "wave 2 lacks 3 points") {
		t.Errorf("shard 2/2: %q, want it to stop at wave 2", msg)
	}
	must(small(sharded, "--shard", "1/2", "--resume"))

	resumed := filepath.Join(dir, "resumed")
	must(small(resumed))
	// Drop the last point and a half of outputs.csv, as a stop would
	// leave it, and the results written after it.
	name := filepath.Join(resumed, "outputs.csv")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	keep := len(lines) - 1 - 9 // SplitAfter leaves "" after the last newline
	cut := strings.Join(lines[:keep], "") + lines[keep][:5]
	if err := os.WriteFile(name, []byte(cut), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"calibrate.csv", "ranges.csv"} {
		os.Remove(filepath.Join(resumed, f))
	}
	must(small(resumed, "--resume"))
	for _, f := range []string{"calibrate.csv", "ranges.csv", "calibrated.yaml"} {
		want, err := os.ReadFile(filepath.Join(whole, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{sharded, resumed} {
			got, err := os.ReadFile(filepath.Join(d, f))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s/%s differs from one run's", filepath.Base(d), f)
			}
		}
	}
}
