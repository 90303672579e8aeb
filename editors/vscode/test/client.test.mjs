// The extension's client code against the real `tebiki lsp`, without an
// editor: the server is started with the extension's own server options
// (out/server.js, which the extension hands to vscode-languageclient) and
// spoken to over JSON-RPC (vscode-jsonrpc, what the client uses under the
// hood); "Open preview" is exercised through the same functions the
// command uses (the page request, `tebiki serve --port 0`, the page URL).
//
// TEBIKI: the binary to test (default: target/debug/tebiki of this repo).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import * as rpc from "vscode-jsonrpc/node.js";

const require = createRequire(import.meta.url);
const server = require("../out/server.js");
const here = path.dirname(fileURLToPath(import.meta.url));
const tebiki = process.env.TEBIKI ?? path.resolve(here, "../../../target/debug/tebiki");

const GUIDE = `---
title: 手順の例
summary: 例です。
published: 2024-03-02
---
## 準備

1. [設定] を開きます。

   ![設定](shots/missing.png)

2. 閉じます。
`;

function makeSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tebiki-vscode-"));
  fs.writeFileSync(path.join(dir, "tebiki.yaml"), "title: テスト\nlanguages: [ja]\n");
  fs.mkdirSync(path.join(dir, "content", "a"), { recursive: true });
  // On disk the guide has no broken image: only the editor's buffer does.
  fs.writeFileSync(path.join(dir, "content", "a", "guide.md"), GUIDE.replace("   ![設定](shots/missing.png)\n\n", ""));
  return dir;
}

test("the extension's server options start tebiki lsp, which checks what the editor shows", async (t) => {
  const site = makeSite();
  const file = path.join(site, "content", "a", "guide.md");
  assert.equal(server.siteRoot(file), site);
  assert.equal(server.siteRoot(os.tmpdir()), undefined);

  const exec = server.serverExecutable(tebiki, false);
  assert.deepEqual(exec.args, ["lsp"]);
  assert.deepEqual(server.serverExecutable("tebiki", true).args, ["lsp", "--drafts"]);
  const child = spawn(exec.command, exec.args, { stdio: ["pipe", "pipe", "inherit"] });
  t.after(() => child.kill());
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = [];
  const waiters = [];
  conn.onNotification("textDocument/publishDiagnostics", (p) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  conn.listen();
  const diagnostics = async (uri, version) => {
    for (;;) {
      const found = published.find((p) => p.uri === uri && p.version === version);
      if (found) return found.diagnostics;
      await new Promise((resolve) => waiters.push(resolve));
    }
  };

  const init = await conn.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  assert.equal(init.serverInfo.name, "tebiki");
  assert.equal(init.capabilities.positionEncoding, "utf-16");
  conn.sendNotification("initialized", {});

  const uri = pathToFileURL(file).href;
  conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: GUIDE } });
  const first = await diagnostics(uri, 1);
  assert.deepEqual(
    first.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
    [
      ["asset-missing", 9, 3, 27],
      ["step-no-screenshot", 11, 0, 2],
    ],
  );
  assert.equal(first[0].message, "image `shots/missing.png` does not exist");

  // The buffer is what is checked, not the file: edit the image away.
  conn.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 9, character: 0 }, end: { line: 10, character: 0 } }, text: "" }],
  });
  assert.deepEqual(
    (await diagnostics(uri, 2)).map((d) => d.code),
    ["step-no-screenshot", "step-no-screenshot"],
  );

  // Completion of a callout kind, in the guide's language.
  conn.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: "> [!" }],
  });
  const list = await conn.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 10, character: 4 } });
  assert.deepEqual(list.items.map((i) => i.label), ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]);

  // "Open preview": the page and the step under the cursor, served by `tebiki serve --port 0`.
  const page = await conn.sendRequest(server.PAGE_REQUEST, { textDocument: { uri }, position: { line: 7, character: 5 } });
  assert.deepEqual(page, { path: "a/guide.html", anchor: "step-1" });
  const preview = await server.startPreview(tebiki, site);
  t.after(() => preview.process.kill());
  const url = server.pageUrl(preview.url, page);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/a\/guide\.html#step-1$/);
  // The preview serves the site as saved on disk (its own build).
  const html = await (await fetch(url)).text();
  assert.match(html, /id="step-1"/);
  assert.match(html, /手順の例/);

  await conn.sendRequest("shutdown");
  conn.sendNotification("exit");
  const code = await new Promise((resolve) => child.on("exit", resolve));
  assert.equal(code, 0);
  conn.dispose();
});

test("page URLs encode Japanese paths and anchors", () => {
  assert.equal(
    server.pageUrl("http://127.0.0.1:4000/", { path: "アカウント/本人確認.html", anchor: "準備" }),
    "http://127.0.0.1:4000/%E3%82%A2%E3%82%AB%E3%82%A6%E3%83%B3%E3%83%88/%E6%9C%AC%E4%BA%BA%E7%A2%BA%E8%AA%8D.html#%E6%BA%96%E5%82%99",
  );
  assert.equal(server.pageUrl("http://127.0.0.1:4000/", { path: "a/b.html", anchor: null }), "http://127.0.0.1:4000/a/b.html");
});
