package observed

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that Parse never panics; that every problem it reports
// is an Error of the file with a line, but those of the whole file (an
// empty file, one without rows); that every row it accepts has a period,
// a measure of that kind of period in the measure's unit, a finite value
// and a source, with no measure twice in a period; and that the rows
// written out read back the same.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("period,measure,value,unit,source\n2014/15,deficit_gbp,1e3,£,x\n2014-02,ae_4h_breaches,0,patients,\"a \"\"b\"\"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Parse("f.csv", data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v is not a non-empty ErrorList", err)
			}
			for _, e := range list {
				if e.File != "f.csv" || e.Msg == "" {
					t.Errorf("problem %+v does not name the file or say what is wrong", e)
				}
				if e.Line < 1 && len(list) > 1 {
					t.Errorf("problem %q has no line, beside others", e)
				}
			}
			return
		}
		seen := map[rowKey]bool{}
		for _, r := range set.Rows {
			m, ok := Lookup(r.Measure, r.Period.Monthly())
			if !ok || m.Unit != r.Unit || r.Source == "" || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) || r.Line < 2 {
				t.Errorf("accepted row %+v", r)
			}
			k := rowKey{r.Measure, r.Period}
			if seen[k] {
				t.Errorf("accepted %s twice in %s", r.Measure, r.Period)
			}
			seen[k] = true
		}
		var b bytes.Buffer
		if err := Write(&b, set.Rows); err != nil {
			t.Fatal(err)
		}
		again, err := Parse("again.csv", b.Bytes())
		if err != nil {
			t.Fatalf("rows written out do not read back: %v", err)
		}
		for i, r := range again.Rows {
			w := set.Rows[i]
			r.Line, w.Line = 0, 0
			if r != w {
				t.Errorf("row %d read back as %+v, want %+v", i, r, w)
			}
		}
	})
}
