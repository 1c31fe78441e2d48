package results

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A failed write keeps the old file whole and leaves no temporary.
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("file after a failed write: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries left in the folder, want 1", len(entries))
	}
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "a\n1\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "a\n1\n" {
		t.Errorf("file after a good write: %q", b)
	}
}

// TestAtomicFiles finishes two files, then commits one and aborts the
// other, as a run does with its results when it is interrupted between
// writing and renaming.
func TestAtomicFiles(t *testing.T) {
	dir := t.TempDir()
	keep, drop := filepath.Join(dir, "keep.csv"), filepath.Join(dir, "drop.csv")
	if err := os.WriteFile(drop, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var files []*AtomicFile
	for _, p := range []string{keep, drop} {
		f, err := CreateAtomic(p)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(f, "new\n")
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// Closed but not committed: the names hold nothing new.
	if _, err := os.Stat(keep); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("keep.csv exists before Commit: %v", err)
	}
	if err := files[0].Commit(); err != nil {
		t.Fatal(err)
	}
	files[1].Abort()
	files[0].Abort() // after Commit: does nothing
	if b, _ := os.ReadFile(keep); string(b) != "new\n" {
		t.Errorf("keep.csv holds %q", b)
	}
	if b, _ := os.ReadFile(drop); string(b) != "old\n" {
		t.Errorf("drop.csv holds %q after Abort, want the old file", b)
	}
	if fi, err := os.Stat(keep); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("keep.csv mode %v (%v), want -rw-r--r--", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries in the folder, want 2: a temporary file is left", len(entries))
	}
	if err := files[0].Commit(); err == nil {
		t.Error("a second Commit succeeded")
	}
}
