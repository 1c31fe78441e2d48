package table

import (
	"bytes"
	"math"
	"slices"
	"testing"
)

func TestWriteText(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		tb   *Table
		want string
	}{
		// Text columns are left-aligned, numeric ones right-aligned, and
		// no line ends in spaces.
		{"align", &Table{Header: []string{"case", "value", "note"}, Rows: [][]string{{"M/M/c", "0.6687", "yes"}, {"tandem c1=20", "16.79", "a longer note"}}},
			"case           value  note\n" +
				"M/M/c         0.6687  yes\n" +
				"tandem c1=20   16.79  a longer note\n"},
		// Empty cells (values not measured) leave a numeric column
		// right-aligned.
		{"empty cells", &Table{Header: []string{"metric", "mean", "low"}, Rows: [][]string{{"a", "1.5", ""}, {"bb", "12", "11"}}},
			"metric  mean  low\n" +
				"a        1.5\n" +
				"bb        12   11\n"},
		// Amounts of money are numeric too, with or without a sign or a
		// suffix, and a nil row is a blank line; a stray £ in text is
		// not a number.
		{"money", &Table{Header: []string{"metric", "mean", "low", "note"}, Rows: [][]string{
			{"a", "1.5", "2", "£ a year"}, nil, {"gap", "£137.9m", "-£850.3k", "x"}, {"bill", "£395", "£2.1bn", "y"}}},
			"metric     mean       low  note\n" +
				"a           1.5         2  £ a year\n" +
				"\n" +
				"gap     £137.9m  -£850.3k  x\n" +
				"bill       £395    £2.1bn  y\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.tb.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			if b.String() != c.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), c.want)
			}
		})
	}
}

// TestPounds checks the money cells of the text tables.
func TestPounds(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   []float64
		want []string
	}{
		{[]float64{137.94e6, 136.52e6, 139.3e6}, []string{"£137.9m", "£136.5m", "£139.3m"}},
		// One scale a row, from its largest amount.
		{[]float64{-13.4e6, -0.2e6, 1.8e6}, []string{"-£13.4m", "-£0.2m", "£1.8m"}},
		{[]float64{-155029, -898604, 588545}, []string{"-£155.0k", "-£898.6k", "£588.5k"}},
		{[]float64{395.4, -12}, []string{"£395", "-£12"}},
		// Nothing measured is an empty cell; a rounded zero has no sign.
		{[]float64{math.NaN(), -0.04e6, 2e6}, []string{"", "£0.0m", "£2.0m"}},
		{[]float64{0, math.Inf(1)}, []string{"£0", ""}},
	} {
		if got := Pounds(c.in...); !slices.Equal(got, c.want) {
			t.Errorf("Pounds(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}
