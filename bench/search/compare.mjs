// Side-by-side evaluation of tebiki's search and Pagefind on the same built
// site, in headless Chromium over HTTP (Pagefind does not run from file://).
//
//   node bench/search/compare.mjs --site OUT --queries FILE [--json RESULT] [--cold N] [--no-pagefind] [--start-lang L] [--misses]
//
// OUT is a site built by tebiki (it holds _tebiki/search/); the script runs
// Pagefind (npm `pagefind`, installed in bench/search/node_modules) on it
// with `--root-selector main` unless OUT/pagefind/ exists already. FILE is a
// query set (queries-*.json). For each tool it reports recall@1, @3, @5, MRR,
// queries with no result, the index size, the bytes the first query
// downloads in a fresh browser (median and max over --cold queries) and the
// query time once everything is loaded (median, p90). Queries run from the
// home page of their language (`lang`), or of L with --start-lang (for a site
// whose guides are all in one language, so each tool searches the pages that
// exist). A query set whose `expect` lists are all empty measures size and
// speed only. See README.md.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const SITE = opt("site");
const QUERIES = opt("queries");
const COLD = Number(opt("cold", "10"));
const WITH_PAGEFIND = !args.includes("--no-pagefind");
const START_LANG = opt("start-lang");
if (!SITE || !QUERIES) {
  console.error("usage: node compare.mjs --site OUT --queries FILE [--json RESULT] [--cold N] [--no-pagefind]");
  process.exit(2);
}
const queries = JSON.parse(readFileSync(QUERIES, "utf8")).queries;

// ---- helpers ---------------------------------------------------------------
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN; };
function dirBytes(dir, filter = () => true) {
  let n = 0, files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { const r = dirBytes(p, filter); n += r.bytes; files += r.files; }
    else if (filter(p)) { n += statSync(p).size; files++; }
  }
  return { bytes: n, files };
}
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".wasm": "application/wasm", ".png": "image/png" };
async function serve(dir) {
  const server = createServer((req, res) => {
    let file = normalize(join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (!file.startsWith(normalize(dir) + sep) && file !== normalize(dir)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}
/** Guide pages only: Pagefind also indexes home, category, tag, FAQ and search pages. */
const isGuide = (u) => !/(^|\/)(index|faq|search|404)\.html$/.test(u) && !/(^|\/)tags\//.test(u);
const clean = (u) => decodeURI(u).replace(/^\/+/, "").replace(/[#?].*$/, "");

// ---- the tools, as run inside the page ------------------------------------
const TOOLS = {
  tebiki: {
    // limit: results shown (the popup shows 8).
    run: async (q, lang, limit) => {
      if (!(window.TebikiSearch && window.TebikiSearch.engine)) {
        // What focusing the search field does: load the engine.
        await new Promise((resolve, reject) => {
          const el = document.createElement("script");
          el.src = (document.body.getAttribute("data-root") || "") + "_tebiki/search-engine.min.js";
          el.onload = resolve; el.onerror = reject;
          document.head.appendChild(el);
        });
      }
      const E = window.TebikiSearch.engine;
      const t0 = performance.now();
      const r = await E.search(q, { lang, limit });
      const t1 = performance.now();
      return { urls: r.hits.slice(0, Math.min(limit, r.ready)).map((h) => h.frag.u), ms: t1 - t0, total: r.total };
    },
  },
  pagefind: {
    run: async (q, lang, limit) => {
      window.__pf = window.__pf || (await import(new URL("pagefind/pagefind.js", document.baseURI.replace(/[^/]*$/, "").replace(/en\/$/, "")).href));
      const pf = window.__pf;
      await pf.init();
      const t0 = performance.now();
      const r = await pf.search(q);
      // Guide pages only (see isGuide); load data as a result list would.
      const out = [];
      for (const res of r.results) {
        if (out.length >= limit) break;
        const d = await res.data();
        const u = d.url.replace(/^\/+/, "");
        if (!/(^|\/)(index|faq|search|404)\.html$/.test(u) && !/(^|\/)tags\//.test(u) && !/\/$/.test(u) && u !== "") out.push(u);
      }
      const t1 = performance.now();
      return { urls: out, ms: t1 - t0, total: r.results.length };
    },
  },
};

function startPage(base, lang) {
  return base + ((START_LANG || lang) === "en" ? "en/index.html" : "index.html");
}
const MEASURE_RECALL = queries.some((q) => q.expect.length > 0);

async function evaluate(browser, base, tool) {
  const rows = [];
  const contexts = {};
  for (const { q, lang, expect } of queries) {
    if (!contexts[lang]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error(`${tool} page error:`, String(e)));
      await page.goto(startPage(base, lang));
      await page.waitForLoadState("load");
      contexts[lang] = { context, page };
    }
    const { page } = contexts[lang];
    const res = await page.evaluate(runner(tool), [q, START_LANG || lang]);
    const urls = res.urls.map(clean).filter(isGuide);
    const rank = urls.findIndex((u) => expect.includes(u));
    rows.push({ q, lang, expect, urls: urls.slice(0, 5), rank, ms: res.warmMs, total: res.total });
  }
  for (const c of Object.values(contexts)) await c.context.close();
  return rows;
}

/** The in-page function for a tool: runs the query twice, the second time with everything loaded. */
function runner(tool) {
  return new Function("args", `
    const run = ${TOOLS[tool].run.toString()};
    const [q, lang] = args;
    return run(q, lang, 10).then((a) => run(q, lang, 10).then((b) => ({ urls: a.urls, total: a.total, warmMs: b.ms })));
  `);
}

// ---- main -------------------------------------------------------------------
const tools = ["tebiki"];
let pagefindBuild = null;
if (WITH_PAGEFIND) {
  tools.push("pagefind");
  if (!existsSync(join(SITE, "pagefind"))) {
    const bin = join(HERE, "node_modules/.bin/pagefind");
    const t0 = Date.now();
    execFileSync(bin, ["--site", SITE, "--root-selector", "main", "--quiet"], { stdio: "inherit" });
    pagefindBuild = (Date.now() - t0) / 1000;
  }
}
const guides = readdirSync(join(SITE, "_tebiki/search/f")).length;
const sizes = {
  tebiki: dirBytes(join(SITE, "_tebiki/search")),
  pagefind: WITH_PAGEFIND ? dirBytes(join(SITE, "pagefind"), (p) => !p.endsWith(".js") && !p.endsWith(".css") && !p.endsWith(".wasm") && !/wasm\./.test(p)) : null,
};
const server = await serve(SITE);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"] });
const results = {};
try {
  for (const tool of tools) {
    const rows = await evaluate(browser, server.url, tool);
    const sample = queries.slice(0, COLD);
    const cold = await coldFirstQuery(browser, server.url, tool, sample);
    const by = (lang) => rows.filter((r) => !lang || r.lang === lang);
    const stat = (rs) => ({
      n: rs.length,
      r1: rs.filter((r) => r.rank === 0).length / rs.length,
      r3: rs.filter((r) => r.rank >= 0 && r.rank < 3).length / rs.length,
      r5: rs.filter((r) => r.rank >= 0 && r.rank < 5).length / rs.length,
      mrr: rs.reduce((a, r) => a + (r.rank >= 0 ? 1 / (r.rank + 1) : 0), 0) / rs.length,
      zero: rs.filter((r) => r.total === 0).length,
    });
    results[tool] = {
      all: stat(by()), ja: stat(by("ja")), en: stat(by("en")),
      msMedian: median(rows.map((r) => r.ms)), msP90: pct(rows.map((r) => r.ms), 0.9),
      coldMedian: median(cold), coldP95: pct(cold, 0.95), coldMax: Math.max(...cold),
      indexBytes: sizes[tool].bytes, indexFiles: sizes[tool].files, rows,
    };
  }
} finally {
  await browser.close();
  await server.close();
}

// ---- report -----------------------------------------------------------------
const f2 = (x) => x.toFixed(2);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const line = (cells) => `| ${cells.join(" | ")} |`;
const out = [];
out.push(`site: ${SITE} (${guides} guides), queries: ${QUERIES} (${queries.length})${pagefindBuild ? `, pagefind build ${pagefindBuild.toFixed(1)} s` : ""}`);
out.push("");
out.push(line(["", ...tools]));
out.push(line(["---", ...tools.map(() => "---")]));
for (const set of ["ja", "en", "all"]) {
  if (!MEASURE_RECALL || !results.tebiki[set].n) continue;
  const cell = (t) => { const r = results[t][set]; return `${f2(r.r1)} / ${f2(r.r3)} / ${f2(r.r5)} / ${f2(r.mrr)} / ${r.zero}`; };
  out.push(line([`${set} (${results.tebiki[set].n}): recall@1 / @3 / @5 / MRR / zero`, ...tools.map(cell)]));
}
out.push(line(["zero-result queries", ...tools.map((t) => `${results[t].all.zero} / ${results[t].all.n}`)]));
out.push(line(["index bytes (files)", ...tools.map((t) => `${kb(results[t].indexBytes)} (${results[t].indexFiles})`)]));
out.push(line(["index bytes per guide", ...tools.map((t) => `${(results[t].indexBytes / guides).toFixed(0)} B`)]));
out.push(line([`first query download (${COLD} cold pages), median / p95 / max`, ...tools.map((t) => `${kb(results[t].coldMedian)} / ${kb(results[t].coldP95)} / ${kb(results[t].coldMax)}`)]));
out.push(line(["query time loaded, median / p90", ...tools.map((t) => `${results[t].msMedian.toFixed(1)} / ${results[t].msP90.toFixed(1)} ms`)]));
out.push("");
// The misses query by query only with --misses (as eval.mjs): a held-aside
// set is run to be reported, not read query by query.
const MISSES = MEASURE_RECALL && args.includes("--misses");
if (MISSES) out.push("misses (rank of the expected guide, -1 = not in the top 10):");
for (const t of MISSES ? tools : []) {
  for (const r of results[t].rows.filter((r) => r.rank !== 0)) out.push(`  ${t}: ${JSON.stringify(r.q)} rank ${r.rank} top ${JSON.stringify(r.urls.slice(0, 3))}`);
}
console.log(out.join("\n"));
const json = opt("json");
if (json) writeFileSync(json, JSON.stringify({ site: SITE, guides, queries: QUERIES, pagefindBuild, results }, null, 1));

async function coldFirstQuery(browser, base, tool, sample) {
  const bytes = [];
  for (const { q, lang } of sample) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(startPage(base, lang));
    await page.waitForLoadState("load");
    const pending = [];
    let total = 0;
    context.on("requestfinished", (req) => pending.push(req.sizes().then((s) => { total += s.responseBodySize; })));
    // The popup shows 8 results; Pagefind's default UI loads 5.
    await page.evaluate(new Function("args", `const run = ${TOOLS[tool].run.toString()}; return run(args[0], args[1], args[2]);`), [q, START_LANG || lang, tool === "tebiki" ? 8 : 5]);
    await Promise.all(pending);
    // search.js (the loader) comes with every page; it is part of what search costs.
    if (tool === "tebiki") total += statSync(join(SITE, "_tebiki/search.js")).size;
    bytes.push(total);
    await context.close();
  }
  return bytes;
}
