// "Was this helpful?": the answer is kept in the browser when the site has no
// endpoint (and nothing is sent anywhere), and POSTed as JSON to the site's
// `feedback.endpoint` when it has one, from HTTP and from file:// alike.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildSite, exampleSite, fileUrl, launch, newPage, receiver, serve, writeSite } from "./harness.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe("without an endpoint", () => {
  let server;
  before(async () => { server = await serve(exampleSite(), "/"); });
  after(async () => { await server?.close(); });

  test("the answer is kept locally and nothing is sent", async () => {
    const { page, errors, external } = await newPage(browser);
    const posts = [];
    page.on("request", (r) => { if (r.method() !== "GET") posts.push(r.url()); });
    await page.goto(`${server.url}account/reset-password.html`);
    const feedback = page.locator(".feedback");
    assert.equal(await feedback.locator("h2").textContent(), "このガイドは役に立ちましたか？");
    assert.equal(await feedback.getAttribute("data-endpoint"), null);
    const yes = feedback.locator('[data-helpful="yes"]'), no = feedback.locator('[data-helpful="no"]');
    await yes.click();
    assert.equal(await yes.getAttribute("aria-pressed"), "true");
    assert.equal(await no.getAttribute("aria-pressed"), "false");
    assert.match(await feedback.locator('[role="status"]').textContent(), /ありがとうございました/);

    await page.reload();
    assert.equal(await yes.getAttribute("aria-pressed"), "true", "kept across a reload");
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem(`tebiki:${location.pathname}`)));
    assert.equal(kept.helpful, true);
    await no.click();
    assert.equal(await no.getAttribute("aria-pressed"), "true", "the answer can be changed");
    assert.equal(await yes.getAttribute("aria-pressed"), "false");

    // Another guide has its own question.
    await page.goto(`${server.url}apps/collect-logs.html`);
    assert.equal(await page.locator('.feedback [aria-pressed="true"]').count(), 0);
    assert.deepEqual(posts, []);
    assert.deepEqual(external, []);
    assert.deepEqual(errors, []);
  });
});

describe("with an endpoint", () => {
  let endpoint, out, server;
  before(async () => {
    endpoint = await receiver("/feedback");
    const site = writeSite({
      "tebiki.yaml": `title: Help\nlanguages: [ja, en]\nfeedback:\n  endpoint: ${endpoint.url}\n`,
      "content/printer/index.md": "---\ntitle: プリンターを追加する\nsummary: プリンターを追加します。\npublished: 2024-05-01\n---\n## 手順\n\n1. [設定] を開きます。\n2. [プリンター] をクリックします。\n",
      "content/printer/index.en.md": "---\ntitle: Add a printer\nsummary: Add a printer.\npublished: 2024-05-01\n---\n## Steps\n\n1. Open [Settings].\n",
    });
    out = buildSite(site);
    server = await serve(out, "/");
  });
  after(async () => { await server?.close(); await endpoint?.close(); });

  test("over HTTP the answer is POSTed as JSON", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}printer.html`);
    assert.equal(await page.locator(".feedback").getAttribute("data-endpoint"), endpoint.url);
    const arrived = endpoint.next();
    await page.locator('.feedback [data-helpful="no"]').click();
    const post = await arrived;
    assert.equal(post.method, "POST");
    assert.equal(post.type, "application/json");
    assert.deepEqual(JSON.parse(post.body), { page: "printer.html", lang: "ja", title: "プリンターを追加する", helpful: false });
    await page.waitForFunction(() => JSON.parse(localStorage.getItem(`tebiki:${location.pathname}`)).sent === true);
    assert.deepEqual(errors, []);
  });

  test("from disk too, in the page's language", async () => {
    const { page, errors } = await newPage(browser, { locale: "en-US" });
    await page.goto(fileUrl(out, "en/printer.html"));
    const arrived = endpoint.next();
    await page.locator('.feedback [data-helpful="yes"]').click();
    const post = await arrived;
    assert.ok(["null", "file://"].includes(post.origin), `sent by a page from disk (origin ${post.origin})`);
    assert.deepEqual(JSON.parse(post.body), { page: "en/printer.html", lang: "en", title: "Add a printer", helpful: true });
    assert.match(await page.locator(".feedback-status").textContent(), /Thank you/);
    assert.deepEqual(errors, []);
  });
});
