package scenarios

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadErrors loads ref with opt and returns its problems one a line, or
// fails the test when there are none or one has no position.
func loadErrors(t *testing.T, ref string, opt Options) string {
	t.Helper()
	_, err := Load(ref, opt)
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("Load(%s) = %v, want problems", ref, err)
	}
	for _, e := range list {
		if e.File == "" {
			t.Errorf("problem without a file: %s", e)
		}
	}
	return err.Error()
}

// TestLoadNotRegular checks that only regular files are read, whether
// named on the command line or by extends: a device such as /dev/zero
// was read until memory ran out, and a named pipe blocked for ever.
func TestLoadNotRegular(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ext := filepath.Join(dir, "zero.yaml")
	if err := os.WriteFile(ext, []byte("name: zero\nextends: /dev/zero\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("name: big\n# "+strings.Repeat("x", MaxFileSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	for _, tc := range []struct{ ref, want string }{
		{"/dev/zero", "/dev/zero: cannot read /dev/zero: a device, not a regular file"},
		{ext, ext + ":2:10: extends: cannot read /dev/zero: a device, not a regular file"},
		{dir, dir + ": cannot read " + dir + ": a directory, not a regular file"},
		{big, big + ": cannot read " + big + ": larger than the 1 MiB a scenario file may be"},
	} {
		if got := loadErrors(t, tc.ref, Options{}); got != tc.want {
			t.Errorf("Load(%s):\n got %s\nwant %s", tc.ref, got, tc.want)
		}
	}
}

// unknownKeys returns a scenario extending base.yaml with n unknown keys
// at the top level and n in the acute beds' mapping.
func unknownKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("name: keys\nextends: base.yaml\n")
	for i := range n {
		fmt.Fprintf(&b, "unknown_%d: 1\n", i)
	}
	b.WriteString("services:\n  acute:\n")
	for i := range n {
		fmt.Fprintf(&b, "    unknown_%d: 1\n", i)
	}
	return []byte(b.String())
}

// TestLoadManyProblems checks that a file with tens of thousands of
// problems is checked in time linear in them (merging and naming each
// problem's path once scanned the whole merged file, so 40,000 unknown
// keys took 11 s), and that only the first MaxShown are listed, with a
// count of the rest.
func TestLoadManyProblems(t *testing.T) {
	if testing.Short() {
		t.Skip("times loads of tens of thousands of problems")
	}
	t.Parallel()
	base, err := os.ReadFile("testdata/load/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	load := func(n int) (time.Duration, error) {
		src := unknownKeys(n)
		read := func(name string) ([]byte, error) {
			if filepath.Base(name) == "base.yaml" {
				return base, nil
			}
			return src, nil
		}
		best := time.Duration(math.MaxInt64)
		var err error
		for range 2 { // the faster of two, against a loaded machine
			began := time.Now()
			_, err = Load("keys.yaml", Options{ReadFile: read})
			best = min(best, time.Since(began))
		}
		return best, err
	}
	small, _ := load(500)
	large, err := load(24000)
	// 48 times the problems: linear is about 48 times the time (more
	// with the garbage collector's work), quadratic 2304 times; 192
	// leaves room for a noisy machine.
	ratio := float64(large) / float64(small)
	t.Logf("%v for 1000 problems, %v for 48000: %.1f times", small, large, ratio)
	if ratio > 192 {
		t.Errorf("48 times the problems took %.0f times as long (%v against %v): not linear", ratio, large, small)
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 48000 {
		t.Fatalf("want 48000 problems, got %d", len(list))
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != MaxShown+1 || lines[MaxShown] != "and 47900 more problems (48000 in all)" {
		t.Errorf("want %d problems listed and a count of the rest, got %d lines ending %q", MaxShown, len(lines), lines[len(lines)-1])
	}
}
