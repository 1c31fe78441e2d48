package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// yamlErrorAt returns where in src the YAML syntax error err is, and what
// to say of it. err came from parsing src whole; the message is
// yaml.v3's without its "yaml: line N:" prefix.
//
// yaml.v3 does not say where most errors are. A parser error ("did not
// find expected key") names the line before the start of the mapping or
// list it was in, which may be far above the problem, and an unknown
// alias, a control character or bad UTF-8 has no line at all. So the line
// is found by parsing ever longer beginnings of src, whole lines at a
// time: the problem is on the last line of the shortest beginning that
// fails as src does (a binary search, so about log₂(lines) parses). The
// column is found for what can be seen in that line (the alias, the
// character); otherwise it is 1. And when the beginning one line shorter
// ends inside a quoted string, that string is what went wrong, most likely
// for want of its closing quote, so the problem is put where it starts.
//
// A parser that reports where a problem is (yaml.v3 keeps it, as
// problem_mark, but does not export it) would need none of this; what it
// still cannot know is which of two quotes was the one left out.
func yamlErrorAt(src []byte, err error) (line, col int, msg string) {
	yline, msg := yamlErrorLine(err)
	full := err.Error()
	ends := lineEnds(src)
	fails := func(k int) string { return parseErr(src[:ends[k-1]]) } // the error of the first k lines, or ""
	k := sort.Search(len(ends), func(i int) bool { return fails(i+1) == full }) + 1
	if k > len(ends) {
		return yline, 1, msg // src fails, but no beginning of it as src does: trust yaml.v3
	}
	text := src[:ends[k-1]]
	if k > 1 {
		text = src[ends[k-2]:ends[k-1]]
	}
	switch {
	case msg == eosMsg:
		// A quoted string is never closed. yaml.v3 names the line it
		// starts on, except line 1, which it does not count as a line.
		if strings.HasSuffix(fails(1), eosMsg) {
			return 1, 1, eosMsg + ": a quoted string that starts on this line is never closed"
		}
		return yline, 1, eosMsg + ": a quoted string that starts on this line is never closed"
	case strings.HasPrefix(msg, "unknown anchor '"):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		return k, aliasColumn(text, name), fmt.Sprintf("alias *%s refers to no anchor &%s above it", name, name)
	case readerError(msg):
		if c, r, ok := badRune(text); ok {
			if r == utf8.RuneError {
				return k, c, msg + ": the file is not UTF-8 text"
			}
			return k, c, fmt.Sprintf("%s: U+%04X here", msg, r)
		}
		return k, 1, msg
	}
	if k > 1 {
		if prev := fails(k - 1); strings.HasSuffix(prev, eosMsg) {
			start := 1
			if !strings.HasSuffix(fails(1), eosMsg) {
				start, _ = yamlErrorLine(errors.New(prev))
			}
			if start < k {
				return start, 1, fmt.Sprintf("%s on line %d, after a quoted string that starts on this line and runs on to it: is its closing quote missing?", msg, k)
			}
		}
	}
	return k, 1, msg
}

// eosMsg is yaml.v3's message for a quoted string still open at the end.
const eosMsg = "found unexpected end of stream"

// parseErr returns the text of the first error in parsing every document
// of src, or "" if there is none.
func parseErr(src []byte) string {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return ""
		}
		if err != nil {
			return err.Error()
		}
	}
}

// lineEnds returns the offset just past each line of src, its newline
// included; the last line may have none.
func lineEnds(src []byte) []int {
	var ends []int
	for i, c := range src {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] < len(src) {
		ends = append(ends, len(src))
	}
	return ends
}

// readerError reports whether msg is one of yaml.v3's errors about the
// characters of the file rather than its syntax.
func readerError(msg string) bool {
	return msg == "control characters are not allowed" || strings.Contains(msg, "UTF-8") ||
		strings.Contains(msg, "UTF-16") || msg == "invalid Unicode character"
}

// badRune returns the column (from 1, in characters) and the character of
// the first character of line that YAML does not allow (YAML 1.2 §5.1:
// tab, newline, carriage return and the printable characters), with r
// utf8.RuneError for a byte that is not UTF-8.
func badRune(line []byte) (col int, r rune, ok bool) {
	for i := 0; i < len(line); col++ {
		r, size := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && size <= 1 || !yamlChar(r) {
			return col + 1, r, true
		}
		i += size
	}
	return 0, 0, false
}

func yamlChar(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r', r >= 0x20 && r <= 0x7E, r == 0x85,
		r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// aliasColumn returns the column (from 1, in characters) of the alias
// *name in line, or 1 if it cannot be seen there.
func aliasColumn(line []byte, name string) int {
	s := string(line)
	for from := 0; ; {
		i := strings.Index(s[from:], "*"+name)
		if i < 0 {
			return 1
		}
		i += from
		end := i + 1 + len(name)
		if end == len(s) || strings.ContainsRune(" \t\r\n,]}", rune(s[end])) {
			return utf8.RuneCountInString(s[:i]) + 1
		}
		from = i + 1
	}
}
