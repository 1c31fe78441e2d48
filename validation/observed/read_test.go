package observed

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caresim/internal/golden"
	"caresim/internal/input"
)

// TestReadErrors reads each malformed file of testdata and compares every
// problem reported, with its position, with the file's golden .errors.
func TestReadErrors(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"bad-rows", "bad-header", "bad-quote", "header-only", "empty"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join("testdata", name+".csv")
			set, err := Read(path)
			if err == nil {
				t.Fatalf("Read(%s) = %d rows, want an error", path, len(set.Rows))
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Read(%s): %v is not an ErrorList", path, err)
			}
			golden.Check(t, filepath.Join("testdata", name+".errors"), err.Error()+"\n")
		})
	}
}

// TestReadGood reads a well-formed file written as a spreadsheet saves
// CSV (a byte order mark, CRLF line ends, a quoted source with a comma)
// and checks every field of every row.
func TestReadGood(t *testing.T) {
	t.Parallel()
	set, err := Read(filepath.Join("testdata", "good.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Line: 2, Period: Period{2014, 4}, Measure: "ae_departures", Value: 11463, Unit: "patients", Source: "NHS England A&E statistics"},
		{Line: 3, Period: Period{Year: 2014}, Measure: "ed_4h_performance", Value: 0.9329, Unit: "fraction", Source: "NHS England A&E statistics"},
		{Line: 4, Period: Period{Year: 2014}, Measure: "deficit_gbp_acute", Value: -23.5e6, Unit: "£", Source: "trust accounts"},
		{Line: 5, Period: Period{2014, 4}, Measure: "acute_delayed_mean", Value: 27.1, Unit: "patients", Source: "NHS England delayed transfers of care, 813 delayed days in the 30 days of April"},
	}
	if len(set.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(set.Rows), len(want))
	}
	for i, r := range set.Rows {
		if r != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, r, want[i])
		}
	}
	if len(set.Digest) != 64 {
		t.Errorf("digest %q is not a SHA-256 in hex", set.Digest)
	}
}

// TestReadNotRegular checks that Read refuses what is not a regular file,
// as every reader of user files does (internal/input), and a file over
// MaxSize without reading it all.
func TestReadNotRegular(t *testing.T) {
	t.Parallel()
	if _, err := Read(t.TempDir()); !errors.Is(err, input.ErrNotRegular) {
		t.Errorf("Read(a directory) = %v, want ErrNotRegular", err)
	}
	big := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(big, bytes.Repeat([]byte("x"), MaxSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(big); !errors.Is(err, input.ErrTooLarge) || !strings.Contains(err.Error(), "16 MiB") {
		t.Errorf("Read(a file over 16 MiB) = %v, want ErrTooLarge naming the limit", err)
	}
}

// TestWriteReadsBack writes rows and parses them back.
func TestWriteReadsBack(t *testing.T) {
	t.Parallel()
	set, err := Read(filepath.Join("testdata", "good.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, set.Rows); err != nil {
		t.Fatal(err)
	}
	again, err := Parse("written", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i := range set.Rows {
		if again.Rows[i] != set.Rows[i] {
			t.Errorf("row %d read back as %+v, want %+v", i, again.Rows[i], set.Rows[i])
		}
	}
}
