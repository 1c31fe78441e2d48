package suggest

import "testing"

func TestLevenshtein(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"", "abc", 3},
		{"abc", "", 3},
		{"", "", 0},
		{"same", "same", 0},
		{"ab", "ba", 2},
		{"café", "cafe", 1},
		{"£", "$", 1},
	} {
		for _, p := range [][2]string{{c.a, c.b}, {c.b, c.a}} {
			if got := levenshtein([]rune(p[0]), []rune(p[1])); got != c.want {
				t.Errorf("levenshtein(%q, %q) = %d, want %d", p[0], p[1], got, c.want)
			}
		}
	}
}
