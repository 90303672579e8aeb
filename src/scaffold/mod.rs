//! `tebiki new`: a guide skeleton in FORMAT.md's shape (a bundle folder
//! `content/CATEGORY/SLUG/index.md`, or `index.<lang>.md` for a language
//! other than the site's default) and a starter site that builds and
//! passes `tebiki check`. Never overwrites a file.

use std::path::{Component, Path, PathBuf};

use crate::config::{self, ConfigError};

/// Where a guide's front matter points editors for completion and
/// validation (the JSON Schema printed by `tebiki schema`), relative to the
/// site folder. Guides get a path relative to themselves.
pub const SCHEMA_FILE: &str = "schema/guide.schema.json";

/// The starter site's screenshot (a small drawn settings window).
const STARTER_SCREENSHOT: &[u8] = include_bytes!("step1.png");

/// Why `new` did nothing.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0} already exists; tebiki never overwrites a file")]
    Exists(PathBuf),
    #[error("`{0}` is not a guide path: {1}")]
    BadPath(String, &'static str),
    #[error("`{0}` is not a language of this site (languages: {1})")]
    UnknownLanguage(String, String),
    #[error("{0} is not empty; tebiki writes a new site only into an empty or new folder")]
    NotEmpty(PathBuf),
    #[error("failed to write {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// Options of `tebiki new guide`.
#[derive(Debug, Clone, Default)]
pub struct GuideOptions {
    /// A folder inside the site; the site is found from here as for other commands.
    pub site: PathBuf,
    /// `CATEGORY/SLUG` (a leading `content/` and a trailing `.md` or `/index.md` are allowed).
    pub path: String,
    pub lang: Option<String>,
    pub title: Option<String>,
    /// Today's date, `YYYY-MM-DD`.
    pub today: String,
}

/// `category/slug` parts of a guide path as typed.
fn guide_parts(path: &str) -> Result<Vec<String>, NewError> {
    let bad = |why| NewError::BadPath(path.to_string(), why);
    let mut p = path.trim().replace('\\', "/");
    if p.starts_with('/') || Path::new(&p).components().any(|c| matches!(c, Component::Prefix(_))) {
        return Err(bad("write it relative to content/, as CATEGORY/SLUG"));
    }
    if let Some(rest) = p.strip_prefix("content/") {
        p = rest.to_string();
    }
    for suffix in ["/index.md", ".md"] {
        if let Some(rest) = p.strip_suffix(suffix) {
            p = rest.to_string();
        }
    }
    let parts: Vec<String> = p.split('/').filter(|s| !s.is_empty()).map(str::to_string).collect();
    if parts.is_empty() {
        return Err(bad("it is empty"));
    }
    for s in &parts {
        if s == "." || s == ".." {
            return Err(bad("it must stay inside content/"));
        }
        if s.starts_with('_') || s.starts_with('.') {
            return Err(bad("names starting with `_` or `.` are not guides"));
        }
    }
    Ok(parts)
}

/// A readable title from a slug: `reset-password` → `Reset password`.
fn title_from_slug(slug: &str) -> String {
    crate::slug::humanize(slug)
}

/// The alt text a screenshot gets until the writer describes it.
pub fn alt_placeholder(lang: &str) -> &'static str {
    if lang == "ja" {
        "画面の説明"
    } else {
        "What the screen shows"
    }
}

/// The text of a new guide. `screenshot` is a file name in `shots/` to show
/// in the first step (the starter site has one; a new guide does not yet).
pub fn guide_text(lang: &str, title: &str, today: &str, schema: &str, screenshot: Option<&str>) -> String {
    let ja = lang == "ja";
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let (summary, intro, step, first, shot, shot_hint, next, next_shot, qa, answer) = if ja {
        (
            "この手引きで何ができるかを一文で書きます。",
            "この手順を始める前に必要なものや、前提条件を書きます。",
            "## STEP1 最初の画面を開く",
            "1. [スタート] ボタンをクリックします。",
            "![スタートボタンが赤枠で囲まれた画面](shots/{file} \"[スタート]をクリックします。\")",
            "スクリーンショットはこのフォルダーの `shots/` に置き、`![画面の説明](shots/step1.png \"説明文\")` と書きます。",
            "2. 次の操作を書きます。",
            "![スタートメニューが開いた画面](shots/{file} \"スタートメニューが開きます。\")",
            "## 困ったときは\n\n### Q: うまくいかないときは?",
            "よくある問題と、その解決方法を書きます。",
        )
    } else {
        (
            "Say in one sentence what this guide helps the reader do.",
            "Say what the reader needs before starting.",
            "## STEP1 Open the first screen",
            "1. Click the [Start] button.",
            "![The Start button, outlined in red](shots/{file} \"Click [Start].\")",
            "Put screenshots in `shots/` in this folder and write `![What the screen shows](shots/step1.png \"Caption\")`.",
            "2. Describe the next action.",
            "![The Start menu, open](shots/{file} \"The Start menu opens.\")",
            "## Troubleshooting\n\n### Q: What if it does not work?",
            "Describe a common problem and how to solve it.",
        )
    };
    // Without a screenshot yet, `tebiki check` reminds the writer to add
    // them (step-no-screenshot); the starter site has one for both steps.
    let (detail, next_detail) = match screenshot {
        Some(file) => (shot.replace("{file}", file), format!("\n\n   {}", next_shot.replace("{file}", file))),
        None => (shot_hint.to_string(), String::new()),
    };
    format!(
        "---\n# yaml-language-server: $schema={schema}\ntitle: {}\nsummary: {summary}\npublished: {today}\n---\n\n\
{intro}\n\n{step}\n\n{first}\n\n   {detail}\n\n{next}{next_detail}\n\n{qa}\n\n{answer}\n",
        quote(title)
    )
}

/// Write a new guide; returns the file written.
pub fn new_guide(opts: &GuideOptions) -> Result<PathBuf, NewError> {
    let root = config::find_site_root(&opts.site)?;
    let (config, _) = config::load(&root)?;
    let parts = guide_parts(&opts.path)?;
    let lang = opts.lang.clone().unwrap_or_else(|| config.default_language().to_string());
    if !config.languages.contains(&lang) {
        return Err(NewError::UnknownLanguage(lang, config.languages.join(", ")));
    }
    let file_name = if lang == config.default_language() { "index.md".to_string() } else { format!("index.{lang}.md") };
    let dir = parts.iter().fold(config.content_dir(&root), |d, p| d.join(p));
    let file = dir.join(&file_name);
    let slug = parts.last().cloned().unwrap_or_default();
    let title = opts.title.clone().unwrap_or_else(|| title_from_slug(&slug));
    // From content/a/b/index.md up to the site folder: one `..` per folder.
    let content_depth = config.content.split('/').filter(|p| *p != ".").count();
    let schema = format!("{}{SCHEMA_FILE}", "../".repeat(parts.len() + content_depth));
    let text = guide_text(&lang, &title, &opts.today, &schema, None);
    std::fs::create_dir_all(&dir).map_err(|e| NewError::Io(dir.clone(), e))?;
    write_new(&file, text.as_bytes())?;
    Ok(file)
}

/// Create a file that must not exist yet (atomically: no race with another writer).
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), NewError> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            NewError::Exists(path.to_path_buf())
        } else {
            NewError::Io(path.to_path_buf(), e)
        }
    })?;
    f.write_all(bytes).map_err(|e| NewError::Io(path.to_path_buf(), e))
}

/// Write a starter site into `dir` (new or empty); returns the files written.
pub fn new_site(dir: &Path, today: &str) -> Result<Vec<PathBuf>, NewError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| NewError::Io(dir.to_path_buf(), e))?;
        if entries.next().is_some() {
            return Err(NewError::NotEmpty(dir.to_path_buf()));
        }
    }
    let schema = format!("../../../{SCHEMA_FILE}");
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "tebiki.yaml",
            "# Site settings; every key is described in tebiki's docs/config.md, the guide\n\
# format in docs/format.md. The first language is the default.\n\
title:\n  ja: ヘルプセンター\n  en: Help Center\n\
description:\n  ja: 画面つきの手順で、よくある操作を説明します。\n  en: Step-by-step answers with screenshots.\n\
languages: [ja, en]\n\
# Where the site will be published; the sitemap and feeds need it:\n\
# base_url: https://help.example.com/\n"
                .into(),
        ),
        (
            "content/getting-started/_index.md",
            "---\ntitle: はじめに\ndescription: 最初に読む手引きです。\nweight: 1\n---\n".into(),
        ),
        (
            "content/getting-started/_index.en.md",
            "---\ntitle: Getting started\ndescription: Guides to read first.\nweight: 1\n---\n".into(),
        ),
        (
            "content/getting-started/first-guide/index.md",
            guide_text("ja", "最初の手引き", today, &schema, Some("step1.png")).into(),
        ),
        (
            "content/getting-started/first-guide/index.en.md",
            guide_text("en", "Your first guide", today, &schema, Some("step1.png")).into(),
        ),
        ("content/getting-started/first-guide/shots/step1.png", STARTER_SCREENSHOT.to_vec()),
        (".gitignore", b"/public/\n*-help.zip\n".to_vec()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| NewError::Io(parent.to_path_buf(), e))?;
        }
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_paths() {
        assert_eq!(guide_parts("account/reset").unwrap(), ["account", "reset"]);
        assert_eq!(guide_parts("content/account/reset/index.md").unwrap(), ["account", "reset"]);
        assert_eq!(guide_parts("アカウント/再設定").unwrap(), ["アカウント", "再設定"]);
        assert!(guide_parts("../x").is_err());
        assert!(guide_parts("/abs/x").is_err());
        assert!(guide_parts("a/_drafts/x").is_err());
        assert!(guide_parts("").is_err());
    }

    #[test]
    fn titles_from_slugs() {
        assert_eq!(title_from_slug("reset-password"), "Reset password");
        assert_eq!(title_from_slug("再設定"), "再設定");
    }
}
