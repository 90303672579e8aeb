// Built sites load search-engine.min.js; it must be exactly what terser
// makes of search-engine.js today (run `node tests/browser/minify.mjs`
// after editing the source), so the engine the browser tests exercise and
// the source the tokenizer tests read never drift apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TARGET, minified } from "./minify.mjs";

test("search-engine.min.js is the minified search-engine.js", async () => {
  assert.ok(readFileSync(TARGET, "utf8") === (await minified()),
    "themes/default/static/search-engine.min.js is stale: run `node tests/browser/minify.mjs`");
});
