// Package input reads the files a user names (scenario files, a results
// folder's JSON) so that no name can make caresim read for ever or run out
// of memory: it reads only regular files, and only up to a stated size.
//
// A device (/dev/zero, /dev/urandom) or a named pipe would otherwise be
// read until memory runs out, or block for ever waiting for a writer; a
// directory is refused with a plain message rather than the system's.
// It deliberately does not decide what the limits are: each reader states
// its own, in the error it returns.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrTooLarge is returned (wrapped) by [ReadFile] for a file larger than
// its limit.
var ErrTooLarge = errors.New("too large")

// ErrNotRegular is returned (wrapped) by [ReadFile] for a name that is not
// a regular file: a directory, a device, a named pipe or a socket.
var ErrNotRegular = errors.New("not a regular file")

// ReadFile reads the regular file at path, of at most limit bytes, and
// returns its contents. what names the file for messages ("a scenario
// file"). It never opens what is not a regular file (so a named pipe does
// not block) and never reads more than limit+1 bytes (so a file that grows
// while read is refused too). Every error is an [*fs.PathError], as
// os.ReadFile returns, whose Err is the system's or wraps [ErrNotRegular]
// or [ErrTooLarge] with a message that says what the file is or what the
// limit is:
//
//	read /dev/zero: a device, not a regular file
//	read big.yaml: larger than the 1 MiB a scenario file may be
func ReadFile(path string, limit int64, what string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Op = "open" // as os.ReadFile says of a file that is not there
		}
		return nil, err
	}
	if err := regular(path, fi, limit, what); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The name may have changed between Stat and Open; check what was
	// opened.
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(path, fi, limit, what); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, failed(path, ErrTooLarge, "larger than the %s %s may be", Size(limit), what)
	}
	return b, nil
}

// Open opens the regular file at path for reading as a stream, checking
// it as [ReadFile] does (never a device or a named pipe, at most limit
// bytes when opened), and returns a reader that stops after limit+1 bytes
// and the file to close. Errors are as ReadFile's.
func Open(path string, limit int64, what string) (io.Reader, io.Closer, error) {
	fi, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Op = "open"
		}
		return nil, nil, err
	}
	if err := regular(path, fi, limit, what); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if fi, err = f.Stat(); err != nil {
		f.Close()
		return nil, nil, err
	}
	if err := regular(path, fi, limit, what); err != nil {
		f.Close()
		return nil, nil, err
	}
	return io.LimitReader(f, limit+1), f, nil
}

// regular checks that fi is a regular file within limit.
func regular(path string, fi fs.FileInfo, limit int64, what string) error {
	if !fi.Mode().IsRegular() {
		return failed(path, ErrNotRegular, "%s, not a regular file", kind(fi.Mode()))
	}
	if fi.Size() > limit {
		return failed(path, ErrTooLarge, "larger than the %s %s may be", Size(limit), what)
	}
	return nil
}

// problem is an error with its own message that matches a sentinel.
type problem struct {
	msg  string
	kind error
}

func (p *problem) Error() string { return p.msg }
func (p *problem) Unwrap() error { return p.kind }

func failed(path string, kind error, format string, args ...any) error {
	return &fs.PathError{Op: "read", Path: path, Err: &problem{msg: fmt.Sprintf(format, args...), kind: kind}}
}

// kind names the kind of a file that is not regular.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Size formats a number of bytes for messages: "812 bytes", "37.1 KiB",
// "1 MiB" (powers of 1024, to three significant figures).
func Size(n int64) string {
	const k = 1024
	switch {
	case n < k:
		return fmt.Sprintf("%d bytes", n)
	case n < k*k:
		return fmt.Sprintf("%.3g KiB", float64(n)/k)
	case n < k*k*k:
		return fmt.Sprintf("%.3g MiB", float64(n)/(k*k))
	}
	return fmt.Sprintf("%.3g GiB", float64(n)/(k*k*k))
}
