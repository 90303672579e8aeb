//! What the rendered pages say: the guide page (as a snapshot), languages,
//! dates, structured data and escaping of everything that comes from guides.

use std::collections::BTreeMap;

use crate::support::TestSite;

/// The `<article>` of a page.
fn article(html: &str) -> &str {
    let start = html.find("<article").expect("no article");
    let end = html.find("</article>").expect("no article end") + "</article>".len();
    &html[start..end]
}

/// JSON-LD documents of a page.
pub fn jsonld(html: &str) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut rest = html;
    let open = "<script type=\"application/ld+json\">";
    while let Some(i) = rest.find(open) {
        rest = &rest[i + open.len()..];
        let end = rest.find("</script>").unwrap();
        out.push(serde_json::from_str(&rest[..end]).unwrap());
        rest = &rest[end..];
    }
    out
}

fn guide_site() -> TestSite {
    let s = TestSite::new();
    s.file("content/account/_index.md", "---\ntitle: アカウント\n---\n")
        .png("content/account/verify/shots/start.png", 80, 50)
        .png("content/account/verify/shots/code.png", 80, 50)
        .file(
            "content/account/verify/index.md",
            "---\ntitle: 本人確認を行う\nsummary: セキュリティコードで本人確認をします。\napplies_to: [Windows 11]\ntags: [アカウント]\npublished: 2018-09-05\nupdated: 2019-01-20\nauthor: サポートチーム\nrelated: [../other.md]\n---\n\n> [!TIP]\n> **ワンポイント**\n> 早めに確認してください。\n\n## STEP1 本人確認\n\n### (A) セキュリティコードを受け取る\n\n1. [スタート]ボタンをクリックします。\n\n   ![スタートボタン](shots/start.png \"[スタート]をクリックします。\")\n\n2. 届いたコードを入力します。\n\n   ![コード入力欄](shots/code.png \"コードを入力します。\")\n\n   - 数字6桁です。\n\n## 補足\n\n- 本人確認はブラウザーからもできます。\n\n## 困ったときは\n\n### Q: コードを受け取れません\n\n迷惑メールに振り分けられていないか確認してください。\n",
        )
        .file("content/account/verify/index.en.md", "---\ntitle: Verify your identity\nsummary: Use a security code.\npublished: 2018-09-05\n---\n1. Click [Start].\n\n   ![Start button](shots/start.png)\n")
        .guide("content/account/other.md", "別のガイド", "1. x\n");
    s
}

#[test]
fn guide_page_snapshot() {
    let s = guide_site();
    s.build();
    let html = s.read("public/account/verify.html");
    insta::assert_snapshot!("guide_article_ja", article(&html));
}

#[test]
fn guide_page_has_lang_dates_switcher_and_search_field() {
    let s = guide_site();
    s.build();
    let ja = s.read("public/account/verify.html");
    assert!(ja.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    assert!(ja.contains("<time datetime=\"2018-09-05\">2018年9月5日</time>"));
    assert!(ja.contains("<input id=\"search-input\" class=\"search-input\" type=\"search\""));
    assert!(ja.contains("href=\"../en/account/verify.html\" hreflang=\"en\""), "language switcher");
    let en = s.read("public/en/account/verify.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("5 September 2018"));
    assert!(en.contains("href=\"../../account/verify.html\" hreflang=\"ja\""));
    // Every HTML page has its language and a search field.
    for e in walkdir::WalkDir::new(s.root().join("public")).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_some_and(|x| x == "html") && !e.path().to_string_lossy().contains("/old/") {
            let page = std::fs::read_to_string(e.path()).unwrap();
            if page.contains("http-equiv=\"refresh\"") {
                continue;
            }
            assert!(page.contains("<html lang=\""), "{}", e.path().display());
            assert!(page.contains("type=\"search\""), "{}", e.path().display());
        }
    }
}

#[test]
fn structured_data_has_one_step_per_step_and_the_questions() {
    let s = guide_site();
    s.build();
    let docs = jsonld(&s.read("public/account/verify.html"));
    assert_eq!(docs.len(), 2);
    let howto = &docs[0];
    assert_eq!(howto["@type"], "HowTo");
    assert_eq!(howto["name"], "本人確認を行う");
    let steps = howto["step"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0]["@type"], "HowToStep");
    assert_eq!(steps[0]["url"], "../account/verify.html#step-1");
    assert_eq!(steps[0]["image"], "../account/verify/shots/start.png");
    assert_eq!(steps[1]["name"], "届いたコードを入力します。");
    let faq = &docs[1];
    assert_eq!(faq["@type"], "FAQPage");
    assert_eq!(faq["mainEntity"][0]["name"], "コードを受け取れません");
    assert_eq!(faq["mainEntity"][0]["acceptedAnswer"]["text"], "迷惑メールに振り分けられていないか確認してください。");
}

#[test]
fn structured_data_uses_absolute_urls_with_a_base_url() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\nbase_url: https://help.example.com/docs\n");
    s.png("content/g/s.png", 2, 2).guide("content/g/index.md", "G", "1. Do\n\n   ![x](s.png)\n");
    s.build();
    let html = s.read("public/g.html");
    let steps = &jsonld(&html)[0]["step"];
    assert_eq!(steps[0]["url"], "https://help.example.com/docs/g.html#step-1");
    assert_eq!(steps[0]["image"], "https://help.example.com/docs/g/s.png");
    assert!(html.contains("<link rel=\"canonical\" href=\"https://help.example.com/docs/g.html\">"));
    let sitemap = s.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://help.example.com/docs/g.html</loc><lastmod>2024-03-02</lastmod>"));
}

#[test]
fn hostile_text_is_escaped_where_it_lands() {
    let s = TestSite::new();
    s.file(
        "content/x.md",
        "---\ntitle: \"</script><script>alert(1)</script> & \\\"quotes\\\"\"\nsummary: \"<img src=x onerror=alert(1)>\"\npublished: 2024-01-01\ntags: [\"<b>tag</b>\"]\napplies_to: [\"\\\"><svg onload=alert(1)>\"]\n---\n1. [click](javascript:alert(1)) and [data](data:text/html,x)\n\n## Q: <em>q</em>\n\nanswer\n",
    );
    let out = s.cmd(&["build"]).success().get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("unsafe-url"));
    let html = s.read("public/x.html");
    assert!(!html.contains("<script><script>") && !html.contains("</script><script>alert"), "title closed a script");
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<svg"));
    assert!(!html.contains("javascript:") && !html.contains("data:text"));
    assert!(html.contains("&lt;&#x2F;script&gt;") || html.contains("&lt;/script&gt;"));
    let docs = jsonld(&html);
    assert_eq!(docs[0]["name"], "</script><script>alert(1)</script> & \"quotes\"");
    let feed = s.read("public/feed.xml");
    assert!(!feed.contains("<script>"));
}

#[test]
fn hreflang_alternates_are_absolute_and_only_with_a_base_url() {
    let page = |config: &str| {
        let s = TestSite::with_config(config);
        s.guide("content/g/index.md", "G", "1. Do\n").guide("content/g/index.en.md", "G", "1. Do\n");
        s.build();
        s.read("public/en/g.html")
    };
    let with = page("title: T\nlanguages: [ja, en]\nbase_url: https://help.example.com/docs\n");
    assert!(
        with.contains("<link rel=\"alternate\" hreflang=\"ja\" href=\"https://help.example.com/docs/g.html\">"),
        "{with}"
    );
    assert!(
        with.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://help.example.com/docs/en/g.html\">"),
        "{with}"
    );
    let without = page("title: T\nlanguages: [ja, en]\n");
    assert!(!without.contains("<link rel=\"alternate\" hreflang"), "relative hreflang links are invalid");
    assert!(without.contains("href=\"../g.html\" hreflang=\"ja\""), "the language switcher stays");
}

#[test]
fn an_untranslated_guide_shows_the_other_language_leading_to_its_home() {
    let s = TestSite::with_config("title: T\nlanguages: [ja, en]\nbase_url: https://help.example.com/\n");
    s.guide("content/a/only.md", "日本語だけ", "1. 開きます。\n");
    s.guide("content/a/both.md", "両方", "1. 開きます。\n").guide("content/a/both.en.md", "Both", "1. Open it.\n");
    s.guide("content/b/english.en.md", "English only", "1. Open it.\n");
    // Both render paths, the same bytes.
    let pages = twin_matches_templates(s.root());
    let switch = |page: &str| {
        let html = &pages[page];
        let start = html.find("<span class=\"lang-switch\"").unwrap_or_else(|| panic!("{page}: no switch"));
        let end = start + html[start..].find("\n      </span>").unwrap();
        html[start..end].to_string()
    };
    assert_eq!(
        switch("a/only.html"),
        "<span class=\"lang-switch\" role=\"group\" aria-label=\"言語\">\
<span class=\"lang current\" aria-current=\"true\" lang=\"ja\">日本語</span>\
<a class=\"lang missing\" href=\"../en/index.html\" hreflang=\"en\" lang=\"en\" \
title=\"Not translated yet: opens the home page in this language\">English</a>"
    );
    assert_eq!(
        switch("en/b/english.html"),
        "<span class=\"lang-switch\" role=\"group\" aria-label=\"Language\">\
<a class=\"lang missing\" href=\"../../index.html\" hreflang=\"ja\" lang=\"ja\" \
title=\"このページの日本語版はまだありません。日本語のホームページを開きます\">日本語</a>\
<span class=\"lang current\" aria-current=\"true\" lang=\"en\">English</span>"
    );
    assert_eq!(
        switch("a/both.html"),
        "<span class=\"lang-switch\" role=\"group\" aria-label=\"言語\">\
<span class=\"lang current\" aria-current=\"true\" lang=\"ja\">日本語</span>\
<a class=\"lang\" href=\"../en/a/both.html\" hreflang=\"en\" lang=\"en\">English</a>"
    );
    // hreflang links in the head name real translations only.
    assert!(!pages["a/only.html"].contains("<link rel=\"alternate\" hreflang"));
    assert!(pages["a/both.html"]
        .contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://help.example.com/en/a/both.html\">"));
}

#[test]
fn the_404_page_resolves_its_links_from_the_base_url_at_any_depth() {
    let page = |config: &str| {
        let s = TestSite::with_config(config);
        s.guide("content/a/g.md", "G", "1. Do\n");
        s.build();
        (s.read("public/404.html"), s.read("public/a/g.html"))
    };
    let (with, guide) = page("title: T\nlanguages: [en]\nbase_url: https://help.example.com/docs\n");
    assert!(with.contains("<meta charset=\"utf-8\">\n<base href=\"https://help.example.com/docs/\">\n"), "{with}");
    assert!(with.contains("href=\"_tebiki/tebiki.css\""));
    assert!(!guide.contains("<base "), "only the 404 page needs it");
    let (without, _) = page("title: T\nlanguages: [en]\n");
    assert!(!without.contains("<base "), "without a base_url the links stay relative to the root");
}

/// Copy the example site (config, its list of help ids, and content) into a
/// temporary folder.
fn example_copy() -> tempfile::TempDir {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("tebiki.yaml"), dir.path().join("tebiki.yaml")).unwrap();
    // The list of help ids tebiki.yaml names.
    std::fs::copy(repo.join("product-help-ids.txt"), dir.path().join("product-help-ids.txt")).unwrap();
    for e in walkdir::WalkDir::new(repo.join("content")).into_iter().filter_map(Result::ok) {
        let to = dir.path().join(e.path().strip_prefix(repo).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    dir
}

/// Markup with the whitespace between tags removed.
fn markup(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut pending = String::new();
    for c in html.chars() {
        if c.is_whitespace() && (out.ends_with('>') || !pending.is_empty()) {
            pending.push(c);
            continue;
        }
        if c != '<' {
            out.push_str(&pending);
        }
        pending.clear();
        out.push(c);
    }
    out
}

/// Copy a folder of the repository (a site) into a temporary folder.
fn site_copy(rel: &str) -> tempfile::TempDir {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let dir = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(&from).into_iter().filter_map(Result::ok) {
        let to = dir.path().join(e.path().strip_prefix(&from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    dir
}

/// Build a site as it is (guide bodies laid out by `render::blocks`) and
/// with the default partials supplied as its own (laid out by tera), and
/// require the same markup; returns how many guide pages were compared.
fn fast_and_templated_bodies_agree(copy: impl Fn() -> tempfile::TempDir) -> usize {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fast = copy();
    let templated = copy();
    // Supplying the default partials as the site's own forces tera to render them.
    for p in tebiki::render::blocks::PARTIALS {
        let to = templated.path().join("themes/default/templates").join(p);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo.join("themes/default/templates").join(p), to).unwrap();
    }
    let build = |dir: &std::path::Path| {
        assert_cmd::Command::cargo_bin("tebiki").unwrap().arg("build").current_dir(dir).assert().success();
    };
    build(fast.path());
    build(templated.path());
    let mut compared = 0;
    for e in walkdir::WalkDir::new(fast.path().join("public")).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_some_and(|x| x == "html") {
            let rel = e.path().strip_prefix(fast.path()).unwrap();
            let a = std::fs::read_to_string(e.path()).unwrap();
            let b = std::fs::read_to_string(templated.path().join(rel)).unwrap();
            assert_eq!(markup(&a), markup(&b), "{} differs", rel.display());
            compared += a.contains("class=\"steps\"") as usize;
        }
    }
    compared
}

#[test]
fn guide_bodies_are_the_same_with_the_fast_path_and_with_the_templates() {
    let compared = fast_and_templated_bodies_agree(example_copy);
    assert!(compared >= 8, "only {compared} guide pages compared");
}

#[test]
fn containers_footnotes_and_tasks_are_the_same_with_the_fast_path_and_with_the_templates() {
    let compared = fast_and_templated_bodies_agree(|| site_copy("tests/fixtures/dialects"));
    assert_eq!(compared, 4);
}

/// About 200 bytes of `text` either side of `at`.
fn around(text: &str, at: usize) -> &str {
    let (mut from, mut to) = (at.saturating_sub(200), (at + 200).min(text.len()));
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    &text[from..to]
}

/// Render every guide page, FAQ page and tag page of the site at `root`
/// with `render::page` and with the templates, and require the same bytes.
/// Returns the pages by URL.
fn twin_matches_templates(root: &std::path::Path) -> BTreeMap<String, String> {
    let loaded = tebiki::build::load(&tebiki::build::Options { site: root.to_path_buf(), ..Default::default() })
        .expect("site loads");
    let renderer = tebiki::render::Renderer::new(&loaded.site, &loaded.theme).unwrap();
    let mut pages = BTreeMap::new();
    let mut same = |path: &str, twin: String, templated: String| {
        if twin != templated {
            let at = twin.bytes().zip(templated.bytes()).take_while(|(a, b)| a == b).count();
            panic!(
                "{path}: the twin differs from the templates at byte {at}\n--- twin:\n{}\n--- templates:\n{}",
                around(&twin, at),
                around(&templated, at)
            );
        }
        pages.insert(path.to_string(), twin);
    };
    for (id, g) in loaded.site.guides.iter().enumerate() {
        let twin = renderer.guide_twin(id).expect("the default theme has the twin");
        same(&g.url, twin, renderer.guide_page_templated(id).unwrap());
    }
    // The FAQ and tag pages too.
    let all = renderer.pages();
    for p in &all {
        if matches!(p.kind, tebiki::render::PageKind::Faq(_) | tebiki::render::PageKind::Tag(..)) {
            same(&p.path, renderer.render_page(p, &all).unwrap(), renderer.render_page_templated(p, &all).unwrap());
        }
    }
    pages
}

/// How many of the compared pages are guide pages.
fn guide_count(pages: &BTreeMap<String, String>) -> usize {
    pages.values().filter(|p| p.contains("<body class=\"page-guide\"")).count()
}

#[test]
fn guide_pages_of_the_example_site_are_the_same_from_rust_and_from_the_templates() {
    let site = example_copy();
    let pages = twin_matches_templates(site.path());
    assert!(guide_count(&pages) >= 11, "{}", guide_count(&pages));
    for list in ["faq.html", "en/faq.html", "tags/イヤホン.html", "en/tags/vpn.html"] {
        assert!(pages.contains_key(list), "{list} was not compared");
    }
    // The example site shows every part of the page somewhere.
    for part in [
        "class=\"lang-switch\"",
        "class=\"toc\"",
        "class=\"stepbar",
        "class=\"related\"",
        "class=\"pager-prev\"",
        "class=\"pager-next\"",
        "class=\"qa\"",
        "<code",
        "fact-applies",
        "fact-tags",
    ] {
        assert!(pages.values().any(|p| p.contains(part)), "no example page has {part}");
    }
}

#[test]
fn guide_pages_of_translated_guides_with_questions_are_the_same_from_rust_and_from_the_templates() {
    let s = guide_site();
    let pages = twin_matches_templates(s.root());
    assert_eq!(guide_count(&pages), 3);
    assert!(pages["faq.html"].contains("class=\"faq-group\""));
    assert!(pages["en/account/verify.html"].contains("hreflang=\"ja\" lang=\"ja\">日本語</a>"));
}

#[test]
fn guide_pages_with_hostile_text_are_the_same_from_rust_and_from_the_templates() {
    let s = TestSite::with_config(
        "title: {ja: \"<b>&'サイト\\\"</b>\", en: \"</script> & 'Site' \\\"x\\\"\"}\ndescription: \"<d>\"\nlanguages: [ja, en]\nbase_url: \"https://help.example.com/a&b/\"\nfeedback:\n  endpoint: \"https://fb.example.com/?a=1&b=\\\"2\\\"\"\n",
    );
    let hostile = "title: \"</script><script>alert(1)</script> & \\\"q\\\" 'a'\"\nsummary: \"<img src=x onerror=alert(1)> & </script>\"\npublished: 2024-01-01\nupdated: 2024-02-01\nauthor: \"<i>me</i> & 'you'\"\ntags: [\"<b>tag</b>\", \"a&b\"]\napplies_to: [\"\\\"><svg onload=alert(1)>\", \"Windows 11\"]\nrelated: [../b/plain.md]\n";
    s.file("content/a/_index.md", "---\ntitle: \"<cat> & 'カテゴリ'\"\n---\n")
        .file(
            "content/a/x.md",
            &format!("---\n{hostile}---\nIntro & <b>bold</b>.\n\n## Part </script>\n\n1. Step & one\n2. Step two\n\n## Q: <em>q</em> & 'q'\n\nanswer </script>\n\n## Q: second?\n\nyes\n\n```js\nlet a = \"</script>\";\n```\n"),
        )
        .file("content/a/x.en.md", &format!("---\n{hostile}---\n1. Only step\n"))
        .guide("content/a/y.md", "次 & 'next'", "text only, no steps\n")
        .guide("content/b/plain.md", "Plain", "1. a\n")
        .guide("content/b/plain.en.md", "Plain <en>", "Just prose.\n\n```\n<code>\n```\n");
    let pages = twin_matches_templates(s.root());
    assert_eq!(guide_count(&pages), 5);
    assert!(pages["faq.html"].contains("<meta name=\"description\" content=\"&lt;d&gt;\">"));
    assert!(pages["faq.html"].contains("<span class=\"faq-category\">&lt;cat&gt; &amp; &#x27;カテゴリ&#x27;</span>"));
    assert!(pages.keys().any(|k| k.starts_with("tags/")), "no tag page compared");
    let x = &pages["a/x.html"];
    for part in [
        "<link rel=\"canonical\" href=\"https://help.example.com/a&b/a/x.html\">",
        "<link rel=\"alternate\" hreflang=\"en\"",
        "data-endpoint=\"https:&#x2F;&#x2F;fb.example.com&#x2F;?a=1&amp;b=&quot;2&quot;\"",
        "<title>&lt;&#x2F;script&gt;&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; &quot;q&quot; &#x27;a&#x27; | &lt;b&gt;",
        "\\u003c/script\\u003e",
        "class=\"related\"",
        "class=\"pager-next\"",
        "class=\"toc\"",
        "class=\"qa-tools",
        "<span>作成: &lt;i&gt;me&lt;&#x2F;i&gt; &amp; &#x27;you&#x27;</span>",
    ] {
        assert!(x.contains(part), "a/x.html lacks {part}");
    }
    assert!(!x.contains("</script><script>alert") && !x.contains("<svg"), "hostile text got through");
}

#[test]
fn guide_pages_of_an_english_site_are_the_same_from_rust_and_from_the_templates() {
    let s = TestSite::with_config("title: Help\nlanguages: [en]\n");
    s.guide("content/one.md", "One", "1. Do\n\n## Q: Why?\n\nBecause.\n")
        .guide("content/two.md", "Two", "Intro.\n\n## A\n\ntext\n\n## B\n\ntext\n")
        .guide("content/three.md", "Three", "");
    let pages = twin_matches_templates(s.root());
    assert_eq!(guide_count(&pages), 3);
    assert!(pages.contains_key("faq.html"));
    assert!(pages.values().all(|p| p.starts_with("<!DOCTYPE html>\n<html lang=\"en\">") && !p.contains("lang-switch")));
}

#[test]
fn list_pages_of_a_site_without_questions_are_the_same_from_rust_and_from_the_templates() {
    let s = TestSite::new();
    s.file("content/a.md", "---\ntitle: A\nsummary: S.\ntags: [x, \"y & z\"]\n---\n1. Do\n");
    let pages = twin_matches_templates(s.root());
    assert!(!pages["faq.html"].contains("qa-tools"), "no questions, no expand-all button");
    assert!(pages.keys().filter(|k| k.starts_with("tags/")).count() >= 2);
}

/// Give the site its own copy of a default template with a marker before
/// `at`, build, and require the marker on `page`.
fn assert_site_template_used(s: &TestSite, template: &str, at: &str, page: &str) {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let default = std::fs::read_to_string(repo.join("themes/default/templates").join(template)).unwrap();
    assert!(default.contains(at), "{template} has no {at}");
    let marker = format!("<!-- the site's {template} -->");
    s.file(&format!("themes/default/templates/{template}"), &default.replace(at, &format!("{marker}{at}")));
    s.build();
    assert!(s.read(page).contains(&marker), "{template} was not used for {page}");
}

#[test]
fn a_site_overriding_a_guide_page_template_gets_its_own_template() {
    for (template, at) in [("base.html", "</body>"), ("guide.html", "</article>"), ("partials/crumbs.html", "</ol>")] {
        let s = TestSite::new();
        s.guide("content/g.md", "G", "1. Do\n");
        assert_site_template_used(&s, template, at, "public/g.html");
    }
}

#[test]
fn a_site_overriding_a_list_page_template_gets_its_own_template() {
    let cases = [
        ("base.html", "</body>", "public/faq.html"),
        ("base.html", "</body>", "public/tags/t.html"),
        ("faq.html", "{% endblock main %}", "public/faq.html"),
        ("partials/qa-tools.html", "</div>", "public/faq.html"),
        ("tag.html", "</ul>", "public/tags/t.html"),
        ("partials/card.html", "</li>", "public/tags/t.html"),
    ];
    for (template, at, page) in cases {
        let s = TestSite::new();
        s.file(
            "content/g.md",
            "---\ntitle: G\nsummary: S.\npublished: 2024-03-02\ntags: [t]\n---\n1. Do\n\n## Q: Why?\n\nBecause.\n",
        );
        assert_site_template_used(&s, template, at, page);
    }
}

#[test]
fn tabs_and_includes_are_the_same_with_the_fast_path_and_with_the_templates() {
    let compared = fast_and_templated_bodies_agree(|| site_copy("tests/fixtures/variants"));
    assert_eq!(compared, 3);
    let site = site_copy("tests/fixtures/variants");
    let pages = twin_matches_templates(site.path());
    assert_eq!(guide_count(&pages), 3);
    assert!(pages["sound/volume.html"].contains("<div class=\"step-body\">\n<div class=\"tabs\">"));
}

#[test]
fn the_notice_of_an_outdated_translation_is_the_same_from_rust_and_from_the_templates() {
    let s = guide_site();
    s.file(
        "content/account/verify/index.en.md",
        &s.read("content/account/verify/index.en.md").replacen("---\n", "---\ntranslated_from: 0123456789ab\n", 1),
    );
    let pages = twin_matches_templates(s.root());
    assert!(pages["en/account/verify.html"].contains("<aside class=\"notice notice-outdated\">"));
}
