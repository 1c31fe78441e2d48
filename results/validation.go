package results

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
	var out []ValidationCheck
	err := NamedRows(path, "pass", func(cell func(string) string) error {
		out = append(out, ValidationCheck{Case: cell("case"), Measure: cell("measure"),
			Expected: cell("expected"), Simulated: cell("simulated"), Pass: cell("pass") == "yes"})
		return nil
	})
	return out, err
}
