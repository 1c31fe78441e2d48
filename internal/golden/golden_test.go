package golden

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failures reported to it
// instead of failing the test.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recorder) Fatal(args ...any)                 { r.Errorf("%s", fmt.Sprint(args...)) }

func TestGotPath(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]string{
		"testdata/run-mmc.stdout":    "testdata/run-mmc.got-stdout",
		"testdata/report-mmc.html":   "testdata/report-mmc.got-html",
		"testdata/regress.golden":    "testdata/regress.got-golden",
		"testdata/decode/tab.errors": "testdata/decode/tab.got-errors",
		"testdata/v1.2/plain":        "testdata/v1.2/plain.got",
	} {
		if got := GotPath(path); got != want {
			t.Errorf("GotPath(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestCheck checks each outcome of Check: a match passes and removes a
// stale .got file; a mismatch fails with a diff and writes the .got
// file; a missing golden fails, naming -update; and -update rewrites the
// golden without failing.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.stdout")
	gotPath := filepath.Join(dir, "x.got-stdout")
	write := func(name, s string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	write(path, "a\nb\nc\n")
	write(gotPath, "stale")
	r := &recorder{TB: t}
	Check(r, path, "a\nb\nc\n")
	if len(r.failures) != 0 {
		t.Errorf("equal: failed with %q", r.failures)
	}
	if _, err := os.Stat(gotPath); err == nil {
		t.Errorf("equal: the stale %s is still there", gotPath)
	}

	r = &recorder{TB: t}
	Check(r, path, "a\nB\nc\n")
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "-b\n+B\n") || !strings.Contains(r.failures[0], gotPath) {
		t.Errorf("different: failures %q, want one with the diff -b +B naming %s", r.failures, gotPath)
	}
	if got := read(gotPath); got != "a\nB\nc\n" {
		t.Errorf("different: %s holds %q", gotPath, got)
	}
	if got := read(path); got != "a\nb\nc\n" {
		t.Errorf("different: the golden file was changed to %q", got)
	}

	r = &recorder{TB: t}
	Check(r, filepath.Join(dir, "missing.stdout"), "a\n")
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "-update") {
		t.Errorf("missing: failures %q, want one naming -update", r.failures)
	}

	*update = true
	defer func() { *update = false }()
	r = &recorder{TB: t}
	Check(r, path, "new\n")
	if len(r.failures) != 0 || read(path) != "new\n" {
		t.Errorf("-update: failures %q, golden %q, want none and \"new\\n\"", r.failures, read(path))
	}
	if _, err := os.Stat(gotPath); err == nil {
		t.Errorf("-update: %s is still there", gotPath)
	}
}

func TestDiff(t *testing.T) {
	t.Parallel()
	many := func(from, to int) string {
		var b strings.Builder
		for i := from; i < to; i++ {
			fmt.Fprintf(&b, "%d\n", i)
		}
		return b.String()
	}
	tests := []struct {
		name, want, got, diff string
	}{
		{"equal", "a\n", "a\n", ""},
		{"changed", "a\nb\nc\n", "a\nx\nc\n", "--- w\n+++ g\n@@ -1,3 +1,3 @@\n a\n-b\n+x\n c\n"},
		{"added", "a\n", "a\nb\n", "--- w\n+++ g\n@@ -1,1 +1,2 @@\n a\n+b\n"},
		{"removed", "a\nb\n", "b\n", "--- w\n+++ g\n@@ -1,2 +1,1 @@\n-a\n b\n"},
		{"no final newline", "a\n", "a", "--- w\n+++ g\n@@ -1,1 +1,1 @@\n-a\n+a\n\\ No newline at end of file\n"},
		// Two changes 12 lines apart are two hunks, each with three
		// lines of context.
		{"two hunks", many(0, 20), strings.Replace(strings.Replace(many(0, 20), "3\n", "three\n", 1), "16\n", "sixteen\n", 1),
			"--- w\n+++ g\n@@ -1,7 +1,7 @@\n 0\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n@@ -14,7 +14,7 @@\n 13\n 14\n 15\n-16\n+sixteen\n 17\n 18\n 19\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff("w", "g", tt.want, tt.got); got != tt.diff {
				t.Errorf("Diff:\n%s\nwant:\n%s", got, tt.diff)
			}
		})
	}
}

// TestOnlyTestsImport fails if a file of the module other than a test
// imports golden: its -update flag must not reach a command.
func TestOnlyTestsImport(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	n := 0
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && path != root && (strings.HasPrefix(e.Name(), ".") || e.Name() == "testdata") {
			return filepath.SkipDir
		}
		if e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		n++
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "caresim/internal/golden" {
				t.Errorf("%s imports %s: only tests may", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("found %d non-test Go files under %s, want the module's", n, root)
	}
}
