// Package table writes text and CSV tables for caresim's command line and
// the text tables of its reports, and formats amounts of money for them.
package table

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Table is a header and rows of cells, all strings.
type Table struct {
	Header []string
	Rows   [][]string
}

// WriteCSV writes the table as CSV (RFC 4180).
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(t.Rows); err != nil {
		return err
	}
	return cw.Error()
}

// WriteText writes the table with columns padded to line up; columns whose
// cells all look numeric (numbers, or amounts of money as [Pounds] writes
// them; empty cells aside) are right-aligned. A nil row is a blank line.
func (t *Table) WriteText(w io.Writer) error {
	width := make([]int, len(t.Header))
	numeric := make([]bool, len(t.Header))
	for i, h := range t.Header {
		width[i] = utf8.RuneCountInString(h)
		numeric[i] = true
	}
	for _, r := range t.Rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
			if c != "" && !isNumber(c) {
				numeric[i] = false
			}
		}
	}
	bw := bufio.NewWriter(w)
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if numeric[i] {
				b.WriteString(pad + c)
			} else if i < len(cells)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(c)
			}
		}
		fmt.Fprintln(bw, strings.TrimRight(b.String(), " "))
	}
	line(t.Header)
	for _, r := range t.Rows {
		line(r)
	}
	return bw.Flush()
}

func isNumber(s string) bool {
	if m, ok := strings.CutPrefix(strings.TrimPrefix(s, "-"), "£"); ok {
		for _, suffix := range []string{"bn", "m", "k"} {
			if t, ok := strings.CutSuffix(m, suffix); ok {
				m = t
				break
			}
		}
		_, err := strconv.ParseFloat(m, 64)
		return err == nil
	}
	var f float64
	_, err := fmt.Sscan(s, &f)
	return err == nil && s != ""
}

// Pounds formats amounts of money for a table, all on the scale of the
// largest, so that a row reads at a glance: from a million pounds up in
// millions to one decimal (£137.9m, £0.2m, -£13.4m), from a thousand in
// thousands (£850.3k), else in whole pounds (£395). NaN and infinities are
// empty cells, as for numbers not measured. An amount that rounds to zero has
// no sign.
func Pounds(xs ...float64) []string {
	big := 0.0
	for _, x := range xs {
		if finite(x) {
			big = max(big, math.Abs(x))
		}
	}
	scale, suffix, prec := 1.0, "", 0
	switch {
	case big >= 1e6:
		scale, suffix, prec = 1e6, "m", 1
	case big >= 1e3:
		scale, suffix, prec = 1e3, "k", 1
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		if !finite(x) {
			continue
		}
		s := strconv.FormatFloat(math.Abs(x)/scale, 'f', prec, 64)
		sign := ""
		if x < 0 && strings.Trim(s, "0.") != "" {
			sign = "-"
		}
		out[i] = sign + "£" + s + suffix
	}
	return out
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
