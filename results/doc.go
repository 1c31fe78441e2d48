// Package results is the files of a results folder: what caresim run,
// compare and sweep write, and what caresim plot, merge and the board
// report read back.
//
// A run's folder holds summary.json (the manifest, each metric's mean and
// confidence interval, the measures' names, units and meanings, the
// calibration checks and the lengths of stay; versioned by
// [SummaryFormat]), metrics.csv, daily.csv and annual.csv (tidy, long
// format: one row per key and replication, "mean" first) and los.csv (the
// length-of-stay histograms). [Run] writes them from a finished run and
// [ReadRun] reads back what the charts and the report are drawn from, so
// that a folder re-drawn later gives the same charts, byte for byte.
//
// A comparison's folder holds compare.csv, its summary.json
// ([Comparison]) and a run's folder for each scenario ([ScenarioDir]);
// [ReadCompare] reads back what its charts are drawn from
// ([CompareData]).
//
// Files are written to a temporary name beside their own and renamed when
// everything is written ([AtomicFile], [Folder]), so an interrupted
// command never leaves a half-written file or an empty folder.
//
// Numbers are written as the shortest decimal that reads back exactly
// ([Cell]); NaN and infinities (nothing measured) are empty cells in CSV
// and null in JSON ([Number]).
//
// It does not simulate, draw charts or print tables: package sim runs
// the experiments, package plots draws, and the command line prints.
package results
