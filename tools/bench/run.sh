#!/bin/sh
# run.sh: the one command that reproduces docs/performance.md's figures.
# Builds lexloci and the benchmark (Release, in build-bench), installs the
# Node peers into build-bench/bench-node when npm is there, runs the whole
# benchmark and draws the plot.
#   tools/bench/run.sh [--runs N] [--quick] [lexloci-bench options...]
# --runs N (N >= 2) runs the synthetic part N - 1 more times (lexloci, the
# C functions, Lua and CLIPS) and takes each figure's median over the N runs
# (median.py): single runs on a shared machine move by up to x2. The
# extra runs take the benchmark's default sizes and cases, whatever options
# follow; the Node peers and the bundled figures come from the first run.
# docs/performance.md quotes --runs 7. The targets, met or missed, are
# printed last (summary.py) and kept in bench-out/summary.txt.
# Peers are optional: install liblua5.4-dev, libclips-dev, nodejs and npm
# (Debian) to compare against them; python3-matplotlib draws the plot.
set -eu
cd "$(dirname "$0")/../.."
runs=1
if [ "${1:-}" = "--runs" ]; then
  runs=${2:?--runs needs a number}
  shift 2
  case $runs in
    ''|*[!0-9]*) echo "run.sh: --runs needs a number, not '$runs'" >&2; exit 2 ;;
  esac
fi
build=build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DLEXLOCI_BENCH=ON \
  -DLEXLOCI_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" \
  --target lexloci lexloci-bench
if command -v npm >/dev/null 2>&1; then
  mkdir -p "$build/bench-node"
  cp tools/bench/node/package.json "$build/bench-node/"
  (cd "$build/bench-node" && npm install --no-audit --no-fund --silent) ||
    echo "npm install failed: the Node peers will be skipped"
fi
out="$build/bench-out"
mkdir -p "$out"
"$build/tools/bench/lexloci-bench" --out "$out" "$@" | tee "$out/report.txt"
csv="$out/bench.csv"
if [ "$runs" -gt 1 ]; then
  peers=
  for p in lua clips; do
    if grep -q "^synthetic,$p," "$csv"; then peers="$peers${peers:+,}$p"; fi
  done
  rm -rf "$build"/synth-run-*
  i=2
  while [ "$i" -le "$runs" ]; do
    echo "synthetic run $i of $runs"
    "$build/tools/bench/lexloci-bench" --synthetic-only ${peers:+--peers "$peers"} \
      --out "$build/synth-run-$i" >/dev/null
    i=$((i + 1))
  done
  python3 tools/bench/median.py "$csv" "$out/median.csv" "$csv" \
    "$build"/synth-run-*/bench.csv
  csv="$out/median.csv"
  echo "each synthetic figure: the median of $runs runs ($csv)"
fi
python3 tools/bench/summary.py "$csv" | tee "$out/summary.txt"
if /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
  /usr/bin/python3 tools/bench/plot.py "$csv" docs/performance.png
  echo "plot written to docs/performance.png"
else
  echo "no matplotlib (apt-get install python3-matplotlib): no plot"
fi
