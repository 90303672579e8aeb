//! Raw HTML in guides: the sanitizer's policy (what passes, what is
//! removed and reported, what is rewritten), islands (tables whose cells
//! hold Markdown), raw images and links checked like Markdown's, `<a id>` /
//! `<a name>` anchors, the three `raw_html` modes, and hostile input.

use std::path::Path;

use tebiki::build::{self, Options};
use tebiki::model::{Block, Guide, ROOT_MARK};

use crate::support::{copy_dir, executable_markup, guide, inline_scripts, visible_tags, TestSite};

/// The HTML of a guide's top-level content blocks.
fn body_html(g: &Guide) -> String {
    g.intro
        .iter()
        .chain(&g.body)
        .map(|b| if let Block::Html { html } = b { html.clone() } else { String::new() })
        .collect()
}

/// Rule id and message of every diagnostic.
fn diagnostics(loaded: &build::Loaded) -> Vec<(String, String)> {
    loaded.report.diagnostics.iter().map(|d| (d.rule.id.to_string(), d.message.clone())).collect()
}

#[test]
fn the_policy_allows_removes_and_rewrites() {
    let r = ROOT_MARK;
    // Markdown written → HTML in the model → diagnostics (rule, message).
    type Case<'a> = (&'a str, String, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (
            "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, <mark>new</mark>, <abbr title=\"Wi-Fi\">WLAN</abbr>.",
            "<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, <mark>new</mark>, <abbr title=\"Wi-Fi\">WLAN</abbr>.</p>\n".into(),
            &[],
        ),
        (
            // Attributes that only style are dropped without a word.
            "<table class=\"t\"><tr class=\"odd\"><td colspan=\"2\" style=\"color:red\" align=\"left\">a</td></tr></table>",
            "<table><tbody><tr><td colspan=\"2\" align=\"left\">a</td></tr></tbody></table>\n".into(),
            &[],
        ),
        (
            "<details open><summary>More</summary>Hidden text.</details>",
            "<details open=\"\"><summary>More</summary>Hidden text.</details>\n".into(),
            &[],
        ),
        ("a <!-- a comment --> b", "<p>a  b</p>\n".into(), &[]),
        (
            "<script>alert(1)</script>",
            "\n".into(),
            &[("raw-html", "`<script>` was removed with its content")],
        ),
        (
            "<iframe src=\"https://example.com/\"></iframe>",
            "\n".into(),
            &[("raw-html", "`<iframe>` was removed with its content")],
        ),
        (
            "Click <b onclick=\"steal()\">here</b>.",
            "<p>Click <b>here</b>.</p>\n".into(),
            &[("raw-html", "event handler `onclick` of `<b>` was removed")],
        ),
        (
            "<font color=\"red\">Red</font> text",
            "<p>Red text</p>\n".into(),
            &[("raw-html", "`<font>` is not allowed in raw HTML and was removed; its text is kept")],
        ),
        (
            "<a href=\"javascript:alert(1)\">run</a>",
            "<p><a>run</a></p>\n".into(),
            &[("unsafe-url", "link with `javascript:` was dropped; only the text is shown")],
        ),
        (
            "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
            "<table><tbody><tr><td>x</td></tr></tbody></table>\n".into(),
            &[("raw-html", "`javascript:` URL in `background` of `<table>` was removed")],
        ),
        (
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\"> and <img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"svg\">",
            "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" class=\"inline-image\"> and svg</p>\n".into(),
            &[("unsafe-url", "image source `data:image/svg+xml;base64,PHN2Zz4=` was dropped")],
        ),
        (
            "See <a href=\"other.md#solution\" title=\"Other\">the other guide</a> <img src=\"shots/a.png\" alt=\"icon\" width=\"16\">",
            format!("<p>See <a href=\"{r}other.html#solution\" title=\"Other\">the other guide</a> <img src=\"{r}shots/a.png\" alt=\"icon\" width=\"16\" height=\"16\" class=\"inline-image\"></p>\n"),
            &[],
        ),
        (
            // An icon in a sentence sits at text height; a picture alone in its paragraph does not.
            "<p>Press <b>Tools</b> <img src=\"shots/a.png\" alt=\"gear\"> to open them.</p>\n<p>\n<img src=\"shots/a.png\" alt=\"Tools\">\n</p>",
            format!("<p>Press <b>Tools</b> <img src=\"{r}shots/a.png\" alt=\"gear\" width=\"4\" height=\"4\" class=\"inline-image\"> to open them.</p>\n<p>\n<img src=\"{r}shots/a.png\" alt=\"Tools\" width=\"4\" height=\"4\">\n</p>\n"),
            &[],
        ),
        (
            // Components of MDX and Vue go quietly; their words stay. A capitalised
            // HTML element is still HTML.
            "<Tabs><TabItem value=\"win\" label=\"Windows\">On Windows</TabItem></Tabs> <Badge type=\"tip\" text=\"new\" /> <FONT>old</FONT>",
            "<p>On Windows  old</p>\n".into(),
            &[("raw-html", "`<font>` is not allowed in raw HTML and was removed; its text is kept")],
        ),
        (
            "<span style=\"color:red\">**bold** in a span</span>",
            "<p><span><strong>bold</strong> in a span</span></p>\n".into(),
            &[],
        ),
        (
            "<a href=\"ms-settings:network\">Network settings</a> <a href=\"https://example.com/\">site</a>",
            "<p><a href=\"ms-settings:network\">Network settings</a> <a href=\"https://example.com/\">site</a></p>\n".into(),
            &[],
        ),
    ];
    for (markdown, html, expected) in cases {
        let s = TestSite::with_config("title: T\nlanguages: [en]\n");
        s.guide("content/g.md", "G", &format!("{markdown}\n"))
            .guide("content/other.md", "Other", "## Solution {#solution}\n\nText.\n")
            .png("content/shots/a.png", 4, 4);
        let loaded = s.load();
        let got: Vec<(String, String)> =
            diagnostics(&loaded).into_iter().filter(|(rule, _)| rule != "asset-unused").collect();
        let want: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(got, want, "diagnostics of {markdown}");
        assert_eq!(body_html(guide(&loaded.site, "content/g.md")), *html, "HTML of {markdown}");
    }
}

#[test]
fn removals_are_reported_once_per_element_with_a_count_and_a_line() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\n");
    s.guide("content/g.md", "G", "Intro.\n\n<div>\n<font>a</font>\n<font>b</font>\n<b onclick=x>c</b>\n</div>\n");
    let p = s.problems();
    assert_eq!(
        p,
        [("raw-html".to_string(), "content/g.md".to_string(), 9), ("raw-html".into(), "content/g.md".into(), 11)]
    );
    let loaded = s.load();
    let messages: Vec<String> = diagnostics(&loaded).into_iter().map(|d| d.1).collect();
    assert!(messages[0].ends_with("(2 times in this file)"), "{messages:?}");
}

#[test]
fn a_table_whose_cells_hold_markdown_stays_one_table() {
    // As help-center exports write them: blank lines inside cells, a callout
    // in a cell, a cell left unclosed.
    let body = "Intro.\n\n<table>\n<tr class=\"odd\">\n<td><p>Kind</p></td>\n<td><p>Open the settings.</p>\n\n> [!NOTE]\n> Your administrator sets this.\n\n</tr>\n<tr>\n<td>\n\n**Proxy** is off by default, see [the other guide](other.md).\n\n1. first\n2. second\n\n</td>\n</tr>\n</table>\n\nAfter the table.\n";
    let s = TestSite::with_config("title: T\nlanguages: [en]\n");
    s.guide("content/g.md", "G", body).guide("content/other.md", "Other", "Text.\n");
    let loaded = s.load();
    assert_eq!(diagnostics(&loaded), []);
    let g = guide(&loaded.site, "content/g.md");
    assert_eq!(g.body.len(), 1, "one HTML block, no callout or procedure split out of the table: {:#?}", g.body);
    let html = body_html(g);
    let table = &html[html.find("<table>").unwrap()..html.find("</table>").unwrap()];
    for inside in ["class=\"callout callout-note\"", "<strong>Proxy</strong>", "<ol>", "href=\"\u{e000}other.html\""] {
        assert!(table.contains(inside), "{inside} not inside the table: {html}");
    }
    assert!(html.contains("</table>\n<p>After the table.</p>"), "{html}");
    assert_eq!(html.matches("<td>").count(), 3, "{html}");
}

#[test]
fn text_inside_raw_html_reaches_the_model_without_tags() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\n");
    s.guide(
        "content/g.md",
        "G",
        "## Q: Which ports?\n\n<table><tr><td><p>HTTPS</p></td><td>443&nbsp;TCP</td></tr></table>\n\n<script>var hidden = 1;</script>\n",
    );
    let site = s.site();
    let Block::Qa(q) = &guide(&site, "content/g.md").body[0] else { panic!("no question") };
    assert_eq!(q.answer.text, "HTTPS\n443\u{a0}TCP");
}

#[test]
fn raw_images_are_checked_and_copied_and_links_rewritten() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\n");
    s.guide(
        "content/a/g.md",
        "G",
        "<img src=\"shots/strat.png\" alt=\"Start\">\n\n<p><img src=\"shots/start.png\" alt=\"Start\"> <a href=\"../b/other.md\">other</a> <a href=\"../b/gone.md\">gone</a></p>\n",
    )
    .png("content/a/shots/start.png", 4, 4)
    .guide("content/b/other.md", "Other", "Text.\n");
    let loaded = s.load();
    let missing = loaded.report.diagnostics.iter().find(|d| d.rule.id == "asset-missing").expect("asset-missing");
    assert_eq!(missing.hint.as_deref(), Some("did you mean `shots/start.png`?"));
    assert!(loaded.report.diagnostics.iter().any(|d| d.rule.id == "link-target-missing"));
    assert!(guide(&loaded.site, "content/a/g.md").assets.contains(&"a/shots/start.png".to_string()));
    // Build without the broken parts: the image is copied, the link points at the page.
    s.guide(
        "content/a/g.md",
        "G",
        "<p><img src=\"shots/start.png\" alt=\"Start\"> <a href=\"../b/other.md\">other</a></p>\n",
    );
    let out = s.build();
    let page = s.read("public/a/g.html");
    assert!(
        page.contains(
            "<img src=\"../a/shots/start.png\" alt=\"Start\" width=\"4\" height=\"4\" class=\"inline-image\">"
        ),
        "{page}"
    );
    assert!(page.contains("<a href=\"../b/other.html\">other</a>"), "{page}");
    assert!(out.join("a/shots/start.png").is_file());
}

#[test]
fn a_name_and_a_id_are_anchors_and_heading_aliases() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\n");
    s.guide(
        "content/g.md",
        "G",
        "<a id=\"top\"></a>Intro.\n\n## Fix it <a name=\"solution\"></a>\n\n1. Do it.\n\n## Q: Old question? <a id=\"old-q\"></a>\n\nYes.\n\n## Setup <a name=\"setup\"></a>\n\nAn anchor named like its heading is no second id.\n",
    )
    .guide("content/other.md", "Other", "[a](g.md#solution) [b](g.md#old-q) [c](g.md#top) [d](g.md#nowhere)\n");
    let loaded = s.load();
    let missing: Vec<String> =
        loaded.report.diagnostics.iter().filter(|d| d.rule.id == "anchor-missing").map(|d| d.message.clone()).collect();
    assert_eq!(missing.len(), 1, "only #nowhere is missing: {missing:?}");
    assert!(missing[0].contains("nowhere"));
    let g = guide(&loaded.site, "content/g.md");
    let Block::Section(sec) = &g.body[0] else { panic!() };
    assert_eq!(
        (sec.id.as_str(), sec.aliases.as_slice(), sec.title.html.as_str()),
        ("fix-it", &["solution".to_string()][..], "Fix it")
    );
    let Block::Section(setup) = &g.body[2] else { panic!() };
    assert_eq!((setup.id.as_str(), setup.aliases.len()), ("setup", 0));
    assert!(!loaded.report.diagnostics.iter().any(|d| d.rule.id == "duplicate-anchor"));
    let Block::Qa(q) = &g.body[1] else { panic!() };
    assert_eq!(q.aliases, ["old-q"]);
    assert_eq!(q.question.text, "Old question?");
    // The guide page carries the aliases in the headings; the FAQ page does not repeat them.
    s.guide("content/other.md", "Other", "[a](g.md#solution) [b](g.md#old-q) [c](g.md#top)\n");
    s.build();
    let page = s.read("public/g.html");
    assert!(page.contains("<h2 id=\"fix-it\"><a id=\"solution\"></a>Fix it</h2>"), "{page}");
    assert!(page.contains("<a id=\"old-q\"></a><span class=\"qa-mark\""), "{page}");
    assert!(page.contains("<a id=\"top\"></a>Intro."));
    assert!(!s.read("public/faq.html").contains("id=\"old-q\""));
}

#[test]
fn an_anchor_that_takes_a_heading_id_is_a_duplicate_and_a_repeated_one_is_let_be() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\nrules: {duplicate-anchor: warn}\n");
    // Exports repeat their own anchors (`<a name="__top">` before every
    // section): harmless, the first one stays. Taking a heading's id is not.
    let body = "## Setup {#setup}\n\nText.\n\n## Other <a name=\"setup\"></a>\n\n<a name=\"top\"> </a>\n\n## Third\n\n<a name=\"top\"> </a>\n";
    s.guide("content/g.md", "G", body);
    let loaded = s.load();
    let dup: Vec<(String, String)> =
        diagnostics(&loaded).into_iter().filter(|(rule, _)| rule == "duplicate-anchor").collect();
    assert_eq!(dup, [("duplicate-anchor".to_string(), "id `setup` is used twice on this page".to_string())]);
    let html = crate::support::html_pages(&s.build()).into_iter().find(|(p, _)| p == "g.html").unwrap().1;
    assert_eq!(html.matches("id=\"setup\"").count(), 1, "{html}");
    assert_eq!(html.matches("id=\"top\"").count(), 1, "{html}");
    assert!(!html.contains("name=\"top\""), "`name` on `<a>` is obsolete: written as `id`");
}

#[test]
fn the_three_modes_and_the_old_boolean() {
    let body = "Press <kbd>Ctrl</kbd>. <table><tr><td>cell</td></tr></table> <b onclick=\"x()\">b</b>\n";
    let html_in = |config: &str| {
        let s = TestSite::with_config(&format!("title: T\nlanguages: [en]\n{config}"));
        s.guide("content/g.md", "G", body);
        let loaded = s.load();
        (body_html(guide(&loaded.site, "content/g.md")), diagnostics(&loaded))
    };
    let (sanitized, d) = html_in("");
    assert_eq!(
        sanitized,
        "<p>Press <kbd>Ctrl</kbd>. </p>\n<table><tbody><tr><td>cell</td></tr></tbody></table>\n<p> <b>b</b></p>\n"
    );
    assert_eq!(d.len(), 1);
    assert_eq!(html_in("raw_html: sanitize\n").0, sanitized);
    let escaped = html_in("raw_html: escape\n");
    assert_eq!(escaped, html_in("raw_html: false\n"));
    assert!(escaped.0.contains("<kbd>Ctrl</kbd>") && escaped.0.contains("&lt;table&gt;&lt;tr&gt;"), "{}", escaped.0);
    assert!(escaped
        .1
        .iter()
        .any(|(_, m)| m.starts_with("raw HTML tag `<td>` is not in the safe set and is shown as text")));
    let trusted = html_in("raw_html: trust\n");
    assert_eq!(trusted, html_in("raw_html: true\n"));
    assert!(trusted.0.contains("<b onclick=\"x()\">b</b>") && trusted.1.is_empty(), "{trusted:?}");
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn build_into(site: &Path, config_override: Option<&str>) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let site = match config_override {
        Some(config) => {
            let copy = tmp.path().join("site");
            copy_dir(site, &copy);
            std::fs::write(copy.join("tebiki.yaml"), config).unwrap();
            copy
        }
        None => site.to_path_buf(),
    };
    let opts = Options { site, out: Some(tmp.path().join("out")), ..Default::default() };
    build::build(&opts).unwrap();
    tmp
}

#[test]
fn no_raw_tag_is_visible_on_the_raw_html_fixture_site() {
    let site = fixture("raw-html");
    let built = build_into(&site, None);
    let out = built.path().join("out");
    assert_eq!(visible_tags(&out), Vec::<(String, String)>::new());
    let page = std::fs::read_to_string(out.join("settings/network.html")).unwrap();
    assert!(page.contains("<td><p>接続の種類</p></td>") && page.contains("class=\"callout callout-note\""));
    // Placeholders are shown as written, and are not counted as tags.
    let reset = std::fs::read_to_string(out.join("accounts/reset.html")).unwrap();
    for words in ["&lt;ユーザー名&gt;", "&lt;your-user-id&gt;", "<td>&lt;SIP ドメイン&gt;</td>"] {
        assert!(reset.contains(words), "{words} not shown");
    }
    // The helper finds tags shown as text: the same site with raw HTML escaped.
    // (Escaped, the `<a name>` anchors are gone: links to them are reported.)
    let escaped =
        build_into(&site, Some("title: T\nlanguages: [ja, en]\nraw_html: escape\nrules: {anchor-missing: warn}\n"));
    let shown = visible_tags(&escaped.path().join("out"));
    assert!(shown.iter().any(|(page, text)| page == "settings/network.html" && text.contains("<td>")), "{shown:?}");
}

#[test]
fn nothing_executable_reaches_a_page_built_from_hostile_markdown() {
    let built = build_into(&fixture("hostile"), None);
    let out = built.path().join("out");
    let ours = inline_scripts(&std::fs::read_to_string(out.join("clean.html")).unwrap());
    assert!(!ours.is_empty());
    assert_eq!(executable_markup(&out, &ours), Vec::<(String, String)>::new());
    let page = std::fs::read_to_string(out.join("xss.html")).unwrap();
    assert!(page.contains("<h2 id=\"vector-84\">"), "the vectors were written");
    // The check itself finds what it looks for: the same site trusted.
    let trusted = build_into(
        &fixture("hostile"),
        Some("title: T\nlanguages: [en]\nraw_html: trust\nrules: {asset-missing: warn}\n"),
    );
    let found = executable_markup(&trusted.path().join("out"), &ours);
    for what in ["<script", "onerror", "javascript:", "<iframe>", "<math>"] {
        assert!(found.iter().any(|(_, f)| f.contains(what)), "{what} not found in trusted output");
    }
}

#[test]
fn placeholders_are_shown_as_written_and_real_tags_stay_sanitized() {
    // Markdown written → HTML in the model; none of these is reported.
    let cases: &[(&str, &str)] = &[
        ("Enter <server name> in the box.", "<p>Enter &lt;server name&gt; in the box.</p>\n"),
        (
            "Type <your-user-id>, then <SIP ドメイン> and <ユーザー名>.",
            "<p>Type &lt;your-user-id&gt;, then &lt;SIP ドメイン&gt; and &lt;ユーザー名&gt;.</p>\n",
        ),
        (
            "<table><tr><td>Host</td><td><FQDN of the pool></td></tr></table>",
            "<table><tbody><tr><td>Host</td><td>&lt;FQDN of the pool&gt;</td></tr></tbody></table>\n",
        ),
        ("<server name>\n\nNext.", "&lt;server name&gt;\n<p>Next.</p>\n"),
    ];
    for (markdown, html) in cases {
        let s = TestSite::with_config("title: T\nlanguages: [en]\n");
        s.guide("content/g.md", "G", &format!("{markdown}\n"));
        let loaded = s.load();
        assert_eq!(diagnostics(&loaded), [], "diagnostics of {markdown}");
        let g = guide(&loaded.site, "content/g.md");
        assert_eq!(body_html(g), *html, "HTML of {markdown}");
    }
    // The words reach search, and the escape mode shows them without a warning too.
    let s = TestSite::with_config("title: T\nlanguages: [en]\nraw_html: escape\n");
    s.guide("content/g.md", "G", "Enter <server name> here.\n");
    let loaded = s.load();
    assert_eq!(diagnostics(&loaded), []);
    let g = guide(&loaded.site, "content/g.md");
    assert_eq!(body_html(g), "<p>Enter &lt;server name&gt; here.</p>\n");
    // Elements and tags written as markup are no placeholders: still removed and reported.
    let s = TestSite::with_config("title: T\nlanguages: [en]\n");
    s.guide(
        "content/g.md",
        "G",
        "A <my-widget>kept text</my-widget>, <Tabs />, <Tab value=\"x\">tab</Tab> and <font>old</font>.\n",
    );
    let loaded = s.load();
    let g = guide(&loaded.site, "content/g.md");
    assert_eq!(body_html(g), "<p>A kept text, , tab and old.</p>\n");
    let removed: Vec<String> = diagnostics(&loaded).into_iter().map(|(_, m)| m).collect();
    for name in ["my-widget", "font"] {
        assert!(removed.iter().any(|m| m.starts_with(&format!("`<{name}>`"))), "{name}: {removed:?}");
    }
    // Capitalised components (MDX, Vue) are removed without a report.
    assert_eq!(removed.len(), 2, "{removed:?}");
}

#[test]
fn raw_images_take_their_size_and_follow_the_alt_rule_of_markdown_images() {
    let case = |body: &str| {
        let s = TestSite::with_config("title: T\nlanguages: [en]\n");
        s.guide("content/g.md", "G", body).png("content/shots/wide.png", 40, 20);
        let loaded = s.load();
        let d: Vec<(String, String)> = diagnostics(&loaded).into_iter().filter(|(r, _)| r != "asset-unused").collect();
        (body_html(guide(&loaded.site, "content/g.md")), d)
    };
    let r = ROOT_MARK;
    // Measured when absent, the other side kept in proportion when one is written.
    assert_eq!(
        case("<img src=\"shots/wide.png\" alt=\"Wide\">\n"),
        (format!("<img src=\"{r}shots/wide.png\" alt=\"Wide\" width=\"40\" height=\"20\">\n"), vec![])
    );
    assert_eq!(
        case("Click <img src=\"shots/wide.png\" alt=\"Wide\" height=\"10\"> then.\n").0,
        format!("<p>Click <img src=\"{r}shots/wide.png\" alt=\"Wide\" width=\"20\" height=\"10\" class=\"inline-image\"> then.</p>\n")
    );
    // Alone, it is a screenshot: alt text required, as for `![](…)` in a step.
    let (html, d) = case("<img src=\"shots/wide.png\">\n");
    assert_eq!(html, format!("<img src=\"{r}shots/wide.png\" alt=\"\" width=\"40\" height=\"20\">\n"));
    assert_eq!(d, [("screenshot-alt-missing".to_string(), "screenshot has no alt text".to_string())]);
    // In a sentence, an icon: no alt text needed.
    assert_eq!(case("Press <img src=\"shots/wide.png\"> to start.\n").1, []);
    // Without src: left out, its alt text shown, never a broken image.
    let (html, d) = case("Press <img alt=\"Start\"> now. <img src=\"\">\n");
    assert_eq!(html, "<p>Press Start now. </p>\n");
    assert_eq!(
        d,
        [(
            "raw-html".to_string(),
            "`<img>` without `src` was left out; its alt text is shown (2 times in this file)".to_string()
        )]
    );
}

#[test]
fn no_id_is_written_twice_on_a_page_nor_on_the_faq_page() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\n");
    let body = "## Q: Why? <a id=\"why\"></a>\n\n<a name=\"answer\"></a>The answer, see <a id=\"why-more\" href=\"#why\">above</a>.\n\n## Q: Again? <a name=\"again\"></a>\n\n<a id=\"answer\"></a>Twice.\n";
    s.guide("content/a.md", "A", body).guide("content/b.md", "B", body);
    // An anchor before the heading whose id it takes.
    s.guide("content/c.md", "C", "<a id=\"setup\"></a>Intro.\n\n## Setup\n\nText.\n");
    let out = s.build();
    for (page, html) in crate::support::html_pages(&out) {
        let mut seen = std::collections::HashSet::new();
        let mut rest = html.as_str();
        while let Some(at) = rest.find(" id=\"") {
            let value = &rest[at + 5..];
            let id = &value[..value.find('"').unwrap()];
            assert!(seen.insert(id.to_string()), "id `{id}` twice on {page}");
            rest = &value[id.len()..];
        }
    }
    let faq = s.read("public/faq.html");
    assert!(faq.contains("The answer, see <a href=\"") && faq.contains("above</a>"), "{faq}");
}

#[test]
fn a_block_in_a_sentence_cuts_the_paragraph_around_it() {
    let cases: &[(&str, &str)] = &[
        ("Some text <div>x</div> more.", "<p>Some text </p>\n<div>x</div>\n<p> more.</p>\n"),
        (
            "1. Open the list.\n\n   Check <table><tr><td>a</td></tr></table> then.",
            "<table><tbody><tr><td>a</td></tr></tbody></table>",
        ),
        (
            "- first\n\n- Open it <ul><li>a</li></ul> then <b>b</b>.",
            "<ul>\n<li>\n<p>first</p>\n</li>\n<li>\n<p>Open it </p>\n<ul><li>a</li></ul>\n<p> then <b>b</b>.</p>\n</li>\n</ul>\n",
        ),
        ("Inline <b>bold</b> and <span>span</span> stay.", "<p>Inline <b>bold</b> and <span>span</span> stay.</p>\n"),
    ];
    for (markdown, html) in cases {
        let s = TestSite::with_config("title: T\nlanguages: [en]\n");
        s.guide("content/g.md", "G", &format!("{markdown}\n"));
        let loaded = s.load();
        let g = guide(&loaded.site, "content/g.md");
        if !markdown.starts_with("1.") {
            assert_eq!(body_html(g), *html, "HTML of {markdown}");
        } else {
            // A step's detail paragraph.
            let Block::Procedure(p) = &g.body[0] else { panic!("{:#?}", g.body) };
            let details = format!("{:?}", p.steps[0].content);
            assert!(details.contains("<p>Check </p>\\n<table>"), "{details}");
            assert!(details.contains("</table>\\n<p> then.</p>"), "{details}");
        }
    }
}
