//! `tebiki check` parses without rendering HTML (`build::check`); it must
//! find exactly what `tebiki build` finds (`build::load`) on every site.

use std::path::{Path, PathBuf};

use tebiki::build::{self, Loaded, Options};
use tebiki::model::{Block, StepBlock};

use crate::support::TestSite;

fn opts(site: &Path) -> Options {
    Options { site: site.to_path_buf(), ..Default::default() }
}

/// The human report and every diagnostic with its hint.
fn printed(loaded: &Loaded) -> String {
    let mut out = Vec::new();
    loaded.report.print_human(&mut out).unwrap();
    let mut text = String::from_utf8(out).unwrap();
    for d in &loaded.report.diagnostics {
        text.push_str(&format!("{d:?}\n"));
    }
    text
}

fn assert_same(site: &Path) -> String {
    let built = build::load(&opts(site)).unwrap_or_else(|e| panic!("{}: {e}", site.display()));
    let checked = build::check(&opts(site)).unwrap();
    let (a, b) = (printed(&built), printed(&checked));
    assert_eq!(a, b, "{}: check and build report differently", site.display());
    assert_eq!(built.site.guides.len(), checked.site.guides.len());
    a
}

#[test]
fn check_reports_what_build_reports_on_the_example_and_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sites: Vec<PathBuf> = vec![root.to_path_buf(), root.join("tests/fixtures/dialects")];
    for entry in std::fs::read_dir(root.join("tests/fixtures/invalid")).unwrap() {
        let dir = entry.unwrap().path();
        sites.push(dir.join("fail"));
        sites.push(dir.join("pass"));
    }
    let mut with_problems = 0;
    for site in &sites {
        if assert_same(site).contains("[") {
            with_problems += 1;
        }
    }
    assert!(with_problems >= 28, "only {with_problems} sites had problems");
}

/// Which questions of `g.md` are reported as having no answer.
fn unanswered(site: &TestSite) -> Vec<String> {
    assert_same(site.root());
    let loaded = build::check(&opts(site.root())).unwrap();
    loaded.report.diagnostics.iter().filter(|d| d.rule.id == "question-no-answer").map(|d| d.message.clone()).collect()
}

#[test]
fn an_answer_that_only_shows_an_image_is_an_answer_in_both_modes() {
    let body = "## よくある質問\n\n### Q: 画像だけ\n\n![](shots/a.png)\n\n### Q: 外部の画像\n\n![](https://example.com/a.png)\n\n\
                ### Q: ない画像\n\n![](shots/missing.png)\n\n### Q: 生の img\n\n<img src=\"shots/a.png\">\n\n\
                ### Q: ない生の img\n\n<img src=\"shots/gone.png\">\n\n### Q: 空\n\n";
    let unanswered_in = |config: &str| {
        let site = TestSite::with_config(&format!("title: T\nlanguages: [ja]\n{config}"));
        site.guide("content/g.md", "ガイド", body).png("content/shots/a.png", 4, 3);
        unanswered(&site)
    };
    let missing =
        ["question “ない画像” has no answer", "question “ない生の img” has no answer", "question “空” has no answer"];
    assert_eq!(unanswered_in(""), missing);
    assert_eq!(
        unanswered_in("raw_html: trust\n"),
        ["question “ない画像” has no answer", "question “空” has no answer"]
    );
    // Escaped, a raw `<img>` is text, not an image.
    assert_eq!(
        unanswered_in("raw_html: escape\n"),
        [
            "question “ない画像” has no answer",
            "question “生の img” has no answer",
            "question “ない生の img” has no answer",
            "question “空” has no answer"
        ]
    );
}

#[test]
fn check_reports_what_build_reports_on_raw_html_in_every_mode() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for mode in ["sanitize", "escape", "trust"] {
        for name in ["raw-html", "hostile"] {
            let site = TestSite::with_config(&format!(
                "title: T\nlanguages: [ja, en]\nraw_html: {mode}\nrules: {{asset-missing: warn}}\n"
            ));
            for e in walkdir::WalkDir::new(root.join(name).join("content")).into_iter().filter_map(Result::ok) {
                if e.file_type().is_file() {
                    let rel = e.path().strip_prefix(root.join(name)).unwrap().to_string_lossy().into_owned();
                    site.bytes(&rel, &std::fs::read(e.path()).unwrap());
                }
            }
            assert_same(site.root());
        }
    }
}

#[test]
fn check_renders_no_html() {
    let site = TestSite::new();
    site.guide("content/g.md", "ガイド", "## 手順\n\n1. [設定] を開きます。\n\n   ![設定](a.png)\n\n   詳細 `code`\n")
        .png("content/a.png", 4, 3);
    let step = |loaded: &Loaded| {
        let Block::Section(s) = &loaded.site.guides[0].body[0] else { panic!("no section") };
        let Block::Procedure(p) = &s.blocks[0] else { panic!("no procedure") };
        p.steps[0].clone()
    };
    let built = step(&build::load(&opts(site.root())).unwrap());
    let checked = step(&build::check(&opts(site.root())).unwrap());
    assert!(built.instruction.html.contains("<span class=\"ui\">"), "{}", built.instruction.html);
    assert_eq!((checked.instruction.html.as_str(), checked.instruction.text.as_str()), ("", "[設定] を開きます。"));
    let details = |s: &tebiki::model::Step| {
        s.content.iter().find_map(|c| match c {
            StepBlock::Details { html } => Some(html.clone()),
            _ => None,
        })
    };
    assert!(details(&built).unwrap().contains("<code>"));
    assert_eq!(details(&checked).unwrap(), "");
}
