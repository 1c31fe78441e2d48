package results

import (
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
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

// writeAll replaces dir's files with files (name → content), as run
// does.
func writeAll(dir string, files ...string) error {
	d, err := OpenFolder(dir)
	if err != nil {
		return err
	}
	defer d.Abort()
	var names []string
	var writers []func(io.Writer) error
	for _, f := range files {
		name, content, _ := strings.Cut(f, "=")
		names = append(names, name)
		writers = append(writers, func(w io.Writer) error { _, err := io.WriteString(w, content); return err })
	}
	return d.Replace(context.Background(), "test", names, writers)
}

// listing returns the files in dir and its subfolders, with their
// contents, but the manifest.
func listing(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || e.Name() == ManifestName {
			return err
		}
		b, _ := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		got[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return got
}

// TestFolderReplace checks that a folder replaced holds the new files
// and none of the old that were not written again, in subfolders too,
// which go when emptied; that the user's own files stay; and that the
// manifest lists what was written.
func TestFolderReplace(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	if err := writeAll(dir, "a.csv=1", "chart.png=old", "b/x.csv=1", "c/y.csv=1"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "c", "mine.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeAll(dir, "a.csv=2", "d/z.csv=2"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.csv": "2", "d/z.csv": "2", "notes.txt": "mine", "c/mine.txt": "mine"}
	if got := listing(t, dir); !maps.Equal(got, want) {
		t.Errorf("folder holds %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "b")); err == nil {
		t.Error("the emptied subfolder b stays")
	}
	m, err := readManifest(dir)
	if err != nil || m == nil || !m.Complete || !slices.Equal(m.Files, []string{"a.csv", "d/z.csv"}) {
		t.Errorf("manifest %+v (%v), want a.csv and d/z.csv, complete", m, err)
	}
	if err := CheckFolder(dir); err != nil {
		t.Error(err)
	}
}

// TestFolderStoppedPartWay stops a replacement after some files are
// renamed into place (the rename of the next fails, as a kill would stop
// it): readers must refuse the folder of old and new files, and the next
// replacement must clean it.
func TestFolderStoppedPartWay(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	if err := writeAll(dir, "a.csv=old", "b.csv=old", "old.png=old"); err != nil {
		t.Fatal(err)
	}
	// A folder where c.csv goes stops the rename of c.csv.
	if err := os.MkdirAll(filepath.Join(dir, "c.csv", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeAll(dir, "a.csv=new", "c.csv=new", "b.csv=new"); err == nil {
		t.Fatal("the rename onto a folder succeeded")
	}
	if got := listing(t, dir)["a.csv"]; got != "new" {
		t.Fatalf("a.csv holds %q: the test needs it renamed before the stop", got)
	}
	err := CheckFolder(dir)
	if err == nil || !strings.Contains(err.Error(), "part-written") {
		t.Errorf("CheckFolder of a folder of old and new files: %v", err)
	}
	if _, err := ReadRun(dir); err == nil || !strings.Contains(err.Error(), "part-written") {
		t.Errorf("ReadRun of a folder of old and new files: %v", err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "c.csv")); err != nil {
		t.Fatal(err)
	}
	if err := writeAll(dir, "a.csv=new", "c.csv=new"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.csv": "new", "c.csv": "new"}
	if got := listing(t, dir); !maps.Equal(got, want) {
		t.Errorf("folder holds %v, want %v", got, want)
	}
	if err := CheckFolder(dir); err != nil {
		t.Error(err)
	}
}

// TestFolderRemovesTemporaries leaves temporary files as a killed
// command does, of this caresim's naming and an earlier one's, in the
// folder and a subfolder: opening the folder removes them, and nothing
// else.
func TestFolderRemovesTemporaries(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	left := []string{".daily.csv.caresim-tmp123", ".daily.csv.tmp4567", "sub/.summary.json.tmp89", ".report.html.caresim-tmp1"}
	kept := []string{"daily.csv", ".daily.csv.tmp", ".notes.txt.tmp12", "daily.csv.tmp12", "sub/summary.json", "deep/er/.a.csv.tmp1"}
	for _, name := range append(slices.Clone(left), kept...) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	got := slices.Sorted(maps.Keys(listing(t, dir)))
	want := slices.Sorted(slices.Values(kept))
	if !slices.Equal(got, want) {
		t.Errorf("folder holds %q, want %q", got, want)
	}
}

// TestFolderLock opens a folder twice at once: the second is refused
// until the first lets go, and the lock's file goes with it.
func TestFolderLock(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFolder(dir); !errors.Is(err, ErrBusy) {
		t.Errorf("a second open while the first holds it: %v, want ErrBusy", err)
	}
	if _, err := os.Stat(filepath.Join(dir, LockName)); err != nil {
		t.Errorf("no lock file while held: %v", err)
	}
	a.Abort()
	b, err := OpenFolder(dir)
	if err != nil {
		t.Fatalf("after the first let go: %v", err)
	}
	b.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("%s left in the folder", entries[0].Name())
	}
}

// TestFolderManifestOutside refuses a manifest that lists a file outside
// the folder, which the next replacement would otherwise remove.
func TestFolderManifestOutside(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	victim := filepath.Join(root, "victim.txt")
	if err := os.WriteFile(victim, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	m := `{"format_version": 1, "command": "run", "complete": true, "files": ["../victim.txt"]}`
	if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeAll(dir, "a.csv=1"); err == nil {
		t.Error("wrote a folder whose manifest lists ../victim.txt")
	}
	if _, err := os.Stat(victim); err != nil {
		t.Errorf("the file outside went: %v", err)
	}
}
