package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"caresim/results"
)

// A sharedResult is what one run of a command line gave: its exit status,
// and its stdout and stderr with the folder that stood for OUT written as
// OUT again.
type sharedResult struct {
	code           int
	stdout, stderr string
	out            string // the folder that stood for OUT, "" if args had none
}

var (
	sharedMu   sync.Mutex
	sharedRoot string                                       // the folder of the shared runs' OUT folders, made by the first
	sharedRuns = map[string]func() (*sharedResult, error){} // by args joined by NUL
)

// sharedRun runs a command line once for the whole test binary and
// returns what it gave to every test that asks for the same arguments:
// several tests read one run of an expensive command (caresim validate
// --quick) rather than each running it again. The token OUT in args
// stands for a folder of the run's own, which the tests must only read;
// TestMain removes it at the end. A run without OUT writes where its
// arguments say, from the working folder of the test that runs it first.
// The tests get the same result, so none may depend on running first.
func sharedRun(t *testing.T, args ...string) *sharedResult {
	t.Helper()
	key := strings.Join(args, "\x00")
	sharedMu.Lock()
	once, ok := sharedRuns[key]
	if !ok {
		once = sync.OnceValues(func() (*sharedResult, error) { return runShared(args) })
		sharedRuns[key] = once
	}
	sharedMu.Unlock()
	r, err := once()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// runShared runs args with OUT standing for a new folder under
// sharedRoot.
func runShared(args []string) (*sharedResult, error) {
	r := &sharedResult{}
	if strings.Contains(strings.Join(args, "\x00"), "OUT") {
		sharedMu.Lock()
		var err error
		if sharedRoot == "" {
			sharedRoot, err = os.MkdirTemp("", "caresim-test-")
		}
		sharedMu.Unlock()
		if err != nil {
			return nil, err
		}
		r.out, err = os.MkdirTemp(sharedRoot, "run-")
		if err != nil {
			return nil, err
		}
	}
	args = append([]string(nil), args...)
	for i, a := range args {
		if r.out != "" {
			args[i] = strings.ReplaceAll(a, "OUT", r.out)
		}
	}
	var stdout, stderr bytes.Buffer
	r.code = run(args, &stdout, &stderr)
	r.stdout, r.stderr = stdout.String(), stderr.String()
	if r.out != "" {
		r.stdout = strings.ReplaceAll(r.stdout, r.out, "OUT")
		r.stderr = strings.ReplaceAll(r.stderr, r.out, "OUT")
	}
	return r, nil
}

// removeShared removes the shared runs' folders; TestMain calls it after
// the tests.
func removeShared() {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if sharedRoot != "" {
		os.RemoveAll(sharedRoot)
	}
}

// sharedSweep returns the stdout, sweep.csv and sweep.json of the sweep
// of sweepArgs (12 points on the M/M/c queue), run once for the tests that
// read it (see sharedRun). The caller clears the shard variables first
// (clearShardEnv), as for any sweep.
func sharedSweep(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	r := sharedRun(t, sweepArgs("OUT")...)
	if r.code != 0 {
		t.Fatalf("caresim %s: exit %d\n%s", strings.Join(sweepArgs("OUT"), " "), r.code, r.stderr)
	}
	files := map[string][]byte{}
	for _, name := range []string{"sweep.csv", "sweep.json", "report.html", results.WorkbookName} {
		b, err := os.ReadFile(filepath.Join(r.out, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	return r.stdout, files
}

// sharedFiles is runFiles for a command line run once (sharedRun), with
// OUT for its folder: it returns the folder and the files in it, for
// tests that only read them.
func sharedFiles(t *testing.T, args ...string) (string, map[string][]byte) {
	t.Helper()
	r := sharedRun(t, args...)
	if r.code != 0 {
		t.Fatalf("caresim %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.out, readFiles(t, r.out)
}
