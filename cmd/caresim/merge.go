package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"caresim/results"

	"github.com/spf13/pflag"
)

func newMerge() *command {
	fs := pflag.NewFlagSet("merge", pflag.ContinueOnError)
	out := fs.String("out", "", "folder for the merged sweep.csv and sweep.json (required)")
	quiet := fs.Bool("quiet", false, "no note of the files written")
	pf, metrics := addPlotFlags(fs), addMetricFlag(fs)
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
files are written under temporary names and renamed when complete.

Merge prints the table sweep prints, for the whole sweep, and draws the
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
		if err := checkShardMetrics(*metrics, args[0]); err != nil {
			return err
		}
		if err := merge(*out, args, stdout, stderr, *quiet); err != nil {
			return err
		}
		if err := writeSweepReport(*out, nil, formats.Drawn()); err != nil {
			return err
		}
		return drawSweepDir(context.Background(), *out, *metrics, formats, stderr, *quiet)
	}
	return c
}

// shardFiles is one shard's folder, read.
type shardFiles struct {
	dir   string
	man   *results.Sweep
	shard shard
}

// merge joins the sweeps in dirs into out.
func merge(out string, dirs []string, stdout, stderr io.Writer, quiet bool) error {
	var shards []shardFiles
	for _, dir := range dirs {
		m, err := results.ReadSweep(dir)
		if err != nil {
			return fmt.Errorf("shard %s: %w", dir, err)
		}
		sh, err := parseShard(m.Shard)
		if err != nil {
			return fmt.Errorf("shard %s: sweep.json: shard: %w", dir, err)
		}
		s := shardFiles{dir: dir, man: m, shard: sh}
		for _, o := range shards {
			if f := o.man.Differs(m); f != "" {
				return fmt.Errorf("shard %s holds another sweep than %s: its %s differs", dir, o.dir, f)
			}
			if o.shard.n != sh.n {
				return fmt.Errorf("shard %s is %s, but %s is %s: merge the shards of one split", dir, sh, o.dir, o.shard)
			}
			if o.shard.k == sh.k {
				return fmt.Errorf("shard %s is %s, as %s is", dir, sh, o.dir)
			}
			if o.man.Version != m.Version {
				fmt.Fprintf(stderr, "caresim: warning: shard %s was run by caresim %s, %s by %s\n", dir, m.Version, o.dir, o.man.Version)
			}
		}
		shards = append(shards, s)
	}

	first := shards[0].man
	header := first.Header()
	reps := first.Replications
	rows := make([][]string, first.Points*reps) // by point·reps + replication
	from := make([]int, len(rows))              // the shard each came from
	for si, s := range shards {
		if err := s.read(header, func(line, point, rep int, rec []string) error {
			if point >= first.Points || rep >= reps || !s.shard.has(point) {
				return fmt.Errorf("shard %s (%s): sweep.csv:%d: point %d replication %d does not belong to it", s.dir, s.shard, line, point, rep)
			}
			i := point*reps + rep
			if rows[i] != nil {
				return fmt.Errorf("shard %s: sweep.csv:%d: point %d replication %d is also in %s", s.dir, line, point, rep, shards[from[i]].dir)
			}
			rows[i], from[i] = rec, si
			return nil
		}); err != nil {
			return err
		}
	}
	if err := checkMissing(rows, shards, first); err != nil {
		return err
	}

	d, err := results.OpenFolder(out)
	if err != nil {
		return err
	}
	defer d.Abort()
	merged := *first
	merged.Shard = shard{k: 1, n: 1}.String()
	tally := newSweepTally(header, len(first.Parameters))
	writeCSV := func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write(header)
		for _, rec := range rows {
			cw.Write(rec)
			tally.add(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	names := []string{"sweep.csv", "sweep.json"}
	if err := d.Save(context.Background(), "merge", names, []func(io.Writer) error{writeCSV, func(w io.Writer) error { return results.WriteJSON(w, &merged) }}); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "caresim: wrote %s and sweep.json to %s, from %s\n", plural(len(rows), "row"), out, plural(len(shards), "shard"))
	}
	return tally.write(stdout, &merged, shard{k: 1, n: 1})
}

// read reads the shard's sweep.csv, checks its header, and calls row
// with each row's line, point and replication.
func (s shardFiles) read(header []string, row func(line, point, rep int, rec []string) error) error {
	path := filepath.Join(s.dir, "sweep.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("shard %s: %w", s.dir, err)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		return fmt.Errorf("shard %s (%s): sweep.csv ends in a row cut short: finish the shard with caresim sweep --resume", s.dir, s.shard)
	}
	r := csv.NewReader(bytes.NewReader(b))
	got, err := r.Read()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("shard %s: sweep.csv is empty", s.dir)
	} else if err != nil {
		return fmt.Errorf("shard %s: sweep.csv: %w", s.dir, err)
	}
	if !slices.Equal(got, header) {
		return fmt.Errorf("shard %s: sweep.csv:1: the columns differ from its sweep.json's", s.dir)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("shard %s: sweep.csv: %w", s.dir, err)
		}
		line, _ := r.FieldPos(0)
		point, rep, err := results.RowKey(rec)
		if err != nil {
			return fmt.Errorf("shard %s: sweep.csv:%d: %v", s.dir, line, err)
		}
		if err := row(line, point, rep, rec); err != nil {
			return err
		}
	}
}

// checkMissing reports, for each shard, the rows that none of the
// folders holds: by the shard's folder when it was given, else by the
// shard's number.
func checkMissing(rows [][]string, shards []shardFiles, m *results.Sweep) error {
	n := shards[0].shard.n
	missing := make([]int, n)
	firstMissing := make([]int, n)
	for i, r := range rows {
		if r == nil {
			k := (i / m.Replications) % n
			if missing[k] == 0 {
				firstMissing[k] = i
			}
			missing[k]++
		}
	}
	var msgs []string
	for k, c := range missing {
		if c == 0 {
			continue
		}
		i := firstMissing[k]
		what := fmt.Sprintf("%s missing, the first point %d replication %d", plural(c, "row"), i/m.Replications, i%m.Replications)
		sh := shard{k: k + 1, n: n}
		at := slices.IndexFunc(shards, func(s shardFiles) bool { return s.shard.k == k+1 })
		if at >= 0 {
			msgs = append(msgs, fmt.Sprintf("shard %s (%s): %s: finish it with caresim sweep --resume", shards[at].dir, sh, what))
		} else {
			msgs = append(msgs, fmt.Sprintf("shard %s: no folder given for it: %s", sh, what))
		}
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "\n"))
	}
	return nil
}
