package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeScenario writes a scenario file at path that extends textbook-mmc
// under name.
func writeScenario(t *testing.T, path, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("extends: textbook-mmc\nname: "+name+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestScenarioNameIsNoPath runs a scenario file, from someone else, whose
// name is a path: run (which writes to out/NAME) and compare (NAME/ in
// --out) must refuse it at its position and write nothing anywhere.
func TestScenarioNameIsNoPath(t *testing.T) {
	root := t.TempDir()
	work := filepath.Join(root, "a", "b")
	writeScenario(t, filepath.Join(work, "escape.yaml"), "../../escaped")
	writeScenario(t, filepath.Join(work, "dots.yaml"), `".."`)
	t.Chdir(work)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"run", "--quiet", "--reps", "2", "--set", "horizon=10d", "--no-plots", "escape.yaml"}, `escape.yaml:2:7: name: "../../escaped" holds a path separator`},
		{[]string{"run", "--quiet", "--reps", "2", "--set", "horizon=10d", "--no-plots", "dots.yaml"}, `dots.yaml:2:7: name: ".." starts with a dot`},
		{[]string{"compare", "--quiet", "--reps", "2", "--set", "horizon=10d", "--no-plots", "--out", "cmp", "textbook-mmc", "dots.yaml"}, `dots.yaml:2:7: name: ".." starts with a dot`},
		{[]string{"check", "escape.yaml"}, `escape.yaml:2:7: name:`},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), c.msg) {
			t.Errorf("caresim %s: exit %d, stderr %q; want 1 and %q", strings.Join(c.args, " "), code, stderr.String(), c.msg)
		}
	}
	var found []string
	filepath.WalkDir(root, func(path string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && !strings.HasSuffix(path, ".yaml") {
			found = append(found, path)
		}
		return err
	})
	if len(found) > 0 {
		t.Errorf("wrote %s", strings.Join(found, ", "))
	}
}

// TestCompareFoldersApart compares two scenarios of one name, labelled
// by their paths, whose paths would make one subfolder: compare must
// refuse rather than write both scenarios' files into it.
func TestCompareFoldersApart(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	a, b := filepath.Join(root, "a", "x.yaml"), filepath.Join(root, "a-x.yaml")
	writeScenario(t, a, "same")
	writeScenario(t, b, "same")
	out := filepath.Join(root, "cmp")
	var stdout, stderr bytes.Buffer
	code := run([]string{"compare", "--quiet", "--reps", "2", "--set", "horizon=10d", "--no-plots", "--out", out, a, b}, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "would share the folder") {
		t.Errorf("exit %d, stderr %q; want 2 and a shared folder refused", code, stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("compare wrote %s", out)
	}
}
