//! Dates a guide's front matter does not give (`dates:` in tebiki.yaml):
//! from git history, read with gix in one walk for the whole site, or from
//! the file's modification time. Runs beside reading the guides; parse
//! fills the dates in ([`FileDates::fill`]), so `build`, `check` and
//! `serve` derive them alike.
//!
//! What each mode gives a guide whose front matter lacks the field:
//! - `git` (default): `published` is the day of the first commit that added
//!   or changed the file, `updated` the day of the last one, when it is a
//!   later day than `published`. A file no commit touches (not in a
//!   repository, or never committed) gets `published` from its modification
//!   time and no `updated`. Days are the committer's, in the committer's
//!   time zone. Merges count against their first parent. A shallow clone
//!   knows only its own commits: CI should fetch the whole history.
//! - `file`: `published` is the day of the file's modification time (local
//!   time), and so is `updated` when it is a later day than `published`.
//! - `none`: nothing is derived; a guide without `published` shows no date.
//!
//! Dates written in front matter (or their aliases, `date`, `lastmod` …)
//! always win.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::{DateSource, SiteConfig};
use crate::model::FrontMatter;

/// First and last day a file was committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// What history knows about the site's guides.
#[derive(Debug, Default)]
pub struct FileDates {
    pub mode: DateSource,
    /// By path relative to the site folder (`/`-separated), Markdown files
    /// of the content folder only.
    committed: FxHashMap<PathBuf, Span>,
    /// Commits read (for measurements).
    pub commits: usize,
}

impl FileDates {
    /// No derived dates (`dates: none`), for tests and tools.
    pub fn none() -> Self {
        FileDates { mode: DateSource::None, ..Default::default() }
    }

    /// Read what `config.dates` asks for: the git history holding the site
    /// folder `root`, once. A site outside any repository, or one whose
    /// history cannot be read, has no committed dates.
    pub fn read(root: &Path, config: &SiteConfig) -> Self {
        let mut dates = FileDates { mode: config.dates, ..Default::default() };
        if config.dates == DateSource::Git {
            if let Some((committed, commits)) = walk_history(root, &config.content) {
                dates.committed = committed;
                dates.commits = commits;
            }
        }
        dates
    }

    /// The committed days of a file (relative to the site folder).
    pub fn committed(&self, rel: &Path) -> Option<Span> {
        self.committed.get(rel).copied()
    }

    /// Fill the dates `meta` lacks for the guide at `path` (`rel` relative
    /// to the site folder), as the module documentation says.
    pub fn fill(&self, rel: &Path, path: &Path, meta: &mut FrontMatter) {
        if meta.published.is_some() && meta.updated.is_some() {
            return;
        }
        let later = |day: NaiveDate, published: Option<NaiveDate>| published.is_some_and(|p| day > p).then_some(day);
        match self.mode {
            DateSource::None => {}
            DateSource::Git => match self.committed(rel) {
                Some(span) => {
                    let published = *meta.published.get_or_insert(span.first);
                    meta.updated = meta.updated.or(later(span.last, Some(published)));
                }
                None => {
                    if meta.published.is_none() {
                        meta.published = modified_day(path);
                    }
                }
            },
            DateSource::File => {
                let Some(day) = modified_day(path) else { return };
                let published = *meta.published.get_or_insert(day);
                meta.updated = meta.updated.or(later(day, Some(published)));
            }
        }
    }
}

/// The local day of a file's modification time.
fn modified_day(path: &Path) -> Option<NaiveDate> {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    Some(chrono::DateTime::<chrono::Local>::from(modified).date_naive())
}

/// The day of a commit time, in the time zone it was written in.
fn day_of(time: gix::date::Time) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(time.seconds + i64::from(time.offset), 0).map(|t| t.date_naive())
}

/// Walk every commit reachable from HEAD once and note, for each Markdown
/// file under the content folder, the first and last day a commit added or
/// changed it. Only the content folder's tree is compared between a commit
/// and its first parent, and not at all when it is the same object, so
/// commits that do not touch the guides cost one tree lookup.
fn walk_history(root: &Path, content: &str) -> Option<(FxHashMap<PathBuf, Span>, usize)> {
    let repo = gix::discover(root).ok()?;
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let site = root.canonicalize().ok()?;
    let site_in_repo = site.strip_prefix(&workdir).ok()?;
    // The content folder as a path inside the repository, and as seen from the site.
    let content_in_repo: PathBuf = if content == "." { site_in_repo.to_path_buf() } else { site_in_repo.join(content) };
    let content_from_site = if content == "." { PathBuf::new() } else { PathBuf::from(content) };
    let head = repo.head_id().ok()?.detach();
    // Every commit with its first parent (reading only the commits), then
    // the tree comparisons in parallel, in runs of consecutive commits.
    let commits: Vec<(gix::ObjectId, Option<gix::ObjectId>)> = repo
        .rev_walk([head])
        .all()
        .ok()?
        .filter_map(Result::ok)
        .map(|info| (info.id, info.parent_ids.first().copied()))
        .collect();
    let shared = repo.into_sync();
    let run = (commits.len() / (4 * rayon::current_num_threads())).max(64);
    let parts: Vec<FxHashMap<PathBuf, Span>> = commits
        .par_chunks(run)
        .map(|chunk| {
            let mut repo = shared.to_thread_local();
            // Consecutive commits share most trees: each is decompressed once.
            repo.object_cache_size_if_unset(32 << 20);
            compare_commits(&repo, chunk, &content_in_repo, &content_from_site)
        })
        .collect();
    let mut spans = FxHashMap::default();
    for part in parts {
        for (path, span) in part {
            spans
                .entry(path)
                .and_modify(|s: &mut Span| {
                    s.first = s.first.min(span.first);
                    s.last = s.last.max(span.last);
                })
                .or_insert(span);
        }
    }
    Some((spans, commits.len()))
}

/// A commit's content-folder tree and the day it was committed.
type ContentTree = (gix::ObjectId, Option<NaiveDate>);

/// The Markdown files each commit of `commits` added or changed under the
/// content folder, compared with its first parent, with their first and
/// last days.
fn compare_commits(
    repo: &gix::Repository,
    commits: &[(gix::ObjectId, Option<gix::ObjectId>)],
    content_in_repo: &Path,
    content_from_site: &Path,
) -> FxHashMap<PathBuf, Span> {
    // The content folder's tree in a commit (None: it has none), and its day.
    let content_tree = |id: gix::ObjectId| -> Option<ContentTree> {
        let commit = repo.find_commit(id).ok()?;
        let day = commit.time().ok().and_then(day_of);
        let tree = commit.tree().ok()?;
        if content_in_repo.as_os_str().is_empty() {
            return Some((tree.id, day));
        }
        let entry = tree.lookup_entry_by_path(content_in_repo).ok()??;
        entry.mode().is_tree().then(|| (entry.object_id(), day))
    };
    let mut spans: FxHashMap<PathBuf, Span> = FxHashMap::default();
    let mut state = gix::diff::tree::State::default();
    let empty = gix::ObjectId::empty_tree(repo.object_hash());
    let (mut old_buf, mut new_buf) = (Vec::new(), Vec::new());
    // A commit's parent is usually the next commit of the run: read once.
    let mut next: Option<(gix::ObjectId, Option<ContentTree>)> = None;
    for &(id, parent) in commits {
        let this = match next.take() {
            Some((known, tree)) if known == id => tree,
            _ => content_tree(id),
        };
        let parent_tree = parent.map(|p| (p, content_tree(p)));
        next = parent_tree;
        let Some((new_tree, Some(day))) = this else { continue };
        let old_tree = next.and_then(|(_, t)| t).map_or(empty, |(t, _)| t);
        if old_tree == new_tree {
            continue;
        }
        let old = tree_iter(repo, old_tree, &mut old_buf);
        let new = tree_iter(repo, new_tree, &mut new_buf);
        let (Some(old), Some(new)) = (old, new) else { continue };
        let mut recorder = gix::diff::tree::Recorder::default();
        if gix::diff::tree(old, new, &mut state, &repo.objects, &mut recorder).is_err() {
            continue;
        }
        for change in recorder.records {
            use gix::diff::tree::recorder::Change;
            let (mode, path) = match &change {
                Change::Addition { entry_mode, path, .. } | Change::Modification { entry_mode, path, .. } => {
                    (entry_mode, path)
                }
                Change::Deletion { .. } => continue,
            };
            let Ok(path) = std::str::from_utf8(path) else { continue };
            if !mode.is_blob() || !is_markdown(path) {
                continue;
            }
            spans
                .entry(content_from_site.join(path))
                .and_modify(|s| {
                    s.first = s.first.min(day);
                    s.last = s.last.max(day);
                })
                .or_insert(Span { first: day, last: day });
        }
    }
    spans
}

fn tree_iter<'b>(
    repo: &gix::Repository,
    id: gix::ObjectId,
    buf: &'b mut Vec<u8>,
) -> Option<gix::objs::TreeRefIter<'b>> {
    if id == gix::ObjectId::empty_tree(repo.object_hash()) {
        buf.clear();
        return Some(gix::objs::TreeRefIter::from_bytes(buf, repo.object_hash()));
    }
    let tree = repo.find_tree(id).ok()?;
    buf.clear();
    buf.extend_from_slice(&tree.data);
    Some(gix::objs::TreeRefIter::from_bytes(buf, repo.object_hash()))
}

fn is_markdown(path: &str) -> bool {
    let lower = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}
