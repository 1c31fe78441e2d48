package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"caresim/results"
)

// prismCompare compares the baseline with PRISM over 560 days, from the
// base year's April to mid-October 2014, past PRISM's start (1 October
// 2014), drawing PNG and SVG charts; TestCompareChartsAndPlot and
// TestCompareCharts read one run of it into OUT (sharedFiles).
var prismCompare = []string{"compare", "--quiet", "--reps", "2", "--set", "horizon=560d", "--set", "warm_up.length=0d", "--format", "png,svg"}

// TestCompareChartsAndPlot compares the baseline with PRISM (both
// priced, over the same days) with charts and with --no-plots, then
// re-draws the second folder with caresim plot: it must draw the very
// charts and report compare drew, byte for byte, and change nothing else. Each
// scenario's results are in its subfolder, as run writes them, and such a
// subfolder is itself a run's folder that plot can draw.
func TestCompareChartsAndPlot(t *testing.T) {
	t.Parallel()
	bare := t.TempDir()
	_, want := sharedFiles(t, append(prismCompare, "--out", "OUT", "baseline", "prism")...)
	before := runFiles(t, bare, append(prismCompare, "--no-plots", "--out", bare, "baseline", "prism")...)
	for _, label := range []string{"baseline", "prism"} {
		for _, name := range results.RunFiles {
			if _, ok := want[filepath.Join(label, name)]; !ok {
				t.Errorf("compare wrote no %s for %s", name, label)
			}
		}
	}
	charts := drawnCharts(want)
	for _, c := range []string{"overlay-beds-acute", "overlay-delayed-patients", "overlay-ae-4h-performance", "differences-hospital", "differences-services", "differences-deficit-system", "differences-deficit-organisations", "deficit-system-prism", "deficit-community-prism", "deficit-commissioners-prism"} {
		if !slices.Contains(charts, c+".png") || !slices.Contains(charts, c+".svg") {
			t.Errorf("compare drew %q, want %s among them in PNG and SVG", charts, c)
		}
	}
	got := runFiles(t, bare, "plot", "--quiet", "--format", "svg,png", bare)
	checkReplotted(t, charts, want, before, got)
	if h1 := "<h1>Mid-Nottinghamshire: baseline against prism</h1>"; !bytes.Contains(want["report.html"], []byte(h1)) {
		t.Errorf("report.html has no %s: its title must say where", h1)
	}

	sub := filepath.Join(bare, "prism")
	files := runFiles(t, sub, "plot", "--quiet", sub)
	if _, ok := files["beds-acute.png"]; !ok {
		t.Errorf("plot of a scenario's subfolder drew no acute beds chart")
	}
}

// TestCompareChartsUneven compares two textbook scenarios that are not
// priced and share no service: no deficit chart, and the differences
// only where both scenarios measured them.
func TestCompareChartsUneven(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := runFiles(t, dir, "compare", "--quiet", "--reps", "2", "--set", "horizon=30d", "--out", dir, "textbook-mmc", "textbook-loss")
	var charts []string
	for name := range files {
		if strings.HasSuffix(name, ".png") {
			charts = append(charts, name)
		}
	}
	slices.Sort(charts)
	// The loss system has acute beds and the M/M/c an ED: acute beds
	// occupied and open overlay (zero in the M/M/c) and the hospital's
	// differences, but no 4-hour performance, which the loss system does
	// not measure.
	want := []string{"differences-hospital.png", "overlay-acute-beds-open.png", "overlay-beds-acute.png"}
	if !slices.Equal(charts, want) {
		t.Errorf("compare drew %q, want %q", charts, want)
	}
}
