#!/usr/bin/env bash
# Adopting other tools' help centers, before and after: for the skype-ja
# corpus and each fixture under tests/fixtures/helpcenters/, and for each of
# two tebiki binaries, print the check's errors and warnings by rule, the
# pages whose visible text shows raw tags (bench/visible_tags.py), whether
# the build succeeds, and the build time (median of RUNS builds).
#
# Usage: bench/dialects.sh [BEFORE] [AFTER]
#   BEFORE  default /work/bin/tebiki-before (the release binary of the last round)
#   AFTER   default target/release/tebiki (build it once: nice cargo build --release)
#   CORPUS  env, default /work/shared/corpus/skype-ja (copied to /dev/shm, never into the project;
#           empty: fixtures only)
#   RUNS    env, builds timed per site and binary (default 3)
#
# A binary with `init` adopts each site as a team would (`tebiki init`, the
# corpus's own tebiki.yaml set aside first); one without it builds the
# folder as it is, with whatever tebiki.yaml the folder has.
set -u
cd "$(dirname "$0")/.."
BEFORE=${1:-/work/bin/tebiki-before}
AFTER=${2:-target/release/tebiki}
CORPUS=${CORPUS-/work/shared/corpus/skype-ja}
RUNS=${RUNS:-3}
WORK=$(mktemp -d /dev/shm/tebiki-dialects.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

sites=()
[ -n "$CORPUS" ] && sites+=("skype-ja=$CORPUS")
for d in tests/fixtures/helpcenters/*/; do
    d=${d%/}
    sites+=("$(basename "$d")=$PWD/$d")
done

summary() { # check JSON on stdin → "E: rule n, …|W: rule n, …"
    python3 -c "$(cat <<'PY'

import json, sys, collections
try:
    r = json.load(sys.stdin)
except ValueError:
    print("(no report)|"); sys.exit()
by = {"error": collections.Counter(), "warning": collections.Counter()}
for d in r["diagnostics"]:
    by[d["severity"]][d["rule"]] += 1
fmt = lambda c: ", ".join(f"{k} {v}" for k, v in c.most_common()) or "-"
errors, warnings = fmt(by["error"]), fmt(by["warning"])
print("%d (%s)|%d (%s)" % (r["errors"], errors, r["warnings"], warnings))
PY
)"
}

printf '| site | binary | errors by rule | warnings by rule | build | pages with visible tags | build time (median of %s) |\n' "$RUNS"
printf '|---|---|---|---|---|---|---|\n'
for entry in "${sites[@]}"; do
    name=${entry%%=*}
    src=${entry#*=}
    for label in before after; do
        bin=$BEFORE
        [ "$label" = after ] && bin=$AFTER
        site="$WORK/$label/$name"
        rm -rf "$site"
        mkdir -p "$WORK/$label"
        cp -r "$src" "$site"
        if "$bin" help init >/dev/null 2>&1; then
            rm -f "$site/tebiki.yaml"
            nice "$bin" init "$site" >/dev/null 2>&1
        fi
        report=$(nice "$bin" check --format json "$site" 2>/dev/null | summary)
        times=()
        ok=yes
        for _ in $(seq "$RUNS"); do
            rm -rf "$WORK/out"
            start=$(date +%s.%N)
            if ! nice "$bin" build --quiet --out "$WORK/out" "$site" >/dev/null 2>&1; then
                ok=no
            fi
            end=$(date +%s.%N)
            times+=("$(echo "$end - $start" | bc)")
        done
        median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
        if [ "$ok" = yes ]; then
            tags=$(python3 bench/visible_tags.py "$WORK/out" | sed -n 's/^pages showing HTML tags as text: \([0-9]*\).*/\1/p')
            pages=$(find "$WORK/out" -name '*.html' | wc -l)
            tags="$tags of $pages"
        else
            tags="-"
        fi
        printf '| %s | %s | %s | %s | %s | %s | %.2f s |\n' \
            "$name" "$label" "${report%%|*}" "${report#*|}" "$ok" "$tags" "$median"
        rm -rf "$WORK/out" "$site"
    done
done
