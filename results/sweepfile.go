package results

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"caresim/internal/text"
	"caresim/sim"
)

// OpenSweep makes the folder dir and its sweep.csv ready for the rows of
// sweep m: a new sweep writes sweep.json and the header; with resume, it
// checks that dir holds this sweep (the same shard and every other field
// of sweep.json but caresim's version), drops a last row cut short, and
// reads the rows the file holds, each of which must be a row of one of
// cells' points (the shard's, by number, with their parameter columns) and
// of a replication of m, there once. It returns the replications of each
// point the file holds, calling row with each row read; warn is told of a
// dropped row and of a sweep begun by another caresim. Without resume, a
// folder that holds a sweep is refused.
func OpenSweep(dir string, m *Sweep, cells map[int][]string, resume bool, warn func(string), row func(rec []string)) (map[int][]bool, error) {
	path := filepath.Join(dir, "sweep.csv")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	done := map[int][]bool{}
	info, err := os.Stat(path)
	held := err == nil && info.Size() > 0
	if held && !resume {
		return nil, fmt.Errorf("%s already holds a sweep: continue it with --resume, or remove it", path)
	}
	if held {
		old, err := ReadSweep(dir)
		if err != nil {
			return nil, fmt.Errorf("--resume: %w", err)
		}
		if old.Shard != m.Shard {
			return nil, fmt.Errorf("--resume: %s holds shard %s, not %s", dir, old.Shard, m.Shard)
		}
		if f := old.Differs(m); f != "" {
			return nil, fmt.Errorf("--resume: %s holds another sweep: its %s differs from this one's", dir, f)
		}
		if old.Version != m.Version {
			warn(fmt.Sprintf("%s was begun by caresim %s; this is %s", dir, old.Version, m.Version))
		}
		if held, err = readSweepRows(path, m, cells, done, warn, row); err != nil {
			return nil, err
		}
	}
	if !held {
		if err := WriteFileAtomic(filepath.Join(dir, "sweep.json"), func(w io.Writer) error { return WriteJSON(w, m) }); err != nil {
			return nil, err
		}
		var b bytes.Buffer
		cw := csv.NewWriter(&b)
		cw.Write(m.Header())
		cw.Flush()
		if err := WriteSynced(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, b.Bytes()); err != nil {
			return nil, err
		}
	}
	return done, nil
}

// readSweepRows reads the rows the sweep.csv at path holds into done,
// calling row with each, and checking that each is a row of sweep m's
// shard ([Sweep.CheckRow]), with its parameter values (cells). A row there
// twice, identical, as two sweeps of the folder at once by an earlier
// caresim wrote them, is dropped from the file, and warn told; a point's
// replication there twice with different values is an error naming both
// lines. It reports whether the file holds a header.
func readSweepRows(path string, m *Sweep, cells map[int][]string, done map[int][]bool, warn func(string), row func(rec []string)) (bool, error) {
	cut, err := DropTornRow(path)
	if err != nil {
		return false, err
	}
	if cut > 0 {
		warn(fmt.Sprintf("%s: dropped a last row cut short (%d bytes)", path, cut))
	}
	f, c, err := openCSV(path)
	if err != nil {
		return false, err
	}
	defer c.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	if !slices.Equal(header, m.Header()) {
		return false, fmt.Errorf("%s:1: the columns are not this sweep's", path)
	}
	np := len(m.Parameters)
	var kept [][]string
	type held struct {
		line int
		rec  []string
	}
	first := map[[2]int]held{}
	var twice []string // the lines dropped, as "L (as line F)"
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return false, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		pi, rep, err := RowKey(rec)
		want, ok := cells[pi]
		if err != nil || !ok || rep >= m.Replications {
			return false, fmt.Errorf("%s:%d: point %s replication %s is not in this sweep's shard %s", path, line, rec[0], rec[1], m.Shard)
		}
		if _, _, err := m.CheckRow(rec); err != nil {
			return false, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if got := rec[2 : 2+np]; !slices.Equal(got, want) {
			return false, fmt.Errorf("%s:%d: point %d has %s = %s here, but %s in this sweep", path, line, pi, strings.Join(header[2:2+np], ", "), strings.Join(got, ", "), strings.Join(want, ", "))
		}
		if h, ok := first[[2]int{pi, rep}]; ok {
			if !slices.Equal(h.rec, rec) {
				return false, fmt.Errorf("%s:%d: point %d replication %d is there twice, with other values than at line %d: remove the row that is wrong, or the sweep, and resume", path, line, pi, rep, h.line)
			}
			twice = append(twice, fmt.Sprintf("%d (as line %d)", line, h.line))
			continue
		}
		first[[2]int{pi, rep}] = held{line, rec}
		if done[pi] == nil {
			done[pi] = make([]bool, m.Replications)
		}
		done[pi][rep] = true
		kept = append(kept, rec)
	}
	if len(twice) > 0 {
		c.Close()
		if err := WriteFileAtomic(path, func(w io.Writer) error {
			cw := csv.NewWriter(w)
			cw.Write(header)
			cw.WriteAll(kept)
			return cw.Error()
		}); err != nil {
			return false, err
		}
		warn(fmt.Sprintf("%s: dropped %s repeated identically, the first at line %s: two sweeps of the folder ran at once", path, text.Plural(len(twice), "row"), twice[0]))
	}
	for _, rec := range kept {
		row(rec)
	}
	return true, nil
}

// CountRows counts the rows marked in done, as [OpenSweep] returns it.
func CountRows(done map[int][]bool) int {
	n := 0
	for _, reps := range done {
		for _, d := range reps {
			if d {
				n++
			}
		}
	}
	return n
}

// AppendSweepRows appends to f, sweep m's sweep.csv, the rows of point
// (numbered in the sweep, with its parameter cells) from its results res:
// one per replication, but those done marks as already in the file (done
// may be nil), calling row with each. The rows go in one write, then to
// disk, so that a stop leaves whole points or at worst one row cut short,
// which [OpenSweep] drops on --resume. It returns the number of rows
// written, and refuses results whose metrics are not m's columns (a
// sweep's points are all priced or none).
func AppendSweepRows(f *os.File, m *Sweep, point int, cells []string, res *sim.Results, done []bool, row func(rec []string)) (int, error) {
	metrics := res.AllMetrics()
	if !slices.EqualFunc(metrics, m.Metrics, func(a sim.Metric, b Measure) bool { return a.Name == b.Name }) {
		return 0, fmt.Errorf("point %d: its metrics are not sweep.csv's columns: a sweep's points are all priced or none (money.organisations)", point)
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	np := len(cells)
	rec := make([]string, 2+np+len(metrics))
	n := 0
	for rep := range m.Replications {
		if done != nil && done[rep] {
			continue
		}
		rec[0], rec[1] = strconv.Itoa(point), strconv.Itoa(rep)
		copy(rec[2:], cells)
		for k, x := range metrics {
			rec[2+np+k] = Cell(x.Values[rep])
		}
		cw.Write(rec)
		row(rec)
		n++
	}
	cw.Flush()
	if _, err := f.Write(buf.Bytes()); err != nil {
		return 0, err
	}
	return n, f.Sync()
}
