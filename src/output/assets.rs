//! Putting a site's assets (screenshots, static files) into a build, doing
//! as little file-system work as the previous output allows.
//!
//! Each asset is compared with the previous output by the quick check rsync
//! makes (a regular file of the same size and modification time as the
//! source; copies keep the source's time). Then, folder by folder:
//! - a folder that only assets go into, whose previous copy holds exactly
//!   those files and sub-folders, all unchanged, is *carried over*: nothing
//!   is written for it now, and [`super::Output::commit`] moves the whole
//!   folder from the previous output into the new one with one rename;
//! - otherwise each unchanged file is hard-linked from the previous output
//!   and each new or changed one copied from its source.
//!
//! Either way the previous output is only read until the commit, so a build
//! that fails leaves it intact, and sources are never linked: the previous
//! output is tebiki's own. Folders are reached through directory handles so
//! the kernel walks no long path per file.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use rustix::fd::{AsFd, OwnedFd};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, RenameFlags, Stat, Timespec, Timestamps};

use super::{folder_and_name, Output, OutputError};
use crate::model::Asset;

/// Whether a file of the previous output holds what the source holds, by
/// the quick check rsync makes: a regular file of the same size and time.
fn same_file_data(previous: &Stat, source: &Stat) -> bool {
    FileType::from_raw_mode(previous.st_mode) == FileType::RegularFile
        && previous.st_size == source.st_size
        && (previous.st_mtime, previous.st_mtime_nsec) == (source.st_mtime, source.st_mtime_nsec)
}

fn open_dir(path: &Path, flags: OFlags) -> rustix::io::Result<OwnedFd> {
    rustix::fs::open(path, flags | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())
}

/// One output folder of a group of assets, with what the previous output
/// holds for it.
struct Folder<'a> {
    rel: &'a str,
    files: Vec<&'a Asset>,
    children: Vec<usize>,
    /// Per file: the source's metadata, and whether the previous output
    /// holds the same data under the same name.
    sources: Vec<Stat>,
    unchanged: Vec<bool>,
    /// The previous copy holds exactly `files` and `children`, all unchanged,
    /// recursively.
    carry: bool,
}

/// How many entries (besides `.` and `..`) a folder of the previous output
/// has, or `None` when it cannot be read: such a folder is never carried.
fn entry_count(dir: &OwnedFd) -> Option<usize> {
    let mut buf = [std::mem::MaybeUninit::<u8>::uninit(); 8192];
    let mut entries = rustix::fs::RawDir::new(dir, &mut buf);
    let mut count = 0;
    while let Some(entry) = entries.next() {
        if !matches!(entry.ok()?.file_name().to_bytes(), b"." | b"..") {
            count += 1;
        }
    }
    Some(count)
}

impl Output {
    /// Put every asset of a site at its output path (see the module doc).
    /// Folders the staging already has (made by [`Output::create_dirs`] for
    /// pages and other files) are filled file by file; the others may be
    /// carried over whole.
    pub fn copy_assets(&self, assets: &[Asset]) -> Result<(), OutputError> {
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner()).clone();
        // Group assets under the highest folder of their path that the
        // staging does not have; an asset whose own folder it has is grouped
        // with that folder's other files and never carried.
        let mut groups: BTreeMap<(&str, bool), Vec<&Asset>> = BTreeMap::new();
        for a in assets {
            let folder = folder_and_name(&a.url).0;
            let key = if made.contains(folder) {
                (folder, false)
            } else {
                let mut top = folder;
                while let Some((parent, _)) = top.rsplit_once('/') {
                    if made.contains(parent) {
                        break;
                    }
                    top = parent;
                }
                (top, true)
            };
            groups.entry(key).or_default().push(a);
        }
        let groups: Vec<_> = groups.into_iter().collect();
        groups.par_iter().try_for_each(|((top, may_carry), files)| self.place_group(top, *may_carry, files))
    }

    /// Put one group of assets (all under `top`) into the staging.
    fn place_group(&self, top: &str, may_carry: bool, files: &[&Asset]) -> Result<(), OutputError> {
        let mut folders = group_folders(top, files);
        for folder in &mut folders {
            self.survey(folder, may_carry)?;
        }
        // Children come after their parents: decide bottom-up.
        for i in (0..folders.len()).rev() {
            let f = &folders[i];
            let carry =
                may_carry && f.carry && f.unchanged.iter().all(|&u| u) && f.children.iter().all(|&c| folders[c].carry);
            folders[i].carry = carry;
        }
        self.place(&folders, 0)
    }

    /// Read the sources' metadata of a folder's files and compare them with
    /// the previous output; note whether the previous copy can be carried.
    fn survey(&self, folder: &mut Folder<'_>, may_carry: bool) -> Result<(), OutputError> {
        // Handles are opened per folder and closed with it, so a group of
        // any size holds a few at a time.
        let flags = if may_carry { OFlags::RDONLY } else { OFlags::PATH };
        let previous = self.previous_dir(folder.rel, flags);
        // A carried folder must hold nothing else: its expected files are
        // checked one by one below, its sub-folders when they are surveyed.
        let entries = if may_carry { previous.as_ref().and_then(entry_count) } else { None };
        let mut sources = SourceDirs::default();
        // Files of one source (a screenshot's derived files, shared by
        // every guide showing it) are looked at once.
        let mut seen: FxHashMap<&Path, Stat> = FxHashMap::default();
        for a in &folder.files {
            let name = folder_and_name(&a.url).1;
            let meta = match seen.get(a.source.as_path()) {
                Some(meta) => *meta,
                None => {
                    let (src, src_name) = sources.of(a)?;
                    let meta = rustix::fs::statat(src, src_name, AtFlags::empty())
                        .map_err(|e| OutputError::Io(a.source.clone(), e.into()))?;
                    seen.insert(&a.source, meta);
                    meta
                }
            };
            let unchanged = previous.as_ref().is_some_and(|prev| {
                rustix::fs::statat(prev, name, AtFlags::SYMLINK_NOFOLLOW).is_ok_and(|p| same_file_data(&p, &meta))
            });
            folder.sources.push(meta);
            folder.unchanged.push(unchanged);
        }
        folder.carry = entries == Some(folder.files.len() + folder.children.len());
        Ok(())
    }

    /// Carry `folders[i]` over, or make it in the staging and fill it.
    fn place(&self, folders: &[Folder<'_>], i: usize) -> Result<(), OutputError> {
        let folder = &folders[i];
        if folder.carry {
            self.carried.lock().unwrap_or_else(|e| e.into_inner()).push(folder.rel.to_string());
            return Ok(());
        }
        let stage_path = self.staging.join(folder.rel);
        if let Err(e) = rustix::fs::mkdir(&stage_path, Mode::from_raw_mode(0o777)) {
            if e != rustix::io::Errno::EXIST {
                return Err(OutputError::Io(stage_path, e.into()));
            }
        }
        if !folder.files.is_empty() {
            let stage =
                open_dir(&stage_path, OFlags::PATH).map_err(|e| OutputError::Io(stage_path.clone(), e.into()))?;
            let previous =
                folder.unchanged.contains(&true).then(|| self.previous_dir(folder.rel, OFlags::PATH)).flatten();
            let mut sources = SourceDirs::default();
            for (k, a) in folder.files.iter().enumerate() {
                let name = folder_and_name(&a.url).1;
                let linked = folder.unchanged[k]
                    && previous
                        .as_ref()
                        .is_some_and(|prev| rustix::fs::linkat(prev, name, &stage, name, AtFlags::empty()).is_ok());
                if !linked {
                    let (src, src_name) = sources.of(a)?;
                    self.copy_file(a, src, src_name, &folder.sources[k], &stage)?;
                }
            }
        }
        folder.children.iter().try_for_each(|&c| self.place(folders, c))
    }

    /// The previous output's copy of folder `rel`, not through a symbolic
    /// link (a carried folder must be a folder), if there is one.
    fn previous_dir(&self, rel: &str, flags: OFlags) -> Option<OwnedFd> {
        open_dir(&self.target.join(rel), flags | OFlags::NOFOLLOW).ok()
    }

    /// Copy one asset (`src_name` in the folder `src`) into the staging
    /// folder `stage`, giving the copy the source's time so the next build
    /// recognises it.
    fn copy_file(
        &self,
        a: &Asset,
        src: &OwnedFd,
        src_name: &OsStr,
        meta: &Stat,
        stage: &impl AsFd,
    ) -> Result<(), OutputError> {
        let name = folder_and_name(&a.url).1;
        let from = rustix::fs::openat(src, src_name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())
            .map_err(|e| OutputError::Io(a.source.clone(), e.into()))?;
        let mode = Mode::from_raw_mode(meta.st_mode) & Mode::from_bits_truncate(0o777);
        let fail_to = |e: io::Error| OutputError::Io(self.staging.join(&a.url), e);
        let to =
            rustix::fs::openat(stage, name, OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC, mode)
                .map_err(|e| fail_to(e.into()))?;
        let (mut from, mut to) = (std::fs::File::from(from), std::fs::File::from(to));
        io::copy(&mut from, &mut to).map_err(fail_to)?;
        let times = Timestamps {
            last_access: Timespec { tv_sec: 0, tv_nsec: rustix::fs::UTIME_OMIT },
            last_modification: Timespec { tv_sec: meta.st_mtime as _, tv_nsec: meta.st_mtime_nsec as _ },
        };
        rustix::fs::futimens(&to, &times).map_err(|e| fail_to(e.into()))
    }
}

/// The source folders of one output folder's files, the last one open.
#[derive(Default)]
struct SourceDirs<'a> {
    open: Option<(&'a Path, OwnedFd)>,
}

impl<'a> SourceDirs<'a> {
    /// The folder handle and file name of an asset's source.
    fn of(&mut self, a: &'a Asset) -> Result<(&OwnedFd, &'a OsStr), OutputError> {
        let (Some(parent), Some(name)) = (a.source.parent(), a.source.file_name()) else {
            let not_a_file = io::Error::new(io::ErrorKind::InvalidInput, "not a file path");
            return Err(OutputError::Io(a.source.clone(), not_a_file));
        };
        if self.open.as_ref().is_none_or(|(p, _)| *p != parent) {
            let fd = open_dir(parent, OFlags::PATH).map_err(|e| OutputError::Io(parent.to_path_buf(), e.into()))?;
            self.open = Some((parent, fd));
        }
        Ok((&self.open.as_ref().expect("opened above").1, name))
    }
}

/// The folders of a group of assets under `top`, parents before children
/// (index 0 is `top`), each with its files and the indices of its children.
fn group_folders<'a>(top: &'a str, files: &[&'a Asset]) -> Vec<Folder<'a>> {
    let mut by_folder: BTreeMap<&'a str, Vec<&'a Asset>> = BTreeMap::new();
    by_folder.insert(top, Vec::new());
    for a in files {
        let mut folder = folder_and_name(&a.url).0;
        by_folder.entry(folder).or_default().push(a);
        // Every folder between the file and `top` is part of the group.
        while folder != top {
            folder = folder_and_name(folder).0;
            by_folder.entry(folder).or_default();
        }
    }
    // Order by depth, so parents come first.
    let mut rels: Vec<&'a str> = by_folder.keys().copied().collect();
    rels.sort_by_key(|r| (r.matches('/').count() + usize::from(!r.is_empty()), *r));
    let index: BTreeMap<&str, usize> = rels.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let mut folders: Vec<Folder<'a>> = rels
        .iter()
        .map(|rel| Folder {
            rel,
            files: by_folder.remove(rel).unwrap_or_default(),
            children: Vec::new(),
            sources: Vec::new(),
            unchanged: Vec::new(),
            carry: false,
        })
        .collect();
    for i in 1..folders.len() {
        let parent = folder_and_name(folders[i].rel).0;
        let p = index[parent];
        folders[p].children.push(i);
    }
    folders
}

/// Move the carried folder `rel` from the previous output (now at
/// `old_root`) into the new one (`new_root`). When the new output already
/// has something there, the previous files are moved in beside it, never
/// over it.
pub(super) fn move_carried(old_root: &Path, new_root: &Path, rel: &str) -> io::Result<()> {
    let (from, to) = (old_root.join(rel), new_root.join(rel));
    match rustix::fs::rename(&from, &to) {
        Ok(()) => Ok(()),
        Err(e) if e == rustix::io::Errno::NOTEMPTY || e == rustix::io::Errno::EXIST => merge(&from, &to),
        Err(e) => Err(e.into()),
    }
}

/// Move every file of `from` into `to` that `to` does not have yet.
fn merge(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            merge(&src, &dst)?;
        } else {
            match rustix::fs::renameat_with(rustix::fs::CWD, &src, rustix::fs::CWD, &dst, RenameFlags::NOREPLACE) {
                Ok(()) => {}
                Err(e) if e == rustix::io::Errno::EXIST => {}
                // A file system without "no replace" renames.
                Err(e) if e == rustix::io::Errno::INVAL => {
                    if std::fs::symlink_metadata(&dst).is_err() {
                        std::fs::rename(&src, &dst)?;
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}
