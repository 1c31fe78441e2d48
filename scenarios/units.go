package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"caresim/internal/suggest"
	"caresim/sim/care"
	"caresim/sim/des"
)

// This file parses and formats the readable units that planners type in
// scenario files: durations, money, percentages, rates and dates. The
// parsers return plain errors whose message quotes the input and says what
// was expected; the decoder adds the file, line, column and field.

// Help texts ending the error messages, one per kind of value.
const (
	durationHelp = "use a number with h, d, w, mo or y, such as 4h, 6d, 18mo, 10y"
	moneyHelp    = "use pounds with an optional k, m or bn, such as £1.2m, £250k or £395"
	percentHelp  = "use a percentage such as 15% or a fraction such as 0.15"
	factorHelp   = "use a factor such as 0.85 or a percentage such as 85%"
	rateHelp     = "use a number per minute, hour, day, week, month or year, such as 12 per day, 3.5/h or 200 a year"
	popRateHelp  = "use a number per population per unit of time, such as 120 per 1000 per year or 0.5 per person per year"
	dateHelp     = "use YYYY-MM-DD, such as 2014-04-01"
	fyHelp       = "use a financial year such as 2014/15 or FY2014/15"
)

// A timeUnit is a unit of time: one of it lasts num/den days. Keeping the
// numerator and denominator apart makes 18mo exactly 18*365.2425/12 and
// 3.5 per hour exactly 3.5*24.
type timeUnit struct {
	name     string // canonical symbol, used by FormatDuration
	rank     int    // 1 for minutes up to 6 for years; compound durations go down
	num, den float64
}

// The mean Gregorian year is 146097 days / 400 years = 365.2425 days (the
// 400-year cycle of the Gregorian calendar); a month is a twelfth of it.
var (
	minuteUnit = timeUnit{"min", 1, 1, 24 * 60}
	hourUnit   = timeUnit{"h", 2, 1, 24}
	dayUnit    = timeUnit{"d", 3, 1, 1}
	weekUnit   = timeUnit{"w", 4, 7, 1}
	monthUnit  = timeUnit{"mo", 5, float64(des.Year), 12}
	yearUnit   = timeUnit{"y", 6, float64(des.Year), 1}
)

// days converts v of u to days.
func (u timeUnit) days(v float64) float64 { return v * u.num / u.den }

// perDay converts v per u to v per day.
func (u timeUnit) perDay(v float64) float64 { return v * u.den / u.num }

// durationUnits are the unit names ParseDuration accepts, lower case.
var durationUnits = map[string]timeUnit{
	"m": minuteUnit, "min": minuteUnit, "minute": minuteUnit, "minutes": minuteUnit,
	"h": hourUnit, "hour": hourUnit, "hours": hourUnit,
	"d": dayUnit, "day": dayUnit, "days": dayUnit,
	"w": weekUnit, "week": weekUnit, "weeks": weekUnit,
	"mo": monthUnit, "month": monthUnit, "months": monthUnit,
	"y": yearUnit, "year": yearUnit, "years": yearUnit,
}

// durationUnitNames lists durationUnits for suggestions, whole words first
// so that a tie between a word and a symbol suggests the word.
var durationUnitNames = []string{
	"minutes", "minute", "hours", "hour", "days", "day", "weeks", "week",
	"months", "month", "years", "year", "min", "m", "h", "d", "w", "mo", "y",
}

// rateUnits are the units of time a rate may be per, lower case. They are
// singular, and exclude "m", which reads as month as easily as minute.
var rateUnits = map[string]timeUnit{
	"min": minuteUnit, "minute": minuteUnit,
	"h": hourUnit, "hour": hourUnit,
	"d": dayUnit, "day": dayUnit,
	"w": weekUnit, "week": weekUnit,
	"mo": monthUnit, "month": monthUnit,
	"y": yearUnit, "year": yearUnit,
}

// rateUnitNames lists rateUnits for suggestions, whole words first.
var rateUnitNames = []string{"minute", "hour", "day", "week", "month", "year", "min", "h", "d", "w", "mo", "y"}

// moneyScales are the suffixes ParseMoney accepts, lower case, as powers of ten.
var moneyScales = map[string]int{"k": 3, "m": 6, "b": 9, "bn": 9}

// moneyScaleNames lists moneyScales for suggestions.
var moneyScaleNames = []string{"k", "m", "bn", "b"}

// ParseDuration parses a duration as planners write it and returns it in
// days.
//
// A duration is a non-negative number and a unit, as in 4h, 6d, 1.5d, 4 h or
// 10 days, or several such terms from the largest unit to the smallest, each
// unit at most once, as in 1d12h or 2y6mo. A number without a unit is a
// [*NoUnitError] (10 days, or 10 years?), except 0 (or -0), which is zero
// in any unit. The units, in any case, are
//
//	m, min, minute, minutes   1/1440 day
//	h, hour, hours            1/24 day
//	d, day, days              1 day
//	w, week, weeks            7 days
//	mo, month, months         365.2425/12 days
//	y, year, years            365.2425 days
//
// so m is minutes and months are mo. Years and months are means of the
// Gregorian calendar, whose 400-year cycle has 146097 days (see [des.Year]).
// A term of v units is v*num/den days for the unit's num/den above, so 18mo is
// exactly 18*365.2425/12. Numbers may have decimals, an exponent (1e3d) and
// thousands separators (1,000d). Surrounding space is ignored.
//
// Empty input, negative durations, NaN, infinities and durations too large
// for a float64 are errors. The error message quotes the input and says what
// was expected, suggesting the nearest unit for a misspelt one:
//
//	"6x": not a duration; use a number with h, d, w, mo or y, such as 4h, 6d, 18mo, 10y
//	"10 dayz": unknown unit "dayz"; did you mean "days"?
func ParseDuration(s string) (des.Time, error) {
	in, toks, err := durationTokens(s)
	if err != nil {
		return 0, err
	}
	if len(toks) > 0 && toks[0].is(tSym, "-") {
		if len(toks) == 2 && toks[1].kind == tNum && zero(toks[1].text) {
			if _, err := parseNumber(toks[1].text, 0); err != nil {
				return 0, quotef(in, "%v; %s", err, durationHelp)
			}
			return 0, nil // -0, as YAML and JSON may write zero
		}
		return 0, quotef(in, "negative duration; a duration must be zero or more")
	}
	return parseDurationTerms(in, toks)
}

// ParseSignedDuration parses a duration that may be negative, as an
// intervention's change to a duration is ("add: -0.5d", a day shorter),
// and returns it in days. It reads what [ParseDuration] reads, with an
// optional leading + or - (or the minus sign U+2212) before the terms, as
// in -0.5d, - 12h or -1d12h; the sign applies to the whole duration. A
// bare number other than 0 is an error, as there.
func ParseSignedDuration(s string) (des.Time, error) {
	in, toks, err := durationTokens(s)
	if err != nil {
		return 0, err
	}
	neg := len(toks) > 0 && toks[0].is(tSym, "-")
	if neg {
		toks = toks[1:]
		if len(toks) > 0 && (toks[0].is(tSym, "-") || toks[0].is(tSym, "+")) {
			return 0, quotef(in, "not a duration; %s", durationHelp)
		}
	}
	d, err := parseDurationTerms(in, toks)
	if err != nil {
		var nu *NoUnitError
		if neg && errors.As(err, &nu) {
			nu.Value = -nu.Value
		}
		return 0, err
	}
	if neg && d != 0 {
		d = -d
	}
	return d, nil
}

// durationTokens trims s and splits it into tokens, refusing what no
// duration can be: nothing, NaN or an infinity, or text the tokenizer
// cannot read. It returns the trimmed input, for messages.
func durationTokens(s string) (string, []token, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return "", nil, errors.New("empty duration; " + durationHelp)
	}
	if nonFinite(in) {
		return "", nil, quotef(in, "not a finite number; %s", durationHelp)
	}
	toks, err := tokenize(in)
	if err != nil {
		return "", nil, quotef(in, "%v; %s", err, durationHelp)
	}
	return in, toks, nil
}

// parseDurationTerms reads the tokens of in, a duration without a minus
// sign: an optional +, then terms of a number and a unit, or a bare 0.
func parseDurationTerms(in string, toks []token) (des.Time, error) {
	if len(toks) > 0 && toks[0].is(tSym, "+") {
		toks = toks[1:]
	}
	if len(toks) == 1 && toks[0].kind == tNum { // a number without a unit
		v, err := parseNumber(toks[0].text, 0)
		if err != nil {
			return 0, quotef(in, "%v; %s", err, durationHelp)
		}
		if !zero(toks[0].text) {
			return 0, &NoUnitError{Text: in, Value: v, Kind: "duration"}
		}
		return 0, nil // zero is zero in any unit
	}
	if len(toks) == 0 || len(toks)%2 != 0 {
		if len(toks) > 0 && len(toks)%2 != 0 && toks[len(toks)-1].kind == tNum && allTerms(toks[:len(toks)-1]) {
			return 0, quotef(in, "missing unit after %s; %s", toks[len(toks)-1].text, durationHelp)
		}
		return 0, quotef(in, "not a duration; %s", durationHelp)
	}
	var total float64
	prev := math.MaxInt
	for i := 0; i < len(toks); i += 2 {
		n, w := toks[i], toks[i+1]
		if n.kind != tNum || w.kind != tWord {
			return 0, quotef(in, "not a duration; %s", durationHelp)
		}
		name := strings.ToLower(w.text)
		u, ok := durationUnits[name]
		if !ok {
			if hint, ok := closest(name, durationUnitNames); ok {
				return 0, quotef(in, "unknown unit %q; did you mean %q?", w.text, hint)
			}
			return 0, quotef(in, "not a duration; %s", durationHelp)
		}
		if u.rank >= prev {
			return 0, quotef(in, "units must go from the largest to the smallest, each once, as in 2y6mo or 1d12h")
		}
		prev = u.rank
		v, err := parseNumber(n.text, 0)
		if err != nil {
			return 0, quotef(in, "%v; %s", err, durationHelp)
		}
		total += u.days(v)
	}
	if math.IsInf(total, 0) || math.IsNaN(total) {
		return 0, quotef(in, "too large")
	}
	return des.Time(total), nil
}

// A NoUnitError is a number written without the unit that its value
// needs, such as a duration of 10: ten days, or ten years? The number is
// refused rather than read in a guessed unit. The message suggests the
// readings that the parameter's usual size makes likely:
//
//	10 has no unit: 10y? 10d?
type NoUnitError struct {
	Text  string  // the number as written
	Value float64 // its value, as a number without a unit
	Kind  string  // the unit tag wanted: duration or per-head
	// Hints are the suggested readings, most likely first; nil means
	// those of a parameter of unknown size ([UnitHints] with no path).
	Hints []string
}

// Error says that the number has no unit and suggests readings.
func (e *NoUnitError) Error() string {
	hints := e.Hints
	if hints == nil {
		hints = UnitHints(e.Kind, e.Text, e.Value, "")
	}
	return e.Text + " has no unit: " + strings.Join(hints, "? ") + "?"
}

// A unitSize is how big a parameter usually is, for the hints of a
// number written without its unit: its usual size, the range a value
// could have, and the units (of durations) planners write it in.
type unitSize struct {
	path            string     // a parameter path without list steps, or its prefix up to a distribution
	typical, lo, hi float64    // days, or per person per year for a per-head rate
	units           []timeUnit // for durations
}

// durationSizes are the usual sizes of the duration parameters, from the
// built-in scenarios; a path not listed gets defaultDuration.
var durationSizes = []unitSize{
	{"horizon", 10 * float64(des.Year), 1, 100 * float64(des.Year), []timeUnit{yearUnit, dayUnit}},
	{"warm_up", float64(des.Year), 1, 3 * float64(des.Year), []timeUnit{dayUnit, yearUnit}},
	{"services.ed.treatment", 2.0 / 24, 1.0 / 1440, 7, []timeUnit{minuteUnit, hourUnit}},
	{"services.urgent_treatment.treatment", 1.0 / 24, 1.0 / 1440, 7, []timeUnit{minuteUnit, hourUnit}},
	{"services.sdec.treatment", 6.0 / 24, 1.0 / 1440, 7, []timeUnit{minuteUnit, hourUnit}},
	{"services.acute.length_of_stay", 5, 1.0 / 24, 365, []timeUnit{hourUnit, dayUnit}},
	{"services.acute.assessment", 2, 1.0 / 24, 365, []timeUnit{hourUnit, dayUnit}},
	{"services.elective.length_of_stay", 3, 1.0 / 24, 365, []timeUnit{hourUnit, dayUnit}},
	{"services.elective.decision", 42, 1, 3 * float64(des.Year), []timeUnit{dayUnit, weekUnit}},
	{"services.elective.notice", 21, 1, float64(des.Year), []timeUnit{dayUnit, weekUnit}},
	{"services.intermediate_care.length_of_stay", 21, 1, 2 * float64(des.Year), []timeUnit{dayUnit, weekUnit}},
	{"services.reablement.duration", 42, 1, 2 * float64(des.Year), []timeUnit{dayUnit, weekUnit}},
	{"services.community.duration", float64(des.Year) / 4, 7, 10 * float64(des.Year), []timeUnit{weekUnit, monthUnit}},
	{"services.care_homes.length_of_stay", 2 * float64(des.Year), 7, 30 * float64(des.Year), []timeUnit{monthUnit, yearUnit}},
	{"interventions.ramp", float64(des.Year) / 2, 1, 10 * float64(des.Year), []timeUnit{weekUnit, monthUnit}},
	{"money.unit_costs.excess_after", 14, 1, float64(des.Year), []timeUnit{dayUnit, weekUnit}},
}

// defaultDuration is the size of a duration parameter not listed.
var defaultDuration = unitSize{typical: 7, lo: 1.0 / 1440, hi: 100 * float64(des.Year),
	units: []timeUnit{minuteUnit, hourUnit, dayUnit, weekUnit, monthUnit, yearUnit}}

// perHeadSizes are the usual sizes of the rates per head, per person per
// year, from the built-in baseline.
var perHeadSizes = []unitSize{
	{path: "population.age_bands.urgent", typical: 0.4, lo: 0.01, hi: 3},
	{path: "population.age_bands.elective", typical: 0.04, lo: 0.001, hi: 1},
	{path: "population.age_bands.care_home", typical: 0.01, lo: 0.0001, hi: 0.5},
	{path: "services.care_homes.urgent_calls", typical: 1, lo: 0.01, hi: 20},
	{path: "services.community.referrals", typical: 0.6, lo: 0.001, hi: 10},
}

// defaultPerHead is the size of a rate per head not listed.
var defaultPerHead = unitSize{typical: 0.1, lo: 1e-4, hi: 10}

// perHeadReadings are the ways a rate per head may be written, each with
// its factor from the number to a rate per person per year.
var perHeadReadings = []struct {
	text   string
	factor float64
}{{" per 1000 per year", 1e-3}, {" per 100 per year", 1e-2}, {" per person per year", 1}}

// UnitHints returns up to two readings of the number text (whose value is
// x) in units of kind (duration or per-head) for the parameter at path
// (a path as --set writes it; "" when unknown), most likely first: the
// readings in the units that the parameter is usually written in that
// give a value in its plausible range, the nearest its usual size first,
// or else the one reading nearest that size. For a treatment time of 110
// they are 110min and 110h; for a horizon of 10, 10y and 10d.
func UnitHints(kind, text string, x float64, path string) []string {
	return unitHints(kind, text, x, path, 1)
}

// stepSize is the size of an intervention's add relative to the
// parameter it changes, for hints: a tenth (half a day off five).
const stepSize = 0.1

// unitHints is UnitHints for a number whose usual size is scale times
// the parameter's: 1 for the parameter, stepSize for a step added to it.
func unitHints(kind, text string, x float64, path string, scale float64) []string {
	x = math.Abs(x) / scale
	type reading struct {
		text string
		v    float64 // in the size's unit
	}
	var size unitSize
	var rs []reading
	switch kind {
	case "per-head":
		size = sizeOf(perHeadSizes, defaultPerHead, path)
		for _, r := range perHeadReadings {
			rs = append(rs, reading{text + r.text, x * r.factor})
		}
	default:
		size = sizeOf(durationSizes, defaultDuration, path)
		for _, u := range size.units {
			rs = append(rs, reading{text + u.name, u.days(x)})
		}
	}
	dist := func(v float64) float64 { return math.Abs(math.Log(v / size.typical)) }
	slices.SortStableFunc(rs, func(a, b reading) int { return cmp.Compare(dist(a.v), dist(b.v)) })
	var out []string
	for _, r := range rs {
		if r.v >= size.lo && r.v <= size.hi && len(out) < 2 {
			out = append(out, r.text)
		}
	}
	if len(out) == 0 {
		out = append(out, rs[0].text)
	}
	return out
}

// sizeOf returns the size of the parameter at path: the listed size whose
// path is the parameter's, or a prefix of it up to a dot, with list steps
// ([2], [*], .Mansfield) left out; or def.
func sizeOf(sizes []unitSize, def unitSize, path string) unitSize {
	p := withoutListSteps(path)
	for _, s := range sizes {
		if rest, ok := strings.CutPrefix(p, s.path); ok && (rest == "" || rest[0] == '.') {
			return s
		}
	}
	return def
}

// withoutListSteps removes from a parameter path the steps that pick list
// elements: interventions[2].ramp and interventions.prism.ramp are both
// interventions.ramp. A name after a dot is a list step when it follows a
// list of named things (interventions, localities, age bands, routes).
func withoutListSteps(path string) string {
	steps, err := care.ParsePath(path)
	if err != nil {
		return path
	}
	var keys []string
	name := false // whether a key here would be an element's name
	for _, s := range steps {
		switch {
		case s.Key == "":
			name = false
		case name:
			name = false // interventions.prism
		default:
			keys = append(keys, s.Key)
			name = slices.Contains(namedLists, s.Key)
		}
	}
	return strings.Join(keys, ".")
}

// namedLists are the keys of lists whose elements a path may pick by name
// after a dot.
var namedLists = []string{"interventions", "localities", "age_bands", "risk_strata", "routes", "organisations"}

// zero reports whether the number token text has no digit but 0, as
// 0, 0.0 and 0e3 have; 1e-400, which rounds to 0, does not.
func zero(text string) bool {
	mant, _, _ := strings.Cut(strings.ToLower(text), "e")
	return strings.Trim(mant, "0.,") == ""
}

// allTerms reports whether toks alternate number, word.
func allTerms(toks []token) bool {
	for i, t := range toks {
		if (i%2 == 0) != (t.kind == tNum) || (i%2 == 1) != (t.kind == tWord) {
			return false
		}
	}
	return true
}

// FormatDuration formats d, in days, for display, as 4h, 36h, 6d, 10.5d,
// 2w, 18mo, 1y or 10y. Each size of duration has a suited unit: min below
// an hour, h below 2 days, d below 2 weeks, w below 2 months, mo below 2
// years and y from 2 years. FormatDuration uses the largest unit, no smaller
// than the suited one, in which d is a whole number; or else the suited unit
// with at most two decimals; or else the largest unit in which d is at least
// 1 with at most two decimals; or else days with as many digits as needed.
// ParseDuration reads the result back to within 1e-11 relative. Negative
// durations get a minus sign, which ParseDuration rejects; NaN and
// infinities are formatted as by strconv.
func FormatDuration(d des.Time) string {
	x := float64(d)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return strconv.FormatFloat(x, 'g', -1, 64)
	case x < 0:
		return "-" + FormatDuration(-d)
	case x == 0:
		return "0d"
	}
	units := [...]timeUnit{yearUnit, monthUnit, weekUnit, dayUnit, hourUnit, minuteUnit}
	var pref int // index of the unit suited to x's size
	switch {
	case x >= yearUnit.days(2):
		pref = 0
	case x >= monthUnit.days(2):
		pref = 1
	case x >= weekUnit.days(2):
		pref = 2
	case x >= 2:
		pref = 3
	case x >= hourUnit.days(1):
		pref = 4
	default:
		pref = 5
	}
	for _, u := range units[:pref+1] {
		if s, ok := shortIn(x, u, 0); ok {
			return s
		}
	}
	if s, ok := shortIn(x, units[pref], 2); ok {
		return s
	}
	for _, u := range units {
		if s, ok := shortIn(x, u, 2); ok {
			return s
		}
	}
	return formatNumber(x) + dayUnit.name
}

// shortIn formats x days in unit u with at most the given number of
// decimals, if that is exact to 1e-12 relative and at least 1 unit (or any
// positive amount of the smallest unit, minutes).
func shortIn(x float64, u timeUnit, decimals int) (string, bool) {
	v := x * u.den / u.num
	if v < 1 && u != minuteUnit {
		return "", false
	}
	p := math.Pow10(decimals)
	r := math.Round(v*p) / p
	if r == 0 || math.IsInf(r, 0) || math.Abs(r-v) > 1e-12*v {
		return "", false
	}
	// Read back the way ParseDuration would, to be sure of the round trip.
	if back := u.days(r); math.IsInf(back, 0) || math.Abs(back-x) > 1e-11*x {
		return "", false
	}
	return formatNumber(r) + u.name, true
}

// formatNumber formats x with the fewest digits that read back exactly,
// without an exponent unless x is very small or very large.
func formatNumber(x float64) string {
	if a := math.Abs(x); a != 0 && (a < 1e-4 || a >= 1e21) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// ParseMoney parses an amount of money and returns it in pounds.
//
// An amount is a number with an optional £ sign before it and an optional
// suffix after it, k (thousand), m (million) or bn or b (billion), in any
// case: £1.2m, 1.2m, £250k, £395, £1,234,567, £2bn, 1.5e6. It may be negative
// (a deficit), with the sign before or after the £: -£3m, £-3m. Thousands
// separators must group three digits. The value is the decimal number scaled
// by the suffix and then rounded once to a float64, so £1.2m is exactly
// 1.2e6.
//
// Empty input, a £ or suffix without a number, malformed numbers (£1.2.3,
// 1,23), unknown suffixes, NaN and infinities are errors whose message quotes
// the input and says what was expected.
func ParseMoney(s string) (float64, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, errors.New("empty amount of money; " + moneyHelp)
	}
	if nonFinite(in) {
		return 0, quotef(in, "not a finite number; %s", moneyHelp)
	}
	toks, err := tokenize(in)
	if err != nil {
		return 0, quotef(in, "%v; %s", err, moneyHelp)
	}
	neg, signed, pound := false, false, false
	i := 0
	for ; i < len(toks) && toks[i].kind == tSym; i++ {
		switch t := toks[i].text; {
		case (t == "-" || t == "+") && !signed:
			signed, neg = true, t == "-"
		case t == "£" && !pound:
			pound = true
		default:
			return 0, quotef(in, "not an amount of money; %s", moneyHelp)
		}
	}
	if i == len(toks) {
		return 0, quotef(in, "no amount; %s", moneyHelp)
	}
	if toks[i].kind != tNum {
		return 0, quotef(in, "not an amount of money; %s", moneyHelp)
	}
	num := toks[i].text
	i++
	shift := 0
	if i < len(toks) && toks[i].kind == tWord {
		w := strings.ToLower(toks[i].text)
		sh, ok := moneyScales[w]
		if !ok {
			if hint, ok := closest(w, moneyScaleNames); ok {
				return 0, quotef(in, "unknown suffix %q; did you mean %q?", toks[i].text, hint)
			}
			return 0, quotef(in, "not an amount of money; %s", moneyHelp)
		}
		shift = sh
		i++
	}
	if i != len(toks) {
		return 0, quotef(in, "not an amount of money; %s", moneyHelp)
	}
	v, err := parseNumber(num, shift)
	if err != nil {
		return 0, quotef(in, "%v; %s", err, moneyHelp)
	}
	if neg {
		v = -v
	}
	return v, nil
}

// FormatMoney formats x pounds for display to three significant figures,
// with a suffix k, m or bn from a thousand pounds up: £395, £12.5, £250k,
// £1.2m, -£3.5m, £2.1bn. ParseMoney reads the result back to within 0.5%.
// Amounts of a thousand billion or more and below 0.0001 use an exponent
// (£1.23e+21); NaN and infinities are formatted as NaN, £Inf and -£Inf.
func FormatMoney(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case x < 0:
		return "-" + FormatMoney(-x)
	case math.IsInf(x, 1):
		return "£Inf"
	case x == 0:
		return "£0"
	case x > 9.99e307: // rounding up to three figures could pass the largest float64
		return "£" + formatNumber(x)
	}
	e := strconv.FormatFloat(x, 'e', 2, 64) // d.dde±XX
	exp, _ := strconv.Atoi(e[5:])
	if exp < -4 || exp >= 12 {
		return "£" + strconv.FormatFloat(x, 'g', 3, 64)
	}
	digits := e[:1] + e[2:4]
	suffix, shift := "", 0
	switch {
	case exp >= 9:
		suffix, shift = "bn", 9
	case exp >= 6:
		suffix, shift = "m", 6
	case exp >= 3:
		suffix, shift = "k", 3
	}
	// The value is 0.ddd × 10^point, before the suffix.
	point := exp + 1 - shift
	var num string
	switch {
	case point <= 0:
		num = "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		num = digits + strings.Repeat("0", point-len(digits))
	default:
		num = digits[:point] + "." + digits[point:]
	}
	if strings.Contains(num, ".") {
		num = strings.TrimRight(strings.TrimRight(num, "0"), ".")
	}
	return "£" + num + suffix
}

// ParsePercent parses a percentage or a fraction and returns it as a
// fraction: 15% is 0.15, 2.5 % is 0.025, -5% is -0.05, and a bare number is
// already a fraction, so 0.15 is 0.15. A percentage is the decimal number
// divided by 100 and then rounded once to a float64, so 15% equals 0.15
// exactly. ParsePercent does not check the range: a probability's caller
// checks that it lies in [0, 1].
//
// Empty input, malformed numbers, NaN and infinities are errors whose
// message quotes the input and says what was expected.
func ParsePercent(s string) (float64, error) { return parsePercent(s, "a percentage", percentHelp) }

// ParseFactor parses a factor, as an intervention's scale is, written as a
// number or a percentage: 0.85 and 85% are both 0.85, and 150% is 1.5.
// It reads what [ParsePercent] reads, with messages that speak of a
// factor; the caller checks the range.
func ParseFactor(s string) (float64, error) { return parsePercent(s, "a factor", factorHelp) }

// parsePercent is ParsePercent, naming the value what in its messages,
// which end with help.
func parsePercent(s, what, help string) (float64, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, errors.New("empty " + strings.TrimPrefix(what, "a ") + "; " + help)
	}
	if nonFinite(strings.TrimSuffix(in, "%")) {
		return 0, quotef(in, "not a finite number; %s", help)
	}
	toks, err := tokenize(in)
	if err != nil {
		return 0, quotef(in, "%v; %s", err, help)
	}
	neg, toks := leadingSign(toks)
	shift := 0
	if n := len(toks); n > 0 && toks[n-1].is(tSym, "%") {
		shift, toks = -2, toks[:n-1]
	}
	if len(toks) != 1 || toks[0].kind != tNum {
		return 0, quotef(in, "not %s; %s", what, help)
	}
	v, err := parseNumber(toks[0].text, shift)
	if err != nil {
		return 0, quotef(in, "%v; %s", err, help)
	}
	if neg {
		v = -v
	}
	return v, nil
}

// ParseRate parses a rate of events in time and returns it per day.
//
// A rate is a number, then per, /, a or an, then a unit of time: 12 per day,
// 3.5 per hour, 84 per week, 200 per year, 12/day, 3.5/h, 12 a day, 3 an
// hour. The units, in any case, are min or minute, h or hour, d or day, w or
// week, mo or month, and y or year, with the lengths given at
// [ParseDuration]; m is not accepted, as it could mean minute or month. A
// bare number is per day. Numbers may have decimals, an exponent and
// thousands separators. A rate may be negative (an intervention may remove
// demand); the caller checks the range.
//
// Rates per head of population (120 per 1000 per year) are for
// [ParsePopulationRate] and are errors here, as are empty input, unknown
// units, NaN, infinities and rates too large for a float64. The message
// quotes the input and says what was expected.
func ParseRate(s string) (float64, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, errors.New("empty rate; " + rateHelp)
	}
	if nonFinite(in) {
		return 0, quotef(in, "not a finite number; %s", rateHelp)
	}
	toks, err := tokenize(in)
	if err != nil {
		return 0, quotef(in, "%v; %s", err, rateHelp)
	}
	neg, toks := leadingSign(toks)
	if len(toks) == 0 || toks[0].kind != tNum {
		return 0, quotef(in, "not a rate; %s", rateHelp)
	}
	v, err := parseNumber(toks[0].text, 0)
	if err != nil {
		return 0, quotef(in, "%v; %s", err, rateHelp)
	}
	if neg {
		v = -v
	}
	switch rest := toks[1:]; {
	case len(rest) == 0:
		return v, nil
	case perHead(rest):
		return 0, quotef(in, "a rate per head of population is not allowed here; %s", rateHelp)
	default:
		u, err := perUnit(rest, rateHelp)
		if err != nil {
			return 0, quotef(in, "%v", err)
		}
		r := u.perDay(v)
		if math.IsInf(r, 0) {
			return 0, quotef(in, "too large")
		}
		return r, nil
	}
}

// ParsePopulationRate parses a rate of events per head of population and
// returns it per person per day.
//
// A population rate is a number, per, a population, then per, /, a or an
// and a unit of time as for [ParseRate]: 120 per 1000 per year, 3 per 100 per
// month, 120 per 1,000 population per year, 0.5 per person per year. The
// population is a positive number, optionally followed by population or
// people, or the word person or head for one. A number without the rest
// is a [*NoUnitError] (0 per 1000 per year, or per person per day?), except
// 0, which is zero however written. The value is number/population*den/num for the unit's num/den
// days, so 120 per 1000 per year is 120/1000/365.2425.
//
// Rates without a population (12 per day) are for [ParseRate] and are
// errors here, as are a zero population, empty input, unknown units, NaN and
// infinities. The message quotes the input and says what was expected.
func ParsePopulationRate(s string) (perPersonPerDay float64, err error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, errors.New("empty rate; " + popRateHelp)
	}
	if nonFinite(in) {
		return 0, quotef(in, "not a finite number; %s", popRateHelp)
	}
	toks, err := tokenize(in)
	if err != nil {
		return 0, quotef(in, "%v; %s", err, popRateHelp)
	}
	neg, toks := leadingSign(toks)
	if len(toks) == 0 || toks[0].kind != tNum {
		return 0, quotef(in, "not a rate; %s", popRateHelp)
	}
	v, err := parseNumber(toks[0].text, 0)
	if err != nil {
		return 0, quotef(in, "%v; %s", err, popRateHelp)
	}
	if neg {
		v = -v
	}
	rest := toks[1:]
	if len(rest) == 0 {
		if !zero(toks[0].text) {
			return 0, &NoUnitError{Text: in, Value: v, Kind: "per-head"}
		}
		return 0, nil // zero is zero per any head and time
	}
	if _, err := perUnit(rest, popRateHelp); err == nil {
		return 0, quotef(in, "no population; %s", popRateHelp)
	}
	if len(rest) < 2 || !(rest[0].is(tWord, "per") || rest[0].is(tSym, "/")) {
		return 0, quotef(in, "not a rate per head of population; %s", popRateHelp)
	}
	pop := 1.0
	switch p := rest[1]; {
	case isHead(p):
		rest = rest[2:]
	case p.kind == tNum:
		if pop, err = parseNumber(p.text, 0); err != nil {
			return 0, quotef(in, "%v; %s", err, popRateHelp)
		}
		if pop == 0 {
			return 0, quotef(in, "the population must be more than 0")
		}
		rest = rest[2:]
		if len(rest) > 0 && rest[0].kind == tWord {
			if w := strings.ToLower(rest[0].text); w == "population" || w == "people" {
				rest = rest[1:]
			}
		}
	default:
		return 0, quotef(in, "not a rate per head of population; %s", popRateHelp)
	}
	if len(rest) == 0 {
		return 0, quotef(in, "missing unit of time after the population; %s", popRateHelp)
	}
	u, err := perUnit(rest, popRateHelp)
	if err != nil {
		return 0, quotef(in, "%v", err)
	}
	r := u.perDay(v / pop)
	if math.IsInf(r, 0) {
		return 0, quotef(in, "too large")
	}
	return r, nil
}

// perUnit parses "per day", "/h", "a year" and the like.
func perUnit(toks []token, help string) (timeUnit, error) {
	if len(toks) == 0 || !isPer(toks[0]) {
		if len(toks) > 0 && toks[0].kind == tWord {
			if hint, ok := closest(strings.ToLower(toks[0].text), []string{"per"}); ok {
				return timeUnit{}, fmt.Errorf("unknown word %q; did you mean %q?", toks[0].text, hint)
			}
		}
		return timeUnit{}, fmt.Errorf("not a rate; %s", help)
	}
	if len(toks) == 1 {
		return timeUnit{}, fmt.Errorf("missing unit of time after %s; %s", toks[0].text, help)
	}
	if len(toks) > 2 || toks[1].kind != tWord {
		return timeUnit{}, fmt.Errorf("not a rate; %s", help)
	}
	w := strings.ToLower(toks[1].text)
	u, ok := rateUnits[w]
	if !ok {
		if w == "m" {
			return timeUnit{}, fmt.Errorf("unknown unit of time %q, which could mean minute or month; write min or mo", toks[1].text)
		}
		if hint, ok := closest(w, rateUnitNames); ok {
			return timeUnit{}, fmt.Errorf("unknown unit of time %q; did you mean %q?", toks[1].text, hint)
		}
		return timeUnit{}, fmt.Errorf("unknown unit of time %q; %s", toks[1].text, help)
	}
	return u, nil
}

// isPer reports whether t is "per", "/", "a" or "an".
func isPer(t token) bool {
	return t.is(tSym, "/") || t.is(tWord, "per") || t.is(tWord, "a") || t.is(tWord, "an")
}

// perHead reports whether toks, after the number, look like a population
// and a unit of time: per 1000 per year, per 1000 population a year, per
// person per year.
func perHead(toks []token) bool {
	switch {
	case len(toks) < 3 || !isPer(toks[0]):
		return false
	case isHead(toks[1]):
		return true
	case toks[1].kind != tNum:
		return false
	}
	return isPer(toks[2]) || toks[2].is(tWord, "population") || toks[2].is(tWord, "people")
}

// isHead reports whether t is "person" or "head".
func isHead(t token) bool { return t.is(tWord, "person") || t.is(tWord, "head") }

// leadingSign removes a leading + or - from toks and reports whether it was -.
func leadingSign(toks []token) (neg bool, rest []token) {
	if len(toks) > 0 && (toks[0].is(tSym, "-") || toks[0].is(tSym, "+")) {
		return toks[0].text == "-", toks[1:]
	}
	return false, toks
}

// ParseDate parses a date written as in ISO 8601, YYYY-MM-DD with a
// four-digit year and two-digit month and day, such as 2014-04-01. The day
// must exist in the proleptic Gregorian calendar ([des.Date.Valid]).
// Financial years are parsed by [ParseFinancialYear]. Any other form is an
// error whose message quotes the input and says what was expected.
func ParseDate(s string) (des.Date, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return des.Date{}, errors.New("empty date; " + dateHelp)
	}
	if len(in) != 10 || in[4] != '-' || in[7] != '-' || !digits(in[:4]) || !digits(in[5:7]) || !digits(in[8:]) {
		return des.Date{}, dateHint(in)
	}
	y, _ := strconv.Atoi(in[:4])
	m, _ := strconv.Atoi(in[5:7])
	d, _ := strconv.Atoi(in[8:])
	date := des.Date{Year: y, Month: m, Day: d}
	if m < 1 || m > 12 {
		return des.Date{}, quotef(in, "no month %d; %s", m, dateHelp)
	}
	if !date.Valid() {
		return des.Date{}, quotef(in, "no such day: %04d-%02d has %d days", y, m, des.DaysIn(y, m))
	}
	return date, nil
}

// dateHint returns the error for in, which is not written YYYY-MM-DD,
// suggesting the date it may mean: a year or a financial year its first
// day (1 April, as scenarios start), and eight digits the date they spell.
func dateHint(in string) error {
	var hint string
	switch {
	case len(in) == 4 && digits(in):
		return fmt.Errorf("%s is a year, not a date: %s-04-01?", in, in)
	case len(in) == 8 && digits(in):
		hint = in[:4] + "-" + in[4:6] + "-" + in[6:]
		if d, err := ParseDate(hint); err == nil {
			return fmt.Errorf("%s is not a date: %v?", in, d)
		}
	default:
		if d, err := ParseFinancialYear(in); err == nil {
			return fmt.Errorf("%s is a financial year, not a date: %v?", in, d)
		}
	}
	return quotef(in, "not a date; %s", dateHelp)
}

// ParseFinancialYear parses a UK financial year, which runs from 1 April to
// 31 March, and returns its first day. It accepts 2014/15 and 2014/2015, with
// an optional FY prefix in any case (FY2014/15, FY 2014/15); each of these is
// 2014-04-01. The second year must follow the first, so 2014/16 is an error,
// as is any other form; the message quotes the input and says what was
// expected.
func ParseFinancialYear(s string) (des.Date, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return des.Date{}, errors.New("empty financial year; " + fyHelp)
	}
	t := in
	if len(t) >= 2 && strings.EqualFold(t[:2], "fy") {
		t = strings.TrimLeft(t[2:], " ")
	}
	first, second, ok := strings.Cut(t, "/")
	if !ok || len(first) != 4 || !digits(first) || (len(second) != 2 && len(second) != 4) || !digits(second) {
		return des.Date{}, quotef(in, "not a financial year; %s", fyHelp)
	}
	y, _ := strconv.Atoi(first)
	next, _ := strconv.Atoi(second)
	want := y + 1
	if len(second) == 2 {
		want %= 100
	}
	if next != want {
		return des.Date{}, quotef(in, "%s does not follow %s; a financial year spans two consecutive years, as in %04d/%02d", second, first, y, (y+1)%100)
	}
	return des.Date{Year: y, Month: 4, Day: 1}, nil
}

// digits reports whether s is non-empty and all ASCII digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// quotef returns an error whose message is the quoted input, a colon and
// the formatted problem.
func quotef(in, format string, args ...any) error {
	return fmt.Errorf("%s: %s", quote(in), fmt.Sprintf(format, args...))
}

// nonFinite reports whether s spells NaN or an infinity, with an optional
// sign or £, in any case, as Go or YAML writes them.
func nonFinite(s string) bool {
	s = strings.TrimLeft(s, "+-£ ")
	switch strings.ToLower(s) {
	case "nan", "inf", "infinity", ".nan", ".inf":
		return true
	}
	return false
}

// A tokKind is the kind of a token.
type tokKind uint8

const (
	tNum  tokKind = iota // digits with points, commas and an exponent: 1,234.5e6
	tWord                // letters: days, per, bn
	tSym                 // one of £ % / + -
)

// A token is a piece of a value between spaces.
type token struct {
	kind tokKind
	text string
}

// is reports whether t is of kind k and spells text, in any case.
func (t token) is(k tokKind, text string) bool {
	return t.kind == k && strings.EqualFold(t.text, text)
}

// tokenize splits s into numbers, words and symbols, dropping spaces. A
// number starts with a digit, or a point and a digit. The minus sign U+2212,
// common in documents, reads as a hyphen-minus.
func tokenize(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isDigit(r) || r == '.' && i+1 < len(s) && isDigit(rune(s[i+1])):
			n := scanNumber(s[i:])
			toks = append(toks, token{tNum, s[i : i+n]})
			i += n
		case unicode.IsLetter(r):
			j := i + size
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += size
			}
			toks = append(toks, token{tWord, s[i:j]})
			i = j
		case r == '£' || r == '%' || r == '/' || r == '+' || r == '-':
			toks = append(toks, token{tSym, s[i : i+size]})
			i += size
		case r == '\u2212':
			toks = append(toks, token{tSym, "-"})
			i += size
		default:
			if r == utf8.RuneError && size == 1 {
				return nil, fmt.Errorf("invalid UTF-8 byte %#x", s[i])
			}
			return nil, fmt.Errorf("unexpected %q", r)
		}
	}
	return toks, nil
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// scanNumber returns the length of the number at the start of s: digits,
// points and commas, then an exponent if an e is followed by digits.
func scanNumber(s string) int {
	i := 0
	for i < len(s) && (isDigit(rune(s[i])) || s[i] == '.' || s[i] == ',') {
		i++
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(rune(s[j])) {
			for j < len(s) && isDigit(rune(s[j])) {
				j++
			}
			i = j
		}
	}
	return i
}

// parseNumber returns the value of the number token text times 10^shift,
// rounded once. It checks the form that tokenize does not: one point with
// digits after it, and commas that group the integer part in threes.
func parseNumber(text string, shift int) (float64, error) {
	mant, exp, hasExp := strings.Cut(strings.ToLower(text), "e")
	whole, frac, hasPoint := strings.Cut(mant, ".")
	if strings.Contains(frac, ".") || hasPoint && frac == "" {
		return 0, fmt.Errorf("malformed number %s", quote(text))
	}
	if strings.Contains(frac, ",") {
		return 0, fmt.Errorf("bad thousands grouping in %s (commas go between groups of three digits and a point before decimals, as in 1,234.5)", quote(text))
	}
	if strings.Contains(whole, ",") {
		groups := strings.Split(whole, ",")
		for i, g := range groups {
			if len(g) > 3 || len(g) == 0 || i > 0 && len(g) != 3 {
				return 0, fmt.Errorf("bad thousands grouping in %s (commas go between groups of three digits and a point before decimals, as in 1,234.5)", quote(text))
			}
		}
		whole = strings.Join(groups, "")
	}
	e := 0
	if hasExp {
		var err error
		// An exponent beyond ±2^40 makes any mantissa that fits in memory
		// 0 or infinite; clamping keeps the sum with shift from overflowing.
		const limit = 1 << 40
		if e, err = strconv.Atoi(exp); err != nil || e > limit || e < -limit {
			e = limit
			if strings.HasPrefix(exp, "-") {
				e = -limit
			}
		}
	}
	v, err := strconv.ParseFloat(whole+"."+frac+"e"+strconv.Itoa(e+shift), 64)
	if err != nil && !math.IsInf(v, 0) {
		return 0, fmt.Errorf("malformed number %s", quote(text)) // unreachable: the form was checked above
	}
	if math.IsInf(v, 0) {
		return 0, errors.New("too large")
	}
	return v, nil
}

// closest is suggest.Closest: the option nearest to word, for a "did you
// mean" hint.
func closest(word string, options []string) (string, bool) { return suggest.Closest(word, options) }
