package scenarios

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"caresim/sim/care"
)

// loadErrors loads ref with opt and returns its problems one a line, or
// fails the test when there are none or one has no position.
func loadErrors(t *testing.T, ref string, opt Options) string {
	t.Helper()
	_, err := Load(ref, opt)
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("Load(%s) = %v, want problems", ref, err)
	}
	for _, e := range list {
		if e.File == "" {
			t.Errorf("problem without a file: %s", e)
		}
	}
	return err.Error()
}

// TestLoadNotRegular checks that only regular files are read, whether
// named on the command line or by extends: a device such as /dev/zero
// was read until memory ran out, and a named pipe blocked for ever.
func TestLoadNotRegular(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ext := filepath.Join(dir, "zero.yaml")
	if err := os.WriteFile(ext, []byte("name: zero\nextends: /dev/zero\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("name: big\n# "+strings.Repeat("x", MaxFileSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	for _, tc := range []struct{ ref, want string }{
		{"/dev/zero", "/dev/zero: cannot read /dev/zero: a device, not a regular file"},
		{ext, ext + ":2:10: extends: cannot read /dev/zero: a device, not a regular file"},
		{dir, dir + ": cannot read " + dir + ": a directory, not a regular file"},
		{big, big + ": cannot read " + big + ": larger than the 1 MiB a scenario file may be"},
	} {
		if got := loadErrors(t, tc.ref, Options{}); got != tc.want {
			t.Errorf("Load(%s):\n got %s\nwant %s", tc.ref, got, tc.want)
		}
	}
}

// unknownKeys returns a scenario extending base.yaml with n unknown keys
// at the top level and n in the acute beds' mapping.
func unknownKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("name: keys\nextends: base.yaml\n")
	for i := range n {
		fmt.Fprintf(&b, "unknown_%d: 1\n", i)
	}
	b.WriteString("services:\n  acute:\n")
	for i := range n {
		fmt.Fprintf(&b, "    unknown_%d: 1\n", i)
	}
	return []byte(b.String())
}

// keysReader returns a ReadFile that serves base.yaml and, for any other
// name, a scenario extending it with n unknown keys ([unknownKeys]).
func keysReader(tb testing.TB, n int) func(string) ([]byte, error) {
	tb.Helper()
	base, err := os.ReadFile("testdata/load/base.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	src := unknownKeys(n)
	return func(name string) ([]byte, error) {
		if filepath.Base(name) == "base.yaml" {
			return base, nil
		}
		return src, nil
	}
}

// TestLoadManyProblems checks that a file with 48,000 problems reports
// them all, and lists only the first MaxShown with a count of the rest.
// How the time grows with the problems is BenchmarkLoadManyProblems's.
func TestLoadManyProblems(t *testing.T) {
	if testing.Short() {
		t.Skip("loads tens of thousands of problems")
	}
	t.Parallel()
	_, err := Load("keys.yaml", Options{ReadFile: keysReader(t, 24000)})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 48000 {
		t.Fatalf("want 48000 problems, got %d", len(list))
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != MaxShown+1 || lines[MaxShown] != "and 47900 more problems (48000 in all)" {
		t.Errorf("want %d problems listed and a count of the rest, got %d lines ending %q", MaxShown, len(lines), lines[len(lines)-1])
	}
}

// BenchmarkLoadManyProblems loads files with 1,000 and 48,000 problems
// and reports the time per problem, which must stay about the same at
// both sizes: merging and naming each problem's path once scanned the
// whole merged file, so that 40,000 unknown keys took 11 s (quadratic,
// the 48,000's figure 48 times the 1,000's).
func BenchmarkLoadManyProblems(b *testing.B) {
	for _, n := range []int{500, 24000} {
		b.Run(fmt.Sprintf("problems=%d", 2*n), func(b *testing.B) {
			read := keysReader(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load("keys.yaml", Options{ReadFile: read}); err == nil {
					b.Fatal("want problems")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(2*n), "ns/problem")
		})
	}
}

// TestYAMLErrorLines checks that a syntax error is reported on the line
// where the problem is. yaml.v3 named the line before the enclosing
// mapping for a parser error (an unterminated string at line 76 of the
// baseline was reported at line 75, or further down where the string
// ended), and line 1 for an undefined alias, a NUL, a BEL or bad UTF-8.
func TestYAMLErrorLines(t *testing.T) {
	t.Parallel()
	baseline, ok := BuiltinSource("baseline")
	if !ok {
		t.Fatal("no built-in baseline")
	}
	lines := strings.Split(string(baseline), "\n")
	// The name's line, and the line further down whose quote closes a
	// quote left open on it.
	at := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "name: ") })
	end := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, `"in 10 years' time"`) })
	if at < 0 || end <= at {
		t.Fatalf("the baseline has no name line (%d) followed by the quoted \"in 10 years' time\" (%d)", at, end)
	}
	open := slices.Clone(lines)
	open[at] = strings.Replace(open[at], ": ", `: "`, 1)
	cases := []struct{ name, src, want string }{
		{"baseline-name", strings.Join(open, "\n"),
			fmt.Sprintf("f.yaml:%d:1: not valid YAML: did not find expected key on line %d, after a quoted string that starts on this line and runs on to it: is its closing quote missing?", at+1, end+1)},
		{"never-closed", "name: x\nhorizon: 1y\ndescription: \"abc\nstart: 2014-04-01\n",
			`f.yaml:3:1: not valid YAML: found unexpected end of stream: a quoted string that starts on this line is never closed`},
		{"never-closed-1", "name: 'x\nhorizon: 1y\n",
			`f.yaml:1:1: not valid YAML: found unexpected end of stream: a quoted string that starts on this line is never closed`},
		{"alias", "name: x\nhorizon: 1y\nwarm_up: {length: *w}\n",
			`f.yaml:3:19: not valid YAML: alias *w refers to no anchor &w above it`},
		{"nul", "name: x\nhorizon: 1y\nplace: a\x00b\n",
			`f.yaml:3:9: not valid YAML: control characters are not allowed: U+0000 here`},
		{"bel", "name: x\n\nhorizon: 1y\nplace: \x07\n",
			`f.yaml:4:8: not valid YAML: control characters are not allowed: U+0007 here`},
		{"latin-1", "name: x\nplace: Mansfield\ndescription: caf\xe9\n",
			`f.yaml:3:17: not valid YAML: incomplete UTF-8 octet sequence: the file is not UTF-8 text`},
		{"indentation", "name: x\nservices:\n  acute:\n    beds: 3\n   ed: 4\nhorizon: 1y\n",
			`f.yaml:5:1: not valid YAML: did not find expected key`},
		{"no-colon", "name: x\nhorizon 1y\nstart: 2014-04-01\nplace: y\n",
			`f.yaml:2:1: not valid YAML: could not find expected ':'`},
		{"open-list", "name: x\nseed: [1, 2\nhorizon: 1y\nstart: 2014-04-01\n",
			`f.yaml:2:1: not valid YAML: did not find expected ',' or ']'`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := loadErrors(t, "f.yaml", Options{ReadFile: func(string) ([]byte, error) { return []byte(c.src), nil }})
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// sizePaths are the parameters that size a run, as --set names them.
var sizePaths = []string{
	"horizon", "warm_up.length", "warm_up.max", "replications", "interventions[0].ramp",
	"services.acute.beds", "services.acute.occupied", "services.care_homes.occupied", "services.community.caseload",
	"population.localities[0].people", "population.age_bands[0].urgent", "population.age_bands[2].growth",
	"demand.urgent.trend", "demand.urgent.routes[0].per_day", "services.community.urgent_ratio",
}

// FuzzSizeBounds checks that whatever value a --set gives a parameter
// that sizes a run, the baseline either fails to load or loads within
// every bound (sim/care/limits.go), so that nothing a run allocates
// comes from an unchecked number; nothing here runs the model.
func FuzzSizeBounds(f *testing.F) {
	for i, v := range []string{"1e300y", "999999999999", "-1", "NaN", "150%", "0", "2147483648", "1e-300", "0x10", "50y"} {
		f.Add(uint8(i), v)
	}
	f.Fuzz(func(t *testing.T, which uint8, value string) {
		path := sizePaths[int(which)%len(sizePaths)]
		l, err := Load("baseline", Options{Sets: []string{path + "=" + value}})
		if err != nil {
			return
		}
		p := &l.Params
		s := &p.Services
		bad := func(what string, ok bool) {
			if !ok {
				t.Fatalf("--set %s=%s loaded with %s out of bounds", path, value, what)
			}
		}
		bad("horizon", p.Horizon > 0 && p.Horizon <= care.MaxHorizon)
		bad("warm-up", p.WarmUp.Length >= 0 && p.WarmUp.Length <= care.MaxWarmUp && p.WarmUp.Max >= 0 && p.WarmUp.Max <= care.MaxWarmUp)
		bad("replications", p.CheckReplications(l.Replications) == nil)
		for _, iv := range p.Interventions {
			bad("a ramp", iv.Ramp >= 0 && iv.Ramp <= care.MaxRamp)
		}
		for _, n := range []int{s.Acute.Beds, s.Acute.Occupied, s.CareHomes.Beds, s.CareHomes.Occupied, s.Community.Caseload} {
			bad("a capacity", n >= 0 && n <= care.MaxUnits)
		}
		for _, loc := range p.Population.Localities {
			bad("people", loc.People >= 0 && loc.People <= care.MaxPeople)
		}
		for _, a := range p.Population.AgeBands {
			bad("a rate per person", a.Urgent >= 0 && a.Urgent <= care.MaxPerHead)
			bad("growth", math.Abs(a.Growth) <= care.MaxGrowth)
		}
		bad("trend", math.Abs(p.Demand.Urgent.Trend) <= care.MaxGrowth)
		for _, r := range p.Demand.Urgent.Routes {
			bad("per day", r.PerDay >= 0 && r.PerDay <= care.MaxPerDay)
		}
		bad("a ratio", s.Community.UrgentRatio >= 0 && s.Community.UrgentRatio <= care.MaxRatio)
	})
}
