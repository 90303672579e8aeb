//! `tebiki new`: guide skeletons in FORMAT.md's shape that never overwrite,
//! and a starter site that builds and passes check.

use crate::support::TestSite;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

#[test]
fn new_site_builds_and_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("help");
    assert_cmd::Command::cargo_bin("tebiki").unwrap().args(["new", "site"]).arg(&target).assert().success();
    assert_cmd::Command::cargo_bin("tebiki")
        .unwrap()
        .args(["check", "--deny-warnings"])
        .current_dir(&target)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("0 errors and 0 warnings"));
    assert_cmd::Command::cargo_bin("tebiki").unwrap().arg("build").current_dir(&target).assert().success();
    let page = std::fs::read_to_string(target.join("public/getting-started/first-guide.html")).unwrap();
    assert!(page.contains("shots/step1.png"), "the starter guide shows its screenshot");
    assert!(target.join("public/en/getting-started/first-guide.html").is_file());
}

#[test]
fn new_site_refuses_a_folder_with_files() {
    let site = TestSite::new();
    site.cmd(&["new", "site", "."]).code(2).stderr(predicates::str::contains("not empty"));
    assert_eq!(site.read("tebiki.yaml"), "title: {ja: テスト, en: Test}\nlanguages: [ja, en]\n");
}

#[test]
fn new_guide_writes_a_bundle_skeleton_that_checks_clean() {
    let site = TestSite::new();
    site.file("content/account/_index.md", "---\ntitle: アカウント\n---\n");
    std::fs::create_dir_all(site.root().join("content/account/deep")).unwrap();
    // From a sub-folder, as other commands.
    assert_cmd::Command::cargo_bin("tebiki")
        .unwrap()
        .args(["new", "guide", "account/reset-password", "--title", "パスワードを再設定する"])
        .current_dir(site.root().join("content/account/deep"))
        .assert()
        .success();
    let text = site.read("content/account/reset-password/index.md");
    assert!(text.starts_with("---\n# yaml-language-server: $schema=../../../schema/guide.schema.json\n"), "{text}");
    assert!(text.contains(&format!("published: {}\n", today())), "{text}");
    assert!(text.contains("title: \"パスワードを再設定する\""));
    assert!(text.contains("\n## STEP1 ") && text.contains("\n1. ") && text.contains("\n### Q: "), "{text}");
    // A skeleton has no screenshots yet: check passes and reminds the writer.
    site.cmd(&["check"]).code(0).stdout(predicates::str::contains("warning[step-no-screenshot]"));
    let guide = crate::support::guide(&site.site(), "content/account/reset-password/index.md").steps().len();
    assert_eq!(guide, 2);
}

#[test]
fn new_guide_in_another_language_is_a_translation_beside_the_original() {
    let site = TestSite::new();
    site.cmd(&["new", "guide", "account/reset-password"]).success();
    site.cmd(&["new", "guide", "account/reset-password", "--lang", "en"]).success();
    let en = site.read("content/account/reset-password/index.en.md");
    assert!(en.contains("## STEP1 Open the first screen") && en.contains("## Troubleshooting"));
    let s = site.site();
    assert_eq!(s.guides.len(), 2);
    assert_eq!(s.nav[0].translations.len(), 1, "the two are translations of each other");
}

#[test]
fn new_guide_never_overwrites_and_refuses_bad_paths_and_languages() {
    let site = TestSite::new();
    site.file("content/a/b/index.md", "mine");
    site.cmd(&["new", "guide", "a/b"]).code(2).stderr(predicates::str::contains("already exists"));
    assert_eq!(site.read("content/a/b/index.md"), "mine");
    site.cmd(&["new", "guide", "../outside"]).code(2).stderr(predicates::str::contains("inside content/"));
    site.cmd(&["new", "guide", "a/_hidden"]).code(2);
    site.cmd(&["new", "guide", "a/c", "--lang", "fr"]).code(2).stderr(predicates::str::contains("not a language"));
    assert!(!site.root().join("content/a/c").exists());
}
