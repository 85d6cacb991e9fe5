#!/bin/sh
# Builds lexloci twice, plainly and with AddressSanitizer + UBSan, and runs
# every test (unit, golden CLI, the bundled rule set's own tests, fuzz
# regressions) in both; the plain build fails every allocation of the
# bundled rule set's loading in turn (LEXLOCI_OOM_FULL). Then, when the
# tools are there: the thread test under ThreadSanitizer, and each libFuzzer
# target for a few seconds (clang). LEXLOCI_VALGRIND=1 adds the CLI under
# valgrind (minutes). This is the README's test command and what CI runs.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
for variant in plain asan; do
  dir=build-test-$variant
  opts="-DCMAKE_BUILD_TYPE=RelWithDebInfo"
  full=1
  [ "$variant" = asan ] && opts="-DCMAKE_BUILD_TYPE=Debug -DLEXLOCI_SANITIZE=ON" full=
  echo "== $variant build ($dir)"
  cmake -S . -B "$dir" $opts >/dev/null
  cmake --build "$dir" -j "$jobs"
  LEXLOCI_OOM_FULL=$full ASAN_OPTIONS=detect_leaks=1 \
    ctest --test-dir "$dir" --output-on-failure -j "$jobs"
done

echo "== thread test under ThreadSanitizer (build-test-tsan)"
cmake -S . -B build-test-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLEXLOCI_TSAN=ON >/dev/null
cmake --build build-test-tsan -j "$jobs" --target threads_main
ctest --test-dir build-test-tsan --output-on-failure -R '^threads\.tsan$'

fuzzer=$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
  2>/dev/null | head -1 || true)
if command -v clang >/dev/null 2>&1 && [ -n "$fuzzer" ]; then
  echo "== each fuzz target for 8 seconds (build-test-fuzz)"
  tools/fuzz/run -t 8 -B build-test-fuzz
else
  echo "== no clang with libFuzzer: fuzz targets skipped"
fi

if [ "${LEXLOCI_VALGRIND:-0}" = 1 ]; then
  echo "== the CLI under valgrind"
  tools/valgrind-cli.sh build-test-plain
fi
echo "all tests passed"
