#!/bin/sh
# Runs the lexloci CLI under valgrind (memcheck, full leak check) over the
# test corpus: every case of tests/fuzz/seeds/case/ (as text from YAML, as
# JSON with the explanation from JSON), the golden batch, the bundled rule
# set's own tests, and the golden CLI tests' commands. Any error or leak
# fails. It takes a few minutes, so CI runs it only when asked:
#
#   tools/valgrind-cli.sh [BUILD]     (default: build; needs valgrind)
#   LEXLOCI_VALGRIND=1 tools/test-all.sh
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
lexloci=$(cd "$build/tools" && pwd)/lexloci
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 2; }
log=$(mktemp)
trap 'rm -f "$log" "$log.w"' EXIT
vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --track-origins=yes"
runs=0 bad=0
check() {
  # $@: the command; exit statuses 0-2 are the CLI's own (spec/cli.md).
  runs=$((runs + 1))
  set +e
  $vg "$@" >/dev/null 2>"$log"
  rc=$?
  set -e
  if [ $rc -gt 2 ] || grep -q '^==[0-9]*==' "$log"; then
    bad=$((bad + 1))
    echo "FAIL ($rc): $*"
    head -30 "$log"
  fi
}
rules=rules
for c in tests/fuzz/seeds/case/*; do
  case $c in
  *.yaml) check "$lexloci" --rules "$rules" eval "$c" --format text ;;
  *) check "$lexloci" --rules "$rules" eval "$c" --format json --explain ;;
  esac
done
check "$lexloci" --rules "$rules" test -q
check "$lexloci" --rules tests/golden/batch_mixed/rules eval --batch \
  tests/golden/batch_mixed/cases.jsonl
# The golden tests' commands, each with lexloci under valgrind.
for d in tests/golden/*/; do
  [ -f "$d/cmd" ] || continue
  runs=$((runs + 1))
  set +e
  (cd "$d" && LEXLOCI="$vg --log-file=$log.w $lexloci" NO_COLOR=1 sh ./cmd) \
    >/dev/null 2>&1
  set -e
  if [ -s "$log.w" ] && grep -q '^==[0-9]*==' "$log.w"; then
    bad=$((bad + 1))
    echo "FAIL: golden $d"
    head -30 "$log.w"
  fi
  rm -f "$log.w"
done
echo "valgrind: $((runs - bad)) passed, $bad failed"
[ $bad -eq 0 ]
