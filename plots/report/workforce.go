package report

import (
	"fmt"
	"math"

	"caresim/results"
	"caresim/sim/care"
)

// workforceView is a run's workforce section: the staff by role in the
// first and the last financial year, and the planned units closed for
// want of staff.
type workforceView struct {
	Lead  string
	Staff reportTable
	Note  string
}

// workforceNote follows the workforce table.
const workforceNote = "Whole-time equivalents, each year's mean over its days, averaged over the replications. Needed is the " +
	"establishment of the planned capacity (services.*.staff × units); vacant is needed less in post; bank and agency staff " +
	"cover the share workforce.*.agency_cover of the vacancies of the units open, at the premium of money.workforce, which " +
	"the accounts count in the capacity costs. Closed units are planned units whose staff were not there (workforce.close)."

// workforceSection returns the workforce section of run d, or nil when its
// scenario counts no staff (or the folder predates the workforce).
func workforceSection(d results.RunData) *workforceView {
	if len(d.Annual) == 0 || len(d.Years) == 0 {
		return nil
	}
	at := func(y int, name string) float64 {
		k := care.AnnualIndex(name)
		if k < 0 || y >= len(d.Annual) {
			return math.NaN()
		}
		return d.Annual[y][k]
	}
	first, last := 0, min(len(d.Years), len(d.Annual))-1
	years := []int{first}
	if last != first {
		years = append(years, last)
	}
	// One row a role and year, so that the table fits an A4 page's width
	// in print, however many years the run has.
	t := reportTable{Class: "workforce", Header: []reportCell{{Text: "Role"}, {Text: "Year"},
		{Text: "Needed", Num: true}, {Text: "In post", Num: true}, {Text: "Vacant", Num: true}, {Text: "Agency", Num: true}}}
	for r, role := range care.RoleNames {
		if !(at(first, "wte_needed_"+role) > 0 || at(last, "wte_needed_"+role) > 0) {
			continue
		}
		for _, y := range years {
			row := reportRow{Cells: []reportCell{{Text: care.RoleTitles[r]}, {Text: d.Years[y]}}}
			for _, m := range []string{"wte_needed_", "wte_in_post_", "wte_vacant_", "wte_agency_"} {
				row.Cells = append(row.Cells, reportCell{Text: reportNumber(at(y, m+role)), Num: true})
			}
			t.Rows = append(t.Rows, row)
		}
	}
	if len(t.Rows) == 0 {
		return nil
	}
	group := true
	for _, m := range care.AnnualMeasures {
		const suffix = "_units_unstaffed"
		if len(m.Name) <= len(suffix) || m.Name[len(m.Name)-len(suffix):] != suffix {
			continue
		}
		if !(at(first, m.Name) > 0 || at(last, m.Name) > 0) {
			continue
		}
		for _, y := range years {
			t.Rows = append(t.Rows, reportRow{Group: group, Cells: []reportCell{{Text: "Units closed for want of staff", Note: m.Name},
				{Text: d.Years[y]}, {}, {}, {}, {Text: reportNumber(at(y, m.Name)), Num: true}}})
			group = false
		}
	}
	return &workforceView{
		Lead: fmt.Sprintf("The staff the services need for their planned capacity, the staff in post, the vacancies and the bank "+
			"and agency staff covering them, by role, in %s and %s.", d.Years[first], d.Years[last]),
		Staff: t, Note: workforceNote,
	}
}
