#!/usr/bin/env bash
# Paired build-time benchmark: tebiki against Hugo on the same synthetic site.
#
#   bench/run.sh [N] [RUNS]        e.g.  bench/run.sh 1000 5   |   bench/run.sh 10000 3
#
# Generates N guides in both flavors (bench/gen_site.py) under a tmpfs scratch
# folder, reusing them when already there, then runs one warm-up build of each
# tool followed by RUNS pairs alternating tebiki / Hugo (A B A B ...). Every
# build is a full rebuild into an existing output folder on tmpfs, timed from
# outside with GNU time. Prints medians [min-max] per tool and the median of
# the per-pair ratios, and writes the raw rows to a TSV in the scratch folder.
# Nothing is written inside the repository (except target/ if tebiki must be
# built). See bench/README.md.
#
# Environment overrides:
#   TEBIKI      tebiki binary (default: $REPO/target/release/tebiki; built with
#               `cargo build --release` if that default is missing)
#   HUGO        hugo binary (default: hugo from PATH; apt-get installed if missing)
#   BENCH_DIR   scratch folder (default: /dev/shm/tebiki-bench)
#   SEED        generator seed (default: 20240601)
#   REGEN=1     regenerate the corpus even if its stamp matches
#   VARIANTS=1  includes in 20 % of guides and variant tabs in 10 % (gen_site.py --variants)
#   SHOTS=realistic
#               2x application screenshots instead of one tiny PNG (gen_site.py
#               --shots realistic; needs Debian's python3-pil, run by /usr/bin/python3)
#   BEFORE_TEBIKI
#               a shell command run before each timed tebiki build, untimed: e.g.
#               'rm -rf "$CORPUS/tebiki/.tebiki-cache"' to time builds with a cold cache

set -euo pipefail

N=${1:-1000}
RUNS=${2:-5}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
SCRATCH=${BENCH_DIR:-/dev/shm/tebiki-bench}
VARIANTS=${VARIANTS:-0}
SHOTS=${SHOTS:-tiny}
[[ $SHOTS == tiny || $SHOTS == realistic ]] || { echo "run.sh: error: SHOTS must be tiny or realistic" >&2; exit 1; }
SUFFIX=$([[ $VARIANTS == 1 ]] && echo -variants || true)$([[ $SHOTS == realistic ]] && echo -shots || true)
GEN_FLAGS="$([[ $VARIANTS == 1 ]] && echo --variants || true) --shots $SHOTS"
# Realistic screenshots are drawn with Pillow, which Debian packages for its own Python.
GEN_PY=$([[ $SHOTS == realistic ]] && echo /usr/bin/python3 || echo python3)
CORPUS=$SCRATCH/corpus-$N$SUFFIX
export CORPUS
SEED=${SEED:-20240601}
DEFAULT_TEBIKI=$REPO/target/release/tebiki
TEBIKI=${TEBIKI:-$DEFAULT_TEBIKI}
HUGO=${HUGO:-hugo}
TIME=/usr/bin/time
OUT_T=$SCRATCH/out-tebiki-$N$SUFFIX
OUT_H=$SCRATCH/out-hugo-$N$SUFFIX

die() { echo "run.sh: error: $*" >&2; exit 1; }
note() { echo "run.sh: $*" >&2; }

[[ $N =~ ^[0-9]+$ && $N -ge 1 ]] || die "N must be a positive integer (got '$N')"
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || die "RUNS must be a positive integer (got '$RUNS')"
command -v python3 >/dev/null || die "python3 is required"

as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }
apt_install() {
    note "installing $* with apt-get"
    as_root apt-get install -y "$@" >/dev/null ||
        { as_root apt-get update >/dev/null && as_root apt-get install -y "$@" >/dev/null; } ||
        die "could not install $*"
}

# ---- tools ----------------------------------------------------------------
[[ -x $TIME ]] || apt_install time
[[ -x $TIME ]] || die "$TIME missing after installing 'time'"
if ! command -v "$HUGO" >/dev/null; then
    [[ $HUGO == hugo ]] || die "HUGO=$HUGO not found"
    apt_install hugo
fi
HUGO=$(command -v "$HUGO")

if [[ ! -x $TEBIKI ]]; then
    [[ $TEBIKI == "$DEFAULT_TEBIKI" ]] || die "TEBIKI=$TEBIKI is not an executable file"
    command -v cargo >/dev/null || die "$TEBIKI missing and cargo not found"
    note "building tebiki: cargo build --release"
    (cd "$REPO" && cargo build --release) || die "cargo build --release failed"
    [[ -x $TEBIKI ]] || die "cargo build succeeded but $TEBIKI is missing"
fi

# ---- corpus ---------------------------------------------------------------
mkdir -p "$SCRATCH"
if [[ $(stat -f -c %T "$SCRATCH") != tmpfs ]]; then
    note "warning: $SCRATCH is not on tmpfs; disk timings on this box are noise-dominated"
fi
GEN=$HERE/gen_site.py
STAMP="n=$N seed=$SEED variants=$VARIANTS shots=$SHOTS gen=$(cat "$GEN" "$HERE/shots_ui.py" | sha256sum | cut -c1-16)"
GEN_SECS="reused"
if [[ ${REGEN:-0} != 1 && -f $CORPUS/.stamp && $(cat "$CORPUS/.stamp") == "$STAMP" ]]; then
    note "reusing corpus $CORPUS ($STAMP)"
else
    note "generating corpus $CORPUS ($STAMP)"
    rm -rf "$CORPUS"
    mkdir -p "$CORPUS"
    t0=$(date +%s.%N)
    "$GEN_PY" "$GEN" --n "$N" --seed "$SEED" --out "$CORPUS/tebiki" --flavor tebiki $GEN_FLAGS || die "gen_site.py (tebiki) failed"
    "$GEN_PY" "$GEN" --n "$N" --seed "$SEED" --out "$CORPUS/hugo" --flavor hugo $GEN_FLAGS || die "gen_site.py (hugo) failed"
    t1=$(date +%s.%N)
    GEN_SECS=$(python3 -c "print(f'{$t1 - $t0:.1f} s')")
    echo "$STAMP" >"$CORPUS/.stamp"
fi

# ---- runs -----------------------------------------------------------------
TSV=$SCRATCH/results-$N$SUFFIX-$(date +%Y%m%d-%H%M%S).tsv
printf 'pair\ttool\twall_s\tuser_s\tsys_s\tmaxrss_kib\n' >"$TSV"
MARK=$SCRATCH/.run-start

# run_one TOOL PAIR: one timed build, appends a row to $TSV.
run_one() {
    local tool=$1 pair=$2 out log tf
    local -a cmd
    case $tool in
        tebiki) out=$OUT_T; cmd=("$TEBIKI" build "$CORPUS/tebiki" --out "$OUT_T") ;;
        hugo) out=$OUT_H; cmd=("$HUGO" --quiet --source "$CORPUS/hugo" --destination "$OUT_H" --cleanDestinationDir) ;;
    esac
    log=$SCRATCH/log-$tool-$N.txt
    tf=$SCRATCH/.time-$tool
    if [[ $tool == tebiki && -n ${BEFORE_TEBIKI:-} ]]; then
        bash -c "$BEFORE_TEBIKI" || die "BEFORE_TEBIKI failed: $BEFORE_TEBIKI"
    fi
    touch "$MARK"
    if ! "$TIME" -f '%e %U %S %M' -o "$tf" -- "${cmd[@]}" >"$log" 2>&1; then
        echo "---- last lines of $log ----" >&2
        tail -n 30 "$log" >&2
        echo "---- $(tr '\n' ' ' <"$tf") ----" >&2
        die "$tool build failed (pair $pair): ${cmd[*]}"
    fi
    local wall user sys rss
    read -r wall user sys rss < <(tail -n 1 "$tf")
    [[ $rss =~ ^[0-9]+$ ]] || die "could not parse GNU time output: $(cat "$tf")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$pair" "$tool" "$wall" "$user" "$sys" "$rss" >>"$TSV"
    if [[ -z $(find "$out" -name '*.html' -newer "$MARK" -print -quit) ]]; then
        note "warning: $tool pair $pair wrote no .html file newer than the start of the run"
    fi
    printf '  %-7s %-6s wall %6.2f s  cpu %6.2f s  peak %5d MiB\n' "$tool" "$pair" "$wall" \
        "$(python3 -c "print($user + $sys)")" "$((rss / 1024))" >&2
}

# check_output TOOL DIR: the build must have produced at least one page per guide.
check_output() {
    local tool=$1 dir=$2 html
    [[ -d $dir ]] || die "$tool wrote no output folder $dir"
    html=$(find "$dir" -name '*.html' | wc -l)
    ((html >= N)) || die "$tool output has only $html .html files for $N guides ($dir)"
    echo "$html"
}

note "N=$N RUNS=$RUNS  load average: $(cut -d' ' -f1-3 /proc/loadavg)  cpus: $(nproc)"
# The warm-up builds start from an empty folder, so they must write everything.
rm -rf "$OUT_T" "$OUT_H"
mkdir -p "$OUT_T" "$OUT_H"
run_one tebiki warmup
HTML_T=$(check_output tebiki "$OUT_T")
run_one hugo warmup
HTML_H=$(check_output hugo "$OUT_H")
for ((i = 1; i <= RUNS; i++)); do
    run_one tebiki "$i"
    run_one hugo "$i"
done
HTML_T=$(check_output tebiki "$OUT_T")
HTML_H=$(check_output hugo "$OUT_H")

# ---- report ---------------------------------------------------------------
TEBIKI_VER=$("$TEBIKI" --version 2>/dev/null | head -n 1 || true)
REV=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "no commit")
HUGO_VER=$("$HUGO" version | cut -d' ' -f2)
STATS=$(python3 - "$TSV" <<'EOF'
import statistics as st, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
runs = {"tebiki": {}, "hugo": {}}
for pair, tool, wall, user, sys_, rss in rows:
    if pair != "warmup":
        runs[tool][int(pair)] = (float(wall), float(user) + float(sys_), int(rss) / 1024)
def col(tool, k): return [v[k] for _, v in sorted(runs[tool].items())]
def fmt(xs, p=2): return f"{st.median(xs):.{p}f} [{min(xs):.{p}f}-{max(xs):.{p}f}]"
print(f"{'tool':<8} {'wall s':<22} {'cpu s (user+sys)':<22} {'peak RSS MiB':<18}")
for tool in ("tebiki", "hugo"):
    print(f"{tool:<8} {fmt(col(tool, 0)):<22} {fmt(col(tool, 1)):<22} {fmt(col(tool, 2), 0):<18}")
pairs = sorted(set(runs["tebiki"]) & set(runs["hugo"]))
ratio = lambda k: [runs["tebiki"][p][k] / runs["hugo"][p][k] for p in pairs]
print()
print(f"tebiki/hugo per pair ({len(pairs)} pairs, median [min-max]):")
print(f"  wall {fmt(ratio(0))}   cpu {fmt(ratio(1))}   peak RSS {fmt(ratio(2))}")
print(f"  peak RSS MiB (median): tebiki {st.median(col('tebiki', 2)):.0f} / hugo {st.median(col('hugo', 2)):.0f}")
EOF
)

cat <<EOF

== tebiki vs Hugo: N=$N guides$([[ $VARIANTS == 1 ]] && echo " (with includes and tabs)" || true)$([[ $SHOTS == realistic ]] && echo " (realistic 2x screenshots)" || true), $RUNS pairs (A=tebiki B=Hugo alternating), output on tmpfs ==
tebiki : $TEBIKI ${TEBIKI_VER:+($TEBIKI_VER) }@ $REV  -> $HTML_T .html files
hugo   : $HUGO $HUGO_VER  -> $HTML_H .html files
corpus : $CORPUS (generation: $GEN_SECS)

$STATS

raw rows: $TSV
EOF
