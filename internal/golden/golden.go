// Package golden compares what a test got with a golden file, for the
// tests of every package of the module (STYLE rules 20 and 22).
//
// On a mismatch [Check] fails the test with a line diff, golden file
// against what the test got, and writes what it got beside the golden
// file (see [GotPath]), to look at or to copy over it. Run the tests with
// -update to rewrite the golden files instead:
//
//	go test ./sim/care -run Regress -update
//
// and say in the commit why every difference is intended.
//
// Only tests import golden: it registers the -update flag, which no
// command should have. Image goldens are not its business: charts are
// compared with gonum/plot's cmpimg and refreshed with its -regen (STYLE
// rule 23), since PNG bytes may differ between machines where the image
// does not.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files with what the tests got")

// Update reports whether the tests run with -update, for a test that
// writes golden files of its own kind.
func Update() bool { return *update }

// GotPath returns the file beside the golden file path where [Check]
// writes what a test got: NAME.EXT becomes NAME.got-EXT (run.stdout,
// run.got-stdout), and a name without an extension gets .got. The
// repository's .gitignore leaves out *.got-* and *.got.
func GotPath(path string) string {
	ext := filepath.Ext(path)
	if ext == "" {
		return path + ".got"
	}
	return strings.TrimSuffix(path, ext) + ".got-" + ext[1:]
}

// Check compares got with the golden file at path. If they differ it
// fails t with a diff and writes got to [GotPath] (path); if they are the
// same it removes a GotPath file left by an earlier run. With -update it
// rewrites path with got instead, and does not fail.
func Check(t testing.TB, path, got string) {
	t.Helper()
	gotPath := GotPath(path)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(gotPath)
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
		return
	}
	want := string(b)
	if got == want {
		os.Remove(gotPath)
		return
	}
	msg := "wrote what the test got to " + gotPath
	if err := os.WriteFile(gotPath, []byte(got), 0o644); err != nil {
		msg = fmt.Sprintf("could not write what the test got: %v", err)
	}
	t.Errorf("%s differs from its golden file; %s (run the test with -update to accept it, and say why in the commit):\n%s",
		path, msg, Diff(path, gotPath, want, got))
}
