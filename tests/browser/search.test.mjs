// Search on the built example site, in headless Chromium, over HTTP under a
// sub-path and from disk: typing into the header field gives the right
// guide, its link lands on the right step or question, the keyboard works,
// colloquial Japanese finds what the guides call differently, and a search
// that finds nothing offers ways on and is counted for editors.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildSite, exampleSite, fileUrl, newPage, siteInBrowser, writeSite } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => exampleSite(), "/help/", (s) => ({ out, server, browser } = s));

/** Type a query into the header field; resolves with the shown results. */
async function type(page, query) {
  await page.fill("#search-input", query);
  await waitShown(page, query);
  return results(page);
}

/** Wait until the popup shows the results of `query`. */
function waitShown(page, query) {
  return page.waitForFunction((q) => {
    const popup = document.getElementById("search-popup");
    return !popup.hidden && popup.getAttribute("data-query") === q;
  }, query);
}

async function results(page) {
  return page.$$eval("#search-results .search-hit", (lis) => lis.map((li) => {
    const a = li.querySelector("a");
    return { href: a.getAttribute("href"), url: a.href, title: li.querySelector(".search-hit-title").textContent,
             part: li.querySelector(".search-hit-part")?.textContent || "", marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
             badges: [...li.querySelectorAll(".badge")].map((b) => b.textContent), selected: li.getAttribute("aria-selected") };
  }));
}

/** The page part of a result URL (`account/verify-identity.html`) and its decoded anchor. */
function target(url) {
  const u = new URL(url);
  return { page: u.pathname.replace(/^.*?\/(help\/|public\/)/, ""), hash: decodeURIComponent(u.hash.slice(1)) };
}

for (const mode of ["http", "file"]) {
  describe(`search over ${mode}`, () => {
    const open = async (rel, options) => {
      const p = await newPage(browser, options);
      await p.page.goto(mode === "http" ? `${server.url}${rel}` : fileUrl(out, rel));
      return p;
    };

    test("a Japanese query finds the question, and its link lands on it", async () => {
      const { page, external, errors } = await open("network/wifi-connect.html");
      const hits = await type(page, "コード 受け取れない");
      assert.ok(hits.length >= 2, JSON.stringify(hits));
      const first = target(hits[0].url);
      assert.equal(first.page, "account/verify-identity.html");
      assert.equal(first.hash, "sms-でセキュリティコードを受け取れません");
      assert.match(hits[0].part, /SMS でセキュリティコードを受け取れません/);
      assert.ok(hits[0].marks.some((m) => m.includes("コード")), `highlighted: ${hits[0].marks}`);
      assert.deepEqual(hits[0].badges, ["Windows 11", "Windows 10"]);
      await page.keyboard.press("Enter");
      await page.waitForURL(/verify-identity\.html#/);
      const landed = await page.evaluate(() => {
        const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        return el && { tag: el.tagName, text: el.textContent };
      });
      assert.ok(landed, "the anchor exists on the page");
      assert.match(landed.text, /SMS でセキュリティコードを受け取れません/);
      assert.deepEqual(external, []);
      assert.deepEqual(errors, []);
    });

    test("a step-specific query links to that step", async () => {
      const { page, errors } = await open("index.html");
      const hits = await type(page, "コードを送信 ボタン");
      const first = target(hits[0].url);
      assert.equal(first.page, "account/verify-identity.html");
      assert.match(first.hash, /-step-7$/);
      assert.match(hits[0].part, /^ステップ 7/);
      await page.click("#search-results .search-hit a");
      await page.waitForURL(/verify-identity\.html#/);
      const step = await page.evaluate(() => {
        const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        return el && { cls: el.className, text: el.textContent };
      });
      assert.match(step.cls, /\bstep\b/);
      assert.match(step.text, /\[?コードを送信\]? ボタンをクリックします/);
      assert.deepEqual(errors, []);
    });

    test("width, script and kana variants all find the guide", async () => {
      const { page, errors } = await open("settings/dark-mode.html");
      for (const [q, guide] of [["ｾｷｭﾘﾃｨ", "account/verify-identity.html"], ["本人確認", "account/verify-identity.html"],
        ["だーくもーど", "settings/dark-mode.html"], ["ＰＩＮ 再設定", "account/reset-password.html"]]) {
        const hits = await type(page, q);
        assert.equal(target(hits[0].url).page, guide, `${q}: ${JSON.stringify(hits.map((h) => h.href))}`);
      }
      assert.deepEqual(errors, []);
    });

    test("colloquial Japanese finds what the guides say differently", async () => {
      const { page, errors } = await open("index.html");
      for (const [q, guide, also] of [
        ["エクセル すぐ落ちる", "apps/office/app-crash.html"],   // the guide says 強制終了 / クラッシュ
        ["パワポ 固まる", "apps/office/app-crash.html"],         // PowerPoint, 応答なし
        ["ぶるーとぅーす", "network/bluetooth-pairing.html"],    // Bluetooth
        // The troubleshooter is titled "Wi-Fi につながらない…" (a kana
        // spelling of 繋がらない) and rightly comes first; the guide says
        // 接続できません and must still be found.
        ["Wi-Fi 繋がらない", "network/wifi-troubleshoot.html", "network/wifi-connect.html"],
        ["ｴｸｾﾙ", "apps/office/app-crash.html"],
      ]) {
        const hits = await type(page, q);
        assert.ok(hits.length, `${q}: no result`);
        const pages = hits.map((h) => target(h.url).page);
        assert.equal(pages[0], guide, `${q}: ${JSON.stringify(pages)}`);
        if (also) assert.ok(pages.slice(0, 3).includes(also), `${q}: ${also} not in the top 3 of ${JSON.stringify(pages)}`);
      }
      assert.deepEqual(errors, []);
    });

    test("the current language comes first", async () => {
      // Both versions of the guide mention a PIN.
      const { page, errors } = await open("en/settings/dark-mode.html", { locale: "en-US" });
      const hits = await type(page, "PIN");
      assert.deepEqual(hits.slice(0, 2).map((h) => target(h.url).page), ["en/account/reset-password.html", "account/reset-password.html"]);
      const ja = await open("settings/dark-mode.html");
      const jaHits = await type(ja.page, "PIN");
      assert.deepEqual(jaHits.slice(0, 2).map((h) => target(h.url).page), ["account/reset-password.html", "en/account/reset-password.html"]);
      assert.deepEqual([...errors, ...ja.errors], []);
    });

    test("keyboard: / focuses, arrows move, Enter opens, Esc closes", async () => {
      const { page, errors } = await open("apps/collect-logs.html");
      await page.locator("main").click();
      await page.keyboard.press("/");
      assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
      await page.keyboard.type("ダークモード");
      await page.waitForFunction(() => document.querySelectorAll("#search-results .search-hit").length >= 2);
      let hits = await results(page);
      assert.equal(hits[0].selected, "true");
      await page.keyboard.press("ArrowDown");
      hits = await results(page);
      assert.deepEqual(hits.map((h) => h.selected).slice(0, 2), ["false", "true"]);
      assert.equal(await page.getAttribute("#search-input", "aria-activedescendant"), "search-hit-1");
      await page.keyboard.press("ArrowUp");
      assert.equal((await results(page))[0].selected, "true");
      await page.keyboard.press("Escape");
      assert.equal(await page.isHidden("#search-popup"), true);
      await page.keyboard.press("ArrowDown");
      await page.waitForSelector("#search-popup:not([hidden])");
      await page.keyboard.press("ArrowDown");
      const second = (await results(page))[1];
      await page.keyboard.press("Enter");
      await page.waitForURL((u) => u.href === second.url);
      assert.deepEqual(errors, []);
    });

    test("the applies_to filter narrows the results", async () => {
      const { page, errors } = await open("index.html");
      let hits = await type(page, "Windows");
      assert.ok(hits.length > 2);
      await page.selectOption("#search-filter", { label: "Microsoft 365" });
      await page.waitForFunction(() => document.querySelectorAll("#search-results .search-hit").length === 1);
      hits = await results(page);
      assert.deepEqual(hits.map((h) => target(h.url).page), ["apps/office/app-crash.html"]);
      await page.selectOption("#search-filter", { value: "" });
      assert.deepEqual(errors, []);
    });

    test("nothing found: entry points instead of a blank, did-you-mean, and the miss is counted for export", async () => {
      const { page, errors } = await open("en/index.html", { locale: "en-US" });
      const typo = await type(page, "vpn eror");
      assert.equal(target(typo[0].url).page, "en/network/vpn-setup.html");
      assert.match(await page.textContent(".search-status"), /Did you mean: vpn error/);
      await type(page, "zqxjv frobnicator");
      assert.deepEqual(await results(page), []);
      const links = await page.$$eval(".search-entry-points a", (as) => as.map((a) => a.textContent));
      assert.ok(links.includes("Frequently asked questions") && links.length >= 3, JSON.stringify(links));
      await page.keyboard.press("Escape");
      await page.goto(mode === "http" ? `${server.url}en/search.html#search-misses` : `${fileUrl(out, "en/search.html")}#search-misses`);
      await page.waitForFunction(() => document.querySelector("#search-misses tbody tr"));
      const rows = await page.$$eval("#search-misses tbody tr", (trs) => trs.map((tr) => tr.firstChild.textContent));
      assert.deepEqual(rows, ["zqxjv frobnicator"]);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(".search-misses-export")]);
      const csv = readFileSync(await download.path(), "utf8");
      assert.match(csv, /^\ufeffquery,count,first,last,lang\nzqxjv frobnicator,1,\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d,en\n$/);
      await page.click(".search-misses-clear");
      assert.equal(await page.$$eval("#search-misses tbody tr", (trs) => trs.length), 0);
      assert.deepEqual(errors, []);
    });

    test("a word whose bigrams are only scattered over other words finds nothing", async () => {
      // No guide is about printers, but プリ (アプリ), リン (リンク) and ンタ occur.
      const { page, errors } = await open("index.html");
      assert.deepEqual(await type(page, "プリンタ"), []);
      const links = await page.$$eval(".search-entry-points a", (as) => as.map((a) => a.textContent));
      assert.ok(links.includes("よくある質問"), JSON.stringify(links));
      // A word that is there still finds its guide, also when only its start matches.
      assert.equal(target((await type(page, "アプリ 落ちる"))[0].url).page, "apps/office/app-crash.html");
      assert.deepEqual(errors, []);
    });

    test("the search page lists results for ?q= and shows more on demand", async () => {
      const { page, errors } = await newPage(browser);
      const q = "?q=" + encodeURIComponent("パスワード");
      await page.goto(mode === "http" ? `${server.url}search.html${q}` : fileUrl(out, "search.html") + q);
      await page.waitForSelector("#search-page-results .search-hit");
      const hits = await page.$$eval("#search-page-results .search-hit a", (as) => as.map((a) => a.href));
      assert.equal(target(hits[0]).page, "account/reset-password.html");
      assert.equal(await page.inputValue("#search-page-input"), "パスワード");
      assert.match(await page.textContent("#search-page-info"), /件のガイドが見つかりました/);
      await page.fill("#search-page-input", "イヤホン 音が出ない");
      await page.press("#search-page-input", "Enter");
      await page.waitForFunction(() => document.getElementById("search-page-results").getAttribute("data-query") === "イヤホン 音が出ない");
      const first = await page.$eval("#search-page-results .search-hit a", (a) => a.href);
      assert.equal(target(first).page, "network/bluetooth-pairing.html");
      assert.match(page.url(), /\?q=%E3%82%A4/);
      assert.deepEqual(errors, []);
    });
  });
}

describe("a synonym that most guides hold", () => {
  // Five of six guides say 接続 and 設定; 接続 is a synonym of 繋がらない, 設定
  // one of 構成. Such a common alternative adds to guides other words found
  // but finds none on its own, unless nothing else finds any.
  let site;
  before(() => {
    const guide = (title, body) => `---\ntitle: ${title}\nsummary: ${title}。\npublished: 2024-01-01\n---\n\n${body}\n`;
    const files = { "tebiki.yaml": "title: Common\nlanguages: [ja]\n" };
    for (let i = 1; i <= 5; i++) files[`content/printer-${i}.md`] = guide(`プリンター${i}の準備`, `1. プリンター${i}の接続を設定します。`);
    files["content/wifi.md"] = guide("Wi-Fiが繋がらないとき", "1. ルーターを再起動します。");
    site = buildSite(writeSite(files));
  });
  const search = async (query) => {
    const { page, errors } = await newPage(browser);
    await page.goto(fileUrl(site, "index.html"));
    const hits = (await type(page, query)).map((h) => target(h.url).page);
    assert.deepEqual(errors, []);
    return hits;
  };

  test("does not bring in the guides that only hold it", async () => {
    assert.deepEqual(await search("繋がらない"), ["wifi.html"]);
    assert.deepEqual(await search("ルーター 構成"), ["wifi.html"]);
  });

  test("still finds guides when nothing else does", async () => {
    assert.equal((await search("構成")).length, 5);
  });
});

describe("a translation of a typed word", () => {
  // A Japanese site with one guide written in English: `left` is in that
  // guide only, so its idf is high because English is rare on the site, not
  // because the word says much. The Japanese guide answers `disable
  // account` through translations (無効, アカウント); they count with the
  // idf of the word typed, so the rare English word does not win alone.
  let site;
  before(() => {
    const guide = (title, body) => `---\ntitle: ${title}\nsummary: ${title}。\npublished: 2024-01-01\n---\n\n${body}\n`;
    const files = { "tebiki.yaml": "title: Translations\nlanguages: [ja]\n" };
    for (let i = 1; i <= 6; i++) files[`content/meeting-${i}.md`] = guide(`会議の設定 ${i}`, `1. アカウントで会議 ${i} を設定します。`);
    files["content/disable.md"] = guide("アカウントを無効にする", "1. 辞めた人のアカウントを無効にします。");
    files["content/pane.md"] = guide("Navigation", "1. In the left pane, select your account.");
    site = buildSite(writeSite(files));
  });

  test("counts as much as the word typed", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(fileUrl(site, "index.html"));
    const hits = (await type(page, "disable account left")).map((h) => target(h.url).page);
    assert.deepEqual(errors, []);
    assert.deepEqual(hits.slice(0, 2), ["disable.html", "pane.html"]);
  });
});

describe("a question that names the query", () => {
  // The FAQ is long (many questions) and names 録画 and 共有 once, in a
  // question; the other guide repeats both words over its steps. The
  // question answers the query; heading coverage outweighs the repeats.
  let site;
  before(() => {
    const guide = (title, body) => `---\ntitle: ${title}\nsummary: ${title}。\npublished: 2024-01-01\n---\n\n${body}\n`;
    const files = { "tebiki.yaml": "title: Headings\nlanguages: [ja]\n" };
    for (let i = 1; i <= 4; i++) files[`content/other-${i}.md`] = guide(`プリンターの設定 ${i}`, `1. プリンター ${i} を設定します。`);
    const words = ["背景", "音声", "画面", "招待", "予定", "チャット", "字幕", "通知", "言語", "表示名", "写真", "名前", "時刻", "場所", "件名", "本文"];
    const questions = words.map((w) => `## ${w}を変更できますか?\n\nはい。設定で${w}を選び、変更します。\n`).join("\n");
    files["content/faq.md"] = guide("会議のよくある質問", `${questions}\n## 録画を共有できますか?\n\nはい。[共有] をクリックします。`);
    files["content/steps.md"] = guide("会議を開く", "1. 会議を開き、録画を開始します。\n2. 録画を保存して、録画を共有します。\n3. 録画の共有先を選び、共有します。\n4. 共有した録画を確かめます。");
    site = buildSite(writeSite(files));
  });

  test("outranks a guide that repeats the words in steps", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(fileUrl(site, "index.html"));
    const hits = (await type(page, "録画 共有")).map((h) => target(h.url).page);
    assert.deepEqual(errors, []);
    assert.deepEqual(hits.slice(0, 2), ["faq.html", "steps.html"]);
  });
});

describe("a heading among many", () => {
  // A resource kit lists 31 tools, one heading each; one names 負荷テスト.
  // A short guide is about running it. A heading among 31 says less about
  // its guide than a guide's own steps about a task.
  let site;
  before(() => {
    const guide = (title, body) => `---\ntitle: ${title}\nsummary: ${title}。\npublished: 2024-01-01\n---\n\n${body}\n`;
    const files = { "tebiki.yaml": "title: Umbrella\nlanguages: [ja]\n" };
    for (let i = 1; i <= 4; i++) files[`content/other-${i}.md`] = guide(`プリンターの設定 ${i}`, `1. プリンター ${i} を設定します。`);
    const tools = Array.from({ length: 30 }, (_, i) => `## ツール ${i + 1}\n\nツール ${i + 1} はサーバーの状態を表示します。\n`).join("\n");
    files["content/kit.md"] = guide("リソース キットのツール", `${tools}\n## 負荷テスト ツール\n\nサーバーに負荷をかけます。`);
    files["content/stress.md"] = guide("サーバーの性能を確かめる", "1. 負荷テストを実行します。\n2. 負荷テストの結果を確かめます。");
    site = buildSite(writeSite(files));
  });

  test("weighs less than a short guide about the task", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(fileUrl(site, "index.html"));
    const hits = (await type(page, "負荷テスト")).map((h) => target(h.url).page);
    assert.deepEqual(errors, []);
    assert.deepEqual(hits.slice(0, 2), ["stress.html", "kit.html"]);
  });
});
