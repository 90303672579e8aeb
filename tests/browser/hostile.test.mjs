// A page built from hostile Markdown (tests/fixtures/hostile: the XSS
// vectors of the OWASP filter-evasion cheat sheet written as raw HTML in a
// guide) runs none of it: no dialog opens, no global is set, nothing is
// fetched from another host, no script error, over http and from disk.
// The pointer crosses every element and every link and button of the
// article is clicked, for the vectors that wait for a reader.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO, buildSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => buildSite(join(REPO, "tests", "fixtures", "hostile")), "/", (s) => ({ out, server, browser } = s));

for (const mode of ["http", "file"]) {
  describe(`hostile guide over ${mode}`, () => {
    test("no script from the guide runs", async () => {
      const { page, external, errors } = await newPage(browser, { locale: "en-US" });
      const dialogs = [];
      page.on("dialog", async (d) => { dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss(); });
      await page.goto(mode === "http" ? `${server.url}xss.html` : fileUrl(out, "xss.html"));
      await page.waitForLoadState("load");
      assert.equal(await page.locator("h2#vector-1").count(), 1, "the guide was written");
      // Hover over everything in the article, open every question, click what can be clicked there.
      const boxes = await page.$$eval(".guide-body *", (els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2 + window.scrollY]; }));
      for (const [x, y] of boxes.slice(0, 400)) {
        await page.evaluate((top) => window.scrollTo(0, Math.max(0, top - 200)), y);
        await page.mouse.move(x, 200);
      }
      const targets = page.locator(".guide-body a, .guide-body button, .guide-body summary, .guide-body img");
      for (let i = 0; i < await targets.count(); i++) {
        await targets.nth(i).click({ timeout: 500, trial: false, noWaitAfter: true }).catch(() => {});
        if (!page.url().includes("xss.html")) await page.goBack();
      }
      await page.keyboard.press("Tab");
      assert.deepEqual(dialogs, []);
      assert.equal(await page.evaluate(() => typeof window.__xss), "undefined");
      assert.deepEqual(external, []);
      assert.deepEqual(errors, []);
    });
  });
}
