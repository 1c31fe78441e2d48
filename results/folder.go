package results

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Folder is a results folder being written. Its files go to temporary
// names and are renamed together by [Folder.Commit], or discarded by
// [Folder.Abort]; a folder that [OpenFolder] made, or a subfolder that
// [Folder.Write] made, is
// removed again unless something was committed, so a command that fails
// leaves no empty folder behind.
type Folder struct {
	dir       string
	made      bool
	committed bool
	files     []*AtomicFile
	subdirs   []string // subfolders made for files, to remove on abort
}

// OpenFolder makes dir if it does not exist.
func OpenFolder(dir string) (*Folder, error) {
	d := &Folder{dir: dir}
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		d.made = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return d, nil
}

// Create starts writing the file at path, usually in the folder.
func (d *Folder) Create(path string) (*AtomicFile, error) {
	f, err := CreateAtomic(path)
	if err == nil {
		d.files = append(d.files, f)
	}
	return f, err
}

// Write writes each of the files names (in the folder) with its writer,
// and closes every file so far; nothing is renamed yet.
func (d *Folder) Write(names []string, writers []func(io.Writer) error) error {
	for i, name := range names {
		if err := d.inside(name); err != nil {
			return err
		}
		if sub := filepath.Dir(name); sub != "." && !slices.Contains(d.subdirs, sub) {
			path := filepath.Join(d.dir, sub)
			if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
				d.subdirs = append(d.subdirs, sub)
			}
			if err := os.MkdirAll(path, 0o755); err != nil {
				return err
			}
		}
		f, err := d.Create(filepath.Join(d.dir, name))
		if err != nil {
			return err
		}
		if err := writers[i](f); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	for _, f := range d.files {
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// Save writes the files names with their writers, then renames them all
// unless ctx was cancelled meanwhile: a Ctrl-C leaves nothing of cmd's.
func (d *Folder) Save(ctx context.Context, cmd string, names []string, writers []func(io.Writer) error) error {
	if err := d.Write(names, writers); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%s: interrupted; nothing written", cmd)
	}
	return d.Commit()
}

// Commit renames every file to its name.
func (d *Folder) Commit() error {
	d.committed = true // from here on the folder holds results
	for _, f := range d.files {
		if err := f.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Abort discards the files not committed, and the folder if it made it
// and nothing was committed. It can be deferred.
func (d *Folder) Abort() {
	for _, f := range d.files {
		f.Abort()
	}
	if !d.committed {
		for _, sub := range slices.Backward(d.subdirs) {
			os.Remove(filepath.Join(d.dir, sub))
		}
	}
	if d.made && !d.committed {
		os.Remove(d.dir)
	}
}

// inside checks that name is a file's name inside the folder: a local
// path (not absolute, no .. that climbs out, no empty name), whose
// folders in d are not symbolic links, which could lead anywhere. Every
// name the folder writes passes here, so that nothing a scenario or a
// results folder says writes outside the folder the user named.
func (d *Folder) inside(name string) error {
	if !filepath.IsLocal(name) || filepath.Base(name) == "." {
		return fmt.Errorf("results: %q is not a file's name inside %s", name, d.dir)
	}
	at := d.dir
	for _, part := range strings.Split(filepath.Dir(name), string(filepath.Separator)) {
		if part == "." {
			break
		}
		at = filepath.Join(at, part)
		if fi, err := os.Lstat(at); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("results: %s is a symbolic link: caresim writes only into folders of its own", at)
		}
	}
	return nil
}
