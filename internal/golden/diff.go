package golden

import (
	"fmt"
	"strings"
)

// context is how many equal lines Diff shows around each change.
const context = 3

// maxCells bounds the table of the longest common subsequence, lines of
// want times lines of got after their common ends are cut: 4e6 cells of
// 4 bytes. Beyond it the middle is shown as all removed and all added.
const maxCells = 4_000_000

// maxLines is how many lines of diff Diff shows before it stops.
const maxLines = 200

// Diff returns a unified diff of want (the file named wantName) against
// got (named gotName), line by line, with three lines of context: lines
// only in want start with "-", lines only in got with "+". It returns ""
// when they are equal. A line's missing final newline shows as
// "\ No newline at end of file".
func Diff(wantName, gotName, want, got string) string {
	if want == got {
		return ""
	}
	w, g := lines(want), lines(got)
	ops := edits(w, g)
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", wantName, gotName)
	shown := 0
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk runs from context lines before this change to context
		// lines after the last change that is at most 2×context equal
		// lines from the one before it.
		start := max(0, i-context)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
			} else if j-end >= 2*context {
				break
			}
		}
		end = min(len(ops), end+context)
		wl, gl := ops[start].w, ops[start].g
		var nw, ng int
		for _, op := range ops[start:end] {
			if op.kind != '+' {
				nw++
			}
			if op.kind != '-' {
				ng++
			}
		}
		fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", wl+1, nw, gl+1, ng)
		for _, op := range ops[start:end] {
			if shown == maxLines {
				b.WriteString("... (diff cut short)\n")
				return b.String()
			}
			shown++
			b.WriteByte(op.kind)
			b.WriteString(op.text)
			if !strings.HasSuffix(op.text, "\n") {
				b.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return b.String()
}

// lines splits s after each newline, keeping the newlines, so that a
// missing final newline is a difference.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	l := strings.SplitAfter(s, "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}

// op is one line of an edit script: kind ' ' (in both), '-' (only in
// want) or '+' (only in got), with the line's index in want and in got
// before it.
type op struct {
	kind byte
	text string
	w, g int
}

// edits returns an edit script from w to g through their longest common
// subsequence of lines (O(len(w)·len(g)) after the common ends are cut).
func edits(w, g []string) []op {
	var ops []op
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		ops = append(ops, op{' ', w[pre], pre, pre})
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	mw, mg := w[pre:len(w)-suf], g[pre:len(g)-suf]
	if len(mw)*len(mg) > maxCells {
		for i, l := range mw {
			ops = append(ops, op{'-', l, pre + i, pre})
		}
		for i, l := range mg {
			ops = append(ops, op{'+', l, pre + len(mw), pre + i})
		}
	} else {
		// lcs[i][j] is the length of the longest common subsequence of
		// mw[i:] and mg[j:].
		n, m := len(mw), len(mg)
		lcs := make([]int32, (n+1)*(m+1))
		at := func(i, j int) int32 { return lcs[i*(m+1)+j] }
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if mw[i] == mg[j] {
					lcs[i*(m+1)+j] = at(i+1, j+1) + 1
				} else {
					lcs[i*(m+1)+j] = max(at(i+1, j), at(i, j+1))
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && mw[i] == mg[j]:
				ops = append(ops, op{' ', mw[i], pre + i, pre + j})
				i++
				j++
			case i < n && (j == m || at(i+1, j) >= at(i, j+1)):
				ops = append(ops, op{'-', mw[i], pre + i, pre + j})
				i++
			default:
				ops = append(ops, op{'+', mg[j], pre + i, pre + j})
				j++
			}
		}
	}
	for k := suf; k > 0; k-- {
		ops = append(ops, op{' ', w[len(w)-k], len(w) - k, len(g) - k})
	}
	return ops
}
