// Markdown as other tools and Japanese input methods write it, in a real
// browser (the site of tests/fixtures/dialects): a wrapped Japanese
// paragraph shows no space where its source line breaks (measured on the
// rendered text), collapsible callouts open from their title, footnotes
// lead to their note and back, and every page passes axe-core in light and
// dark mode.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO, axe, buildSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => buildSite(join(REPO, "tests", "fixtures", "dialects")), "/", (s) => ({ out, server, browser } = s));

/**
 * The horizontal gap, in CSS pixels, between the last character of `before`
 * and the first of `after` where they meet in the text of `selector`, as
 * laid out (both must be on one line).
 */
function gapBetween(page, selector, before, after) {
  return page.evaluate(([sel, a, b]) => {
    const el = document.querySelector(sel);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    // The character offsets of `a`'s end and `b`'s start in the element's text.
    const text = nodes.map((n) => n.data).join("");
    const at = text.indexOf(a);
    if (at < 0) throw new Error(`no ${a} in ${text}`);
    const from = at + a.length - 1;
    const to = text.indexOf(b, at + a.length);
    const locate = (offset) => {
      for (const n of nodes) {
        if (offset < n.data.length) return [n, offset];
        offset -= n.data.length;
      }
      throw new Error("offset out of range");
    };
    const rect = (offset) => {
      const r = document.createRange();
      const [n, o] = locate(offset);
      r.setStart(n, o);
      r.setEnd(n, o + 1);
      return r.getBoundingClientRect();
    };
    const left = rect(from), right = rect(to);
    if (Math.abs(left.top - right.top) > 2) throw new Error("the two characters are not on one line");
    return right.left - left.right;
  }, [selector, before, after]);
}

for (const mode of ["http", "file"]) {
  describe(`dialects over ${mode}`, () => {
    const url = (rel, hash = "") => (mode === "http" ? `${server.url}${rel}` : fileUrl(out, rel)) + hash;

    test("a wrapped Japanese paragraph renders with no space between its two lines", async () => {
      const { page, errors } = await newPage(browser, { context: { viewport: { width: 1280, height: 900 } } });
      await page.goto(url("ime.html"));
      const p = "article .guide-body .prose p";
      const text = await page.locator(p).first().innerText();
      assert.equal(text, "通知は、アプリの設定の画面からいつでも変更できます。変更はすぐに反映されます。");
      // Measured: the character after the line break starts where the one
      // before it ends.
      const gap = await gapBetween(page, p, "変更できます。", "変更は");
      assert.ok(Math.abs(gap) < 0.5, `a gap of ${gap}px between the lines`);
      // A wrapped step instruction too.
      const step = await page.locator("#step-5 .step-instruction").innerText();
      assert.equal(step, "[保存]をクリックし、画面を閉じます。");
      // The measure sees a space where English text wraps.
      await page.goto(url("docusaurus.html"));
      const englishGap = await gapBetween(page, "#step-2 .step-instruction", "touch it", "when");
      assert.ok(englishGap > 2, `an English line break is a space (${englishGap}px)`);
      assert.deepEqual(errors, []);
    });

    test("collapsible callouts open from their title, by keyboard too", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url("mkdocs.html"));
      const closed = page.locator("details.callout").filter({ hasText: "Which format" });
      assert.equal(await closed.evaluate((d) => d.open), false);
      assert.equal(await closed.locator(".callout-body").isVisible(), false);
      await closed.locator("summary").focus();
      await page.keyboard.press("Enter");
      assert.equal(await closed.evaluate((d) => d.open), true);
      assert.ok(await closed.locator(".callout-body").isVisible());
      const open = page.locator("details.callout[open]").filter({ hasText: "Done" });
      assert.ok(await open.locator(".callout-body").isVisible(), "`???+` starts open");
      assert.deepEqual(errors, []);
    });

    test("a footnote reference leads to its note, and the note back", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url("gfm.html"));
      await page.locator("#fnref-2").click();
      assert.equal(await page.evaluate(() => location.hash), "#fn-2");
      assert.ok(await page.locator("#fn-2").isVisible());
      await page.locator("#fn-2 .footnote-back").click();
      assert.equal(await page.evaluate(() => location.hash), "#fnref-2");
      assert.deepEqual(errors, []);
    });
  });
}

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core finds nothing on the dialect pages, ${colorScheme} mode`, async () => {
    const { page } = await newPage(browser, { colorScheme });
    const failed = [];
    for (const rel of ["docusaurus.html", "mkdocs.html", "gfm.html", "ime.html"]) {
      await page.goto(server.url + rel);
      // With every collapsible callout open, so their bodies are judged too.
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
      const violations = await axe(page);
      if (violations.length) failed.push(`${rel}: ${violations.map((v) => `${v.id}: ${v.nodes.join("; ")}`).join("\n")}`);
    }
    assert.equal(failed.join("\n"), "");
  });
}
