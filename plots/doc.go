// Package plots draws caresim's charts with gonum/plot (it is the only
// importer of gonum.org/v1/plot) and, later, writes the board report.
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
//   - [DelayedPatients]: patients delayed in acute beds, by discharge pathway.
//   - [AEPerformance]: A&E 4-hour performance and 12-hour waits by month.
//   - [LengthOfStay]: the length-of-stay distribution of one bed pool, as a
//     histogram and a cumulative share, with the mean and median marked.
//   - [PathwayMix]: the share of emergency spells ending by each discharge
//     pathway, as stacked bars by financial year.
//   - [ScenariosOverTime]: one daily measure under every scenario of a
//     comparison, overlaid on one date axis.
//   - [Differences]: each scenario's paired difference from a base scenario
//     with its interval, one small panel per metric (a forest plot).
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
// The package does not run simulations, summarise replications or read
// results folders; callers pass it means and percentiles already computed.
package plots
