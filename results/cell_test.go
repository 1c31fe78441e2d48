package results

import (
	"math"
	"testing"
)

// TestParseCell reads cells as the writers write them: a number, or an
// empty cell for one not measured; text that no writer writes (NaN,
// infinities, hexadecimal floats, words) is an error, not a value not
// measured.
func TestParseCell(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cell string
		want float64 // NaN: not measured
		ok   bool
	}{
		{"", math.NaN(), true},
		{"1.5", 1.5, true},
		{"-0.25", -0.25, true},
		{"153000", 153000, true},
		{"1e-07", 1e-7, true},
		{"NaN", 0, false},
		{"nan", 0, false},
		{"Inf", 0, false},
		{"+Inf", 0, false},
		{"-inf", 0, false},
		{"infinity", 0, false},
		{"0x1p-2", 0, false},
		{"1_000", 0, false},
		{" 1", 0, false},
		{"abc", 0, false},
		{"1e999", 0, false},
	} {
		got, err := ParseCell(c.cell, 64)
		if (err == nil) != c.ok || c.ok && !(got == c.want || math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("ParseCell(%q) = %v, %v; want %v, ok %v", c.cell, got, err, c.want, c.ok)
		}
	}
	if _, err := ParseNumber(""); err == nil {
		t.Error("ParseNumber of an empty cell succeeded")
	}
}
