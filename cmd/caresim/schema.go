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
that an editor completes keys, shows each key's meaning, unit and range and
flags unknown keys, misplaced lists, malformed values, numbers out of
range (share: 5 for 5%), unknown organisations and misspelt parameter paths
as you type. It is made from the parameter types and their checks, so it
always matches this caresim. It checks each value on its own: run caresim
check for rules across values, such as shares that must sum to 1 (the
schema's description lists them).

Editors with the YAML language server (VS Code's YAML extension, Neovim,
Helix) read the schema named on a file's first line. The built-in
scenarios name the copy in the repository, scenarios/scenario.schema.json,
by a relative path, so editors work offline:

	# yaml-language-server: $schema=../scenario.schema.json

For your own scenarios, name that file by its path relative to yours, or
save this version's schema beside them with
caresim schema > scenario.schema.json and name ./scenario.schema.json.

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
