#!/usr/bin/env python3
"""compare.py: checks that two lexloci builds give byte-identical JSON
verdicts, with the explanation (--explain), on the benchmark's cases: the
bundled rule set's generated cases and the synthetic rule sets (cases with
some facts left unknown). Used to verify an engine optimisation against
the build before it (docs/performance.md).

usage: compare.py REF_LEXLOCI NEW_LEXLOCI BENCH_OUT [RULES_DIR] [N]
"""
import json
import os
import random
import subprocess
import sys
import tempfile

# The synthetic facts (synth.c): peer field name -> lexloci path.
SYNTH = {
    "issuing_state": "request.issuing_state",
    "instrument": "request.instrument",
    "authority": "request.authority",
    "purpose": "request.purpose",
    "customer_notice": "request.customer_notice",
    "validated_by": "request.validated_by",
    "emergency": "request.emergency",
    "nondisclosure_order": "request.nondisclosure_order",
    "max_sentence_years": "request.offence.max_sentence_years",
    "by_information_system": "request.offence.by_information_system",
    "indictable": "request.offence.indictable",
    "us_person": "request.target.us_person",
    "residence": "request.target.residence",
    "location": "request.target.location",
    "headquarters": "provider.headquarters",
    "public_service": "provider.public_service",
    "technical_access": "provider.technical_access",
    "gdpr_role": "provider.gdpr_role",
    "holder": "data.holder",
    "personal": "data.personal",
}
REQUIRED = {"issuing_state", "instrument"}


def nest(flat):
    out = {"lexloci": 1}
    for path, v in flat.items():
        d = out
        parts = path.split(".")
        for p in parts[:-1]:
            d = d.setdefault(p, {})
        d[parts[-1]] = v
    return out


def run(binary, rules, case_path):
    p = subprocess.run([binary, "--rules", rules, "eval", case_path,
                        "--format", "json", "--explain"],
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def compare(ref, new, rules, cases, label):
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "case.json")
        for i, case in enumerate(cases):
            with open(path, "w") as f:
                json.dump(case, f)
            a, b = run(ref, rules, path), run(new, rules, path)
            if a != b:
                bad += 1
                if bad <= 3:
                    print(f"{label}: case {i} differs:\n{json.dumps(case)}")
                    for x, y in zip(a[1].splitlines(), b[1].splitlines()):
                        if x != y:
                            print(f"  ref: {x}\n  new: {y}")
                            break
    print(f"{label}: {len(cases)} cases, {bad} differ")
    return bad


def main():
    ref, new, out = sys.argv[1:4]
    rules = sys.argv[4] if len(sys.argv) > 4 else None
    n = int(sys.argv[5]) if len(sys.argv) > 5 else 300
    rng = random.Random(7)
    bad = 0
    if rules:
        with open(os.path.join(out, "bundled.jsonl")) as f:
            lines = [json.loads(l) for _, l in zip(range(n), f)]
        bad += compare(ref, new, rules, lines, "bundled")
    for d in sorted(os.listdir(out)):
        if not d.startswith("synth-"):
            continue
        src = os.path.join(out, d)
        with open(os.path.join(src, "cases.json")) as f:
            facts = json.load(f)["cases"][:n]
        cases = []
        for x in facts:
            flat = {"request.date": "2026-11-28",
                    "request.data_categories": ["content"],
                    "data.locations": ["US"]}
            for k, v in x.items():
                if k in REQUIRED or rng.random() > 0.15:
                    flat[SYNTH[k]] = v
            cases.append(nest(flat))
        bad += compare(ref, new, src, cases, d)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
