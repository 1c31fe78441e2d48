package scenarios

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"caresim/sim/care"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/spatial/r1"
	"gonum.org/v1/gonum/stat/distmv"
	"gonum.org/v1/gonum/stat/samplemv"
)

// SweepAxis is one swept parameter: a --set with several values, or a --range
// of a Latin hypercube.
type SweepAxis struct {
	Flag    string   // "--set" or "--range"
	Pos     int      // its position among that flag's values, from 1
	Path    string   // the parameter path
	Text    string   // the flag's value as given: path=v1,v2
	Prefix  string   // its text up to and including '='
	Values  []string // a grid's values, as the scenario loader reads them
	Offsets []int    // where each value starts after the '='; nil for a range lo:hi:step
	Lo, Hi  float64  // a --range, in the model's units
	// Unit is the unit a range's ends were read in (duration, money,
	// fraction, rate, per-head, or "" for plain numbers), in which the
	// values computed from them are written for the loader.
	Unit string
}

// SweepSpec is what to sweep: the user's --set flags, and the axes that
// vary between points.
type SweepSpec struct {
	Sets    []string
	Axes    []*SweepAxis
	setAxis []int // for each --set, the index of its axis, or −1 for an override
	LHS     int
}

// ParseSweep reads the --set, --range and --lhs flags. Its errors are
// positioned like the scenario loader's: --set:2:22: path: message.
func ParseSweep(sets, ranges []string, lhs int) (*SweepSpec, error) {
	s := &SweepSpec{Sets: sets, LHS: lhs}
	var errs ErrorList
	for i, set := range sets {
		s.setAxis = append(s.setAxis, -1)
		a, err := parseSetAxis(set, i+1)
		if err != nil {
			errs = append(errs, err)
		} else if a != nil {
			s.setAxis[i] = len(s.Axes)
			s.Axes = append(s.Axes, a)
		}
	}
	for i, r := range ranges {
		a, err := parseRange(r, i+1)
		if err != nil {
			errs = append(errs, err)
		} else {
			s.Axes = append(s.Axes, a)
		}
	}
	var msg string
	switch {
	case lhs < 0:
		msg = "--lhs must be >= 1"
	case lhs > 0 && len(ranges) == 0:
		msg = "--lhs needs a --range path=lo:hi for each parameter it varies"
	case lhs == 0 && len(ranges) > 0:
		msg = "--range goes with --lhs N, the number of points"
	case lhs > 0 && len(s.Axes) > len(ranges):
		msg = "--lhs varies only the --range parameters: give each --set one value"
	}
	switch {
	case len(errs) > 0 && msg != "":
		return nil, fmt.Errorf("%w\n%s", errs.Err(), msg)
	case len(errs) > 0:
		return nil, errs.Err()
	case msg != "":
		return nil, errors.New(msg)
	}
	if len(s.Axes) == 0 {
		return nil, fmt.Errorf("nothing to sweep: give a --set with several values (path=a,b or path=lo:hi:step), or --lhs N with --range path=lo:hi")
	}
	for i, a := range s.Axes {
		for _, b := range s.Axes[:i] {
			if a.Path == b.Path {
				return nil, fmt.Errorf("%s %s and %s %s both sweep %s", b.Flag, b.Prefix, a.Flag, a.Prefix, a.Path)
			}
		}
	}
	return s, nil
}

// sweepErr is a problem with the sweep flag at position pos of flag,
// column col.
func sweepErr(flag string, pos, col int, path, format string, args ...any) *Error {
	return &Error{File: flag, Line: pos, Col: col, Field: path, Msg: fmt.Sprintf(format, args...)}
}

// parseSetAxis returns the axis that the k-th --set makes, or nil for an
// override of one value. The scenario loader reports malformed overrides.
func parseSetAxis(set string, k int) (*SweepAxis, *Error) {
	rawPath, value, ok := strings.Cut(set, "=")
	if !ok || strings.TrimSpace(value) == "" || strings.ContainsAny(strings.TrimSpace(value)[:1], `{["'`) {
		return nil, nil
	}
	a := &SweepAxis{Flag: "--set", Pos: k, Path: strings.TrimSpace(rawPath), Text: set, Prefix: set[:len(rawPath)+1]}
	col := len(a.Prefix) + 1 // where the value starts, from 1
	if first, _, _ := strings.Cut(a.Path, "."); first == "seed" || first == "replications" {
		if strings.ContainsAny(value, ",:") {
			return nil, sweepErr("--set", k, 1, a.Path, "every point of a sweep has the same seed and replications: use --seed and --reps")
		}
		return nil, nil
	}
	switch {
	case strings.Contains(value, ","):
		off := 0
		for _, v := range strings.Split(value, ",") {
			lead := len(v) - len(strings.TrimLeft(v, " "))
			if strings.TrimSpace(v) == "" {
				return nil, sweepErr("--set", k, col+off, a.Path, "empty value in the list %q", value)
			}
			// A number without its unit, told here as one of the list
			// rather than as a --set of its own; the loader checks the rest.
			if _, _, err := parseNumbers(a.Path, []string{v}); err != nil {
				var nu *NoUnitError
				if errors.As(err, &nu) {
					nu.Hints = UnitHints(nu.Kind, nu.Text, nu.Value, a.Path)
					return nil, sweepErr("--set", k, col+off+lead, a.Path, "%v", nu)
				}
			}
			a.Values = append(a.Values, strings.TrimSpace(v))
			a.Offsets = append(a.Offsets, off+lead)
			off += len(v) + 1
		}
		return a, nil
	case strings.Count(value, ":") == 2:
		parts := strings.Split(value, ":")
		vals, unit, err := parseNumbers(a.Path, parts)
		if err != nil {
			return nil, sweepErr("--set", k, col, a.Path, "%v", rangeError(a.Path, value, parts, err))
		}
		lo, hi, step := vals[0], vals[1], vals[2]
		if !(step > 0) || hi < lo {
			return nil, sweepErr("--set", k, col, a.Path, "range %q: want lo:hi:step with lo <= hi and step > 0", value)
		}
		n := math.Floor((hi-lo)/step*(1+1e-12)) + 1
		if n > MaxSweepPoints {
			return nil, sweepErr("--set", k, col, a.Path, "range %q has %g values, more than %d", value, n, MaxSweepPoints)
		}
		a.Unit = unit
		a.Values = rangeValues(parts, vals, int(n), unit)
		return a, nil
	case strings.Count(value, ":") == 1:
		return nil, sweepErr("--set", k, col, a.Path, "range %q has no step: want lo:hi:step", value)
	}
	return nil, nil
}

// rangeValues returns the n values of the range lo:hi:step, whose texts
// are parts and whose values in the model's units are vals, read in unit.
// Where lo, hi and step are written alike (50min:70min:10min,
// £1m:£2m:£0.5m) the values are too, computed in the numbers as written
// and rounded to 12 significant figures, so that 0.1:0.3:0.1 ends at 0.3
// rather than 0.30000000000000004 and 50min stays exactly 50 minutes.
// Otherwise (1h:3h:30min) they are numbers in the model's units, written
// as formatValue writes them (0.0625d).
func rangeValues(parts []string, vals []float64, n int, unit string) []string {
	out := make([]string, n)
	var x [3]float64
	var pre, post [3]string
	alike := true
	for i, t := range parts {
		loc := numberRE.FindStringIndex(t)
		if loc == nil {
			alike = false
			break
		}
		pre[i], post[i] = strings.TrimSpace(t[:loc[0]]), t[loc[1]:]
		x[i], _ = strconv.ParseFloat(t[loc[0]:loc[1]], 64)
		alike = alike && pre[i] == pre[0] && strings.TrimSpace(post[i]) == strings.TrimSpace(post[0])
	}
	for i := range out {
		if alike {
			v, _ := strconv.ParseFloat(strconv.FormatFloat(x[0]+float64(i)*x[2], 'g', 12, 64), 64)
			out[i] = pre[0] + plain(v) + strings.TrimRight(post[0], " ")
		} else {
			out[i] = formatValue(vals[0]+float64(i)*vals[2], unit)
		}
	}
	return out
}

// numberRE matches a decimal number without thousands separators.
var numberRE = regexp.MustCompile(`[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?`)

// MaxSweepPoints bounds a sweep's points, far beyond what anyone runs.
const MaxSweepPoints = 1_000_000

// parseRange reads the k-th --range, path=lo:hi.
func parseRange(r string, k int) (*SweepAxis, *Error) {
	rawPath, value, ok := strings.Cut(r, "=")
	if !ok || strings.Count(value, ":") != 1 {
		return nil, sweepErr("--range", k, 1, "", "want path=lo:hi, such as services.acute.beds=600:700, not %q", r)
	}
	a := &SweepAxis{Flag: "--range", Pos: k, Path: strings.TrimSpace(rawPath), Text: r, Prefix: r[:len(rawPath)+1]}
	if _, err := care.ParsePath(a.Path); err != nil {
		return nil, sweepErr("--range", k, 1, a.Path, "%v", err)
	}
	parts := strings.Split(value, ":")
	vals, unit, err := parseNumbers(a.Path, parts)
	if err != nil {
		return nil, sweepErr("--range", k, len(a.Prefix)+1, a.Path, "%v", rangeError(a.Path, value, parts, err))
	}
	a.Lo, a.Hi, a.Unit = vals[0], vals[1], unit
	if !(a.Hi > a.Lo) {
		return nil, sweepErr("--range", k, len(a.Prefix)+1, a.Path, "range %q: want lo:hi with lo < hi", value)
	}
	return a, nil
}

// parseNumbers reads numbers in the units of the parameter at path
// (4h, 12 per day, 15%) and returns them in the model's units (days, per
// day, fractions, pounds) with the unit they were read in. Where package
// care does not know the unit (money.*, an intervention's to and add),
// the first reading of every number that works is taken: a plain number,
// money, a duration (with a sign), a percentage, a rate, a rate per head.
func parseNumbers(path string, texts []string) ([]float64, string, error) {
	readings := []struct {
		unit  string
		parse func(string) (float64, error)
	}{
		{"", plainNumber}, {"money", ParseMoney}, {"duration", parseSignedDays},
		{"fraction", ParsePercent}, {"rate", ParseRate}, {"per-head", ParsePopulationRate},
	}
	if unit, err := care.UnitOf(path); err == nil && (unit != "" || !changeValue(path)) {
		parse := map[string]func(string) (float64, error){
			"duration": parseDays, "money": ParseMoney, "fraction": ParsePercent, "factor": ParseFactor,
			"rate": ParseRate, "per-head": ParsePopulationRate, "": plainNumber,
		}[unit]
		if parse == nil {
			return nil, "", fmt.Errorf("internal error: unknown unit %q", unit)
		}
		readings = readings[:1]
		readings[0].unit, readings[0].parse = unit, parse
	}
	var first error
	for _, r := range readings {
		out := make([]float64, len(texts))
		var err error
		for i, s := range texts {
			if out[i], err = r.parse(s); err != nil {
				break
			}
		}
		if err == nil {
			return out, r.unit, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, "", first
}

// changeValue reports whether path names a number of an intervention's
// to or add, whose unit is the changed parameter's.
func changeValue(path string) bool {
	steps, err := care.ParsePath(path)
	if err != nil {
		return false
	}
	for i, s := range steps[1:] {
		if (s.Key == "to" || s.Key == "add") && steps[i].Key == "" {
			return true // changes[0].to
		}
	}
	return false
}

// rangeError returns err, the error reading the range value whose parts
// are lo:hi or lo:hi:step, with hints written as ranges when the parts
// are numbers without their unit: range "5:7:1" has no units: 5h:7h:1h? 5d:7d:1d?
func rangeError(path, value string, parts []string, err error) error {
	var nu *NoUnitError
	if !errors.As(err, &nu) {
		return err
	}
	for _, p := range parts {
		if _, e := plainNumber(p); e != nil {
			nu.Hints = UnitHints(nu.Kind, nu.Text, nu.Value, path)
			return nu // one part has a unit: tell of the one without
		}
	}
	lo := strings.TrimSpace(parts[0])
	var hints []string
	for _, h := range UnitHints(nu.Kind, lo, nu.Value, path) {
		unit := strings.TrimPrefix(h, lo)
		ends := make([]string, len(parts))
		for i, p := range parts {
			ends[i] = strings.TrimSpace(p) + unit
		}
		hints = append(hints, strings.Join(ends, ":"))
	}
	return fmt.Errorf("range %q has no units: %s?", value, strings.Join(hints, "? "))
}

// formatValue writes x, in the model's units, for the loader to read in
// unit and get x back exactly: a duration in days with its unit (0.0625d),
// a rate per head per person per day, anything else as a plain number.
func formatValue(x float64, unit string) string {
	switch unit {
	case "duration":
		return plain(x) + "d"
	case "per-head":
		return plain(x) + " per person per day"
	}
	return plain(x)
}

func parseDays(s string) (float64, error) {
	d, err := ParseDuration(s)
	return float64(d), err
}

func parseSignedDays(s string) (float64, error) {
	d, err := ParseSignedDuration(s)
	return float64(d), err
}

func plainNumber(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("want a number, not %q", s)
	}
	return x, nil
}

// SweepUnit is the unit of sweep.csv's column for the parameter at path.
func SweepUnit(path string) string {
	u, err := care.UnitOf(path)
	if err != nil {
		return "as given"
	}
	return map[string]string{"duration": "days", "money": "pounds", "fraction": "fraction", "rate": "per day", "per-head": "per person per day"}[u]
}

// SweepPoint is one point of a sweep: a value for each axis.
type SweepPoint struct {
	Index int
	Vals  []string // each axis's value, as the scenario loader reads it
	Idx   []int    // on a grid, the index of each value in its axis
	Cells []string // each axis's column in sweep.csv, once loaded
}

// Points returns every point of the sweep, in order. A Latin hypercube
// is drawn from seed; integer tells which of its parameters are whole
// numbers, to be rounded.
func (s *SweepSpec) Points(seed uint64, integer []bool) []SweepPoint {
	var out []SweepPoint
	if s.LHS > 0 {
		// Stream "LHS" of the seed: the sample is the same on every
		// machine and shard, and apart from the replications' streams.
		src := rand.NewPCG(seed, 0x4c4853)
		bounds := make([]r1.Interval, len(s.Axes))
		for j, a := range s.Axes {
			bounds[j] = r1.Interval{Min: a.Lo, Max: a.Hi}
		}
		batch := mat.NewDense(s.LHS, len(s.Axes), nil)
		samplemv.LatinHypercube{Q: distmv.NewUniform(bounds, nil), Src: src}.Sample(batch)
		for i := range s.LHS {
			p := SweepPoint{Index: i}
			for j := range s.Axes {
				v := batch.At(i, j)
				if integer[j] {
					v = math.Round(v)
				}
				p.Vals = append(p.Vals, formatValue(v, s.Axes[j].Unit))
			}
			out = append(out, p)
		}
		return out
	}
	n := 1
	for _, a := range s.Axes {
		n *= len(a.Values)
	}
	for i := range n {
		p := SweepPoint{Index: i, Vals: make([]string, len(s.Axes)), Idx: make([]int, len(s.Axes))}
		rest := i
		for j := len(s.Axes) - 1; j >= 0; j-- { // the last axis varies fastest
			a := s.Axes[j]
			p.Idx[j] = rest % len(a.Values)
			p.Vals[j] = a.Values[p.Idx[j]]
			rest /= len(a.Values)
		}
		out = append(out, p)
	}
	return out
}

// Size returns the number of points without listing them.
func (s *SweepSpec) Size() int {
	if s.LHS > 0 {
		return s.LHS
	}
	n := 1
	for _, a := range s.Axes {
		n *= len(a.Values)
		if n > MaxSweepPoints {
			return n
		}
	}
	return n
}

// PointSets returns the overrides of point p: the user's --set flags in
// order, each swept one given p's value, then the --range values.
func (s *SweepSpec) PointSets(p SweepPoint) []string {
	out := slices.Clone(s.Sets)
	for j, a := range s.Axes {
		if a.Flag == "--set" {
			out[a.Pos-1] = a.Prefix + p.Vals[j]
		} else {
			out = append(out, a.Prefix+p.Vals[j])
		}
	}
	return out
}

// FixedSets returns the overrides every point shares.
func (s *SweepSpec) FixedSets() []string {
	var out []string
	for i, set := range s.Sets {
		if s.setAxis[i] < 0 {
			out = append(out, set)
		}
	}
	return out
}

// Reposition points the loader's errors about point p's overrides at the
// flags the user wrote: a value from a list at its place in the list, a
// value from a range or a hypercube at the start of the range.
func (s *SweepSpec) Reposition(err error, p SweepPoint) {
	var list ErrorList
	if !errors.As(err, &list) {
		return
	}
	for _, e := range list {
		if e.File != "--set" || e.Line < 1 {
			continue
		}
		j := -1
		if e.Line <= len(s.Sets) {
			j = s.setAxis[e.Line-1]
		} else if s.LHS > 0 { // the --range values follow the --set flags
			j = e.Line - len(s.Sets) - 1
			e.File, e.Line = "--range", s.Axes[j].Pos
		}
		if j < 0 || e.Col <= len(s.Axes[j].Prefix) {
			continue
		}
		if a := s.Axes[j]; a.Offsets != nil {
			e.Col += a.Offsets[p.Idx[j]]
		} else {
			e.Col = len(a.Prefix) + 1
			e.Msg += fmt.Sprintf(" (point %d: %s)", p.Index, p.Vals[j])
		}
	}
}

// plain writes x as the shortest decimal that reads back as x, with no
// exponent: how a sweep's values are given to the loader and written to
// sweep.csv.
func plain(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
