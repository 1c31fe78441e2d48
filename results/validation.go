package results

import (
	"encoding/csv"
	"errors"
	"os"
)

// ValidationCheck is one row of the validation.csv that caresim validate
// writes: the case, the measure, the expected and simulated values as
// written, and whether the check passed.
type ValidationCheck struct {
	Case, Measure, Expected, Simulated string
	Pass                               bool
}

// ReadValidation reads the checks of the validation.csv at path. A file
// without a pass column is not one.
func ReadValidation(path string) ([]ValidationCheck, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if _, ok := col["pass"]; !ok {
		return nil, errors.New(path + ": no pass column: not caresim validate's validation.csv")
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	var out []ValidationCheck
	for _, row := range rows[1:] {
		out = append(out, ValidationCheck{Case: get(row, "case"), Measure: get(row, "measure"),
			Expected: get(row, "expected"), Simulated: get(row, "simulated"), Pass: get(row, "pass") == "yes"})
	}
	return out, nil
}
