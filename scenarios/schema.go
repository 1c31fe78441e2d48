package scenarios

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"caresim/sim/care"
)

//go:generate go run gen_schema_docs.go
//go:generate go run gen_schema.go

// SchemaFile and ReferenceFile are the generated schema and parameter
// reference, relative to this package's folder: the built-in scenarios
// name SchemaFile by a relative path on their first line, so that editors
// find it offline.
const (
	SchemaFile    = "scenario.schema.json"
	ReferenceFile = "../docs/parameters.md"
)

// SchemaID is the $id of the scenario language's JSON Schema: the address
// that a scenario file's first line names for editors, as in
//
//	# yaml-language-server: $schema=https://caresim.dev/schema/scenario.json
const SchemaID = "https://caresim.dev/schema/scenario.json"

// Schema returns the JSON Schema (draft 2020-12) of a scenario file,
// indented, for editors to complete and check scenario YAML. It is built
// by reflection over [Scenario] with the decoder's own rules, so it cannot
// drift from the types: keys are the yaml tags (or lower-cased field
// names), every mapping has additionalProperties false, and numbers take
// the forms their unit tag allows, as text patterns beside plain numbers.
// Descriptions are the fields' Go doc comments.
//
// It is as strict as `caresim check` where the schema language can be:
// plain numbers have the minimum and maximum that the checks accept,
// found by asking the checks (checkBounds), names from fixed sets
// (organisations and payers, payment rules, routes, distribution kinds)
// are enums, and an intervention's path must name a parameter, by a
// pattern made from the types the decoder reads. What only check finds is
// said in the schema's own description (schemaLimits), and each mistake
// of testdata/mistakes is refused by both (TestSchemaMistakes).
//
// The schema accepts what [Decode] accepts, except quoted plain numbers
// ("12" where a count is wanted) and numbers out of their check's range,
// and rejects most of what it rejects:
// unknown keys, lists for mappings, unknown distribution kinds, text that
// no unit parser reads ("6x", "10 dayz"), and numbers without the unit a
// duration or a rate per head needs (horizon: 10; 0 needs none). It does
// not check what the decoder leaves to later checks across fields (shares
// summing to 1, which distribution parameters go with which kind, ranges
// of numbers written as text), and its unit patterns accept a little
// more than the parsers: they check neither the order of a duration's
// units, nor thousands separators, nor one point in a number, nor numbers
// too large, nor a zero population, nor that a date's day exists.
// FuzzUnitPatterns and FuzzSchemaDecode check that this is all. Text
// fields take any scalar, as the decoder reads a number there as its
// text. Nothing is required, so a file that extends another may give
// only what it changes.
//
// Units are described under $defs: duration, signed-duration (a change
// to one), money, fraction, factor (a scale), rate, per-head and date. An
// intervention's to and add take the unit of the parameter its path
// names: the change's schema has a rule for each unit, whose "if" matches
// the paths of the parameters in it; a path that names none leaves them
// any quantity.
func Schema() ([]byte, error) {
	bounds, err := checkBounds()
	if err != nil {
		return nil, err
	}
	b := schemaBuilder{docs: schemaDocs, defs: map[string]*jsonSchema{}, bounds: bounds}
	root, err := b.fields(reflect.TypeFor[Scenario](), "")
	if err != nil {
		return nil, err
	}
	root.Schema = "https://json-schema.org/draft/2020-12/schema"
	root.ID = SchemaID
	root.Title = "caresim scenario"
	root.Description = schemaLimits
	for _, name := range b.order {
		root.Defs = append(root.Defs, member{name, b.defs[name]})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// jsonSchema is the part of JSON Schema that Schema writes, with keys in a
// fixed order so that the output is stable and readable.
type jsonSchema struct {
	Schema               string        `json:"$schema,omitempty"`
	ID                   string        `json:"$id,omitempty"`
	Ref                  string        `json:"$ref,omitempty"`
	Title                string        `json:"title,omitempty"`
	Description          string        `json:"description,omitempty"`
	Type                 any           `json:"type,omitempty"` // a name or a list of names
	Enum                 []string      `json:"enum,omitempty"`
	Pattern              string        `json:"pattern,omitempty"`
	ErrorMessage         string        `json:"errorMessage,omitempty"` // shown instead of the pattern (ajv-errors, YAML language server)
	Minimum              *float64      `json:"minimum,omitempty"`
	ExclusiveMinimum     *float64      `json:"exclusiveMinimum,omitempty"`
	Maximum              *float64      `json:"maximum,omitempty"`
	Items                *jsonSchema   `json:"items,omitempty"`
	AnyOf                []*jsonSchema `json:"anyOf,omitempty"`
	AllOf                []*jsonSchema `json:"allOf,omitempty"`
	If                   *jsonSchema   `json:"if,omitempty"`
	Then                 *jsonSchema   `json:"then,omitempty"`
	Required             []string      `json:"required,omitempty"`
	Properties           members       `json:"properties,omitempty"`
	AdditionalProperties *bool         `json:"additionalProperties,omitempty"`
	Defs                 members       `json:"$defs,omitempty"`
}

// member is one named schema of an object such as properties.
type member struct {
	name   string
	schema *jsonSchema
}

// members marshal as a JSON object whose keys keep their order.
type members []member

func (ms members) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // descriptions say ">= 0"
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		// Encode ends each value with a newline, which JSON allows.
		if err := enc.Encode(m.name); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := enc.Encode(m.schema); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// schemaBuilder turns Go types into schemas, collecting the definitions
// that they refer to.
type schemaBuilder struct {
	docs     map[string]string
	bounds   map[string]bound        // by doc key, as checkBounds finds them
	defTypes map[string]reflect.Type // the type each definition name was given to
	defs     map[string]*jsonSchema
	order    []string // of defs, by first use
}

// ref returns a reference to the definition name, which build builds the
// first time.
func (b *schemaBuilder) ref(name string, build func() (*jsonSchema, error)) (*jsonSchema, error) {
	if _, ok := b.defs[name]; !ok {
		b.defs[name] = nil // taken, for recursive types
		b.order = append(b.order, name)
		s, err := build()
		if err != nil {
			return nil, err
		}
		b.defs[name] = s
	}
	return &jsonSchema{Ref: "#/$defs/" + name}, nil
}

// forType returns the schema of a value of type t in the given unit,
// following the cases of decoder.decode in its order.
func (b *schemaBuilder) forType(t reflect.Type, unit string) (*jsonSchema, error) {
	if t.Kind() == reflect.Pointer {
		s, err := b.forType(t.Elem(), unit)
		if err != nil {
			return nil, err
		}
		alts := []*jsonSchema{s}
		if s.AnyOf != nil && s.Type == nil && s.Ref == "" {
			alts = s.AnyOf // flatten, as for an effect
		}
		return &jsonSchema{AnyOf: append([]*jsonSchema{{Type: "null"}}, alts...)}, nil
	}
	if reflect.PointerTo(t).Implements(textType) {
		return b.text(t)
	}
	switch t {
	case timeType:
		return b.unit("duration")
	case dateType:
		return b.unit("date")
	case effectType:
		// One number in the unit, or a mapping {low, central, high}.
		one, err := b.unit(unit)
		if err != nil {
			return nil, err
		}
		m, err := b.object(t, unit)
		if err != nil {
			return nil, err
		}
		return &jsonSchema{AnyOf: []*jsonSchema{one, m}}, nil
	}
	switch t.Kind() {
	case reflect.Struct:
		return b.object(t, unit)
	case reflect.Slice:
		items, err := b.forType(t.Elem(), unit)
		if err != nil {
			return nil, err
		}
		return &jsonSchema{Type: "array", Items: items}, nil
	case reflect.Float64, reflect.Float32:
		return b.unit(unit)
	case reflect.Int, reflect.Int32, reflect.Int64:
		return &jsonSchema{Type: "integer"}, nil
	case reflect.Uint, reflect.Uint32, reflect.Uint64:
		zero := 0.0
		return &jsonSchema{Type: "integer", Minimum: &zero}, nil
	case reflect.Bool:
		return &jsonSchema{Type: "boolean"}, nil
	case reflect.String:
		return &jsonSchema{Type: []string{"string", "number", "boolean"}}, nil
	}
	return nil, fmt.Errorf("scenarios: schema: cannot describe %v, which the decoder does not read", t)
}

// text returns the schema of a type read from a scalar's text by
// UnmarshalText. An integer type whose values marshal to text, such as
// des.DistKind, is an enum of those texts.
func (b *schemaBuilder) text(t reflect.Type) (*jsonSchema, error) {
	s := &jsonSchema{Type: "string"}
	if !t.Implements(reflect.TypeFor[encoding.TextMarshaler]()) {
		return s, nil
	}
	switch t.Kind() {
	case reflect.Uint8, reflect.Int8:
		for i := range 256 {
			v := reflect.New(t).Elem()
			if t.Kind() == reflect.Uint8 {
				v.SetUint(uint64(i))
			} else {
				v.SetInt(int64(int8(i)))
			}
			if txt, err := v.Interface().(encoding.TextMarshaler).MarshalText(); err == nil {
				s.Enum = append(s.Enum, string(txt))
			}
		}
	}
	return s, nil
}

// object returns the schema of a mapping decoded into struct type t: a
// reference to a definition named after the type, or the schema itself
// for an unnamed type. unit is the unit of the field holding it, passed to
// fields tagged unit:"@"; the definition's name has it
// (distribution-of-duration) when such fields use it. Names are in a
// planner's words, as validators print them in messages.
func (b *schemaBuilder) object(t reflect.Type, unit string) (*jsonSchema, error) {
	if t.Name() == "" {
		return b.fields(t, unit)
	}
	name := b.defName(t)
	if unit != "" && usesUnit(t) {
		name += "-of-" + unit
	}
	return b.ref(name, func() (*jsonSchema, error) { return b.fields(t, unit) })
}

// fields returns the schema of a mapping decoded into struct type t, its
// keys as the decoder knows them (structFields), each described by its
// field's doc comment.
func (b *schemaBuilder) fields(t reflect.Type, unit string) (*jsonSchema, error) {
	s := &jsonSchema{Type: "object", Description: b.docs[typeKey(t)], AdditionalProperties: new(bool)}
	fields := structFields(t)
	for _, name := range fields.names {
		f := fields.byName[name]
		fu := f.unit
		switch fu {
		case "@":
			fu = unit
		case "@path":
			fu = "quantity"
		}
		sf := t.FieldByIndex(f.index)
		p, err := b.forType(sf.Type, fu)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		key := typeKey(owner(t, f.index)) + "." + sf.Name
		p.Description = b.describe(key, sf, fu)
		if err := b.constrain(p, key, sf); err != nil {
			return nil, err
		}
		s.Properties = append(s.Properties, member{name, p})
		if f.unit == "@path" && s.AllOf == nil {
			if s.AllOf, err = b.changeRules(); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// changeRules returns the rules that give an intervention change's to and
// add the unit of the parameter its path names, as the decoder reads
// them: for each unit, if path is text naming a parameter of that unit,
// to and add are in it, a duration with a sign. A path that names no
// parameter leaves them any quantity; the decoder reads them as plain
// numbers and the loader refuses the path.
func (b *schemaBuilder) changeRules() ([]*jsonSchema, error) {
	paths := paramPaths(reflect.TypeFor[care.Params](), "", "")
	var rules []*jsonSchema
	for _, u := range slices.Sorted(maps.Keys(paths)) {
		e, err := b.forType(reflect.TypeFor[*care.Effect](), changeUnit(u))
		if err != nil {
			return nil, err
		}
		path := &jsonSchema{Type: "string", Pattern: "^" + paths[u] + "$"}
		rules = append(rules, &jsonSchema{
			If:   &jsonSchema{Properties: members{{"path", path}}, Required: []string{"path"}},
			Then: &jsonSchema{Properties: members{{"to", e}, {"add", e}}},
		})
	}
	return rules, nil
}

// paramPaths returns, for each unit tag, a pattern matching the parameter
// paths below a value of type t (whose own unit is unit) that name a
// number in that unit, as [care.UnitOf] resolves them from the types: a
// key after a dot (none at the top, where dot is ""), a list element by
// [index] or [*], or by name (.name or [name]) in a list of named things.
func paramPaths(t reflect.Type, unit, dot string) map[string]string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	alts := map[string][]string{}
	switch t.Kind() {
	case reflect.Float64, reflect.Float32, reflect.Int, reflect.Int32, reflect.Int64:
		return map[string]string{unit: ""}
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if key == "" {
				key = strings.ToLower(f.Name)
			}
			if key == "-" {
				continue
			}
			fu := f.Tag.Get("unit")
			switch {
			case fu == "@":
				fu = unit
			case fu == "@path":
				fu = "" // known only from the change's own path
			case fu == "" && f.Type == timeType:
				fu = "duration"
			}
			for u, sub := range paramPaths(f.Type, fu, `\.`) {
				alts[u] = append(alts[u], dot+regexp.QuoteMeta(key)+sub)
			}
		}
	case reflect.Slice:
		step := `\[(?:\*|\+?[0-9]+)\]`
		if e := t.Elem(); e.Kind() == reflect.Struct {
			if f, ok := e.FieldByName("Name"); ok && f.Type.Kind() == reflect.String {
				step = `(?:\[[^\]]+\]|\.[^.\[\] \t]+)`
			}
		}
		for u, sub := range paramPaths(t.Elem(), unit, `\.`) {
			alts[u] = append(alts[u], step+sub)
		}
	}
	out := map[string]string{}
	for u, a := range alts {
		if len(a) == 1 {
			out[u] = a[0]
		} else {
			out[u] = "(?:" + strings.Join(a, "|") + ")"
		}
	}
	return out
}

// typeKey names a type as schemaDocs does: care.Acute.
func typeKey(t reflect.Type) string { return path.Base(t.PkgPath()) + "." + t.Name() }

// owner returns the struct type that declares the field of t at index,
// which differs from t for the fields of an inlined struct.
func owner(t reflect.Type, index []int) reflect.Type {
	for _, i := range index[:len(index)-1] {
		t = t.Field(i).Type
	}
	return t
}

// usesUnit reports whether a value of type t takes the unit of the field
// holding it: whether t, or a struct reached through fields tagged
// unit:"@", has a number field tagged unit:"@".
func usesUnit(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == timeType || t == dateType {
		return false
	}
	fields := structFields(t)
	for _, f := range fields.byName {
		if f.unit == "@" && (t.FieldByIndex(f.index).Type.Kind() != reflect.Struct || usesUnit(t.FieldByIndex(f.index).Type)) {
			return true
		}
	}
	return false
}

// unit returns the schema of a number in unit, as a unit tag names it: a
// plain number for no unit, else a reference to the unit's definition.
func (b *schemaBuilder) unit(unit string) (*jsonSchema, error) {
	if unit == "" {
		return &jsonSchema{Type: "number"}, nil
	}
	return b.ref(unit, func() (*jsonSchema, error) {
		s, err := b.unitDef(unit)
		if err == nil && s.Pattern != "" {
			s.ErrorMessage = "Want " + unitWords[unit] + "."
		}
		return s, err
	})
}

// Parts of the unit patterns, which follow the tokens of units.go: space
// anywhere between tokens, a number that starts with a digit or a point
// and a digit, then digits, points and commas and an exponent. They are
// written in the common subset of ECMA-262 (which JSON Schema names) and
// Go's RE2, and match a little more than the parsers accept.
var (
	reNum  = `(?:[0-9]|\.[0-9])[0-9.,]*(?:[eE][+-]?[0-9]+)?`
	reSp   = spaceClass() + `*`
	reSp1  = spaceClass() + `+`
	reSign = `(?:[-+−]` + reSp + `)?` // − is U+2212, which tokenize reads as -
	// reZero is a number whose digits are all 0, which needs no unit.
	reZero = `(?:0[0,]*(?:\.0+)?|\.0+)(?:[eE][+-]?[0-9]+)?`
)

// spaceClass returns a character class of the space that the parsers
// skip (unicode.IsSpace). RE2's \s is ASCII only, so the other spaces are
// listed as themselves, ranges of them joined by a hyphen.
func spaceClass() string {
	var b strings.Builder
	b.WriteString(`[\s\v`)
	for _, r := range unicode.White_Space.R16 {
		for c := int(r.Lo); c <= int(r.Hi); c += int(r.Stride) {
			if c >= 0x80 { // \s and \v have the ASCII ones
				b.WriteRune(rune(c))
			}
		}
	}
	b.WriteString(`]`)
	return b.String()
}

// unitDef returns the definition of the numbers in unit: a number or
// text in the forms that the unit's parser reads.
func (b *schemaBuilder) unitDef(unit string) (*jsonSchema, error) {
	switch unit {
	case "duration", "signed-duration":
		// A number without a unit is refused but for 0, which is zero in
		// any unit: as JSON, the number 0; as text, 0 written any way.
		units := words(slices.Collect(maps.Keys(durationUnits)))
		terms := reNum + reSp + units + `(?:` + reSp + reNum + reSp + units + `)*`
		zero := 0.0
		s := &jsonSchema{
			Description: "A duration in days, written with its unit; " + durationHelp + ", or several units from the largest, as in 1d12h. A number without a unit is refused, except 0.",
			Type:        []string{"number", "string"},
			Minimum:     &zero,
			Maximum:     &zero,
			Pattern:     `^` + reSp + `(?:\+?` + reSp + terms + `|` + reSign + reZero + `)` + reSp + `$`,
		}
		if unit == "signed-duration" {
			s.Description = "A change to a duration in days, written with its unit and an optional sign, as in -0.5d or +2h: " + durationHelp + ". A number without a unit is refused, except 0."
			s.Pattern = `^` + reSp + reSign + `(?:` + terms + `|` + reZero + `)` + reSp + `$`
		}
		return s, nil
	case "money":
		return &jsonSchema{
			Description: "An amount of money in pounds: a number, or text; " + moneyHelp + ".",
			Type:        []string{"number", "string"},
			Pattern:     `^` + reSp + `(?:[-+−]` + reSp + `(?:£` + reSp + `)?|£` + reSp + reSign + `)?` + reNum + reSp + words(slices.Collect(maps.Keys(moneyScales))) + `?` + reSp + `$`,
		}, nil
	case "fraction", "factor":
		desc := "A fraction: a number such as 0.15, or text; " + percentHelp + "."
		if unit == "factor" {
			desc = "A factor: a number such as 0.85, or text; " + factorHelp + "."
		}
		return &jsonSchema{
			Description: desc,
			Type:        []string{"number", "string"},
			Pattern:     `^` + reSp + reSign + reNum + reSp + `%?` + reSp + `$`,
		}, nil
	case "rate":
		return &jsonSchema{
			Description: "A rate per day: a number per day, or text; " + rateHelp + ".",
			Type:        []string{"number", "string"},
			Pattern:     `^` + reSp + reSign + reNum + `(?:` + reSp + rePerUnit() + `)?` + reSp + `$`,
		}, nil
	case "per-head":
		// The rest of a rate after a word, which the next word must be
		// spaced from: tokenize reads "personper" as one word.
		afterWord := `(?:` + reSp + `/` + reSp + `|` + reSp1 + words([]string{"per", "an", "a"}) + reSp1 + `)` + reRateUnit()
		per := caseless("per")
		pop := `(?:(?:/` + reSp + `|` + per + reSp1 + `)` + words([]string{"person", "head"}) + afterWord +
			`|(?:/|` + per + `)` + reSp + reNum + `(?:` + reSp + words([]string{"population", "people"}) + afterWord + `|` + reSp + rePerUnit() + `))`
		zero := 0.0
		return &jsonSchema{
			Description: "A rate per person per day, written with its population and unit of time; " + popRateHelp + ". A number alone is refused, except 0.",
			Type:        []string{"number", "string"},
			Minimum:     &zero,
			Maximum:     &zero,
			Pattern:     `^` + reSp + reSign + `(?:` + reNum + reSp + pop + `|` + reZero + `)` + reSp + `$`,
		}, nil
	case "date":
		return &jsonSchema{
			Description: "A date: " + dateHelp + ".",
			Type:        "string",
			Pattern:     `^` + reSp + `[0-9]{4}-[0-9]{2}-[0-9]{2}` + reSp + `$`,
		}, nil
	case "quantity":
		s := &jsonSchema{Description: "A number in the unit of the parameter at path: a plain number, or text in that parameter's unit (a duration, with a sign for a change to it, money, a fraction, a rate or a rate per head)."}
		for _, u := range []string{"signed-duration", "money", "fraction", "rate", "per-head"} {
			r, err := b.unit(u)
			if err != nil {
				return nil, err
			}
			s.AnyOf = append(s.AnyOf, r)
		}
		return s, nil
	}
	return nil, fmt.Errorf("scenarios: schema: unknown unit tag %q", unit)
}

// rePerUnit matches per, /, a or an and a rate's unit of time after a
// number: /h, / day, per day, a year. A word needs space before the unit,
// as tokenize reads "perday" as one word.
func rePerUnit() string {
	return `(?:/` + reSp + `|` + words([]string{"per", "an", "a"}) + reSp1 + `)` + reRateUnit()
}

func reRateUnit() string { return words(slices.Collect(maps.Keys(rateUnits))) }

// words returns a group matching any of ws in any case, longest first so
// that the pattern reads as the tokenizer does.
func words(ws []string) string {
	ws = slices.Clone(ws)
	slices.SortFunc(ws, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	for i, w := range ws {
		ws[i] = caseless(w)
	}
	return `(?:` + strings.Join(ws, "|") + `)`
}

// caseless returns a pattern matching w in any case, [pP][eE][rR] for
// per, as neither ECMA-262 nor JSON Schema has a flag for it.
func caseless(w string) string {
	var b strings.Builder
	for _, r := range w {
		if u, l := unicode.ToUpper(r), unicode.ToLower(r); u != l {
			fmt.Fprintf(&b, "[%c%c]", l, u)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
