#!/bin/sh
# The documents lexloci writes itself: a page per regime of the bundled rule
# set (docs/regimes/, `lexloci doc`), the JSON Schemas (docs/schema/) and the
# case reference (docs/case-reference.md), generated from the rule set and
# the engine's vocabulary so that they cannot drift from them.
#
#   check.sh LEXLOCI SRCDIR             compare docs/ with fresh output (a test)
#   check.sh LEXLOCI SRCDIR --update    rewrite them in docs/
#   check.sh LEXLOCI SRCDIR --out DIR   write them, and the HTML pages, to DIR
set -eu
LEXLOCI=$1
src=$2
mode=${3:-check}
gen() { # gen DIR [html]: every generated document into DIR
  mkdir -p "$1/regimes" "$1/schema"
  "$LEXLOCI" --rules "$src/rules" doc --format md --out "$1/regimes"
  [ "${2:-}" = html ] &&
    "$LEXLOCI" --rules "$src/rules" doc --format html --out "$1/regimes-html"
  "$LEXLOCI" doc --schema case >"$1/schema/case.schema.json"
  "$LEXLOCI" doc --schema rules >"$1/schema/rules.schema.json"
  "$LEXLOCI" doc --case-reference >"$1/case-reference.md"
}
case $mode in
--update)
  rm -f "$src"/docs/regimes/*.md
  gen "$src/docs"
  echo "updated docs/regimes, docs/schema and docs/case-reference.md" ;;
--out)
  gen "$4" html ;;
*)
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  gen "$tmp"
  fail=0
  for f in regimes schema/case.schema.json schema/rules.schema.json \
           case-reference.md; do
    if ! diff -ru "$src/docs/$f" "$tmp/$f" >"$tmp/diff" 2>&1; then
      head -40 "$tmp/diff"
      fail=1
    fi
  done
  if [ $fail = 1 ]; then
    echo "docs/ is stale: the rules or the vocabulary changed. Regenerate it"
    echo "with: cmake --build BUILD --target update-docs (then review and commit)"
  fi
  exit $fail ;;
esac
