// Fast evaluation of tebiki's search without a browser: the engine
// (themes/default/static/search-engine.js, or the minified file a site
// ships) runs in a Node vm whose small stand-in for `document` loads index
// files from the built site the way script tags would. Reports recall@1,
// @3, @5, MRR and zero-result queries per language, and, with --cold, the
// bytes a fresh page's first query loads (engine, loader, meta, shards,
// fragments) as compare.mjs counts them in Chromium.
//
//   node bench/search/eval.mjs --site OUT --queries FILE [--lang L] [--cold] [--json RESULT] [--min] [--misses] [--param k=v,…] [--explain N|TEXT] [--repeat N] [--ceiling]
//
// --ceiling: what ranking alone could reach. Each query is classed by the
// coverage (the share of the query's terms, synonyms included, a guide
// holds: SPEC §6.4) of its best expected guide against the best other
// guide: `first` (already first), `ranking` (an expected guide covers the
// query as fully as any other: a ranking change could put it first),
// `vocabulary` (some other guide covers more of the query's words than
// every expected one: the answer is worded differently) or `absent` (no
// expected guide holds any query term). first + ranking bounds recall@1 of
// any ranking of the same matches; only vocabulary (synonyms, a model) can
// pass it. Counts only, per language, no query shown.
//
// --lang L: search as from a page in language L (default: each query's own).
// compare.mjs stays the reference (real browser, Pagefind beside it); this
// script is for quick iterations and the byte budget.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const SITE = opt("site");
const QUERIES = opt("queries");
const LANG = opt("lang");
const LIMIT = 10;
const REPEAT = Number(opt("repeat", 1));
if (!SITE || !QUERIES) {
  console.error("usage: node eval.mjs --site OUT --queries FILE [--lang L] [--cold] [--json RESULT] [--min] [--misses]");
  process.exit(2);
}
const queries = JSON.parse(readFileSync(QUERIES, "utf8")).queries;
const engineFile = args.includes("--min") ? join(SITE, "_tebiki/search-engine.min.js") : join(REPO, "themes/default/static/search-engine.js");
const engineSource = readFileSync(engineFile, "utf8");

/** A fresh engine whose script loads read files of SITE; `loaded` counts their bytes. */
function freshEngine(lang) {
  const loaded = { bytes: 0, files: 0 };
  const context = { atob: (s) => Buffer.from(s, "base64").toString("binary"), performance, Promise, setTimeout, URLSearchParams };
  const element = () => ({ setAttribute() {}, getAttribute() { return null; } });
  context.document = {
    createElement: () => element(),
    head: {
      appendChild(el) {
        const rel = el.src.replace(/[?#].*$/, "");
        setTimeout(() => {
          let text;
          try { text = readFileSync(join(SITE, rel), "utf8"); } catch { el.onerror && el.onerror(); return; }
          loaded.bytes += Buffer.byteLength(text); loaded.files++;
          const kind = rel.includes("/t/") ? "shards" : rel.includes("/f/") ? "fragments" : "other";
          loaded[kind] = (loaded[kind] || 0) + Buffer.byteLength(text); loaded[kind + "N"] = (loaded[kind + "N"] || 0) + 1;
          vm.runInContext(text, context);
          el.onload && el.onload();
        }, 0);
      },
    },
    body: { getAttribute: () => "" },
    documentElement: { getAttribute: () => lang },
  };
  context.globalThis = context;
  context.window = context;
  vm.createContext(context);
  vm.runInContext(engineSource, context);
  const engine = context.TebikiSearch.engine;
  // --param a=1,b=2: ranking weights to try (engine.P).
  for (const kv of (opt("param") || "").split(",").filter(Boolean)) { const [k, v] = kv.split("="); engine.P[k] = Number(v); }
  return { engine, loaded };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN; };

const explain = opt("explain");
if (explain !== undefined) {
  // --explain N: the ranking of query N (or of a query text) in detail.
  const item = /^\d+$/.test(explain) ? queries[+explain] : { q: explain, lang: LANG || "ja", expect: [] };
  const l = LANG || item.lang;
  const { engine } = freshEngine(l);
  const res = await engine.search(item.q, { lang: l, limit: LIMIT });
  console.log(JSON.stringify(res.terms.map((t) => ({ text: t.text, w: +(t.weight || 0).toFixed(2), alts: t.alts.map((a) => a.t.join(" ") + "@" + a.w) }))));
  res.hits.forEach((h, i) => {
    const hit = item.expect.includes(h.frag ? h.frag.u : "") ? "*" : " ";
    if (i < 12 || hit === "*") {
      const f = h.frag || {}, u = f.x ? f.x[h.unit] || [] : [];
      console.log(`${hit}${String(i).padStart(3)} ${h.score.toFixed(2)} c${h.coverage.toFixed(2)}${h.exact ? " E" : "  "} ${(f.u || h.doc + "").replace(/^.*\//, "").slice(0, 60)} | ${(f.t || "").slice(0, 40)} | ${u[0] || ""}:${(u[2] || "").slice(0, 40)}`);
    }
  });
  process.exit(0);
}

// The guide id of every page (fragments hold their page), for --ceiling.
let docOf = null;
function ceilingClass(res, expect, rank) {
  if (rank === 0) return "first";
  if (!docOf) {
    docOf = new Map();
    const dir = join(SITE, "_tebiki/search/f");
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), "utf8");
      const m = /"u":"((?:[^"\\]|\\.)*)"/.exec(text);
      if (m) docOf.set(JSON.parse(`"${m[1]}"`), Number.parseInt(name, 10));
    }
  }
  const wanted = new Set(expect.map((u) => docOf.get(u)));
  let mine = 0, other = 0;
  for (const h of res.hits) {
    if (wanted.has(h.doc)) mine = Math.max(mine, h.coverage);
    else other = Math.max(other, h.coverage);
  }
  if (mine <= 0) return "absent";
  return mine >= other - 1e-6 ? "ranking" : "vocabulary";
}

const rows = [];
const warm = {};
for (const { q, lang, expect } of queries) {
  const l = LANG || lang;
  warm[l] = warm[l] || freshEngine(l);
  const res = await warm[l].engine.search(q, { lang: l, limit: LIMIT });
  const urls = res.hits.slice(0, Math.min(LIMIT, res.ready)).map((h) => h.frag.u);
  const units = res.hits.slice(0, Math.min(3, res.ready)).map((h) => (h.frag.x[h.unit] || [])[2] || "");
  const rank = urls.findIndex((u) => expect.includes(u));
  // Wall time, and the process's CPU time, which a machine shared with
  // other work inflates far less (the engine runs on one thread).
  // --repeat N: the fastest of N runs (a shared machine adds noise, never speed).
  let ms = Infinity, cpu = Infinity;
  for (let k = 0; k < REPEAT; k++) {
    const t0 = performance.now(), c0 = process.cpuUsage();
    await warm[l].engine.search(q, { lang: l, limit: LIMIT });
    const c = process.cpuUsage(c0);
    ms = Math.min(ms, performance.now() - t0); cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  const row = { q, lang, rank, zero: res.total === 0, urls: urls.slice(0, 3), units, ms, cpu, candidates: res.total };
  if (args.includes("--ceiling")) row.ceiling = ceilingClass(res, expect, rank);
  rows.push(row);
}

const cold = [];
if (args.includes("--cold")) {
  const loader = statSync(join(SITE, "_tebiki/search.js")).size + statSync(join(SITE, "_tebiki/search-engine.min.js")).size;
  for (const { q, lang } of queries) {
    const l = LANG || lang;
    const { engine, loaded } = freshEngine(l);
    await engine.search(q, { lang: l, limit: 8 });
    cold.push(loader + loaded.bytes);
    if (args.includes("--breakdown")) console.log(`${q}: total ${((loader + loaded.bytes) / 1024).toFixed(0)} KB, shards ${((loaded.shards || 0) / 1024).toFixed(0)} KB (${loaded.shardsN || 0}), fragments ${((loaded.fragments || 0) / 1024).toFixed(0)} KB (${loaded.fragmentsN || 0}), other ${((loaded.other || 0) / 1024).toFixed(0)} KB`);
  }
}

const stat = (rs) => ({
  n: rs.length,
  r1: rs.filter((r) => r.rank === 0).length / rs.length,
  r3: rs.filter((r) => r.rank >= 0 && r.rank < 3).length / rs.length,
  r5: rs.filter((r) => r.rank >= 0 && r.rank < 5).length / rs.length,
  mrr: rs.reduce((a, r) => a + (r.rank >= 0 ? 1 / (r.rank + 1) : 0), 0) / rs.length,
  zero: rs.filter((r) => r.zero).length,
});
const f2 = (x) => x.toFixed(2);
const out = [`${QUERIES} (${queries.length}) on ${SITE}`, "| set | n | recall@1 | recall@3 | recall@5 | MRR | zero |", "| --- | --- | --- | --- | --- | --- | --- |"];
const result = {};
// The sets every table reports: each language, then all queries.
const sets = [["ja", rows.filter((r) => r.lang === "ja")], ["en", rows.filter((r) => r.lang === "en")], ["all", rows]].filter(([, rs]) => rs.length);
for (const [name, rs] of sets) {
  const s = (result[name] = stat(rs));
  out.push(`| ${name} | ${s.n} | ${f2(s.r1)} | ${f2(s.r3)} | ${f2(s.r5)} | ${f2(s.mrr)} | ${s.zero} |`);
}
out.push(`query time, loaded: median ${median(rows.map((r) => r.ms)).toFixed(1)} ms, p95 ${pct(rows.map((r) => r.ms), 0.95).toFixed(1)} ms (CPU time: median ${median(rows.map((r) => r.cpu)).toFixed(1)} ms, p95 ${pct(rows.map((r) => r.cpu), 0.95).toFixed(1)} ms)`);
if (args.includes("--ceiling")) {
  out.push("", "| set | n | first | ranking | vocabulary | absent | bound on recall@1 |", "| --- | --- | --- | --- | --- | --- | --- |");
  for (const [name, rs] of sets) {
    const c = (k) => rs.filter((r) => r.ceiling === k).length;
    result[name].ceiling = { first: c("first"), ranking: c("ranking"), vocabulary: c("vocabulary"), absent: c("absent") };
    out.push(`| ${name} | ${rs.length} | ${c("first")} | ${c("ranking")} | ${c("vocabulary")} | ${c("absent")} | ${f2((c("first") + c("ranking")) / rs.length)} |`);
  }
}
if (cold.length) {
  result.cold = { median: median(cold), p95: pct(cold, 0.95), max: Math.max(...cold) };
  out.push(`first query download (${cold.length} cold pages): median ${(median(cold) / 1024).toFixed(1)} KB, p95 ${(pct(cold, 0.95) / 1024).toFixed(1)} KB, max ${(Math.max(...cold) / 1024).toFixed(1)} KB`);
}
if (args.includes("--misses")) {
  for (const r of rows.filter((r) => r.rank !== 0)) out.push(`  ${r.rank}${r.ceiling ? " " + r.ceiling : ""} ${r.q} → ${r.urls.map((u, i) => `${u.replace(/^.*\//, "")} [${r.units[i].slice(0, 30)}]`).join(" | ")}`);
}
console.log(out.join("\n"));
const json = opt("json");
if (json) writeFileSync(json, JSON.stringify({ site: SITE, queries: QUERIES, result, rows, cold }, null, 1));
