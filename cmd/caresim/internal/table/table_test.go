package table

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteText(t *testing.T) {
	tb := &Table{Header: []string{"case", "value", "note"}, Rows: [][]string{{"M/M/c", "0.6687", "yes"}, {"tandem c1=20", "16.79", "a longer note"}}}
	var b bytes.Buffer
	if err := tb.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	// Text columns are left-aligned, numeric ones right-aligned, and no line
	// ends in spaces.
	want := "case           value  note\n" +
		"M/M/c         0.6687  yes\n" +
		"tandem c1=20   16.79  a longer note\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

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
	if err := WriteFileAtomic(path, (&Table{Header: []string{"a"}, Rows: [][]string{{"1"}}}).WriteCSV); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "a\n1\n" {
		t.Errorf("file after a good write: %q", b)
	}
}
