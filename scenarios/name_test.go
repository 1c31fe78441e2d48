package scenarios

import (
	"strings"
	"testing"
)

// TestNameProblem checks which names can name a results folder: the
// built-in names and the like can; a path, a dot name, a hidden name,
// control characters, Windows' reserved characters, device names and
// trailing dots or spaces cannot, each with its reason.
func TestNameProblem(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, want string // want: a word of the reason, "" for a good name
	}{
		{"baseline", ""},
		{"textbook-mmc", ""},
		{"mmc-11", ""},
		{"beds 660 (winter)", ""},
		{"Mansfield–Ashfield", ""},
		{"con-beds", ""},
		{"v1.2", ""},
		{"", "missing"},
		{"..", "starts with a dot"},
		{".", "starts with a dot"},
		{".hidden", "starts with a dot"},
		{"../../escaped", "path separator"},
		{"a/b", "path separator"},
		{`a\b`, "path separator"},
		{"/etc", "path separator"},
		{"a\x00b", "control character"},
		{"a\nb", "control character"},
		{"a:b", "Windows"},
		{"a*", "Windows"},
		{"beds.", "ends with a dot"},
		{"beds ", "ends with a dot"},
		{" beds", "starts or ends with a space"},
		{"CON", "device"},
		{"nul.txt", "device"},
		{"com3", "device"},
		{"lpt9", "device"},
		{"\xff", "UTF-8"},
		{strings.Repeat("a", MaxNameBytes+1), "more than 100"},
		{strings.Repeat("a", MaxNameBytes), ""},
	} {
		got := nameProblem(c.name)
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("nameProblem(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestLoadSetName checks that a --set cannot name a scenario with a path
// either, and that the problem is at the --set.
func TestLoadSetName(t *testing.T) {
	t.Parallel()
	_, err := Load("testdata/load/base.yaml", Options{Sets: []string{"name=.."}})
	if err == nil || !strings.HasPrefix(err.Error(), "--set:1:") || !strings.Contains(err.Error(), "name: \"..\" starts with a dot") {
		t.Errorf("got %v, want a problem with the name at --set:1", err)
	}
}
