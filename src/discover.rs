//! Walks `content/` and `static/` and sorts every file into guides, category
//! descriptions (`_index.md`) and assets. Reads no Markdown: it decides only
//! from names (bundles, language suffixes, `_`/`.` exclusions) and computes
//! each guide's output path, so later stages can resolve links in parallel.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use rustc_hash::FxHashMap;
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
    pub diagnostics: Vec<Diagnostic>,
    guide_index: FxHashMap<PathBuf, usize>,
    asset_index: FxHashMap<PathBuf, usize>,
}

impl Discovery {
    /// The guide whose source is `rel` (relative to the site folder).
    pub fn guide(&self, rel: &Path) -> Option<&GuideSource> {
        self.guide_index.get(rel).map(|&i| &self.guides[i])
    }

    /// The asset whose source is `rel` (relative to the site folder).
    pub fn asset(&self, rel: &Path) -> Option<&AssetSource> {
        self.asset_id(rel).map(|i| &self.assets[i])
    }

    /// The position in [`Discovery::assets`] of the asset whose source is `rel`.
    pub fn asset_id(&self, rel: &Path) -> Option<usize> {
        self.asset_index.get(rel).copied()
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

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
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

/// Whether a file or folder name is excluded from the site.
pub fn is_hidden(name: &str) -> bool {
    (name.starts_with('_') && !name.starts_with("_index.")) || name.starts_with('.')
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

/// Walk the site folder.
pub fn discover(root: &Path, config: &SiteConfig) -> Discovery {
    let mut d = Discovery { root: root.to_path_buf(), ..Default::default() };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let content = root.join("content");

    // First pass: every file under content/, with exclusions applied.
    let mut files: Vec<(PathBuf, u64)> = Vec::new();
    let mut dirs: Vec<PathBuf> = Vec::new();
    walk(root, &content, &canonical_root, &mut d.diagnostics, |path, is_dir, id| {
        if is_dir {
            dirs.push(path)
        } else {
            files.push((path, id))
        }
    });

    // Bundle folders: those holding index.md / index.<lang>.md.
    // A folder with `_index.md` is a category, so it is never a bundle.
    let category_folders: HashSet<&Path> = files
        .iter()
        .filter(|(f, _)| {
            category_index_lang(f.file_name().and_then(|n| n.to_str()).unwrap_or_default(), config).is_some()
        })
        .filter_map(|(f, _)| f.parent())
        .collect();
    let mut bundles: HashSet<PathBuf> = HashSet::new();
    for (f, _) in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let parent = f.parent().unwrap_or(&content);
        if bundle_index_lang(name, config).is_some() && parent != content && !category_folders.contains(parent) {
            bundles.insert(parent.to_path_buf());
        }
    }
    // The outermost bundle each folder belongs to (walkdir lists parents first).
    let mut bundle_of_dir: HashMap<&Path, Option<&Path>> = HashMap::with_capacity(dirs.len());
    for dir in &dirs {
        let inherited = dir.parent().and_then(|p| bundle_of_dir.get(p).copied().flatten());
        let own = bundles.get(dir.as_path()).map(PathBuf::as_path);
        bundle_of_dir.insert(dir.as_path(), inherited.or(own));
    }
    let bundle_of = |file: &Path| -> Option<PathBuf> {
        file.parent().and_then(|p| bundle_of_dir.get(p).copied().flatten()).map(Path::to_path_buf)
    };

    let rel_to_content = |p: &Path| slash_path(p.strip_prefix(&content).unwrap_or(p));
    let rel_to_root = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();

    d.categories.push(String::new());
    for dir in &dirs {
        if dir != &content && bundle_of_dir.get(dir.as_path()).copied().flatten().is_none() {
            d.categories.push(rel_to_content(dir));
        }
    }

    for (f, file_id) in files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let rel = rel_to_root(&f);
        if let Some(bundle) = bundle_of(&f) {
            let in_bundle_root = f.parent() == Some(bundle.as_path());
            if let (true, Some(lang)) = (in_bundle_root, bundle_index_lang(&name, config)) {
                let category = rel_to_content(bundle.parent().unwrap());
                let slug = bundle.file_name().unwrap().to_string_lossy().into_owned();
                d.guides.push(guide_source(config, f.clone(), rel, lang, slug, category));
                continue;
            }
            d.assets.push(AssetSource { url: rel_to_content(&f), path: f, rel, file_id });
            continue;
        }
        let parent = f.parent().unwrap_or(&content);
        if let Some(lang) = category_index_lang(&name, config) {
            d.category_files.push(CategorySource {
                category: rel_to_content(parent),
                lang: lang.to_string(),
                path: f.clone(),
                rel,
            });
        } else if is_markdown(&f) && bundle_index_lang(&name, config).is_some() {
            // `index.md` in a category folder (or in content/) would be written
            // where the category's (or home) page goes.
            let what = if parent == content { "the home page" } else { "this category's page" };
            d.diagnostics.push(
                Diagnostic::file(&rules::DUPLICATE_OUTPUT, &rel, format!("`{name}` would replace {what}; it is not built"))
                    .with_hint(Some(
                        "a folder with `_index.md` is a category: give this guide its own name, or move it into a folder of its own (a bundle)".into(),
                    )),
            );
        } else if is_markdown(&f) {
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            let (slug, lang) = split_lang(&stem, config);
            let lang = lang.unwrap_or(config.default_language()).to_string();
            let (slug, category) = (slug.to_string(), rel_to_content(parent));
            d.guides.push(guide_source(config, f.clone(), rel, &lang, slug, category));
        } else {
            d.assets.push(AssetSource { url: rel_to_content(&f), path: f, rel, file_id });
        }
    }

    // static/ files are copied to the output root.
    let static_dir = root.join("static");
    let mut statics = Vec::new();
    walk(root, &static_dir, &canonical_root, &mut d.diagnostics, |p, is_dir, id| {
        if !is_dir {
            statics.push((p, id))
        }
    });
    for (f, file_id) in statics {
        d.assets.push(AssetSource {
            url: slash_path(f.strip_prefix(&static_dir).unwrap()),
            rel: rel_to_root(&f),
            path: f,
            file_id,
        });
    }

    d.guides.sort_by(|a, b| a.rel.cmp(&b.rel));
    d.assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    d.category_files.sort_by(|a, b| a.rel.cmp(&b.rel));
    d.categories.sort();
    d.categories.dedup();
    d.guide_index = d.guides.iter().enumerate().map(|(i, g)| (g.rel.clone(), i)).collect();
    d.asset_index = d.assets.iter().enumerate().map(|(i, a)| (a.rel.clone(), i)).collect();
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
fn walk(
    root: &Path,
    dir: &Path,
    canonical_root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    mut visit: impl FnMut(PathBuf, bool, u64),
) {
    if !dir.is_dir() {
        return;
    }
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop: this folder links back to one of its parents".to_string()
                } else {
                    format!("cannot read: {}", err.io_error().map(|e| e.to_string()).unwrap_or_default())
                };
                diagnostics.push(Diagnostic::file(&rules::FILE_UNREADABLE, rel, message));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path().to_path_buf();
        if entry.path_is_symlink() {
            let target = path.canonicalize().unwrap_or_default();
            if !target.starts_with(canonical_root) {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                diagnostics.push(
                    Diagnostic::file(
                        &rules::PATH_ESCAPES_SITE,
                        rel,
                        format!("symbolic link points outside the site folder, to {}", target.display()),
                    )
                    .with_hint(Some("copy the file into the site instead of linking to it".into())),
                );
                continue;
            }
        }
        visit(path, entry.file_type().is_dir(), file_id(&entry));
    }
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
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("content/leak.md")).unwrap();
        let d = discover(root, &config());
        let ids: Vec<_> = d.diagnostics.iter().map(|x| x.rule.id).collect();
        assert!(ids.contains(&"file-unreadable"), "{ids:?}");
        assert!(ids.contains(&"path-escapes-site"), "{ids:?}");
        assert_eq!(d.guides.len(), 1);
    }
}
