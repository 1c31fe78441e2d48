package plots_test

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot/plotter"

	"caresim/plots"
)

func TestPathwayMixParts(t *testing.T) {
	t.Parallel()
	// Year 1: 60 home, 30 care home, 10 died (100 spells); year 2 has no
	// spells and is left empty; year 3: 150 home, 50 care home, 0 died.
	pw := plots.Pathways{
		Place: "Northshire",
		Years: []string{"2025/26", "2026/27", "2027/28"},
		Names: []string{"Home (pathway 0)", "Care home (pathway 3)", "Died in hospital"},
		Counts: [][]float64{
			{60, 0, 150},
			{30, 0, 50},
			{10, 0, 0},
		},
	}
	f, err := plots.PathwayMix(pw)
	if err != nil {
		t.Fatal(err)
	}
	checkAxes(t, f, "Discharge pathway of emergency spells by year, Northshire", "Financial year",
		"Share of emergency spells (%)")
	p := f.Panels[0]
	if p.Y.Min != 0 || p.Y.Max != 100 {
		t.Errorf("y axis = [%v, %v]%%, want [0, 100]", p.Y.Min, p.Y.Max)
	}
	var years []string
	for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		years = append(years, tk.Label)
	}
	if !slices.Equal(years, pw.Years) {
		t.Errorf("x tick labels = %q, want the years %q", years, pw.Years)
	}
	if len(f.Legend) != len(pw.Names) {
		t.Fatalf("%d legend entries, want one per name", len(f.Legend))
	}
	// Each name's segments, as [bottom, top] in % for years 1 and 3, stacked
	// from the first name at the top down.
	want := [][][2]float64{
		{{40, 100}, {25, 100}},
		{{10, 40}, {0, 25}},
		{{0, 10}, {0, 0}},
	}
	lightness := math.Inf(1)
	for i, name := range pw.Names {
		e := f.Legend[i]
		if e.Name != name {
			t.Errorf("legend[%d] = %q, want %q", i, e.Name, name)
		}
		bars := e.Thumbs[0].(*plotter.Polygon)
		if len(bars.XYs) != len(want[i]) {
			t.Errorf("%s has %d segments, want %d (none in the year without spells)", name, len(bars.XYs), len(want[i]))
			continue
		}
		for k, w := range want[i] {
			ring := bars.XYs[k]
			if got := [2]float64{ring[0].Y, ring[2].Y}; math.Abs(got[0]-w[0]) > 1e-9 || math.Abs(got[1]-w[1]) > 1e-9 {
				t.Errorf("%s segment %d spans %v%%, want %v%%", name, k, got, w)
			}
		}
		// The legend's order is the order of lightness, lightest on top.
		r, g, b, _ := bars.Color.RGBA()
		l := 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)
		if l >= lightness {
			t.Errorf("%s is no darker than the name above it; segments must differ in greyscale", name)
		}
		lightness = l
	}
}

func TestPathwayMixErrors(t *testing.T) {
	t.Parallel()
	years := []string{"2025/26", "2026/27"}
	names := []string{"Home", "Died"}
	for _, tc := range []struct {
		name   string
		pw     plots.Pathways
		noData bool
	}{
		{"no years", plots.Pathways{Names: names}, true},
		{"no names", plots.Pathways{Years: years}, true},
		{"no spells", plots.Pathways{Years: years, Names: names, Counts: [][]float64{{0, 0}, {0, 0}}}, true},
		{"missing row", plots.Pathways{Years: years, Names: names, Counts: [][]float64{{1, 2}}}, false},
		{"short row", plots.Pathways{Years: years, Names: names, Counts: [][]float64{{1, 2}, {1}}}, false},
		{"negative count", plots.Pathways{Years: years, Names: names, Counts: [][]float64{{1, 2}, {1, -1}}}, false},
	} {
		_, err := plots.PathwayMix(tc.pw)
		checkErr(t, tc.name, err, tc.noData)
	}
}
