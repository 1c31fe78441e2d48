package results

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Folder is a results folder being written, by one command at a time: it
// holds the folder's [Lock] from [OpenFolder] to [Folder.Abort]. Its
// files go to temporary names and are renamed together by [Folder.Save]
// or [Folder.Replace], or discarded by Abort; a folder that OpenFolder
// made, or a subfolder that a save made, is removed again unless
// something was committed, so a command that fails leaves no empty folder
// behind. Not safe for concurrent use.
type Folder struct {
	dir       string
	made      bool
	committed bool
	lock      *Lock
	listed    *manifest     // the folder's manifest, nil when it has none
	files     []*AtomicFile // being written
	names     []string      // their names in the folder, slash-separated; "" for one outside it
	subdirs   []string      // subfolders made for files, to remove on abort
}

// OpenFolder makes dir if it does not exist and takes its lock, which
// fails when another command holds it or dir cannot be written: call it
// before computing what goes in the folder. It removes the temporary
// files that a command stopped by SIGKILL or a power cut left in dir and
// its subfolders.
func OpenFolder(dir string) (*Folder, error) {
	d := &Folder{dir: dir}
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		d.made = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lock, err := LockFolder(dir)
	if err != nil {
		if d.made {
			os.Remove(dir)
		}
		return nil, err
	}
	d.lock = lock
	if d.listed, err = readManifest(dir); err != nil {
		d.Abort()
		return nil, fmt.Errorf("%w: remove it to write the folder again", err)
	}
	removeTemporaries(dir)
	return d, nil
}

// Dir is the folder's path.
func (d *Folder) Dir() string { return d.dir }

// temporary matches the names of the temporary files that [CreateAtomic]
// makes (.NAME.caresim-tmpDIGITS), and those of earlier versions of
// caresim (.NAME.tmpDIGITS, NAME a results file's).
var temporary = regexp.MustCompile(`^\..+\.caresim-tmp[0-9]+$|^\..+\.(csv|json|html|png|svg|pdf)\.tmp[0-9]+$`)

// removeTemporaries removes the temporary files in dir and in its
// subfolders (a comparison's scenarios'): those a stopped command left,
// since no other command writes the folder while its lock is held.
func removeTemporaries(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		switch {
		case e.Type().IsRegular() && temporary.MatchString(e.Name()):
			os.Remove(filepath.Join(dir, e.Name()))
		case e.IsDir():
			sub, _ := os.ReadDir(filepath.Join(dir, e.Name()))
			for _, f := range sub {
				if f.Type().IsRegular() && temporary.MatchString(f.Name()) {
					os.Remove(filepath.Join(dir, e.Name(), f.Name()))
				}
			}
		}
	}
}

// CreateFile starts writing a file that the user named, at path, which
// may be outside the folder (run's --events); it is renamed into place
// with the folder's files, and is one of them when it is inside.
func (d *Folder) CreateFile(path string) (*AtomicFile, error) {
	name := ""
	if rel, err := relativeTo(d.dir, path); err == nil && filepath.IsLocal(rel) {
		name = filepath.ToSlash(rel)
		if err := d.claim(name); err != nil {
			return nil, err
		}
	}
	f, err := CreateAtomic(path)
	if err == nil {
		d.files = append(d.files, f)
		d.names = append(d.names, name)
	}
	return f, err
}

// relativeTo returns path relative to dir, both made absolute.
func relativeTo(dir, path string) (string, error) {
	ad, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	ap, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return filepath.Rel(ad, ap)
}

// claim checks that the file name (slash-separated) is not being written
// already.
func (d *Folder) claim(name string) error {
	if slices.Contains(d.names, name) {
		return fmt.Errorf("%s would be written twice", filepath.Join(d.dir, filepath.FromSlash(name)))
	}
	return nil
}

// write writes each of the files names (in the folder) with its writer,
// and closes every file so far; nothing is renamed yet.
func (d *Folder) write(names []string, writers []func(io.Writer) error) error {
	for i, name := range names {
		if err := d.inside(name); err != nil {
			return err
		}
		if err := d.claim(filepath.ToSlash(name)); err != nil {
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
		f, err := CreateAtomic(filepath.Join(d.dir, name))
		if err != nil {
			return err
		}
		d.files = append(d.files, f)
		d.names = append(d.names, filepath.ToSlash(name))
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
// into place unless ctx was cancelled meanwhile (a Ctrl-C leaves nothing
// of cmd's): the folder's other files stay, as when caresim plot adds
// charts to a run's folder.
func (d *Folder) Save(ctx context.Context, cmd string, names []string, writers []func(io.Writer) error) error {
	return d.save(ctx, cmd, names, writers, false)
}

// Replace is [Folder.Save] for a command whose files are the folder's
// whole content (run, compare, merge): the files that caresim wrote there
// before and does not write again, such as the charts of an earlier run
// that this one, with --no-plots, does not draw, are removed, so that the
// folder never holds results of two runs. The folder's manifest
// ([ManifestName]) lists the files written, and says, until the last is
// in place, that the folder is being changed, so that a command stopped
// in between leaves a folder that readers refuse ([CheckFolder]) and
// the next command cleans. Files that caresim did not write (the user's
// own) are left as they are.
func (d *Folder) Replace(ctx context.Context, cmd string, names []string, writers []func(io.Writer) error) error {
	return d.save(ctx, cmd, names, writers, true)
}

func (d *Folder) save(ctx context.Context, cmd string, names []string, writers []func(io.Writer) error, whole bool) error {
	if err := d.write(names, writers); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%s: interrupted; nothing written", cmd)
	}
	return d.commit(cmd, whole)
}

// commit renames every file into place. When whole, or when the folder
// has a manifest, the manifest first lists the files before and after,
// not complete, and last the files after, complete; when whole, the files
// listed before but not written now are removed in between.
func (d *Folder) commit(cmd string, whole bool) error {
	var before, after []string
	if d.listed != nil {
		before = d.listed.Files
	}
	var written []string
	for _, n := range d.names {
		if n != "" && !slices.Contains(written, n) {
			written = append(written, n)
		}
	}
	listing := whole || d.listed != nil
	if whole {
		after = written
	} else {
		after = slices.Clone(before)
		for _, n := range written {
			if !slices.Contains(after, n) {
				after = append(after, n)
			}
		}
	}
	if listing {
		during := slices.Clone(before)
		for _, n := range after {
			if !slices.Contains(during, n) {
				during = append(during, n)
			}
		}
		if err := writeManifest(d.dir, &manifest{Command: cmd, Files: during}); err != nil {
			return err
		}
	}
	d.committed = true // from here on the folder holds results
	for _, f := range d.files {
		if err := f.Commit(); err != nil {
			return err
		}
	}
	d.files, d.names = nil, nil
	if whole {
		for _, n := range before {
			if !slices.Contains(after, n) {
				d.remove(n)
			}
		}
	}
	if listing {
		if !whole {
			cmd = d.listed.Command // whose results these are: plot only adds charts
		}
		d.listed = &manifest{Command: cmd, Complete: true, Files: after}
		if err := writeManifest(d.dir, d.listed); err != nil {
			return err
		}
	}
	return nil
}

// remove removes the file name (slash-separated) that the folder held,
// and then its subfolders in the folder as they are left empty.
func (d *Folder) remove(name string) {
	rel := filepath.FromSlash(name)
	if d.inside(rel) != nil {
		return
	}
	if err := os.Remove(filepath.Join(d.dir, rel)); err != nil {
		return
	}
	for sub := filepath.Dir(rel); sub != "."; sub = filepath.Dir(sub) {
		if os.Remove(filepath.Join(d.dir, sub)) != nil {
			return // not empty: the user's files, or more results
		}
	}
}

// Abort discards the files not committed and the folder if it made it
// and nothing was committed, and releases the folder's lock. It is
// deferred after [OpenFolder], and does nothing more after a commit.
func (d *Folder) Abort() {
	for _, f := range d.files {
		f.Abort()
	}
	d.files, d.names = nil, nil
	if !d.committed {
		for _, sub := range slices.Backward(d.subdirs) {
			os.Remove(filepath.Join(d.dir, sub))
		}
	}
	d.lock.Unlock()
	if d.made && !d.committed {
		os.Remove(d.dir)
	}
}

// inside checks that name is a file's name inside the folder: a local
// path (not absolute, no .. that climbs out, no empty name), whose
// folders in d are not symbolic links, which could lead anywhere. Every
// name the folder writes or removes passes here, so that nothing a
// scenario or a results folder says writes outside the folder the user
// named.
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

// SameAs returns the first of inputs that is the file or folder at path
// (through links, and whatever the spelling), or "" when none is or
// nothing is at path yet: an output must not be written over one of the
// command's inputs.
func SameAs(path string, inputs []string) string {
	out, err := os.Stat(path)
	if err != nil {
		return ""
	}
	for _, in := range inputs {
		if fi, err := os.Stat(in); err == nil && os.SameFile(out, fi) {
			return in
		}
	}
	return ""
}
