package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ManifestName is the file in a results folder that lists the files the
// command that wrote it wrote ([Folder.Replace]), so that the next command
// can remove those it does not write again, and says whether all of them
// were in place when it ended.
const ManifestName = ".caresim-files.json"

// ManifestFormat is the version of the manifest's layout.
const ManifestFormat = 1

// manifest is the layout of a results folder's [ManifestName].
type manifest struct {
	FormatVersion int    `json:"format_version"`
	Command       string `json:"command"` // the command that last wrote the folder
	// Complete is false from before the first of a command's files is
	// renamed into place until the last is: a folder whose command was
	// stopped in between holds old files and new ones.
	Complete bool `json:"complete"`
	// Files are the folder's files that caresim wrote, by their paths
	// in the folder, with forward slashes, in the order written; while
	// not complete, those of the command before too.
	Files []string `json:"files"`
}

// readManifest reads dir's manifest, nil when there is none (a folder
// written by an earlier caresim, or a sweep's). It refuses a manifest
// that names a file outside dir.
func readManifest(dir string) (*manifest, error) {
	p := filepath.Join(dir, ManifestName)
	b, err := readJSONFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if m.FormatVersion != ManifestFormat {
		return nil, fmt.Errorf("%s: format_version %d, want %d", p, m.FormatVersion, ManifestFormat)
	}
	for _, name := range m.Files {
		if !filepath.IsLocal(filepath.FromSlash(name)) || path.Clean(name) != name {
			return nil, fmt.Errorf("%s: %q is not the name of a file in the folder", p, name)
		}
	}
	return &m, nil
}

// writeManifest writes m as dir's manifest, under a temporary name that
// is renamed.
func writeManifest(dir string, m *manifest) error {
	m.FormatVersion = ManifestFormat
	if m.Files == nil {
		m.Files = []string{}
	}
	return WriteFileAtomic(filepath.Join(dir, ManifestName), func(w io.Writer) error { return WriteJSON(w, m) })
}

// CheckFolder checks that the results folder dir is whole before it is
// read: that the command that wrote it last was not stopped while it
// renamed its files into place, which leaves old files beside new ones,
// and that no file it wrote has gone. A comparison's scenario's folder is
// checked by the comparison's manifest. A folder without a manifest (an
// earlier caresim's, or a sweep's) passes.
func CheckFolder(dir string) error {
	m, err := readManifest(dir)
	if err != nil {
		return err
	}
	at, prefix := dir, ""
	if m == nil {
		parent := filepath.Dir(filepath.Clean(dir))
		if parent == filepath.Clean(dir) {
			return nil
		}
		if m, err = readManifest(parent); err != nil || m == nil {
			return err
		}
		at, prefix = parent, filepath.Base(filepath.Clean(dir))+"/"
		if !slices.ContainsFunc(m.Files, func(f string) bool { return strings.HasPrefix(f, prefix) }) {
			return nil // the parent's files, not this folder's
		}
	}
	mp := filepath.Join(at, ManifestName)
	if !m.Complete {
		return fmt.Errorf("%s was left part-written: caresim %s was stopped while it put its files in place (%s says so), so the folder may hold old files beside new ones: run it again", dir, m.Command, mp)
	}
	for _, f := range m.Files {
		if !strings.HasPrefix(f, prefix) {
			continue
		}
		if _, err := os.Lstat(filepath.Join(at, filepath.FromSlash(f))); err != nil {
			return fmt.Errorf("%s: %s, which caresim %s wrote (%s lists it), is missing: the folder was changed since; run it again", dir, f, m.Command, mp)
		}
	}
	return nil
}
