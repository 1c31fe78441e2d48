package main

import (
	"io"

	"caresim/scenarios"

	"github.com/spf13/pflag"
)

func newSchema() *command {
	fs := pflag.NewFlagSet("schema", pflag.ContinueOnError)
	c := &command{
		name:  "schema",
		usage: "",
		short: "print the JSON Schema of scenario files, for editors",
		long: `
Schema prints the JSON Schema (draft 2020-12) of the scenario language, so
that an editor completes keys, shows each key's documentation and flags
unknown keys, misplaced lists and malformed values as you type. It is
made from the parameter types themselves, so it always matches this
caresim. It checks form, not sense: run caresim check for ranges, shares
that must sum to 1 and parameter paths.

Editors with the YAML language server (VS Code's YAML extension, Neovim,
Helix) read the schema named on a file's first line, as the built-in
scenarios do:

	# yaml-language-server: $schema=https://caresim.dev/schema/scenario.json

To work offline, or with this version's schema, save the schema beside
your scenarios with caresim schema > scenario.schema.json and name that
file instead: $schema=./scenario.schema.json.

Examples:

	$ caresim schema`,
		flags: fs,
	}
	c.run = func(args []string, stdout, stderr io.Writer) error {
		if len(args) > 0 {
			return usageErr("schema takes no arguments, got %q", args[0])
		}
		src, err := scenarios.Schema()
		if err != nil {
			return err
		}
		_, err = stdout.Write(src)
		return err
	}
	return c
}
