package main

import (
	"errors"
	"fmt"
	"io"

	"caresim/scenarios"

	"github.com/spf13/pflag"
)

func newCheck() *command {
	fs := pflag.NewFlagSet("check", pflag.ContinueOnError)
	sets := fs.StringArray("set", nil, "override a parameter, path=value (repeatable)")
	c := &command{
		name:  "check",
		usage: "[flags] FILE|NAME...",
		short: "check scenario files and report every problem with its position",
		long: `
Check reads each scenario (a file, or a built-in name such as baseline),
follows its extends chain, applies the --set overrides and checks every
value: types, units, ranges, shares that must sum to 1, distributions,
names, parameter paths and dates. It prints every problem found, one per
line as file:line:col: parameter: message, and exits 1 if there are any.
What loading changed of what the files say is a warning, which does not
fail: beds cut (by --set, or by a file extending another) below the beds
occupied at the start that a base file set are started full.

A parameter's line comment may document the range its source supports,
as "range A–B" in the value's units (ppv: 0.5  # assumption (range
0.3–0.7)). A value far outside it, beyond [A − w, B + w] for w = B − A,
is a warning, which does not fail: check prints it on stderr as
caresim: warning: followed by where the value was set (the --set, the
file, or the intervention's change that reaches it at the low, central
or high end of its effects), the range and where it is documented. run
and compare print the same warnings and record them in summary.json.

Examples:

	$ caresim check baseline textbook-mmc
	$ caresim check --set services.ed.cubicles=12 textbook-mmc
	$ caresim check --set services.urgent_community_response.admit=80% baseline`,
		flags: fs,
	}
	c.run = func(args []string, stdout, stderr io.Writer) error {
		if len(args) == 0 {
			return usageErr("check needs at least one scenario (a file or a built-in name; see caresim scenarios)")
		}
		bad := 0
		for _, ref := range args {
			l, err := scenarios.Load(ref, scenarios.Options{Sets: *sets})
			if err != nil {
				bad++
				var list scenarios.ErrorList
				if !errors.As(err, &list) {
					return err
				}
				fmt.Fprintln(stderr, list.Error())
				continue
			}
			fmt.Fprintf(stdout, "ok  %s (%s)\n", ref, l.Name)
			for _, w := range l.Warnings {
				fmt.Fprintf(stderr, "caresim: warning: %v\n", w)
			}
		}
		if bad > 0 {
			return fmt.Errorf("check: %d of %d scenarios have problems", bad, len(args))
		}
		return nil
	}
	return c
}

func newScenarios() *command {
	fs := pflag.NewFlagSet("scenarios", pflag.ContinueOnError)
	c := &command{
		name:  "scenarios",
		usage: "",
		short: "list the built-in scenarios",
		long: `
Scenarios lists the built-in scenarios with one line on each. Any of them
can be named wherever a scenario file is expected, and extended by a file
of your own with "extends: NAME".

Examples:

	$ caresim scenarios`,
		flags: fs,
	}
	c.run = func(args []string, stdout, stderr io.Writer) error {
		if len(args) > 0 {
			return usageErr("scenarios takes no arguments, got %q", args[0])
		}
		width := 0
		list := scenarios.Builtins()
		for _, b := range list {
			width = max(width, len(b.Name))
		}
		for _, b := range list {
			fmt.Fprintf(stdout, "%-*s  %s\n", width, b.Name, b.Description)
		}
		return nil
	}
	return c
}

func newShow() *command {
	fs := pflag.NewFlagSet("show", pflag.ContinueOnError)
	resolved := fs.Bool("resolved", false, "print the scenario with its extends chain merged and --set applied")
	sets := fs.StringArray("set", nil, "override a parameter, path=value (repeatable; implies --resolved)")
	c := &command{
		name:  "show",
		usage: "[flags] NAME|FILE",
		short: "print a built-in scenario, or any scenario resolved",
		long: `
Show prints a built-in scenario as written, with the comments that give
each number's source; save it to start a scenario of your own. With
--resolved (or --set) it prints any scenario as one file: everything it
extends merged in and the overrides applied, as the simulation sees it.

Examples:

	$ caresim show textbook-mmc
	$ caresim show --resolved --set services.ed.cubicles=12 textbook-mmc`,
		flags: fs,
	}
	c.run = func(args []string, stdout, stderr io.Writer) error {
		if len(args) != 1 {
			return usageErr("show needs one scenario name (see caresim scenarios)")
		}
		ref := args[0]
		if !*resolved && len(*sets) == 0 {
			src, ok := scenarios.BuiltinSource(ref)
			if !ok {
				return usageErr("no built-in scenario %q; use --resolved to show a file", ref)
			}
			_, err := stdout.Write(src)
			return err
		}
		l, err := scenarios.Load(ref, scenarios.Options{Sets: *sets})
		if err != nil {
			return err
		}
		src, err := l.Resolved()
		if err != nil {
			return err
		}
		_, err = stdout.Write(src)
		return err
	}
	return c
}
