package observed

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"caresim/internal/input"
	"caresim/scenarios"
)

// MaxSize is the largest observed file read, in bytes: ten years of every
// month of a hundred measures, each with a long source, is about 3 MiB.
const MaxSize = 16 << 20

// Columns are an observed file's columns, in the order Write writes
// them; a file may give them in any order. Note is optional.
var Columns = []string{"period", "measure", "value", "unit", "source", "note"}

// required are the columns a file must have.
var required = Columns[:5]

// Row is one observed value: what was measured, over which period, in
// which unit, and where the figure comes from.
type Row struct {
	Line    int // the line of the file it was read from
	Period  Period
	Measure string // a [Measure]'s name
	Value   float64
	Unit    string // the measure's unit
	Source  string // where the figure was published
	Note    string // how it was derived, or caveats; may be empty
}

// Set is an observed file's rows, in the file's order.
type Set struct {
	File   string // the file's name, as given
	Digest string // the SHA-256 of its bytes, in hex
	Rows   []Row
}

// Error is one problem in an observed file, at a line and column (each
// counted from 1; 0 when the problem is with the whole file), in a field
// (a column's name, or empty), as every input file's problems are given:
//
//	mid-notts.csv:12:9: measure: unknown measure "ed_atendances"; did you mean "ed_attendances"?
type Error = scenarios.Error

// ErrorList is every problem found in an observed file, in the order of
// the file; its message lists them one a line, the first hundred.
type ErrorList = scenarios.ErrorList

// Read reads and checks the observed file at path (see [Parse]). It reads
// only a regular file of at most [MaxSize] bytes.
func Read(path string) (*Set, error) {
	b, err := input.ReadFile(path, MaxSize, "an observed file")
	if err != nil {
		return nil, err
	}
	return Parse(path, b)
}

// Parse reads and checks an observed file's bytes, data, named file in
// messages. The file is CSV with a header naming the columns period,
// measure, value, unit and source, and optionally note, in any order; a
// UTF-8 byte order mark is skipped. Each row must have:
//
//   - a period: a financial year (2014/15) or a month (2014-04), see
//     [ParsePeriod];
//   - a measure that caresim measures over periods of that kind, see
//     [Measure] (a hint names the nearest name of an unknown one);
//   - a value: a finite number, in 0 to 1 for a fraction, not negative but
//     for money;
//   - the measure's unit, exactly as caresim writes it (patients, beds,
//     fraction, £, …);
//   - a source: where the figure comes from, not empty.
//
// No measure may be given twice for the same period. Parse never skips a
// row: it returns the set, or an [ErrorList] of every problem found, each
// with its line, column and field. A CSV syntax error ends the reading,
// after the problems found before it.
func Parse(file string, data []byte) (*Set, error) {
	sum := sha256.Sum256(data)
	set := &Set{File: file, Digest: hex.EncodeToString(sum[:])}
	var errs ErrorList
	add := func(line, col int, field, format string, args ...any) {
		errs.Add(file, line, col, field, format, args...)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // each row's count is checked against the header's below
	header, err := r.Read()
	if err == io.EOF {
		add(0, 0, "", "empty: an observed file has a header (%s) and a row per value", strings.Join(required, ","))
		return nil, errs
	}
	if err != nil {
		addCSV(file, &errs, err)
		return nil, errs
	}
	col, ok := columns(header, r, add)
	if !ok {
		return nil, errs.Err()
	}
	first := map[rowKey]int{} // the line of each measure's period's first row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			addCSV(file, &errs, err)
			break
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			add(line, 1, "", "%d fields, but the header has %d columns", len(rec), len(header))
			continue
		}
		row, ok := parseRow(rec, col, r, add)
		row.Line = line
		if !ok {
			continue
		}
		k := rowKey{row.Measure, row.Period}
		if at, seen := first[k]; seen {
			l, c := r.FieldPos(col["measure"])
			add(l, c, "measure", "%s in %s is given twice, on lines %d and %d", row.Measure, row.Period, at, line)
			continue
		}
		first[k] = line
		set.Rows = append(set.Rows, row)
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if len(set.Rows) == 0 {
		add(0, 0, "", "no rows: an observed file has a row per value after its header")
		return nil, errs
	}
	return set, nil
}

// rowKey is what no two rows may share: a measure and a period.
type rowKey struct {
	measure string
	period  Period
}

// columns returns the index of each column named in header, adding a
// problem for a column missing, unknown or named twice; ok is false when
// there was one.
func columns(header []string, r *csv.Reader, add func(line, col int, field, format string, args ...any)) (map[string]int, bool) {
	col := map[string]int{}
	ok := true
	for i, h := range header {
		line, c := r.FieldPos(i)
		name := strings.TrimSpace(h)
		switch {
		case !slices.Contains(Columns, name):
			add(line, c, "", "unknown column %s: the columns are %s, and optionally note", quote(h), strings.Join(required, ", "))
			ok = false
		case hasKey(col, name):
			add(line, c, "", "column %s twice, as columns %d and %d", name, col[name]+1, i+1)
			ok = false
		default:
			col[name] = i
		}
	}
	for _, n := range required {
		if !hasKey(col, n) {
			add(1, 1, "", "no %s column: the columns are %s, and optionally note", n, strings.Join(required, ", "))
			ok = false
		}
	}
	return col, ok
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

// parseRow reads and checks one record, adding a problem for each cell at
// fault; ok is false when there was one.
func parseRow(rec []string, col map[string]int, r *csv.Reader, add func(line, col int, field, format string, args ...any)) (Row, bool) {
	ok := true
	bad := func(name, format string, args ...any) {
		l, c := r.FieldPos(col[name])
		add(l, c, name, format, args...)
		ok = false
	}
	cell := func(name string) string {
		i, has := col[name]
		if !has {
			return ""
		}
		s := rec[i]
		if !utf8.ValidString(s) {
			bad(name, "not UTF-8 text: save the file as UTF-8")
			return ""
		}
		return strings.TrimSpace(s)
	}
	var row Row
	var err error
	if row.Period, err = ParsePeriod(cell("period")); err != nil {
		bad("period", "%s: %v", quote(cell("period")), err)
	}
	row.Measure, row.Unit, row.Source, row.Note = cell("measure"), cell("unit"), cell("source"), cell("note")
	var m Measure
	switch {
	case row.Measure == "":
		bad("measure", "empty: name the caresim measure observed")
	case row.Period != Period{}:
		if m, err = lookup(row.Measure, row.Period); err != nil {
			bad("measure", "%v", err)
		}
	}
	v := cell("value")
	if row.Value, err = parseValue(v); err != nil {
		bad("value", "%s: %v", quote(v), err)
	}
	if row.Source == "" {
		bad("source", "empty: say where the figure comes from (a publication's title or address)")
	}
	if m.Name == "" {
		return row, ok
	}
	switch {
	case row.Unit != m.Unit && m.Unit == "£":
		bad("unit", "%s is not %s's unit, %s: money is in pounds, 23500000 for £23.5m", quote(row.Unit), m.Name, quote(m.Unit))
	case row.Unit != m.Unit:
		bad("unit", "%s is not %s's unit, %s (%s)", quote(row.Unit), m.Name, quote(m.Unit), periodKind(m.Monthly))
	case err != nil:
	case m.Unit == "fraction" && (row.Value < 0 || row.Value > 1):
		msg := "a fraction is 0 to 1"
		if row.Value > 1 && row.Value <= 100 {
			msg += fmt.Sprintf(": %s for %s%%?", strconv.FormatFloat(row.Value/100, 'f', -1, 64), v)
		}
		bad("value", "%s", msg)
	case m.Unit != "£" && row.Value < 0:
		bad("value", "%s cannot be negative", m.Name)
	}
	return row, ok
}

// periodKind says which kind of period a measure's unit is of.
func periodKind(monthly bool) string {
	if monthly {
		return "in a month, as daily.csv counts it"
	}
	return "in a financial year"
}

// parseValue reads a value: a finite decimal number, without thousands
// separators, units or percent signs.
func parseValue(s string) (float64, error) {
	if s == "" {
		return 0, errors.New("empty: give the observed value")
	}
	if strings.Trim(s, "0123456789.eE+-") != "" && !strings.ContainsAny(s, ",£%") {
		return 0, errors.New("not a number")
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err == nil && (math.IsNaN(v) || math.IsInf(v, 0)):
		return 0, errors.New("not a finite number")
	case err == nil:
		return v, nil
	case errors.Is(err, strconv.ErrRange):
		return 0, errors.New("too large a number")
	case strings.ContainsAny(s, ",£%"):
		return 0, errors.New("a plain number: no thousands separators, £ or % (the unit column says what it is)")
	}
	return 0, errors.New("not a number")
}

// addCSV adds a CSV syntax error at its position.
func addCSV(file string, errs *ErrorList, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := "CSV: " + pe.Err.Error()
		if pe.StartLine != pe.Line {
			msg += fmt.Sprintf(" (in the record that starts on line %d: is a closing quote missing?)", pe.StartLine)
		}
		errs.Add(file, pe.Line, pe.Column, "", "%s", msg)
		return
	}
	errs.Add(file, 0, 0, "", "%s", err.Error())
}

// maxQuoted is how much of a cell a message quotes, in characters.
const maxQuoted = 60

// quote quotes s for a message, cut to its first maxQuoted characters.
func quote(s string) string {
	if r := []rune(s); len(r) > maxQuoted {
		return strconv.Quote(string(r[:maxQuoted])) + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return strconv.Quote(s)
}

// Write writes rows as an observed file that [Parse] reads back as they
// are (but for their lines): the header of [Columns], then each row.
func Write(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	cw.Write(Columns)
	for _, r := range rows {
		cw.Write([]string{r.Period.String(), r.Measure, strconv.FormatFloat(r.Value, 'g', -1, 64), r.Unit, r.Source, r.Note})
	}
	cw.Flush()
	return cw.Error()
}
