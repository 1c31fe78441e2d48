"""Measures the built-in interventions' effects for docs/effect-sizes.md.

    python3 scripts/effects_table.py [--reps 4] [--seed 20140401] [--out out/effects]
                                     [--caresim bin/caresim] [--workers 1] [--no-run] [--write FILE]

It runs `caresim run --per-replication` on the baseline, each built-in
intervention scenario alone and better-together, with the same seed and
replications, so that replication i of each sees the same patients
arriving: the common random numbers `caresim compare` pairs (compare
writes no per-replication annual.csv, which the ten-year figures need).
From each run's annual.csv it takes, for each replication, the means per
year over the programme's ten years (2014/15 to 2023/24: every financial
year after the base year, 2013/14, which no intervention touches) and the
system's gap (deficit) in the last year, and estimates each scenario's
difference to the baseline from the pairs of replications, with a
Student-t 95% interval as compare does.

It prints the markdown blocks of docs/effect-sizes.md's "What the effects
give" (the table, the whole programme, the beds, the Improvement Analytics
Unit check) and the measured figures of the per-intervention sections,
each between the markers

    <!-- effects_table.py:NAME -->
    ...
    <!-- /effects_table.py:NAME -->

With --write FILE it replaces each block between its markers in FILE in
place (an unknown or missing marker is an error, and FILE is left as it
was). --no-run reads the runs already in --out. Build the CLI first
(`make build`; `make effects` does both and writes the page); the 13 runs
of 4 replications take 3 to 7 minutes with --workers 1 on a two-core
machine, depending on its load.
"""

import argparse
import csv
import math
import os
import re
import subprocess
import sys
import textwrap
import time

SCENARIOS = [
    "prism",
    "intermediate-care",
    "care-homes",
    "transfer-to-assess",
    "elective-gateway",
    "single-front-door",
    "call-for-care",
    "self-care",
    "mental-health-liaison",
    "womens-childrens",
    "primary-care-hubs",
]
BASE = "baseline"
WHOLE = "better-together"

# Student's t quantile at 0.975 for 1 to 30 degrees of freedom.
T975 = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
]


def t975(df):
    if df < 1:
        return math.nan
    if df <= len(T975):
        return T975[df - 1]
    return 1.960 + 2.4 / df  # within 0.002 of the quantile above 30


def run_all(args):
    """Runs every scenario into args.out/NAME and returns the wall time."""
    began = time.time()
    for name in [BASE] + SCENARIOS + [WHOLE]:
        cmd = [args.caresim, "run", "--reps", str(args.reps), "--seed", str(args.seed),
               "--workers", str(args.workers), "--per-replication", "--no-plots", "--quiet",
               "--out", os.path.join(args.out, name), name]
        print("effects_table.py: " + " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.time() - began


def read_annual(path):
    """Returns {(year, organisation, measure): {replication: value}}."""
    out = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["replication"] == "" or row["value"] == "":
                continue
            key = (row["financial_year"], row["organisation"], row["measure"])
            out.setdefault(key, {})[int(row["replication"])] = float(row["value"])
    return out


class Run:
    """One scenario's per-replication annual figures."""

    def __init__(self, name, path):
        self.name = name
        self.a = read_annual(os.path.join(path, "annual.csv"))
        self.years = sorted({k[0] for k in self.a})
        self.reps = sorted({r for v in self.a.values() for r in v})

    def has(self, measure, org=""):
        return any(k[1] == org and k[2] == measure for k in self.a)

    def v(self, year, measure, rep, org=""):
        return self.a.get((year, org, measure), {}).get(rep, math.nan)

    def total(self, years, measure, rep, org=""):
        return sum(self.v(y, measure, rep, org) for y in years)


def programme_years(run):
    return run.years[1:]  # every year after the base year


# Each figure: a function of (run, years, rep) giving one replication's value.
def per_year(*measures):
    def f(run, years, rep):
        return sum(run.total(years, m, rep) for m in measures) / len(years)
    return f


def day_mean(measure):
    def f(run, years, rep):
        return run.total(years, measure, rep) / run.total(years, "days", rep)
    return f


def year_mean_level(measure):
    """A level whose annual value is its mean over the year."""
    def f(run, years, rep):
        days = run.total(years, "days", rep)
        return sum(run.v(y, measure, rep) * run.v(y, "days", rep) for y in years) / days
    return f


def attendances(run, years, rep):
    return sum(run.total(years, m, rep) for m in ("ed_attendances", "utc_attendances"))


def four_hour(run, years, rep):
    return 1 - run.total(years, "ae_4h_breaches", rep) / attendances(run, years, rep)


def gap_last(run, years, rep):
    return run.v(years[-1], "deficit_gbp", rep, "system")


def gap_total(run, years, rep):
    return run.total(years, "deficit_gbp", rep, "system")


def share(part, whole):
    def f(run, years, rep):
        return run.total(years, part, rep) / run.total(years, whole, rep)
    return f


# The table's columns: (heading, figure, how its values are formatted).
COLUMNS = [
    ("A&E attendances", per_year("ed_attendances", "utc_attendances"), "count"),
    ("emergency admissions", per_year("nel_admissions"), "count"),
    ("beds occupied", day_mean("acute_bed_days"), "beds"),
    ("delayed patients", day_mean("delayed_bed_days"), "beds"),
    ("care-home admissions", per_year("care_home_admissions"), "count"),
    ("elective admissions", per_year("elective_admissions"), "count"),
    ("4-hour performance", four_hour, "points"),
    ("12-hour waits from decision to admit", per_year("ed_12h_dta_waits"), "count"),
    ("waiting list", year_mean_level("elective_waiting_list"), "count"),
    ("gap 2023/24", gap_last, "money"),
]


class Diff:
    """A paired difference b − a over replications, with its 95% interval."""

    def __init__(self, a, b):
        d = [y - x for x, y in zip(a, b) if finite(x) and finite(y)]
        self.n = len(d)
        self.mean = sum(d) / self.n if d else math.nan
        if self.n > 1:
            sd = math.sqrt(sum((x - self.mean) ** 2 for x in d) / (self.n - 1))
            self.half = t975(self.n - 1) * sd / math.sqrt(self.n)
        else:
            self.half = math.nan

    @property
    def lo(self):
        return self.mean - self.half

    @property
    def hi(self):
        return self.mean + self.half

    def clear(self):
        """Whether the interval excludes zero."""
        return finite(self.half) and (self.lo > 0 or self.hi < 0)


def finite(x):
    return not (math.isnan(x) or math.isinf(x))


def mean(xs):
    xs = [x for x in xs if finite(x)]
    return sum(xs) / len(xs) if xs else math.nan


def values(run, fig, years):
    return [fig(run, years, r) for r in run.reps]


def diff(base, run, fig, years):
    return Diff(values(base, fig, years), values(run, fig, years))


MINUS = "−"


def signed(x, text):
    if round_zero(text):
        return text  # shows as zero: no sign
    return ("+" if x > 0 else MINUS) + text


def round_zero(text):
    return re.sub(r"[^1-9]", "", text) == ""


def num(x, kind, sign=True):
    """x formatted as the column's kind, signed if sign."""
    if not finite(x):
        return "—"
    a = abs(x)
    if kind == "count":
        text = f"{a:,.0f}"
    elif kind == "beds":
        text = f"{a:,.1f}"
    elif kind == "points":
        text = f"{a * 100:.1f}"
    elif kind == "pct":
        text = f"{a * 100:.1f}%"
    elif kind == "money":
        text = f"£{a / 1e6:,.1f}m"
    else:
        raise ValueError(kind)
    if not sign:
        return text if x >= 0 else MINUS + text
    return signed(x, text)


def with_ci(d, kind):
    return f"{num(d.mean, kind)} ({num(d.lo, kind)} to {num(d.hi, kind)})"


def level(x, kind):
    if kind == "points":
        return num(x, "pct", sign=False)
    return num(x, kind, sign=False)


def table(runs, years):
    base = runs[BASE]
    head = "| scenario | " + " | ".join(c[0] for c in COLUMNS) + " |"
    rule = "|---" * (len(COLUMNS) + 1) + "|"
    lines = [head, rule]
    lines.append("| baseline (its level) | " + " | ".join(
        level(mean(values(base, fig, years)), kind) for _, fig, kind in COLUMNS) + " |")
    for name in SCENARIOS + [WHOLE]:
        cells = []
        for _, fig, kind in COLUMNS:
            d = diff(base, runs[name], fig, years)
            if name == WHOLE:
                cells.append(with_ci(d, kind))
            else:
                cells.append(num(d.mean, kind) + ("\\*" if d.clear() else ""))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def block_table(args, runs, years):
    n = len(runs[BASE].reps)
    return "\n".join([
        f"Seed {args.seed}, {n} replications of each scenario (`caresim run --per-replication`: "
        f"common random numbers, the replications `caresim compare` pairs), on the held baseline. "
        f"Means per year over "
        f"{years[0]}–{years[-1]} (beds occupied, delayed patients and the waiting list: means over "
        f"the days; 4-hour performance: 1 − breaches / attendances of types 1 and 3 over the ten "
        f"years, its difference in points); the gap is the system's deficit in {years[-1]} "
        f"([money.md](money.md)). The first row is the baseline's level, the others each "
        f"scenario's difference to it, effects drawn per replication; \\* marks a difference whose "
        f"paired 95% interval excludes zero; better-together's intervals are given.",
        "",
        table(runs, years),
    ])


def block_whole(args, runs, years):
    base, bt = runs[BASE], runs[WHOLE]
    parts = []
    d = diff(base, bt, gap_total, years)
    parts.append(f"`better-together`'s cumulative gap over {years[0]}–{years[-1]} differs from the "
                 f"baseline's by {with_ci(d, 'money')}; the baseline's is "
                 f"{level(mean(values(base, gap_total, years)), 'money')} and its {years[-1]} gap "
                 f"{level(mean(values(base, gap_last, years)), 'money')}.")
    if bt.has("call_for_care_navigated"):
        alone = runs["call-for-care"]
        nav = per_year("call_for_care_navigated")
        d = Diff([0] * len(bt.reps), values(bt, nav, years))
        parts.append(f"Call for Care navigates {num(d.mean, 'count', False)} "
                     f"({num(d.lo, 'count', False)} to {num(d.hi, 'count', False)}) patients a year "
                     f"in better-together and {num(mean(values(alone, nav, years)), 'count', False)} "
                     f"alone.")
    return " ".join(parts)


def block_beds(args, runs, years):
    base, bt = runs[BASE], runs[WHOLE]
    closed = []
    for y in bt.years:
        c = mean([bt.v(y, "acute_beds_closed", r) for r in bt.reps])
        if round(c) > 0 or closed:
            closed.append(f"{y} {c:,.0f}")
    last = years[-1]
    open_bt = mean([bt.v(last, "acute_beds", r) for r in bt.reps])
    open_base = mean([base.v(last, "acute_beds", r) for r in base.reps])
    esc_bt = mean([bt.v(last, "acute_escalation_beds", r) for r in bt.reps])
    esc_base = mean([base.v(last, "acute_escalation_beds", r) for r in base.reps])

    def occupancy(run, yrs, rep):
        beds = sum(run.v(y, "acute_beds", rep) * run.v(y, "days", rep) for y in yrs)
        return run.total(yrs, "acute_bed_days", rep) / beds

    d = diff(base, bt, occupancy, years)
    return (f"Beds closed by the rule, mean over the year: {', '.join(closed) or 'none'}. In "
            f"{last} `better-together` has {open_bt:,.0f} acute beds open (escalation beds "
            f"{esc_bt:,.0f} of them) against the baseline's {open_base:,.0f} ({esc_base:,.0f}); over "
            f"{years[0]}–{last} its occupancy (bed days over beds open) differs from the baseline's "
            f"by {with_ci(d, 'points')} points.")


def block_iau(args, runs, years):
    base, bt = runs[BASE], runs[WHOLE]
    y = "2018/19"
    if y not in bt.years:
        return f"The run does not reach {y}."

    def rel(fig):
        b = [fig(base, [y], r) for r in base.reps]
        s = [fig(bt, [y], r) for r in bt.reps]
        return Diff([0] * len(b), [q / p - 1 for p, q in zip(b, s)])

    def against(d, iau):
        lo, hi, at = round(d.lo * 1000), round(d.hi * 1000), round(iau * 1000)
        if lo <= at <= hi:  # as printed, to 0.1%
            return f"the IAU's {num(iau, 'pct')} lies within the interval"
        if at < lo:
            return f"a smaller fall than the IAU's {num(iau, 'pct')}"
        return f"a larger fall than the IAU's {num(iau, 'pct')}"

    ae = rel(attendances)
    nel = rel(per_year("nel_admissions"))
    return (f"In {y} `better-together` has {with_ci(ae, 'pct')} A&E attendances (types 1 and 3, all "
            f"ages: {against(ae, -0.043)}) and {with_ci(nel, 'pct')} emergency admissions (adults' "
            f"acute, readmissions included: {against(nel, -0.067)}) against the baseline, paired "
            f"95% intervals from the run of the table.")


def block_gateway(args, runs, years):
    base, gw, bt = runs[BASE], runs["elective-gateway"], runs[WHOLE]
    out = []
    for label, m in (("first outpatient attendances", "outpatient_first_attendances"),
                     ("day cases", "day_cases"), ("elective admissions", "elective_admissions")):
        if not base.has(m):
            continue
        fig = per_year(m)
        out.append(f"{label} {with_ci(diff(base, gw, fig, years), 'count')} a year alone, "
                   f"{with_ci(diff(base, bt, fig, years), 'count')} in better-together")
    return (f"Against the baseline, means per year over {years[0]}–{years[-1]} "
            f"(the run of the table): " + "; ".join(out) + ".")


def block_hubs(args, runs, years):
    base, hubs = runs[BASE], runs["primary-care-hubs"]
    unmet = share("gp_same_day_unmet", "gp_same_day_need")
    first = [y for y in years if y >= "2018/19"] or years  # the hubs at full size (2016-04-01 + 2 y)
    out = [f"same-day need without an appointment "
           f"{level(mean(values(hubs, unmet, first)), 'pct')} instead of "
           f"{level(mean(values(base, unmet, first)), 'pct')} ({first[0]}–{first[-1]})"]
    for label, fig, kind in (
            ("A&E attendances", per_year("ed_attendances", "utc_attendances"), "count"),
            ("of them for want of an appointment", per_year("gp_unmet_to_ae"), "count"),
            ("emergency admissions", per_year("nel_admissions"), "count"),
            ("urgent GP referrals", per_year("gp_referrals"), "count"),
            ("GP referrals for a first outpatient appointment",
             per_year("gp_outpatient_referrals", "gp_elective_referrals"), "count"),
            ("first outpatient attendances", per_year("outpatient_first_attendances"), "count"),
            ("elective admissions", per_year("elective_admissions"), "count")):
        out.append(f"{label} {with_ci(diff(base, hubs, fig, years), kind)} a year")
    out.append(f"the system's gap in {years[-1]} {with_ci(diff(base, hubs, gap_last, years), 'money')}")
    return (f"Against the baseline (the run of the table; means per year over "
            f"{years[0]}–{years[-1]}, the ramp included, paired 95% intervals): "
            + "; ".join(out) + ".")


def block_front_door(args, runs, years):
    base, sfd = runs[BASE], runs["single-front-door"]
    y = "2017/18"
    if y not in sfd.years:
        return f"The run does not reach {y}."

    def d(*measures):
        return Diff(values(base, per_year(*measures), [y]), values(sfd, per_year(*measures), [y]))
    kmh = mean(values(base, per_year("ed_attendances"), [y]))
    away, utc, ooh = d("ed_attendances"), d("utc_attendances"), d("ooh_front_door")
    return (f"Measured from the baseline's own streaming, the model then streams "
            f"{num(-away.mean, 'count', False)} more walk-ins away from King's Mill's ED in {y}, "
            f"{-away.mean / kmh * 100:.1f}% of the baseline's {kmh:,.0f} type 1 attendances that year: "
            f"{num(ooh.mean, 'count', False)} to the out-of-hours GPs at the front door and "
            f"{num(utc.mean, 'count', False)} to urgent treatment (the run of the table).")


BLOCKS = [
    ("table", block_table),
    ("whole", block_whole),
    ("beds", block_beds),
    ("iau", block_iau),
    ("gateway", block_gateway),
    ("hubs", block_hubs),
    ("front-door", block_front_door),
]


def blocks(args, runs):
    years = programme_years(runs[BASE])
    reps = runs[BASE].reps
    for name, run in runs.items():
        if run.reps != reps or run.years != runs[BASE].years:
            sys.exit(f"effects_table.py: {name}'s run has replications {run.reps} and years "
                     f"{run.years[0]}–{run.years[-1]}, the baseline's {reps} and "
                     f"{runs[BASE].years[0]}–{runs[BASE].years[-1]}: run them again together")
    out = {}
    for name, f in BLOCKS:
        out[name] = "\n".join(wrap(p) for p in f(args, runs, years).split("\n"))
    return out


def wrap(line):
    """A line of prose wrapped as the docs are; a table row as it is."""
    if line.startswith("|"):
        return line
    return "\n".join(textwrap.wrap(line, width=105, break_long_words=False, break_on_hyphens=False)) or line


def write(path, generated):
    with open(path) as f:
        text = f.read()
    for name, body in generated.items():
        begin, end = f"<!-- effects_table.py:{name} -->", f"<!-- /effects_table.py:{name} -->"
        i, j = text.find(begin), text.find(end)
        if i < 0 or j < i or text.count(begin) != 1:
            sys.exit(f"effects_table.py: {path} has no single {begin} … {end}: nothing written")
        text = text[:i + len(begin)] + "\n" + body + "\n" + text[j:]
    with open(path, "w") as f:
        f.write(text)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--reps", type=int, default=4)
    p.add_argument("--seed", type=int, default=20140401)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--out", default=os.path.join("out", "effects"))
    p.add_argument("--caresim", default=os.path.join("bin", "caresim"))
    p.add_argument("--no-run", action="store_true", help="read the runs already in --out")
    p.add_argument("--write", metavar="FILE", help="replace the blocks between their markers in FILE")
    args = p.parse_args()

    if not args.no_run:
        secs = run_all(args)
        print(f"effects_table.py: ran {2 + len(SCENARIOS)} scenarios in {secs / 60:.1f} min",
              file=sys.stderr)
    runs = {n: Run(n, os.path.join(args.out, n)) for n in [BASE] + SCENARIOS + [WHOLE]}
    generated = blocks(args, runs)
    if args.write:
        write(args.write, generated)
        print(f"effects_table.py: rewrote {len(generated)} blocks of {args.write}", file=sys.stderr)
        return
    for name, body in generated.items():
        print(f"<!-- effects_table.py:{name} -->\n{body}\n<!-- /effects_table.py:{name} -->\n")


if __name__ == "__main__":
    main()
