// Help ids on the built example site, in headless Chromium, over HTTP under a
// sub-path and from disk: open.html with an id (as a query or in the
// fragment) lands on the page and the step or question it names, in the
// reader's language when the page has one (the `lang` parameter, the
// language chosen on the site, the browser's), else the original; an
// unknown id lands on the search page, which says that it is unknown.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, exampleSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => exampleSite(), "/help/", (s) => ({ out, server, browser } = s));

/** Where a page is: its path in the site and its decoded fragment. */
function where(url) {
  const u = new URL(url);
  return { page: decodeURIComponent(u.pathname).replace(/^.*?\/(help\/|public\/)/, ""), hash: decodeURIComponent(u.hash.slice(1)) };
}

for (const mode of ["http", "file"]) {
  describe(`help ids over ${mode}`, () => {
    const url = (rel) => (mode === "http" ? `${server.url}${rel}` : fileUrl(out, rel.split(/[?#]/)[0]) + rel.slice(rel.split(/[?#]/)[0].length));

    /** Open `open.html…` and wait for the page it goes to (matching `lands`). */
    async function openHelp(rel, lands, options) {
      const p = await newPage(browser, options);
      await p.page.goto(url(rel), { waitUntil: "commit" });
      await p.page.waitForURL(lands, { waitUntil: "load" });
      return p;
    }

    /** The element the fragment targets: its id, and whether it is what it should be. */
    const targeted = (page) => page.evaluate(() => {
      const t = document.querySelector(":target");
      return t ? { id: t.id, step: t.classList.contains("step") || !!t.closest("li"), text: t.textContent.slice(0, 120) } : null;
    });

    test("a step's id lands on the step, in the browser's language", async () => {
      const { page, external, errors } = await openHelp("open.html?id=account.new-password", /reset-password\.html/);
      assert.deepEqual(where(page.url()), { page: "account/reset-password.html", hash: "step-6" });
      const t = await targeted(page);
      assert.equal(t?.id, "step-6", JSON.stringify(t));
      assert.ok(t.text.includes("新しいパスワードを 2 回入力"), t.text);
      assert.ok(!(await page.content()).includes("{help="), "the id is no part of the step's text");
      assert.deepEqual(external, []);
      assert.deepEqual(errors, []);
    });

    test("the fragment form works too, and `lang` picks the translation", async () => {
      const { page } = await openHelp("open.html#id=account.new-password&lang=en", /en\/account\/reset-password\.html/);
      assert.deepEqual(where(page.url()), { page: "en/account/reset-password.html", hash: "step-6" });
      const t = await targeted(page);
      assert.equal(t?.id, "step-6");
      assert.ok(t.text.includes("type the new password twice"), t.text);
    });

    test("an English browser gets the English page; a place only the original has opens the original", async () => {
      const en = { locale: "en-US" };
      let { page } = await openHelp("open.html?id=account.password-reset", /reset-password\.html/, en);
      assert.deepEqual(where(page.url()), { page: "en/account/reset-password.html", hash: "" });
      ({ page } = await openHelp("open.html?id=network.wifi", /wifi-connect\.html/, en));
      assert.deepEqual(where(page.url()), { page: "network/wifi-connect.html", hash: "" }, "no English translation: the original");
      ({ page } = await openHelp("open.html?id=account.forgot-link-missing&lang=en", /reset-password\.html/, en));
      assert.equal(where(page.url()).page, "account/reset-password.html");
      const t = await targeted(page);
      assert.ok(t?.text.includes("パスワードを忘れた場合"), JSON.stringify(t));
    });

    test("the language a reader chose on the site wins over the browser's", async () => {
      const p = await newPage(browser, { locale: "ja-JP" });
      await p.page.goto(url("settings/dark-mode.html"));
      await Promise.all([p.page.waitForURL(/en\/settings\/dark-mode\.html/), p.page.click(".lang-switch a[hreflang=en]")]);
      await p.page.goto(url("open.html?id=network.airplane-mode"), { waitUntil: "commit" });
      await p.page.waitForURL(/wifi-troubleshoot\.html/, { waitUntil: "load" });
      // The troubleshooter opens at the node (its address keeps the way there).
      const at = where(p.page.url());
      assert.equal(at.page, "en/network/wifi-troubleshoot.html");
      assert.match(at.hash, /(^|\/)airplane-mode$/);
      await p.page.waitForSelector("#airplane-mode", { state: "visible" });
      assert.ok((await p.page.textContent("#airplane-mode")).includes("airplane mode"));
      // A `lang` given by the product still decides.
      await p.page.goto(url("open.html?id=network.airplane-mode&lang=ja"), { waitUntil: "commit" });
      await p.page.waitForURL(/\/network\/wifi-troubleshoot\.html/, { waitUntil: "load" });
      assert.equal(where(p.page.url()).page, "network/wifi-troubleshoot.html");
    });

    test("Japanese ids, and a step inside a variant tab", async () => {
      let { page } = await openHelp(`open.html?id=${encodeURIComponent("文字サイズ")}`, /display-scale\.html/);
      assert.deepEqual(where(page.url()), { page: "settings/display-scale.html", hash: "" });
      ({ page } = await openHelp("open.html#id=settings.display-scale.choose", /display-scale\.html#/));
      assert.equal(where(page.url()).hash, "windows-11-step-5");
      const t = await targeted(page);
      assert.equal(t?.id, "windows-11-step-5");
      assert.ok(await page.isVisible("#windows-11-step-5"), "the step's tab is shown");
    });

    test("an unknown id opens the search page, which says so in the reader's language", async () => {
      let { page, errors } = await openHelp("open.html?id=no.such-id", /search\.html/);
      assert.equal(where(page.url()).page, "search.html");
      await page.waitForSelector("#help-unknown:not([hidden])");
      const ja = await page.textContent("#help-unknown");
      assert.ok(ja.includes("no.such-id") && ja.includes("ヘルプID"), ja);
      assert.deepEqual(errors, []);
      assert.deepEqual(await axe(page), [], "the explanation is accessible (WCAG 2.2 AA)");
      ({ page } = await openHelp("open.html#id=%3Cb%3Enope%3C%2Fb%3E&lang=en", /en\/search\.html/));
      await page.waitForSelector("#help-unknown:not([hidden])");
      const en = await page.textContent("#help-unknown");
      assert.ok(en.includes("“<b>nope</b>”") && en.includes("This help has no page"), en);
      assert.equal(await page.$$eval("#help-unknown b", (b) => b.length), 0, "the id is text, never markup");
      // The search page without an id says nothing of the kind.
      await page.goto(url("en/search.html"));
      assert.equal(await page.isVisible("#help-unknown"), false);
      // open.html without an id: the search page, with nothing to explain.
      ({ page } = await openHelp("open.html", /search\.html/));
      assert.equal(where(page.url()).page, "search.html");
      await page.waitForLoadState("load");
      assert.equal(await page.isVisible("#help-unknown"), false);
      assert.ok(await page.isVisible("#search-page-input"));
    });
  });
}
