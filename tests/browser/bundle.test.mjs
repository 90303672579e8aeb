// The offline bundle in a real browser: `tebiki bundle` writes a zip, it is
// unzipped into an awkward folder (spaces, Japanese), and the site is used
// from file:// — home → category → guide with its screenshots, the language
// switch, and search once the build carries a search index — with nothing
// loaded from another host and no script error.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO, TEBIKI, fileUrl, launch, newPage, tempDir } from "./harness.mjs";

/** Bundle a site and unzip it somewhere unusual; returns the folder. */
function bundleAndUnzip(siteDir) {
  const tmp = tempDir("tebiki-bundle-");
  const zip = join(tmp, "help.zip");
  execFileSync(TEBIKI, ["bundle", siteDir, "--out", zip], { stdio: ["ignore", "inherit", "inherit"] });
  const dir = join(tmp, "オフライン ヘルプ", "v 1");
  mkdirSync(dir, { recursive: true });
  execFileSync("python3", ["-m", "zipfile", "-e", zip, dir]);
  return { dir, size: statSync(zip).size };
}

function starterSite() {
  const dir = join(tempDir("tebiki-starter-"), "site");
  execFileSync(TEBIKI, ["new", "site", dir], { stdio: "ignore" });
  return dir;
}

const sites = {
  starter: { make: starterSite, lang: "ja" },
  example: { make: () => REPO, lang: "ja" },
};

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [name, site] of Object.entries(sites)) {
  describe(`bundle of the ${name} site, unzipped and opened from disk`, () => {
    let dir;
    before(() => { ({ dir } = bundleAndUnzip(site.make())); });

    test("index.html at the root; home → category → guide with screenshots", async () => {
      assert.ok(existsSync(join(dir, "index.html")), "index.html at the zip's root");
      const { page, external, errors } = await newPage(browser);
      await page.goto(fileUrl(dir));
      assert.equal(await page.getAttribute("html", "lang"), site.lang);
      await page.locator(".category-link").first().click();
      await page.waitForLoadState("load");
      assert.match(page.url(), /^file:.*\/index\.html$/);
      await page.locator(".card-link").first().click();
      await page.waitForLoadState("load");
      assert.equal(await page.locator("h1.guide-title").count(), 1);
      assert.ok((await page.locator("ol.steps > li.step").count()) >= 1);
      const img = page.locator("figure.screenshot img").first();
      await img.scrollIntoViewIfNeeded();
      assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), "screenshot loads from the bundle");
      // The language switch works inside the bundle too.
      const en = page.locator('.lang-switch a[hreflang="en"]');
      if ((await en.count()) > 0) {
        await en.click();
        await page.waitForLoadState("load");
        assert.equal(await page.getAttribute("html", "lang"), "en");
        assert.match(page.url(), /^file:.*\/en\//);
      }
      assert.deepEqual(external, []);
      assert.deepEqual(errors, []);
    });

    test("search finds a guide from disk when the build has a search index", async (t) => {
      const support = join(dir, "_tebiki");
      // Guarded by the feature itself: the search index lands in _tebiki/search….
      const hasIndex = readdirSync(support).some((f) => f.startsWith("search"));
      if (!hasIndex) {
        t.diagnostic("this build has no search index yet (_tebiki/search…): nothing to search");
        return;
      }
      const { page, errors } = await newPage(browser);
      await page.goto(fileUrl(dir));
      // A word from a guide's title, as listed on the home page.
      const title = (await page.locator(".card-link").first().textContent()).trim();
      const word = title.split(/\s+/)[0].slice(0, 4);
      const input = page.locator('input[type="search"]').first();
      await input.fill(word);
      await page.waitForFunction(
        (w) => [...document.querySelectorAll("a")].some((a) => a.offsetParent !== null && a.closest("header") === null &&
          a.closest("footer") === null && a.textContent.includes(w) && /\.html/.test(a.getAttribute("href") || "")),
        word, { timeout: 10000 });
      assert.deepEqual(errors, []);
    });
  });
}
