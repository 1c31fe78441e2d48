package results

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadLOS feeds arbitrary text as los.csv to caresim plot's reader:
// it must never panic, an error must name the file, and what it accepts
// holds, for each pool in summary.json, bins that follow one another
// from day 0.
func FuzzReadLOS(f *testing.F) {
	header := strings.Join(LOSHeader, ",") + "\n"
	for _, s := range []string{
		header + "b,acute,0,0.25,3,0.5,0.5\nb,acute,0.25,0.5,3,0.5,1\n",
		header + "b,acute,0.5,0.75,3,1,1\n",
		header + "b,intermediate_care,0,0.25,x,1,1\n",
		header + "b,acute,0,0.25\n",
		"scenario,pool\n",
		"",
	} {
		f.Add(s)
	}
	summaries := []LOSSummary{{Pool: "acute", BinDays: 0.25}, {Pool: "intermediate_care", BinDays: 0.25}}
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "los.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		los, err := ReadLOS(path, summaries)
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, d := range los {
			if d == nil || d.BinWidth != 0.25 {
				t.Fatalf("pool %+v, want each summary's pool with its bin width", d)
			}
		}
	})
}
