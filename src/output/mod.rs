//! Writing a build: every file goes into a staging folder next to the
//! target, which replaces the previous output only when the whole build
//! succeeded. A failed or interrupted build leaves the previous site intact.
//! Also the [`Sink`] that rendering writes to, with a [`Memory`] one for
//! `bundle`, and the refusal of dangerous targets.

mod assets;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::model::{Asset, FileId};

/// Name of the file that marks a folder as written by tebiki.
pub const MARKER: &str = ".tebiki-output";

/// Why an output folder is refused.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site into {0}: {1}")]
    Refused(PathBuf, &'static str),
    #[error("failed to write {0}: {1}")]
    Io(PathBuf, io::Error),
}

/// Where rendering puts files. Called from many threads at once.
pub trait Sink: Sync {
    /// Announce every output path before writing (a disk sink makes folders).
    fn create_dirs(&self, _paths: &mut dyn Iterator<Item = &str>) -> Result<(), OutputError> {
        Ok(())
    }
    /// Write a file's contents.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError>;
    /// Put a source file (an asset) at `rel`.
    fn copy(&self, rel: &str, source: &Path) -> Result<(), OutputError>;
    /// Put every asset of a site at its output path.
    fn copy_assets(&self, assets: &[Asset]) -> Result<(), OutputError> {
        assets.par_iter().try_for_each(|a| self.copy(&a.url, &a.source))
    }
}

/// A file of a build held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoryFile {
    Bytes(Vec<u8>),
    /// An asset, still in its source file.
    Source(PathBuf),
}

/// A build kept in memory: output path → file.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, MemoryFile>>,
}

impl Memory {
    /// The files, sorted by path.
    pub fn into_files(self) -> BTreeMap<String, MemoryFile> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), MemoryFile::Bytes(bytes.to_vec()));
        Ok(())
    }

    fn copy(&self, rel: &str, source: &Path) -> Result<(), OutputError> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), MemoryFile::Source(source.to_path_buf()));
        Ok(())
    }
}

impl Sink for Output {
    fn create_dirs(&self, paths: &mut dyn Iterator<Item = &str>) -> Result<(), OutputError> {
        Output::create_dirs(self, paths)
    }
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        Output::write(self, rel, bytes)
    }
    fn copy(&self, rel: &str, source: &Path) -> Result<(), OutputError> {
        Output::copy(self, rel, source)
    }
    fn copy_assets(&self, assets: &[Asset]) -> Result<(), OutputError> {
        Output::copy_assets(self, assets)
    }
}

/// A build in progress.
#[derive(Debug)]
pub struct Output {
    staging: PathBuf,
    /// Where the previous output goes while the new one takes its place.
    old: PathBuf,
    target: PathBuf,
    /// Folders made in the staging by [`Output::create_dirs`] (`""` is the
    /// staging itself), with all their parents.
    made: Mutex<HashSet<String>>,
    /// Folders of the previous output that [`Output::commit`] moves into
    /// the new one (see [`assets`]).
    carried: Mutex<Vec<String>>,
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |e| OutputError::Io(path.to_path_buf(), e)
}

/// Delete a folder tree, its top-level entries in parallel.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|p| match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(p),
        Ok(_) => std::fs::remove_file(p),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    })?;
    std::fs::remove_dir(dir)
}

/// The folders of a site that hold its sources: nothing is written there.
/// `content` stands for the site's content folder (`content:` in
/// tebiki.yaml); [`source_folders`] gives the real names.
pub const SOURCE_FOLDERS: [&str; 4] = ["content", "static", "themes", "schema"];

/// Why a single-file output (a bundle's zip, a PDF manual) may not be
/// written at `out`: inside the site's sources, a folder, or a file that
/// does not start with one of `magic` (a file of another kind is never
/// overwritten). The error carries the absolute path and the reason.
pub fn refuse_file_output(
    out: &Path,
    root: &Path,
    content: &str,
    magic: &[&[u8]],
    other_kind: &'static str,
) -> Result<(), (PathBuf, Result<&'static str, std::io::Error>)> {
    let abs = std::path::absolute(out).map_err(|e| (out.to_path_buf(), Err(e)))?;
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let parent = abs.parent().and_then(|p| p.canonicalize().ok()).unwrap_or_default();
    if source_folders(content).iter().any(|source| parent.starts_with(site.join(source))) {
        return Err((abs, Ok("it is inside the site's sources")));
    }
    if abs.is_dir() {
        return Err((abs, Ok("it is a folder")));
    }
    if abs.is_file() {
        let len = magic.iter().map(|m| m.len()).max().unwrap_or(0);
        let mut head = vec![0u8; len];
        let known = std::fs::File::open(&abs)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok_and(|()| magic.iter().any(|m| head.starts_with(m)));
        if !known {
            return Err((abs, Ok(other_kind)));
        }
    }
    Ok(())
}

/// The source folders of a site whose content folder is `content`
/// (relative to the site folder; `.` is the site folder itself, which is
/// then left out: its built sites are recognised by their marker file).
pub fn source_folders(content: &str) -> Vec<&str> {
    SOURCE_FOLDERS.iter().map(|&f| if f == "content" { content } else { f }).filter(|&f| f != ".").collect()
}

/// Kinds of the hidden folders a build keeps beside its target: the new
/// output being written, and the previous one while it is replaced.
const STAGING: &str = "staging";
const OLD: &str = "old";

/// The name, up to the process id, of a hidden file or folder of kind
/// `kind` beside the target named `name`.
fn beside_prefix(name: &str, kind: &str) -> String {
    format!(".{name}.tebiki-{kind}-")
}

/// Write `bytes` to `target` through a hidden file beside it, renamed over
/// it: a reader never sees a half-written file. The hidden file is removed
/// when either step fails.
pub(crate) fn write_by_rename(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let partial = beside(target, "partial");
    std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, target)).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })
}

/// The hidden file or folder of kind `kind` that this process keeps beside
/// the absolute path `target` while it writes it.
pub(crate) fn beside(target: &Path, kind: &str) -> PathBuf {
    let parent = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    parent.join(format!("{}{}", beside_prefix(&name, kind), std::process::id()))
}

/// Delete what builds into `<parent>/<name>` that were killed left behind
/// (their staging or previous output), when their process is gone.
fn remove_abandoned(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let (staging, old) = (beside_prefix(name, STAGING), beside_prefix(name, OLD));
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        let Some(pid) = file_name.strip_prefix(&staging).or_else(|| file_name.strip_prefix(&old)) else { continue };
        // A folder whose name is not one of ours, or whose process lives, stays.
        let alive = match pid.parse::<i32>().ok().and_then(rustix::process::Pid::from_raw) {
            None => true,
            Some(pid) => rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH),
        };
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// An output path's folder and file name (`""` for the site root).
fn folder_and_name(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or(("", rel))
}

/// Check that `target` is a sensible place for a built site.
pub fn check_target(target: &Path, site_root: &Path, content: &str, force: bool) -> Result<(), OutputError> {
    let abs = std::path::absolute(target).map_err(io_err(target))?;
    let canon = abs.canonicalize().unwrap_or_else(|_| abs.clone());
    let site = site_root.canonicalize().unwrap_or_else(|_| site_root.to_path_buf());
    if canon.parent().is_none() {
        return Err(OutputError::Refused(abs, "it is the file system root"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if home.canonicalize().ok().as_deref() == Some(canon.as_path()) {
            return Err(OutputError::Refused(abs, "it is the home folder"));
        }
    }
    if canon == site || site.starts_with(&canon) {
        return Err(OutputError::Refused(abs, "it is the site folder or holds it"));
    }
    for source in source_folders(content) {
        if canon.starts_with(site.join(source)) {
            return Err(OutputError::Refused(abs, "it is inside the site's sources"));
        }
    }
    if !force && canon.is_dir() && !canon.join(MARKER).exists() {
        let mut entries = std::fs::read_dir(&canon).map_err(io_err(&canon))?;
        if entries.next().is_some() {
            return Err(OutputError::Refused(
                abs,
                "it holds files tebiki did not write (pass --force to replace them)",
            ));
        }
    }
    Ok(())
}

impl Output {
    /// Start a build whose result will replace `target`.
    pub fn begin(target: &Path) -> Result<Output, OutputError> {
        let target = std::path::absolute(target).map_err(io_err(target))?;
        let parent = target.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let (staging, old) = (beside(&target, STAGING), beside(&target, OLD));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        remove_abandoned(&parent, &name);
        let made = Mutex::new(HashSet::from([String::new()]));
        Ok(Output { staging, old, target, made, carried: Mutex::new(Vec::new()) })
    }

    /// Create every folder the given output paths need, once.
    pub fn create_dirs<'a>(&self, paths: impl IntoIterator<Item = &'a str>) -> Result<(), OutputError> {
        let mut dirs: BTreeSet<&str> = paths.into_iter().filter_map(|p| p.rsplit_once('/').map(|(d, _)| d)).collect();
        {
            // Only folders not made before are made now.
            let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
            dirs.retain(|d| !made.contains(*d));
            for d in &dirs {
                let mut d = *d;
                while made.insert(d.to_string()) {
                    let Some((parent, _)) = d.rsplit_once('/') else { break };
                    d = parent;
                }
            }
        }
        // One task per top-level folder; inside it, parents come first.
        let mut groups: Vec<Vec<&str>> = Vec::new();
        for d in dirs {
            let top = d.split('/').next().unwrap_or(d);
            match groups.last_mut() {
                Some(g) if g[0].split('/').next() == Some(top) => g.push(d),
                _ => groups.push(vec![d]),
            }
        }
        groups.par_iter().try_for_each(|group| {
            group.iter().try_for_each(|d| {
                let path = self.staging.join(d);
                std::fs::create_dir_all(&path).map_err(io_err(&path))
            })
        })
    }

    /// Write a file (its folder must exist, see [`Output::create_dirs`]).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.staging.join(rel);
        std::fs::write(&path, bytes).or_else(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                if let Some(p) = path.parent() {
                    std::fs::create_dir_all(p).map_err(io_err(p))?;
                }
                std::fs::write(&path, bytes).map_err(io_err(&path))
            } else {
                Err(OutputError::Io(path.clone(), e))
            }
        })
    }

    /// Copy a source file into the output. When the previous output holds
    /// the same file (same size and modification time as the source, the
    /// quick check rsync makes), it is hard-linked from there instead: the
    /// previous output is tebiki's own, so sources are never linked, and a
    /// rebuild of a site with many screenshots skips most of the copying.
    pub fn copy(&self, rel: &str, source: &Path) -> Result<(), OutputError> {
        self.copy_assets(&[Asset { source: source.to_path_buf(), url: rel.to_string(), file: FileId::UNKNOWN }])
    }

    /// Replace the target with the finished build.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        std::fs::write(
            self.staging.join(MARKER),
            b"This folder was written by tebiki; it is replaced on every build.\n",
        )
        .map_err(io_err(&self.staging))?;
        let old = &self.old;
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, old).map_err(io_err(&self.target))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            if had_old {
                let _ = std::fs::rename(old, &self.target);
            }
            return Err(OutputError::Io(self.target.clone(), e));
        }
        if had_old {
            // Folders of unchanged assets move over from the previous build.
            let mut carried = self.carried.into_inner().unwrap_or_else(|e| e.into_inner());
            carried.sort_unstable();
            carried
                .par_iter()
                .try_for_each(|rel| assets::move_carried(old, &self.target, rel))
                .map_err(io_err(&self.target))?;
            remove_tree(old).map_err(io_err(old))?;
        }
        Ok(self.target.clone())
    }

    /// Throw the staging folder away, leaving the target as it was.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_abort_keeps() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let out = Output::begin(&target).unwrap();
        out.write("a/b.html", b"one").unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::read(target.join("a/b.html")).unwrap(), b"one");

        let out = Output::begin(&target).unwrap();
        out.write("a/b.html", b"two").unwrap();
        out.abort();
        assert_eq!(std::fs::read(target.join("a/b.html")).unwrap(), b"one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "staging folder left behind");
    }

    #[test]
    fn unchanged_files_are_linked_from_the_previous_output_and_changed_ones_copied() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.png"), dir.path().join("b.png"));
        std::fs::write(&a, b"aaaa").unwrap();
        std::fs::write(&b, b"bbbb").unwrap();
        let target = dir.path().join("public");
        let out = Output::begin(&target).unwrap();
        out.copy("a.png", &a).unwrap();
        out.copy("b.png", &b).unwrap();
        out.commit().unwrap();
        let first = std::fs::metadata(target.join("a.png")).unwrap().ino();

        // b changes (same size, new time); a does not.
        std::fs::write(&b, b"BBBB").unwrap();
        filetime::set_file_mtime(&b, filetime::FileTime::from_unix_time(1_000_000_000, 0)).unwrap();
        let out = Output::begin(&target).unwrap();
        out.copy("a.png", &a).unwrap();
        out.copy("b.png", &b).unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::metadata(target.join("a.png")).unwrap().ino(), first, "a was linked, not copied");
        assert_eq!(std::fs::read(target.join("b.png")).unwrap(), b"BBBB");
        assert_eq!(std::fs::read(&a).unwrap(), b"aaaa", "the source is untouched");
        assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 1, "sources are never linked");
    }

    #[test]
    fn copy_assets_links_unchanged_files_by_folder_and_copies_changed_ones() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir_all(src.join("g/shots")).unwrap();
        let names = ["g/shots/1.png", "g/shots/2.png", "g/top.png", "root.png"];
        for n in names {
            std::fs::write(src.join(n), n.as_bytes()).unwrap();
        }
        let assets: Vec<Asset> = names
            .iter()
            .rev() // order must not matter
            .map(|n| Asset { source: src.join(n), url: format!("a/{n}"), file: FileId::UNKNOWN })
            .collect();
        let target = dir.path().join("public");
        let build = || {
            let out = Output::begin(&target).unwrap();
            out.create_dirs(assets.iter().map(|a| a.url.as_str())).unwrap();
            out.copy_assets(&assets).unwrap();
            out.commit().unwrap();
        };
        build();
        for n in names {
            let (copy, source) = (target.join("a").join(n), src.join(n));
            assert_eq!(std::fs::read(&copy).unwrap(), n.as_bytes());
            let (c, s) = (std::fs::metadata(&copy).unwrap(), std::fs::metadata(&source).unwrap());
            assert_eq!(c.modified().unwrap(), s.modified().unwrap(), "{n} keeps the source's time");
            assert_eq!(s.nlink(), 1, "sources are never linked");
        }
        let ino = |n: &str| std::fs::metadata(target.join("a").join(n)).unwrap().ino();
        let before: Vec<u64> = names.iter().map(|n| ino(n)).collect();

        // 2.png changes (same size, another time); the others do not.
        std::fs::write(src.join("g/shots/2.png"), b"G/SHOTS/2.PNG").unwrap();
        filetime::set_file_mtime(src.join("g/shots/2.png"), filetime::FileTime::from_unix_time(1_000_000_000, 0))
            .unwrap();
        build();
        for (n, old) in names.iter().zip(&before) {
            let changed = *n == "g/shots/2.png";
            assert_eq!(ino(n) == *old, !changed, "{n} linked: {}", !changed);
        }
        assert_eq!(std::fs::read(target.join("a/g/shots/2.png")).unwrap(), b"G/SHOTS/2.PNG");
        assert_eq!(std::fs::read(src.join("g/shots/1.png")).unwrap(), b"g/shots/1.png", "the source is untouched");
    }

    /// A site whose assets live in folders no page goes into (as guides'
    /// screenshots do), built into `public` with `index.html` and `g.html`.
    struct CarrySite {
        _dir: tempfile::TempDir,
        src: PathBuf,
        target: PathBuf,
        assets: Vec<Asset>,
    }

    impl CarrySite {
        fn new() -> CarrySite {
            let dir = tempfile::tempdir().unwrap();
            let src = dir.path().join("src");
            let mut assets = Vec::new();
            for n in ["g/shots/1.png", "g/shots/2.png", "g/top.png", "h/x.png"] {
                std::fs::create_dir_all(src.join(n).parent().unwrap()).unwrap();
                std::fs::write(src.join(n), n.as_bytes()).unwrap();
                assets.push(Asset { source: src.join(n), url: n.to_string(), file: FileId::UNKNOWN });
            }
            let target = dir.path().join("public");
            CarrySite { _dir: dir, src, target, assets }
        }

        /// Stage a build; the caller commits or aborts it.
        fn stage(&self) -> Output {
            let out = Output::begin(&self.target).unwrap();
            out.create_dirs(["index.html", "g.html"]).unwrap();
            out.write("index.html", b"home").unwrap();
            out.copy_assets(&self.assets).unwrap();
            out
        }

        fn build(&self) {
            self.stage().commit().unwrap();
        }

        fn ino(&self, rel: &str) -> u64 {
            use std::os::unix::fs::MetadataExt;
            std::fs::symlink_metadata(self.target.join(rel)).unwrap().ino()
        }

        fn files(&self) -> Vec<String> {
            let mut files: Vec<String> = walkdir::WalkDir::new(&self.target)
                .into_iter()
                .map(|e| e.unwrap())
                .filter(|e| e.file_type().is_file())
                .map(|e| e.path().strip_prefix(&self.target).unwrap().to_string_lossy().into_owned())
                .collect();
            files.sort();
            files
        }
    }

    const BUILT: [&str; 6] = [".tebiki-output", "g/shots/1.png", "g/shots/2.png", "g/top.png", "h/x.png", "index.html"];

    #[test]
    fn folders_of_unchanged_assets_are_carried_over_whole() {
        let site = CarrySite::new();
        site.build();
        assert_eq!(site.files(), BUILT);
        let (g, shots, h, one) = (site.ino("g"), site.ino("g/shots"), site.ino("h"), site.ino("g/shots/1.png"));

        site.build();
        assert_eq!(site.files(), BUILT);
        assert_eq!((site.ino("g"), site.ino("h")), (g, h), "the folders themselves moved over");
        assert_eq!(std::fs::read(site.target.join("g/shots/2.png")).unwrap(), b"g/shots/2.png");

        // One screenshot changes: its folders are made anew, its unchanged
        // neighbours linked, the untouched folder still carried.
        std::fs::write(site.src.join("g/shots/2.png"), b"G/SHOTS/2.PNG").unwrap();
        filetime::set_file_mtime(site.src.join("g/shots/2.png"), filetime::FileTime::from_unix_time(1_000_000_000, 0))
            .unwrap();
        site.build();
        assert_eq!(site.files(), BUILT);
        assert_eq!(std::fs::read(site.target.join("g/shots/2.png")).unwrap(), b"G/SHOTS/2.PNG");
        assert_ne!(site.ino("g"), g);
        assert_ne!(site.ino("g/shots"), shots);
        assert_eq!(site.ino("g/shots/1.png"), one, "an unchanged neighbour is linked");
        assert_eq!(site.ino("h"), h);
        assert_eq!(std::fs::read(site.src.join("g/shots/1.png")).unwrap(), b"g/shots/1.png", "sources untouched");
    }

    #[test]
    fn a_folder_holding_anything_else_is_not_carried() {
        let mut site = CarrySite::new();
        site.build();
        let shots = site.ino("g/shots");
        // A file the site no longer has, left in the previous output.
        std::fs::write(site.target.join("h/stale.png"), b"old").unwrap();
        site.build();
        // (The folder's inode says nothing here: a new folder may get the
        // number the old one freed.)
        assert_eq!(site.files(), BUILT, "the stale file is gone");

        // An asset removed from the site: its folder is made anew, the
        // sub-folder that still matches is carried.
        site.assets.retain(|a| a.url != "g/top.png");
        site.build();
        let expected: Vec<&str> = BUILT.iter().copied().filter(|f| *f != "g/top.png").collect();
        assert_eq!(site.files(), expected);
        assert_eq!(site.ino("g/shots"), shots);

        // A symbolic link where a folder was is never followed.
        std::fs::remove_dir_all(site.target.join("h")).unwrap();
        std::fs::create_dir_all(site.src.join("elsewhere")).unwrap();
        std::fs::write(site.src.join("elsewhere/x.png"), b"h/x.png").unwrap();
        std::os::unix::fs::symlink(site.src.join("elsewhere"), site.target.join("h")).unwrap();
        site.build();
        assert!(std::fs::symlink_metadata(site.target.join("h")).unwrap().is_dir());
        assert_eq!(site.files(), expected, "the link's folder is not the output's");
        assert_eq!(std::fs::read(site.src.join("elsewhere/x.png")).unwrap(), b"h/x.png");
    }

    #[test]
    fn a_carried_folder_is_left_in_place_until_the_commit() {
        let site = CarrySite::new();
        site.build();
        // A build that fails after deciding what to carry changes nothing.
        site.stage().abort();
        assert_eq!(site.files(), BUILT);

        // Something written into a carried folder after the decision: the
        // commit moves the previous files in beside it.
        let out = site.stage();
        out.write("h/late.txt", b"late").unwrap();
        out.commit().unwrap();
        let mut expected = BUILT.to_vec();
        expected.insert(4, "h/late.txt");
        assert_eq!(site.files(), expected);
        assert_eq!(std::fs::read(site.target.join("h/x.png")).unwrap(), b"h/x.png");
    }

    #[test]
    fn folders_left_by_killed_builds_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        // No process has this id (above the kernel's largest); process 1 lives.
        let (dead, alive) = (dir.path().join(".public.tebiki-old-2147483646"), dir.path().join(".public.tebiki-old-1"));
        let dead_staging = dir.path().join(".public.tebiki-staging-2147483646");
        let other = dir.path().join(".other.tebiki-old-2147483646");
        for d in [&dead, &alive, &dead_staging, &other] {
            std::fs::create_dir_all(d.join("x")).unwrap();
        }
        Output::begin(&target).unwrap().commit().unwrap();
        assert!(!dead.exists() && !dead_staging.exists());
        assert!(alive.exists(), "a live build's folder stays");
        assert!(other.exists(), "another target's folder stays");
    }

    #[test]
    fn dangerous_targets_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        assert!(check_target(&site, &site, "content", false).is_err());
        assert!(check_target(dir.path(), &site, "content", false).is_err());
        assert!(check_target(&site.join("content/out"), &site, "content", false).is_err());
        assert!(check_target(Path::new("/"), &site, "content", true).is_err());
        let foreign = dir.path().join("foreign");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "x").unwrap();
        assert!(check_target(&foreign, &site, "content", false).is_err());
        assert!(check_target(&foreign, &site, "content", true).is_ok());
        assert!(check_target(&site.join("public"), &site, "content", false).is_ok());
    }
}
