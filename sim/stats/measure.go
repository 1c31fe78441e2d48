package stats

// Measure names one output of a simulation, with its unit and what it
// counts: a daily or annual measure or a metric of the care model, a line
// of the accounts. The model's packages define their measures with it,
// and every output (CSV headers, summary.json, tables, charts, the board
// report) takes the names, units and meanings from there. The JSON names
// are those of summary.json and sweep.json.
type Measure struct {
	Name string `json:"name"` // snake_case, with the unit in the name where it is not a count
	Unit string `json:"unit"` // "patients", "beds", "days", "fraction", "per year", "£", ...
	Doc  string `json:"doc"`  // one sentence: what is counted and how
}
