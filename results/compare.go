package results

// CompareHeader is compare.csv's header.
var CompareHeader = []string{"metric", "unit", "scenario", "mean", "ci_low", "ci_high", "diff_mean", "diff_ci_low", "diff_ci_high"}

// Comparison is the layout of compare's summary.json, format version 1.
type Comparison struct {
	FormatVersion int             `json:"format_version"`
	First         string          `json:"first"` // differences are each scenario − this one
	Sets          []string        `json:"sets"`
	Manifests     []Manifest      `json:"manifests"`
	Metrics       []CompareMetric `json:"metrics"`
}

// CompareMetric is one metric of a comparison: its name, unit and
// meaning, and each scenario's result.
type CompareMetric struct {
	Name      string          `json:"name"`
	Unit      string          `json:"unit"`
	Doc       string          `json:"doc"`
	Scenarios []CompareResult `json:"scenarios"`
}

// CompareResult is one scenario's result in one metric of a
// comparison: its mean and confidence interval across replications, and
// its paired difference to the first scenario (NaN for the first).
type CompareResult struct {
	Scenario   string `json:"scenario"`
	Mean       Number `json:"mean"`
	SD         Number `json:"sd"`
	CILow      Number `json:"ci_low"`
	CIHigh     Number `json:"ci_high"`
	N          int    `json:"n"`
	DiffMean   Number `json:"diff_mean"`
	DiffSD     Number `json:"diff_sd"`
	DiffCILow  Number `json:"diff_ci_low"`
	DiffCIHigh Number `json:"diff_ci_high"`
	DiffN      int    `json:"diff_n"` // replications in which both measured it
}
