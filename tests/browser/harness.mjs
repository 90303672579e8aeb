// Shared helpers for the browser tests: build a site with the tebiki binary,
// serve a folder over HTTP (optionally under a sub-path), launch Debian's
// Chromium headless, and watch for requests that leave the machine.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const TEBIKI = process.env.TEBIKI_BIN || join(REPO, "target", "debug", "tebiki");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** Build a site folder into a fresh temporary folder; returns the output folder. */
export function buildSite(siteDir, extraArgs = []) {
  const out = join(mkdtempSync(join(tmpdir(), "tebiki-browser-")), "public");
  execFileSync(TEBIKI, ["build", siteDir, "--out", out, "--quiet", ...extraArgs], { stdio: ["ignore", "inherit", "inherit"] });
  return out;
}

let example;
/** The bundled example site, built once per test process. */
export function exampleSite() {
  example ??= buildSite(REPO);
  return example;
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".png": "image/png", ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml", ".zip": "application/zip",
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
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) };
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
