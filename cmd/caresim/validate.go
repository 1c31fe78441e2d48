package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"caresim/cmd/caresim/internal/table"
	"caresim/validation"

	"github.com/spf13/pflag"
)

func newValidate() *command {
	fs := pflag.NewFlagSet("validate", pflag.ContinueOnError)
	quick := fs.Bool("quick", false, "run each case a quarter as long")
	reps := fs.Int("reps", 20, "replications per case")
	seed := fs.Uint64("seed", 1, "random seed")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "replications run at once")
	out := fs.String("out", "out/validation", "folder for validation.csv ('' for none)")
	format := fs.String("format", "text", "report format on stdout: text or csv")
	c := &command{
		name:  "validate",
		usage: "[flags]",
		short: "check the simulation kernel against queueing theory",
		long: `
Validate runs textbook queues on the simulation kernel and compares each
measure with its exact value: M/M/c waits (Erlang C), M/M/c/c blocking
(Erlang B), M/G/∞ occupancy, the two-stage network with blocking after
service (an exact Markov-chain solution), and Little's law on every pool.
A check passes when the exact value lies inside the simulated confidence
interval across replications; the intervals hold at 99% all together
(each at 1 − 0.01/k for k checks, Bonferroni). Little's law, whose two
sides come from the same runs, must hold within 0.2%.
It prints a table, writes validation.csv to --out, and exits 1 if any
check fails.

Examples:

	$ caresim validate
	$ caresim validate --quick --reps 10 --format csv`,
		flags: fs,
	}
	c.run = func(args []string, stdout, stderr io.Writer) error {
		if len(args) > 0 {
			return usageErr("validate takes no arguments, got %q", args[0])
		}
		if *reps < 2 {
			return usageErr("--reps must be >= 2")
		}
		if *workers < 1 {
			return usageErr("--workers must be >= 1")
		}
		if *format != "text" && *format != "csv" {
			return usageErr("--format must be text or csv, not %q", *format)
		}
		o := validation.KernelOptions{Seed: *seed, Reps: *reps, Workers: *workers}
		if *quick {
			o.Scale = 0.25
		}
		checks, err := validation.KernelChecks(o)
		if err != nil {
			return err
		}
		t := checksTable(checks)
		if *format == "csv" {
			err = t.WriteCSV(stdout)
		} else {
			err = t.WriteText(stdout)
		}
		if err != nil {
			return err
		}
		if *out != "" {
			if err := os.MkdirAll(*out, 0o755); err != nil {
				return err
			}
			path := filepath.Join(*out, "validation.csv")
			if err := table.WriteFileAtomic(path, t.WriteCSV); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "caresim: wrote %s (%d checks)\n", path, len(checks))
		}
		failed := 0
		for _, c := range checks {
			if !c.Pass() {
				failed++
			}
		}
		if failed > 0 {
			return fmt.Errorf("validate: %d of %d checks failed", failed, len(checks))
		}
		return nil
	}
	return c
}

// checksTable lays the checks out with rounded numbers, so that the text
// survives differences in floating-point rounding between machines.
func checksTable(checks []validation.Check) *table.Table {
	t := &table.Table{Header: []string{"case", "measure", "expected", "simulated", "ci_low", "ci_high", "reps", "test", "pass"}}
	for _, c := range checks {
		test := fmt.Sprintf("in %.3g%% CI", 100*c.Sim.Confidence)
		if c.Tol > 0 {
			test = fmt.Sprintf("within %.2g%%", 100*c.Tol)
		}
		pass := "yes"
		if !c.Pass() {
			pass = "NO"
		}
		t.Rows = append(t.Rows, []string{c.Case, c.Measure, sig(c.Expected), sig(c.Sim.Mean), sig(c.Sim.Lo()), sig(c.Sim.Hi()), fmt.Sprint(c.Sim.N), test, pass})
	}
	return t
}

// sig formats x to four significant figures.
func sig(x float64) string { return fmt.Sprintf("%.4g", x) }
