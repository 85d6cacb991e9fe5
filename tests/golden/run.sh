#!/bin/sh
# Runs one golden CLI test: DIR/cmd is a shell command line in which
# $LEXLOCI is the lexloci binary and the working directory is DIR. Its
# standard output, standard error and exit status must equal DIR/stdout,
# DIR/stderr and DIR/status byte for byte. LEXLOCI_GOLDEN_UPDATE=1 rewrites
# them (then read the diff before committing: expected output is reviewed,
# never accepted blindly).
set -u
LEXLOCI=$1
dir=$2
cd "$dir" || exit 2
export LEXLOCI NO_COLOR=1
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
sh ./cmd >"$out" 2>"$err"
status=$?
# Paths in messages are relative to DIR; strip any build-specific prefix.
sed -i "s|$dir/||g" "$out" "$err"
if [ "${LEXLOCI_GOLDEN_UPDATE:-0}" = 1 ]; then
  cp "$out" stdout
  cp "$err" stderr
  echo "$status" >status
  exit 0
fi
fail=0
if ! cmp -s "$out" stdout; then
  echo "stdout differs:"; diff -u stdout "$out" | head -60; fail=1
fi
if ! cmp -s "$err" stderr; then
  echo "stderr differs:"; diff -u stderr "$err" | head -60; fail=1
fi
if [ "$status" != "$(cat status)" ]; then
  echo "exit status: expected $(cat status), got $status"; fail=1
fi
exit $fail
