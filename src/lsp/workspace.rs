//! The editor's view of the sites: open documents (their unsaved texts),
//! one checking pipeline ([`Incremental`]) per site that holds an opened
//! file, and the diagnostics last published per file.
//!
//! A change (a keystroke in a buffer, a file saved or created on disk, a
//! buffer closed) only marks its path as pending; [`Workspace::flush`]
//! then applies every pending path of a site in one update — changes that
//! arrived while the previous update ran are checked together (the
//! debounce costs no waiting) — and publishes the diagnostics of the
//! edited buffers first, then of every other file whose diagnostics
//! changed (a renamed heading breaks links in other guides).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Instant;

use crossbeam_channel::{Receiver, Sender};
use lsp_types::{DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Url};

use crate::build::Options;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Span;
use crate::serve::{watch, Incremental};

use super::index::SiteIndex;
use super::text::Text;

/// An open document.
#[derive(Debug)]
pub struct Doc {
    pub text: Text,
    pub version: i32,
    /// Absolute path of the file.
    pub path: PathBuf,
    /// The site that holds it, if any.
    pub root: Option<PathBuf>,
}

/// A site's pipeline and what was published for it.
pub struct Site {
    /// `None` while the site cannot be loaded (`error` says why).
    pub inc: Option<Incremental>,
    pub error: Option<String>,
    /// Watches the site folder; dropped with the site.
    watcher: Option<watch::Watcher>,
    /// Changed paths (absolute) not yet applied.
    pending: BTreeSet<PathBuf>,
    /// Files to publish after the next flush even when their diagnostics
    /// did not change (opened or edited buffers), relative to the site folder.
    forced: HashSet<PathBuf>,
    /// What was last published per file (relative to the site folder),
    /// and a hash of the text its ranges were computed on.
    published: HashMap<PathBuf, (Vec<Key>, u64)>,
    /// The site's labels, tags and `applies_to` values, for completion.
    pub index: SiteIndex,
}

/// What tells two diagnostics of an unchanged file apart.
type Key = (&'static str, Severity, Option<Span>, String, Option<String>);

fn key(d: &Diagnostic) -> Key {
    (d.rule.id, d.severity, d.span.clone(), d.message.clone(), d.hint.clone())
}

/// Every open document and every loaded site.
pub struct Workspace {
    drafts: bool,
    pub docs: HashMap<Url, Doc>,
    pub sites: BTreeMap<PathBuf, Site>,
    /// Batches of changed paths from the sites' watchers: (site, paths).
    fs_tx: Sender<(PathBuf, Vec<PathBuf>)>,
    pub fs_rx: Receiver<(PathBuf, Vec<PathBuf>)>,
    /// Watch site folders (off in tests that drive changes themselves).
    watch: bool,
}

/// Where to send notifications.
pub trait Publish {
    fn diagnostics(&mut self, params: PublishDiagnosticsParams);
    fn error(&mut self, message: String);
}

impl Workspace {
    pub fn new(drafts: bool, watch: bool) -> Workspace {
        let (fs_tx, fs_rx) = crossbeam_channel::unbounded();
        Workspace { drafts, docs: HashMap::new(), sites: BTreeMap::new(), fs_tx, fs_rx, watch }
    }

    /// The site folder holding `path`, and whether it was loaded now
    /// (with the open documents' texts, `path`'s included).
    fn site_for(&mut self, path: &Path, out: &mut dyn Publish) -> Option<(PathBuf, bool)> {
        let dir = path.parent()?;
        let root = crate::config::find_site_root(dir).ok()?;
        if self.sites.contains_key(&root) {
            return Some((root, false));
        }
        let rel = path.strip_prefix(&root).ok()?.to_path_buf();
        self.load(&root, &HashSet::from([rel]), out);
        Some((root, true))
    }

    /// Load a site and publish all its diagnostics (and those of `opened`,
    /// even when it has none).
    fn load(&mut self, root: &Path, opened: &HashSet<PathBuf>, out: &mut dyn Publish) {
        let overlay: HashMap<PathBuf, String> = self
            .docs
            .values()
            .filter_map(|d| Some((d.path.strip_prefix(root).ok()?.to_path_buf(), d.text.as_str().to_string())))
            .collect();
        let opts = Options { site: root.to_path_buf(), drafts: self.drafts, ..Default::default() };
        let watcher = self.watch.then(|| self.start_watching(root)).flatten();
        let mut site = Site {
            inc: None,
            error: None,
            watcher,
            pending: BTreeSet::new(),
            forced: HashSet::new(),
            published: HashMap::new(),
            index: SiteIndex::default(),
        };
        match Incremental::checking(opts, overlay) {
            Ok((inc, _)) => {
                if let Some(w) = &mut site.watcher {
                    let _ = w.refresh(&inc.watched_folders());
                }
                site.inc = Some(inc);
                self.sites.insert(root.to_path_buf(), site);
                let _ = self.publish(root, opened, &[], None, out);
            }
            Err(e) => {
                let message = format!("tebiki: cannot check the site {}: {e}", root.display());
                site.error = Some(message.clone());
                self.sites.insert(root.to_path_buf(), site);
                out.error(message);
            }
        }
    }

    fn start_watching(&self, root: &Path) -> Option<watch::Watcher> {
        let (watcher, batches) = watch::watch(root, Arc::new(AtomicBool::new(false))).ok()?;
        let tx = self.fs_tx.clone();
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            for batch in batches {
                if tx.send((root.clone(), batch)).is_err() {
                    break;
                }
            }
        });
        Some(watcher)
    }

    /// A document was opened.
    pub fn open(&mut self, uri: Url, text: String, version: i32, out: &mut dyn Publish) {
        let Ok(path) = uri.to_file_path() else {
            return;
        };
        self.docs.insert(uri.clone(), Doc { text: Text::new(text), version, path: path.clone(), root: None });
        let Some((root, loaded)) = self.site_for(&path, out) else {
            return;
        };
        if let Some(doc) = self.docs.get_mut(&uri) {
            doc.root = Some(root);
        }
        // A site loaded now has read the buffer already.
        if !loaded {
            self.changed_buffer(&uri);
        }
    }

    /// A document changed (its text is already updated) or was opened:
    /// the pipeline reads the buffer from the next update on.
    pub fn changed_buffer(&mut self, uri: &Url) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let Some(site) = doc.root.as_ref().and_then(|r| self.sites.get_mut(r)) else {
            return;
        };
        let root = doc.root.as_deref().unwrap_or(Path::new(""));
        let Ok(rel) = doc.path.strip_prefix(root) else {
            return;
        };
        site.forced.insert(rel.to_path_buf());
        // Only guides and category files are read from buffers; the
        // others count when saved.
        let Some(inc) = &mut site.inc else {
            return;
        };
        let d = inc.discovery();
        if d.guide(rel).is_none() && !d.category_files.iter().any(|c| c.rel == rel) {
            return;
        }
        inc.set_overlay(rel, Some(doc.text.as_str().to_string()));
        site.pending.insert(doc.path.clone());
    }

    /// A document was closed: the file on disk counts again.
    pub fn close(&mut self, uri: &Url) {
        let Some(doc) = self.docs.remove(uri) else {
            return;
        };
        let Some(root) = doc.root else {
            return;
        };
        if let Some(site) = self.sites.get_mut(&root) {
            let rel = doc.path.strip_prefix(&root).unwrap_or(&doc.path).to_path_buf();
            // Only a buffer the pipeline read stands for its file.
            if let Some(inc) = site.inc.as_mut().filter(|i| i.is_overlaid(&rel)) {
                inc.set_overlay(&rel, None);
                site.pending.insert(doc.path);
            }
        }
    }

    /// Files changed on disk (from a watcher or the editor).
    pub fn changed_files(&mut self, paths: Vec<PathBuf>) {
        for path in paths {
            let root = self.sites.keys().filter(|r| path.starts_with(r)).max_by_key(|r| r.as_os_str().len()).cloned();
            if let Some(site) = root.as_ref().and_then(|r| self.sites.get_mut(r)) {
                site.pending.insert(path);
            }
        }
    }

    /// A batch from a site's watcher.
    pub fn watched(&mut self, root: &Path, paths: Vec<PathBuf>) {
        if let Some(site) = self.sites.get_mut(root) {
            if let (Some(w), Some(inc)) = (&mut site.watcher, &site.inc) {
                let _ = w.refresh(&inc.watched_folders());
            }
            site.pending.extend(paths);
        }
    }

    /// Whether any site has changes not yet applied.
    pub fn dirty(&self) -> bool {
        self.sites.values().any(|s| !s.pending.is_empty() || !s.forced.is_empty())
    }

    /// Apply the pending changes of every site and publish what changed.
    pub fn flush(&mut self, out: &mut dyn Publish) {
        let roots: Vec<PathBuf> = self
            .sites
            .iter()
            .filter(|(_, s)| !s.pending.is_empty() || !s.forced.is_empty())
            .map(|(r, _)| r.clone())
            .collect();
        for root in roots {
            let Some(site) = self.sites.get_mut(&root) else { continue };
            let paths: Vec<PathBuf> = std::mem::take(&mut site.pending).into_iter().collect();
            let mut forced = std::mem::take(&mut site.forced);
            if paths.is_empty() {
                let _ = self.publish(&root, &forced, &[], Some(&[]), out);
                continue;
            }
            let Some(inc) = &mut site.inc else {
                // Could not be loaded: try again when its files change.
                self.sites.remove(&root);
                self.load(&root, &forced, out);
                continue;
            };
            match inc.update_pages(&paths, &mut |_| {}) {
                Ok(outcome) if outcome.skipped => {
                    let _ = self.publish(&root, &forced, &[], Some(&[]), out);
                }
                Ok(outcome) => {
                    let started = Instant::now();
                    site.error = None;
                    site.index.parsed(&outcome.parsed, outcome.rediscovered);
                    let rels: Vec<PathBuf> =
                        paths.iter().filter_map(|p| Some(p.strip_prefix(&root).ok()?.to_path_buf())).collect();
                    forced.extend(rels.iter().filter(|r| self.docs.values().any(|d| d.path == root.join(r))).cloned());
                    let published = self.publish(&root, &forced, &rels, Some(&outcome.files), out);
                    if std::env::var_os("TEBIKI_TIMINGS").is_some() {
                        let stages: Vec<String> = outcome
                            .timings
                            .iter()
                            .map(|(s, d)| format!("{s} {:.1}", d.as_secs_f64() * 1000.0))
                            .collect();
                        eprintln!(
                            "tebiki lsp: checked in {:.1} ms ({}), {published} files published in {:.1} ms",
                            outcome.elapsed.as_secs_f64() * 1000.0,
                            stages.join(", "),
                            started.elapsed().as_secs_f64() * 1000.0,
                        );
                    }
                }
                Err(e) => {
                    let message = format!("tebiki: cannot check the site {}: {e}", root.display());
                    if site.error.as_ref() != Some(&message) {
                        site.error = Some(message.clone());
                        out.error(message);
                    }
                }
            }
        }
    }

    /// Publish the diagnostics of `forced` files (open buffers that
    /// changed, published first), of `files` whose diagnostics changed
    /// (`None`: every file, after a load), and of files of `touched`
    /// (changed on disk) whose text changed since they were published
    /// (their ranges may have moved).
    fn publish(
        &mut self,
        root: &Path,
        forced: &HashSet<PathBuf>,
        touched: &[PathBuf],
        files: Option<&[PathBuf]>,
        out: &mut dyn Publish,
    ) -> usize {
        let Some(site) = self.sites.get_mut(root) else {
            return 0;
        };
        let Some(inc) = site.inc.as_ref() else {
            return 0;
        };
        let mut candidates: BTreeSet<PathBuf> = forced.iter().chain(touched).cloned().collect();
        match files {
            Some(files) => candidates.extend(files.iter().cloned()),
            None => {
                candidates.extend(inc.files_with_diagnostics());
                candidates.extend(site.published.keys().cloned());
            }
        }
        let mut changed: Vec<(PathBuf, Vec<Diagnostic>)> = Vec::new();
        for file in candidates {
            let diags = inc.diagnostics(&file);
            let keys: Vec<Key> = diags.iter().map(key).collect();
            let before = site.published.get(&file);
            let moved =
                || touched.contains(&file) && before.map(|(_, h)| *h) != Some(hash(&file_text(Some(inc), root, &file)));
            let differs = before.map_or(!keys.is_empty(), |(k, _)| *k != keys);
            if forced.contains(&file) || differs || (!keys.is_empty() && moved()) {
                changed.push((file, diags));
            }
        }
        // Edited buffers first: they are what the writer looks at.
        changed.sort_by(|a, b| (!forced.contains(&a.0), &a.0).cmp(&(!forced.contains(&b.0), &b.0)));
        let docs = &self.docs;
        let mut count = 0;
        for (file, diags) in changed {
            let path = root.join(&file);
            let Ok(uri) = Url::from_file_path(&path) else {
                continue;
            };
            let doc = docs.get(&uri);
            if diags.is_empty() && doc.is_none() && !site.published.contains_key(&file) {
                // Nothing to tell about a file that is neither open nor had problems.
                continue;
            }
            let text = match doc {
                Some(d) => d.text.clone(),
                None => Text::new(file_text(Some(inc), root, &file)),
            };
            if diags.is_empty() {
                site.published.remove(&file);
            } else {
                site.published.insert(file.clone(), (diags.iter().map(key).collect(), hash(text.as_str())));
            }
            let diagnostics = diags.iter().map(|d| to_lsp(d, &text)).collect();
            out.diagnostics(PublishDiagnosticsParams { uri, diagnostics, version: doc.map(|d| d.version) });
            count += 1;
        }
        count
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// The text of a file of a site as the pipeline sees it: the buffer or
/// the guide as last read, else the file on disk (read lossily, as the
/// report of `tebiki check` does).
pub fn file_text(inc: Option<&Incremental>, root: &Path, rel: &Path) -> String {
    if let Some(t) = inc.and_then(|i| i.text(rel)) {
        return t.to_string();
    }
    std::fs::read(root.join(rel)).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

/// A diagnostic as the editor gets it: the rule id as code, the message
/// with the hint on a `help:` line (the hint alone in `data.hint`, for
/// code actions).
pub fn to_lsp(d: &Diagnostic, text: &Text) -> lsp_types::Diagnostic {
    let range = d.span.as_ref().map(|s| text.range(s)).unwrap_or_default();
    let mut message = d.message.clone();
    if let Some(h) = &d.hint {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.id.to_string())),
        source: Some("tebiki".into()),
        message,
        data: Some(serde_json::json!({ "hint": d.hint })),
        ..Default::default()
    }
}
