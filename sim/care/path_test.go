package care_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"caresim/sim/care"
)

func TestParsePath(t *testing.T) {
	t.Parallel()
	key := func(k string) care.Step { return care.Step{Key: k} }
	index := func(i int) care.Step { return care.Step{Index: i, IsIndex: true} }
	name := func(n string) care.Step { return care.Step{Name: n} }
	all := care.Step{All: true}
	cases := []struct {
		path string
		want []care.Step
	}{
		{"horizon", []care.Step{key("horizon")}},
		{"services.acute.beds", []care.Step{key("services"), key("acute"), key("beds")}},
		{"population.age_bands[2].urgent", []care.Step{key("population"), key("age_bands"), index(2), key("urgent")}},
		{"population.age_bands[*].urgent", []care.Step{key("population"), key("age_bands"), all, key("urgent")}},
		// A dotted name is a Key until it is resolved against a list.
		{"population.localities.Mansfield.people", []care.Step{key("population"), key("localities"), key("Mansfield"), key("people")}},
		{"population.localities[Mansfield].people", []care.Step{key("population"), key("localities"), name("Mansfield"), key("people")}},
		{"interventions.prism.changes[0].scale", []care.Step{key("interventions"), key("prism"), key("changes"), index(0), key("scale")}},
		// Brackets may follow one another and end the path; a bracketed
		// name may hold dots and spaces, which a dotted one may not.
		{"a[1][*]", []care.Step{key("a"), index(1), all}},
		{"a[0010]", []care.Step{key("a"), index(10)}},
		{"localities[Newark and Sherwood].people", []care.Step{key("localities"), name("Newark and Sherwood"), key("people")}},
		{"localities[St. Albans]", []care.Step{key("localities"), name("St. Albans")}},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			t.Parallel()
			got, err := care.ParsePath(c.path)
			if err != nil {
				t.Fatalf("ParsePath(%q): %v", c.path, err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("ParsePath(%q) =\n%+v\nwant\n%+v", c.path, got, c.want)
			}
		})
	}
}

func TestParsePathErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		path string
		msg  string // part of the error
	}{
		{"", "empty parameter path"},
		{"a..b", "empty name"},
		{"a.", "ends with '.'"},
		{"a[", "'[' without ']'"},
		{"a[0", "'[' without ']'"},
		{"a[]", "empty []"},
		{"a[-1]", "negative index -1"},
		{".a", "empty name"},
		{"[0].a", "empty name"},
		{"a]b", `bad name "a]b"`},
		{"a b", `bad name "a b"`},
		{"a[0]b", `want '.' or '[' after "a[0]"`},
		{"a[0]]", `want '.' or '[' after "a[0]"`},
		{"a[0].", "ends with '.'"},
		// A bracket follows a name directly: a dot before it is an empty name.
		{"a.[0]", "empty name"},
		{"a.[*].b", "empty name"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			t.Parallel()
			steps, err := care.ParsePath(c.path)
			if err == nil {
				t.Fatalf("ParsePath(%q) = %+v, want an error", c.path, steps)
			}
			if want := `parameter path "` + c.path + `"`; c.path != "" && !strings.HasPrefix(err.Error(), want) {
				t.Errorf("ParsePath(%q) error %q does not start with %s", c.path, err, want)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("ParsePath(%q) error %q, want …%s…", c.path, err, c.msg)
			}
		})
	}
}

func TestStepString(t *testing.T) {
	t.Parallel()
	cases := []struct {
		step care.Step
		want string
	}{
		{care.Step{Key: "beds"}, "beds"},
		{care.Step{Index: 0, IsIndex: true}, "[0]"},
		{care.Step{Index: 12, IsIndex: true}, "[12]"},
		{care.Step{Name: "Mansfield"}, "[Mansfield]"},
		{care.Step{All: true}, "[*]"},
	}
	for _, c := range cases {
		if got := c.step.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.step, got, c.want)
		}
	}
}

// number is the expected path, unit, integer-ness and value of a Number.
type number struct {
	path    string
	unit    string
	integer bool
	value   float64
}

// checkNumbers fails unless ns are exactly want, in order.
func checkNumbers(t *testing.T, ns []care.Number, want []number) {
	t.Helper()
	if len(ns) != len(want) {
		t.Errorf("got %d numbers, want %d", len(ns), len(want))
	}
	for i := range min(len(ns), len(want)) {
		n, w := ns[i], want[i]
		got := number{n.Path, n.Unit, n.Integer(), n.Get()}
		if got != w {
			t.Errorf("number %d = %+v, want %+v", i, got, w)
		}
	}
}

func TestNumbers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		path string
		want []number
	}{
		// Values from validParams.
		{"horizon", []number{{"horizon", "duration", false, 365}}},
		{"services.acute.beds", []number{{"services.acute.beds", "", true, 600}}},
		{"services.acute.readmit", []number{{"services.acute.readmit", "fraction", false, 0.08}}},
		{"services.acute.pathways.reablement", []number{{"services.acute.pathways.reablement", "fraction", false, 0.12}}},
		{"population.age_bands[2].urgent", []number{{"population.age_bands[2].urgent", "per-head", false, 0.9 / yr}}},
		{"population.age_bands[*].urgent", []number{
			{"population.age_bands[0].urgent", "per-head", false, 0.3 / yr},
			{"population.age_bands[1].urgent", "per-head", false, 0.5 / yr},
			{"population.age_bands[2].urgent", "per-head", false, 0.9 / yr},
		}},
		// A list element by name gets its index in the concrete path.
		{"population.localities.Ashfield.people", []number{{"population.localities[1].people", "", false, 120_000}}},
		{"population.localities[Ashfield].people", []number{{"population.localities[1].people", "", false, 120_000}}},
		{"population.risk_strata.high.urgent_ratio", []number{{"population.risk_strata[2].urgent_ratio", "", false, 4}}},
		// A list of numbers keeps the unit of the field that holds it.
		{"population.localities[0].age_shares[1]", []number{{"population.localities[0].age_shares[1]", "fraction", false, 0.15}}},
		{"population.localities[Mansfield].age_shares[*]", []number{
			{"population.localities[0].age_shares[0]", "fraction", false, 0.8},
			{"population.localities[0].age_shares[1]", "fraction", false, 0.15},
			{"population.localities[0].age_shares[2]", "fraction", false, 0.05},
		}},
		{"population.age_bands[*].risk_shares[2]", []number{
			{"population.age_bands[0].risk_shares[2]", "fraction", false, 0.02},
			{"population.age_bands[1].risk_shares[2]", "fraction", false, 0.1},
			{"population.age_bands[2].risk_shares[2]", "fraction", false, 0.3},
		}},
		// A Dist's parameters in the quantity's unit take the unit of the
		// field holding the Dist; its shape is a plain number.
		{"services.acute.length_of_stay.mean", []number{{"services.acute.length_of_stay.mean", "duration", false, 6}}},
		{"services.acute.length_of_stay.sd", []number{{"services.acute.length_of_stay.sd", "duration", false, 8}}},
		{"services.intermediate_care.length_of_stay.shape", []number{{"services.intermediate_care.length_of_stay.shape", "", false, 2}}},
		{"services.intermediate_care.length_of_stay.scale", []number{{"services.intermediate_care.length_of_stay.scale", "duration", false, 10}}},
		// Through a pointer, and through a name of a list of interventions.
		{"interventions.prism.changes[0].to.central", []number{{"interventions[0].changes[0].to.central", "", false, 4000}}},
		{"interventions[0].recurrent", []number{{"interventions[0].recurrent", "money", false, 2e6}}},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			t.Parallel()
			ns, err := validParams().Numbers(c.path)
			if err != nil {
				t.Fatalf("Numbers(%q): %v", c.path, err)
			}
			checkNumbers(t, ns, c.want)
		})
	}
}

func TestNumbersSet(t *testing.T) {
	t.Parallel()
	p := validParams()
	set := func(path string, x float64) {
		t.Helper()
		ns, err := p.Numbers(path)
		if err != nil {
			t.Fatalf("Numbers(%q): %v", path, err)
		}
		for _, n := range ns {
			n.Set(x)
		}
	}

	// Integers round to the nearest whole number, halves away from zero.
	cases := []struct {
		x    float64
		want int
	}{{620.6, 621}, {620.4, 620}, {620.5, 621}, {0.49, 0}}
	for _, c := range cases {
		set("services.acute.beds", c.x)
		if got := p.Services.Acute.Beds; got != c.want {
			t.Errorf("Set(%v) on beds: Beds = %d, want %d", c.x, got, c.want)
		}
	}

	set("population.localities.Ashfield.people", 125_000)
	set("population.localities[Mansfield].age_shares[2]", 0.07)
	set("population.age_bands[*].urgent", 0.4)
	set("services.acute.length_of_stay.mean", 5.5)
	set("interventions.prism.changes[0].to.high", 4500)
	set("horizon", 730)

	if got := p.Population.Localities[1].People; got != 125_000 {
		t.Errorf("Ashfield's people = %v, want 125000", got)
	}
	if got := p.Population.Localities[0].AgeShares; !slices.Equal(got, []float64{0.8, 0.15, 0.07}) {
		t.Errorf("Mansfield's age_shares = %v, want [0.8 0.15 0.07]", got)
	}
	for i, a := range p.Population.AgeBands {
		if a.Urgent != 0.4 {
			t.Errorf("age_bands[%d].urgent = %v, want 0.4", i, a.Urgent)
		}
	}
	if got := p.Services.Acute.LengthOfStay.Mean; got != 5.5 {
		t.Errorf("length_of_stay.mean = %v, want 5.5", got)
	}
	if got := *p.Interventions[0].Changes[0].To; got != (care.Effect{Low: 3000, Central: 4000, High: 4500}) {
		t.Errorf("changes[0].to = %+v, want {3000 4000 4500}", got)
	}
	if got := p.Horizon; got != 730 {
		t.Errorf("horizon = %v, want 730", got)
	}
	// Nothing else moved.
	q := validParams()
	if p.Population.Localities[0].People != q.Population.Localities[0].People ||
		p.Services.Acute.LengthOfStay.SD != q.Services.Acute.LengthOfStay.SD ||
		p.Population.AgeBands[1].Elective != q.Population.AgeBands[1].Elective {
		t.Error("setting some numbers changed others")
	}

	// A Number read after Set sees the new value.
	ns, _ := p.Numbers("services.acute.beds")
	ns[0].Set(599.7)
	if got := ns[0].Get(); got != 600 {
		t.Errorf("Get after Set(599.7) on beds = %v, want 600", got)
	}
}

func TestNumbersErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		path  string
		at    string
		msg   string
		known []string
	}{
		{"services.acute.bedz", "services.acute.bedz", `unknown key "bedz"`,
			[]string{"enabled", "beds", "divert", "length_of_stay", "assessment", "pathways", "readmit", "occupied", "management", "discharge", "early_discharge", "staff"}},
		{"servces.acute.beds", "servces", `unknown key "servces"`,
			[]string{"start", "horizon", "warm_up", "population", "demand", "services", "workforce", "interventions"}},
		{"population.localities.Newark.people", "population.localities.Newark",
			`no element named "Newark" in population.localities`, []string{"Mansfield", "Ashfield"}},
		{"population.localities[Newark].people", "population.localities[Newark]",
			`no element named "Newark" in population.localities`, []string{"Mansfield", "Ashfield"}},
		{"population.age_bands[3].urgent", "population.age_bands[3]",
			"index 3 out of range: population.age_bands has 3", nil},
		{"population.localities[0].age_shares[3]", "population.localities[0].age_shares[3]",
			"index 3 out of range: population.localities[0].age_shares has 3", nil},
		{"population.localities[0].age_shares.first", "population.localities[0].age_shares.first",
			"population.localities[0].age_shares is a list without names: choose an element by [index] or [*]", nil},
		{"services.acute", "services.acute", "names a mapping, not a number", nil},
		{"services.acute.enabled", "services.acute.enabled", "names a true/false switch, not a number", nil},
		{"population.localities[0].name", "population.localities[0].name", "names text, not a number", nil},
		{"population.age_bands", "population.age_bands", "names a list, not a number", nil},
		{"services.acute.beds.max", "services.acute.beds.max", "services.acute.beds is not a mapping or a list", nil},
		{"services[0].beds", "services[0]", "is not a list", nil},
		{"services.acute[*]", "services.acute[*]", "is not a list", nil},
		// changes[1] scales, so it has no "to".
		{"interventions[0].changes[1].to.central", "interventions[0].changes[1].to", "is not set", nil},
		{"interventions[0].changes[*].to.central", "interventions[0].changes[1].to", "is not set", nil},
		// A path that does not parse.
		{"services..beds", "services..beds", "empty name", nil},
		{"services.acute.[0]", "services.acute.[0]", "empty name", nil},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			t.Parallel()
			ns, err := validParams().Numbers(c.path)
			if err == nil {
				t.Fatalf("Numbers(%q) = %d numbers, want an error", c.path, len(ns))
			}
			if ns != nil {
				t.Errorf("Numbers(%q) returned %d numbers with its error", c.path, len(ns))
			}
			var pe *care.PathError
			if !errors.As(err, &pe) {
				t.Fatalf("Numbers(%q) error is a %T, not a *care.PathError: %v", c.path, err, err)
			}
			if pe.Path != c.path || pe.At != c.at || pe.Msg != c.msg || !slices.Equal(pe.Known, c.known) {
				t.Errorf("Numbers(%q) error = %+v\nwant {Path:%s At:%s Msg:%s Known:%v}", c.path, *pe, c.path, c.at, c.msg, c.known)
			}
			if want := `parameter path "` + c.path + `": ` + c.msg; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err, want)
			}
		})
	}
}

// TestNumbersEmptyList documents that [*] over an empty list names no
// parameters and is not an error.
func TestNumbersEmptyList(t *testing.T) {
	t.Parallel()
	p := validParams()
	p.Interventions = nil
	ns, err := p.Numbers("interventions[*].recurrent")
	if err != nil || len(ns) != 0 {
		t.Errorf("Numbers over no interventions = %d numbers, %v; want none and no error", len(ns), err)
	}
}

func TestUnitOf(t *testing.T) {
	t.Parallel()
	cases := []struct {
		path string
		want string
	}{
		{"services.acute.beds", ""},
		{"horizon", "duration"},
		{"services.acute.readmit", "fraction"},
		{"demand.urgent.trend", "fraction"},
		{"demand.urgent.routes[*].per_day", "rate"},
		{"population.age_bands[2].urgent", "per-head"},
		{"population.age_bands[*].care_home", "per-head"},
		{"population.localities[0].age_shares[1]", "fraction"},
		// Names and indexes are not checked against contents: there is
		// no list to check them against.
		{"population.localities.Nowhere.people", ""},
		{"population.age_bands[99].urgent", "per-head"},
		{"interventions.prism.setup", "money"},
		{"services.acute.length_of_stay.mean", "duration"},
		{"services.acute.length_of_stay.median", "duration"},
		{"services.elective.decision.min", "duration"},
		{"services.acute.length_of_stay.shape", ""},
		{"interventions[0].changes[0].scale.central", "factor"}, // a factor, which may be written as a percentage
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			t.Parallel()
			got, err := care.UnitOf(c.path)
			if err != nil {
				t.Fatalf("UnitOf(%q): %v", c.path, err)
			}
			if got != c.want {
				t.Errorf("UnitOf(%q) = %q, want %q", c.path, got, c.want)
			}
		})
	}
}

// TestUnitOfNumbers checks that UnitOf and Numbers agree on every path
// that both accept.
func TestUnitOfNumbers(t *testing.T) {
	t.Parallel()
	for _, path := range []string{
		"services.acute.beds",
		"services.acute.length_of_stay.mean",
		"services.reablement.duration.max",
		"services.reablement.outcomes.died",
		"population.age_bands[*].risk_shares[*]",
		"population.localities.Mansfield.people",
		"interventions.prism.changes[0].to.low",
		"interventions[0].ramp",
	} {
		unit, err := care.UnitOf(path)
		if err != nil {
			t.Errorf("UnitOf(%q): %v", path, err)
			continue
		}
		ns, err := validParams().Numbers(path)
		if err != nil {
			t.Errorf("Numbers(%q): %v", path, err)
			continue
		}
		for _, n := range ns {
			if n.Unit != unit {
				t.Errorf("Numbers(%q): %s has unit %q; UnitOf says %q", path, n.Path, n.Unit, unit)
			}
		}
	}
}

func TestUnitOfErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		path string
		msg  string
	}{
		{"services.acute", "not a number"},
		{"services.acute.enabled", "not a number"},
		{"population.localities[0].name", "not a number"},
		{"population.age_bands", "not a number"},
		{"services.acute.length_of_stay", "not a number"},
		{"services.acute.bedz", `unknown key "bedz"`},
		{"servces.acute.beds", `unknown key "servces"`},
		{"services.acute.length_of_stay.sigma", `unknown key "sigma"`},
		{"services[0].beds", "[0] is not a list"},
		{"services.acute.beds.max", "services.acute.beds is not a mapping"},
		{"population.localities[0].people.x", "population.localities[0].people is not a mapping"},
		{"population.localities[*].people[0]", "population.localities[*].people is not a mapping"},
		{"population.localities[0].age_shares.first", "population.localities[0].age_shares is a list without names"},
		{"services..beds", "empty name"},
		{"", "empty parameter path"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			t.Parallel()
			unit, err := care.UnitOf(c.path)
			if err == nil {
				t.Fatalf("UnitOf(%q) = %q, want an error", c.path, unit)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("UnitOf(%q) error %q, want …%s…", c.path, err, c.msg)
			}
		})
	}
}
