// The search engine ships minified: themes/default/static/search-engine.js is
// the source, search-engine.min.js what built sites load (it is about 40%
// smaller, which keeps the first search's download small). Regenerate after
// editing the source:   node tests/browser/minify.mjs   (or npm run minify)
// search.test.mjs fails when the committed file differs from this output.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { minify } from "terser";

export const SOURCE = fileURLToPath(new URL("../../themes/default/static/search-engine.js", import.meta.url));
export const TARGET = fileURLToPath(new URL("../../themes/default/static/search-engine.min.js", import.meta.url));

/** The minified engine, with a first line saying where it comes from. */
export async function minified() {
  const source = readFileSync(SOURCE, "utf8");
  const out = await minify(source, { ecma: 5, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return "/* tebiki search engine: minified from search-engine.js (tests/browser/minify.mjs) */\n" + out.code + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(TARGET, await minified());
  console.log(`wrote ${TARGET}`);
}
