//! Watching the site folder with notify: `content/`, `static/`, `themes/`
//! and `schema/` recursively and the site folder itself (for `tebiki.yaml`
//! and folders created later), never the output. Events are debounced: a
//! batch is handed over once the folder has been quiet for [`QUIET`] (or
//! after [`LONGEST`] of steady changes), so a save that arrives as several
//! events (write, rename, attributes) becomes one batch. Reads are not
//! changes: access events are dropped here, since rebuilding reads the very
//! files being watched (the ready-made debouncers pass them on, which would
//! make every rebuild trigger the next). Batches are plain lists of absolute
//! paths; what they mean is decided by [`super::incremental::classify`].

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long the folder must be quiet before a batch is handed over.
pub const QUIET: Duration = Duration::from_millis(10);

/// The longest a batch waits while changes keep coming.
pub const LONGEST: Duration = Duration::from_millis(500);

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    watcher: RecommendedWatcher,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

/// Start watching `root`; batches of changed paths arrive on the receiver.
/// `activity` is set on every event, before its batch is made.
pub fn watch(root: &Path, activity: Arc<AtomicBool>) -> notify::Result<(Watcher, Receiver<Vec<PathBuf>>)> {
    let (raw_tx, raw_rx) = mpsc::channel::<Vec<PathBuf>>();
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res {
            if !matches!(event.kind, EventKind::Access(_)) && !event.paths.is_empty() {
                activity.store(true, Ordering::SeqCst);
                let _ = raw_tx.send(event.paths);
            }
        }
    })?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || debounce(&raw_rx, &tx));
    let mut w = Watcher { watcher, root: root.to_path_buf(), watched: Vec::new() };
    w.watcher.watch(root, RecursiveMode::NonRecursive)?;
    Ok((w, rx))
}

/// Merge events into batches until the sender goes away.
fn debounce(raw: &Receiver<Vec<PathBuf>>, out: &mpsc::Sender<Vec<PathBuf>>) {
    while let Ok(first) = raw.recv() {
        let started = Instant::now();
        let mut batch = first;
        loop {
            let left = LONGEST.saturating_sub(started.elapsed());
            match raw.recv_timeout(QUIET.min(left)) {
                Ok(more) => batch.extend(more),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    let _ = out.send(batch);
                    return;
                }
            }
            if started.elapsed() >= LONGEST {
                break;
            }
        }
        batch.sort();
        batch.dedup();
        if out.send(batch).is_err() {
            return;
        }
    }
}

impl Watcher {
    /// Watch the source folders (`folders`, relative to the site folder,
    /// `.` for the site folder itself) that are not watched yet: new ones,
    /// or another content folder after tebiki.yaml changed.
    pub fn refresh(&mut self, folders: &[&str]) -> notify::Result<()> {
        for name in folders {
            let dir = if *name == "." { self.root.clone() } else { self.root.join(name) };
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.watcher.watch(&dir, RecursiveMode::Recursive)?;
                self.watched.push(dir);
            } else if !dir.is_dir() && self.watched.contains(&dir) {
                self.watched.retain(|d| d != &dir);
            }
        }
        Ok(())
    }
}
