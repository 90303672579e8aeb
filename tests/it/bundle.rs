//! `tebiki bundle`: a zip holding exactly the files of a build, with
//! `index.html` at its root, written deterministically and never in place
//! of something that is not a bundle.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::support::TestSite;

fn site() -> TestSite {
    let site = TestSite::new();
    site.guide("content/a/guide/index.md", "手順", "1. [設定] を開きます。\n\n   ![画面](shot.png \"説明\")\n");
    site.guide("content/a/guide/index.en.md", "Steps", "1. Open [Settings].\n\n   ![Screen](shot.png)\n");
    site.png("content/a/guide/shot.png", 12, 8);
    site
}

fn unzip(path: &Path) -> (Vec<String>, BTreeMap<String, Vec<u8>>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut order = Vec::new();
    let mut files = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        order.push(f.name().to_string());
        files.insert(f.name().to_string(), bytes);
    }
    (order, files)
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != tebiki::output::MARKER)
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn a_bundle_is_the_built_site_in_a_zip_with_index_html_at_the_root() {
    let site = site();
    // A bundle leaves out the WebP and 1× files a build writes for pages
    // on the web, and shows the full-size files alone (derived.rs tests
    // that); a build without them is the bundle's twin.
    site.file("tebiki.yaml", "title: {ja: テスト, en: Test}\nlanguages: [ja, en]\nimages:\n  optimize: false\n");
    let out = site.build();
    site.cmd(&["bundle", "--out", "help.zip"]).success().stderr(predicates::str::contains("help.zip"));
    let (order, files) = unzip(&site.root().join("help.zip"));
    assert_eq!(order[0], "index.html", "index.html is the first entry, at the root");
    assert!(files.contains_key("a/guide/shot.png") && files.contains_key("en/a/guide.html"));
    assert_eq!(files, tree(&out), "the zip holds exactly the files of a build");
}

#[test]
fn bundles_are_deterministic_and_go_to_the_default_place() {
    let site = site();
    site.cmd(&["bundle"]).success();
    let name = format!("{}-help.zip", site.root().file_name().unwrap().to_string_lossy());
    let first = std::fs::read(site.root().join(&name)).unwrap();
    site.cmd(&["bundle"]).success();
    assert_eq!(std::fs::read(site.root().join(&name)).unwrap(), first, "same input, same bytes");
}

#[test]
fn a_bundle_with_errors_is_not_written_and_the_old_one_stays() {
    let site = site();
    site.cmd(&["bundle", "--out", "help.zip"]).success();
    let before = std::fs::read(site.root().join("help.zip")).unwrap();
    site.file("content/a/broken.md", "---\ntitle: x\n---\n");
    site.cmd(&["bundle", "--out", "help.zip"]).code(1);
    assert_eq!(std::fs::read(site.root().join("help.zip")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn bundle_refuses_to_replace_what_is_not_a_bundle() {
    let site = site();
    site.file("notes.zip", "my notes, not a zip");
    site.cmd(&["bundle", "--out", "notes.zip"]).code(2).stderr(predicates::str::contains("not a zip"));
    assert_eq!(site.read("notes.zip"), "my notes, not a zip");
    site.cmd(&["bundle", "--out", "content/a/help.zip"]).code(2).stderr(predicates::str::contains("sources"));
    assert!(!site.root().join("content/a/help.zip").exists());
}
