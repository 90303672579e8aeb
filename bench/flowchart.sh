#!/usr/bin/env bash
# Flowchart build time: how long tebiki takes to wrap the words, lay out and
# draw the flowchart of one troubleshooter of NODES nodes (default 60), as a
# build does for every flow it parses. Median, min and max over RUNS
# generated flows (default 31); with `perf` installed, also the CPU time per
# flow, which a loaded machine does not inflate.
#
#   bench/flowchart.sh [NODES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:-60}
runs=${2:-31}
cargo build --quiet --release --example flowchart_bench
bin=target/release/examples/flowchart_bench
"$bin" "$nodes" "$runs"
if command -v perf >/dev/null 2>&1; then
  ms=$(perf stat -x, -e task-clock "$bin" "$nodes" "$runs" 2>&1 >/dev/null | awk -F, '/task-clock/ { print $1 }')
  awk -v ms="$ms" -v runs="$runs" 'BEGIN { printf "CPU time: %.1f ms per flow\n", ms / runs }'
fi
