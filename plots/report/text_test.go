package report

import (
	"math"
	"testing"

	"caresim/sim/stats"
)

// TestExcludesZero checks that an interval that could not be computed
// (one replication) is not marked as excluding zero.
func TestExcludesZero(t *testing.T) {
	t.Parallel()
	if excludesZero(stats.Summary{Mean: 1, HalfWidth: math.NaN()}) {
		t.Error("an interval of one replication excludes zero")
	}
	if !excludesZero(stats.Summary{Mean: 1, HalfWidth: 0.5}) || excludesZero(stats.Summary{Mean: 1, HalfWidth: 1.5}) {
		t.Error("1 ± 0.5 must exclude zero, 1 ± 1.5 must not")
	}
}
