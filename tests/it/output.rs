//! Properties of the written site: deterministic bytes, relative links that
//! resolve to files, no request to another host.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{links, TestSite};

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Check that every relative href/src of every HTML page names an existing
/// file (and its anchor an existing id). Returns the number of links checked.
pub fn assert_links_resolve(out: &Path) -> usize {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        for link in links(&html) {
            if link.is_empty()
                || link.starts_with("mailto:")
                || link.starts_with("https://")
                || link.starts_with("http://")
            {
                assert!(
                    !link.starts_with("http") || !html.contains(&format!("src=\"{link}\"")),
                    "external resource {link} in {}",
                    path.display()
                );
                continue;
            }
            let (file, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let file = percent_encoding::percent_decode_str(file).decode_utf8_lossy().into_owned();
            let target = if file.is_empty() { path.to_path_buf() } else { path.parent().unwrap().join(&file) };
            assert!(!file.ends_with('/'), "link to a folder {link} in {}", path.display());
            assert!(target.is_file(), "broken link {link} in {}", path.display());
            if !anchor.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let anchor = percent_encoding::percent_decode_str(anchor).decode_utf8_lossy().into_owned();
                let target_html = std::fs::read_to_string(&target).unwrap();
                assert!(
                    target_html.contains(&format!("id=\"{anchor}\"")),
                    "missing anchor {link} in {}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    checked
}

fn sample() -> TestSite {
    let s = TestSite::new();
    s.file("content/a/_index.md", "---\ntitle: カテゴリー\n---\n")
        .png("content/a/g/shots/one.png", 20, 10)
        .guide("content/a/g/index.md", "ガイド", "## STEP1 開く\n\n1. [設定]を開きます。\n\n   ![設定](shots/one.png \"[設定]\")\n\n## 困ったときは\n\n### Q: 開けません\n\n[別のガイド](../h.md#step-1)を見てください。\n")
        .guide("content/a/g/index.en.md", "Guide", "1. Open [Settings].\n\n   ![Settings](shots/one.png)\n")
        .file("content/a/h.md", "---\ntitle: 別のガイド\nsummary: S\npublished: 2024-01-01\ntags: [タグ, two words]\naliases: [/old/h/]\n---\n1. x\n");
    s
}

#[test]
fn output_is_byte_identical_across_builds() {
    let s = sample();
    let out = s.build();
    let first = tree(&out);
    let out = s.build();
    assert_eq!(first, tree(&out));
    assert!(first.len() > 10);
}

#[test]
fn every_link_resolves_to_a_file_with_its_anchor() {
    let s = sample();
    let out = s.build();
    let checked = assert_links_resolve(&out);
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn pages_are_written_where_the_url_scheme_says() {
    let s = sample();
    let out = s.build();
    for f in [
        "index.html",
        "en/index.html",
        "a/index.html",
        "en/a/index.html",
        "a/g.html",
        "en/a/g.html",
        "a/h.html",
        "faq.html",
        "en/faq.html",
        "search.html",
        "404.html",
        "sitemap.xml",
        "feed.xml",
        "tags/index.html",
        "tags/タグ.html",
        "tags/two-words.html",
        "old/h/index.html",
        "a/g/shots/one.png",
        "_tebiki/tebiki.css",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    let redirect = s.read("public/old/h/index.html");
    assert!(redirect.contains("url=../../a/h.html"), "{redirect}");
}

#[test]
fn a_tree_of_many_asset_folders_builds_and_rebuilds_with_few_file_handles() {
    use std::os::unix::fs::MetadataExt;
    // 600 folders under one folder no page goes into, built by a process
    // allowed 64 open files: handles must not pile up across the tree.
    let s = TestSite::new();
    s.guide("content/g.md", "G", "1. Do\n");
    for i in 0..600 {
        s.bytes(&format!("static/images/{i:03}/shot.png"), &[i as u8; 8]);
    }
    let build = || {
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -n 64 && exec \"$0\" build --quiet")
            .arg(assert_cmd::cargo::cargo_bin("tebiki"))
            .current_dir(s.root())
            .status()
            .unwrap();
        assert!(status.success(), "build failed under a 64-file limit");
    };
    build();
    let out = s.root().join("public");
    let ino = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
    let images = ino("images");
    assert_eq!(std::fs::read(out.join("images/599/shot.png")).unwrap(), [599u32 as u8; 8]);
    build();
    assert_eq!(ino("images"), images, "the unchanged tree moved over whole");
    assert_eq!(std::fs::read_dir(out.join("images")).unwrap().count(), 600);

    // One file changes: the tree is made anew, its other files linked.
    let one = ino("images/001/shot.png");
    s.bytes("static/images/007/shot.png", b"changed!");
    filetime::set_file_mtime(
        s.root().join("static/images/007/shot.png"),
        filetime::FileTime::from_unix_time(1_000_000_000, 0),
    )
    .unwrap();
    build();
    assert_ne!(ino("images"), images);
    assert_eq!(ino("images/001/shot.png"), one);
    assert_eq!(std::fs::read(out.join("images/007/shot.png")).unwrap(), b"changed!");
}
