#!/usr/bin/env python3
"""median.py: the median of each figure over several runs of the benchmark.

On a shared machine a single run can move by x2 where others are busy;
docs/performance.md quotes synthetic figures as the median of seven runs.
Writes a CSV like the benchmark's: each figure of BASE, with the figures the
runs also give replaced by their median over the runs.

usage: median.py BASE_CSV OUT_CSV RUN_CSV...
  then: tools/bench/plot.py OUT_CSV docs/performance.png
"""
import csv
import statistics
import sys
from collections import defaultdict


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.split("\n\n")[-1])
    base, out, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
    values = defaultdict(list)
    for path in runs:
        with open(path) as f:
            for r in csv.DictReader(f):
                values[(r["section"], r["name"], r["rules"],
                        r["metric"])].append(float(r["value"]))
    with open(base) as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        key = (r["section"], r["name"], r["rules"], r["metric"])
        if key in values:
            r["value"] = f"{statistics.median(values[key]):.6g}"
    with open(out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
