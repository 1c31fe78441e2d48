package plots_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg"

	"caresim/plots"
)

// TestGolden draws each chart's Example and compares the image with
// testdata/NAME_golden.png; run with -regen to refresh the goldens.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file    string
		example func()
	}{
		{"beds.png", ExampleBedsOverTime},
		{"beds_slide.png", bedsAtSlideSize},
		{"deficit.png", ExampleDeficitTrajectory},
		{"bridge.png", ExampleGapBridge},
		{"delays.png", ExampleDelaysByReason},
		{"bedbase.png", ExampleBedBaseOverTime},
		{"ae.png", ExampleAEPerformance},
		{"waitlist.png", ExampleWaitingListOverTime},
		{"crowding.png", ExampleEDCrowding},
		{"pressure.png", ExamplePressureResponses},
		{"los.png", ExampleLengthOfStay},
		{"pathways.png", ExamplePathwayMix},
		{"overlay.png", ExampleScenariosOverTime},
		{"diffs.png", ExampleDifferences},
		{"tornado.png", ExampleTornado},
		{"sweep.png", ExampleSweepLine},
		{"heatmap.png", ExampleHeatMap},
		{"backcast.png", ExampleBackcastSeries},
		{"wave.png", ExampleWaveImplausibility},
		{"workforce.png", ExampleWorkforceByYear},
		{"waits12h.png", ExampleWaits12hByMonth},
	} {
		t.Run(tc.file, func(t *testing.T) {
			cmpimg.CheckPlot(tc.example, t, tc.file)
		})
	}
}

func TestSaveFormats(t *testing.T) {
	t.Parallel()
	f, err := plots.BedsOverTime(plots.Beds{Pool: "Acute", Mean: []float64{1, 2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		magic string // the format's leading bytes
	}{
		{"a.png", "\x89PNG"},
		{"a.svg", "<?xml"},
		{"a.PDF", "%PDF"},
	} {
		path := filepath.Join(dir, tc.name)
		if err := f.Save(path, plots.SlideWidth, plots.SlideHeight); err != nil {
			t.Fatalf("Save(%s): %v", tc.name, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) < len(tc.magic) || string(b[:len(tc.magic)]) != tc.magic {
			t.Errorf("%s starts %q, want %q", tc.name, b[:min(len(b), 8)], tc.magic)
		}
	}
	if err := f.Save(filepath.Join(dir, "a.gif"), plots.A4Width, plots.A4Height); err == nil {
		t.Error("Save(a.gif): no error for an unsupported format")
	}
	var empty plots.Figure
	if err := empty.Save(filepath.Join(dir, "b.png"), plots.A4Width, plots.A4Height); !errors.Is(err, plots.ErrNoData) {
		t.Errorf("empty figure: err = %v, want ErrNoData", err)
	}
}

// TestFigureTooSmall stacks more panels than fit a slide's height: Save
// must report ErrTooSmall rather than draw at NaN coordinates (which the
// PNG rasteriser never finishes) and leave the file empty of a chart.
func TestFigureTooSmall(t *testing.T) {
	t.Parallel()
	var f plots.Figure
	for range 40 {
		p := plot.New()
		p.Title.Text = "A panel"
		p.X.Label.Text = "x"
		p.Y.Label.Text = "y"
		f.Panels = append(f.Panels, p)
	}
	for _, format := range []string{"png", "svg"} {
		err := f.Save(filepath.Join(t.TempDir(), "tall."+format), plots.SlideWidth, plots.SlideHeight)
		if !errors.Is(err, plots.ErrTooSmall) {
			t.Errorf("%s: Save of 40 panels = %v, want ErrTooSmall", format, err)
		}
	}
	f.Panels = f.Panels[:2]
	if err := f.Save(filepath.Join(t.TempDir(), "two.png"), plots.SlideWidth, plots.SlideHeight); err != nil {
		t.Errorf("Save of 2 panels: %v", err)
	}
}

// TestSavePDFDeterministic saves one chart as PDF twice, a second apart:
// the files must be the same bytes, so that a results folder drawn twice
// does not differ, and carry the fixed date (1 January 2000 when
// SOURCE_DATE_EPOCH is not set), not the time of drawing.
func TestSavePDFDeterministic(t *testing.T) {
	t.Parallel()
	f, err := plots.BedsOverTime(plots.Beds{Pool: "Acute", Mean: []float64{1, 2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	var files [2][]byte
	for i := range files {
		if i > 0 {
			time.Sleep(1100 * time.Millisecond) // PDF dates are to the second
		}
		path := filepath.Join(t.TempDir(), "beds.pdf")
		if err := f.Save(path, plots.A4Width, plots.A4Height); err != nil {
			t.Fatal(err)
		}
		if files[i], err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("the same chart saved twice as PDF differs")
	}
	if os.Getenv("SOURCE_DATE_EPOCH") == "" && !bytes.Contains(files[0], []byte("/CreationDate (D:20000101000000")) {
		i := bytes.Index(files[0], []byte("/CreationDate"))
		t.Errorf("PDF creation date %q, want 1 January 2000", files[0][i:min(len(files[0]), i+40)])
	}
}

// svgText matches a text element of gonum's SVG: its x, font size and
// content.
var svgText = regexp.MustCompile(`<text x="([-0-9.e]+)" [^>]*font-size:([0-9.]+)px">([^<]*)</text>`)

// TestFigureLongTitle draws the deficit chart of a system with a long
// name at A4 size: its title, 523 points wide on one line at 14 points,
// must be drawn within the canvas and to the left of the legend, on two
// lines. A short title is drawn as it is, on one line.
func TestFigureLongTitle(t *testing.T) {
	t.Parallel()
	e := plots.Estimate{Mean: 1e6, Lo: 5e5, Hi: 2e6}
	gap := func(name string) plots.Gap {
		return plots.Gap{Name: name, Annual: []plots.Estimate{e, e}, Cumulative: []plots.Estimate{e, e}}
	}
	for _, tc := range []struct {
		body  string
		lines int
	}{
		{"whole system, The whole Better Together programme (better-together)", 2},
		{"Northshire", 1},
	} {
		d := plots.Deficit{Body: tc.body, Years: []string{"2025/26", "2026/27"}, Baseline: gap("Baseline"), Scenario: gap("Scenario")}
		f, err := plots.DeficitTrajectory(d)
		if err != nil {
			t.Fatal(err)
		}
		title := f.Panels[0].Title
		svg := saveSVG(t, f)
		if f.Panels[0].Title.Text != title.Text {
			t.Errorf("Save changed the title to %q", f.Panels[0].Title.Text)
		}
		legend := plots.A4Width.Points()
		var lines []string
		var spans [][2]float64 // each title line's left and right edges, in points
		for _, m := range svgText.FindAllStringSubmatch(svg, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			size, _ := strconv.ParseFloat(m[2], 64)
			if _, ok := f.Entry(m[3]); ok {
				legend = min(legend, x)
			}
			if size >= 12 && strings.Contains(title.Text, m[3]) {
				sty := title.TextStyle
				sty.Font.Size = vg.Points(size)
				lines = append(lines, m[3])
				spans = append(spans, [2]float64{x, x + sty.Width(m[3]).Points()})
			}
		}
		if len(lines) != tc.lines || strings.Join(lines, ", ") != title.Text && strings.Join(lines, " ") != title.Text {
			t.Errorf("title %q drawn as %q, want %d lines", title.Text, lines, tc.lines)
		}
		for i, s := range spans {
			if s[0] < 0 || s[1] > legend {
				t.Errorf("title line %q spans [%.0f, %.0f] points, outside the canvas or over the legend at %.0f", lines[i], s[0], s[1], legend)
			}
		}
	}
}

// saveSVG saves f as SVG at A4 size in a temporary folder and returns the
// file's text.
func saveSVG(t *testing.T, f *plots.Figure) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chart.svg")
	if err := f.Save(path, plots.A4Width, plots.A4Height); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(svg)
}
