package scenarios

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Error is one problem in a scenario file, at a position, on a field:
//
//	baseline.yaml:12:5: services.acute.beds: must be > 0
//
// Line and Col count from 1; 0 means the position is unknown (for example
// a problem with a whole file). Field is the parameter path in the syntax
// that --set and interventions use.
type Error struct {
	File      string
	Line, Col int
	Field     string
	Msg       string
}

// Error formats the problem as file:line:col: field: message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxQuoted is how much of a value a message quotes, in characters: a
// scalar is quoted so that the planner can find it, and a whole file read
// as one scalar (extends: /etc/passwd) must not be printed back.
const maxQuoted = 60

// maxMsg is the most characters of a message, whatever it quotes.
const maxMsg = 1000

// quote quotes s for a message, cut to its first maxQuoted characters
// with the length of the rest.
func quote(s string) string {
	if r := []rune(s); len(r) > maxQuoted {
		return strconv.Quote(string(r[:maxQuoted])) + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return strconv.Quote(s)
}

// maxField is the most characters of a field's path in a message: a
// path is made of the file's keys, and a key may be any length.
const maxField = 200

// clip cuts s to n characters, saying how long it was.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + fmt.Sprintf("… (cut: %d bytes)", len(s))
	}
	return s
}

// ErrorList collects every problem found in one or more scenario files, so
// that a planner sees all of them at once rather than one per run.
type ErrorList []*Error

// Add appends a problem.
func (l *ErrorList) Add(file string, line, col int, field, format string, args ...any) {
	*l = append(*l, &Error{File: file, Line: line, Col: col, Field: clip(field, maxField), Msg: clip(fmt.Sprintf(format, args...), maxMsg)})
}

// Sort orders the list by file, line and column, keeping the order of
// problems found at the same place.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// MaxShown is the most problems [ErrorList.Error] lists; a count stands
// for the rest. A file with more has one mistake repeated (a list pasted
// at the wrong level), and the first hundred show it.
const MaxShown = 100

// Error lists the problems one per line, the first [MaxShown] of them and
// then how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l[:min(len(l), MaxShown)] {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if n := len(l) - MaxShown; n > 0 {
		fmt.Fprintf(&b, "\nand %d more problems (%d in all)", n, len(l))
	}
	return b.String()
}

// Err returns the list sorted as an error, or nil if it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Unwrap returns the problems, so that errors.As finds an *Error in the
// list.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// dedupe drops repeated errors (same place, field and message), keeping
// the first of each.
func (l ErrorList) dedupe() ErrorList {
	seen := map[Error]bool{}
	out := l[:0]
	for _, e := range l {
		if !seen[*e] {
			seen[*e] = true
			out = append(out, e)
		}
	}
	return out
}
