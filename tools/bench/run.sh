#!/bin/sh
# run.sh: the one command that reproduces docs/performance.md's figures.
# Builds lexloci and the benchmark (Release, in build-bench), installs the
# Node peers into build-bench/bench-node when npm is there, runs the whole
# benchmark and draws the plot.
#   tools/bench/run.sh [--quick] [lexloci-bench options...]
# Peers are optional: install liblua5.4-dev, libclips-dev, nodejs and npm
# (Debian) to compare against them; python3-matplotlib draws the plot.
set -eu
cd "$(dirname "$0")/../.."
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
if /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
  /usr/bin/python3 tools/bench/plot.py "$out/bench.csv" docs/performance.png
  echo "plot written to docs/performance.png"
else
  echo "no matplotlib (apt-get install python3-matplotlib): no plot"
fi
