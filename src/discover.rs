//! Walks the content folder (`content:` in tebiki.yaml, default `content/`)
//! and `static/`, and sorts every file into guides, category descriptions
//! (`_index.md`) and assets. Reads no Markdown: it decides only from names
//! (bundles, language suffixes, `_`/`.` exclusions, fragment folders,
//! `exclude:` globs) and computes each guide's output path, so later stages
//! can resolve links in parallel.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::model::FileId;
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
    /// Identity of the file's contents where the platform has one (device
    /// and inode number on Unix): hard links share it.
    pub file: FileId,
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
    /// to the site folder, sorted: not guides, but files to include, and
    /// links to them are not broken either.
    pub fragments: Vec<PathBuf>,
    /// The site's `exclude:` globs, for telling a file left out from a
    /// missing one.
    pub exclusions: Exclusions,
    pub diagnostics: Vec<Diagnostic>,
    /// By `rel`, as bytes: a `Path` key would hash component by component.
    guide_index: FxHashMap<OsString, usize>,
    asset_index: FxHashMap<OsString, usize>,
    /// Guides by [`crate::urls::published_name`] of their slug, for links
    /// written as a published URL path.
    published_index: FxHashMap<String, Vec<usize>>,
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

    /// Guides whose slug is published under `name` (a [`crate::urls::published_name`]).
    pub fn guides_published_as<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a GuideSource> + 'a {
        self.published_index.get(name).into_iter().flatten().map(|&i| &self.guides[i])
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
/// assets that are never reported unused.
pub const FRAGMENT_FOLDERS: &[&str] = &["includes", "_includes", "partials", "snippets"];

/// Whether a path relative to the content folder lies in a fragment folder.
pub fn in_fragment_folder(rel_in_content: &str) -> bool {
    let mut parts = rel_in_content.split('/');
    parts.next_back();
    parts.any(|p| FRAGMENT_FOLDERS.contains(&p))
}

/// The site's `exclude:` globs, compiled. A pattern with a `/` matches the
/// path relative to the content folder (`archive/**`, `/README.md`); one
/// without matches a file or folder name at any depth (`*.draft.md`,
/// `node_modules`). An excluded folder excludes everything in it.
#[derive(Debug, Clone, Default)]
pub struct Exclusions {
    paths: globset::GlobSet,
    names: globset::GlobSet,
    /// The patterns as written, in the order of the sets' globs.
    path_patterns: Vec<String>,
    name_patterns: Vec<String>,
    any: bool,
}

impl Exclusions {
    pub fn new(patterns: &[String]) -> Result<Self, globset::Error> {
        let (mut paths, mut names) = (globset::GlobSetBuilder::new(), globset::GlobSetBuilder::new());
        let (mut path_patterns, mut name_patterns) = (Vec::new(), Vec::new());
        for p in patterns {
            let p = p.trim();
            let glob = |g: &str| globset::GlobBuilder::new(g).literal_separator(true).build();
            match p.trim_end_matches('/') {
                "" => {}
                q if q.contains('/') => {
                    paths.add(glob(q.trim_start_matches('/'))?);
                    path_patterns.push(p.to_string());
                }
                q => {
                    names.add(glob(q)?);
                    name_patterns.push(p.to_string());
                }
            }
        }
        Ok(Exclusions {
            paths: paths.build()?,
            names: names.build()?,
            path_patterns,
            name_patterns,
            any: !patterns.is_empty(),
        })
    }

    /// Whether the file or folder at `rel` (relative to the content folder) is excluded.
    pub fn excludes(&self, rel: &str) -> bool {
        self.any && (self.paths.is_match(rel) || self.names.is_match(name_of(rel)))
    }

    /// The pattern (as written) that leaves out `rel`, or the first folder
    /// above it (a walk skips both), with the path it matched.
    pub fn leaving_out<'r>(&self, rel: &'r str) -> Option<(&str, &'r str)> {
        if !self.any {
            return None;
        }
        rel.match_indices('/').map(|(i, _)| &rel[..i]).chain([rel]).find_map(|p| {
            let by_path = self.paths.matches(p).first().map(|&i| self.path_patterns[i].as_str());
            let by_name = || self.names.matches(name_of(p)).first().map(|&i| self.name_patterns[i].as_str());
            Some((by_path.or_else(by_name)?, p))
        })
    }
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
    /// The inode number, read with the folder; 0 when unknown.
    ino: u64,
}

/// The parent folder of a `/`-separated relative path (`""` at the top).
fn parent_of(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// The last part of a `/`-separated relative path.
fn name_of(rel: &str) -> &str {
    rel.rfind('/').map_or(rel, |i| &rel[i + 1..])
}

/// Whether a file name is a Markdown file's (MDX too: Docusaurus' `.mdx`
/// is Markdown with imports and components, which parsing sets aside).
fn is_markdown(name: &str) -> bool {
    extension_of(name).is_some_and(|e| {
        e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") || e.eq_ignore_ascii_case("mdx")
    })
}

/// Files other tools keep beside the articles to build their navigation:
/// no page links to them, and a reader never needs them.
const TOOL_FILES: &[&str] = &["toc.yml", "toc.yaml", "_category_.json", "_category_.yml", "_category_.yaml", ".pages"];

/// A name's extension as `Path::extension` sees it (none for `.hidden`).
fn extension_of(name: &str) -> Option<&str> {
    name.rfind('.').filter(|&i| i > 0).map(|i| &name[i + 1..])
}

/// Walk the site folder.
pub fn discover(root: &Path, config: &SiteConfig) -> Discovery {
    let mut d = Discovery { root: root.to_path_buf(), ..Default::default() };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let content = config.content_dir(root);
    let static_dir = root.join("static");
    // Checked when the config was read.
    let exclusions = Exclusions::new(&config.exclude).unwrap_or_default();
    d.exclusions = exclusions.clone();
    let content_skip = Skip { exclusions: &exclusions, site_root: config.content == "." };

    // Every file and folder under content/ and static/, exclusions applied.
    let ((found, content_diags), (statics, static_diags)) = rayon::join(
        || walk(root, &content, &canonical_root, &content_skip),
        || walk(root, &static_dir, &canonical_root, &Skip { exclusions: &Exclusions::default(), site_root: false }),
    );
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
    // A folder with `index.md` and other pages in it or below (the landing
    // page of a section, as DocFX, Docusaurus and MkDocs sites have) is a
    // category too, and its `index.md` describes it.
    let mut with_pages: FxHashSet<&str> = FxHashSet::default();
    for f in &files {
        let name = name_of(&f.rel);
        if !is_markdown(name) || in_fragment_folder(&f.rel) || category_index_lang(name, config).is_some() {
            continue;
        }
        let mut folder = parent_of(&f.rel);
        if bundle_index_lang(name, config).is_some() {
            if folder.is_empty() {
                continue;
            }
            folder = parent_of(folder);
        }
        while with_pages.insert(folder) && !folder.is_empty() {
            folder = parent_of(folder);
        }
    }
    let bundles: FxHashSet<&str> = files
        .iter()
        .filter(|f| bundle_index_lang(name_of(&f.rel), config).is_some())
        .map(|f| parent_of(&f.rel))
        .filter(|p| !p.is_empty() && !category_folders.contains(p) && !with_pages.contains(p))
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

    let content_base = if config.content == "." { "" } else { config.content.as_str() };
    let rel_to_root = |f: &Found, base: &str| -> PathBuf {
        let mut rel = String::with_capacity(base.len() + 1 + f.rel.len());
        rel.push_str(base);
        if !base.is_empty() {
            rel.push('/');
        }
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
        let rel = rel_to_root(f, content_base);
        let path = f.path.clone();
        let markdown = is_markdown(name);
        if !markdown && TOOL_FILES.contains(&name) {
            continue;
        }
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
            d.assets.push(AssetSource { url: f.rel.clone(), path, rel, file: FileId { dev: 0, ino: f.ino } });
            continue;
        }
        if let Some(lang) = category_index_lang(name, config) {
            d.category_files.push(CategorySource { category: parent.to_string(), lang: lang.to_string(), path, rel });
        } else if let (true, Some(lang), false) =
            (markdown, bundle_index_lang(name, config), category_folders.contains(parent))
        {
            // The landing page of a folder of pages (or of content/) describes it.
            d.category_files.push(CategorySource { category: parent.to_string(), lang: lang.to_string(), path, rel });
        } else if markdown && bundle_index_lang(name, config).is_some() {
            // `index.md` beside `_index.md` would be written
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
            d.assets.push(AssetSource { url: f.rel.clone(), path, rel, file: FileId { dev: 0, ino: f.ino } });
        }
    }
    drop(found);

    // static/ files are copied to the output root.
    for f in statics.into_iter().filter(|f| !f.is_dir) {
        let rel = rel_to_root(&f, "static");
        d.assets.push(AssetSource { url: f.rel, rel, path: f.path, file: FileId { dev: 0, ino: f.ino } });
    }

    // Walks list each folder sorted, so these are (nearly) sorted already.
    d.guides.sort_by(|a, b| a.rel.cmp(&b.rel));
    d.assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    add_devices(&mut d.assets);
    d.category_files.sort_by(|a, b| a.rel.cmp(&b.rel));
    d.fragments.sort();
    d.categories.sort();
    d.categories.dedup();
    d.guide_index = d.guides.iter().enumerate().map(|(i, g)| (g.rel.clone().into_os_string(), i)).collect();
    d.asset_index = d.assets.iter().enumerate().map(|(i, a)| (a.rel.clone().into_os_string(), i)).collect();
    for (i, g) in d.guides.iter().enumerate() {
        d.published_index.entry(crate::urls::published_name(&g.slug)).or_default().push(i);
    }
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
    GuideSource {
        url: crate::urls::guide(config, lang, &category, &slug),
        path,
        rel,
        lang: lang.to_string(),
        slug,
        category,
    }
}

/// The inode number of an entry, read with its folder (no extra call); 0
/// (unknown) for a symbolic link, whose target may be on another device
/// than the link's folder.
#[cfg(unix)]
fn inode(entry: &walkdir::DirEntry) -> u64 {
    use walkdir::DirEntryExt;
    if entry.path_is_symlink() {
        0
    } else {
        entry.ino()
    }
}

#[cfg(not(unix))]
fn inode(_: &walkdir::DirEntry) -> u64 {
    0
}

/// Complete the assets' identities with their device: a file is on its
/// folder's device, read once per folder (`assets` sorted by path, so a
/// folder's files are together). A folder that cannot be read leaves its
/// files' identities unknown.
fn add_devices(assets: &mut [AssetSource]) {
    assets.par_chunk_by_mut(|a, b| a.path.parent() == b.path.parent()).for_each(|files| {
        let dev = files[0].path.parent().and_then(device);
        for f in files.iter_mut().filter(|f| f.file.known().is_some()) {
            match dev {
                Some(dev) => f.file.dev = dev,
                None => f.file = FileId::UNKNOWN,
            }
        }
    });
}

#[cfg(unix)]
fn device(folder: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(folder).ok().map(|m| m.dev())
}

#[cfg(not(unix))]
fn device(_: &Path) -> Option<u64> {
    None
}

/// What a walk leaves out besides hidden names.
struct Skip<'a> {
    exclusions: &'a Exclusions,
    /// The walked folder is the site folder itself (`content: .`): its
    /// other folders (`static/`, `themes/`, `schema/`), `tebiki.yaml` and
    /// built sites (folders holding tebiki's output marker) are not content.
    site_root: bool,
}

impl Skip<'_> {
    /// Whether an entry of the top-level listing of `dir` is walked.
    fn keeps_top(&self, e: &walkdir::DirEntry, dir: &Path) -> bool {
        if e.depth() == 0 {
            return true;
        }
        if is_hidden(&e.file_name().to_string_lossy()) {
            return false;
        }
        if self.site_root {
            let name = e.file_name().to_string_lossy();
            let reserved = crate::output::SOURCE_FOLDERS.contains(&name.as_ref()) && name != "content"
                || name == crate::config::CONFIG_FILE;
            if reserved || (e.file_type().is_dir() && e.path().join(crate::output::MARKER).exists()) {
                return false;
            }
        }
        !(self.exclusions.any && self.exclusions.excludes(&relative(e.path(), dir)))
    }
}

/// Walk `dir` (if it exists), following symlinks that stay inside the site,
/// skipping hidden names and what `skip` says, and reporting loops and
/// escapes as diagnostics. Parents come before their contents and each
/// folder is listed sorted by name. The folders at the top are walked in
/// parallel.
fn walk(root: &Path, dir: &Path, canonical_root: &Path, skip: &Skip<'_>) -> (Vec<Found>, Vec<Diagnostic>) {
    if !dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let mut diagnostics = Vec::new();
    let mut top = Vec::new();
    for entry in walker(dir).max_depth(1).into_iter().filter_entry(|e| skip.keeps_top(e, dir)) {
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
                if !not_hidden(e) || (skip.exclusions.any && skip.exclusions.excludes(&relative(e.path(), dir))) {
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
    let (is_dir, ino) = (entry.file_type().is_dir(), inode(&entry));
    let path = entry.into_path();
    let rel = relative(&path, dir);
    Some(Found { path, rel, is_dir, ino })
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

    #[cfg(unix)]
    #[test]
    fn hard_links_share_an_identity_copies_and_symbolic_links_do_not() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "content/a/shots/one.png");
        touch(root, "content/b/copy.png");
        touch(root, "static/logo.png");
        fs::create_dir_all(root.join("content/b/shots")).unwrap();
        fs::hard_link(root.join("content/a/shots/one.png"), root.join("content/b/shots/link.png")).unwrap();
        std::os::unix::fs::symlink(root.join("content/a/shots/one.png"), root.join("content/b/sym.png")).unwrap();
        let d = discover(root, &config());
        let id = |url: &str| d.assets.iter().find(|a| a.url == url).unwrap_or_else(|| panic!("{url}")).file;
        let meta = fs::metadata(root.join("content/a/shots/one.png")).unwrap();
        let one = FileId { dev: meta.dev(), ino: meta.ino() };
        assert_eq!(id("a/shots/one.png"), one);
        assert_eq!(id("b/shots/link.png"), one);
        assert_ne!(id("b/copy.png"), one);
        assert!(id("b/copy.png").known().is_some());
        assert!(id("logo.png").known().is_some());
        // A link may lead to another device: its identity is not guessed.
        assert_eq!(id("b/sym.png"), FileId::UNKNOWN);
    }
}
