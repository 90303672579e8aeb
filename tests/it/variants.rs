//! One guide for every variant: includes (`[!INCLUDE [title](path.md)]`),
//! variant tabs (`=== "Windows 11"`) and translations that say when they
//! are out of date — in the model, on the page, in structured data and
//! search, in diagnostics (which name the included file's line and the
//! guides that include it), and through `tebiki i18n`.

use std::path::Path;
use std::process::Command;

use tebiki::model::{Block, Guide, StepBlock, TranslationStatus};
use tebiki::search::reader::Reader;

use crate::render::jsonld;
use crate::support::{guide, TestSite};

/// The include of the tests: two steps with a screenshot and a link, each
/// written relative to the include's own folder.
fn with_open_settings(site: &TestSite) -> &TestSite {
    site.png("content/includes/shots/start.png", 40, 30).file(
        "content/includes/open-settings.md",
        "1. [スタート] をクリックします。\n\n   ![スタートボタン](shots/start.png)\n\n\
         2. [設定] をクリックします。詳しくは [設定の画面](../help/about.md) を見てください。\n\n   ![設定](shots/start.png)\n",
    );
    site.guide("content/help/about.md", "設定について", "設定アプリの説明です。\n");
    site
}

fn step_ids(g: &Guide) -> Vec<(u64, String)> {
    g.steps().iter().map(|s| (s.number, s.anchor.clone())).collect()
}

#[test]
fn an_included_procedure_continues_the_guides_numbering_and_its_paths_start_at_the_include() {
    let site = TestSite::new();
    with_open_settings(&site);
    site.png("content/pc/shots/display.png", 40, 30);
    site.guide(
        "content/pc/display.md",
        "明るさ",
        "## 明るさを変える\n\n[!INCLUDE [設定を開く](../includes/open-settings.md)]\n\
         3. [ディスプレイ] をクリックします。\n\n   ![ディスプレイ](shots/display.png)\n",
    );
    let s = site.site();
    let g = guide(&s, "content/pc/display.md");
    assert_eq!(step_ids(g), [(1, "step-1".into()), (2, "step-2".into()), (3, "step-3".into())]);
    let steps = g.steps();
    let shot = steps[0].screenshots().next().unwrap();
    assert!(shot.src.ends_with("includes/shots/start.png"), "{}", shot.src);
    assert!(steps[1].instruction.html.contains("help/about.html"), "{}", steps[1].instruction.html);
    assert_eq!(g.includes.len(), 1);
    assert_eq!(g.includes[0].rel, Path::new("content/includes/open-settings.md"));
    assert!(g.assets.iter().any(|a| a.ends_with("includes/shots/start.png")));
    assert!(site.problems().is_empty(), "{:?}", site.problems());

    // Page, structured data and search see the included steps as the guide's.
    let out = site.build();
    let html = std::fs::read_to_string(out.join("pc/display.html")).unwrap();
    assert!(html.contains("<li class=\"step\" id=\"step-1\">"));
    let howto = jsonld(&html).into_iter().find(|d| d["@type"] == "HowTo").unwrap();
    let names: Vec<&str> = howto["step"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "[スタート] をクリックします。",
            "[設定] をクリックします。詳しくは 設定の画面 を見てください。",
            "[ディスプレイ] をクリックします。"
        ]
    );
    let index = Reader::open(&out).unwrap();
    let hit = &index.search("スタート クリック", 3)[0];
    assert_eq!((hit.url.as_str(), hit.anchor.as_str()), ("pc/display.html", "step-1"));
}

#[test]
fn includes_nest_inside_steps_and_tabs_with_their_line_prefix() {
    let site = TestSite::new();
    site.file("content/includes/note.md", "> [!NOTE]\n> 会社のパソコンでは変更できないことがあります。\n");
    site.file("content/includes/steps.md", "1. 右クリックします。\n2. [開く] を選びます。\n");
    site.guide(
        "content/g.md",
        "入れ子",
        "1. 最初の手順です。\n\n   [!INCLUDE [注意](includes/note.md)]\n\n\
         2. 次の手順です。\n\n=== \"A\"\n\n    [!INCLUDE [手順](includes/steps.md)]\n\n=== \"B\"\n\n    1. 別の手順です。\n",
    );
    let s = site.site();
    let g = guide(&s, "content/g.md");
    let Block::Procedure(p) = &g.body[0] else { panic!("{:?}", g.body) };
    assert!(matches!(p.steps[0].content[0], StepBlock::Note(_)), "{:?}", p.steps[0].content);
    let Block::Tabs(t) = &g.body[1] else { panic!("{:?}", g.body) };
    let Block::Procedure(a) = &t.tabs[0].blocks[0] else { panic!() };
    assert_eq!(a.steps.iter().map(|s| s.anchor.as_str()).collect::<Vec<_>>(), ["a-step-1", "a-step-2"]);
}

#[test]
fn a_problem_in_an_included_file_is_reported_once_at_its_line_naming_every_guide() {
    let site = TestSite::new();
    site.file("content/includes/x.md", "1. [スタート] をクリックします。\n\n   ![なし](shots/missing.png)\n");
    site.guide("content/a.md", "A", "前書き\n\n[!INCLUDE [x](includes/x.md)]\n");
    site.guide("content/b.md", "B", "\n\n\n[!INCLUDE [x](includes/x.md)]\n");
    let loaded = site.load();
    let r = &loaded.report;
    let missing: Vec<_> = r.diagnostics.iter().filter(|d| d.rule.id == "asset-missing").collect();
    assert_eq!(missing.len(), 1, "{:#?}", r.diagnostics);
    let d = missing[0];
    assert_eq!(d.file, Path::new("content/includes/x.md"));
    assert_eq!(r.position(d).0, (3, 4));
    let chains: Vec<Vec<String>> =
        d.included_from().iter().map(|c| c.iter().map(|(f, _)| f.to_string_lossy().into_owned()).collect()).collect();
    assert_eq!(chains, [vec!["content/a.md".to_string()], vec!["content/b.md".to_string()]]);
    // The step without a usable screenshot is not reported a second time.
    assert!(r.diagnostics.iter().all(|d| d.rule.id != "step-no-screenshot"), "{:#?}", r.diagnostics);

    let human = site.cmd(&["check"]).code(1).get_output().stdout.clone();
    let human = String::from_utf8(human).unwrap();
    assert!(human.contains("--> content/includes/x.md:3:4"), "{human}");
    assert!(human.contains("= note: included from content/a.md:8; content/b.md:9"), "{human}");
    let json = site.cmd(&["check", "--format", "json"]).code(1).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let d = v["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "asset-missing").unwrap();
    assert_eq!(
        d["included_from"],
        serde_json::json!([[{"file": "content/a.md", "line": 8, "column": 1}], [{"file": "content/b.md", "line": 9, "column": 1}]])
    );
}

#[test]
fn step_numbers_are_read_per_file_an_include_brings_them_from() {
    let site = TestSite::new();
    site.file("content/includes/two.md", "1. 二つ目です。\n2. 三つ目です。\n");
    site.file("content/includes/bad.md", "1. 一つ目です。\n3. 二つ目です。\n");
    site.guide("content/g.md", "G", "1. 最初です。\n\n[!INCLUDE [2](includes/two.md)]\n4. 最後です。\n");
    site.guide("content/h.md", "H", "[!INCLUDE [bad](includes/bad.md)]\n");
    let problems: Vec<_> = site.problems().into_iter().filter(|p| p.0 == "step-numbering").collect();
    assert_eq!(problems, [("step-numbering".to_string(), "content/includes/bad.md".to_string(), 2)]);
    let s = site.load().site;
    assert_eq!(guide(&s, "content/g.md").steps().iter().map(|s| s.number).collect::<Vec<_>>(), [1, 2, 3, 4]);
}

#[test]
fn an_include_file_in_a_hidden_folder_works_and_is_watched_by_name() {
    let site = TestSite::new();
    site.file("content/_shared/tip.md", "> [!TIP]\n> 保存してから閉じてください。\n");
    site.guide("content/g.md", "G", "本文です。\n\n[!INCLUDE [tip](_shared/tip.md)]\n");
    let s = site.site();
    assert!(matches!(guide(&s, "content/g.md").body[1], Block::Callout(_)));
    assert!(site.problems().is_empty(), "{:?}", site.problems());
}

#[test]
fn variant_tabs_make_groups_with_ids_keys_and_steps_of_their_own() {
    let site = TestSite::new();
    site.guide(
        "content/g.md",
        "タブ",
        "## 手順\n\n=== \"Windows 11\"\n\n    1. 十一の手順です。\n\n===+ \"Windows 10\"\n\n    1. 十の手順です。\n    2. 次です。\n\n\
         ===! \"iPhone\"\n    スマートフォンの説明です。\n\n=== \"Ａｎｄｒｏｉｄ\"\n    もう一つです。\n\n\
         ## 困ったときは\n\n### Q: 表示が違います\n\n=== \"Windows 11\"\n    十一の答えです。\n=== \"Windows 10\"\n    十の答えです。\n",
    );
    let s = site.site();
    let g = guide(&s, "content/g.md");
    let Block::Section(sec) = &g.body[0] else { panic!() };
    let groups: Vec<_> =
        sec.blocks.iter().filter_map(|b| if let Block::Tabs(t) = b { Some(t) } else { None }).collect();
    assert_eq!(groups.len(), 2, "`===!` starts a new group");
    let first = groups[0];
    assert_eq!(first.selected, 1, "`===+` is shown first");
    let heads: Vec<_> = first.tabs.iter().map(|t| (t.id.as_str(), t.label.as_str(), t.key.as_str())).collect();
    assert_eq!(heads, [("windows-11", "Windows 11", "windows-11"), ("windows-10", "Windows 10", "windows-10")]);
    assert_eq!(groups[1].tabs[1].key, "android", "keys fold width and case");
    assert_eq!(step_ids(g), [(1, "windows-10-step-1".into()), (2, "windows-10-step-2".into())], "the tab shown first");
    assert_eq!(g.step_count(), 2);
    // A question's answer holds its tabs as markup.
    let qa = g.questions()[0];
    assert!(qa.answer.html.contains("<div class=\"tabs\"><div class=\"tab-list js-only\" role=\"tablist\">"));
    assert!(qa.answer.html.contains("id=\"windows-11-1\""), "ids stay unique on the page");
    assert!(g.anchors.contains(&"tab-windows-11-1".to_string()));
}

#[test]
fn tabs_in_structured_data_are_sections_named_by_their_labels() {
    let site = TestSite::new();
    site.png("content/s.png", 40, 30);
    site.guide(
        "content/g.md",
        "G",
        "1. 共通の手順です。\n\n   ![共通](s.png)\n\n=== \"Windows 11\"\n\n    2. 十一の手順です。\n\n        ![十一](s.png)\n\n\
         === \"Windows 10\"\n\n    2. 十の手順です。\n\n        ![十](s.png)\n\n    3. 十の次です。\n\n        ![十の次](s.png)\n\n\
         3. 最後の手順です。\n\n   ![最後](s.png)\n",
    );
    assert!(site.problems().is_empty(), "{:?}", site.problems());
    let out = site.build();
    let html = std::fs::read_to_string(out.join("g.html")).unwrap();
    let howto = jsonld(&html).into_iter().find(|d| d["@type"] == "HowTo").unwrap();
    let items = howto["step"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> =
        items.iter().map(|i| (i["@type"].as_str().unwrap(), i["name"].as_str().unwrap())).collect();
    assert_eq!(
        kinds,
        [
            ("HowToStep", "共通の手順です。"),
            ("HowToSection", "Windows 11"),
            ("HowToSection", "Windows 10"),
            ("HowToStep", "最後の手順です。")
        ]
    );
    let w10 = items[2]["itemListElement"].as_array().unwrap();
    assert_eq!(w10.len(), 2);
    assert_eq!(w10[1]["position"], 2);
    assert_eq!(w10[1]["url"], "g.html#windows-10-step-3");
    assert_eq!(items[2]["url"], "g.html#windows-10");
    assert_eq!(items[3]["position"], 4);
}

#[test]
fn search_indexes_each_tab_and_links_into_it() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/variants");
    assert_cmd::Command::cargo_bin("tebiki")
        .unwrap()
        .args(["build", "--quiet", "--out"])
        .arg(&public)
        .arg(&fixture)
        .assert()
        .success();
    let index = Reader::open(&public).unwrap();
    let top = |q: &str| {
        let h = &index.search(q, 3)[0];
        (h.url.clone(), h.anchor.clone())
    };
    assert_eq!(top("縦のスライダー"), ("sound/volume.html".into(), "windows-10".into()));
    assert_eq!(
        top("デスクトップ 右クリック ディスプレイ設定"),
        ("display/night-light.html".into(), "windows-10-step-1".into())
    );
}

/// `git` in `dir`, which must succeed. Commits are a day apart (day `n`
/// of counting calls).
fn git(dir: &Path, args: &[&str]) {
    static DAY: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let day = DAY.fetch_add(1, std::sync::atomic::Ordering::SeqCst) % 28 + 1;
    let date = format!("2025-01-{day:02}T10:00:00+09:00");
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn bilingual() -> TestSite {
    let site = TestSite::new();
    site.guide("content/p.md", "プリンター", "[設定] を開きます。\n");
    site.file(
        "content/p.en.md",
        "---\ntitle: Printer\nsummary: Add one.\npublished: 2024-03-02\n---\nOpen [Settings].\n",
    );
    site.guide("content/q.md", "未翻訳", "まだ英語はありません。\n");
    site
}

#[test]
fn i18n_mark_records_the_original_and_a_later_change_makes_the_translation_outdated() {
    let site = bilingual();
    let s = site.load().site;
    let en = s.guides.iter().position(|g| g.lang == "en").unwrap();
    assert_eq!(s.nav[en].status, Some(TranslationStatus::Unchecked), "neither marked nor in git");

    let out = site.cmd(&["i18n", "mark", "content/p.en.md"]).success().get_output().stdout.clone();
    let mark = tebiki::translations::mark_of(site.read("content/p.md").as_bytes()).unwrap();
    assert!(String::from_utf8_lossy(&out).contains(&format!("translated_from: {mark}")));
    assert!(site.read("content/p.en.md").contains(&format!("\ntranslated_from: {mark}\n---\n")));
    assert!(site.problems().is_empty(), "{:?}", site.problems());
    // Marking the original itself, or a file that is not a guide, is refused.
    site.cmd(&["i18n", "mark", "content/p.md"]).code(2);
    site.cmd(&["i18n", "mark", "tebiki.yaml"]).code(2);

    site.guide("content/p.md", "プリンター", "[設定] を開きます。\n\n一覧から選びます。\n");
    assert_eq!(site.problems(), [("translation-outdated".into(), "content/p.en.md".into(), 5)]);
    let json = site.cmd(&["i18n", "status", "--format", "json"]).success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["original"], "ja");
    let en = &v["languages"][0];
    assert_eq!(en["lang"], "en");
    assert_eq!(en["outdated"][0]["file"], "content/p.en.md");
    assert_eq!(en["outdated"][0]["original"], "content/p.md");
    assert_eq!(en["missing"][0]["file"], "content/q.md");
    assert_eq!(en["current"], serde_json::json!([]));
    let human = site.cmd(&["i18n", "status"]).success().get_output().stdout.clone();
    let human = String::from_utf8(human).unwrap();
    assert!(
        human.starts_with(
            "language    current  outdated  missing  unchecked\nen                0         1        1          0\n"
        ),
        "{human}"
    );

    // The translated page says so in its own language, linking to the original.
    let public = site.build();
    let page = std::fs::read_to_string(public.join("en/p.html")).unwrap();
    assert!(page.contains("<aside class=\"notice notice-outdated\"><p>This translation is older than the original and may not show its latest changes. <a href=\"../p.html\" hreflang=\"ja\">Read the original (日本語)</a></p></aside>"), "{page}");
    assert!(!std::fs::read_to_string(public.join("p.html")).unwrap().contains("notice-outdated"));
}

#[test]
fn git_history_says_how_far_behind_a_translation_is() {
    let site = bilingual();
    git(site.root(), &["init", "-q"]);
    git(site.root(), &["add", "."]);
    git(site.root(), &["commit", "-q", "-m", "both"]);
    assert!(site.problems().is_empty(), "{:?}", site.problems());
    for n in 0..2 {
        site.guide("content/p.md", "プリンター", &format!("[設定] を開きます。{n}\n"));
        git(site.root(), &["commit", "-q", "-am", "original again"]);
    }
    let loaded = site.load();
    let d = loaded.report.diagnostics.iter().find(|d| d.rule.id == "translation-outdated").unwrap();
    assert_eq!(d.file, Path::new("content/p.en.md"));
    assert!(d.message.contains("(2 commits and 2 days behind)"), "{}", d.message);
    // Marked since: the mark wins, and git counts the commits after it.
    site.cmd(&["i18n", "mark", "content/p.en.md"]).success();
    git(site.root(), &["commit", "-q", "-am", "translated"]);
    site.guide("content/p.md", "プリンター", "[設定] を開きます。最新\n");
    git(site.root(), &["commit", "-q", "-am", "original changed"]);
    let loaded = site.load();
    let d = loaded.report.diagnostics.iter().find(|d| d.rule.id == "translation-outdated").unwrap();
    assert!(d.message.contains("(1 commit and 2 days behind)"), "{}", d.message);
}

#[test]
fn a_guide_missing_in_a_language_is_listed_there_when_the_site_says_so() {
    let site = TestSite::with_config("title: T\nlanguages: [ja, en]\ni18n:\n  fallback: list\n");
    site.guide("content/c/p.md", "プリンター", "本文です。\n");
    site.file("content/c/p.en.md", "---\ntitle: Printer\nsummary: Add one.\npublished: 2024-03-02\n---\nBody.\n");
    site.guide("content/c/q.md", "未翻訳のガイド", "本文です。\n");
    let out = site.build();
    let en = std::fs::read_to_string(out.join("en/c/index.html")).unwrap();
    assert!(
        en.contains("<a class=\"card-link\" href=\"../../c/q.html\" hreflang=\"ja\" lang=\"ja\">未翻訳のガイド</a>"),
        "{en}"
    );
    assert!(en.contains("<span class=\"badge badge-lang\">日本語 only</span>"));
    assert!(en.contains(">Printer</a>"));
    let ja = std::fs::read_to_string(out.join("c/index.html")).unwrap();
    assert!(!ja.contains("badge-lang"));
    // Without the setting (`hide`, the default), only English guides are listed.
    let site = TestSite::new();
    site.guide("content/c/p.md", "プリンター", "本文です。\n");
    site.file("content/c/p.en.md", "---\ntitle: Printer\nsummary: Add one.\npublished: 2024-03-02\n---\nBody.\n");
    site.guide("content/c/q.md", "未翻訳のガイド", "本文です。\n");
    let out = site.build();
    assert!(!std::fs::read_to_string(out.join("en/c/index.html")).unwrap().contains("未翻訳"));
}

/// A DocFX site as it is: `content: docs`, include files in `includes/`
/// (a fragment folder) and in a folder the site leaves out (`exclude:`),
/// named relative to the guide, from the content folder (`~/`, `/`) and
/// with the front matter DocFX writes on them. They resolve, their words
/// reach the page, and neither folder is built, listed or reported.
#[test]
fn docfx_includes_in_fragment_and_excluded_folders_resolve_and_are_not_pages() {
    let site = TestSite::with_config("title: T\nlanguages: [en]\ncontent: docs\nexclude: [\"shared/**\"]\n");
    site.file(
        "docs/includes/sign-in.md",
        "---\nauthor: someone\nms.topic: include\n---\n1. Sign in to the admin console.\n2. Open **Devices**.\n",
    )
    .file("docs/shared/warn.md", "---\nms.topic: include\n---\n> [!NOTE]\n> Changes take a minute to apply.\n")
    .file("docs/shared/unused.md", "Never included, and excluded: not reported.\n")
    .guide(
        "docs/devices/enroll.md",
        "Enroll a device",
        "## Enroll\n\n[!INCLUDE [sign in](../includes/sign-in.md)]\n\
         3. Select **Enroll**.\n\n[!INCLUDE [note](~/shared/warn.md)]\n\n## Again\n\n\
         [!INCLUDE [sign in](/includes/sign-in.md)]\n",
    );
    let problems: Vec<_> = site.problems().into_iter().filter(|(rule, _, _)| rule != "step-no-screenshot").collect();
    assert!(problems.is_empty(), "{problems:?}");
    let s = site.site();
    assert_eq!(s.guides.len(), 1, "include files are not guides");
    let g = guide(&s, "docs/devices/enroll.md");
    let included: Vec<&Path> = g.includes.iter().map(|f| f.rel.as_path()).collect();
    assert_eq!(
        included,
        [
            Path::new("docs/includes/sign-in.md"),
            Path::new("docs/shared/warn.md"),
            Path::new("docs/includes/sign-in.md")
        ]
    );
    assert_eq!(g.step_count(), 5);
    let out = site.build();
    let html = std::fs::read_to_string(out.join("devices/enroll.html")).unwrap();
    assert!(html.contains("Sign in to the admin console."), "{html}");
    assert!(html.contains("Changes take a minute to apply."), "{html}");
    assert!(!html.contains("ms.topic") && !html.contains("[!INCLUDE"), "{html}");
    for page in ["includes/sign-in.html", "shared/warn.html", "shared/unused.html", "includes.html", "shared.html"] {
        assert!(!out.join(page).exists(), "{page} was built");
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("includes/") && !sitemap.contains("shared/"), "{sitemap}");
}

/// A screenshot beside an include file in a folder that `exclude:` leaves
/// out is not published, and the report says why (it exists) and what to
/// change, instead of calling it missing.
#[test]
fn an_image_left_out_by_exclude_is_reported_as_left_out_not_missing() {
    let site = TestSite::with_config("title: T\nlanguages: [en]\nexclude: [\"shared/**\"]\n");
    site.file("content/shared/open.md", "1. Open the app.\n\n   ![The app window](shots/open.png)\n")
        .png("content/shared/shots/open.png", 40, 30)
        .guide("content/a/g.md", "Open", "## Steps\n\n[!INCLUDE [open](../shared/open.md)]\n");
    let loaded = site.load();
    let d: Vec<_> = loaded.report.diagnostics.iter().filter(|d| d.rule.id == "asset-missing").collect();
    assert_eq!(d.len(), 1, "{:?}", loaded.report.diagnostics);
    assert_eq!(d[0].file, Path::new("content/shared/open.md"));
    assert!(d[0].message.contains("exists, but `exclude:` leaves it out"), "{}", d[0].message);
    assert_eq!(
        d[0].hint.as_deref(),
        Some(
            "`shared/**` in `exclude:` leaves out `shared/shots`: narrow it to the Markdown files there \
             (`shared/**/*.md`), or move the image"
        )
    );
    // With the pattern narrowed as the hint says, the image is published.
    std::fs::write(site.root().join("tebiki.yaml"), "title: T\nlanguages: [en]\nexclude: [\"shared/**/*.md\"]\n")
        .unwrap();
    assert!(site.problems().iter().all(|(rule, _, _)| rule != "asset-missing"));
    let out = site.build();
    let page = std::fs::read_to_string(out.join("a/g.html")).unwrap();
    assert!(page.contains("alt=\"The app window\""), "{page}");
}
