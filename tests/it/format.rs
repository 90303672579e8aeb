//! Every rule of FORMAT.md, checked on the model the parser builds.

use tebiki::model::{Block, CalloutKind, StepBlock};

use crate::support::{guide, TestSite};

fn sections(blocks: &[Block]) -> Vec<(&str, u8)> {
    let mut out = Vec::new();
    for b in blocks {
        if let Block::Section(s) = b {
            out.push((s.id.as_str(), s.level));
            out.extend(sections(&s.blocks));
        }
    }
    out
}

#[test]
fn files_bundles_categories_translations_and_exclusions() {
    let s = TestSite::new();
    s.file("content/_index.md", "---\ntitle: Root\n---\n")
        .file(
            "content/account/_index.md",
            "---\ntitle: アカウント\ndescription: 説明\nweight: 2\n---\nカテゴリーの紹介。\n",
        )
        .file("content/account/_index.en.md", "---\ntitle: Account\n---\n")
        .file("content/network/_index.md", "---\ntitle: ネットワーク\nweight: 1\n---\n")
        .guide("content/account/reset.md", "リセット", "1. 手順\n")
        .guide("content/account/reset.en.md", "Reset", "1. Step\n")
        .guide("content/account/two-step/index.md", "二段階", "1. 開く\n\n   ![画面](shots/a.png \"キャプション\")\n")
        .guide("content/account/two-step/index.en.md", "Two-step", "1. Open\n\n   ![Screen](shots/a.png)\n")
        .png("content/account/two-step/shots/a.png", 40, 30)
        .guide("content/network/wifi/deep/guide.md", "深い", "1. 手順\n")
        .guide("content/account/_draft-notes.md", "除外", "x\n")
        .guide("content/.hidden/x.md", "除外", "x\n")
        .file("content/account/manual.pdf", "%PDF");
    let site = s.site();
    let urls: Vec<(&str, &str)> = site.guides.iter().map(|g| (g.url.as_str(), g.lang.as_str())).collect();
    assert!(urls.contains(&("account/reset.html", "ja")));
    assert!(urls.contains(&("en/account/reset.html", "en")));
    assert!(urls.contains(&("account/two-step.html", "ja")));
    assert!(urls.contains(&("en/account/two-step.html", "en")));
    assert!(urls.contains(&("network/wifi/deep/guide.html", "ja")));
    assert_eq!(site.guides.len(), 5, "{urls:?}");
    // The English translation reuses the original bundle's screenshot.
    let en = guide(&site, "content/account/two-step/index.en.md");
    assert_eq!(en.steps()[0].screenshots().next().unwrap().src, "\u{E000}account/two-step/shots/a.png");
    // Categories: nested, titled per language, ordered by weight.
    let paths: Vec<&str> = site.categories.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["", "account", "network", "network/wifi", "network/wifi/deep"]);
    let root_children: Vec<&str> =
        site.categories[0].children.iter().map(|&c| site.categories[c].path.as_str()).collect();
    assert_eq!(root_children, ["network", "account"], "weight orders categories");
    assert_eq!(site.category_text(1, "ja").title, "アカウント");
    assert_eq!(site.category_text(1, "en").title, "Account");
    assert_eq!(site.category_text(1, "ja").description, "説明");
    assert!(site.category_text(1, "ja").intro_html.contains("カテゴリーの紹介"));
    // Translations know each other.
    let ja = site.guides.iter().position(|g| g.url == "account/reset.html").unwrap();
    let en = site.guides.iter().position(|g| g.url == "en/account/reset.html").unwrap();
    assert_eq!(site.nav[ja].translations, [en]);
    assert_eq!(site.nav[en].translations, [ja]);
    // Non-Markdown files are assets.
    assert!(site.assets.iter().any(|a| a.url == "account/manual.pdf"));
}

#[test]
fn front_matter_fields() {
    let s = TestSite::new();
    s.file(
        "content/a/g.md",
        "---\ntitle: T\nsummary: S\napplies_to: [Windows 11, Windows 10]\ntags: [x, y]\npublished: 2024-03-02\nupdated: 2024-05-10\nauthor: サポート\nrelated: [other.md, solo]\ndraft: false\nweight: 3\naliases: [/old/page/]\n---\n1. Do it\n",
    )
    .guide("content/a/other.md", "Other", "1. x\n")
    .guide("content/b/solo.md", "Solo", "1. x\n");
    let site = s.site();
    let g = guide(&site, "content/a/g.md");
    assert_eq!(g.meta.applies_to, ["Windows 11", "Windows 10"]);
    assert_eq!(g.meta.tags, ["x", "y"]);
    assert_eq!(g.meta.updated.unwrap().to_string(), "2024-05-10");
    assert_eq!(g.meta.author.as_deref(), Some("サポート"));
    assert_eq!(g.meta.weight, Some(3));
    let id = site.guides.iter().position(|x| x.source == g.source).unwrap();
    let related: Vec<&str> = site.nav[id].related.iter().map(|&r| site.guides[r].slug.as_str()).collect();
    assert_eq!(related, ["other", "solo"], "related by path and by unique slug");
    assert_eq!(site.aliases.get("old/page/index.html"), Some(&id));
}

#[test]
fn front_matter_problems_are_diagnosed() {
    let s = TestSite::new();
    s.file("content/a.md", "---\ntitle: T\nsumary: S\npublished: 2024-02-30\n---\n1. x\n")
        .file(
            "content/b.md",
            "---\ntitle: T\nsummary: S\npublished: 2024-05-01\nupdated: 2024-04-01\nrelated: [nowhere]\n---\n1. x\n",
        )
        .file("content/c.md", "no front matter\n")
        .file("content/d.md", "---\ntitle: [unclosed\n---\n");
    let p = s.problems();
    for expected in [
        ("schema", "content/a.md", 3),
        ("date-invalid", "content/a.md", 4),
        ("date-order", "content/b.md", 5),
        ("related-unknown", "content/b.md", 6),
        ("front-matter-missing", "content/c.md", 1),
        ("front-matter-syntax", "content/d.md", 2),
    ] {
        assert!(p.contains(&(expected.0.into(), expected.1.into(), expected.2)), "missing {expected:?} in {p:#?}");
    }
}

#[test]
fn drafts_are_built_only_when_asked() {
    let s = TestSite::new();
    s.file("content/d.md", "---\ntitle: D\nsummary: S\npublished: 2024-01-01\ndraft: true\n---\n1. x\n").guide(
        "content/p.md",
        "P",
        "1. x\n",
    );
    assert_eq!(s.site().guides.len(), 1);
    let loaded =
        tebiki::build::load(&tebiki::build::Options { site: s.root().into(), drafts: true, ..Default::default() })
            .unwrap();
    assert_eq!(loaded.site.guides.len(), 2);
}

#[test]
fn introduction_sections_and_sub_procedures() {
    let s = TestSite::new();
    s.guide(
        "content/g.md",
        "G",
        "Intro paragraph.\n\n1. not a procedure in the intro\n\n## STEP1 Verify the account\n\n### (A) Receive a code by SMS\n\n1. First\n\n### (B) Use the app {#by-app}\n\n1. Other\n\n## 困ったときは\n\nText.\n",
    );
    let site = s.site();
    let g = guide(&site, "content/g.md");
    assert!(
        matches!(&g.intro[..], [Block::Html { html }] if html.contains("Intro paragraph") && html.contains("<ol>"))
    );
    assert_eq!(
        sections(&g.body),
        [("step1-verify-the-account", 2), ("a-receive-a-code-by-sms", 3), ("by-app", 3), ("困ったときは", 2)]
    );
    // Two procedures: anchors carry their section id.
    let anchors: Vec<&str> = g.steps().iter().map(|s| s.anchor.as_str()).collect();
    assert_eq!(anchors, ["a-receive-a-code-by-sms-step-1", "by-app-step-1"]);
}

#[test]
fn a_guide_without_sections_is_one_procedure() {
    let s = TestSite::new();
    s.guide("content/g.md", "G", "1. One\n2. Two\n3. Three\n");
    let site = s.site();
    let g = guide(&site, "content/g.md");
    let steps = g.steps();
    assert_eq!(steps.iter().map(|s| s.anchor.as_str()).collect::<Vec<_>>(), ["step-1", "step-2", "step-3"]);
    assert_eq!(steps[1].instruction.text, "Two");
}

#[test]
fn steps_have_instruction_screenshots_details_substeps_and_notes() {
    let s = TestSite::new();
    s.png("content/g/shots/start.png", 64, 48).guide(
        "content/g/index.md",
        "G",
        "## STEP1 開く\n\n5. 画面左下の[スタート]ボタンをクリックします。\n\n   ![スタートボタン](shots/start.png \"[スタート]をクリックします。\")\n\n   詳しい説明です。\n\n   - 項目A\n   - 項目B\n\n   1. サブ手順1\n   2. サブ手順2\n\n   > [!NOTE]\n   > 注意点です。\n\n6. Tight item with image on the next line\n   ![Alt two](shots/start.png)\n",
    );
    let site = s.site();
    let g = guide(&site, "content/g/index.md");
    let steps = g.steps();
    assert_eq!(steps.len(), 2);
    let s5 = steps[0];
    assert_eq!(s5.number, 5, "numbered as the list numbers them");
    assert_eq!(s5.anchor, "step-5");
    assert_eq!(s5.instruction.text, "画面左下の[スタート]ボタンをクリックします。");
    assert!(s5.instruction.html.contains("<span class=\"ui\">[スタート]</span>"));
    let kinds: Vec<&str> = s5
        .content
        .iter()
        .map(|b| match b {
            StepBlock::Screenshot(_) => "screenshot",
            StepBlock::Details { .. } => "details",
            StepBlock::Substeps(_) => "substeps",
            StepBlock::Note(_) => "note",
            StepBlock::Tabs(_) => "tabs",
        })
        .collect();
    assert_eq!(kinds, ["screenshot", "details", "substeps", "note"]);
    let shot = s5.screenshots().next().unwrap();
    assert_eq!(shot.alt, "スタートボタン");
    assert_eq!(shot.caption.as_ref().unwrap().text, "[スタート]をクリックします。");
    assert_eq!((shot.width, shot.height), (Some(64), Some(48)));
    if let StepBlock::Details { html } = &s5.content[1] {
        assert!(html.contains("詳しい説明です。") && html.contains("<li>項目A</li>"));
    }
    if let StepBlock::Substeps(p) = &s5.content[2] {
        assert_eq!(p.steps.iter().map(|s| s.anchor.as_str()).collect::<Vec<_>>(), ["step-5-1", "step-5-2"]);
    }
    if let StepBlock::Note(c) = &s5.content[3] {
        assert_eq!(c.kind, CalloutKind::Note);
        assert!(c.html.contains("注意点です。"));
    }
    // An image on its own line of a tight item is a screenshot, not part of the instruction.
    let s6 = steps[1];
    assert_eq!(s6.instruction.text, "Tight item with image on the next line");
    assert_eq!(s6.screenshots().count(), 1);
}

#[test]
fn callouts_with_default_and_custom_titles() {
    let s = TestSite::new();
    s.guide(
        "content/g.md",
        "G",
        "> [!TIP]\n> **ワンポイント**\n> 手元に用意してください。\n\n> [!WARNING]\n> 注意です。\n\n> [!NOTE]\n> [!IMPORTANT] is not nested\n\n> **補足**\n>\n> 太字だけの段落で始まる引用。\n\n> Just a quote.\n\n## S\n\n> [!CAUTION]\n> Careful.\n",
    );
    let site = s.site();
    let g = guide(&site, "content/g.md");
    let callouts: Vec<(CalloutKind, Option<String>)> = g
        .intro
        .iter()
        .filter_map(|b| match b {
            Block::Callout(c) => Some((c.kind, c.title.as_ref().map(|t| t.text.clone()))),
            _ => None,
        })
        .collect();
    assert_eq!(
        callouts,
        [
            (CalloutKind::Tip, Some("ワンポイント".into())),
            (CalloutKind::Warning, None),
            (CalloutKind::Note, None),
            (CalloutKind::Note, Some("補足".into())),
        ]
    );
    assert!(matches!(g.intro.last(), Some(Block::Html { html }) if html.contains("<blockquote>")));
    let Block::Section(sec) = &g.body[0] else { panic!() };
    assert!(matches!(&sec.blocks[0], Block::Callout(c) if c.kind == CalloutKind::Caution));
    // Default titles come from the page language's strings.
    let html = {
        s.build();
        s.read("public/g.html")
    };
    assert!(html.contains("<p class=\"callout-title\">注意</p>"), "warning title in Japanese");
    assert!(html.contains("<p class=\"callout-title\">ワンポイント</p>"));
}

#[test]
fn every_question_spelling_is_a_question() {
    let s = TestSite::new();
    s.guide(
        "content/g.md",
        "G",
        "## 困ったときは\n\n### Q: colon\n\nA: answer one\n\n### Q. dot\n\nanswer\n\n### Q：full colon\n\nanswer\n\n### Ｑ：full Q\n\nanswer\n\n### Q space\n\nanswer\n\n### Ｑ．full dot\n\nanswer\n\n### QR codes are not questions\n\ntext\n\n## Q: level two question\n\nanswer at level two\n",
    );
    let site = s.site();
    let g = guide(&site, "content/g.md");
    let qs: Vec<&str> = g.questions().iter().map(|q| q.question.text.as_str()).collect();
    assert_eq!(qs, ["colon", "dot", "full colon", "full Q", "space", "full dot", "level two question"]);
    assert_eq!(g.questions()[0].answer.text, "answer one", "a leading A: is dropped");
    assert_eq!(g.questions()[6].level, 2);
}

#[test]
fn a_question_without_answer_is_an_error() {
    let s = TestSite::new();
    s.guide("content/g.md", "G", "## FAQ\n\n### Q: Empty?\n\n### Q: Full?\n\nYes.\n");
    assert_eq!(s.problems(), [("question-no-answer".to_string(), "content/g.md".to_string(), 8)]);
}

#[test]
fn links_are_rewritten_and_checked() {
    let s = TestSite::new();
    s.guide("content/a/x.md", "X", "## STEP1 Start\n\n1. one\n2. two\n3. three\n")
        .guide("content/a/x.en.md", "X en", "1. one\n")
        .file("static/logo.png", "x")
        .guide(
            "content/b/y.md",
            "Y",
            "See [x](../a/x.md#step-3), [cat](../a/_index.md), [web](https://example.com/a?b=1), [mail](mailto:a@example.com), [logo](/logo.png), [self](#top-part).\n\n## Top part\n\ntext\n",
        )
        .guide("content/b/y.en.md", "Y en", "See [x](../a/x.md).\n");
    let site = s.site();
    let y = guide(&site, "content/b/y.md");
    let Block::Html { html } = &y.intro[0] else { panic!() };
    assert!(html.contains("href=\"\u{E000}a/x.html#step-3\""), "{html}");
    assert!(html.contains("href=\"\u{E000}a/index.html\""), "{html}");
    assert!(html.contains("href=\"https://example.com/a?b=1\""));
    assert!(html.contains("href=\"mailto:a@example.com\""));
    assert!(html.contains("href=\"\u{E000}logo.png\""));
    assert!(html.contains("href=\"#top-part\""));
    // A translation links to the translation of the target.
    let yen = guide(&site, "content/b/y.en.md");
    let Block::Html { html } = &yen.body[0] else { panic!() };
    assert!(html.contains("href=\"\u{E000}en/a/x.html\""), "{html}");
}

#[test]
fn broken_links_anchors_paths_and_unsafe_urls_are_reported() {
    let s = TestSite::new();
    s.guide("content/a/x.md", "X", "1. one\n")
        .png("content/b/shots/start.png", 4, 4)
        .guide(
            "content/b/y.md",
            "Y",
            "[gone](../a/missing.md)\n\n[anchor](../a/x.md#step-9)\n\n[out](../../../etc/passwd)\n\n[js](javascript:alert(1))\n\n1. Step\n\n   ![Start](shots/strat.png)\n",
        );
    let p = s.problems();
    for expected in [
        ("link-target-missing", 6),
        ("anchor-missing", 8),
        ("path-escapes-site", 10),
        ("unsafe-url", 12),
        ("asset-missing", 16),
    ] {
        assert!(
            p.contains(&(expected.0.into(), "content/b/y.md".into(), expected.1)),
            "missing {expected:?} in {p:#?}"
        );
    }
    let loaded = s.load();
    let near_miss = loaded.report.diagnostics.iter().find(|d| d.rule.id == "asset-missing").unwrap();
    assert_eq!(near_miss.hint.as_deref(), Some("did you mean `shots/start.png`?"));
    let anchor = loaded.report.diagnostics.iter().find(|d| d.rule.id == "anchor-missing").unwrap();
    assert_eq!(anchor.hint.as_deref(), Some("the page has one step, `#step-1`"));
}

#[test]
fn code_is_highlighted_with_classes() {
    let s = TestSite::new();
    s.guide("content/g.md", "G", "```powershell\nGet-Process | Stop-Process\n```\n\n```reg\n[HKEY_CURRENT_USER\\Software]\n```\n\n```\nplain <text>\n```\n");
    let site = s.site();
    let html: String = guide(&site, "content/g.md")
        .body
        .iter()
        .map(|b| if let Block::Html { html } = b { html.clone() } else { String::new() })
        .collect();
    assert!(html.contains("data-lang=\"powershell\"") && html.contains("hl-support"), "{html}");
    assert!(html.contains("data-lang=\"reg\"") && html.contains("<span class=\"hl-"));
    assert!(html.contains("plain &lt;text&gt;"));
}

#[test]
fn headings_get_stable_ids() {
    let s = TestSite::new();
    s.guide("content/g.md", "G", "## 困ったときは\n\ntext\n\n## 困ったときは\n\nagain\n\n## Custom {#mine}\n\nx\n");
    let site = s.site();
    assert_eq!(sections(&guide(&site, "content/g.md").body), [("困ったときは", 2), ("困ったときは-1", 2), ("mine", 2)]);
}

#[test]
fn bom_crlf_and_japanese_file_names_work() {
    let s = TestSite::new();
    s.file("content/アカウント/パスワード 再設定.md", "\u{feff}---\r\ntitle: 再設定\r\nsummary: 概要\r\npublished: 2024-01-01\r\n---\r\n## 手順\r\n\r\n1. 開きます。\r\n2. 閉じます。\r\n");
    let site = s.site();
    let g = &site.guides[0];
    assert_eq!(g.url, "アカウント/パスワード 再設定.html");
    assert_eq!(g.steps().len(), 2);
    assert_eq!(g.steps()[1].instruction.text, "閉じます。");
    let out = s.build();
    assert!(out.join("アカウント/パスワード 再設定.html").is_file());
    let home = s.read("public/アカウント/index.html");
    assert!(home.contains("href=\"../アカウント/パスワード%20再設定.html\""), "space is encoded in links");
}

#[test]
fn unknown_config_key_names_its_line() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\nbaseurl: https://x\n");
    s.guide("content/g.md", "G", "Text.\n");
    assert_eq!(s.problems(), [("config-unknown-key".to_string(), "tebiki.yaml".to_string(), 3)]);
}

#[test]
fn a_category_folder_is_never_a_bundle() {
    // Real sites keep an `index.md` landing page next to `_index.md`: the
    // folder is a category, its articles are guides, and `index.md` would
    // overwrite the category page.
    let s = TestSite::new();
    s.file("content/net/_index.md", "---\ntitle: Net\n---\n")
        .guide("content/net/index.md", "Landing", "Text.\n")
        .guide("content/net/wifi.md", "Wi-Fi", "Text.\n")
        .guide("content/net/vpn.md", "VPN", "Text.\n");
    let loaded = s.load();
    let urls: Vec<&str> = loaded.site.guides.iter().map(|g| g.url.as_str()).collect();
    assert_eq!(urls, ["net/vpn.html", "net/wifi.html"]);
    let problems = s.problems();
    assert_eq!(problems, [("duplicate-output".to_string(), "content/net/index.md".to_string(), 1)]);
}

#[test]
fn links_with_other_schemes_pass_and_script_schemes_are_dropped() {
    let s = TestSite::new();
    s.guide(
        "content/g.md",
        "G",
        "[settings](ms-settings:privacy) [call](tel:0120) [bad](JaVaScRiPt:alert(1)) [d](data:text/html,x)\n",
    );
    let loaded = s.load();
    let ids: Vec<&str> = loaded.report.diagnostics.iter().map(|d| d.rule.id).collect();
    assert_eq!(ids, ["unsafe-url", "unsafe-url"]);
    let Block::Html { html } = &guide(&loaded.site, "content/g.md").body[0] else { panic!() };
    assert!(html.contains("href=\"ms-settings:privacy\"") && html.contains("href=\"tel:0120\""));
    assert!(!html.to_lowercase().contains("javascript:") && !html.contains("data:"));
}

#[test]
fn a_bare_email_link_gets_a_mailto_hint() {
    let s = TestSite::new();
    s.guide("content/g.md", "G", "[write to us](help@example.com)\n");
    let loaded = s.load();
    let d = &loaded.report.diagnostics[0];
    assert_eq!(d.rule.id, "asset-missing");
    assert_eq!(d.hint.as_deref(), Some("to link to an email address, write `mailto:help@example.com`"));
}
