// Page weight budget: what a guide page makes the browser load, gzipped.
// Issue 5 allows under 30 KB of JavaScript and 30 KB of CSS per page; the
// default theme's own files (tebiki.js, tebiki.css) keep to 18 KB each so
// that search and other features have room. Inline scripts and styles count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { exampleSite, htmlPages, newPage, siteInBrowser } from "./harness.mjs";

const KB = 1024;
const PAGE_LIMIT = 30 * KB;
const THEME_LIMIT = 18 * KB;

let browser, server, out;
siteInBrowser(() => exampleSite(), "/", (s) => ({ out, server, browser } = s));

/** Gzipped bytes of JS and CSS a page loads, by file. */
async function weigh(page, url) {
  const files = [];
  const seen = new Set();
  const onResponse = async (res) => {
    const type = res.request().resourceType();
    if ((type !== "script" && type !== "stylesheet") || seen.has(res.url())) return;
    seen.add(res.url());
    files.push({ kind: type === "script" ? "js" : "css", name: res.url().split("/").pop(), body: res.body() });
  };
  page.on("response", onResponse);
  await page.goto(url);
  // Scroll through so that anything loaded on demand is loaded too.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight) { scrollTo(0, y); await new Promise((r) => requestAnimationFrame(r)); }
  });
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const inline = await page.evaluate(() => [
    ...[...document.querySelectorAll("script:not([src])")].filter((s) => !/json/.test(s.type)).map((s) => ({ kind: "js", text: s.textContent })),
    ...[...document.querySelectorAll("style")].map((s) => ({ kind: "css", text: s.textContent })),
  ]);
  const sized = [];
  for (const f of files) sized.push({ kind: f.kind, name: f.name, gz: gzipSync(await f.body, { level: 6 }).length });
  for (const f of inline) sized.push({ kind: f.kind, name: "(inline)", gz: gzipSync(f.text, { level: 6 }).length });
  return sized;
}

test("a guide page loads under 30 KB of JS and of CSS, gzipped; the theme's own files under 18 KB", async (t) => {
  // Not guides: the home, FAQ, search and 404 pages, tag pages, and
  // open.html, which forwards to another page (help ids).
  const guides = htmlPages(out).filter((p) => !/(^|\/)(index|faq|search|404|open)\.html$/.test(p) && !/(^|\/)tags\//.test(p));
  assert.ok(guides.length >= 5, `${guides.length} guides`);
  const { page } = await newPage(browser);
  let worst = { js: 0, css: 0 };
  for (const rel of guides) {
    const sized = await weigh(page, server.url + rel);
    const sum = (kind) => sized.filter((f) => f.kind === kind).reduce((a, f) => a + f.gz, 0);
    const own = (name) => sized.filter((f) => f.name === name).reduce((a, f) => a + f.gz, 0);
    assert.ok(own("tebiki.js") > 0 && own("tebiki.css") > 0, `${rel} loads the theme`);
    assert.ok(sum("js") < PAGE_LIMIT, `${rel}: ${sum("js")} B of JS`);
    assert.ok(sum("css") < PAGE_LIMIT, `${rel}: ${sum("css")} B of CSS`);
    assert.ok(own("tebiki.js") <= THEME_LIMIT, `tebiki.js: ${own("tebiki.js")} B`);
    assert.ok(own("tebiki.css") <= THEME_LIMIT, `tebiki.css: ${own("tebiki.css")} B`);
    if (sum("js") + sum("css") > worst.js + worst.css) {
      worst = { js: sum("js"), css: sum("css"), rel, files: sized.map((f) => `${f.name} ${f.kind} ${f.gz} B`).join(", ") };
    }
  }
  t.diagnostic(`heaviest guide page ${worst.rel}: JS ${worst.js} B, CSS ${worst.css} B gzipped (${worst.files})`);
});
