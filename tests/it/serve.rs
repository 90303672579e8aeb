//! `tebiki serve`: the incremental pipeline against clean builds (a
//! property test over random edit sequences), the real server with a real
//! HTTP client (edit → reload event → new page; a broken guide → overlay
//! and the last good page), and requests that try to leave the output.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use proptest::prelude::*;
use tebiki::build::{self, Options};
use tebiki::serve::{Incremental, Served};

use crate::support::{png, TestSite};

// ---------------------------------------------------------------------------
// Incremental output = clean build, over random edit sequences.

/// Guide paths the edits choose from (some start out absent).
const SLOTS: [&str; 6] = [
    "content/a/one/index.md",
    "content/a/one/index.en.md",
    "content/a/two.md",
    "content/b/three/index.md",
    "content/b/four.md",
    "content/c/five/index.md",
];

/// Screenshot paths the edits choose from.
const SHOTS: [&str; 3] = ["content/a/one/shot.png", "content/b/three/shot.png", "content/c/five/shot.png"];

/// A guide's text; `v` picks the variant (title, tags, dates, links, Q&A, draft …).
fn guide_text(slot: usize, v: u8) -> String {
    let title = ["設定を開く", "Open settings", "パスワード", "Zeta", "アカウント"][usize::from(v) % 5];
    let tags = ["[設定]", "[設定, 表示]", "[]", "[account]"][usize::from(v) % 4];
    let updated =
        if v.is_multiple_of(3) { "\nupdated: 2025-01-0".to_string() + &(1 + v % 9).to_string() } else { String::new() };
    let draft = if v % 7 == 6 { "\ndraft: true" } else { "" };
    let weight = if v % 4 == 1 { format!("\nweight: {}", v % 3) } else { String::new() };
    let related = if v % 5 == 2 { "\nrelated: [two]" } else { "" };
    let alias = if v % 6 == 4 { format!("\naliases: [/old/{slot}/]") } else { String::new() };
    // Help ids: one several guides may give (a duplicate across guides, not
    // between a guide and its translation), or the guide's own; a step's.
    let help = match v % 8 {
        3 | 6 => "\nhelp_id: shared".to_string(),
        5 => format!("\nhelp_id: [g{slot}, 番号{slot}]"),
        _ => String::new(),
    };
    // (Not in the base site: a place's text is in the map, so an edit of
    // the step would change the map too.)
    let step_help = if v % 4 == 2 && v >= 8 { format!(" {{help=step{}}}", v % 3) } else { String::new() };
    // A screenshot of the guide's own bundle, when it has one.
    let shot = match slot {
        0 | 1 => "\n\n   ![画面](shot.png \"[開く]をクリックします。\")",
        3 => "\n\n   ![画面](shot.png)",
        5 if v.is_multiple_of(2) => "\n\n   ![画面](shot.png)",
        _ => "",
    };
    let link = match v % 4 {
        // An anchor only some versions of three have: its links break and heal.
        0 if v % 16 >= 8 => "[二](../two.md) と [三](../../b/three/index.md#trouble)".to_string(),
        0 => "[二](../two.md) と [三](../../b/three/index.md#step-1)".to_string(),
        1 => "[four](/../b/four.md)".to_string().replace("/../", "../../"),
        2 => format!("段落 {v}"),
        _ => "[カテゴリー](../)".to_string(),
    };
    let link = if slot == 2 || slot == 4 { link.replace("../../", "../").replace("../two.md", "two.md") } else { link };
    // Steps from an include file, which edits write, change and delete.
    let depth = SLOTS[slot].matches('/').count() - 1;
    let include = if v % 3 == 1 {
        format!("[!INCLUDE [手順]({}includes/steps.md)]\n", "../".repeat(depth))
    } else {
        String::new()
    };
    let qa = if v % 2 == 1 {
        format!("\n\n## 困ったときは {{#trouble}}\n\n### Q: 開けないときは? {v}\n\n再起動します。")
    } else {
        String::new()
    };
    format!(
        "---\ntitle: {title} {slot}\nsummary: 概要 {v}\ntags: {tags}\npublished: 2024-03-0{}{updated}{draft}{weight}{related}{alias}{help}\n---\n\n\
{link}\n\n## STEP1 手順\n\n1. [設定] をクリックします。{v}{shot}\n2. 次へ進みます。{step_help}\n{include}{qa}\n",
        1 + slot % 9
    )
}

#[derive(Debug, Clone)]
enum Edit {
    Write(usize, u8),
    Delete(usize),
    Rename(usize, usize),
    Shot(usize, u8),
    DeleteShot(usize),
    Category(u8),
    /// A broken guide (errors), then on the next edit whatever comes.
    Break(usize),
    /// The include file some guides include: written (`v` picks its text,
    /// which may include another file), or deleted (`None`).
    Include(Option<u8>),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0..SLOTS.len(), any::<u8>()).prop_map(|(s, v)| Edit::Write(s, v)),
        1 => (0..SLOTS.len()).prop_map(Edit::Delete),
        1 => (0..SLOTS.len(), 0..SLOTS.len()).prop_map(|(a, b)| Edit::Rename(a, b)),
        2 => (0..SHOTS.len(), any::<u8>()).prop_map(|(s, v)| Edit::Shot(s, v)),
        1 => (0..SHOTS.len()).prop_map(Edit::DeleteShot),
        1 => any::<u8>().prop_map(Edit::Category),
        1 => (0..SLOTS.len()).prop_map(Edit::Break),
        2 => proptest::option::weighted(0.8, any::<u8>()).prop_map(Edit::Include),
    ]
}

/// Apply an edit; returns the paths it touched (as a watcher reports them).
fn apply(root: &Path, e: &Edit) -> Vec<PathBuf> {
    let write = |rel: &str, bytes: &[u8]| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        vec![p.clone(), p.parent().unwrap().to_path_buf()]
    };
    match *e {
        Edit::Write(s, v) => write(SLOTS[s], guide_text(s, v).as_bytes()),
        Edit::Break(s) => write(SLOTS[s], b"---\ntitle: [unclosed\n---\n\n1. x\n"),
        Edit::Delete(s) => {
            let p = root.join(SLOTS[s]);
            let _ = std::fs::remove_file(&p);
            vec![p]
        }
        Edit::Rename(a, b) => {
            let (from, to) = (root.join(SLOTS[a]), root.join(SLOTS[b]));
            if a == b || !from.is_file() {
                return vec![];
            }
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::rename(&from, &to).unwrap();
            vec![from, to]
        }
        Edit::Shot(s, v) => write(SHOTS[s], &png(8 + u32::from(v % 5), 6 + u32::from(v % 3))),
        Edit::DeleteShot(s) => {
            let p = root.join(SHOTS[s]);
            let _ = std::fs::remove_file(&p);
            vec![p]
        }
        Edit::Include(Some(v)) => {
            let nested = if v % 2 == 0 { "\n[!INCLUDE [注](note.md)]\n" } else { "" };
            let mut touched = write("content/includes/note.md", format!("補足 {}\n", v % 3).as_bytes());
            touched.extend(write(
                "content/includes/steps.md",
                format!("1. 取り込んだ手順 {v} です。\n2. [閉じる] をクリックします。\n{nested}").as_bytes(),
            ));
            touched
        }
        Edit::Include(None) => {
            let p = root.join("content/includes/steps.md");
            let _ = std::fs::remove_file(&p);
            vec![p]
        }
        Edit::Category(v) => write(
            "content/a/_index.md",
            format!("---\ntitle: カテゴリー {}\nweight: {}\n---\n説明 {v}\n", v % 3, v % 2).as_bytes(),
        ),
    }
}

fn base_site() -> TestSite {
    let site = TestSite::new();
    for (i, slot) in SLOTS.iter().enumerate().take(4) {
        site.file(slot, &guide_text(i, i as u8 * 2));
    }
    for shot in SHOTS {
        site.png(shot, 10, 8);
    }
    site.file("content/b/_index.md", "---\ntitle: ビー\n---\n");
    site.file("content/includes/steps.md", "1. 取り込んだ手順です。\n2. [閉じる] をクリックします。\n");
    site
}

/// Output files by path.
type Files = BTreeMap<String, Vec<u8>>;

/// The files of a clean build (none when it has errors) and its diagnostics.
fn clean_build(root: &Path, out: &Path) -> (Option<Files>, Vec<String>) {
    let built =
        build::build(&Options { site: root.to_path_buf(), out: Some(out.to_path_buf()), force: true, drafts: false })
            .unwrap();
    let diags = diagnostics(&built.loaded.report);
    if built.out.is_none() {
        return (None, diags);
    }
    let files = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != tebiki::output::MARKER)
        .map(|e| (e.path().strip_prefix(out).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    (Some(files), diags)
}

/// What a checking pipeline (`tebiki lsp`'s) holds about every file, in
/// the report's order.
fn checked(inc: &Incremental) -> Vec<String> {
    let diags = inc.files_with_diagnostics().iter().flat_map(|f| inc.diagnostics(f)).collect();
    diagnostics(&tebiki::check::report::Report::with_reader(None, diags, |_| None))
}

fn diagnostics(report: &tebiki::check::report::Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?} {} {:?} {} {:?}", d.rule.id, d.severity, d.file.display(), d.span, d.message, d.hint))
        .collect()
}

/// The served files. An asset is served from its source file, so while
/// errors keep the last good build, a screenshot deleted since is gone:
/// `with_assets: false` leaves those out of the comparison.
fn served(inc: &Incremental, with_assets: bool) -> BTreeMap<String, Vec<u8>> {
    let store = inc.store();
    store
        .paths()
        .into_iter()
        .filter_map(|p| {
            let bytes = match store.get(&p).unwrap() {
                Served::Bytes(b) => b.to_vec(),
                Served::File(f) if with_assets => std::fs::read(f).unwrap(),
                Served::File(_) => return None,
            };
            Some((p, bytes))
        })
        .collect()
}

fn assert_same(incremental: &BTreeMap<String, Vec<u8>>, clean: &BTreeMap<String, Vec<u8>>, history: &[Edit]) {
    let a: Vec<&String> = incremental.keys().collect();
    let b: Vec<&String> = clean.keys().collect();
    assert_eq!(a, b, "different files after {history:?}");
    for (path, bytes) in clean {
        if &incremental[path] != bytes {
            panic!(
                "{path} differs after {history:?}\n--- incremental\n{}\n--- clean\n{}",
                String::from_utf8_lossy(&incremental[path]),
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

/// A link to an anchor of another guide breaks and heals as that guide
/// alone is edited: serve's report and the checking pipeline follow a
/// clean check each time (the guides linking to a guide whose anchors
/// changed are checked again).
#[test]
fn links_to_an_edited_guides_anchors_break_and_heal_as_a_clean_check_says() {
    let site = base_site();
    let outdir = tempfile::tempdir().unwrap();
    let out = outdir.path().join("public");
    let opts = Options { site: site.root().to_path_buf(), ..Default::default() };
    let (mut inc, _) = Incremental::new(opts.clone()).unwrap();
    let (mut chk, _) = Incremental::checking(opts, Default::default()).unwrap();
    // three is built without `#trouble`; one links to it; three gains the
    // anchor, loses it, goes, and comes back without it.
    let edits = [
        Edit::Write(3, 2),
        Edit::Write(0, 8),
        Edit::Write(3, 7),
        Edit::Write(3, 2),
        Edit::Delete(3),
        Edit::Write(3, 2),
    ];
    let mut missing = Vec::new();
    for (i, e) in edits.iter().enumerate() {
        let touched = apply(site.root(), e);
        let outcome = inc.update(&touched, &mut |_| {}).unwrap();
        chk.update_pages(&touched, &mut |_| {}).unwrap();
        let (_, clean) = clean_build(site.root(), &out);
        assert_eq!(diagnostics(&outcome.report), clean, "serve after {:?}", &edits[..=i]);
        assert_eq!(checked(&chk), clean, "the checking pipeline after {:?}", &edits[..=i]);
        missing.push(clean.iter().any(|d| d.starts_with("anchor-missing")));
    }
    assert_eq!(missing, [false, true, false, true, false, true]);
}

#[test]
fn help_id_problems_come_and_go_as_a_clean_check_says() {
    let site = base_site();
    site.file("tebiki.yaml", "title: {ja: テスト, en: Test}\nlanguages: [ja, en]\nhelp_ids: product/ids.txt\n")
        .file("product/ids.txt", "# the app\n");
    let outdir = tempfile::tempdir().unwrap();
    let out = outdir.path().join("public");
    let opts = Options { site: site.root().to_path_buf(), ..Default::default() };
    let (mut inc, _) = Incremental::new(opts.clone()).unwrap();
    let (mut chk, _) = Incremental::checking(opts, Default::default()).unwrap();
    // (a guide edit, or the list's new text; the help-id rules a clean
    // check then reports)
    let steps: [(Result<Edit, &str>, &[&str]); 9] = [
        // two and four give `shared`.
        (Ok(Edit::Write(2, 3)), &[]),
        (Ok(Edit::Write(4, 11)), &["help-id-duplicate"]),
        // one and its translation give it too: one duplicate per place.
        (Ok(Edit::Write(0, 3)), &["help-id-duplicate", "help-id-duplicate"]),
        (Ok(Edit::Write(4, 1)), &["help-id-duplicate"]),
        (Ok(Edit::Write(2, 0)), &[]),
        // The product's list names an id; the site gains and loses it.
        (Err("shared\ng2\n"), &["help-id-missing"]),
        (Ok(Edit::Write(2, 5)), &[]),
        (Ok(Edit::Write(2, 0)), &["help-id-missing"]),
        (Err("shared\n"), &[]),
    ];
    for (i, (change, want)) in steps.into_iter().enumerate() {
        let touched = match change {
            Ok(e) => apply(site.root(), &e),
            Err(text) => {
                let p = site.root().join("product/ids.txt");
                std::fs::write(&p, text).unwrap();
                vec![p]
            }
        };
        let outcome = inc.update(&touched, &mut |_| {}).unwrap();
        chk.update_pages(&touched, &mut |_| {}).unwrap();
        let (files, clean) = clean_build(site.root(), &out);
        assert_eq!(diagnostics(&outcome.report), clean, "serve after step {i}");
        assert_eq!(checked(&chk), clean, "the checking pipeline after step {i}");
        let rules: Vec<&str> =
            clean.iter().filter_map(|d| d.split(' ').next()).filter(|r| r.starts_with("help-id-")).collect();
        assert_eq!(rules, want, "step {i}: {clean:#?}");
        // What serve publishes of the map is what a build writes.
        if let Some(files) = files {
            let served = served(&inc, false);
            assert_eq!(served.get("help-ids.json"), files.get("help-ids.json"), "step {i}");
            assert_eq!(served.get("_tebiki/help-ids.js"), files.get("_tebiki/help-ids.js"), "step {i}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn incremental_output_is_byte_identical_to_a_clean_build(edits in proptest::collection::vec(edit(), 1..8)) {
        let site = base_site();
        // serve shows screenshots as they are; a build without encoding is its twin.
        site.file("tebiki.yaml", "title: {ja: テスト, en: Test}\nlanguages: [ja, en]\nimages:\n  optimize: false\n");
        let outdir = tempfile::tempdir().unwrap();
        let out = outdir.path().join("public");
        let opts = Options { site: site.root().to_path_buf(), ..Default::default() };
        let (mut inc, first) = Incremental::new(opts.clone()).unwrap();
        // The checking pipeline of `tebiki lsp`, fed the same changes: it
        // keeps every file's diagnostics as a clean check reports them.
        let (mut chk, _) = Incremental::checking(opts, Default::default()).unwrap();
        let mut last_good = match clean_build(site.root(), &out) {
            (Some(files), _) => files,
            (None, d) => panic!("the base site has errors: {d:#?}"),
        };
        prop_assert!(first.rendered);
        assert_same(&served(&inc, true), &last_good, &[]);
        let mut history = Vec::new();
        for e in edits {
            let touched = apply(site.root(), &e);
            history.push(e);
            if touched.is_empty() {
                continue;
            }
            let outcome = inc.update(&touched, &mut |_| {}).unwrap();
            chk.update_pages(&touched, &mut |_| {}).unwrap();
            let (clean_files, clean) = clean_build(site.root(), &out);
            prop_assert_eq!(&diagnostics(&outcome.report), &clean, "serve's report after {:?}", history);
            prop_assert_eq!(&checked(&chk), &clean, "the checking pipeline after {:?}", history);
            match clean_files {
                Some(files) => {
                    prop_assert!(outcome.rendered, "not rendered after {history:?}: {:#?}", diagnostics(&outcome.report));
                    last_good = files;
                    assert_same(&served(&inc, true), &last_good, &history);
                }
                None => {
                    // The last good pages stay.
                    prop_assert!(!outcome.skipped && !outcome.rendered, "rendered despite errors after {history:?}");
                    let pages = served(&inc, false);
                    let good: BTreeMap<String, Vec<u8>> =
                        last_good.iter().filter(|(p, _)| pages.contains_key(*p)).map(|(p, b)| (p.clone(), b.clone())).collect();
                    assert_same(&pages, &good, &history);
                }
            }
        }
    }
}

#[test]
fn an_edited_step_renders_only_its_guide_page() {
    let site = base_site();
    let (mut inc, _) = Incremental::new(Options { site: site.root().to_path_buf(), ..Default::default() }).unwrap();
    let text = guide_text(0, 0).replace("次へ進みます。", "次へ進みます(変更)。");
    site.file(SLOTS[0], &text);
    let mut batches = Vec::new();
    let outcome = inc.update(&[site.root().join(SLOTS[0])], &mut |b| batches.push(b.to_vec())).unwrap();
    assert_eq!(outcome.guides_parsed, 1);
    assert_eq!(outcome.pages_rendered, 1, "only the guide's page: {:?}", outcome.changed);
    assert_eq!(batches, vec![vec!["a/one.html".to_string()]]);
}

/// The search index files served now, joined.
fn served_index(inc: &Incremental) -> String {
    let store = inc.store();
    let mut paths: Vec<String> = store.paths().into_iter().filter(|p| p.starts_with("_tebiki/search/")).collect();
    paths.sort();
    paths
        .iter()
        .map(|p| match store.get(p) {
            Some(Served::Bytes(b)) => String::from_utf8_lossy(&b).into_owned(),
            other => panic!("{p}: {other:?}"),
        })
        .collect()
}

#[test]
fn an_edited_step_reaches_the_search_index_after_its_page() {
    let site = base_site();
    let (mut inc, _) = Incremental::new(Options { site: site.root().to_path_buf(), ..Default::default() }).unwrap();
    assert!(!inc.search_pending());
    assert!(!served_index(&inc).contains("ペンギン"));
    site.file(SLOTS[0], &guide_text(0, 0).replace("次へ進みます。", "ペンギンの絵を選びます。"));
    // serve renders the page first; the index waits until saves pause.
    let outcome = inc.update_pages(&[site.root().join(SLOTS[0])], &mut |_| {}).unwrap();
    assert_eq!(outcome.changed, vec!["a/one.html".to_string()]);
    assert!(inc.search_pending());
    assert!(!served_index(&inc).contains("ペンギン"));
    // A save coming in gives the rebuild up; it stays pending.
    assert_eq!(inc.refresh_search_unless(&std::sync::atomic::AtomicBool::new(true)), None);
    assert!(inc.search_pending());
    assert!(!served_index(&inc).contains("ペンギン"));
    let changed = inc.refresh_search();
    assert!(changed.iter().all(|p| p.starts_with("_tebiki/search/")) && !changed.is_empty(), "{changed:?}");
    assert!(served_index(&inc).contains("ペンギンの絵を選びます"), "the fragment of the edited guide");
    assert!(!inc.search_pending());
    assert!(inc.refresh_search().is_empty(), "nothing left to rebuild");
}

#[test]
fn a_new_title_reaches_category_tag_faq_feed_and_sitemap_pages() {
    let site = base_site();
    let (mut inc, _) = Incremental::new(Options { site: site.root().to_path_buf(), ..Default::default() }).unwrap();
    // Variant 3 has a question (so the FAQ page shows the guide) and the tag `account`.
    site.file(SLOTS[0], &guide_text(0, 3));
    let outcome = inc.update(&[site.root().join(SLOTS[0])], &mut |_| {}).unwrap();
    assert!(outcome.rendered, "{:?}", outcome.report.diagnostics);
    site.file(SLOTS[0], &guide_text(0, 3).replace("Zeta 0", "Renamed guide"));
    let mut batches = Vec::new();
    let outcome = inc.update(&[site.root().join(SLOTS[0])], &mut |b| batches.push(b.to_vec())).unwrap();
    assert_eq!(batches[0], vec!["a/one.html".to_string()], "the edited guide comes first");
    for page in ["a/index.html", "faq.html", "feed.xml", "index.html", "tags/account.html"] {
        assert!(outcome.changed.iter().any(|c| c == page), "{page} not re-rendered: {:?}", outcome.changed);
    }
    assert!(!outcome.changed.iter().any(|c| c == "b/three.html"), "unrelated guide re-rendered");
}

// ---------------------------------------------------------------------------
// The real server.

/// A `tebiki serve` process, killed on drop.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const WAIT: Duration = Duration::from_secs(60);

fn start(site: &Path) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("tebiki"))
        .args(["serve", ".", "--port", "0"])
        .current_dir(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx.recv_timeout(WAIT).expect("serve printed no address");
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect("an address").to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "serve listens on loopback by default: {url}");
    Server { child, url }
}

/// Server-sent events as (event, data) pairs, read on a thread.
fn events(url: &str) -> Receiver<(String, String)> {
    let body = ureq::get(&format!("{url}__tebiki/events")).call().unwrap().into_body();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(body.into_reader()).lines().map_while(Result::ok) {
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                if tx.send((event.clone(), d.to_string())).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

/// Wait for an event of `kind` whose data contains `needle`.
fn wait_for(rx: &Receiver<(String, String)>, kind: &str, needle: &str) -> String {
    loop {
        let (e, d) = rx.recv_timeout(WAIT).unwrap_or_else(|_| panic!("no `{kind}` event with {needle}"));
        if e == kind && d.contains(needle) {
            return d;
        }
    }
}

fn get(url: &str) -> (u16, String) {
    match ureq::get(url).config().http_status_as_error(false).build().call() {
        Ok(mut r) => (r.status().as_u16(), r.body_mut().read_to_string().unwrap()),
        Err(e) => panic!("{url}: {e}"),
    }
}

#[test]
fn serve_reloads_after_an_edit_and_shows_problems_over_the_last_good_page() {
    let site = TestSite::new();
    site.guide("content/a/guide/index.md", "手順", "## STEP1 開く\n\n1. [設定] を開きます。\n");
    site.png("content/a/guide/shot.png", 10, 8);
    let server = start(site.root());
    let rx = events(&server.url);
    wait_for(&rx, "hello", "");

    let (status, page) = get(&format!("{}a/guide.html", server.url));
    assert_eq!(status, 200);
    assert!(page.contains("[設定]") || page.contains("設定"));
    assert!(page.contains("/__tebiki/livereload.js"), "the reload script is injected in serve mode");

    // An edit: the reload event names the page, which now has the new text.
    site.guide("content/a/guide/index.md", "手順", "## STEP1 開く\n\n1. [表示] を選びます。\n");
    wait_for(&rx, "reload", "a/guide.html");
    let (_, page) = get(&format!("{}a/guide.html", server.url));
    assert!(page.contains("を選びます"), "new text served");

    // A screenshot edited in place: pages that show it are told.
    site.guide("content/a/guide/index.md", "手順", "## STEP1 開く\n\n1. [表示] を選びます。\n\n   ![画面](shot.png)\n");
    wait_for(&rx, "reload", "a/guide.html");
    site.png("content/a/guide/shot.png", 20, 16);
    wait_for(&rx, "reload", "a/guide/shot.png");
    let (_, page) = get(&format!("{}a/guide.html", server.url));
    assert!(page.contains("width=\"20\""), "the new size is in the page");

    // A broken guide: problems are shown, the last good page stays.
    site.file("content/a/guide/index.md", "---\ntitle: [壊れた\n---\n");
    let problems = wait_for(&rx, "problems", "index.md");
    assert!(problems.contains("front-matter"), "{problems}");
    let (status, page) = get(&format!("{}a/guide.html", server.url));
    assert_eq!(status, 200);
    assert!(page.contains("を選びます"), "the last good page is still served");
    assert!(page.contains("tebiki-serve-problems"), "the overlay is in the page");

    // Fixed: the overlay goes, the page reloads with the fix.
    site.guide("content/a/guide/index.md", "手順", "## STEP1 開く\n\n1. [閉じる] を押します。\n");
    wait_for(&rx, "clear", "");
    let (_, page) = get(&format!("{}a/guide.html", server.url));
    assert!(page.contains("を押します") && !page.contains("tebiki-serve-problems"));

    // A new guide appears; a removed one goes (404).
    site.guide("content/b/new.md", "新しい手引き", "1. 手順です。\n");
    wait_for(&rx, "reload", "b/new.html");
    assert_eq!(get(&format!("{}b/new.html", server.url)).0, 200);
    std::fs::remove_file(site.root().join("content/b/new.md")).unwrap();
    wait_for(&rx, "reload", "b/new.html");
    assert_eq!(get(&format!("{}b/new.html", server.url)).0, 404);
}

/// Send a raw request line (no client normalises the path) and return the response.
fn raw_get(url: &str, target: &str) -> String {
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(s, "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn serve_never_answers_with_a_file_outside_the_output() {
    let site = TestSite::with_config("# SECRET-CONFIG\ntitle: T\nlanguages: [ja]\n");
    site.guide("content/a/guide.md", "手順", "1. 開きます。\n");
    let server = start(site.root());
    assert!(raw_get(&server.url, "/a/guide.html").starts_with("HTTP/1.1 200"));
    for target in [
        "/../tebiki.yaml",
        "/a/../../tebiki.yaml",
        "/%2e%2e/tebiki.yaml",
        "/%2E%2E%2Ftebiki.yaml",
        "/a/%2e%2e/%2e%2e/tebiki.yaml",
        "/..%5ctebiki.yaml",
        "/..\\tebiki.yaml",
        "/%5c..%5c..%5ctebiki.yaml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
        "/tebiki.yaml",
        "/content/a/guide.md",
        "/../../../../../../etc/passwd",
    ] {
        let res = raw_get(&server.url, target);
        let status = res.split_whitespace().nth(1).unwrap_or_default().to_string();
        assert!(status == "400" || status == "404", "{target}: {status}");
        assert!(!res.contains("SECRET-CONFIG") && !res.contains("root:x:0"), "{target} leaked a file");
    }
}

#[test]
fn an_edit_to_an_original_marks_its_translation_outdated_and_an_include_edit_reaches_its_guides() {
    let site = TestSite::new();
    site.file("content/includes/tip.md", "> [!TIP]\n> 先に保存してください。\n");
    site.guide("content/p.md", "プリンター", "[設定] を開きます。\n\n[!INCLUDE [tip](includes/tip.md)]\n");
    let mark = tebiki::translations::mark_of(site.read("content/p.md").as_bytes()).unwrap();
    site.file(
        "content/p.en.md",
        &format!("---\ntitle: Printer\nsummary: Add one.\npublished: 2024-03-02\ntranslated_from: {mark}\n---\nOpen [Settings].\n"),
    );
    let (mut inc, first) = Incremental::new(Options { site: site.root().to_path_buf(), ..Default::default() }).unwrap();
    assert!(first.rendered);
    let page = |inc: &Incremental, p: &str| match inc.store().get(p).unwrap() {
        Served::Bytes(b) => String::from_utf8(b.to_vec()).unwrap(),
        Served::File(_) => unreachable!(),
    };
    assert!(!page(&inc, "en/p.html").contains("notice-outdated"));

    site.guide(
        "content/p.md",
        "プリンター",
        "[設定] を開きます。変わりました。\n\n[!INCLUDE [tip](includes/tip.md)]\n",
    );
    let outcome = inc.update(&[site.root().join("content/p.md")], &mut |_| {}).unwrap();
    assert!(outcome.changed.contains(&"en/p.html".to_string()), "{:?}", outcome.changed);
    assert!(page(&inc, "en/p.html").contains("notice-outdated"));
    assert_eq!(outcome.report.warnings(), 1);

    site.file("content/includes/tip.md", "> [!TIP]\n> 閉じる前に保存してください。\n");
    let outcome = inc.update(&[site.root().join("content/includes/tip.md")], &mut |_| {}).unwrap();
    assert_eq!(outcome.guides_parsed, 1);
    assert!(page(&inc, "p.html").contains("閉じる前に保存してください"));
    let out = tempfile::tempdir().unwrap();
    assert_same(&served(&inc, true), &clean_build(site.root(), &out.path().join("public")).0.unwrap(), &[]);
}

/// A site with one good guide and one with a broken link (an error).
fn site_with_an_error() -> TestSite {
    let site = TestSite::with_config("title: T\nlanguages: [ja]\nrules: {step-no-screenshot: off}\n");
    site.guide("content/a/good.md", "良い手引き", "1. 開きます。\n");
    site.guide("content/a/bad.md", "壊れた手引き", "1. [前の手順](missing.md) を見ます。\n");
    site
}

#[test]
fn a_site_with_errors_at_start_up_is_rendered_as_it_is() {
    let site = site_with_an_error();
    let opts = Options { site: site.root().to_path_buf(), ..Default::default() };
    let (mut inc, first) = Incremental::new(opts.clone()).unwrap();
    assert_eq!(first.report.errors(), 1);
    assert!(first.rendered && !inc.last_good());
    for page in ["index.html", "a/good.html", "a/bad.html", "a/index.html", "404.html"] {
        assert!(inc.store().get(page).is_some(), "{page} is served");
    }
    let serve = tebiki::serve::ServeOptions {
        build: opts,
        bind: "127.0.0.1".into(),
        port: 0,
        quiet: false,
        verbose: false,
        color: false,
    };
    let text = tebiki::serve::outcome_text("built", &first, &serve);
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("built: parsed 2 guides, rendered ")
            && last.ends_with(
                "(1 error and 0 warnings); the site has not built without errors yet: pages are served as they are"
            ),
        "{text}"
    );
    assert!(text.contains("error[link-target-missing]"), "{text}");
    let overlay = tebiki::serve::problems_html(&first.report, inc.last_good());
    assert!(overlay.contains("tebiki: 1 error and 0 warnings; pages are shown as they are"), "{overlay}");

    // Still broken after an edit: rendered again, with the edit.
    site.guide("content/a/good.md", "良い手引き", "1. 閉じます。\n");
    let o = inc.update(&[site.root().join("content/a/good.md")], &mut |_| {}).unwrap();
    assert!(o.rendered && o.changed.iter().any(|p| p == "a/good.html"));
    // Fixed: from now on, errors keep the last good build.
    site.guide("content/a/bad.md", "壊れた手引き", "1. 直しました。\n");
    let o = inc.update(&[site.root().join("content/a/bad.md")], &mut |_| {}).unwrap();
    assert!(o.rendered && inc.last_good() && o.report.errors() == 0);
    site.guide("content/a/bad.md", "壊れた手引き", "1. [また](missing.md) 壊れました。\n");
    let o = inc.update(&[site.root().join("content/a/bad.md")], &mut |_| {}).unwrap();
    assert!(!o.rendered && inc.last_good());
    let text = tebiki::serve::outcome_text("content/a/bad.md", &o, &serve);
    assert!(text.ends_with("content/a/bad.md: 1 error and 0 warnings; still serving the last good build\n"), "{text}");
    let Some(Served::Bytes(page)) = inc.store().get("a/bad.html") else { panic!("no page") };
    assert!(String::from_utf8_lossy(&page).contains("直しました"));
    let overlay = tebiki::serve::problems_html(&o.report, inc.last_good());
    assert!(overlay.contains("tebiki: 1 error and 0 warnings; this page is the last good build"), "{overlay}");
}

#[test]
fn serve_started_with_an_error_answers_every_page_with_the_overlay() {
    let site = site_with_an_error();
    let server = start(site.root());
    for page in ["", "a/good.html", "a/bad.html"] {
        let (status, html) = get(&format!("{}{page}", server.url));
        assert_eq!(status, 200, "/{page}");
        assert!(html.contains("tebiki-serve-problems") && html.contains("link-target-missing"), "/{page}");
    }
    let (status, _) = get(&format!("{}nothing-here.html", server.url));
    assert_eq!(status, 404);
    // Fixed: the overlay goes.
    let rx = events(&server.url);
    wait_for(&rx, "hello", "");
    site.guide("content/a/bad.md", "壊れた手引き", "1. 直しました。\n");
    wait_for(&rx, "clear", "");
    let (_, html) = get(&format!("{}a/bad.html", server.url));
    assert!(html.contains("直しました") && !html.contains("tebiki-serve-problems"));
}
