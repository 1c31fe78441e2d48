package scenarios

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ajvCache is where .ci/run installs ajv-cli with npm, under the user's
// cache folder.
const ajvCache = "caresim-ajv"

// findAjv returns the ajv command of ajv-cli: $CARESIM_AJV, the one .ci/run
// installs (npm install --prefix ~/.cache/caresim-ajv ajv-cli@5 ajv-errors@3), or ajv
// on the PATH; or "".
func findAjv() string {
	if p := os.Getenv("CARESIM_AJV"); p != "" {
		return p
	}
	if dir, err := os.UserCacheDir(); err == nil {
		p := filepath.Join(dir, ajvCache, "node_modules", ".bin", "ajv")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("ajv"); err == nil {
		return p
	}
	return ""
}

// TestSchemaAjv checks the committed schema with a validator editors'
// tooling uses, ajv (through ajv-cli, from npm), not only with the Go
// one: every built-in scenario must pass, and every file of
// testdata/mistakes (not check-only) must fail. The YAML is read as
// caresim reads it (YAML 1.2, where 2014-04-01 is text, as the YAML
// language server reads it; ajv-cli's own reader makes it a date) and
// given to ajv as JSON. Without ajv the test is skipped, but under CI,
// where .ci/run installs it, it fails.
func TestSchemaAjv(t *testing.T) {
	t.Parallel()
	ajv := findAjv()
	if ajv == "" {
		msg := "ajv-cli is not installed (npm install --prefix ~/.cache/" + ajvCache + " ajv-cli@5 ajv-errors@3, as .ci/run does)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	schema, err := filepath.Abs(SchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	builtins, _ := filepath.Glob(filepath.Join("builtin", "*.yaml"))
	mistakes, _ := filepath.Glob(filepath.Join("testdata", "mistakes", "*.yaml"))
	if len(builtins) == 0 || len(mistakes) == 0 {
		t.Fatalf("%d built-ins, %d mistakes", len(builtins), len(mistakes))
	}
	for _, group := range []struct {
		files []string
		valid bool
	}{{builtins, true}, {mistakes, false}} {
		dir := t.TempDir()
		for _, f := range group.files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			js, err := json.Marshal(yamlToJSON(t, string(src)))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), ".yaml")+".json"), js, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// The schema's numbers may be written as text, so its types are
		// unions and its bounds sit beside a $ref to a unit: ajv's
		// strictTypes warns of both; the rest of strict mode (unknown
		// keywords, formats) stays on.
		// ajv-errors reads the schema's errorMessage, which says what a
		// value should be instead of showing a unit's pattern.
		cmd := exec.Command(ajv, "validate", "--spec=draft2020", "--strict-types=false", "--allow-union-types",
			"--all-errors", "-c", "ajv-errors", "-s", schema, "-d", filepath.Join(dir, "*.json"))
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		verdicts := map[string]string{}
		for _, line := range strings.Split(string(out), "\n") {
			if f, v, ok := strings.Cut(line, " "); ok && (v == "valid" || v == "invalid") && strings.HasPrefix(f, dir) {
				verdicts[strings.TrimSuffix(filepath.Base(f), ".json")] = v
			}
		}
		// A planner reads these messages: no pattern's regex.
		if strings.Contains(string(out), "must match pattern") {
			t.Errorf("ajv shows a pattern:\n%s", out)
		}
		for _, f := range group.files {
			name := strings.TrimSuffix(filepath.Base(f), ".yaml")
			want := "invalid"
			if group.valid {
				want = "valid"
			}
			if got := verdicts[name]; got != want {
				t.Errorf("%s: ajv says %q, want %q\n%s", f, got, want, out)
			}
		}
	}
}
