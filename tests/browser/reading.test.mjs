// Reading a guide in a real browser: questions that open when linked to and
// "expand all", the screenshot lightbox driven by the keyboard, copy buttons,
// the remembered dark-mode toggle, the language switch (which keeps the
// reader's place), the print stylesheet,
// a page without JavaScript, and no layout shift from any of it.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { exampleSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => exampleSite(), "/help/", (s) => ({ out, server, browser } = s));

const GUIDE = "account/reset-password.html";

for (const mode of ["http", "file"]) {
  describe(`reading over ${mode}`, () => {
    const url = (rel, hash = "") => (mode === "http" ? `${server.url}${rel}` : fileUrl(out, rel)) + hash;

    test("a linked question opens; \"expand all\" opens and closes its group", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url(GUIDE));
      const questions = page.locator("details.qa");
      const ids = await questions.evaluateAll((ds) => ds.map((d) => d.id));
      assert.ok(ids.length >= 2, `${ids.length} questions`);
      assert.deepEqual(await questions.evaluateAll((ds) => ds.map((d) => d.open)), ids.map(() => false));

      await page.goto(url(GUIDE, `#${encodeURIComponent(ids[1])}`));
      assert.deepEqual(await questions.evaluateAll((ds) => ds.map((d) => d.open)), ids.map((_, i) => i === 1));
      const top = await questions.nth(1).evaluate((d) => d.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < 300, `the question is in view (${top}px)`);

      // A link on the page (the table of contents) opens its question too.
      await page.locator(`.toc a[href="#${ids[2]}"]`).click();
      assert.equal(await questions.nth(2).evaluate((d) => d.open), true);

      const all = page.locator(".qa-toggle-all");
      assert.equal(await all.count(), 1);
      assert.equal(await all.getAttribute("aria-expanded"), "false");
      assert.equal(await all.textContent(), "すべて開く");
      await all.click();
      assert.deepEqual(await questions.evaluateAll((ds) => ds.map((d) => d.open)), ids.map(() => true));
      assert.equal(await all.getAttribute("aria-expanded"), "true");
      assert.equal(await all.textContent(), "すべて閉じる");
      await all.click();
      assert.deepEqual(await questions.evaluateAll((ds) => ds.map((d) => d.open)), ids.map(() => false));
      // Opening every question by hand turns the button into "collapse all".
      // (details fire "toggle" as a task after the click: wait for the state.)
      for (let i = 0; i < ids.length; i++) await questions.nth(i).locator("summary").click();
      await page.waitForFunction(() => document.querySelector(".qa-toggle-all").getAttribute("aria-expanded") === "true");
      assert.equal(await all.textContent(), "すべて閉じる");
      assert.deepEqual(errors, []);
    });

    test("the FAQ page: every question has an anchor that opens it", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url("faq.html"));
      const ids = await page.locator("details.qa").evaluateAll((ds) => ds.map((d) => d.id));
      assert.ok(ids.length > 5 && ids.every(Boolean), "every question has an id");
      assert.equal(new Set(ids).size, ids.length, "ids are unique");
      const last = ids[ids.length - 1];
      await page.goto(url("faq.html", `#${encodeURIComponent(last)}`));
      assert.equal(await page.locator(`[id="${last}"]`).evaluate((d) => d.open), true);
      assert.equal(await page.locator("details.qa[open]").count(), 1);
      assert.deepEqual(errors, []);
    });

    test("screenshot lightbox by keyboard: Enter, arrows, caption, focus kept inside, Esc", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url(GUIDE));
      const links = page.locator(".screenshot-link");
      const count = await links.count();
      assert.ok(count >= 3, `${count} screenshots`);
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
      const captions = await page.locator("figure.screenshot figcaption").evaluateAll((fs) => fs.map((f) => f.textContent));
      const scrollBefore = await page.evaluate(() => scrollY);

      await links.first().focus();
      const scrollFocused = await page.evaluate(() => scrollY);
      await page.keyboard.press("Enter");
      const dialog = page.locator("dialog.lightbox");
      assert.equal(await dialog.evaluate((d) => d.open), true);
      assert.equal(await page.evaluate(() => !!document.activeElement.closest("dialog.lightbox")), true, "focus moves into the dialog");
      assert.equal(await dialog.locator(".lightbox-img").evaluate((i) => i.src), hrefs[0]);
      assert.equal(await dialog.locator(".lightbox-count").textContent(), `画面 1 / ${count}`);
      const caption = await dialog.locator(".lightbox-caption").textContent();
      assert.ok(caption.includes(captions[0]), `caption "${caption}" shows "${captions[0]}"`);
      assert.ok(caption.startsWith("ステップ 1"), `caption "${caption}" names the step`);
      assert.equal(await dialog.getAttribute("aria-labelledby"), "lightbox-caption");
      await dialog.locator(".lightbox-img").evaluate((i) => i.decode());
      assert.ok(await dialog.locator(".lightbox-img").evaluate((i) => i.naturalWidth > 0), "the image loads");

      await page.keyboard.press("ArrowRight");
      assert.equal(await dialog.locator(".lightbox-img").evaluate((i) => i.src), hrefs[1]);
      assert.equal(await dialog.locator(".lightbox-count").textContent(), `画面 2 / ${count}`);
      assert.ok((await dialog.locator(".lightbox-caption").textContent()).includes(captions[1]));
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("ArrowLeft");
      assert.equal(await dialog.locator(".lightbox-count").textContent(), `画面 1 / ${count}`, "no step before the first");

      for (const key of ["Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
        await page.keyboard.press(key);
        assert.equal(await page.evaluate(() => !!document.activeElement.closest("dialog.lightbox")), true, `focus stays in the dialog after ${key}`);
      }

      await page.keyboard.press("Escape");
      assert.equal(await dialog.evaluate((d) => d.open), false);
      assert.equal(await page.evaluate(() => document.activeElement.classList.contains("screenshot-link")), true, "focus returns to the screenshot");
      assert.equal(await page.evaluate(() => scrollY), scrollFocused, "the page did not move underneath");
      assert.ok(scrollBefore >= 0);

      // A click opens it too, and the close button closes it.
      await links.nth(2).click();
      assert.equal(await dialog.locator(".lightbox-count").textContent(), `画面 3 / ${count}`);
      await dialog.locator(".lightbox-close").click();
      assert.equal(await dialog.evaluate((d) => d.open), false);
      assert.deepEqual(errors, []);
    });

    test("copy button copies the code and says so", async () => {
      const { page, context, errors } = await newPage(browser);
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      await page.goto(url("apps/collect-logs.html"));
      const blocks = page.locator(".code-block");
      assert.equal(await blocks.count(), await page.locator("pre.code").count(), "every code block has a button");
      const code = await blocks.nth(1).locator("pre code").textContent();
      const button = blocks.nth(1).locator(".copy-btn");
      assert.equal(await button.textContent(), "コピー");
      await button.click();
      await page.waitForFunction(() => document.querySelectorAll(".copy-btn.is-copied").length === 1);
      assert.equal(await button.textContent(), "コピーしました");
      // The live region is filled a moment later (so it is announced again): wait for it.
      await page.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((s) => s.textContent.includes("コピーしました")));
      assert.equal(await page.locator('[role="status"]').filter({ hasText: "コピーしました" }).count(), 1, "announced to screen readers");
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code.replace(/\n$/, ""));
      assert.deepEqual(errors, []);
    });

    test("the language switch keeps the reader's place: the same step, the same question", async () => {
      const { page, errors } = await newPage(browser);
      const steps = page.locator("ol.steps > li.step"), questions = page.locator("details.qa");
      const switchTo = async (lang) => {
        // A click where the link is: locator.click() would scroll the page first.
        const box = await page.locator(`.lang-switch a[hreflang=${lang}]`).boundingBox();
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.waitForLoadState("load");
        await page.waitForFunction(() => !location.hash.startsWith("#@"));
        assert.equal(await page.getAttribute("html", "lang"), lang);
      };
      const hash = () => decodeURIComponent(new URL(page.url()).hash.slice(1));
      // From the top of a page, the other language opens at its top.
      await page.goto(url(GUIDE));
      await switchTo("en");
      assert.equal(hash(), "");
      const enSteps = await steps.evaluateAll((ls) => ls.map((l) => l.id));
      const enQuestions = await questions.evaluateAll((ds) => ds.map((d) => d.id));

      await page.goto(url(GUIDE));
      assert.equal(await steps.count(), enSteps.length, "the translation has the same steps");
      await steps.nth(4).evaluate((li) => li.scrollIntoView({ block: "start" }));
      await switchTo("en");
      assert.equal(hash(), enSteps[4]);
      const top = await steps.nth(4).evaluate((li) => li.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < 200, `the fifth step is at the top (${top}px)`);

      // A question: the translation's question opens, under its own anchor.
      await questions.nth(1).evaluate((d) => d.scrollIntoView({ block: "start" }));
      await switchTo("ja");
      const ja = questions.nth(1);
      assert.equal(hash(), await ja.getAttribute("id"));
      assert.notEqual(hash(), enQuestions[1], "each language has its own anchors");
      assert.equal(await ja.evaluate((d) => d.open), true);
      assert.deepEqual(errors, []);
    });

    test("dark mode follows the system, and the toggle is remembered across pages and languages", async () => {
      const bg = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const dark = await newPage(browser, { colorScheme: "dark" });
      await dark.page.goto(url(GUIDE));
      assert.equal(await bg(dark.page), "rgb(15, 20, 26)", "dark system, dark page");
      assert.equal(await dark.page.locator(".theme-toggle").getAttribute("aria-pressed"), "true");

      const { page, errors } = await newPage(browser, { colorScheme: "light" });
      await page.goto(url(GUIDE));
      assert.equal(await bg(page), "rgb(255, 255, 255)");
      const toggle = page.locator(".theme-toggle");
      assert.equal(await toggle.getAttribute("aria-pressed"), "false");
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-pressed"), "true");
      assert.equal(await page.getAttribute("html", "data-theme"), "dark");
      assert.equal(await bg(page), "rgb(15, 20, 26)");

      await page.reload();
      assert.equal(await bg(page), "rgb(15, 20, 26)", "remembered after a reload");
      await page.locator(".lang-switch a[hreflang=en]").click();
      await page.waitForLoadState("load");
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.match(page.url(), /\/en\/account\/reset-password\.html$/);
      assert.equal(await bg(page), "rgb(15, 20, 26)", "remembered in the other language");
      assert.equal(await page.locator(".theme-toggle").getAttribute("aria-pressed"), "true");
      assert.match(await page.locator(".step-mode-toggle").textContent(), /One step at a time/, "the English page speaks English");
      await page.locator(".theme-toggle").click();
      assert.equal(await bg(page), "rgb(255, 255, 255)");
      await page.locator(".lang-switch a[hreflang=ja]").click();
      await page.waitForLoadState("load");
      assert.equal(await page.getAttribute("html", "lang"), "ja");
      assert.equal(await bg(page), "rgb(255, 255, 255)");
      assert.deepEqual([...errors, ...dark.errors], []);
    });
  });
}

test("print: every step and answer, screenshots fitted, no navigation or controls", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}${GUIDE}`);
  await page.locator(".step-mode-toggle").click(); // even from step mode
  await page.emulateMedia({ media: "print" });
  const shown = (sel) => page.locator(sel).evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).length);
  assert.equal(await shown("ol.steps > li.step"), await page.locator("ol.steps > li.step").count(), "every step");
  for (const sel of [".site-header", ".site-footer", ".crumb-bar", ".toc", ".guide-tools", ".stepbar", ".feedback", ".pager", ".related", ".step-check", ".qa-tools"]) {
    assert.equal(await shown(sel), 0, `${sel} is not printed`);
  }
  const answers = page.locator("details.qa .qa-answer");
  assert.ok((await answers.count()) > 0);
  const heights = await answers.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height));
  assert.ok(heights.every((h) => h > 0), `closed answers are printed (${heights})`);
  const fit = await page.locator(".screenshot img").evaluateAll((imgs) => imgs.map((i) => {
    const r = i.getBoundingClientRect(), box = i.closest("li").getBoundingClientRect();
    return { w: r.width, h: r.height, max: box.width };
  }));
  for (const f of fit) {
    assert.ok(f.w <= f.max + 0.5, `screenshot ${f.w}px fits the text width ${f.max}px`);
    assert.ok(f.h <= 284, `screenshot ${f.h}px is at most 7.5cm high`);
  }
  assert.deepEqual(errors, []);
});

test("without JavaScript every step, screenshot and answer can be read", async () => {
  const { page, external } = await newPage(browser, { context: { javaScriptEnabled: false } });
  await page.goto(`${server.url}${GUIDE}`);
  assert.equal(await page.getAttribute("html", "class"), null, "the page's scripts did not run");
  const steps = page.locator("ol.steps > li.step");
  const n = await steps.count();
  for (let i = 0; i < n; i++) {
    assert.ok(await steps.nth(i).locator(".step-instruction").isVisible(), `step ${i + 1} is shown`);
  }
  const imgs = page.locator(".screenshot img");
  for (let i = 0; i < (await imgs.count()); i++) {
    await imgs.nth(i).scrollIntoViewIfNeeded();
    assert.ok(await imgs.nth(i).isVisible());
  }
  await page.locator(".screenshot img").last().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll(".screenshot img")].every((i) => i.complete && i.naturalWidth > 0));
  for (const sel of [".guide-tools", ".stepbar", ".feedback", ".step-check", ".theme-toggle", ".qa-tools"]) {
    assert.equal(await page.locator(`${sel}:visible`).count(), 0, `${sel} needs JavaScript, so it is not shown`);
  }
  // A question opens natively; a screenshot is a link to the full image.
  const qa = page.locator("details.qa").first();
  await qa.locator("summary").click();
  assert.ok(await qa.locator(".qa-answer").isVisible());
  const href = await page.locator(".screenshot-link").first().getAttribute("href");
  assert.equal(href, await page.locator(".screenshot img").first().getAttribute("src"));
  assert.ok(await page.locator(".toc").isVisible());
  assert.deepEqual(external, []);
});

test("nothing moves while the page loads, enhances itself and loads its screenshots", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}apps/collect-logs.html`);
  await page.evaluate(async () => {
    for (const img of document.querySelectorAll(".screenshot img")) {
      img.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(r));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(() => [...document.querySelectorAll(".screenshot img")].every((i) => i.complete && i.naturalWidth > 0));
  const shifts = await page.evaluate(() => {
    const observer = new PerformanceObserver(() => {});
    observer.observe({ type: "layout-shift", buffered: true });
    return observer.takeRecords().filter((e) => !e.hadRecentInput).map((e) => e.value);
  });
  const cls = shifts.reduce((a, b) => a + b, 0);
  assert.ok(cls < 0.001, `cumulative layout shift ${cls}`);
  assert.deepEqual(errors, []);
});
