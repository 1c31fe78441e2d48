package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtending writes a file that extends a built-in with a parameter
// of a mapping and one of a list entry picked by index, loads it, and
// finds the values set; a path through a list without names is refused.
func TestExtending(t *testing.T) {
	t.Parallel()
	l, err := Load("textbook-mmc", Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := l.Extending("textbook-mmc", "calibrated\nby hand", []Setting{
		{Path: "demand.urgent.routes[0].per_day", Value: "200", Comment: "from 180 to 220"},
		{Path: "services.ed.treatment.mean", Value: "0.05d"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `# calibrated
# by hand

extends: textbook-mmc
demand:
  urgent:
    routes:
      - name: walk-in
        per_day: 200 # from 180 to 220
services:
  ed:
    treatment:
      mean: 0.05d
`
	if string(src) != want {
		t.Errorf("got\n%s\nwant\n%s", src, want)
	}
	path := filepath.Join(t.TempDir(), "calibrated.yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]float64{"demand.urgent.routes[0].per_day": 200, "services.ed.treatment.mean": 0.05, "services.ed.cubicles": 10} {
		nums, err := got.Params.Numbers(p)
		if err != nil || len(nums) != 1 || nums[0].Get() != want {
			t.Errorf("%s = %v (%v), want %v", p, nums, err, want)
		}
	}
	if _, err := l.Extending("textbook-mmc", "", []Setting{{Path: "demand.urgent.routes[*].per_day", Value: "1"}}); err == nil || !strings.Contains(err.Error(), "[*]") {
		t.Errorf("a path through [*]: %v, want an error naming it", err)
	}
}
