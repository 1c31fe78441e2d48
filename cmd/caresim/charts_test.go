package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"caresim/plots"
	"caresim/results"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/care"
)

// chartSignatures are the first bytes of each chart format's files.
var chartSignatures = map[string][]byte{
	"png": []byte("\x89PNG\r\n\x1a\n"),
	"svg": []byte("<?xml"),
	"pdf": []byte("%PDF-"),
}

// TestRunCharts runs the baseline briefly in each format and expects a
// beds chart for each of its three pools, the delayed-patients and A&E
// charts and, the baseline being priced,
// a deficit chart for the system and each organisation with money, each
// file a valid PNG, SVG or PDF (by its signature, and an SVG's closing
// tag), and no temporary files left behind.
func TestRunCharts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := runFiles(t, dir, "run", "--quiet", "--reps", "2", "--set", "horizon=60d", "--set", "warm_up.length=10d",
		"--format", "png,svg", "--format", "PDF", "--out", dir, "baseline")
	for _, chart := range []string{"beds-acute", "beds-intermediate-care", "beds-care-homes", "delays", "ae-performance", "deficit-system", "deficit-acute"} {
		for format, sig := range chartSignatures {
			name := chart + "." + format
			b, ok := files[name]
			switch {
			case !ok:
				t.Errorf("%s is missing", name)
			case !bytes.HasPrefix(b, sig):
				t.Errorf("%s starts %q, want %q", name, b[:min(len(b), 8)], sig)
			case format == "svg" && !bytes.Contains(b, []byte("</svg>")):
				t.Errorf("%s has no closing </svg>", name)
			case format == "svg" && !bytes.Contains(b, []byte("Acute beds occupied, Mid-Nottinghamshire (baseline)")) && chart == "beds-acute":
				t.Errorf("%s lacks its title", name)
			}
		}
	}
	for name := range files {
		if ext := strings.TrimPrefix(filepath.Ext(name), "."); !slices.Contains([]string{"json", "csv", "png", "svg", "pdf", "html", "xlsx"}, ext) {
			t.Errorf("unexpected file %s in the results folder", name)
		}
	}
}

// TestRunNoPlots expects --no-plots to leave the results and the report
// alone (the priced baseline's with its bridge and sensitivity), and a
// textbook scenario of an emergency department only to draw its A&E chart
// and nothing else: no beds, delays or money.
func TestRunNoPlots(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		args   []string
		charts []string // and other files but the results
	}{
		{"no-plots", []string{"--no-plots", "baseline"}, results.MoneyFiles},
		{"ed-only", []string{"textbook-mmc"}, []string{"ae-performance.png"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append([]string{"run", "--quiet", "--reps", "2", "--set", "horizon=20d", "--set", "warm_up.length=0d", "--out", dir}, c.args...)
			files := runFiles(t, dir, args...)
			want := append([]string{results.ManifestName, "annual.csv", "daily.csv", "los.csv", "metrics.csv", "report.html", results.WorkbookName, "summary.json"}, c.charts...)
			slices.Sort(want)
			names := []string{}
			for n := range files {
				names = append(names, n)
			}
			slices.Sort(names)
			if !slices.Equal(names, want) {
				t.Errorf("folder holds %q, want %q", names, want)
			}
		})
	}
}

// TestRunBadFormat expects an unknown format to be a usage error naming
// the flag, before anything is simulated.
func TestRunBadFormat(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	dir := filepath.Join(t.TempDir(), "out")
	if code := run([]string{"run", "--format", "png,jpeg", "--out", dir, "baseline"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit %d, want 2; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), `--format must be png, svg or pdf, not "jpeg"`) {
		t.Errorf("stderr does not name the flag:\n%s", stderr.String())
	}
}

// TestChartSize draws the M/M/c queue's A&E chart at a slide's size and
// at A4's: 16:9 and 5:3, the A4 chart the narrower; plot --size a4
// re-draws the A4 chart byte for byte, and an unknown size is a usage
// error naming the flag.
func TestChartSize(t *testing.T) {
	t.Parallel()
	size := func(b []byte) image.Point {
		t.Helper()
		c, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return image.Point{c.Width, c.Height}
	}
	args := []string{"run", "--quiet", "--reps", "2", "--set", "horizon=40d"}
	slide, a4 := t.TempDir(), t.TempDir()
	s := size(runFiles(t, slide, append(args, "--out", slide, "textbook-mmc")...)["ae-performance.png"])
	files := runFiles(t, a4, append(args, "--size", "a4", "--out", a4, "textbook-mmc")...)
	a := size(files["ae-performance.png"])
	if r := float64(s.X) / float64(s.Y); math.Abs(r-16.0/9) > 0.01 {
		t.Errorf("slide chart is %v, not 16:9", s)
	}
	if r := float64(a.X) / float64(a.Y); math.Abs(r-5.0/3) > 0.01 || a.X >= s.X {
		t.Errorf("A4 chart is %v, want 5:3 and narrower than the slide's %v", a, s)
	}
	again := runFiles(t, a4, "plot", "--quiet", "--size", "a4", a4)
	if !bytes.Equal(again["ae-performance.png"], files["ae-performance.png"]) {
		t.Error("plot --size a4 drew the A4 chart unlike run did")
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"plot", "--size", "letter", a4}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), `--size must be slide or a4, not "letter"`) {
		t.Errorf("plot --size letter: exit %d, stderr %q; want a usage error naming the flag", code, stderr.String())
	}
}

// TestRunChartsAdapter checks the adapter from results to charts on a
// priced baseline of a year and a bit: pools and titles, the capacity and intervention
// markers in the legends, and a final year simulated in part labelled so.
func TestRunChartsAdapter(t *testing.T) {
	t.Parallel()
	l, err := scenarios.Load("baseline", scenarios.Options{Sets: []string{"horizon=380d", "warm_up.length=0d"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.RunScenario(context.Background(), scenarioOf(l), sim.Options{Reps: 2, Seed: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	charts, err := runCharts(l, res)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, c := range charts {
		titles[c.File] = c.Fig.Panels[0].Title.Text
		if c.File == "delays" {
			for _, r := range care.DelayReasons {
				if _, ok := c.Fig.Entry(r.Title); !ok {
					t.Errorf("%s has no %q in its legend", c.File, r.Title)
				}
			}
		}
		if strings.HasPrefix(c.File, "beds-") {
			for _, e := range []string{plots.LegendMean, plots.LegendBand, plots.LegendCapacity} {
				if _, ok := c.Fig.Entry(e); !ok {
					t.Errorf("%s has no %q in its legend", c.File, e)
				}
			}
		}
	}
	for file, want := range map[string]string{
		"beds-acute":      "Acute beds occupied, Mid-Nottinghamshire (baseline)",
		"beds-care-homes": "Care home beds occupied, Mid-Nottinghamshire (baseline)",
		"deficit-system":  "Financial gap by year, whole system, Mid-Nottinghamshire (baseline)",
		"delays":          "Delayed days in acute beds by month and reason, Mid-Nottinghamshire (baseline)",
		"ae-performance":  "A&E 4-hour performance and 12-hour waits by month, Mid-Nottinghamshire (baseline)",
		"waiting-list":    "Elective waiting list and the 18-week standard, Mid-Nottinghamshire (baseline)",

		"waiting-list-outpatients": "Outpatients and day cases and the 18-week standard, Mid-Nottinghamshire (baseline)",
	} {
		if got := titles[file]; got != want {
			t.Errorf("%s is titled %q, want %q", file, got, want)
		}
	}
	// 380 days from 1 April 2013 end in 2014/15, simulated in part: its
	// label says so.
	for _, c := range charts {
		if c.File != "deficit-system" {
			continue
		}
		var labels []string
		for _, tk := range c.Fig.Panels[0].X.Tick.Marker.Ticks(-1, 5) {
			labels = append(labels, tk.Label)
		}
		if want := []string{"2013/14", "2014/15 (part)"}; !slices.Equal(labels, want) {
			t.Errorf("deficit-system's years are %q, want %q", labels, want)
		}
	}
}

func TestPlaceOf(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ place, want string }{
		{"Mid-Nottinghamshire", "Mid-Nottinghamshire (x)"},
		{" Northshire ", "Northshire (x)"},
		{"", "scenario x"},
	} {
		l := &scenarios.Loaded{Scenario: scenarios.Scenario{Name: "x", Place: c.place, Description: "Somewhere else: not the place"}}
		if got := results.PlaceOf(l.Place, l.Name); got != c.want {
			t.Errorf("results.placeOf(%q) = %q, want %q", c.place, got, c.want)
		}
	}
	// Built-in scenarios inherit the baseline's place.
	for _, name := range []string{"baseline", "prism", "better-together"} {
		l, err := scenarios.Load(name, scenarios.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := results.PlaceOf(l.Place, l.Name), "Mid-Nottinghamshire ("+name+")"; got != want {
			t.Errorf("results.PlaceOf(%s) = %q, want %q", name, got, want)
		}
	}
}
