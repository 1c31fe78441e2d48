package main

import (
	"bytes"
	"testing"

	"caresim/results"
)

// TestVersion checks that caresim --version (and caresim version)
// prints the version the results folders' manifests record, on stdout,
// and exits 0.
func TestVersion(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"--version", "version"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{arg}, &stdout, &stderr); code != 0 {
			t.Errorf("caresim %s: exit %d, want 0; stderr %q", arg, code, stderr.String())
		}
		if want := "caresim " + results.Version() + "\n"; stdout.String() != want {
			t.Errorf("caresim %s printed %q, want %q", arg, stdout.String(), want)
		}
	}
}
