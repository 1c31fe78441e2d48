package sim

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"slices"
)

// dailyInMemory is the most bytes of daily values a run holds in memory:
// 64 MiB, about 110 replications of the baseline's ten years (40
// measures, 3,653 days, 4 bytes each). Beyond it they go to a temporary
// file and are read back a block of days at a time, so that a run's
// memory does not grow with its replications: 1,000 replications of ten
// years are 580 MB of daily values. dailyBlock is the most bytes of daily
// values read back from the file at once (see [dailyValues.block]).
// They are variables so that tests can lower them.
var dailyInMemory, dailyBlock = 64 << 20, 8 << 20

// dailyValues holds each replication's value of each daily measure on each
// day, 4 bytes each (float32), from which a run's bands are drawn: the
// mean and percentiles of each day's values across replications ([Band]).
// Replications put their values from several goroutines at once, each its
// own; the bands are read once all are in, a block of days at a time.
//
// In memory the values are laid out day by day, measure by measure,
// replication by replication, so that a block is a slice of them. In the
// file, each replication's values are one record, day by day and measure
// by measure, written at once when it ends; a block is read from each
// record and laid out as in memory.
type dailyValues struct {
	reps, days, measures int

	mem []float32 // the values in memory, or nil

	file     *os.File // the values' file, or nil
	removed  bool     // the file's name is removed (on Unix, as soon as it is open)
	blockMax int      // the most bytes read from the file at once
	buf      []float32
	raw      []byte
}

// newDailyValues makes room for reps replications of days days of
// measures daily measures: in memory up to inMemory bytes, else in a
// temporary file, unless none can be made (in memory then).
func newDailyValues(reps, days, measures, inMemory int) *dailyValues {
	v := &dailyValues{reps: reps, days: days, measures: measures, blockMax: dailyBlock}
	if n := reps * days * measures; n*4 <= inMemory {
		v.mem = make([]float32, n)
		return v
	}
	f, err := os.CreateTemp("", "caresim-daily-*")
	if err != nil {
		v.mem = make([]float32, reps*days*measures)
		return v
	}
	v.file = f
	// An open file whose name is removed lives until it is closed, and
	// leaves nothing behind if the process dies; where a name cannot be
	// removed while open (Windows), close removes it.
	v.removed = os.Remove(f.Name()) == nil
	return v
}

// put stores replication rep's values, daily[k][d] its value of measure k
// on day d. It may be called from several goroutines at once, for
// different replications.
func (v *dailyValues) put(rep int, daily [][]float64) error {
	if v.mem != nil {
		for k, series := range daily {
			for d, x := range series {
				v.mem[(d*v.measures+k)*v.reps+rep] = float32(x)
			}
		}
		return nil
	}
	rec := make([]byte, v.days*v.measures*4)
	for k, series := range daily {
		for d, x := range series {
			binary.LittleEndian.PutUint32(rec[(d*v.measures+k)*4:], math.Float32bits(float32(x)))
		}
	}
	if _, err := v.file.WriteAt(rec, v.offset(rep, 0)); err != nil {
		return fmt.Errorf("daily values: %w", err)
	}
	return nil
}

// offset is where replication rep's values of day d start in the file.
func (v *dailyValues) offset(rep, d int) int64 {
	return (int64(rep)*int64(v.days) + int64(d)) * int64(v.measures) * 4
}

// blockDays is the number of days of a block: all of them in memory; in a
// file, as many as [dailyBlock] bytes hold (at least one).
func (v *dailyValues) blockDays() int {
	if v.mem != nil {
		return max(1, v.days)
	}
	return max(1, v.blockMax/(4*v.measures*v.reps))
}

// block returns the values of days d0 to d1−1: the value of replication
// rep on day d of measure k is at ((d−d0)·measures + k)·reps + rep. The
// slice is valid until the next call.
func (v *dailyValues) block(d0, d1 int) ([]float32, error) {
	n := v.measures * v.reps
	if v.mem != nil {
		return v.mem[d0*n : d1*n], nil
	}
	per := (d1 - d0) * v.measures // values of a replication in the block
	v.raw = slices.Grow(v.raw[:0], per*4)[:per*4]
	v.buf = slices.Grow(v.buf[:0], per*v.reps)[:per*v.reps]
	for rep := range v.reps {
		if _, err := v.file.ReadAt(v.raw, v.offset(rep, d0)); err != nil {
			return nil, fmt.Errorf("daily values: %w", err)
		}
		for j := range per { // j = (d−d0)·measures + k
			v.buf[j*v.reps+rep] = math.Float32frombits(binary.LittleEndian.Uint32(v.raw[j*4:]))
		}
	}
	return v.buf, nil
}

// close releases the file, if any, and removes it.
func (v *dailyValues) close() {
	if v.file == nil {
		return
	}
	v.file.Close()
	if !v.removed {
		os.Remove(v.file.Name())
	}
	v.file = nil
}
