package main

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeForNewcomers checks that README.md says how to install Go,
// how to build and run without make (on Windows too, each build a console
// example that TestReadmeExamples runs), and how to read the report.
func TestReadmeForNewcomers(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(src)
	for _, h := range []string{"### Installing Go", "### Without make", "## Reading the report"} {
		if !strings.Contains(readme, "\n"+h+"\n") {
			t.Errorf("README.md has no section %q", h)
		}
	}
	var console []string
	for _, s := range readmeSteps(readme) {
		if s.want != nil {
			console = append(console, s.text)
		}
	}
	for _, c := range []string{"go version", "go build -o bin/caresim ./cmd/caresim", "go build -o bin/caresim.exe ./cmd/caresim"} {
		found := false
		for _, s := range console {
			found = found || s == c
		}
		if !found {
			t.Errorf("README.md has no console example %q", c)
		}
	}
	for _, s := range []string{"Against the standards", "Year by year", "95% CI", "What the results say"} {
		if !strings.Contains(readme[strings.Index(readme, "## Reading the report")+1:], s) {
			t.Errorf("README.md's Reading the report does not explain %q", s)
		}
	}
}
