package scenarios

import (
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"caresim/sim/care"
	"caresim/sim/des"
	"caresim/sim/finance"
)

// This file makes the JSON Schema as strict as the schema language lets
// it be about what `caresim check` refuses, and its descriptions read by
// planners: the ranges of plain numbers (from checkBounds, which asks the
// checks), the fixed sets of names, and the parameter paths an
// intervention may change (from the types the decoder reads).

// nameSets are the fixed sets of names that the checks accept, by the doc
// key of the field that holds one (or a list of them). Organisations are
// added for every money field named Organisation (see nameSet).
var nameSets = map[string][]string{
	"care.Intervention.Payer":   finance.OrganisationNames,
	"finance.Organisation.Name": finance.OrganisationNames,
	"finance.Payment.Rule":      finance.Rules,
	"care.Route.Name":           care.RouteNames,
	"care.CallForCare.Routes":   care.CallRouteNames,
	"care.FrontDoor.Routes":     care.RouteNames,
}

// nameSet returns the names a text field (or a list of them) may hold, or
// nil for any text.
func nameSet(key string, f reflect.StructField) []string {
	if names, ok := nameSets[key]; ok {
		return names
	}
	if f.Name == "Organisation" && strings.HasPrefix(key, "finance.") && f.Type.Kind() == reflect.String {
		return finance.OrganisationNames
	}
	return nil
}

// constrain adds to p, the schema of field f whose doc key is key, the
// bounds its check sets on plain numbers, the names it takes, and for an
// intervention's path the parameter paths there are.
func (b *schemaBuilder) constrain(p *jsonSchema, key string, f reflect.StructField) error {
	set := func(s *jsonSchema, bd bound) {
		if bd.exclusive {
			s.ExclusiveMinimum = bd.min
		} else {
			s.Minimum = bd.min
		}
		s.Maximum = bd.max
	}
	if bd, ok := b.bounds[key]; ok {
		set(p, bd)
	}
	if bd, ok := b.bounds[key+"[]"]; ok && p.Items != nil {
		set(p.Items, bd)
	}
	if names := nameSet(key, f); names != nil {
		target := p
		if p.Items != nil {
			target = p.Items
		}
		target.Type, target.Enum = "string", slices.Clone(names)
	}
	if key == "care.Change.Path" {
		paths := paramPaths(reflect.TypeFor[care.Params](), "", "")
		var alts []string
		for _, u := range slices.Sorted(maps.Keys(paths)) {
			alts = append(alts, paths[u])
		}
		p.Type = "string"
		p.Pattern = "^(?:" + strings.Join(alts, "|") + ")$"
		p.ErrorMessage = "Want the path of a number parameter, such as services.acute.beds or population.age_bands[*].urgent: docs/parameters.md lists them all."
	}
	return nil
}

// unitWords say what each unit tag's numbers are, for descriptions.
var unitWords = map[string]string{
	"duration":        "a duration, written with its unit (2d, 36h, 3w, 6mo, 1y)",
	"signed-duration": "a change to a duration, with its unit and a sign (-0.5d, +2h)",
	"money":           "pounds (£124, £1.2m, 250k)",
	"fraction":        "a fraction, 0.15 or 15% (15 would mean 1500%)",
	"factor":          "a factor (0.85 or 85%)",
	"rate":            "a rate per day (12 per day, 3.5/h, 200 a year)",
	"per-head":        "a rate per person (330 per 1000 per year)",
	"date":            "a date (2014-04-01)",
}

// describe returns the description of field f (doc key key, unit unit)
// for a planner: its doc comment without the Go name it starts with
// ("Beds is the staffed beds." reads "The staffed beds."), or the doc of
// its type, then its unit and the range its check accepts.
func (b *schemaBuilder) describe(key string, f reflect.StructField, unit string) string {
	doc := b.plainDoc(key, f)
	if w, ok := unitWords[unit]; ok {
		doc += " Unit: " + w + "."
	}
	if bd, ok := b.bounds[key]; ok {
		doc += " Range: " + bd.String() + "."
	} else if bd, ok := b.bounds[key+"[]"]; ok {
		doc += " Each: " + bd.String() + "."
	}
	if names := nameSet(key, f); names != nil {
		doc += " One of: " + strings.Join(names, ", ") + "."
	}
	return doc
}

// plainDoc returns the doc of field f (doc key key) for a planner: its
// comment, or its type's, without the Go name it starts with; or, for a
// field without either (one of several declared together), its key and
// the first sentence of the doc of the type holding it.
func (b *schemaBuilder) plainDoc(key string, f reflect.StructField) string {
	doc := b.docs[key]
	if doc == "" {
		t := f.Type
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		doc = b.docs[typeKey(t)]
		if doc != "" {
			return planner(doc, t.Name())
		}
	}
	if doc != "" {
		return planner(doc, f.Name)
	}
	ownerKey := key[:strings.LastIndex(key, ".")]
	od := b.docs[ownerKey]
	if i := strings.Index(od, ". "); i >= 0 {
		od = od[:i+1]
	}
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "" {
		name = strings.ToLower(f.Name)
	}
	if od == "" {
		return "The " + strings.ReplaceAll(name, "_", " ") + " setting."
	}
	return "The " + strings.ReplaceAll(name, "_", " ") + " of: " + planner(od, ownerKey[strings.LastIndex(ownerKey, ".")+1:])
}

// planner rewrites a Go doc comment that starts with its field's name:
// "Beds is the staffed beds." becomes "The staffed beds.", "Divert, when
// true, sends" becomes "When true, sends".
func planner(doc, name string) string {
	for _, lead := range []string{name + " is ", name + " are ", name + ", ", name + " "} {
		if rest, ok := strings.CutPrefix(doc, lead); ok && rest != "" {
			r, n := utf8.DecodeRuneInString(rest)
			return string(unicode.ToUpper(r)) + rest[n:]
		}
	}
	return doc
}

// schemaLimits is the root description of the schema: what it checks, and
// which mistakes only caresim check finds and why.
const schemaLimits = "A caresim scenario: the parameters of a run of the local health and social care system, and the interventions that change them. " +
	"This schema checks each value on its own: keys, units, the range of a plain number, names from fixed sets (organisations, payment rules, routes, distribution kinds) and the parameter paths of interventions. " +
	"Run caresim check for what it cannot see, as JSON Schema compares no two values and does not read units in text: " +
	"shares that must sum to 1 (routes, pathways, age bands), counts that must agree (beds occupied at most the beds), names unique across a list or defined elsewhere in the file (risk strata to enrol, a payer the money section lists), " +
	"dates inside the horizon, which parameters a distribution's kind takes, the range of a value an intervention's to or add reaches (its bound depends on the path beside it), " +
	"ranges of numbers written as text (150% for a fraction), and the order of a duration's units (12h1d)."

// defName names the definition of struct type t in a planner's words:
// acute, unit-costs, distribution. A name two packages share (the model's
// parameters and the money's), or a unit's (rate), takes the package's
// name before it.
func (b *schemaBuilder) defName(t reflect.Type) string {
	name := t.Name()
	switch t {
	case reflect.TypeFor[des.Dist]():
		name = "Distribution"
	case reflect.TypeFor[finance.Params]():
		name = "Money"
	}
	var w strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(name[:i])
			next, _ := utf8.DecodeRuneInString(name[i+utf8.RuneLen(r):])
			if unicode.IsLower(prev) || (next != utf8.RuneError && unicode.IsLower(next)) {
				w.WriteByte('-')
			}
		}
		w.WriteRune(unicode.ToLower(r))
	}
	n := w.String()
	if b.defTypes == nil {
		b.defTypes = map[string]reflect.Type{}
	}
	_, isUnit := unitWords[n]
	if other, ok := b.defTypes[n]; isUnit || n == "quantity" || ok && other != t {
		n = path.Base(t.PkgPath()) + "-" + n
	}
	b.defTypes[n] = t
	return n
}
