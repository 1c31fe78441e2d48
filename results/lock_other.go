//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package results

import (
	"errors"
	"fmt"
	"os"
)

// lockFile creates the file at path, which must not exist: ErrBusy when
// it does. Where flock is not available the file is the lock, so one
// that a killed command left must be removed by hand; the error says so.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("%w; if no caresim is running, a stopped one left %s: remove it", ErrBusy, path)
	}
	return f, err
}

// releaseFile closes f and removes its file at path, which is the lock.
func releaseFile(path string, f *os.File) {
	f.Close()
	os.Remove(path)
}
