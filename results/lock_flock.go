//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package results

import (
	"errors"
	"os"
	"syscall"
)

// lockFile opens the file at path, creating it, and takes an exclusive
// advisory lock on it (flock), without waiting: ErrBusy when another
// holds it. The lock goes with the process: a killed command leaves the
// file, but no lock on it.
func lockFile(path string) (*os.File, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, ErrBusy
			}
			return nil, err
		}
		// The holder before removes the file as it lets go: the lock is
		// ours only if the name is still this file.
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return f, nil
		}
		f.Close()
	}
}

// releaseFile removes the file at path, then releases the lock on f, its
// file, and closes it. Removing it first means that a command that
// opened the file meanwhile finds, once it holds the lock, that the name
// is no longer its file, and starts again (lockFile).
func releaseFile(path string, f *os.File) {
	os.Remove(path)
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}
