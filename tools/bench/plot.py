#!/usr/bin/env python3
"""plot.py: draws docs/performance.png from the benchmark's CSV: median
time per decision against the number of rules, for lexloci, the generated
hand-written C and every peer that ran (log-log).

usage: plot.py BENCH.csv OUT.png   (needs matplotlib: Debian's
python3-matplotlib)
"""
import csv
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LABELS = {
    "lexloci": "lexloci",
    "c-switch": "hand-written C, switch on state and instrument",
    "c-switch-state": "hand-written C, switch on state only",
    "c-if-chains": "hand-written C, if-chains",
    "lua": "Lua 5.4 (generated code)",
    "clips": "CLIPS 6.30 (C API)",
    "zen": "GoRules Zen (Node)",
    "json-rules-engine": "json-rules-engine (Node)",
}
STYLE = {"lexloci": dict(color="black", linewidth=2.5, marker="o")}


def main():
    src, out = sys.argv[1], sys.argv[2]
    series = defaultdict(dict)
    with open(src) as f:
        for row in csv.DictReader(f):
            if row["section"] == "synthetic" and row["metric"] == "median_us":
                series[row["name"]][int(row["rules"])] = float(row["value"])
    fig, ax = plt.subplots(figsize=(8, 5.5), dpi=110)
    order = sorted(series, key=lambda n: list(LABELS).index(n)
                   if n in LABELS else 99)
    for name in order:
        pts = sorted(series[name].items())
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        ax.plot(xs, ys, label=LABELS.get(name, name),
                **STYLE.get(name, dict(marker=".")))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("rules in the rule set")
    ax.set_ylabel("median time per decision (µs)")
    ax.set_title("Synthetic rule sets: time per decision")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out)


if __name__ == "__main__":
    main()
