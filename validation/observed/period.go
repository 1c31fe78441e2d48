package observed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"caresim/sim/des"
)

// Period is the time an observed value covers: a financial year (April to
// March), written 2014/15, or a calendar month, written 2014-04. Its zero
// value is no period.
type Period struct {
	// Year is the calendar year in which the financial year starts
	// (2014 for 2014/15), or the month's year.
	Year int
	// Month is the month, 1 to 12, or 0 for a financial year.
	Month int
}

// The years a period may lie in: wide enough for any system's history and
// plans, narrow enough that a typing slip (20144/15, 1014-04) is caught.
const (
	MinYear = 1948 // the NHS began on 5 July 1948
	MaxYear = 2199
)

// Monthly reports whether p is a month rather than a financial year.
func (p Period) Monthly() bool { return p.Month != 0 }

// String writes p as ParsePeriod reads it: 2014/15 or 2014-04.
func (p Period) String() string {
	if p.Monthly() {
		return fmt.Sprintf("%04d-%02d", p.Year, p.Month)
	}
	return des.FinancialYearLabel(p.Year)
}

// Start is p's first day.
func (p Period) Start() des.Date {
	if p.Monthly() {
		return des.Date{Year: p.Year, Month: p.Month, Day: 1}
	}
	return des.FinancialYearStart(p.Year)
}

// Days is the number of days in p.
func (p Period) Days() int {
	if p.Monthly() {
		return des.DaysIn(p.Year, p.Month)
	}
	return des.FinancialYearDays(p.Year)
}

// errPeriodForm is the message for text that is neither form.
var errPeriodForm = errors.New("a period is a financial year such as 2014/15 or a month such as 2014-04")

// ParsePeriod reads a financial year, 2014/15 (the second year in two
// digits, the year after the first), or a month, 2014-04 (the month in two
// digits), in the years MinYear to MaxYear. Its errors say what was
// expected:
//
//	"2014/16": 2014/16 is not a financial year: 2014/15 runs from April 2014 to March 2015
//	"2014-4": write the month in two digits: 2014-04
func ParsePeriod(s string) (Period, error) {
	if y, next, ok := strings.Cut(s, "/"); ok {
		year, err := yearOf(y)
		if err != nil {
			return Period{}, err
		}
		if len(next) != 2 || !digits(next) {
			return Period{}, fmt.Errorf("write a financial year's second year in two digits: %s", des.FinancialYearLabel(year))
		}
		if n, _ := strconv.Atoi(next); n != (year+1)%100 {
			return Period{}, fmt.Errorf("%s is not a financial year: %s runs from April %d to March %d", s, des.FinancialYearLabel(year), year, year+1)
		}
		return Period{Year: year}, nil
	}
	if y, m, ok := strings.Cut(s, "-"); ok {
		year, err := yearOf(y)
		if err != nil {
			return Period{}, err
		}
		if !digits(m) || m == "" {
			return Period{}, errPeriodForm
		}
		month, _ := strconv.Atoi(m)
		if len(m) > 2 || month < 1 || month > 12 {
			return Period{}, fmt.Errorf("%s has no month %s: months are 01 to 12", y, m)
		}
		if len(m) != 2 {
			return Period{}, fmt.Errorf("write the month in two digits: %04d-%02d", year, month)
		}
		return Period{Year: year, Month: month}, nil
	}
	return Period{}, errPeriodForm
}

// yearOf reads a period's first year: four digits within MinYear to
// MaxYear.
func yearOf(s string) (int, error) {
	if len(s) != 4 || !digits(s) {
		return 0, errPeriodForm
	}
	y, _ := strconv.Atoi(s)
	if y < MinYear || y > MaxYear {
		return 0, fmt.Errorf("year %d is outside %d to %d", y, MinYear, MaxYear)
	}
	return y, nil
}

// digits reports whether s is ASCII digits only.
func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
