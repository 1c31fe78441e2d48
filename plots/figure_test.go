package plots_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/cmpimg"

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
		{"deficit.png", ExampleDeficitTrajectory},
		{"delays.png", ExampleDelayedPatients},
		{"ae.png", ExampleAEPerformance},
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
