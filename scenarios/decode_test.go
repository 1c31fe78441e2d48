package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caresim/internal/golden"
	"caresim/sim/des"
)

// ward and system stand in for the model's parameter types: plain Go
// structs with yaml and unit tags, no YAML code.
type ward struct {
	Beds     int      `yaml:"beds"`
	Stay     des.Dist `yaml:"stay"`
	BedDay   float64  `yaml:"cost_per_bed_day" unit:"money"`
	Enabled  bool     `yaml:"enabled"`
	Discharg float64  `yaml:"discharge_share" unit:"fraction"`
}

type system struct {
	Name     string   `yaml:"name"`
	Start    des.Date `yaml:"start"`
	Horizon  des.Time `yaml:"horizon"`
	Seed     int      `yaml:"seed"`
	Arrivals float64  `yaml:"arrivals" unit:"rate"`
	Demand   float64  `yaml:"demand" unit:"per-head"`
	Services struct {
		Acute ward `yaml:"acute"`
		IC    ward `yaml:"intermediate_care"`
	} `yaml:"services"`
	Localities []string `yaml:"localities"`
}

func TestDecodeGood(t *testing.T) {
	t.Parallel()
	src := `
name: Mid-Nottinghamshire
start: 2014-04-01
horizon: 10y
seed: 42
arrivals: 400 per day
demand: 120 per 1000 per year
services:
  acute:
    beds: 620
    stay: {kind: lognormal, mean: 6, sd: 8}
    cost_per_bed_day: £395
    enabled: true
    discharge_share: 15%
localities: [Mansfield, Ashfield, Newark, Sherwood]
`
	var s system
	pos, err := Decode("base.yaml", []byte(src), &s)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "Mid-Nottinghamshire" || s.Start != (des.Date{Year: 2014, Month: 4, Day: 1}) || s.Seed != 42 {
		t.Errorf("metadata: %+v", s)
	}
	if s.Horizon != 10*des.Year || s.Arrivals != 400 || s.Demand != 120.0/1000/365.2425 {
		t.Errorf("units: horizon %v arrivals %v demand %v", s.Horizon, s.Arrivals, s.Demand)
	}
	a := s.Services.Acute
	if a.Beds != 620 || a.BedDay != 395 || !a.Enabled || a.Discharg != 0.15 || a.Stay.Kind != des.DistLogNormal || a.Stay.Mean != 6 {
		t.Errorf("acute: %+v", a)
	}
	if len(s.Localities) != 4 || s.Localities[3] != "Sherwood" {
		t.Errorf("localities: %v", s.Localities)
	}
	if p := pos["services.acute.beds"]; p.Line != 10 || p.Col != 11 {
		t.Errorf("position of services.acute.beds: %+v, want line 10 col 11", p)
	}
	if p := pos["localities[2]"]; p.Line != 15 {
		t.Errorf("position of localities[2]: %+v", p)
	}
}

// TestDecodeErrors decodes the broken files in testdata/decode and
// compares the full error list with NAME.errors beside each; -update
// rewrites those.
func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/decode/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var s system
			_, derr := Decode(filepath.Base(f), src, &s)
			got := ""
			if derr != nil {
				got = derr.Error() + "\n"
			}
			golden.Check(t, strings.TrimSuffix(f, ".yaml")+".errors", got)
		})
	}
}

// TestDecodeAliasBombs checks that an alias cycle and exponential alias
// expansion ("billion laughs") end quickly in a few positioned errors: the
// decoder explores only as deep as the parameter types go, and a node
// budget and depth limit guard that.
func TestDecodeAliasBombs(t *testing.T) {
	t.Parallel()
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h"} {
		laughs += n + ": &" + n + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = n
	}
	laughs += "localities: *h\n"
	cases := []struct {
		name, src string
		errs      int
	}{
		// a..h are unknown keys (8), and each of the 10 localities is a list, not text.
		{"laughs", laughs, 18},
		// The alias brings back the services mapping, whose key acute is unknown in a ward.
		{"cycle", "services: &s {acute: *s}\n", 1},
	}
	for _, c := range cases {
		var sys system
		_, err := Decode("bomb.yaml", []byte(c.src), &sys)
		var list ErrorList
		if !errors.As(err, &list) || len(list) != c.errs {
			t.Errorf("%s: want %d errors, got %v", c.name, c.errs, err)
		}
	}
}

func TestErrorListAs(t *testing.T) {
	t.Parallel()
	var s system
	_, err := Decode("x.yaml", []byte("beds: 3\n"), &s)
	var e *Error
	if !errors.As(err, &e) || e.Line != 1 || e.Field != "beds" {
		t.Fatalf("errors.As: %v %+v", err, e)
	}
}

// FuzzDecode checks that no input makes the decoder panic and that every
// error it reports has a file, line and column.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/decode/*.yaml")
	for _, p := range seeds {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Add([]byte("services: {acute: {beds: 10, stay: {kind: exponential, mean: 4}}}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var s system
		_, err := Decode("f.yaml", src, &s)
		if err == nil {
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a non-empty ErrorList: %v", err)
		}
		for _, e := range list {
			if e.File != "f.yaml" || e.Line < 1 || e.Col < 1 {
				t.Fatalf("error without a position: %q", e.Error())
			}
		}
	})
}
