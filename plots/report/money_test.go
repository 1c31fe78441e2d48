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

// TestMillionsCell checks the report's money cells: £m to one decimal with
// thousands separated and a true minus sign, and floating-point noise (the
// swing of an assumption that moves nothing, 5.96e-14 pounds) as 0.0.
func TestMillionsCell(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x    float64
		want string
	}{
		{218.44e6, "218.4"}, {1172.95e6, "1,173.0"}, {-14.2e6, "−14.2"}, {0.04e6, "0.0"},
		{5.96e-14, "0.0"}, {-5.96e-14, "0.0"}, {-0.06e6, "−0.1"}, {math.NaN(), "–"},
	} {
		if got := millionsCell(c.x); got != c.want {
			t.Errorf("millionsCell(%g) = %q, want %q", c.x, got, c.want)
		}
	}
	if got, want := millionsInterval(210.2e6, 226.6e6), "210.2 to 226.6"; got != want {
		t.Errorf("interval %q, want %q", got, want)
	}
}

// TestDenoise checks that a difference of two equal sums prints as none,
// and that a real difference however small against its values does not.
func TestDenoise(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ d, ref, want float64 }{
		{8.882e-17, 0.92, 0}, {-5.96e-14, 218.4e6, 0}, {0.001, 0.92, 0.001}, {-1, 164600, -1}, {0, 0, 0}, {1e-12, 0, 1e-12},
	} {
		if got := denoise(c.d, c.ref); got != c.want {
			t.Errorf("denoise(%g, %g) = %g, want %g", c.d, c.ref, got, c.want)
		}
	}
}
