package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestSchemaMistakes checks the schema against mistakes planners make,
// one file each in testdata/mistakes: caresim check (Load) refuses every
// one, and so does the schema, but for those in mistakes/check-only,
// which the JSON Schema language cannot express (the schema's
// description says why) and the schema accepts. A mistake the schema
// comes to catch moves out of check-only.
func TestSchemaMistakes(t *testing.T) {
	t.Parallel()
	sch := compileSchema(t)
	for _, dir := range []string{"mistakes", "mistakes/check-only"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.yaml"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no mistakes (%v)", dir, err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Load(f, Options{}); err == nil {
				t.Errorf("%s: caresim check accepts it", f)
			}
			schemaErr := sch.Validate(yamlToJSON(t, string(src)))
			switch {
			case dir == "mistakes" && schemaErr == nil:
				t.Errorf("%s: the schema accepts it", f)
			case dir != "mistakes" && schemaErr != nil:
				t.Errorf("%s: the schema refuses it, so it belongs in mistakes/: %v", f, schemaErr)
			}
		}
	}
}

// TestGeneratedFilesCurrent checks that the committed schema, which the
// built-in scenarios name for editors, and the parameter reference are
// what the code makes: run go generate ./scenarios after changing a
// parameter type, its comment or its check.
func TestGeneratedFilesCurrent(t *testing.T) {
	t.Parallel()
	for _, g := range []struct {
		file string
		make func() ([]byte, error)
	}{{SchemaFile, Schema}, {ReferenceFile, ParameterReference}} {
		want, err := g.make()
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(g.file)
		if err != nil {
			t.Fatalf("%v (go generate ./scenarios writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./scenarios", g.file)
		}
	}
}
