package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMergeGolden pins merge's report and its errors. The shards are
// made first in the folder OUT stands for: s1 and s2 are the halves of a
// grid on the M/M/c queue, torn is s2 with its last row cut short, short
// is s2 without its last point, and other is the second half of the same
// grid from another seed.
func TestMergeGolden(t *testing.T) {
	clearShardEnv(t)
	base := t.TempDir()
	grid := func(dir string, extra ...string) {
		t.Helper()
		args := append([]string{"sweep", "--quiet", "--reps", "2", "--set", "horizon=20d", "--set", "warm_up.length=1d",
			"--set", "services.ed.cubicles=10,11,12", "--out", filepath.Join(base, dir)}, append(extra, "textbook-mmc")...)
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("caresim %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
	}
	grid("s1", "--shard", "1/2")
	grid("s2", "--shard", "2/2")
	grid("other", "--shard", "2/2", "--seed", "2")
	copyShard := func(to string, cut func([]byte) []byte) {
		t.Helper()
		os.MkdirAll(filepath.Join(base, to), 0o755)
		for _, name := range []string{"sweep.json", "sweep.csv"} {
			b, err := os.ReadFile(filepath.Join(base, "s2", name))
			if err != nil {
				t.Fatal(err)
			}
			if name == "sweep.csv" {
				b = cut(b)
			}
			os.WriteFile(filepath.Join(base, to, name), b, 0o644)
		}
	}
	copyShard("torn", func(b []byte) []byte { return b[:len(b)-5] })
	copyShard("short", func(b []byte) []byte { return b[:bytes.LastIndexByte(b[:len(b)-1], '\n')+1] })

	cases := []struct {
		name string
		args []string
		code int
	}{
		{"merge", []string{"merge", "--out", "OUT/merged", "OUT/s2", "OUT/s1"}, 0},
		{"merge-missing", []string{"merge", "--out", "OUT/merged", "OUT/s1"}, 1},
		{"merge-short", []string{"merge", "--out", "OUT/merged", "OUT/s1", "OUT/short"}, 1},
		{"merge-torn", []string{"merge", "--out", "OUT/merged", "OUT/s1", "OUT/torn"}, 1},
		{"merge-twice", []string{"merge", "--out", "OUT/merged", "OUT/s1", "OUT/s2", "OUT/torn"}, 1},
		{"merge-other", []string{"merge", "--out", "OUT/merged", "OUT/s1", "OUT/other"}, 1},
		{"merge-no-shard", []string{"merge", "--out", "OUT/merged", "OUT/s1", "OUT/none"}, 1},
		{"merge-no-out", []string{"merge", "OUT/s1", "OUT/s2"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			os.RemoveAll(filepath.Join(base, "merged"))
			checkGoldenIn(t, base, c.name, c.args, c.code)
			if _, err := os.Stat(filepath.Join(base, "merged")); (err == nil) != (c.code == 0) {
				t.Errorf("exit %d, but the merged folder exists: %v", c.code, err == nil)
			}
		})
	}
}

// TestMergeBadRows expects a row that a folder holds twice, a row in
// another shard's folder, a metric's cell that is not a number and a row
// of a point with other parameters than its other rows to be named with
// the folder and line.
func TestMergeBadRows(t *testing.T) {
	clearShardEnv(t)
	base := t.TempDir()
	for k, dir := range []string{"a", "b"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"sweep", "--quiet", "--reps", "2", "--set", "horizon=10d", "--set", "services.ed.cubicles=10,11",
			"--shard", []string{"1/2", "2/2"}[k], "--out", filepath.Join(base, dir), "textbook-mmc"}, &stdout, &stderr); code != 0 {
			t.Fatal(stderr.String())
		}
	}
	a, _ := os.ReadFile(filepath.Join(base, "a", "sweep.csv"))
	b, _ := os.ReadFile(filepath.Join(base, "b", "sweep.csv"))
	aRow := a[bytes.IndexByte(a, '\n')+1:]
	for _, c := range []struct {
		name, a, b, want string
	}{
		{"twice", string(a) + string(aRow), string(b), "shard BASE/a: sweep.csv:4: point 0 replication 0 is also in BASE/a"},
		{"another shard's", string(a), string(b) + string(aRow), "shard BASE/b (2/2): sweep.csv:4: point 0 replication 0 does not belong to it"},
		{"not a number", strings.Join(setCell(3, 4, "NaN")(strings.Split(string(a), "\n")), "\n"), string(b), `shard BASE/a: sweep.csv:3: column 4 (ed_attendances_per_year): "NaN" is not a number (an empty cell is one not measured)`},
		{"another point's parameters", strings.Replace(string(a), "\n0,1,10,", "\n0,1,11,", 1), string(b), "shard BASE/a: sweep.csv:3: point 0 has 11 here, but 10 in its other rows"},
	} {
		t.Run(c.name, func(t *testing.T) {
			os.WriteFile(filepath.Join(base, "a", "sweep.csv"), []byte(c.a), 0o644)
			os.WriteFile(filepath.Join(base, "b", "sweep.csv"), []byte(c.b), 0o644)
			var stdout, stderr bytes.Buffer
			code := run([]string{"merge", "--out", filepath.Join(base, "m"), filepath.Join(base, "a"), filepath.Join(base, "b")}, &stdout, &stderr)
			want := "caresim: " + strings.ReplaceAll(c.want, "BASE", base) + "\n"
			if code != 1 || stderr.String() != want {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), want)
			}
		})
	}
}
