// Package text writes numbers and words as caresim's tables, charts and
// board reports show them, so that the command line, package plots and
// the report say them alike.
//
// It holds only what more than one of those packages writes; a format
// that one package alone uses stays in that package.
package text

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Plural returns "1 replication", "2 replications".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Round4 formats x to four significant figures without an exponent; NaN
// and infinity are empty.
func Round4(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	y, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return strconv.FormatFloat(y, 'f', -1, 64)
}

// Capitalise returns s with its first letter in upper case.
func Capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
