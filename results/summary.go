package results

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"caresim/internal/input"
	"caresim/scenarios"
	"caresim/sim"
	"caresim/sim/stats"
)

// SummaryFormat is the version of summary.json's layout. Raise it when a
// field changes meaning or goes; adding a field keeps it.
const SummaryFormat = 1

// Summary is the layout of summary.json, format version 1.
type Summary struct {
	FormatVersion  int       `json:"format_version"`
	Manifest       Manifest  `json:"manifest"`
	Metrics        []Metric  `json:"metrics"`
	DailyMeasures  []Measure `json:"daily_measures"`
	AnnualMeasures []Measure `json:"annual_measures"`
	// Calibration holds the baseline's calibration checks against this
	// run, when the scenario is the built-in baseline unchanged
	// (calibrationOf).
	Calibration []Check `json:"calibration,omitempty"`
	// LengthOfStay summarises each bed pool's lengths of stay, whose
	// histograms are in los.csv.
	LengthOfStay []LOSSummary `json:"length_of_stay"`
	// Backcast is the fit of the run to observed data, when it was set
	// beside an observed file (run --observed, backcast), whose points
	// are in backcast.csv.
	Backcast *BackcastSummary `json:"backcast,omitempty"`
}

// Measure is a measure as summary.json and sweep.json describe it: its
// name, unit and meaning.
type Measure = stats.Measure

// Manifest says what was run, how, and what came of it: summary.json's
// manifest, and each scenario's in a comparison's summary.json.
type Manifest struct {
	Version         string   `json:"caresim_version"`
	GoVersion       string   `json:"go_version"`
	Scenario        string   `json:"scenario"`
	Description     string   `json:"description"`
	Place           string   `json:"place"`
	Chain           []string `json:"chain"`
	Sets            []string `json:"sets"`
	Digest          string   `json:"digest"`
	Seed            uint64   `json:"seed"`
	Replications    int      `json:"replications"`
	Start           string   `json:"start"`
	Days            int      `json:"days"`
	FinancialYears  []string `json:"financial_years"`
	WarmUpDays      Number   `json:"warm_up_days"` // whole days simulated before start
	WarmUpAuto      bool     `json:"warm_up_auto"`
	ExcessAfterDays Number   `json:"excess_after_days"`
	Confidence      Number   `json:"confidence"`
	Events          int      `json:"events_simulated"`
	WallTimeSeconds Number   `json:"wall_time_seconds"`
	Warnings        []string `json:"warnings"`
	// Interventions are the scenario's interventions, in order, with
	// their start dates, which caresim plot marks on its charts, and what
	// they change, which the report lists.
	Interventions []Intervention `json:"interventions"`
	// Projection is the published projection of the system's gap that a
	// priced scenario names, drawn on its deficit chart; left out when
	// it names none.
	Projection *Projection `json:"projection,omitempty"`
}

// Intervention is one of a scenario's interventions as the manifest
// records it: when it starts, which file defines it, what it changes and
// what it costs.
type Intervention struct {
	Name         string   `json:"name"`
	Start        string   `json:"start"`
	Description  string   `json:"description"`
	From         string   `json:"from"` // the file that defines it
	RampDays     Number   `json:"ramp_days"`
	End          string   `json:"end,omitempty"`            // the last day in place; left out when it never ends
	RampDownDays Number   `json:"ramp_down_days,omitempty"` // left out when zero
	Changes      []Change `json:"changes"`
	SetupGBP     Number   `json:"setup_gbp"`
	RecurrentGBP Number   `json:"recurrent_gbp"`
	Payer        string   `json:"payer"`
}

// Change is an intervention's change to a parameter: set it to,
// scale it by or add the effect, in the model's units (days, per day,
// fractions, pounds).
type Change struct {
	Path    string `json:"path"`
	Op      string `json:"op"` // to, scale or add
	Low     Number `json:"low"`
	Central Number `json:"central"`
	High    Number `json:"high"`
	// Lag is the change's lag after the intervention's start, in days:
	// left out for a change without one.
	Lag *Lag `json:"lag_days,omitempty"`
}

// Lag is a change's lag in days, with its range.
type Lag struct {
	Low     Number `json:"low"`
	Central Number `json:"central"`
	High    Number `json:"high"`
}

// Metric is one metric of a run in summary.json: its mean, standard
// deviation and confidence interval across its N replications.
type Metric struct {
	Name   string `json:"name"`
	Unit   string `json:"unit"`
	Mean   Number `json:"mean"`
	SD     Number `json:"sd"`
	CILow  Number `json:"ci_low"`
	CIHigh Number `json:"ci_high"`
	N      int    `json:"n"`
	Doc    string `json:"doc"`
}

// NewManifest describes a finished run of l with overrides sets: what
// was run, how, and what came of it. wall is the only field that differs
// between runs with the same seed.
func NewManifest(l *scenarios.Loaded, sets []string, o sim.Options, res *sim.Results, wall time.Duration) Manifest {
	m := Manifest{
		Version:         Version(),
		GoVersion:       runtime.Version(),
		Scenario:        l.Name,
		Description:     l.Description,
		Place:           l.Place,
		Chain:           l.Chain,
		Sets:            append([]string{}, sets...),
		Digest:          l.Digest,
		Seed:            o.Seed,
		Replications:    len(res.Reps),
		Start:           l.Start.String(),
		Days:            res.Reps[0].Days,
		FinancialYears:  append([]string{}, res.Years...),
		WarmUpDays:      Number(res.Reps[0].WarmUp),
		WarmUpAuto:      res.WarmUpAuto,
		ExcessAfterDays: Number(o.ExcessAfter),
		Confidence:      stats.DefaultConfidence,
		WallTimeSeconds: Number(math.Round(wall.Seconds()*1000) / 1000),
		Warnings:        []string{},
		Interventions:   InterventionsOf(l),
	}
	if res.Money != nil {
		m.Projection = ProjectionOf(l.Money.Projection)
	}
	for _, rep := range res.Reps {
		m.Events += rep.Events
	}
	for _, e := range res.Warnings {
		m.Warnings = append(m.Warnings, e.Error())
	}
	return m
}

// Version returns caresim's version: the module version when built by go
// install or from a clone (a pseudo-version naming the commit), else
// "devel", with the commit when the build recorded one.
func Version() string {
	v := "devel"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	// Go 1.24 and later name a build from a clone with a pseudo-version
	// that holds the commit (v0.0.0-20261207183120-84676cf73275, with
	// +dirty for uncommitted changes); earlier ones say (devel).
	if short := rev[:min(12, len(rev))]; short != "" && !strings.Contains(v, short) {
		v += "+" + short + dirty
	}
	return v
}

// InterventionsOf describes l's interventions for the manifest: when
// each starts, which file defines it, and what it changes.
func InterventionsOf(l *scenarios.Loaded) []Intervention {
	out := []Intervention{}
	for i, iv := range l.Interventions {
		j := Intervention{
			Name: iv.Name, Start: iv.Start.String(), Description: strings.TrimSpace(iv.Description),
			From: l.Positions[fmt.Sprintf("interventions[%d]", i)].File, RampDays: Number(iv.Ramp),
			SetupGBP: Number(iv.Setup), RecurrentGBP: Number(iv.Recurrent), Payer: iv.Payer,
			Changes: []Change{},
		}
		if iv.End.Valid() {
			j.End, j.RampDownDays = iv.End.String(), Number(iv.RampDown)
		}
		for _, c := range iv.Changes {
			op, e := "to", c.To
			switch {
			case c.Scale != nil:
				op, e = "scale", c.Scale
			case c.Add != nil:
				op, e = "add", c.Add
			}
			cj := Change{Path: c.Path, Op: op}
			if e != nil {
				cj.Low, cj.Central, cj.High = Number(e.Low), Number(e.Central), Number(e.High)
			}
			if l := c.Lag; l != nil {
				cj.Lag = &Lag{Low: Number(l.Low), Central: Number(l.Central), High: Number(l.High)}
			}
			j.Changes = append(j.Changes, cj)
		}
		out = append(out, j)
	}
	return out
}

// Check is a calibration check as summary.json records it.
type Check struct {
	Case      string `json:"case"`
	Measure   string `json:"measure"`
	Expected  Number `json:"expected"`
	Simulated Number `json:"simulated"`
	CILow     Number `json:"ci_low"`
	CIHigh    Number `json:"ci_high"`
	N         int    `json:"replications"`
	Tolerance Number `json:"tolerance"` // relative: pass when |simulated − expected| <= tolerance·expected
	Pass      bool   `json:"pass"`
	Source    string `json:"source"`
}

// MaxJSONSize is the most a results folder's summary.json or sweep.json
// may hold when read back, in bytes: 16 MiB, hundreds of times what a run
// writes (a ten-year baseline's summary.json is about 30 kB).
const MaxJSONSize = 16 << 20

// MaxCSVSize is the most a results folder's CSV file may hold when read
// back, in bytes: 4 GiB, far above what the bounds on replications and
// days let a run or a sweep write.
const MaxCSVSize = 4 << 30

// openCSV opens a results folder's CSV file at path for reading: a
// regular file (never a device or a named pipe, which would be read for
// ever or block) of at most MaxCSVSize bytes.
func openCSV(path string) (io.Reader, io.Closer, error) {
	return input.Open(path, MaxCSVSize, "a results folder's "+filepath.Base(path))
}

// readCSVFile reads a results folder's CSV file at path whole, checked as
// openCSV checks it.
func readCSVFile(path string) ([]byte, error) {
	return input.ReadFile(path, MaxCSVSize, "a results folder's "+filepath.Base(path))
}

// readJSONFile reads a results folder's JSON file at path: a regular file
// of at most MaxJSONSize bytes.
func readJSONFile(path string) ([]byte, error) {
	return input.ReadFile(path, MaxJSONSize, "a results folder's "+filepath.Base(path))
}

// ReadSummary reads a run's summary.json in dir.
func ReadSummary(dir string) (*Summary, error) {
	path := filepath.Join(dir, "summary.json")
	b, err := readJSONFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s is not a run's results folder: %w", dir, err)
	}
	var s Summary
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if s.FormatVersion != SummaryFormat {
		return nil, fmt.Errorf("%s: format_version %d, want %d", path, s.FormatVersion, SummaryFormat)
	}
	return &s, nil
}
