package main

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// FuzzSweepSpec feeds arbitrary --set and --range text to the sweep's
// parser: it must never panic, every error must be a usage error (exit 2)
// that names the flag and its position or says what is missing, and a
// spec it accepts must list exactly size() points, each with one value
// per axis.
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
		s, err := parseSpec(sets, ranges, int(lhs))
		if err != nil {
			if !errors.Is(err, errUsage) {
				t.Fatalf("not a usage error: %v", err)
			}
			return
		}
		n := s.size()
		if n < 1 {
			t.Fatalf("accepted a spec of %d points", n)
		}
		if n > 1000 {
			return // too many to list in a fuzz run
		}
		integer := make([]bool, len(s.axes))
		pts := s.points(1, integer)
		if len(pts) != n {
			t.Fatalf("size %d, points %d", n, len(pts))
		}
		for _, p := range pts {
			if len(p.vals) != len(s.axes) {
				t.Fatalf("point %d has %d values for %d axes", p.index, len(p.vals), len(s.axes))
			}
		}
	})
}

// FuzzParseShard checks that --shard either fails with a message or gives
// 1 <= K <= N, and that the shards 1..N of N share out points exactly once.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"1/1", "2/8", "0/3", "3/2", "1/", "/", "-1/-1", "9223372036854775807/9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sh, err := parseShard(text)
		if err != nil {
			return
		}
		if sh.k < 1 || sh.k > sh.n {
			t.Fatalf("%q gave %v", text, sh)
		}
		if sh.n > math.MaxInt32 {
			return
		}
		for i := range 20 {
			owners := 0
			for k := 1; k <= min(sh.n, 50); k++ {
				if (shard{k: k, n: sh.n}).has(i) {
					owners++
				}
			}
			if sh.n <= 50 && owners != 1 {
				t.Fatalf("point %d has %d owners among %d shards", i, owners, sh.n)
			}
		}
	})
}
