"""Reads a caresim sweep and a run with pandas and draws a chart with matplotlib.

    python3 docs/examples/sweep.py SWEEP_DIR [METRIC [RUN_DIR]]

SWEEP_DIR is a folder that `caresim sweep` (or `caresim merge`) wrote; METRIC
is a column of its sweep.csv (acute_occupancy_mean unless given); RUN_DIR,
if given, is a folder that `caresim run` wrote. It prints each point's
mean of METRIC over its replications against the first swept parameter,
draws them with every replication's value to SWEEP_DIR/python-METRIC.png,
and prints the run's mean of METRIC from its metrics.csv.

sweep.csv has a row per point and replication: the columns point and
replication (both numbered from 0), each swept parameter, then every
metric, with empty cells where a replication measured nothing.
metrics.csv has a row per metric: the mean across replications (its
replication cell empty) with its 95% confidence interval, then, written
with --per-replication, a row per replication.
"""

import sys

import matplotlib

matplotlib.use("Agg")  # draw to a file, with no display
import matplotlib.pyplot as plt
import pandas as pd

sweep_dir = sys.argv[1]
metric = sys.argv[2] if len(sys.argv) > 2 else "acute_occupancy_mean"
run_dir = sys.argv[3] if len(sys.argv) > 3 else None

rows = pd.read_csv(f"{sweep_dir}/sweep.csv")
parameter = rows.columns[2]  # the first swept parameter follows point and replication
means = rows.groupby("point").agg(parameter=(parameter, "first"), mean=(metric, "mean"))
print(f"point,{parameter},{metric}")
for point, row in means.iterrows():
    print(f"{point},{row['parameter']:.10g},{row['mean']:.10g}")

fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(rows[parameter], rows[metric], s=12, color="0.6", label="a replication")
ax.plot(means["parameter"], means["mean"], marker="o", color="black", label="mean over replications")
ax.set_xlabel(parameter)
ax.set_ylabel(metric)
ax.legend()
fig.tight_layout()
chart = f"{sweep_dir}/python-{metric}.png"
fig.savefig(chart, dpi=100)
print(f"drew {chart}")

if run_dir is not None:
    run = pd.read_csv(f"{run_dir}/metrics.csv")
    mean = run[(run["metric"] == metric) & run["replication"].isna()].iloc[0]
    print(f"run {metric}: {mean['value']:.10g} (95% CI {mean['ci_low']:.10g} to {mean['ci_high']:.10g})")
