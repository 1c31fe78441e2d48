// Package plots draws caresim's charts with gonum/plot (it is the only
// importer of gonum.org/v1/plot), and decides which charts a run, a
// comparison and a sweep get. The board report that shows them,
// report.html, is its subpackage, [caresim/plots/report].
//
// Each chart takes a small input struct defined here ([Beds], [Deficit]) of
// plain numbers, dates and labels, not simulation types, and returns a
// [Figure]: one or more aligned panels with a legend drawn beside them so that
// it never covers data. [Figure.Save] writes PNG, SVG or PDF, chosen from the
// file's extension, at a slide ([SlideWidth]×[SlideHeight]) or A4
// ([A4Width]×[A4Height]) size.
//
// # Charts
//
//   - [BedsOverTime]: occupied beds in one pool over time, against capacity.
//   - [DeficitTrajectory]: the annual and cumulative financial gap by year.
//   - [DelaysByReason]: delayed days in acute beds by month and reason.
//   - [AEPerformance]: A&E 4-hour performance and 12-hour waits by month.
//   - [LengthOfStay]: the length-of-stay distribution of one bed pool, as a
//     histogram and a cumulative share, with the mean and median marked.
//   - [PathwayMix]: the share of emergency spells ending by each discharge
//     pathway, as stacked bars by financial year.
//   - [ScenariosOverTime]: one daily measure under every scenario of a
//     comparison, overlaid on one date axis.
//   - [Differences]: each scenario's paired difference from a base scenario
//     with its interval, one small panel per metric (a forest plot).
//   - [Tornado]: how far each swept parameter, from its lowest to its
//     highest value, moves a metric from the base case.
//   - [HeatMap]: a metric over a grid of two swept parameters.
//   - [SweepLine]: a metric's mean and its interval against one swept
//     parameter.
//   - [BackcastSeries]: an observed series beside the run's mean and 95%
//     prediction band, by month or financial year.
//
// Charts are meant to be read by people who did not build them: titles say
// what and where, and wrap onto two lines rather than run off the page;
// axes carry units, time axes show dates, money is in £ with k and m,
// negative numbers have a minus sign (−) and numbers from 1,000 a thousands
// separator; and series differ in dash pattern and lightness as well as in
// hue (Okabe–Ito colours) so that they survive greyscale and colour
// blindness. A chart saved twice gives the same bytes in every format: PDF
// charts carry a fixed date, SOURCE_DATE_EPOCH's when it is set.
//
// # Chart sets
//
// [RunCharts], [CompareCharts] and [SweepCharts] draw every chart of a
// run, a comparison and a sweep from what package results reads back
// from their folders ([results.RunData], [results.CompareData],
// [results.SweepData]): a chart for each bed pool, service and
// organisation that has something to show, and none for one that has
// not. A folder re-drawn later therefore gets the same charts, byte for
// byte, as the command that wrote it. [Output] saves them in the formats
// and at the size asked for.
//
// The package does not run simulations or read or write results
// folders: package sim runs, package results reads and writes the files,
// and callers pass it the data read. Beyond a sweep point's mean and
// confidence interval over its replications, it computes no statistics.
package plots
