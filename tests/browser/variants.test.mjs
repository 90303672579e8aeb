// Variant tabs (`=== "Windows 11"`) over HTTP and from disk (file://): the
// reader's choice is kept across pages and browser tabs and applies to
// every group with the same labels; the search page's applies_to filter
// and a result's badge choose it; links choose it (?v=, #v=…&anchor, an
// anchor inside a tab); step mode walks the chosen variant's steps; the
// tabs follow the WAI-ARIA pattern (arrow keys, Home, End); without
// JavaScript and in print every tab is shown under its label.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO, axe, buildSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => buildSite(join(REPO, "tests", "fixtures", "variants")), "/help/", (s) => ({ out, server, browser } = s));

/** Keys of the tabs selected on the page, group by group. */
const selected = (page) => page.locator(".tab[aria-selected=true]").evaluateAll((els) => els.map((e) => e.dataset.key));
/** Ids of the tab panels a reader can see. */
const shownPanels = (page) => page.locator(".tab-panel:visible").evaluateAll((els) => els.map((e) => e.id));
const visibleSteps = (page) => page.locator("ol.steps > li.step:visible").evaluateAll((els) => els.map((e) => e.id));

for (const mode of ["http", "file"]) {
  describe(`variant tabs over ${mode}`, () => {
    const url = (rel) => {
      const [path, hash] = rel.split("#");
      const [file, query] = path.split("?");
      const base = mode === "http" ? `${server.url}${file}` : fileUrl(out, file);
      return base + (query ? `?${query}` : "") + (hash !== undefined ? `#${hash}` : "");
    };

    test("a choice is kept across pages and applies to every group with the same labels", async () => {
      const { page, context, errors, external } = await newPage(browser);
      await page.goto(url("display/night-light.html"));
      assert.deepEqual(await selected(page), ["windows-11"]);
      assert.deepEqual(await shownPanels(page), ["windows-11"]);
      assert.equal(await page.locator(".tab-label").first().isVisible(), false, "labels are the tabs' job on screen");
      await page.locator("#tab-windows-10").click();
      assert.deepEqual(await selected(page), ["windows-10"]);
      assert.deepEqual(await shownPanels(page), ["windows-10"]);
      assert.equal(await page.locator("#tab-windows-10").getAttribute("tabindex"), "0");
      assert.equal(await page.locator("#tab-windows-11").getAttribute("tabindex"), "-1");

      // Another page: its group inside a step shows the same choice.
      await page.goto(url("sound/volume.html"));
      assert.deepEqual(await selected(page), ["windows-10"]);
      assert.ok(await page.locator("#windows-10 .step-details").isVisible());
      assert.equal(await page.locator("#windows-11 .step-details").isVisible(), false);

      // Another browser tab follows a choice made here.
      const other = await context.newPage();
      await other.goto(url("display/night-light.html"));
      assert.deepEqual(await selected(other), ["windows-10"]);
      await page.locator("#tab-windows-11").click();
      await other.waitForFunction(() => document.querySelector(".tab[aria-selected=true]").dataset.key === "windows-11");
      assert.deepEqual(await shownPanels(other), ["windows-11"]);
      assert.deepEqual(errors, []);
      assert.deepEqual(external, []);
      await context.close();
    });

    test("arrow keys, Home and End move between tabs and choose them", async () => {
      const { page, context } = await newPage(browser);
      await page.goto(url("display/night-light.html"));
      await page.locator("#tab-windows-11").focus();
      await page.keyboard.press("ArrowRight");
      assert.deepEqual(await selected(page), ["windows-10"]);
      assert.equal(await page.evaluate(() => document.activeElement.id), "tab-windows-10");
      await page.keyboard.press("ArrowRight");
      assert.deepEqual(await selected(page), ["windows-11"], "wraps around");
      await page.keyboard.press("End");
      assert.deepEqual(await selected(page), ["windows-10"]);
      await page.keyboard.press("Home");
      assert.deepEqual(await selected(page), ["windows-11"]);
      await page.keyboard.press("ArrowLeft");
      assert.deepEqual(await selected(page), ["windows-10"]);
      // Tab leaves the tab list for the panel's content.
      await page.keyboard.press("Tab");
      assert.notEqual(await page.evaluate(() => document.activeElement.getAttribute("role")), "tab");
      assert.deepEqual(await axe(page), []);
      await context.close();
    });

    test("links choose a variant: ?v=, the #v= form, an anchor inside a tab", async () => {
      const { page, context, errors } = await newPage(browser);
      if (mode === "http") {
        await page.goto(url("display/night-light.html?v=windows-10#step-2"));
        assert.deepEqual(await selected(page), ["windows-10"]);
        assert.ok(await page.locator("#windows-10-step-2").isVisible());
        assert.ok(await inView(page, "#windows-10-step-2"), "scrolled to the variant's step 2");
        await page.goto(url("display/night-light.html?v=Windows%2011"));
        assert.deepEqual(await selected(page), ["windows-11"], "a label works as well as its key");
      }
      await page.goto(url("display/night-light.html#v=windows-10&step-2"));
      assert.deepEqual(await selected(page), ["windows-10"]);
      assert.equal(new URL(page.url()).hash, "#step-2", "the choice leaves the address, the anchor stays");
      assert.ok(await inView(page, "#windows-10-step-2"));
      // A choice made by a link is the reader's choice on other pages too.
      await page.goto(url("sound/volume.html"));
      assert.deepEqual(await selected(page), ["windows-10"]);

      await page.goto(url("display/night-light.html#windows-11-step-3"));
      assert.deepEqual(await selected(page), ["windows-11"], "an anchor in a tab shows that tab");
      assert.ok(await inView(page, "#windows-11-step-3"));
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("step mode walks the steps of the chosen tab", async () => {
      const { page, context } = await newPage(browser);
      await page.goto(url("display/night-light.html"));
      await page.locator("#tab-windows-10").click();
      assert.equal(await page.locator(".steps-done-count").textContent(), "0 / 2 完了");
      await page.locator(".step-mode-toggle").click();
      assert.deepEqual(await visibleSteps(page), ["windows-10-step-1"]);
      assert.equal(await page.locator(".step-progress-text").textContent(), "ステップ 1 / 2");
      assert.ok(await page.locator("#tab-windows-10").isVisible(), "the tabs stay in step mode");
      await page.locator(".step-next").click();
      assert.deepEqual(await visibleSteps(page), ["windows-10-step-2"]);
      // Choosing the other variant goes on in its steps.
      await page.locator("#tab-windows-11").click();
      assert.deepEqual(await visibleSteps(page), ["windows-11-step-2"]);
      assert.equal(await page.locator(".step-progress-text").textContent(), "ステップ 2 / 4");
      for (let i = 0; i < 2; i++) await page.locator(".step-next").click();
      assert.deepEqual(await visibleSteps(page), ["windows-11-step-4"]);
      await page.locator(".step-next").click();
      assert.equal(await page.locator(".guide").evaluate((g) => g.classList.contains("step-mode")), false, "finished");
      await context.close();
    });

    test("the search page's applies_to filter and a result's badge choose the variant", async () => {
      const { page, context, errors } = await newPage(browser);
      await page.goto(url("search.html?q=" + encodeURIComponent("夜間モード")));
      const filter = page.locator("#search-page-filter");
      await filter.waitFor({ state: "visible" });
      await filter.selectOption({ label: "Windows 10" });
      await page.locator(".search-hit").first().waitFor();
      await page.goto(url("display/night-light.html"));
      assert.deepEqual(await selected(page), ["windows-10"]);

      await page.goto(url("search.html?q=" + encodeURIComponent("夜間モード")));
      await page.locator("#search-page-filter").selectOption({ value: "" });
      const badge = page.locator(".search-hit .badge", { hasText: "Windows 11" }).first();
      await badge.waitFor();
      await Promise.all([page.waitForURL(/night-light|volume|brightness/), badge.click()]);
      await page.waitForLoadState();
      assert.ok((await selected(page)).every((k) => k === "windows-11"), String(await selected(page)));
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("a search result inside a tab opens that tab", async () => {
      const { page, context } = await newPage(browser);
      await page.goto(url("search.html?q=" + encodeURIComponent("縦のスライダー")));
      const hit = page.locator(".search-hit-link").first();
      await hit.waitFor();
      assert.match(await hit.getAttribute("href"), /volume\.html#windows-10$/);
      await Promise.all([page.waitForURL(/volume\.html#windows-10$/), hit.click()]);
      assert.deepEqual(await selected(page), ["windows-10"]);
      assert.ok(await page.locator("#windows-10 .step-details").isVisible());
      await context.close();
    });
  });
}

test("without JavaScript and in print, every tab is shown under its label", async () => {
  const { page, context } = await newPage(browser, { context: { javaScriptEnabled: false } });
  await page.goto(fileUrl(out, "display/night-light.html"));
  assert.deepEqual(await shownPanels(page), ["windows-11", "windows-10"]);
  assert.equal(await page.locator(".tab-list").isVisible(), false, "no buttons that would do nothing");
  assert.deepEqual(await page.locator(".tab-label:visible").allTextContents(), ["Windows 11", "Windows 10"]);
  assert.equal((await visibleSteps(page)).length, 6);
  await context.close();

  const { page: p2, context: c2 } = await newPage(browser);
  await p2.goto(`${server.url}display/night-light.html`);
  await p2.locator("#tab-windows-10").click();
  await p2.emulateMedia({ media: "print" });
  assert.deepEqual(await shownPanels(p2), ["windows-11", "windows-10"]);
  assert.equal(await p2.locator(".tab-list").isVisible(), false);
  assert.deepEqual(await p2.locator(".tab-label:visible").allTextContents(), ["Windows 11", "Windows 10"]);
  await p2.emulateMedia({ media: "screen" });
  assert.deepEqual(await shownPanels(p2), ["windows-10"], "back on screen, the choice stands");
  await c2.close();
});

/** Whether an element's top is in the viewport, below the sticky header. */
async function inView(page, sel) {
  return page.locator(sel).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight && r.height > 0;
  });
}
