//! Markdown as other tools and Japanese input methods write it
//! (`tests/fixtures/dialects/`: Docusaurus containers, MkDocs admonitions,
//! GitHub-flavoured Markdown, full-width step numbers): read as the author
//! meant, in the model, on the page and in search, with diagnostics that
//! point at the bytes the author wrote.

use std::path::{Path, PathBuf};

use tebiki::build::{self, Loaded, Options};
use tebiki::model::{Block, Callout, CalloutKind, Fold, Guide, StepBlock};

use crate::support::{guide, TestSite};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dialects")
}

fn load() -> Loaded {
    build::load(&Options { site: fixture(), ..Default::default() }).unwrap()
}

/// `rule file:line:col-line:col message` of every diagnostic.
fn diagnostics(loaded: &Loaded) -> Vec<String> {
    let r = &loaded.report;
    r.diagnostics
        .iter()
        .map(|d| {
            let ((l, c), (el, ec)) = r.position(d);
            format!("{} {}:{l}:{c}-{el}:{ec} {}", d.rule.id, d.file.to_string_lossy().replace('\\', "/"), d.message)
        })
        .collect()
}

/// The built page of a guide of the fixture site (built once per call into a temporary folder).
fn pages() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    assert_cmd::Command::cargo_bin("tebiki")
        .unwrap()
        .args(["build", "--quiet", "--out"])
        .arg(&public)
        .arg(fixture())
        .assert()
        .success();
    (out, public)
}

fn page(public: &Path, rel: &str) -> String {
    std::fs::read_to_string(public.join(rel)).unwrap()
}

/// Every callout of a guide (blocks, sections, step notes), in order.
fn callouts(g: &Guide) -> Vec<&Callout> {
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Callout>) {
        for b in blocks {
            match b {
                Block::Callout(c) => out.push(c),
                Block::Section(s) => walk(&s.blocks, out),
                Block::Procedure(p) => {
                    for s in &p.steps {
                        out.extend(s.content.iter().filter_map(|c| match c {
                            StepBlock::Note(n) => Some(n),
                            _ => None,
                        }));
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&g.intro, &mut out);
    walk(&g.body, &mut out);
    out
}

fn title(c: &Callout) -> Option<&str> {
    c.title.as_ref().map(|t| t.text.as_str())
}

/// Everything search indexes of a guide, one string.
fn search_text(loaded: &Loaded, source: &str) -> String {
    let id = loaded.site.guides.iter().position(|g| g.source == Path::new(source)).unwrap();
    let ex = tebiki::search::extract::extract(&loaded.site, id, "");
    let mut all: Vec<String> = ex.fields.iter().flatten().map(|s| s.to_string()).collect();
    all.extend(ex.units.iter().map(|u| format!("{}\n{}", u.label, u.text)));
    all.join("\n")
}

#[test]
fn the_dialect_site_gives_exactly_these_diagnostics() {
    assert_eq!(
        diagnostics(&load()),
        [
            // An icon inside the sentence is not the step's screenshot.
            "step-no-screenshot content/gfm.md:20:1-20:3 step 1 has no screenshot",
            "list-interrupted content/ime.md:21:1-21:27 this image ends the list: indent it under step 3",
        ]
    );
}

#[test]
fn full_width_steps_and_an_unindented_screenshot_keep_one_procedure_and_its_anchors() {
    let loaded = load();
    let g = guide(&loaded.site, "content/ime.md");
    let steps = g.steps();
    let numbers: Vec<(u64, &str)> = steps.iter().map(|s| (s.number, s.anchor.as_str())).collect();
    assert_eq!(numbers, [(1, "step-1"), (2, "step-2"), (3, "step-3"), (4, "step-4"), (5, "step-5")]);
    assert_eq!(steps[2].instruction.text, "設定の画面で[通知]をクリックします。");
    let shots: Vec<&str> = steps[2].screenshots().map(|s| s.alt.as_str()).collect();
    assert_eq!(shots, ["通知の画面"], "the lone screenshot belongs to step 3");
    assert_eq!(g.body.iter().filter(|b| matches!(b, Block::Procedure(_))).count(), 1);
    let (_out, public) = pages();
    let html = page(&public, "ime.html");
    assert!(html.contains("<li class=\"step\" id=\"step-5\">"), "{html}");
    assert!(!html.contains("start=\"4\""), "the list is not split");
}

#[test]
fn a_full_width_marker_is_reported_at_the_bytes_the_author_wrote() {
    let s = TestSite::new();
    s.png("content/a.png", 8, 8);
    s.guide(
        "content/g.md",
        "G",
        "前書きです。\n\n１． 一つ目です。\n\n   ![一](a.png)\n\n２． 二つ目です。\n\n   ![二](a.png)\n\n２． 三つ目です。\n\n   ![三](a.png)\n\n２．\u{3000}四つ目です。\n\n   ![四](a.png)\n",
    );
    let loaded = s.load();
    // `２．` is two wide characters, six bytes: the span is those bytes,
    // on the line and column where the author typed them.
    assert_eq!(
        diagnostics(&loaded),
        [
            "step-numbering content/g.md:16:1-16:3 step number 2 is repeated: the page shows this step as 3",
            "step-numbering content/g.md:20:1-20:3 step number 2 is repeated: the page shows this step as 4",
        ]
    );
    let d = &loaded.report.diagnostics[1];
    let span = d.span.clone().unwrap();
    assert_eq!(&s.read("content/g.md")[span], "２．");
}

#[test]
fn docusaurus_vitepress_and_starlight_containers_are_callouts() {
    let loaded = load();
    let g = guide(&loaded.site, "content/docusaurus.md");
    let c = callouts(g);
    let seen: Vec<(CalloutKind, Option<&str>, Fold)> = c.iter().map(|c| (c.kind, title(c), c.fold)).collect();
    assert_eq!(
        seen,
        [
            (CalloutKind::Note, None, Fold::None),
            (CalloutKind::Tip, Some("Where is Settings?"), Fold::None),
            (CalloutKind::Warning, Some("Keep a second way in"), Fold::None),
            (CalloutKind::Note, Some("Why a hardware key?"), Fold::Closed),
        ]
    );
    assert_eq!(c[0].html, "<p>You need a key that supports FIDO2.</p>\n");
    // The tip is the step's note; the nested `:::danger` is a callout inside the warning.
    assert!(matches!(g.steps()[0].content[1], StepBlock::Note(_)));
    assert!(
        c[2].html.contains(
            "<aside class=\"callout callout-caution\"><p class=\"callout-title\">警告</p><div class=\"callout-body\"><p>Do not register"
        ),
        "{}",
        c[2].html
    );
    let text = search_text(&loaded, "content/docusaurus.md");
    for words in ["FIDO2", "Where is Settings?", "gear at the top right", "Do not register a key", "fake sign-in page"]
    {
        assert!(text.contains(words), "search does not see {words:?}: {text}");
    }
}

#[test]
fn mkdocs_admonitions_are_callouts() {
    let loaded = load();
    let g = guide(&loaded.site, "content/mkdocs.md");
    let c = callouts(g);
    let seen: Vec<(CalloutKind, Option<&str>, Fold)> = c.iter().map(|c| (c.kind, title(c), c.fold)).collect();
    assert_eq!(
        seen,
        [
            (CalloutKind::Note, Some("Before you start"), Fold::None),
            (CalloutKind::Warning, None, Fold::None),
            (CalloutKind::Note, Some("Which format should I pick?"), Fold::Closed),
            (CalloutKind::Tip, Some("Done"), Fold::Open),
            (CalloutKind::Note, Some(""), Fold::None),
        ]
    );
    assert_eq!(
        c[0].html,
        "<p>Exports include only the contacts you own.</p>\n<p>Shared address books are left out.</p>\n"
    );
    // Inside a step (indented four spaces under `1.`) it is the step's note.
    let step = &g.steps()[0];
    assert!(matches!(&step.content[1], StepBlock::Note(n) if n.html.contains("Large address books")));
    let text = search_text(&loaded, "content/mkdocs.md");
    for words in ["Shared address books", "Large address books take a minute", "vCard", "downloads folder"] {
        assert!(text.contains(words), "search does not see {words:?}");
    }
}

#[test]
fn collapsible_and_untitled_callouts_have_their_markup() {
    let (_out, public) = pages();
    let html = page(&public, "mkdocs.html");
    for part in [
        "<details class=\"callout callout-note\"><summary class=\"callout-title\">Which format should I pick?</summary><div class=\"callout-body\"><p>CSV opens",
        "<details class=\"callout callout-tip\" open><summary class=\"callout-title\">Done</summary>",
        "<aside class=\"callout callout-note\"><div class=\"callout-body\"><p>An admonition without a title",
        "<aside class=\"callout callout-warning\"><p class=\"callout-title\">注意</p>",
    ] {
        assert!(html.contains(part), "no {part} in\n{html}");
    }
    let html = page(&public, "docusaurus.html");
    assert!(html.contains(
        "<details class=\"callout callout-note\"><summary class=\"callout-title\">Why a hardware key?</summary>"
    ));
    assert!(!html.contains(":::"), "no container marker is shown as text");
}

#[test]
fn footnotes_are_numbered_by_first_reference_and_link_back() {
    let (_out, public) = pages();
    let html = page(&public, "gfm.html");
    for part in [
        // `[^where]` is referred to first: it is 1, from the text and again from note 2.
        "open the plan page.<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" aria-describedby=\"footnotes\">1</a></sup>",
        "per user.<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\" aria-describedby=\"footnotes\">2</a></sup>",
        "<section class=\"footnotes\" aria-labelledby=\"footnotes\"><h2 id=\"footnotes\" class=\"footnotes-title\">脚注</h2>",
        "<li id=\"fn-1\" class=\"footnote\"><span class=\"footnote-backs\"><a href=\"#fnref-1\" class=\"footnote-back\" aria-label=\"本文の参照箇所に戻る 1\">↩</a><a href=\"#fnref-1-2\" class=\"footnote-back\" aria-label=\"本文の参照箇所に戻る 1-2\">↩<sup>2</sup></a></span><p>The toolbar is at the top of the window.</p>",
        "<li id=\"fn-2\" class=\"footnote\"><span class=\"footnote-backs\"><a href=\"#fnref-2\" class=\"footnote-back\" aria-label=\"本文の参照箇所に戻る 2\">↩</a></span><p>Taxes are added at checkout.<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\"",
        // A note nobody refers to is kept, last, without links back.
        "<li id=\"fn-3\" class=\"footnote\"><p>A note nobody refers to is still shown.</p>",
    ] {
        assert!(html.contains(part), "no {part} in\n{html}");
    }
    // A reference without a note stays as written.
    let s = TestSite::new();
    s.guide("content/g.md", "G", "See [^nowhere] here.\n");
    assert!(s.build().join("g.html").exists());
    assert!(s.read("public/g.html").contains("See [^nowhere] here."));
}

#[test]
fn an_image_inside_a_sentence_stays_inline_and_is_no_screenshot() {
    let loaded = load();
    let g = guide(&loaded.site, "content/gfm.md");
    let steps = g.steps();
    assert_eq!(steps[0].screenshots().count(), 0);
    assert!(steps[0].instruction.html.contains("Click the <img src="), "{}", steps[0].instruction.html);
    assert!(steps[0].instruction.html.contains("alt=\"gear\" width=\"16\" height=\"16\""));
    assert!(steps[0].instruction.html.contains("class=\"inline-image\">"));
    assert_eq!(steps[1].screenshots().map(|s| s.alt.as_str()).collect::<Vec<_>>(), ["The plan page"]);
}

#[test]
fn task_lists_tables_and_strikethrough_render() {
    let (_out, public) = pages();
    let html = page(&public, "gfm.html");
    for part in [
        "<li class=\"task-item\"><label class=\"task\"><input type=\"checkbox\" class=\"task-check\" disabled checked> Back up your files</label></li>",
        "<li class=\"task-item\"><label class=\"task\"><input type=\"checkbox\" class=\"task-check\" disabled> Tell your team</label></li>",
        "<div class=\"table-scroll\" tabindex=\"0\"><table><thead><tr><th style=\"text-align: left\">Plan</th><th style=\"text-align: center\">Storage</th><th style=\"text-align: right\">Support</th></tr></thead>",
        "<del>Email</del> Chat",
    ] {
        assert!(html.contains(part), "no {part} in\n{html}");
    }
}

#[test]
fn the_title_comes_from_the_first_heading_and_is_shown_once() {
    let loaded = load();
    let g = guide(&loaded.site, "content/gfm.md");
    assert_eq!(g.meta.title, "Compare the plans");
    assert!(g.meta.title_from_heading);
    let (_out, public) = pages();
    let html = page(&public, "gfm.html");
    assert_eq!(html.matches(">Compare the plans</h").count(), 1, "{html}");
    assert!(html.contains("<h1 class=\"guide-title\">Compare the plans</h1>"));

    let s = TestSite::new();
    let fm = "summary: S.\npublished: 2024-03-02\n";
    s.file("content/none.md", &format!("---\n{fm}---\nNo heading at all.\n"));
    s.file("content/same.md", &format!("---\ntitle: Setup  Guide\n{fm}---\n# ＳＥＴＵＰ guide\n\nBody.\n"));
    s.file("content/other.md", &format!("---\ntitle: Setup\n{fm}---\n# Something else\n\nBody.\n"));
    let loaded = s.load();
    assert_eq!(
        diagnostics(&loaded),
        [
            "schema content/none.md:1:1-1:4 missing required field `title`",
            "title-as-h1 content/same.md:6:1-6:14 the title is repeated as a `#` heading",
        ]
    );
    let hint = loaded.report.diagnostics[0].hint.as_deref().unwrap();
    assert_eq!(hint, "add `title:` to the front matter, or start the body with a `# Title` heading");
    let out = s.root().join("out");
    s.cmd(&["build", "--out", out.to_str().unwrap()]).code(1);
    let s2 = TestSite::new();
    s2.file("content/same.md", &format!("---\ntitle: Setup  Guide\n{fm}---\n# ＳＥＴＵＰ guide\n\nBody.\n"));
    s2.file("content/other.md", &format!("---\ntitle: Setup\n{fm}---\n# Something else\n\nBody.\n"));
    let public = s2.build();
    let same = std::fs::read_to_string(public.join("same.html")).unwrap();
    assert!(!same.contains("ＳＥＴＵＰ"), "the repeated title is not shown");
    let other = std::fs::read_to_string(public.join("other.html")).unwrap();
    assert!(other.contains(">Something else</h2>"), "another `#` heading stays");
}

#[test]
fn a_line_break_between_japanese_characters_joins_without_a_space() {
    let loaded = load();
    let g = guide(&loaded.site, "content/ime.md");
    assert_eq!(g.steps()[4].instruction.text, "[保存]をクリックし、画面を閉じます。");
    let (_out, public) = pages();
    let html = page(&public, "ime.html");
    assert!(
        html.contains("<p>通知は、アプリの設定の画面からいつでも変更できます。変更はすぐに反映されます。</p>"),
        "{html}"
    );
    assert!(html.contains("をクリックし、画面を閉じます。"));
    // Structured data and search get the joined text too.
    let docs = crate::render::jsonld(&html);
    assert_eq!(docs[0]["step"][4]["text"], "[保存]をクリックし、画面を閉じます。");
    let text = search_text(&loaded, "content/ime.md");
    assert!(text.contains("変更できます。変更は"), "{text}");
    // An English line break stays a space.
    let gfm = page(&public, "gfm.html");
    assert!(gfm.contains("</sup>\nPrices are per user."), "{gfm}");
    let g = guide(&loaded.site, "content/docusaurus.md");
    assert_eq!(g.steps()[1].instruction.text, "Insert the key and touch it when it blinks.");
    assert!(page(&public, "docusaurus.html").contains("touch it\nwhen it blinks."));
}
