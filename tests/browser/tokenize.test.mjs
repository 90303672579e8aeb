// The shared tokenizer vectors (tests/search/vectors.json) against the
// browser side (themes/default/static/search-engine.js), loaded in a plain Node vm
// with the folding tables and synonyms that a real build writes into
// _tebiki/search/meta.js. The Rust side runs the same file
// (src/search/vectors.rs).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { REPO, buildSite, tempDir } from "./harness.mjs";

const vectors = JSON.parse(readFileSync(join(REPO, "tests/search/vectors.json"), "utf8"));
let engine;

/** search.js in a fresh context, fed the meta file of a built site and
 *  every synonym file unless `synonyms` is false. */
function loadEngine(out, synonyms = true) {
  const context = { atob: (s) => Buffer.from(s, "base64").toString("binary"), performance };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(readFileSync(join(REPO, "themes/default/static/search-engine.js"), "utf8"), context);
  vm.runInContext(readFileSync(join(out, "_tebiki/search/meta.js"), "utf8"), context);
  // Every synonym file, so the built-in list is complete.
  if (synonyms) for (const f of readdirSync(join(out, "_tebiki/search/y"))) vm.runInContext(readFileSync(join(out, "_tebiki/search/y", f), "utf8"), context);
  const e = context.TebikiSearch.engine;
  e.__context = context;
  return e;
}

let out;
before(() => {
  const site = tempDir("tebiki-vectors-");
  writeFileSync(join(site, "tebiki.yaml"), "title: Vectors\nlanguages: [ja, en]\n");
  mkdirSync(join(site, "content"));
  writeFileSync(join(site, "content/one.md"), "---\ntitle: 一つ\nsummary: テスト。\npublished: 2024-01-01\n---\n\n1. クリックします。\n");
  out = buildSite(site);
  engine = loadEngine(out);
});

const plain = (x) => JSON.parse(JSON.stringify(x));
const round = (terms) => plain(terms).map((t) => ({ text: t.text, phrase: t.phrase, alts: t.alts.map((a) => ({ t: a.t, w: Math.round(a.w * 100) / 100 })) }));

test("the index was written under the spec version the vectors are for", () => {
  assert.equal(vectors.spec, engine.SPEC_VERSION);
  assert.equal(engine.state.meta.v, vectors.spec);
});

test("normalize, fold and stem", () => {
  for (const [input, want] of vectors.normalize) assert.equal(engine.normalize(input), want, `normalize(${input})`);
  for (const [input, want] of vectors.fold) assert.equal(engine.fold(input), want, `fold(${input})`);
  for (const [input, want] of vectors.stem) assert.equal(engine.stem(input), want, `stem(${input})`);
});

test("index tokens", () => {
  for (const [input, want] of vectors.index) assert.deepEqual(plain(engine.indexTokens(input)), want, `tokens of ${JSON.stringify(input)}`);
});

test("query analysis", () => {
  const lex = new engine.Lexicon(engine.state.meta.fold, vectors.synonyms);
  for (const c of vectors.query) assert.deepEqual(round(lex.analyze(c.q)), c.terms, `analysis of ${JSON.stringify(c.q)}`);
});

test("built-in synonyms expand", () => {
  const lex = engine.state.lexicon;
  for (const c of vectors.builtin) {
    const alts = lex.analyze(c.q).flatMap((t) => plain(t.alts));
    assert.ok(alts.some((a) => JSON.stringify(a.t) === JSON.stringify(c.has) && a.w < 1), `${c.q} should expand to ${c.has}: ${JSON.stringify(alts)}`);
  }
});

test("heading slugs, as src/slug.rs makes them", () => {
  for (const [input, want] of vectors.slug) assert.equal(engine.slugify(input), want, `slug of ${input}`);
});

test("a query loads the synonym files its words can meet, and they are enough", () => {
  const queries = [...vectors.builtin.map((c) => c.q), ...vectors.query.map((c) => c.q), "wifi cannot connect", "エクセル すぐ落ちる"];
  for (const q of queries) {
    const partial = loadEngine(out, false);
    const files = partial.synonymFiles(q);
    for (const n of files) vm.runInContext(readFileSync(join(out, `_tebiki/search/y/${n}.js`), "utf8"), partial.__context);
    assert.deepEqual(plain(partial.state.lexicon.analyze(q)), plain(engine.state.lexicon.analyze(q)), `analysis of ${q} with files ${files}`);
  }
});
