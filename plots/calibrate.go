package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Wave is one wave of a history match (caresim calibrate), the input to
// [WaveImplausibility]: the points it ran and their implausibility.
type Wave struct {
	Wave  int    // its number, from 1
	Place string // the scenario, e.g. "textbook-mmc"
	// Params are the parameters searched, one panel each.
	Params []WaveParam
	// X holds each point's parameters, in the order of Params; Impl each
	// point's implausibility (NaN: nothing simulated, not drawn).
	X    [][]float64
	Impl []float64
	Cut  float64 // the implausibility above which a point is ruled out
}

// WaveParam is one parameter of a [Wave]: its name and unit, the range
// the wave sampled, and the region kept for the next wave (NaN ends when
// no point was kept).
type WaveParam struct {
	Name, Unit     string
	Lo, Hi         float64
	KeptLo, KeptHi float64
}

// Legend names used by [WaveImplausibility].
const (
	LegendWaveKept   = "Non-implausible point"
	LegendWaveRuled  = "Ruled out (above the top: drawn at it)"
	LegendWaveCut    = "Cut"
	LegendWaveRegion = "Region kept for the next wave"
)

// waveTop is how far above the cut the y axis runs, in cuts: ruled-out
// points beyond it (an implausibility may be 50, or infinite) are drawn at
// it, so that the points near the cut stay apart.
const waveTop = 3

// WaveImplausibility draws a wave of a history match: one panel per
// parameter, each point's implausibility against the parameter's value,
// the points kept (at or below the cut) as blue circles and those ruled
// out as vermillion crosses, the cut as a dashed line, and the region
// kept for the next wave shaded. The x axis spans the range the wave
// sampled. It returns [ErrNoData] for a wave without points or
// parameters, and an error when a point has not one value per parameter.
func WaveImplausibility(w Wave) (*Figure, error) {
	what := fmt.Sprintf("plots: wave %d", w.Wave)
	if len(w.X) == 0 || len(w.Params) == 0 {
		return nil, fmt.Errorf("%s: %w", what, ErrNoData)
	}
	if len(w.Impl) != len(w.X) {
		return nil, fmt.Errorf("%s: %d points and %d implausibilities", what, len(w.X), len(w.Impl))
	}
	top := waveTop * w.Cut
	f := &Figure{}
	for j, par := range w.Params {
		title := ""
		if j == 0 {
			title = sweepTitle(fmt.Sprintf("Implausibility of wave %d's points", w.Wave), w.Place)
		}
		p := newPanel(title, sweepAxisLabel(par.Name, par.Unit), "Implausibility")
		p.X.Tick.Marker = labelTicks{sweepFormat(par.Unit)}
		var kept, ruled plotter.XYs
		for i, x := range w.X {
			if len(x) != len(w.Params) {
				return nil, fmt.Errorf("%s: point %d has %d values for %d parameters", what, i, len(x), len(w.Params))
			}
			v := w.Impl[i]
			switch {
			case math.IsNaN(v):
			case v <= w.Cut:
				kept = append(kept, plotter.XY{X: x[j], Y: v})
			default:
				ruled = append(ruled, plotter.XY{X: x[j], Y: math.Min(v, top)})
			}
		}
		region := &plotter.Polygon{XYs: []plotter.XYs{{{X: par.KeptLo, Y: 0}, {X: par.KeptHi, Y: 0}, {X: par.KeptHi, Y: top}, {X: par.KeptLo, Y: top}}}, Color: bandBlue}
		region.LineStyle.Width = 0
		cut, err := plotter.NewLine(plotter.XYs{{X: par.Lo, Y: w.Cut}, {X: par.Hi, Y: w.Cut}})
		if err != nil {
			return nil, err
		}
		cut.Color, cut.Width, cut.Dashes = grey, vg.Points(1.5), dashed
		keptS, err := plotter.NewScatter(orEmpty(kept))
		if err != nil {
			return nil, err
		}
		keptS.GlyphStyle = draw.GlyphStyle{Color: blue, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
		ruledS, err := plotter.NewScatter(orEmpty(ruled))
		if err != nil {
			return nil, err
		}
		ruledS.GlyphStyle = draw.GlyphStyle{Color: vermillion, Radius: vg.Points(3.5), Shape: draw.CrossGlyph{}}
		if !math.IsNaN(par.KeptLo) && !math.IsNaN(par.KeptHi) {
			p.Add(region)
		}
		p.Add(cut)
		if len(kept) > 0 {
			p.Add(keptS)
		}
		if len(ruled) > 0 {
			p.Add(ruledS)
		}
		pad := 0.03 * (par.Hi - par.Lo)
		p.X.Min, p.X.Max = par.Lo-pad, par.Hi+pad
		p.Y.Min, p.Y.Max = 0, top*1.05
		f.Panels = append(f.Panels, p)
		if j == 0 {
			f.Legend = append(f.Legend,
				LegendEntry{LegendWaveKept, []plot.Thumbnailer{keptS}},
				LegendEntry{LegendWaveRuled, []plot.Thumbnailer{ruledS}},
				LegendEntry{LegendWaveCut, []plot.Thumbnailer{cut}},
				LegendEntry{LegendWaveRegion, []plot.Thumbnailer{region}})
		}
	}
	return f, nil
}

// orEmpty returns xys, or one point far outside any axis when it is
// empty, which plotter.NewScatter refuses; such a scatter is only a
// legend's thumbnail, never added to a panel.
func orEmpty(xys plotter.XYs) plotter.XYs {
	if len(xys) == 0 {
		return plotter.XYs{{X: math.MaxFloat32, Y: math.MaxFloat32}}
	}
	return xys
}
