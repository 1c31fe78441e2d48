// Package suggest finds the name a user probably meant, for the "did you
// mean" hints of caresim's messages: a scenario's keys and units, a built-in
// scenario's name, an observed measure's name.
package suggest

// Closest returns the option nearest to word in Levenshtein distance (the
// fewest single-character insertions, deletions and substitutions), for a
// "did you mean" hint. It reports false when no option is within distance 2,
// or when the nearest is as far as word is long (any letter is one edit
// from any other). Ties go to an option with word's first letter, as typing
// slips seldom change it (1.2mn suggests m, not bn), then to the option
// nearest in length to word (dayz suggests days, not day), then to the
// earliest in options. Comparison is by rune and case-sensitive; callers
// that ignore case pass lower-case word and options.
//
// It costs O(len(word)·len(option)) per option whose length is within 2 of
// word's.
func Closest(word string, options []string) (string, bool) {
	w := []rune(word)
	best, bestDist, bestFirst, bestLen := "", 0, false, 0
	found := false
	for _, o := range options {
		r := []rune(o)
		dl := len(r) - len(w)
		if dl < 0 {
			dl = -dl
		}
		if dl > 2 { // the distance is at least the difference in length
			continue
		}
		d := levenshtein(w, r)
		if d > 2 || d >= len(w) {
			continue
		}
		first := r[0] == w[0] // both are non-empty: d < len(w) and d ≥ len(w) when r is empty
		better := !found || d < bestDist ||
			d == bestDist && (first && !bestFirst || first == bestFirst && dl < bestLen)
		if better {
			best, bestDist, bestFirst, bestLen, found = o, d, first, dl, true
		}
	}
	return best, found
}

// levenshtein returns the edit distance between a and b, using two rows of
// the Wagner–Fischer table.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := range a {
		cur[0] = i + 1
		for j := range b {
			cost := 1
			if a[i] == b[j] {
				cost = 0
			}
			cur[j+1] = min(prev[j+1]+1, cur[j]+1, prev[j]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
