// Package observed reads what a care system actually did, as published
// figures, and sets a run beside it: the backcast.
//
// # The observed file
//
// An observed file is tidy CSV, one value a row, with the columns period,
// measure, value, unit and source, and optionally note:
//
//	period,measure,value,unit,source,note
//	2014-04,ae_departures,11463,patients,NHS England A&E Attendances and Emergency Admissions,all types
//	2014/15,ed_4h_performance,0.9329,fraction,NHS England A&E Attendances and Emergency Admissions,
//
// A period is a financial year (2014/15, April to March) or a month
// (2014-04). A measure is one that caresim measures over such a period
// ([Measure], [Measures]): for a financial year, an annual measure of
// annual.csv, a daily measure of daily.csv over the year, the 4-hour
// performance and bed occupancies, or a line of the accounts; for a
// month, a daily measure or one of those ratios. Its unit must be the
// measure's, as caresim writes it. [Read] and [Parse] check every row and
// return every problem, each with its file, line, column and field,
// rather than skip a row: an unknown measure (with the nearest name), a
// unit that is not the measure's, a malformed period, a value out of
// range, an empty source, a measure given twice for the same period.
//
// # The backcast
//
// [Backcast] computes each observed value's period in each replication of
// a run, their mean and 95% prediction band ([Band]), and for each
// observed series (a measure by financial year or by month) the bias, the
// mean absolute percentage error and the share of observed values inside
// their band ([Fits]). A period the run did not simulate whole, before its
// start or after its end, is kept and said to be outside the run, never
// dropped.
//
// The package does not run simulations, write files or draw charts:
// package sim runs, package results writes backcast.csv and summary.json,
// and package plots draws a chart per series.
package observed
