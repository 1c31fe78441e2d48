package main

import (
	"bytes"
	"testing"

	"caresim/scenarios"
)

// TestSchema checks that caresim schema prints scenarios.Schema and
// nothing else, and that misuse is a usage error (goldens
// testdata/schema-*.stdout and .stderr).
func TestSchema(t *testing.T) {
	want, err := scenarios.Schema()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"schema"}, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Error("caresim schema does not print scenarios.Schema()")
	}

	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"schema-args", []string{"schema", "baseline"}, 2},
		{"schema-bad-flag", []string{"schema", "--out", "x.json"}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(c.args, &stdout, &stderr); code != c.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, c.code, stderr.String())
			}
			compareGolden(t, c.name+".stdout", stdout.String())
			compareGolden(t, c.name+".stderr", stderr.String())
		})
	}
}
