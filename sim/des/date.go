package des

import "fmt"

// Date is a day of the proleptic Gregorian calendar. Scenario dates become
// [Time] by [Date.Sub]; the kernel never uses time.Time.
type Date struct {
	Year  int
	Month int // 1 to 12
	Day   int // 1 to the length of the month
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Valid reports whether d names a real day.
func (d Date) Valid() bool {
	return d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= DaysIn(d.Year, d.Month)
}

// DaysIn returns the number of days in month m (1 to 12) of year y.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Epoch returns the number of days from 1970-01-01 to d, negative before.
// It uses Hinnant's days_from_civil algorithm
// (https://howardhinnant.github.io/date_algorithms.html), exact for every
// proleptic Gregorian date.
func (d Date) Epoch() int {
	y := d.Year
	if d.Month <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (d.Month + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// DateOfEpoch is the inverse of [Date.Epoch] (Hinnant's civil_from_days).
func DateOfEpoch(z int) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	month := mp + 3
	if month > 12 {
		month -= 12
	}
	year := yoe + era*400
	if month <= 2 {
		year++
	}
	return Date{Year: year, Month: month, Day: day}
}

// Sub returns the time from e to d in days: d − e.
func (d Date) Sub(e Date) Time { return Time(d.Epoch() - e.Epoch()) }

// AddDays returns the date n days after d.
func (d Date) AddDays(n int) Date { return DateOfEpoch(d.Epoch() + n) }

// Weekday returns the day of the week, 0 for Monday to 6 for Sunday
// (ISO 8601 order, less one).
func (d Date) Weekday() int {
	// 1970-01-01 was a Thursday (3).
	w := (d.Epoch() + 3) % 7
	if w < 0 {
		w += 7
	}
	return w
}

// FinancialYear returns the financial year (1 April to 31 March) that d
// falls in, named by the calendar year of its April: 2014 for both
// 2014-04-01 and 2015-03-31.
func (d Date) FinancialYear() int {
	if d.Month >= 4 {
		return d.Year
	}
	return d.Year - 1
}

// FinancialYearStart returns the first day of the financial year
// starting in April of y: 1 April y.
func FinancialYearStart(y int) Date { return Date{Year: y, Month: 4, Day: 1} }

// FinancialYearDays returns the number of days of the financial year
// starting in April of y: 366 when it holds a 29 February, else 365.
func FinancialYearDays(y int) int {
	return int(FinancialYearStart(y + 1).Sub(FinancialYearStart(y)))
}

// FinancialYearLabel names the financial year starting in April of y as
// the NHS writes it: "2014/15".
func FinancialYearLabel(y int) string { return fmt.Sprintf("%d/%02d", y, (y+1)%100) }
