package text

import "testing"

func TestRound4(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x    float64
		want string
	}{
		{78189.879, "78190"},
		{164612.3, "164600"},
		{0.94179166, "0.9418"},
		{5.7259, "5.726"},
		{0, "0"},
		{-0.0022213, "-0.002221"},
		{1e-7, "0.0000001"},
	} {
		if got := Round4(c.x); got != c.want {
			t.Errorf("Round4(%g) = %q, want %q", c.x, got, c.want)
		}
	}
}
