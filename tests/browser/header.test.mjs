// The site header at phone and tablet widths (320, 390, 768 px) in both
// colour schemes: nothing in it overlaps or leaves the screen (measured with
// getBoundingClientRect), the "/" key hint shows only for a keyboard and
// never over the placeholder, a linked step lands below the sticky header,
// and the language switch of an untranslated guide leads to the other
// language's home. TEBIKI_SCREENSHOTS=DIR saves a picture of each header.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { axe, exampleSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => exampleSite(), "/help/", (s) => ({ out, server, browser } = s));

// A translated guide in each language, a guide without a translation, a home page.
const PAGES = ["account/reset-password.html", "en/account/reset-password.html", "account/verify-identity.html", "en/index.html"];
// Phones have touch and no hover; the tablet width is tried with a mouse.
const WIDTHS = [
  { width: 320, phone: true },
  { width: 390, phone: true },
  { width: 768, phone: false },
];

/** The boxes of everything visible in the header, and what the checks need. */
function measure() {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const box = (name, el) => {
    const r = el.getBoundingClientRect();
    return { name, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  };
  const parts = [
    ["brand", ".brand"], ["search field", ".search-input"], ["search button", ".search-button"], ["/ hint", ".search-slash"],
    ["FAQ link", ".header-links > a"], ["theme toggle", ".theme-toggle"],
  ];
  const boxes = [];
  for (const [name, sel] of parts) for (const el of document.querySelectorAll(`.site-header ${sel}`)) if (visible(el)) boxes.push(box(name, el));
  for (const el of document.querySelectorAll(".site-header .lang-switch .lang")) if (visible(el)) boxes.push(box(`language ${el.lang}`, el));
  const input = document.querySelector(".search-input");
  const header = document.querySelector(".site-header");
  return {
    boxes,
    input: { ...box("search field", input), paddingRight: parseFloat(getComputedStyle(input).paddingRight) },
    header: { height: header.getBoundingClientRect().height, sticky: getComputedStyle(header).position === "sticky" },
    scrollPadding: parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0,
    width: innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
  };
}

function overlaps(a, b) {
  const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return x > 0.5 && y > 0.5;
}

for (const scheme of ["light", "dark"]) {
  describe(`the header in the ${scheme} scheme`, () => {
    for (const { width, phone } of WIDTHS) {
      test(`${width} px${phone ? " (touch)" : " (mouse)"}: nothing overlaps or overflows`, async () => {
        const { page, errors } = await newPage(browser, {
          colorScheme: scheme,
          context: { viewport: { width, height: 700 }, hasTouch: phone, isMobile: phone },
        });
        for (const rel of PAGES) {
          await page.goto(fileUrl(out, rel));
          const m = await page.evaluate(measure);
          assert.ok(m.scrollWidth <= m.width, `${rel}: the page is ${m.scrollWidth}px wide in a ${m.width}px window`);
          for (const b of m.boxes) {
            assert.ok(b.left >= 0 && b.right <= m.width + 0.5, `${rel}: ${b.name} leaves the screen (${b.left}–${b.right})`);
          }
          // The hint lies inside the field, which keeps it clear of the
          // placeholder; every other pair of parts is apart.
          const hint = m.boxes.find((b) => b.name === "/ hint");
          if (hint) {
            assert.ok(hint.left >= m.input.left && hint.right <= m.input.right, `${rel}: the / hint is outside the field`);
            assert.ok(hint.left >= m.input.right - m.input.paddingRight, `${rel}: the placeholder runs under the / hint`);
          }
          for (let i = 0; i < m.boxes.length; i++) {
            for (let j = i + 1; j < m.boxes.length; j++) {
              const [a, b] = [m.boxes[i], m.boxes[j]];
              if ([a.name, b.name].includes("/ hint") && [a.name, b.name].includes("search field")) continue;
              assert.ok(!overlaps(a, b), `${rel} at ${width}px: ${a.name} overlaps ${b.name}: ${JSON.stringify([a, b])}`);
            }
          }
          // On a touch screen there is no "/" key to hint at.
          if (phone) assert.equal(hint, undefined, `${rel}: the / hint shows on a touch screen`);
          else if (rel.startsWith("account/")) assert.ok(hint, `${rel}: no / hint with a keyboard at ${width}px`);
          // A sticky header: anchors land below all of it.
          if (m.header.sticky) assert.ok(m.scrollPadding >= m.header.height, `${rel}: scroll padding ${m.scrollPadding}px under a ${m.header.height}px header`);
          if (process.env.TEBIKI_SCREENSHOTS) {
            const name = rel.replace(/\//g, "_").replace(/\.html$/, "");
            await page.screenshot({ path: join(process.env.TEBIKI_SCREENSHOTS, `header-${name}-${width}-${scheme}.png`), clip: { x: 0, y: 0, width, height: Math.ceil(m.header.height) + 60 } });
          }
        }
        assert.deepEqual(errors, []);
      });
    }
  });
}

test("a linked step lands below the sticky header at a tablet width", async () => {
  const { page } = await newPage(browser, { context: { viewport: { width: 768, height: 700 } } });
  for (const rel of ["account/reset-password.html", "en/account/reset-password.html"]) {
    await page.goto(fileUrl(out, rel));
    const id = await page.locator(".step").nth(2).getAttribute("id");
    await page.goto(fileUrl(out, rel) + "#" + id);
    const { top, header } = await page.evaluate((id) => ({
      top: document.getElementById(id).getBoundingClientRect().top,
      header: document.querySelector(".site-header").getBoundingClientRect().bottom,
    }), id);
    assert.ok(top >= header, `${rel}#${id}: the step starts at ${top}px, under the header ending at ${header}px`);
  }
});

for (const mode of ["http", "file"]) {
  test(`over ${mode}, an untranslated guide's switch leads to the other language's home`, async () => {
    const url = (rel) => (mode === "http" ? `${server.url}${rel}` : fileUrl(out, rel));
    for (const scheme of ["light", "dark"]) {
      const { page, errors } = await newPage(browser, { colorScheme: scheme, context: { viewport: { width: 390, height: 700 } } });
      await page.goto(url("account/verify-identity.html"));
      const missing = page.locator(".lang-switch a.lang.missing");
      assert.equal(await missing.count(), 1);
      assert.equal(await missing.getAttribute("hreflang"), "en");
      assert.equal(await missing.textContent(), "English");
      // Marked without colour alone (a dotted underline), and said in words.
      assert.match(await missing.evaluate((a) => getComputedStyle(a).textDecorationStyle), /dotted/);
      assert.match(await missing.getAttribute("title"), /Not translated/);
      assert.deepEqual(await axe(page), []);
      await missing.click();
      await page.waitForURL(/\/en\/index\.html$/);
      assert.equal(await page.locator("html").getAttribute("lang"), "en");
      // And back: the English-only guide offers Japanese the same way.
      await page.goto(url("en/network/vpn-setup.html"));
      await page.locator(".lang-switch a.lang.missing").click();
      await page.waitForURL((u) => u.href === url("index.html") || u.href === url(""));
      assert.equal(await page.locator("html").getAttribute("lang"), "ja");
      assert.deepEqual(errors, []);
      await page.context().close();
    }
  });
}
