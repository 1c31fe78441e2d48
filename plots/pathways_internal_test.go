package plots

import (
	"image/color"
	"math"
	"testing"
)

// TestPathwayFillsLightness checks that neighbouring segments of
// [PathwayMix] differ by at least 15 L* (about a sixth of the range from
// black to white, plainly told apart in greyscale) and grow darker down the
// stack, and that [pathwayLightness] gives white 100 and black 0.
func TestPathwayFillsLightness(t *testing.T) {
	t.Parallel()
	if w, b := pathwayLightness(color.White), pathwayLightness(black); math.Abs(w-100) > 0.01 || b != 0 {
		t.Errorf("L* of white, black = %.2f, %.2f; want 100, 0", w, b)
	}
	for i := 1; i < len(pathwayFills); i++ {
		above, below := pathwayLightness(pathwayFills[i-1]), pathwayLightness(pathwayFills[i])
		if above-below < 15 {
			t.Errorf("fills %d and %d have L* %.0f and %.0f; want the lower at least 15 darker", i-1, i, above, below)
		}
	}
}
