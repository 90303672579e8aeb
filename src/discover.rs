//! Walks `content/` and `static/` and sorts every file into guides, category
//! descriptions (`_index.md`) and assets. Reads no Markdown: it decides only
//! from names (bundles, language suffixes, `_`/`.` exclusions, fragment
//! folders) and computes each guide's output path, so later stages can
//! resolve links in parallel.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::rules;

/// A guide's Markdown file, before it is read.
#[derive(Debug, Clone)]
pub struct GuideSource {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to the site folder (`content/a/b/index.md`).
    pub rel: PathBuf,
    pub lang: String,
    pub slug: String,
    /// Category path relative to `content/` (`a`, `a/b`, `""`).
    pub category: String,
    /// Output path relative to the site root (`a/b.html`, `en/a/b.html`).
    pub url: String,
}

/// An `_index.md` (or `_index.en.md`) file describing a category.
#[derive(Debug, Clone)]
pub struct CategorySource {
    pub path: PathBuf,
    pub rel: PathBuf,
    pub lang: String,
    /// Category path relative to `content/`.
    pub category: String,
}

/// A file that is copied as it is.
#[derive(Debug, Clone)]
pub struct AssetSource {
    pub path: PathBuf,
    /// Path relative to the site folder (`content/a/shot.png`, `static/logo.png`).
    pub rel: PathBuf,
    /// Output path relative to the site root.
    pub url: String,
    /// Identity of the file's contents where the platform has one (the inode
    /// number on Unix; 0 elsewhere): hard links share it.
    pub file_id: u64,
}

/// Everything found in a site folder.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Absolute site folder.
    pub root: PathBuf,
    /// Sorted by `rel`.
    pub guides: Vec<GuideSource>,
    pub category_files: Vec<CategorySource>,
    /// Every folder of `content/` that is a category (not a bundle), `""` included.
    pub categories: Vec<String>,
    pub assets: Vec<AssetSource>,
    /// Markdown files in fragment folders ([`FRAGMENT_FOLDERS`]), relative
    /// to the site folder, sorted: not guides, but files to include.
    pub fragments: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// By `rel`, as bytes: a `Path` key would hash component by component.
    guide_index: FxHashMap<OsString, usize>,
    asset_index: FxHashMap<OsString, usize>,
}

impl Discovery {
    /// The guide whose source is `rel` (relative to the site folder).
    pub fn guide(&self, rel: &Path) -> Option<&GuideSource> {
        self.guide_index.get(rel.as_os_str()).map(|&i| &self.guides[i])
    }

    /// The asset whose source is `rel` (relative to the site folder).
    pub fn asset(&self, rel: &Path) -> Option<&AssetSource> {
        self.asset_id(rel).map(|i| &self.assets[i])
    }

    /// The position in [`Discovery::assets`] of the asset whose source is `rel`.
    pub fn asset_id(&self, rel: &Path) -> Option<usize> {
        self.asset_index.get(rel.as_os_str()).copied()
    }

    /// The same guide in `lang`, if it exists.
    pub fn translation<'a>(&'a self, guide: &'a GuideSource, lang: &str) -> Option<&'a GuideSource> {
        if guide.lang == lang {
            return Some(guide);
        }
        self.guides.iter().find(|g| g.lang == lang && g.category == guide.category && g.slug == guide.slug)
    }

    /// Guides whose slug is `slug`.
    pub fn guides_with_slug<'a>(&'a self, slug: &'a str) -> impl Iterator<Item = &'a GuideSource> + 'a {
        self.guides.iter().filter(move |g| g.slug == slug)
    }

    /// Asset paths (relative to the site folder) as strings, for suggestions.
    pub fn asset_paths(&self) -> impl Iterator<Item = &Path> {
        self.assets.iter().map(|a| a.rel.as_path())
    }
}

/// Split `name.en.md` into (`name`, Some(`en`)) when `en` is a site language.
fn split_lang<'a>(stem: &'a str, config: &SiteConfig) -> (&'a str, Option<&'a str>) {
    if let Some((base, suffix)) = stem.rsplit_once('.') {
        if config.languages.iter().any(|l| l == suffix) && !base.is_empty() {
            return (base, Some(suffix));
        }
    }
    (stem, None)
}

/// `_index.md` / `_index.en.md` → its language.
fn category_index_lang<'a>(name: &'a str, config: &'a SiteConfig) -> Option<&'a str> {
    let stem = name.strip_suffix(".md")?;
    match split_lang(stem, config) {
        ("_index", lang) => Some(lang.unwrap_or(config.default_language())),
        _ => None,
    }
}

/// `index.md` / `index.en.md` → its language.
fn bundle_index_lang<'a>(name: &'a str, config: &'a SiteConfig) -> Option<&'a str> {
    let stem = name.strip_suffix(".md")?;
    match split_lang(stem, config) {
        ("index", lang) => Some(lang.unwrap_or(config.default_language())),
        _ => None,
    }
}

/// Whether a file or folder name is excluded from the site. `_includes`
/// is a fragment folder (below), not hidden.
pub fn is_hidden(name: &str) -> bool {
    (name.starts_with('_') && !name.starts_with("_index.") && name != "_includes") || name.starts_with('.')
}

/// Folders that hold fragments included into pages, not pages of their
/// own: their Markdown files are include files, not guides, and they are
/// not categories. Their other files (an included file's screenshots) are
/// assets.
pub const FRAGMENT_FOLDERS: &[&str] = &["includes", "_includes", "partials", "snippets"];

/// Whether a path relative to the content folder lies in a fragment folder.
pub fn in_fragment_folder(rel_in_content: &str) -> bool {
    let mut parts = rel_in_content.split('/');
    parts.next_back();
    parts.any(|p| FRAGMENT_FOLDERS.contains(&p))
}

/// `/`-joined path of `path` relative to `base`.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A file or folder found by [`walk`], with its path relative to the
/// walked folder (`/`-separated).
struct Found {
    path: PathBuf,
    rel: String,
    is_dir: bool,
    file_id: u64,
}

/// The parent folder of a `/`-separated relative path (`""` at the top).
fn parent_of(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// The last part of a `/`-separated relative path.
fn name_of(rel: &str) -> &str {
    rel.rfind('/').map_or(rel, |i| &rel[i + 1..])
}

/// A name's extension as `Path::extension` sees it (none for `.hidden`).
fn extension_of(name: &str) -> Option<&str> {
    name.rfind('.').filter(|&i| i > 0).map(|i| &name[i + 1..])
}

/// Walk the site folder.
pub fn discover(root: &Path, config: &SiteConfig) -> Discovery {
    let mut d = Discovery { root: root.to_path_buf(), ..Default::default() };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let content = root.join("content");
    let static_dir = root.join("static");

    // Every file and folder under content/ and static/, exclusions applied.
    let ((found, content_diags), (statics, static_diags)) =
        rayon::join(|| walk(root, &content, &canonical_root), || walk(root, &static_dir, &canonical_root));
    d.diagnostics = content_diags;
    d.diagnostics.extend(static_diags);
    let (dirs, files): (Vec<&Found>, Vec<&Found>) = found.iter().partition(|f| f.is_dir);

    // Bundle folders: those holding index.md / index.<lang>.md.
    // A folder with `_index.md` is a category, so it is never a bundle.
    let category_folders: FxHashSet<&str> = files
        .iter()
        .filter(|f| category_index_lang(name_of(&f.rel), config).is_some())
        .map(|f| parent_of(&f.rel))
        .collect();
    let bundles: FxHashSet<&str> = files
        .iter()
        .filter(|f| bundle_index_lang(name_of(&f.rel), config).is_some())
        .map(|f| parent_of(&f.rel))
        .filter(|p| !p.is_empty() && !category_folders.contains(p))
        .collect();
    // The outermost bundle each folder belongs to (walks list parents first).
    let mut bundle_of_dir: FxHashMap<&str, Option<&str>> = FxHashMap::default();
    bundle_of_dir.reserve(dirs.len());
    for dir in &dirs {
        let inherited = bundle_of_dir.get(parent_of(&dir.rel)).copied().flatten();
        let own = bundles.get(dir.rel.as_str()).copied();
        bundle_of_dir.insert(&dir.rel, inherited.or(own));
    }

    d.categories.push(String::new());
    for dir in &dirs {
        let fragment = FRAGMENT_FOLDERS.contains(&name_of(&dir.rel)) || in_fragment_folder(&dir.rel);
        if !fragment && bundle_of_dir.get(dir.rel.as_str()).copied().flatten().is_none() {
            d.categories.push(dir.rel.clone());
        }
    }

    let rel_to_root = |f: &Found, base: &str| -> PathBuf {
        let mut rel = String::with_capacity(base.len() + 1 + f.rel.len());
        rel.push_str(base);
        rel.push('/');
        rel.push_str(&f.rel);
        if f.path.to_str().is_some() {
            PathBuf::from(rel)
        } else {
            // A name that is not UTF-8: keep its bytes.
            f.path.strip_prefix(root).unwrap_or(&f.path).to_path_buf()
        }
    };

    d.guides.reserve(files.len() / 8);
    d.assets.reserve(files.len());
    for f in files {
        let name = name_of(&f.rel);
        let parent = parent_of(&f.rel);
        let rel = rel_to_root(f, "content");
        let path = f.path.clone();
        let markdown =
            extension_of(name).is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if markdown && in_fragment_folder(&f.rel) {
            d.fragments.push(rel);
            continue;
        }
        if let Some(bundle) = bundle_of_dir.get(parent).copied().flatten() {
            if let (true, Some(lang)) = (parent == bundle, bundle_index_lang(name, config)) {
                let (category, slug) = (parent_of(bundle).to_string(), name_of(bundle).to_string());
                d.guides.push(guide_source(config, path, rel, lang, slug, category));
                continue;
            }
            d.assets.push(AssetSource { url: f.rel.clone(), path, rel, file_id: f.file_id });
            continue;
        }
        if let Some(lang) = category_index_lang(name, config) {
            d.category_files.push(CategorySource { category: parent.to_string(), lang: lang.to_string(), path, rel });
        } else if markdown && bundle_index_lang(name, config).is_some() {
            // `index.md` in a category folder (or in content/) would be written
            // where the category's (or home) page goes.
            let what = if parent.is_empty() { "the home page" } else { "this category's page" };
            d.diagnostics.push(
                Diagnostic::file(&rules::DUPLICATE_OUTPUT, &rel, format!("`{name}` would replace {what}; it is not built"))
                    .with_hint(Some(
                        "a folder with `_index.md` is a category: give this guide its own name, or move it into a folder of its own (a bundle)".into(),
                    )),
            );
        } else if markdown {
            let stem = &name[..name.rfind('.').unwrap_or(name.len())];
            let (slug, lang) = split_lang(stem, config);
            let lang = lang.unwrap_or(config.default_language()).to_string();
            d.guides.push(guide_source(config, path, rel, &lang, slug.to_string(), parent.to_string()));
        } else {
            d.assets.push(AssetSource { url: f.rel.clone(), path, rel, file_id: f.file_id });
        }
    }
    drop(found);

    // static/ files are copied to the output root.
    for f in statics.into_iter().filter(|f| !f.is_dir) {
        let rel = rel_to_root(&f, "static");
        d.assets.push(AssetSource { url: f.rel, rel, path: f.path, file_id: f.file_id });
    }

    // Walks list each folder sorted, so these are (nearly) sorted already.
    d.guides.sort_by(|a, b| a.rel.cmp(&b.rel));
    d.assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    d.category_files.sort_by(|a, b| a.rel.cmp(&b.rel));
    d.fragments.sort();
    d.categories.sort();
    d.categories.dedup();
    d.guide_index = d.guides.iter().enumerate().map(|(i, g)| (g.rel.clone().into_os_string(), i)).collect();
    d.asset_index = d.assets.iter().enumerate().map(|(i, a)| (a.rel.clone().into_os_string(), i)).collect();
    d
}

fn guide_source(
    config: &SiteConfig,
    path: PathBuf,
    rel: PathBuf,
    lang: &str,
    slug: String,
    category: String,
) -> GuideSource {
    let dir = if category.is_empty() { String::new() } else { format!("{category}/") };
    GuideSource {
        url: format!("{}{dir}{slug}.html", config.lang_prefix(lang)),
        path,
        rel,
        lang: lang.to_string(),
        slug,
        category,
    }
}

/// The inode number of an entry (read with the directory, no extra call).
#[cfg(unix)]
fn file_id(entry: &walkdir::DirEntry) -> u64 {
    use walkdir::DirEntryExt;
    entry.ino()
}

#[cfg(not(unix))]
fn file_id(_: &walkdir::DirEntry) -> u64 {
    0
}

/// Walk `dir` (if it exists), following symlinks that stay inside the site,
/// skipping hidden names, and reporting loops and escapes as diagnostics.
/// Parents come before their contents and each folder is listed sorted by
/// name. The folders at the top are walked in parallel.
fn walk(root: &Path, dir: &Path, canonical_root: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    if !dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let mut diagnostics = Vec::new();
    let mut top = Vec::new();
    for entry in walker(dir).max_depth(1).into_iter().filter_entry(not_hidden) {
        if let Some(found) = visit(root, dir, canonical_root, entry, &mut diagnostics) {
            top.push(found);
        }
    }
    // Below the top: one walk per folder. Each knows its own ancestors; the
    // one they do not see, `dir`, is checked for by hand.
    let canonical_dir = dir.canonicalize().ok();
    let below: Vec<(Vec<Found>, Vec<Diagnostic>)> = top
        .par_iter()
        .map(|t| {
            let mut found = Vec::new();
            let mut diags = Vec::new();
            if !t.is_dir {
                return (found, diags);
            }
            let mut loops = Vec::new();
            let entries = walker(&t.path).min_depth(1).into_iter().filter_entry(|e| {
                if !not_hidden(e) {
                    return false;
                }
                let is_loop = e.path_is_symlink()
                    && e.file_type().is_dir()
                    && canonical_dir.is_some()
                    && e.path().canonicalize().ok() == canonical_dir;
                if is_loop {
                    loops.push(e.path().to_path_buf());
                }
                !is_loop
            });
            for entry in entries {
                if let Some(f) = visit(root, dir, canonical_root, entry, &mut diags) {
                    found.push(f);
                }
            }
            for path in loops {
                diags.push(loop_diagnostic(root, &path));
            }
            (found, diags)
        })
        .collect();
    let mut found = Vec::with_capacity(top.len() + below.iter().map(|(f, _)| f.len()).sum::<usize>());
    for (t, (sub, diags)) in top.into_iter().zip(below) {
        found.push(t);
        found.extend(sub);
        diagnostics.extend(diags);
    }
    (found, diagnostics)
}

fn walker(dir: &Path) -> WalkDir {
    // Siblings share their folder's path, so comparing whole paths compares names.
    WalkDir::new(dir).follow_links(true).sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
}

fn not_hidden(e: &walkdir::DirEntry) -> bool {
    e.depth() == 0 || !is_hidden(&e.file_name().to_string_lossy())
}

fn loop_diagnostic(root: &Path, path: &Path) -> Diagnostic {
    let rel = path.strip_prefix(root).unwrap_or(path);
    Diagnostic::file(&rules::FILE_UNREADABLE, rel, "symbolic link loop: this folder links back to one of its parents")
}

/// One entry of a walk of `dir`: what was found, or `None` after a diagnostic.
fn visit(
    root: &Path,
    dir: &Path,
    canonical_root: &Path,
    entry: walkdir::Result<walkdir::DirEntry>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Found> {
    let entry = match entry {
        Ok(e) => e,
        Err(err) => {
            let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
            if err.loop_ancestor().is_some() {
                diagnostics.push(loop_diagnostic(root, &path));
            } else {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let message = format!("cannot read: {}", err.io_error().map(|e| e.to_string()).unwrap_or_default());
                diagnostics.push(Diagnostic::file(&rules::FILE_UNREADABLE, rel, message));
            }
            return None;
        }
    };
    if entry.depth() == 0 {
        return None;
    }
    if entry.path_is_symlink() {
        let path = entry.path();
        let target = path.canonicalize().unwrap_or_default();
        if !target.starts_with(canonical_root) {
            let rel = path.strip_prefix(root).unwrap_or(path);
            diagnostics.push(
                Diagnostic::file(
                    &rules::PATH_ESCAPES_SITE,
                    rel,
                    format!("symbolic link points outside the site folder, to {}", target.display()),
                )
                .with_hint(Some("copy the file into the site instead of linking to it".into())),
            );
            return None;
        }
    }
    let (is_dir, file_id) = (entry.file_type().is_dir(), file_id(&entry));
    let path = entry.into_path();
    let rel = relative(&path, dir);
    Some(Found { path, rel, is_dir, file_id })
}

/// `path` (found by walking `dir`) relative to `dir`, `/`-separated.
fn relative(path: &Path, dir: &Path) -> String {
    // Walks build paths by joining names to the folder they were given.
    if let (Some(p), Some(d)) = (path.to_str(), dir.to_str()) {
        if let Some(rest) = p.strip_prefix(d) {
            let rest = rest.trim_start_matches(std::path::MAIN_SEPARATOR);
            return if std::path::MAIN_SEPARATOR == '/' { rest.to_string() } else { rest.replace('\\', "/") };
        }
    }
    slash_path(path.strip_prefix(dir).unwrap_or(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn config() -> SiteConfig {
        SiteConfig::parse("title: T\nlanguages: [ja, en]\n", Path::new("tebiki.yaml")).unwrap().0
    }

    fn touch(root: &Path, rel: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, "x").unwrap();
    }

    #[test]
    fn sorts_files_into_guides_categories_and_assets() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "content/_index.md",
            "content/account/_index.md",
            "content/account/_index.en.md",
            "content/account/reset.md",
            "content/account/reset.en.md",
            "content/account/two-step/index.md",
            "content/account/two-step/index.en.md",
            "content/account/two-step/shots/a.png",
            "content/account/nested/deep/guide.md",
            "content/account/_drafts/x.md",
            "content/.hidden.md",
            "content/account/setup.v2.md",
            "content/file.pdf",
            "static/logo.png",
        ] {
            touch(root, f);
        }
        let d = discover(root, &config());
        let urls: Vec<_> = d.guides.iter().map(|g| (g.url.as_str(), g.lang.as_str())).collect();
        assert_eq!(
            urls,
            vec![
                ("account/nested/deep/guide.html", "ja"),
                ("en/account/reset.html", "en"),
                ("account/reset.html", "ja"),
                ("account/setup.v2.html", "ja"),
                ("en/account/two-step.html", "en"),
                ("account/two-step.html", "ja"),
            ]
        );
        assert_eq!(d.categories, vec!["", "account", "account/nested", "account/nested/deep"]);
        let assets: Vec<_> = d.assets.iter().map(|a| a.url.as_str()).collect();
        assert_eq!(assets, vec!["account/two-step/shots/a.png", "file.pdf", "logo.png"]);
        assert_eq!(d.category_files.len(), 3);
        assert!(d.diagnostics.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_escapes_are_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "content/a/g.md");
        touch(outside.path(), "secret.md");
        std::os::unix::fs::symlink(root.join("content/a"), root.join("content/a/loop")).unwrap();
        // A link back to content/ itself, which the walk of content/a does not see as a parent.
        std::os::unix::fs::symlink(root.join("content"), root.join("content/a/up")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("content/leak.md")).unwrap();
        let d = discover(root, &config());
        let ids: Vec<_> = d.diagnostics.iter().map(|x| x.rule.id).collect();
        let loops: Vec<_> = d.diagnostics.iter().filter(|x| x.rule.id == "file-unreadable").map(|x| &x.file).collect();
        assert_eq!(loops, [Path::new("content/a/loop"), Path::new("content/a/up")], "{ids:?}");
        assert!(ids.contains(&"path-escapes-site"), "{ids:?}");
        assert_eq!(d.guides.len(), 1);
    }
}
