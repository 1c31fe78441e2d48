package des

// Slab stores entities of type T in a slice and recycles the places of
// entities that have left, so that a long run allocates only while its
// population grows and never per entity in steady state. Entities are named
// by their int32 index, which is what events carry in [Event.ID].
//
// The zero value is an empty slab ready to use. A Slab is not safe for
// concurrent use.
type Slab[T any] struct {
	items []T
	free  []int32
	live  int
}

// Alloc returns the index of a place holding the zero T. It is O(1)
// amortised.
func (s *Slab[T]) Alloc() int32 {
	s.live++
	if n := len(s.free); n > 0 {
		id := s.free[n-1]
		s.free = s.free[:n-1]
		var zero T
		s.items[id] = zero
		return id
	}
	var zero T
	s.items = append(s.items, zero)
	return int32(len(s.items) - 1)
}

// Free returns place id for reuse. The caller must not use id afterwards;
// freeing an index twice corrupts the slab.
func (s *Slab[T]) Free(id int32) {
	s.live--
	s.free = append(s.free, id)
}

// At returns a pointer to entity id. The pointer is valid until the next
// Alloc, which may move the storage.
func (s *Slab[T]) At(id int32) *T { return &s.items[id] }

// Live returns the number of entities allocated and not freed.
func (s *Slab[T]) Live() int { return s.live }

// Cap returns the number of places the slab holds, live or free.
func (s *Slab[T]) Cap() int { return len(s.items) }

// Reset frees every entity, keeping the storage.
func (s *Slab[T]) Reset() {
	s.items = s.items[:0]
	s.free = s.free[:0]
	s.live = 0
}
