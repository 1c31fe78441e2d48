package results

import "testing"

// TestFYDays checks the length of a financial year read from its label:
// 2015/16 holds 29 February 2016; a label that is not one has none.
func TestFYDays(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		label string
		want  int
	}{{"2014/15", 365}, {"2015/16", 366}, {"2023/24", 366}, {"2024/25", 365}, {"2014/15 (part)", 0}, {"", 0}} {
		if got := fyDays(c.label); got != c.want {
			t.Errorf("fyDays(%q) = %d, want %d", c.label, got, c.want)
		}
	}
}
