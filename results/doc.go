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
// A sweep's folder holds sweep.json ([Sweep]: what was swept, from which
// seed, which shard) and sweep.csv, a row per point and replication with
// its parameters and metrics. [OpenSweep] starts a sweep's folder, or
// checks and reads one that a stop left part-written so that --resume
// runs only what it lacks; [AppendSweepRows] adds a point's rows as it
// finishes, flushed to disk; [MergeShards] joins the folders of a sweep's
// shards into the sweep one machine would have written; [ReadSweepData]
// reads a whole sweep back for its charts and report.
//
// [ReadValidation] reads the validation.csv that caresim validate writes,
// whose status the board report shows.
//
// Files are written to a temporary name beside their own and renamed when
// everything is written ([AtomicFile], [Folder]), so an interrupted
// command never leaves a half-written file or an empty folder. A folder
// is written by one command at a time ([Lock]), which first removes the
// temporary files a killed command left; run, compare and merge replace
// the folder's files as a whole ([Folder.Replace]), listed in its
// [ManifestName], which says while they are being put in place, so that
// readers refuse a folder of old and new files ([CheckFolder]).
//
// Numbers are written as the shortest decimal that reads back exactly
// ([Cell]); NaN and infinities (nothing measured) are empty cells in CSV
// and null in JSON ([Number]). The cells that may be empty are the values
// and intervals of metrics.csv, daily.csv (value, p10, p90), annual.csv
// and compare.csv (the differences always on the first scenario's rows),
// and sweep.csv's metrics; los.csv's and the keys (dates, years, points,
// replications) never are. [ParseCell] reads them back, and refuses text
// no writer writes (NaN, Inf, words) rather than take it for a value not
// measured.
//
// The readers check what they read against what summary.json or
// sweep.json says the folder holds: daily.csv's days from the start,
// annual.csv's row of each measure (and each body's accounts) in each
// financial year, los.csv's bins up to each pool's longest stay,
// compare.csv's row of each metric for each scenario with summary.json's
// numbers, sweep.csv's row of each point and replication; a file cut
// short, a row twice or missing, a renamed column or a cell that is not
// a number is refused with the file, the line and the column.
//
// It does not simulate, draw charts or print tables: package sim runs
// the experiments, package plots draws, and the command line prints.
package results
