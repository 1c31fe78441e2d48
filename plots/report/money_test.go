package report

import (
	"math"
	"slices"
	"strings"
	"testing"

	"caresim/results"
	"caresim/sim"
	"caresim/sim/finance"
)

// TestAgainstProjection checks the sentence comparing the derived gap
// with a published projection: £219.6m against £140m is £79.6m, 57%,
// above it; a projection of another year, or none, says nothing.
func TestAgainstProjection(t *testing.T) {
	t.Parallel()
	p := &results.Projection{Year: "2023/24", GapGBP: 140e6, Label: "the programme's projection"}
	gap := results.Estimate{Mean: 219.6e6, Lo: 218.5e6, Hi: 220.7e6}
	want := "The derived system gap in 2023/24 is £219.6m (95% CI £218.5m to £220.7m): £79.6m (57%) above the programme's projection, £140.0m in 2023/24. It is derived from the money's stated drivers, none tuned to the projection."
	if got := againstProjection(p, "2023/24", gap); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	gap.Mean = 100e6
	if got := againstProjection(p, "2023/24", gap); !strings.Contains(got, "£40.0m (29%) below") {
		t.Errorf("a gap below: %q", got)
	}
	for _, c := range []struct {
		p    *results.Projection
		year string
	}{{nil, "2023/24"}, {p, "2022/23"}} {
		if got := againstProjection(c.p, c.year, gap); got != "" {
			t.Errorf("projection %v in %s: %q, want nothing", c.p, c.year, got)
		}
	}
}

// TestSortedSensitivity checks the order of the sensitivity table: by the
// system's swing, largest first, those skipped last, ties in the order
// given.
func TestSortedSensitivity(t *testing.T) {
	t.Parallel()
	s := func(name string, lo, hi float64, skipped string) sim.Sensitivity {
		x := sim.Sensitivity{Variation: sim.Variation{Parameter: name}, Skipped: skipped}
		x.AtLow[finance.System], x.AtHigh[finance.System] = lo, hi
		return x
	}
	in := []sim.Sensitivity{s("a", 10, 12, ""), s("b", math.NaN(), math.NaN(), "not varied alone"), s("c", 30, 10, ""), s("d", 5, 7, "")}
	var got []string
	for _, x := range sortedSensitivity(in) {
		got = append(got, x.Parameter)
	}
	if want := []string{"c", "a", "d", "b"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}
