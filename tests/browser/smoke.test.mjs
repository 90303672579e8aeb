// The built example site in a real browser: it navigates from the home page
// to a guide over HTTP (under a sub-path) and from disk, with nothing loaded
// from another host and no script error.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { exampleSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => exampleSite(), "/help/", (s) => ({ out, server, browser } = s));

for (const mode of ["http", "file"]) {
  describe(`example site over ${mode}`, () => {
    const start = () => (mode === "http" ? `${server.url}index.html` : fileUrl(out));

    test("home → category → guide, with steps, screenshots and structured data", async () => {
      const { page, external, errors } = await newPage(browser);
      await page.goto(start());
      assert.equal(await page.getAttribute("html", "lang"), "ja");
      await page.locator(".category-link").first().click();
      await page.waitForLoadState("load");
      assert.match(page.url(), /\/index\.html$/);
      await page.locator(".card-link").first().click();
      await page.waitForLoadState("load");
      assert.equal(await page.locator("h1.guide-title").count(), 1);
      const steps = await page.locator("ol.steps > li.step").count();
      assert.ok(steps >= 3, `${steps} steps`);
      const img = page.locator("figure.screenshot img").first();
      await img.scrollIntoViewIfNeeded();
      assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), "screenshot loads");
      const ld = await page.locator('script[type="application/ld+json"]').first().textContent();
      assert.equal(JSON.parse(ld)["@type"], "HowTo");
      assert.deepEqual(external, []);
      assert.deepEqual(errors, []);
    });

    test("the language switcher leads to the translation", async () => {
      const { page, errors } = await newPage(browser);
      const url = mode === "http" ? `${server.url}settings/dark-mode.html` : fileUrl(out, "settings/dark-mode.html");
      await page.goto(url);
      await page.locator('.lang-switch a[hreflang="en"]').click();
      await page.waitForLoadState("load");
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.match(page.url(), /\/en\/settings\/dark-mode\.html$/);
      assert.deepEqual(errors, []);
    });
  });
}
