// Bytes of images a guide page downloads, per screen: issue 13's measure.
//
//   node bench/image_bytes.mjs SITE_OUT PAGE [SITE_OUT2 …]
//
// SITE_OUT is a built site folder (the output of `tebiki build`), PAGE a
// guide's path inside it (account/reset-password.html). Each folder is served
// over http on the loopback, and the page is opened in Debian's Chromium at a
// phone (390x844 CSS pixels at device scale 1, 2 and 3) and a desktop
// (1280x800 at 1 and 2). The script counts the image bytes that arrived
// before any scrolling (what the first screen costs), then scrolls the page
// to its end in steps of one screen, letting lazy images load, and counts
// again (what reading the whole guide costs). Bytes are response bodies as
// received, from the browser's own accounting. Several folders are measured
// side by side (a build of today's tebiki and one of a change, say) and the
// last columns give each one's share of the first folder's figure.
//
// playwright-core comes from tests/browser/node_modules (`npm ci` there).
import { createServer } from "node:http";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(fileURLToPath(new URL("../tests/browser/package.json", import.meta.url)));
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
if (args.length < 2) {
  console.error("usage: node bench/image_bytes.mjs SITE_OUT PAGE [SITE_OUT2 ...]");
  process.exit(2);
}
const page = args[1];
const sites = [args[0], ...args.slice(2)].map((s) => resolve(s));

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".png": "image/png", ".webp": "image/webp", ".avif": "image/avif", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
  ".gif": "image/gif", ".svg": "image/svg+xml", ".woff2": "font/woff2",
};

function serve(root) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file).toLowerCase()] || "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

const SCREENS = [
  { name: "phone 390 @1x", width: 390, height: 844, scale: 1, mobile: true },
  { name: "phone 390 @2x", width: 390, height: 844, scale: 2, mobile: true },
  { name: "phone 390 @3x", width: 390, height: 844, scale: 3, mobile: true },
  { name: "desktop 1280 @1x", width: 1280, height: 800, scale: 1, mobile: false },
  { name: "desktop 1280 @2x", width: 1280, height: 800, scale: 2, mobile: false },
];

async function measure(browser, base, screen) {
  const context = await browser.newContext({
    viewport: { width: screen.width, height: screen.height },
    deviceScaleFactor: screen.scale,
    isMobile: screen.mobile,
    hasTouch: screen.mobile,
  });
  const tab = await context.newPage();
  // Every image request is counted when it starts and settled when it ends,
  // so "the page is quiet" means no image is still on its way.
  const images = new Map();
  const pending = new Set();
  let settle = null;
  const done = (request) => {
    pending.delete(request);
    if (pending.size === 0 && settle) settle();
  };
  tab.on("request", (request) => {
    if (request.resourceType() === "image") pending.add(request);
  });
  tab.on("requestfinished", async (request) => {
    if (request.resourceType() !== "image") return;
    const sizes = await request.sizes().catch(() => null);
    if (sizes) images.set(request.url(), sizes.responseBodySize);
    done(request);
  });
  tab.on("requestfailed", done);
  const quiet = async () => {
    // Two animation frames let lazy images that came into view start loading.
    await tab.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    if (pending.size) await new Promise((ok) => (settle = ok));
    settle = null;
  };
  const total = () => [...images.values()].reduce((a, b) => a + b, 0);
  await tab.goto(`${base}/${page}`, { waitUntil: "load" });
  await quiet();
  const first = total();
  const firstCount = images.size;
  for (;;) {
    const end = await tab.evaluate(() => {
      window.scrollBy(0, window.innerHeight);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await quiet();
    if (end) break;
  }
  const all = total();
  const files = [...images.keys()].map((u) => u.split("/").pop());
  await context.close();
  return { first, firstCount, all, count: images.size, files };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
const servers = await Promise.all(sites.map(serve));
const results = [];
for (const screen of SCREENS) {
  const row = [];
  for (const server of servers) {
    row.push(await measure(browser, `http://127.0.0.1:${server.address().port}`, screen));
  }
  results.push({ screen, row });
}
await browser.close();
for (const server of servers) server.close();

const kb = (n) => (n / 1024).toFixed(0).padStart(6) + " KB";
console.log(`page: ${page}`);
sites.forEach((s, i) => console.log(`  [${i}] ${s}`));
console.log("screen".padEnd(18) + sites.map((_, i) => `[${i}] first screen / whole page (images)`.padStart(40)).join("") +
  (sites.length > 1 ? "   share of [0], whole page" : ""));
for (const { screen, row } of results) {
  const cells = row.map((r) => `${kb(r.first)} (${r.firstCount}) / ${kb(r.all)} (${r.count})`.padStart(40)).join("");
  const shares = row.slice(1).map((r) => `${((100 * r.all) / row[0].all).toFixed(0)} %`.padStart(8)).join("");
  console.log(screen.name.padEnd(18) + cells + "   " + shares);
}
if (process.env.VERBOSE) {
  for (const { screen, row } of results) row.forEach((r, i) => console.log(screen.name, `[${i}]`, r.files.join(" ")));
}
