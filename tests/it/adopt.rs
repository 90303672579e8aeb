//! Bringing an existing help center: `tebiki init` on folders laid out as
//! other tools lay them out, front matter of other tools, dates from git
//! history or file times, categories without `_index.md`, fragment folders
//! and `exclude:`, links written as published URL paths, and the hints of
//! the front-matter checks. Every article here is written for the test.

use std::path::Path;
use std::process::Command as Process;

use crate::support::{guide, TestSite};

/// A folder with no tebiki.yaml yet.
fn folder() -> TestSite {
    let s = TestSite::with_config("");
    std::fs::remove_file(s.root().join("tebiki.yaml")).unwrap();
    s
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn diagnostics(s: &TestSite) -> Vec<String> {
    let loaded = s.load();
    let report = &loaded.report;
    report
        .diagnostics
        .iter()
        .map(|d| {
            let ((line, _), _) = report.position(d);
            format!(
                "{} {}:{line} {} | {}",
                d.rule.id,
                d.file.to_string_lossy(),
                d.message,
                d.hint.as_deref().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn init_adopts_a_content_folder_of_japanese_and_english_articles() {
    let s = folder();
    s.file(
        "content/account/reset-password.md",
        "---\ntitle: パスワードを再設定する\ndescription: サインインできないときの手順です。\ndate: 2023-04-01T09:00:00+09:00\nms.author: support-team\n---\n\
サインインできないときは、パスワードを再設定します。\n\n1. [パスワードを忘れた場合] をクリックします。\n2. 届いたコードを入力します。\n",
    );
    s.file(
        "content/account/reset-password.en.md",
        "---\ntitle: Reset your password\ndescription: What to do when you cannot sign in.\ndate: 2023-04-01\n---\n\
When you cannot sign in, reset your password.\n\n1. Click [Forgot password].\n2. Enter the code you receive.\n",
    );
    s.file(
        "content/network/wi-fi.md",
        "---\ntitle: Wi-Fi に接続する\nkeywords: Wi-Fi, ネットワーク\nlastmod: 2024-01-05\ndate: 2023-05-01\n---\nWi-Fi につなぐ手順です。\n",
    );
    let out = stdout(&s.cmd(&["init"]).success());
    assert_eq!(
        s.read("tebiki.yaml"),
        format!(
            "# Written by `tebiki init`; see the README, \"Bring your existing help center\".\ntitle: {:?}\nlanguages: [ja, en]\n\
# Fields of other tools that tebiki does not use are kept: ms.author\nfront_matter:\n  unknown: ignore\n",
            tebiki::slug::humanize(&s.root().file_name().unwrap().to_string_lossy())
        )
    );
    for expected in [
        "content: content/ (3 Markdown files)",
        "guides: 3 (2 ja, 1 en) in 2 categories",
        "steps: 4;",
        "languages: ja, en — default ja",
        "front matter read as it is: title (3)",
        "front matter read as tebiki's: date → published (3), description → summary (2), keywords → tags (1), lastmod → updated (1)",
        "front matter kept but not used (front_matter: {unknown: ignore}): ms.author (1)",
        "check: 0 errors, 4 warnings by rule:\n       4 warning step-no-screenshot\n",
    ] {
        assert!(out.contains(expected), "`{expected}` not in:\n{out}");
    }
    let public = s.build();
    let page = std::fs::read_to_string(public.join("account/reset-password.html")).unwrap();
    assert!(page.contains("サインインできないときの手順です。"), "description is the summary");
    assert!(page.contains("datetime=\"2023-04-01\""));
    let wifi = std::fs::read_to_string(public.join("network/wi-fi.html")).unwrap();
    assert!(wifi.contains("datetime=\"2024-01-05\""), "lastmod is updated");
    assert!(public.join("tags/ネットワーク.html").is_file(), "keywords are tags");
    // The articles are untouched, and a second init changes nothing.
    assert!(s.read("content/network/wi-fi.md").starts_with("---\ntitle: Wi-Fi に接続する\nkeywords"));
    let before = s.read("tebiki.yaml");
    s.cmd(&["init"]).code(2).stderr(predicates::str::contains("never overwrites it"));
    assert_eq!(s.read("tebiki.yaml"), before);
}

#[test]
fn init_finds_a_docs_folder_with_landing_pages_and_ordered_folders() {
    let s = folder();
    s.file("README.md", "# The product\n\nThe help is in docs/.\n");
    s.file("docs/index.md", "---\ntitle: Help\nsidebar_position: 1\n---\nWelcome to the help of the product.\n");
    s.file(
        "docs/01-getting-started/install.md",
        "---\ntitle: Install the app\ndescription: Install it on a laptop.\nsidebar_position: 2\n---\n\
1. Download the installer.\n2. Run it. Then read [the first steps](/docs/getting-started/first-steps).\n",
    );
    s.file(
        "docs/01-getting-started/first-steps.md",
        "---\ntitle: First steps\nlast_update:\n  date: 2024-02-03\n  author: docs team\n---\nOpen the app and sign in. See [installing](../install/).\n",
    );
    s.file("docs/02-account-settings/index.md", "---\ntitle: Your account\n---\nEverything about your account.\n");
    s.file("docs/02-account-settings/profile.md", "---\ntitle: Edit your profile\n---\nChange your name and photo.\n");
    let out = stdout(&s.cmd(&["init"]).success());
    let config = s.read("tebiki.yaml");
    assert!(config.contains("languages: [en]\ncontent: \"docs\"\n"), "{config}");
    assert!(config.contains("front_matter:\n  unknown: ignore\n"), "{config}");
    assert!(out.contains("guides: 3 (3 en) in 2 categories"), "{out}");
    assert!(out.contains("check: 0 errors"), "{out}");
    let site = s.site();
    let titles: Vec<String> = site
        .categories
        .iter()
        .skip(1)
        .map(|c| site.category_title(0, "en").to_string() + "/" + &c.folder_title)
        .collect();
    assert_eq!(titles, ["Help/Getting started", "Help/Account settings"]);
    let account = site.categories.iter().position(|c| c.path == "02-account-settings").unwrap();
    assert_eq!(site.category_title(account, "en"), "Your account", "index.md is the landing page");
    let public = s.build();
    let install = std::fs::read_to_string(public.join("01-getting-started/install.html")).unwrap();
    assert!(install.contains("href=\"../01-getting-started/first-steps.html\""), "a published URL path is resolved");
    let first = std::fs::read_to_string(public.join("01-getting-started/first-steps.html")).unwrap();
    assert!(first.contains("href=\"../01-getting-started/install.html\""));
    assert!(first.contains("datetime=\"2024-02-03\""), "last_update.date is updated");
    assert!(!public.join("README.html").exists());
}

#[test]
fn init_takes_the_folder_holding_most_articles_or_the_folder_itself() {
    let s = folder();
    s.file("notes/todo.md", "# Todo\n\nNothing.\n");
    for name in ["printer", "scanner", "monitor"] {
        s.file(&format!("help/{name}.md"), &format!("---\ntitle: Set up the {name}\n---\nPlug the {name} in.\n"));
    }
    s.cmd(&["init"]).success();
    assert!(s.read("tebiki.yaml").contains("content: \"help\""));
    s.build();

    let flat = folder();
    for name in ["vpn", "mail"] {
        flat.file(&format!("{name}.md"), &format!("---\ntitle: Set up {name}\n---\n{name} を設定する手順です。\n"));
    }
    flat.file("static/logo.txt", "logo");
    flat.cmd(&["init"]).success();
    assert!(flat.read("tebiki.yaml").contains("languages: [ja]\ncontent: \".\"\n"));
    let public = flat.build();
    assert!(public.join("vpn.html").is_file());
    // The second build does not take the first one's output for content.
    flat.cmd(&["build"]).success();
    assert!(!public.join("public").exists());
    let problems = flat.problems();
    assert!(problems.iter().all(|(rule, ..)| rule != "asset-unused"), "{problems:?}");

    let explicit = folder();
    explicit.file("a/x.md", "---\ntitle: X\n---\nX.\n").file("b/y.md", "---\ntitle: Y\n---\nY.\n");
    explicit.cmd(&["init", ".", "--content", "b"]).success();
    assert!(explicit.read("tebiki.yaml").contains("content: \"b\""));
    let none = folder();
    none.cmd(&["init", ".", "--content", "missing"]).code(2);
    assert!(!none.root().join("tebiki.yaml").exists());
}

#[test]
fn init_lowers_problems_the_articles_already_had_so_the_site_builds() {
    let s = folder();
    s.file("content/a.md", "---\ntitle: A\n---\nSee [the old page](gone.md) and ![a shot](missing.png).\n");
    let out = stdout(&s.cmd(&["init"]).success());
    let config = s.read("tebiki.yaml");
    assert!(config.ends_with("rules:\n  asset-missing: warn  # 1\n  link-target-missing: warn  # 1\n"), "{config}");
    assert!(out.contains("2 errors the articles already had are warnings until fixed"), "{out}");
    assert!(out.contains("first problems:\nwarning[link-target-missing]"), "{out}");
    s.build();
}

#[test]
fn summaries_come_from_the_first_paragraph_cut_at_a_sentence_end() {
    use tebiki::parse::summary::derive;
    let ja_sentence =
        "この手順では、会社のパソコンからリモートで社内ネットワークに接続するための VPN の設定を行います。";
    let ja = ja_sentence.repeat(4);
    // The last sentence end within 160 characters.
    assert_eq!(derive(&ja), ja_sentence.repeat(ja.chars().take(160).collect::<String>().matches('。').count()));
    let en = "Connect to the office network from home with the VPN app. You need the address your administrator gave you, \
your user name and a one-time code from the authenticator app on your phone. After the first time the app remembers the address.";
    assert_eq!(
        derive(en),
        "Connect to the office network from home with the VPN app. You need the address your administrator gave you, \
your user name and a one-time code from the authenticator app on your phone."
    );
    // One long sentence ends between words, with an ellipsis.
    let long = "word ".repeat(50);
    let cut = derive(long.trim());
    assert!(cut.ends_with("word…") && cut.chars().count() <= 161, "{cut}");
    let ja_long = "設定画面の、".repeat(40);
    let cut = derive(&ja_long);
    assert!(cut.ends_with("設定画面の…"), "{cut}");
    // A short first sentence with a long second one: the first alone.
    let short_then_long = format!("Short one. {}", "Then a very long sentence without an end ".repeat(6));
    assert_eq!(derive(&short_then_long), "Short one.");

    let s = TestSite::new();
    s.file("content/a.md", "---\ntitle: A\npublished: 2024-03-02\n---\n![logo](x.png)\n\nRestart the router.\nThen wait.\n\n## 手順\n\n1. x\n")
        .png("content/x.png", 2, 2)
        .file("content/b.md", "---\ntitle: B\npublished: 2024-03-02\n---\nルーターを\n再起動します。\n");
    let site = s.site();
    assert_eq!(guide(&site, "content/a.md").meta.summary, "Restart the router. Then wait.");
    assert_eq!(guide(&site, "content/b.md").meta.summary, "ルーターを再起動します。");
}

/// Run git in `dir` with a fixed commit date.
fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Process::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn dates_come_from_git_history_then_file_times() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\n");
    let fm = |title: &str| format!("---\ntitle: {title}\nsummary: S.\n---\nText.\n");
    s.file("content/dated.md", &fm("Dated"))
        .file("content/old.md", "---\ntitle: Old\nsummary: S.\npublished: 2019-01-01\n---\nText.\n")
        .file("content/once.md", &fm("Once"));
    git(s.root(), &["init", "-q"], "2020-01-02T23:30:00+09:00");
    git(s.root(), &["add", "."], "2020-01-02T23:30:00+09:00");
    git(s.root(), &["commit", "-qm", "first"], "2020-01-02T23:30:00+09:00");
    s.file("content/dated.md", &format!("{}More.\n", fm("Dated")));
    s.file("content/old.md", "---\ntitle: Old\nsummary: S.\npublished: 2019-01-01\n---\nText, edited.\n");
    git(s.root(), &["commit", "-qam", "second"], "2021-05-06T10:00:00+00:00");
    // Another commit that touches no guide.
    s.file("static/x.txt", "x");
    git(s.root(), &["add", "."], "2022-01-01T10:00:00+00:00");
    git(s.root(), &["commit", "-qm", "third"], "2022-01-01T10:00:00+00:00");
    s.file("content/new.md", &fm("New"));
    let never = filetime::FileTime::from_unix_time(1_700_000_000, 0); // 2023-11-14 (UTC)
    filetime::set_file_mtime(s.root().join("content/new.md"), never).unwrap();

    let dates = |s: &TestSite| -> Vec<(String, Option<String>, Option<String>)> {
        let site = s.site();
        let mut out: Vec<_> = site
            .guides
            .iter()
            .map(|g| (g.slug.clone(), g.meta.published.map(|d| d.to_string()), g.meta.updated.map(|d| d.to_string())))
            .collect();
        out.sort();
        out
    };
    let d = |s: &str| Some(s.to_string());
    let local_new =
        chrono::DateTime::<chrono::Local>::from(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000))
            .date_naive()
            .to_string();
    assert_eq!(
        dates(&s),
        [
            ("dated".into(), d("2020-01-02"), d("2021-05-06")),
            ("new".into(), Some(local_new.clone()), None),
            ("old".into(), d("2019-01-01"), d("2021-05-06")),
            ("once".into(), d("2020-01-02"), None),
        ],
        "the committer's day in the committer's time zone; uncommitted files take their file time"
    );
    s.file("tebiki.yaml", "title: T\nlanguages: [en]\ndates: file\n");
    for f in ["dated", "old", "once"] {
        filetime::set_file_mtime(s.root().join(format!("content/{f}.md")), never).unwrap();
    }
    assert_eq!(
        dates(&s),
        [
            ("dated".into(), Some(local_new.clone()), None),
            ("new".into(), Some(local_new.clone()), None),
            ("old".into(), d("2019-01-01"), Some(local_new.clone())),
            ("once".into(), Some(local_new.clone()), None),
        ]
    );
    s.file("tebiki.yaml", "title: T\nlanguages: [en]\ndates: none\n");
    assert_eq!(
        dates(&s),
        [
            ("dated".into(), None, None),
            ("new".into(), None, None),
            ("old".into(), d("2019-01-01"), None),
            ("once".into(), None, None),
        ]
    );
    // serve derives the same dates as build.
    s.file("tebiki.yaml", "title: T\nlanguages: [en]\n");
    let (inc, _) = tebiki::serve::incremental::Incremental::new(tebiki::build::Options {
        site: s.root().to_path_buf(),
        ..Default::default()
    })
    .unwrap();
    let served = match inc.store().get("dated.html") {
        Some(tebiki::serve::incremental::Served::Bytes(b)) => String::from_utf8_lossy(&b).into_owned(),
        other => panic!("{other:?}"),
    };
    assert!(served.contains("datetime=\"2021-05-06\""), "{served}");
}

#[test]
fn categories_fragments_and_exclusions() {
    let s = TestSite::with_config("title: T\nlanguages: [ja]\nexclude: [\"archive/**\", \"*.draft.md\"]\n");
    s.guide("content/account-settings/profile.md", "プロフィール", "本文です。\n")
        .guide("content/よくある質問/login.md", "ログイン", "本文です。![図](../includes/fig.png)\n")
        .file("content/よくある質問/index.md", "---\ntitle: index\nsummary: index\n---\nよくある質問の一覧です。\n")
        .file("content/includes/note.md", "共通の注意です。\n")
        .png("content/includes/fig.png", 2, 2)
        .file("content/snippets/other.png", "not even an image")
        .file("content/archive/old.md", "no front matter at all")
        .file("content/account-settings/wip.draft.md", "no front matter at all")
        .guide("content/account-settings/uses-include.md", "含む", "[!INCLUDE [note](../includes/note.md)]\n");
    let site = s.site();
    let titles: Vec<(&str, &str)> =
        site.categories.iter().map(|c| (c.path.as_str(), c.folder_title.as_str())).collect();
    assert_eq!(titles, [("", ""), ("account-settings", "Account settings"), ("よくある質問", "よくある質問")]);
    assert_eq!(site.guides.len(), 3);
    let faq = site.categories.iter().position(|c| c.path == "よくある質問").unwrap();
    assert_eq!(site.category_title(faq, "ja"), "よくある質問", "`title: index` is no title");
    assert!(site.category_text(faq, "ja").intro_html.contains("よくある質問の一覧です。"));
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    let page = std::fs::read_to_string(s.build().join("account-settings/uses-include.html")).unwrap();
    assert!(!page.contains("includes/note"), "a link to a fragment is text");
}

#[test]
fn url_path_links_resolve_when_one_guide_matches() {
    let diagnostics = |s: &TestSite| -> Vec<String> {
        diagnostics(s).into_iter().filter(|d| !d.starts_with("step-no-screenshot")).collect()
    };
    let s = TestSite::with_config("title: T\nlanguages: [en]\ncontent: docs\n");
    s.guide("docs/a/other-article.md", "Other", "## Steps\n\n1. x\n")
        .guide("docs/b/twin.md", "Twin B", "x\n")
        .guide("docs/c/twin.md", "Twin C", "x\n")
        .guide(
            "docs/a/from.md",
            "From",
            "[1](/docs/other-article) [2](../other-article) [3](other-article/) [4](/docs/a/other-article.html#steps) \
[5](twin) [6](/docs/b/twin) [7](../../../../etc/passwd) [8](../../README.md) [9](/docs/nothing-here)\n\n\
[moved](../../a/other-article.md)\n",
        )
        .file("README.md", "# readme\n");
    let got = diagnostics(&s);
    assert_eq!(
        got,
        [
            "link-target-missing docs/a/from.md:6 link target `twin` could be any of 2 guides | link to the Markdown file instead: `../b/twin.md`, `../c/twin.md`",
            "path-escapes-site docs/a/from.md:6 path `../../../../etc/passwd` leads outside the site folder | keep screenshots and linked files inside docs/ or static/",
            "path-escapes-site docs/a/from.md:6 `../../README.md` is outside the content folder, so it is not published | move it into `docs/`, or link to its address on the web",
            "link-target-missing docs/a/from.md:6 link target `/docs/nothing-here` does not exist | no guide is published as `nothing-here`: link to the guide's Markdown file (`…/name.md`)",
            "link-target-missing docs/a/from.md:8 link target `../../a/other-article.md` does not exist | did you mean `other-article.md`?",
        ]
    );
}

#[test]
fn hints_say_what_is_wrong_and_give_examples_in_the_guides_language() {
    let s = TestSite::new();
    s.file("content/a/ja-date.md", "---\ntitle: 日付\npublished: 2018-09-31\n---\n本文。\n")
        .file("content/a/en-date.en.md", "---\ntitle: Date\npublished: 2018-09-31\n---\nText.\n")
        .file("content/a/slash.md", "---\ntitle: 区切り\npublished: 2018/09/05\n---\n本文。\n")
        .file("content/a/quote.md", "---\ntitle: \"引用符が閉じていない\nsummary: 概要\n---\n本文。\n")
        .file("content/a/list.md", "---\ntitle: 一覧\ntags: セキュリティ\n---\n本文。\n")
        .file("content/account/sms-not-arriving.md", "---\ntitle: SMS\nsummary: S\n---\n1. 一\n2. 二\n3. 三\n")
        .file(
            "content/a/related.md",
            "---\ntitle: 関連\nrelated: [account/sms-not-arriving, account/sms-not-ariving, nowhere/at-all]\n---\n[十五](../account/sms-not-arriving.md#step-15)\n",
        );
    let got: Vec<String> = diagnostics(&s).into_iter().filter(|d| !d.starts_with("step-no-screenshot")).collect();
    assert_eq!(
        got,
        [
            "date-invalid content/a/en-date.en.md:3 `published` is not a valid date: `2018-09-31` | September 2018 has 30 days",
            "date-invalid content/a/ja-date.md:3 `published` is not a valid date: `2018-09-31` | 2018年9月は30日までです",
            "schema content/a/list.md:3 `tags` must be a list | write `tags: [アカウント, セキュリティ]`",
            "front-matter-syntax content/a/quote.md:2 invalid YAML: the quote `\"` opened here is never closed | end the value with `\"` on the same line",
            "related-unknown content/a/related.md:3 related guide `account/sms-not-ariving` does not exist | a guide at `account/sms-not-arriving` exists",
            "related-unknown content/a/related.md:3 related guide `nowhere/at-all` does not exist | write the guide's path in the content folder (`account/reset-password`), a path relative to this file (`../account/reset-password.md`), or a slug that only one guide has (`reset-password`)",
            "anchor-missing content/a/related.md:5 `content/account/sms-not-arriving.md` has no anchor `#step-15` | the page has steps 1–3 (`#step-1` … `#step-3`)",
            "date-invalid content/a/slash.md:3 `published` is not a valid date: `2018/09/05` | write it as `2018-09-05` (YYYY-MM-DD)",
        ]
    );
    let site = s.load().site;
    let related = guide(&site, "content/a/related.md");
    assert_eq!(site.nav[site.guides.iter().position(|g| g.source == related.source).unwrap()].related.len(), 1);
}

#[test]
fn names_with_spaces_and_ampersands_make_valid_urls_in_sitemap_feed_and_search() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\nbase_url: https://help.example.com/\n");
    s.guide("content/Account & billing/100% sure.md", "Sure", "Text.\n");
    let public = s.build();
    assert!(public.join("Account & billing/100% sure.html").is_file(), "names are kept");
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://help.example.com/Account%20&amp;%20billing/100%25%20sure.html</loc>"),
        "{sitemap}"
    );
    let feed = std::fs::read_to_string(public.join("feed.xml")).unwrap();
    assert!(feed.contains("href=\"https://help.example.com/Account%20&amp;%20billing/100%25%20sure.html\""), "{feed}");
    let index = std::fs::read_to_string(public.join("_tebiki/search/f/0.js")).unwrap();
    assert!(index.contains("Account%20&%20billing/100%25%20sure.html"), "the search index holds hrefs");
}

#[test]
fn fields_of_microsoft_learn_and_docusaurus_are_read_as_tebikis() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\ndates: none\n");
    s.file(
        "content/learn.md",
        "---\ntitle: Learn\nms.date: 04/15/2023\nupdated_at: 2024-06-30\nkeywords: [printer, queue]\n---\nClear the print queue.\n",
    )
    .file("content/docu.md", "---\ntitle: Docu\ndate: 2022-01-02 08:00\nlast_update:\n  date: 2022-03-04\n---\nText.\n")
    .file("content/own.md", "---\ntitle: Own\npublished: 2021-01-01\ndate: 2020-01-01\n---\nText.\n")
    .file("content/none.md", "---\ntitle: None\n---\nText.\n");
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    let site = s.site();
    let day = |d: &str| Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    let learn = &guide(&site, "content/learn.md").meta;
    assert_eq!((learn.published, learn.updated), (day("2023-04-15"), day("2024-06-30")), "MM/DD/YYYY");
    assert_eq!(learn.tags, ["printer", "queue"]);
    let docu = &guide(&site, "content/docu.md").meta;
    assert_eq!((docu.published, docu.updated), (day("2022-01-02"), day("2022-03-04")));
    let own = &guide(&site, "content/own.md").meta;
    assert_eq!(own.published, day("2021-01-01"), "tebiki's own field wins");
    let none = &guide(&site, "content/none.md").meta;
    assert_eq!((none.published, none.updated), (None, None), "dates: none");
}

#[test]
fn an_email_autolink_is_a_mailto_link() {
    let s = TestSite::with_config("title: T\nlanguages: [ja]\n");
    s.guide("content/contact.md", "問い合わせ", "質問は <help-desk@example.com> まで送ってください。\n");
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    let page = std::fs::read_to_string(s.build().join("contact.html")).unwrap();
    assert!(page.contains("<a href=\"mailto:help-desk@example.com\">help-desk@example.com</a>"), "{page}");
}
