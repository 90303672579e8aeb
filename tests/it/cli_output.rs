//! What the command line prints for people: the exact summary of a build
//! when stderr is not a terminal, the progress bar under a pseudo-terminal,
//! `--quiet`, `--verbose`, `--color` and `NO_COLOR`, the `base_url` note,
//! singular and plural counts, shell completions and man pages.

use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;

use crate::support::TestSite;

/// A two-language site with three guides and a screenshot, no problems.
fn site() -> TestSite {
    let s = TestSite::new();
    s.guide("content/a/one/index.md", "一", "1. 開きます。\n\n   ![画面](shot.png)\n");
    s.png("content/a/one/shot.png", 4, 3);
    s.guide("content/a/two/index.md", "二", "1. 閉じます。\n\n   ![画面](../one/shot.png)\n");
    s.guide("content/a/two/index.en.md", "Two", "1. Close it.\n\n   ![Screen](../one/shot.png)\n");
    s
}

/// The binary, run in `dir` with none of the variables that change what it
/// prints set.
fn tebiki(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("tebiki").unwrap();
    c.current_dir(dir).env_remove("CI").env_remove("NO_COLOR").env_remove("TEBIKI_TIMINGS");
    c
}

fn stderr_of(c: &mut Command) -> String {
    String::from_utf8(c.assert().get_output().stderr.clone()).unwrap()
}

/// `in 0.12s` → `in Ts`: the one part of a summary that changes per run.
fn without_time(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(" in ") {
        let after = &rest[i + 4..];
        let digits = after.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(after.len());
        out.push_str(&rest[..i + 4]);
        if digits > 0 && after[digits..].starts_with('s') {
            out.push('T');
            rest = &after[digits..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn a_build_not_on_a_terminal_prints_exactly_its_summary() {
    let s = site();
    let err = stderr_of(tebiki(s.root()).arg("build").env("TEBIKI_PROGRESS_DELAY_MS", "0"));
    let expected = |encoded: usize| {
        format!(
            "built 18 pages and copied 2 files (screenshots: {encoded} encoded, {} from the cache) in Ts (0 errors and 0 warnings)\nopen {}\n{}\n",
            1 - encoded,
            s.root().join("public/index.html").display(),
            tebiki::cli::BASE_URL_NOTE
        )
    };
    assert_eq!(without_time(&err), expected(1));
    // Under CI, with --quiet: the same (the screenshot now from the cache), and nothing at all.
    let err = stderr_of(tebiki(s.root()).arg("build").env("CI", "true"));
    assert_eq!(without_time(&err), expected(0));
    assert_eq!(stderr_of(tebiki(s.root()).args(["build", "--quiet"])), "");
}

#[test]
fn the_base_url_note_is_only_a_note() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\nbase_url: https://help.example.com/\n");
    s.guide("content/g.md", "G", "1. Step\n");
    let err = stderr_of(tebiki(s.root()).arg("build"));
    assert!(!err.contains("base_url"), "{err}");
    // Without it: a note on build; check and --deny-warnings still pass.
    let s = site();
    tebiki(s.root()).arg("build").assert().code(0).stderr(predicates::str::contains(tebiki::cli::BASE_URL_NOTE));
    tebiki(s.root()).args(["check", "--deny-warnings"]).assert().code(0);
}

#[test]
fn counts_are_singular_for_one() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\nrules: {step-no-screenshot: off}\n");
    s.guide("content/g.md", "G", "1. Step\n");
    tebiki(s.root()).arg("check").assert().code(0).stdout("checked 1 guide: 0 errors and 0 warnings\n");
    s.guide("content/h.md", "H", "[x](missing.md)\n");
    let out = tebiki(s.root()).arg("check").assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.ends_with("checked 2 guides: 1 error and 0 warnings\n"), "{out}");
    let err = stderr_of(tebiki(s.root()).arg("build"));
    assert!(err.ends_with("error: the site was not built: 1 error and 0 warnings\n"), "{err}");
}

#[test]
fn verbose_prints_the_time_of_each_stage() {
    let s = site();
    for args in [&["build", "--verbose"][..], &["-v", "bundle"], &["check", "-v"]] {
        let err = stderr_of(tebiki(s.root()).args(args));
        for stage in ["discover", "parse", "resolve+check"] {
            let line = err.lines().find(|l| l.trim_start().starts_with(stage));
            assert!(line.is_some_and(|l| l.ends_with(" ms")), "{args:?}: no `{stage}` timing in {err}");
        }
    }
    let err = stderr_of(tebiki(s.root()).arg("build"));
    assert!(!err.contains(" ms\n"), "{err}");
}

#[test]
fn color_follows_the_flag_then_no_color_then_the_terminal() {
    let s = site();
    s.guide("content/a/bad.md", "B", "[x](missing.md)\n");
    let esc = |c: &mut Command| {
        let out = c.assert().code(1).get_output().clone();
        [out.stdout, out.stderr].concat().contains(&0x1b)
    };
    // Not a terminal: no colour unless asked for.
    assert!(!esc(tebiki(s.root()).arg("check")));
    assert!(esc(tebiki(s.root()).args(["check", "--color", "always"])));
    assert!(esc(tebiki(s.root()).args(["--color=always", "build"])));
    assert!(esc(tebiki(s.root()).args(["bundle", "--color", "always"])));
    // The flag wins over NO_COLOR, as no-color.org asks of explicit flags.
    assert!(esc(tebiki(s.root()).args(["check", "--color", "always"]).env("NO_COLOR", "1")));
    assert!(!esc(tebiki(s.root()).args(["check", "--color", "never"])));
    // On a terminal: colour, unless NO_COLOR is set or --color never.
    let (_, out) = on_a_terminal(s.root(), &["check"], &[]);
    assert!(out.contains('\u{1b}'), "{out:?}");
    let (_, out) = on_a_terminal(s.root(), &["check"], &[("NO_COLOR", "1")]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    let (_, out) = on_a_terminal(s.root(), &["check", "--color", "never"], &[]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
}

/// Run the binary with stdout and stderr on a pseudo-terminal of 100
/// columns; returns its exit code and everything it wrote there.
fn on_a_terminal(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    use rustix_openpty::rustix::termios::Winsize;
    let size = Winsize { ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0 };
    let pty = rustix_openpty::openpty(None, Some(&size)).unwrap();
    let mut child = {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tebiki"));
        c.args(args)
            .current_dir(dir)
            .env_remove("CI")
            .env_remove("NO_COLOR")
            .env_remove("TEBIKI_TIMINGS")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::from(pty.user.try_clone().unwrap()))
            .stderr(Stdio::from(pty.user));
        c.spawn().unwrap()
        // `c` goes here, closing its copies of the terminal's user side, so
        // reading ends when the child exits.
    };
    let mut controller = std::fs::File::from(pty.controller);
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    // Linux answers EIO once the last user-side descriptor is closed.
    while let Ok(n) = controller.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    let code = child.wait().unwrap().code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&out).into_owned())
}

#[test]
fn progress_shows_on_a_terminal_and_is_cleared_before_the_summary() {
    let s = site();
    let (code, out) = on_a_terminal(s.root(), &["build"], &[("TEBIKI_PROGRESS_DELAY_MS", "0")]);
    assert_eq!(code, 0, "{out}");
    // Frames are drawn over each other: `\r` and erase-line before each.
    let frames: Vec<&str> = out.split("\x1b[2K").collect();
    assert!(frames.len() > 3, "no progress frames in {out:?}");
    assert!(frames.iter().any(|f| f.contains("parse") && f.contains("/3")), "no parse count in {out:?}");
    // The bar is gone before the summary, which is as without a terminal.
    let last = frames.last().unwrap();
    assert!(last.starts_with("built 18 pages and copied 2 files (screenshots: "), "{last:?}");
    assert!(!last.contains("parse"), "{last:?}");

    // A run shorter than the delay shows no bar at all (a delay no run here
    // reaches stands for the half second, so the machine's speed does not
    // count); nor --quiet, nor CI.
    for (args, env) in [
        (&["build"][..], &[("TEBIKI_PROGRESS_DELAY_MS", "86400000")][..]),
        (&["build", "-q"], &[("TEBIKI_PROGRESS_DELAY_MS", "0")]),
        (&["build"], &[("TEBIKI_PROGRESS_DELAY_MS", "0"), ("CI", "true")]),
    ] {
        let (code, out) = on_a_terminal(s.root(), args, env);
        assert_eq!(code, 0);
        assert!(!out.contains("\x1b[2K"), "{args:?} {env:?}: {out:?}");
    }
    // check and bundle show it too.
    for args in [&["check"][..], &["bundle"]] {
        let (_, out) = on_a_terminal(s.root(), args, &[("TEBIKI_PROGRESS_DELAY_MS", "0")]);
        assert!(out.contains("parse") && out.contains("\x1b[2K"), "{args:?}: {out:?}");
    }
}

/// Every command, as `tebiki` names it (`new guide`).
fn commands() -> Vec<Vec<String>> {
    let out = Command::cargo_bin("tebiki").unwrap().arg("--help").assert().success().get_output().stdout.clone();
    let help = String::from_utf8(out).unwrap();
    let section = help.split("Commands:").nth(1).unwrap().split("Options:").next().unwrap();
    let mut names: Vec<Vec<String>> = section
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(|n| vec![n.to_string()])
        .collect();
    names.push(vec!["new".into(), "guide".into()]);
    names.push(vec!["new".into(), "site".into()]);
    names
}

#[test]
fn completions_cover_every_command_in_every_shell() {
    let commands = commands();
    assert!(commands.len() >= 10, "{commands:?}");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = Command::cargo_bin("tebiki").unwrap().args(["completions", shell]).assert().success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(script.len() > 1000, "{shell}: {script}");
        for c in &commands {
            let name = c.last().unwrap();
            assert!(script.contains(name.as_str()), "{shell}: no `{name}` in the script");
        }
        // Options of a command and their values are completed too.
        assert!(script.contains("deny-warnings") && script.contains("drafts"), "{shell}");
    }
    Command::cargo_bin("tebiki").unwrap().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_pages_for_tebiki_and_every_command() {
    let page = |args: &[&str]| {
        let out = Command::cargo_bin("tebiki").unwrap().arg("man").args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let top = page(&[]);
    assert!(top.contains(".TH tebiki 1"), "{top}");
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("tebiki").unwrap().args(["man", "--out"]).arg(dir.path()).assert().success();
    assert_eq!(std::fs::read_to_string(dir.path().join("tebiki.1")).unwrap(), top);
    for c in commands() {
        let args: Vec<&str> = c.iter().map(String::as_str).collect();
        let name = format!("tebiki-{}", c.join("-"));
        let text = page(&args);
        assert!(text.contains(&format!(".TH {name} 1")), "{name}: {text}");
        assert!(text.contains(".SH SYNOPSIS") && text.contains(".SH DESCRIPTION"), "{name}");
        assert_eq!(std::fs::read_to_string(dir.path().join(format!("{name}.1"))).unwrap(), text, "{name}");
    }
    assert!(page(&["build"]).contains("\\-\\-drafts"));
    Command::cargo_bin("tebiki").unwrap().args(["man", "nope"]).assert().code(2);
}
