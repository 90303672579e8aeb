#!/usr/bin/env bash
# Lighthouse report for a guide page of the example site. Issue 5's targets:
# 100 for accessibility, best practices and SEO, at least 95 for performance.
# A report to run and quote, not a test (the scores depend on this machine).
#
#   bench/lighthouse.sh [PAGE] [RUNS]    default: account/reset-password.html 3
#
# Builds the example site into a scratch folder, serves it on 127.0.0.1 with
# gzip (as any web server would), and runs Lighthouse (npm, pinned in
# bench/lighthouse/package.json, installed with `npm ci` when missing) with
# Debian's chromium, RUNS times with the mobile preset (simulated slow 4G and
# a 4x slower CPU) and RUNS times with the desktop preset, alternating. Prints
# the median score of each category and the median metrics, and keeps the
# last JSON and HTML reports in the scratch folder.
#
# Environment overrides:
#   TEBIKI               tebiki binary (default: target/debug/tebiki, built with cargo)
#   TEBIKI_EXAMPLE_SITE  site folder to build (default: the repository's example site)
#   CHROME_PATH          browser (default: /usr/bin/chromium)
#   OUT                  scratch folder (default: /tmp/tebiki-lighthouse)
set -euo pipefail

PAGE=${1:-account/reset-password.html}
RUNS=${2:-3}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
OUT=${OUT:-/tmp/tebiki-lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
SITE=${TEBIKI_EXAMPLE_SITE:-$REPO}

if [ -z "${TEBIKI:-}" ]; then
  (cd "$REPO" && cargo build --quiet)
  TEBIKI=$REPO/target/debug/tebiki
fi
if [ ! -x "$CHROME_PATH" ]; then
  echo "==> installing chromium"; apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ ! -x "$HERE/lighthouse/node_modules/.bin/lighthouse" ]; then
  echo "==> npm ci (bench/lighthouse)"; (cd "$HERE/lighthouse" && npm ci --no-audit --no-fund --loglevel=error)
fi

rm -rf "$OUT" && mkdir -p "$OUT"
"$TEBIKI" build "$SITE" --out "$OUT/site" --quiet

# A static server with gzip, on a free port of the loopback interface.
node -e '
const http = require("http"), fs = require("fs"), path = require("path"), zlib = require("zlib");
const root = process.argv[1];
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".png": "image/png", ".webp": "image/webp", ".avif": "image/avif", ".jpg": "image/jpeg", ".xml": "application/xml", ".svg": "image/svg+xml" };
const server = http.createServer((req, res) => {
  let file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!fs.existsSync(file)) { res.writeHead(404, { "content-type": "text/plain" }).end("not found"); return; }
  const type = types[path.extname(file)] || "application/octet-stream";
  let body = fs.readFileSync(file);
  const headers = { "content-type": type, "cache-control": "max-age=3600" };
  if (/text|javascript|json|xml|svg/.test(type) && /gzip/.test(req.headers["accept-encoding"] || "")) { body = zlib.gzipSync(body); headers["content-encoding"] = "gzip"; }
  res.writeHead(200, headers).end(body);
});
server.listen(0, "127.0.0.1", () => { fs.writeFileSync(process.argv[2], String(server.address().port)); });
' "$OUT/site" "$OUT/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$OUT/port" ] && break; sleep 0.1; done
URL="http://127.0.0.1:$(cat "$OUT/port")/$PAGE"
echo "==> $URL, $RUNS runs per preset"

for i in $(seq "$RUNS"); do
  for preset in mobile desktop; do
    flags=()
    [ "$preset" = desktop ] && flags+=(--preset=desktop)
    "$HERE/lighthouse/node_modules/.bin/lighthouse" "$URL" "${flags[@]}" --quiet --no-enable-error-reporting \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking" \
      --output=json --output=html --output-path="$OUT/$preset-$i" >/dev/null
  done
done

node -e '
const fs = require("fs");
const [out, runs] = [process.argv[1], +process.argv[2]];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
for (const preset of ["mobile", "desktop"]) {
  const reports = [];
  for (let i = 1; i <= runs; i++) reports.push(JSON.parse(fs.readFileSync(`${out}/${preset}-${i}.report.json`, "utf8")));
  const cat = (id) => median(reports.map((r) => Math.round(r.categories[id].score * 100)));
  const all = (id) => reports.map((r) => Math.round(r.categories[id].score * 100)).join("/");
  const metric = (id) => median(reports.map((r) => r.audits[id].numericValue));
  console.log(`${preset.padEnd(8)} performance ${cat("performance")} (${all("performance")})  accessibility ${cat("accessibility")}  best-practices ${cat("best-practices")}  seo ${cat("seo")}`);
  console.log(`${"".padEnd(8)} FCP ${Math.round(metric("first-contentful-paint"))} ms  LCP ${Math.round(metric("largest-contentful-paint"))} ms  TBT ${Math.round(metric("total-blocking-time"))} ms  CLS ${metric("cumulative-layout-shift").toFixed(3)}  SI ${Math.round(metric("speed-index"))} ms`);
  const failing = new Set();
  for (const r of reports) for (const c of Object.values(r.categories)) for (const ref of c.auditRefs) {
    const a = r.audits[ref.id];
    if (ref.weight > 0 && a.score !== null && a.score < 1 && c.id !== "performance") failing.add(`${c.id}: ${a.id} (${a.title})`);
  }
  for (const f of failing) console.log(`${"".padEnd(8)} not passed: ${f}`);
}
' "$OUT" "$RUNS"
echo "reports: $OUT/{mobile,desktop}-$RUNS.report.html"
