//! Every rule of the registry has a fixture pair under
//! `tests/fixtures/invalid/<rule-id>/`: `fail/` is a site that breaks the
//! rule and `expected.txt` lists every diagnostic `tebiki check` gives it
//! (rule, file, line, column); `pass/` is the same site corrected, which
//! must be entirely clean.

use std::path::{Path, PathBuf};

use tebiki::build::{self, Options};
use tebiki::check::report::Report;
use tebiki::rules;

use crate::support::copy_dir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid")
}

/// `rule file:line:col` of every diagnostic of the site at `dir`.
fn diagnostics(dir: &Path) -> Vec<String> {
    let loaded = build::load(&Options { site: dir.to_path_buf(), ..Default::default() })
        .unwrap_or_else(|e| panic!("{} could not be checked: {e}", dir.display()));
    positions(&loaded.report)
}

/// `rule file:line:col` of every diagnostic of `report`.
fn positions(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let ((line, col), _) = report.position(d);
            format!("{} {}:{line}:{col}", d.rule.id, d.file.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// Rules only a build reports (the screenshots' pixels are decoded after
/// the checks): their fixtures are built, from a copy (a build writes its
/// cache and output into the site folder).
const REPORTED_BY_THE_BUILD: &[&str] = &["image-not-decoded"];

/// Like [`diagnostics`], from a build of a copy of the site at `dir`.
fn diagnostics_of_a_build(dir: &Path) -> Vec<String> {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(dir, copy.path());
    let built = build::build(&Options { site: copy.path().to_path_buf(), ..Default::default() })
        .unwrap_or_else(|e| panic!("{} could not be built: {e}", dir.display()));
    positions(&built.loaded.report)
}

fn expected(rule: &str) -> Vec<String> {
    let path = fixtures().join(rule).join("expected.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(str::to_string).collect()
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let mut problems = Vec::new();
    for rule in rules::ALL {
        let dir = fixtures().join(rule.id);
        let want = expected(rule.id);
        let of = if REPORTED_BY_THE_BUILD.contains(&rule.id) { diagnostics_of_a_build } else { diagnostics };
        let got = of(&dir.join("fail"));
        if got != want {
            problems.push(format!(
                "{}: fail/ gives\n  {}\nexpected\n  {}",
                rule.id,
                got.join("\n  "),
                want.join("\n  ")
            ));
        }
        if !got.iter().any(|d| d.starts_with(&format!("{} ", rule.id))) {
            problems.push(format!("{}: fail/ does not break its own rule", rule.id));
        }
        let clean = of(&dir.join("pass"));
        if !clean.is_empty() {
            problems.push(format!("{}: pass/ is not clean:\n  {}", rule.id, clean.join("\n  ")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_fixture_folder_names_a_rule() {
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(rules::by_id(&name).is_some(), "tests/fixtures/invalid/{name} is not a rule id");
    }
}

#[test]
fn failing_fixtures_exit_1_and_passing_ones_0_with_the_binary() {
    // One rule of each severity through the command line, with JSON output.
    for (rule, code) in [("step-numbering", 1), ("heading-skip", 0)] {
        let dir = fixtures().join(rule);
        let out = assert_cmd::Command::cargo_bin("tebiki")
            .unwrap()
            .args(["check", "--format", "json"])
            .current_dir(dir.join("fail"))
            .assert()
            .code(code);
        let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert!(v["diagnostics"].as_array().unwrap().iter().all(|d| d["rule"] == rule), "{v}");
        assert_cmd::Command::cargo_bin("tebiki")
            .unwrap()
            .args(["check", "--deny-warnings"])
            .current_dir(dir.join("pass"))
            .assert()
            .code(0);
    }
}
