//! Writing a build: every file goes into a staging folder next to the
//! target, which replaces the previous output only when the whole build
//! succeeded. A failed or interrupted build leaves the previous site intact.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

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

/// A build in progress.
#[derive(Debug)]
pub struct Output {
    staging: PathBuf,
    target: PathBuf,
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |e| OutputError::Io(path.to_path_buf(), e)
}

/// Delete a folder tree, its top-level entries in parallel.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|p| match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(p),
        Ok(_) => std::fs::remove_file(p),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    })?;
    std::fs::remove_dir(dir)
}

/// Check that `target` is a sensible place for a built site.
pub fn check_target(target: &Path, site_root: &Path, force: bool) -> Result<(), OutputError> {
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
    for source in ["content", "static", "themes", "schema"] {
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
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let staging = parent.join(format!(".{name}.tebiki-staging-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        Ok(Output { staging, target })
    }

    /// The folder files are written to until [`Output::commit`].
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Create every folder the given output paths need, once.
    pub fn create_dirs<'a>(&self, paths: impl IntoIterator<Item = &'a str>) -> Result<(), OutputError> {
        let dirs: BTreeSet<&str> = paths.into_iter().filter_map(|p| p.rsplit_once('/').map(|(d, _)| d)).collect();
        for d in dirs {
            let path = self.staging.join(d);
            std::fs::create_dir_all(&path).map_err(io_err(&path))?;
        }
        Ok(())
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
        let path = self.staging.join(rel);
        let meta = std::fs::metadata(source).map_err(io_err(source))?;
        let previous = self.target.join(rel);
        if let Ok(prev) = std::fs::symlink_metadata(&previous) {
            let same = prev.is_file() && prev.len() == meta.len() && prev.modified().ok() == meta.modified().ok();
            if same && std::fs::hard_link(&previous, &path).is_ok() {
                return Ok(());
            }
        }
        std::fs::copy(source, &path).map_err(io_err(source))?;
        // Give the copy the source's time, so the next build can recognise it.
        filetime::set_file_mtime(&path, filetime::FileTime::from_last_modification_time(&meta)).map_err(io_err(&path))
    }

    /// Replace the target with the finished build.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        std::fs::write(
            self.staging.join(MARKER),
            b"This folder was written by tebiki; it is replaced on every build.\n",
        )
        .map_err(io_err(&self.staging))?;
        let old = self.target.with_file_name(format!(
            ".{}.tebiki-old-{}",
            self.target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(io_err(&self.target))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(OutputError::Io(self.target.clone(), e));
        }
        if had_old {
            remove_tree(&old).map_err(io_err(&old))?;
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
    fn dangerous_targets_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        assert!(check_target(&site, &site, false).is_err());
        assert!(check_target(dir.path(), &site, false).is_err());
        assert!(check_target(&site.join("content/out"), &site, false).is_err());
        assert!(check_target(Path::new("/"), &site, true).is_err());
        let foreign = dir.path().join("foreign");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "x").unwrap();
        assert!(check_target(&foreign, &site, false).is_err());
        assert!(check_target(&foreign, &site, true).is_ok());
        assert!(check_target(&site.join("public"), &site, false).is_ok());
    }
}
