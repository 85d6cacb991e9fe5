#!/bin/sh
# Builds lexloci twice, plainly and with AddressSanitizer + UBSan, and runs
# every test (unit, golden CLI, the bundled rule set's own tests) in both.
# This is the README's test command and what CI runs.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
for variant in plain asan; do
  dir=build-test-$variant
  opts="-DCMAKE_BUILD_TYPE=RelWithDebInfo"
  [ "$variant" = asan ] && opts="-DCMAKE_BUILD_TYPE=Debug -DLEXLOCI_SANITIZE=ON"
  echo "== $variant build ($dir)"
  cmake -S . -B "$dir" $opts >/dev/null
  cmake --build "$dir" -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$dir" --output-on-failure -j "$jobs"
done
echo "all tests passed in both builds"
