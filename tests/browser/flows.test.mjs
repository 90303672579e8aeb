// Troubleshooters on the built example site (network/wifi-troubleshoot),
// over HTTP and from disk: one node at a time, answers moving forward and
// the trail, Back and "Start over" moving back, the way taken in the
// address (a deep link opens mid-way, a reload keeps the place), focus on
// the new node's heading, "Did this solve it?" kept and leading on, step
// mode inside a fix, the language switch keeping the place, a search
// result opening at its node; without JavaScript and in print every node
// and the flowchart show; the answers reach the feedback endpoint with the
// node's id; axe finds nothing in any state.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, buildSite, exampleSite, fileUrl, newPage, receiver, serve, siteInBrowser, writeSite } from "./harness.mjs";

const PAGE = "network/wifi-troubleshoot.html";
let browser, server, out;
siteInBrowser(() => exampleSite(), "/help/", (s) => ({ out, server, browser } = s));

/** Ids of the troubleshooter's nodes a reader can see. */
const shownNodes = (page) => page.locator(".flow-node:visible").evaluateAll((els) => els.map((e) => e.getAttribute("data-node")));
// An answer sets the URL fragment and the page follows on `hashchange`:
// wait for that node before reading what is shown.
const shownAfter = async (page, node) => {
  await page.locator(`.flow-node[data-node="${node}"]`).waitFor({ state: "visible" });
  return shownNodes(page);
};
const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));
const trail = (page) => page.locator(".flow-trail li a:visible").evaluateAll((els) => els.map((a) => a.textContent));
const focused = (page) => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.className));
const report = (violations) => violations.map((v) => `${v.id}: ${v.help}\n    ${v.nodes.join("\n    ")}`).join("\n");

for (const mode of ["http", "file"]) {
  describe(`a troubleshooter over ${mode}`, () => {
    const url = (rel) => {
      const [path, h] = rel.split("#");
      return (mode === "http" ? `${server.url}${path}` : fileUrl(out, path)) + (h ? `#${h}` : "");
    };

    test("answers lead forward one node at a time; the trail, Back and Start over lead back", async () => {
      const { page, errors, external } = await newPage(browser);
      await page.goto(url(PAGE));
      assert.deepEqual(await shownAfter(page, "icon"), ["icon"], "only the first question");
      assert.equal(await page.locator(".flow-chart").evaluate((d) => d.open), false, "the chart is folded away");
      assert.deepEqual(await trail(page), []);
      assert.equal(await page.locator(".flow-choice:visible").count(), 3);

      await page.locator(".flow-choice:visible", { hasText: "地球儀" }).click();
      assert.equal(await hash(page), "#icon/network-listed");
      assert.deepEqual(await shownAfter(page, "network-listed"), ["network-listed"]);
      assert.equal(await focused(page), "network-listed", "focus moves to the new question's heading");
      assert.deepEqual(await trail(page), ["ネットワークのアイコンはどう表示されていますか？: 地球儀のマークが表示されている"]);

      // The keyboard works as well as the mouse.
      await page.locator(".flow-choice:visible", { hasText: "表示されている" }).first().focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => location.hash === "#icon/network-listed/password");
      await page.locator(".flow-choice:visible", { hasText: "接続できません" }).click();
      assert.equal(await hash(page), "#icon/network-listed/password/retype-password");
      assert.deepEqual(await shownAfter(page, "retype-password"), ["retype-password"]);
      assert.equal(await page.locator("#retype-password-step-1").isVisible(), true, "a fix shows its steps");
      assert.equal((await trail(page)).length, 3);

      // Back through the trail, then the browser's Back goes forward again.
      await page.locator(".flow-trail li a").nth(1).click();
      assert.equal(await hash(page), "#icon/network-listed");
      assert.deepEqual(await shownAfter(page, "network-listed"), ["network-listed"]);
      await page.goBack();
      await page.waitForFunction(() => location.hash.endsWith("/retype-password"));
      assert.deepEqual(await shownAfter(page, "retype-password"), ["retype-password"]);
      await page.goBack();
      await page.waitForFunction(() => location.hash === "#icon/network-listed/password");
      assert.deepEqual(await shownAfter(page, "password"), ["password"]);

      // Start over.
      await page.locator(".flow-restart").click();
      await page.waitForFunction(() => location.hash === "#icon");
      assert.deepEqual(await shownAfter(page, "icon"), ["icon"]);
      assert.equal(await focused(page), "icon");
      assert.equal(await page.locator(".flow-restart").getAttribute("aria-disabled"), "true");
      assert.deepEqual(external, []);
      assert.deepEqual(errors, []);
    });

    test("a link to a place mid-way opens there, a reload keeps it, a link to one node finds the way to it", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url(`${PAGE}#icon/connected-but/other-devices`));
      assert.deepEqual(await shownAfter(page, "other-devices"), ["other-devices"]);
      assert.equal((await trail(page)).length, 2);
      await page.reload();
      assert.deepEqual(await shownAfter(page, "other-devices"), ["other-devices"], "a reload keeps the place");
      assert.equal(await hash(page), "#icon/connected-but/other-devices");
      // A way that does not exist is kept as far as it goes.
      await page.goto(url(`${PAGE}#icon/connected-but/password`));
      assert.deepEqual(await shownAfter(page, "connected-but"), ["connected-but"]);
      // One node: the shortest way to it, written into the address.
      await page.goto(url(`${PAGE}#restart-router`));
      await page.reload();
      assert.deepEqual(await shownAfter(page, "restart-router"), ["restart-router"]);
      assert.equal(await hash(page), "#icon/network-listed/password/restart-router");
      // A step of a fix opens that fix.
      await page.goto(url(`${PAGE}#forget-network-step-2`));
      await page.reload();
      assert.deepEqual(await shownAfter(page, "forget-network"), ["forget-network"]);
      assert.deepEqual(errors, []);
    });

    test("Did this solve it? is kept; No leads on, or to the contact point", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url(`${PAGE}#icon/network-listed/password/retype-password`));
      const solved = page.locator(".flow-node.is-current .flow-solved");
      assert.equal(await solved.locator(".flow-solved-question").textContent(), "これで解決しましたか？");
      await solved.locator('[data-solved="no"]').click();
      await page.waitForFunction(() => location.hash.endsWith("/retype-password/forget-network"));
      assert.deepEqual(await shownAfter(page, "forget-network"), ["forget-network"]);
      assert.equal(await focused(page), "forget-network");
      const yes = page.locator('.flow-node.is-current [data-solved="yes"]');
      await yes.click();
      assert.equal(await yes.getAttribute("aria-pressed"), "true");
      assert.match(await page.locator(".flow-node.is-current .flow-solved-status").textContent(), /解決してよかった/);
      const kept = await page.evaluate(() => JSON.parse(localStorage.getItem(`tebiki:${location.pathname}`)).solved);
      assert.deepEqual(kept, { "retype-password": false, "forget-network": true });

      // The last fix has no way on: No shows where to get help.
      await page.goto(url(`${PAGE}#network-reset`));
      await page.reload();
      const contact = page.locator(".flow-node.is-current .flow-contact");
      assert.equal(await contact.isVisible(), false);
      await page.locator('.flow-node.is-current [data-solved="no"]').click();
      assert.equal(await contact.isVisible(), true);
      assert.equal(await contact.locator("a").getAttribute("href"), "mailto:helpdesk@example.com");
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), "mailto:helpdesk@example.com");
      assert.deepEqual(errors, []);
    });

    test("step mode goes through the steps of the fix on screen", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url(PAGE));
      const toggle = page.locator(".step-mode-toggle");
      assert.equal(await toggle.getAttribute("aria-disabled"), "true", "no steps on screen at a question");
      await page.goto(url(`${PAGE}#icon/network-listed/password/retype-password/forget-network`));
      await page.reload();
      assert.equal(await toggle.getAttribute("aria-disabled"), "false");
      await toggle.click();
      assert.equal(await page.locator(".step-progress-text").textContent(), "ステップ 1 / 3");
      assert.deepEqual(await page.locator("ol.steps > li.step:visible").evaluateAll((els) => els.map((e) => e.id)), ["forget-network-step-1"]);
      await page.locator(".step-next").click();
      await page.locator(".step-done:visible").check();
      assert.equal(await page.locator(".step-progress-text").textContent(), "ステップ 2 / 3");
      assert.match(await page.locator(".steps-done-count").textContent(), /^1 \/ 9/);
      await toggle.click();
      assert.deepEqual(await shownAfter(page, "forget-network"), ["forget-network"], "the troubleshooter stays at the fix");
      assert.deepEqual(errors, []);
    });

    test("the language switch keeps the place", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url(`${PAGE}#icon/network-listed/hidden-network`));
      await page.locator(".lang-switch a[hreflang='en']").click();
      await page.waitForURL(/\/en\/network\/wifi-troubleshoot\.html#/);
      assert.deepEqual(await shownAfter(page, "hidden-network"), ["hidden-network"]);
      assert.equal(await page.locator(".flow-node.is-current h3").textContent(), "Add a network that is not listed");
      assert.deepEqual(await trail(page), ["What does the network icon on the taskbar look like?: A globe", "Is the network you want in the Wi-Fi list?: No, it is not listed"]);
      assert.deepEqual(errors, []);
    });

    test("a search result opens the troubleshooter at its node", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url("index.html"));
      await page.fill("#search-input", "インターネットなし");
      await page.waitForFunction(() => !document.getElementById("search-popup").hidden && document.querySelector("#search-results .search-hit"));
      const link = page.locator("#search-results a[href*='wifi-troubleshoot.html#connected-but']").first();
      assert.equal(await link.count(), 1, await page.locator("#search-results").innerHTML());
      await link.click();
      await page.waitForURL(/wifi-troubleshoot\.html#/);
      assert.deepEqual(await shownAfter(page, "connected-but"), ["connected-but"]);
      assert.equal(await hash(page), "#icon/connected-but");
      assert.deepEqual(errors, []);
    });

    test("in print every node and the flowchart show, without the controls", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url(`${PAGE}#icon/network-listed`));
      await page.emulateMedia({ media: "print" });
      assert.equal((await shownNodes(page)).length, 11);
      const svg = page.locator(".flow-chart-svg");
      assert.equal(await svg.isVisible(), true);
      const box = await svg.boundingBox();
      assert.ok(box.width > 300 && box.height > 300, JSON.stringify(box));
      assert.equal(await page.locator(".flow-bar").isVisible(), false);
      assert.equal(await page.locator(".flow-solved").first().isVisible(), false);
      assert.equal(await page.locator(".flow-to").first().isVisible(), true, "each answer names where it leads");
      assert.deepEqual(errors, []);
    });
  });
}

test("without JavaScript, every node is a linked section under the flowchart", async () => {
  const { page } = await newPage(browser, { context: { javaScriptEnabled: false } });
  await page.goto(`${server.url}${PAGE}`);
  assert.equal((await shownNodes(page)).length, 11);
  assert.equal(await page.locator(".flow-chart-svg").isVisible(), true);
  assert.equal(await page.locator(".flow-bar").isVisible(), false);
  const first = page.locator(".flow-choice").first();
  assert.equal(await first.getAttribute("href"), "#airplane-mode");
  assert.equal(await page.locator(".flow-to").first().textContent(), "機内モードをオフにする");
  assert.equal(await page.locator(".flow-next").first().isVisible(), true);
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe finds nothing in any state of the troubleshooter (${colorScheme})`, async () => {
    const { page } = await newPage(browser, { colorScheme });
    await page.goto(`${server.url}${PAGE}`);
    const states = [["the first question", await axe(page)]];
    await page.locator(".flow-choice:visible").nth(1).click();
    await page.locator(".flow-choice:visible").first().click();
    states.push(["a question mid-way, with the trail", await axe(page)]);
    await page.locator(".flow-choice:visible").first().click();
    await page.locator('.flow-node.is-current [data-solved="yes"]').click();
    states.push(["a fix, answered", await axe(page)]);
    await page.locator(".flow-chart > summary").click();
    states.push(["the flowchart open", await axe(page)]);
    await page.goto(`${server.url}en/${PAGE}#network-reset`);
    await page.reload();
    await page.locator('.flow-node.is-current [data-solved="no"]').click();
    states.push(["English, the contact point shown", await axe(page)]);
    const failed = states.filter(([, v]) => v.length).map(([name, v]) => `${name}:\n  ${report(v)}`);
    assert.equal(failed.length, 0, failed.join("\n"));
  });
}

describe("with a feedback endpoint", () => {
  let endpoint, site, local;
  before(async () => {
    endpoint = await receiver("/feedback");
    site = buildSite(writeSite({
      "tebiki.yaml": `title: Help\nlanguages: [en]\nfeedback:\n  endpoint: ${endpoint.url}\nsupport:\n  contact: /index.html\nrules:\n  step-no-screenshot: off\n`,
      "content/printer.md": "---\ntitle: Printer\nsummary: Find why it does not print.\npublished: 2024-05-01\n---\n## Help {#help .flow}\n\n### Is the light on? {#light}\n\n- [Yes](#paper)\n- [No](#power)\n\n### Turn it on {#power}\n\n1. Press the button.\n\nIf not, [add paper](#paper).\n\n### Add paper {#paper}\n\nFill the tray.\n",
    }));
    local = await serve(site, "/");
  });
  after(async () => { await local?.close(); await endpoint?.close(); });

  for (const mode of ["http", "file"]) {
    test(`"Did this solve it?" is POSTed with the fix's id (${mode})`, async () => {
      const { page, errors } = await newPage(browser, { locale: "en-US" });
      await page.goto((mode === "http" ? `${local.url}printer.html` : fileUrl(site, "printer.html")) + "#light/power");
      const arrived = endpoint.next();
      await page.locator('.flow-node.is-current [data-solved="no"]').click();
      const post = await arrived;
      assert.equal(post.type, "application/json");
      assert.deepEqual(JSON.parse(post.body), { page: "printer.html", lang: "en", title: "Printer", helpful: false, node: "power", flow: "light", path: ["light", "power"] });
      await page.waitForFunction(() => location.hash === "#light/power/paper");
      const second = endpoint.next();
      await page.locator('.flow-node.is-current [data-solved="yes"]').click();
      assert.deepEqual(JSON.parse((await second).body).node, "paper");
      assert.deepEqual(errors, []);
    });
  }
});
