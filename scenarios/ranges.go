package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"caresim/sim/care"
	"caresim/sim/des"

	"gopkg.in/yaml.v3"
)

// This file reads the ranges that scenario files document for their
// parameters and warns of values far outside them.
//
// A range is documented in a parameter's line comment, the comment on the
// line of its key, as the word range, a space and two ends joined by an
// en dash or a hyphen:
//
//	ppv: 0.5        # assumption (range 0.3–0.7): ...
//	admit: 0.1      # assumption (range 5–20%): ...
//	early_period: 3mo  # assumption (range 1–6 mo): ...
//	handling: {kind: lognormal, median: 15min, p90: 30min}  # assumption (range 10–30 min)
//
// The ends run to the first "(", ")", ";", ":", ", " or the end of the
// comment, and are read with the unit rules of the parameter's value
// (see [decoder]). An end written as a bare number takes the unit written
// on the other end (5–20% is 5% to 20%), or else the unit written on the
// value (range 1–6 on early_period: 3mo is 1mo to 6mo; on a distribution,
// the unit of its first number). A range on a distribution documents its
// mean. Only the first range of a comment counts.
//
// A value is far outside a range A–B when it lies outside
// [A − w, B + w], where w = B − A: more than the range's own width beyond
// it. That is a warning, not an error: a documented range is evidence of
// what is plausible, and a planner may have reason to go beyond it.

// A docRange is a range documented in a file's line comment.
type docRange struct {
	text      string // the ends as written: 0.3–0.7
	value     string // the value written with it (a distribution's first number), for an end without a unit
	scalar    bool   // the value is one number, which the range should hold
	file      string
	line, col int // the key's
}

// findRange returns the ends of the first range documented in comment:
// the word range (not inside another word), spaces, then text starting
// as a number does (a digit, a point, £ or a sign), up to the first "(",
// ")", ";", ":", ", " or the end. It reports false when the comment
// documents none.
func findRange(comment string) (string, bool) {
	lower := asciiLower(comment)
	for from := 0; ; {
		i := strings.Index(lower[from:], "range")
		if i < 0 {
			return "", false
		}
		i += from
		from = i + len("range")
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(comment[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		rest := comment[from:]
		after := strings.TrimLeft(rest, " \t")
		if len(after) == len(rest) || after == "" {
			continue // "ranges", "range." or nothing after it
		}
		if r, _ := utf8.DecodeRuneInString(after); !(isDigit(r) || r == '.' || r == '£' || r == '+' || r == '-' || r == '\u2212') {
			continue
		}
		end := len(after)
		for _, stop := range []string{"(", ")", ";", ":", ", "} {
			if j := strings.Index(after, stop); j >= 0 && j < end {
				end = j
			}
		}
		return strings.TrimSpace(after[:end]), true
	}
}

// asciiLower lower-cases the ASCII letters of s, leaving other bytes as
// they are, so that offsets into it are offsets into s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// parseDocRange reads the ends of a documented range (as [findRange] returns
// them) in unit, a unit tag of the decoder, for a parameter whose value
// is written value, and returns them in the model's units. The ends are
// joined by an en dash, or else by a hyphen that follows a number or a
// unit (a hyphen at the start, or after the e of an exponent, is a sign).
// The low end must not be above the high end.
func parseDocRange(text, unit, value string) (lo, hi float64, err error) {
	a, b, ok := cutRange(text)
	if !ok {
		return 0, 0, fmt.Errorf("%q: want two ends joined by a dash, low–high, such as 0.3–0.7 or 10–30 min", text)
	}
	switch ba, bb := bareNumber(a), bareNumber(b); {
	case ba && !bb:
		a = withUnitOf(a, b)
	case bb && !ba:
		b = withUnitOf(b, a)
	case ba && bb && !bareNumber(value):
		a, b = withUnitOf(a, value), withUnitOf(b, value)
	}
	if lo, err = parseUnit(a, unit); err != nil {
		return 0, 0, fmt.Errorf("%q: low end: %w", text, err)
	}
	if hi, err = parseUnit(b, unit); err != nil {
		return 0, 0, fmt.Errorf("%q: high end: %w", text, err)
	}
	if lo > hi {
		return 0, 0, fmt.Errorf("%q: the low end, %s, is above the high end, %s", text, a, b)
	}
	return lo, hi, nil
}

// cutRange splits text at the dash between its ends, as [parseDocRange]
// says.
func cutRange(text string) (a, b string, ok bool) {
	if a, b, ok := strings.Cut(text, "–"); ok {
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		return a, b, a != "" && b != ""
	}
	for i := 1; i < len(text); i++ {
		if text[i] != '-' {
			continue
		}
		before := strings.TrimRight(text[:i], " \t")
		if before == "" {
			continue
		}
		r, size := utf8.DecodeLastRuneInString(before)
		if (r == 'e' || r == 'E') && before == text[:i] && len(before) > size && isDigit(rune(before[len(before)-size-1])) {
			continue // 1e-3
		}
		if isDigit(r) || r == '%' || unicode.IsLetter(r) {
			a, b := strings.TrimSpace(text[:i]), strings.TrimSpace(text[i+1:])
			return a, b, b != ""
		}
	}
	return "", "", false
}

// splitNumber splits a number as written into its sign, the unit written
// before the number (£), the number, and the unit written after it (k, %,
// min, per 1000 per year). ok is false when s holds no number.
func splitNumber(s string) (sign, pre, num, post string, ok bool) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, isDigit)
	if i < 0 {
		return "", "", "", "", false
	}
	if i > 0 && s[i-1] == '.' {
		i--
	}
	for _, r := range s[:i] {
		switch r {
		case '-', '+', '\u2212':
			sign += string(r)
		case ' ', '\t':
		default:
			pre += string(r)
		}
	}
	n := scanNumber(s[i:])
	return sign, pre, s[i : i+n], s[i+n:], true
}

// bareNumber reports whether s is a number without a unit.
func bareNumber(s string) bool {
	_, pre, _, post, ok := splitNumber(s)
	return ok && pre == "" && strings.TrimSpace(post) == ""
}

// withUnitOf writes the bare number s with the unit written on other.
func withUnitOf(s, other string) string {
	sign, _, num, _, _ := splitNumber(s)
	_, pre, _, post, _ := splitNumber(other)
	return sign + pre + num + post
}

// firstNumber returns the text of n if it is a scalar, or of the first
// scalar value of mapping n that holds a digit (a distribution's first
// number), or "".
func firstNumber(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			if v := n.Content[i]; v.Kind == yaml.ScalarNode && strings.ContainsFunc(v.Value, isDigit) {
				return v.Value
			}
		}
	}
	return ""
}

// collectRanges records the ranges documented in the line comments of
// file's tree n, whose path is path, keeping a range already recorded for
// a path: the files of a chain are read from the scenario's own, so the
// nearest file's range wins. An entry of a list of named things is
// recorded by name (population.age_bands[85+].growth), as extends merges
// those lists by name.
func (l *loader) collectRanges(n *yaml.Node, file, path string, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Value == "" {
				continue
			}
			sub := join(path, k.Value)
			comment := v.LineComment
			if comment == "" {
				comment = k.LineComment // on a block mapping's key
			}
			l.noteRange(sub, comment, k, v, file)
			l.collectRanges(v, file, sub, depth+1)
		}
	case yaml.SequenceNode:
		for i, e := range n.Content {
			sub := path + "[" + strconv.Itoa(i) + "]"
			if v := mapValue(e, "name"); v != nil && v.Kind == yaml.ScalarNode && byName(v.Value) {
				sub = path + "[" + v.Value + "]"
			}
			if e.Kind == yaml.ScalarNode {
				l.noteRange(sub, e.LineComment, e, e, file)
			}
			l.collectRanges(e, file, sub, depth+1)
		}
	}
}

// byName reports whether a list entry's name can stand in brackets in a
// path and be read back as a name, not an index.
func byName(name string) bool {
	if name == "" || name == "*" || strings.ContainsAny(name, "[]") {
		return false
	}
	_, err := strconv.Atoi(name)
	return err != nil
}

// noteRange records the range documented in comment, if any, for the
// parameter at path whose key is k and value v.
func (l *loader) noteRange(path, comment string, k, v *yaml.Node, file string) {
	text, ok := findRange(comment)
	if !ok {
		return
	}
	if _, done := l.ranges[path]; done {
		return
	}
	if l.ranges == nil {
		l.ranges = map[string]docRange{}
	}
	l.ranges[path] = docRange{text: text, value: firstNumber(v), scalar: v.Kind == yaml.ScalarNode,
		file: file, line: k.Line, col: k.Column}
}

// ranged is a documented range read for the parameter it documents.
type ranged struct {
	doc    docRange
	steps  []care.Step
	path   string // with indexes, as positions and changes name it
	unit   string
	lo, hi float64
	told   bool // the scenario's own value is far outside, and was told
}

// far reports whether x is far outside r: outside [lo − w, hi + w] for
// w = hi − lo.
func (r *ranged) far(x float64) bool {
	w := r.hi - r.lo
	return x < r.lo-w || x > r.hi+w
}

// farMsg says that x is far outside r.
func (r *ranged) farMsg() string {
	w := r.hi - r.lo
	return fmt.Sprintf("far outside the range %s documented at %s:%d: more than the range's width beyond it, outside %s to %s",
		r.doc.text, r.doc.file, r.doc.line, r.show(r.lo-w), r.show(r.hi+w))
}

// show writes x for a message as [showValue] does, a share or a factor
// as a percentage when the range is written in percentages.
func (r *ranged) show(x float64) string {
	if (r.unit == "fraction" || r.unit == "factor") && strings.Contains(r.doc.text, "%") {
		return sig4(x*100) + "%"
	}
	return showValue(x, r.unit)
}

// checkRanges warns, in s.Warnings, of each value far outside the range
// documented for it: the scenario's values after extends and --set,
// positioned where each was set (a distribution where the nearest layer,
// an override or the nearest file, set it or one of its numbers), and
// every value the interventions reach with their
// effects at each end, positioned at the change that reaches it. A range
// that cannot be read, that documents what is not a number or a
// distribution, or that does not hold the value written with it is
// warned of where it is written. s must have passed its checks.
func (l *loader) checkRanges(s *Loaded, root *yaml.Node) {
	var warns ErrorList
	paths := make([]string, 0, len(l.ranges))
	for p := range l.ranges {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var rs []*ranged
	scenario := reflect.ValueOf(&s.Scenario).Elem()
	for _, p := range paths {
		doc := l.ranges[p]
		steps, err := care.ParsePath(p)
		if err != nil {
			continue // a key no parameter has; the decoder said so
		}
		v, at, unit, ok := paramAt(scenario, steps)
		if !ok {
			continue // not in the scenario as merged: an entry the overrides replaced
		}
		pos, ok := s.Positions.nearest(at, l.chainNames)
		if !ok {
			continue // not set: a mapping around it was replaced without it
		}
		field := namedPath(root, at)
		warnDoc := func(format string, args ...any) {
			warns.Add(doc.file, doc.line, doc.col, field, format, args...)
		}
		x, ok := numberOf(v)
		if !ok {
			if v.Type() != distType { // a distribution not given has no mean to check
				warnDoc("the range %s documented here is for a number or a distribution, not %s", doc.text, describeType(v.Type()))
			}
			continue
		}
		r := &ranged{doc: doc, steps: steps, path: at, unit: unit}
		if r.lo, r.hi, err = parseDocRange(doc.text, unit, doc.value); err != nil {
			warnDoc("cannot read the range documented here: %v", err)
			continue
		}
		if own, err := parseUnit(doc.value, unit); doc.scalar && err == nil && (own < r.lo || own > r.hi) {
			warnDoc("the range %s documented here does not hold the value written with it, %s: are its ends in the value's units?", doc.text, doc.value)
		}
		rs = append(rs, r)
		s.Ranges = append(s.Ranges, Range{Path: field, Unit: unit, Text: doc.text, File: doc.file, Line: doc.line,
			Value: x, Low: r.lo, High: r.hi, Number: v.Kind() == reflect.Float64})
		if r.far(x) {
			warns.Add(pos.File, pos.Line, pos.Col, field, "%s is %s", r.show(x), r.farMsg())
			r.told = true
		}
	}
	l.checkReached(s, root, rs, &warns)
	warns.Sort()
	for _, w := range warns {
		s.Warnings = append(s.Warnings, w)
	}
}

// checkReached warns of each value far outside its range that the
// interventions reach (see [care.Params.Reach]), once for each parameter
// and change, at the change's effect, with the effects at the first of
// their central, low and high values that reaches it. A parameter whose
// own value is already far outside is told of once, there.
func (l *loader) checkReached(s *Loaded, root *yaml.Node, rs []*ranged, warns *ErrorList) {
	rs = slices.DeleteFunc(rs, func(r *ranged) bool { return r.told })
	if len(rs) == 0 || len(s.Interventions) == 0 {
		return
	}
	seen := map[string]bool{}
	s.Params.Reach(func(r *care.Reached) {
		params := reflect.ValueOf(r.Params).Elem()
		for _, rg := range rs {
			v, _, _, ok := paramAt(params, rg.steps)
			if !ok {
				continue // not a care parameter: no intervention moves it
			}
			x, ok := numberOf(v)
			if !ok || !rg.far(x) {
				continue
			}
			for _, ch := range r.Changes {
				if !related(rg.path, ch.Path) {
					continue
				}
				key := rg.path + "\x00" + ch.At()
				if seen[key] {
					continue
				}
				seen[key] = true
				at := ch.At() + "." + effectKey(&s.Interventions[ch.Intervention].Changes[ch.Change])
				pos := s.Positions.Find(at)
				warns.Add(pos.File, pos.Line, pos.Col, namedPath(root, at), "takes %s to %s from %v, %s: %s",
					namedPath(root, rg.path), rg.show(x), s.Start.AddDays(int(math.Floor(float64(r.Day)))), r.Ends, rg.farMsg())
			}
		}
	})
}

// effectKey returns the key of a change's effect: to, scale or add.
func effectKey(ch *care.Change) string {
	switch {
	case ch.Scale != nil:
		return "scale"
	case ch.Add != nil:
		return "add"
	}
	return "to"
}

// nearest returns the position of path, or of the parameter inside it
// (a distribution's number) set by the nearest layer: an override before
// any file, then the files of chain in order, the scenario's own first;
// among equals, the first in the file. It reports false when neither path
// nor anything inside it was set.
func (ps Positions) nearest(path string, chain []string) (Pos, bool) {
	layer := func(file string) int {
		if file == "--set" {
			return 0
		}
		if i := slices.Index(chain, file); i >= 0 {
			return i + 1
		}
		return len(chain) + 1
	}
	var best Pos
	found := false
	for p, pos := range ps {
		if !related(path, p) || len(p) < len(path) {
			continue
		}
		lb, lp := layer(best.File), layer(pos.File)
		if !found || lp < lb || lp == lb && pos.File == best.File && (pos.Line < best.Line || pos.Line == best.Line && pos.Col < best.Col) {
			best, found = pos, true
		}
	}
	return best, found
}

var distType = reflect.TypeFor[des.Dist]()

// paramAt finds the parameter at steps in v, a Scenario or a
// care.Params: its value, its path with indexes (an entry of a list of
// named things found by name), and its unit tag. ok is false when the
// path names nothing there.
func paramAt(v reflect.Value, steps []care.Step) (_ reflect.Value, path, unit string, ok bool) {
	for _, s := range steps {
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return v, "", "", false
			}
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Struct:
			f, ok := structFields(v.Type()).byName[s.Key]
			if s.Key == "" || !ok {
				return v, "", "", false
			}
			if f.unit != "@" {
				unit = f.unit
			}
			v = v.FieldByIndex(f.index)
			path = join(path, s.Key)
		case reflect.Slice:
			i := -1
			switch {
			case s.IsIndex:
				i = s.Index
			case s.All:
			case v.Type().Elem().Kind() == reflect.Struct:
				name := s.Name
				if name == "" {
					name = s.Key
				}
				if f, ok := v.Type().Elem().FieldByName("Name"); ok && f.Type.Kind() == reflect.String {
					for j := 0; j < v.Len() && i < 0; j++ {
						if v.Index(j).FieldByIndex(f.Index).String() == name {
							i = j
						}
					}
				}
			}
			if i < 0 || i >= v.Len() {
				return v, "", "", false
			}
			v = v.Index(i)
			path += "[" + strconv.Itoa(i) + "]"
		default:
			return v, "", "", false
		}
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return v, "", "", false
		}
		v = v.Elem()
	}
	if v.Type() == timeType {
		unit = "duration"
	}
	return v, path, unit, true
}

// numberOf returns the number v holds: a number parameter's value, or a
// given distribution's mean. ok is false for anything else.
func numberOf(v reflect.Value) (float64, bool) {
	switch {
	case v.Type() == distType:
		d := v.Interface().(des.Dist)
		if d.Kind == 0 || d.Init() != nil {
			return 0, false
		}
		mean, _ := d.Moments()
		return mean, true
	case v.CanFloat():
		return v.Float(), true
	case v.CanInt():
		return float64(v.Int()), true
	case v.CanUint():
		return float64(v.Uint()), true
	}
	return 0, false
}

// describeType names what a parameter of type t is, for messages.
func describeType(t reflect.Type) string {
	switch {
	case t == dateType:
		return "a date"
	case t.Implements(textType) || reflect.PointerTo(t).Implements(textType):
		return "a name"
	}
	switch t.Kind() {
	case reflect.Struct:
		return "a mapping"
	case reflect.Slice:
		return "a list"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	}
	return t.String()
}

// showValue writes x, in the model's units, in unit for a message, to
// four significant figures: a duration in the unit that suits its size
// (as [FormatDuration] chooses it), money as [FormatMoney] does, a rate
// per day, a rate per head per 1000 per year, and anything else as a
// number.
func showValue(x float64, unit string) string {
	switch unit {
	case "duration", "signed-duration":
		a := math.Abs(x)
		u := minuteUnit
		for _, big := range []timeUnit{yearUnit, monthUnit, weekUnit, dayUnit} {
			if a >= big.days(2) {
				u = big
				break
			}
		}
		if u == minuteUnit && a >= hourUnit.days(1) {
			u = hourUnit
		}
		return sig4(x*u.den/u.num) + u.name
	case "money":
		return FormatMoney(x)
	case "rate":
		return sig4(x) + " per day"
	case "per-head":
		return sig4(x*1000*float64(des.Year)) + " per 1000 per year"
	}
	return sig4(x)
}

// sig4 writes x to four significant figures, without an exponent unless
// x is very small or very large.
func sig4(x float64) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return formatNumber(r)
}
