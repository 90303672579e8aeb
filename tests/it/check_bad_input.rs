//! Bad input never panics and loses nothing: each case gets the exact
//! diagnostic (rule id, file, line), and the rest of the site is still
//! checked. Big inputs are generated here at run time, not committed.

use crate::support::{png, TestSite};

fn problem(rule: &str, file: &str, line: usize) -> (String, String, usize) {
    (rule.to_string(), file.to_string(), line)
}

const FM: &str = "---\ntitle: ガイド\nsummary: 概要です。\npublished: 2024-03-02\n---\n";

/// A site with one good guide beside the bad input, which must stay checked.
fn site_with(rel: &str, bytes: &[u8]) -> TestSite {
    let s = TestSite::new();
    s.bytes(rel, bytes);
    s.file("content/ok.md", &format!("{FM}[壊れたリンク](missing.md)\n"));
    s
}

fn assert_problems(s: &TestSite, expected: &[(&str, &str, usize)]) {
    let mut want: Vec<_> = expected.iter().map(|(r, f, l)| problem(r, f, *l)).collect();
    want.push(problem("link-target-missing", "content/ok.md", 6));
    let mut got = s.problems();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn malformed_yaml() {
    let s = site_with("content/bad.md", b"---\ntitle: ok\nsummary: [unclosed\npublished: 2024-03-02\n---\nBody\n");
    assert_problems(&s, &[("front-matter-syntax", "content/bad.md", 3)]);
    let s = site_with("content/bad.md", b"---\ntitle: a: b\nsummary: S\npublished: 2024-03-02\n---\nBody\n");
    assert_problems(&s, &[("front-matter-syntax", "content/bad.md", 2)]);
}

#[test]
fn missing_closing_line() {
    let s = site_with("content/bad.md", b"---\ntitle: ok\nsummary: S\npublished: 2024-03-02\n\nBody\n");
    assert_problems(&s, &[("front-matter-syntax", "content/bad.md", 1)]);
}

#[test]
fn no_front_matter() {
    let s = site_with("content/bad.md", "本文です。見出しもありません。\n".as_bytes());
    assert_problems(&s, &[("front-matter-missing", "content/bad.md", 1)]);
    // Plain Markdown with a `#` heading needs none: title, summary and dates are derived.
    let s = site_with("content/plain.md", "# 手順\n\n本文です。\n".as_bytes());
    assert_problems(&s, &[]);
    let site = s.load().site;
    let plain = site.guides.iter().find(|g| g.slug == "plain").unwrap();
    assert_eq!((plain.meta.title.as_str(), plain.meta.summary.as_str()), ("手順", "本文です。"));
}

#[test]
fn empty_file() {
    let s = site_with("content/bad.md", b"");
    assert_problems(&s, &[("front-matter-missing", "content/bad.md", 1), ("empty-guide", "content/bad.md", 1)]);
}

#[test]
fn invalid_utf8_names_the_file_and_the_line() {
    let mut bytes = FM.as_bytes().to_vec();
    bytes.extend("一行目\n二行目\n".as_bytes());
    bytes.extend("三行目\n".encode_utf16().flat_map(u16::to_le_bytes).take(4)); // UTF-16 is not UTF-8
    let s = site_with("content/bad.md", &bytes);
    assert_problems(&s, &[("file-unreadable", "content/bad.md", 8)]);
    let loaded = s.load();
    let d = loaded.report.diagnostics.iter().find(|d| d.rule.id == "file-unreadable").unwrap();
    assert!(d.message.contains("line 8"), "{}", d.message);
    // The human report shows the line.
    let out = s.cmd(&["check"]).code(1).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("--> content/bad.md:8:4"), "{text}");
}

#[test]
fn a_20_mb_guide_is_read_to_its_last_line() {
    let paragraph = "これは長いガイドの段落です。[設定]を開き、項目を確認します。This paragraph repeats.\n\n";
    let count = 20 * 1024 * 1024 / paragraph.len() + 1;
    let mut text = String::with_capacity(count * paragraph.len() + 200);
    text.push_str(FM);
    for _ in 0..count {
        text.push_str(paragraph);
    }
    assert!(text.len() >= 20 * 1024 * 1024);
    let last_line = text.lines().count() + 1;
    text.push_str("[最後のリンク](nowhere.md)\n");
    let s = site_with("content/big.md", text.as_bytes());
    assert_problems(&s, &[("link-target-missing", "content/big.md", last_line)]);
}

#[test]
fn a_guide_of_5000_steps() {
    let s = TestSite::new();
    s.png("content/steps/shots/a.png", 4, 3);
    let mut text = String::from(FM);
    for n in 1..=5000u32 {
        // Step 4000 is numbered wrongly; it must be found among the others.
        let written = if n == 4000 { 4001 } else { n };
        let indent = " ".repeat(written.to_string().len() + 2);
        text.push_str(&format!("{written}. 手順{n}を実行します。\n\n{indent}![手順{n}](shots/a.png)\n\n"));
    }
    s.file("content/steps/index.md", &text);
    let line = text.lines().position(|l| l.starts_with("4001. 手順4000")).unwrap() + 1;
    let problems = s.problems();
    assert_eq!(problems.len(), 1, "{:?}", &problems[..problems.len().min(5)]);
    assert_eq!(problems, [problem("step-numbering", "content/steps/index.md", line)]);
    let site = s.load().site;
    assert_eq!(site.guides[0].steps().len(), 5000);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content() {
    let s = TestSite::new();
    s.file("content/a/g.md", &format!("{FM}本文です。\n"));
    std::os::unix::fs::symlink(s.root().join("content/a"), s.root().join("content/a/loop")).unwrap();
    assert_eq!(s.problems(), [problem("file-unreadable", "content/a/loop", 1)]);
    let loaded = s.load();
    assert!(loaded.report.diagnostics[0].message.contains("loop"));
    assert_eq!(loaded.site.guides.len(), 1, "the rest of content/ is still read");
}

#[cfg(unix)]
#[test]
fn a_symlink_pointing_outside_the_site() {
    let s = TestSite::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), format!("{FM}秘密\n")).unwrap();
    std::fs::write(outside.path().join("secret.png"), png(2, 2)).unwrap();
    s.file("content/a/g.md", &format!("{FM}本文です。\n"));
    std::os::unix::fs::symlink(outside.path().join("secret.md"), s.root().join("content/a/leak.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.png"), s.root().join("content/a/leak.png")).unwrap();
    assert_eq!(
        s.problems(),
        [problem("path-escapes-site", "content/a/leak.md", 1), problem("path-escapes-site", "content/a/leak.png", 1)]
    );
    assert_eq!(s.load().site.guides.len(), 1);
}

#[test]
fn dot_dot_paths_are_stopped_at_the_site_folder() {
    let s = TestSite::new();
    s.file(
        "content/a/g.md",
        &format!("{FM}1. 開きます。\n\n   ![画面](../../../../etc/hosts.png)\n\n[設定](../../../tebiki.md)\n"),
    );
    assert_eq!(
        s.problems(),
        [problem("path-escapes-site", "content/a/g.md", 8), problem("path-escapes-site", "content/a/g.md", 10)]
    );
}

#[test]
fn japanese_and_space_containing_names_work() {
    let s = TestSite::new();
    s.png("content/アカウント/二段階 認証/shots/開始 画面.png", 4, 3);
    s.file(
        "content/アカウント/二段階 認証/index.md",
        &format!("{FM}1. [開始]をクリックします。\n\n   ![開始画面](shots/開始%20画面.png)\n\n[再設定](../パスワード%20再設定.md)\n"),
    );
    s.file("content/アカウント/パスワード 再設定.md", &format!("{FM}本文です。\n"));
    assert_eq!(s.problems(), []);
    let out = s.build();
    assert!(out.join("アカウント/二段階 認証.html").is_file());
    assert!(out.join("アカウント/二段階 認証/shots/開始 画面.png").is_file());
    // A problem in such a file names it exactly.
    s.file("content/アカウント/パスワード 再設定.md", &format!("{FM}[x](無い.md)\n"));
    assert_eq!(s.problems(), [problem("link-target-missing", "content/アカウント/パスワード 再設定.md", 6)]);
}

#[test]
fn bom_and_crlf_work_normally() {
    let s = TestSite::new();
    s.png("content/g/shots/a.png", 4, 3);
    let text = "\u{feff}---\r\ntitle: ガイド\r\nsummary: 概要\r\npublished: 2024-03-02\r\n---\r\n1. 開きます。\r\n\r\n   ![画面](shots/a.png)\r\n";
    s.file("content/g/index.md", text);
    assert_eq!(s.problems(), []);
    let site = s.site();
    assert_eq!(site.guides[0].meta.title, "ガイド");
    assert_eq!(site.guides[0].steps()[0].instruction.text, "開きます。");
    // Positions stay right: a field on line 2 and an image on line 8, columns without the BOM.
    s.file("content/g/index.md", &text.replace("ガイド", "[ガイド"));
    let loaded = s.load();
    let report = &loaded.report;
    let got: Vec<_> = report.diagnostics.iter().map(|d| (d.rule.id, report.position(d).0)).collect::<Vec<_>>();
    assert_eq!(got, [("front-matter-syntax", (2, 8))]);
    s.file("content/g/index.md", &text.replace("shots/a.png", "shots/b.png"));
    let loaded = s.load();
    let report = &loaded.report;
    let got: Vec<_> = report.diagnostics.iter().map(|d| (d.rule.id, report.position(d).0)).collect();
    assert_eq!(got, [("asset-missing", (8, 4)), ("asset-unused", (1, 1))]);
    s.file("content/h.md", "\u{feff}no front matter\r\n");
    let h = s.problems().into_iter().find(|p| p.1 == "content/h.md").unwrap();
    assert_eq!(h, problem("front-matter-missing", "content/h.md", 1));
}

#[test]
fn sources_are_never_written() {
    let s = TestSite::new();
    s.png("content/g/shots/a.png", 4, 3);
    s.file("content/g/index.md", &format!("{FM}1. 開きます。\n\n   ![画面](shots/a.png)\n"));
    s.file("content/bad.md", "---\ntitle: [\n");
    let snapshot = || {
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(s.root())
            .into_iter()
            .filter_map(Result::ok)
            // The output and tebiki's cache of encoded screenshots are not sources.
            .filter(|e| {
                e.file_type().is_file()
                    && !e.path().starts_with(s.root().join("public"))
                    && !e.path().starts_with(s.root().join(".tebiki-cache"))
            })
            .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap()))
            .collect();
        files.sort();
        files
    };
    let before = snapshot();
    s.cmd(&["check"]).code(1);
    s.cmd(&["build"]).code(1);
    s.file("content/bad.md", &format!("{FM}本文です。\n"));
    let before_build = snapshot();
    s.cmd(&["build"]).success();
    assert_eq!(snapshot(), before_build);
    assert_ne!(before, before_build);
}
