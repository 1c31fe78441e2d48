package sim

import (
	"math"
	"testing"
)

// FuzzParseShard checks that --shard either fails with a message or gives
// 1 <= K <= N, and that the shards 1..N of N share out points exactly once.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"1/1", "2/8", "0/3", "3/2", "1/", "/", "-1/-1", "9223372036854775807/9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sh, err := ParseShard(text)
		if err != nil {
			return
		}
		if sh.K < 1 || sh.K > sh.N {
			t.Fatalf("%q gave %v", text, sh)
		}
		if sh.N > math.MaxInt32 {
			return
		}
		for i := range 20 {
			owners := 0
			for k := 1; k <= min(sh.N, 50); k++ {
				if (Shard{K: k, N: sh.N}).Has(i) {
					owners++
				}
			}
			if sh.N <= 50 && owners != 1 {
				t.Fatalf("point %d has %d owners among %d shards", i, owners, sh.N)
			}
		}
	})
}
