// Shared helpers for the browser tests: build a site with the tebiki binary,
// serve a folder over HTTP (optionally under a sub-path), launch Debian's
// Chromium headless, and watch for requests that leave the machine.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, relative, sep } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const TEBIKI = process.env.TEBIKI_BIN || join(REPO, "target", "debug", "tebiki");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

const temporary = [];
process.on("exit", () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Build a site folder into a fresh temporary folder; returns the output folder. */
export function buildSite(siteDir, extraArgs = []) {
  const out = join(tempDir("tebiki-browser-"), "public");
  execFileSync(TEBIKI, ["build", siteDir, "--out", out, "--quiet", ...extraArgs], { stdio: ["ignore", "inherit", "inherit"] });
  return out;
}

let example;
/**
 * The bundled example site, built once per test process. TEBIKI_EXAMPLE_SITE
 * names another site folder to build instead (handy while screenshots are missing).
 */
export function exampleSite() {
  example ??= buildSite(process.env.TEBIKI_EXAMPLE_SITE || REPO);
  return example;
}

/** Write a throw-away site folder from { "relative/path": "text" }; returns its path. */
export function writeSite(files) {
  const dir = tempDir("tebiki-site-");
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** Every HTML page of a built site, as sorted paths relative to it. */
export function htmlPages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".html")) out.push(relative(dir, p).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** Whether a page is an alias redirect (a meta refresh, nothing to read). */
export function isRedirect(dir, rel) {
  return readFileSync(join(dir, rel), "utf8").includes('http-equiv="refresh"');
}

const AXE_SOURCE = join(REPO, "tests", "browser", "node_modules", "axe-core", "axe.min.js");
/** The WCAG 2.2 AA rule set, as axe-core tags. */
export const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/** Run axe-core in a page; returns its violations (rule id, impact, the failing nodes). */
export async function axe(page, tags = WCAG_AA) {
  // Judge the settled page, not a colour halfway through a transition.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE_SOURCE });
  const result = await page.evaluate((t) => window.axe.run(document, { runOnly: { type: "tag", values: t }, resultTypes: ["violations"] }), tags);
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`) }));
}

/**
 * A local HTTP endpoint that records the requests it gets (CORS allowed, so
 * pages from another port or from file:// may POST to it). Returns
 * { url, requests, next(ms), close }; next() resolves with the next request, or
 * rejects when none arrives within `ms`.
 */
export async function receiver(path = "/feedback") {
  const requests = [];
  const waiting = [];
  let taken = 0;
  const server = createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*", "access-control-allow-methods": "POST", "access-control-allow-headers": "content-type" };
    if (req.method === "OPTIONS") { res.writeHead(204, cors).end(); return; }
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => {
      const r = { method: req.method, path: req.url, type: req.headers["content-type"], origin: req.headers.origin, body };
      requests.push(r);
      if (waiting.length) { taken++; waiting.shift()(r); }
      res.writeHead(req.url === path ? 204 : 404, cors).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    next: (ms = 15000) => {
      if (taken < requests.length) return Promise.resolve(requests[taken++]);
      return new Promise((resolve, reject) => {
        const take = (r) => { clearTimeout(timer); resolve(r); };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(take), 1);
          reject(new Error(`no request reached ${path} within ${ms} ms`));
        }, ms);
        waiting.push(take);
      });
    },
    close: () => closeServer(server),
  };
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".png": "image/png", ".webp": "image/webp", ".jpg": "image/jpeg", ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml", ".zip": "application/zip",
};

/** Serve `dir` at http://127.0.0.1:PORT{prefix}. Returns { url, close }. */
export async function serve(dir, prefix = "/") {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404).end("not found"); return; }
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(normalize(dir) + sep) && file !== normalize(dir)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404).end("not found"); return; }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => closeServer(server) };
}

/**
 * Stop an HTTP server now: a browser keeps connections alive (and may hold
 * one busy), and `close()` alone waits for every one of them to end.
 */
function closeServer(server) {
  const closed = new Promise((r) => server.close(r));
  server.closeAllConnections();
  return closed;
}

/** A `file://` URL of a file of a built site. */
export function fileUrl(dir, rel = "index.html") {
  return pathToFileURL(join(dir, rel)).href;
}

/** Launch headless Chromium with the flags this machine needs. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--allow-file-access-from-files=false"],
  });
}

/**
 * The usual setup of a test file: before its tests, `build()` a site (it
 * returns the output folder), serve it over HTTP under `prefix` and launch
 * the browser, then hand `{ out, server, browser }` to `set`; after them,
 * close both.
 */
export function siteInBrowser(build, prefix, set) {
  let opened = {};
  before(async () => {
    const out = build();
    opened = { out, server: await serve(out, prefix), browser: await launch() };
    set(opened);
  });
  after(async () => { await opened.browser?.close(); await opened.server?.close(); });
}

/**
 * A new page that records requests to other hosts (and blocks them) and
 * console errors. Returns { page, external, errors }.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: options.locale || "ja-JP", colorScheme: options.colorScheme || "light", ...options.context });
  const page = await context.newPage();
  const external = [];
  const errors = [];
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    const local = u.protocol === "file:" || u.protocol === "data:" || u.protocol === "blob:" || u.hostname === "127.0.0.1" || u.hostname === "localhost";
    if (local) return route.continue();
    external.push(u.href);
    return route.abort();
  });
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, context, external, errors };
}
