//go:build unix

package results

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"caresim/internal/input"
)

// TestCSVReadersRefuseFIFO checks that every reader of a results folder's
// CSV files refuses a named pipe at once: opening one blocks until a
// writer comes, which never does (plot, merge and --resume read these
// files from folders anyone may have made).
func TestCSVReadersRefuseFIFO(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "sweep.csv")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	for _, c := range []struct {
		name string
		read func() error
	}{
		{"EachRecord", func() error {
			return EachRecord(path, func([]string) error { return nil }, func([]string) error { return nil })
		}},
		{"ReadSweepCSV", func() error { _, err := ReadSweepCSV(dir); return err }},
		{"DropTornRow", func() error { _, err := DropTornRow(path); return err }},
	} {
		done := make(chan error, 1)
		go func() { done <- c.read() }()
		select {
		case err := <-done:
			if !errors.Is(err, input.ErrNotRegular) {
				t.Errorf("%s(named pipe) = %v, want it refused as not a regular file", c.name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s blocked on a named pipe", c.name)
		}
	}
}
