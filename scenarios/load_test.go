package scenarios

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"caresim/internal/golden"
	"caresim/sim/care"
	"caresim/sim/des"
)

// TestLoadGolden loads every scenario in testdata/load and compares the
// problems reported with NAME.errors (empty for a good file); -update
// rewrites the goldens. Each broken file breaks one kind of thing, most by
// extending base.yaml, so the positions show that problems are found in
// the file that made them, not in the base. A scenario with a NAME.sets
// file is loaded with its lines as --set overrides. A file that loads
// without a problem records its warnings, each line "warning: ...".
func TestLoadGolden(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/load/*.yaml")
	if err != nil || len(files) < 15 {
		t.Fatalf("want the broken-file suite in testdata/load, got %d files (%v)", len(files), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			var sets []string
			if b, err := os.ReadFile(strings.TrimSuffix(file, ".yaml") + ".sets"); err == nil {
				sets = strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
			}
			l, err := Load(file, Options{Sets: sets})
			got := ""
			if err == nil {
				for _, w := range l.Warnings {
					got += "warning: " + w.Error() + "\n"
				}
			}
			if err != nil {
				var list ErrorList
				if !errors.As(err, &list) {
					t.Fatalf("error is not an ErrorList: %v", err)
				}
				for _, e := range list {
					if e.Line < 1 || e.Col < 1 {
						t.Errorf("error without a position: %s", e)
					}
				}
				got = err.Error() + "\n"
			}
			golden.Check(t, strings.TrimSuffix(file, ".yaml")+".errors", got)
		})
	}
}

// TestLoadChangeUnits checks what change-units.yaml's changes mean in
// the model's units, days and factors: add: -0.5d is half a day off,
// -12h too, scale: 50% halves, and add: -1% takes 0.01 off a share.
func TestLoadChangeUnits(t *testing.T) {
	t.Parallel()
	l, err := Load("testdata/load/change-units.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ch := l.Interventions[1].Changes
	for _, c := range []struct {
		name string
		got  *care.Effect
		want care.Effect
	}{
		{"add: -0.5d", ch[0].Add, care.Effect{Low: -0.5, Central: -0.5, High: -0.5}},
		{"add: {low: -1d, central: -12h, high: 0}", ch[1].Add, care.Effect{Low: -1, Central: -0.5, High: 0}},
		{"scale: 50%", ch[2].Scale, care.Effect{Low: 0.5, Central: 0.5, High: 0.5}},
		{"scale: {low: 80%, central: 0.9, high: 100%}", ch[3].Scale, care.Effect{Low: 0.8, Central: 0.9, High: 1}},
		{"add: -1%", ch[4].Add, care.Effect{Low: -0.01, Central: -0.01, High: -0.01}},
	} {
		if c.got == nil || *c.got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, c.got, c.want)
		}
	}
}

// TestLoadMerge checks the merge rules on good-extends.yaml by hand: lists
// of named things merge by name, mappings merge key by key down into a
// distribution, and what the overlay does not say keeps the base's value.
func TestLoadMerge(t *testing.T) {
	t.Parallel()
	l, err := Load("testdata/load/good-extends.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "good-extends" || l.Description != "one locality, ED and acute beds" || l.Seed != 7 {
		t.Errorf("scalars: name %q description %q seed %d", l.Name, l.Description, l.Seed)
	}
	want := []struct {
		name   string
		people float64
	}{{"Mansfield", 100000}, {"Ashfield", 126300}, {"Newark", 122900}}
	locs := l.Population.Localities
	if len(locs) != len(want) {
		t.Fatalf("localities %+v, want %v", locs, want)
	}
	for i, w := range want {
		if locs[i].Name != w.name || locs[i].People != w.people {
			t.Errorf("localities[%d] = %s %v, want %s %v", i, locs[i].Name, locs[i].People, w.name, w.people)
		}
	}
	los := l.Services.Acute.LengthOfStay
	if los.Kind.String() != "gamma" || los.Mean != 5.8 || los.SD != 6 {
		t.Errorf("length_of_stay = %s mean %v sd %v, want gamma mean 5.8 sd 6", los.Kind, los.Mean, los.SD)
	}
	if n := len(l.Interventions); n != 2 || l.Interventions[0].Name != "more-beds" || l.Interventions[1].Name != "faster-ed" {
		t.Errorf("interventions %+v", l.Interventions)
	}
	if got := l.Interventions[0].Changes[0].Add; got == nil || got.Low != 10 || got.Central != 20 || got.High != 30 {
		t.Errorf("more-beds add = %+v", got)
	}
	if got := strings.Join(l.Chain, " "); got != "testdata/load/good-extends.yaml testdata/load/base.yaml" {
		t.Errorf("chain %q", got)
	}
	// Positions point into the file that set each value.
	if p := l.Positions["population.localities[1].people"]; !strings.HasSuffix(p.File, "good-extends.yaml") {
		t.Errorf("Ashfield's people set at %+v, want good-extends.yaml", p)
	}
	if p := l.Positions["population.localities[0].people"]; !strings.HasSuffix(p.File, "base.yaml") {
		t.Errorf("Mansfield's people set at %+v, want base.yaml", p)
	}
}

// TestLoadSet checks --set overrides: by index, by name, with [*], a whole
// mapping as a value, units, creating a key the files do not have, and
// that later overrides win.
func TestLoadSet(t *testing.T) {
	t.Parallel()
	l, err := Load("testdata/load/base.yaml", Options{Sets: []string{
		"services.acute.beds=620",
		"population.localities.Ashfield.people=126300",
		"population.age_bands[*].growth=1%",
		"services.ed.treatment={kind: exponential, mean: 90m}",
		"interventions.more-beds.changes[0].add=25",
		"services.sdec.chairs=12",
		"services.acute.beds=640",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if l.Services.Acute.Beds != 640 {
		t.Errorf("beds %d, want 640 (the later override)", l.Services.Acute.Beds)
	}
	if l.Population.Localities[1].People != 126300 {
		t.Errorf("Ashfield %v", l.Population.Localities[1].People)
	}
	for i, a := range l.Population.AgeBands {
		if a.Growth != 0.01 {
			t.Errorf("age_bands[%d].growth %v, want 0.01", i, a.Growth)
		}
	}
	if tr := l.Services.ED.Treatment; tr.Kind.String() != "exponential" || tr.Mean != 90.0/(24*60) || tr.Median != 0 {
		t.Errorf("treatment %+v, want exponential mean 90 minutes and nothing else", tr)
	}
	if a := l.Interventions[0].Changes[0].Add; a.Low != 25 || a.High != 25 {
		t.Errorf("add %+v, want 25 without a range", a)
	}
	if l.Services.SDEC.Chairs != 12 {
		t.Errorf("sdec chairs %d", l.Services.SDEC.Chairs)
	}
	if p := l.Positions["services.acute.beds"]; p.File != "--set" || p.Line != 7 {
		t.Errorf("beds position %+v, want --set:7", p)
	}
}

// TestUnknownServiceNamesEveryService checks that a service the model
// does not know, and that is near none it knows, is refused with every
// service's key named: the services section has more keys than a short
// list would hold, and a planner who misspelt one needs the right one.
func TestUnknownServiceNamesEveryService(t *testing.T) {
	t.Parallel()
	_, err := Load("testdata/load/base.yaml", Options{Sets: []string{"services.icu.beds=12"}})
	if err == nil {
		t.Fatal("services.icu loaded")
	}
	msg := err.Error()
	if !strings.Contains(msg, `services.icu: unknown key "icu"; known keys: `) {
		t.Fatalf("got %v, want the known keys listed", msg)
	}
	st := reflect.TypeFor[care.Services]()
	if st.NumField() <= 16 {
		t.Fatalf("care.Services has %d keys; this test is for more than 16", st.NumField())
	}
	for i := range st.NumField() {
		key, _, _ := strings.Cut(st.Field(i).Tag.Get("yaml"), ",")
		if !strings.Contains(msg, " "+key+",") && !strings.HasSuffix(msg, " "+key) {
			t.Errorf("%s not named in %q", key, msg)
		}
	}
}

func TestLoadSetErrors(t *testing.T) {
	t.Parallel()
	_, err := Load("testdata/load/base.yaml", Options{Sets: []string{
		"services.acute.beds",
		"services.acute.beds=many",
		"services..beds=3",
		"population.localities.Newark.people=3",
		"population.age_bands[5].growth=1%",
		"services.acute.beds.x=1",
		"services.acute.bedz=1",
		"horizon=",
	}})
	want := `--set:1:1: want path=value, such as services.acute.beds=620, not "services.acute.beds"
--set:2:21: services.acute.beds: want a whole number, not "many"
--set:3:1: services..beds: parameter path "services..beds": empty name
--set:4:1: population.localities.Newark.people: no entry named "Newark" in population.localities
--set:5:1: population.age_bands[5].growth: index 5 out of range: population.age_bands has 2 entries
--set:6:1: services.acute.beds.x: services.acute.beds is a single value, not a mapping or a list
--set:7:1: services.acute.bedz: unknown key "bedz"; did you mean "beds"?
--set:8:9: horizon: bad value "": empty value`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// TestLoadDigest checks that the digest names the scenario text and the
// overrides: equal for equal inputs, different when either changes.
func TestLoadDigest(t *testing.T) {
	t.Parallel()
	load := func(sets ...string) string {
		t.Helper()
		l, err := Load("testdata/load/good-extends.yaml", Options{Sets: sets})
		if err != nil {
			t.Fatal(err)
		}
		return l.Digest
	}
	a, b, c := load(), load(), load("services.acute.beds=401")
	if a != b || a == c || len(a) != 64 {
		t.Errorf("digests %s %s %s", a, b, c)
	}
}

// TestBuiltinsLoad checks that every built-in scenario loads without a
// problem or a warning (no value far outside a documented range) and
// extends only what exists.
func TestBuiltinsLoad(t *testing.T) {
	t.Parallel()
	names := BuiltinNames()
	if len(names) == 0 {
		t.Fatal("no built-in scenarios")
	}
	for _, name := range names {
		l, err := Load(name, Options{})
		if err != nil {
			t.Errorf("%s:\n%v", name, err)
			continue
		}
		if l.Name != name {
			t.Errorf("%s: name %q, want the file's name", name, l.Name)
		}
		if len(l.Warnings) > 0 {
			t.Errorf("%s: warnings:\n%q", name, l.Warnings)
		}
		src, _ := BuiltinSource(name)
		if !strings.HasPrefix(string(src), "# yaml-language-server: $schema=") {
			t.Errorf("%s: first line is not the editor's schema line", name)
		}
	}
	for _, b := range Builtins() {
		if b.Description == "" {
			t.Errorf("%s has no description", b.Name)
		}
	}
}

// FuzzLoad checks that no scenario text makes the loader panic, with or
// without a base to extend and overrides, and that every problem and
// every warning has a position.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/load/*.yaml")
	for _, p := range seeds {
		b, _ := os.ReadFile(p)
		f.Add(b, "services.acute.beds=3")
	}
	f.Add([]byte("extends: base.yaml\nservices: {acute: {beds: 10}}"), "population.localities[*].people=1")
	base, err := os.ReadFile("testdata/load/base.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte, set string) {
		read := func(name string) ([]byte, error) {
			switch filepath.Base(name) {
			case "f.yaml":
				return src, nil
			case "base.yaml":
				return base, nil
			}
			return nil, os.ErrNotExist
		}
		l, err := Load("f.yaml", Options{Sets: []string{set}, ReadFile: read})
		if err == nil {
			for _, w := range l.Warnings {
				if e, ok := w.(*Error); !ok || e.File == "" || e.Line < 1 || e.Col < 1 {
					t.Fatalf("warning without a position: %q", w)
				}
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a non-empty ErrorList: %v", err)
		}
		for _, e := range list {
			if e.File == "" || e.Line < 1 || e.Col < 1 {
				t.Fatalf("error without a position: %q", e.Error())
			}
		}
	})
}

// TestBaselineDemand checks the built-in baseline's urgent demand against
// the hand arithmetic in its header for 2013/14, the base year: 343,700
// people (ONS mid-2013), about 119,300 attendances a year from them and
// 27,100 from outside (74.1 a day), so 146,400 before care-home calls.
// The tolerance, 1%, covers the rounding of the figures in the comment.
func TestBaselineDemand(t *testing.T) {
	t.Parallel()
	l, err := Load("baseline", Options{})
	if err != nil {
		t.Fatal(err)
	}
	people, population, outside := 0.0, 0.0, 0.0
	for _, c := range l.Cohorts() {
		people += c.People
	}
	for _, s := range l.UrgentStreams() {
		if s.Cohort < 0 {
			outside += s.Rate.PerDay * float64(des.Year)
		} else {
			population += s.Rate.PerDay * float64(des.Year)
		}
	}
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"population", people, 343700},
		// Of the population's 119,300, ≈ 28,300 come through primary care,
		// NHS 111 and the out-of-hours GP service (baseline.yaml,
		// services.primary_care), the rest direct.
		{"attendances a year from the population, direct", population, 119300 - 28300},
		{"attendances a year from outside", outside, 27100},
	} {
		if math.Abs(c.got-c.want) > 0.01*c.want {
			t.Errorf("%s: %.0f, want %.0f within 1%%", c.what, c.got, c.want)
		}
	}
}

// TestLoadSetCopies checks that an override through [*] gives each entry
// its own copy, so that a later override of one entry leaves the others,
// and that a value's column counts the spaces around "=".
func TestLoadSetCopies(t *testing.T) {
	t.Parallel()
	l, err := Load("better-together", Options{Sets: []string{
		"interventions[*].changes=[{path: services.community.caseload, to: 100}]",
		"interventions[0].changes[0].to=200",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := l.Interventions[0].Changes[0].To.Central, l.Interventions[1].Changes[0].To.Central; a != 200 || b != 100 {
		t.Errorf("changes[0].to: %v and %v, want 200 and 100", a, b)
	}
	_, err = Load("textbook-mmc", Options{Sets: []string{"services.ed.cubicles = abc"}})
	if want := `--set:1:24: services.ed.cubicles: want a whole number, not "abc"`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestLoadCensusFits checks what Load makes of beds cut below the beds
// occupied at the start (the census) that a base file set for its own
// beds: cut by --set or by a file extending it, the census is cut to the
// beds with a warning at the setting that cut them, in the decoded
// scenario and in the resolved file; set in one layer (one file, or both
// by --set), the two must agree.
func TestLoadCensusFits(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"base.yaml": "name: small\nstart: 2014-04-01\nhorizon: 1y\nservices:\n  acute:\n    enabled: true\n    beds: 400\n" +
			"    length_of_stay: {kind: exponential, mean: 5d}\n    pathways: {home: 1}\n    occupied: 380\n",
		"fewer.yaml":  "extends: base.yaml\nname: fewer\nservices:\n  acute:\n    beds: 300\n",
		"both.yaml":   "extends: base.yaml\nname: both\nservices:\n  acute:\n    beds: 300\n    occupied: 310\n",
		"census.yaml": "extends: base.yaml\nname: census\nservices:\n  acute:\n    occupied: 410\n",
	}
	read := func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
	cases := []struct {
		name     string
		ref      string
		sets     []string
		occupied int
		warning  string // "" for none
		err      string // "" for none
	}{
		{"beds above the census", "base.yaml", []string{"services.acute.beds=390"}, 380, "", ""},
		{"cut by --set", "base.yaml", []string{"services.acute.beds=350"}, 350,
			"--set:1:21: services.acute.occupied: 380 beds occupied at the start (base.yaml:10:15) are more than the 350 beds set here, so the run starts with all 350 occupied", ""},
		{"cut by an extending file", "fewer.yaml", nil, 300,
			"fewer.yaml:5:11: services.acute.occupied: 380 beds occupied at the start (base.yaml:10:15) are more than the 300 beds set here", ""},
		{"both by --set", "base.yaml", []string{"services.acute.beds=350", "services.acute.occupied=360"}, 0, "",
			"--set:2:25: services.acute.occupied: 360 beds occupied at the start, but only 350 beds"},
		{"both in one file", "both.yaml", nil, 0, "",
			"both.yaml:6:15: services.acute.occupied: 310 beds occupied at the start, but only 300 beds"},
		{"census raised above the beds", "census.yaml", nil, 0, "",
			"census.yaml:5:15: services.acute.occupied: 410 beds occupied at the start, but only 400 beds"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			l, err := Load(c.ref, Options{Sets: c.sets, ReadFile: read})
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one containing %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.Services.Acute.Occupied != c.occupied {
				t.Errorf("occupied %d, want %d", l.Services.Acute.Occupied, c.occupied)
			}
			switch {
			case c.warning == "" && len(l.Warnings) > 0:
				t.Errorf("warnings %v, want none", l.Warnings)
			case c.warning != "" && (len(l.Warnings) != 1 || !strings.HasPrefix(l.Warnings[0].Error(), c.warning)):
				t.Errorf("warnings %v, want one starting %q", l.Warnings, c.warning)
			}
			src, err := l.Resolved()
			if err != nil {
				t.Fatal(err)
			}
			if want := fmt.Sprintf("occupied: %d", c.occupied); !strings.Contains(string(src), want) {
				t.Errorf("resolved file lacks %q:\n%s", want, src)
			}
		})
	}
}

// TestBetterTogetherRepeatsEachFile checks that better-together, the
// whole programme, applies each intervention exactly as the built-in file
// of the same name does on its own, so that the parts and the whole are
// compared on the same terms: every intervention of better-together
// after the baseline's own, but the bed reconfiguration (the programme's
// consequence for the bed base, with no file of its own), is equal to the
// one of its name in NAME.yaml, which has it as its only addition.
func TestBetterTogetherRepeatsEachFile(t *testing.T) {
	t.Parallel()
	load := func(name string) *Loaded {
		t.Helper()
		l, err := Load(name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	base := len(load("baseline").Params.Interventions)
	bt := load("better-together").Params.Interventions[base:]
	n := 0
	for _, iv := range bt {
		if iv.Name == "bed-reconfiguration" {
			continue
		}
		n++
		own := load(iv.Name).Params.Interventions[base:]
		if len(own) != 1 || own[0].Name != iv.Name {
			t.Errorf("%s.yaml adds %d interventions to the baseline's, want its own one", iv.Name, len(own))
			continue
		}
		if !reflect.DeepEqual(own[0], iv) {
			t.Errorf("better-together's %s differs from %s.yaml's:\n%+v\n%+v", iv.Name, iv.Name, iv, own[0])
		}
	}
	if n != 11 {
		t.Errorf("better-together has %d of the programme's interventions, want the eleven with files of their own", n)
	}
}
