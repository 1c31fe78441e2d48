package results

import (
	"caresim/sim"
	"caresim/sim/care"
	"caresim/sim/finance"
)

// AnnualRow is one row of the mean across replications of annual.csv: a financial year's measure
// of the care model (Organisation empty) or a line of an organisation's
// accounts, its mean across replications and confidence interval, NaN
// where nothing was measured.
type AnnualRow struct {
	Year, Organisation, Measure, Unit string
	Mean, Lo, Hi                      float64
}

// AnnualRowsOf returns the rows of the means of the annual.csv of a run with
// results res, in the file's order, with the numbers it holds (it writes
// each as the shortest decimal that reads back exactly, so
// [ReadAnnualRows] of the file gives the same rows, but for infinities,
// which it writes as empty cells, read back as NaN).
func AnnualRowsOf(res *sim.Results) []AnnualRow {
	var out []AnnualRow
	money := res.Money
	for y, fy := range res.Years {
		for k, m := range care.AnnualMeasures {
			s := res.Annual[y][k]
			out = append(out, AnnualRow{Year: fy, Measure: m.Name, Unit: m.Unit, Mean: s.Mean, Lo: s.Lo(), Hi: s.Hi()})
		}
		if money == nil {
			continue
		}
		for _, b := range sim.MoneyBodies {
			for k, m := range finance.Measures {
				s := money.Annual[y][b][k]
				out = append(out, AnnualRow{Year: fy, Organisation: finance.BodyNames[b], Measure: m.Name, Unit: m.Unit, Mean: s.Mean, Lo: s.Lo(), Hi: s.Hi()})
			}
		}
	}
	return out
}

// ReadAnnualRows reads the rows of the means of the annual.csv at path, in
// order. Its caller checks the file against summary.json ([ReadRun]).
func ReadAnnualRows(path string) ([]AnnualRow, error) {
	var out []AnnualRow
	err := LongRows(path, []string{"financial_year", "organisation", "measure", "unit", "value", "ci_low", "ci_high"}, func(cell func(string) string) error {
		row := AnnualRow{Year: cell("financial_year"), Organisation: cell("organisation"), Measure: cell("measure"), Unit: cell("unit")}
		for _, c := range []struct {
			col string
			x   *float64
		}{{"value", &row.Mean}, {"ci_low", &row.Lo}, {"ci_high", &row.Hi}} {
			x, err := ParseCell(cell(c.col), 64)
			if err != nil {
				return &CellError{c.col, err}
			}
			*c.x = x
		}
		out = append(out, row)
		return nil
	})
	return out, err
}
