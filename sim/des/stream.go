package des

import "math/rand/v2"

// NewStream returns the random stream called name for replication rep of a
// scenario with the given seed. The same three values always give the same
// sequence, so any stream of any replication can be re-created on its own,
// and two scenarios with the same seed draw the same numbers for streams of
// the same name (common random numbers).
//
// The derivation is
//
//	h      = FNV-1a 64-bit hash of name
//	stream = splitmix64(h ^ splitmix64(uint64(rep) + 0x9E3779B97F4A7C15))
//	rng    = rand.New(rand.NewPCG(seed, stream))
//
// FNV-1a (Fowler, Noll and Vo) spreads names over 64 bits; splitmix64
// (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
// OOPSLA 2014) is a bijective mixer, so distinct (rep, name) pairs give
// distinct, well-scrambled PCG stream selectors unless the 64-bit hashes
// collide. PCG (O'Neill 2014) with different second words gives
// statistically independent sequences.
//
// Each replication should create its streams once, at its start; the
// returned generator is not safe for concurrent use.
func NewStream(seed uint64, rep int, name string) *rand.Rand {
	return rand.New(rand.NewPCG(seed, StreamID(rep, name)))
}

// StreamID returns the PCG stream selector for stream name in replication
// rep; see [NewStream] for the derivation.
func StreamID(rep int, name string) uint64 {
	const (
		offset64 = 14695981039346656037
		prime64  = 1099511628211
	)
	h := uint64(offset64)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= prime64
	}
	return splitmix64(h ^ splitmix64(uint64(rep)+0x9E3779B97F4A7C15))
}

// splitmix64 is the output function of Steele et al.'s SplitMix64.
func splitmix64(x uint64) uint64 {
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}
