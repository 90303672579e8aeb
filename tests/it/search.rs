//! The search index a build writes: read back from disk it finds the right
//! guide and unit, every unit links to an element of its page, and the
//! site's `search:` settings reach the browser.

use tebiki::search::reader::Reader;

use crate::support::TestSite;

/// A small bilingual site with steps, questions and a translation.
fn sample() -> TestSite {
    let site = TestSite::new();
    site.file(
        "content/account/verify.md",
        "---\ntitle: アカウントの本人確認をする\nsummary: SMS で届くセキュリティコードで本人確認をします。\napplies_to: [Windows 11]\npublished: 2024-03-02\n---\n\
         ## STEP1 コードを受け取る\n\n1. [設定] を開きます。\n2. [セキュリティコードの受け取り方法] から [SMS] を選びます。\n3. 届いたコードを入力します。\n\n\
         ## 困ったときは\n\n### Q: SMS でセキュリティコードを受け取れません\n\n電波の届く場所で [コードを再送信] をクリックしてください。\n",
    )
    .file(
        "content/apps/crash.md",
        "---\ntitle: Excel が強制終了するときの対処\nsummary: 応答なしになったアプリを終了し、原因を切り分けます。\napplies_to: [Microsoft 365]\npublished: 2024-03-02\n---\n\
         1. タスク マネージャーを開きます。\n2. [タスクを終了する] をクリックします。\n3. Excel をセーフ モードで起動します。\n",
    )
    .file(
        "content/settings/dark.md",
        "---\ntitle: ダークモードに切り替える\nsummary: 画面を黒い配色にします。\npublished: 2024-03-02\n---\n1. [個人用設定] を開きます。\n2. [ダーク] を選びます。\n",
    )
    .file(
        "content/settings/dark.en.md",
        "---\ntitle: Switch to dark mode\nsummary: Give Windows a dark colour scheme.\npublished: 2024-03-02\n---\n1. Open [Personalization].\n2. Choose [Dark].\n",
    );
    site
}

fn read(site: &TestSite) -> Reader {
    let out = site.build();
    Reader::open(&out).unwrap_or_else(|e| panic!("index does not read back: {e}"))
}

#[test]
fn the_index_reads_back_and_finds_guides_steps_and_questions() {
    let site = sample();
    let index = read(&site);
    assert_eq!(index.guides, 4);
    assert_eq!(index.version, tebiki::search::text::SPEC_VERSION);
    let top = |q: &str| {
        let hits = index.search(q, 3);
        assert!(!hits.is_empty(), "no result for {q:?}");
        (hits[0].url.clone(), hits[0].anchor.clone())
    };
    // Japanese: inflection, spacing, half-width katakana.
    assert_eq!(
        top("コード 受け取れない"),
        ("account/verify.html".into(), "sms-でセキュリティコードを受け取れません".into())
    );
    assert_eq!(top("ｾｷｭﾘﾃｨｺｰﾄﾞ").0, "account/verify.html");
    assert_eq!(top("届いたコード"), ("account/verify.html".into(), "step-3".into()));
    // Colloquial: a synonym the text does not contain, a hiragana spelling.
    assert_eq!(top("エクセル すぐ落ちる").0, "apps/crash.html");
    assert_eq!(top("だーくもーど").0, "settings/dark.html");
    assert_eq!(top("dark mode").0, "en/settings/dark.html");
}

#[test]
fn postings_hold_every_guide_that_contains_a_term() {
    let index = read(&sample());
    let docs = |term: &str| -> Vec<u32> {
        index.terms.get(term).unwrap_or_else(|| panic!("{term} not indexed")).iter().map(|p| p.0).collect()
    };
    let url = |d: u32| index.fragments[d as usize].u.clone();
    assert_eq!(docs("excel").into_iter().map(url).collect::<Vec<_>>(), vec!["apps/crash.html"]);
    assert_eq!(docs("ダク").len(), 1, "the Japanese guide; the English one says dark, not ダーク");
    assert_eq!(docs("dark").into_iter().map(url).collect::<Vec<_>>(), vec!["en/settings/dark.html"]);
    // Shards are sorted and cut where the meta file says.
    for (term, &shard) in &index.shard_of {
        assert!(index.shard_bounds[shard].as_str() <= term.as_str());
        if let Some(next) = index.shard_bounds.get(shard + 1) {
            assert!(term < next, "{term} is in shard {shard} but sorts after {next}");
        }
    }
}

#[test]
fn every_unit_links_to_an_element_of_its_page() {
    let site = sample();
    let out = site.build();
    let index = Reader::open(&out).unwrap();
    let mut units = 0;
    for frag in &index.fragments {
        let html = std::fs::read_to_string(out.join(&frag.u)).unwrap();
        for (i, (kind, ..)) in frag.x.iter().enumerate() {
            let anchor = frag.anchor(i);
            units += 1;
            if kind == "g" {
                assert_eq!(anchor, "");
            } else {
                assert!(html.contains(&format!("id=\"{anchor}\"")), "{}#{anchor} does not exist", frag.u);
            }
        }
    }
    assert!(units >= 12, "{units} units");
}

#[test]
fn site_synonyms_and_the_built_in_list_reach_the_meta_file() {
    let site = sample();
    let config = std::fs::read_to_string(site.root().join("tebiki.yaml")).unwrap();
    std::fs::write(
        site.root().join("tebiki.yaml"),
        format!("{config}search:\n  synonyms:\n    - [テレワーク, 在宅勤務]\n    - [ぱわぽ, スライド]\n"),
    )
    .unwrap();
    let index = read(&site);
    let groups = &index.lexicon.synonyms;
    assert!(groups.iter().any(|g| g == &vec!["テレワーク".to_string(), "在宅勤務".to_string()]));
    let ppt = groups.iter().find(|g| g.contains(&"PowerPoint".to_string())).expect("built-in group");
    assert!(ppt.contains(&"スライド".to_string()), "a site group joins the built-in group it shares a word with");

    std::fs::write(
        site.root().join("tebiki.yaml"),
        format!("{config}search:\n  builtin_synonyms: false\n  synonyms:\n    - [テレワーク, 在宅勤務]\n"),
    )
    .unwrap();
    let index = read(&site);
    assert_eq!(index.lexicon.synonyms, vec![vec!["テレワーク".to_string(), "在宅勤務".to_string()]]);
}

#[test]
fn an_unknown_search_setting_is_reported_with_its_line() {
    let site = sample();
    let config = std::fs::read_to_string(site.root().join("tebiki.yaml")).unwrap();
    std::fs::write(site.root().join("tebiki.yaml"), format!("{config}search:\n  synonym: [[a, b]]\n")).unwrap();
    site.cmd(&["check"]).code(2).stderr(predicates::str::contains("tebiki.yaml:4"));
}

#[test]
fn pages_load_the_search_script_and_carry_the_popup() {
    let site = sample();
    let out = site.build();
    let page = std::fs::read_to_string(out.join("settings/dark.html")).unwrap();
    assert!(page.contains(r#"<script src="../_tebiki/search.js" defer></script>"#));
    assert!(page.contains(r#"<link rel="stylesheet" href="../_tebiki/search.css">"#));
    assert!(page.contains(r#"id="search-popup""#));
    assert!(out.join("_tebiki/search/meta.js").is_file());
    let search = std::fs::read_to_string(out.join("search.html")).unwrap();
    assert!(search.contains(r#"id="search-page-results""#) && search.contains(r#"id="search-misses""#));
}
