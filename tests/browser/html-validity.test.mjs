// Markup validity: the Nu HTML Checker (npm vnu-jar, run with Java) on every
// HTML page of the built example site, and on a guide page as the browser
// holds it once tebiki.js has enhanced it (copy buttons, step mode, the
// lightbox dialog). No error is allowed; warnings are printed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, buildSite, exampleSite, htmlPages, launch, newPage, serve, tempDir } from "./harness.mjs";

const VNU = join(REPO, "tests", "browser", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

/** Check files with vnu; returns its messages ({ type, subType, url, lastLine, message }). */
function vnu(files) {
  try {
    execFileSync("java", ["-version"], { stdio: "ignore" });
  } catch {
    assert.fail("java is missing (tests/run.sh installs Debian's default-jre-headless)");
  }
  // With --format json, vnu writes its report to stderr.
  const run = spawnSync("java", ["-jar", VNU, "--format", "json", "--exit-zero-always", ...files], { encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, `vnu failed: ${run.error ?? run.stderr}`);
  return JSON.parse(run.stderr).messages;
}

const isError = (m) => m.type === "error" || m.type === "non-document-error" || m.subType === "fatal";
const show = (ms) => ms.map((m) => `${decodeURIComponent(m.url ?? "").replace(/^file:/, "")}:${m.lastLine ?? "?"}: ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message}`).join("\n");

let out, browser, server;
before(async () => {
  out = exampleSite();
  browser = await launch();
  server = await serve(out, "/");
});
after(async () => { await browser?.close(); await server?.close(); });

test("every page of the example site is valid HTML", (t) => {
  const pages = htmlPages(out);
  assert.ok(pages.length > 20, `${pages.length} pages`);
  const messages = vnu(pages.map((p) => join(out, p)));
  const errors = messages.filter(isError), warnings = messages.filter((m) => !isError(m));
  t.diagnostic(`vnu checked ${pages.length} pages: ${errors.length} errors, ${warnings.length} warnings`);
  if (warnings.length) t.diagnostic(show(warnings));
  assert.equal(show(errors), "");
});

test("every page of the dialect fixture (containers, footnotes, task lists, tables) is valid HTML", (t) => {
  const dir = buildSite(join(REPO, "tests", "fixtures", "dialects"));
  const pages = htmlPages(dir);
  const messages = vnu(pages.map((p) => join(dir, p)));
  const errors = messages.filter(isError), warnings = messages.filter((m) => !isError(m));
  t.diagnostic(`vnu checked ${pages.length} pages: ${errors.length} errors, ${warnings.length} warnings`);
  if (warnings.length) t.diagnostic(show(warnings));
  assert.equal(show(errors), "");
});

test("every page of the raw HTML fixture (islands, blocks in sentences, placeholders, anchors) is valid HTML", (t) => {
  const dir = buildSite(join(REPO, "tests", "fixtures", "raw-html"));
  const pages = htmlPages(dir);
  assert.ok(pages.some((p) => p.endsWith("server.html")), pages.join(" "));
  const messages = vnu(pages.map((p) => join(dir, p)));
  const errors = messages.filter(isError);
  t.diagnostic(`vnu checked ${pages.length} pages: ${errors.length} errors`);
  assert.equal(show(errors), "");
});

test("a guide page stays valid once its scripts have run", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}apps/collect-logs.html`);
  await page.locator(".copy-btn").first().click();
  await page.locator(".step-mode-toggle").click();
  await page.locator(".step-done").first().check();
  await page.locator(".screenshot-link").first().click();
  const html = await page.evaluate(() => `<!DOCTYPE html>\n${document.documentElement.outerHTML}`);
  assert.ok(html.includes('class="code-block"') && html.includes("<dialog") && html.includes("step-mode"), "the page was enhanced");
  const file = join(tempDir("tebiki-dom-"), "enhanced.html");
  writeFileSync(file, html);
  assert.equal(show(vnu([file]).filter(isError)), "");
  assert.deepEqual(errors, []);
});
