#!/usr/bin/env bash
# Time and size of `tebiki pdf`: the example site (ja and en) and a generated
# site of N guides (bench/gen_site.py; its Japanese half), RUNS runs each,
# the median printed. Release build; writes only under BENCH_DIR.
#
#   bench/pdf.sh [N=1000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
RUNS=${2:-3}
DIR=${BENCH_DIR:-/dev/shm/tebiki-pdf-bench}
TEBIKI=${TEBIKI:-target/release/tebiki}
[ -x "$TEBIKI" ] || cargo build --release --quiet
mkdir -p "$DIR"
[ -d "$DIR/site-$N" ] || python3 bench/gen_site.py --n "$N" --out "$DIR/site-$N" >/dev/null
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1796342400}

measure() { # name site lang
  local name=$1 site=$2 lang=$3 out="$DIR/$1.pdf" times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    "$TEBIKI" pdf "$site" --lang "$lang" --out "$out" --quiet
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  local median pages
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
  pages=$(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}')
  printf '%-16s %8.2f s  %8.1f MiB  %5s pages  (runs: %s)\n' "$name" "$median" \
    "$(echo "$(stat -c %s "$out") / 1048576" | bc -l)" "${pages:-?}" "${times[*]}"
}

measure example-ja . ja
measure example-en . en
measure "generated-$N-ja" "$DIR/site-$N" ja
