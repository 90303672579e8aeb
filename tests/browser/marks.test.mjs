// Screenshot marks (`#mark=`) on the built example site, over HTTP and from
// disk (file://): the SVG overlay lies exactly over the image at a phone's
// and a desktop's width; on a 390 px phone a marked screenshot is cropped to
// its marks until "show the whole screenshot" is pressed, on a desktop it is
// not; the lightbox shows the marks over the image, and on a phone it opens
// zoomed on them, with a button to see the whole screenshot.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { exampleSite, fileUrl, newPage, siteInBrowser } from "./harness.mjs";

let browser, server, out;
siteInBrowser(() => exampleSite(), "/help/", (s) => ({ out, server, browser } = s));

/**
 * Where the first `rect.mark` of a figure is on screen, and where the image's
 * pixels it names are (from the rect's attributes and the image's content box).
 */
const placement = (figure) => figure.evaluate((fig) => {
  const img = fig.querySelector(".shot-canvas img");
  const mark = fig.querySelector("svg.shot-marks rect.mark");
  const box = img.getBoundingClientRect();
  const left = box.left + img.clientLeft, top = box.top + img.clientTop;
  const sx = img.clientWidth / img.naturalWidth, sy = img.clientHeight / img.naturalHeight;
  // A phone's crop of the focus region (`….at-L-T-WxH.webp`) starts at L, T.
  const crop = /\.at-(\d+)-(\d+)-\d+x\d+\.webp$/.exec(img.currentSrc);
  const [ox, oy] = crop ? [+crop[1], +crop[2]] : [0, 0];
  const want = {
    left: left + (+mark.getAttribute("x") - ox) * sx, top: top + (+mark.getAttribute("y") - oy) * sy,
    width: +mark.getAttribute("width") * sx, height: +mark.getAttribute("height") * sy,
  };
  const r = mark.getBoundingClientRect();
  const frame = fig.querySelector(".shot-frame").getBoundingClientRect();
  return {
    got: { left: r.left, top: r.top, width: r.width, height: r.height }, want,
    img: { width: box.width, height: box.height, natural: img.naturalWidth, crop: !!crop, src: img.currentSrc },
    frame: { left: frame.left, top: frame.top, right: frame.right, bottom: frame.bottom, width: frame.width },
    overflow: getComputedStyle(fig.querySelector(".shot-frame")).overflow,
  };
});

function assertAligned(p, what) {
  for (const k of ["left", "top", "width", "height"]) {
    assert.ok(Math.abs(p.got[k] - p.want[k]) < 1.5, `${what}: the mark's ${k} is ${p.got[k]}, the image's pixels are at ${p.want[k]}`);
  }
}

const inside = (p) => p.got.left >= p.frame.left - 1 && p.got.top >= p.frame.top - 1
  && p.got.left + p.got.width <= p.frame.right + 1 && p.got.top + p.got.height <= p.frame.bottom + 1;

for (const mode of ["http", "file"]) {
  describe(`screenshot marks over ${mode}`, () => {
    const url = (rel) => (mode === "http" ? `${server.url}${rel}` : fileUrl(out, rel));

    async function open(width) {
      const opened = await newPage(browser, { context: { viewport: { width, height: 844 } } });
      const fetched = [];
      opened.page.on("request", (r) => fetched.push(decodeURIComponent(new URL(r.url()).pathname)));
      await opened.page.goto(url("account/reset-password.html"));
      const figure = opened.page.locator("#step-2 figure.has-marks");
      // Lazy images load once near the viewport.
      await figure.scrollIntoViewIfNeeded();
      await figure.locator("img").evaluate((i) => i.decode());
      return { ...opened, figure, fetched };
    }

    test("desktop (1280 px): the whole 2x screenshot at its CSS size, marks over their pixels, no crop", async () => {
      const { page, figure, errors, external } = await open(1280);
      const p = await placement(figure);
      assert.equal(p.img.natural, 1600, "the 2x file is loaded");
      assert.ok(Math.abs(p.img.width - 800) < 2 || p.img.width < 800, `shown at its CSS width (800) or less, not ${p.img.width}`);
      assert.notEqual(p.overflow, "hidden", "no crop on a desktop");
      assertAligned(p, "1280");
      assert.equal(await figure.locator(".shot-whole").isVisible(), false, "no toggle on a desktop");
      assert.match(await figure.locator("img").getAttribute("src"), /shots\/step02@2x\.png$/);
      assert.ok(!(await page.content()).includes("#mark="), "the fragment is not in the page");
      assert.deepEqual(errors, []);
      assert.deepEqual(external, []);
      await page.context().close();
    });

    // The image the figure shows once the browser has loaded it: the crop
    // or not.
    const shown = (page, crop) => page.waitForFunction((crop) => {
      const img = document.querySelector("#step-2 figure.has-marks img");
      return img.complete && img.naturalWidth > 0 && /\.at-\d+-\d+-\d+x\d+\.webp$/.test(img.currentSrc) === crop;
    }, crop);

    test("phone (390 px): cropped to the marks, the toggle shows the whole screenshot and back", async () => {
      const { page, figure, errors, external, fetched } = await open(390);
      const focused = await placement(figure);
      assert.equal(focused.overflow, "hidden", "the frame crops");
      // The phone downloads the build's crop of the focus region, not the screenshot.
      assert.ok(focused.img.crop, `the crop is shown: ${focused.img.src}`);
      assert.ok(focused.img.width <= focused.frame.width + 1 && focused.img.width > focused.frame.width - 3,
        `the crop fills the frame: ${focused.img.width} px in ${focused.frame.width} px`);
      assert.ok(inside(focused), `the mark is inside the crop: ${JSON.stringify(focused)}`);
      assertAligned(focused, "390 focused");

      const toggle = figure.locator(".shot-whole");
      assert.ok(await toggle.isVisible(), "the toggle is shown on a phone");
      assert.equal(await toggle.getAttribute("aria-pressed"), "false");
      const whole = (f) => /step02@2x\.png/.test(f) && !f.includes(".at-");
      assert.ok(fetched.some((f) => f.includes("step02@2x.png.at-")), `the crop is fetched: ${fetched}`);
      assert.deepEqual(fetched.filter(whole), [], "nothing of the whole screenshot yet");
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-pressed"), "true");
      await shown(page, false);
      const all = await placement(figure);
      assert.ok(fetched.some(whole), `the whole screenshot is fetched now: ${fetched}`);
      assert.notEqual(all.overflow, "hidden");
      assert.ok(all.img.width <= all.frame.width + 1 && all.img.width < 390, `the whole image fits: ${all.img.width} px`);
      assertAligned(all, "390 whole");

      await toggle.click();
      await shown(page, true);
      const again = await placement(figure);
      assert.equal(again.overflow, "hidden", "pressed again, it crops again");
      assertAligned(again, "390 focused again");
      // A screenshot without marks is as before: no frame, no toggle.
      assert.equal(await page.locator("#step-1 figure .shot-frame").count(), 0);
      assert.equal(await page.locator("#step-1 .shot-whole").count(), 0);
      assert.deepEqual(errors, []);
      assert.deepEqual(external, []);
      await page.context().close();
    });

    for (const width of [390, 1280]) {
      test(`step mode shows the marks over the image (${width} px)`, async () => {
        const { page, errors } = await open(width);
        await page.locator(".step-mode-toggle").click();
        await page.locator(".step-next").click();
        const figure = page.locator("#step-2 figure.has-marks");
        assert.ok(await figure.isVisible(), "step 2 is the current step");
        await figure.locator("img").evaluate((i) => i.decode());
        const p = await placement(figure);
        assertAligned(p, `step mode ${width}`);
        assert.equal(p.overflow === "hidden", width === 390, "cropped on the phone only");
        if (width === 390) assert.ok(inside(p), "the mark is inside the crop");
        assert.deepEqual(errors, []);
        await page.context().close();
      });

      test(`the lightbox shows the marks over the image, zoomed on them on a phone only (${width} px)`, async () => {
        const { page, figure, errors } = await open(width);
        await figure.locator(".screenshot-link").click();
        const box = page.locator("dialog.lightbox");
        await box.locator(".lightbox-img").evaluate((i) => i.decode());
        // The overlay follows the image's box once it is laid out (a ResizeObserver).
        await page.waitForFunction(() => {
          const i = document.querySelector(".lightbox-img"), s = document.querySelector("svg.lightbox-marks");
          return s && i.offsetWidth > 0 && Math.abs(s.getBoundingClientRect().width - i.getBoundingClientRect().width) < 1;
        });
        const r = await box.evaluate((dlg) => {
          const img = dlg.querySelector(".lightbox-img"), svg = dlg.querySelector("svg.lightbox-marks");
          const mark = svg.querySelector("rect.mark");
          const b = img.getBoundingClientRect(), m = mark.getBoundingClientRect();
          const s = b.width / img.naturalWidth;
          return { svg: !!svg, gotLeft: m.left, wantLeft: b.left + +mark.getAttribute("x") * s, gotTop: m.top, wantTop: b.top + +mark.getAttribute("y") * (b.height / img.naturalHeight) };
        });
        assert.ok(Math.abs(r.gotLeft - r.wantLeft) < 1.5 && Math.abs(r.gotTop - r.wantTop) < 1.5, JSON.stringify(r));
        const whole = box.locator(".lightbox-whole");
        // Where the mark is, seen through the frame, and how big the image is in it.
        const view = () => box.evaluate((dlg) => {
          const frame = dlg.querySelector(".lightbox-frame"), img = dlg.querySelector(".lightbox-img");
          const m = dlg.querySelector("svg.lightbox-marks rect.mark").getBoundingClientRect();
          const f = frame.getBoundingClientRect(), i = img.getBoundingClientRect();
          return {
            zoomed: dlg.classList.contains("is-zoomed"), overflow: getComputedStyle(frame).overflow,
            imgWidth: i.width, frameWidth: f.width, viewport: innerWidth,
            markInside: m.left >= f.left - 1 && m.right <= f.right + 1 && m.top >= f.top - 1 && m.bottom <= f.bottom + 1,
          };
        });
        if (width === 390) {
          // Opened zoomed: the frame scrolls, the image is much wider than it, the mark is in view.
          await page.waitForFunction(() => {
            const f = document.querySelector(".lightbox-frame");
            return f.scrollLeft > 0 || f.scrollTop > 0;
          });
          const zoomed = await view();
          assert.ok(zoomed.zoomed && zoomed.overflow === "auto", JSON.stringify(zoomed));
          assert.ok(zoomed.imgWidth > zoomed.frameWidth * 1.5, `zoomed in: ${JSON.stringify(zoomed)}`);
          assert.ok(zoomed.markInside, `the mark is in view: ${JSON.stringify(zoomed)}`);
          assert.ok(await whole.isVisible(), "the whole-screenshot button is shown");
          assert.equal(await whole.getAttribute("aria-pressed"), "false");
          await whole.click();
          assert.equal(await whole.getAttribute("aria-pressed"), "true");
          const all = await view();
          assert.ok(!all.zoomed && all.imgWidth <= all.viewport, `the whole image fits: ${JSON.stringify(all)}`);
          await whole.click();
          assert.ok((await view()).zoomed, "pressed again, it zooms again");
        } else {
          const desk = await view();
          assert.ok(!desk.zoomed, "no zoom on a desktop");
          assert.equal(await whole.isVisible(), false);
        }
        // The next screenshot has no marks: none are left over, nothing to zoom.
        await page.keyboard.press("ArrowRight");
        assert.equal(await box.locator("svg.lightbox-marks").count(), 0);
        assert.equal(await box.evaluate((d) => d.classList.contains("is-zoomed")), false);
        assert.equal(await whole.isVisible(), false);
        assert.deepEqual(errors, []);
        await page.context().close();
      });
    }
  });
}
