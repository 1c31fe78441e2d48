package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// exampleProgram returns the first of programs that runs check (a
// command line given to it) successfully, or skips the test with why,
// failing it instead when CI is set, as .ci/run installs it.
func exampleProgram(t *testing.T, programs []string, check []string, why string) string {
	t.Helper()
	for _, p := range programs {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, check...).Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s, and CI is set: .ci/run installs it", why)
	}
	t.Skip(why)
	return ""
}

// exampleFolders runs a small sweep (three points of acute beds, two
// replications of 60 days) and a run of two replications with a row per
// replication in metrics.csv, for the analysis examples of docs/examples.
func exampleFolders(t *testing.T) (sweepDir, runDir string) {
	t.Helper()
	clearShardEnv(t)
	dir := t.TempDir()
	sweepDir, runDir = filepath.Join(dir, "beds"), filepath.Join(dir, "run")
	short := []string{"--reps", "2", "--set", "horizon=60d", "--set", "warm_up.length=60d"}
	for _, args := range [][]string{
		append([]string{"sweep", "--no-plots", "--set", "services.acute.beds=660:720:30", "--out", sweepDir, "baseline"}, short...),
		append([]string{"run", "--no-plots", "--per-replication", "--out", runDir, "baseline"}, short...),
	} {
		var out bytes.Buffer
		if code := run(args, &out, &out); code != 0 {
			t.Fatalf("caresim %s: exit %d\n%s", strings.Join(args, " "), code, out.String())
		}
	}
	return sweepDir, runDir
}

// TestExamplePandas runs docs/examples/sweep.py with Debian's python3,
// pandas and matplotlib, and checks what it prints against sweep.csv and
// metrics.csv and that it drew its chart.
func TestExamplePandas(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Python with pandas and matplotlib (a few seconds): go test without -short does")
	}
	py := exampleProgram(t, []string{"/usr/bin/python3", "python3"}, []string{"-c", "import pandas, matplotlib"},
		"no python3 with pandas and matplotlib (apt-get install python3-pandas python3-matplotlib): docs/examples/sweep.py is not run")
	checkExample(t, py, "../../docs/examples/sweep.py", "python-")
}

// TestExampleR runs docs/examples/sweep.R with Rscript (Debian's
// r-base-core) and checks it as TestExamplePandas does.
func TestExampleR(t *testing.T) {
	if testing.Short() {
		t.Skip("runs R (a few seconds): go test without -short does")
	}
	r := exampleProgram(t, []string{"Rscript"}, []string{"-e", "invisible(png(tempfile(), type = 'cairo'))"},
		"no Rscript that draws PNG files (apt-get install r-base-core): docs/examples/sweep.R is not run")
	checkExample(t, r, "../../docs/examples/sweep.R", "r-")
}

// checkExample runs the example script with program on a small sweep and
// run, and checks each point's mean of acute_occupancy_mean that it
// prints against the mean of sweep.csv's cells, the run's mean against
// metrics.csv's row of the mean, and that the chart exists as a PNG.
func checkExample(t *testing.T, program, script, prefix string) {
	t.Helper()
	sweepDir, runDir := exampleFolders(t)
	const metric = "acute_occupancy_mean"
	out, err := exec.Command(program, script, sweepDir, metric, runDir).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(program), script, err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")

	rows := readExampleCSV(t, filepath.Join(sweepDir, "sweep.csv"))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	sums, counts, params := map[string]float64{}, map[string]int{}, map[string]string{}
	var points []string
	for _, r := range rows[1:] {
		p := r[col["point"]]
		if _, seen := params[p]; !seen {
			points = append(points, p)
			params[p] = r[2]
		}
		if r[col[metric]] != "" {
			sums[p] += exampleNum(t, r[col[metric]])
			counts[p]++
		}
	}
	want := []string{"point," + rows[0][2] + "," + metric}
	if len(lines) < len(points)+3 || lines[0] != want[0] {
		t.Fatalf("%s printed:\n%s\nwant a header %q, a line per point of %d, the chart and the run", script, out, want[0], len(points))
	}
	for i, p := range points {
		f := strings.Split(lines[1+i], ",")
		if len(f) != 3 || f[0] != p {
			t.Errorf("%s: line %d is %q, want point %s's", script, 2+i, lines[1+i], p)
			continue
		}
		exampleClose(t, script, "point "+p+"'s parameter", exampleNum(t, f[1]), exampleNum(t, params[p]))
		exampleClose(t, script, "point "+p+"'s mean", exampleNum(t, f[2]), sums[p]/float64(counts[p]))
	}
	chart := filepath.Join(sweepDir, prefix+metric+".png")
	if got := lines[1+len(points)]; got != "drew "+chart {
		t.Errorf("%s: printed %q, want %q", script, got, "drew "+chart)
	}
	if b, err := os.ReadFile(chart); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("%s: no PNG chart at %s (%v)", script, chart, err)
	}

	var mean []string
	for _, r := range readExampleCSV(t, filepath.Join(runDir, "metrics.csv"))[1:] {
		if r[1] == metric && r[3] == "" {
			mean = r
		}
	}
	if mean == nil {
		t.Fatalf("metrics.csv has no row of the mean of %s", metric)
	}
	var v, lo, hi float64
	last := lines[len(lines)-1]
	if _, err := fmt.Sscanf(last, "run "+metric+": %g (95%% CI %g to %g)", &v, &lo, &hi); err != nil {
		t.Fatalf("%s: last line %q, want the run's mean: %v", script, last, err)
	}
	exampleClose(t, script, "the run's mean", v, exampleNum(t, mean[4]))
	exampleClose(t, script, "the run's ci_low", lo, exampleNum(t, mean[5]))
	exampleClose(t, script, "the run's ci_high", hi, exampleNum(t, mean[6]))
}

func readExampleCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %d rows, %v", name, len(rows), err)
	}
	return rows
}

func exampleNum(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

// exampleClose checks a figure the script printed to ten significant digits.
func exampleClose(t *testing.T, script, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s: %s is %.12g, want %.12g (from the CSV)", script, what, got, want)
	}
}
