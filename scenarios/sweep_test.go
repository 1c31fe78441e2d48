package scenarios

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestSweepLatinHypercube checks that --lhs puts one point in each of the
// N equal slices of every range, whatever the seed; whole-number
// parameters are rounded.
func TestSweepLatinHypercube(t *testing.T) {
	t.Parallel()
	spec, err := ParseSweep(nil, []string{"services.acute.length_of_stay.mean=2d:6d", "services.acute.beds=100:200"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range []uint64{1, 2, 20140401} {
		pts := spec.Points(seed, []bool{false, true})
		if again := spec.Points(seed, []bool{false, true}); !slices.EqualFunc(pts, again, func(a, b SweepPoint) bool { return slices.Equal(a.Vals, b.Vals) }) {
			t.Errorf("seed %d: two draws differ", seed)
		}
		seen := make([]bool, 10)
		for _, p := range pts {
			// A duration is written in days with its unit, as the loader
			// needs: 4.2d.
			text, ok := strings.CutSuffix(p.Vals[0], "d")
			if !ok {
				t.Fatalf("point %q: the length of stay has no unit", p.Vals)
			}
			days, err1 := strconv.ParseFloat(text, 64)
			beds, err2 := strconv.ParseFloat(p.Vals[1], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("point %q", p.Vals)
			}
			seen[min(int((days-2)/4*10), 9)] = true
			// Rounding may move a bed count into the next slice.
			if beds != math.Round(beds) || beds < 100 || beds > 200 {
				t.Errorf("seed %d: %v beds, want a whole number from 100 to 200", seed, beds)
			}
		}
		if slices.Contains(seen, false) {
			t.Errorf("seed %d: slices of the length of stay seen %v, want one point in each", seed, seen)
		}
	}
}

// TestParseSetAxis checks how a --set becomes an axis: lists, ranges in
// the parameter's units, and the values that stay one override.
func TestParseSetAxis(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		set  string
		want []string // nil: an override
		err  string
	}{
		{"services.acute.beds=620", nil, ""},
		{"services.ed.treatment={kind: exponential, mean: 1h}", nil, ""},
		{"services.acute.beds=[1, 2]", nil, ""},
		{"start=2014-04-01", nil, ""},
		{"services.acute.beds=600, 620 ,640", []string{"600", "620", "640"}, ""},
		{"services.acute.beds=600:640:20", []string{"600", "620", "640"}, ""},
		{"services.acute.beds=600:650:20", []string{"600", "620", "640"}, ""},
		{"services.acute.pathways.home=0.1:0.3:0.1", []string{"0.1", "0.2", "0.3"}, ""},
		{"services.acute.pathways.home=10%:30%:10%", []string{"10%", "20%", "30%"}, ""},
		{"services.ed.treatment.mean=50min:70min:10min", []string{"50min", "60min", "70min"}, ""},
		{"money.unit_costs.ed_attendance=£100:£120:£10", []string{"£100", "£110", "£120"}, ""},
		// Units that differ: numbers in the model's units, days, written
		// with their unit so that the loader reads them back exactly.
		{"services.ed.treatment.mean=1h:2h:30min", []string{"0.041666666666666664d", "0.0625d", "0.08333333333333333d"}, ""},
		{"population.age_bands[*].urgent=0.3 per person per year:1 per 1000 per day:0.05 per person per year",
			[]string{"0.0008213721020965523 per person per day", "0.0009582674524459777 per person per day"}, ""},
		// A change's to and add take the changed parameter's unit, a
		// duration with a sign, as the loader reads them.
		{"interventions.prism.changes[0].add.central=-1d:1d:1d", []string{"-1d", "0d", "1d"}, ""},
		{"interventions.prism.changes[0].add.central=-1d:1d:12h", []string{"-1d", "-0.5d", "0d", "0.5d", "1d"}, ""},
		{"interventions.prism.changes[0].add.central=-1:1:1", []string{"-1", "0", "1"}, ""}, // the loader tells whether these need a unit
		{"interventions.prism.changes[0].scale=50%:100%:25%", []string{"50%", "75%", "100%"}, ""},
		// Durations need their units, in a range as in a list.
		{"services.acute.length_of_stay.mean=5:7:1", nil, `--set:1:36: services.acute.length_of_stay.mean: range "5:7:1" has no units: 5d:7d:1d? 5h:7h:1h?`},
		{"services.acute.length_of_stay.mean=5:7d:1d", nil, `--set:1:36: services.acute.length_of_stay.mean: 5 has no unit: 5d? 5h?`},
		{"horizon=30d, 60", nil, `--set:1:14: horizon: 60 has no unit: 60y? 60d?`},
		{"horizon=30d,60d", []string{"30d", "60d"}, ""},
		{"horizon=0,30d", []string{"0", "30d"}, ""},
		{"services.acute.beds=600,,640", nil, "--set:1:25: services.acute.beds: empty value"},
		{"services.acute.beds=600:640", nil, "--set:1:21: services.acute.beds: range \"600:640\" has no step"},
		{"services.acute.beds=640:600:20", nil, "want lo:hi:step with lo <= hi and step > 0"},
		{"services.acute.beds=600:640:0", nil, "want lo:hi:step with lo <= hi and step > 0"},
		{"services.ed.treatment.mean=1x:2h:1h", nil, "--set:1:28: services.ed.treatment.mean: \"1x\": not a duration"},
	} {
		a, err := parseSetAxis(c.set, 1)
		switch {
		case err != nil:
			if c.err == "" || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.set, err, c.err)
			}
		case c.err != "":
			t.Errorf("%s: no error, want %q", c.set, c.err)
		case c.want == nil && a != nil:
			t.Errorf("%s: axis %q, want an override", c.set, a.Values)
		case c.want != nil && (a == nil || !slices.Equal(a.Values, c.want)):
			t.Errorf("%s: axis %v, want %q", c.set, a, c.want)
		}
	}
}

// TestFormatValue checks that the values a sweep computes read back
// exactly as the numbers they were computed as, in each unit.
func TestFormatValue(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	for _, unit := range []string{"duration", "signed-duration", "money", "fraction", "rate", "per-head", ""} {
		for range 1000 {
			x := math.Exp(r.NormFloat64() * 10)
			if unit == "signed-duration" || unit == "money" {
				x -= math.Exp(r.NormFloat64() * 10)
			}
			form := strings.TrimPrefix(unit, "signed-")
			got, err := parseUnit(formatValue(x, form), unit)
			if err != nil || got != x {
				t.Fatalf("%s: %v written %q reads back as %v, %v", unit, x, formatValue(x, form), got, err)
			}
		}
	}
}

// FuzzSweepSpec feeds arbitrary --set and --range text to the sweep's
// parser: it must never panic, every error must name the flag (--set,
// --range or --lhs) or say there is nothing to sweep, and a spec it accepts must list exactly
// Size() points, each with one value per axis.
func FuzzSweepSpec(f *testing.F) {
	for _, s := range [][3]string{
		{"services.ed.cubicles=8,9,10", "", "0"},
		{"services.ed.cubicles=8:12:2", "", "0"},
		{"services.ed.treatment.mean=50min:70min:10min", "", "0"},
		{"horizon=1y", "services.acute.beds=600:700", "5"},
		{"a=1,,2", "b=3:", "2"},
		{"x=1:0:1", "y=:", "-1"},
		{"=", "=", "1"},
	} {
		f.Add(s[0], s[1], int8(s[2][0]-'0'))
	}
	f.Fuzz(func(t *testing.T, set, rng string, lhs int8) {
		var sets, ranges []string
		if set != "" {
			sets = strings.Split(set, ";")
		}
		if rng != "" {
			ranges = strings.Split(rng, ";")
		}
		s, err := ParseSweep(sets, ranges, int(lhs))
		if err != nil {
			msg := err.Error()
			if !strings.Contains(msg, "--set") && !strings.Contains(msg, "--range") && !strings.Contains(msg, "--lhs") && !strings.HasPrefix(msg, "nothing to sweep") {
				t.Fatalf("an error that names no flag: %v", err)
			}
			return
		}
		n := s.Size()
		if n < 1 {
			t.Fatalf("accepted a spec of %d points", n)
		}
		if n > 1000 {
			return // too many to list in a fuzz run
		}
		integer := make([]bool, len(s.Axes))
		pts := s.Points(1, integer)
		if len(pts) != n {
			t.Fatalf("size %d, points %d", n, len(pts))
		}
		for _, p := range pts {
			if len(p.Vals) != len(s.Axes) {
				t.Fatalf("point %d has %d values for %d axes", p.Index, len(p.Vals), len(s.Axes))
			}
		}
	})
}
