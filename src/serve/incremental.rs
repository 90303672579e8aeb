//! The incremental pipeline behind `tebiki serve`: the same stages as
//! `build` (config → discover → parse → resolve → check → render), but the
//! parsed guides stay in memory between runs. A change re-reads and
//! re-parses only the files it touches, resolves the site again only when
//! what resolve reads changed, checks again only what the change can affect
//! (the edited guides' own rules and links, the links of the guides that
//! link to a guide whose anchors changed — from the [`LinkIndex`] —, the
//! asset rules when a guide's assets changed, output collisions when the
//! pages changed), keeping the site's diagnostics in a [`Ledger`], and
//! re-renders only the pages whose key ([`crate::render::deps`]) changed,
//! writing only pages whose bytes changed into the in-memory [`Store`].
//!
//! Which guides a change touches:
//! - an edited guide: itself (and, when its draft status flips, every guide
//!   that mentions it, as for an added or removed file);
//! - an edited screenshot: the guides that show it (its size is in their HTML);
//! - an edited include file: the guides (and category files) that include
//!   it, directly or through another include file;
//! - an added, removed or renamed file or folder: the site is discovered
//!   again, and every guide is parsed again whose text mentions a name that
//!   came or went (a link or image path ends in that name), whose text holds
//!   a `%` (paths may be percent-encoded), or that had diagnostics (hints
//!   name the closest existing files);
//! - `tebiki.yaml`, `themes/` or `schema/`: everything.
//!
//! The property test in `tests/it/serve.rs` checks the result against a
//! clean build, byte for byte, over random edit sequences.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::build::{self, Error, Options};
use crate::check::report::Report;
use crate::config::{self, SiteConfig};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{self, Discovery, GuideSource};
use crate::model::{Guide, GuideId, Site};
use crate::parse::{self, highlight::Highlighter, images::ImageSizes, ParseContext};
use crate::progress::{Progress, Silent, Stage};
use crate::render::deps::{self, GuideStamp, Keys};
use crate::render::theme::Theme;
use crate::render::{self, Renderer};
use crate::resolve::{self, ParsedCategory};

use super::ledger::{Ledger, Maker};
use super::links::LinkIndex;

/// What a changed path is, by where it sits in the site folder (as Zola's
/// `ChangeKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Under `content/`: guides, category files, screenshots.
    Content,
    /// Under `static/`.
    Static,
    /// Under `themes/`.
    Themes,
    /// Under `schema/`.
    Schema,
    /// `tebiki.yaml`.
    Config,
}

/// The kind of change of `path` (absolute, or relative to the site folder),
/// or `None` when the path is not a source (the output folder, `.git` …).
/// `content` is the content folder (`content:` in tebiki.yaml).
pub fn classify(root: &Path, content: &str, path: &Path) -> Option<ChangeKind> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel_text = discover::slash_path(rel);
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = parts.next()?;
    // Names discovery skips (editor swap files, `_drafts/`) change nothing.
    let visible = || !rel_text.split('/').any(discover::is_hidden);
    match first.as_ref() {
        "tebiki.yaml" => Some(ChangeKind::Config),
        "themes" => Some(ChangeKind::Themes),
        "schema" => Some(ChangeKind::Schema),
        "static" => visible().then_some(ChangeKind::Static),
        _ if content == "." => {
            // The site folder is the content folder; a built site in it is not.
            let built = root.join(first.as_ref()).join(crate::output::MARKER).exists();
            (visible() && !built).then_some(ChangeKind::Content)
        }
        _ => {
            let inside = rel_text == content || rel_text.starts_with(&format!("{content}/"));
            (inside && visible()).then_some(ChangeKind::Content)
        }
    }
}

/// A file of the served site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Served {
    /// A rendered page or one of tebiki's own files.
    Bytes(Arc<[u8]>),
    /// An asset, served from its source file.
    File(PathBuf),
}

/// The last good build, in memory: output path → file. Shared with the
/// HTTP server, which only reads it.
#[derive(Debug, Default)]
pub struct Store {
    files: RwLock<HashMap<String, Served>>,
}

impl Store {
    /// The file at an output path (already normalised, `/`-separated).
    pub fn get(&self, path: &str) -> Option<Served> {
        self.files.read().unwrap_or_else(|e| e.into_inner()).get(path).cloned()
    }

    /// Every output path, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut v: Vec<String> = self.files.read().unwrap_or_else(|e| e.into_inner()).keys().cloned().collect();
        v.sort();
        v
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Apply a batch; returns the paths whose contents changed.
    fn apply(&self, batch: Vec<(String, Option<Served>)>) -> Vec<String> {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        let mut changed = Vec::new();
        for (path, file) in batch {
            match file {
                Some(f) => {
                    if files.get(&path) != Some(&f) {
                        files.insert(path.clone(), f);
                        changed.push(path);
                    }
                }
                None => {
                    if files.remove(&path).is_some() {
                        changed.push(path);
                    }
                }
            }
        }
        changed
    }
}

/// One guide file as last read.
struct Source {
    /// The file's text; `None` when it could not be read as UTF-8.
    text: Option<String>,
    draft: bool,
    /// Diagnostics of its last parse (or of reading it).
    diagnostics: Vec<Diagnostic>,
    /// Bumped on every parse; part of its page's key.
    revision: u64,
    /// What other pages show of it, once rendered (for this revision).
    stamp: Option<GuideStamp>,
}

/// What the one-guide rules' result of a guide was made for: its source
/// revision and the screenshots reported broken in it.
type RulesKey = (u64, Vec<usize>);

/// What one update did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The diagnostics of the site as it is now. A checking pipeline
    /// ([`Incremental::checking`]) leaves it empty: its caller asks
    /// [`Incremental::diagnostics`] for the files of `files`.
    pub report: Report,
    /// Files whose diagnostics changed (relative to the site folder, sorted).
    pub files: Vec<PathBuf>,
    /// Guide files parsed again (relative to the site folder).
    pub parsed: Vec<PathBuf>,
    /// The site was discovered again: guides may have come or gone.
    pub rediscovered: bool,
    /// Whether the pages were rendered (false when errors kept the last good build).
    pub rendered: bool,
    /// Pages rendered again.
    pub pages_rendered: usize,
    /// Guides parsed again.
    pub guides_parsed: usize,
    /// Output paths whose contents changed (or that were removed).
    pub changed: Vec<String>,
    pub elapsed: Duration,
    /// Nothing the site is made of changed (no report was made).
    pub skipped: bool,
    /// Time per stage, for `TEBIKI_TIMINGS`.
    pub timings: Vec<(&'static str, Duration)>,
}

/// A site kept in memory between changes.
pub struct Incremental {
    opts: Options,
    /// Render pages (`serve`), or only check (`lsp`: the model gets no
    /// HTML, as in `tebiki check`, and nothing is rendered).
    render: bool,
    /// Texts of files being edited (unsaved editor buffers), by path
    /// relative to the site folder: read instead of the files on disk.
    overlay: HashMap<PathBuf, String>,
    root: PathBuf,
    config: SiteConfig,
    /// The site's front-matter schema (its diagnostics are the ledger's `Config`).
    schema: crate::schema::FrontMatterSchema,
    /// Every diagnostic of the site as now, by maker and file.
    ledger: Ledger,
    /// The source revision and reported screenshots the one-guide rules'
    /// diagnostics in the ledger were made for, per guide source.
    guide_rules: HashMap<PathBuf, RulesKey>,
    /// Which built guide links to which.
    links: LinkIndex,
    /// Where each guide is in `guides` (rebuilt when guides come, go or
    /// are ordered again).
    guide_at: HashMap<PathBuf, GuideId>,
    /// Guides parsed (and built) since the last check: their own rules
    /// and links are checked again.
    dirty: BTreeSet<PathBuf>,
    /// Guides whose anchors changed since the last check: the links of
    /// the guides linking to them are checked again.
    anchors_changed: BTreeSet<PathBuf>,
    /// Which guides are built changed since the last check: the link rules
    /// and the link index are made again for all.
    built_changed: bool,
    /// The search index files served now.
    search_files: HashMap<String, Vec<u8>>,
    /// Pages changed since the search index was last built.
    search_dirty: bool,
    theme: Theme,
    highlighter: Highlighter,
    discovery: Discovery,
    /// Sizes of the image assets (their sizes are in the HTML of guides).
    images: ImageSizes,
    /// Dates from git history (read at start and when tebiki.yaml changes).
    dates: crate::history::FileDates,
    sources: HashMap<PathBuf, Source>,
    /// Parsed guides that are built (drafts excluded unless `--drafts`), in
    /// the order of the last resolve.
    guides: Vec<Guide>,
    categories: Vec<(ParsedCategory, Vec<Diagnostic>)>,
    /// Every folder holding a known file (to tell whether a path that went was one).
    dirs: HashSet<PathBuf>,
    /// Key of every guide page at the last render, by output path.
    guide_keys: HashMap<String, u64>,
    /// Key of every other page at the last render.
    page_keys: HashMap<String, u64>,
    /// Whether which guides exist (or their paths) may have changed since
    /// the last render: guide keys are then rebuilt, not patched.
    structure: bool,
    /// Guides that are drafts (and not built), by source.
    drafts: HashSet<PathBuf>,
    /// The site's assets as `resolve` wants them, kept while discovery stands.
    assets: Vec<crate::model::Asset>,
    /// The last resolved site without its guides and assets (kept in
    /// `guides` and `assets`; the diagnostics of resolving it are in the
    /// ledger). While edits leave everything resolve reads unchanged, it is
    /// used again.
    last: Option<Site>,
    /// Whether the next update must resolve the site again.
    needs_resolve: bool,
    /// The key of what the output collisions in the ledger were computed from.
    collisions: Option<u64>,
    /// The key of what the help-id diagnostics in the ledger were computed
    /// from.
    help_ids: Option<u64>,
    /// Bumped whenever discovery runs again.
    generation: u64,
    store: Arc<Store>,
    next_revision: u64,
    /// Set when a full reload failed: the next change reloads everything.
    stale: bool,
    /// Revision of the first guide parsed by the current run.
    run_start: u64,
    /// Whether the set of assets (or the theme) may have changed.
    files_dirty: bool,
    /// Whether a guide's or category's assets, a draft's text or which
    /// guides are built changed since the asset rules last ran (their
    /// diagnostics, `asset-unused` …, are kept in the ledger until then).
    assets_stale: bool,
    /// Output paths of assets edited in place, announced as changed.
    edited_assets: Vec<String>,
    /// Assets and theme files in the store.
    files: HashMap<String, Served>,
    /// Git history, for the translations' status (read at start and on reload).
    history: Option<crate::translations::history::History>,
    /// Whether the store holds a build without errors. Until it does, a
    /// site with errors is rendered as it is (there is no last good build
    /// to keep serving); from then on errors keep the last good build.
    built_clean: bool,
}

/// Below these many guides a keystroke's work is done on the calling
/// thread: handing it to the thread pool wakes sleeping workers and waits
/// for them, which on a busy machine takes longer than the work itself
/// (the slow tail of keystroke latency). Reading and parsing a guide, or
/// its one-guide rules, take about a millisecond; checking a guide's links
/// a few microseconds.
const FEW_FILES: usize = 4;
const FEW_LINK_CHECKS: usize = 512;

/// `f` over `items`, in order: on this thread when they are fewer than
/// `few`, else in parallel.
fn map_few<T: Send, R: Send>(items: Vec<T>, few: usize, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < few {
        items.into_iter().map(f).collect()
    } else {
        items.into_par_iter().map(f).collect()
    }
}

/// Whether two parses of a guide resolve the same: resolve reads only these.
fn same_resolution(a: &Guide, b: &Guide) -> bool {
    a.source == b.source
        && a.category == b.category
        && a.slug == b.slug
        && a.lang == b.lang
        && a.key == b.key
        && a.url == b.url
        && a.meta.title == b.meta.title
        && a.meta.weight == b.meta.weight
        && a.meta.related == b.meta.related
        && a.meta.aliases == b.meta.aliases
}

/// A guide file's text (`None` when unreadable) and the diagnostics of reading it.
type Read = (Option<String>, Vec<Diagnostic>);

/// A guide parsed again: source, text, the guide (`None` for drafts and
/// unreadable files) and its diagnostics.
type Parsed = (PathBuf, Option<String>, Option<Guide>, Vec<Diagnostic>);

fn read_source(path: &Path, rel: &Path) -> Read {
    match parse::read_text(path, rel) {
        Ok(t) => (Some(t), Vec::new()),
        Err(d) => (None, vec![d]),
    }
}

impl Incremental {
    /// Load the site and render it into a new store.
    pub fn new(opts: Options) -> Result<(Incremental, Outcome), Error> {
        Incremental::new_with(opts, &Silent)
    }

    /// [`Incremental::new`], reporting the first build's stages to `progress`.
    pub fn new_with(opts: Options, progress: &dyn Progress) -> Result<(Incremental, Outcome), Error> {
        Self::load(opts, true, HashMap::new(), progress)
    }

    /// Load the site and check it, rendering nothing (for `tebiki lsp`):
    /// the model is the one `tebiki check` makes, and so are the
    /// diagnostics. `overlay` holds texts that stand for files on disk
    /// (paths relative to the site folder; see [`Incremental::set_overlay`]).
    pub fn checking(opts: Options, overlay: HashMap<PathBuf, String>) -> Result<(Incremental, Outcome), Error> {
        Self::load(opts, false, overlay, &Silent)
    }

    fn load(
        opts: Options,
        render: bool,
        overlay: HashMap<PathBuf, String>,
        progress: &dyn Progress,
    ) -> Result<(Incremental, Outcome), Error> {
        let t = Instant::now();
        let root = config::find_site_root(&opts.site)?;
        let (config, mut config_diagnostics) = config::load(&root)?;
        let (schema, schema_diagnostics) = crate::schema::FrontMatterSchema::for_site(&root, &config);
        config_diagnostics.extend(schema_diagnostics);
        let theme = build::load_theme(&root, &config)?;
        progress.stage(Stage::Discover, 0);
        let discovery = discover::discover(&root, &config);
        let (images, dates) =
            rayon::join(|| ImageSizes::probe(&discovery), || crate::history::FileDates::read(&root, &config));
        let mut inc = Incremental {
            opts,
            render,
            overlay,
            root,
            config,
            schema,
            ledger: Ledger::default(),
            guide_rules: HashMap::new(),
            links: LinkIndex::default(),
            guide_at: HashMap::new(),
            dirty: BTreeSet::new(),
            anchors_changed: BTreeSet::new(),
            built_changed: true,
            search_files: HashMap::new(),
            search_dirty: false,
            theme,
            highlighter: Highlighter::new(),
            discovery,
            images,
            dates,
            sources: HashMap::new(),
            guides: Vec::new(),
            categories: Vec::new(),
            dirs: HashSet::new(),
            guide_keys: HashMap::new(),
            page_keys: HashMap::new(),
            structure: true,
            drafts: HashSet::new(),
            assets: Vec::new(),
            collisions: None,
            help_ids: None,
            last: None,
            needs_resolve: true,
            generation: 0,
            store: Arc::new(Store::default()),
            next_revision: 1,
            stale: false,
            run_start: 1,
            files_dirty: true,
            assets_stale: true,
            edited_assets: Vec::new(),
            files: HashMap::new(),
            history: None,
            built_clean: false,
        };
        inc.history = crate::translations::history::History::read(&inc.root);
        inc.ledger.set(Maker::Config, config_diagnostics);
        inc.ledger.set(Maker::Discovery, inc.discovery.diagnostics.clone());
        inc.index_dirs();
        let all: BTreeSet<PathBuf> = inc.discovery.guides.iter().map(|g| g.rel.clone()).collect();
        let parsed = inc.reparse(all, true, progress);
        let mut outcome = inc.finish(&mut |_| {}, progress)?;
        if render {
            progress.stage(Stage::SearchIndex, 0);
            outcome.changed.extend(inc.refresh_search());
        }
        outcome.guides_parsed = parsed.len();
        outcome.parsed = parsed;
        outcome.rediscovered = true;
        outcome.elapsed = t.elapsed();
        Ok((inc, outcome))
    }

    /// Whether the pages served are the last build without errors (false
    /// until the site first builds without errors: pages are then rendered
    /// as they are, errors and all).
    pub fn last_good(&self) -> bool {
        self.built_clean
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Let `text` stand for the file at `rel` (relative to the site folder)
    /// from the next update on, or the file on disk again (`None`). The
    /// caller passes the file's absolute path to the next update, as for
    /// a save. Guides and category files are read from the overlay;
    /// `tebiki.yaml`, schemas and themes only from disk.
    pub fn set_overlay(&mut self, rel: &Path, text: Option<String>) {
        match text {
            Some(t) => self.overlay.insert(rel.to_path_buf(), t),
            None => self.overlay.remove(rel),
        };
    }

    /// Whether a text stands for the file at `rel`.
    pub fn is_overlaid(&self, rel: &Path) -> bool {
        self.overlay.contains_key(rel)
    }

    /// The text of a file as the pipeline last read it: an overlaid text,
    /// or a guide's text as last read from disk; `None` for other files
    /// (the caller reads them).
    pub fn text(&self, rel: &Path) -> Option<&str> {
        self.overlay.get(rel).map(String::as_str).or_else(|| self.sources.get(rel)?.text.as_deref())
    }

    /// The site's configuration as last loaded.
    pub fn config(&self) -> &SiteConfig {
        &self.config
    }

    /// What discovery found: guides, categories, assets.
    pub fn discovery(&self) -> &Discovery {
        &self.discovery
    }

    /// The effective front-matter schema.
    pub fn schema(&self) -> &crate::schema::FrontMatterSchema {
        &self.schema
    }

    /// Sizes of the image assets, by asset index of [`Incremental::discovery`].
    pub fn images(&self) -> &ImageSizes {
        &self.images
    }

    /// The site's theme (callout titles, UI strings).
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Whether a guide is a draft that is not built (no model).
    pub fn is_skipped_draft(&self, rel: &Path) -> bool {
        self.drafts.contains(rel)
    }

    /// Call `f` with the site as last resolved (its guides as last parsed),
    /// or `None` when nothing was resolved yet.
    /// The pipeline is passed too (its texts, discovery, schema).
    pub fn with_site<R>(&mut self, f: impl FnOnce(&Site, &Incremental) -> R) -> Option<R> {
        let mut site = self.last.take()?;
        site.guides = std::mem::take(&mut self.guides);
        site.assets = std::mem::take(&mut self.assets);
        let r = f(&site, self);
        self.assets = std::mem::take(&mut site.assets);
        self.guides = std::mem::take(&mut site.guides);
        self.last = Some(site);
        Some(r)
    }

    /// The folders to watch (relative to the site folder; `.` when the
    /// site folder is the content folder).
    pub fn watched_folders(&self) -> Vec<&str> {
        let mut folders = crate::output::source_folders(&self.config.content);
        if self.config.content == "." {
            folders.push(".");
        }
        // The folder of the product's list of help ids (the site folder
        // itself is always watched, not recursively).
        if let Some(dir) = self.help_list_dir() {
            if !folders.contains(&dir) {
                folders.push(dir);
            }
        }
        folders
    }

    /// The folder (relative, `/`-separated) holding `help_ids.list`, when
    /// it is not the site folder itself.
    fn help_list_dir(&self) -> Option<&str> {
        let list = self.config.help_ids.list.as_deref()?;
        let dir = list.parent()?.to_str()?;
        (!dir.is_empty()).then_some(dir)
    }

    /// Whether `path` (absolute) is the product's list of help ids.
    fn is_help_list(&self, path: &Path) -> bool {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        self.config.help_ids.list.as_deref().is_some_and(|l| l == rel)
    }

    /// The served files, shared with the HTTP server.
    pub fn store(&self) -> Arc<Store> {
        self.store.clone()
    }

    /// Apply changed paths (absolute), search index included. `published`
    /// is called with the output paths of each batch as soon as it is in
    /// the store: the pages of the edited guides first, then everything else.
    pub fn update(&mut self, paths: &[PathBuf], published: &mut dyn FnMut(&[String])) -> Result<Outcome, Error> {
        let mut outcome = self.update_pages(paths, published)?;
        // Not published: open pages do not show the index.
        outcome.changed.extend(self.refresh_search());
        Ok(outcome)
    }

    /// Build the search index again if pages changed since it was last
    /// built, and put its changed files into the store. Returns their paths.
    pub fn refresh_search(&mut self) -> Vec<String> {
        self.refresh_search_unless(&AtomicBool::new(false)).unwrap_or_default()
    }

    /// [`Incremental::refresh_search`], given up (`None`, still pending) as
    /// soon as `cancel` is set: `serve` sets it when a file changes, so a
    /// save right after a save is not kept waiting by an index of the whole
    /// site.
    pub fn refresh_search_unless(&mut self, cancel: &AtomicBool) -> Option<Vec<String>> {
        if !self.search_dirty {
            return Some(Vec::new());
        }
        let Some(mut site) = self.last.take() else {
            // No site to index (nothing was resolved yet): nothing pending.
            self.search_dirty = false;
            return Some(Vec::new());
        };
        site.guides = std::mem::take(&mut self.guides);
        site.assets = std::mem::take(&mut self.assets);
        let index = crate::search::files_unless(&site, &self.theme, cancel);
        self.assets = std::mem::take(&mut site.assets);
        self.guides = std::mem::take(&mut site.guides);
        self.last = Some(site);
        let index: HashMap<String, Vec<u8>> = index?.into_iter().collect();
        let mut batch: Vec<(String, Option<Served>)> =
            self.search_files.keys().filter(|p| !index.contains_key(*p)).map(|p| (p.clone(), None)).collect();
        for (path, bytes) in &index {
            if self.search_files.get(path) != Some(bytes) {
                batch.push((path.clone(), Some(Served::Bytes(bytes.clone().into()))));
            }
        }
        self.search_files = index;
        self.search_dirty = false;
        Some(self.store.apply(batch))
    }

    /// Whether pages changed since the search index was last built.
    pub fn search_pending(&self) -> bool {
        self.search_dirty
    }

    /// Apply changed paths (absolute), except to the search index (see
    /// [`Incremental::refresh_search`]).
    pub fn update_pages(&mut self, paths: &[PathBuf], published: &mut dyn FnMut(&[String])) -> Result<Outcome, Error> {
        let t = Instant::now();
        let kinds: BTreeSet<ChangeKind> = paths
            .iter()
            .filter_map(|p| {
                // The product's list of help ids (wherever it is): rare, and
                // read with the settings, so as if tebiki.yaml changed.
                if self.is_help_list(p) {
                    return Some(ChangeKind::Config);
                }
                classify(&self.root, &self.config.content, p)
                    .or_else(|| self.is_included(p).then_some(ChangeKind::Content))
            })
            .collect();
        if kinds.is_empty() && !self.stale {
            return Ok(Outcome { skipped: true, ..Default::default() });
        }
        self.run_start = self.next_revision;
        let parsed;
        let mut found = Duration::ZERO;
        let rediscovered;
        if self.stale || kinds.iter().any(|k| matches!(k, ChangeKind::Config | ChangeKind::Themes | ChangeKind::Schema))
        {
            self.stale = true;
            parsed = self.reload()?;
            self.stale = false;
            rediscovered = true;
        } else {
            let (reparse, structural, categories) = self.touched(paths);
            rediscovered = structural;
            let reparse = if structural { self.rediscover(reparse) } else { reparse };
            found = t.elapsed();
            self.files_dirty |= structural;
            if structural || categories {
                self.categories.clear();
                self.needs_resolve = true;
            }
            parsed = self.reparse(reparse, false, &Silent);
        }
        let parse_time = t.elapsed();
        let mut outcome = self.finish(published, &Silent)?;
        outcome.timings.insert(0, ("read+parse", parse_time - found));
        outcome.timings.insert(0, ("find changes", found));
        outcome.guides_parsed = parsed.len();
        outcome.parsed = parsed;
        outcome.rediscovered = rediscovered;
        outcome.elapsed = t.elapsed();
        Ok(outcome)
    }

    /// Load everything again (config, theme or schema changed).
    fn reload(&mut self) -> Result<Vec<PathBuf>, Error> {
        let (config, mut config_diagnostics) = config::load(&self.root)?;
        let (schema, schema_diagnostics) = crate::schema::FrontMatterSchema::for_site(&self.root, &config);
        config_diagnostics.extend(schema_diagnostics);
        self.schema = schema;
        let theme = build::load_theme(&self.root, &config)?;
        self.discovery = discover::discover(&self.root, &config);
        (self.images, self.dates) =
            rayon::join(|| ImageSizes::probe(&self.discovery), || crate::history::FileDates::read(&self.root, &config));
        self.index_dirs();
        self.config = config;
        self.ledger.clear();
        self.ledger.set(Maker::Config, config_diagnostics);
        self.ledger.set(Maker::Discovery, self.discovery.diagnostics.clone());
        self.guide_rules.clear();
        self.links.clear();
        self.guide_at.clear();
        self.dirty.clear();
        self.anchors_changed.clear();
        self.built_changed = true;
        self.collisions = None;
        self.help_ids = None;
        self.assets_stale = true;
        self.theme = theme;
        self.history = crate::translations::history::History::read(&self.root);
        self.sources.clear();
        self.guides.clear();
        self.categories.clear();
        self.last = None;
        self.needs_resolve = true;
        self.guide_keys.clear();
        self.page_keys.clear();
        self.drafts.clear();
        self.files_dirty = true;
        self.structure = true;
        self.generation += 1;
        let all: BTreeSet<PathBuf> = self.discovery.guides.iter().map(|g| g.rel.clone()).collect();
        Ok(self.reparse(all, true, &Silent))
    }

    /// Sort changed paths into guides to parse again, whether the set of
    /// files changed, and whether category files changed.
    fn touched(&mut self, paths: &[PathBuf]) -> (BTreeSet<PathBuf>, bool, bool) {
        let mut reparse = BTreeSet::new();
        let (mut structural, mut categories) = (false, false);
        for path in paths {
            let included = self.is_included(path);
            if classify(&self.root, &self.config.content, path).is_none() && !included {
                continue;
            }
            let rel = path.strip_prefix(&self.root).unwrap_or(path).to_path_buf();
            let is_file = path.is_file();
            let fragment = self.discovery.fragments.binary_search(&rel).is_ok();
            if included || fragment {
                // An include file: the guides and categories that include it.
                reparse.extend(
                    self.guides.iter().filter(|g| g.includes.iter().any(|f| f.rel == rel)).map(|g| g.source.clone()),
                );
                categories |= self.categories.iter().any(|(c, _)| c.text.includes.contains(&rel));
                // A fragment folder's file that went.
                structural |= fragment && !is_file;
                if self.discovery.guide(&rel).is_some() {
                    if is_file {
                        reparse.insert(rel);
                    } else {
                        structural = true;
                    }
                }
            } else if self.discovery.guide(&rel).is_some() {
                if is_file {
                    reparse.insert(rel);
                } else {
                    structural = true;
                }
            } else if let Some(asset) = self.discovery.asset(&rel) {
                if is_file {
                    self.images.remeasure(&self.discovery, &rel);
                    self.edited_assets.push(asset.url.clone());
                    // Its size is in the HTML of the guides that show it.
                    reparse
                        .extend(self.guides.iter().filter(|g| g.assets.contains(&asset.url)).map(|g| g.source.clone()));
                } else {
                    structural = true;
                }
            } else if self.discovery.category_files.iter().any(|c| c.rel == rel) {
                if is_file {
                    categories = true;
                } else {
                    structural = true;
                }
            } else if path.is_dir() {
                let cat = self.config.in_content(&discover::slash_path(&rel)).map(str::to_string);
                let known_dir = cat.is_some_and(|c| self.discovery.categories.contains(&c)) || self.dirs.contains(&rel);
                structural |= !known_dir;
            } else if path.exists() {
                structural = true;
            } else {
                // Gone: it matters if it held known files (a removed folder).
                structural |= self.dirs.contains(&rel);
            }
        }
        (reparse, structural, categories)
    }

    /// Whether a guide or category file includes the file at `path`.
    fn is_included(&self, path: &Path) -> bool {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        self.guides.iter().any(|g| g.includes.iter().any(|f| f.rel == rel))
            || self.categories.iter().any(|(c, _)| c.text.includes.iter().any(|f| f == rel))
    }

    /// Discover the site again; returns `reparse` plus every guide the
    /// difference may touch.
    fn rediscover(&mut self, mut reparse: BTreeSet<PathBuf>) -> BTreeSet<PathBuf> {
        let new = discover::discover(&self.root, &self.config);
        let key = |g: &GuideSource| (g.rel.clone(), g.url.clone(), g.lang.clone(), g.slug.clone(), g.category.clone());
        let old_guides: BTreeSet<_> = self.discovery.guides.iter().map(key).collect();
        let new_guides: BTreeSet<_> = new.guides.iter().map(key).collect();
        let old_assets: BTreeSet<_> = self.discovery.assets.iter().map(|a| (a.rel.clone(), a.url.clone())).collect();
        let new_assets: BTreeSet<_> = new.assets.iter().map(|a| (a.rel.clone(), a.url.clone())).collect();
        let old_cats: BTreeSet<&String> = self.discovery.categories.iter().collect();
        let new_cats: BTreeSet<&String> = new.categories.iter().collect();

        let mut names: BTreeSet<String> = BTreeSet::new();
        for g in old_guides.symmetric_difference(&new_guides) {
            names.insert(g.3.clone());
            // Links written as the page's address name it so (`/docs/setup` for `01-setup.md`).
            names.insert(crate::urls::published_name(&g.3));
            reparse.insert(g.0.clone());
        }
        for a in old_assets.symmetric_difference(&new_assets) {
            if let Some(n) = a.0.file_name() {
                names.insert(n.to_string_lossy().into_owned());
            }
        }
        for c in old_cats.symmetric_difference(&new_cats) {
            names.insert(c.rsplit('/').next().unwrap_or_default().to_string());
        }
        let old_fragments: BTreeSet<&PathBuf> = self.discovery.fragments.iter().collect();
        for f in new.fragments.iter().filter(|f| !old_fragments.contains(f)) {
            names.extend(f.file_name().map(|n| n.to_string_lossy().into_owned()));
        }
        let new_fragments: BTreeSet<&PathBuf> = new.fragments.iter().collect();
        for f in self.discovery.fragments.iter().filter(|f| !new_fragments.contains(f)) {
            names.extend(f.file_name().map(|n| n.to_string_lossy().into_owned()));
        }
        names.retain(|n| !n.is_empty());
        let removed: HashSet<PathBuf> = self.sources.keys().filter(|rel| new.guide(rel).is_none()).cloned().collect();
        for rel in &removed {
            self.drafts.remove(rel);
            self.sources.remove(rel);
            self.ledger.set(Maker::Parse(rel.clone()), Vec::new());
        }
        if !removed.is_empty() {
            self.guides.retain(|g| !removed.contains(&g.source));
            self.index_guides();
            self.built_changed = true;
            self.assets_stale = true;
        }
        self.ledger.set(Maker::Discovery, new.diagnostics.clone());
        self.images = ImageSizes::probe(&new);
        self.discovery = new;
        self.index_dirs();
        self.structure = true;
        self.needs_resolve = true;
        self.generation += 1;
        reparse.extend(self.mentioning(&names));
        // Guides that include a file that came or went through another one.
        reparse.extend(
            self.guides
                .iter()
                .filter(|g| {
                    g.includes.iter().any(|f| f.rel.file_name().is_some_and(|n| names.contains(&*n.to_string_lossy())))
                })
                .map(|g| g.source.clone()),
        );
        reparse.retain(|rel| self.discovery.guide(rel).is_some());
        reparse
    }

    /// Guides whose text mentions one of `names` (or holds a `%`), or that
    /// had diagnostics.
    fn mentioning(&self, names: &BTreeSet<String>) -> Vec<PathBuf> {
        if names.is_empty() {
            return Vec::new();
        }
        self.sources
            .par_iter()
            .filter(|(_, s)| {
                !s.diagnostics.is_empty()
                    || s.text
                        .as_deref()
                        .is_some_and(|t| t.contains('%') || names.iter().any(|n| t.contains(n.as_str())))
            })
            .map(|(rel, _)| rel.clone())
            .collect()
    }

    /// Read and parse `reparse` (relative paths of guides in the current
    /// discovery), and the category files when they were cleared. Returns
    /// the guides parsed.
    fn reparse(&mut self, mut reparse: BTreeSet<PathBuf>, all: bool, progress: &dyn Progress) -> Vec<PathBuf> {
        progress.stage(Stage::Parse, reparse.len());
        // Read, and find drafts; a guide whose draft status flips is as if
        // it came or went for the guides that link to it.
        let mut read: HashMap<PathBuf, Read> = HashMap::new();
        loop {
            let todo: Vec<&GuideSource> = reparse
                .iter()
                .filter(|rel| !read.contains_key(*rel))
                .filter_map(|rel| self.discovery.guide(rel))
                .collect();
            if todo.is_empty() {
                break;
            }
            let overlay = &self.overlay;
            let texts: Vec<(PathBuf, Read)> = map_few(todo, FEW_FILES, |g| {
                let read = match overlay.get(&g.rel) {
                    Some(t) => (Some(t.clone()), Vec::new()),
                    None => read_source(&g.path, &g.rel),
                };
                (g.rel.clone(), read)
            });
            let mut flipped = BTreeSet::new();
            for (rel, (text, diags)) in texts {
                let draft = !self.opts.drafts && text.as_deref().is_some_and(parse::is_draft);
                let was = self.sources.get(&rel).map(|s| s.draft);
                if !all && was.is_some_and(|w| w != draft) {
                    if let Some(g) = self.discovery.guide(&rel) {
                        flipped.insert(g.slug.clone());
                    }
                }
                let revision = self.sources.get(&rel).map_or(0, |s| s.revision);
                if draft {
                    self.drafts.insert(rel.clone());
                } else {
                    self.drafts.remove(&rel);
                }
                if was.is_some_and(|w| w != draft) {
                    self.structure = true;
                }
                self.sources
                    .insert(rel.clone(), Source { text: None, draft, diagnostics: Vec::new(), revision, stamp: None });
                read.insert(rel, (text, diags));
            }
            reparse.extend(self.mentioning(&flipped));
        }
        let draft_sources = std::mem::take(&mut self.drafts);
        let strings = |lang: &str| self.theme.parse_strings(lang);
        let includes = parse::include::DiskIncludes::new(&self.root);
        let cx = ParseContext {
            config: &self.config,
            discovery: &self.discovery,
            highlighter: &self.highlighter,
            strings: &strings,
            drafts: self.opts.drafts,
            draft_sources: &draft_sources,
            schema: &self.schema,
            images: &self.images,
            dates: &self.dates,
            html: self.render,
            includes: &includes,
        };
        let jobs: Vec<(&GuideSource, Option<String>, Vec<Diagnostic>)> = reparse
            .iter()
            .filter_map(|rel| {
                let g = self.discovery.guide(rel)?;
                let (text, diags) = read.remove(rel)?;
                Some((g, text, diags))
            })
            .collect();
        let parsed: Vec<Parsed> = map_few(jobs, FEW_FILES, |(g, text, mut diags)| {
            let guide = match (&text, draft_sources.contains(&g.rel)) {
                (Some(t), false) => {
                    let (guide, d) = parse::parse_guide_text(g, t, &cx);
                    diags.extend(d);
                    Some(guide)
                }
                _ => None,
            };
            progress.advance(1);
            (g.rel.clone(), text, guide, diags)
        });
        if self.categories.is_empty() {
            self.categories = self
                .discovery
                .category_files
                .iter()
                .map(|c| {
                    let (text, weight, diags) = match self.overlay.get(&c.rel) {
                        Some(t) => parse::parse_category_text(c, t, &cx),
                        None => parse::parse_category(c, &cx),
                    };
                    (ParsedCategory { category: c.category.clone(), lang: c.lang.clone(), text, weight }, diags)
                })
                .collect();
            self.ledger.set(Maker::Categories, self.categories.iter().flat_map(|(_, d)| d.iter().cloned()).collect());
            // Category pages show assets too.
            self.assets_stale = true;
        }
        self.drafts = draft_sources;
        let mut done = Vec::with_capacity(parsed.len());
        let mut gone = Vec::new();
        for (rel, text, guide, diagnostics) in parsed {
            let revision = self.next_revision;
            self.next_revision += 1;
            let draft = self.sources.get(&rel).is_some_and(|s| s.draft);
            let at = self.guide_at.get(&rel).copied();
            // A guide that could not be read (or now can) comes or goes.
            if at.is_some() != guide.is_some() {
                self.structure = true;
                self.built_changed = true;
                self.assets_stale = true;
            }
            if guide.is_some() {
                self.dirty.insert(rel.clone());
            }
            match (guide, at) {
                (Some(g), Some(i)) => {
                    let old = &self.guides[i];
                    if !same_resolution(old, &g) {
                        self.needs_resolve = true;
                    }
                    // The asset rules read which files a guide uses and includes.
                    let includes = |g: &Guide| g.includes.iter().map(|f| f.rel.clone()).collect::<Vec<_>>();
                    if old.assets != g.assets || includes(old) != includes(&g) {
                        self.assets_stale = true;
                    }
                    if old.anchors != g.anchors {
                        self.anchors_changed.insert(rel.clone());
                    }
                    self.guides[i] = g;
                }
                (Some(g), None) => {
                    self.needs_resolve = true;
                    self.guides.push(g);
                }
                (None, Some(i)) => {
                    self.needs_resolve = true;
                    gone.push(i);
                }
                // A draft: the asset rules read its text.
                (None, None) => self.assets_stale = true,
            }
            self.ledger.set(Maker::Parse(rel.clone()), diagnostics.clone());
            self.sources.insert(rel.clone(), Source { text, draft, diagnostics, revision, stamp: None });
            done.push(rel);
        }
        gone.sort_unstable();
        for i in gone.into_iter().rev() {
            self.guides.remove(i);
        }
        if self.guide_at.len() != self.guides.len() || self.built_changed {
            self.index_guides();
        }
        done
    }

    /// Where each guide is in `guides`.
    fn index_guides(&mut self) {
        self.guide_at = self.guides.iter().enumerate().map(|(i, g)| (g.source.clone(), i)).collect();
    }

    /// The position of the built guide at `rel` in the site as last
    /// resolved ([`Incremental::with_site`]'s `site.guides`).
    pub fn guide_id(&self, rel: &Path) -> Option<GuideId> {
        self.guide_at.get(rel).copied()
    }

    /// The built guides whose links name the guide at `rel`, sorted.
    pub fn linking(&self, rel: &Path) -> impl Iterator<Item = &PathBuf> {
        self.links.linking(rel)
    }

    /// Remember the folders of every known file.
    fn index_dirs(&mut self) {
        let d = &self.discovery;
        let files = d.guides.iter().map(|g| &g.rel).chain(d.assets.iter().map(|a| &a.rel));
        let mut dirs = HashSet::new();
        for f in files.chain(d.category_files.iter().map(|c| &c.rel)) {
            let mut p = f.parent();
            while let Some(dir) = p.filter(|p| !p.as_os_str().is_empty()) {
                if !dirs.insert(dir.to_path_buf()) {
                    break;
                }
                p = dir.parent();
            }
        }
        self.dirs = dirs;
    }

    /// The whole report (serve prints it and shows it over pages).
    fn report(&self) -> Report {
        Report::new(&self.root, Some(&self.config), self.ledger.all().cloned().collect())
    }

    /// The diagnostics about one file (relative to the site folder) as
    /// `tebiki check` reports them: the site's severities applied, sorted.
    pub fn diagnostics(&self, rel: &Path) -> Vec<Diagnostic> {
        let diags = self.ledger.of_file(rel).map(|(_, d)| d.clone()).collect();
        // Positions are the caller's business: no file is read.
        Report::with_reader(Some(&self.config), diags, |_| None).diagnostics
    }

    /// The files that have diagnostics (before severities are applied).
    pub fn files_with_diagnostics(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self.ledger.files().cloned().collect();
        v.sort();
        v
    }

    /// Resolve, check and, without errors, render what changed.
    fn finish(&mut self, published: &mut dyn FnMut(&[String]), progress: &dyn Progress) -> Result<Outcome, Error> {
        progress.stage(Stage::Check, 0);
        let mut timings = Vec::new();
        let mut t = Instant::now();
        let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
            timings.push((name, t.elapsed()));
            t = Instant::now();
        };
        let guides: Vec<Guide> = std::mem::take(&mut self.guides);
        let mut assets_changed = self.assets_stale || self.last.is_none();
        if self.files_dirty || self.assets.len() != self.discovery.assets.len() {
            self.assets = resolve::assets(&self.discovery);
            assets_changed = true;
            // Rendering clears it once the served files are updated too.
            if !self.render {
                self.files_dirty = false;
            }
        }
        let assets = std::mem::take(&mut self.assets);
        let resolved_now = self.needs_resolve || self.last.is_none();
        let mut site = match self.last.take() {
            // Only content changed: order, categories, translations, related
            // and aliases stand; the guides (already in order) go back in.
            Some(mut site) if !resolved_now => {
                site.guides = guides;
                site.assets = assets;
                site
            }
            _ => {
                let categories: Vec<ParsedCategory> = self.categories.iter().map(|(c, _)| c.clone()).collect();
                let (site, diags) =
                    resolve::resolve_with_assets(self.config.clone(), &self.discovery, guides, categories, assets);
                self.ledger.set(Maker::Resolve, diags);
                self.guide_at = site.guides.iter().enumerate().map(|(i, g)| (g.source.clone(), i)).collect();
                site
            }
        };
        self.needs_resolve = false;
        // Translation status: the originals are hashed from the texts in
        // memory; applied to every build, since the guides are parsed anew.
        let read = |rel: &Path| -> Option<Vec<u8>> {
            match self.sources.get(rel).and_then(|s| s.text.as_ref()) {
                Some(t) => Some(t.as_bytes().to_vec()),
                None => std::fs::read(self.root.join(rel)).ok(),
            }
        };
        let translations = crate::translations::apply(&mut site, self.history.as_ref(), &read);
        self.ledger.set(Maker::Translations, translations);
        lap("resolve", &mut timings);
        let full = std::mem::take(&mut self.built_changed);
        self.guide_rules_check(&site, full);
        lap("check one guide", &mut timings);
        if assets_changed {
            let d = crate::check::asset_checks(&crate::check::CheckInput {
                site: &site,
                root: &self.root,
                skipped_drafts: &self.drafts,
                earlier: &[],
            });
            self.ledger.set(Maker::Assets, d);
        }
        self.assets_stale = false;
        lap("check assets", &mut timings);
        self.anchor_check(&site, full);
        lap("check links", &mut timings);
        if resolved_now || assets_changed {
            self.collisions(&site);
        }
        lap("check outputs", &mut timings);
        self.help_id_check(&site);
        lap("check help ids", &mut timings);
        let report = if self.render { self.report() } else { Report::default() };
        lap("report", &mut timings);
        let mut outcome = Outcome { guides_parsed: 0, timings, ..Default::default() };
        outcome.files = self.ledger.take_changed();
        let clean = report.diagnostics.iter().all(|d| d.severity != Severity::Error);
        let result = if self.render && (clean || !self.built_clean) {
            let rendered = self.render(&site, &mut outcome, published, progress);
            self.built_clean |= clean && rendered.is_ok();
            rendered
        } else {
            Ok(())
        };
        self.assets = std::mem::take(&mut site.assets);
        self.guides = std::mem::take(&mut site.guides);
        self.last = Some(site);
        result?;
        outcome.report = report;
        Ok(outcome)
    }

    /// The rules of one guide alone, for the guides parsed since the last
    /// check (`full`: for every guide, and forgetting the guides no longer
    /// built). A guide's result stands until it is parsed again or the
    /// screenshots reported broken in it change.
    fn guide_rules_check(&mut self, site: &Site, full: bool) {
        let todo: Vec<GuideId> = if full {
            (0..site.guides.len()).collect()
        } else {
            self.dirty.iter().filter_map(|rel| self.guide_at.get(rel).copied()).collect()
        };
        let ledger = &self.ledger;
        let fresh: Vec<(GuideId, RulesKey, Vec<Diagnostic>)> = map_few(todo, FEW_FILES, |id| {
            let g = &site.guides[id];
            // Screenshots already reported missing or unreadable (those of
            // its included files too, at their place in the guide).
            let mut broken = crate::check::broken_in(g, |file| {
                ledger
                    .of_file(file)
                    .filter(|(m, _)| matches!(m, Maker::Parse(s) if *s == g.source) || **m == Maker::Resolve)
                    .filter_map(|(_, d)| crate::check::broken_image_at(d))
                    .collect::<Vec<_>>()
            });
            broken.sort_unstable();
            let revision = self.sources.get(&g.source).map_or(0, |s| s.revision);
            let key = (revision, broken);
            if self.guide_rules.get(&g.source) == Some(&key) {
                return None;
            }
            let d = crate::check::one_guide(g, &key.1);
            Some((id, key, d))
        })
        .into_iter()
        .flatten()
        .collect();
        for (id, key, d) in fresh {
            let source = &site.guides[id].source;
            self.guide_rules.insert(source.clone(), key);
            self.ledger.set(Maker::Rules(source.clone()), d);
        }
        if full {
            let built = &self.guide_at;
            self.guide_rules.retain(|source, _| built.contains_key(source));
            self.ledger.retain(|m| !matches!(m, Maker::Rules(s) if !built.contains_key(s)));
        }
    }

    /// Links to anchors the target does not have: for the guides parsed
    /// since the last check and for the guides linking to a guide whose
    /// anchors changed (`full`: for every guide, and the link index made
    /// again).
    fn anchor_check(&mut self, site: &Site, full: bool) {
        let dirty = std::mem::take(&mut self.dirty);
        let anchors_changed = std::mem::take(&mut self.anchors_changed);
        let targets = |g: &Guide| g.links.iter().map(|l| l.target.clone()).collect::<Vec<_>>();
        let todo: Vec<GuideId> = if full {
            self.links.clear();
            for g in &site.guides {
                self.links.set(&g.source, targets(g));
            }
            let built = &self.guide_at;
            self.ledger.retain(|m| !matches!(m, Maker::Anchors(s) if !built.contains_key(s)));
            (0..site.guides.len()).collect()
        } else {
            let mut again: BTreeSet<&Path> = dirty.iter().map(PathBuf::as_path).collect();
            for t in &anchors_changed {
                again.extend(self.links.linking(t).map(PathBuf::as_path));
            }
            let ids: Vec<GuideId> = again.into_iter().filter_map(|rel| self.guide_at.get(rel).copied()).collect();
            for rel in &dirty {
                if let Some(&id) = self.guide_at.get(rel) {
                    self.links.set(rel, targets(&site.guides[id]));
                }
            }
            ids
        };
        let at = &self.guide_at;
        let built = |p: &Path| at.get(p).map(|&i| &site.guides[i]);
        let fresh: Vec<(GuideId, Vec<Diagnostic>)> =
            map_few(todo, FEW_LINK_CHECKS, |id| (id, crate::check::anchor_checks_of(&site.guides[id], &built)));
        for (id, d) in fresh {
            self.ledger.set(Maker::Anchors(site.guides[id].source.clone()), d);
        }
    }

    /// Output collisions, computed again when what they depend on changed
    /// (which guides exist and their pages, categories, aliases, assets).
    fn collisions(&mut self, site: &Site) {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        self.generation.hash(&mut h);
        for g in &site.guides {
            (&g.source, &g.url).hash(&mut h);
        }
        for c in &site.categories {
            c.path.hash(&mut h);
        }
        for (alias, &g) in &site.aliases {
            (alias, &site.guides[g].source).hash(&mut h);
        }
        for a in &site.assets {
            a.url.hash(&mut h);
        }
        let key = h.finish();
        if self.collisions != Some(key) {
            self.ledger.set(Maker::Outputs, crate::check::output_collisions(site));
            self.collisions = Some(key);
        }
    }

    /// Help ids given twice and listed ids missing, over the whole site,
    /// computed again when some guide's help ids (or where they are
    /// written) changed, or the site was loaded again (the list, read with
    /// the settings, may have changed).
    fn help_id_check(&mut self, site: &Site) {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        self.generation.hash(&mut h);
        for g in site.guides.iter().filter(|g| !g.help_ids.is_empty()) {
            (&g.source, &g.key, &g.lang, &g.help_ids, &g.anchors).hash(&mut h);
        }
        let key = h.finish();
        if self.help_ids != Some(key) {
            self.ledger.set(Maker::HelpIds, crate::check::help_id_checks(site, &self.root));
            self.help_ids = Some(key);
        }
    }

    fn render(
        &mut self,
        site: &Site,
        outcome: &mut Outcome,
        published: &mut dyn FnMut(&[String]),
        progress: &dyn Progress,
    ) -> Result<(), Error> {
        let t = Instant::now();
        let renderer = Renderer::new(site, &self.theme)?;
        outcome.timings.push(("renderer", t.elapsed()));
        let t = Instant::now();
        let computed: Vec<(GuideStamp, bool)> = (0..site.guides.len())
            .into_par_iter()
            .map(|id| {
                let g = &site.guides[id];
                let source = self.sources.get(&g.source);
                match source.and_then(|s| s.stamp) {
                    Some(s) => (s, false),
                    None => (deps::stamp(site, id, source.map_or(0, |s| s.revision)), true),
                }
            })
            .collect();
        for (g, (s, new)) in site.guides.iter().zip(&computed) {
            if *new {
                if let Some(source) = self.sources.get_mut(&g.source) {
                    source.stamp = Some(*s);
                }
            }
        }
        let stamps: Vec<GuideStamp> = computed.into_iter().map(|(s, _)| s).collect();
        let keys = Keys::new(&renderer, &stamps);
        let pages = renderer.pages();

        // Keys of every page; render those whose key changed.
        let guide_keys: Vec<u64> = (0..site.guides.len()).into_par_iter().map(|id| keys.guide(id)).collect();
        let page_keys: Vec<u64> = pages.par_iter().map(|p| keys.page(p, &pages)).collect();
        let mut first = Vec::new();
        let mut gone: Vec<String> = Vec::new();
        if self.structure {
            let mut now: HashMap<String, u64> = HashMap::with_capacity(guide_keys.len());
            for (id, &k) in guide_keys.iter().enumerate() {
                let url = &site.guides[id].url;
                if self.guide_keys.get(url) != Some(&k) {
                    first.push(id);
                }
                now.insert(url.clone(), k);
            }
            gone.extend(self.guide_keys.keys().filter(|p| !now.contains_key(*p)).cloned());
            self.guide_keys = now;
        } else {
            for (id, &k) in guide_keys.iter().enumerate() {
                match self.guide_keys.get_mut(&site.guides[id].url) {
                    Some(old) if *old == k => {}
                    Some(old) => {
                        *old = k;
                        first.push(id);
                    }
                    None => {
                        self.guide_keys.insert(site.guides[id].url.clone(), k);
                        first.push(id);
                    }
                }
            }
        }
        let mut others = Vec::new();
        let mut now: HashMap<String, u64> = HashMap::with_capacity(page_keys.len());
        for (i, &k) in page_keys.iter().enumerate() {
            if self.page_keys.get(&pages[i].path) != Some(&k) {
                others.push(i);
            }
            now.insert(pages[i].path.clone(), k);
        }
        gone.extend(
            self.page_keys.keys().filter(|p| !now.contains_key(*p) && !self.guide_keys.contains_key(*p)).cloned(),
        );
        self.page_keys = now;
        self.structure = false;
        // Guides parsed in this run come first: they are what was edited.
        let (first, rest): (Vec<GuideId>, Vec<GuideId>) =
            first.into_iter().partition(|&id| stamps[id].revision >= self.run_start);

        outcome.timings.push(("keys", t.elapsed()));
        progress.stage(Stage::Render, first.len() + rest.len() + others.len());
        let t = Instant::now();
        // Batch 1: the edited guides' pages.
        let batch: Vec<(String, Option<Served>)> = first
            .par_iter()
            .map(|&id| {
                let page = renderer.guide_page(id)?;
                progress.advance(1);
                Ok((site.guides[id].url.clone(), Some(Served::Bytes(page.into_bytes().into()))))
            })
            .collect::<Result<_, render::RenderError>>()?;
        outcome.pages_rendered += batch.len();
        let changed = self.store.apply(batch);
        if !changed.is_empty() {
            self.search_dirty = true;
            published(&changed);
        }
        outcome.changed.extend(changed);

        outcome.timings.push(("batch 1", t.elapsed()));
        // Batch 2: everything else that changed, files that went, assets, theme files.
        let mut batch: Vec<(String, Option<Served>)> = rest
            .par_iter()
            .map(|&id| {
                let page = renderer.guide_page(id)?;
                progress.advance(1);
                Ok((site.guides[id].url.clone(), Some(Served::Bytes(page.into_bytes().into()))))
            })
            .chain(others.par_iter().map(|&i| {
                let p = &pages[i];
                let page = renderer.render_page(p, &pages)?;
                progress.advance(1);
                Ok((p.path.clone(), Some(Served::Bytes(page.into_bytes().into()))))
            }))
            .collect::<Result<_, render::RenderError>>()?;
        outcome.pages_rendered += batch.len();
        // A path that went as a guide page may now be another page (or the reverse).
        batch.extend(
            gone.into_iter()
                .filter(|p| !self.guide_keys.contains_key(p) && !self.page_keys.contains_key(p))
                .map(|p| (p, None)),
        );
        if self.files_dirty {
            let mut files: HashMap<String, Served> = site
                .assets
                .iter()
                .map(|a| (a.url.clone(), Served::File(a.source.clone())))
                .chain(
                    render::support_files(&self.theme)
                        .into_iter()
                        .chain(build::site_files(&self.schema))
                        .map(|(p, b)| (p, Served::Bytes(b.into()))),
                )
                .collect();
            batch.extend(self.files.keys().filter(|p| !files.contains_key(*p)).map(|p| (p.clone(), None)));
            batch.extend(files.iter().map(|(p, f)| (p.clone(), Some(f.clone()))));
            files.shrink_to_fit();
            self.files = files;
            self.files_dirty = false;
        }
        // The search index covers every guide: marked for a rebuild
        // (refresh_search) whenever a page changed.
        let mut changed = self.store.apply(batch);
        self.search_dirty |= !changed.is_empty();
        changed.extend(self.edited_assets.drain(..).filter(|a| self.files.contains_key(a)));
        if !changed.is_empty() {
            published(&changed);
        }
        outcome.changed.extend(changed);
        outcome.rendered = true;
        Ok(())
    }
}
