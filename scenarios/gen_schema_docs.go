//go:build ignore

// This program writes schema_docs.go, the doc comments of the scenario
// types for the JSON Schema's descriptions (see package
// caresim/scenarios/internal/docgen). Run it with go generate ./scenarios
// after changing a comment of a parameter type; TestSchemaDocsCurrent
// fails until then.
package main

import (
	"log"
	"os"

	"caresim/scenarios/internal/docgen"
)

func main() {
	src, err := docgen.Source("..")
	if err != nil {
		log.Fatalf("gen_schema_docs: %v", err)
	}
	if err := os.WriteFile("schema_docs.go", src, 0o644); err != nil {
		log.Fatalf("gen_schema_docs: %v", err)
	}
}
