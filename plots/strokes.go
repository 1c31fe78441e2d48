package plots

import (
	"image/color"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// This file holds the drawing helpers that [LengthOfStay], [PathwayMix],
// [ScenariosOverTime], [Differences], [AEPerformance] and
// [WaitingListOverTime] share.

// strokedLine returns the line through xys in colour c, width w points and
// the given dash pattern (nil for solid).
func strokedLine(xys plotter.XYs, c color.Color, w float64, dashes []vg.Length) (*plotter.Line, error) {
	l, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	l.Color = c
	l.Width = vg.Points(w)
	l.Dashes = dashes
	return l, nil
}

// monthlyLine returns the line through xys in colour c, 2 points wide,
// with a 3-point dot at each point: one value a month, as the monthly
// performance charts ([AEPerformance], [WaitingListOverTime]) draw it.
func monthlyLine(xys plotter.XYs, c color.Color) (*plotter.Line, *plotter.Scatter, error) {
	line, points, err := plotter.NewLinePoints(xys)
	if err != nil {
		return nil, nil, err
	}
	line.Color = c
	line.Width = vg.Points(2)
	points.Color = c
	points.Shape = draw.CircleGlyph{}
	points.Radius = vg.Points(3)
	return line, points, nil
}

// outlinedBars returns the rectangles rings filled with c and outlined in
// outline at half a point, as the house bar charts are drawn.
func outlinedBars(c, outline color.Color, rings ...plotter.XYer) (*plotter.Polygon, error) {
	bars, err := plotter.NewPolygon(rings...)
	if err != nil {
		return nil, err
	}
	bars.Color = c
	bars.LineStyle.Color = outline
	bars.LineStyle.Width = vg.Points(0.5)
	return bars, nil
}

// unitIsPounds reports whether unit names pounds sterling ("£" or "GBP"),
// which are drawn with [money] ticks.
func unitIsPounds(unit string) bool {
	return unit == "£" || strings.EqualFold(unit, "GBP")
}
