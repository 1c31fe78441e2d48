// Package report writes the board report, report.html: one page, for
// people who did not build the model, of what caresim run, compare and
// sweep found, drawn from what their results folders hold.
//
// [WriteRun], [WriteCompare] and [WriteSweep] each write a report of the
// same sections, each with a stable id: the headline table (headline),
// the charts inlined as SVG (charts), what each scenario changes
// (changes), whether the results were checked against the calibration
// targets and the engine against queueing theory (validation), and the
// manifest of versions, files, seeds and overrides (manifest). A report
// is self-contained: its style is embedded and it loads nothing, not even
// a font, so that it opens offline and prints on A4 the same anywhere.
// The same folder gives the same report, byte for byte: the wall time is
// left out, and caresim plot, re-drawing a folder, writes the report
// that the command wrote.
//
// [Headline], [MoneyHeadline], [Shown] and [SweepMoney] say which
// metrics a headline shows, so that the command line's tables show the
// same.
//
// The package does not simulate, draw charts or evaluate calibration
// targets: callers pass it the charts package plots drew and the checks
// package validation evaluated (results.Check). Besides what it is
// given, it reads only a sweep's folder and a validation.csv beside the
// results, and it writes nothing but to the writer it is given; saving
// report.html atomically is package results' job.
package report
