#!/usr/bin/env python3
"""The JSON Schemas of docs/schema/ against real files: every example case
and every file of the bundled rule set must validate, and each deliberately
broken file under tests/doc/ must be rejected with the errors it lists in its
first comment lines ("# expect: ..."). Skips (exit 77) without
python3-jsonschema and python3-yaml."""
import glob
import json
import os
import sys

try:
    import jsonschema
    import yaml
except ImportError:
    print("python3-jsonschema or python3-yaml is missing: skipped")
    sys.exit(77)

src = sys.argv[1]


class Yaml12(yaml.SafeLoader):
    """YAML as the YAML language server reads it (1.2): 2026-11-28 is a
    string, not a date."""


Yaml12.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12)


def validator(name):
    with open(os.path.join(src, "docs", "schema", name), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


case = validator("case.schema.json")
rules = validator("rules.schema.json")
failed = 0

good = [(case, p) for p in glob.glob(os.path.join(src, "docs/examples/*.yaml"))]
good += [(case, os.path.join(src, "tests/golden/_tools_case.yaml"))]
good += [(rules, p) for p in glob.glob(os.path.join(src, "rules/**/*.yaml"),
                                        recursive=True)]
for v, path in sorted(good, key=lambda x: x[1]):
    errors = list(v.iter_errors(load(path)))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        print(f"FAIL {os.path.relpath(path, src)}: {best.message} at "
              f"{'/'.join(str(p) for p in best.absolute_path)}")
        failed += 1

for path in sorted(glob.glob(os.path.join(src, "tests/doc/broken-*.yaml"))):
    v = case if "case" in os.path.basename(path) else rules
    with open(path, encoding="utf-8") as f:
        expect = [l[len("# expect: "):].strip() for l in f
                  if l.startswith("# expect: ")]
    messages = []

    def walk(errors):
        for e in errors:
            messages.append(e.message)
            walk(e.context or [])

    walk(v.iter_errors(load(path)))
    for want in expect:
        if not any(want in m for m in messages):
            print(f"FAIL {os.path.relpath(path, src)}: no error saying "
                  f"'{want}'; got: {messages[:6]}")
            failed += 1
    if not messages:
        print(f"FAIL {os.path.relpath(path, src)}: accepted")
        failed += 1

print(f"{len(good)} files valid, broken files rejected" if not failed
      else f"{failed} failures")
sys.exit(1 if failed else 0)
