package sim

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is the share of a sweep's points that one machine runs: the
// points i with i mod N = K−1, so that N machines (a Slurm job array, a
// Kubernetes indexed Job) share a sweep and every point is run by exactly
// one. The zero value is not a shard; the whole sweep is 1/1.
type Shard struct {
	K, N int // 1 <= K <= N
}

// String writes the shard as K/N.
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Has reports whether point i is in the shard.
func (s Shard) Has(i int) bool { return i%s.N == s.K-1 }

// ParseShard reads K/N.
func ParseShard(text string) (Shard, error) {
	k, n, ok := strings.Cut(text, "/")
	ki, err1 := strconv.Atoi(k)
	ni, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("want K/N with 1 <= K <= N, such as 2/8, not %q", text)
	}
	return Shard{K: ki, N: ni}, nil
}
