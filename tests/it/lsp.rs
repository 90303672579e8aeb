//! `tebiki lsp` driven like an editor drives it: the real binary over
//! stdio, JSON-RPC frames written and read by a small client here.
//! Sessions open guides, type into them with incremental sync, and ask
//! for completion, hover, definition, references, symbols, renames and
//! code actions, with exact expected results. A server's diagnostics must
//! equal `tebiki check --format json` over the example site and every
//! fixture site.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::TestSite;

/// Longest wait for a message; a hung server fails the test instead of blocking it.
const PATIENCE: Duration = Duration::from_secs(120);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: mpsc::Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for something else, in order.
    notifications: Vec<Value>,
}

impl Client {
    fn start(cwd: &Path) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("tebiki"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tebiki lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || loop {
            let mut len = None;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length:") {
                    len = v.trim().parse::<usize>().ok();
                }
            }
            let mut body = vec![0; len.expect("a Content-Length header")];
            stdout.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        let mut c = Client { child, stdin, rx, next_id: 0, notifications: Vec::new() };
        let init = c.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
        );
        assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
        assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_vec(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self) -> Value {
        self.rx.recv_timeout(PATIENCE).expect("the server answers")
    }

    /// The whole response to a request (`result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.next();
            if msg.get("method").is_some() {
                self.notifications.push(msg);
            } else if msg["id"] == id {
                return msg;
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.call(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The next diagnostics published for `uri` (with `version`, when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let matches = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        };
        if let Some(i) = self.notifications.iter().position(matches) {
            let m = self.notifications.remove(i);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.next();
            if matches(&m) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
            if m.get("method").is_some() {
                self.notifications.push(m);
            }
        }
    }

    /// Every diagnostics notification received so far: the last list per URI.
    fn all_published(&mut self) -> BTreeMap<String, Vec<Value>> {
        let mut out = BTreeMap::new();
        for m in self.notifications.drain(..) {
            if m["method"] == "textDocument/publishDiagnostics" {
                out.insert(
                    m["params"]["uri"].as_str().unwrap().to_string(),
                    m["params"]["diagnostics"].as_array().unwrap().clone(),
                );
            }
        }
        out
    }

    fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        uri
    }

    fn change(&mut self, uri: &str, version: i64, range: [u32; 4], text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range_of(range), "text": text}],
            }),
        );
    }

    fn at(uri: &str, line: u32, character: u32) -> Value {
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
    }

    fn shutdown(mut self) {
        assert_eq!(self.call("shutdown", Value::Null)["result"], Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "the server exits cleanly after shutdown: {status}");
    }
}

fn uri(path: &Path) -> String {
    lsp_types::Url::from_file_path(path).unwrap().to_string()
}

fn range_of([l0, c0, l1, c1]: [u32; 4]) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

/// The guide pair of most tests: a guide linking to a step list with an
/// explicit heading id and a question, in Japanese (an astral character
/// on a line with a problem checks UTF-16 columns).
fn site() -> TestSite {
    let site =
        TestSite::with_config("title: {ja: テスト, en: Test}\nlanguages: [ja, en]\nschema: schema/front-matter.yaml\n");
    site.file("schema/front-matter.yaml", "properties:\n  applies_to:\n    items:\n      enum: [Windows 11, Windows 10]\n")
        .png("content/a/shots/step1.png", 64, 40)
        .file("content/a/g.md", G)
        .file("content/a/reset.md", RESET)
        .file(
            "content/a/reset.en.md",
            "---\ntitle: Reset\nsummary: Reset it.\npublished: 2024-03-02\n---\n## Before {#prep}\n\n1. Click [Start].\n\n   ![Start](shots/step1.png)\n",
        );
    site
}

const G: &str = "---
title: ガイド
summary: 概要です。
published: 2024-03-02
tags: [アカウント]
---
## 手順

1. 𠮷野家の [設定] を開きます。

   ![設定画面](shots/step1.png)

2. [準備](reset.md#prep)を済ませます。

   ![設定画面](shots/step1.png)
";

const RESET: &str = "---
title: 再設定
summary: パスワードを再設定します。
published: 2024-03-02
tags: [アカウント, セキュリティ]
applies_to: [Windows 11]
---
## 準備 {#prep}

1. [スタート] をクリックします。

   ![スタート](shots/step1.png)

## Q: メールが届かない

迷惑メールのフォルダーを確かめます。
";

fn labels(items: &Value) -> Vec<(String, String)> {
    items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["label"].as_str().unwrap().to_string(), i["detail"].as_str().unwrap_or_default().to_string()))
        .collect()
}

#[test]
fn a_session_types_completes_navigates_renames_and_fixes() {
    let site = site();
    let root = site.root();
    let mut c = Client::start(root);
    let g = c.open(&root.join("content/a/g.md"), G);
    assert_eq!(c.diagnostics(&g, Some(1)), Vec::<Value>::new());

    // Type a broken image after the astral `𠮷` (incremental sync): 20
    // UTF-16 units before it on its line, 19 characters.
    c.change(&g, 2, [8, 20, 8, 20], "![](shots/stpe1.png)");
    let d = c.diagnostics(&g, Some(2));
    assert_eq!(
        Value::Array(d.clone()),
        json!([
            {"range": range_of([8, 20, 8, 40]), "severity": 1, "code": "asset-missing", "source": "tebiki",
             "message": "image `shots/stpe1.png` does not exist\nhelp: did you mean `shots/step1.png`?",
             "data": {"hint": "did you mean `shots/step1.png`?"}},
        ])
    );
    // The code action puts in the suggested path; applied as the editor would, the problem is gone.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": g}, "range": range_of([8, 20, 8, 40]), "context": {"diagnostics": d}}),
    );
    assert_eq!(
        actions,
        json!([
            {"title": "Replace with `shots/step1.png`", "kind": "quickfix", "isPreferred": true,
             "edit": {"changes": {g.clone(): [{"range": range_of([8, 24, 8, 39]), "newText": "shots/step1.png"}]}}},
        ])
    );
    c.change(&g, 3, [8, 24, 8, 39], "shots/step1.png");
    assert_eq!(c.diagnostics(&g, Some(3)), Vec::<Value>::new());
    c.change(&g, 4, [8, 20, 8, 40], "");
    assert_eq!(c.diagnostics(&g, Some(4)), Vec::<Value>::new());

    // A screenshot without alt text gets a placeholder in the page's language.
    c.change(&g, 41, [10, 5, 10, 9], "");
    let d = c.diagnostics(&g, Some(41));
    assert_eq!(
        Value::Array(d.clone()),
        json!([{"range": range_of([10, 3, 10, 23]), "severity": 1, "code": "screenshot-alt-missing", "source": "tebiki",
                "message": "screenshot has no alt text\nhelp: describe what the screenshot shows: `![The Start button](shots/start.png \"Click [Start].\")`",
                "data": {"hint": "describe what the screenshot shows: `![The Start button](shots/start.png \"Click [Start].\")`"}}])
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": g}, "range": range_of([10, 3, 10, 3]), "context": {"diagnostics": d}}),
    );
    assert_eq!(
        actions,
        json!([{"title": "Add an alt text placeholder", "kind": "quickfix", "isPreferred": true,
                "edit": {"changes": {g.clone(): [{"range": range_of([10, 5, 10, 5]), "newText": "画面の説明"}]}}}])
    );
    c.change(&g, 42, [10, 5, 10, 5], "設定画面");
    assert_eq!(c.diagnostics(&g, Some(42)), Vec::<Value>::new());

    // Completion after `](`: the guides of the page's language, with titles.
    c.change(&g, 45, [15, 0, 15, 0], "[x](");
    let items = c.request("textDocument/completion", Client::at(&g, 15, 4));
    assert_eq!(labels(&items), [("reset.md".to_string(), "再設定".to_string())]);
    assert_eq!(items["items"][0]["textEdit"], json!({"range": range_of([15, 4, 15, 4]), "newText": "reset.md"}));
    assert_eq!(items["items"][0]["documentation"]["value"], "パスワードを再設定します。");

    // After `#`: the target's anchors in page order, steps with their instruction.
    c.change(&g, 46, [15, 4, 15, 4], "reset.md#");
    let items = c.request("textDocument/completion", Client::at(&g, 15, 13));
    assert_eq!(
        labels(&items),
        [
            ("prep".to_string(), "準備".to_string()),
            ("step-1".to_string(), "1. [スタート] をクリックします。".to_string()),
            ("メールが届かない".to_string(), "メールが届かない".to_string()),
        ]
    );
    assert_eq!(items["items"][1]["textEdit"], json!({"range": range_of([15, 13, 15, 13]), "newText": "step-1"}));
    c.change(&g, 47, [15, 0, 15, 13], "");
    let _ = c.diagnostics(&g, Some(47));

    // UI labels after `[`, most used first; callout kinds after `> [!`.
    c.change(&g, 48, [15, 0, 15, 0], "[ス");
    let items = c.request("textDocument/completion", Client::at(&g, 15, 2));
    assert_eq!(
        labels(&items),
        [
            ("スタート".to_string(), "UI label used by 1 guide".to_string()),
            ("設定".to_string(), "UI label used by 1 guide".to_string()),
        ]
    );
    assert_eq!(items["items"][0]["textEdit"], json!({"range": range_of([15, 1, 15, 2]), "newText": "スタート]"}));
    c.change(&g, 49, [15, 0, 15, 2], "> [!");
    let items = c.request("textDocument/completion", Client::at(&g, 15, 4));
    assert_eq!(
        labels(&items),
        [
            ("NOTE".to_string(), "メモ".to_string()),
            ("TIP".to_string(), "ヒント".to_string()),
            ("IMPORTANT".to_string(), "重要".to_string()),
            ("WARNING".to_string(), "注意".to_string()),
            ("CAUTION".to_string(), "警告".to_string()),
        ]
    );
    c.change(&g, 50, [15, 0, 15, 4], "");
    let _ = c.diagnostics(&g, Some(50));

    // Front matter: tags of the site, enums of the site's schema, keys not yet used.
    c.change(&g, 51, [4, 7, 4, 12], "アカ");
    let items = c.request("textDocument/completion", Client::at(&g, 4, 9));
    assert_eq!(
        labels(&items),
        [
            ("アカウント".to_string(), "used by 1 guide".to_string()),
            ("セキュリティ".to_string(), "used by 1 guide".to_string()),
        ]
    );
    assert_eq!(items["items"][0]["textEdit"], json!({"range": range_of([4, 7, 4, 9]), "newText": "アカウント"}));
    c.change(&g, 52, [4, 7, 4, 9], "アカウント");
    c.change(&g, 53, [5, 0, 5, 0], "applies_to: [Win\n");
    let items = c.request("textDocument/completion", Client::at(&g, 5, 16));
    assert_eq!(labels(&items), [("Windows 11".to_string(), String::new()), ("Windows 10".to_string(), String::new())]);
    c.change(&g, 54, [5, 0, 6, 0], "");
    c.change(&g, 55, [5, 0, 5, 0], "up\n");
    let items = c.request("textDocument/completion", Client::at(&g, 5, 2));
    assert_eq!(
        labels(&items).iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
        ["applies_to", "aliases", "author", "draft", "help_id", "related", "updated", "weight"]
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );
    c.change(&g, 56, [5, 0, 6, 0], "");
    assert_eq!(c.diagnostics(&g, Some(56)), Vec::<Value>::new());

    // Hover and definition on the link `[準備](reset.md#prep)` (line 12).
    let hover = c.request("textDocument/hover", Client::at(&g, 12, 6));
    assert_eq!(
        hover,
        json!({"contents": {"kind": "markdown", "value":
            "**再設定**\n\nパスワードを再設定します。\n\nSection `#prep`: 準備\n\n`content/a/reset.md`"},
            "range": range_of([12, 3, 12, 22])})
    );
    let reset = uri(&root.join("content/a/reset.md"));
    let def = c.request("textDocument/definition", Client::at(&g, 12, 6));
    assert_eq!(def, json!({"uri": reset, "range": range_of([7, 0, 7, 13])}));
    // Hover on a screenshot: its size and a thumbnail.
    let hover = c.request("textDocument/hover", Client::at(&g, 10, 6));
    let png = uri(&root.join("content/a/shots/step1.png"));
    assert_eq!(hover["contents"]["value"], format!("64 × 40 px · `content/a/shots/step1.png`\n\n![step1.png]({png})"));
    assert_eq!(
        c.request("textDocument/definition", Client::at(&g, 10, 6)),
        json!({"uri": png, "range": range_of([0, 0, 0, 0])})
    );

    // Rename the explicit id from the link: the heading and every link change.
    assert_eq!(c.request("textDocument/prepareRename", Client::at(&g, 12, 20)), range_of([12, 17, 12, 21]));
    let mut params = Client::at(&g, 12, 20);
    params["newName"] = json!("before");
    let edit = c.request("textDocument/rename", params);
    assert_eq!(
        edit,
        json!({"changes": {
            reset.clone(): [{"range": range_of([7, 8, 7, 12]), "newText": "before"}],
            g.clone(): [{"range": range_of([12, 17, 12, 21]), "newText": "before"}],
        }})
    );
    // A generated id cannot be renamed.
    let r = c.call("textDocument/prepareRename", Client::at(&g, 6, 3));
    assert!(r["error"]["message"].as_str().unwrap().contains("explicit `{#id}`"), "{r}");

    c.shutdown();
}

#[test]
fn renaming_a_heading_id_in_one_guide_breaks_the_links_of_another() {
    let site = site();
    let root = site.root();
    let mut c = Client::start(root);
    let g = c.open(&root.join("content/a/g.md"), G);
    assert_eq!(c.diagnostics(&g, Some(1)), Vec::<Value>::new());
    let reset = c.open(&root.join("content/a/reset.md"), RESET);
    assert_eq!(c.diagnostics(&reset, Some(1)), Vec::<Value>::new());
    // Type one character into `{#prep}`: g.md, not open in this edit, learns.
    c.change(&reset, 2, [7, 12, 7, 12], "x");
    assert_eq!(c.diagnostics(&reset, Some(2)), Vec::<Value>::new());
    let d = c.diagnostics(&g, None);
    assert_eq!(
        Value::Array(d.clone()),
        json!([{"range": range_of([12, 3, 12, 22]), "severity": 1, "code": "anchor-missing", "source": "tebiki",
                "message": "`content/a/reset.md` has no anchor `#prep`\nhelp: the page has an anchor `#prepx`",
                "data": {"hint": "the page has an anchor `#prepx`"}}])
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": g}, "range": range_of([12, 3, 12, 22]), "context": {"diagnostics": d}}),
    );
    assert_eq!(
        actions,
        json!([{"title": "Replace with `#prepx`", "kind": "quickfix", "isPreferred": true,
                "edit": {"changes": {g.clone(): [{"range": range_of([12, 17, 12, 21]), "newText": "prepx"}]}}}])
    );
    // Typing it back clears g.md again.
    c.change(&reset, 3, [7, 12, 7, 13], "");
    assert_eq!(c.diagnostics(&reset, Some(3)), Vec::<Value>::new());
    assert_eq!(c.diagnostics(&g, None), Vec::<Value>::new());
    // Closing a buffer with unsaved changes: the file on disk counts again.
    c.change(&reset, 4, [7, 12, 7, 12], "y");
    let _ = c.diagnostics(&reset, Some(4));
    assert_eq!(c.diagnostics(&g, None).len(), 1);
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": reset}}));
    assert_eq!(c.diagnostics(&g, None), Vec::<Value>::new());
    c.shutdown();
}

#[test]
fn a_help_id_typed_twice_is_reported_in_the_other_buffer_and_cleared() {
    let site = site();
    let root = site.root();
    let mut c = Client::start(root);
    let g = c.open(&root.join("content/a/g.md"), G);
    assert_eq!(c.diagnostics(&g, Some(1)), Vec::<Value>::new());
    let reset = c.open(&root.join("content/a/reset.md"), RESET);
    assert_eq!(c.diagnostics(&reset, Some(1)), Vec::<Value>::new());
    // Unsaved: reset.md gives `help_id: 同じ`, then g.md gives it too.
    c.change(&reset, 2, [1, 0, 1, 0], "help_id: 同じ\n");
    assert_eq!(c.diagnostics(&reset, Some(2)), Vec::<Value>::new());
    c.change(&g, 2, [1, 0, 1, 0], "help_id: 同じ\n");
    assert_eq!(c.diagnostics(&g, Some(2)), Vec::<Value>::new(), "g.md is the first writing");
    let d = c.diagnostics(&reset, None);
    assert_eq!(
        Value::Array(d),
        json!([{"range": range_of([1, 9, 1, 11]), "severity": 1, "code": "help-id-duplicate", "source": "tebiki",
                "message": "help id `同じ` is also given at content/a/g.md:2\nhelp: a help id must open one place: give this one another id, or remove one of them",
                "data": {"hint": "a help id must open one place: give this one another id, or remove one of them"}}])
    );
    // Taken out of g.md again: reset.md is clean.
    c.change(&g, 3, [1, 0, 2, 0], "");
    assert_eq!(c.diagnostics(&g, Some(3)), Vec::<Value>::new());
    assert_eq!(c.diagnostics(&reset, None), Vec::<Value>::new());
    c.shutdown();
}

#[test]
fn references_symbols_and_file_renames() {
    let site = site();
    let root = site.root();
    site.guide("content/b/other.md", "他", "[再設定](../a/reset.md) と [手順](../a/reset.md#step-1)。\n").file(
        "content/b/rel.md",
        "---\ntitle: 関連\nsummary: s\npublished: 2024-03-02\nrelated: [../a/reset.md, g]\n---\n本文。\n",
    );
    let mut c = Client::start(root);
    let reset = c.open(&root.join("content/a/reset.md"), RESET);
    assert_eq!(c.diagnostics(&reset, Some(1)), Vec::<Value>::new());
    let g = uri(&root.join("content/a/g.md"));
    let other = uri(&root.join("content/b/other.md"));
    let rel = uri(&root.join("content/b/rel.md"));

    // On the guide's text: every link to it and every `related` entry.
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": reset}, "position": {"line": 15, "character": 2}, "context": {"includeDeclaration": false}}),
    );
    assert_eq!(
        refs,
        json!([
            {"uri": g, "range": range_of([12, 3, 12, 22])},
            {"uri": other, "range": range_of([5, 0, 5, 20])},
            {"uri": other, "range": range_of([5, 23, 5, 49])},
            {"uri": rel, "range": range_of([4, 10, 4, 23])},
        ])
    );
    // On a step: the links to that step.
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": reset}, "position": {"line": 9, "character": 4}, "context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        refs,
        json!([
            {"uri": reset, "range": range_of([9, 0, 9, 19])},
            {"uri": other, "range": range_of([5, 23, 5, 49])},
        ])
    );

    // The outline: sections, the procedure and its step, the question.
    let symbols = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": reset}}));
    let outline: Vec<String> = {
        fn walk(v: &Value, depth: usize, out: &mut Vec<String>) {
            for s in v.as_array().unwrap() {
                out.push(format!(
                    "{}{} [{}] {}:{}-{}:{}",
                    "  ".repeat(depth),
                    s["name"].as_str().unwrap(),
                    s["kind"],
                    s["range"]["start"]["line"],
                    s["range"]["start"]["character"],
                    s["range"]["end"]["line"],
                    s["range"]["end"]["character"]
                ));
                walk(&s["children"], depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&symbols, 0, &mut out);
        out
    };
    assert_eq!(
        outline,
        [
            "準備 [3] 7:0-13:0",
            "  1 steps [18] 9:0-13:0",
            "    1. [スタート] をクリックします。 [22] 9:0-13:0",
            "Q: メールが届かない [24] 13:0-15:18",
        ]
    );

    // Moving reset.md to another folder: links, related entries and its own image paths follow.
    let edit = c.request(
        "workspace/willRenameFiles",
        json!({"files": [{"oldUri": reset, "newUri": uri(&root.join("content/b/reset-password.md"))}]}),
    );
    assert_eq!(
        edit,
        json!({"changes": {
            g.clone(): [{"range": range_of([12, 8, 12, 16]), "newText": "../b/reset-password.md"}],
            other.clone(): [
                {"range": range_of([5, 6, 5, 19]), "newText": "reset-password.md"},
                {"range": range_of([5, 28, 5, 41]), "newText": "reset-password.md"},
            ],
            rel.clone(): [{"range": range_of([4, 10, 4, 23]), "newText": "reset-password.md"}],
            reset.clone(): [{"range": range_of([11, 11, 11, 26]), "newText": "../a/shots/step1.png"}],
        }})
    );
    c.shutdown();
}

#[test]
fn code_actions_renumber_remove_the_title_and_create_a_missing_guide() {
    let site = site();
    let root = site.root();
    let text = "---\ntitle: 番号\nsummary: s\npublished: 2024-03-02\n---\n# 番号\n\n## 手順\n\n1. 一つ目。\n\n   ![a](shots/s.png)\n\n3. 二つ目。[新しい手順](new-guide.md)\n\n   ![a](shots/s.png)\n";
    site.png("content/c/shots/s.png", 8, 8).file("content/c/n.md", text);
    let related = "---\ntitle: 関連\nsummary: s\npublished: 2024-03-02\nrelated: [\"resett\"]\n---\n本文。\n";
    site.file("content/c/r.md", related);
    let mut c = Client::start(root);
    let n = c.open(&root.join("content/c/n.md"), text);
    let d = c.diagnostics(&n, Some(1));
    let codes: Vec<&str> = d.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["title-as-h1", "step-numbering", "link-target-missing"]);
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": n}, "range": range_of([0, 0, 16, 0]), "context": {"diagnostics": d}}),
    );
    let new_uri = uri(&root.join("content/c/new-guide.md"));
    let today = chrono::Local::now().date_naive().to_string();
    let skeleton = tebiki::scaffold::guide_text("ja", "新しい手順", &today, "../../schema/guide.schema.json", None);
    assert_eq!(
        actions,
        json!([
            {"title": "Remove the repeated title", "kind": "quickfix", "isPreferred": true,
             "edit": {"changes": {n.clone(): [{"range": range_of([5, 0, 7, 0]), "newText": ""}]}}},
            {"title": "Renumber the steps", "kind": "quickfix", "isPreferred": true,
             "edit": {"changes": {n.clone(): [{"range": range_of([13, 0, 13, 1]), "newText": "2"}]}}},
            {"title": "Create `content/c/new-guide.md` from the new-guide skeleton", "kind": "quickfix", "isPreferred": false,
             "edit": {"documentChanges": [
                {"kind": "create", "uri": new_uri, "options": {"overwrite": false, "ignoreIfExists": true}},
                {"textDocument": {"uri": new_uri, "version": null},
                 "edits": [{"range": range_of([0, 0, 0, 0]), "newText": skeleton}]},
             ]}},
        ])
    );

    // A `related` entry naming no guide: the slug the hint suggests, inside the quotes.
    let r = c.open(&root.join("content/c/r.md"), related);
    let d = c.diagnostics(&r, Some(1));
    assert_eq!(d[0]["code"], "related-unknown");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": r}, "range": d[0]["range"], "context": {"diagnostics": d}}),
    );
    assert_eq!(
        actions,
        json!([{"title": "Replace with `reset`", "kind": "quickfix", "isPreferred": true,
                "edit": {"changes": {r.clone(): [{"range": range_of([4, 11, 4, 17]), "newText": "reset"}]}}}])
    );
    c.shutdown();
}

/// A check JSON diagnostic and an LSP one, in the same terms: rule,
/// severity, 1-based line and character columns, message, hint.
type Same = (String, String, u64, u64, u64, u64, String, Option<String>);

/// Character column (1-based) of a UTF-16 column on a line, as `check` counts.
fn char_column(text: &str, line: u64, utf16: u64) -> u64 {
    let l = text.split('\n').nth(line as usize).unwrap_or_default();
    let l = if line == 0 { l.strip_prefix('\u{feff}').unwrap_or(l) } else { l };
    let mut units = 0;
    let mut chars = 0;
    for c in l.chars() {
        if units >= utf16 {
            break;
        }
        units += c.len_utf16() as u64;
        chars += 1;
    }
    chars + 1
}

fn from_lsp(d: &Value, text: &str) -> Same {
    let r = &d["range"];
    let n = |v: &Value| v.as_u64().unwrap();
    let message = d["message"].as_str().unwrap();
    let (message, hint) = match message.split_once("\nhelp: ") {
        Some((m, h)) => (m.to_string(), Some(h.to_string())),
        None => (message.to_string(), None),
    };
    assert_eq!(d["data"]["hint"].as_str().map(str::to_string), hint, "data.hint is the hint");
    let severity = match n(&d["severity"]) {
        1 => "error",
        2 => "warning",
        s => panic!("severity {s}"),
    };
    (
        d["code"].as_str().unwrap().to_string(),
        severity.to_string(),
        n(&r["start"]["line"]) + 1,
        char_column(text, n(&r["start"]["line"]), n(&r["start"]["character"])),
        n(&r["end"]["line"]) + 1,
        char_column(text, n(&r["end"]["line"]), n(&r["end"]["character"])),
        message,
        hint,
    )
}

fn from_check(d: &Value) -> Same {
    let n = |k: &str| d[k].as_u64().unwrap();
    (
        d["rule"].as_str().unwrap().to_string(),
        d["severity"].as_str().unwrap().to_string(),
        n("line"),
        n("column"),
        n("end_line"),
        n("end_column"),
        d["message"].as_str().unwrap().to_string(),
        d["hint"].as_str().map(str::to_string),
    )
}

#[test]
fn diagnostics_equal_check_json_on_the_example_and_every_fixture_site() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut sites = vec![repo.clone()];
    let fixtures = repo.join("tests/fixtures/invalid");
    let mut rules: Vec<PathBuf> = std::fs::read_dir(&fixtures).unwrap().map(|e| e.unwrap().path()).collect();
    rules.sort();
    sites.extend(rules.iter().map(|r| r.join("fail")));
    let mut c = Client::start(&repo);
    let mut compared = 0;
    for site in &sites {
        let out = assert_cmd::Command::cargo_bin("tebiki")
            .unwrap()
            .args(["check", "--format", "json"])
            .current_dir(site)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{}: {e}", site.display()));
        let mut want: BTreeMap<String, Vec<Same>> = BTreeMap::new();
        for d in report["diagnostics"].as_array().unwrap() {
            let file = site.join(d["file"].as_str().unwrap());
            want.entry(uri(&file)).or_default().push(from_check(d));
        }
        // Opening tebiki.yaml loads the site, which publishes every
        // file's diagnostics; a request answered after it is the sync point.
        let config = site.join("tebiki.yaml");
        let yaml_uri = c.open(&config, &std::fs::read_to_string(&config).unwrap());
        c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": yaml_uri}}));
        let got: BTreeMap<String, Vec<Same>> = c
            .all_published()
            .into_iter()
            .filter(|(_, d)| !d.is_empty())
            .map(|(u, d)| {
                let path = lsp_types::Url::parse(&u).unwrap().to_file_path().unwrap();
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
                (u, d.iter().map(|d| from_lsp(d, &text)).collect())
            })
            .collect();
        assert_eq!(got, want, "{}", site.display());
        compared += want.values().map(Vec::len).sum::<usize>();
        c.notify("textDocument/didClose", json!({"textDocument": {"uri": yaml_uri}}));
    }
    // Every rule's fixture gives at least one diagnostic.
    assert!(compared >= rules.len(), "{compared} diagnostics compared");
    c.shutdown();
}

/// A guide whose links name a raw `<a id>` anchor and a page by its
/// published address (as other tools' sites write them).
const ADDRESSED: &str = "---
title: 住所
summary: 概要です。
published: 2024-03-02
---
## 手順

1. [控え](reset.md#kept)と[再設定](../a/reset/)と[同じ](/a/reset)を見ます。

   ![設定画面](shots/step1.png)
";

#[test]
fn raw_html_anchors_and_page_address_links_are_targets_as_check_finds() {
    let site = site();
    let reset = RESET.replace("## Q: メールが届かない", "<a id=\"kept\"></a>\n\n## Q: メールが届かない");
    site.file("content/a/reset.md", &reset).file("content/a/addressed.md", ADDRESSED);
    let root = site.root();
    let out = assert_cmd::Command::cargo_bin("tebiki").unwrap().args(["check"]).current_dir(root).output().unwrap();
    assert!(out.status.success(), "check finds nothing: {}", String::from_utf8_lossy(&out.stderr));
    let mut c = Client::start(root);
    let a = c.open(&root.join("content/a/addressed.md"), ADDRESSED);
    assert_eq!(c.diagnostics(&a, Some(1)), Vec::<Value>::new());
    // Go to definition on either page address opens the guide it names.
    let reset_uri = uri(&root.join("content/a/reset.md"));
    for column in [25, 43] {
        let def = c.request("textDocument/definition", Client::at(&a, 7, column));
        assert_eq!(def["uri"], json!(reset_uri), "column {column}: {def}");
    }
    // The raw anchor renamed in the other guide: this guide's link breaks.
    let r = c.open(&root.join("content/a/reset.md"), &reset);
    assert_eq!(c.diagnostics(&r, Some(1)), Vec::<Value>::new());
    let line = reset.lines().position(|l| l.starts_with("<a id")).unwrap() as u32;
    c.change(&r, 2, [line, 11, line, 11], "x");
    let _ = c.diagnostics(&r, Some(2));
    let d = c.diagnostics(&a, None);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "anchor-missing");
    assert_eq!(d[0]["data"]["hint"], "the page has an anchor `#keptx`");
    // A page address that names no guide is reported like check reports it.
    c.change(&a, 2, [7, 55, 7, 55], "x");
    let d = c.diagnostics(&a, Some(2));
    let codes: Vec<&str> = d.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["anchor-missing", "link-target-missing"], "{d:?}");
    assert!(d[1]["message"].as_str().unwrap().contains("`/a/resetx`"), "{d:?}");
    c.shutdown();
}
