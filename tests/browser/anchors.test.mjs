// Anchors written in raw HTML (tests/fixtures/raw-html): a link to
// `network.md#solution` from another guide lands on the heading that holds
// `<a name="solution">`, a deep link to a question's alias opens the
// question, also in step mode, and the table with Markdown in its cells is
// one table. Over http and from disk.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO, buildSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => buildSite(join(REPO, "tests", "fixtures", "raw-html")), "/", (s) => ({ out, server, browser } = s));

const inView = (page, selector) =>
  page.locator(selector).evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight && r.height > 0; });

for (const mode of ["http", "file"]) {
  describe(`raw HTML anchors over ${mode}`, () => {
    const url = (rel, hash = "") => (mode === "http" ? `${server.url}${rel}` : fileUrl(out, rel)) + hash;

    test("a link to an <a name> in a heading lands on the heading", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url("accounts/reset.html"));
      await page.locator(".guide-body a", { hasText: "ネットワークの確認" }).click();
      await page.waitForLoadState("load");
      assert.match(decodeURIComponent(page.url()), /settings\/network\.html#solution$/);
      assert.ok(await inView(page, "h2:has(#solution)"), "the heading is on screen");
      assert.equal(await page.locator(".guide-body table").count(), 1);
      assert.equal(await page.locator(".guide-body table td .callout").count(), 1, "the callout is inside a cell");
      assert.deepEqual(errors, []);
    });

    test("a deep link to a question's alias opens it, in step mode too", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url("settings/network.html"));
      await page.locator(".step-mode-toggle").click();
      await page.goto(url("settings/network.html", "#outside"));
      await page.waitForFunction(() => document.querySelector("details.qa").open);
      assert.ok(await inView(page, "details.qa summary"), "the question is on screen");
      assert.deepEqual(errors, []);
    });
  });
}
