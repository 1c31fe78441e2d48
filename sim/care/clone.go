package care

import "reflect"

// Clone returns a deep copy of p: every slice, map and pointer reachable
// through exported fields is copied, so that a replication can let its
// [Schedule] write into its own Params while others run from the same
// scenario. Distributions must be initialised again on the copy (their
// derived tables are shared until [des.Dist.Init] replaces them).
func (p *Params) Clone() *Params {
	c := new(Params)
	deepCopy(reflect.ValueOf(c).Elem(), reflect.ValueOf(p).Elem())
	return c
}

// deepCopy copies src into dst, which has src's type, duplicating the
// storage of slices, maps and pointers reached through exported fields.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Struct:
		dst.Set(src) // unexported fields too, shallowly
		t := src.Type()
		for i := 0; i < src.NumField(); i++ {
			if t.Field(i).IsExported() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			dst.Set(src)
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			deepCopy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Array:
		for i := 0; i < src.Len(); i++ {
			deepCopy(dst.Index(i), src.Index(i))
		}
	case reflect.Pointer:
		if src.IsNil() {
			dst.Set(src)
			return
		}
		v := reflect.New(src.Type().Elem())
		deepCopy(v.Elem(), src.Elem())
		dst.Set(v)
	case reflect.Map:
		if src.IsNil() {
			dst.Set(src)
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(it.Value().Type()).Elem()
			deepCopy(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	default:
		dst.Set(src)
	}
}
