#!/usr/bin/env bash
# Cost of `dates: git`: a generated site of N guides (bench/gen_site.py)
# without `published`/`updated` in its front matter, in a git repository of
# C commits (the first adds every file, each later one edits a few guides
# and sometimes a file outside the content folder), made with git
# fast-import. Then `tebiki build` with `dates: git` against the same build
# with `dates: none`, side by side with farm-bench.
#
#   bench/git_dates.sh [N] [C] [RUNS]     default: 10000 3000 5
#
# Environment: TEBIKI (default target/release/tebiki), BENCH_DIR (default
# /dev/shm/tebiki-bench). Nothing is written inside the repository.
set -euo pipefail
N=${1:-10000}
C=${2:-3000}
RUNS=${3:-5}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
TEBIKI=${TEBIKI:-$REPO/target/release/tebiki}
SCRATCH=${BENCH_DIR:-/dev/shm/tebiki-bench}/git-$N-$C
SITE=$SCRATCH/site

if [ ! -f "$SCRATCH/stamp" ]; then
  rm -rf "$SCRATCH"
  mkdir -p "$SCRATCH"
  python3 "$HERE/gen_site.py" --n "$N" --out "$SITE" >/dev/null
  find "$SITE/content" -name '*.md' -exec sed -i '/^published:/d;/^updated:/d' {} +
  git -C "$SITE" init -q
  python3 - "$SITE" "$C" <<'EOF' | git -C "$SITE" fast-import --quiet
import os, random, sys
site, commits = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
guides = []
for d, _, files in os.walk(os.path.join(site, "content")):
    for f in files:
        guides.append(os.path.relpath(os.path.join(d, f), site))
guides.sort()
out = sys.stdout.buffer
def data(b):
    out.write(b"data %d\n" % len(b)); out.write(b); out.write(b"\n")
t0 = 1_600_000_000
for i in range(commits):
    out.write(b"commit refs/heads/main\n")
    out.write(b"committer Bench <bench@example.com> %d +0900\n" % (t0 + i * 3600 * 7))
    data(b"commit %d" % i)
    if i == 0:
        files = [(p, open(os.path.join(site, p), "rb").read()) for p in guides + ["tebiki.yaml"]]
    else:
        picks = rng.sample([g for g in guides if g.endswith(".md")], 3)
        files = [(p, open(os.path.join(site, p), "rb").read() + b"\nEdit %d.\n" % i) for p in picks]
        if i % 10 == 0:
            files.append(("NOTES.txt", b"note %d\n" % i))
    for p, b in files:
        out.write(b"M 100644 inline %s\n" % p.encode())
        data(b)
    out.write(b"\n")
EOF
  git -C "$SITE" checkout -q -f main
  touch "$SCRATCH/stamp"
fi

cp "$SITE/tebiki.yaml" "$SCRATCH/tebiki.yaml.orig" 2>/dev/null || true
NONE=$SCRATCH/site-none
rm -rf "$NONE" && cp -r "$SITE" "$NONE" && rm -rf "$NONE/.git"
grep -q '^dates:' "$NONE/tebiki.yaml" || echo 'dates: none' >>"$NONE/tebiki.yaml"
echo "git_dates.sh: $N guides, $(git -C "$SITE" rev-list --count HEAD) commits" >&2
farm-bench -n "$RUNS" --timeout 1200 --vs "$TEBIKI build -q $NONE --out $SCRATCH/out-none --force" -- \
  "$TEBIKI" build -q "$SITE" --out "$SCRATCH/out-git" --force
