# Reads a caresim sweep and a run with base R and draws a chart.
#
#     Rscript docs/examples/sweep.R SWEEP_DIR [METRIC [RUN_DIR]]
#
# SWEEP_DIR is a folder that `caresim sweep` (or `caresim merge`) wrote;
# METRIC is a column of its sweep.csv (acute_occupancy_mean unless given);
# RUN_DIR, if given, is a folder that `caresim run` wrote. It prints each
# point's mean of METRIC over its replications against the first swept
# parameter, draws them with every replication's value to
# SWEEP_DIR/r-METRIC.png, and prints the run's mean of METRIC from its
# metrics.csv.
#
# sweep.csv has a row per point and replication: the columns point and
# replication (both numbered from 0), each swept parameter, then every
# metric, with empty cells where a replication measured nothing (NA here).
# metrics.csv has a row per metric: the mean across replications (its
# replication cell empty, NA here) with its 95% confidence interval, then,
# written with --per-replication, a row per replication.

args <- commandArgs(trailingOnly = TRUE)
sweep_dir <- args[1]
metric <- if (length(args) > 1) args[2] else "acute_occupancy_mean"
run_dir <- if (length(args) > 2) args[3] else NA

rows <- read.csv(file.path(sweep_dir, "sweep.csv"), check.names = FALSE)
parameter <- names(rows)[3] # the first swept parameter follows point and replication
means <- aggregate(rows[c(parameter, metric)], by = list(point = rows$point), FUN = mean, na.rm = TRUE)
cat(sprintf("point,%s,%s\n", parameter, metric))
cat(sprintf("%d,%.10g,%.10g\n", means$point, means[[parameter]], means[[metric]]), sep = "")

chart <- file.path(sweep_dir, sprintf("r-%s.png", metric))
png(chart, width = 600, height = 400, type = "cairo")
plot(rows[[parameter]], rows[[metric]], col = "grey60", pch = 16, xlab = parameter, ylab = metric)
lines(means[[parameter]], means[[metric]], type = "o", pch = 16)
legend("topright", c("a replication", "mean over replications"), col = c("grey60", "black"), pch = 16)
invisible(dev.off())
cat(sprintf("drew %s\n", chart))

if (!is.na(run_dir)) {
  run <- read.csv(file.path(run_dir, "metrics.csv"), check.names = FALSE)
  mean <- run[run$metric == metric & is.na(run$replication), ][1, ]
  cat(sprintf("run %s: %.10g (95%% CI %.10g to %.10g)\n", metric, mean$value, mean$ci_low, mean$ci_high))
}
