// Step mode and done checks on the built example site, over HTTP and from
// disk (file://): one step at a time with Back/Next, ←/→ and a progress
// indicator per procedure; checks and the current step kept per guide in
// localStorage across reloads and tabs; a link to #step-4 opens at step 4.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { exampleSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => exampleSite(), "/help/", (s) => ({ out, server, browser } = s));

/** Ids of the procedure steps a reader can see. */
const visibleSteps = (page) => page.locator("ol.steps > li.step:visible").evaluateAll((els) => els.map((e) => e.id));
const progress = (page) => page.locator(".step-progress-text").textContent();

for (const mode of ["http", "file"]) {
  describe(`step mode over ${mode}`, () => {
    const url = (rel) => {
      const [path, hash] = rel.split("#");
      return (mode === "http" ? `${server.url}${path}` : fileUrl(out, path)) + (hash ? `#${hash}` : "");
    };

    test("one step at a time: buttons, arrow keys, progress, the address follows", async () => {
      const { page, errors, external } = await newPage(browser);
      await page.goto(url("account/reset-password.html"));
      const all = await visibleSteps(page);
      assert.equal(all.length, 9, "every step is shown before step mode");
      assert.equal(await page.locator(".stepbar").isVisible(), false);

      const toggle = page.locator(".step-mode-toggle");
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-pressed"), "true");
      assert.deepEqual(await visibleSteps(page), ["step-1"]);
      assert.equal(await progress(page), "ステップ 1 / 9");
      assert.equal(await page.locator(".step-prev").getAttribute("aria-disabled"), "true");
      assert.ok(await page.locator("#step-1 .screenshot img").isVisible(), "the step's screenshot is shown");
      assert.equal(await page.locator("h2#困ったときは").isVisible(), false, "other sections are hidden");

      await page.locator(".step-next").click();
      assert.deepEqual(await visibleSteps(page), ["step-2"]);
      assert.equal(await progress(page), "ステップ 2 / 9");
      assert.equal(new URL(page.url()).hash, "#step-2");
      assert.equal(await page.locator(".step-prev").getAttribute("aria-disabled"), "false");

      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      assert.deepEqual(await visibleSteps(page), ["step-4"]);
      await page.keyboard.press("ArrowLeft");
      assert.deepEqual(await visibleSteps(page), ["step-3"]);
      await page.locator(".step-prev").click();
      assert.deepEqual(await visibleSteps(page), ["step-2"]);

      // Arrow keys belong to a text field while typing in it.
      await page.locator("#search-input").focus();
      await page.keyboard.press("ArrowRight");
      assert.deepEqual(await visibleSteps(page), ["step-2"]);

      await toggle.click();
      assert.equal((await visibleSteps(page)).length, 9, "leaving step mode shows every step again");
      assert.equal(new URL(page.url()).hash, "");
      assert.deepEqual(external, []);
      assert.deepEqual(errors, []);
    });

    test("done checks and the current step survive a reload and a new tab, per guide", async () => {
      const { page, context, errors } = await newPage(browser);
      await page.goto(url("account/reset-password.html"));
      assert.equal(await page.locator(".steps-done-count").textContent(), "0 / 9 完了");
      await page.locator(".step-mode-toggle").click();
      await page.locator(".step-next").click();
      await page.locator(".step-next").click();
      await page.locator("#step-3 .step-done").check();
      assert.ok(await page.locator("#step-3").evaluate((e) => e.classList.contains("is-done")));
      assert.equal(await page.locator(".steps-done-count").textContent(), "1 / 9 完了");

      await page.reload();
      assert.equal(await page.locator(".step-mode-toggle").getAttribute("aria-pressed"), "true");
      assert.deepEqual(await visibleSteps(page), ["step-3"]);
      assert.equal(await page.locator("#step-3 .step-done").isChecked(), true);
      assert.equal(await page.locator(".steps-done-count").textContent(), "1 / 9 完了");

      // A fresh navigation (no form state to restore) reads the same record.
      const tab = await context.newPage();
      await tab.goto(url("account/reset-password.html"));
      assert.deepEqual(await visibleSteps(tab), ["step-3"]);
      assert.equal(await tab.locator("#step-3 .step-done").isChecked(), true);

      // Another guide keeps its own state.
      await tab.goto(url("apps/collect-logs.html"));
      assert.equal(await tab.locator(".step-mode-toggle").getAttribute("aria-pressed"), "false");
      assert.equal(await tab.locator(".step-done:checked").count(), 0);
      assert.equal(await tab.locator(".steps-done-count").textContent(), "0 / 7 完了");

      // Reset clears the checks for good.
      await page.locator(".steps-reset").click();
      assert.equal(await page.locator("#step-3 .step-done").isChecked(), false);
      await page.reload();
      assert.equal(await page.locator(".step-done:checked").count(), 0);
      assert.equal(await page.locator(".steps-done-count").textContent(), "0 / 9 完了");
      assert.deepEqual(errors, []);
    });

    test("a link to #step-4 opens at that step", async () => {
      const { page, errors } = await newPage(browser);
      // Step mode off: the browser scrolls to the step, and step mode starts there.
      await page.goto(url("account/reset-password.html#step-4"));
      const top = await page.locator("#step-4").evaluate((e) => e.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < 200, `step 4 is at the top of the window (${top}px)`);
      await page.locator(".step-mode-toggle").click();
      assert.deepEqual(await visibleSteps(page), ["step-4"]);
      assert.equal(await progress(page), "ステップ 4 / 9");

      // Step mode on (remembered): a link to another step shows that step.
      await page.goto(url("account/reset-password.html#step-7"));
      assert.deepEqual(await visibleSteps(page), ["step-7"]);
      assert.equal(await progress(page), "ステップ 7 / 9");
      assert.ok(await page.locator("#step-7").isVisible());

      // A link on the page to something step mode hides leaves step mode.
      const question = page.locator("details.qa").first();
      const id = await question.getAttribute("id");
      await page.evaluate((h) => { location.hash = h; }, id);
      await page.waitForFunction(() => !document.querySelector(".guide").classList.contains("step-mode"));
      assert.equal(await question.evaluate((d) => d.open), true);
      assert.ok(await question.isVisible());
      assert.deepEqual(errors, []);
    });

    test("progress counts within each procedure; Next at the end leads to the feedback", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url("settings/dark-mode.html"));
      await page.locator(".step-mode-toggle").click();
      const procA = page.locator("section.section-3").nth(0).locator("h3");
      const procB = page.locator("section.section-3").nth(1).locator("h3");
      assert.equal(await progress(page), "ステップ 1 / 5");
      assert.ok(await procA.isVisible());
      assert.equal(await procB.isVisible(), false);
      for (let i = 0; i < 5; i++) await page.locator(".step-next").click();
      assert.equal(await progress(page), "ステップ 1 / 4", "the second procedure counts from its own first step");
      assert.equal(await procA.isVisible(), false);
      assert.ok(await procB.isVisible());
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
      assert.equal(await progress(page), "ステップ 4 / 4");
      assert.equal(await page.locator(".step-next").textContent(), "終了");
      await page.locator(".step-next").click();
      assert.equal(await page.locator(".step-mode-toggle").getAttribute("aria-pressed"), "false");
      assert.equal((await visibleSteps(page)).length, 9);
      assert.ok(await page.evaluate(() => document.activeElement.classList.contains("feedback-vote")), "focus moves to \"Was this helpful?\"");
      assert.deepEqual(errors, []);
    });
  });
}

test("step mode speaks the page's language", async () => {
  const { page, errors } = await newPage(browser, { locale: "en-US" });
  await page.goto(`${server.url}en/account/reset-password.html`);
  const toggle = page.locator(".step-mode-toggle");
  assert.match(await toggle.textContent(), /One step at a time/);
  assert.equal(await page.locator(".steps-done-count").textContent(), "0 of 9 done");
  await toggle.click();
  assert.equal(await progress(page), "Step 1 of 9");
  assert.match(await page.locator(".step-next").textContent(), /Next/);
  assert.deepEqual(errors, []);
});
