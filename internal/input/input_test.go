package input

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	small := filepath.Join(dir, "small.yaml")
	if err := os.WriteFile(small, []byte("name: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		want       error  // nil for success
		msg        string // in the error
	}{
		{"regular", small, nil, ""},
		{"too large", big, ErrTooLarge, "read " + big + ": larger than the 1 KiB a scenario file may be"},
		{"directory", dir, ErrNotRegular, "read " + dir + ": a directory, not a regular file"},
		{"missing", filepath.Join(dir, "none.yaml"), fs.ErrNotExist, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := ReadFile(tc.path, 1024, "a scenario file")
			if tc.want == nil {
				if err != nil || string(b) != "name: x\n" {
					t.Fatalf("ReadFile = %q, %v", b, err)
				}
				return
			}
			var pe *fs.PathError
			if !errors.Is(err, tc.want) || !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("ReadFile(%s) = %v; want an *fs.PathError matching %v and saying %q", tc.path, err, tc.want, tc.msg)
			}
		})
	}
}

// TestReadFileDevice checks that an endless device is refused without
// being read: before, os.ReadFile read /dev/zero until memory ran out.
func TestReadFileDevice(t *testing.T) {
	t.Parallel()
	for _, dev := range []string{"/dev/zero", "/dev/urandom"} {
		if _, err := os.Stat(dev); err != nil {
			t.Skipf("no %s here", dev)
		}
		_, err := ReadFile(dev, 1<<20, "a scenario file")
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a device, not a regular file") {
			t.Errorf("ReadFile(%s) = %v, want a device refused", dev, err)
		}
	}
}

func TestSize(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1 << 20: "1 MiB", 37 * 1024: "37 KiB", 3 << 30: "3 GiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
