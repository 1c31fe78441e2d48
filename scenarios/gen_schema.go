//go:build ignore

// This program writes scenario.schema.json, the JSON Schema that the
// built-in scenarios name on their first line for editors (as caresim
// schema prints it), and ../docs/parameters.md, the parameter reference.
// Run it with go generate ./scenarios after changing a parameter type,
// its comment or its check; TestGeneratedFilesCurrent fails until then.
package main

import (
	"log"
	"os"

	"caresim/scenarios"
)

func main() {
	schema, err := scenarios.Schema()
	if err != nil {
		log.Fatalf("gen_schema: %v", err)
	}
	ref, err := scenarios.ParameterReference()
	if err != nil {
		log.Fatalf("gen_schema: %v", err)
	}
	for name, src := range map[string][]byte{scenarios.SchemaFile: schema, scenarios.ReferenceFile: ref} {
		if err := os.WriteFile(name, src, 0o644); err != nil {
			log.Fatalf("gen_schema: %v", err)
		}
	}
}
