package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Pathways is how emergency spells ended, by discharge pathway and financial
// year, the input to [PathwayMix]. Counts has one row per name and each row
// one value per year.
type Pathways struct {
	Place string   // system or site, e.g. "Northshire"
	Years []string // financial year labels, e.g. "2025/26"

	// Names are the ways a spell can end, in the order they are stacked
	// from the top, e.g. "Home (pathway 0)", "Reablement (pathway 1)",
	// "Intermediate care (pathway 2)", "Care home (pathway 3)",
	// "Died in hospital".
	Names []string

	// Counts[i][y] is the mean number of spells ending by Names[i] in
	// Years[y], across replications.
	Counts [][]float64
}

// pathwayFills are the segments' colours, top to bottom: Okabe–Ito hues
// (blue darkened) and black in falling lightness, at least 15 CIELAB L*
// apart (89, 70, 54, 31, 0), so that neighbouring segments differ in
// greyscale and the legend's order is the order of lightness. More names
// than fills reuse them from the top.
var pathwayFills = []color.Color{
	color.RGBA{R: 0xF0, G: 0xE4, B: 0x42, A: 255}, // yellow
	color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 255}, // sky blue
	vermillion,
	color.RGBA{R: 0x00, G: 0x4C, B: 0x7A, A: 255}, // blue, darkened
	black,
}

// pathwayLabelMin is the smallest segment, in percent of the year's spells,
// that is labelled with its share.
const pathwayLabelMin = 4

// PathwayMix draws the discharge pathway mix by financial year: one stacked
// bar per year of the share (%) of that year's emergency spells ending by
// each name, Names[0] on top, each segment labelled with its share when it
// is at least 4% of the year (rounded). Segments differ in lightness as well as hue,
// and are parted by white lines, so that they survive greyscale; the legend
// lists the names in stacking order. A year with no spells is left empty.
//
// It returns [ErrNoData] when there are no years, no names or no spells, and an error
// when Counts does not have one row per name and one value per year, or a
// count is negative.
func PathwayMix(pw Pathways) (*Figure, error) {
	n := len(pw.Years)
	if n == 0 || len(pw.Names) == 0 {
		return nil, fmt.Errorf("plots: pathway mix for %s: %w", pw.Place, ErrNoData)
	}
	if len(pw.Counts) != len(pw.Names) {
		return nil, fmt.Errorf("plots: pathway mix for %s: %d rows of counts for %d names", pw.Place, len(pw.Counts), len(pw.Names))
	}
	totals := make([]float64, n)
	for i, row := range pw.Counts {
		if len(row) != n {
			return nil, fmt.Errorf("plots: pathway mix for %s: %s has %d years, want %d", pw.Place, pw.Names[i], len(row), n)
		}
		for y, c := range row {
			if c < 0 || math.IsNaN(c) {
				return nil, fmt.Errorf("plots: pathway mix for %s: %s in %s has %v spells, want >= 0", pw.Place, pw.Names[i], pw.Years[y], c)
			}
			totals[y] += c
		}
	}
	if slices.Max(totals) == 0 {
		return nil, fmt.Errorf("plots: pathway mix for %s: no spells in any year: %w", pw.Place, ErrNoData)
	}

	title := "Discharge pathway of emergency spells by year"
	if pw.Place != "" {
		title = fmt.Sprintf("Discharge pathway of emergency spells by year, %s", pw.Place)
	}
	p := newPanel(title, "Financial year", "Share of emergency spells (%)")
	p.X.Tick.Marker = yearTicks(pw.Years)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.Y.Min, p.Y.Max = 0, 100
	p.Y.Tick.Marker = losTicks{step: 25, unit: "%"}
	f := &Figure{Panels: []*plot.Plot{p}}

	// top[y] is the top of the segments stacked so far in year y, from 100%.
	top := make([]float64, n)
	for y := range top {
		top[y] = 100
	}
	for i, row := range pw.Counts {
		fill := pathwayFills[i%len(pathwayFills)]
		var rings []plotter.XYer
		var mids plotter.XYs
		var shares []string
		for y, c := range row {
			if totals[y] == 0 {
				continue
			}
			share := 100 * c / totals[y]
			x, hi, lo := float64(y), top[y], top[y]-share
			top[y] = lo
			rings = append(rings, plotter.XYs{{X: x - 0.35, Y: lo}, {X: x + 0.35, Y: lo}, {X: x + 0.35, Y: hi}, {X: x - 0.35, Y: hi}})
			if math.Round(share) >= pathwayLabelMin {
				mids = append(mids, plotter.XY{X: x, Y: (lo + hi) / 2})
				shares = append(shares, fmt.Sprintf("%.0f%%", share))
			}
		}
		bars, err := outlinedBars(fill, color.White, rings...)
		if err != nil {
			return nil, err
		}
		bars.LineStyle.Width = vg.Points(1)
		p.Add(bars)
		if len(mids) > 0 {
			lab, err := plotter.NewLabels(plotter.XYLabels{XYs: mids, Labels: shares})
			if err != nil {
				return nil, err
			}
			for k := range lab.TextStyle {
				lab.TextStyle[k].Font.Size = vg.Points(9)
				lab.TextStyle[k].Color = pathwayInk(fill)
				lab.TextStyle[k].XAlign = text.XCenter
				lab.TextStyle[k].YAlign = draw.YCenter
			}
			p.Add(lab)
		}
		f.Legend = append(f.Legend, LegendEntry{pw.Names[i], []plot.Thumbnailer{bars}})
	}
	return f, nil
}

// pathwayInk returns the colour to write on fill: white on dark fills,
// black on light ones.
func pathwayInk(fill color.Color) color.Color {
	if pathwayLightness(fill) < 60 {
		return color.White
	}
	return black
}

// pathwayLightness returns the CIELAB lightness L* (0 black to 100 white)
// of c, from its sRGB components:
//
//	Y  = 0.2126 R + 0.7152 G + 0.0722 B   (linear sRGB, IEC 61966-2-1)
//	L* = 116 Y^(1/3) - 16                 (CIE 1976, for Y > 0.008856)
func pathwayLightness(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xFFFF
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	y := 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	if y <= 0.008856 {
		return 903.3 * y
	}
	return 116*math.Cbrt(y) - 16
}
