package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
