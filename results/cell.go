package results

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Cell formats x for CSV: the shortest decimal that reads back as x, with
// no exponent, and an empty cell for NaN or infinity (nothing measured).
func Cell(x float64) string { return CellBits(x, 64) }

// DailyCell formats a daily value to float32 precision (about seven
// significant figures), the precision in which package sim keeps the
// daily series across replications: more digits would be noise.
func DailyCell(x float64) string { return CellBits(x, 32) }

// CellBits formats x for CSV at the precision of a float of bits bits
// (64 or 32): the shortest decimal that reads back as x at that precision,
// with no exponent, and an empty cell for NaN or infinity.
func CellBits(x float64, bits int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', -1, bits)
}

// Number is a float64 that encodes as JSON null when it is NaN or
// infinite, which JSON cannot hold.
type Number float64

// MarshalJSON writes x as a JSON number, or null when it is NaN or
// infinite.
func (x Number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// UnmarshalJSON reads null as NaN, as MarshalJSON writes it.
func (x *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = Number(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(x))
}

// WriteJSON writes v as indented JSON, with <, > and & as they are.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// ParseCell reads a value as written by [CellBits] at bits: an empty
// cell is NaN (not measured); anything else must be a finite decimal
// number. Text that no writer writes, NaN, Inf or a hexadecimal float, is
// an error, not a value not measured.
func ParseCell(s string, bits int) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	if strings.Trim(s, "0123456789.eE+-") != "" {
		return 0, fmt.Errorf("%q is not a number (an empty cell is one not measured)", s)
	}
	x, err := strconv.ParseFloat(s, bits)
	if err != nil || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q is not a number (an empty cell is one not measured)", s)
	}
	return x, nil
}

// ParseNumber reads a cell that must hold a number: as [ParseCell], but
// an empty cell is an error too.
func ParseNumber(s string) (float64, error) {
	if s == "" {
		return 0, errors.New("empty, where a number must be")
	}
	return ParseCell(s, 64)
}
