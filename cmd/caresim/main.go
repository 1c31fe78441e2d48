// Caresim simulates a local health and social care system for capacity and
// transformation planning.
//
// Usage:
//
//	caresim <command> [flags] [arguments]
//
// The commands are:
//
//	run        simulate a scenario and write its results
//	plot       re-draw the charts of a run's results folder without re-running
//	compare    run scenarios with common random numbers and report their differences
//	sweep      run a scenario over a grid or a Latin hypercube of parameter values
//	merge      join the shards of a sweep into one sweep.csv
//	backcast   run a scenario and set it beside observed data
//	calibrate  fit a scenario's uncertain parameters to observed data by history matching
//	check      check scenario files and report every problem with its position
//	scenarios  list the built-in scenarios
//	schema     print the JSON Schema of scenario files, for editors
//	show       print a built-in scenario, or any scenario resolved
//	validate   check the kernel and the model against queueing theory and the baseline against published figures
//
// Run "caresim <command> --help" for a command's flags and examples.
//
// # Examples
//
// Simulate the Mid-Nottinghamshire baseline, ten years and 20
// replications, writing summary.json, metrics.csv, daily.csv and
// annual.csv (with each organisation's accounts and deficits) to
// out/baseline, with "caresim run". A textbook queue for two months, three
// replications, into a folder of your choice; the report gives each
// headline metric's mean and 95% confidence interval across the
// replications:
//
//	$ caresim run --reps 3 --set horizon=60d --out /tmp/caresim-mmc textbook-mmc
//	textbook-mmc: 3 replications, seed 1; 60 days from 2014-04-01 after a 30-day warm-up
//
//	metric                                   mean  95% CI low   high  unit
//	ed_attendances_per_year                 79280       77580  80980  per year
//	ed_4h_performance                      0.9205      0.8281      1  fraction
//	...
//	intervals cut at a value the measure cannot pass ... crossed: ed_4h_performance; the CSV files keep them uncut
//
// Compare the PRISM teams with the baseline over two years from the base
// year (the teams start in October 2014), with the paired difference of
// every metric and its 95% confidence interval, writing to out/compare (a
// line "..." stands for lines left out here, and "..." in a line for
// columns):
//
//	$ caresim compare --reps 2 --set horizon=2y --set warm_up.length=30d baseline prism
//	compare: 2 scenarios, 2 replications each from seed 20140401 (common random numbers); differences are to baseline
//	  baseline: 731 days from 2013-04-01 after a 30-day warm-up
//	  prism: 731 days from 2013-04-01 after a 30-day warm-up
//
//	metric ... scenario ... difference ... unit
//	ed_attendances_per_year ... baseline ... per year
//	... prism ... per year
//	...
//	* the difference's 95% confidence interval excludes zero
//	intervals cut at a value the measure cannot pass ... the CSV files keep them uncut
//	deficit: cost − funding − income, in pounds of each year; positive is a gap, negative a surplus
//
//	the system's gap bridge, 2013/14 to 2014/15, £m: baseline's, and each scenario's difference to it with its paired 95% CI (bridge.csv has each organisation's):
//	...
//
// Sweep the ED's cubicles over a grid, one row per point and replication
// in sweep.csv; --shard K/N splits a sweep between machines and "caresim
// merge" joins the parts:
//
//	$ caresim sweep --reps 2 --set horizon=30d --set services.ed.cubicles=9,10,11 --out /tmp/caresim-sweep textbook-mmc
//	textbook-mmc: 3 points, 2 replications each from seed 1 (common random numbers)
//
//	parameter or metric   point 0  point 1  point 2
//	services.ed.cubicles        9       10       11
//	ed_4h_performance      0.1045   0.9375   0.9729
//
//	the same at every point: ed_attendances_per_year 79280, nel_admissions_per_year 0, ...
//
// Check the kernel against Erlang C, Erlang B, M/G/∞ and the exact blocking
// tandem, and the baseline against its calibration targets, with short
// runs; each check passes when the exact value lies in the simulated
// confidence interval, or the target within its tolerance. A target the
// baseline is known to miss is marked "NO (known)", with the reason on
// stderr, and does not fail the command; then validate sets the baseline
// beside the observed calibration window:
//
//	$ caresim validate --quick --reps 4 --out /tmp/caresim-validation
//	case ... measure ... expected  simulated     ci_low    ci_high  reps  test         pass
//	M/M/c c=10 λ=9 μ=1 ... mean wait Wq ... 0.6687 ... in 99.9% CI  yes
//	...
//	baseline: day cases, 2014/15 ... 2.9e+04 ... within 15% ... yes
//
//	calibration window: the baseline (4 replications) beside builtin:mid-notts, what Mid-Nottinghamshire did in 2013/14 to 2015/16; nothing in the model was fitted to it
//	measure ... periods ... unit ... simulated  outside_run ... bias ... bias_% ... mape_% ... in_band
//	ae_departures ... months ... patients ...
//	...
//
// Results go to stdout, progress and errors to stderr. The exit status is 0
// on success, 1 on failure (a failed check, a bad input) and 2 on a usage
// error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"caresim/results"

	"github.com/spf13/pflag"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// command is one subcommand of caresim.
type command struct {
	name  string
	usage string // arguments after the name
	short string // one line for the command list
	long  string // the help text's body, with examples
	flags *pflag.FlagSet
	run   func(args []string, stdout, stderr io.Writer) error
}

// errUsage marks errors that are the caller's misuse of the command line.
var errUsage = errors.New("usage")

func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUsage}, args...)...)
}

func commands() []*command {
	return []*command{newRun(), newPlot(), newCompare(), newSweep(), newMerge(), newBackcast(), newCalibrate(), newCheck(), newScenarios(), newSchema(), newShow(), newValidate()}
}

// run runs the command line args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "version" {
		// The release when built by go install from a tagged module,
		// else devel with the commit the build recorded (and -dirty for
		// uncommitted changes): the version the manifests record.
		fmt.Fprintf(stdout, "caresim %s\n", results.Version())
		return 0
	}
	var cmd *command
	for _, c := range cmds {
		if c.name == args[0] {
			cmd = c
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "caresim: unknown command %q\n", args[0])
		printUsage(stderr, cmds)
		return 2
	}
	fs := cmd.flags
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: caresim %s %s\n\n%s\n\nFlags:\n%s", cmd.name, cmd.usage, strings.TrimSpace(cmd.long), fs.FlagUsages())
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "caresim: %s: %v (see caresim %s --help)\n", cmd.name, err, cmd.name)
		return 2
	}
	if err := cmd.run(fs.Args(), stdout, stderr); err != nil {
		// A scenario's problems come one per line; each line is an error.
		for _, line := range strings.Split(strings.TrimPrefix(err.Error(), "usage: "), "\n") {
			fmt.Fprintf(stderr, "caresim: %s\n", line)
		}
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

func printUsage(w io.Writer, cmds []*command) {
	fmt.Fprintf(w, "caresim simulates a local health and social care system.\n\nUsage:\n\n\tcaresim <command> [flags] [arguments]\n\nThe commands are:\n\n")
	for _, c := range cmds {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "\nRun \"caresim <command> --help\" for a command's flags and examples, and \"caresim --version\" for\nthe version (the commit of a build from a clone) that results folders record.\n")
}
