package results

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileLabel checks that a scenario's label becomes one safe name
// inside a results folder, and that names already safe are unchanged.
func TestFileLabel(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ label, want string }{
		{"textbook-mmc", "textbook-mmc"},
		{"testdata/mmc-11.yaml", "testdata-mmc-11"},
		{`a\b.yml`, "a-b"},
		{"..", "__"},
		{".", "_"},
		{"..yaml", "_"},
		{"../../escaped", "__-..-escaped"},
		{".hidden", "_hidden"},
		{"", "_"},
		{"a\x00b\nc", "a-b-c"},
		{`a:b*c?"<>|`, "a-b-c-----"},
		{"beds.", "beds_"},
		{"beds ", "beds_"},
		{"nul", "nul_"},
		{"COM1.yaml", "COM1_"},
		{"\xffa", "-a"},
		{strings.Repeat("é", 60), strings.Repeat("é", 50)},
	} {
		got := FileLabel(c.label)
		if got != c.want {
			t.Errorf("FileLabel(%q) = %q, want %q", c.label, got, c.want)
		}
		if !filepath.IsLocal(got) || strings.ContainsAny(got, `/\`) || strings.HasPrefix(got, ".") {
			t.Errorf("FileLabel(%q) = %q: not one name inside a folder", c.label, got)
		}
	}
}

// TestFolderWritesInside checks that a folder writes nothing outside
// itself: a name that climbs out, an absolute one and one through a
// symbolic link are refused before anything is written.
func TestFolderWritesInside(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	elsewhere := filepath.Join(root, "elsewhere")
	if err := os.MkdirAll(elsewhere, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	write := func(w io.Writer) error { _, err := io.WriteString(w, "x\n"); return err }
	for _, name := range []string{"../escaped.csv", "../elsewhere/x.csv", filepath.Join(root, "abs.csv"), "a/../../escaped.csv", "link/x.csv", ".", ""} {
		d, err := OpenFolder(dir)
		if err != nil {
			t.Fatal(err)
		}
		err = d.Save(context.Background(), "test", []string{name}, []func(io.Writer) error{write})
		d.Abort()
		if err == nil {
			t.Errorf("wrote %q", name)
		}
	}
	for _, path := range []string{filepath.Join(root, "escaped.csv"), filepath.Join(root, "abs.csv"), filepath.Join(elsewhere, "x.csv")} {
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%s written, outside the folder", path)
		}
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) > 0 {
		t.Errorf("%s written, through a link", entries[0].Name())
	}
}
