//! Help ids (docs/format.md, "Help ids"): where guides give them, the map a
//! build writes (`help-ids.json`, `_tebiki/help-ids.js`, `open.html`), the
//! product's list, and `tebiki ids`.

use serde_json::Value;

use crate::support::{guide, TestSite};

/// A site with help ids in every form: front matter (text, list, number),
/// a heading, a question, a troubleshooter node and a step; a translation
/// that writes none of its own; a Japanese id.
fn site() -> TestSite {
    let s = TestSite::new();
    s.file(
        "content/printing/print.md",
        "---\ntitle: 印刷する\nsummary: 文書を印刷します。\nhelp_id: [print, 1002]\n---\n\n\
         ## プリンターを選ぶ {#printer help=print-dialog}\n\n\
         1. [ファイル] を開きます。\n\
         2. [印刷] を選びます。 {help=印刷ボタン help=print-button}\n\n\
         ## Q: 何も出てこない {help=print-nothing}\n\n用紙を確かめます。\n\n\
         ## 日本語だけの節 {help=ja-only}\n\n本文。\n\n\
         #### 細かい見出し {#fine help=print-fine}\n\n本文。\n",
    )
    .file(
        "content/printing/print.en.md",
        "---\ntitle: Print\nsummary: Print a document.\n---\n\n\
         ## Choose a printer {#printer}\n\n\
         1. Open [File].\n\
         2. Choose [Print].\n\n\
         ## Q: Nothing comes out {#print-nothing-q}\n\nCheck the paper.\n",
    )
    .file(
        "content/printing/english-only.en.md",
        "---\ntitle: Only in English\nsummary: S.\nhelp_id: english\n---\n\n## Steps\n\n1. Do it.\n",
    );
    s
}

fn entries(json: &Value, id: &str) -> Vec<(String, String)> {
    json["ids"][id]
        .as_array()
        .unwrap_or_else(|| panic!("no id `{id}` in {json:#}"))
        .iter()
        .map(|e| (e["lang"].as_str().unwrap().to_string(), e["url"].as_str().unwrap().to_string()))
        .collect()
}

/// Problems but the warnings about missing screenshots.
fn errors(s: &TestSite) -> Vec<(String, String, usize)> {
    s.problems().into_iter().filter(|p| p.0 != "step-no-screenshot").collect()
}

fn pair(lang: &str, url: &str) -> (String, String) {
    (lang.to_string(), url.to_string())
}

#[test]
fn guides_headings_questions_and_steps_carry_help_ids() {
    let s = site();
    let site = s.site();
    let g = guide(&site, "content/printing/print.md");
    let ids: Vec<(&str, Option<&str>, usize)> =
        g.help_ids.iter().map(|h| (h.id.as_str(), h.anchor.as_deref(), h.line)).collect();
    assert_eq!(
        ids,
        [
            ("print", None, 4),
            ("1002", None, 4),
            ("print-dialog", Some("printer"), 7),
            ("印刷ボタン", Some("step-2"), 10),
            ("print-button", Some("step-2"), 10),
            ("print-nothing", Some("何も出てこない"), 12),
            ("ja-only", Some("日本語だけの節"), 16),
            ("print-fine", Some("fine"), 20),
        ]
    );
    // The step's `{help=…}` is no part of its instruction.
    assert_eq!(g.steps()[1].instruction.text, "[印刷] を選びます。");
    assert!(guide(&site, "content/printing/print.en.md").help_ids.is_empty());
}

#[test]
fn a_build_writes_the_map_for_products_and_pages() {
    let s = site();
    let out = s.build();
    let json: Value = serde_json::from_str(&std::fs::read_to_string(out.join("help-ids.json")).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    // The translation shares its original's ids, landing on the same place.
    assert_eq!(entries(&json, "print"), [pair("ja", "printing/print.html"), pair("en", "en/printing/print.html")]);
    assert_eq!(entries(&json, "1002"), entries(&json, "print"));
    assert_eq!(
        entries(&json, "print-button"),
        [pair("ja", "printing/print.html#step-2"), pair("en", "en/printing/print.html#step-2")]
    );
    assert_eq!(
        entries(&json, "print-dialog"),
        [pair("ja", "printing/print.html#printer"), pair("en", "en/printing/print.html#printer")]
    );
    // A place the translation does not have: only the original.
    assert_eq!(entries(&json, "ja-only"), [pair("ja", "printing/print.html#日本語だけの節")]);
    assert_eq!(entries(&json, "print-nothing"), [pair("ja", "printing/print.html#何も出てこない")]);
    // A guide only in English: its language is the original.
    assert_eq!(entries(&json, "english"), [pair("en", "en/printing/english-only.html")]);
    // Titles and places, Japanese as written.
    let button = &json["ids"]["印刷ボタン"][0];
    assert_eq!(button["title"], "印刷する");
    assert_eq!(button["place"], "[印刷] を選びます。");
    assert_eq!(json["ids"]["print-dialog"][1]["place"], "Choose a printer");

    // The same map, as a script setting a global (it loads from file://).
    let js = std::fs::read_to_string(out.join("_tebiki/help-ids.js")).unwrap();
    let body = js.strip_prefix("window.tebikiHelpIds=").and_then(|j| j.strip_suffix(";\n")).unwrap();
    assert_eq!(serde_json::from_str::<Value>(body).unwrap(), json);

    // open.html: the theme's page with the map and the script; not in the sitemap.
    let open = std::fs::read_to_string(out.join("open.html")).unwrap();
    assert!(open.contains(r#"<script src="_tebiki/help-ids.js"></script>"#), "{open}");
    assert!(open.contains(r#"<script src="_tebiki/help.js"></script>"#));
    assert!(open.contains(r#""search":{"en":"en/search.html","ja":"search.html"}"#), "{open}");
    assert!(open.contains("ヘルプを開いています"));
    assert!(!std::fs::read_to_string(out.join("sitemap.xml")).unwrap().contains("open.html"));
    assert!(out.join("_tebiki/help.js").is_file());
    // The search page can explain an unknown id, in its language.
    let search = std::fs::read_to_string(out.join("en/search.html")).unwrap();
    assert!(search.contains(r#"id="help-unknown""#) && search.contains("This help has no page for the help id"));
    // The heading attribute never reaches the page.
    let page = std::fs::read_to_string(out.join("printing/print.html")).unwrap();
    assert!(!page.contains("help=") && !page.contains("print-fine"), "help attributes leaked");
}

#[test]
fn a_site_without_help_ids_still_has_the_page_and_an_empty_map() {
    let s = TestSite::new();
    s.guide("content/a.md", "A", "## S\n\n1. Do.\n");
    let out = s.build();
    assert_eq!(std::fs::read_to_string(out.join("help-ids.json")).unwrap(), "{\n  \"ids\": {},\n  \"version\": 1\n}\n");
    assert!(out.join("open.html").is_file());
}

#[test]
fn zendesk_ids_come_from_the_field_the_site_names() {
    let s = TestSite::with_config("title: T\nlanguages: [ja]\nhelp_ids: {from_field: id}\n");
    s.file("content/a.md", "---\ntitle: A\nsummary: S.\nid: 360001234567\n---\n\n## S\n\n1. Do.\n");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(s.build().join("help-ids.json")).unwrap()).unwrap();
    assert_eq!(entries(&json, "360001234567"), [pair("ja", "a.html")]);
    // Without the setting, `id` is an unknown field.
    let plain = TestSite::with_config("title: T\nlanguages: [ja]\n");
    plain.file("content/a.md", "---\ntitle: A\nsummary: S.\nid: 360001234567\n---\n\n## S\n\n1. Do.\n");
    assert_eq!(errors(&plain), [("schema".to_string(), "content/a.md".to_string(), 4)]);
}

#[test]
fn the_products_list_names_the_missing_ids_at_their_lines() {
    let s = TestSite::with_config("title: T\nlanguages: [ja]\nhelp_ids: ids.txt\n");
    s.file("content/a.md", "---\ntitle: A\nsummary: S.\nhelp_id: a\n---\n\n## S\n\n1. Do.\n")
        .file("ids.txt", "# the app\na\n\nb   # gone\n");
    assert_eq!(errors(&s), [("help-id-missing".to_string(), "ids.txt".to_string(), 4)]);
    // A list that is not there is an error on tebiki.yaml, never a panic.
    let s = TestSite::with_config("title: T\nlanguages: [ja]\nhelp_ids: {list: nope.txt}\n");
    s.guide("content/a.md", "A", "## S\n\n1. Do.\n");
    let problems: Vec<_> =
        s.load().report.diagnostics.into_iter().filter(|d| d.rule.id != "step-no-screenshot").collect();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].rule.id, "help-id-missing");
    assert!(problems[0].message.contains("nope.txt"), "{}", problems[0].message);
}

#[test]
fn duplicates_name_the_other_place_with_its_file_and_line() {
    let s = TestSite::new();
    s.file("content/a.md", "---\ntitle: A\nsummary: S.\nhelp_id: same\n---\n\n## S\n\n1. Do.\n")
        .file("content/b.md", "---\ntitle: B\nsummary: S.\n---\n\n## S {help=same}\n\n1. Do.\n");
    let loaded = s.load();
    let d: Vec<_> = loaded.report.diagnostics.iter().filter(|d| d.rule.id == "help-id-duplicate").collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].file, std::path::Path::new("content/b.md"));
    assert_eq!(d[0].message, "help id `same` is also given at content/a.md:4");
    // `build` refuses the site.
    s.cmd(&["build"]).code(1);
}

#[test]
fn tebiki_ids_prints_the_map_as_text_and_json() {
    let s = site();
    let out = s.cmd(&["ids"]).success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let line =
        |id: &str, rest: &str| text.lines().any(|l| l.starts_with(id) && l.trim_start_matches(id).trim_start() == rest);
    assert!(line("print-button", "ja  printing/print.html#step-2  印刷する — [印刷] を選びます。"), "{text}");
    assert!(line("印刷ボタン", "en  en/printing/print.html#step-2  Print — Choose [Print]."), "{text}");
    assert!(line("english", "en  en/printing/english-only.html  Only in English"), "{text}");
    let out = s.cmd(&["ids", "--format", "json"]).success();
    let json = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(json, std::fs::read_to_string(s.build().join("help-ids.json")).unwrap());
    // Problems with help ids fail the command, pointing at `check`.
    s.file("content/dup.md", "---\ntitle: D\nsummary: S.\nhelp_id: print\n---\n\n## S\n\n1. Do.\n");
    let out = s.cmd(&["ids"]).code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("tebiki check"));
}

#[test]
fn a_step_in_a_variant_tab_after_an_include_lands_on_itself() {
    // Tabs take ids of their own: the step's anchor is found by the step.
    let s = TestSite::with_config("title: T\nlanguages: [ja]\n");
    s.file("content/includes/open.md", "1. [スタート] を開きます。\n2. [設定] を開きます。\n").file(
        "content/a.md",
        "---\ntitle: A\nsummary: S.\n---\n\n## 手順\n\n=== \"Windows 11\"\n\n    [!INCLUDE [開く](includes/open.md)]\n    3. [125%] を選びます。 {help=choose}\n\n=== \"Windows 10\"\n\n    1. [表示] を選びます。\n",
    );
    let site = s.site();
    let g = guide(&site, "content/a.md");
    assert_eq!(g.help_ids.len(), 1);
    assert_eq!(g.help_ids[0].anchor.as_deref(), Some("windows-11-step-3"));
    let map = tebiki::helpids::map(&site);
    assert_eq!(map.ids["choose"][0].place.as_deref(), Some("[125%] を選びます。"));
}
