package results

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"caresim/sim/stats"
)

// SweepFormat is the version of sweep.json's layout.
const SweepFormat = 1

// Sweep is the layout of sweep.json: what a sweep is, so that
// --resume and merge can tell that files belong together. It holds no
// times, so a merged sweep's is byte-identical to a one-machine one's.
type Sweep struct {
	FormatVersion int       `json:"format_version"`
	Version       string    `json:"caresim_version"`
	Scenario      string    `json:"scenario"`
	Description   string    `json:"description,omitempty"` // the base scenario's, for the report; absent before it was recorded
	Place         string    `json:"place,omitempty"`       // where the care system is, for titles; absent when the scenario names none
	Chain         []string  `json:"chain"`
	Digest        string    `json:"digest"` // the scenario's files and the overrides every point shares
	Sets          []string  `json:"sets"`
	Ranges        []string  `json:"ranges"`
	LHS           int       `json:"lhs"`
	Seed          uint64    `json:"seed"`
	Replications  int       `json:"replications"`
	Points        int       `json:"points"`
	Shard         string    `json:"shard"`
	Parameters    []Measure `json:"parameters"` // sweep.csv's parameter columns
	Metrics       []Measure `json:"metrics"`    // and its metric columns
}

// Header returns sweep.csv's header.
func (m *Sweep) Header() []string {
	h := []string{"point", "replication"}
	for _, p := range m.Parameters {
		h = append(h, p.Name)
	}
	for _, x := range m.Metrics {
		h = append(h, x.Name)
	}
	return h
}

// Differs returns the first field, other than the shard and the caresim
// version, in which m and o differ, or "".
func (m *Sweep) Differs(o *Sweep) string {
	a, b := *m, *o
	a.Shard, b.Shard, a.Version, b.Version = "", "", "", ""
	var ma, mb map[string]json.RawMessage
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	json.Unmarshal(ja, &ma)
	json.Unmarshal(jb, &mb)
	keys := make([]string, 0, len(ma))
	for k := range ma {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !bytes.Equal(ma[k], mb[k]) {
			return k
		}
	}
	return ""
}

// ReadSweep reads dir/sweep.json.
func ReadSweep(dir string) (*Sweep, error) {
	b, err := readJSONFile(filepath.Join(dir, "sweep.json"))
	if err != nil {
		return nil, err
	}
	var m Sweep
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "sweep.json"), err)
	}
	if m.FormatVersion != SweepFormat {
		return nil, fmt.Errorf("%s: format_version %d, want %d", filepath.Join(dir, "sweep.json"), m.FormatVersion, SweepFormat)
	}
	return &m, nil
}

// WriteSynced writes b to the file at path, opened with flag, and waits
// until it is on disk.
func WriteSynced(path string, flag int, b []byte) error {
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// DropTornRow cuts the file at path after its last newline, so that a
// row that a stop cut short goes, and returns the number of bytes
// dropped.
func DropTornRow(path string) (int64, error) {
	b, err := readCSVFile(path)
	if err != nil {
		return 0, err
	}
	end := bytes.LastIndexByte(b, '\n') + 1
	if end == len(b) {
		return 0, nil
	}
	return int64(len(b) - end), os.Truncate(path, int64(end))
}

// CheckRow checks a record of sweep m's sweep.csv, whose header has
// been checked: its point and replication are of the sweep, and each
// metric's cell is empty (a replication that measured nothing) or a
// number. The parameters' cells may be text (as given, for a parameter
// outside the care model). It returns the point and replication, or an
// error that names the column.
func (m *Sweep) CheckRow(rec []string) (point, rep int, err error) {
	point, rep, err = RowKey(rec)
	if err != nil {
		return 0, 0, err
	}
	if point >= m.Points || rep >= m.Replications {
		return 0, 0, fmt.Errorf("point %d replication %d is not in this sweep of %d points of %d replications (sweep.json)", point, rep, m.Points, m.Replications)
	}
	return point, rep, m.CheckMetrics(rec)
}

// CheckMetrics checks that each metric's cell of a record of sweep m's
// sweep.csv is empty (a replication that measured nothing) or a number,
// and names the column of the first that is not.
func (m *Sweep) CheckMetrics(rec []string) error {
	first := 2 + len(m.Parameters)
	for i, x := range m.Metrics {
		if _, err := ParseCell(rec[first+i], 64); err != nil {
			return fmt.Errorf("column %d (%s): %w", first+i+1, x.Name, err)
		}
	}
	return nil
}

// RowKey returns a row's point and replication.
func RowKey(rec []string) (point, rep int, err error) {
	point, err1 := strconv.Atoi(rec[0])
	rep, err2 := strconv.Atoi(rec[1])
	if err := errors.Join(err1, err2); err != nil || point < 0 || rep < 0 {
		return 0, 0, fmt.Errorf("bad point %q or replication %q", rec[0], rec[1])
	}
	return point, rep, nil
}

// SweepData is what a sweep's charts are drawn from: its sweep.json, and
// sweep.csv's header and rows (a row per point and replication, in
// point order).
type SweepData struct {
	Man    *Sweep
	Header []string
	Rows   [][]string
}

// ReadSweepCSV reads every record of dir/sweep.csv, its header first,
// whole or in part (a shard's, or a sweep stopped early).
func ReadSweepCSV(dir string) ([][]string, error) {
	path := filepath.Join(dir, "sweep.csv")
	f, c, err := openCSV(path)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return recs, nil
}

// ReadSweepData reads dir's sweep.json and sweep.csv, which must hold the
// whole sweep: every row of every point, each once ([Sweep.CheckRow]),
// with the same parameters in each row of a point.
func ReadSweepData(dir string) (SweepData, error) {
	if err := CheckFolder(dir); err != nil {
		return SweepData{}, err
	}
	m, err := ReadSweep(dir)
	if err != nil {
		return SweepData{}, fmt.Errorf("%s is not a sweep's folder: %w", dir, err)
	}
	path := filepath.Join(dir, "sweep.csv")
	recs, err := ReadSweepCSV(dir)
	if err != nil {
		return SweepData{}, err
	}
	if len(recs) == 0 || !slices.Equal(recs[0], m.Header()) {
		return SweepData{}, fmt.Errorf("%s:1: the columns differ from its sweep.json's", path)
	}
	if m.Shard != "1/1" || len(recs)-1 != m.Points*m.Replications {
		return SweepData{}, fmt.Errorf("%s holds %d of the sweep's %d rows (shard %s): chart a whole sweep, after caresim merge or --resume", path, len(recs)-1, m.Points*m.Replications, m.Shard)
	}
	rows := recs[1:]
	at := map[[2]int]int{}       // the line of each point and replication
	params := map[int][]string{} // each point's parameter cells
	np := len(m.Parameters)
	for i, r := range rows {
		line := i + 2
		point, rep, err := m.CheckRow(r)
		if err != nil {
			return SweepData{}, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if first, ok := at[[2]int{point, rep}]; ok {
			return SweepData{}, fmt.Errorf("%s:%d: point %d replication %d is there twice, at line %d too: caresim sweep --resume repairs a sweep whose rows are there twice", path, line, point, rep, first)
		}
		at[[2]int{point, rep}] = line
		if p, ok := params[point]; ok && !slices.Equal(p, r[2:2+np]) {
			return SweepData{}, fmt.Errorf("%s:%d: point %d has %s = %s here, but %s in its other rows", path, line, point, strings.Join(m.Header()[2:2+np], ", "), strings.Join(r[2:2+np], ", "), strings.Join(p, ", "))
		}
		params[point] = r[2 : 2+np]
	}
	// A resumed sweep appends a point's missing replications after
	// other points: put the rows in order, as merge does.
	slices.SortStableFunc(rows, func(a, b []string) int {
		pa, ra, _ := RowKey(a)
		pb, rb, _ := RowKey(b)
		return cmp.Or(cmp.Compare(pa, pb), cmp.Compare(ra, rb))
	})
	return SweepData{Man: m, Header: recs[0], Rows: rows}, nil
}

// SweepPoint is one point of a sweep, read back: its parameters' cells
// and numbers (NaN where a cell is not a number), and its rows.
type SweepPoint struct {
	Cells []string
	Nums  []float64
	Rows  [][]string
}

// Values returns the point's replications' values in column col, those
// measured.
func (p *SweepPoint) Values(col int) []float64 {
	var out []float64
	for _, r := range p.Rows {
		if x, err := strconv.ParseFloat(r[col], 64); err == nil && !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	return out
}

// Mean returns the mean of the point's values in column col, NaN when
// none was measured.
func (p *SweepPoint) Mean(col int) float64 {
	return stats.Summarize(p.Values(col), 0).Mean
}

// Points groups d's rows by point, in point order.
func (d SweepData) Points() []*SweepPoint {
	np := len(d.Man.Parameters)
	var out []*SweepPoint
	last := ""
	for _, r := range d.Rows {
		if r[0] != last || len(out) == 0 {
			p := &SweepPoint{Cells: r[2 : 2+np]}
			for _, c := range p.Cells {
				x, err := strconv.ParseFloat(c, 64)
				if err != nil {
					x = math.NaN()
				}
				p.Nums = append(p.Nums, x)
			}
			out = append(out, p)
			last = r[0]
		}
		out[len(out)-1].Rows = append(out[len(out)-1].Rows, r)
	}
	return out
}

// Where says where the sweep's base scenario is, for titles, as a run's
// charts say it ([PlaceOf]); a sweep.json written before the description
// and place were recorded gives the scenario's name.
func (m *Sweep) Where() string {
	return PlaceOf(m.Place, m.Scenario)
}
