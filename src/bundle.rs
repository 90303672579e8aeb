//! `tebiki bundle`: the built site as one zip for offline help. Every link
//! of a build is relative and names a file, so the unzipped folder works
//! from `file://` wherever it is put; the zip holds the site's files at its
//! root (`index.html` first), deterministically (sorted names, fixed
//! timestamps). The zip is written next to its target and renamed into
//! place, so a failed run leaves an older bundle intact.

use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::build::{self, Error as BuildError, Loaded, Options};
use crate::output::{Memory, MemoryFile, OutputError};
use crate::progress::{Progress, Silent, Stage};
use crate::render::{self, RenderStats};

/// Why a bundle could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("refusing to write the bundle to {0}: {1}")]
    Refused(PathBuf, &'static str),
    #[error("failed to write the bundle {0}: {1}")]
    Zip(PathBuf, String),
}

/// Result of `bundle`.
pub struct Bundled {
    pub loaded: Loaded,
    /// The zip written; `None` when errors stopped the build.
    pub out: Option<PathBuf>,
    pub stats: RenderStats,
    /// Size of the zip in bytes.
    pub size: u64,
}

/// Default place of the bundle: `SITE/<folder name>-help.zip`.
pub fn default_out(root: &Path) -> PathBuf {
    let name = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "site".into());
    root.join(format!("{name}-help.zip"))
}

/// Files that are already compressed gain nothing from deflate.
fn stored(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp" | "zip" | "gz" | "woff2" | "pdf" | "mp4")
}

fn check_out(out: &Path, root: &Path, content: &str) -> Result<(), BundleError> {
    crate::output::refuse_file_output(
        out,
        root,
        content,
        &[b"PK\x03\x04", b"PK\x05\x06"],
        "a file that is not a zip is there",
    )
    .map_err(|(path, why)| match why {
        Ok(reason) => BundleError::Refused(path, reason),
        Err(e) => BundleError::Zip(path, e.to_string()),
    })
}

/// Write the files of a build into a zip stream, advancing `progress` by
/// one per file.
pub fn write_zip<W: Write + Seek>(
    files: &std::collections::BTreeMap<String, MemoryFile>,
    w: W,
    progress: &dyn Progress,
) -> zip::result::ZipResult<W> {
    let mut zip = zip::ZipWriter::new(w);
    // `index.html` first: some tools show the first entry.
    let mut names: Vec<&String> = files.keys().collect();
    names.sort_by_key(|n| (n.as_str() != "index.html", n.as_str()));
    for name in names {
        let method = if stored(name) { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let options = SimpleFileOptions::default().compression_method(method).unix_permissions(0o644);
        zip.start_file(name.as_str(), options)?;
        match &files[name] {
            MemoryFile::Bytes(b) => zip.write_all(b)?,
            MemoryFile::Source(p) => {
                let mut f = std::fs::File::open(p)?;
                std::io::copy(&mut f, &mut zip)?;
            }
        }
        progress.advance(1);
    }
    zip.finish()
}

/// Load, check and, without errors, write the site as a zip.
pub fn bundle(opts: &Options) -> Result<Bundled, BundleError> {
    bundle_with(opts, &Silent)
}

/// [`bundle`], reporting its stages to `progress`.
pub fn bundle_with(opts: &Options, progress: &dyn Progress) -> Result<Bundled, BundleError> {
    let mut loaded = build::load_with(opts, progress)?;
    if loaded.report.errors() > 0 {
        return Ok(Bundled { loaded, out: None, stats: RenderStats::default(), size: 0 });
    }
    // A bundle is read from disk: the full-size files alone keep the zip small.
    let images = build::derive_images(&mut loaded, false, progress)?;
    if loaded.report.errors() > 0 {
        return Ok(Bundled { loaded, out: None, stats: RenderStats { images, ..RenderStats::default() }, size: 0 });
    }
    let target = opts.out.clone().unwrap_or_else(|| default_out(&loaded.root));
    check_out(&target, &loaded.root, &loaded.site.config.content)?;
    let memory = Memory::default();
    let stats = render::render_site(&loaded.site, &loaded.theme, &memory, progress).map_err(BuildError::from)?;
    let stats = RenderStats { images, ..stats };
    for (path, bytes) in build::site_files(&loaded.schema) {
        crate::output::Sink::write(&memory, &path, &bytes).map_err(BuildError::from)?;
    }
    let files = memory.into_files();
    progress.stage(Stage::Write, files.len());

    let target = std::path::absolute(&target).map_err(|e| BundleError::Zip(target.clone(), e.to_string()))?;
    let parent = target.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&parent).map_err(|e| OutputError::Io(parent.clone(), e))?;
    let partial = crate::output::beside(&target, "partial");
    let result = std::fs::File::create(&partial)
        .map_err(|e| e.to_string())
        .and_then(|f| write_zip(&files, std::io::BufWriter::new(f), progress).map_err(|e| e.to_string()))
        .and_then(|mut w| w.flush().map_err(|e| e.to_string()));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(BundleError::Zip(target, e));
    }
    std::fs::rename(&partial, &target).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        BundleError::Zip(target.clone(), e.to_string())
    })?;
    let size = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    Ok(Bundled { loaded, out: Some(target), stats, size })
}
