package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"

	"caresim/internal/text"
	"caresim/plots/report"
	"caresim/results"
	"caresim/sim"

	"github.com/spf13/pflag"
)

func newMerge() *command {
	fs := pflag.NewFlagSet("merge", pflag.ContinueOnError)
	out := fs.String("out", "", "folder for the merged sweep.csv and sweep.json (required)")
	quiet := fs.Bool("quiet", false, "no note of the files written")
	pf, metrics, columns := addPlotFlags(fs), addMetricFlag(fs), addColumnsFlag(fs)
	c := &command{
		name:  "merge",
		usage: "--out DIR SHARD_DIR...",
		short: "join the shards of a sweep into one sweep.csv",
		long: `
Merge joins the folders that the shards of a sweep wrote (caresim sweep
--shard K/N, or a job array) into DIR/sweep.csv and DIR/sweep.json,
byte for byte the files one machine running the whole sweep would have
written: rows sorted by point and replication.

It checks that every folder holds the same sweep (sweep.json: scenario,
digest, flags, seed, replications; the same number of shards) and the
same columns, that each row belongs to its folder's shard, and that no
row is there twice or missing; each problem names the folder. A shard
stopped part-way is finished by running it again with --resume. The
files are written under temporary names and renamed when complete, and
replace what caresim wrote in DIR before (see caresim run --help); DIR
must not be one of the shards' folders.

Merge prints the table sweep prints, for the whole sweep (--columns
chooses its metrics, as for sweep), and draws the
charts that sweep draws of a whole sweep (see caresim sweep --help:
--metric, --format, --no-plots), the same, byte for byte.

Examples:

	$ caresim merge --out merged part1 part2`,
		flags: fs,
	}
	c.run = func(args []string, stdout, stderr io.Writer) error {
		if *out == "" {
			return usageErr("merge needs --out DIR")
		}
		if len(args) == 0 {
			return usageErr("merge needs the shards' folders")
		}
		formats, err := pf.list()
		if err != nil {
			return err
		}
		if err := checkShardMetrics(*metrics, *columns, args[0]); err != nil {
			return err
		}
		if in := results.SameAs(*out, args); in != "" {
			return usageErr("--out %s is the shard folder %s: merge into a folder of its own", *out, in)
		}
		d, err := results.OpenFolder(*out)
		if err != nil {
			return err
		}
		defer d.Abort()
		ctx := context.Background()
		if err := merge(ctx, d, args, *columns, stdout, stderr, *quiet); err != nil {
			return err
		}
		if err := writeSweepReport(ctx, d, nil, formats.Drawn()); err != nil {
			return err
		}
		return drawSweepDir(ctx, d, *metrics, formats, stderr, *quiet)
	}
	return c
}

// merge joins the sweeps in dirs into d, whose files they become.
func merge(ctx context.Context, d *results.Folder, dirs, columns []string, stdout, stderr io.Writer, quiet bool) error {
	merged, rows, err := results.MergeShards(dirs, func(msg string) { fmt.Fprintf(stderr, "caresim: warning: %s\n", msg) })
	if err != nil {
		return err
	}
	header := merged.Header()
	tally := report.NewSweepTable(header, len(merged.Parameters), columns)
	writeCSV := func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write(header)
		for _, rec := range rows {
			cw.Write(rec)
			tally.Add(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	names := []string{"sweep.csv", "sweep.json"}
	if err := d.Replace(ctx, "merge", names, []func(io.Writer) error{writeCSV, func(w io.Writer) error { return results.WriteJSON(w, merged) }}); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "caresim: wrote %s and sweep.json to %s, from %s\n", text.Plural(len(rows), "row"), d.Dir(), text.Plural(len(dirs), "shard"))
	}
	return tally.Write(stdout, merged, sim.Shard{K: 1, N: 1})
}
