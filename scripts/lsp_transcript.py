#!/usr/bin/env python3
"""Print the transcript of a short `tebiki lsp` session, as in the README.

Writes a two-guide site into /tmp/tebiki-lsp-demo (replacing it), starts
`tebiki lsp` there and plays an editor: open a guide whose screenshot path
has a typo, read the diagnostics, type `](` and ask for completion, ask for
the code action of the diagnostic, shut down. Every message is printed as
sent (-->) or received (<--), one JSON object per line.

  python3 scripts/lsp_transcript.py [path/to/tebiki]
"""

import json
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
from lsp_latency import Client, uri  # noqa: E402

SITE = "/tmp/tebiki-lsp-demo"
GUIDE = """---
title: 初期設定
summary: はじめて使うときの設定です。
published: 2024-03-02
---
1. [スタート] をクリックします。

   ![スタートボタン](shots/strat.png)
"""
OTHER = """---
title: パスワードの再設定
summary: パスワードを忘れたときの手順です。
published: 2024-03-02
---
1. [パスワードを忘れた] をクリックします。

   ![サインイン画面](shots/start.png)
"""
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154"
    "789c63f80f040009fb03fdfb5e6b2b0000000049454e44ae426082"
)


def main():
    tebiki = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "target", "debug", "tebiki")
    shutil.rmtree(SITE, ignore_errors=True)
    os.makedirs(f"{SITE}/content/a/shots")
    open(f"{SITE}/tebiki.yaml", "w").write("title: デモ\nlanguages: [ja]\n")
    open(f"{SITE}/content/a/setup.md", "w").write(GUIDE)
    open(f"{SITE}/content/a/password.md", "w").write(OTHER)
    open(f"{SITE}/content/a/shots/start.png", "wb").write(PNG)

    c = Client([tebiki, "lsp"], SITE)
    send = c.send

    def logged_send(msg):
        print("--> " + json.dumps(msg, ensure_ascii=False))
        return send(msg)

    c.send = logged_send

    def show(msg):
        print("<-- " + json.dumps(msg, ensure_ascii=False))

    def until(pred):
        while True:
            _, m = c.get()
            show(m)
            if pred(m):
                return m

    def request(method, params):
        c.next_id += 1
        i = c.next_id
        c.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        return until(lambda m: m.get("id") == i and "method" not in m)

    request("initialize", {"processId": None, "rootUri": uri(SITE), "capabilities": {}})
    c.notify("initialized", {})
    g = uri(f"{SITE}/content/a/setup.md")
    c.notify("textDocument/didOpen", {"textDocument": {"uri": g, "languageId": "markdown", "version": 1, "text": GUIDE}})
    m = until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == g)
    diags = m["params"]["diagnostics"]
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": g, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 8, "character": 0}, "end": {"line": 8, "character": 0}}, "text": "\n[再設定の手順]("}],
    })
    request("textDocument/completion", {"textDocument": {"uri": g}, "position": {"line": 9, "character": 9}})
    request("textDocument/codeAction", {
        "textDocument": {"uri": g},
        "range": diags[0]["range"],
        "context": {"diagnostics": diags},
    })
    request("shutdown", None)
    c.notify("exit", None)
    c.proc.wait(timeout=30)


if __name__ == "__main__":
    main()
