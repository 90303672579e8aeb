//! What git history says about the site's Markdown files: every commit
//! that added or changed one, newest first, with the file's blob after it.
//! Read with gix in one walk from HEAD, newest commit first (a commit comes
//! before its parents, so commits of one second keep their order; merges
//! count against their first parent); only the content folder's tree is compared between a commit
//! and its parent, and not at all when it is the same object. A site
//! outside a repository, or whose history cannot be read, has none.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

/// One commit's change to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The commit's place in the walk: 0 is the newest. A change with a
    /// lower number came after one with a higher.
    pub seq: usize,
    /// Commit time, seconds since the epoch.
    pub time: i64,
    /// The file's blob after the commit.
    pub blob: gix::ObjectId,
}

/// The committed changes of the content folder's Markdown files.
#[derive(Debug, Default)]
pub struct History {
    /// By path relative to the site folder, newest first.
    changes: FxHashMap<PathBuf, Vec<Change>>,
}

impl History {
    /// Read the history of the repository holding the site folder `root`
    /// (its `content` folder); `None` outside a repository.
    pub fn read(root: &Path) -> Option<History> {
        let repo = gix::discover(root).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        let site = root.canonicalize().ok()?;
        let content_in_repo = site.strip_prefix(&workdir).ok()?.join("content");
        let head = repo.head_id().ok()?.detach();
        let empty = gix::ObjectId::empty_tree(repo.object_hash());
        // The content folder's tree in a commit (None: it has none).
        let content_tree = |id: gix::ObjectId| -> Option<gix::ObjectId> {
            let tree = repo.find_commit(id).ok()?.tree().ok()?;
            let entry = tree.lookup_entry_by_path(&content_in_repo).ok()??;
            entry.mode().is_tree().then(|| entry.object_id())
        };
        let mut changes: FxHashMap<PathBuf, Vec<Change>> = FxHashMap::default();
        let mut state = gix::diff::tree::State::default();
        let (mut old_buf, mut new_buf) = (Vec::new(), Vec::new());
        let newest_first = gix::revision::walk::Sorting::ByCommitTime(Default::default());
        for (seq, info) in repo.rev_walk([head]).sorting(newest_first).all().ok()?.enumerate() {
            let Ok(info) = info else { continue };
            let Some(new_tree) = content_tree(info.id) else { continue };
            let old_tree = info.parent_ids.first().and_then(|&p| content_tree(p)).unwrap_or(empty);
            if old_tree == new_tree {
                continue;
            }
            let Some(time) = repo.find_commit(info.id).ok().and_then(|c| c.time().ok()).map(|t| t.seconds) else {
                continue;
            };
            let (Some(old), Some(new)) =
                (tree_iter(&repo, old_tree, &mut old_buf), tree_iter(&repo, new_tree, &mut new_buf))
            else {
                continue;
            };
            let mut recorder = gix::diff::tree::Recorder::default();
            if gix::diff::tree(old, new, &mut state, &repo.objects, &mut recorder).is_err() {
                continue;
            }
            for change in recorder.records {
                use gix::diff::tree::recorder::Change as C;
                let (mode, oid, path) = match &change {
                    C::Addition { entry_mode, oid, path, .. } | C::Modification { entry_mode, oid, path, .. } => {
                        (entry_mode, oid, path)
                    }
                    C::Deletion { .. } => continue,
                };
                let Ok(path) = std::str::from_utf8(path) else { continue };
                if mode.is_blob() && is_markdown(path) {
                    changes.entry(Path::new("content").join(path)).or_default().push(Change { seq, time, blob: *oid });
                }
            }
        }
        Some(History { changes })
    }

    /// The committed changes of a file (relative to the site folder), newest first.
    pub fn changes(&self, rel: &Path) -> &[Change] {
        self.changes.get(rel).map_or(&[], Vec::as_slice)
    }
}

fn tree_iter<'b>(
    repo: &gix::Repository,
    id: gix::ObjectId,
    buf: &'b mut Vec<u8>,
) -> Option<gix::objs::TreeRefIter<'b>> {
    buf.clear();
    if id != gix::ObjectId::empty_tree(repo.object_hash()) {
        buf.extend_from_slice(&repo.find_tree(id).ok()?.data);
    }
    Some(gix::objs::TreeRefIter::from_bytes(buf, repo.object_hash()))
}

fn is_markdown(path: &str) -> bool {
    let lower = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The id git gives a file's bytes as a blob (`git hash-object`).
pub fn blob_id(bytes: &[u8]) -> Option<gix::ObjectId> {
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes).ok()
}
