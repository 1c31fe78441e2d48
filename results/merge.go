package results

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"caresim/internal/text"
	"caresim/sim"
)

// shardFiles is one shard's folder, read.
type shardFiles struct {
	dir   string
	man   *Sweep
	shard sim.Shard
}

// read reads the shard's sweep.csv, checks its header, and calls row
// with each row's line, point and replication.
func (s shardFiles) read(header []string, row func(line, point, rep int, rec []string) error) error {
	path := filepath.Join(s.dir, "sweep.csv")
	b, err := readCSVFile(path)
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
		point, rep, err := RowKey(rec)
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
func checkMissing(rows [][]string, shards []shardFiles, m *Sweep) error {
	n := shards[0].shard.N
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
		what := fmt.Sprintf("%s missing, the first point %d replication %d", text.Plural(c, "row"), i/m.Replications, i%m.Replications)
		sh := sim.Shard{K: k + 1, N: n}
		at := slices.IndexFunc(shards, func(s shardFiles) bool { return s.shard.K == k+1 })
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

// MergeShards reads the sweeps that the shards of one split wrote in
// dirs and joins them: the merged sweep.json (shard 1/1) and sweep.csv's
// rows in point and replication order, as one machine would have written
// them. It checks that the folders hold one sweep (same scenario, digest,
// flags, seed, replications and number of shards), each a different
// shard, with the same columns; that each row belongs to its folder's
// shard; and that no row is there twice or missing. Each problem names the
// folder. warn is told of shards run by different versions of caresim.
func MergeShards(dirs []string, warn func(msg string)) (*Sweep, [][]string, error) {
	var shards []shardFiles
	for _, dir := range dirs {
		m, err := ReadSweep(dir)
		if err != nil {
			return nil, nil, fmt.Errorf("shard %s: %w", dir, err)
		}
		sh, err := sim.ParseShard(m.Shard)
		if err != nil {
			return nil, nil, fmt.Errorf("shard %s: sweep.json: shard: %w", dir, err)
		}
		s := shardFiles{dir: dir, man: m, shard: sh}
		for _, o := range shards {
			if f := o.man.Differs(m); f != "" {
				return nil, nil, fmt.Errorf("shard %s holds another sweep than %s: its %s differs", dir, o.dir, f)
			}
			if o.shard.N != sh.N {
				return nil, nil, fmt.Errorf("shard %s is %s, but %s is %s: merge the shards of one split", dir, sh, o.dir, o.shard)
			}
			if o.shard.K == sh.K {
				return nil, nil, fmt.Errorf("shard %s is %s, as %s is", dir, sh, o.dir)
			}
			if o.man.Version != m.Version {
				warn(fmt.Sprintf("shard %s was run by caresim %s, %s by %s", dir, m.Version, o.dir, o.man.Version))
			}
		}
		shards = append(shards, s)
	}

	first := shards[0].man
	header := first.Header()
	reps := first.Replications
	rows := make([][]string, first.Points*reps) // by point·reps + replication
	from := make([]int, len(rows))              // the shard each came from
	np := len(first.Parameters)
	params := map[int][]string{} // each point's parameter cells
	for si, s := range shards {
		if err := s.read(header, func(line, point, rep int, rec []string) error {
			if point >= first.Points || rep >= reps || !s.shard.Has(point) {
				return fmt.Errorf("shard %s (%s): sweep.csv:%d: point %d replication %d does not belong to it", s.dir, s.shard, line, point, rep)
			}
			if err := first.CheckMetrics(rec); err != nil {
				return fmt.Errorf("shard %s: sweep.csv:%d: %w", s.dir, line, err)
			}
			if p, ok := params[point]; ok && !slices.Equal(p, rec[2:2+np]) {
				return fmt.Errorf("shard %s: sweep.csv:%d: point %d has %s here, but %s in its other rows", s.dir, line, point, strings.Join(rec[2:2+np], ", "), strings.Join(p, ", "))
			}
			params[point] = rec[2 : 2+np]
			i := point*reps + rep
			if rows[i] != nil {
				return fmt.Errorf("shard %s: sweep.csv:%d: point %d replication %d is also in %s", s.dir, line, point, rep, shards[from[i]].dir)
			}
			rows[i], from[i] = rec, si
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	if err := checkMissing(rows, shards, first); err != nil {
		return nil, nil, err
	}
	merged := *first
	merged.Shard = sim.Shard{K: 1, N: 1}.String()
	return &merged, rows, nil
}
