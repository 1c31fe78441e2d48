package results

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a file through write, to a temporary name in the
// same folder that is renamed to path only when everything was written and
// closed, so that an interrupted run never leaves a half-written file.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	a, err := CreateAtomic(path)
	if err != nil {
		return err
	}
	if err := write(a); err != nil {
		a.Abort()
		return err
	}
	return a.Commit()
}

// AtomicFile is a file written under a temporary name in its folder and
// renamed to its own name by [AtomicFile.Commit], so that the name only
// ever holds a whole file: the old one or the new one. Writes are
// buffered. Not safe for concurrent use.
type AtomicFile struct {
	*bufio.Writer
	f      *os.File
	path   string
	closed bool
	done   bool // committed or aborted
}

// CreateAtomic starts writing path, under a temporary name beside it,
// .NAME.caresim-tmpDIGITS, which [OpenFolder] removes when a stopped
// command left it.
func CreateAtomic(path string) (*AtomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".caresim-tmp*")
	if pe, ok := err.(*os.PathError); ok {
		// Name the file asked for, not the temporary one.
		return nil, &os.PathError{Op: "create", Path: path, Err: pe.Err}
	} else if err != nil {
		return nil, err
	}
	return &AtomicFile{Writer: bufio.NewWriter(f), f: f, path: path}, nil
}

// Close flushes and closes the temporary file without renaming it, so that
// several files can be finished before any of them is committed. On an
// error it discards the file.
func (a *AtomicFile) Close() (err error) {
	if a.closed {
		return nil
	}
	a.closed = true
	defer func() {
		if err != nil {
			a.done = true
			os.Remove(a.f.Name())
		}
	}()
	if err = a.Flush(); err != nil {
		a.f.Close()
		return err
	}
	// CreateTemp makes the file private; results are for sharing.
	if err = a.f.Chmod(0o644); err != nil {
		a.f.Close()
		return err
	}
	return a.f.Close()
}

// Commit closes the file, if [AtomicFile.Close] has not, and renames it to
// its path. On an error it discards the file and the old one stays.
func (a *AtomicFile) Commit() error {
	if a.done {
		return fmt.Errorf("table: %s already committed or aborted", a.path)
	}
	if err := a.Close(); err != nil {
		return err
	}
	a.done = true
	if err := os.Rename(a.f.Name(), a.path); err != nil {
		os.Remove(a.f.Name())
		return err
	}
	return nil
}

// Abort discards the file, leaving whatever was at its path. It does
// nothing after Commit, so it can be deferred.
func (a *AtomicFile) Abort() {
	if a.done {
		return
	}
	a.done = true
	if !a.closed {
		a.closed = true
		a.f.Close()
	}
	os.Remove(a.f.Name())
}
