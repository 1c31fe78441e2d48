package main

import (
	"errors"
	"fmt"
	"io"

	"caresim/internal/table"
	"caresim/internal/text"
	"caresim/validation/observed"

	"github.com/spf13/pflag"
)

func newBackcast() *command {
	fs := pflag.NewFlagSet("backcast", pflag.ContinueOnError)
	r := newRunCmd(fs)
	r.name, r.backcast = "backcast", true
	measures := fs.Bool("measures", false, "list the measures an observed file may name, with their units, and exit")
	c := &command{
		name:  "backcast",
		usage: "[flags] --observed FILE [FILE|NAME]",
		short: "run a scenario and set it beside observed data",
		long: `
Backcast runs a scenario (a file, or a built-in name; baseline when none
is given), as run does, and sets each value of the observed file that
--observed names beside the run's value over the same period: the mean
over the replications and its 95% prediction band, the interval in
which one more replication would fall (mean ± t(0.975, n−1)·s·√(1 +
1/n) over the n replications). For each observed series (a measure by
financial year or by month) it prints the periods simulated and outside
the run, the bias (mean of simulated − observed, in the measure's unit),
the bias and the mean absolute percentage error in percent, and how
many observed values lie inside their band.

An observed file is CSV with the columns period, measure, value, unit
and source, and optionally note, in any order:

	period,measure,value,unit,source,note
	2014-04,ae_departures,11463,patients,NHS England A&E statistics,all types
	2014/15,ed_4h_performance,0.9329,fraction,NHS England A&E statistics,

A period is a financial year (2014/15) or a month (2014-04). A measure
is one caresim measures over such a period, in its unit exactly as
caresim writes it (--measures lists them): for a year, an annual
measure of annual.csv, a daily measure of daily.csv over the year's
days, ed_4h_performance, acute_occupancy_mean, ic_occupancy_mean, or a
line of the accounts (deficit_gbp for the system, deficit_gbp_acute,
cost_gbp_social_care, …, in £); for a month, a daily measure (a count
summed over its days, a level averaged) or one of the three ratios.
Every row is checked before anything runs, and every problem reported
with its line and column: an unknown measure (with the nearest name), a
unit that is not the measure's, a malformed period, a value out of
range, an empty source, a measure given twice for a period. No row is
skipped: an observed value whose period the run did not simulate whole
(before its start, after its end) is listed as outside the run.

Backcast writes what run writes (see caresim run --help) to --out
(default out/<scenario name>-backcast), and with it backcast.csv (each
observed value beside the run's mean and band, its status and
source), summary.json's backcast (the observed file's name and SHA-256,
the band, each series' fit) and a chart of each series,
backcast-MEASURE-by-month or -by-year: the simulated mean and band, the
observed values, those outside the run hollow. report.html gains a
Backcast section with the fits and these charts. caresim run --observed
FILE writes the same files and prints run's headline table instead.

A backcast needs two replications or more, for its band. It runs the
scenario over its own horizon; --set horizon=2y shortens it to the
years observed.

Examples, the second the baseline's first two months beside the built-in
Mid-Nottinghamshire data (caresim backcast --observed mid-notts baseline
runs its ten years):

	$ caresim backcast --measures
	$ caresim backcast --reps 2 --set horizon=61d --set warm_up.length=30d --observed mid-notts baseline`,
		flags: fs,
	}
	exec := onInterrupt("stopping the replications under way", r.exec)
	c.run = func(args []string, stdout, stderr io.Writer) error {
		if *measures {
			if len(args) > 0 || fs.Changed("observed") {
				return usageErr("--measures takes no scenario and no --observed")
			}
			return measuresTable().WriteText(stdout)
		}
		if *r.observed == "" {
			return usageErr("backcast needs --observed FILE, the observed data to set the run beside (--measures lists what it may name)")
		}
		return exec(args, stdout, stderr)
	}
	return c
}

// readObserved reads and checks the file --observed names, if any, for a
// run of reps replications; nil when there is none.
func (r *runCmd) readObserved(reps int) (*observed.Set, error) {
	if *r.observed == "" {
		return nil, nil
	}
	if reps < 2 {
		return nil, usageErr("--observed needs 2 replications or more, for the band the observed values are set in, not %d (--reps)", reps)
	}
	set, err := observed.Open(*r.observed)
	var list observed.ErrorList
	switch {
	case errors.As(err, &list):
		// Each problem names the file, line and column; the last line
		// says what came of them.
		return nil, fmt.Errorf("%w\n%s: --observed %s: %s; nothing was run", err, r.name, *r.observed, text.Plural(len(list), "problem"))
	case err != nil:
		return nil, fmt.Errorf("--observed: %w", err)
	}
	return set, nil
}

// measuresTable lists the measures an observed file may name: each with
// the periods it is measured by, its unit by year and by month, and what
// it counts.
func measuresTable() *table.Table {
	t := &table.Table{Header: []string{"measure", "unit by year", "unit by month", "what it counts"}}
	months := map[string]string{}
	for _, m := range observed.Measures(true) {
		months[m.Name] = m.Unit
	}
	for _, m := range observed.Measures(false) {
		month := months[m.Name]
		if month == "" {
			month = "–"
		}
		t.Rows = append(t.Rows, []string{m.Name, m.Unit, month, m.Doc})
	}
	return t
}
