//! The command line contract of FORMAT.md: site discovery from a parent
//! folder, `--out`, exit codes 0/1/2, JSON diagnostics.

use predicates::str::contains;

use crate::support::TestSite;

fn valid() -> TestSite {
    let s = TestSite::new();
    s.guide("content/a/g.md", "G", "1. Step\n");
    s
}

#[test]
fn build_finds_the_site_from_a_sub_folder_and_says_where_to_open_it() {
    let s = valid();
    let sub = s.root().join("content/a");
    assert_cmd::Command::cargo_bin("tebiki")
        .unwrap()
        .arg("build")
        .current_dir(&sub)
        .assert()
        .success()
        .stderr(contains("public/index.html"));
    assert!(s.root().join("public/a/g.html").is_file());
}

#[test]
fn build_out_writes_elsewhere() {
    let s = valid();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    s.cmd(&["build", ".", "--out", target.to_str().unwrap()]).success();
    assert!(target.join("a/g.html").is_file());
    assert!(!s.root().join("public").exists());
}

#[test]
fn check_exit_codes() {
    let s = valid();
    s.cmd(&["check"]).code(0).stdout(contains("0 errors"));
    s.file("content/a/bad.md", "---\ntitle: B\nsumary: S\n---\n1. x\n");
    s.cmd(&["check"]).code(1).stdout(contains("unknown field `sumary`"));
    let empty = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("tebiki")
        .unwrap()
        .arg("check")
        .current_dir(empty.path())
        .assert()
        .code(2)
        .stderr(contains("no tebiki.yaml"));
    let broken = TestSite::with_config("title: [\n");
    broken.cmd(&["check"]).code(2).stderr(contains("tebiki.yaml:"));
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let s = valid();
    s.guide("content/a/w.md", "W", "<script>x</script>\n");
    s.cmd(&["check"]).code(0);
    s.cmd(&["check", "--deny-warnings"]).code(1);
}

#[test]
fn human_diagnostics_show_the_line_and_a_caret() {
    let s = valid();
    s.guide("content/a/b.md", "B", "1. Step\n\n   ![](shots/x.png)\n");
    let out = s.cmd(&["check"]).code(1).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("error[screenshot-alt-missing]: screenshot has no alt text"), "{text}");
    assert!(text.contains("--> content/a/b.md:8:4"), "{text}");
    assert!(text.contains("8 |    ![](shots/x.png)"), "{text}");
    assert!(text.contains("  |    ^^^^^^^^^^^^^^^^"), "{text}");
}

#[test]
fn json_diagnostics() {
    let s = valid();
    s.guide("content/a/b.md", "B", "[x](missing.md)\n");
    let out = s.cmd(&["check", "--format", "json"]).code(1).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["errors"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "link-target-missing");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "content/a/b.md");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(6), Some(1)));
}

#[test]
fn rules_can_be_turned_down_per_site() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\nrules:\n  link-target-missing: warn\n");
    s.guide("content/g.md", "G", "[x](missing.md)\n");
    s.cmd(&["check"]).code(0).stdout(contains("warning[link-target-missing]"));
    s.cmd(&["build"]).success();
}

#[test]
fn a_build_with_errors_writes_nothing_and_keeps_the_previous_site() {
    let s = valid();
    let out = s.build();
    let before = std::fs::read(out.join("a/g.html")).unwrap();
    s.file("content/a/g.md", "---\ntitle: G\nsumary: S\n---\nbroken\n");
    s.cmd(&["build"]).code(1).stderr(contains("the site was not built"));
    assert_eq!(std::fs::read(out.join("a/g.html")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("tebiki-staging"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn refuses_to_overwrite_a_foreign_folder() {
    let s = valid();
    let foreign = tempfile::tempdir().unwrap();
    std::fs::write(foreign.path().join("precious.txt"), "keep").unwrap();
    s.cmd(&["build", ".", "--out", foreign.path().to_str().unwrap()]).code(2).stderr(contains("did not write"));
    assert!(foreign.path().join("precious.txt").is_file());
    s.cmd(&["build", ".", "--out", s.root().to_str().unwrap()]).code(2).stderr(contains("site folder"));
}
