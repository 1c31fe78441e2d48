package observed_test

import (
	"fmt"

	"caresim/validation/observed"
)

// ExampleParse reads an observed file whose second and third rows are
// wrong: every problem is reported with its line and column, and no row
// is skipped. Put right, the file reads as its rows.
func ExampleParse() {
	bad := `period,measure,value,unit,source
2014-04,ae_departures,11463,patients,NHS England A&E attendances
2014/16,ae_departures,140000,patients,NHS England A&E attendances
2014/15,nel_admissions,37500,admissions,Hospital Episode Statistics
`
	if _, err := observed.Parse("mine.csv", []byte(bad)); err != nil {
		fmt.Println(err)
	}
	good := `period,measure,value,unit,source
2014-04,ae_departures,11463,patients,NHS England A&E attendances
2014/15,nel_admissions,37500,spells,Hospital Episode Statistics
`
	set, err := observed.Parse("mine.csv", []byte(good))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range set.Rows {
		fmt.Println(r.Period, r.Measure, r.Value, r.Unit)
	}
	// Output:
	// mine.csv:3:1: period: "2014/16": 2014/16 is not a financial year: 2014/15 runs from April 2014 to March 2015
	// mine.csv:4:30: unit: "admissions" is not nel_admissions's unit, "spells" (in a financial year)
	// 2014-04 ae_departures 11463 patients
	// 2014/15 nel_admissions 37500 spells
}
