package results

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caresim/internal/input"
)

// TestReadJSONNotRegular checks that the results readers read only
// regular files of bounded size: a summary.json, sweep.json or folder
// manifest that is a directory, or larger than MaxJSONSize, is refused by
// name.
func TestReadJSONNotRegular(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "summary.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "sweep.json"))
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: its size, not its bytes, is what is refused.
	if err := big.Truncate(MaxJSONSize + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	if _, err := ReadSummary(dir); !errors.Is(err, input.ErrNotRegular) || !strings.Contains(err.Error(), "a directory, not a regular file") {
		t.Errorf("ReadSummary = %v, want a directory refused", err)
	}
	if _, _, err := ReadCompare(dir, nil); !errors.Is(err, input.ErrNotRegular) {
		t.Errorf("ReadCompare = %v, want a directory refused", err)
	}
	m := t.TempDir()
	if err := os.Mkdir(filepath.Join(m, ManifestName), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := readManifest(m); !errors.Is(err, input.ErrNotRegular) {
		t.Errorf("readManifest = %v, want a directory refused", err)
	}
	if _, err := ReadSweep(dir); !errors.Is(err, input.ErrTooLarge) || !strings.Contains(err.Error(), "larger than the 16 MiB a results folder's sweep.json may be") {
		t.Errorf("ReadSweep = %v, want a file over 16 MiB refused", err)
	}
}
