package main

import (
	"strings"
	"testing"
)

// A docExample is a "$ caresim ..." line of the package comment and the
// output shown below it.
type docExample struct {
	args string   // the arguments, after "$ caresim "
	want []string // the lines that follow, up to the next example or the end of the code block
}

// docExamples returns the examples of the package comment in src, a Go
// file: each "$ caresim" line of a code block, and the lines under it in
// the block (blank lines inside it included) up to the next example.
func docExamples(src string) []docExample {
	var examples []docExample
	var cur *docExample
	for _, line := range strings.Split(src, "\n") {
		switch {
		case strings.HasPrefix(line, "//\t$ caresim "):
			examples = append(examples, docExample{args: strings.TrimPrefix(line, "//\t$ caresim ")})
			cur = &examples[len(examples)-1]
		case cur != nil && strings.HasPrefix(line, "//\t"):
			cur.want = append(cur.want, strings.TrimPrefix(line, "//\t"))
		case cur != nil && strings.TrimSpace(line) == "//":
			cur.want = append(cur.want, "")
		default:
			cur = nil
		}
	}
	for i := range examples {
		w := examples[i].want
		for len(w) > 0 && w[len(w)-1] == "" {
			w = w[:len(w)-1]
		}
		examples[i].want = w
	}
	return examples
}

// matchOutput reports whether the lines got match the lines want, where a
// line "..." matches any number of lines, none included, and "..." within
// a line matches any text; spaces at the ends of lines do not count.
// Examples elide so what depends on the machine or is too long for the
// manual.
func matchOutput(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if strings.TrimSpace(want[0]) == "..." {
		for i := range len(got) + 1 {
			if matchOutput(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && matchLine(strings.TrimRight(want[0], " "), strings.TrimRight(got[0], " ")) && matchOutput(want[1:], got[1:])
}

// matchLine reports whether s matches pattern, in which each "..."
// matches any text.
func matchLine(pattern, s string) bool {
	parts := strings.Split(pattern, "...")
	if len(parts) == 1 {
		return s == pattern
	}
	first, last := parts[0], parts[len(parts)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	s = s[len(first) : len(s)-len(last)]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

// TestMatchOutput checks the matcher of the package comment's examples.
func TestMatchOutput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		want, got string
		match     bool
	}{
		{"same", "a\nb", "a\nb", true},
		{"line differs", "a\nb", "a\nc", false},
		{"fewer lines", "a\nb", "a", false},
		{"more lines", "a", "a\nb", false},
		{"trailing spaces", "a  ", "a", true},
		{"elided lines", "a\n...\nd", "a\nb\nc\nd", true},
		{"elided nothing", "a\n...\nd", "a\nd", true},
		{"elided tail", "a\n...", "a\nb\nc", true},
		{"elision needs its ends", "a\n...\nd", "a\nb\nc", false},
		{"elided text", "case ... pass", "case    measure   pass", true},
		{"elided text, end differs", "case ... pass", "case    measure   fail", false},
		{"two elisions in order", "x ... 0.66 ... yes", "x  wait  0.66  0.67  yes", true},
		{"two elisions out of order", "x ... yes ... 0.66", "x  wait  0.66  0.67  yes", false},
		{"ends overlap", "ab...ba", "aba", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matchOutput(strings.Split(tt.want, "\n"), strings.Split(tt.got, "\n")); got != tt.match {
				t.Errorf("matchOutput(%q, %q) = %v, want %v", tt.want, tt.got, got, tt.match)
			}
		})
	}
}

// TestDocExamplesParse checks how docExamples reads a package comment: an
// example's output runs to the next example or the end of its code
// block, blank lines inside it included and blank lines after it not.
func TestDocExamplesParse(t *testing.T) {
	t.Parallel()
	src := "// Doc.\n//\n//\t$ caresim run a\n//\tline 1\n//\n//\tline 3\n//\n//\t$ caresim show b\n//\n// More text.\n//\n//\t$ caresim check c\n//\tok\npackage main\n"
	got := docExamples(src)
	want := []docExample{{"run a", []string{"line 1", "", "line 3"}}, {"show b", nil}, {"check c", []string{"ok"}}}
	if len(got) != len(want) {
		t.Fatalf("docExamples = %q, want %q", got, want)
	}
	for i := range want {
		if got[i].args != want[i].args || strings.Join(got[i].want, "|") != strings.Join(want[i].want, "|") || len(got[i].want) != len(want[i].want) {
			t.Errorf("example %d = %q, want %q", i, got[i], want[i])
		}
	}
}
