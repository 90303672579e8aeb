// Folder and file names as real help centers have them (spaces, `&`, `#`,
// `%`, Japanese): every page, link, screenshot and search result of the
// built site works over http and from file://. tebiki keeps the names as
// written and percent-encodes them wherever it writes a URL. (In Markdown a
// `#` in a file name is written `%23`, as in any URL: a bare `#` starts the anchor.)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSite, fileUrl, htmlPages, launch, newPage, serve, writeSite } from "./harness.mjs";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8DAwMDAwMDAAAD0/wH+N3hAAAAAAElFTkSuQmCC",
  "base64",
);

let browser, server, out;
before(async () => {
  const site = writeSite({
    "tebiki.yaml": "title: {ja: 名前のテスト, en: Names}\nlanguages: [ja, en]\n",
    "content/Account & billing/Reset my password.md":
      "---\ntitle: パスワードを再設定する\n---\n手順です。[C# のヒント](<C%23 tips.md>) と [解決率](<../よくある質問/100% 解決.md#step-1>) も読んでください。\n\n" +
      "1. [設定] を開きます。\n\n   ![設定の画面](<shots/画面 %231.png>)\n",
    "content/Account & billing/C# tips.md": "---\ntitle: C# のヒント\n---\n[戻る](<Reset my password.md>)\n",
    "content/よくある質問/100% 解決.md":
      "---\ntitle: 百パーセント解決する方法\n---\n1. 再起動します。\n\n   ![再起動の画面](<../Account & billing/shots/画面 %231.png>)\n",
  });
  mkdirSync(`${site}/content/Account & billing/shots`);
  writeFileSync(`${site}/content/Account & billing/shots/画面 #1.png`, PNG);
  out = buildSite(site);
  server = await serve(out, "/help/");
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

for (const mode of ["http", "file"]) {
  describe(`names with spaces, &, #, % and Japanese over ${mode}`, () => {
    const url = (rel) => (mode === "http" ? `${server.url}${encodeURI(rel).replace(/#/g, "%23")}` : fileUrl(out, rel));

    test("every link and image of every page leads to a file of the site", async () => {
      const { page, errors } = await newPage(browser);
      const pages = htmlPages(out);
      assert.ok(pages.includes("Account & billing/Reset my password.html"), pages.join("\n"));
      assert.ok(pages.includes("よくある質問/100% 解決.html"));
      let checked = 0;
      for (const rel of pages) {
        const response = await page.goto(url(rel));
        if (mode === "http") assert.equal(response.status(), 200, rel);
        const targets = await page.$$eval("a[href], img[src], link[href], script[src]", (els) =>
          els.map((e) => e.href || e.src).filter((u) => u.startsWith(location.protocol)));
        for (const target of targets) {
          const u = new URL(target);
          u.hash = "";
          if (mode === "http") {
            const status = await page.evaluate(async (t) => (await fetch(t)).status, u.href);
            assert.equal(status, 200, `${rel} → ${target}`);
          } else {
            const file = fileURLToPath(u.href);
            assert.ok(existsSync(file), `${rel} → ${target}`);
          }
          checked++;
        }
      }
      assert.ok(checked > 100, `${checked} links checked`);
      assert.deepEqual(errors, []);
    });

    test("a reader goes from the home page to a guide, its screenshot and a linked step", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url("index.html"));
      await page.locator("a", { hasText: "Account & billing" }).first().click();
      await page.locator("a", { hasText: "パスワードを再設定する" }).first().click();
      assert.equal(await page.locator("h1").textContent(), "パスワードを再設定する");
      const width = await page.locator("img[alt='設定の画面']").evaluate((img) => img.complete && img.naturalWidth);
      assert.equal(width, 4, "the screenshot named `画面 #1.png` loads");
      await page.locator("main a", { hasText: "解決率" }).first().click();
      await page.waitForURL(/step-1$/);
      assert.equal(await page.locator("h1").textContent(), "百パーセント解決する方法");
      await page.goBack();
      await page.locator("main a", { hasText: "C# のヒント" }).first().click();
      assert.equal(await page.locator("h1").textContent(), "C# のヒント");
      assert.deepEqual(errors, []);
    });

    test("a search result leads to the guide", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(url("index.html"));
      await page.fill("#search-input", "百パーセント");
      await page.waitForFunction(() => document.querySelectorAll("#search-results .search-hit a").length > 0);
      await page.locator("#search-results .search-hit a").first().click();
      await page.waitForLoadState();
      assert.equal(await page.locator("h1").textContent(), "百パーセント解決する方法");
      assert.deepEqual(errors, []);
    });
  });
}
