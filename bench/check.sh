#!/usr/bin/env bash
# Times `tebiki check` on the synthetic corpus of gen_site.py (N guides,
# generated into tmpfs and reused while gen_site.py is unchanged) and
# prints every run and the median wall time. Usage: bench/check.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-7}
TEBIKI=${TEBIKI:-target/release/tebiki}
DIR=${BENCH_DIR:-/dev/shm/tebiki-check-bench}/corpus-$N
STAMP="$N $(sha256sum bench/gen_site.py | cut -c1-16)"
[ -x "$TEBIKI" ] || cargo build --release --quiet
if [ "$(cat "$DIR/.stamp" 2>/dev/null)" != "$STAMP" ]; then
  rm -rf "$DIR"
  python3 bench/gen_site.py --n "$N" --out "$DIR" --flavor tebiki
  echo "$STAMP" > "$DIR/.stamp"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$TEBIKI" check "$DIR" > /dev/null || true   # warm-up (page cache)
times=()
for i in $(seq "$RUNS"); do
  start=$(date +%s.%N)
  code=0
  "$TEBIKI" check "$DIR" > /dev/null || code=$?
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  times+=("$t")
  printf 'run %d: %.3f s (exit %d)\n' "$i" "$t" "$code"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median of %d runs: %.3f s (min %.3f, max %.3f) for N=%s\n", NR, a[int((NR+1)/2)], a[1], a[NR], "'"$N"'"}'
