#!/usr/bin/env python3
"""summary.py: the figures of issue 7's targets, read from a benchmark CSV
(one run's bench.csv, or median.py's median over several), each against
its target: met or missed, and by how much.

Ratios are of medians: lexloci's median time over the other's. The
synthetic ratios are given for both timings (docs/performance.md,
"Method"), each judged on its own.

usage: summary.py CSV
"""
import csv
import sys


def load(path):
    with open(path) as f:
        return {(r["section"], r["name"], r["rules"], r["metric"]):
                float(r["value"]) for r in csv.DictReader(f)}


def get(fig, section, name, rules, metric):
    return fig.get((section, name, str(rules), metric))


def verdict(value, op, limit):
    """'met', or 'missed by xK' (K: how far past the limit)."""
    if value is None:
        return "not measured"
    ok = {"<": value < limit, "<=": value <= limit, ">=": value >= limit}[op]
    if ok:
        return "met"
    return f"missed by x{(limit / value if op == '>=' else value / limit):.2f}"


def line(label, value, unit, target, result):
    if value is None:
        shown = "-"
    elif unit == "x":
        shown = f"x{value:.1f}"
    else:
        shown = f"{value:,.0f}{unit}" if value >= 1000 else f"{value:.3g}{unit}"
    print(f"  {label:<52} {shown:>12}   {target:<12} {result}")


def rules_of(fig, name, metric):
    """The rule count the benchmark wrote for a bundled figure (the bundled
    set grows as the law is encoded; the US set is cut from it)."""
    for (section, n, rules, m) in fig:
        if section == "bundled" and n == name and m == metric:
            return rules
    return None


def bundled(fig):
    nb = rules_of(fig, "lexloci", "load_ms")
    nu = rules_of(fig, "lexloci-us-set", "interleaved_median_us")
    b = lambda name, metric, rules=nb: get(fig, "bundled", name, rules, metric)
    print("Bundled rule set")
    for label, metric, unit, op, limit in [
            ("load and compile", "load_ms", " ms", "<", 10),
            ("evaluation, median", "eval_median_us", " us", "<", 2),
            ("evaluation with JSON, median", "eval_json_median_us", " us",
             "<", 10),
            ("eval --batch, cases per CPU second", "batch_cases_per_s", "",
             ">=", 50000),
            ("CLI peak memory, one case", "cli_peak_mb", " MB", "<", 8)]:
        v = b("lexloci", metric)
        line(label, v, unit, f"{op} {limit:,}", verdict(v, op, limit))
    hand = b("c-hand-us", "interleaved_median_us")
    for name, rules, label in [
            ("lexloci-us-cases", nb, "lexloci / hand-written US, interleaved"),
            ("lexloci-us-set", nu, "  the same, lexloci on the US set")]:
        v = b(name, "interleaved_median_us", rules)
        r = v / hand if v and hand else None
        line(label, r, "x", "<= x3", verdict(r, "<=", 3))
    # No target: what an intake system meets (bench/intake.c).
    for label, metric in [
            ("intake, first evaluation (required facts), median",
             "intake_first_median_us"),
            ("intake, first evaluation, p99", "intake_first_p99_us"),
            ("intake, every evaluation of a session, median",
             "intake_every_median_us")]:
        line(label, b("lexloci", metric), " us", "(none)", "")


def synthetic(fig):
    print("Synthetic rule sets")
    for rules in (1000, 10000):
        s = lambda name, metric: get(fig, "synthetic", name, rules, metric)
        for timing, metric in [("back to back", "median_us"),
                               ("interleaved", "interleaved_median_us")]:
            lx = s("lexloci", metric)
            peers = {p: s(p, metric) for p in
                     ("lua", "clips", "zen", "json-rules-engine")}
            peers = {p: v for p, v in peers.items() if v}
            if lx and peers:
                fastest = min(peers, key=peers.get)
                r = peers[fastest] / lx
                line(f"{rules:,} rules, {timing}: {fastest} / lexloci", r,
                     "x", ">= x10", verdict(r, ">=", 10))
            sw = s("c-switch", metric)
            r = lx / sw if lx and sw else None
            line(f"{rules:,} rules, {timing}: lexloci / C switch", r, "x",
                 "<= x5", verdict(r, "<=", 5))
            st = s("c-switch-state", metric)
            r = lx / st if lx and st else None
            line("  for scale: lexloci / C switch on the state only", r, "x",
                 "(none)", "")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[-1])
    fig = load(sys.argv[1])
    bundled(fig)
    synthetic(fig)


if __name__ == "__main__":
    main()
