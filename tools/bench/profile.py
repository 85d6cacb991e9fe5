#!/usr/bin/env python3
"""profile.py: instructions per decision, counted by callgrind, for the
benchmark's workloads (docs/performance.md, "The profile"). Wall-clock
figures move with the machine's load; instruction counts do not, so an
optimisation is judged by these.

Each workload is a JSONL batch evaluated once per line by the CLI under
`valgrind --tool=callgrind --toggle-collect=lexloci_eval`: only
evaluation is counted, not reading the line or writing the verdict.

  synth-N        the synthetic set of N rules, the benchmark's cases with
                 every fact given
  determined     the first bundled cases whose verdict is settled
  undetermined   the first bundled cases that end `undetermined`

usage: profile.py LEXLOCI BENCH_OUT [RULES_DIR] [--cases N] [--functions K]
                  [--hand LEXLOCI_BENCH]
  BENCH_OUT is the benchmark's --out folder (tools/bench/run.sh writes
  build-bench/bench-out). --functions K also prints each workload's K
  costliest functions (build with -g for names of inlined code).
  --hand also counts, for the synthetic sets of 1,000 and 10,000 rules,
  the generated C functions (switch on state and instrument; on the state
  only) per decision, run by the benchmark program, and lexloci's
  three-valued pass over its index alone (lx_eval_quick: no verdict, no
  per-category bookkeeping): how far an interpreter's core is from them.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import SYNTH, nest  # noqa: E402  the same case translation


def synth_cases(folder, n):
    with open(os.path.join(folder, "cases.json")) as f:
        facts = json.load(f)["cases"][:n]
    for x in facts:
        flat = {"request.date": "2026-11-28",
                "request.data_categories": ["content"],
                "data.locations": ["US"]}
        for k, v in x.items():
            flat[SYNTH[k]] = v
        yield json.dumps(nest(flat))


def bundled_split(lexloci, rules, out, n):
    """The bundled cases, split by whether their verdict is settled."""
    with open(os.path.join(out, "bundled.jsonl")) as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    p = subprocess.run([lexloci, "--rules", rules, "eval", "--batch", "-"],
                       input="\n".join(lines) + "\n", capture_output=True,
                       text=True)
    verdicts = p.stdout.splitlines()
    if len(verdicts) != len(lines):
        sys.exit(f"profile.py: eval --batch gave {len(verdicts)} lines "
                 f"for {len(lines)} cases")
    settled, open_ = [], []
    for line, verdict in zip(lines, verdicts):
        kind = json.loads(verdict).get("verdict")
        (open_ if kind == "undetermined" else settled).append(line)
    return settled[:n], open_[:n]


def calls_to(cg, fn):
    """How many times fn was called in callgrind output cg."""
    names, cur, n = {}, None, 0  # fn= and cfn= share compressed names
    with open(cg) as f:
        for line in f:
            m = re.match(r"(c?)fn=\((\d+)\)(?: (.*))?", line)
            if m:
                if m.group(3):
                    names[m.group(2)] = m.group(3).strip()
                if m.group(1):
                    cur = names.get(m.group(2))
                continue
            m = re.match(r"calls=(\d+)", line)
            if m and cur == fn:
                n += int(m.group(1))
    return n


def total_of(cg):
    with open(cg) as f:
        return next(int(m.group(1)) for m in
                    (re.match(r"(?:summary|totals): (\d+)", l) for l in f) if m)


def hand_counts(bench, rules):
    """Instructions per call of the generated C deciders for a size."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for prefix in ("synth_sw", "synth_st"):
            fn = f"{prefix}_{rules}"
            cg = os.path.join(tmp, fn)
            # Exactly fn: --toggle-collect toggles, so a pattern that also
            # matched its callees would stop counting inside them.
            subprocess.run(["valgrind", "--tool=callgrind",
                            f"--toggle-collect={fn}",
                            f"--callgrind-out-file={cg}", bench,
                            "--synthetic-only", "--sizes", str(rules),
                            "--peers", "none", "--cases", "200", "--out",
                            os.path.join(tmp, "out")],
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=True)
            n = calls_to(cg, fn)
            out[prefix] = total_of(cg) / n if n else None
    return out


def hand(a, work):
    print(f"\n{'rules':<8} {'C switch':>9} {'C state':>9} "
          f"{'lexloci pass':>13} {'pass / switch':>14}")
    for name, rules, lines in work:
        if name not in ("synth-1000", "synth-10000"):
            continue
        h = hand_counts(a.hand, int(name[6:]))
        q = callgrind(a.lexloci, rules, lines, 0, "lx_eval_quick")[0] / len(lines)
        sw = h["synth_sw"]
        print(f"{name[6:]:<8} {sw or 0:>9,.0f} {h['synth_st'] or 0:>9,.0f} "
              f"{q:>13,.0f} {('x%.1f' % (q / sw)) if sw else '-':>14}")


def callgrind(lexloci, rules, lines, functions, toggle="lexloci_eval"):
    """Instructions counted inside toggle (callees included) over the
    batch, and, with functions, the costliest functions' rows."""
    with tempfile.TemporaryDirectory() as tmp:
        batch = os.path.join(tmp, "cases.jsonl")
        cg = os.path.join(tmp, "callgrind.out")
        with open(batch, "w") as f:
            f.write("\n".join(lines) + "\n")
        subprocess.run(["valgrind", "--tool=callgrind",
                        f"--toggle-collect={toggle}",
                        f"--callgrind-out-file={cg}", lexloci, "--rules",
                        rules, "eval", "--batch", batch],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        total = total_of(cg)
        top = ""
        if functions:
            a = subprocess.run(["callgrind_annotate", "--inclusive=no", cg],
                               capture_output=True, text=True).stdout
            rows = [l for l in a.splitlines() if re.match(r"\s*[\d,]+ \(", l)]
            top = "\n".join("      " + r.strip() for r in rows[1:functions + 1])
        return total, top


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("lexloci")
    ap.add_argument("out")
    ap.add_argument("rules", nargs="?")
    ap.add_argument("--cases", type=int, default=400)
    ap.add_argument("--functions", type=int, default=0)
    ap.add_argument("--hand", metavar="LEXLOCI_BENCH")
    a = ap.parse_args()
    work = []
    for d in sorted((d for d in os.listdir(a.out) if d.startswith("synth-")),
                    key=lambda d: int(d[6:])):
        src = os.path.join(a.out, d)
        work.append((d, src, list(synth_cases(src, a.cases))))
    if a.rules:
        settled, open_ = bundled_split(a.lexloci, a.rules, a.out, a.cases)
        work += [("determined", a.rules, settled),
                 ("undetermined", a.rules, open_[:max(1, a.cases // 4)])]
    print(f"{'workload':<14} {'cases':>6} {'instructions/decision':>22}")
    for name, rules, lines in work:
        if not lines:
            continue
        total, top = callgrind(a.lexloci, rules, lines, a.functions)
        print(f"{name:<14} {len(lines):>6} {total / len(lines):>22,.0f}")
        if top:
            print(top)
    if a.hand:
        hand(a, work)


if __name__ == "__main__":
    main()
