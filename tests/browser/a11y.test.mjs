// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every page of
// the built example site, in light and in dark mode, and on a guide page in
// each of its interactive states (step mode, lightbox open, questions open,
// feedback given). No violation is allowed.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { axe, exampleSite, htmlPages, isRedirect, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => exampleSite(), "/", (s) => ({ out, server, browser } = s));

const report = (violations) => violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join("\n    ")}`).join("\n");

for (const colorScheme of ["light", "dark"]) {
  describe(`axe-core, ${colorScheme} mode`, () => {
    test("every page of the example site", async () => {
      // Tag pages share one template and differ only in their list of
      // guides: the first of each language stands for the rest.
      const seenTagPage = new Set();
      const pages = htmlPages(out).filter((p) => {
        if (isRedirect(out, p)) return false;
        if (!/class="page-tag"/.test(readFileSync(join(out, p), "utf8"))) return true;
        const lang = p.split("/")[0] === "en" ? "en" : "ja";
        return !seenTagPage.has(lang) && seenTagPage.add(lang);
      });
      assert.ok(pages.length > 20, `${pages.length} pages`);
      const { page } = await newPage(browser, { colorScheme });
      const failed = [];
      for (const rel of pages) {
        await page.goto(server.url + rel.split("/").map(encodeURIComponent).join("/"));
        const violations = await axe(page);
        if (violations.length) failed.push(`${rel}:\n  ${report(violations)}`);
      }
      assert.equal(failed.length, 0, `violations on ${failed.length} of ${pages.length} pages:\n${failed.join("\n")}`);
    });

    test("a guide page in every state", async () => {
      const { page } = await newPage(browser, { colorScheme });
      await page.goto(`${server.url}apps/collect-logs.html`);
      const states = [];
      await page.locator(".step-mode-toggle").click();
      await page.locator(".step-next").click();
      await page.locator(".step-done").nth(1).check();
      states.push(["step mode, a step done", await axe(page)]);
      await page.locator(".step-mode-toggle").click();
      await page.locator(".qa-toggle-all").click();
      await page.locator(".copy-btn").first().click();
      await page.locator('.feedback [data-helpful="yes"]').click();
      states.push(["questions open, code copied, feedback given", await axe(page)]);
      await page.locator(".screenshot-link").first().click();
      await page.locator("dialog.lightbox[open] .lightbox-img").evaluate((i) => i.decode());
      states.push(["lightbox open", await axe(page)]);
      await page.keyboard.press("Escape");
      await page.locator(".theme-toggle").click();
      states.push(["theme switched by the toggle", await axe(page)]);
      const failed = states.filter(([, v]) => v.length).map(([name, v]) => `${name}:\n  ${report(v)}`);
      assert.equal(failed.length, 0, failed.join("\n"));
    });
  });
}
