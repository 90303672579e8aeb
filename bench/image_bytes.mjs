// Bytes of images a page downloads, per viewport and device pixel ratio:
// the page is served over HTTP, scrolled to the end (screenshots load
// lazily) and every image response is counted.
//
//   node bench/image_bytes.mjs OUT_DIR PAGE [OUT_DIR2 …]
//
// prints one line per site folder and screen: phone 390 px at DPR 1, 2, 3
// and desktop 1280 px at DPR 1, 2. Needs tests/browser's node_modules.
import { serve, launch } from "../tests/browser/harness.mjs";

const SCREENS = [
  ["phone 390 @1x", 390, 844, 1], ["phone 390 @2x", 390, 844, 2], ["phone 390 @3x", 390, 844, 3],
  ["desktop 1280 @1x", 1280, 900, 1], ["desktop 1280 @2x", 1280, 900, 2],
];

const [first, page, ...more] = process.argv.slice(2);
const dirs = [first, ...more];
if (!page) {
  console.error("usage: node bench/image_bytes.mjs OUT_DIR PAGE [OUT_DIR2 …]");
  process.exit(2);
}

const browser = await launch();
for (const dir of dirs) {
  const server = await serve(dir);
  for (const [name, width, height, dpr] of SCREENS) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, isMobile: width < 600, hasTouch: width < 600 });
    const tab = await context.newPage();
    let bytes = 0;
    const files = [];
    tab.on("response", async (r) => {
      if (r.request().resourceType() !== "image" || r.status() !== 200) return;
      const body = await r.body().catch(() => Buffer.alloc(0));
      bytes += body.length;
      files.push(r.url().split("/").pop());
    });
    await tab.goto(server.url + page, { waitUntil: "load" });
    // Scroll down the page so that every lazy image is loaded.
    for (let y = 0; y < 40; y++) {
      const done = await tab.evaluate(() => { window.scrollBy(0, window.innerHeight * 0.8); return window.scrollY + window.innerHeight >= document.body.scrollHeight; });
      await tab.waitForTimeout(120);
      if (done) break;
    }
    await tab.waitForLoadState("networkidle");
    await tab.waitForTimeout(300);
    console.log(`${dir}\t${name}\t${bytes}\t${files.length} images\t${process.env.VERBOSE ? files.join(" ") : ""}`);
    await context.close();
  }
  await server.close();
}
await browser.close();
