//! `tebiki init [DIR]`: adopt an existing folder of Markdown articles (a
//! help center written for Zendesk, DocFX, Docusaurus, MkDocs, Hugo …)
//! without touching them. It finds the content folder, the languages (the
//! scripts of the text and the `name.en.md` suffixes in use) and the
//! front-matter fields in use, writes a `tebiki.yaml` with which `tebiki
//! build` works, then loads the site with the ordinary check stage and
//! tells what it found. It never overwrites a `tebiki.yaml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::build::{self, Options};
use crate::config::{CONFIG_FILE, DEFAULT_CONTENT};
use crate::diagnostic::Severity;
use crate::discover::{is_hidden, FRAGMENT_FOLDERS};
use crate::parse::frontmatter;
use crate::progress::{Progress, Silent};
use crate::rules;

/// Folders that never hold a site's articles.
const NOT_CONTENT: &[&str] = &["node_modules", "public", "static", "themes", "schema", "target", "vendor"];

/// Whether a front-matter field is one of tebiki's own (FORMAT.md's).
fn own_field(name: &str) -> bool {
    !ALIASES.iter().any(|(a, _)| *a == name)
        && crate::schema::builtin()["properties"].as_object().is_some_and(|p| p.contains_key(name))
}

/// Fields of other tools tebiki reads, and the field each stands for.
pub const ALIASES: &[(&str, &str)] = &[
    ("description", "summary"),
    ("date", "published"),
    ("ms.date", "published"),
    ("lastmod", "updated"),
    ("last_update", "updated"),
    ("updated_at", "updated"),
    ("keywords", "tags"),
];

/// Language codes recognised as file suffixes (`name.en.md`).
const LANGUAGE_CODES: &[&str] = &[
    "ja", "en", "zh", "ko", "fr", "de", "es", "it", "pt", "ru", "nl", "sv", "da", "fi", "nb", "no", "pl", "tr", "ar",
    "he", "th", "vi", "id", "ms", "uk", "cs", "hu", "ro", "el",
];

/// Why `init` did nothing.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} already exists; tebiki init never overwrites it (run `tebiki check` to see how the site reads)")]
    Exists(PathBuf),
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("no Markdown files found in {0}")]
    NoMarkdown(PathBuf),
    #[error("the content folder `{0}` does not exist or holds no Markdown files")]
    BadContent(String),
    #[error("failed to write {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error(transparent)]
    Build(#[from] build::Error),
}

/// Options of `tebiki init`.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The folder to adopt (it becomes the site folder).
    pub dir: PathBuf,
    /// The content folder, relative to `dir`, instead of the one found.
    pub content: Option<String>,
}

/// What `init` found in the Markdown files, before loading the site.
#[derive(Debug, Clone, Default)]
pub struct Survey {
    /// Content folder relative to the site folder (`.` for the site folder).
    pub content: String,
    /// Markdown files in it (fragments and `_index.md` included).
    pub markdown_files: usize,
    /// Languages, the default first.
    pub languages: Vec<String>,
    /// Files without a language suffix whose text is in another language
    /// than the default, by language.
    pub mixed: BTreeMap<String, usize>,
    /// Front-matter fields in use and how many files use each.
    pub fields: BTreeMap<String, usize>,
    /// Files whose front matter has an `id` that is a number (help-desk
    /// exports: Zendesk's article ids).
    pub numeric_ids: usize,
    /// Files without front matter.
    pub without_front_matter: usize,
    /// Site title (from `mkdocs.yml`, else the folder's name).
    pub title: String,
    /// Folders MkDocs reads `--8<--` snippets from (`mkdocs.yml`'s
    /// pymdownx.snippets `base_path`), when it names any.
    pub snippet_paths: Vec<String>,
}

impl Survey {
    /// Whether every `id` written is a number, so the articles keep their
    /// help-desk ids as help ids (`help_ids: {from_field: id}`).
    pub fn ids_are_help_ids(&self) -> bool {
        self.fields.get("id").is_some_and(|&n| n > 0 && n == self.numeric_ids)
    }

    /// Fields neither tebiki's own nor read as another (kept, not used).
    pub fn unknown_fields(&self) -> Vec<(&str, usize)> {
        self.fields
            .iter()
            .filter(|(k, _)| !own_field(k) && !ALIASES.iter().any(|(a, _)| a == k))
            .filter(|(k, _)| !(k.as_str() == "id" && self.ids_are_help_ids()))
            .map(|(k, n)| (k.as_str(), *n))
            .collect()
    }

    /// The `tebiki.yaml` text for this survey.
    pub fn config_text(&self) -> String {
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let mut t = String::from("# Written by `tebiki init`; see the README, \"Bring your existing help center\".\n");
        t.push_str(&format!("title: {}\n", quote(&self.title)));
        t.push_str(&format!("languages: [{}]\n", self.languages.join(", ")));
        if self.content != DEFAULT_CONTENT {
            t.push_str(&format!("content: {}\n", quote(&self.content)));
        }
        if !self.snippet_paths.is_empty() {
            let paths: Vec<String> = self.snippet_paths.iter().map(|p| quote(p)).collect();
            t.push_str(&format!(
                "# MkDocs reads `--8<--` snippets from these folders (mkdocs.yml)\nincludes:\n  snippet_paths: [{}]\n",
                paths.join(", ")
            ));
        }
        let unknown = self.unknown_fields();
        if !unknown.is_empty() {
            let names: Vec<&str> = unknown.iter().map(|(k, _)| *k).collect();
            t.push_str(&format!(
                "# Fields of other tools that tebiki does not use are kept: {}\nfront_matter:\n  unknown: ignore\n",
                names.join(", ")
            ));
        }
        if self.ids_are_help_ids() {
            t.push_str(
                "# The articles' ids stay their help ids: a product opens one with open.html?id=…\nhelp_ids:\n  from_field: id\n",
            );
        }
        t
    }
}

/// Look at `dir` and decide the settings (writes nothing).
pub fn survey(opts: &InitOptions) -> Result<Survey, InitError> {
    let dir = &opts.dir;
    if !dir.is_dir() {
        return Err(InitError::NotAFolder(dir.clone()));
    }
    let content = match &opts.content {
        Some(c) => {
            let c = c.trim().trim_end_matches('/').to_string();
            let c = if c.is_empty() { ".".to_string() } else { c };
            if markdown_files(&dir.join(&c)).next().is_none() {
                return Err(InitError::BadContent(c));
            }
            c
        }
        None => find_content(dir).ok_or_else(|| InitError::NoMarkdown(dir.clone()))?,
    };
    let root = if content == "." { dir.clone() } else { dir.join(&content) };
    let mut s =
        Survey { content, title: site_title(dir), snippet_paths: mkdocs_snippet_paths(dir), ..Default::default() };
    let mut suffixes: BTreeMap<String, usize> = BTreeMap::new();
    let mut scripts: BTreeMap<String, usize> = BTreeMap::new();
    let mut unsuffixed_langs = Vec::new();
    for path in markdown_files(&root) {
        s.markdown_files += 1;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let suffix = stem.rsplit_once('.').map(|(_, l)| l).filter(|l| LANGUAGE_CODES.contains(l));
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let mut sink = Vec::new();
        let split = frontmatter::split(&text, Path::new(""), &mut sink);
        match &split.yaml {
            Some(range) => {
                if let Ok(doc) = crate::yaml::load(&text[range.clone()], 0) {
                    if let Some(map) = doc.value.as_object() {
                        for key in map.keys() {
                            *s.fields.entry(key.clone()).or_default() += 1;
                        }
                        if map.get("id").is_some_and(|v| v.is_u64() || v.is_i64()) {
                            s.numeric_ids += 1;
                        }
                    }
                }
            }
            None => s.without_front_matter += 1,
        }
        let in_fragment = path
            .strip_prefix(&root)
            .ok()
            .is_some_and(|r| r.components().any(|c| FRAGMENT_FOLDERS.contains(&&*c.as_os_str().to_string_lossy())));
        match suffix {
            Some(l) => *suffixes.entry(l.to_string()).or_default() += 1,
            None if !in_fragment && !name.starts_with("_index.") => {
                if let Some(lang) = script_language(&text[split.body_start..]) {
                    *scripts.entry(lang.to_string()).or_default() += 1;
                    unsuffixed_langs.push(lang);
                }
            }
            None => {}
        }
    }
    // The default language is the language most files without a suffix are written in.
    let default = scripts.iter().max_by_key(|(_, n)| **n).map(|(l, _)| l.clone()).unwrap_or_else(|| "en".into());
    s.languages.push(default.clone());
    let mut others: Vec<(&String, &usize)> = suffixes.iter().filter(|(l, _)| **l != default).collect();
    others.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    s.languages.extend(others.into_iter().map(|(l, _)| l.clone()));
    for lang in unsuffixed_langs.into_iter().filter(|l| *l != default) {
        *s.mixed.entry(lang.to_string()).or_default() += 1;
    }
    Ok(s)
}

/// What `init` did and found.
pub struct Adopted {
    pub survey: Survey,
    /// The file written.
    pub config_file: PathBuf,
    /// The site as the check stage loads it with that file.
    pub loaded: build::Loaded,
    /// Rules the articles broke, lowered to warnings (id → errors found).
    pub lowered: BTreeMap<&'static str, usize>,
    /// Advice the articles do not follow, turned off (id → warnings it gave).
    pub advice: BTreeMap<&'static str, usize>,
}

/// Survey `dir`, write its `tebiki.yaml` (never over an existing one) and
/// load the site through the check stage.
pub fn init(opts: &InitOptions) -> Result<Adopted, InitError> {
    init_with(opts, &Silent)
}

/// [`init`], reporting the loading of the site to `progress`.
pub fn init_with(opts: &InitOptions, progress: &dyn Progress) -> Result<Adopted, InitError> {
    let config_file = opts.dir.join(CONFIG_FILE);
    if config_file.exists() {
        return Err(InitError::Exists(config_file));
    }
    let survey = survey(opts)?;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&config_file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            InitError::Exists(config_file.clone())
        } else {
            InitError::Io(config_file.clone(), e)
        }
    })?;
    let mut text = survey.config_text();
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| InitError::Io(config_file.clone(), e))?;
    drop(file);
    let opts_check = Options { site: opts.dir.clone(), ..Default::default() };
    let mut loaded = build::check_with(&opts_check, progress)?;
    let mut lowered = BTreeMap::new();
    let mut advice = BTreeMap::new();
    for d in &loaded.report.diagnostics {
        if d.severity == Severity::Error {
            *lowered.entry(d.rule.id).or_insert(0usize) += 1;
        } else if ADVICE.contains(&d.rule) {
            *advice.entry(d.rule.id).or_insert(0usize) += 1;
        }
    }
    if !lowered.is_empty() || !advice.is_empty() {
        // The articles had these problems before tebiki: the site builds
        // with them reported as warnings until they are fixed. Advice on
        // writing guides the tebiki way is no problem of theirs.
        text.push_str(&rules_text(&lowered, &advice));
        std::fs::write(&config_file, &text).map_err(|e| InitError::Io(config_file.clone(), e))?;
        loaded = build::check_with(&opts_check, progress)?;
    }
    Ok(Adopted { survey, config_file, loaded, lowered, advice })
}

/// Warnings that advise on writing guides the tebiki way (a screenshot per
/// step, one `#` title): an adopted help center follows its own tool's
/// conventions, so `init` turns them off rather than report every article.
const ADVICE: &[&rules::Rule] =
    &[&rules::STEP_NO_SCREENSHOT, &rules::TITLE_AS_H1, &rules::HEADING_SKIP, &rules::LIST_INTERRUPTED];

/// The `rules:` that lower the rules the articles break (id → errors) to
/// warnings and turn off the advice they do not follow (id → warnings).
fn rules_text(lowered: &BTreeMap<&str, usize>, advice: &BTreeMap<&str, usize>) -> String {
    let errors: usize = lowered.values().sum();
    let mut t = String::new();
    if errors > 0 {
        t.push_str(&format!(
            "# The articles had {errors} problems tebiki reports as errors; they are warnings\n\
             # until fixed, so the site builds. Delete a line to make its rule an error again.\n"
        ));
    }
    if !advice.is_empty() {
        t.push_str("# Advice for guides written for tebiki, which these articles do not follow: off.\n");
    }
    t.push_str("rules:\n");
    for (rule, n) in lowered {
        t.push_str(&format!("  {rule}: warn  # {n}\n"));
    }
    for (rule, n) in advice {
        t.push_str(&format!("  {rule}: off  # {n}\n"));
    }
    t
}

impl Adopted {
    /// What `tebiki init` prints: what was found, the settings written, and
    /// the check's summary by rule.
    pub fn summary(&self) -> String {
        let s = &self.survey;
        let site = &self.loaded.site;
        let report = &self.loaded.report;
        let mut out = String::new();
        let mut line = |l: String| {
            out.push_str(&l);
            out.push('\n');
        };
        let folder = if s.content == "." { "the site folder".to_string() } else { format!("{}/", s.content) };
        let per_lang: Vec<String> = s
            .languages
            .iter()
            .map(|l| format!("{} {l}", site.guides.iter().filter(|g| &g.lang == l).count()))
            .collect();
        line(format!("content: {folder} ({} Markdown files)", s.markdown_files));
        line(format!(
            "guides: {} ({}) in {} categories",
            site.guides.len(),
            per_lang.join(", "),
            site.categories.len().saturating_sub(1)
        ));
        let steps: usize = site.guides.iter().map(|g| g.step_count()).sum();
        let images: usize = site.guides.iter().map(|g| g.assets.len()).sum();
        line(format!("steps: {steps}; images and files linked: {images}"));
        let default = &s.languages[0];
        let from = if s.languages.len() > 1 { " (others from `name.<lang>.md` files)" } else { "" };
        line(format!(
            "languages: {} — default {default}, from the text of files without a suffix{from}",
            s.languages.join(", ")
        ));
        for (lang, n) in &s.mixed {
            line(format!(
                "  note: {n} files without a language suffix read as {lang}; they are built as {default} \
                 (name them `name.{lang}.md` to make them translations)"
            ));
        }
        let mut mapped = Vec::new();
        let mut own = Vec::new();
        for (field, n) in &s.fields {
            match ALIASES.iter().find(|(a, _)| a == field) {
                Some((_, to)) => mapped.push(format!("{field} → {to} ({n})")),
                None if own_field(field) => own.push(format!("{field} ({n})")),
                None => {}
            }
        }
        if !own.is_empty() {
            line(format!("front matter read as it is: {}", own.join(", ")));
        }
        if !mapped.is_empty() {
            line(format!("front matter read as tebiki's: {}", mapped.join(", ")));
        }
        let unknown: Vec<String> = s.unknown_fields().iter().map(|(k, n)| format!("{k} ({n})")).collect();
        if !unknown.is_empty() {
            line(format!("front matter kept but not used (front_matter: {{unknown: ignore}}): {}", unknown.join(", ")));
        }
        if s.without_front_matter > 0 {
            line(format!("files without front matter: {}", s.without_front_matter));
        }
        if !s.snippet_paths.is_empty() {
            line(format!("MkDocs snippets (`--8<--`) read from: {} (mkdocs.yml)", s.snippet_paths.join(", ")));
        }
        line(format!(
            "dates missing from front matter: {}",
            match site.config.dates {
                crate::config::DateSource::Git => "from git history (dates: git), else the file's time",
                crate::config::DateSource::File => "from the file's time (dates: file)",
                crate::config::DateSource::None => "none (dates: none)",
            }
        ));
        let mut by_rule: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
        for d in &report.diagnostics {
            *by_rule.entry((d.severity, d.rule.id)).or_default() += 1;
        }
        let mut ranked: Vec<((Severity, &str), usize)> = by_rule.into_iter().collect();
        ranked.sort_by(|a, b| a.0 .0.cmp(&b.0 .0).then(b.1.cmp(&a.1)).then(a.0 .1.cmp(b.0 .1)));
        if !self.advice.is_empty() {
            let rules: Vec<String> = self.advice.iter().map(|(r, n)| format!("{r} ({n})")).collect();
            line(format!(
                "advice for guides written for tebiki, turned off (rules: in {CONFIG_FILE}): {}",
                rules.join(", ")
            ));
        }
        if !self.lowered.is_empty() {
            let n: usize = self.lowered.values().sum();
            let rules: Vec<&str> = self.lowered.keys().copied().collect();
            line(format!(
                "{n} errors the articles already had are warnings until fixed (rules: in {CONFIG_FILE}): {}",
                rules.join(", ")
            ));
        }
        line(format!(
            "check: {} errors, {} warnings{}",
            report.errors(),
            report.warnings(),
            if ranked.is_empty() { "" } else { " by rule:" }
        ));
        for ((severity, rule), n) in ranked {
            line(format!("  {n:>6} {} {rule}", severity.as_str()));
        }
        out
    }

    /// The first problems, errors first, as `tebiki check` prints them.
    pub fn first_problems(&self, n: usize) -> crate::check::report::Report {
        let mut diags = self.loaded.report.diagnostics.clone();
        // Errors first, then what the articles already broke, then the rest.
        diags.sort_by_key(|d| (d.severity, !self.lowered.contains_key(d.rule.id)));
        diags.truncate(n);
        crate::check::report::Report::new(&self.loaded.root, Some(&self.loaded.site.config), diags)
    }
}

/// Markdown files under `dir`, hidden names and folders of other kinds left out.
fn markdown_files(dir: &Path) -> impl Iterator<Item = PathBuf> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(is_hidden(&name) && !name.starts_with("_index.") || NOT_CONTENT.contains(&&*name))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && is_markdown(&e.file_name().to_string_lossy()))
        .map(walkdir::DirEntry::into_path)
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx")
}

/// The content folder of `dir`: `content/`, else `docs/`, when they hold
/// Markdown; else the folder holding most Markdown files (`.` when the
/// files sit at the top of `dir`), going down while one sub-folder holds
/// them all (`src/content/docs/`) and stopping where several hold two or more.
fn find_content(dir: &Path) -> Option<String> {
    for name in [DEFAULT_CONTENT, "docs"] {
        if markdown_files(&dir.join(name)).next().is_some() {
            return Some(name.to_string());
        }
    }
    let mut at = PathBuf::new();
    loop {
        let here = dir.join(&at);
        let own = std::fs::read_dir(&here)
            .ok()?
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file() && is_markdown(&e.file_name().to_string_lossy()))
            .count();
        let mut best: Option<(usize, String)> = None;
        let mut total_below = 0;
        // Sub-folders holding more than a stray file: categories.
        let mut categories = 0;
        let mut subfolders = std::fs::read_dir(&here).ok()?.filter_map(Result::ok).collect::<Vec<_>>();
        subfolders.sort_by_key(|e| e.file_name());
        for e in subfolders {
            let name = e.file_name().to_string_lossy().into_owned();
            if !e.path().is_dir() || is_hidden(&name) || NOT_CONTENT.contains(&name.as_str()) {
                continue;
            }
            let n = markdown_files(&e.path()).count();
            total_below += n;
            categories += usize::from(n >= 2);
            if n > 0 && best.as_ref().is_none_or(|(b, _)| n > *b) {
                best = Some((n, name));
            }
        }
        match best {
            None if own == 0 => return None,
            None => return Some(slash_or_dot(&at)),
            Some((n, _)) if own >= n => return Some(slash_or_dot(&at)),
            // One folder holds every file below: go down into it.
            Some((n, name)) if own == 0 && n == total_below => at.push(name),
            // Several folders hold them (categories, as a Zendesk export's
            // sections): their parent is the content folder.
            Some(_) if own == 0 && categories >= 2 => return Some(slash_or_dot(&at)),
            Some((_, name)) => return Some(slash_or_dot(&at.join(name))),
        }
    }
}

fn slash_or_dot(p: &Path) -> String {
    let s = crate::discover::slash_path(p);
    if s.is_empty() {
        ".".into()
    } else {
        s
    }
}

/// The language of a text by its script: Japanese when it has kana, or a
/// good share of kanji; Korean for hangul; Chinese for han without kana;
/// else English when it has Latin letters.
fn script_language(text: &str) -> Option<&'static str> {
    let (mut kana, mut han, mut hangul, mut latin) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c as u32 {
            0x3040..=0x30FF | 0xFF66..=0xFF9F => kana += 1,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => han += 1,
            0xAC00..=0xD7AF => hangul += 1,
            _ if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    let letters = kana + han + hangul + latin;
    if letters == 0 {
        return None;
    }
    // English text quoting a Japanese label now and then stays English.
    if (kana + han + hangul) * 10 < letters {
        return Some("en");
    }
    Some(if hangul > kana + han {
        "ko"
    } else if kana > 0 {
        "ja"
    } else if han > 0 {
        "zh"
    } else {
        "en"
    })
}

/// A title for the site: `site_name` of an `mkdocs.yml`, else the folder's name.
fn site_title(dir: &Path) -> String {
    if let Ok(text) = std::fs::read_to_string(dir.join("mkdocs.yml")) {
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("site_name:") {
                let name = name.trim().trim_matches(['"', '\'']);
                if !name.is_empty() {
                    return name.to_string();
                }
            }
        }
    }
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    abs.file_name().map(|n| crate::slug::humanize(&n.to_string_lossy())).unwrap_or_else(|| "Help".into())
}

/// The `base_path` of pymdownx.snippets in an `mkdocs.yml` (a string or a
/// list; relative to the folder holding `mkdocs.yml`, which is the site's).
fn mkdocs_snippet_paths(dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dir.join("mkdocs.yml")) else { return Vec::new() };
    // MkDocs files carry Python tags (`!!python/name:…`): a tagged value
    // reads as such, and only this one setting is looked at.
    let Ok(yaml) = serde_yaml::from_str::<serde_yaml::Value>(&text) else { return Vec::new() };
    let Some(serde_yaml::Value::Sequence(exts)) = yaml.get("markdown_extensions") else { return Vec::new() };
    let base = exts.iter().find_map(|e| e.get("pymdownx.snippets")?.get("base_path"));
    match base {
        Some(serde_yaml::Value::String(p)) => vec![p.clone()],
        Some(serde_yaml::Value::Sequence(ps)) => ps.iter().filter_map(|p| p.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_tell_the_language() {
        assert_eq!(script_language("[設定] を開き、Wi-Fi をオンにします。"), Some("ja"));
        assert_eq!(script_language("Open Settings and turn on Wi-Fi."), Some("en"));
        assert_eq!(script_language("Run the cmdlet Get-CsUser to list every user of the pool (プール)."), Some("en"));
        assert_eq!(script_language("打开设置"), Some("zh"));
        assert_eq!(script_language("123 !!"), None);
    }

    #[test]
    fn mkdocs_snippet_folders_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let yml = "site_name: x\nmarkdown_extensions:\n  - admonition\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n  - pymdownx.snippets:\n      base_path: [docs/snippets, shared]\n";
        std::fs::write(dir.path().join("mkdocs.yml"), yml).unwrap();
        assert_eq!(mkdocs_snippet_paths(dir.path()), ["docs/snippets", "shared"]);
        std::fs::write(
            dir.path().join("mkdocs.yml"),
            "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: docs\n",
        )
        .unwrap();
        assert_eq!(mkdocs_snippet_paths(dir.path()), ["docs"]);
        std::fs::write(dir.path().join("mkdocs.yml"), "markdown_extensions: [pymdownx.snippets]\n").unwrap();
        assert!(mkdocs_snippet_paths(dir.path()).is_empty());
    }
}
