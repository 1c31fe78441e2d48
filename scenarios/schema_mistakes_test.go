package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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

// TestSchemaForPlanners checks what a planner meets in an editor: every
// property has a description, none opens with a Go field's name ("Beds
// is the staffed beds."), definitions are named in words rather than Go
// types (validators print their names), and every pattern that a
// validator reports comes with an errorMessage saying what to write, so
// that no message shows a regex.
func TestSchemaForPlanners(t *testing.T) {
	t.Parallel()
	src, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(src, &root); err != nil {
		t.Fatal(err)
	}
	goName := regexp.MustCompile(`^[A-Z][a-z]+[A-Z][A-Za-z]* (is|are) `)
	for name := range root["$defs"].(map[string]any) {
		if strings.ContainsAny(name, ".@") {
			t.Errorf("definition %q is named after a Go type", name)
		}
	}
	props := 0
	var walk func(at string, v any, inIf bool)
	walk = func(at string, v any, inIf bool) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["pattern"]; ok && !inIf && v["errorMessage"] == nil {
				t.Errorf("%s: a pattern without an errorMessage", at)
			}
			if ps, ok := v["properties"].(map[string]any); ok && !inIf {
				for k, p := range ps {
					if strings.Contains(at, "/then") {
						continue // the unit rules of a change's to and add
					}
					props++
					d, _ := p.(map[string]any)["description"].(string)
					switch {
					case d == "":
						t.Errorf("%s/%s: no description", at, k)
					case goName.MatchString(d):
						t.Errorf("%s/%s: a Go doc comment: %q", at, k, d)
					}
				}
			}
			for k, e := range v {
				walk(at+"/"+k, e, inIf || k == "if")
			}
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s/%d", at, i), e, inIf)
			}
		}
	}
	walk("#", root, false)
	if props < 100 {
		t.Errorf("only %d properties seen", props)
	}
}
