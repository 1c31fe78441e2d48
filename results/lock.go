package results

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// LockName is the file that marks a results folder as being written, in
// the folder, while a command writes it; it is removed when the command
// ends.
const LockName = ".caresim.lock"

// ErrBusy is the error of a folder that another command is writing.
var ErrBusy = errors.New("results: another caresim is writing the folder")

// Lock is an exclusive hold on a results folder: while one command
// holds it, no other caresim writes the folder, in this process or
// another, on this machine or (on a network file system that supports
// locks, as NFS does) another. A sweep resumed twice at once by a
// requeued job would otherwise write the same rows twice.
type Lock struct {
	path string
	f    *os.File
}

// LockFolder takes dir's lock, which must exist, or returns an error
// wrapping [ErrBusy] when another command holds it. Creating the lock's
// file checks that the folder can be written, before anything is
// computed for it.
func LockFolder(dir string) (*Lock, error) {
	path := filepath.Join(dir, LockName)
	f, err := lockFile(path)
	if errors.Is(err, ErrBusy) {
		return nil, fmt.Errorf("%s: %w (%s exists): wait for it to finish, or give another folder", dir, ErrBusy, LockName)
	}
	if err != nil {
		return nil, fmt.Errorf("%s cannot be written: %w", dir, err)
	}
	return &Lock{path: path, f: f}, nil
}

// Unlock releases the lock and removes its file. It does nothing on a
// nil or released lock.
func (l *Lock) Unlock() {
	if l == nil || l.f == nil {
		return
	}
	releaseFile(l.path, l.f)
	l.f = nil
}
