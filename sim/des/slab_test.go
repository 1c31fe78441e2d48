package des

import "testing"

func TestSlab(t *testing.T) {
	var s Slab[struct{ x, y int }]
	a, b, c := s.Alloc(), s.Alloc(), s.Alloc()
	if a != 0 || b != 1 || c != 2 || s.Live() != 3 {
		t.Fatalf("ids %d %d %d live %d", a, b, c, s.Live())
	}
	s.At(b).x = 7
	s.Free(b)
	// A freed place is reused, and comes back zeroed.
	if d := s.Alloc(); d != b || s.At(d).x != 0 {
		t.Fatalf("reuse: id %d, x %d", d, s.At(d).x)
	}
	if s.Cap() != 3 || s.Live() != 3 {
		t.Fatalf("cap %d live %d", s.Cap(), s.Live())
	}
	s.Reset()
	if s.Live() != 0 || s.Alloc() != 0 {
		t.Fatal("Reset did not empty the slab")
	}
	var z Slab[int]
	for i := 0; i < 100; i++ {
		z.Alloc()
	}
	allocs := testing.AllocsPerRun(1000, func() {
		z.Free(z.Alloc())
		id := z.Alloc()
		z.Free(id)
	})
	if allocs != 0 {
		t.Errorf("steady-state Alloc/Free allocates %v times", allocs)
	}
}
